"""The code stays clean: ruff (configured in pyproject.toml) finds nothing."""

import shutil
import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent


def test_ruff_finds_nothing():
    ruff = shutil.which("ruff") or str(Path(sys.executable).parent / "ruff")
    proc = subprocess.run([ruff, "check", "kg", "tests", "benchmarks", "notebooks"], cwd=ROOT,
                          capture_output=True, text=True)
    assert proc.returncode == 0, proc.stdout + proc.stderr


def _possessive(tree) -> bool:
    """Whether a parsed pattern holds a possessive quantifier or an atomic group, at any depth."""
    from re import _constants as c
    from re import _parser

    for op, av in tree:
        if op in (c.POSSESSIVE_REPEAT, c.ATOMIC_GROUP):
            return True
        for x in av if isinstance(av, (list, tuple)) else ():
            if isinstance(x, _parser.SubPattern) and _possessive(x):
                return True
            if isinstance(x, (list, tuple)) and any(isinstance(y, _parser.SubPattern) and _possessive(y) for y in x):
                return True
    return False


def test_no_pattern_uses_a_possessive_quantifier_or_an_atomic_group():
    # CPython before 3.11.5 (Debian 12 ships 3.11.2) matches nested possessive quantifiers wrongly: twice a
    # pattern passed here and failed on a fresh machine. Every compiled pattern of every module is checked.
    import importlib
    import pkgutil
    import re
    from re import _parser

    import kg

    assert _possessive(_parser.parse(r"on(?=(?:\s+[A-Z]\w*)++(?!\s+to\b))")), "the check finds one"
    found = []
    for info in pkgutil.walk_packages(kg.__path__, "kg."):
        module = importlib.import_module(info.name)
        for name, value in vars(module).items():
            found += [f"{info.name}.{name}" for p in _patterns(value, re)
                      if _possessive(_parser.parse(p.pattern, p.flags))]
    assert not found


def _patterns(value, re, depth: int = 0) -> list:
    """The compiled patterns in a value: itself, or held in its lists, tuples, sets and dicts."""
    if isinstance(value, re.Pattern):
        return [value]
    if depth > 3:
        return []
    if isinstance(value, dict):
        value = [*value.keys(), *value.values()]
    if isinstance(value, (list, tuple, set, frozenset)):
        return [p for v in value for p in _patterns(v, re, depth + 1)]
    return []
