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


@pytest.fixture()
def data_copy(tmp_path: Path) -> Path:
    """A private copy of the bundled data folder, for tests that edit facts."""
    dest = tmp_path / "data"
    shutil.copytree(DATA, dest)
    return dest
