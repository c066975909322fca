"""Benchmark ``kg serve`` against two baselines, on the same queries, in one run.

    python benchmarks/bench_serve.py [--clients 32] [--requests 20] [--workers 2] [--rounds 1]

The load: CLIENTS threads each sending REQUESTS requests, a mix of raw SPARQL (SELECT, ASK, CONSTRUCT) and
named questions (with their example parameters). Three setups answer it:

- ``in-process loop``: the same library calls (``kg.query`` run + format) in one thread, no HTTP: the
  engine's own speed, the floor for any server;
- ``bare http.server``: a minimal ``ThreadingHTTPServer`` process calling the library on its in-memory store
  directly, no workers, no limits (what a naive endpoint does; a runaway query would stall it);
- ``kg serve``: the real server, queries in worker processes with the time and row limits.

Reports requests per second and latency percentiles. The clients run in this process, on the same machine:
on a small machine they compete with the server for the CPU, which counts against both servers equally.
"""

from __future__ import annotations

import argparse
import json
import re
import subprocess
import sys
import threading
import time
import urllib.request
from pathlib import Path
from urllib.parse import parse_qs, urlencode, urlsplit

ROOT = Path(__file__).resolve().parent.parent
RAW = [
    ("SELECT ?c ?x WHERE { ?c dkg:locatedIn ?x } ORDER BY ?c ?x", "json"),
    ("SELECT ?m ?who WHERE { ?m a dkg:Meeting ; dkg:participant ?who } ORDER BY ?m ?who", "json"),
    ("SELECT ?x ?label WHERE { ?x rdfs:label ?label } ORDER BY ?x ?label LIMIT 50", "json"),
    ("ASK { id:baghdad dkg:locatedIn id:iraq }", "json"),
    ("CONSTRUCT { ?c dkg:locatedIn ?x } WHERE { ?c dkg:locatedIn ?x }", "turtle"),
]
ACCEPT = {"json": "application/sparql-results+json", "turtle": "text/turtle"}


def workload() -> list[tuple[str, str]]:
    """(path, Accept) of every distinct request."""
    from kg.query.catalog import load_catalog

    out = [("/sparql?" + urlencode({"query": q}), ACCEPT[fmt]) for q, fmt in RAW]
    for name, q in sorted(load_catalog().items()):
        params = dict(q.examples[0]) if q.examples else {}
        out.append((f"/queries/{name}?" + urlencode(params), "application/json"))
    return out


def answer(graph, path: str) -> tuple[bytes, str]:
    """What a request asks, computed by the library directly: (body, content type)."""
    from kg.formats.results import format_result
    from kg.query.catalog import run_named
    from kg.query.sparql import run

    parts = urlsplit(path)
    params = {k: v[0] for k, v in parse_qs(parts.query, keep_blank_values=True).items()}
    if parts.path == "/sparql":
        result = run(graph, params["query"])
        fmt = "json" if result.form in ("SELECT", "ASK") else "turtle"
        return format_result(result, fmt).encode(), ACCEPT[fmt]
    result = run_named(graph, parts.path.rsplit("/", 1)[1], params)
    rows = [{k: (v if v is None or isinstance(v, (int, float, str)) else str(v)) for k, v in r.items()}
            for r in result.to_python()] if result.form == "SELECT" else result.to_python()
    return json.dumps({"variables": result.variables, "rows": rows}).encode(), "application/json"


def baseline_server() -> None:
    """A minimal endpoint: ThreadingHTTPServer calling the library on the store, no workers and no limits."""
    from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer

    import kg

    graph = kg.build(ROOT / "data", shacl=False)

    class Handler(BaseHTTPRequestHandler):
        def do_GET(self) -> None:
            try:
                body, ctype = answer(graph, self.path)
                status = 200
            except Exception as e:
                body, ctype, status = str(e).encode(), "text/plain", 400
            self.send_response(status)
            self.send_header("Content-Type", ctype)
            self.send_header("Content-Length", str(len(body)))
            self.end_headers()
            self.wfile.write(body)

        def log_message(self, *args: object) -> None:
            pass

    ThreadingHTTPServer.request_queue_size = 64  # as kg serve: the default 5 makes clients wait on SYN retries
    server = ThreadingHTTPServer(("127.0.0.1", 0), Handler)
    print(f"serving at http://127.0.0.1:{server.server_address[1]}", flush=True)
    server.serve_forever()


def start(cmd: list[str], pattern: str) -> tuple[subprocess.Popen, str]:
    proc = subprocess.Popen(cmd, stdout=subprocess.PIPE, stderr=subprocess.STDOUT, cwd=ROOT, text=True)
    assert proc.stdout is not None
    for line in proc.stdout:
        m = re.search(pattern, line)
        if m:
            # Keep reading the output, so that the server never blocks on a full pipe.
            threading.Thread(target=lambda: [None for _ in proc.stdout], daemon=True).start()  # type: ignore[union-attr]
            return proc, m.group(1)
    raise SystemExit(f"{' '.join(cmd)} did not start")


def stop(proc: subprocess.Popen) -> None:
    proc.terminate()
    try:
        proc.wait(15)
    except subprocess.TimeoutExpired:
        proc.kill()
        proc.wait()


def load(url: str, requests: list[tuple[str, str]], clients: int, per_client: int) -> tuple[float, list[float]]:
    """Wall time and latencies of the load against a server; every answer must be 200."""
    latencies: list[float] = []
    errors: list[str] = []
    lock = threading.Lock()

    def client(n: int) -> None:
        for i in range(per_client):
            path, accept = requests[(n * per_client + i) % len(requests)]
            t = time.perf_counter()
            try:
                with urllib.request.urlopen(urllib.request.Request(url + path, headers={"Accept": accept}),
                                            timeout=60) as r:
                    r.read()
                    ok = r.status == 200
            except Exception as e:
                ok, path = False, f"{path}: {e}"
            with lock:
                latencies.append(time.perf_counter() - t)
                if not ok:
                    errors.append(path)

    threads = [threading.Thread(target=client, args=(n,)) for n in range(clients)]
    t0 = time.perf_counter()
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    wall = time.perf_counter() - t0
    if errors:
        raise SystemExit(f"{len(errors)} requests failed, e.g. {errors[:3]}")
    return wall, latencies


def in_process(graph, requests: list[tuple[str, str]], total: int) -> tuple[float, list[float]]:
    latencies = []
    t0 = time.perf_counter()
    for i in range(total):
        t = time.perf_counter()
        answer(graph, requests[i % len(requests)][0])
        latencies.append(time.perf_counter() - t)
    return time.perf_counter() - t0, latencies


def row(name: str, wall: float, latencies: list[float]) -> str:
    ms = sorted(x * 1000 for x in latencies)

    def pct(p: float) -> float:
        return ms[min(len(ms) - 1, int(p / 100 * len(ms)))]

    return (f"{name:<22} {len(ms):>8} {wall:>8.2f} {len(ms) / wall:>8.0f} {pct(50):>8.1f} {pct(90):>8.1f} "
            f"{pct(99):>8.1f} {ms[-1]:>8.1f}")


def main() -> None:
    p = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    p.add_argument("--clients", type=int, default=32)
    p.add_argument("--requests", type=int, default=20, help="requests per client")
    p.add_argument("--workers", type=int, default=2, help="worker processes of kg serve")
    p.add_argument("--baseline-server", action="store_true", help=argparse.SUPPRESS)
    args = p.parse_args()
    if args.baseline_server:
        return baseline_server()

    import kg

    graph = kg.build(ROOT / "data", shacl=False)
    requests = workload()
    total = args.clients * args.requests
    for path, _ in requests:  # warm up, and check every request works in-process
        answer(graph, path)
    print(f"{total} requests ({args.clients} clients x {args.requests}), {len(requests)} distinct: "
          f"{len(RAW)} raw SPARQL, {len(requests) - len(RAW)} named questions; {len(graph.store):,} quads\n")
    print(f"{'setup':<22} {'requests':>8} {'seconds':>8} {'req/s':>8} {'p50 ms':>8} {'p90 ms':>8} {'p99 ms':>8} "
          f"{'max ms':>8}")
    print(row("in-process loop", *in_process(graph, requests, total)))

    proc, url = start([sys.executable, __file__, "--baseline-server"], r"serving at (http://\S+)")
    try:
        load(url, requests, 2, 5)
        print(row("bare http.server", *load(url, requests, args.clients, args.requests)))
    finally:
        stop(proc)

    proc, url = start([sys.executable, "-c", "from kg.cli import entry; entry()", "serve", "--port", "0",
                       "--workers", str(args.workers)], r"serving [\d,]+ quads at (http://\S+?)/ ")
    try:
        load(url, requests, 2, 5)
        print(row(f"kg serve ({args.workers} workers)", *load(url, requests, args.clients, args.requests)))
    finally:
        stop(proc)


if __name__ == "__main__":
    main()
