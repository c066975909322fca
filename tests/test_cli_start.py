"""The ``kg`` command registers only the module of the command it runs: every command is found that way, and a
fresh ``kg query`` imports neither the server, the builder nor the visualizer."""

from __future__ import annotations

import argparse
import subprocess
import sys
from pathlib import Path

from kg import cli


def _choices(p: argparse.ArgumentParser) -> set[str]:
    (sub,) = [a for a in p._actions if isinstance(a, argparse._SubParsersAction)]
    return set(sub.choices)


def test_every_command_is_registered_by_the_module_found_for_it():
    every = _choices(cli.parser())
    assert {"build", "validate", "query", "search", "path", "serve", "export", "push"} <= every
    for name in every:
        assert name in _choices(cli.parser(cli._command_of([name]))), name
    assert cli._command_of(["--help"]) is None and cli._command_of([]) is None


def test_kg_query_imports_only_what_it_needs(tmp_path):
    code = ("import sys; from kg import cli\n"
            "try:\n    cli.main(['query', '--list'])\nexcept SystemExit:\n    pass\n"
            "print(' '.join(m for m in sys.modules if m.startswith(('kg.', 'rdflib', 'networkx', 'pyshacl'))))")
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, cwd=tmp_path.parent,
                         check=True).stdout.split("\n")[-2].split()
    for heavy in ("kg.serve", "kg.builder", "kg.viz", "kg.api", "rdflib", "networkx", "pyshacl"):
        assert not any(m == heavy or m.startswith(heavy + ".") for m in out), (heavy, out)


def test_a_named_question_on_a_built_graph_imports_no_builder_hash_or_fuzzy_matcher(tmp_path):
    import kg

    kg.build(Path(__file__).resolve().parent.parent / "data", tmp_path / "out", shacl=False)
    argv = ["query", "meetings-of", "-p", "actor=mohammad-javad-zarif", "--graph", str(tmp_path / "out"),
            "--format", "csv"]
    code = f"import sys; from kg import cli\ncode = cli.main({argv!r})\nprint(code, ' '.join(sorted(sys.modules)))"
    last = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, cwd=tmp_path,
                          check=True).stdout.split("\n")[-2].split()
    assert last[0] == "0"
    for unneeded in ("kg.api", "kg.manifest", "kg.builder", "kg.facts", "hashlib", "difflib", "rdflib", "networkx"):
        assert unneeded not in last[1:], unneeded
