"""The corpus the serve, views and stores benchmarks start from: what a user gives, facts files, built by ``kg build``.

``built(quads, seed)`` returns the data folder written by ``kg generate --facts`` (as ``benchmarks/bench_build.py``
caches it: same size, seed and generator code, same folder) and the output folder of ``kg build --data DATA --out
OUT`` run on it as a fresh process, cached beside it under ``benchmarks/.cache/`` and keyed by the code of the
builder (``BUILDER``) and the ontology, so that a benchmark run after a change of the builder builds again. The
time of that build and its number of quads are kept with it (``build.json``).
"""

from __future__ import annotations

import hashlib
import json
import shutil
import subprocess
import sys
import time
from pathlib import Path

HERE = Path(__file__).resolve().parent
ROOT = HERE.parent
CACHE = HERE / ".cache"


#: The parts of ``kg`` that make a build (the cache key of a built corpus): a change elsewhere (the server, the
#: visualizer) does not build the corpus again.
BUILDER = ("builder", "facts", "formats", "graph", "api.py", "generations.py", "manifest.py", "atomic.py", "vocab.py",
           "values.py", "names.py", "resources.py", "errors.py")


def _digest(paths: list[Path]) -> str:
    h = hashlib.sha256()
    for p in paths:
        h.update(str(p.relative_to(ROOT)).encode() + b"\0" + p.read_bytes())
    return h.hexdigest()[:10]


def facts(quads: int, seed: int = 0) -> Path:
    """The data folder of an invented corpus of about ``quads`` quads once built (``kg generate --facts``)."""
    from kg.generate.facts import articles_for, generate_facts

    n = articles_for(quads, True)
    code = hashlib.sha256(b"".join(p.read_bytes() for p in sorted((ROOT / "kg" / "generate").glob("*.py"))))
    folder = CACHE / f"facts-a{n}-s{seed}-design-{code.hexdigest()[:10]}"
    stats_file = folder / "stats.json"
    if not stats_file.is_file():
        t0 = time.perf_counter()
        print(f"writing the facts of {n:,} invented articles (kg generate --facts) ...", flush=True)
        stats = generate_facts(folder / "data", n, seed=seed, design=True)
        stats["generate seconds"] = round(time.perf_counter() - t0, 2)
        stats_file.write_text(json.dumps(stats, indent=1), encoding="utf-8")
    return folder / "data"


def built(quads: int, seed: int = 0) -> tuple[Path, Path, dict]:
    """``(data folder, kg build output folder, {"seconds", "quads"})``, built once and cached."""
    data = facts(quads, seed)
    code = _digest(sorted(p for p in (ROOT / "kg").rglob("*.py") if p.relative_to(ROOT / "kg").parts[0] in BUILDER)
                   + sorted(p for p in (ROOT / "ontology").rglob("*") if p.is_file()))
    folder = data.parent.with_name(f"{data.parent.name}-build-{code}")
    info_file = folder / "build.json"
    if not info_file.is_file():
        scratch = folder.with_name(folder.name + ".part")
        shutil.rmtree(scratch, ignore_errors=True)
        scratch.mkdir(parents=True)
        print(f"kg build --data {data} (once; cached in {folder.name}) ...", flush=True)
        t0 = time.perf_counter()
        done = subprocess.run([sys.executable, "-m", "kg", "build", "--data", str(data), "--out",
                               str(scratch / "out")], cwd=ROOT, capture_output=True, text=True)
        seconds = time.perf_counter() - t0
        if done.returncode:
            raise SystemExit(f"kg build failed:\n{done.stdout}\n{done.stderr}")
        from pyoxigraph import Store

        store = Store.read_only(str(store_of(scratch / "out")))
        (scratch / "build.json").write_text(json.dumps({"seconds": round(seconds, 1), "quads": len(store)}),
                                            encoding="utf-8")
        del store
        shutil.rmtree(folder, ignore_errors=True)
        scratch.rename(folder)
    return data, folder / "out", json.loads(info_file.read_text(encoding="utf-8"))


def store_of(out: Path) -> Path:
    """The on-disk store of a ``kg build`` output folder (of the generation ``current`` names, if any)."""
    current = out / "current"
    return (current.resolve() if current.exists() else out) / "store"


if __name__ == "__main__":
    import argparse

    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("--quads", type=int, default=1_000_000)
    ap.add_argument("--seed", type=int, default=0)
    a = ap.parse_args()
    d, o, i = built(a.quads, a.seed)
    print(f"data: {d}\nout: {o}\n{i['quads']:,} quads, built in {i['seconds']:.1f} s")
