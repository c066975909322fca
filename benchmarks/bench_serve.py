"""Benchmark ``kg serve`` against rdflib-endpoint, on the same graph and the same queries, in one run.

    python benchmarks/bench_serve.py [--triples 100000] [--clients 32] [--requests 10] [--workers 0]

Needs the ``bench`` extra (``pip install -e '.[bench]'``: rdflib-endpoint and uvicorn).

The graph: ``kg generate --triples N`` (a synthetic corpus shaped like a real build), every triple loaded into
the default graph (one Oxigraph store for ``kg serve --graph``, one rdflib ``Graph`` for rdflib-endpoint).
The load: CLIENTS threads, each on one kept-alive connection, sending REQUESTS requests in turn from a mix of
raw SPARQL (SELECT, ASK, CONSTRUCT) and named questions (``/queries/NAME`` on kg serve; the same question's
SPARQL with its parameters bound, on rdflib-endpoint). Every answer of both servers is checked against the first
answer of kg serve to the same request (rows compared as sets of values).

Printed: requests per second of each server and their ratio, latency percentiles, refused requests, and the
latency of a trivial query (``ASK {}``) on a kept-alive connection against a fresh connection per request.
"""

from __future__ import annotations

import argparse
import http.client
import json
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
    "CONSTRUCT { ?c dkg:locatedIn ?x } WHERE { ?c dkg:locatedIn ?x } LIMIT 100",
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


def make_graph(folder: Path, triples: int) -> tuple[Path, Path, int]:
    """An Oxigraph store and an N-Triples file, both holding every generated triple in the default graph."""
    from pyoxigraph import DefaultGraph, Quad, RdfFormat, Store, parse

    nq = folder / "corpus.nq"
    subprocess.run([sys.executable, "-m", "kg", "generate", "--triples", str(triples), "--out", str(nq)],
                   check=True, cwd=ROOT, stdout=subprocess.DEVNULL)
    store_path = folder / "store"
    store = Store(str(store_path))
    store.bulk_extend(Quad(q.subject, q.predicate, q.object)
                      for q in parse(path=str(nq), format=RdfFormat.N_QUADS))
    nt = folder / "corpus.nt"
    store.dump(output=str(nt), format=RdfFormat.N_TRIPLES, from_graph=DefaultGraph())
    count = len(store)
    store.flush()
    del store
    return store_path, nt, count


def workload(store_path: Path) -> list[dict]:
    """Each request: its kg serve path, its rdflib-endpoint query text, and the Accept header."""
    from pyoxigraph import Store

    from kg.graph import KnowledgeGraph
    from kg.query.catalog import bind_params, get_named
    from kg.remote.endpoint import bind_values, endpoint_text

    graph = KnowledgeGraph(Store.read_only(str(store_path)))
    head = prefixes()
    out = []
    for text in RAW:
        accept = "text/turtle" if text.startswith("CONSTRUCT") else JSON_ROWS
        out.append({"kg": "/sparql?" + urlencode({"query": head + text}), "peer": head + text, "accept": accept})
    actor = next(iter(graph.store.query(head + "SELECT ?p { ?m a dkg:Meeting ; dkg:participant ?p } LIMIT 1")))
    actor_id = actor["p"].value.rsplit("/", 1)[1]
    for name, params in [("meetings-of", {"actor": actor_id}), ("imprecise-dates", {}),
                         ("met-between", {"from": "2000-01-01", "to": "2100-12-31"})]:
        q = get_named(name)
        bound = bind_params(graph, q, params)
        text = bind_values(endpoint_text(q, list(params)), bound)
        out.append({"kg": f"/queries/{name}?" + urlencode(params), "peer": head + text, "accept": JSON_ROWS})
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


def canonical(body: bytes, accept: str) -> object:
    """An answer in a form both servers' answers can be compared in."""
    if accept == "text/turtle":
        import rdflib

        g = rdflib.Graph().parse(data=body, format="turtle")
        return frozenset((str(s), str(p), str(o)) for s, p, o in g)
    data = json.loads(body)
    if "boolean" in data:
        return data["boolean"]
    rows = [tuple(sorted((k, v["value"]) for k, v in b.items())) for b in data["results"]["bindings"]]
    return tuple(sorted(rows))


def load(url: str, items: list[dict], peer: bool, clients: int, per_client: int, expected: dict) -> dict:
    parts = urlsplit(url)
    latencies: list[float] = []
    statuses: list[int] = []
    wrong: list[str] = []

    def client(n: int) -> None:
        conn = http.client.HTTPConnection(parts.hostname, parts.port, timeout=600)
        for i in range(per_client):
            item = items[(n + i) % len(items)]
            start = time.perf_counter()
            status, body = request(conn, item, peer)
            latencies.append(time.perf_counter() - start)
            statuses.append(status)
            if status == 200 and canonical(body, item["accept"]) != expected[item["kg"]]:
                wrong.append(item["kg"])
        conn.close()

    threads = [threading.Thread(target=client, args=(n,)) for n in range(clients)]
    start = time.perf_counter()
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    wall = time.perf_counter() - start
    return {"wall": wall, "latencies": latencies, "refused": sum(s != 200 for s in statuses), "wrong": wrong}


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

    def pct(p: float) -> float:
        return lat[min(len(lat) - 1, int(p * len(lat)))] * 1000

    rate = len(lat) / r["wall"]
    return (f"{name:16} {rate:9.1f} req/s   p50 {pct(0.5):8.1f} ms   p95 {pct(0.95):8.1f} ms   "
            f"refused {r['refused']}   wrong answers {len(r['wrong'])}")


def main() -> None:
    p = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    p.add_argument("--triples", type=int, default=100_000, help="size of the generated graph")
    p.add_argument("--clients", type=int, default=32)
    p.add_argument("--requests", type=int, default=10, help="requests per client")
    p.add_argument("--workers", type=int, default=0, help="worker processes of kg serve (0: one per core)")
    args = p.parse_args()
    with tempfile.TemporaryDirectory(prefix="bench-serve-") as tmp:
        folder = Path(tmp)
        t = time.perf_counter()
        store_path, nt, count = make_graph(folder, args.triples)
        print(f"graph: {count:,} triples in the default graph ({time.perf_counter() - t:.1f} s to generate and load)")
        items = workload(store_path)
        kg_port, peer_port = free_port(), free_port()
        kg_url, peer_url = f"http://127.0.0.1:{kg_port}", f"http://127.0.0.1:{peer_port}"
        kg_proc = start([sys.executable, "-m", "kg", "serve", "--graph", str(store_path), "--port", str(kg_port),
                         "--workers", str(args.workers), "--max-rows", "100000"], kg_url, folder / "kg.log")
        peer_proc = start([sys.executable, "-c", RDFLIB_SERVER, str(nt), str(peer_port)], peer_url,
                          folder / "peer.log")
        try:
            parts = urlsplit(kg_url)
            conn = http.client.HTTPConnection(parts.hostname, parts.port, timeout=600)
            expected = {}
            for item in items:
                status, body = request(conn, item, False)
                if status != 200:
                    raise SystemExit(f"kg serve answered {status} to {item['kg']}: {body[:300]!r}")
                expected[item["kg"]] = canonical(body, item["accept"])
            conn.close()
            ours = load(kg_url, items, False, args.clients, args.requests, expected)
            peer = load(peer_url, items, True, args.clients, args.requests, expected)
            print(f"load: {args.clients} kept-alive clients x {args.requests} requests, {len(items)} distinct "
                  f"requests ({len(RAW)} raw SPARQL, {len(items) - len(RAW)} named questions)")
            print(report("kg serve", ours))
            print(report("rdflib-endpoint", peer))
            ratio = (len(ours["latencies"]) / ours["wall"]) / (len(peer["latencies"]) / peer["wall"])
            print(f"throughput ratio kg serve / rdflib-endpoint: {ratio:.1f}x")
            if peer["wrong"]:
                print(f"rdflib-endpoint answered differently on: {sorted(set(peer['wrong']))}")
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


if __name__ == "__main__":
    main()
