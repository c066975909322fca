"""kg.query.sparql and kg.formats.results: forms, prefixes, SERVICE, syntax errors, binding, results, writers."""

from __future__ import annotations

import csv
import io
import json
import sys
import types
import xml.etree.ElementTree as ET
from datetime import date
from decimal import Decimal

import pytest
from pyoxigraph import BlankNode, Literal, NamedNode, RdfFormat, Store, Triple, parse

from kg.errors import QueryError
from kg.formats.results import (
    FORMATS,
    PartialDate,
    display,
    format_result,
    python_value,
    term_from_json,
    term_json,
    to_term,
    write,
)
from kg.query.sparql import Result, run, scan
from kg.vocab import DKG, ID_NS, ONTOLOGY_GRAPH, RDFS, XSD


def ids(values) -> set[str]:
    return {v[len(ID_NS):] for v in values}


# -- forms and prefixes ---------------------------------------------------------------------------------


def test_select_with_predeclared_prefixes(seed_graph):
    r = run(seed_graph, "SELECT DISTINCT ?m WHERE { ?m a dkg:Meeting ; dkg:participant id:abdul-latif-rashid }")
    assert r.form == "SELECT" and r.variables == ["m"]
    assert ids(r.values("m")) == {"zarif-meets-rashid-2025-02-06"}


def test_ask(seed_graph):
    assert run(seed_graph, "ASK { id:tehran dkg:locatedIn id:iran }").boolean is True
    r = run(seed_graph, "ASK { id:tehran dkg:locatedIn id:iraq }")
    assert r.form == "ASK" and r.boolean is False and r.to_python() is False


def test_construct_and_describe(seed_graph):
    r = run(seed_graph, "CONSTRUCT { ?c dkg:locatedIn ?x } WHERE { ?c a dkg:City ; dkg:locatedIn ?x }")
    assert r.form == "CONSTRUCT"
    assert {(t.subject.value, t.object.value) for t in r.triples} == {
        (ID_NS + "baghdad", ID_NS + "iraq"), (ID_NS + "tehran", ID_NS + "iran")}
    d = run(seed_graph, "DESCRIBE id:baghdad", graphs="merged")
    assert d.form == "DESCRIBE"
    assert (ID_NS + "baghdad", RDFS.label, "Baghdad") in d.to_python()


def test_scan_finds_the_form_after_a_prologue():
    assert scan("BASE <urn:x> PREFIX a: <urn:ask#> # SELECT\n describe <urn:y>").form == "DESCRIBE"
    assert scan("PREFIX ask: <urn:a#> SELECT ?ask { ?ask ask:ASK 'CONSTRUCT' }").form == "SELECT"


# -- SERVICE --------------------------------------------------------------------------------------------


@pytest.mark.parametrize("text", [
    "SELECT * WHERE { SERVICE <http://example.org/sparql> { ?s ?p ?o } }",
    "select * where { service silent <http://example.org/sparql> { ?s ?p ?o } }",
    "SELECT * WHERE { OPTIONAL { SeRvIcE ?endpoint { ?s ?p ?o } } VALUES ?endpoint { <http://example.org/> } }",
    'SELECT * WHERE { ?s ?p "x" .\n  # a comment\n  SERVICE <http://example.org/sparql> { ?s ?p ?o } }',
    "SELECT * WHERE { ?s ?p ?o }SERVICE",
    "SELECT * WHERE { \\u0053ERVICE <http://example.org/sparql> { ?s ?p ?o } }",
])
def test_service_is_refused(seed_graph, text):
    with pytest.raises(QueryError, match="SERVICE is refused at line"):
        run(seed_graph, text)


@pytest.mark.parametrize("text", [
    'SELECT ?x WHERE { BIND("SERVICE <http://example.org/sparql> { }" AS ?x) }',
    "SELECT ?x WHERE { BIND('''\nSERVICE <http://example.org/>\n''' AS ?x) }",
    # long strings with quotes inside (CPython 3.11.2 matched the scanner's possessive patterns wrongly here)
    'SELECT ?x WHERE { BIND("""\nSERVICE <http://example.org/>\n""" AS ?x) }',
    "SELECT ?x WHERE { BIND('''a''b\\'SERVICE <urn:x>' ''' AS ?x) }",
    "SELECT ?x WHERE { BIND(1 AS ?x) } # SERVICE <http://example.org/sparql>",
    "SELECT ?x WHERE { BIND(<urn:SERVICE> AS ?x) }",
    "PREFIX service: <urn:s#> SELECT ?x WHERE { BIND(service:SERVICE AS ?x) }",
    "SELECT ?service WHERE { BIND(1 AS ?service) }",
    'SELECT ?x WHERE { BIND("a"@service AS ?x) }',
])
def test_service_in_a_literal_iri_comment_or_name_is_data(seed_graph, text):
    assert len(run(seed_graph, text)) == 1


def test_service_runs_when_allowed(seed_graph):
    # Port 9 is refused by Oxigraph's client before any connection; SILENT turns the failure into no data.
    r = run(seed_graph, "SELECT * WHERE { SERVICE SILENT <http://127.0.0.1:9/> { ?s ?p ?o } }", allow_service=True)
    assert r.form == "SELECT"


# -- syntax errors --------------------------------------------------------------------------------------


def test_malformed_query_gives_line_and_column(seed_graph):
    with pytest.raises(QueryError) as e:
        run(seed_graph, "SELECT ?x\nWHERE {\n  ?x a dkg:Meeting .\n  FILTER(\n}")
    message = str(e.value)
    assert message.startswith("malformed query: line 5, column ")
    assert "\n  }\n" in message and "^" in message
    assert "'\\u{" not in message  # the parser's character classes are left out


def test_unknown_prefix_is_named(seed_graph):
    with pytest.raises(QueryError, match=r"line 1, column \d+: unknown prefix foo: \(predeclared: dkg, id"):
        run(seed_graph, "SELECT ?x WHERE { ?x a foo:Bar }")


def test_update_is_not_a_query(seed_graph):
    with pytest.raises(QueryError, match="malformed query"):
        run(seed_graph, "INSERT DATA { <urn:a> <urn:b> <urn:c> }")
    assert not run(seed_graph, "ASK { <urn:a> ?p ?o }").boolean


# -- parameters -----------------------------------------------------------------------------------------

INJECTIONS = ['"} UNION { ?s ?p ?o } #', "x' } ; DROP ALL #", '"""', "}", "# not a comment", "\\u0022 }",
              '<http://example.org/> } SERVICE <http://example.org/sparql> { ?s ?p ?o']


@pytest.mark.parametrize("value", INJECTIONS)
def test_parameters_are_data(seed_graph, value):
    r = run(seed_graph, "SELECT ?v ?n WHERE { OPTIONAL { ?x rdfs:label ?n FILTER(STR(?n) = ?v) } }", {"v": value})
    assert r.to_python() == [{"v": value, "n": None}]
    r = run(seed_graph, "SELECT ?m ?name WHERE { ?m a dkg:Meeting ; rdfs:label ?name }", {"name": value})
    assert r.rows == []


def test_parameters_take_python_values_and_terms(seed_graph):
    text = "SELECT ?c ?x WHERE { ?c dkg:locatedIn ?x }"
    assert run(seed_graph, text, {"x": NamedNode(ID_NS + "iraq")}).values("c") == [ID_NS + "baghdad"]
    r = run(seed_graph, "SELECT ?e ?d WHERE { ?e dkg:date ?d }", {"d": PartialDate(2024, 9)})
    assert ids(r.values("e")) == {"pezeshkian-visit-to-baghdad-2024-09"}
    r = run(seed_graph, "SELECT ?e ?d WHERE { ?e dkg:date ?d }", {"d": date(2025, 2, 5)})
    assert ids(r.values("e")) == {"zarif-visit-to-iraq-2025-02"}
    with pytest.raises(QueryError, match="cannot bind"):
        run(seed_graph, text, {"x": object()})


def test_a_parameter_must_be_projected(seed_graph):
    with pytest.raises(QueryError, match=r"parameter \?x must be in the SELECT clause"):
        run(seed_graph, "SELECT ?c WHERE { ?c dkg:locatedIn ?x }", {"x": NamedNode(ID_NS + "iraq")})
    assert len(run(seed_graph, "SELECT * WHERE { ?c dkg:locatedIn ?x }", {"x": NamedNode(ID_NS + "iraq")})) == 1


def test_bound_of_a_parameter_is_always_false_on_oxigraph():
    """Why the catalog forbids BOUND(?param) and uses COALESCE: if this starts failing, Oxigraph changed."""
    s = Store()
    text = "SELECT ?x ?v WHERE { VALUES ?x { 1 2 3 } FILTER(%s) }"
    bound = s.query(text % "!BOUND(?v) || ?x >= ?v", substitutions={_var("v"): Literal(2)})
    assert len(list(bound)) == 3  # BOUND(?v) was false although ?v is 2
    coalesce = s.query(text % "COALESCE(?x >= ?v, true)", substitutions={_var("v"): Literal(2)})
    assert sorted(int(r["x"].value) for r in coalesce) == [2, 3]
    assert len(list(s.query(text % "COALESCE(?x >= ?v, true)"))) == 3


def _var(name):
    from pyoxigraph import Variable

    return Variable(name)


# -- graphs ---------------------------------------------------------------------------------------------


def test_graphs_option(seed_graph):
    onto_label = "ASK { dkg:Meeting rdfs:label ?l }"
    inferred_type = "ASK { id:zarif-meets-rashid-2025-02-06 a dkg:Event }"
    asserted_type = "ASK { id:zarif-meets-rashid-2025-02-06 a dkg:Meeting }"
    assert run(seed_graph, asserted_type).boolean  # the merged view, by default
    assert not run(seed_graph, onto_label).boolean and not run(seed_graph, inferred_type).boolean
    assert run(seed_graph, onto_label, graphs="all").boolean and run(seed_graph, inferred_type, graphs="all").boolean
    assert run(seed_graph, inferred_type, graphs="union").boolean
    assert run(seed_graph, "ASK { GRAPH ?g { dkg:Meeting a owl:Class } }").boolean
    with pytest.raises(QueryError, match="unknown graphs"):
        run(seed_graph, onto_label, graphs="none")


def test_the_merged_view_is_a_set_the_union_mode_is_not(seed_graph):
    """A participant of a visit that two graphs hold (the seed's graph and the merged view) comes once."""
    q = "SELECT ?p WHERE { id:zarif-meets-rashid-2025-02-06 dkg:participant ?p }"
    assert len(run(seed_graph, q)) == 2
    assert len(run(seed_graph, q, graphs="union")) == 4


# -- results and values ---------------------------------------------------------------------------------


def test_to_python_values(seed_graph):
    r = run(seed_graph, """SELECT ?e ?date ?n ?label ?nothing WHERE {
        VALUES ?e { id:zarif-meets-rashid-2025-02-06 id:al-sudani-visit-to-iran-2025-01 }
        ?e dkg:date ?date ; rdfs:label ?label . { SELECT ?e (COUNT(?t) AS ?n) { ?e dkg:topic ?t } GROUP BY ?e }
    } ORDER BY ?e""")
    rows = r.to_python()
    assert rows[0] == {"e": ID_NS + "al-sudani-visit-to-iran-2025-01", "date": PartialDate(2025, 1), "n": 2,
                       "label": "Visit of Mohammed Shia' Al-Sudani to Iran (2025-01)", "nothing": None}
    assert rows[1]["date"] == date(2025, 2, 6) and rows[1]["n"] == 5
    assert str(rows[0]["date"]) == "2025-01"


@pytest.mark.parametrize(("term", "value"), [
    (Literal("2024", datatype=NamedNode(XSD.gYear)), PartialDate(2024)),
    (Literal("1.50", datatype=NamedNode(XSD.decimal)), Decimal("1.50")),
    (Literal("2.5e0", datatype=NamedNode(XSD.double)), 2.5),
    (Literal("true", datatype=NamedNode(XSD.boolean)), True),
    (Literal("2025-13", datatype=NamedNode(XSD.gYearMonth)), "2025-13"),
    (Literal("no", datatype=NamedNode(XSD.date)), "no"),
    (BlankNode("b1"), "_:b1"),
    (Triple(NamedNode("urn:a"), NamedNode("urn:p"), Literal(1)), ("urn:a", "urn:p", 1)),
    ({"type": "literal", "value": "7", "datatype": XSD.integer}, 7),
])
def test_python_value(term, value):
    assert python_value(term) == value


def test_partial_date():
    assert (PartialDate(2024, 2).first_day, PartialDate(2024, 2).last_day) == (date(2024, 2, 1), date(2024, 2, 29))
    assert PartialDate(2024).last_day == date(2024, 12, 31) and str(PartialDate(987)) == "0987"
    assert to_term(PartialDate(2024)) == Literal("2024", datatype=NamedNode(XSD.gYear))
    with pytest.raises(ValueError):
        PartialDate.parse("2024-13")


def test_rows_are_fetched_lazily_and_kept(seed_graph):
    r = run(seed_graph, "SELECT ?x WHERE { ?x a dkg:Topic }")
    it = iter(r)
    first = next(it)
    assert r._items == [first] and not r._done
    assert len(list(r)) == len(r) == 19 == len(r.rows)
    assert r.rows[0] is first
    assert "19 rows of x" in repr(r)


def test_hidden_variables_are_left_out(seed_graph):
    r = run(seed_graph, "SELECT ?c ?x WHERE { ?c dkg:locatedIn ?x }", {"x": NamedNode(ID_NS + "iran")},
            hide=frozenset({"x"}))
    assert r.variables == ["c"] and r.to_python() == [{"c": ID_NS + "tehran"}]
    assert format_result(r, "csv") == f"c\r\n{ID_NS}tehran\r\n"


def test_to_dataframe_without_pandas(seed_graph, monkeypatch):
    monkeypatch.setitem(sys.modules, "pandas", None)
    with pytest.raises(ImportError, match=r"needs pandas, which is not installed: pip install pandas"):
        run(seed_graph, "SELECT ?x WHERE { ?x a dkg:City }").to_dataframe()


def test_to_dataframe_builds_a_frame_of_python_values(seed_graph, monkeypatch):
    made = []
    fake = types.ModuleType("pandas")
    fake.DataFrame = lambda data, columns: made.append((data, columns)) or "frame"  # type: ignore[attr-defined]
    monkeypatch.setitem(sys.modules, "pandas", fake)
    r = run(seed_graph, "SELECT ?x ?d WHERE { ?x a dkg:Visit ; dkg:date ?d } ORDER BY ?d")
    assert r.to_dataframe() == "frame"
    data, columns = made[0]
    assert columns == ["x", "d"] and data[0] == {"x": ID_NS + "pezeshkian-visit-to-baghdad-2024-09",
                                                  "d": PartialDate(2024, 9)}
    run(seed_graph, "CONSTRUCT WHERE { id:baghdad dkg:locatedIn ?x }").to_dataframe()
    assert made[1][1] == ["subject", "predicate", "object"]
    with pytest.raises(QueryError, match="ASK"):
        run(seed_graph, "ASK {}").to_dataframe()


# -- writers --------------------------------------------------------------------------------------------

TRICKY = "SELECT ?x ?label ?n ?none WHERE { VALUES (?x ?label ?n) { (id:baghdad \"a,\\\"b\\\"\\n\\tc\"@en 1) } }"


def test_json_round_trip(seed_graph):
    r = run(seed_graph, TRICKY)
    text = format_result(r, "json")
    data = json.loads(text)
    assert data["head"]["vars"] == ["x", "label", "n", "none"]
    assert data["results"]["bindings"] == [{
        "x": {"type": "uri", "value": ID_NS + "baghdad"},
        "label": {"type": "literal", "value": 'a,"b"\n\tc', "xml:lang": "en"},
        "n": {"type": "literal", "value": "1", "datatype": XSD.integer}}]
    back = Result.from_json(data)
    assert back.variables == r.variables and back.to_python() == r.to_python()
    assert Result.from_json(format_result(run(seed_graph, "ASK {}"), "json")).boolean is True
    with pytest.raises(QueryError, match="malformed SPARQL JSON"):
        Result.from_json("{")


def test_csv_tsv_xml(seed_graph):
    r = run(seed_graph, TRICKY)
    rows = list(csv.reader(io.StringIO(format_result(r, "csv"), newline="")))
    assert rows == [["x", "label", "n", "none"], [ID_NS + "baghdad", 'a,"b"\n\tc', "1", ""]]
    tsv = format_result(r, "tsv").split("\n")
    assert tsv[0] == "?x\t?label\t?n\t?none"
    assert tsv[1] == f'<{ID_NS}baghdad>\t"a,\\"b\\"\\n\\tc"@en\t"1"^^<{XSD.integer}>\t'
    root = ET.fromstring(format_result(r, "xml"))
    ns = {"r": "http://www.w3.org/2005/sparql-results#"}
    assert [v.get("name") for v in root.findall("r:head/r:variable", ns)] == ["x", "label", "n", "none"]
    label = root.find("r:results/r:result/r:binding[@name='label']/r:literal", ns)
    assert label.text == 'a,"b"\n\tc' and label.get("{http://www.w3.org/XML/1998/namespace}lang") == "en"
    assert "<boolean>false</boolean>" in format_result(run(seed_graph, "ASK { id:x ?p ?o }"), "xml")


def test_table_shows_compact_iris_and_plain_text(seed_graph):
    table = format_result(run(seed_graph, TRICKY), "table").splitlines()
    assert table[0].split() == ["x", "label", "n", "none"]
    assert table[2].split() == ["id:baghdad", 'a,"b"', "c", "1"]  # a line break in the data stays in its cell
    assert display(NamedNode("urn:x")) == "<urn:x>" and display(None) == ""


def test_graph_results_as_turtle_and_ntriples(seed_graph):
    r = run(seed_graph, "CONSTRUCT { ?c dkg:locatedIn ?x } WHERE { ?c dkg:locatedIn ?x }")
    for fmt, rdf in (("turtle", RdfFormat.TURTLE), ("ntriples", RdfFormat.N_TRIPLES), ("table", RdfFormat.TURTLE)):
        parsed = {(q.subject, q.object) for q in parse(format_result(r, fmt), format=rdf)}
        assert parsed == {(NamedNode(ID_NS + "baghdad"), NamedNode(ID_NS + "iraq")),
                          (NamedNode(ID_NS + "tehran"), NamedNode(ID_NS + "iran"))}
    with pytest.raises(QueryError, match="is for SELECT and ASK results"):
        format_result(r, "csv")
    with pytest.raises(QueryError, match="is for CONSTRUCT and DESCRIBE results"):
        format_result(run(seed_graph, TRICKY), "turtle")
    with pytest.raises(QueryError, match="unknown format"):
        format_result(r, "yaml")
    assert set(FORMATS) == {"table", "csv", "tsv", "json", "xml", "turtle", "ntriples", "jsonld", "rdfxml"}


def test_writers_take_sparql_json_dicts_and_sequences():
    rows = [{"x": {"type": "uri", "value": DKG.Meeting}, "y": {"type": "bnode", "value": "b0"}},
            (NamedNode(ONTOLOGY_GRAPH), None)]
    assert [line.split() for line in write(["x", "y"], rows).splitlines()[2:]] == [
        ["dkg:Meeting", "_:b0"], ["<https://w3id.org/diplomatic-kg/ontology>"]]
    assert json.loads(write(["x", "y"], rows, "json"))["results"]["bindings"][0]["y"] == {"type": "bnode",
                                                                                          "value": "b0"}
    assert term_from_json(term_json(Literal("x", language="fr"))) == Literal("x", language="fr")
    with pytest.raises(QueryError, match="not a SPARQL JSON term"):
        term_from_json({"type": "nonsense"})


def test_public_api_is_declared_and_loads_lazily():
    import subprocess

    import kg.query

    assert sorted(kg.query.__all__) == sorted(kg.query._EXPORTS)
    for name in kg.query.__all__:
        where = kg.query._EXPORTS[name]
        module = where if "." in where else f"kg.query.{where}"
        assert getattr(kg.query, name) is getattr(__import__(module, fromlist=[name]), name)
    with pytest.raises(AttributeError):
        kg.query.nothing  # noqa: B018
    assert callable(kg.query.resolve)  # the function, not the submodule of the same name
    code = "import sys, kg.query; print('kg.query.catalog' in sys.modules, 'kg.query.sparql' in sys.modules)"
    assert subprocess.run([sys.executable, "-c", code], capture_output=True, text=True).stdout == "False False\n"
