"""``kg build --watch`` for real, and the progress of a build: shown on a terminal, quiet otherwise, timed by
stage in the summary."""

from __future__ import annotations

import io
import os
import queue
import shutil
import signal
import subprocess
import sys
import threading
import time
from pathlib import Path

import kg
from kg.cli import main
from kg.progress import STAGES, Progress

ROOT = Path(__file__).resolve().parent.parent
FACTS = "facts/zarif-visits-iraq-2025-02-07.yaml"


class _Terminal(io.StringIO):
    def isatty(self) -> bool:
        return True


def test_progress_shows_the_stages_on_a_terminal_and_nothing_elsewhere(tmp_path):
    shutil.copytree(ROOT / "data", tmp_path / "data")
    term, pipe = _Terminal(), io.StringIO()
    for stream in (term, pipe):
        kg.build(tmp_path / "data", tmp_path / f"out-{len(stream.getvalue())}-{id(stream)}", shacl=False,
                 progress=Progress(stream))
    shown = term.getvalue()
    assert pipe.getvalue() == ""
    for stage in ("read", "merge", "quads", "store", "infer", "write"):
        assert f"] {stage}..." in shown
    assert "1 files" not in shown and "2 files" in shown  # the registry and the facts file
    assert shown.endswith("\r\x1b[K")  # the line is cleared at the end


def test_the_summary_says_how_long_each_stage_took(tmp_path, capsys, monkeypatch):
    shutil.copytree(ROOT / "data", tmp_path / "data")
    monkeypatch.chdir(tmp_path)
    assert main(["build"]) == 0
    got = capsys.readouterr()
    assert got.err == ""  # not a terminal: no progress
    line = got.out.strip().splitlines()[-1]
    assert line.startswith("built ") and "(full: no previous build;" in line
    for stage in STAGES:
        assert f"{stage} " in line.split(";", 1)[1], stage
    facts = sorted((tmp_path / "data" / "facts").glob("*.yaml"))[0]
    facts.write_text(facts.read_text(encoding="utf-8") + "# reviewed\n", encoding="utf-8")
    assert main(["build"]) == 0
    assert "(incremental;" in capsys.readouterr().out


def _reader(stream, lines: queue.Queue) -> None:
    for line in iter(stream.readline, ""):
        lines.put(line)


def _until(lines: queue.Queue, text: str, timeout: float = 240) -> list[str]:
    got = []
    end = time.monotonic() + timeout
    while time.monotonic() < end:
        try:
            line = lines.get(timeout=1)
        except queue.Empty:
            continue
        got.append(line)
        if text in line:
            return got
    raise AssertionError(f"{text!r} not seen in {''.join(got)!r}")


def test_watch_rebuilds_on_save_prints_problems_and_stops_on_ctrl_c(tmp_path):
    shutil.copytree(ROOT / "data", tmp_path / "data")
    # Ctrl-C as a terminal sends it, even when the suite itself runs with SIGINT ignored (started in the
    # background, ``nohup pytest &``): a child inherits that, and Python then installs no handler of its own.
    start = "import signal, sys; signal.signal(signal.SIGINT, signal.default_int_handler); sys.argv[0] = 'kg'; " \
            "from kg.cli import entry; entry()"
    proc = subprocess.Popen([sys.executable, "-c", start, "build", "--watch", "--data", "data", "--out", "out"],
                            cwd=tmp_path, stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True,
                            env={**os.environ, "PYTHONPATH": str(ROOT), "PYTHONFAULTHANDLER": "1"})
    lines: queue.Queue = queue.Queue()
    threading.Thread(target=_reader, args=(proc.stdout, lines), daemon=True).start()
    try:
        _until(lines, "built ")
        facts = tmp_path / "data" / FACTS
        good = facts.read_text(encoding="utf-8")
        bad = good.replace("participants: [", "participants: [nobody-at-all, ", 1)
        facts.write_text(bad, encoding="utf-8")
        got = "".join(_until(lines, "nobody-at-all"))
        line = bad[:bad.index("nobody-at-all")].count("\n") + 1
        assert f"data/{FACTS}:{line}: " in got
        assert (tmp_path / "out" / "graph.trig").is_file()  # the last good outputs stay
        facts.write_text(good.replace("type: conference", "type: meeting"), encoding="utf-8")
        got = "".join(_until(lines, "at least two participants"))  # caught by the shapes, incrementally
        assert f"data/{FACTS}:" in got and "SHACL" in got
        facts.write_text(good, encoding="utf-8")
        got = "".join(_until(lines, "built "))
        assert "(incremental;" in got
        assert proc.poll() is None  # still running after an error and a fix
        proc.send_signal(signal.SIGINT)
        try:
            code = proc.wait(timeout=60)
        except subprocess.TimeoutExpired:  # where it is stuck: every thread's stack (faulthandler, on SIGABRT)
            proc.send_signal(signal.SIGABRT)
            proc.wait(10)
            raise AssertionError(f"not stopped by Ctrl-C; its threads: {proc.stderr.read()[-8000:]}; its output: "
                                 f"{''.join(lines.queue)!r}") from None
        assert code == 0
        assert "stopped" in "".join(_until(lines, "stopped", 10))
        assert "Traceback" not in proc.stderr.read()
    finally:
        if proc.poll() is None:
            proc.kill()
            proc.wait()
        proc.stdout.close()
        proc.stderr.close()
