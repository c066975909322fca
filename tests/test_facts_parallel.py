"""A corpus's facts files read in two processes (``kg.facts.load.read_files``) give the same records and the
same problems, in the same order, as read in one."""

from __future__ import annotations

import os
import threading
from pathlib import Path

import pytest

import kg.facts.load as load
from kg.errors import FactsError
from kg.generate.facts import generate_facts


def _marked(paths, data):
    """``_read_pickled``, leaving a mark that it ran (in the forked process)."""
    (data / f"read-in-{os.getpid()}").write_text("")
    return _original(paths, data)


_original = load._read_pickled


def test_two_processes_read_what_one_reads(tmp_path, monkeypatch):
    data = tmp_path / "data"
    generate_facts(data, 9, seed=5)
    paths = sorted((data / "facts").glob("*.yaml"))
    broken = paths[-1]  # a problem in the half the other process reads
    broken.write_text(broken.read_text(encoding="utf-8").replace("published:", "published: someday\n  x:", 1),
                      encoding="utf-8")
    assert threading.active_count() == 1, "a fork is only taken without other threads"
    monkeypatch.setattr(load, "_read_pickled", _marked)
    one = load.read_files(paths, data, parallel=10**9)
    two = load.read_files(paths, data, parallel=2)
    marks = [p.name for p in data.glob("read-in-*")]
    assert marks and marks != [f"read-in-{os.getpid()}"], "the second half was read in another process"
    assert two == one
    assert one[4], "the broken file's problems are among them"
    assert len(one[2]) > 9


def test_the_errors_name_the_same_files_and_lines(tmp_path, monkeypatch):
    data = tmp_path / "data"
    generate_facts(data, 6, seed=2)
    for p in sorted((data / "facts").glob("*.yaml"))[::2]:
        p.write_text(p.read_text(encoding="utf-8").replace("evidence:", "evidence_x:", 1), encoding="utf-8")
    messages = []
    for parallel in (10**9, 2):
        monkeypatch.setattr(load, "PARALLEL_FILES", parallel)
        with pytest.raises(FactsError) as err:
            load.load_facts(data)
        messages.append(str(err.value))
    assert messages[0] == messages[1]
    assert Path(sorted((data / "facts").glob("*.yaml"))[-2]).name in messages[1]


def _dies(paths, data):
    os._exit(3)  # the other process dies (killed, out of memory...)


def test_when_the_other_process_dies_all_files_are_read_here(tmp_path, monkeypatch):
    data = tmp_path / "data"
    generate_facts(data, 4, seed=1)
    paths = sorted((data / "facts").glob("*.yaml"))
    one = load.read_files(paths, data, parallel=10**9)
    monkeypatch.setattr(load, "_read_pickled", _dies)
    assert threading.active_count() == 1
    assert load.read_files(paths, data, parallel=2) == one
