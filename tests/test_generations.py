"""Build outputs change as one generation or not at all: killed builds, failing writes, two builds at once, and
the built store that commands read without rebuilding."""

from __future__ import annotations

import hashlib
import json
import os
import random
import signal
import subprocess
import sys
import time
from pathlib import Path

import pytest

from kg import generations, manifest
from kg.cli import main
from kg.errors import OutputError

ROOT = Path(__file__).resolve().parent.parent


def _consistent(out: Path) -> bool:
    """Every output reached through ``out/`` belongs to the generation its manifest describes, whole."""
    record = json.loads((out / "manifest.json").read_text(encoding="utf-8"))
    for name, digest in record["outputs"].items():
        assert hashlib.sha256((out / name).read_bytes()).hexdigest() == digest, name
    assert (out / "store").resolve().parent == (out / "manifest.json").resolve().parent
    return True


def test_a_build_killed_at_any_moment_leaves_the_old_or_the_new_outputs(tmp_path):
    out = tmp_path / "out"
    assert main(["build", "--out", str(out)]) == 0
    first = json.loads((out / "manifest.json").read_text())
    rng = random.Random(1)
    outcomes = set()
    for _ in range(12):
        proc = subprocess.Popen([sys.executable, "-m", "kg", "build", "--out", str(out)], cwd=ROOT,
                                stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
        time.sleep(rng.uniform(0.3, 3.0))  # from start-up to the last rename
        proc.send_signal(signal.SIGKILL)
        proc.wait()
        assert _consistent(out)
        outcomes.add(os.readlink(out / "current"))
        assert json.loads((out / "manifest.json").read_text())["outputs"] == first["outputs"]  # same facts
    assert main(["build", "--out", str(out)]) == 0  # the next build cleans up what the killed ones left
    assert _consistent(out) and not list(out.glob(".gen-*.tmp"))
    assert len([p for p in out.iterdir() if p.name.startswith("gen-")]) <= 2
    assert len(outcomes) >= 1


def test_a_write_that_fails_changes_nothing(tmp_path, monkeypatch):
    out = tmp_path / "out"
    with generations.new_generation(out, ["a.txt"]) as gen:
        (gen / "a.txt").write_text("one")
    before = os.readlink(out / "current")

    with pytest.raises(OutputError, match="the previous outputs are as they were"), \
            generations.new_generation(out, ["a.txt"]) as gen:
        (gen / "a.txt").write_text("two, half")
        raise OSError(28, "No space left on device")
    assert (out / "a.txt").read_text() == "one" and os.readlink(out / "current") == before
    assert not list(out.glob(".gen-*.tmp"))


def test_a_page_that_fails_while_the_exports_are_written_changes_nothing(tmp_path, monkeypatch, capsys):
    import threading

    import kg.viz
    from kg.incremental import apply

    out = tmp_path / "out"
    assert main(["build", "--out", str(out)]) == 0
    before = os.readlink(out / "current")
    written = threading.Event()
    real = apply._write_exports

    def slow(gen, trig, ttl):  # the exports are written in a thread beside the page: still at it when it fails
        time.sleep(0.5)
        got = real(gen, trig, ttl)
        written.set()
        return got

    def full_disk(*args, **kwargs):
        raise OSError(28, "No space left on device")

    monkeypatch.setattr(apply, "_write_exports", slow)
    monkeypatch.setattr(kg.viz, "graph_html", full_disk)
    assert main(["build", "--out", str(out), "--full"]) != 0
    assert written.is_set()  # waited for before the generation was removed
    assert "No space left on device" in capsys.readouterr().err
    assert os.readlink(out / "current") == before and _consistent(out) and not list(out.glob(".gen-*.tmp"))
    assert sorted(p.name for p in out.iterdir() if p.name.startswith("gen-")) == [before]


def test_two_builds_cannot_interleave(tmp_path):
    out = tmp_path / "out"
    with generations.new_generation(out, ["a.txt"]) as gen:
        (gen / "a.txt").write_text("one")
        with pytest.raises(OutputError, match="another build is writing"), \
                generations.new_generation(out, ["a.txt"]):
            pass
    assert (out / "a.txt").read_text() == "one"


def test_an_older_layout_is_replaced_whole(tmp_path):
    out = tmp_path / "out"
    out.mkdir()
    (out / "graph.ttl").write_text("old file, not a link")
    assert main(["build", "--out", str(out)]) == 0
    assert (out / "graph.ttl").is_symlink() and _consistent(out)


def test_commands_read_the_built_store_and_say_when_the_facts_changed(tmp_path, capsys, monkeypatch):
    import shutil

    shutil.copytree(ROOT / "data", tmp_path / "data")
    monkeypatch.chdir(tmp_path)
    assert main(["build"]) == 0
    capsys.readouterr()
    assert main(["query", "ASK { id:baghdad dkg:locatedIn id:iraq }"]) == 0
    assert capsys.readouterr().err == ""  # up to date: the store is opened, nothing is rebuilt
    facts = tmp_path / "data" / "facts" / "zarif-visits-iraq-2025-02-07.yaml"
    facts.write_text(facts.read_text(encoding="utf-8").replace("type: conference", "type: meeting"),
                     encoding="utf-8")
    assert main(["query", "ASK { id:ahl-al-bayt-conference-2025 a dkg:Meeting }"]) == 0
    got = capsys.readouterr()
    assert got.out.strip() == "true"
    assert "the facts changed since out/ was built (facts/zarif-visits-iraq-2025-02-07.yaml)" in got.err
    record = manifest.read("out")
    assert record["quads"] > 1000 and "facts/zarif-visits-iraq-2025-02-07.yaml" in record["files"]
