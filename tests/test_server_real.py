"""``kg serve`` for real: a server process on loopback, queried with SPARQLWrapper, urllib and raw sockets,
and a bounded load test (32 clients x 20 requests, mixed named questions and SPARQL)."""

from __future__ import annotations

import contextlib
import json
import re
import socket
import subprocess
import sys
import threading
import time
import urllib.error
import urllib.request
from pathlib import Path
from urllib.parse import urlencode, urlsplit

import pytest
from pyoxigraph import RdfFormat, parse
from SPARQLWrapper import CSV, JSON, JSONLD, N3, POST, POSTDIRECTLY, TSV, TURTLE, XML, SPARQLWrapper
from SPARQLWrapper.SPARQLExceptions import QueryBadFormed, URITooLong

from kg.query.catalog import load_catalog, run_named
from kg.query.sparql import run
from tests import realtools

ROOT = Path(__file__).resolve().parent.parent
LOCATED = "SELECT ?c ?x WHERE { ?c dkg:locatedIn ?x } ORDER BY ?c ?x"
CONSTRUCT = "CONSTRUCT { ?c dkg:locatedIn ?x } WHERE { ?c dkg:locatedIn ?x }"
SLOW = "SELECT (COUNT(*) AS ?n) { ?a ?b ?c . ?d ?e ?f . ?g ?h ?i }"  # ~1,700^3 rows: minutes on this data
TIMEOUT = 60


class ServerProcess:
    """``kg serve ... --port 0`` in a subprocess; its address read from what it prints."""

    def __init__(self, args: list[str], log: Path):
        self.log_path = log
        self.log = open(log, "wb")  # noqa: SIM115 - closed in stop()
        self.process = subprocess.Popen([sys.executable, "-c", "from kg.cli import entry; entry()", "serve",
                                         "--port", "0", *args], stdout=self.log, stderr=subprocess.STDOUT, cwd=ROOT)
        self.url = self._wait()

    def _wait(self) -> str:
        deadline = time.monotonic() + TIMEOUT
        while time.monotonic() < deadline:
            if self.process.poll() is not None:
                self.stop()
                pytest.fail(f"kg serve exited with {self.process.returncode}:\n{self.output()}")
            m = re.search(r"serving [\d,]+ quads at (http://127\.0\.0\.1:\d+)/", self.output())
            if m:
                try:
                    with urllib.request.urlopen(m.group(1) + "/health", timeout=5) as r:
                        if r.status == 200:
                            return m.group(1)
                except OSError:
                    pass
            time.sleep(0.1)
        self.stop()
        pytest.fail(f"kg serve did not answer /health within {TIMEOUT} s:\n{self.output()}")

    def output(self) -> str:
        return self.log_path.read_text(encoding="utf-8", errors="replace")

    def stop(self) -> None:
        if self.process.poll() is None:
            self.process.terminate()
            try:
                self.process.wait(15)
            except subprocess.TimeoutExpired:
                self.process.kill()
                self.process.wait()
        self.log.close()


@pytest.fixture(scope="module")
def server(tmp_path_factory):
    """Built from data/, as a newcomer starts it; default limits but a smaller row cap."""
    s = ServerProcess(["--data", str(ROOT / "data"), "--max-rows", "1000"],
                      tmp_path_factory.mktemp("serve") / "server.log")
    yield s
    s.stop()
    assert "Traceback" not in s.output(), s.output()
    assert "stopping" in s.output()


@pytest.fixture(scope="module")
def strict_server(tmp_path_factory, seed_graph):
    """From a TriG file, with a 1 s time limit."""
    folder = tmp_path_factory.mktemp("strict")
    (folder / "graph.trig").write_bytes(seed_graph.to_trig())
    s = ServerProcess(["--graph", str(folder / "graph.trig"), "--time-limit", "1", "--workers", "2",
                       "--wait-limit", "30"], folder / "server.log")
    yield s
    s.stop()
    assert "Traceback" not in s.output(), s.output()


def fetch(url: str, data: bytes | None = None, headers: dict | None = None, method: str | None = None):
    """(status, headers, body) of a request; HTTP errors are answers too."""
    req = urllib.request.Request(url, data=data, headers=headers or {}, method=method)
    try:
        with urllib.request.urlopen(req, timeout=TIMEOUT) as r:
            return r.status, r.headers, r.read()
    except urllib.error.HTTPError as e:
        with e:
            return e.code, e.headers, e.read()


def wrapper(server, query: str, fmt=JSON, method=None) -> SPARQLWrapper:
    s = SPARQLWrapper(server.url + "/sparql")
    s.setQuery(query)
    s.setReturnFormat(fmt)
    s.setTimeout(TIMEOUT)
    if method:
        s.setMethod(method) if method == POST else s.setRequestMethod(method)
        if method == POSTDIRECTLY:
            s.setMethod(POST)
    return s


def raw(server, data: bytes) -> bytes:
    """Send raw bytes on a fresh connection; return what the server answers before closing."""
    host, port = urlsplit(server.url).hostname, urlsplit(server.url).port
    with socket.create_connection((host, port), timeout=10) as sock:
        sock.sendall(data)
        sock.shutdown(socket.SHUT_WR)
        chunks = []
        while chunk := sock.recv(65536):
            chunks.append(chunk)
    return b"".join(chunks)


def expected_rows(seed_graph, text):
    return [{k: str(v) for k, v in row.items() if v is not None} for row in run(seed_graph, text).to_python()]


# -- SPARQLWrapper -------------------------------------------------------------------------------------------


@pytest.mark.parametrize("method", [None, POST, POSTDIRECTLY])
def test_select_every_format_with_sparqlwrapper(server, seed_graph, method):
    expected = expected_rows(seed_graph, LOCATED)
    got = wrapper(server, LOCATED, JSON, method).queryAndConvert()
    assert [{k: v["value"] for k, v in b.items()} for b in got["results"]["bindings"]] == expected
    xml = wrapper(server, LOCATED, XML, method).queryAndConvert()
    values = [b.firstChild.firstChild.nodeValue for b in xml.getElementsByTagName("binding")]
    assert values == [v for row in expected for v in row.values()]
    csv_text = wrapper(server, LOCATED, CSV, method).queryAndConvert().decode()
    assert csv_text.splitlines()[1:] == [f"{r['c']},{r['x']}" for r in expected]
    tsv_text = wrapper(server, LOCATED, TSV, method).queryAndConvert().decode()
    assert tsv_text.splitlines()[1:] == [f"<{r['c']}>\t<{r['x']}>" for r in expected]


def test_ask_with_sparqlwrapper(server):
    assert wrapper(server, "ASK { id:baghdad dkg:locatedIn id:iraq }").queryAndConvert()["boolean"] is True
    xml = wrapper(server, "ASK { id:baghdad dkg:locatedIn id:iran }", XML).queryAndConvert()
    assert xml.getElementsByTagName("boolean")[0].firstChild.nodeValue == "false"


@pytest.mark.parametrize("fmt, ctype, rdf_format", [
    (TURTLE, "text/turtle; charset=utf-8", RdfFormat.TURTLE), (N3, "text/turtle; charset=utf-8", RdfFormat.TURTLE),
    (JSONLD, "application/ld+json", RdfFormat.JSON_LD), (XML, "application/rdf+xml", RdfFormat.RDF_XML),
])
def test_construct_every_format_with_sparqlwrapper(server, seed_graph, fmt, ctype, rdf_format):
    answer = wrapper(server, CONSTRUCT, fmt).query()
    # The raw body: SPARQLWrapper's own conversion of JSON-LD and RDF/XML uses rdflib's deprecated ConjunctiveGraph.
    with answer.response as response:
        body = response.read()
        assert response.headers["Content-Type"] == ctype
    assert {q.triple for q in parse(body, format=rdf_format)} == set(run(seed_graph, CONSTRUCT).triples)


def test_describe_with_sparqlwrapper(server):
    body = wrapper(server, "DESCRIBE id:baghdad", TURTLE).queryAndConvert()
    assert any(q.subject.value.endswith("/id/baghdad") for q in parse(body, format=RdfFormat.TURTLE))


def test_prefix_lines_are_accepted_too(server):
    q = "PREFIX d: <https://w3id.org/diplomatic-kg/ontology#> ASK { ?x d:locatedIn ?y }"
    assert wrapper(server, q).queryAndConvert()["boolean"] is True


# -- refusals ----------------------------------------------------------------------------------------------------


def test_updates_are_refused_and_change_nothing(server, seed_graph):
    s = wrapper(server, "INSERT DATA { <urn:a> <urn:b> <urn:c> }", JSON, POST)
    with pytest.raises(urllib.error.HTTPError) as e:
        s.query()
    assert e.value.code == 403
    e.value.close()
    attempts = [
        fetch(server.url + "/sparql", b"DROP ALL", {"Content-Type": "application/sparql-update"}),
        fetch(server.url + "/sparql?" + urlencode({"update": "CLEAR ALL"})),
        fetch(server.url + "/sparql", urlencode({"update": "CLEAR ALL"}).encode(),
              {"Content-Type": "application/x-www-form-urlencoded"}),
        fetch(server.url + "/sparql?" + urlencode({"query": "DELETE WHERE { ?s ?p ?o }"})),
    ]
    for status, _, body in attempts:
        assert status == 403 and b"SPARQL Update is refused" in body
    assert fetch(server.url + "/sparql", b"<urn:a> <urn:b> <urn:c> .", {"Content-Type": "text/turtle"},
                 "PUT")[0] == 405
    health = json.loads(fetch(server.url + "/health")[2])
    assert health["quads"] == len(seed_graph.store)
    assert wrapper(server, "ASK { <urn:a> ?p ?o }").queryAndConvert()["boolean"] is False


def test_service_is_refused(server):
    s = wrapper(server, "SELECT * WHERE { SERVICE <http://example.org/sparql> { ?s ?p ?o } }")
    with pytest.raises(urllib.error.HTTPError) as e:
        s.query()
    assert e.value.code == 403 and b"SERVICE is refused" in e.value.read()
    e.value.close()


def test_malformed_queries_get_400_with_the_parsers_message(server):
    with pytest.raises(QueryBadFormed, match="line 1, column 35"):
        wrapper(server, "SELECT ?x WHERE { ?x a dkg:Meeting").query()
    with pytest.raises(QueryBadFormed, match="unknown prefix nope:"):
        wrapper(server, "SELECT * { ?s nope:p ?o }", JSON, POST).query()


def test_over_long_queries(server):
    long_query = "ASK {} #" + "x" * 70000
    status, _, body = fetch(server.url + "/sparql", long_query.encode(), {"Content-Type": "application/sparql-query"})
    assert status == 413 and b"max_request_bytes" in body
    with pytest.raises(URITooLong):
        wrapper(server, long_query).query()
    status, _, body = fetch(server.url + "/sparql", urlencode({"query": "ASK {} #" + "x" * 66000}).encode(),
                            {"Content-Type": "application/x-www-form-urlencoded"})
    assert status == 413
    assert fetch(server.url + "/health")[0] == 200


def test_too_many_rows(server):
    status, _, body = fetch(server.url + "/sparql?" + urlencode({"query": "SELECT * { GRAPH ?g { ?s ?p ?o } }"}))
    assert status == 400 and b"more than 1000 rows" in body and b"add LIMIT" in body


@pytest.mark.parametrize("request_bytes, status", [
    (b"GARBAGE\r\n\r\n", b"400"),
    (b"GET /health HTTP/9.9\r\n\r\n", b"505"),
    (b"POST /sparql HTTP/1.1\r\nHost: localhost\r\nContent-Type: application/sparql-query\r\n\r\nASK {}", b"411"),
    (b"POST /sparql HTTP/1.1\r\nHost: localhost\r\nContent-Length: nope\r\n\r\n", b"400"),
    (b"POST /sparql HTTP/1.1\r\nHost: localhost\r\nContent-Length: -5\r\n\r\n", b"400"),
    (b"POST /sparql HTTP/1.1\r\nHost: localhost\r\nTransfer-Encoding: chunked\r\n\r\n6\r\nASK {}\r\n0\r\n\r\n", b"411"),
    (b"POST /sparql HTTP/1.1\r\nHost: localhost\r\nContent-Length: 99999999\r\n\r\nASK", b"413"),
    (b"GET /health HTTP/1.1\r\n" + b"".join(b"X-%d: y\r\n" % i for i in range(200)) + b"\r\n", b"431"),
    (b"GET /sparql?query=%FF HTTP/1.1\r\nHost: localhost\r\n\r\n", b"400"),
    (b"GET /\xff\xfe HTTP/1.1\r\nHost: localhost\r\n\r\n", b"404"),
    (b"POST /sparql HTTP/1.1\r\nHost: localhost\r\nContent-Type: application/sparql-query\r\n"
     b"Content-Length: 50\r\n\r\nASK",
     b""),
])
def test_malformed_requests_never_stop_the_server(server, request_bytes, status):
    answer = raw(server, request_bytes)
    # Before the request line is understood, http.server answers as HTTP/0.9: no status line, only the text.
    assert status in answer[:40]
    assert fetch(server.url + "/health")[0] == 200


def test_pages_and_routes(server):
    status, headers, body = fetch(server.url + "/")
    assert status == 200 and headers["Content-Type"] == "text/html; charset=utf-8" and b"<html" in body
    status, headers, body = fetch(server.url + "/query")
    assert status == 200 and "connect-src 'self'" in headers["Content-Security-Policy"]
    assert fetch(server.url + "/query", method="HEAD")[2] == b""
    queries = json.loads(fetch(server.url + "/queries")[2])["queries"]
    assert {q["name"] for q in queries} == set(load_catalog())
    found = json.loads(fetch(server.url + "/entities?q=sudani&kind=person")[2])["entities"]
    assert found[0]["id"] == "mohammed-shia-al-sudani"
    status, headers, body = fetch(server.url + "/sparql", headers={"Accept": "text/turtle"})
    assert status == 200 and f"<{server.url}/sparql>".encode() in body
    assert "Access-Control-Allow-Origin" not in headers


# -- the time limit ------------------------------------------------------------------------------------------------


def test_runaway_query_is_stopped_without_stalling_the_others(strict_server):
    before = json.loads(fetch(strict_server.url + "/health")[2])["restarts"]
    slow: list = []
    t0 = time.monotonic()
    thread = threading.Thread(target=lambda: slow.append(fetch(strict_server.url + "/sparql?" +
                                                               urlencode({"query": SLOW}))))
    thread.start()
    time.sleep(0.2)  # the slow query now holds one worker; the other keeps answering
    for _ in range(5):
        t = time.monotonic()
        assert wrapper(strict_server, "ASK { id:baghdad dkg:locatedIn id:iraq }").queryAndConvert()["boolean"]
        assert time.monotonic() - t < 1
    thread.join(TIMEOUT)
    status, _, body = slow[0]
    assert status == 503 and b"exceeded the 1 s time limit" in body
    assert 1 <= time.monotonic() - t0 < 10
    # The next query works, on a new worker or the other one.
    for _ in range(3):
        assert wrapper(strict_server, LOCATED).queryAndConvert()["results"]["bindings"]
    deadline = time.monotonic() + 30
    while time.monotonic() < deadline:
        health = json.loads(fetch(strict_server.url + "/health")[2])
        if health["alive"] == 2 and health["idle"] == 2:
            break
        time.sleep(0.1)
    assert health["restarts"] == before + 1 and health["alive"] == 2


def test_an_ask_that_scans_forever_is_stopped_too(strict_server):
    # The filter needs all three patterns (so it cannot be pushed into one): billions of rows to test.
    q = 'ASK { ?a ?b ?c . ?d ?e ?f . ?g ?h ?i FILTER(STR(?c) = CONCAT(STR(?f), STR(?i), "x")) }'
    status, _, body = fetch(strict_server.url + "/sparql", q.encode(), {"Content-Type": "application/sparql-query"})
    assert status == 503 and b"time limit" in body
    assert fetch(strict_server.url + "/sparql?" + urlencode({"query": "ASK {}"}))[0] == 200


# -- load ----------------------------------------------------------------------------------------------------


def _load_requests(seed_graph):
    """(path, expected) pairs: raw SPARQL and named questions, with the library's answer, normalized."""
    out = []
    for text in (LOCATED, "SELECT ?m ?who WHERE { ?m a dkg:Meeting ; dkg:participant ?who } ORDER BY ?m ?who",
                 "SELECT ?s (COUNT(*) AS ?n) { ?s a dkg:Person } GROUP BY ?s ORDER BY ?s",
                 "SELECT ?x ?label WHERE { ?x rdfs:label ?label } ORDER BY ?x ?label LIMIT 50"):
        out.append(("/sparql?" + urlencode({"query": text}), ("rows", expected_rows(seed_graph, text))))
    out.append(("/sparql?" + urlencode({"query": "ASK { id:baghdad dkg:locatedIn id:iraq }"}), ("boolean", True)))
    for name, query in sorted(load_catalog().items()):
        params = dict(query.examples[0]) if query.examples else {}
        result = run_named(seed_graph, name, params)
        out.append((f"/queries/{name}?" + urlencode(params), ("named", _normal(result.to_python()))))
    return out


def _normal(rows):
    def value(v):
        if v is None:
            return None
        text = v.isoformat() if hasattr(v, "isoformat") else str(v)
        return "; ".join(sorted(text.split("; ")))  # GROUP_CONCAT gives no order
    return [{k: value(v) for k, v in row.items()} for row in rows]


def _check(kind, expected, body):
    data = json.loads(body)
    if kind == "rows":
        return [{k: v["value"] for k, v in b.items()} for b in data["results"]["bindings"]] == expected
    if kind == "boolean":
        return data["boolean"] is expected
    return _normal(data["rows"]) == expected


def test_load_32_clients_20_requests_each(server, seed_graph):
    requests = _load_requests(seed_graph)
    clients, per_client = 32, 20
    failures: list[str] = []
    latencies: list[float] = []
    lock = threading.Lock()

    def client(n: int) -> None:
        for i in range(per_client):
            path, (kind, expected) = requests[(n * per_client + i) % len(requests)]
            accept = "application/json" if kind == "named" else "application/sparql-results+json"
            t = time.monotonic()
            try:
                status, _, body = fetch(server.url + path, headers={"Accept": accept})
                ok = status == 200 and _check(kind, expected, body)
            except Exception as e:  # a failed request is a test failure, reported below
                status, body, ok = 0, repr(e).encode(), False
            with lock:
                latencies.append(time.monotonic() - t)
                if not ok:
                    failures.append(f"{path}: {status} {body[:200]!r}")

    t0 = time.monotonic()
    threads = [threading.Thread(target=client, args=(n,)) for n in range(clients)]
    for t in threads:
        t.start()
    for t in threads:
        t.join(TIMEOUT * 2)
    elapsed = time.monotonic() - t0
    assert not any(t.is_alive() for t in threads)
    assert not failures, f"{len(failures)} failed, e.g. {failures[:3]}"
    assert len(latencies) == clients * per_client and elapsed < 60
    health = json.loads(fetch(server.url + "/health")[2])
    assert health["status"] == "ok" and health["restarts"] == 0 and health["alive"] == 2
    assert fetch(server.url + "/sparql?" + urlencode({"query": "ASK {}"}))[0] == 200
    print(f"\nload: {len(latencies)} requests in {elapsed:.1f} s, {len(latencies) / elapsed:.0f}/s, "
          f"p50 {sorted(latencies)[len(latencies) // 2] * 1000:.0f} ms")


# -- the query page in a real browser ------------------------------------------------------------------------------


@pytest.fixture(scope="module")
def browser():
    yield from realtools.browser_session()


@contextlib.contextmanager
def query_page(browser, server):
    """The query page, opened with every non-local request aborted; console errors and exceptions recorded."""
    context = browser.new_context(viewport={"width": 1300, "height": 900})
    try:
        blocked = realtools.block_non_local(context)
        page = context.new_page()
        errors: list[str] = []
        page.on("console", lambda m: errors.append(f"{m.type}: {m.text}") if m.type in ("error", "warning") else None)
        page.on("pageerror", lambda e: errors.append(f"uncaught: {e}"))
        page.goto(server.url + "/query", wait_until="load")
        page.wait_for_selector("#question option", state="attached", timeout=30000)
        yield page, blocked, errors
    finally:
        context.close()


def table(page) -> list[list[str]]:
    return page.evaluate("""() => Array.from(document.querySelectorAll('#results tr'))
        .map(tr => Array.from(tr.children).map(c => c.textContent))""")


@pytest.mark.real
def test_a_newcomer_picks_a_named_question_and_sees_the_answer(browser, server):
    expected = json.loads(fetch(server.url + "/queries/meetings-of?actor=zarif")[2])
    with query_page(browser, server) as (page, blocked, errors):
        page.select_option("#question", "meetings-of")
        assert page.input_value("#param-actor") == "zarif"  # the first example fills the inputs
        assert page.text_content("#url") == "/queries/meetings-of?actor=zarif"
        page.click("#ask")
        page.wait_for_selector("#results table", timeout=30000)
        rows = table(page)
        assert rows[0] == expected["variables"] and len(rows) - 1 == len(expected["rows"]) > 0
        first = expected["rows"][0]["counterpart"].rsplit("/", 1)[1]
        assert page.get_attribute(f"#results a[href='/?focus={first}']", "title").startswith("https://")
        # Names are suggested as one types.
        page.fill("#param-actor", "")
        page.type("#param-actor", "sudan")
        page.wait_for_selector("#list-actor option", state="attached", timeout=10000)
        options = page.eval_on_selector_all("#list-actor option", "os => os.map(o => o.value)")
        assert "mohammed-shia-al-sudani" in options
        # And the link to the visualizer works.
        page.click("header a[href='/']")
        page.wait_for_load_state("load")
        assert page.url == server.url + "/"
        assert blocked == [] and errors == []


@pytest.mark.real
def test_sparql_in_the_page_shows_hostile_values_as_text(browser, server):
    hostile = "<img src=x onerror=window.__xss=1></td><script>window.__xss=2</script>"
    with query_page(browser, server) as (page, blocked, errors):
        page.fill("#sparql", f"SELECT ?x ?c WHERE {{ BIND({json.dumps(hostile)} AS ?x) ?c dkg:locatedIn id:iran }}")
        page.press("#sparql", "Control+Enter")
        page.wait_for_selector("#results table", timeout=30000)
        assert table(page) == [["x", "c"], [hostile, "id:tehran"]]
        assert page.evaluate("window.__xss") is None
        page.fill("#sparql", "CONSTRUCT { ?c dkg:locatedIn ?x } WHERE { ?c dkg:locatedIn ?x }")
        page.click("#run")
        page.wait_for_selector("#results pre", timeout=30000)
        assert "dkg:locatedIn" in page.text_content("#results pre")
        page.fill("#sparql", "SELECT * WHERE { ?s ?p")
        page.click("#run")
        page.wait_for_selector("#results .error", timeout=30000)
        assert "malformed query" in page.text_content("#results .error")
        assert blocked == []
        assert [e for e in errors if "status of 400" not in e] == []  # Chromium logs the failed request itself


def test_the_docs_sparqlwrapper_example_runs(server, capsys):
    """The example of docs/serve.md, as a newcomer would paste it (pointed at this server's port)."""
    docs = (ROOT / "docs" / "serve.md").read_text(encoding="utf-8")
    example = next(block for block in re.findall(r"```python\n(.*?)```", docs, re.S) if "SPARQLWrapper(" in block)
    assert "http://127.0.0.1:8000/sparql" in example
    exec(compile(example.replace("http://127.0.0.1:8000", server.url), "docs/serve.md", "exec"), {})
    out = capsys.readouterr().out
    assert "https://w3id.org/diplomatic-kg/id/" in out and "dkg:locatedIn" in out
