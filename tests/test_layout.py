"""The layout reads as the pipeline, and imports run one way: no module imports a later stage."""

from __future__ import annotations

import ast
import tomllib
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
KG = ROOT / "kg"

#: The stages, in pipeline order; a module may import from its own stage or an earlier one.
STAGES = [
    ["errors"],
    ["vocab", "names", "values", "atomic", "generations", "manifest", "progress", "collector", "html", "table",
     "resources", "project", "ontology", "example"],
    ["formats"],
    ["facts"],
    ["builder"],
    ["graph"],
    ["query"],
    ["viz", "export", "generate", "draft", "profile"],
    ["remote"],
    ["serve"],
    ["api", "incremental"],
    ["cli", "__main__", "__init__"],
]
RANK = {name: i for i, names in enumerate(STAGES) for name in names}


def _stage(module: str) -> str:
    """``kg.query.sparql`` -> ``query``; ``kg`` -> ``__init__``."""
    parts = module.split(".")
    return parts[1] if len(parts) > 1 else "__init__"


def _imports(path: Path, module: str) -> list[tuple[str, int]]:
    tree = ast.parse(path.read_text(encoding="utf-8"))
    package = module if path.name == "__init__.py" else module.rsplit(".", 1)[0]
    out = []
    for node in ast.walk(tree):
        if isinstance(node, ast.ImportFrom):
            if node.level:
                base = package.split(".")[: len(package.split(".")) - node.level + 1]
                target = ".".join(base + ([node.module] if node.module else []))
            else:
                target = node.module or ""
            names = [f"{target}.{a.name}" for a in node.names] if target == "kg" else [target]
            out += [(n, node.lineno) for n in names]
        elif isinstance(node, ast.Import):
            out += [(a.name, node.lineno) for a in node.names]
    return [(m, line) for m, line in out if m == "kg" or m.startswith("kg.")]


def _modules():
    for path in sorted(KG.rglob("*.py")):
        rel = path.relative_to(ROOT).with_suffix("")
        module = ".".join(rel.parts[:-1] if rel.name == "__init__" else rel.parts)
        yield path, module


def test_every_stage_is_known():
    stages = {_stage(m) for _, m in _modules()}
    assert stages <= set(RANK), f"add the new stage to STAGES: {sorted(stages - set(RANK))}"


def test_no_module_imports_a_later_stage():
    wrong = []
    for path, module in _modules():
        mine = RANK[_stage(module)]
        for target, line in _imports(path, module):
            theirs = RANK.get(_stage(target))
            if target in ("kg", "kg.__init__"):
                theirs = RANK["__init__"]
            if theirs is not None and theirs > mine:
                wrong.append(f"{path.relative_to(ROOT)}:{line}: {module} imports {target} (a later stage)")
    assert not wrong, "\n".join(wrong)


def test_errors_import_nothing_of_the_project():
    assert _imports(KG / "errors.py", "kg.errors") == []


def test_the_wheel_lists_every_package():
    config = tomllib.loads((ROOT / "pyproject.toml").read_text(encoding="utf-8"))["tool"]["setuptools"]
    listed = set(config["packages"])
    found = {".".join(p.parent.relative_to(ROOT).parts) for p in KG.rglob("__init__.py")}
    mapped = set(config["package-dir"])
    assert found | mapped == listed, f"pyproject's packages list is out of date: {sorted(found ^ (listed - mapped))}"


def test_the_check_finds_a_late_import(tmp_path):
    """The check itself can fail: a facts module that imports the CLI is caught, even inside a function."""
    bad = tmp_path / "load.py"
    bad.write_text("def f():\n    from kg.cli import main\n    from ..serve import app\n", encoding="utf-8")
    found = _imports(bad, "kg.facts.load")
    assert [(t, line) for t, line in found] == [("kg.cli", 2), ("kg.serve", 3)]
    assert all(RANK[_stage(t)] > RANK["facts"] for t, _ in found)
