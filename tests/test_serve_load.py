"""``kg serve`` under a mixed load on loopback: normal clients keep getting right answers, in time, while
hostile ones send huge bodies, drip bytes, nest brackets, send quote-and-backslash bodies, and run away.

Bounded: about ten seconds of load, a fixed number of clients.
"""

from __future__ import annotations

import http.client
import socket
import threading
import time
from urllib.parse import urlencode

import pytest

from kg.serve import App, Settings
from kg.serve.httpd import make_server

DURATION = 8.0
TIME_LIMIT = 2.0
#: The slowest a normal request may be: it may wait for a worker held by a runaway query (one time limit),
#: then run; on a loaded two-core machine, with room to spare.
LATENCY_BOUND = 3 * TIME_LIMIT + 4
NORMAL = [
    ("/sparql?" + urlencode({"query": "SELECT ?c ?x WHERE { ?c dkg:locatedIn ?x } ORDER BY ?c ?x"}), "text/csv"),
    ("/sparql?" + urlencode({"query": "ASK { id:baghdad dkg:locatedIn id:iraq }"}), "application/sparql-results+json"),
    ("/queries/meetings-of?actor=zarif", "application/json"),
    ("/health", "application/json"),
]
RUNAWAY = "SELECT (COUNT(*) AS ?n) { ?a ?b ?c . ?d ?e ?f . ?g ?h ?i }"


@pytest.fixture(scope="module")
def server(seed_graph):
    settings = Settings(workers=2, port=0, time_limit=TIME_LIMIT, request_timeout=2.0, wait_limit=30)
    with App.open(seed_graph, settings) as app:
        s = make_server(app)
        threading.Thread(target=s.serve_forever, daemon=True).start()
        yield s
        s.shutdown()
        s.server_close()


def ask(conn: http.client.HTTPConnection, path: str, accept: str) -> tuple[int, bytes]:
    conn.request("GET", path, headers={"Accept": accept})
    r = conn.getresponse()
    return r.status, r.read()


def normalized(path: str, body: bytes) -> bytes:
    if path == "/health":  # idle and restart counts move under load; the status must stay ok
        return b'"status": "ok"' if b'"status": "ok"' in body else body
    return body


def test_normal_clients_are_served_right_and_in_time_under_attack(server):
    host, port = server.server_address[:2]
    expected = {}
    conn = http.client.HTTPConnection(host, port, timeout=30)
    for path, accept in NORMAL:
        status, body = ask(conn, path, accept)
        assert status == 200, body
        expected[path] = normalized(path, body)
    conn.close()

    stop = threading.Event()
    problems: list[str] = []
    latencies: list[float] = []
    hostile_counts = {"huge": 0, "drip": 0, "nested": 0, "quotes": 0, "runaway": 0}

    def normal(seed: int) -> None:
        c = http.client.HTTPConnection(host, port, timeout=60)
        i = seed
        while not stop.is_set():
            path, accept = NORMAL[i % len(NORMAL)]
            i += 1
            start = time.monotonic()
            try:
                status, body = ask(c, path, accept)
            except (OSError, http.client.HTTPException) as e:
                problems.append(f"{path}: {e!r}")
                c.close()
                c = http.client.HTTPConnection(host, port, timeout=60)
                continue
            latencies.append(time.monotonic() - start)
            if status != 200 or normalized(path, body) != expected[path]:
                problems.append(f"{path}: {status} {body[:100]!r}")
        c.close()

    def raw(data: bytes, drip: bool = False) -> bytes:
        with socket.create_connection((host, port), timeout=30) as s:
            if drip:
                try:
                    for b in data:
                        s.sendall(bytes([b]))
                        time.sleep(0.3)
                        if stop.is_set():
                            break
                except OSError:
                    return b""
            else:
                s.sendall(data)
            chunks = []
            try:
                while chunk := s.recv(65536):
                    chunks.append(chunk)
            except OSError:
                pass
            return b"".join(chunks)

    def hostile(kind: str) -> None:
        while not stop.is_set():
            if kind == "huge":
                answer = raw(b"POST /sparql HTTP/1.1\r\nHost: localhost\r\nContent-Type: application/sparql-query\r\n"
                             b"Content-Length: 50000000\r\n\r\n" + b"x" * 65536)
                ok = answer.startswith(b"HTTP/1.1 413")
            elif kind == "drip":
                raw(b"GET /health HTTP/1.1\r\nHost: localhost\r\n\r\n" * 3, drip=True)
                ok = True
            elif kind == "nested":
                body = ("ASK { FILTER(" + "(" * 20000 + "1" + ")" * 20000 + ") }").encode()
                answer = raw(b"POST /sparql HTTP/1.1\r\nHost: localhost\r\nContent-Type: application/sparql-query\r\n"
                             b"Connection: close\r\nContent-Length: " + str(len(body)).encode() + b"\r\n\r\n" + body)
                ok = answer.startswith(b"HTTP/1.1 400")
            elif kind == "quotes":
                body = b'"\\' * 32000
                answer = raw(b"POST /sparql HTTP/1.1\r\nHost: localhost\r\nContent-Type: application/sparql-query\r\n"
                             b"Connection: close\r\nContent-Length: " + str(len(body)).encode() + b"\r\n\r\n" + body)
                ok = answer.startswith(b"HTTP/1.1 400")
            else:
                c = http.client.HTTPConnection(host, port, timeout=60)
                status, _ = ask(c, "/sparql?" + urlencode({"query": RUNAWAY}), "text/csv")
                c.close()
                ok = status == 503
            if not ok:
                problems.append(f"hostile {kind} was not refused as expected")
            hostile_counts[kind] += 1

    threads = [threading.Thread(target=normal, args=(i,)) for i in range(6)]
    threads += [threading.Thread(target=hostile, args=(k,)) for k in hostile_counts]
    threads += [threading.Thread(target=hostile, args=("drip",)) for _ in range(8)]
    for t in threads:
        t.start()
    time.sleep(DURATION)
    stop.set()
    for t in threads:
        t.join(60)
    assert not [t for t in threads if t.is_alive()]
    assert not problems, problems[:10]
    assert len(latencies) > 50
    assert max(latencies) < LATENCY_BOUND, sorted(latencies)[-5:]
    assert all(n > 0 for n in hostile_counts.values()), hostile_counts
