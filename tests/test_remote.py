"""kg.remote without a real store: parameter binding for endpoints, and push/query against a small fake store.

The fake store (standard library HTTP server on loopback, pyoxigraph inside) speaks the Graph Store
Protocol and the SPARQL protocol, scopes blank nodes to one request as real stores do, asks for Basic
credentials when told to, and can fail on purpose. The real thing (Virtuoso) is in test_virtuoso.py.
"""

from __future__ import annotations

import base64
import re
import threading
import urllib.parse
from decimal import Decimal
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer

import pyoxigraph as ox
import pytest
from pyoxigraph import BlankNode, Literal, NamedNode, QueryResultsFormat, RdfFormat

from kg.cli import main
from kg.errors import QueryError
from kg.formats.rdf import write_ntriples
from kg.query.catalog import bind_params, load_catalog, run_named
from kg.query.sparql import Result, run, scan, tokens
from kg.remote import Auth, PushError, bind_values, endpoint_text, push, push_graph, remote_named, remote_query
from kg.vocab import DKG, PREFIXES, XSD
from tests.realtools import free_loopback_ports
from tests.test_export import HOSTILE, hostile_graph

GRAPH = "https://example.org/graphs/kg"
SECRET = "s3cr3t-Pässword"


class FakeStore:
    """Graph Store Protocol at /gsp, SPARQL queries (form POST) at any path; ``fail_at`` maps a data
    request number (1-based) to (status, body), applied after storing half of that request (as Virtuoso
    keeps what it parsed before an error)."""

    def __init__(self, *, user: str | None = None, password: str | None = None):
        self.store = ox.Store()
        self.user, self.password = user, password
        self.requests: list[tuple[str, int, bool]] = []  # (method, triples, had credentials)
        self.fail_at: dict[int, tuple[int, bytes]] = {}
        self.drop_last = 0  # silently lose this many triples of each data request
        self.max_rows_header: str | None = None
        self.last_form: dict[str, list[str]] = {}
        store = self

        class Handler(BaseHTTPRequestHandler):
            def log_message(self, *args):  # quiet
                pass

            def _authorized(self) -> bool:
                if store.user is None:
                    return True
                token = base64.b64encode(f"{store.user}:{store.password}".encode()).decode()
                if self.headers.get("Authorization") == f"Basic {token}":
                    return True
                self._reply(401, b"", {"WWW-Authenticate": 'Basic realm="fake"'})
                return False

            def _reply(self, status: int, body: bytes, headers: dict | None = None) -> None:
                self.send_response(status)
                for k, v in (headers or {}).items():
                    self.send_header(k, v)
                self.send_header("Content-Length", str(len(body)))
                self.end_headers()
                if self.command != "HEAD":
                    self.wfile.write(body)

            def do_HEAD(self):
                if self._authorized():
                    self._reply(200, b"")

            def _data(self, replace: bool) -> None:
                body = self.rfile.read(int(self.headers.get("Content-Length", 0)))
                if not self._authorized():
                    return
                query = urllib.parse.parse_qs(urllib.parse.urlsplit(self.path).query, keep_blank_values=True)
                graph = NamedNode(query["graph"][0]) if "graph" in query else ox.DefaultGraph()
                try:  # blank-node labels are scoped to this request
                    triples = [q.triple for q in ox.parse(body, format=RdfFormat.N_TRIPLES, rename_blank_nodes=True)]
                except SyntaxError as e:
                    self._reply(400, f"bad N-Triples: {e}".encode())
                    return
                store.requests.append((self.command, len(triples), "Authorization" in self.headers))
                failure = store.fail_at.get(len(store.requests))
                if replace and isinstance(graph, ox.DefaultGraph):
                    store.store.clear_graph(graph)
                elif replace:
                    store.store.remove_graph(graph) if graph in set(store.store.named_graphs()) else None
                keep = triples[: len(triples) // 2] if failure else triples[: len(triples) - store.drop_last]
                store.store.extend(ox.Quad(t.subject, t.predicate, t.object, graph) for t in keep)
                self._reply(*failure) if failure else self._reply(201 if replace else 204, b"")

            def do_PUT(self):
                self._data(replace=True)

            def do_POST(self):
                if self.headers.get("Content-Type") != "application/x-www-form-urlencoded":
                    return self._data(replace=False)  # else a query, on any path (like Fuseki's dataset URL)
                form = urllib.parse.parse_qs(self.rfile.read(int(self.headers["Content-Length"])).decode())
                store.last_form = form
                dataset = {}  # a real default graph, as Oxigraph server and Jena TDB2 have
                if form.get("default-graph-uri"):
                    dataset = {"default_graph": [NamedNode(g) for g in form["default-graph-uri"]]}
                try:
                    answer = store.store.query(form["query"][0], **dataset)
                except SyntaxError as e:
                    return self._reply(400, f"<html><body><xmp>syntax error: {e}</xmp></body></html>".encode())
                if isinstance(answer, ox.QueryTriples):
                    return self._reply(200, answer.serialize(format=RdfFormat.N_TRIPLES),
                                       {"Content-Type": "application/n-triples"})
                headers = {"Content-Type": "application/sparql-results+json"}
                if store.max_rows_header:
                    headers["X-SPARQL-MaxRows"] = store.max_rows_header
                self._reply(200, answer.serialize(format=QueryResultsFormat.JSON), headers)

        self.server = ThreadingHTTPServer(("127.0.0.1", 0), Handler)
        self.url = f"http://127.0.0.1:{self.server.server_address[1]}"
        self.thread = threading.Thread(target=self.server.serve_forever, daemon=True)

    def __enter__(self) -> FakeStore:
        self.thread.start()
        return self

    def __exit__(self, *exc) -> None:
        self.server.shutdown()
        self.server.server_close()
        self.thread.join()

    def graph(self, iri: str = GRAPH) -> list[ox.Triple]:
        return [q.triple for q in self.store.quads_for_pattern(None, None, None, NamedNode(iri))]


@pytest.fixture()
def fake():
    with FakeStore() as s:
        yield s


@pytest.fixture()
def guarded():
    with FakeStore(user="alice", password=SECRET) as s:
        yield s


# -- comparing answers of two engines -------------------------------------------------------------------

_NUMERIC = {XSD[t] for t in ("integer", "decimal", "double", "float", "int", "long", "boolean")}
_CONCAT = re.compile(r'GROUP_CONCAT\s*\(.*?separator\s*=\s*"([^"]*)"\s*\)\s*AS\s*\?(\w+)', re.IGNORECASE | re.DOTALL)


def _cell(term, separator):
    if term is None:
        return None
    if isinstance(term, BlankNode):
        return ("bnode",)
    if isinstance(term, NamedNode):
        return ("iri", term.value)
    if separator is not None:  # an empty GROUP_CONCAT: "" on Virtuoso, unbound on Oxigraph
        return ("concat", tuple(sorted(term.value.split(separator)))) if term.value else None
    dt = term.datatype.value
    if dt in _NUMERIC:
        value = {"true": 1, "false": 0}.get(term.value, term.value)
        return ("number", Decimal(str(value)))
    return ("literal", term.value, (term.language or "").lower(), "" if term.language else dt)


def answers(result, text: str) -> list:
    """Rows as comparable tuples, in a fixed order: the engines order ties and GROUP_CONCATs their own way."""
    concat = {var: sep for sep, var in _CONCAT.findall(text)}
    rows = [tuple(_cell(row[v], concat.get(v)) for v in result.variables) for row in result.rows]
    return sorted(rows, key=repr)


# -- binding parameters for an endpoint ------------------------------------------------------------------


def test_values_binding_answers_like_oxigraph_substitutions_for_hostile_values():
    g = hostile_graph()
    text = "SELECT ?s ?needle WHERE { ?s dkg:claim ?claim FILTER(STR(?claim) = ?needle) }"
    for value in [*HOSTILE, '"} SERVICE <http://evil.example/> { ?a ?b ?c } #', "\\u0022 } #"]:
        bound = bind_values(text, {"needle": value})
        assert scan(bound).service_at is None  # the value stayed a string
        remote_style = [r["s"].value for r in g.store.query(bound, prefixes=PREFIXES)]
        assert remote_style == [r["s"].value for r in run(g, text, {"needle": value})]
        assert len(remote_style) == (value in HOSTILE), value


def test_values_go_into_the_where_group_not_a_construct_template():
    text = "CONSTRUCT { ?s ?p ?o } WHERE { ?s ?p ?o }"
    bound = bind_values(text, {"p": NamedNode(DKG.claim), "o": Literal("x\ny", language="en")})
    assert bound.startswith("CONSTRUCT { ?s ?p ?o } WHERE { VALUES (?o ?p) { (\"x\\ny\"@en <")
    assert list(ox.Store().query(bound)) == []
    for text, message in (("SELECT * { ?s ?p ?o }", None), ("DESCRIBE <http://x.org/a>", "no WHERE"),
                          ("PREFIX a: <http://x.org/>", "no SELECT")):
        if message is None:
            assert "VALUES (?s)" in bind_values(text, {"s": NamedNode("http://x.org/a")})
        else:
            with pytest.raises(QueryError, match=message):
                bind_values(text, {"s": NamedNode("http://x.org/a")})
    with pytest.raises(QueryError, match="not an IRI or a literal"):
        bind_values("SELECT * { ?s ?p ?o }", {"s": BlankNode()})


def test_every_named_question_sent_to_an_endpoint_means_the_same(seed_graph):
    """What an endpoint gets (SPARQL 1.1 text, VALUES binding) against Oxigraph's substitutions, run here,
    for every example of the catalog."""
    for name, query in load_catalog().items():
        for example in query.examples or ((),):
            params = dict(example)
            here = run_named(seed_graph, name, params)
            bound = bind_params(seed_graph, query, params)
            sent = bind_values(endpoint_text(query, bound), bound)
            assert not any(k == "name" and t.upper() == "LATERAL" for k, t, _ in tokens(sent))
            rows = seed_graph.store.query(sent, prefixes=PREFIXES)
            there = Result.from_engine(rows, "SELECT", frozenset(p.name for p in query.params))
            assert there.variables == here.variables, name
            assert answers(there, query.text) == answers(here, query.text), f"{name} {params}"


# -- queries ---------------------------------------------------------------------------------------------


def test_remote_queries_give_results_like_the_local_engine(fake, seed_graph):
    fake.store.extend(seed_graph.quads())  # the merged view in the default graph, and every named graph
    text = "SELECT ?visit ?place WHERE { ?visit a dkg:Visit ; dkg:destination ?place } ORDER BY ?visit"
    there = remote_query(fake.url + "/sparql", text, {"place": NamedNode(PREFIXES["id"] + "iraq")}, hide={"place"})
    here = run(seed_graph, text, {"place": NamedNode(PREFIXES["id"] + "iraq")}, hide={"place"})
    assert there.variables == here.variables == ["visit"] and there.to_python() == here.to_python()
    assert remote_query(fake.url + "/sparql", "ASK { id:baghdad dkg:locatedIn id:iraq }").boolean is True
    built = remote_query(fake.url + "/sparql", "CONSTRUCT WHERE { id:baghdad ?p ?o }")
    assert built.form == "CONSTRUCT" and len(built.triples) > 3
    r = remote_named(fake.url + "/sparql", "visits-to", {"place": "Iraq"}, default_graphs=seed_graph.graph_names())
    assert sorted(r.values("visit")) == sorted(run_named(seed_graph, "visits-to", {"place": "Iraq"}).values("visit"))
    assert fake.last_form["default-graph-uri"] == seed_graph.graph_names()
    assert r.variables == run_named(seed_graph, "visits-to", {"place": "Iraq"}).variables


def test_remote_query_errors(fake):
    with pytest.raises(QueryError, match="line 1, column 25"):
        remote_query(fake.url + "/sparql", "SELECT ?x WHERE { ?x a }")
    with pytest.raises(QueryError, match="SERVICE is refused"):
        remote_query(fake.url + "/sparql", "SELECT * { SERVICE <http://x.org/s> { ?s ?p ?o } }")
    fake.max_rows_header = "10000"
    with pytest.raises(QueryError, match="cut the result at 10000 rows"):
        remote_query(fake.url + "/sparql", "SELECT * { ?s ?p ?o }")
    port = free_loopback_ports(1)[0]
    with pytest.raises(QueryError, match=f"cannot reach http://127.0.0.1:{port}/sparql"):
        remote_query(f"http://127.0.0.1:{port}/sparql", "ASK {}")
    with pytest.raises(QueryError, match="not an http"):
        remote_query("file:///etc/passwd", "ASK {}")


# -- push ------------------------------------------------------------------------------------------------


def test_push_in_chunks_keeps_blank_nodes_together_and_replaces(fake):
    g = hostile_graph()
    expected = list(g.triples(g.graph_names()))
    seen = []
    report = push(expected, fake.url + "/gsp", GRAPH, chunk_size=7, progress=lambda *a: seen.append(a))
    assert write_ntriples(fake.graph()) == write_ntriples(expected)  # isomorphic: blank nodes intact
    assert [m for m, _, _ in fake.requests] == ["PUT"] + ["POST"] * (len(fake.requests) - 1)
    assert report.chunks == len(fake.requests) > 10 and report.remote_count == report.triples == len(expected)
    assert seen[-1] == (report.chunks, report.chunks, len(expected), len(expected))
    assert all(a[2] < b[2] for a, b in zip(seen, seen[1:], strict=False))
    fake.requests.clear()
    report = push(expected[:5], fake.url + "/gsp", GRAPH)  # replaces
    assert report.remote_count == 5 and [m for m, _, _ in fake.requests] == ["PUT"]
    report = push(expected[5:9], fake.url + "/gsp", GRAPH, append=True)
    assert report.remote_count == 9 and report.mode == "append"
    assert push([], fake.url + "/gsp", GRAPH).remote_count == 0  # replacing with nothing empties it


def test_push_with_credentials_never_shows_the_password(guarded, seed_graph):
    for auth in (Auth("alice", SECRET), Auth("alice", SECRET, "basic")):
        report = push_graph(seed_graph, guarded.url + "/gsp", GRAPH, auth=auth, query_endpoint=guarded.url + "/sparql")
        assert report.remote_count == len(list(seed_graph.triples()))
    port = guarded.url.rsplit(":", 1)[1]
    report = push_graph(seed_graph, f"http://alice:{urllib.parse.quote(SECRET)}@127.0.0.1:{port}/gsp", GRAPH,
                        query_endpoint=guarded.url + "/sparql", auth=None)
    assert SECRET not in str(report) and "alice:" not in str(report)
    with pytest.raises(PushError) as failure:
        push_graph(seed_graph, guarded.url + "/gsp", GRAPH, auth=Auth("alice", "wrong-" + SECRET))
    assert "refused the credentials of user 'alice' (HTTP 401" in str(failure.value)
    assert failure.value.partial is False and "not changed" in str(failure.value) and SECRET not in str(failure.value)
    with pytest.raises(PushError, match="HTTP 401"):
        push_graph(seed_graph, guarded.url + "/gsp", GRAPH)
    with pytest.raises(PushError, match="asks for basic authentication, not digest.*not changed"):
        push_graph(seed_graph, guarded.url + "/gsp", GRAPH, auth=Auth("alice", SECRET, "digest"))


def test_a_failure_midway_says_what_was_sent_and_that_the_graph_is_partial(fake, seed_graph):
    n = len(list(seed_graph.triples()))
    chunks = -(-n // 100)
    fake.fail_at[3] = (500, b"<html><xmp>Error 22023: the store ran out of patience</xmp></html>")
    with pytest.raises(PushError) as failure:
        push_graph(seed_graph, fake.url + "/gsp", GRAPH, chunk_size=100, query_endpoint=fake.url + "/sparql")
    e = failure.value
    message = str(e)
    assert f"failed at request 3 of {chunks}: " in message and "HTTP 500 Internal Server Error: Error 22023" in message
    assert f"Sent before the failure: 2 request(s), 200 of {n} triples" in message and "PARTIAL" in message
    assert (e.chunks_sent, e.triples_sent, e.total, e.partial) == (2, 200, n, True)
    assert e.remote_count == len(fake.graph()) == 250  # two chunks, and half of the third
    fake.fail_at.clear()
    fake.requests.clear()
    fake.drop_last = 1  # a store that loses a triple per request, and says nothing
    with pytest.raises(PushError, match=f"holds {n - chunks} triples in that graph: the push is incomplete"):
        push_graph(seed_graph, fake.url + "/gsp", GRAPH, chunk_size=100)


def test_push_to_nowhere(seed_graph):
    port = free_loopback_ports(1)[0]
    with pytest.raises(PushError, match=f"cannot reach http://127.0.0.1:{port}/gsp.*not changed") as failure:
        push_graph(seed_graph, f"http://127.0.0.1:{port}/gsp", GRAPH)
    assert failure.value.partial is False
    with pytest.raises(PushError, match="not a valid graph IRI"):
        push_graph(seed_graph, f"http://127.0.0.1:{port}/gsp", "not an iri")


# -- command line ----------------------------------------------------------------------------------------


def test_cli_push_and_remote_query(guarded, seed_graph, built, capsys, monkeypatch):
    seed, out = seed_graph, built
    n = len(list(seed.triples()))
    monkeypatch.setenv("KG_USER", "alice")
    monkeypatch.setenv("KG_PASSWORD", SECRET)
    args = ["push", "--graph", str(out), "--endpoint", guarded.url + "/gsp", "--query-endpoint",
            guarded.url + "/sparql", "--progress", "--chunk-size", str(-(-n // 3))]
    assert main([*args, "--target-graph", GRAPH]) == 0
    got = capsys.readouterr()
    assert got.out.startswith(f"replaced <{GRAPH}> at {guarded.url}/gsp: {n:,} triples in 3 request(s)")
    assert got.err.splitlines()[-1].endswith(f"3/3 requests, {n:,}/{n:,} triples")
    assert main([*args, "--dataset", "--with-ontology", "--with-inferred"]) == 0
    pushed = capsys.readouterr().out  # the merged view into the default graph, then each named graph
    assert pushed.startswith("replaced the default graph") and pushed.count("replaced <") == 4
    question = ["query", "visits-to", "-p", "place=Iraq", "--format", "csv"]
    assert main([*question, "--endpoint", guarded.url + "/sparql"]) == 0
    remote = capsys.readouterr().out
    assert main([*question, "--graph", str(out)]) == 0
    assert remote.splitlines()[0] == capsys.readouterr().out.splitlines()[0]
    monkeypatch.setenv("KG_PASSWORD", "wrong")
    assert main([*args, "--target-graph", GRAPH]) == 1
    got = capsys.readouterr()
    assert "kg push: error: pushing" in got.err and "HTTP 401" in got.err and "Traceback" not in got.err
    assert SECRET not in got.out + got.err


def test_cli_push_errors_are_messages(built, capsys):
    port = free_loopback_ports(1)[0]
    assert main(["push", "--graph", str(built), "--endpoint", f"http://127.0.0.1:{port}/x",
                 "--target-graph", GRAPH]) == 1
    err = capsys.readouterr().err
    assert err.startswith("kg push: error: pushing") and "cannot reach" in err and "Traceback" not in err
    assert main(["query", "ASK {}", "--endpoint", f"http://127.0.0.1:{port}/sparql"]) == 1
    assert "cannot reach" in capsys.readouterr().err
