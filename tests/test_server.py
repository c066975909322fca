"""``kg serve`` in-process: every route through ``App.handle``, no sockets (the workers are real processes)."""

from __future__ import annotations

import base64
import csv
import hashlib
import io
import json
import os
import re
import threading
import time
from dataclasses import dataclass
from pathlib import Path
from urllib.parse import urlencode

import pytest
import rdflib
from pyoxigraph import QueryResultsFormat, RdfFormat, parse, parse_query_results

from kg.query.catalog import load_catalog, run_named
from kg.query.sparql import run
from kg.serve import SETTINGS, App, Settings
from kg.serve.httpd import exposure_warning
from kg.serve.protocol import best, formats_for
from kg.serve.workers import QueryTimeout, ServerBusy, WorkerPool

ROOT = Path(__file__).resolve().parent.parent
MAX_ROWS = 300
LOCATED = "SELECT ?c ?x WHERE { ?c dkg:locatedIn ?x } ORDER BY ?c ?x"
CONSTRUCT = "CONSTRUCT { ?c dkg:locatedIn ?x } WHERE { ?c dkg:locatedIn ?x }"
SLOW = "SELECT (COUNT(*) AS ?n) { ?a ?b ?c . ?d ?e ?f . ?g ?h ?i }"  # ~1,700^3 rows: minutes on this data


@dataclass
class Reply:
    status: int
    headers: dict[str, str]
    body: bytes

    @property
    def text(self) -> str:
        return self.body.decode("utf-8")

    def json(self):
        return json.loads(self.body)

    @property
    def type(self) -> str:
        return self.headers.get("content-type", "")


def call(app: App, method: str, path: str, params=None, headers=None, body: bytes = b"") -> Reply:
    query = urlencode(params, doseq=True) if isinstance(params, (dict, list)) else (params or "")
    status, hdrs, data = app.handle(method, path, query, headers or {}, body)
    return Reply(status, {k.lower(): v for k, v in hdrs}, data)


def get(app: App, path: str, params=None, **headers: str) -> Reply:
    return call(app, "GET", path, params, {k.replace("_", "-"): v for k, v in headers.items()})


@pytest.fixture(scope="module")
def app(seed_graph):
    with App.open(seed_graph, Settings(workers=2, max_rows=MAX_ROWS, time_limit=20)) as a:
        yield a


@pytest.fixture(scope="module")
def strict_app(seed_graph):
    """One worker and a short time limit: for stopping runaway queries."""
    with App.open(seed_graph, Settings(workers=1, time_limit=0.5, wait_limit=20)) as a:
        yield a


def rows(seed_graph, text):
    return run(seed_graph, text).to_python()


# -- the SPARQL endpoint -------------------------------------------------------------------------------------


def test_select_json_matches_the_library(app, seed_graph):
    r = get(app, "/sparql", {"query": LOCATED})
    assert r.status == 200 and r.type == "application/sparql-results+json"
    got = [{k: v["value"] for k, v in b.items()} for b in r.json()["results"]["bindings"]]
    assert got == rows(seed_graph, LOCATED) and got


@pytest.mark.parametrize("accept, ctype, fmt", [
    ("application/sparql-results+json", "application/sparql-results+json", QueryResultsFormat.JSON),
    ("application/sparql-results+xml", "application/sparql-results+xml", QueryResultsFormat.XML),
    ("text/csv", "text/csv; charset=utf-8", None),
    ("text/tab-separated-values", "text/tab-separated-values; charset=utf-8", QueryResultsFormat.TSV),
    ("application/json", "application/sparql-results+json", QueryResultsFormat.JSON),
    ("text/html, application/xml;q=0.9, */*;q=0.8", "application/sparql-results+xml", QueryResultsFormat.XML),
])
def test_select_in_every_format(app, seed_graph, accept, ctype, fmt):
    r = get(app, "/sparql", {"query": LOCATED}, accept=accept)
    assert (r.status, r.type) == (200, ctype)
    if fmt is None:  # CSV is lossy: pyoxigraph does not read it
        got = list(csv.DictReader(io.StringIO(r.text)))
    else:
        parsed = parse_query_results(r.body, format=fmt)
        got = [{v.value: s[v].value for v in parsed.variables} for s in parsed]
    assert got == rows(seed_graph, LOCATED)


@pytest.mark.parametrize("accept, expected", [
    ("application/sparql-results+json", b'{"head": {}, "boolean": true}\n'),
    ("application/sparql-results+xml", b"<boolean>true</boolean>"),
])
def test_ask(app, accept, expected):
    r = get(app, "/sparql", {"query": "ASK { id:baghdad dkg:locatedIn id:iraq }"}, accept=accept)
    assert r.status == 200 and expected in r.body
    assert b"false" in get(app, "/sparql", {"query": "ASK { id:baghdad dkg:locatedIn id:iran }"}).body


@pytest.mark.parametrize("accept, ctype, fmt", [
    ("text/turtle", "text/turtle; charset=utf-8", RdfFormat.TURTLE),
    ("application/n-triples", "application/n-triples", RdfFormat.N_TRIPLES),
    ("application/ld+json", "application/ld+json", RdfFormat.JSON_LD),
    ("application/rdf+xml", "application/rdf+xml", RdfFormat.RDF_XML),
    ("text/xml", "application/rdf+xml", RdfFormat.RDF_XML),  # accepted for RDF/XML by the format registry
    ("", "text/turtle; charset=utf-8", RdfFormat.TURTLE),
])
def test_construct_in_every_format(app, seed_graph, accept, ctype, fmt):
    r = get(app, "/sparql", {"query": CONSTRUCT}, accept=accept)
    assert (r.status, r.type) == (200, ctype)
    got = {q.triple for q in parse(r.body, format=fmt)}
    expected = set(run(seed_graph, CONSTRUCT).triples)
    assert got == expected and expected  # no blank nodes here: equal sets are isomorphic graphs


def test_media_types_come_from_the_format_registry():
    from kg import formats
    from kg.serve import protocol

    for table, kind in ((protocol.ROW_TYPES, formats.RESULTS), (protocol.GRAPH_TYPES, formats.GRAPH)):
        for media, name in table.items():
            assert media in formats.get(name, kinds=(kind,)).media_types
    assert protocol.CONTENT_TYPES["csv"] == formats.get("csv", kinds=(formats.RESULTS,)).media_type
    assert protocol.formats_for("", ["srx"])[0] == "xml"  # a registry suffix names its format too
    assert protocol.formats_for("", ["rdf"])[1] == "rdfxml"


def test_describe(app):
    r = get(app, "/sparql", {"query": "DESCRIBE id:baghdad"}, accept="application/n-triples")
    triples = list(parse(r.body, format=RdfFormat.N_TRIPLES))
    assert r.status == 200 and any(t.subject.value.endswith("/baghdad") for t in triples)


def test_format_parameter_overrides_accept(app):
    r = get(app, "/sparql", {"query": LOCATED, "format": "csv"}, accept="application/sparql-results+json")
    assert r.type.startswith("text/csv")
    r = get(app, "/sparql", {"query": CONSTRUCT, "format": ["json-ld", "application/ld+json"]})
    assert r.type == "application/ld+json"
    r = get(app, "/sparql", {"query": LOCATED, "output": "nonsense"}, accept="text/tab-separated-values")
    assert r.type.startswith("text/tab-separated-values")


def test_not_acceptable(app):
    r = get(app, "/sparql", {"query": LOCATED}, accept="image/png")
    assert r.status == 406 and "no acceptable format for a SELECT result" in r.text
    r = get(app, "/sparql", {"query": CONSTRUCT}, accept="text/csv")
    assert r.status == 406 and "CONSTRUCT" in r.text


def test_post_form_and_direct(app, seed_graph):
    form = call(app, "POST", "/sparql", headers={"Content-Type": "application/x-www-form-urlencoded"},
                body=urlencode({"query": LOCATED}).encode())
    direct = call(app, "POST", "/sparql", headers={"Content-Type": "application/sparql-query; charset=utf-8"},
                  body=LOCATED.encode())
    plain = get(app, "/sparql", {"query": LOCATED})
    assert form.status == direct.status == 200 and form.body == direct.body == plain.body


@pytest.mark.parametrize("headers, body, params, status, message", [
    ({"Content-Type": "text/plain"}, b"ASK {}", "", 415, "application/sparql-query"),
    ({}, b"", "", 415, "without a Content-Type"),
    ({"Content-Type": "application/x-www-form-urlencoded"}, b"x=1", "", 400, "no query"),
    ({"Content-Type": "application/sparql-query"}, b"ASK {}", "query=ASK%7B%7D", 400, "not both"),
    ({"Content-Type": "application/sparql-query"}, b"\xff\xfe", "", 400, "not valid UTF-8"),
    ({"Content-Type": "application/x-www-form-urlencoded"}, "query=é".encode(), "", 400, "ASCII"),
])
def test_bad_posts(app, headers, body, params, status, message):
    r = call(app, "POST", "/sparql", params, headers, body)
    assert r.status == status and message in r.text and r.type.startswith("text/plain")


@pytest.mark.parametrize("method, params, headers, body", [
    ("POST", "", {"Content-Type": "application/sparql-update"}, b"INSERT DATA { <urn:a> <urn:b> <urn:c> }"),
    ("POST", "", {"Content-Type": "application/x-www-form-urlencoded"}, b"update=CLEAR%20ALL"),
    ("GET", "update=DROP%20ALL", {}, b""),
    ("GET", urlencode({"query": "INSERT DATA { <urn:a> <urn:b> <urn:c> }"}), {}, b""),
    ("GET", urlencode({"query": "PREFIX x: <urn:x#>\nDELETE WHERE { ?s ?p ?o }"}), {}, b""),
    ("GET", urlencode({"query": "WITH <urn:g> DELETE { ?s ?p ?o } WHERE { ?s ?p ?o }"}), {}, b""),
    ("POST", "", {"Content-Type": "application/sparql-query"}, b"LOAD <http://example.org/x.ttl>"),
    ("POST", "query=ASK%7B%7D", {"Content-Type": "application/x-www-form-urlencoded"}, b"update=CLEAR%20ALL"),
])
def test_updates_are_refused(app, method, params, headers, body):
    r = call(app, method, "/sparql", params, headers, body)
    assert r.status == 403 and "SPARQL Update is refused: this endpoint is read-only" in r.text


def test_store_unchanged_after_update_attempts(app, seed_graph):
    call(app, "POST", "/sparql", "", {"Content-Type": "application/sparql-update"}, b"CLEAR ALL")
    assert get(app, "/health").json()["quads"] == len(seed_graph.store)
    count = "SELECT (COUNT(*) AS ?n) { ?s ?p ?o }"
    assert get(app, "/sparql", {"query": count}).json()["results"]["bindings"][0]["n"]["value"] == \
        str(run(seed_graph, count).values("n")[0])


@pytest.mark.parametrize("method", ["PUT", "DELETE", "PATCH"])
def test_other_methods_are_not_allowed(app, method):
    r = call(app, method, "/sparql", "", {"Content-Type": "text/turtle"}, b"<urn:a> <urn:b> <urn:c> .")
    assert r.status == 405 and r.headers["allow"] == "GET, POST, HEAD, OPTIONS"


def test_service_is_refused_but_the_word_in_a_string_is_data(app):
    r = get(app, "/sparql", {"query": "SELECT * WHERE {\n  SERVICE <http://example.org/sparql> { ?s ?p ?o } }"})
    assert r.status == 403 and "SERVICE is refused (line 2, column 3)" in r.text
    r = get(app, "/sparql", {"query": "SELECT * WHERE { sErViCe <http://example.org/sparql> { ?s ?p ?o } }"})
    assert r.status == 403
    assert get(app, "/sparql", {"query": 'ASK { FILTER("SERVICE" != "") }'}).status == 200


def test_malformed_queries_get_the_parsers_message(app):
    r = get(app, "/sparql", {"query": "SELECT ?x WHERE { ?x a dkg:Meeting"})
    assert r.status == 400 and "malformed query: line 1, column 35" in r.text
    r = get(app, "/sparql", {"query": "SELECT * { ?s nope:p ?o }"})
    assert r.status == 400 and "unknown prefix nope:" in r.text
    assert get(app, "/sparql", {"query": "   "}).status == 400
    assert "given 2 times" in get(app, "/sparql", {"query": ["ASK {}", "ASK {}"]}).text
    assert get(app, "/sparql", "query=%FF%FE").status == 400


def test_too_many_rows_is_an_error_not_a_truncation(app):
    r = get(app, "/sparql", {"query": "SELECT * { ?s ?p ?o }"})
    assert r.status == 400 and f"more than {MAX_ROWS} rows" in r.text and "add LIMIT" in r.text
    r = get(app, "/sparql", {"query": "CONSTRUCT { ?s ?p ?o } WHERE { ?s ?p ?o }"})
    assert r.status == 400 and f"more than {MAX_ROWS} triples" in r.text
    r = get(app, "/sparql", {"query": f"SELECT * {{ ?s ?p ?o }} LIMIT {MAX_ROWS}"}, accept="text/csv")
    assert r.status == 200 and r.body.count(b"\r\n") == MAX_ROWS + 1


def test_request_size_limit(app):
    big = "ASK {} #" + "x" * app.settings.max_request_bytes
    r = get(app, "/sparql", {"query": big})
    assert r.status == 413 and "max_request_bytes" in r.text
    r = call(app, "POST", "/sparql", "", {"Content-Type": "application/sparql-query"}, big.encode())
    assert r.status == 413


def test_dataset_parameters_are_refused_and_graphs_selects(app):
    r = get(app, "/sparql", {"query": LOCATED, "default-graph-uri": "urn:g"})
    assert r.status == 400 and "default-graph-uri is not supported" in r.text
    q = "SELECT (COUNT(*) AS ?n) { ?s ?p ?o }"
    counts = [get(app, "/sparql", {"query": q, "graphs": g}, accept="text/csv").text.split()[1]
              for g in ("union", "all", "merged")]
    assert int(counts[0]) > int(counts[1]) > int(counts[2]) > 0
    assert get(app, "/sparql", {"query": q, "graphs": "nope"}).status == 400


def test_runaway_query_is_stopped_and_the_next_one_works(strict_app):
    before = get(strict_app, "/health").json()["restarts"]
    (old_pid,) = [w.process.pid for w in strict_app.pool.current._live]
    t0 = time.monotonic()
    r = get(strict_app, "/sparql", {"query": SLOW})
    assert r.status == 503 and "exceeded the 0.5 s time limit" in r.text
    assert time.monotonic() - t0 < 10
    r = get(strict_app, "/sparql", {"query": "ASK { id:baghdad dkg:locatedIn id:iraq }"})
    assert r.status == 200 and b"true" in r.body
    health = get(strict_app, "/health").json()
    assert health["restarts"] == before + 1 and health["alive"] == 1
    with pytest.raises(ProcessLookupError):  # the worker that ran it is gone (killed and reaped)
        os.kill(old_pid, 0)
    assert [w.process.pid for w in strict_app.pool.current._live] != [old_pid]


def test_busy_pool_answers_at_once(seed_graph, tmp_path):
    from kg.serve.workers import prepare_store

    with WorkerPool(prepare_store(seed_graph, tmp_path), workers=1, time_limit=1, max_pending=1) as pool:
        errors: list[Exception] = []

        def hold():
            try:
                pool.run("sparql", text=SLOW, row_format="json")
            except Exception as e:
                errors.append(e)

        slow = threading.Thread(target=hold)
        slow.start()
        deadline = time.monotonic() + 5
        while pool._idle.qsize() and time.monotonic() < deadline:
            time.sleep(0.01)
        with pytest.raises(ServerBusy, match="more than 1 requests are waiting"):
            pool.run("stats")
        slow.join()
        assert len(errors) == 1 and isinstance(errors[0], QueryTimeout)


# -- service description ---------------------------------------------------------------------------------------


def test_service_description(app):
    assert get(app, "/sparql", host="example.org:8123").status == 421  # a name it was not told it has
    named = App(app.pool, app.settings.replace(allowed_hosts="example.org"))
    r = get(named, "/sparql", host="example.org:8123")
    assert r.status == 200 and r.type == "text/turtle; charset=utf-8"
    g = rdflib.Graph().parse(data=r.body, format="turtle")
    sd = rdflib.Namespace("http://www.w3.org/ns/sparql-service-description#")
    assert (None, sd.endpoint, rdflib.URIRef("http://example.org:8123/sparql")) in g
    assert (None, sd.supportedLanguage, sd.SPARQL11Query) in g
    assert len(list(g.objects(None, sd.namedGraph))) == len(app.stats["graphs"])
    formats = {str(o).rsplit("/", 1)[1] for o in g.objects(None, sd.resultFormat)}
    assert {"SPARQL_Results_JSON", "SPARQL_Results_XML", "SPARQL_Results_CSV", "Turtle", "JSON-LD"} <= formats
    assert get(app, "/sparql", accept="application/n-triples", host='evil"> <x').status == 421
    nt = get(app, "/sparql", accept="application/n-triples")
    assert nt.type == "application/n-triples" and f"<{app.base_url}/sparql>".encode() in nt.body
    assert get(app, "/sparql", accept="application/ld+json").type == "application/ld+json"


def test_a_browser_on_the_endpoint_goes_to_the_query_page(app):
    r = get(app, "/sparql", accept="text/html,application/xhtml+xml,application/xml;q=0.9,*/*;q=0.8")
    assert r.status == 303 and r.headers["location"] == "/query"


# -- named questions, entities, health -----------------------------------------------------------------------


def test_queries_lists_every_named_question_with_its_params(app):
    listed = {q["name"]: q for q in get(app, "/queries").json()["queries"]}
    catalog = load_catalog()
    assert set(listed) == set(catalog) and listed
    for name, q in catalog.items():
        assert [p["name"] for p in listed[name]["params"]] == [p.name for p in q.params]
        assert listed[name]["url"] == f"/queries/{name}" and listed[name]["sparql"] == q.text
    actor = listed["meetings-of"]["params"][0]
    assert actor["entity"] is True and actor["optional"] is False and actor["type"] == "actor"


def _plain(value):
    """The JSON value the server gives for a Python value; GROUP_CONCAT lists sorted (their order is free)."""
    if hasattr(value, "isoformat"):
        return value.isoformat()
    if isinstance(value, str) and "; " in value:
        return "; ".join(sorted(value.split("; ")))
    return value if value is None or isinstance(value, (int, float, str)) else str(value)


@pytest.mark.parametrize("name", sorted(load_catalog()))
def test_every_named_question_answers_like_the_library(app, seed_graph, name):
    query = load_catalog()[name]
    params = dict(query.examples[-1]) if query.examples else {}
    r = get(app, f"/queries/{name}", params)
    assert r.status == 200 and r.type == "application/json", r.text
    data = r.json()
    expected = run_named(seed_graph, name, params)
    assert data["params"] == params and data["name"] == name
    if expected.form == "ASK":
        assert data["boolean"] == expected.boolean
    else:
        assert data["variables"] == expected.variables
        assert [{k: _plain(v) for k, v in row.items()} for row in data["rows"]] == \
            [{k: _plain(v) for k, v in row.items()} for row in expected.to_python()]


def test_named_question_errors_and_formats(app):
    r = get(app, "/queries/meetings")
    assert r.status == 404 and "did you mean meetings-of" in r.json()["error"]
    assert "needs the parameter actor" in get(app, "/queries/meetings-of").json()["error"]
    r = get(app, "/queries/meetings-of", {"actor": "Zafir"})  # too far to be taken as Zarif (kg.query.resolve)
    assert r.status == 400 and "did you mean Mohammad Javad Zarif" in r.json()["error"]
    close = get(app, "/queries/meetings-of", {"actor": "Zarf"})  # close enough: taken as Zarif, and said so
    assert close.status == 200 and close.json()["rows"]
    assert close.json()["notes"] == ["actor: 'Zarf' taken as Mohammad Javad Zarif (id:mohammad-javad-zarif)"]
    assert "notes" not in get(app, "/queries/meetings-of", {"actor": "mohammad-javad-zarif"}).json()
    assert get(app, "/queries/meetings-of", {"actor": "zarif", "bogus": "1"}).status == 400
    assert get(app, "/queries/meetings-of", {"actor": "zarif", "from": "yesterday"}).status == 400
    assert get(app, "/queries/meetings-of", [("actor", "zarif"), ("actor", "rashid")]).status == 400
    csv = get(app, "/queries/meetings-of", {"actor": "zarif"}, accept="text/csv")
    assert csv.type.startswith("text/csv") and csv.text.startswith("meeting,date,place,counterpart")
    sj = get(app, "/queries/meetings-of", {"actor": "zarif"}, accept="application/sparql-results+json")
    assert sj.json()["head"]["vars"][0] == "meeting"
    hostile = get(app, "/queries/meetings-of", {"actor": '"}; DROP ALL; <script>'})
    assert hostile.status == 400 and hostile.type == "application/json"


def test_entities(app):
    found = get(app, "/entities", {"q": "zarif"}).json()["entities"]
    assert found[0]["id"] == "mohammad-javad-zarif" and found[0]["label"] == "Mohammad Javad Zarif"
    places = get(app, "/entities", {"q": "ira", "kind": "place"}).json()["entities"]
    assert places and all(p["type"] in ("dkg:Country", "dkg:City", "dkg:Region") for p in places)
    assert len(get(app, "/entities", {"q": "a", "limit": "3"}).json()["entities"]) <= 3
    assert get(app, "/entities", {"q": ""}).json()["entities"] == []
    assert get(app, "/entities", {"q": "zarif", "kind": "spaceship"}).status == 400
    assert get(app, "/entities", {"q": "zarif", "limit": "1000"}).status == 400
    assert get(app, "/entities", {"q": "x" * 201}).status == 400
    assert get(app, "/entities", {"q": "<script>alert(1)</script>"}).status == 200


def test_health(app, seed_graph):
    r = get(app, "/health")
    data = r.json()
    assert r.status == 200 and data["status"] == "ok" and data["quads"] == len(seed_graph.store)
    assert data["alive"] == data["workers"] == 2 and data["limits"]["max_rows"] == MAX_ROWS


# -- pages ---------------------------------------------------------------------------------------------------


def test_visualizer_at_root(app):
    r = get(app, "/")
    assert r.status == 200 and r.type == "text/html; charset=utf-8" and b"vis-network" in r.body.lower()
    assert get(app, "/").body == r.body
    focused = get(app, "/", {"focus": "Zarif", "depth": "1"})
    assert focused.status == 200 and focused.body != r.body
    assert get(app, "/", {"focus": "Nobody"}).status == 400
    assert get(app, "/", {"colour": "red"}).status == 400


def test_query_page_is_offline_and_safe(app):
    r = get(app, "/query")
    html = r.text
    assert r.status == 200 and r.type == "text/html; charset=utf-8"
    csp = r.headers["content-security-policy"]
    assert "default-src 'none'" in csp and "connect-src 'self'" in csp
    scripts = re.findall(r"<script>(.*?)</script>", html, re.S)
    assert len(scripts) == 1
    digest = base64.b64encode(hashlib.sha256(scripts[0].encode()).digest()).decode()
    assert f"'sha256-{digest}'" in csp
    assert not re.search(r"""(src|href)=["']?(https?:)?//""", html)
    assert "innerHTML" not in html and "insertAdjacentHTML" not in html and "document.write" not in html
    for prefix in ("dkg", "id", "schema"):
        assert f'"{prefix}":' in html
    assert 'href="/"' in html and "/queries" in html and "/sparql" in html


# -- HTTP details ----------------------------------------------------------------------------------------------


def test_unknown_paths_methods_and_head(app):
    r = get(app, "/nope")
    assert r.status == 404 and r.type == "application/json" and "/sparql" in r.json()["error"]
    assert get(app, "/queries/a/b").status == 404
    r = call(app, "POST", "/health")
    assert r.status == 405 and r.headers["allow"] == "GET, HEAD, OPTIONS"
    head, full = call(app, "HEAD", "/health"), get(app, "/health")
    assert head.status == 200 and head.type == full.type
    opt = call(app, "OPTIONS", "/sparql")
    assert opt.status == 204 and "POST" in opt.headers["allow"]


def test_cors_is_off_by_default_and_configurable(app):
    for path in ("/sparql?query=ASK%7B%7D", "/health", "/queries", "/nope"):
        path, _, query = path.partition("?")
        r = get(app, path, query, origin="https://example.org")
        assert "access-control-allow-origin" not in r.headers
        assert r.headers["x-content-type-options"] == "nosniff"
    assert "access-control-allow-methods" not in call(app, "OPTIONS", "/sparql").headers
    one = App(app.pool, app.settings.replace(cors_origin="https://example.org"))
    r = get(one, "/health", origin="https://example.org")
    assert r.headers["access-control-allow-origin"] == "https://example.org" and r.headers["vary"] == "Origin"
    assert "access-control-allow-origin" not in get(one, "/health", origin="https://evil.example").headers
    pre = call(one, "OPTIONS", "/sparql", headers={"Origin": "https://example.org",
                                                  "Access-Control-Request-Method": "POST"})
    assert pre.status == 204 and "POST" in pre.headers["access-control-allow-methods"]
    anyone = App(app.pool, app.settings.replace(cors_origin="*"))
    assert get(anyone, "/health").headers["access-control-allow-origin"] == "*"


@pytest.mark.parametrize("method, path, query, headers, body", [
    ("GET", "/sparql", "query=ASK%7B%7D", {"Accept": "*/*;q=banana, text/csv;q=2"}, b""),
    ("GET", "/sparql", "query=ASK%7B%7D", {"Accept": ",".join(["a/b"] * 5000)}, b""),
    ("POST", "/sparql", "", {"Content-Type": "application/sparql-query; charset=klingon"}, b"ASK {}"),
    ("GET", "/sparql", "query=" + "%28" * 5000, {}, b""),
    ("GET", "/sparql", "query=SELECT%20*%20%7B%20%3Fs%20%3Fp%20%22%5Cu0000%22%20%7D", {}, b""),
    ("GET", "/sparql", "&".join(f"x{i}=1" for i in range(500)), {}, b""),
    ("GET", "/\x00/../etc/passwd", "", {}, b""),
    ("BREW", "/", "", {}, b""),
    ("GET", "/queries/%00", "", {}, b""),
    ("GET", "/queries/meetings-of", "actor=%E2%80%AE%00", {}, b""),
    ("GET", "/entities", "q=%00%FF", {}, b""),
    ("GET", "/", "depth=99999999999999999999", {}, b""),
    ("GET", "/sparql", "query=ASK%7B%7D", {"Host": "\x00" * 100}, b""),
])
def test_hostile_input_never_breaks_the_server(app, method, path, query, headers, body):
    status, _, data = app.handle(method, path, query, headers, body)
    assert 200 <= status < 500 and isinstance(data, bytes)
    assert get(app, "/health").status == 200


def test_negotiation_rules():
    assert best("", ["text/turtle", "application/n-triples"]) == "text/turtle"
    assert best("text/*;q=0.5, application/n-triples;q=0.4", ["application/n-triples", "text/turtle"]) == "text/turtle"
    assert best("text/turtle;q=0", ["text/turtle"]) is None
    assert formats_for("application/turtle,text/turtle,text/rdf+n3,application/n-triples", []) == (None, "turtle")
    assert formats_for("application/sparql-results+json,application/json", []) == ("json", "jsonld")


# -- settings are documented -------------------------------------------------------------------------------------


def test_every_setting_is_documented_and_in_help(capsys):
    from kg.cli import main, parser

    docs = (ROOT / "docs" / "serve.md").read_text(encoding="utf-8")
    with pytest.raises(SystemExit):
        main(["serve", "--help"])
    help_text = "".join(capsys.readouterr().out.split())  # argparse wraps lines, even at hyphens
    for s in SETTINGS:
        assert s.option in docs and f"`{s.name}`" in docs, f"{s.name} is not documented in docs/serve.md"
        assert s.option in help_text and "".join(s.help.split()) in help_text
        assert f"(default:{s.default if s.default != '' else 'empty'})" in help_text
    serve = next(a for a in parser()._subparsers._group_actions[0].choices.items() if a[0] == "serve")[1]
    for action in serve._actions:
        for option in action.option_strings:
            assert option in ("-h", "--help") or option in docs, f"{option} is not documented in docs/serve.md"


def test_settings_check_their_values():
    with pytest.raises(ValueError, match="time_limit must be at least"):
        Settings(time_limit=0)
    with pytest.raises(ValueError, match="port must be at most 65535"):
        Settings(port=70000)
    with pytest.raises(TypeError, match="unknown setting"):
        Settings(colour="red")
    assert not Settings(host="0.0.0.0").loopback and Settings(host="localhost").loopback
    assert exposure_warning(Settings(host="192.0.2.1")).startswith("warning: listening on 192.0.2.1, so other")
    assert exposure_warning(Settings(host="127.0.0.2")) is None and exposure_warning(Settings(host="::1")) is None


def test_public_api():
    import kg.serve

    assert sorted(kg.serve.__all__) == sorted(n for n in dir(kg.serve) if n in kg.serve.__all__)
    assert {"App", "Settings", "SETTINGS", "serve", "make_server"} <= set(kg.serve.__all__)
    assert kg.KGError in kg.serve.QueryTimeout.__mro__


def test_a_browser_gets_named_answers_as_json(app):
    browser = "text/html,application/xhtml+xml,application/xml;q=0.9,image/avif,image/webp,*/*;q=0.8"
    r = get(app, "/queries/roles-of", {"person": "zarif"}, accept=browser)
    assert r.status == 200 and r.type == "application/json" and r.json()["rows"]


def test_sources_a_store_folder_a_file_and_errors(seed_graph, tmp_path):
    from kg.serve.workers import ServerError, prepare_store

    store = prepare_store(seed_graph, tmp_path)  # an Oxigraph store folder: served as it is
    with App.open(store, Settings(workers=1)) as a:
        assert get(a, "/health").json()["quads"] == len(seed_graph.store)
    assert Path(store).is_dir()
    (tmp_path / "g.nq").write_bytes(seed_graph.store.dump(format=RdfFormat.N_QUADS))
    with App.open(tmp_path / "g.nq", Settings(workers=1)) as a:
        assert get(a, "/health").json()["quads"] == len(seed_graph.store)
    with pytest.raises(ServerError, match="no graph at"):
        App.open(tmp_path / "missing")
    (tmp_path / "g.xyz").write_text("x")
    with pytest.raises(ServerError, match="cannot tell the RDF format"):
        App.open(tmp_path / "g.xyz")
    (tmp_path / "bad.trig").write_text("<urn:a> <urn:b> .")
    with pytest.raises(ServerError, match="cannot load"):
        App.open(tmp_path / "bad.trig")


def test_a_port_in_use_is_a_clear_error(app):
    import socket

    from kg.serve import make_server
    from kg.serve.workers import ServerError

    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        s.listen()
        busy = App(app.pool, app.settings.replace(port=s.getsockname()[1]))
        with pytest.raises(ServerError, match="cannot listen on 127.0.0.1:"):
            make_server(busy)


def test_settings_annotations_agree_with_SETTINGS():
    assert Settings.__annotations__ == {s.name: s.type.__name__ for s in SETTINGS}


def test_an_answer_given_again_comes_from_the_cache(app, monkeypatch):
    """The same query (same text, graphs and format) to the same generation is answered once by a worker; another
    format, another question or a cache of 0 MiB asks a worker again. Errors are never kept."""
    from kg.serve.app import AnswerCache

    asked = []
    run = app.pool.run
    monkeypatch.setattr(app.pool, "run", lambda task, **kw: asked.append(task) or run(task, **kw))
    monkeypatch.setattr(app, "answers", AnswerCache(1 << 20))
    query = {"query": "SELECT ?c WHERE { ?c dkg:locatedIn id:iraq } ORDER BY ?c"}
    first, again = get(app, "/sparql", query), get(app, "/sparql", query)
    assert first.status == again.status == 200 and first.body == again.body and asked == ["sparql"]
    assert get(app, "/sparql", query, accept="text/csv").body.startswith(b"c\r\n") and len(asked) == 2
    named = get(app, "/queries/meetings-of", {"actor": "zarif"})
    assert get(app, "/queries/meetings-of", {"actor": "zarif"}).body == named.body and len(asked) == 3
    assert get(app, "/queries/meetings-of", {"actor": "rashid"}).status == 200 and len(asked) == 4
    bad = {"query": "SELECT ?x WHERE { ?x a dkg:Meeting"}
    assert get(app, "/sparql", bad).status == get(app, "/sparql", bad).status == 400 and len(asked) == 6
    monkeypatch.setattr(app, "answers", AnswerCache(0))
    get(app, "/sparql", query)
    get(app, "/sparql", query)
    assert len(asked) == 8
