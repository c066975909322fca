"""Benchmark: the whole pipeline from what a user gives it (a data folder of facts files), against baselines
measured in the same run.

    python benchmarks/bench_build.py                      # about 1,000,000 quads
    python benchmarks/bench_build.py --quads 100000 --reps 3
    python benchmarks/bench_build.py --quads 100000 --profile   # and the top of a cProfile of kg build

1. ``kg generate --facts`` writes an invented corpus (cached under benchmarks/.cache/, keyed by the size, the
   seed and the generator's code), copied to a scratch folder.
2. ``kg build --data DIR --out OUT`` runs as a fresh process: wall time, quads per second (the quads of the
   dataset it wrote: its store, else out/graph.trig), peak memory of that process (``wait4`` rusage).
   Baselines: pyoxigraph bulk-loading the very quads that build wrote (an N-Quads file of its dataset) into
   memory (the floor of the target) and into an on-disk store; rdflib parsing those N-Quads into a Dataset and
   serializing Turtle (the peer's figure; stopped after ``--peer-limit`` seconds, its time then a lower bound).
3. One facts file is changed (a topic added to one event) and ``kg build`` runs again (incrementally, from
   the first build's generation: ``kg.incremental``), ``--reps`` times: its time (the median) against the full
   build's, and its time per stage; also the time until its state was written by the detached process it
   leaves that to (``kg.incremental.background``), which the next build would wait for.
   Then ``kg build --watch`` on the same folders: after its first build, one article is changed ``--reps``
   times, each time once the watcher has built the one before; the time from the save to the watcher's
   ``built`` line (its poll included) and the build's own time as it prints it, both against the full build's
   (the watcher starts each build from the state the one before left in memory: ``kg.incremental.Kept``).
4. A named question as a fresh ``kg query --graph OUT`` process, against a bare Python process that opens
   the same store with pyoxigraph and runs the same complete text (``kg query --show``: the parameter written
   into the query, as ``kg`` runs it; binding it with pyoxigraph's ``substitutions`` instead makes Oxigraph
   answer about ten times more slowly, which would flatter ``kg``).
5. ``kg export`` to Turtle and to N-Quads (every graph) as fresh processes, against bare processes that open
   the same store and call ``Store.dump`` (Turtle: of the same triples); the outputs are checked to hold the
   same number of triples or quads.

Prints a table of figures and ratios, with each target and MET or MISSED; exits 0 even when a target is
missed (1 only when a step fails). Medians of ``--reps`` runs where a step is cheap enough to repeat.
"""

from __future__ import annotations

import argparse
import hashlib
import json
import os
import platform
import re
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

HERE = Path(__file__).resolve().parent
ROOT = HERE.parent
CACHE = HERE / ".cache"
KG = [sys.executable, "-m", "kg"]


class StepFailed(Exception):
    pass


def run(cmd: list[str], *, cwd: Path | None = None, limit: float | None = None) -> tuple[float, float, str]:
    """Run a process to its end: (wall seconds, its peak resident memory in MB, its stdout). With ``limit``
    (seconds), a process still running then is killed and ``CutOff`` raised, with what it printed so far."""
    t0 = time.perf_counter()
    with tempfile.TemporaryFile() as out, tempfile.TemporaryFile() as err:
        proc = subprocess.Popen(cmd, stdout=out, stderr=err, cwd=cwd)
        killed = False
        while True:
            pid, status, usage = os.wait4(proc.pid, 0 if limit is None else os.WNOHANG)
            if pid:
                break
            if time.perf_counter() - t0 > limit:  # type: ignore[operator]
                proc.kill()
                killed = True
                _, status, usage = os.wait4(proc.pid, 0)
                break
            time.sleep(0.25)
        wall = time.perf_counter() - t0
        proc.returncode = os.waitstatus_to_exitcode(status)
        out.seek(0)
        err.seek(0)
        text, errors = out.read().decode(), err.read().decode()
    if killed:
        raise CutOff(wall, usage.ru_maxrss / 1024, text)
    if proc.returncode != 0:
        raise StepFailed(f"{' '.join(map(str, cmd))} exited {proc.returncode}:\n{errors[-3000:]}")
    return wall, usage.ru_maxrss / 1024, text


class CutOff(Exception):
    """A process killed at its time limit: (wall seconds, peak MB, what it printed)."""


def median_run(cmd: list[str], reps: int) -> tuple[float, float, str]:
    runs = [run(cmd) for _ in range(reps)]
    return statistics.median(r[0] for r in runs), max(r[1] for r in runs), runs[-1][2]


def python(code: str, *args: str) -> list[str]:
    """A bare Python process running ``code`` (which prints a JSON line)."""
    return [sys.executable, "-c", code, *args]


# --- the bare processes (they import pyoxigraph and rdflib only) -----------------------------------------------
OPEN_STORE = r"""
import sys, json, time
from pathlib import Path
from pyoxigraph import Store, RdfFormat
def open_store(out):
    out = Path(out)
    if (out / "store").is_dir():  # the build's on-disk store
        return Store.read_only(str(out / "store"))
    s = Store()
    s.bulk_load(path=str(out / "graph.trig"), format=RdfFormat.TRIG)
    return s
"""
BULK = r"""
import sys, json, time, tempfile
from pyoxigraph import Store, RdfFormat
t = time.perf_counter()
s = Store(tempfile.mkdtemp(dir=sys.argv[2]))
s.bulk_load(path=sys.argv[1], format=RdfFormat.N_QUADS)
s.flush()
disk, n = time.perf_counter() - t, len(s)
t = time.perf_counter()
Store().bulk_load(path=sys.argv[1], format=RdfFormat.N_QUADS)
memory = time.perf_counter() - t
print(json.dumps({"disk": disk, "memory": memory, "quads": n}))
"""
RDFLIB = r"""
import sys, json, time
from rdflib import Dataset
t = time.perf_counter()
ds = Dataset(default_union=True)
ds.parse(sys.argv[1], format="nquads")
parse = time.perf_counter() - t
print(json.dumps({"parse": parse}), flush=True)  # what is known if the serializer is cut off
t = time.perf_counter()
ds.serialize(destination=sys.argv[2], format="turtle")
write = time.perf_counter() - t
print(json.dumps({"parse": parse, "serialize": write}))
"""
QUERY = OPEN_STORE + r"""
spec = json.loads(sys.argv[2])
s = open_store(sys.argv[1])
kw = {} if spec["default_graph"] else {"use_default_graph_as_union": True}
r = s.query(spec["text"], prefixes=spec["prefixes"], **kw)
out = r.serialize(format=__import__("pyoxigraph").QueryResultsFormat.CSV)
print(json.dumps({"bytes": len(out)}))
"""
DUMP = OPEN_STORE + r"""
from pyoxigraph import DefaultGraph, NamedNode
s = open_store(sys.argv[1]); what, path = sys.argv[2], sys.argv[3]
if what == "nq":
    s.dump(path, format=RdfFormat.N_QUADS)
elif any(True for _ in s.quads_for_pattern(None, None, None, DefaultGraph())):
    s.dump(path, format=RdfFormat.TURTLE, from_graph=DefaultGraph())
else:  # no merged view in the default graph: the union of the asserted graphs, as kg export writes it
    left_out = json.loads(sys.argv[4])
    graphs = " ".join(f"<{g.value}>" for g in s.named_graphs() if g.value not in left_out)
    r = s.query(f"CONSTRUCT {{ ?s ?p ?o }} WHERE {{ VALUES ?g {{ {graphs} }} GRAPH ?g {{ ?s ?p ?o }} }}")
    r.serialize(path, format=RdfFormat.TURTLE)
print("{}")
"""


# --- steps -------------------------------------------------------------------------------------------------------
def corpus(args: argparse.Namespace) -> tuple[Path, dict]:
    """The generated data folder, from the cache when the same size, seed and generator made it before."""
    from kg.generate.facts import articles_for, generate_facts

    design = not args.basic
    n = args.articles or articles_for(args.quads, design)
    code = hashlib.sha256(b"".join(p.read_bytes() for p in sorted((ROOT / "kg" / "generate").glob("*.py"))))
    folder = CACHE / f"facts-a{n}-s{args.seed}-{'design' if design else 'basic'}-{code.hexdigest()[:10]}"
    stats_file = folder / "stats.json"
    if not stats_file.is_file():
        t0 = time.perf_counter()
        stats = generate_facts(folder / "data", n, seed=args.seed, design=design)
        stats["generate seconds"] = round(time.perf_counter() - t0, 2)
        stats_file.write_text(json.dumps(stats, indent=1), encoding="utf-8")
    return folder / "data", json.loads(stats_file.read_text(encoding="utf-8"))


def dataset_of(out: Path, work: Path) -> tuple[Path, int, bool]:
    """An N-Quads file of what the build wrote, its number of quads, and whether its default graph holds a
    merged view."""
    from pyoxigraph import DefaultGraph, RdfFormat, Store

    store = Store.read_only(str(out / "store")) if (out / "store").is_dir() else None
    if store is None:
        store = Store()
        store.bulk_load(path=str(out / "graph.trig"), format=RdfFormat.TRIG)
    nq = work / "build.nq"
    store.dump(str(nq), format=RdfFormat.N_QUADS)
    merged = any(True for _ in store.quads_for_pattern(None, None, None, DefaultGraph()))
    return nq, len(store), merged


def change_one_article(data: Path) -> str:
    """Add a topic to the first event with topics of the middle facts file; return what was changed."""
    files = sorted((data / "facts").glob("*.yaml"))
    path = files[len(files) // 2]
    registry = (data / "entities.yaml").read_text(encoding="utf-8")
    topics = re.findall(r"^  - id: (\S+)\n    label: [^\n]*\n(?:    aliases: [^\n]*\n)?    broader:", registry, re.M)
    text = path.read_text(encoding="utf-8")
    m = re.search(r"^    topics: \[([^\]]*)\]", text, re.M)
    if m is None or not topics:
        raise StepFailed(f"no event with topics in {path}")
    have = [t.strip() for t in m[1].split(",")]
    new = next(t for t in topics if t not in have)
    path.write_text(text[:m.start(1)] + ", ".join([*have, new]) + text[m.end(1):], encoding="utf-8")
    return f"{path.name}: topic {new} added to an event"


def state_written(out: Path) -> None:
    """Wait until the state of the current build of ``out`` is written (by the detached process of an
    incremental ``kg build``: ``kg.incremental.background``)."""
    from kg.generations import current
    from kg.incremental.background import wait_for_writer

    wait_for_writer(current(out))


def watched_edits(data: Path, out: Path, reps: int, limit: float = 600) -> list[tuple[float, float, str]]:
    """``kg build --watch`` on ``data``: once its first build is done, change one article ``reps`` times, each
    once the build before is done. For each edit: (seconds from the save to the ``built`` line, the build's
    own seconds as printed, the line)."""
    import queue
    import threading

    proc = subprocess.Popen([*KG, "build", "--watch", "--data", str(data), "--out", str(out)],
                            stdout=subprocess.PIPE, stderr=subprocess.DEVNULL, text=True, bufsize=1)
    lines: queue.Queue[str] = queue.Queue()
    threading.Thread(target=lambda: [lines.put(x) for x in proc.stdout], daemon=True).start()  # type: ignore[union-attr]

    def built() -> str:
        while True:
            try:
                line = lines.get(timeout=limit)
            except queue.Empty:
                raise StepFailed(f"kg build --watch printed no build in {limit:.0f} s") from None
            if line.startswith("built ") or "problem(s)" in line:
                if not line.startswith("built "):
                    raise StepFailed(f"kg build --watch: {line.strip()}")
                return line.strip()

    got = []
    try:
        built()
        for _ in range(reps):
            time.sleep(1.0)  # a save a while after the last build, as a curator's would be
            t0 = time.perf_counter()
            change_one_article(data)
            line = built()
            own = float(re.search(r" in ([0-9.]+) s ", line)[1])  # type: ignore[index]
            got.append((time.perf_counter() - t0, own, line))
    finally:
        proc.terminate()
        proc.wait()
    return got


def busiest_actor(nq: Path) -> str:
    from pyoxigraph import RdfFormat, Store

    store = Store()
    store.bulk_load(path=str(nq), format=RdfFormat.N_QUADS)
    q = ("SELECT ?x (COUNT(DISTINCT ?e) AS ?n) WHERE { GRAPH ?g { ?e a dkg:Meeting ; dkg:participant ?x } } "
         "GROUP BY ?x ORDER BY DESC(?n) ?x LIMIT 1")
    from kg.vocab import PREFIXES

    return next(iter(store.query(q, prefixes=PREFIXES)))["x"].value


def peer_row(nq: Path, work: Path, wall: float, limit: float) -> tuple:
    """The rdflib figure (N-Quads -> Dataset -> Turtle) as a table row; a lower bound when cut off at ``limit``."""
    step = "  rdflib: N-Quads -> Dataset -> Turtle"
    try:
        pwall, prss, ptext = run(python(RDFLIB, str(nq), str(work / "rdflib.ttl")), limit=limit)
    except CutOff as e:
        pwall, prss, ptext = e.args
        lines = [json.loads(line) for line in ptext.splitlines() if line.strip()]
        done = f"parsed in {lines[0]['parse']:.1f} s, cut off writing" if lines else "cut off parsing"
        print(f"rdflib: cut off at {pwall:.0f} s ({done}), peak {prss:,.0f} MB", flush=True)
        return (step, f"{wall:.2f} s", f"> {pwall:.0f} s ({done}), >= {prss:,.0f} MB", wall / pwall,
                "(the peer; kg at most this)", None)
    peer = json.loads(ptext.splitlines()[-1])
    print(f"rdflib: {pwall:.1f} s, peak {prss:,.0f} MB", flush=True)
    return (step, f"{wall:.2f} s", f"{pwall:.2f} s (parse {peer['parse']:.1f}, write {peer['serialize']:.1f}), "
            f"{prss:,.0f} MB", wall / pwall, "(the peer)", None)


class Table:
    def __init__(self) -> None:
        self.rows: list[list[str]] = []

    def add(self, step: str, figure: str, baseline: str = "", ratio: float | None = None, target: str = "",
            met: bool | None = None) -> None:
        verdict = "" if met is None else ("MET" if met else "MISSED")
        self.rows.append([step, figure, baseline, "" if ratio is None else f"{ratio:.2f}x", target, verdict])

    def print(self) -> None:
        from kg.table import format_table

        print(format_table(["step", "kg", "baseline", "ratio", "target", ""], self.rows))


def bench(args: argparse.Namespace) -> int:
    from kg.vocab import INFERRED_GRAPH, ONTOLOGY_GRAPH, PREFIXES

    CACHE.mkdir(exist_ok=True)
    data_cached, stats = corpus(args)
    print(f"corpus: {stats['articles']:,} articles (seed {stats['seed']}, {'basic' if args.basic else 'design'} "
          f"fields), {stats.get('events', 0):,} events ({stats['shared events']:,} shared), "
          f"{stats['memberships']:,} memberships, {stats['statements']:,} statements; generated in "
          f"{stats['generate seconds']} s; {data_cached}", flush=True)
    work = Path(tempfile.mkdtemp(prefix="run-", dir=CACHE))
    table = Table()
    try:
        data, out = work / "data", work / "out"
        shutil.copytree(data_cached, data)
        wall, rss, text = run([*KG, "build", "--data", str(data), "--out", str(out)])
        nq, quads, merged = dataset_of(out, work)
        print(f"kg build: {wall:.1f} s, {quads:,} quads, peak {rss:,.0f} MB; {text.strip().splitlines()[-1]}",
              flush=True)
        floor = json.loads(median_run(python(BULK, str(nq), str(work)), args.reps)[2])
        table.add("kg build (fresh process)", f"{wall:.2f} s", f"pyoxigraph bulk load {floor['memory']:.2f} s "
                  f"(on disk {floor['disk']:.2f} s)", wall / floor["memory"], "<= 3x", wall <= 3 * floor["memory"])
        table.add("  quads per second", f"{quads / wall:,.0f}", f"{quads / floor['disk']:,.0f} (disk), "
                  f"{quads / floor['memory']:,.0f} (memory)", None, ">= 100,000", quads / wall >= 100_000)
        table.add("  peak memory", f"{rss:,.0f} MB", "", None, "<= 1,536 MB", rss <= 1536)
        if not args.no_peer:
            table.add(*peer_row(nq, work, wall, args.peer_limit))

        incremental = []
        for _ in range(max(args.reps, 1)):  # each time another topic added to the same article
            changed = change_one_article(data)
            t0 = time.perf_counter()
            iwall, irss, itext = run([*KG, "build", "--data", str(data), "--out", str(out)])
            state_written(out)  # the detached writer of its state done (the next build would wait for it)
            incremental.append((iwall, time.perf_counter() - t0, irss, itext))
        iwall, iall = statistics.median(i[0] for i in incremental), statistics.median(i[1] for i in incremental)
        irss = max(i[2] for i in incremental)
        print(f"incremental kg build, {len(incremental)} edits: {iwall:.2f} s (median), {iall:.2f} s until its state "
              f"was written, peak {irss:,.0f} MB; {incremental[-1][3].strip().splitlines()[-1]}", flush=True)
        table.add("incremental build, one article changed", f"{iwall:.2f} s", f"full build {wall:.2f} s",
                  iwall / wall, "<= 0.05x", iwall <= 0.05 * wall)
        table.add("  ... until its state is written (detached)", f"{iall:.2f} s", f"full build {wall:.2f} s",
                  iall / wall, "", None)
        watched = watched_edits(data, out, max(args.reps, 1))
        saved = statistics.median(w[0] for w in watched)
        own = statistics.median(w[1] for w in watched)
        print(f"kg build --watch, {len(watched)} edits: {saved:.2f} s from the save (median); "
              f"{watched[-1][2]}", flush=True)
        table.add("  the same in kg build --watch (its build)", f"{own:.2f} s", f"full build {wall:.2f} s",
                  own / wall, "<= 0.05x", own <= 0.05 * wall)
        table.add("  ... from the save to the build done", f"{saved:.2f} s", f"full build {wall:.2f} s",
                  saved / wall, "", None)
        nq, quads, merged = dataset_of(out, work)

        actor = busiest_actor(nq)
        # A user's kg has its bytecode (pip writes it for a wheel, Python on the first import of an editable
        # install); with PYTHONDONTWRITEBYTECODE set, as on this project's machines, each process would
        # compile kg's modules again (about 25 ms), which a bare pyoxigraph process never pays.
        subprocess.run([sys.executable, "-m", "compileall", "-q", str(ROOT / "kg")], check=True,
                       stdout=subprocess.DEVNULL)
        kq = median_run([*KG, "query", "meetings-of", "-p", f"actor={actor}", "--graph", str(out), "--format", "csv"],
                        args.reps)
        shown = run([*KG, "query", "meetings-of", "-p", f"actor={actor}", "--graph", str(out), "--show"])[2]
        spec = json.dumps({"text": shown, "prefixes": PREFIXES, "default_graph": merged})
        bq = median_run(python(QUERY, str(out), spec), args.reps)
        rows = kq[2].count("\n") - 1
        table.add(f"kg query meetings-of ({rows} rows)", f"{kq[0]:.2f} s", f"bare pyoxigraph process {bq[0]:.2f} s",
                  kq[0] / bq[0], "<= 1.5x", kq[0] <= 1.5 * bq[0])

        left_out = json.dumps([ONTOLOGY_GRAPH, INFERRED_GRAPH])
        for fmt, extra, what in (("ttl", [], "Turtle, asserted facts"),
                                 ("nq", ["--with-ontology", "--with-inferred"], "N-Quads, every graph")):
            target = work / f"kg.{fmt}"
            ke = median_run([*KG, "export", "--graph", str(out), "--format", fmt, *extra, "-o", str(target)], args.reps)
            bare = work / f"bare.{fmt}"
            be = median_run(python(DUMP, str(out), fmt, str(bare), left_out), args.reps)
            same = _count(target, fmt) == _count(bare, fmt)
            table.add(f"kg export {what}", f"{ke[0]:.2f} s", f"Store.dump process {be[0]:.2f} s"
                      + ("" if same else " (DIFFERENT content)"), ke[0] / be[0], "<= 3x", ke[0] <= 3 * be[0])
        print()
        print(f"{quads:,} quads built from {stats['articles']:,} articles; changed: {changed}")
        print(f"machine: {platform.platform()}, {os.cpu_count()} CPUs, Python {platform.python_version()}, "
              f"pyoxigraph {_version('pyoxigraph')}, rdflib {_version('rdflib')}")
        print(f"command: python benchmarks/bench_build.py {' '.join(sys.argv[1:])}".rstrip())
        print()
        table.print()
        if args.profile:
            profile(data_cached, work)
    except StepFailed as e:
        table.print()
        print(f"\nstep failed: {e}", file=sys.stderr)
        return 1
    finally:
        if not args.keep:
            shutil.rmtree(work, ignore_errors=True)
    return 0


def _count(path: Path, fmt: str) -> int:
    from pyoxigraph import RdfFormat, Store

    store = Store()
    store.bulk_load(path=str(path), format=RdfFormat.N_QUADS if fmt == "nq" else RdfFormat.TURTLE)
    return len(store)


def _version(name: str) -> str:
    from importlib.metadata import version

    return version(name)


def profile(data: Path, work: Path, top: int = 30) -> None:
    """cProfile of ``kg build`` on the same corpus, in a fresh process; print the top functions."""
    import pstats

    prof = work / "build.prof"
    run([sys.executable, "-m", "cProfile", "-o", str(prof), "-m", "kg", "build", "--data", str(data), "--out",
         str(work / "out-profile")])
    stats = pstats.Stats(str(prof))
    print(f"\nprofile of kg build (total {stats.total_tt:.1f} s), by cumulative time:")
    stats.sort_stats("cumulative").print_stats(top)
    print("by own time:")
    stats.sort_stats("tottime").print_stats(top)


def main(argv: list[str] | None = None) -> int:
    p = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    size = p.add_mutually_exclusive_group()
    size.add_argument("--quads", type=int, default=1_000_000, help="about this many quads (default: 1,000,000)")
    size.add_argument("--articles", type=int, default=None, help="this many articles instead")
    p.add_argument("--seed", type=int, default=0)
    p.add_argument("--basic", action="store_true", help="generate only the fields of the first facts format")
    p.add_argument("--reps", type=int, default=3, help="runs of each cheap step; the median is shown (default: 3)")
    p.add_argument("--no-peer", action="store_true", help="skip the rdflib figure (slow at 1M quads)")
    p.add_argument("--peer-limit", type=float, default=900, metavar="S",
                   help="stop the rdflib process after S seconds and report that lower bound (default: 900)")
    p.add_argument("--profile", action="store_true", help="also profile kg build (cProfile) and print the top")
    p.add_argument("--keep", action="store_true", help="keep the scratch folder under benchmarks/.cache/")
    return bench(p.parse_args(argv))


if __name__ == "__main__":
    sys.exit(main())
