"""The state of an incremental ``kg build`` written by a detached process after the command returns
(``kg.incremental.background``): the next build waits for it, a writer that dies leaves no state (and the next
build is a full one), and the command's output and outputs are those of a build that wrote it itself."""

from __future__ import annotations

import os
import shutil
import signal
import subprocess
import sys
import time
from pathlib import Path

import pytest

import kg
from kg.generate.facts import generate_facts
from kg.generations import current
from kg.incremental import STATE, load_state
from kg.incremental.background import LOCK, detached, wait_for_writer

ROOT = Path(__file__).resolve().parent.parent

pytestmark = pytest.mark.skipif(not sys.platform.startswith("linux"), reason="the detached writer is Linux's")


def test_a_build_that_starts_while_the_state_is_written_waits_for_it(tmp_path):
    began = time.monotonic()
    assert detached(lambda: (time.sleep(0.6), (tmp_path / "cache" / "state").write_text("whole")), tmp_path / LOCK)
    assert time.monotonic() - began < 0.5  # the caller goes on at once
    wait_for_writer(tmp_path)
    assert time.monotonic() - began >= 0.5
    assert (tmp_path / "cache" / "state").read_text() == "whole"
    wait_for_writer(tmp_path)  # free now: no wait


def test_a_writer_that_dies_leaves_no_state_and_frees_the_lock(tmp_path):
    def die() -> None:
        (tmp_path / "cache" / "state.tmp").write_text("half")
        os.kill(os.getpid(), signal.SIGKILL)

    assert detached(die, tmp_path / LOCK)
    began = time.monotonic()
    wait_for_writer(tmp_path)
    assert time.monotonic() - began < 5 and not (tmp_path / "cache" / "state").exists()


def test_a_writer_that_never_ends_is_waited_for_no_longer_than_the_limit(tmp_path):
    done = tmp_path / "done"
    assert detached(lambda: (time.sleep(3), done.write_text("")), tmp_path / LOCK)
    began = time.monotonic()
    wait_for_writer(tmp_path, limit=0.3)
    assert 0.3 <= time.monotonic() - began < 2.5 and not done.exists()
    wait_for_writer(tmp_path)
    assert done.exists()


def _kg(*args: str) -> subprocess.CompletedProcess:
    """``kg`` as a console script run into a pipe, its output buffered (``kg build`` ends without Python's
    clean-up: what it printed must be out by then)."""
    env = {k: v for k, v in os.environ.items() if k != "PYTHONUNBUFFERED"}
    return subprocess.run([sys.executable, "-m", "kg", *args], cwd=ROOT, capture_output=True, text=True, check=True,
                          env=env)


def test_kg_build_leaves_the_state_to_a_detached_process_and_the_next_build_starts_from_it(tmp_path):
    data, out, ref = tmp_path / "data", tmp_path / "out", tmp_path / "ref"
    generate_facts(data, 4, seed=5)
    first = _kg("build", "--data", str(data), "--out", str(out))
    assert "(full: no previous build;" in first.stdout
    assert (current(out) / STATE).exists() and not (current(out) / LOCK).exists()  # a full build writes it itself
    path = next(p for p in sorted((data / "facts").glob("*.yaml")) if "type: talks" in p.read_text(encoding="utf-8"))
    for step in range(3):  # each build's state written by its detached process, read by the next build
        text = path.read_text(encoding="utf-8")
        path.write_text(text.replace("type: talks", "type: meeting") if step % 2 == 0 else
                        text.replace("type: meeting", "type: talks", 1), encoding="utf-8")
        got = _kg("build", "--data", str(data), "--out", str(out))
        assert "(incremental;" in got.stdout and got.stderr == ""
        assert (current(out) / LOCK).exists()
    wait_for_writer(current(out))
    with (current(out) / STATE).open("rb") as f:
        assert load_state(f)["files"]  # whole
    # the generations before the previous one removed by the same process, after the state
    assert sorted(p.name for p in out.glob("gen-*")) == sorted({current(out).name, *(
        p.name for p in out.glob("gen-*") if p != current(out))}) and len(list(out.glob("gen-*"))) == 2
    shutil.rmtree(ref, ignore_errors=True)
    full = _kg("build", "--full", "--data", str(data), "--out", str(ref))
    for name in ("graph.trig", "graph.ttl", "graph.html", "manifest.json"):
        assert (out / name).read_bytes() == (ref / name).read_bytes(), name

    def summary(printed: str) -> str:  # the tables, before the files written and the timings
        return printed.split("\nwrote ")[0]

    # The last incremental build printed the summary it made while writing (its store never opened again).
    assert summary(got.stdout) == summary(full.stdout) and "0 warnings" in summary(got.stdout)


def test_without_its_state_the_next_build_is_a_full_one(tmp_path):
    data, out = tmp_path / "data", tmp_path / "out"
    generate_facts(data, 3, seed=6)
    _kg("build", "--data", str(data), "--out", str(out))
    path = next(p for p in sorted((data / "facts").glob("*.yaml")) if "type: talks" in p.read_text(encoding="utf-8"))
    path.write_text(path.read_text(encoding="utf-8").replace("type: talks", "type: meeting"), encoding="utf-8")
    _kg("build", "--data", str(data), "--out", str(out))
    wait_for_writer(current(out))
    (current(out) / STATE).unlink()  # as when the detached writer was killed
    path.write_text(path.read_text(encoding="utf-8").replace("type: meeting", "type: talks"), encoding="utf-8")
    assert "(full: no usable cache;" in _kg("build", "--data", str(data), "--out", str(out)).stdout


def test_a_build_reads_the_state_only_once_its_writer_is_done(tmp_path):
    data, out = tmp_path / "data", tmp_path / "out"
    generate_facts(data, 3, seed=7)
    kg.build(data, out, shacl=False)
    gen = current(out)
    state = (gen / STATE).read_bytes()
    (gen / STATE).unlink()  # a slow writer of the same state, still at work when the next build starts
    assert detached(lambda: (time.sleep(1.0), (gen / STATE).write_bytes(state)), gen / LOCK)
    path = next(p for p in sorted((data / "facts").glob("*.yaml")) if "type: talks" in p.read_text(encoding="utf-8"))
    path.write_text(path.read_text(encoding="utf-8").replace("type: talks", "type: meeting"), encoding="utf-8")
    assert kg.build(data, out, shacl=False).incremental == ""
