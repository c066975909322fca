"""The installable tool: a wheel in a fresh virtual environment works anywhere (kg init, build, query), and
builds are the same bytes in different processes."""

from __future__ import annotations

import hashlib
import os
import subprocess
import sys
import venv
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent


def _run(args: list, cwd: Path, env: dict | None = None) -> subprocess.CompletedProcess:
    proc = subprocess.run([str(a) for a in args], cwd=cwd, capture_output=True, text=True, env=env, timeout=600)
    assert proc.returncode == 0, f"{args}: {proc.stdout}\n{proc.stderr}"
    return proc


@pytest.fixture(scope="module")
def wheel(tmp_path_factory) -> Path:
    out = tmp_path_factory.mktemp("wheel")
    _run([sys.executable, "-m", "pip", "wheel", "--no-deps", "-w", out, ROOT], cwd=out)
    (path,) = out.glob("diplomatic_kg-*.whl")
    return path


def test_the_wheel_carries_the_ontology_the_questions_and_the_example(wheel):
    import zipfile

    names = set(zipfile.ZipFile(wheel).namelist())
    assert {"kg/ontology/dkg.ttl", "kg/ontology/shapes.ttl", "kg/ontology/queries/meetings-of.rq",
            "kg/example/entities.yaml", "kg/viz/app.js"} <= names


def test_a_fresh_environment_runs_init_build_and_query(wheel, tmp_path):
    env_dir = tmp_path / "venv"
    venv.create(env_dir, with_pip=True)
    python = env_dir / "bin" / "python"
    # pip finds the dependencies where this machine's pip finds them (its index or its cache).
    _run([python, "-m", "pip", "install", "-q", wheel], cwd=tmp_path)
    clean = {k: v for k, v in os.environ.items() if k not in ("PYTHONPATH", "KG_ONTOLOGY_DIR")}
    kg = [python, "-m", "kg"]
    _run([*kg, "init", "proj", "--example"], cwd=tmp_path, env=clean)
    project = tmp_path / "proj"
    (project / "queries" / "visitors.rq").write_text(
        "# title: Who visited\n# param: place place \"the place\"\n"
        "SELECT DISTINCT ?who ?place WHERE { ?v a dkg:Visit ; dkg:participant ?who ; dkg:destination ?place }\n",
        encoding="utf-8")
    built = _run([*kg, "build"], cwd=project, env=clean)
    assert "wrote out/graph.trig" in built.stdout and (project / "out" / "graph.html").is_file()
    listed = _run([*kg, "query", "--list"], cwd=project, env=clean).stdout
    assert "visitors" in listed and "meetings-of" in listed  # the project's question beside the built-in ones
    rows = _run([*kg, "query", "meetings-of", "-p", "actor=Sudani", "--format", "csv"], cwd=project, env=clean)
    assert "zarif-meets-al-sudani-2025-02-06" in rows.stdout
    mine = _run([*kg, "query", "visitors", "-p", "place=Tehran", "--format", "csv"], cwd=project, env=clean)
    assert "mahmoud-al-mashhadani" in mine.stdout
    fresh = tmp_path / "empty"
    _run([*kg, "init", fresh], cwd=tmp_path, env=clean)
    assert "ok:" in _run([*kg, "validate"], cwd=fresh, env=clean).stdout


def _digests(folder: Path) -> dict[str, str]:
    return {p.name: hashlib.sha256(p.read_bytes()).hexdigest() for p in sorted(folder.iterdir()) if p.is_file()}


def test_builds_and_exports_are_the_same_bytes_in_other_processes(tmp_path):
    """Two processes with different hash seeds (set and dict orders differ) write the same bytes."""
    from kg import formats
    from kg.export import KINDS

    results = []
    for seed in ("1", "987654"):
        out = tmp_path / f"out-{seed}"
        env = {**os.environ, "PYTHONHASHSEED": seed}
        _run([sys.executable, "-m", "kg", "build", "--out", out], cwd=ROOT, env=env)
        exports = out / "exports"
        exports.mkdir()
        for name in formats.names(KINDS):
            target = exports / (name if name == "csv" else f"x.{name}")
            _run([sys.executable, "-m", "kg", "export", "--graph", out, "--format", name, "-o", target,
                  "--with-ontology", "--with-inferred"], cwd=ROOT, env=env)
        results.append({**_digests(out), **{f"exports/{k}": v for k, v in _digests(exports).items()},
                        **{f"csv/{k}": v for k, v in _digests(exports / "csv").items()}})
    assert results[0] == results[1]
    assert len(results[0]) >= 3 + len(formats.names(KINDS))
