"""Exports: every format parses back to the graph it came from, hostile strings and all.

Graphs are compared as graphs (rdflib isomorphism, and the canonical form of kg.formats.rdf, whose blank-node
labels come from the graph), never by the text of an export, except where a test is about the text.
Turtle and N-Triples are also checked by parsers nobody here wrote: rapper and Jena riot.
"""

from __future__ import annotations

import csv
import io
import json
import random
import subprocess
import sys
import warnings

import networkx as nx
import pyoxigraph as ox
import pytest
import rdflib
from pyoxigraph import BlankNode, Literal, NamedNode, Quad, RdfFormat
from rdflib.compare import to_isomorphic

import kg
from kg import formats
from kg.cli import main
from kg.errors import OutputError
from kg.export import KINDS, export, format_for, network, select_graphs, write_export
from kg.formats.network import text
from kg.formats.rdf import write_nquads, write_ntriples
from kg.graph import DEFAULT, KnowledgeGraph
from kg.vocab import (
    DKG,
    DKG_NS,
    ID_NS,
    INFERRED_GRAPH,
    ONTOLOGY_GRAPH,
    PREFIXES,
    PROV,
    RDF,
    RDFS,
    REGISTRY_GRAPH,
    SKOS,
    XSD,
)
from tests import realtools
from tests.helpers import built_store
from tests.realtools import rapper_validate, require, riot_validate

SOURCE = ID_NS + "hostile-source-2025"
HOSTILE = [
    'He said "hi" and left',
    "line one\nline two\r\nline three",
    "back\\slash and \\n that is not a newline",
    "tab\there",
    "Ελληνικά, Русский, 中文, हिन्दी",
    "שלום עולם",
    "مرحبا بالعالم \u200f(rtl mark)\u200e",
    "emoji 🇺🇳 👩\u200d💼 🕊️ 😀",
    '"""',
    'ends with a quote"',
    "\\",
    "line\u2028separator\u2029paragraph",
    "'single' ''' quotes",
    "<b>bold</b> & ]]> &amp; &#13;",
    '{"@id": "_:b1", "@value": 1, "@context": null}',
    "  leading and trailing  ",
    "_:b0 <http://x.org/> . # not a triple",
    "PREFIX x: <y> SELECT * { ?s ?p ?o } }",
    "%20 %zz \u00a0nbsp a\u0301",
]
LANGS = ["en", "fr", "ar", "he", "fa", "zh-hant-tw", "ku-arab"]


def _iri(local: str, ns: str = ID_NS) -> NamedNode:
    return NamedNode(ns + local)


def _typed(value: str, datatype: str) -> Literal:
    return Literal(value, datatype=NamedNode(datatype))


def hostile_quads() -> list[Quad]:
    """A small dataset with every hard case: hostile text in labels, aliases and claims, language tags,
    every date datatype, numbers, awkward IRIs, parallel edges, blank nodes (a list, a shared node)."""
    reg, src, onto, inf = (NamedNode(g) for g in (REGISTRY_GRAPH, SOURCE, ONTOLOGY_GRAPH, INFERRED_GRAPH))
    a, TYPE = NamedNode(RDF.type), NamedNode(RDF.type)
    label, alias = NamedNode(RDFS.label), NamedNode(SKOS.altLabel)
    alice, bob = _iri("alice-ω"), _iri("bob(1)")
    org, city = _iri("org.with.dots"), _iri("Αθήνα")
    odd = _iri("q?x=1&y=2#frag")
    meeting, visit, stmt = _iri("meeting-1"), _iri("visit-2024"), _iri("statement-1")
    quads = [
        Quad(alice, TYPE, NamedNode(DKG.Person), reg), Quad(bob, TYPE, NamedNode(DKG.Person), reg),
        Quad(org, TYPE, NamedNode(DKG.Organization), reg), Quad(city, TYPE, NamedNode(DKG.City), reg),
        Quad(odd, a, NamedNode(DKG.Topic), reg),
        Quad(alice, label, Literal(HOSTILE[0]), reg), Quad(bob, label, Literal(HOSTILE[4]), reg),
        Quad(org, label, Literal(HOSTILE[13]), reg), Quad(city, label, Literal("Αθήνα", language="el"), reg),
        Quad(odd, label, Literal(HOSTILE[14]), reg),
        Quad(alice, alias, Literal(""), reg),
        Quad(city, NamedNode(DKG.locatedIn), _iri("greece"), reg),
        Quad(_iri("greece"), TYPE, NamedNode(DKG.Country), reg),
        Quad(_iri("greece"), NamedNode("http://example.org/vocab#weird-pred"), Literal("x"), reg),
        Quad(_iri("greece"), NamedNode("http://example.org/vocab#weird-pred"), NamedNode("time:not-a-prefix"), reg),
        # what the source says
        Quad(SOURCE_NODE, TYPE, NamedNode(DKG.SourceDocument), src),
        Quad(meeting, TYPE, NamedNode(DKG.Meeting), src), Quad(visit, TYPE, NamedNode(DKG.Visit), src),
        Quad(meeting, NamedNode(DKG.participant), alice, src), Quad(meeting, NamedNode(DKG.participant), bob, src),
        Quad(meeting, NamedNode(DKG.invitedBy), alice, src),  # a parallel edge meeting -> alice
        Quad(meeting, NamedNode(DKG.location), city, src), Quad(meeting, NamedNode(DKG.topic), odd, src),
        Quad(meeting, NamedNode(DKG.date), _typed("2025-02", XSD.gYearMonth), src),
        Quad(meeting, NamedNode(DKG.earliestDate), _typed("2025-02-01", XSD.date), src),
        Quad(meeting, NamedNode(DKG.latestDate), _typed("2025-02-28", XSD.date), src),
        Quad(visit, NamedNode(DKG.date), _typed("2024", XSD.gYear), src),
        Quad(visit, NamedNode(DKG.participant), org, src),
        Quad(visit, NamedNode(DKG.destination), city, src),
        Quad(visit, NamedNode(DKG.timeExpression), Literal(HOSTILE[1], language="en"), src),
        Quad(stmt, TYPE, NamedNode(DKG.Statement), src), Quad(stmt, NamedNode(DKG.speaker), bob, src),
        Quad(stmt, NamedNode(DKG.statedAt), meeting, src),
        Quad(meeting, NamedNode(PROV.wasDerivedFrom), SOURCE_NODE, src),
        Quad(stmt, NamedNode(PROV.wasDerivedFrom), SOURCE_NODE, src),
        Quad(stmt, NamedNode(DKG_NS + "count"), _typed("42", XSD.integer), src),
        Quad(stmt, NamedNode(DKG_NS + "share"), _typed("-0.25", XSD.decimal), src),
        Quad(stmt, NamedNode(DKG_NS + "flag"), _typed("true", XSD.boolean), src),
        Quad(stmt, NamedNode(DKG_NS + "custom"), _typed("v 1", "http://example.org/dt#custom"), src),
    ]
    for i, text_ in enumerate(HOSTILE):
        quads.append(Quad(stmt, NamedNode(DKG.claim), Literal(text_, language=LANGS[i % len(LANGS)]), src))
        quads.append(Quad(alice, alias, Literal(text_), reg))
        quads.append(Quad(stmt, NamedNode(DKG.evidence), Literal(text_), src))
    # blank nodes: a qualified derivation (a tree), and a node two subjects point at
    deriv, shared = BlankNode(), BlankNode()
    quads += [Quad(meeting, NamedNode(PROV.qualifiedDerivation), deriv, src),
              Quad(deriv, NamedNode(PROV.entity), SOURCE_NODE, src),
              Quad(deriv, NamedNode(DKG.evidence), Literal(HOSTILE[7]), src),
              Quad(meeting, NamedNode(DKG_NS + "note"), shared, src),
              Quad(visit, NamedNode(DKG_NS + "note"), shared, src),
              Quad(shared, label, Literal("shared note", language="en"), src)]
    # the ontology (with an RDF list) and inferences
    first, rest = BlankNode(), BlankNode()
    quads += [Quad(NamedNode(DKG.Meeting), label, Literal("Meeting", language="en"), onto),
              Quad(NamedNode(DKG.evidence), NamedNode(RDFS.domain), first, onto),
              Quad(first, NamedNode(RDF.first), NamedNode(DKG.Event), onto),
              Quad(first, NamedNode(RDF.rest), rest, onto),
              Quad(rest, NamedNode(RDF.first), NamedNode(DKG.Statement), onto),
              Quad(rest, NamedNode(RDF.rest), NamedNode(RDF.nil), onto),
              Quad(alice, TYPE, NamedNode(DKG.Actor), inf), Quad(meeting, TYPE, NamedNode(DKG.Event), inf)]
    return quads


SOURCE_NODE = NamedNode(SOURCE)


def hostile_graph(quads: list[Quad] | None = None) -> KnowledgeGraph:
    return KnowledgeGraph(built_store(hostile_quads() if quads is None else quads))


@pytest.fixture(scope="module")
def hostile() -> KnowledgeGraph:
    return hostile_graph()


ALL = {"ontology": True, "inferred": True}
TRIPLE_FORMATS = {"ttl": (RdfFormat.TURTLE, "turtle"), "nt": (RdfFormat.N_TRIPLES, "nt"),
                  "jsonld": (RdfFormat.JSON_LD, "json-ld"), "xml": (RdfFormat.RDF_XML, "xml")}
QUAD_FORMATS = {"nq": (RdfFormat.N_QUADS, "nquads"), "trig": (RdfFormat.TRIG, "trig")}


def rdflib_parse(data: bytes, fmt: str, into=rdflib.Graph):
    with warnings.catch_warnings():
        # rdflib 7's own parsers use its deprecated ConjunctiveGraph API, then warn about it.
        warnings.filterwarnings("ignore", "ConjunctiveGraph is deprecated", DeprecationWarning)
        warnings.filterwarnings("ignore", "Dataset.default_context is deprecated", DeprecationWarning)
        return into().parse(data=data.decode("utf-8"), format=fmt)


def rdflib_graph(triples) -> rdflib.Graph:
    return rdflib.Graph().parse(data=write_ntriples(triples), format="nt")


def canonical(items, dataset=False) -> str:
    """The canonical form of a graph or dataset: kg.formats.rdf's sorted lines with hash-derived blank-node labels."""
    return write_nquads(items) if dataset else write_ntriples(items)


# -- RDF round trips ------------------------------------------------------------------------------------


@pytest.mark.parametrize("fmt", list(TRIPLE_FORMATS))
@pytest.mark.parametrize("selection", [{}, ALL, {"source": "hostile-source-2025"}])
def test_triple_formats_parse_back_to_the_selected_triples(hostile, fmt, selection):
    data = export(hostile, fmt, **selection)
    expected = list(hostile.triples(select_graphs(hostile, **selection)))
    ox_format, rdflib_format = TRIPLE_FORMATS[fmt]
    parsed = list(ox.parse(data, format=ox_format))
    assert canonical(parsed) == canonical(expected)
    got = rdflib_parse(data, rdflib_format)
    assert to_isomorphic(got) == to_isomorphic(rdflib_graph(expected))


@pytest.mark.parametrize("fmt", list(QUAD_FORMATS))
def test_quad_formats_keep_the_named_graphs(hostile, fmt):
    data = export(hostile, fmt, **ALL)
    parsed = list(ox.parse(data, format=QUAD_FORMATS[fmt][0]))
    assert canonical(parsed, True) == canonical(hostile.quads(), True)
    ds = rdflib_parse(data, QUAD_FORMATS[fmt][1], rdflib.Dataset)
    for name in hostile.graph_names():
        got = ds.graph(rdflib.URIRef(name))
        assert to_isomorphic(got) == to_isomorphic(rdflib_graph(hostile.triples([name]))), name


def test_the_seed_graph_round_trips_in_every_rdf_format(seed_graph):
    for fmt, (ox_format, _) in {**TRIPLE_FORMATS, **QUAD_FORMATS}.items():
        data = export(seed_graph, fmt, **ALL)
        parsed = list(ox.parse(data, format=ox_format))
        dataset = fmt in QUAD_FORMATS
        expected = seed_graph.quads() if dataset else seed_graph.triples([DEFAULT, ONTOLOGY_GRAPH, INFERRED_GRAPH])
        assert canonical(parsed, dataset) == canonical(expected, dataset), fmt


# -- what is exported -----------------------------------------------------------------------------------


def test_the_merged_view_by_default_inferences_and_ontology_on_request(hostile):
    assert select_graphs(hostile) == [DEFAULT]
    assert select_graphs(hostile, dataset=True) == sorted([DEFAULT, REGISTRY_GRAPH, SOURCE])
    assert select_graphs(hostile, **ALL) == sorted([DEFAULT, ONTOLOGY_GRAPH, INFERRED_GRAPH])
    assert select_graphs(hostile, dataset=True, **ALL) == sorted([DEFAULT, *hostile.graph_names()])
    assert select_graphs(hostile, source=SOURCE, ontology=True) == sorted([SOURCE, ONTOLOGY_GRAPH])
    plain = export(hostile, "nt").decode()
    assert f"<{DKG.Actor}>" not in plain and f"<{DKG.Event}>" not in plain  # inferred types
    assert '"Meeting"@en' not in plain  # the ontology
    assert f"<{DKG.Actor}>" in export(hostile, "nt", inferred=True).decode()


def test_unknown_source_and_missing_graphs_are_errors(hostile, seed_graph):
    with pytest.raises(OutputError, match="no source 'nope'.*hostile-source-2025"):
        export(hostile, "ttl", source="nope")
    no_inferred = hostile_graph([q for q in hostile_quads() if q.graph_name.value != INFERRED_GRAPH])
    with pytest.raises(OutputError, match="no inferred triples"):
        export(no_inferred, "ttl", inferred=True)
    with pytest.raises(OutputError, match="unknown format 'yaml'"):
        export(hostile, "yaml")


def test_exports_are_deterministic_whatever_the_insertion_order(hostile):
    quads = hostile_quads()
    random.Random(7).shuffle(quads)
    shuffled = hostile_graph(quads)  # new blank nodes too: hostile_quads() makes fresh ones
    for fmt in formats.names(KINDS):
        opts = {"table": "nodes"} if fmt == "csv" else {}
        assert export(hostile, fmt, **ALL, **opts) == export(shuffled, fmt, **ALL, **opts), fmt


def test_jsonld_context_carries_the_prefixes_but_not_those_that_clash_with_a_scheme(hostile):
    doc = json.loads(export(hostile, "jsonld"))
    assert doc["@context"] == {p: ns for p, ns in PREFIXES.items() if p != "time"}  # <time:not-a-prefix>
    context = doc["@context"]

    def full(i: str) -> tuple[bool, str]:
        prefix, _, local = i.partition(":")
        return prefix == "_", context[prefix] + local if prefix in context else i

    ids = [full(node["@id"]) for node in doc["@graph"]]
    assert ids == sorted(set(ids))  # one node object per subject, sorted by IRI, blank nodes last
    seed = json.loads(export(kg.build("data", shacl=False), "jsonld"))
    assert seed["@context"] == PREFIXES


def test_xml_carries_carriage_returns_and_names_unknown_namespaces(hostile):
    data = export(hostile, "xml").decode()
    assert "&#13;" in data and 'xmlns:ns1="http://example.org/vocab#"' in data


@pytest.mark.parametrize("fmt", ["xml", "graphml", "gexf"])
def test_xml_formats_refuse_characters_xml_cannot_hold(fmt):
    g = hostile_graph([*hostile_quads(), Quad(_iri("bell"), NamedNode(RDFS.label), Literal("bell\x07"),
                                              NamedNode(REGISTRY_GRAPH))])
    with pytest.raises(OutputError, match="U\\+0007.*XML 1.0 forbids"):
        export(g, fmt)
    for other in ("ttl", "nt", "jsonld"):  # the others take it
        parsed = list(ox.parse(export(g, other), format=TRIPLE_FORMATS[other][0]))
        assert canonical(parsed) == canonical(g.triples())


def test_xml_refuses_a_predicate_that_does_not_end_in_a_name():
    g = hostile_graph([Quad(_iri("a"), NamedNode("http://example.org/p/1"), Literal("x"),
                            NamedNode(REGISTRY_GRAPH))])
    with pytest.raises(OutputError, match="does not end in an XML name"):
        export(g, "xml")


# -- networks and tables --------------------------------------------------------------------------------


def _edges(G, key_of=lambda u, v, k, d: k):
    return sorted((u, v, key_of(u, v, k, d), sorted(d.items())) for u, v, k, d in G.edges(keys=True, data=True))


def test_network_keeps_parallel_edges_and_flattens_attributes(hostile):
    H = network(hostile)
    meeting, alice = ID_NS + "meeting-1", ID_NS + "alice-ω"
    assert sorted(k for k in H[meeting][alice]) == ["dkg:invitedBy", "dkg:participant"]
    assert len({d["id"] for _, _, d in H.edges(data=True)}) == H.number_of_edges()
    assert json.loads(H.nodes[alice]["aliases"]) == sorted(["", *HOSTILE])
    assert H.nodes[meeting]["dkg:earliestDate"] == "2025-02-01" and H.nodes[meeting]["dkg:date"] == "2025-02"
    stmt = H.nodes[ID_NS + "statement-1"]
    assert (stmt["dkg:count"], stmt["dkg:flag"]) == (42, True)
    for _, attrs in H.nodes(data=True):
        assert all(isinstance(v, (str, int, float, bool)) for v in attrs.values())
    # the default export is the project's own mirror, flattened
    seed = kg.build("data", shacl=False)
    S = network(seed)
    assert set(S.nodes) == set(seed.nx.nodes)
    assert sorted(S.edges(keys=True)) == sorted(seed.nx.edges(keys=True))


def test_graphml_round_trips(hostile, tmp_path):
    H = network(hostile, select_graphs(hostile, **ALL))
    write_export(hostile, tmp_path / "g.graphml", **ALL)
    R = nx.read_graphml(tmp_path / "g.graphml", force_multigraph=True)
    assert dict(R.nodes(data=True)) == dict(H.nodes(data=True))
    assert _edges(R, lambda u, v, k, d: d["label"]) == _edges(H)


def test_gexf_round_trips(hostile, tmp_path):
    H = network(hostile, select_graphs(hostile, **ALL))
    write_export(hostile, tmp_path / "g.gexf", **ALL)
    assert b"lastmodifieddate" not in (tmp_path / "g.gexf").read_bytes()
    R = nx.read_gexf(tmp_path / "g.gexf")
    assert dict(R.nodes(data=True)) == dict(H.nodes(data=True))
    assert _edges(R) == _edges(H)


def _read_tables(nodes: str, edges: str) -> nx.MultiDiGraph:
    G = nx.MultiDiGraph()
    for row in csv.DictReader(io.StringIO(nodes, newline="")):
        G.add_node(row.pop("id"), **{k: v for k, v in row.items() if v != ""})
    for row in csv.DictReader(io.StringIO(edges, newline="")):
        G.add_edge(row.pop("source"), row.pop("target"), key=row.pop("key"), **{k: v for k, v in row.items() if v})
    return G


def test_csv_tables_round_trip(hostile, tmp_path):
    H = network(hostile)
    written = write_export(hostile, tmp_path / "tables", "csv")
    assert [p.name for p in written] == ["nodes.csv", "edges.csv"]
    R = _read_tables(*(p.read_bytes().decode("utf-8") for p in written))
    assert dict(R.nodes(data=True)) == {n: {k: text(v) for k, v in d.items()} for n, d in H.nodes(data=True)}
    # Every edge column the README documents: a stable id, the label Gephi shows, the predicate, the sources.
    expected = [(u, v, k, {c: d[c] for c in ("id", "label", "predicate", "sources")})
                for u, v, k, d in H.edges(keys=True, data=True)]
    assert _edges(R) == sorted((u, v, k, sorted(d.items())) for u, v, k, d in expected)
    assert export(hostile, "csv", table="edges") == (tmp_path / "tables" / "edges.csv").read_bytes()


def test_csv_needs_a_table_or_a_folder(hostile, tmp_path):
    with pytest.raises(OutputError, match="table"):
        export(hostile, "csv")
    with pytest.raises(OutputError, match="into a folder"):
        write_export(hostile, tmp_path / "nodes.csv")
    write_export(hostile, tmp_path / "nodes.csv", table="nodes")
    assert (tmp_path / "nodes.csv").read_text(encoding="utf-8").startswith("id,label,type,types,aliases")


# -- files ----------------------------------------------------------------------------------------------


def test_format_from_suffix_and_atomic_replacement(hostile, tmp_path):
    assert [format_for(f"x{s}") for s in (".ttl", ".nt", ".nq", ".trig", ".jsonld", ".rdf", ".graphml", ".gexf")] \
        == ["turtle", "ntriples", "nquads", "trig", "jsonld", "rdfxml", "graphml", "gexf"]
    with pytest.raises(OutputError, match="cannot tell the format"):
        write_export(hostile, tmp_path / "g.txt")
    out = tmp_path / "g.rdf"
    out.write_text("old")
    bad = hostile_graph([*hostile_quads(), Quad(_iri("x"), NamedNode(RDFS.label), Literal("\x01"),
                                                NamedNode(REGISTRY_GRAPH))])
    with pytest.raises(OutputError):
        write_export(bad, out)
    assert out.read_text() == "old" and sorted(p.name for p in tmp_path.iterdir()) == ["g.rdf"]
    write_export(hostile, out)
    assert list(ox.parse(path=str(out), format=RdfFormat.RDF_XML))


# -- command line ---------------------------------------------------------------------------------------


def test_cli_export_to_stdout_and_files(seed_graph, built, tmp_path, capsysbinary):
    seed, out = seed_graph, built
    assert main(["export", "--graph", str(out), "--format", "nt", "--source", "zarif-visits-iraq-2025-02-07"]) == 0
    got = capsysbinary.readouterr().out
    assert canonical(ox.parse(got, format=RdfFormat.N_TRIPLES)) == canonical(
        seed.triples([ID_NS + "zarif-visits-iraq-2025-02-07"]))
    assert main(["export", "--graph", str(out / "graph.trig"), "-o", str(tmp_path / "g.jsonld"),
                 "--with-ontology"]) == 0
    assert b"wrote" in capsysbinary.readouterr().out
    parsed = ox.parse(path=str(tmp_path / "g.jsonld"), format=RdfFormat.JSON_LD)
    assert canonical(parsed) == canonical(seed.triples(select_graphs(seed, ontology=True)))
    assert main(["export", "--graph", str(out), "--format", "csv", "-o", str(tmp_path / "tables")]) == 0
    assert (tmp_path / "tables" / "edges.csv").is_file()


def test_cli_errors_are_messages(built, tmp_path, capsys):
    for args, message in ((["--source", "nope"], "no source 'nope'"),
                          (["--format", "csv"], "a single CSV holds one table"),
                          (["-o", str(tmp_path / "x.yaml")], "cannot tell the format")):
        assert main(["export", "--graph", str(built), *args]) == 1
        err = capsys.readouterr().err
        assert err.startswith(f"kg export: error: {message}") and "Traceback" not in err
    assert main(["export", "--graph", str(tmp_path / "nothing-here")]) == 1
    assert "run kg build first" in capsys.readouterr().err


def test_cli_export_for_real(tmp_path):
    """A separate process, building from the data folder, as a user runs it."""
    proc = subprocess.run([sys.executable, "-c", "import sys; from kg.cli import main; sys.exit(main())",
                           "export", "-o", str(tmp_path / "g.ttl")],
                          capture_output=True, text=True, timeout=120, check=False)
    assert proc.returncode == 0, proc.stderr
    assert proc.stdout.startswith("wrote ")
    assert list(ox.parse(path=str(tmp_path / "g.ttl"), format=RdfFormat.TURTLE))


# -- checked by parsers nobody here wrote ---------------------------------------------------------------


@pytest.mark.real
@pytest.mark.parametrize("fmt", ["ttl", "nt", "nq", "trig"])
def test_rapper_and_riot_accept_the_exports(hostile, seed_graph, tmp_path, fmt):
    require("rapper", realtools.rapper_path() is not None, "rapper (raptor2-utils) is not installed")
    require("Jena riot", realtools.jena_classpath() is not None, "Apache Jena or Java is not installed")
    for name, graph in (("hostile", hostile), ("seed", seed_graph)):
        path = tmp_path / f"{name}.{fmt}"
        write_export(graph, path, fmt, **ALL)
        ok, messages = rapper_validate(path)
        assert ok, f"rapper rejects {path.name}:\n{messages}"
        ok, messages = riot_validate(path)
        assert ok, f"riot rejects {path.name}:\n{messages}"
        store = ox.Store()  # a fresh store, loading the file as a user would
        store.bulk_load(path=str(path), format=(QUAD_FORMATS | TRIPLE_FORMATS)[fmt][0])
        expected = graph.quads() if fmt in QUAD_FORMATS else graph.triples([DEFAULT, ONTOLOGY_GRAPH, INFERRED_GRAPH])
        assert canonical(store, fmt in QUAD_FORMATS) == canonical(expected, fmt in QUAD_FORMATS)
