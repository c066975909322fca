"""Against a real triple store that nobody here wrote: Virtuoso, started once per session on loopback.

The exports go in over the Graph Store Protocol (kg push, and Virtuoso's own loader via realtools), the
named questions run there and here, and the answers are compared. What Virtuoso changes on the way, and
the comparison forgives (see the README, "Using your graph in another triple store"): booleans come back
as 0/1 from expressions and as "1"^^xsd:boolean from data, GROUP_CONCAT joins in its own order (and
gives "" for nothing, where Oxigraph leaves it unbound), rows in ties come in its own order, blank-node
ids are its own.
"""

from __future__ import annotations

import time

import pytest
from pyoxigraph import Literal, NamedNode, Triple

from kg.cli import main
from kg.errors import QueryError
from kg.export import export, select_graphs
from kg.formats.rdf import write_ntriples
from kg.query.catalog import load_catalog, run_named
from kg.remote import MERGED_GRAPH, Auth, PushError, push, push_dataset, push_graph, remote_named, remote_query
from kg.remote import gsp as push_module
from kg.vocab import XSD
from tests import realtools
from tests.realtools import free_loopback_ports
from tests.test_export import hostile_graph
from tests.test_remote import answers

pytestmark = pytest.mark.real

virtuoso = pytest.fixture(scope="session")(realtools.virtuoso_session)
TEST_GRAPHS = "https://example.org/kg-test/"


@pytest.fixture(scope="session")
def auth(virtuoso) -> Auth:
    return Auth(virtuoso.user, virtuoso.password)


@pytest.fixture(scope="session")
def seed_pushed(virtuoso, seed_graph, auth):
    """The seed dataset, each named graph under its own IRI, as ``kg push --dataset`` sends it: the merged view
    (the default graph here) to graph/merged, since Virtuoso's default graph is every graph it holds."""
    t0 = time.monotonic()
    reports = push_dataset(seed_graph, virtuoso.crud_url, ontology=True, inferred=True, auth=auth)
    assert [r.graph for r in reports] == [MERGED_GRAPH, *seed_graph.graph_names()]
    assert all(r.remote_count == r.triples for r in reports)
    print(f"\nVirtuoso started in {virtuoso.start_seconds:.1f} s; the seed dataset pushed in "
          f"{time.monotonic() - t0:.2f} s")
    return seed_graph.graph_names()


def test_every_named_question_answers_the_same_as_in_process(virtuoso, seed_graph, seed_pushed):
    endpoint = virtuoso.sparql_url
    # The dataset named in the protocol: the merged view as the default graph, our graphs by name.
    graphs = {"default_graphs": [MERGED_GRAPH], "named_graphs": seed_pushed}
    checked = 0
    for name, query in load_catalog().items():
        for example in query.examples or ((),):
            params = dict(example)
            here = run_named(seed_graph, name, params)
            there = remote_named(endpoint, name, params, **graphs)
            assert there.variables == here.variables, name
            assert answers(there, query.text) == answers(here, query.text), f"{name} {params}"
            checked += 1
            if name == "meetings-of":  # names resolved here instead of there: same answer
                local = remote_named(endpoint, name, params, resolver=seed_graph, **graphs)
                assert answers(local, query.text) == answers(here, query.text)
    assert checked >= len(load_catalog())


def test_kg_query_endpoint_prints_what_kg_query_prints(virtuoso, seed_pushed, capsys):
    question = ["query", "reported-by", "-p", "source=zarif-visits-iraq-2025-02-07", "--format", "csv"]
    assert main(question) == 0
    here = capsys.readouterr().out.splitlines()
    assert main([*question, "--endpoint", virtuoso.sparql_url]) == 0
    there = capsys.readouterr().out.splitlines()
    assert there[0] == here[0] and sorted(there) == sorted(here) and len(here) > 20


def test_hostile_strings_and_datatypes_survive_the_store(virtuoso, auth):
    g = hostile_graph()
    expected = list(g.triples(g.graph_names()))
    graph = TEST_GRAPHS + "hostile"
    report = push(expected, virtuoso.crud_url, graph, auth=auth, chunk_size=20)
    assert report.chunks > 3 and report.remote_count == len(expected)
    construct = f"CONSTRUCT {{ ?s ?p ?o }} WHERE {{ GRAPH <{graph}> {{ ?s ?p ?o }} }}"
    back = remote_query(virtuoso.sparql_url, construct).triples
    assert write_ntriples(back) == write_ntriples(expected)  # isomorphic, every character and datatype
    rows = remote_query(virtuoso.sparql_url, f"SELECT ?s ?p ?o WHERE {{ GRAPH <{graph}> {{ ?s ?p ?o }} }}")
    # Through SPARQL JSON results booleans come back as "1"/"0": the same values, other lexical forms.
    boolean = XSD.boolean

    def same_value(t: Triple) -> Triple:
        o = t.object
        if isinstance(o, Literal) and o.datatype.value == boolean:
            o = Literal({"1": "true", "0": "false"}.get(o.value, o.value), datatype=NamedNode(boolean))
        return Triple(t.subject, t.predicate, o)

    assert write_ntriples(same_value(Triple(r["s"], r["p"], r["o"])) for r in rows) == write_ntriples(expected)


def test_the_ntriples_export_loads_with_virtuosos_own_loader(virtuoso, seed_graph):
    graph = TEST_GRAPHS + "export-nt"
    assert virtuoso.put_ntriples(graph, export(seed_graph, "nt", ontology=True, inferred=True)) in (200, 201, 204)
    back = remote_query(virtuoso.sparql_url, f"CONSTRUCT {{ ?s ?p ?o }} WHERE {{ GRAPH <{graph}> {{ ?s ?p ?o }} }}")
    expected = seed_graph.triples(select_graphs(seed_graph, ontology=True, inferred=True))
    assert write_ntriples(back.triples) == write_ntriples(expected)


def test_a_large_push_in_chunks_with_digest_authentication(virtuoso, auth):
    p, graph = NamedNode("https://example.org/p"), TEST_GRAPHS + "large"
    triples = [Triple(NamedNode(f"https://example.org/s{i // 10}"), p, Literal(f"value {i} \u05e9 \U0001f54a"))
               for i in range(60_000)]
    t0 = time.monotonic()
    report = push(triples, virtuoso.crud_url, graph, auth=auth, chunk_size=20_000)
    print(f"\npushed 60,000 triples in 3 requests in {time.monotonic() - t0:.2f} s")
    assert (report.chunks, report.remote_count) == (3, 60_000)
    report = push(triples[:10], virtuoso.crud_url, graph, auth=auth, append=True)
    assert report.remote_count == 60_000  # nothing new: appending what is there adds nothing


def test_cli_push_and_its_errors(virtuoso, seed_graph, tmp_path, capsys, monkeypatch):
    graph = TEST_GRAPHS + "cli"
    n = len(list(seed_graph.triples()))
    monkeypatch.setenv("KG_USER", virtuoso.user)
    monkeypatch.setenv("KG_PASSWORD", virtuoso.password)
    assert main(["push", "--endpoint", virtuoso.crud_url, "--target-graph", graph]) == 0  # built from data/
    out = capsys.readouterr().out
    assert out.startswith(f"replaced <{graph}> at {virtuoso.crud_url}: {n:,} triples in 1 request(s)")
    assert out.rstrip().endswith(f"the store holds {n:,} triples in it")
    # wrong password
    (tmp_path / "graph.trig").write_bytes(seed_graph.to_trig())
    built = ["--graph", str(tmp_path)]
    monkeypatch.setenv("KG_PASSWORD", "not-the-password")
    assert main(["push", *built, "--endpoint", virtuoso.crud_url, "--target-graph", graph]) == 1
    got = capsys.readouterr()
    assert "refused the credentials of user 'dba' (HTTP 401 Unauthorized)" in got.err
    assert "The remote graph was not changed." in got.err
    assert "Traceback" not in got.err and "not-the-password" not in got.out + got.err
    # unreachable: a closed loopback port
    closed = f"http://127.0.0.1:{free_loopback_ports(1)[0]}/sparql-graph-crud-auth"
    assert main(["push", *built, "--endpoint", closed, "--target-graph", graph]) == 1
    err = capsys.readouterr().err
    assert f"cannot reach {closed}: Connection refused" in err
    assert "Traceback" not in err
    # a store that refuses: Virtuoso's anonymous endpoint may not write
    monkeypatch.delenv("KG_USER")
    assert main(["push", *built, "--endpoint", virtuoso.base_url + "/sparql-graph-crud", "--target-graph", graph]) == 1
    err = capsys.readouterr().err
    assert "HTTP 403 Forbidden" in err and "Permission denied" in err and "Traceback" not in err
    assert remote_query(virtuoso.sparql_url, f"SELECT (COUNT(*) AS ?n) {{ GRAPH <{graph}> {{ ?s ?p ?o }} }}"
                        ).to_python() == [{"n": n}]  # still the first push


def test_a_payload_the_store_rejects_midway_is_reported_as_partial(virtuoso, seed_graph, auth, monkeypatch):
    graph = TEST_GRAPHS + "rejected"
    n = len(list(seed_graph.triples()))
    chunks = push_module._chunks

    def corrupt_second(triples, size):
        payloads, counts, total = chunks(triples, size)
        payloads[1] = payloads[1] + b'<https://example.org/a> <https://example.org/b> "unterminated .\n'
        return payloads, counts, total

    monkeypatch.setattr(push_module, "_chunks", corrupt_second)
    with pytest.raises(PushError) as failure:
        push_graph(seed_graph, virtuoso.crud_url, graph, auth=auth, chunk_size=300)
    e = failure.value
    assert f"failed at request 2 of {-(-n // 300)}" in str(e) and "HTTP 500" in str(e)
    assert f"Sent before the failure: 1 request(s), 300 of {n} triples" in str(e) and "PARTIAL" in str(e)
    assert e.partial and e.remote_count is not None and 300 <= e.remote_count < n


def test_results_cut_by_the_store_are_an_error_not_an_answer(virtuoso):
    numbers = " ".join(str(i) for i in range(400))
    with pytest.raises(QueryError, match="cut the result at 100000 rows"):
        remote_query(virtuoso.sparql_url, f"SELECT ?a ?b {{ VALUES ?a {{ {numbers} }} VALUES ?b {{ {numbers} }} }}")
    with pytest.raises(QueryError, match="line 1, column 25"):
        remote_query(virtuoso.sparql_url, "SELECT ?x WHERE { ?x a }")
