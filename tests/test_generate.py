"""The synthetic generator: same seed, same bytes; the shape of a real build; readable by everything else."""

from __future__ import annotations

import io
from collections import Counter

import pytest
from pyoxigraph import NamedNode, RdfFormat, Store

from kg.builder.infer import infer
from kg.cli import main
from kg.generate import generate, load
from kg.graph import KnowledgeGraph
from kg.vocab import INFERRED_GRAPH, ONTOLOGY_GRAPH, PREFIXES, REGISTRY_GRAPH

N = 6000


def text(triples: int = N, seed: int = 7, **kw) -> str:
    buf = io.StringIO()
    generate(buf, triples, seed, **kw)
    return buf.getvalue()


@pytest.fixture(scope="module")
def small(tmp_path_factory) -> tuple[KnowledgeGraph, Counter]:
    path = tmp_path_factory.mktemp("gen") / "small.nq"
    counts = generate(path, 20_000, seed=3)
    return load(path), counts


def test_same_seed_same_bytes_other_seed_other_bytes(tmp_path):
    assert text() == text()
    assert text() != text(seed=8)
    generate(tmp_path / "a.nq", N, 7)
    assert (tmp_path / "a.nq").read_text(encoding="utf-8") == text()


def test_size_is_at_least_what_was_asked_and_every_line_is_one_quad():
    data = text()
    lines = data.splitlines()
    store = Store()
    store.load(data.encode(), format=RdfFormat.N_QUADS)
    assert N <= len(lines) < N * 1.2
    assert len(store) == len(lines)  # no quad written twice


def test_trig_holds_the_same_quads():
    nq, trig = Store(), Store()
    nq.load(text().encode(), format=RdfFormat.N_QUADS)
    trig.load(text(trig=True).encode(), format=RdfFormat.TRIG)
    # The ontology's blank nodes get fresh labels on each load; everything else is identical.
    assert len(nq) == len(trig)
    named = {q for q in nq if q.graph_name != NamedNode(ONTOLOGY_GRAPH)}
    assert named == {q for q in trig if q.graph_name != NamedNode(ONTOLOGY_GRAPH)}


def test_graphs_are_named_as_a_build_names_them(small):
    g, counts = small
    names = g.graph_names()
    assert {ONTOLOGY_GRAPH, REGISTRY_GRAPH, INFERRED_GRAPH} <= set(names)
    assert len(g.source_graphs()) == counts["dkg:SourceDocument"]
    one = """SELECT ?g (COUNT(?d) AS ?n) WHERE { GRAPH ?g { ?d a dkg:SourceDocument } } GROUP BY ?g"""
    assert all(int(r["n"].value) == 1 for r in g.store.query(one, prefixes=PREFIXES))


def test_counts_per_class_are_those_of_the_store_and_in_proportion(small):
    g, counts = small
    summary = g.summary().classes
    for cls in ("Person", "Organization", "Country", "City", "Role", "Membership", "Meeting", "Visit",
                "Conference", "Topic", "Statement", "SourceDocument"):
        assert summary[cls] == counts[f"dkg:{cls}"] > 0, cls
    events = counts["dkg:Meeting"] + counts["dkg:Visit"] + counts["dkg:Conference"]
    # As in the seed article: about as many persons as events, meetings the most common kind of event,
    # several facts per source.
    assert 0.4 < counts["dkg:Person"] / events < 2.5
    assert counts["dkg:Meeting"] > counts["dkg:Visit"] > counts["dkg:Conference"]
    assert counts["dkg:Person"] > counts["dkg:Organization"] > counts["dkg:Country"]
    assert (events + counts["dkg:Statement"] + counts["dkg:Membership"]) / counts["dkg:SourceDocument"] > 5


def test_every_fact_has_its_provenance(small):
    g, _ = small
    missing = """SELECT (COUNT(DISTINCT ?f) AS ?n) WHERE {
      GRAPH ?src { ?f a ?c . VALUES ?c { dkg:Meeting dkg:Visit dkg:Conference dkg:Membership dkg:Statement } }
      FILTER NOT EXISTS { GRAPH ?src { ?f prov:wasDerivedFrom ?src ; dkg:evidence ?e ;
                                          prov:qualifiedDerivation [ prov:entity ?src ; dkg:evidence ?e2 ] } }
    }"""
    assert next(iter(g.store.query(missing, prefixes=PREFIXES)))["n"].value == "0"


def test_dates_come_at_every_precision_with_their_bounds(small):
    g, _ = small
    rows = g.store.query("""SELECT ?unit (COUNT(?e) AS ?n) (SAMPLE(DATATYPE(?d)) AS ?dt) WHERE {
      ?e dkg:datePrecision ?unit . OPTIONAL { ?e dkg:date ?d } } GROUP BY ?unit""", prefixes=PREFIXES,
                         use_default_graph_as_union=True)
    units = {r["unit"].value.rsplit("#", 1)[1]: r["dt"] for r in rows}
    assert set(units) == {"unitDay", "unitMonth", "unitYear", "unknownPrecision"}
    assert units["unitMonth"].value.endswith("gYearMonth") and units["unknownPrecision"] is None


def test_inferred_graph_is_what_the_build_would_infer():
    store = Store()
    store.load(text(20_000, seed=5).encode(), format=RdfFormat.N_QUADS)
    inferred = NamedNode(INFERRED_GRAPH)
    written = {q.triple for q in store.quads_for_pattern(None, None, None, inferred)}
    store.remove_graph(inferred)
    infer(store)
    assert written == {q.triple for q in store.quads_for_pattern(None, None, None, inferred)}


def test_named_questions_run_on_it():
    from kg.query import load_catalog, run_named

    store = Store()
    store.load(text().encode(), format=RdfFormat.N_QUADS)
    g = KnowledgeGraph(store)

    def first(query: str) -> str:
        return next(iter(store.query(query + " LIMIT 1", prefixes=PREFIXES, use_default_graph_as_union=True)))[0].value

    person = first("SELECT ?p WHERE { ?e dkg:participant ?p . ?p a dkg:Person } ORDER BY ?p")
    values = {"actor": person, "person": person, "about": person, "text": "cooperation", "from": "2010-01-01",
              "to": "2020-12-31", "on": "2015-06-01", "topic": first("SELECT ?t WHERE { ?e dkg:topic ?t }"),
              "role": "president", "source": g.source_graphs()[0], "place": first("SELECT ?c { ?x dkg:locatedIn ?c }"),
              "fact": first("SELECT ?e WHERE { ?e a dkg:Meeting }")}
    countries = sorted({row[0].value for row in store.query("SELECT DISTINCT ?c { ?x dkg:locatedIn ?c }",
                                                            prefixes=PREFIXES, use_default_graph_as_union=True)})
    values.update({"event": values["fact"], "of": countries[0], "a": countries[0], "b": countries[-1]})
    answered = 0
    for q in load_catalog().values():
        result = run_named(g, q, {p.name: values[p.name] for p in q.params if not p.optional})
        answered += bool(result.rows)
    assert answered >= len(load_catalog()) // 2


def test_mirrors_and_graph_queries_work_on_it(small):
    from kg.query.network import rank, shortest_path

    g, _ = small
    assert g.actors.number_of_edges() > 0
    top = rank(g, "degree").scores[:2]
    assert shortest_path(g, top[0].iri, top[1].iri).hops


def test_kg_generate_command(tmp_path, capsys):
    out = tmp_path / "g.trig"
    assert main(["generate", "--triples", "3000", "--seed", "2", "--out", str(out)]) == 0
    said = capsys.readouterr().out
    assert "dkg:Person" in said and f"wrote {out}" in said
    assert len(load(out).store) >= 3000
    assert main(["generate", "--triples", "3000", "--out", str(tmp_path / "g.ttl")]) == 1
    assert "name it .nq or .trig" in capsys.readouterr().err
