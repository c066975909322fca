"""Benchmark ``kg serve`` against rdflib-endpoint, on the same graph and the same queries, in one run.

    python benchmarks/bench_serve.py                 # the corpus of about 1,000,000 quads
    python benchmarks/bench_serve.py --quads 100000 --clients 32 --requests 20 --peer-requests 2

Needs the ``bench`` extra (``pip install -e '.[bench]'``: rdflib-endpoint and uvicorn).

The graph starts from what a user gives: ``kg generate --facts`` writes the facts files of an invented corpus and
``kg build`` builds them (both cached under ``benchmarks/.cache/``, see ``benchmarks/corpus.py``); ``kg serve
--graph OUT`` serves that build as it is, and rdflib-endpoint serves an rdflib ``Graph`` holding the same merged
view (the default graph of the build: the asserted facts, each triple once).

The load: CLIENTS threads, each on one kept-alive connection, sending requests in turn from a mix of raw SPARQL
(SELECT, ASK, CONSTRUCT) and named questions (``/queries/NAME`` on kg serve; the complete text of the same question
with its parameters bound, as ``kg query --endpoint`` sends it, on rdflib-endpoint), all over the default graph.
Every answer of both servers is checked against the first answer of kg serve to the same request (rows compared
as sets of values). kg serve gets REQUESTS requests per client, rdflib-endpoint PEER_REQUESTS (it is far slower;
with 32 clients and 8 distinct requests each gets the same mix).

Printed: requests per second of each server and their ratio, latency percentiles, refused requests (any status
but 200), and the latency of a trivial query (``ASK {}``) on a kept-alive connection against a fresh connection
per request; then each target of issue 11 with MET or MISSED.
"""

from __future__ import annotations

import argparse
import http.client
import json
import os
import platform
import socket
import statistics
import subprocess
import sys
import tempfile
import threading
import time
from pathlib import Path
from urllib.parse import urlencode, urlsplit

ROOT = Path(__file__).resolve().parent.parent
RAW = [
    "SELECT ?c ?x WHERE { ?c dkg:locatedIn ?x } ORDER BY ?c ?x LIMIT 200",
    "SELECT ?m ?who WHERE { ?m a dkg:Meeting ; dkg:participant ?who } ORDER BY ?m ?who LIMIT 200",
    "SELECT ?x ?label WHERE { ?x rdfs:label ?label } ORDER BY ?x ?label LIMIT 50",
    "ASK { ?m a dkg:Meeting }",
    "CONSTRUCT { ?c dkg:locatedIn ?x } WHERE { ?c dkg:locatedIn ?x } ORDER BY ?c ?x LIMIT 100",
]
JSON_ROWS = "application/sparql-results+json"
RDFLIB_SERVER = """
import sys, rdflib, uvicorn
from rdflib_endpoint import SparqlEndpoint
g = rdflib.Graph()
g.parse(sys.argv[1], format="nt")
print("loaded", len(g), flush=True)
uvicorn.run(SparqlEndpoint(graph=g), host="127.0.0.1", port=int(sys.argv[2]), log_level="warning")
"""


def prefixes() -> str:
    from kg.vocab import PREFIXES

    return "".join(f"PREFIX {k}: <{v}>\n" for k, v in sorted(PREFIXES.items()))


def peer_graph(store_path: Path, folder: Path) -> tuple[Path, int]:
    """The default graph of the build (the merged view) as N-Triples, for rdflib-endpoint; its triple count."""
    from pyoxigraph import DefaultGraph, RdfFormat, Store

    store = Store.read_only(str(store_path))
    nt = folder / "merged.nt"
    store.dump(output=str(nt), format=RdfFormat.N_TRIPLES, from_graph=DefaultGraph())
    count = sum(1 for _ in store.quads_for_pattern(None, None, None, DefaultGraph()))
    return nt, count


#: The named questions of the mix and how their parameters are chosen (see ``workload``).
NAMED = ("meetings-of", "imprecise-dates", "met-between")


def workload(store_path: Path) -> list[dict]:
    """Each request: its kg serve path, its rdflib-endpoint query text, and the Accept header."""
    from pyoxigraph import Store

    from kg.graph import KnowledgeGraph
    from kg.query.catalog import bind_params, get_named

    graph = KnowledgeGraph(Store.read_only(str(store_path)))
    head = prefixes()
    out = []
    for text in RAW:
        accept = "text/turtle" if text.startswith("CONSTRUCT") else JSON_ROWS
        out.append({"kg": "/sparql?" + urlencode({"query": head + text}), "peer": head + text, "accept": accept})
    actor = next(iter(graph.store.query(head + "SELECT ?p { ?m a dkg:Meeting ; dkg:participant ?p } "
                                               "ORDER BY ?m ?p LIMIT 1")))
    actor_id = actor["p"].value.rsplit("/", 1)[1]
    choices = {"meetings-of": {"actor": actor_id}, "imprecise-dates": {},
               "met-between": {"from": "2000-01-01", "to": "2100-12-31"}}
    for name in NAMED:
        q, params = get_named(name), choices[name]
        text = q.complete(bind_params(graph, q, params))  # what kg query --endpoint sends
        out.append({"kg": f"/queries/{name}?" + urlencode(params), "peer": text, "accept": JSON_ROWS,
                    "hide": sorted(params)})
    return out


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def start(cmd: list[str], url: str, log: Path) -> subprocess.Popen:
    proc = subprocess.Popen(cmd, cwd=ROOT, stdout=log.open("w"), stderr=subprocess.STDOUT)
    deadline = time.monotonic() + 600
    parts = urlsplit(url)
    while time.monotonic() < deadline:
        if proc.poll() is not None:
            raise SystemExit(f"{cmd[:4]} stopped:\n{log.read_text()}")
        try:
            with socket.create_connection((parts.hostname, parts.port), timeout=1):
                return proc
        except OSError:
            time.sleep(0.2)
    proc.kill()
    raise SystemExit(f"{cmd[:4]} did not start:\n{log.read_text()}")


def request(conn: http.client.HTTPConnection, item: dict, peer: bool) -> tuple[int, bytes]:
    if peer:
        conn.request("POST", "/", body=urlencode({"query": item["peer"]}),
                     headers={"Accept": item["accept"], "Content-Type": "application/x-www-form-urlencoded"})
    else:
        conn.request("GET", item["kg"], headers={"Accept": item["accept"]})
    r = conn.getresponse()
    return r.status, r.read()


def canonical(body: bytes, item: dict) -> object:
    """An answer in a form both servers' answers can be compared in: rows as a sorted tuple of (variable, value)
    pairs, without the bound parameters (kg leaves them out of a named question's answer), the items of a list
    (``GROUP_CONCAT``, which each engine gathers in its own order) sorted."""
    if item["accept"] == "text/turtle":
        import rdflib

        g = rdflib.Graph().parse(data=body, format="turtle")
        return frozenset((str(s), str(p), str(o)) for s, p, o in g)
    data = json.loads(body)
    if "boolean" in data:
        return data["boolean"]
    hide = set(item.get("hide", ()))
    rows = [tuple(sorted((k, "; ".join(sorted(v["value"].split("; ")))) for k, v in b.items() if k not in hide))
            for b in data["results"]["bindings"]]
    return tuple(sorted(rows))


def load(url: str, items: list[dict], peer: bool, clients: int, per_client: int, expected: dict,
         timeout: float = 600) -> dict:
    """Every client sends ``per_client`` requests on one kept-alive connection. A request without an answer
    within ``timeout`` seconds counts as not completed (``timed_out``): the throughput counts completed ones."""
    parts = urlsplit(url)
    latencies: list[float] = []
    statuses: list[int] = []
    wrong: list[str] = []

    timed_out: list[str] = []

    def client(n: int) -> None:
        conn = http.client.HTTPConnection(parts.hostname, parts.port, timeout=timeout)
        for i in range(per_client):
            item = items[(n + i) % len(items)]
            start = time.perf_counter()
            try:
                status, body = request(conn, item, peer)
            except OSError:  # no answer within the time limit (or the connection dropped): not a completed request
                timed_out.append(item["kg"])
                conn.close()
                conn = http.client.HTTPConnection(parts.hostname, parts.port, timeout=timeout)
                continue
            latencies.append(time.perf_counter() - start)
            statuses.append(status)
            if status == 200 and canonical(body, item) != expected[item["kg"]]:
                wrong.append(item["kg"])
        conn.close()

    threads = [threading.Thread(target=client, args=(n,)) for n in range(clients)]
    start = time.perf_counter()
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    wall = time.perf_counter() - start
    return {"wall": wall, "latencies": latencies, "refused": sum(s != 200 for s in statuses), "wrong": wrong,
            "timed_out": timed_out}


def trivial_latency(url: str, n: int = 200) -> tuple[float, float]:
    """Median seconds of ``ASK {}`` on one kept-alive connection, and on a fresh connection each time."""
    parts = urlsplit(url)
    path = "/sparql?" + urlencode({"query": "ASK {}"})
    kept, fresh = [], []
    conn = http.client.HTTPConnection(parts.hostname, parts.port, timeout=60)
    for _ in range(n):
        t = time.perf_counter()
        conn.request("GET", path, headers={"Accept": JSON_ROWS})
        conn.getresponse().read()
        kept.append(time.perf_counter() - t)
    conn.close()
    for _ in range(n):
        t = time.perf_counter()
        c = http.client.HTTPConnection(parts.hostname, parts.port, timeout=60)
        c.request("GET", path, headers={"Accept": JSON_ROWS, "Connection": "close"})
        c.getresponse().read()
        c.close()
        fresh.append(time.perf_counter() - t)
    return statistics.median(kept), statistics.median(fresh)


def report(name: str, r: dict) -> str:
    lat = sorted(r["latencies"])

    def pct(p: float) -> str:
        return f"{lat[min(len(lat) - 1, int(p * len(lat)))] * 1000:8.1f} ms" if lat else "       - ms"

    rate = len(lat) / r["wall"]
    return (f"{name:16} {rate:9.2f} req/s   p50 {pct(0.5)}   p95 {pct(0.95)}   "
            f"answered {len(lat)}   refused {r['refused']}   timed out {len(r['timed_out'])}   "
            f"wrong answers {len(r['wrong'])}")


def main() -> None:
    sys.path.insert(0, str(ROOT / "benchmarks"))
    from corpus import built, store_of

    p = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    p.add_argument("--quads", type=int, default=1_000_000, help="about this many quads built (default: 1,000,000)")
    p.add_argument("--seed", type=int, default=0)
    p.add_argument("--clients", type=int, default=32)
    p.add_argument("--requests", type=int, default=20, help="requests per client to kg serve")
    p.add_argument("--peer-requests", type=int, default=2, help="requests per client to rdflib-endpoint")
    p.add_argument("--workers", type=int, default=0, help="worker processes of kg serve (0: one per core)")
    p.add_argument("--peer-timeout", type=float, default=600,
                   help="seconds an rdflib-endpoint request may take before it counts as not answered (default 600)")
    p.add_argument("--cache-mb", type=int, default=64, help="kg serve --cache-mb (0: every request runs its query)")
    args = p.parse_args()
    data, out, info = built(args.quads, args.seed)
    store_path = store_of(out)
    print(f"corpus: {data.parent.name}: {info['quads']:,} quads built by kg build in {info['seconds']:.0f} s "
          f"(cached)")
    with tempfile.TemporaryDirectory(prefix="bench-serve-") as tmp:
        folder = Path(tmp)
        nt, count = peer_graph(store_path, folder)
        print(f"the merged view (the default graph): {count:,} triples, the same for both servers")
        items = workload(store_path)
        kg_port, peer_port = free_port(), free_port()
        kg_url, peer_url = f"http://127.0.0.1:{kg_port}", f"http://127.0.0.1:{peer_port}"
        t0 = time.perf_counter()
        kg_proc = start([sys.executable, "-m", "kg", "serve", "--graph", str(out), "--port", str(kg_port),
                         "--workers", str(args.workers), "--max-rows", "100000", "--cache-mb", str(args.cache_mb)],
                        kg_url, folder / "kg.log")
        kg_ready = time.perf_counter() - t0
        t0 = time.perf_counter()
        peer_proc = start([sys.executable, "-c", RDFLIB_SERVER, str(nt), str(peer_port)], peer_url,
                          folder / "peer.log")
        peer_ready = time.perf_counter() - t0
        print(f"kg serve --graph listening after {kg_ready:.1f} s; rdflib-endpoint after {peer_ready:.1f} s "
              "(parsing the N-Triples)")
        try:
            parts = urlsplit(kg_url)
            conn = http.client.HTTPConnection(parts.hostname, parts.port, timeout=600)
            expected = {}
            for item in items:
                status, body = request(conn, item, False)
                if status != 200:
                    raise SystemExit(f"kg serve answered {status} to {item['kg']}: {body[:300]!r}")
                expected[item["kg"]] = canonical(body, item)
            conn.close()
            ours = load(kg_url, items, False, args.clients, args.requests, expected)
            peer = load(peer_url, items, True, args.clients, args.peer_requests, expected, args.peer_timeout)
            print(f"kg serve --cache-mb {args.cache_mb}; load: {args.clients} kept-alive clients, "
                  f"{len(items)} distinct requests ({len(RAW)} raw SPARQL, "
                  f"{len(items) - len(RAW)} named questions), {args.requests} requests per client to kg serve, "
                  f"{args.peer_requests} to rdflib-endpoint")
            print(report("kg serve", ours))
            print(report("rdflib-endpoint", peer))
            # A peer that completed nothing within its time limit is credited with one request: a lower bound.
            bound = "at least " if peer["timed_out"] else ""
            ratio = (len(ours["latencies"]) / ours["wall"]) / (max(1, len(peer["latencies"])) / peer["wall"])
            print(f"throughput ratio kg serve / rdflib-endpoint: {bound}{ratio:.1f}x"
                  + (f" ({len(peer['timed_out'])} of rdflib-endpoint's requests got no answer within "
                     f"{args.peer_timeout:.0f} s)" if peer["timed_out"] else ""))
            if ours["wrong"] or peer["wrong"]:
                print(f"different answers: kg serve {sorted(set(ours['wrong']))}, "
                      f"rdflib-endpoint {sorted(set(peer['wrong']))}")
            kept, fresh = trivial_latency(kg_url)
            print(f"ASK {{}} on kg serve: kept-alive {kept * 1000:.2f} ms, fresh connection {fresh * 1000:.2f} ms "
                  f"(difference {(kept - fresh) * 1000:+.2f} ms)")
        finally:
            for proc in (kg_proc, peer_proc):
                proc.terminate()
                try:
                    proc.wait(20)
                except subprocess.TimeoutExpired:
                    proc.kill()
    same = not ours["wrong"] and not peer["wrong"]
    print("\ntargets (issue 11):")
    print(f"  throughput at least 10x rdflib-endpoint's, same answers: {bound}{ratio:.1f}x, "
          f"{'same' if same else 'DIFFERENT'} answers: {'MET' if ratio >= 10 and same else 'MISSED'}")
    failed = ours["refused"] + len(ours["timed_out"])
    print(f"  no request refused: {failed} refused or unanswered: {'MET' if not failed else 'MISSED'}")
    print(f"  kept-alive within 2 ms of a fresh connection: {(kept - fresh) * 1000:+.2f} ms: "
          f"{'MET' if kept - fresh <= 0.002 else 'MISSED'}")
    print(f"\n{platform.machine()}, {os.cpu_count()} cores, {platform.system()} {platform.release()}, "
          f"Python {platform.python_version()}")


if __name__ == "__main__":
    main()
