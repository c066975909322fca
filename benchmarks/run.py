"""Benchmark: every named question and the graph queries on a synthetic graph of a real build's shape.

    python benchmarks/run.py                      # 1,000,000 quads, seed 0
    python benchmarks/run.py --triples 100000 --reps 3 --no-network

1. ``kg generate`` writes the synthetic graph (N-Quads) to a temporary folder (or reuses ``--file``)
   and it is loaded into an in-memory Oxigraph store.
2. Each named question runs through ``kg`` (``kg.query.run_named``: parameters given as ids, resolved
   and bound, the text scanned, the result wrapped) and directly on pyoxigraph with the same text kg
   runs (``NamedQuery.complete``: prefixes and parameters in it) on the default graph, the merged view,
   both fully consumed, alternately, after a warm-up. Medians are printed, with the ratio kg/direct.
3. The graph queries (``kg.query.network``) are timed the same way: building the mirrors once, then
   paths between pairs of persons, neighbours, rankings (degree, PageRank, sampled betweenness) and
   communities.

Parameters are chosen from the graph: the person with the most events, the most used topic, the
country with the most events in its cities, and so on (see ``pick``).
"""

from __future__ import annotations

import argparse
import platform
import random
import statistics
import sys
import tempfile
import time
from collections.abc import Callable
from pathlib import Path

from pyoxigraph import QueryBoolean, QuerySolutions, Store

from kg.table import format_table
from kg.vocab import ID_NS, PREFIXES

_TOP = {
    "person": "SELECT ?x (COUNT(*) AS ?n) { ?e dkg:participant ?x . ?x a dkg:Person } GROUP BY ?x ORDER BY DESC(?n) ?x",
    "organization": "SELECT ?x (COUNT(*) AS ?n) { ?e dkg:participant ?x . ?x a dkg:Organization } GROUP BY ?x "
                    "ORDER BY DESC(?n) ?x",
    "country": "SELECT ?x (COUNT(*) AS ?n) { ?e dkg:location/dkg:locatedIn ?x } GROUP BY ?x ORDER BY DESC(?n) ?x",
    "city": "SELECT ?x (COUNT(*) AS ?n) { ?e dkg:location ?x . ?x a dkg:City } GROUP BY ?x ORDER BY DESC(?n) ?x",
    "topic": "SELECT ?x (COUNT(*) AS ?n) { ?e dkg:topic ?x } GROUP BY ?x ORDER BY DESC(?n) ?x",
    "role": "SELECT ?x (COUNT(*) AS ?n) { ?m org:role ?x } GROUP BY ?x ORDER BY DESC(?n) ?x",
    "event": "SELECT ?x { ?x a dkg:Meeting ; dkg:participant ?p ; prov:wasDerivedFrom ?s1, ?s2 FILTER(?s1 != ?s2) } "
             "ORDER BY ?x",
    "membership": "SELECT ?x { ?x a dkg:Membership } ORDER BY ?x",
    "statement": "SELECT ?x { ?x a dkg:Statement } ORDER BY ?x",
    "source": "SELECT ?x { ?x a dkg:SourceDocument } ORDER BY ?x",
}
_SAME = {"actor": "person", "place": "country", "region": "country", "fact": "event", "entity": "event"}
_DATES = {"from": "2015-01-01", "to": "2015-03-31", "on": "2015-06-01"}


def pick(store: Store, kind: str, name: str) -> str | None:
    """A value for a parameter of this type, as a user would type it (an id, a date, words)."""
    if kind == "date":
        return _DATES.get(name, "2015-06-01")
    if kind == "text":
        return "cooperation"
    if kind == "integer":
        return "10"
    query = _TOP.get("country" if name == "about" else _SAME.get(kind, kind))
    if query is None:
        return None
    for row in store.query(query + " LIMIT 1", prefixes=PREFIXES, use_default_graph_as_union=True):
        return row["x"].value.removeprefix(ID_NS)
    return None


def consume(answer: object) -> int:
    """Read a whole answer, as the ``kg`` side does; return its size."""
    if isinstance(answer, QueryBoolean):
        return int(bool(answer))
    if isinstance(answer, QuerySolutions):
        return len(list(answer))
    return len(list(answer))  # type: ignore[call-overload]


def median_time(fn: Callable[[], object], reps: int) -> float:
    fn()  # warm-up
    times = []
    for _ in range(reps):
        t0 = time.perf_counter()
        fn()
        times.append(time.perf_counter() - t0)
    return statistics.median(times)


def with_time_limit(fn: Callable[[], object], limit: float) -> object | None:
    """``fn()`` in a forked copy of this process, or None if it takes longer than ``limit`` seconds.

    Oxigraph queries cannot be interrupted, and a question can be far slower than the rest.
    """
    import multiprocessing as mp

    ctx = mp.get_context("fork")
    receive, send = ctx.Pipe(duplex=False)
    child = ctx.Process(target=lambda: send.send(fn()), daemon=True)
    child.start()
    try:
        return receive.recv() if receive.poll(limit) else None
    finally:
        child.kill()
        child.join()


def bench_questions(graph, reps: int, limit: float) -> list[list[object]]:
    from kg.query.catalog import bind_params, load_catalog, run_named

    store, rows = graph.store, []
    for name, q in load_catalog().items():
        params = {p.name: pick(store, p.type, p.name) for p in q.params if not p.optional}
        if any(v is None for v in params.values()):
            rows.append([name, "-", "-", "-", "-", "no value for a parameter"])
            continue
        text = q.complete(bind_params(graph, q, params))  # the complete text kg runs (and sends elsewhere)

        def through_kg(q=q, params=params) -> int:
            r = run_named(graph, q, params)
            return len(r.rows) if r.form == "SELECT" else len(r) if r.form != "ASK" else int(bool(r.boolean))

        def direct(text=text) -> int:
            return consume(store.query(text))

        def measure(through_kg=through_kg, direct=direct, name=name) -> tuple[int, float, float]:
            n = through_kg()
            assert n == direct(), f"{name}: kg and pyoxigraph disagree"
            # Alternate the two so that drift on a noisy machine hits both alike.
            kg_times, direct_times = [], []
            for _ in range(reps):
                kg_times.append(median_time(through_kg, 1))
                direct_times.append(median_time(direct, 1))
            return n, statistics.median(kg_times), statistics.median(direct_times)

        shown = " ".join(f"{k}={v}" for k, v in params.items())
        done = with_time_limit(measure, limit)
        if done is None:
            rows.append([name, "?", f"> {limit * 1000:.0f}", "", "", f"{shown} (stopped after {limit:.0f} s)"])
            continue
        n, t_kg, t_direct = done
        rows.append([name, n, f"{t_kg * 1000:.1f}", f"{t_direct * 1000:.1f}", f"{t_kg / t_direct:.2f}x", shown])
    return rows


def bench_network(graph, reps: int, seed: int) -> list[list[object]]:
    from kg.query import network

    rows: list[list[object]] = []

    # The mirrors are built once per graph and cached: timed once, not repeated.
    t0 = time.perf_counter()
    G = graph.nx
    rows.append(["whole-graph mirror (KnowledgeGraph.nx)", 1, f"{time.perf_counter() - t0:.2f}",
                 f"{G.number_of_nodes():,} nodes, {G.number_of_edges():,} edges"])
    t0 = time.perf_counter()
    A = graph.actors
    rows.append(["actor network (KnowledgeGraph.actors)", 1, f"{time.perf_counter() - t0:.2f}",
                 f"{A.number_of_nodes():,} actors, {A.number_of_edges():,} links"])
    persons = sorted(n for n, t in A.nodes(data="type") if t == "dkg:Person")
    rng = random.Random(seed)
    pairs = [tuple(rng.sample(persons, 2)) for _ in range(reps)]
    hops = []

    def paths() -> None:
        for a, b in pairs:
            hops.append(len(network.shortest_path(graph, a, b).hops))

    t = median_time(paths, 1) / len(pairs)
    rows.append(["path between two persons", f"{len(pairs)} pairs", f"{t:.3f}",
                 f"median {statistics.median(hops):.0f} hops"])
    top = network.rank(graph, "degree").scores[0]
    found: list = []
    t = median_time(lambda: found.append(len(network.neighbors(graph, top.iri, 1))), reps)
    rows.append([f"neighbors --depth 1 of the top actor ({top.label})", reps, f"{t:.3f}", f"{found[-1]:,} found"])
    for by in network.MEASURES:
        result: list = []
        t = median_time(lambda by=by, result=result: result.append(network.rank(graph, by)), reps)
        note = f"sampled: {network.BETWEENNESS_SAMPLE} of {len(A):,} sources, seed 0" if result[-1].note else ""
        rows.append([f"rank --by {by}", reps, f"{t:.3f}", note])
    groups: list = []
    t = median_time(lambda: groups.append(network.communities(graph, min_size=2)), reps)
    rows.append(["communities (Louvain, seed 0)", reps, f"{t:.3f}", f"{len(groups[-1]):,} of 2 or more actors"])
    return rows


def main(argv: list[str] | None = None) -> int:
    p = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    p.add_argument("--triples", type=int, default=1_000_000, help="size of the synthetic graph (default: 1,000,000)")
    p.add_argument("--seed", type=int, default=0, help="seed of the generator (default: 0)")
    p.add_argument("--reps", type=int, default=5, help="timed repetitions per question, after a warm-up (default: 5)")
    p.add_argument("--graph-reps", type=int, default=3, help="repetitions per graph query (default: 3)")
    p.add_argument("--limit", type=float, default=60, help="stop a question after this many seconds (default: 60)")
    p.add_argument("--file", type=Path, help="use (or write) this .nq file instead of a temporary one")
    p.add_argument("--no-network", action="store_true", help="skip the graph queries")
    args = p.parse_args(argv)

    from kg.generate import generate, load

    with tempfile.TemporaryDirectory() as tmp:
        path = args.file or Path(tmp) / f"synthetic-{args.triples}-{args.seed}.nq"
        if not path.exists():
            t0 = time.perf_counter()
            counts = generate(path, args.triples, args.seed)
            print(f"generated {path.name}: {counts['quads']:,} quads in {time.perf_counter() - t0:.1f} s")
        t0 = time.perf_counter()
        graph = load(path)
        print(f"loaded {len(graph.store):,} quads into Oxigraph in {time.perf_counter() - t0:.1f} s")
    print(f"python {platform.python_version()}, {platform.machine()}, "
          f"pyoxigraph {__import__('pyoxigraph').__version__}, networkx {__import__('networkx').__version__}\n")

    rows = bench_questions(graph, args.reps, args.limit)
    print(f"Named questions: median of {args.reps} runs each after a warm-up, milliseconds")
    print(format_table(["question", "rows", "kg ms", "pyoxigraph ms", "kg/direct", "parameters"], rows, 60))
    timed = [r for r in rows if r[4]]
    stopped = [r[0] for r in rows if r[1] == "?"]
    worst = max((float(r[4][:-1]) for r in timed), default=0)
    slowest = max((float(r[2]) for r in timed), default=0)
    print(f"\nworst ratio {worst:.2f}x (target 1.2x); slowest finished question {slowest:.0f} ms (target 1000 ms)"
          + (f"; stopped after {args.limit:.0f} s: {', '.join(stopped)}" if stopped else ""))
    if not args.no_network:
        print(f"\nGraph queries (kg.query.network): median of {args.graph_reps} runs after a warm-up, seconds")
        print(format_table(["operation", "runs", "seconds", "note"], bench_network(graph, args.graph_reps, args.seed)))
    return 0


if __name__ == "__main__":
    sys.exit(main())
