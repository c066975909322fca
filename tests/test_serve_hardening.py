"""``kg serve`` against hostile input: the SERVICE and update refusal checked against Oxigraph itself, the
workers' walls (no network, capped memory, deep stack), and the HTTP layer's limits.

The queries and data here are invented for the tests.
"""

from __future__ import annotations

import io
import json
import os
import random
import socket
import threading
import time
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from urllib.parse import quote, urlencode

import pytest
from pyoxigraph import Literal, NamedNode, Quad, Store

from kg.query.scan import scan, tokens
from kg.serve import App, Settings
from kg.serve.httpd import Handler, make_server
from kg.serve.workers import WorkerPool, prepare_store
from kg.vocab import PREFIXES


class Loopback:
    """A SPARQL endpoint on 127.0.0.1 that records every request and answers one row binding ?a."""

    def __init__(self):
        self.hits: list[str] = []
        hits = self.hits

        class Answer(BaseHTTPRequestHandler):
            def do_GET(self):
                self._answer()

            def do_POST(self):
                self.rfile.read(int(self.headers.get("Content-Length") or 0))
                self._answer()

            def _answer(self):
                hits.append(self.path)
                body = json.dumps({"head": {"vars": ["a"]},
                                   "results": {"bindings": [{"a": {"type": "uri", "value": "urn:a"}}]}}).encode()
                self.send_response(200)
                self.send_header("Content-Type", "application/sparql-results+json")
                self.send_header("Content-Length", str(len(body)))
                self.end_headers()
                self.wfile.write(body)

            def log_message(self, *args):
                pass

        self.server = ThreadingHTTPServer(("127.0.0.1", 0), Answer)
        self.url = f"http://127.0.0.1:{self.server.server_address[1]}/"
        threading.Thread(target=self.server.serve_forever, daemon=True).start()

    def close(self):
        self.server.shutdown()
        self.server.server_close()


@pytest.fixture(scope="module")
def loopback():
    lb = Loopback()
    yield lb
    lb.close()


# -- the SERVICE refusal, against what Oxigraph does ---------------------------------------------------------

# Each generated query ends a pattern in some way, then says SERVICE; the store holds what those patterns match,
# so that Oxigraph, which evaluates lazily, really gets to the SERVICE when it parsed one.
BEFORE = ["", "<urn:s> <urn:p> 1", "<urn:s> <urn:p> true", "<urn:s> <urn:p> 1e0.", "<urn:s> <urn:p> 1.",
          "<urn:s> <urn:p> .5e1", '<urn:s> <urn:p> "x"', '<urn:s> <urn:p> "x"@en', "<urn:s> <urn:p> ex:o",
          "<urn:s> <urn:p> ex:a.b", "<urn:s> <urn:p> ex:a\\.b", "<urn:s> <urn:p> ex:a\\#b", "<urn:s> <urn:p> ?o",
          "?s ?p ?o.", "FILTER(true)", "FILTER(1<2)", "BIND(1 AS ?b)", "{}", "OPTIONAL{}", "<urn:s> <urn:p> <urn:o>",
          "<urn:s> <urn:p> ex:o;", "<urn:s> <urn:p> ex:o,ex:o", "VALUES ?v {1}", "<urn:s> <urn:p> 1.0e0",
          "<urn:s> <urn:p> TRUE"]
OBJECTS = [Literal(1), Literal(True), Literal(1.0), Literal(5.0), Literal("x"), Literal("x", language="en"),
           NamedNode("urn:o")] + [NamedNode("urn:ex:" + x) for x in ("o", "a.b", "a#b", "o.svc", "a.b.svc", "a#b.svc")]
SEP = ["", " ", "\n", "#c\n", ".", " . "]
KEYWORD = ["SERVICE", "service", "SeRvIcE"]
SILENT = ["", " SILENT ", "SILENT", "silent "]
GROUP = ["{ ?a ?b ?c }", "{}", "{?a?b?c}"]
DECOYS = ['"SERVICE <U> {}"', "'''SERVICE'''", "#SERVICE <U> {}\n", "?SERVICE", "ex:SERVICE", "ex:a.SERVICE",
          "ex:a\\.SERVICE", "<urn:SERVICE>", '"x"@SERVICE', "_:SERVICE", "$service"]
LABELS = ["service", "xservice", "trueservice", "servicesilent", "serviceex", "svc.service", "SERVICEex"]


def generated(rng: random.Random, url: str) -> str:
    head = f"PREFIX : <{url}>\nPREFIX ex: <urn:ex:>\n"
    kind = rng.randrange(3)
    if kind == 0:  # SERVICE in a tricky place
        target = rng.choice(["<U>", " <U>", ":", ":x", " :x", "<" + "U".replace("/", "\\u002F") + ">"])
        return (f"{head}SELECT * {{ {rng.choice(BEFORE)}{rng.choice(SEP)}{rng.choice(KEYWORD)}{rng.choice(SILENT)}"
                f"{target.replace('U', url)}{rng.choice(['', ' '])}{rng.choice(GROUP)} }}")
    if kind == 1:  # the word where it is data
        decoy = rng.choice(DECOYS).replace("U", url)
        return f"{head}SELECT * {{ {rng.choice(BEFORE)} {decoy} {rng.choice(GROUP)} }}"
    label = rng.choice(LABELS)  # the word inside a prefix label, with or without a declared rest
    declare = rng.choice(["PREFIX : <U>\n", "", "PREFIX ex: <U>\n"]).replace("U", url)
    return (f"{declare}PREFIX {label}: <urn:l:>\nPREFIX ex: <urn:ex:>\nSELECT * {{ {rng.choice(BEFORE)}"
            f"{rng.choice(SEP)}{label}:{rng.choice(['x', '', 'x.y'])} {rng.choice(GROUP)} }}")


def oxigraph_calls_service(store: Store, text: str, loopback: Loopback) -> bool | None:
    """True if Oxigraph evaluated a SERVICE (it called the loopback server, or its HTTP client failed on the
    target), False if it ran the query without, None if it could not parse it."""
    before = len(loopback.hits)
    try:
        list(store.query(text))
    except SyntaxError:
        return None
    except OSError:  # what the HTTP client says when the service IRI is not an http(s) address it can call
        return True
    return len(loopback.hits) > before


def test_service_refusal_agrees_with_oxigraph_on_generated_queries(loopback):
    store = Store()
    for o in OBJECTS:
        store.add(Quad(NamedNode("urn:s"), NamedNode("urn:p"), o))
    rng = random.Random(20261201)
    seen = {True: 0, False: 0, None: 0}
    for _ in range(1500):
        text = generated(rng, loopback.url)
        called = oxigraph_calls_service(store, text, loopback)
        seen[called] += 1
        refused = scan(text).service_at is not None
        if called is not None:
            assert refused == called, text
        else:
            assert not called
    assert min(seen.values()) > 50, seen  # each outcome was really tried


def test_the_bypasses_of_the_old_scanner_are_refused(loopback):
    store = Store()
    store.add(Quad(NamedNode("urn:s"), NamedNode("urn:p"), Literal(True)))
    store.add(Quad(NamedNode("urn:s"), NamedNode("urn:p"), Literal(1)))
    for text in [f"SELECT * {{ <urn:s> <urn:p> true.SERVICE <{loopback.url}> {{ ?a ?b ?c }} }}",
                 f"SELECT * {{ <urn:s> <urn:p> 1SERVICE <{loopback.url}> {{ ?a ?b ?c }} }}",
                 f"SELECT * {{ SERVICESILENT<{loopback.url}>{{}} }}",
                 f"PREFIX : <{loopback.url}> SELECT * {{ SERVICE:x {{}} }}"]:
        assert oxigraph_calls_service(store, text, loopback) is True
        assert scan(text).service_at is not None, text


UPDATE_HEADS = ["", "PREFIX ex: <urn:ex:> ", "PREFIX ex:<urn:ex:>", "PREFIXex:<urn:ex:>", "BASE <urn:b> ",
                "BASE<urn:b>", "PREFIX : <urn:x> ", "# INSERT\n", "PREFIX ex: <urn:ex:> #c\n BASE <urn:> "]
UPDATE_BODIES = ["INSERT DATA { <urn:a> <urn:b> <urn:c> }", "INSERTDATA{<urn:a> <urn:b> <urn:c>}", "insert data {}",
                 "DELETE DATA {}", "DELETE WHERE { ?s ?p ?o }", "DELETE{?s ?p ?o}WHERE{?s ?p ?o}", "CLEAR ALL",
                 "CLEARALL", "DROP SILENT GRAPH <urn:g>", "CREATE GRAPH <urn:g>", "ADD DEFAULT TO <urn:g>",
                 "MOVE DEFAULT TO <urn:g>", "COPY DEFAULT TO <urn:g>",
                 "WITH <urn:g> DELETE { ?s ?p ?o } WHERE { ?s ?p ?o }", "INSERT DATA {}; CLEAR ALL", "SELECT * {}",
                 "SELECT*{}", "ASK{}", "CONSTRUCT WHERE {}", "CONSTRUCT{}{}",
                 "DESCRIBE <urn:x>", "DESCRIBE*", "select ?insert { ?insert ?delete 1 }", 'ASK { FILTER("INSERT") }',
                 "SELECT * { <urn:INSERT> ?p ?o }", "INSERT", "SELECTx", "DELETEDATA{}", "ASK{} INSERT DATA {}"]


def parses(run, text: str) -> bool:
    try:
        run(text)
    except SyntaxError:
        return False
    except Exception:  # parsed; failed while running
        return True
    return True


def test_update_refusal_agrees_with_oxigraph_on_generated_texts():
    rng = random.Random(11)
    seen = {"update": 0, "query": 0, "neither": 0}
    for _ in range(800):
        text = rng.choice(UPDATE_HEADS) + rng.choice(UPDATE_BODIES)
        if rng.random() < 0.3:
            text = "".join(c.lower() if rng.random() < 0.3 else c for c in text)
        update = parses(lambda t: Store().update(t), text)
        query = parses(lambda t: Store().query(t), text)
        found = scan(text)
        if update:
            assert found.update, text
        if query:
            assert not found.update and found.form is not None, text
        seen["update" if update else "query" if query else "neither"] += 1
    assert min(seen.values()) > 50, seen


@pytest.mark.parametrize("body", [
    '"\\' * 32768, '\\"' * 32768, '"' * 65536, "'''" + "\\'" * 30000, "<a" * 32768, "a." * 32768,
    "a:" + "b." * 32768, "?" * 65536, "1.1e" * 16384, "_:a." * 16384, "@a-" * 21845,
])
def test_the_scanner_is_linear(body):
    # 16 times the 64 KB that held the old scanner 74 s: a quadratic scan would take hours here.
    text = body * 16
    start = time.perf_counter()
    scan(text)
    count = sum(1 for _ in tokens(text))
    assert time.perf_counter() - start < 20
    assert count <= len(text)


# -- the workers' walls -------------------------------------------------------------------------------------


@pytest.fixture(scope="module")
def pool(seed_graph, tmp_path_factory):
    path = prepare_store(seed_graph, tmp_path_factory.mktemp("pool"))
    with WorkerPool(path, workers=1, time_limit=20, memory_mb=3000) as p:
        yield p


def test_a_worker_cannot_reach_a_loopback_server_even_when_told_to(pool, loopback):
    query = f"SELECT * {{ SERVICE <{loopback.url}> {{ ?a ?b ?c }} }}"
    store = Store()
    list(store.query(query))
    assert loopback.hits, "outside a worker, Oxigraph does call the service"
    before = len(loopback.hits)
    from kg.errors import QueryError

    with pytest.raises(QueryError, match="Permission denied"):
        pool.run("sparql", text=query, row_format="json", allow_service=True)
    assert len(loopback.hits) == before
    assert pool.status()["restarts"] == 0


def test_a_worker_runs_with_its_memory_capped(pool):
    from pathlib import Path

    (w,) = pool._live
    limits = Path(f"/proc/{w.process.pid}/limits").read_text()
    line = next(x for x in limits.splitlines() if x.startswith("Max address space"))
    assert line.split()[3] == str(3000 << 20)


def test_a_confined_process_cannot_open_a_network_socket_nor_allocate_past_its_cap(tmp_path):
    import subprocess
    import sys

    code = ("import socket\nfrom kg.serve.sandbox import confine\nconfine(1200)\n"
            "a, b = socket.socketpair()\n"
            "for family in (socket.AF_INET, socket.AF_INET6):\n"
            "    try:\n        socket.socket(family)\n        print('open')\n"
            "    except PermissionError:\n        print('refused')\n"
            "try:\n    bytearray(1500 << 20)\n    print('allocated')\nexcept MemoryError:\n    print('no memory')\n")
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, timeout=60)
    assert out.stdout.splitlines() == ["refused", "refused", "no memory"], out.stderr


# -- the endpoint -------------------------------------------------------------------------------------------


@pytest.fixture(scope="module")
def app(seed_graph):
    with App.open(seed_graph, Settings(workers=1, time_limit=20, max_response_bytes=200_000)) as a:
        yield a


def get(app, path, query="", **headers):
    status, hdrs, body = app.handle("GET", path, query, {k.replace("_", "-"): v for k, v in headers.items()})
    return status, dict(hdrs), body


def test_service_bypasses_get_403_at_the_endpoint(app):
    for text in ["SELECT * { ?s ?p true.SERVICE <http://127.0.0.1:1/> {} }", "SELECT * { SERVICESILENT<urn:x>{} }",
                 "SELECT * { ?s ?p 1e5.SERVICE <urn:x> {} }", "SELECT * { ?s ?p dkg:a\\#b.\nSERVICE <urn:x> {} }"]:
        status, _, body = get(app, "/sparql", urlencode({"query": text}))
        assert status == 403 and b"SERVICE is refused" in body, text
    status, _, body = get(app, "/sparql", urlencode({"query": "INSERTDATA{<urn:a> <urn:b> <urn:c>}"}))
    assert status == 403 and b"Update" in body


def test_deep_nesting_is_refused_up_front_and_long_flat_queries_do_not_crash_a_worker(app):
    restarts = app.pool.status()["restarts"]
    deep = "ASK { FILTER(" + "(" * 8000 + "1" + ")" * 8000 + ") }"
    status, _, body = get(app, "/sparql", urlencode({"query": deep}))
    assert status == 400 and b"max_depth" in body
    # 3,000 BINDs in a row (50 KB) overflowed the engine's stack on a worker's main thread: now they answer.
    flat = "SELECT (COUNT(*) AS ?n) { " + "".join(f"BIND({i} AS ?v{i}) " for i in range(3000)) + "}"
    status, _, body = app.handle("POST", "/sparql", "", {"Content-Type": "application/sparql-query",
                                                         "Accept": "text/csv"}, flat.encode())
    assert status == 200 and body.split() == [b"n", b"1"]
    assert app.pool.status()["restarts"] == restarts


def test_the_response_size_is_bounded(app):
    # 489 bytes of nested CONCATs made a 196 MB answer: now the answer is refused past max_response_bytes.
    doubling = "".join(f"BIND(CONCAT(?a{i}, ?a{i}) AS ?a{i + 1}) " for i in range(14))
    text = f"SELECT ?a14 {{ ?s ?p ?o BIND(STR(?s) AS ?a0) {doubling} }} LIMIT 100"
    status, _, body = get(app, "/sparql", urlencode({"query": text}))
    assert status == 400 and b"max_response_bytes" in body


def test_invalid_iris_in_parameters_are_400(app):
    for path, query in [("/queries/meetings-of", "actor=%3Cb%3E"), ("/queries/meetings-of", "actor=%3Cb c%3E"),
                        ("/", "focus=%3Cb%3E")]:
        status, headers, body = get(app, path, query)
        assert status == 400, (path, query, body)
        assert b"Traceback" not in body and b"internal" not in body


def test_other_hosts_get_421_and_are_never_echoed(app):
    for host in ("evil.example", "evil.example:8000", "127.0.0.1.evil.example", "localhost.evil.example"):
        status, _, body = get(app, "/sparql", accept="text/turtle", host=host)
        assert status == 421 and host.encode() not in body
    for host in ("localhost", "localhost:8000", "127.0.0.1:8000", "[::1]:8000"):
        status, _, body = get(app, "/sparql", accept="text/turtle", host=host)
        assert status == 200 and f"http://{host}/sparql".encode() in body


def test_the_visualizer_has_a_policy_header(app):
    status, headers, body = get(app, "/")
    assert status == 200
    csp = headers["Content-Security-Policy"]
    assert "frame-ancestors 'none'" in csp and "default-src 'none'" in csp and "script-src 'sha256-" in csp


def test_requests_queue_rather_than_fail_when_workers_are_busy(seed_graph):
    # 32 clients at once on one worker: every one is answered (they wait in turn), none gets 503.
    with App.open(seed_graph, Settings(workers=1)) as one:
        statuses: list[int] = []
        text = "SELECT (COUNT(*) AS ?n) { ?s ?p ?o . ?s ?q ?x }"

        def client():
            statuses.append(get(one, "/sparql", urlencode({"query": text}))[0])

        threads = [threading.Thread(target=client) for _ in range(32)]
        for t in threads:
            t.start()
        for t in threads:
            t.join(120)
        assert statuses == [200] * 32


# -- the HTTP layer -----------------------------------------------------------------------------------------


class FakeSocket:
    """What a handler sees of a connection: the bytes a client sent, and every write and option set."""

    def __init__(self, data: bytes):
        self.data = data
        self.writes: list[bytes] = []
        self.options: list[tuple] = []

    def settimeout(self, t):
        pass

    def setsockopt(self, *option):
        self.options.append(option)

    def makefile(self, mode, bufsize=-1):
        return io.BufferedReader(io.BytesIO(self.data))

    def sendall(self, data):
        self.writes.append(bytes(data))

    def shutdown(self, how):
        pass


class FakeServer:
    def __init__(self, app):
        from kg.serve.httpd import Watchdog

        self.app = app
        self.log = None
        self.watchdog = Watchdog(5)


def test_each_answer_is_one_write_on_a_socket_without_nagle(app):
    server = FakeServer(app)
    request = b"GET /health HTTP/1.1\r\nHost: localhost\r\n\r\n"
    sock = FakeSocket(request * 3)
    Handler(sock, ("127.0.0.1", 1), server)
    server.watchdog.close()
    assert (socket.IPPROTO_TCP, socket.TCP_NODELAY, True) in sock.options
    assert len(sock.writes) == 3  # three kept-alive requests, three writes: headers and body together
    for w in sock.writes:
        head, _, body = w.partition(b"\r\n\r\n")
        assert head.startswith(b"HTTP/1.1 200") and json.loads(body)["status"] == "ok"


@pytest.fixture(scope="module")
def http(seed_graph):
    with App.open(seed_graph, Settings(workers=1, port=0, request_timeout=1.0)) as a:
        server = make_server(a)
        threading.Thread(target=server.serve_forever, daemon=True).start()
        yield server
        server.shutdown()
        server.server_close()


def exchange(server, data: bytes, timeout: float = 20) -> bytes:
    with socket.create_connection(server.server_address[:2], timeout=timeout) as sock:
        sock.sendall(data)
        chunks = []
        while chunk := sock.recv(65536):
            chunks.append(chunk)
    return b"".join(chunks)


def test_two_content_lengths_and_a_missing_host_are_refused(http):
    answer = exchange(http, b"POST /sparql HTTP/1.1\r\nHost: localhost\r\nContent-Type: application/sparql-query\r\n"
                            b"Content-Length: 6\r\nContent-Length: 40\r\n\r\nASK {}")
    assert answer.startswith(b"HTTP/1.1 400") and b"more than one Content-Length" in answer
    answer = exchange(http, b"GET /health HTTP/1.1\r\n\r\n")
    assert answer.startswith(b"HTTP/1.1 400") and b"Host" in answer
    answer = exchange(http, b"GET /health HTTP/1.1\r\nHost: rebound.example\r\nConnection: close\r\n\r\n")
    assert answer.startswith(b"HTTP/1.1 421")


def test_a_client_that_drips_is_disconnected_at_the_deadline(http):
    with socket.create_connection(http.server_address[:2], timeout=20) as sock:
        start = time.monotonic()
        sock.sendall(b"GET /health HTTP/1.1\r\n")
        closed = False
        for _ in range(40):  # a byte every 0.2 s: each read is quick, the whole request is not
            time.sleep(0.2)
            try:
                sock.sendall(b"X")
            except OSError:
                closed = True
                break
        if not closed:
            sock.settimeout(5)
            try:
                closed = sock.recv(1024) in (b"",) or True
            except OSError:
                closed = True
        assert closed and time.monotonic() - start < 6
    answer = exchange(http, b"GET /health HTTP/1.1\r\nHost: localhost\r\nConnection: close\r\n\r\n")
    assert answer.startswith(b"HTTP/1.1 200")


def test_an_address_without_a_host_header_over_http_1_0_is_served(http):
    answer = exchange(http, b"GET /health HTTP/1.0\r\n\r\n")
    assert answer.startswith(b"HTTP/1.1 200") or answer.startswith(b"HTTP/1.0 200")


# -- serving kg build generations ---------------------------------------------------------------------------


def make_generation(out, n: int, label: str) -> None:
    gen = out / f"gen-{n:06d}"
    store = Store(str(gen / "store"))
    for i in range(50):
        store.add(Quad(NamedNode(f"urn:thing:{i}"), NamedNode(PREFIXES["rdfs"] + "label"), Literal(label)))
    store.flush()
    del store
    (gen / "manifest.json").write_text(json.dumps({"generation": n}))


def point_current(out, n: int) -> None:
    tmp = out / f".current-{n}"
    os.symlink(f"gen-{n:06d}", tmp)
    os.replace(tmp, out / "current")  # one atomic rename, as kg build does


def test_a_new_generation_is_served_without_a_restart_and_never_mixed(tmp_path):
    out = tmp_path / "out"
    (out / "gen-000001").mkdir(parents=True)
    (out / "gen-000002").mkdir()
    make_generation(out, 1, "first")
    make_generation(out, 2, "second")
    point_current(out, 1)
    text = "SELECT ?l (COUNT(*) AS ?n) { ?s rdfs:label ?l } GROUP BY ?l"
    with App.open(str(out), Settings(workers=1, watch_interval=0.05)) as live:
        first_pool = live.pool.current
        answers: list[tuple[int, bytes]] = []
        stop = threading.Event()

        def client():
            while not stop.is_set():
                status, _, body = get(live, "/sparql", urlencode({"query": text}), accept="text/csv")
                answers.append((status, body))

        threads = [threading.Thread(target=client) for _ in range(4)]
        for t in threads:
            t.start()
        time.sleep(0.5)
        point_current(out, 2)
        deadline = time.monotonic() + 60
        while live.pool.switches == 0 and time.monotonic() < deadline:
            time.sleep(0.05)
        time.sleep(0.5)
        stop.set()
        for t in threads:
            t.join(60)
        assert live.pool.switches == 1
        bodies = {b for _, b in answers}
        assert {s for s, _ in answers} == {200}
        assert bodies == {b"l,n\r\nfirst,50\r\n", b"l,n\r\nsecond,50\r\n"}
        last = get(live, "/sparql", urlencode({"query": text}), accept="text/csv")[2]
        assert last == b"l,n\r\nsecond,50\r\n"
        assert first_pool._closed  # the old workers were drained and stopped
        assert get(live, "/health")[2].count(b"gen-000002") == 1


def test_a_page_parameter_with_quotes_is_data_not_a_crash(app):
    status, _, body = get(app, "/", "focus=" + quote('"><script>'))
    assert status in (200, 400) and b"<script>\"" not in body
