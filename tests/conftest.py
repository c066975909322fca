"""Shared fixtures: the seed graph is built once per session; tiny graphs are built per test."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent
DATA = ROOT / "data"


@pytest.fixture(scope="session")
def seed_graph():
    """The KnowledgeGraph built from the bundled data (do not mutate its store)."""
    import kg

    return kg.build(DATA)


@pytest.fixture(scope="session")
def built(seed_graph, tmp_path_factory):
    """The seed graph as ``kg build`` writes it (graph.trig, graph.ttl, graph.html), written once."""
    from kg.api import write_outputs

    out = tmp_path_factory.mktemp("out")
    write_outputs(seed_graph, out)
    return out


def run_kg(capsys, *argv: str) -> tuple[int, str, str]:
    """Run the ``kg`` command in-process: (exit code, stdout, stderr); never a traceback."""
    from kg.cli import main

    code = main(list(argv))
    out, err = capsys.readouterr()
    assert "Traceback" not in err
    return code, out, err


@pytest.fixture()
def data_copy(tmp_path: Path) -> Path:
    """A private copy of the bundled data folder, for tests that edit facts."""
    dest = tmp_path / "data"
    shutil.copytree(DATA, dest)
    return dest
