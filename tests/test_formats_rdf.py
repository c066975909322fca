"""Tests for kg.formats.rdf: round trips through pyoxigraph and rdflib, determinism, atomic output.

Graphs are compared by isomorphism (RDFC-1.0 canonical form computed by pyoxigraph, and
rdflib's own isomorphism check), never by their text, except where a test is about the text.
"""

from __future__ import annotations

import os
import random
import warnings

import pyoxigraph as ox
import pytest
import rdflib
import rdflib.compare
from pyoxigraph import BlankNode, DefaultGraph, Literal, NamedNode, Quad, RdfFormat, Triple

from kg.atomic import atomic_write, atomic_writer
from kg.errors import OutputError
from kg.formats.rdf import (
    term_nt,
    write_nquads,
    write_ntriples,
    write_trig,
    write_turtle,
)
from kg.vocab import DKG_NS, ID_NS, RDF, XSD, expand

FORMATS = {write_nquads: RdfFormat.N_QUADS, write_trig: RdfFormat.TRIG}
TRIPLE_FORMATS = {write_ntriples: RdfFormat.N_TRIPLES, write_turtle: RdfFormat.TURTLE}
RDFLIB_NAMES = {
    RdfFormat.N_QUADS: "nquads",
    RdfFormat.TRIG: "trig",
    RdfFormat.N_TRIPLES: "nt",
    RdfFormat.TURTLE: "turtle",
}


def iri(local: str, ns: str = ID_NS) -> NamedNode:
    return NamedNode(ns + local)


def typed(value: str, datatype: str) -> Literal:
    return Literal(value, datatype=NamedNode(datatype))


P, Q, NAME = iri("p", DKG_NS + "x-"), iri("q", DKG_NS + "x-"), iri("name", "http://xmlns.com/foaf/0.1/")
TYPE, FIRST, REST, NIL = (NamedNode(RDF[t]) for t in ("type", "first", "rest", "nil"))

HOSTILE_STRINGS = [
    'He said "hi" and left',
    "line one\nline two\r\nline three",
    "back\\slash and a literal \\n that is not a newline",
    "tab\there",
    "controls \x00\x01\x07\x08\x0b\x0c\x1b\x1f\x7f end",
    "Ελληνικά, Русский, 中文, हिन्दी",
    "שלום עולם",
    "مرحبا بالعالم \u200f(rtl mark)\u200e",
    "emoji 🇺🇳 👩\u200d💼 🕊️",
    "",
    '"""',
    'ends with a quote"',
    "\\",
    "line\u2028separator\u2029paragraph",
    "'single' ''' quotes",
]


def hostile_triples() -> list[Triple]:
    s = iri("s")
    triples = [Triple(s, NAME, Literal(text)) for text in HOSTILE_STRINGS]
    triples += [
        Triple(s, NAME, Literal("Bonjour", language="fr")),
        Triple(s, NAME, Literal("Colour", language="en-GB")),
        Triple(s, NAME, Literal("مرحبا", language="ar")),
        Triple(s, NAME, Literal('say "שלום"\n', language="he")),
        Triple(s, NAME, Literal("繁體", language="zh-Hant-TW")),
        Triple(s, P, typed("2025-02", XSD.gYearMonth)),
        Triple(s, P, typed("2025", XSD.gYear)),
        Triple(s, P, typed("-0044", XSD.gYear)),
        Triple(s, P, typed("2025-02-07", XSD.date)),
        Triple(s, P, typed("2025-02-07+01:00", XSD.date)),
        Triple(s, P, typed("42", XSD.integer)),
        Triple(s, P, typed("-7", XSD.integer)),
        Triple(s, P, typed("007", XSD.integer)),
        Triple(s, P, typed("+5", XSD.integer)),
        Triple(s, P, typed("1.5", XSD.decimal)),
        Triple(s, P, typed("1.50", XSD.decimal)),
        Triple(s, P, typed("true", XSD.boolean)),
        Triple(s, P, typed("1", XSD.boolean)),
        Triple(s, P, typed("1.0E3", XSD.double)),
        Triple(s, P, typed("zwei", XSD.integer)),  # ill-typed, but still RDF
        Triple(s, P, typed("x y", "http://example.org/types#odd.")),
        Triple(s, P, typed("z", "http://example.org/dt")),
    ]
    odd_iris = [
        ID_NS + "Smith_(politician)",
        ID_NS + "end.",
        ID_NS + "caf%C3%A9",
        ID_NS + "a#fragment",
        ID_NS + "a.b",
        ID_NS + "-leading-dash",
        ID_NS + "trailing-dash-",
        ID_NS + "a:b",
        ID_NS + "ünïcödé",
        ID_NS + "123",
        ID_NS,
        DKG_NS,
        "http://example.org/x#",
        "urn:isbn:0-486-27557-4",
    ]
    for i, value in enumerate(odd_iris):
        triples.append(Triple(NamedNode(value), iri(f"p{i}", DKG_NS + "x-"), NamedNode(value)))
    return triples


def blank_triples() -> list[Triple]:
    s, t = iri("s"), iri("t")
    b = {
        name: BlankNode(name)
        for name in "nested inner shared c1 c2 d1 d2 d3 self twin1 twin2 l1 l2 l3 m1 m2 h1 h2 bad".split()
    }
    return [
        # nested: s p [ q [ name "deep" ] ]
        Triple(s, P, b["nested"]),
        Triple(b["nested"], Q, b["inner"]),
        Triple(b["inner"], NAME, Literal("deep")),
        # shared by two subjects
        Triple(s, Q, b["shared"]),
        Triple(t, Q, b["shared"]),
        Triple(b["shared"], NAME, Literal("shared")),
        # cycle reachable from a named node, and cycles reachable from nothing
        Triple(s, P, b["c1"]),
        Triple(b["c1"], P, b["c2"]),
        Triple(b["c2"], P, b["c1"]),
        Triple(b["d1"], P, b["d2"]),
        Triple(b["d2"], P, b["d3"]),
        Triple(b["d3"], P, b["d1"]),
        Triple(b["self"], P, b["self"]),
        # look-alikes: two blank nodes with identical content under one subject
        Triple(t, P, b["twin1"]),
        Triple(t, P, b["twin2"]),
        Triple(b["twin1"], TYPE, iri("Thing")),
        Triple(b["twin2"], TYPE, iri("Thing")),
        # list ( "a" [ name "c" ] ( "nested" ) ), and the empty list
        Triple(s, iri("list"), b["l1"]),
        Triple(b["l1"], FIRST, Literal("a")),
        Triple(b["l1"], REST, b["l2"]),
        Triple(b["l2"], FIRST, b["l3"]),
        Triple(b["l3"], NAME, Literal("c")),
        Triple(b["l2"], REST, b["m1"]),
        Triple(b["m1"], FIRST, b["m2"]),
        Triple(b["m2"], FIRST, Literal("nested")),
        Triple(b["m2"], REST, NIL),
        Triple(b["m1"], REST, NIL),
        Triple(s, iri("empty"), NIL),
        # a list that is a subject, and a malformed list (two rdf:first)
        Triple(b["h1"], FIRST, Literal(1)),
        Triple(b["h1"], REST, b["h2"]),
        Triple(b["h2"], FIRST, Literal(2)),
        Triple(b["h2"], REST, NIL),
        Triple(b["h1"], P, Literal("list as subject")),
        Triple(t, iri("bad"), b["bad"]),
        Triple(b["bad"], FIRST, Literal("x")),
        Triple(b["bad"], FIRST, Literal("y")),
        Triple(b["bad"], REST, NIL),
        # a blank node with no properties at all
        Triple(t, P, BlankNode("empty")),
    ]


def dataset_quads() -> list[Quad]:
    """Triples spread over the default graph, named graphs and a blank-node graph."""
    g1, g2, gb = iri("graph/one"), NamedNode("http://example.org/graphs/two.v1"), BlankNode("g")
    quads = [Quad(t.subject, t.predicate, t.object) for t in hostile_triples()]
    quads += [Quad(t.subject, t.predicate, t.object, g1) for t in blank_triples()]
    quads += [Quad(t.subject, t.predicate, t.object, g2) for t in hostile_triples()[:5]]
    crossing = BlankNode("crossing")  # one blank node used in two graphs: must keep a label
    quads += [
        Quad(iri("a"), P, crossing, g2),
        Quad(crossing, NAME, Literal("in two graphs"), gb),
        Quad(gb, NAME, Literal("a graph named by a blank node")),
        Quad(iri("a"), P, BlankNode("only-here"), gb),
    ]
    return quads


# --- comparison helpers ----------------------------------------------------------------------------


def canonical(quads) -> list[str]:
    dataset = ox.Dataset(quads)
    dataset.canonicalize(ox.CanonicalizationAlgorithm.RDFC_1_0)
    return sorted(str(q) for q in dataset)


def parse_ox(text: str, fmt: RdfFormat) -> list[Quad]:
    return list(ox.parse(text, fmt))


def rdflib_dataset(text: str, fmt: RdfFormat) -> rdflib.Dataset:
    with warnings.catch_warnings():
        # rdflib 7.6 warns about its own internal use of deprecated API (RDFLib/rdflib#3475).
        warnings.filterwarnings("ignore", "Dataset.default_context is deprecated", DeprecationWarning)
        warnings.filterwarnings("ignore", "ConjunctiveGraph is deprecated", DeprecationWarning)
        return rdflib.Dataset().parse(data=text, format=RDFLIB_NAMES[fmt])


def rdflib_quads(text: str, fmt: RdfFormat) -> list[Quad]:
    """Parse with rdflib and convert back to pyoxigraph terms for canonical comparison."""

    def term(t):
        if isinstance(t, rdflib.URIRef):
            return DefaultGraph() if t == rdflib.graph.DATASET_DEFAULT_GRAPH_ID else NamedNode(str(t))
        if isinstance(t, rdflib.BNode):
            return BlankNode(str(t))
        if t.language:
            return Literal(str(t), language=t.language)
        return Literal(str(t), datatype=NamedNode(str(t.datatype or XSD.string)))

    return [Quad(*map(term, q)) for q in rdflib_dataset(text, fmt).quads((None, None, None, None))]


def assert_round_trip(quads, text: str, fmt: RdfFormat) -> None:
    assert canonical(parse_ox(text, fmt)) == canonical(quads)
    # A Store and rdflib both normalise some literals (e.g. "007"^^xsd:integer), so compare
    # with what they make of the same data written by pyoxigraph's own serializer.
    reference = ox.serialize(quads, format=RdfFormat.N_QUADS).decode("utf-8")
    store, expected = ox.Store(), ox.Store()
    store.load(text, fmt)
    expected.load(reference, RdfFormat.N_QUADS)
    assert canonical(store.quads_for_pattern(None, None, None, None)) == canonical(
        expected.quads_for_pattern(None, None, None, None)
    )
    assert canonical(rdflib_quads(text, fmt)) == canonical(rdflib_quads(reference, RdfFormat.N_QUADS))


def shuffled_and_renamed(quads, seed: int) -> list[Quad]:
    """The same dataset as a parser with random blank node labels would give it, in another order."""
    text = ox.serialize(quads, format=RdfFormat.N_QUADS)
    again = list(ox.parse(text, RdfFormat.N_QUADS, rename_blank_nodes=True))
    random.Random(seed).shuffle(again)
    return again


# --- round trips ---------------------------------------------------------------------------------


@pytest.mark.parametrize("writer", list(TRIPLE_FORMATS), ids=lambda w: w.__name__)
@pytest.mark.parametrize("data", [hostile_triples, blank_triples], ids=["hostile", "blank"])
def test_triple_writers_round_trip(writer, data):
    triples = data()
    quads = [Quad(t.subject, t.predicate, t.object) for t in triples]
    text = writer(triples)
    assert_round_trip(quads, text, TRIPLE_FORMATS[writer])
    reference = ox.serialize(triples, format=RdfFormat.N_TRIPLES).decode("utf-8")
    expected = rdflib.Graph().parse(data=reference, format="nt")
    actual = rdflib.Graph().parse(data=text, format=RDFLIB_NAMES[TRIPLE_FORMATS[writer]])
    assert rdflib.compare.isomorphic(expected, actual)


@pytest.mark.parametrize("writer", list(FORMATS), ids=lambda w: w.__name__)
def test_dataset_writers_round_trip(writer):
    quads = dataset_quads()
    assert_round_trip(quads, writer(quads), FORMATS[writer])


@pytest.mark.parametrize("writer", [*FORMATS, *TRIPLE_FORMATS], ids=lambda w: w.__name__)
def test_empty_input(writer):
    assert writer([]) == ""


def test_writers_accept_a_store_and_generators():
    store = ox.Store()
    store.extend(dataset_quads())
    text = write_trig(store.quads_for_pattern(None, None, None, None))
    assert canonical(parse_ox(text, RdfFormat.TRIG)) == canonical(store.quads_for_pattern(None, None, None, None))
    text = write_turtle(q for q in store.quads_for_pattern(None, None, None, DefaultGraph()))
    assert canonical(parse_ox(text, RdfFormat.TURTLE)) == canonical(
        store.quads_for_pattern(None, None, None, DefaultGraph())
    )


# --- determinism ---------------------------------------------------------------------------------


@pytest.mark.parametrize("writer", [*FORMATS, *TRIPLE_FORMATS], ids=lambda w: w.__name__)
def test_output_does_not_depend_on_order_or_blank_node_labels(writer):
    if writer in FORMATS:
        quads = dataset_quads()
    else:
        quads = [Quad(t.subject, t.predicate, t.object) for t in hostile_triples() + blank_triples()]
    outputs = {writer(shuffled_and_renamed(quads, seed)) for seed in range(4)}
    outputs.add(writer(reversed(quads + quads[:7])))  # duplicates change nothing either
    assert len(outputs) == 1


@pytest.mark.parametrize("writer", [write_nquads, write_trig], ids=lambda w: w.__name__)
def test_symmetric_blank_node_structures_are_deterministic(writer):
    """Look-alike blank nodes that refinement alone cannot tell apart still get stable labels."""
    ring = [BlankNode(f"r{i}") for i in range(4)]
    both_ways = [BlankNode(f"u{i}") for i in range(4)]
    quads = [Quad(a, P, b) for a, b in zip(ring, ring[1:] + ring[:1], strict=True)]
    quads += [Quad(a, P, b) for a, b in zip(both_ways, both_ways[1:] + both_ways[:1], strict=True)]
    quads += [Quad(b, P, a) for a, b in zip(both_ways, both_ways[1:] + both_ways[:1], strict=True)]
    hub = BlankNode("hub")
    for i in range(3):  # a hub with three identical two-level branches
        branch, leaf = BlankNode(f"br{i}"), BlankNode(f"lf{i}")
        quads += [Quad(hub, P, branch), Quad(branch, Q, leaf), Quad(leaf, TYPE, iri("Leaf"))]
    quads += [Quad(BlankNode(f"same{i}"), TYPE, iri("Thing"), iri("g")) for i in range(5)]
    # The Frucht graph: every node has three neighbours, yet no two nodes are symmetric.
    frucht = [BlankNode(f"f{i}") for i in range(12)]
    edges = "0-1 0-2 0-11 1-3 1-6 2-5 2-10 3-4 3-6 4-8 4-11 5-9 5-10 6-7 7-8 7-9 8-9 10-11"
    for edge in edges.split():
        a, b = (frucht[int(i)] for i in edge.split("-"))
        quads += [Quad(a, Q, b, iri("g")), Quad(b, Q, a, iri("g"))]
    outputs = {writer(shuffled_and_renamed(quads, seed)) for seed in range(8)}
    assert len(outputs) == 1
    assert_round_trip(quads, outputs.pop(), FORMATS[writer])


def test_labels_are_local_to_the_content():
    """Adding an unrelated blank node does not relabel the others (small diffs)."""
    one = [Quad(iri("a"), P, BlankNode("x")), Quad(BlankNode("x"), NAME, Literal("x"))]
    one += [Quad(iri("a"), Q, BlankNode("y")), Quad(BlankNode("y"), NAME, Literal("y"))]
    more = one + [Quad(iri("b"), Q, BlankNode("z")), Quad(BlankNode("z"), NAME, Literal("z"))]
    assert set(write_nquads(one).splitlines()) <= set(write_nquads(more).splitlines())


# --- what the text looks like --------------------------------------------------------------------


def test_prefixes_are_the_used_ones_in_dict_order():
    text = write_turtle(blank_triples() + hostile_triples())
    declared = [line.split()[1] for line in text.split("\n") if line.startswith("@prefix")]
    assert declared == ["dkg:", "id:", "foaf:", "rdf:", "xsd:"]
    assert write_turtle([Triple(iri("s"), P, iri("o"))], prefixes={}) == (
        "<https://w3id.org/diplomatic-kg/id/s> <https://w3id.org/diplomatic-kg/ontology#x-p> "
        "<https://w3id.org/diplomatic-kg/id/o> .\n"
    )


@pytest.mark.parametrize(
    ("value", "written"),
    [
        (ID_NS + "Smith_(politician)", "<https://w3id.org/diplomatic-kg/id/Smith_(politician)>"),
        (ID_NS + "end.", "<https://w3id.org/diplomatic-kg/id/end.>"),
        (ID_NS + "caf%C3%A9", "<https://w3id.org/diplomatic-kg/id/caf%C3%A9>"),
        (ID_NS + "a#fragment", "<https://w3id.org/diplomatic-kg/id/a#fragment>"),
        (ID_NS + "a.b", "<https://w3id.org/diplomatic-kg/id/a.b>"),
        (ID_NS + "-dash", "<https://w3id.org/diplomatic-kg/id/-dash>"),
        (ID_NS + "a:b", "<https://w3id.org/diplomatic-kg/id/a:b>"),
        (ID_NS + "ünï", "<https://w3id.org/diplomatic-kg/id/ünï>"),
        (ID_NS, "<https://w3id.org/diplomatic-kg/id/>"),
        (ID_NS + "123", "id:123"),
        (ID_NS + "meeting-2025_02", "id:meeting-2025_02"),
        (DKG_NS + "Meeting", "dkg:Meeting"),
    ],
)
def test_prefixed_names_only_for_safe_local_names(value, written):
    assert write_turtle([Triple(iri("s"), P, NamedNode(value))]).endswith(f"id:s dkg:x-p {written} .\n")


@pytest.mark.parametrize(
    ("lexical", "datatype", "written"),
    [
        ("42", XSD.integer, "42"),
        ("-7", XSD.integer, "-7"),
        ("0", XSD.integer, "0"),
        ("007", XSD.integer, '"007"^^xsd:integer'),
        ("+5", XSD.integer, '"+5"^^xsd:integer'),
        ("-0", XSD.integer, '"-0"^^xsd:integer'),
        ("zwei", XSD.integer, '"zwei"^^xsd:integer'),
        ("1.5", XSD.decimal, "1.5"),
        ("-1.0", XSD.decimal, "-1.0"),
        ("1.50", XSD.decimal, '"1.50"^^xsd:decimal'),
        ("1", XSD.decimal, '"1"^^xsd:decimal'),
        (".5", XSD.decimal, '".5"^^xsd:decimal'),
        ("true", XSD.boolean, "true"),
        ("1", XSD.boolean, '"1"^^xsd:boolean'),
        ("1.0E3", XSD.double, '"1.0E3"^^xsd:double'),
        ("2025-02", XSD.gYearMonth, '"2025-02"^^xsd:gYearMonth'),
        ("x", "http://example.org/types#odd.", '"x"^^<http://example.org/types#odd.>'),
    ],
)
def test_native_literal_forms_only_when_canonical(lexical, datatype, written):
    assert write_turtle([Triple(iri("s"), P, typed(lexical, datatype))]).endswith(f"id:s dkg:x-p {written} .\n")


def test_blank_node_layout():
    text = write_turtle(blank_triples())
    assert '( "a" [ foaf:name "c" ] ( "nested" ) )' in text
    assert "id:empty () ;" in text
    assert "rdf:rest ( 2 )" in text  # a list used as a subject keeps a label for its head only
    assert "[ a id:Thing ], [ a id:Thing ], []" in text
    assert '[ dkg:x-q [ foaf:name "deep" ] ]' in text
    # Labels only where needed: shared node (3 uses), 2-cycle hanging from id:s (3), unrooted
    # 3-cycle (2), self loop (2), head of the list used as a subject (1).
    assert text.count("_:b") == 3 + 3 + 2 + 2 + 1


def test_subjects_sorted_named_then_blank():
    text = write_turtle(blank_triples() + hostile_triples())
    subjects = [line.split()[0] for line in text.split("\n") if line[:1] not in ("", " ", "@")]
    named = [s for s in subjects if not s.startswith("_:")]
    assert subjects == named + sorted(s for s in subjects if s.startswith("_:"))
    iris = [s[1:-1] if s.startswith("<") else expand(s) for s in named]
    assert iris == sorted(iris)


def test_rdf_type_comes_first():
    s = iri("x")
    text = write_turtle([Triple(s, iri("aaa", DKG_NS), Literal("1")), Triple(s, TYPE, iri("T"))])
    assert text.splitlines()[-2:] == ["id:x a id:T ;", '    dkg:aaa "1" .']


def test_trig_graph_blocks_sorted_default_first():
    quads = [
        Quad(iri("s"), P, Literal("z"), iri("zz")),
        Quad(iri("s"), P, Literal("a"), iri("aa")),
        Quad(iri("s"), P, Literal("d")),
    ]
    body = write_trig(quads).split("\n\n", 1)[1]
    assert body.index('"d"') < body.index("\nid:aa {") < body.index("\nid:zz {")


def test_nquads_are_sorted_and_filtered_by_graph():
    quads = dataset_quads()
    lines = write_nquads(quads).split("\n")[:-1]  # not splitlines(): U+2028 is written raw
    assert lines == sorted(set(lines))
    only = write_nquads(quads, graphs=[ID_NS + "graph/one"])
    assert only and all(
        line.endswith("<https://w3id.org/diplomatic-kg/id/graph/one> .") for line in only.split("\n")[:-1]
    )
    assert write_nquads(quads, graphs=[DefaultGraph()]) == write_nquads(
        [q for q in quads if q.graph_name == DefaultGraph()]
    )


def test_term_nt_escapes():
    assert term_nt(Literal('a\\b"c\nd\re\tf\x00\x7f\x1b')) == '"a\\\\b\\"c\\nd\\re\\tf\\u0000\\u007F\\u001B"'
    assert term_nt(Literal("مرحبا 🕊️")) == '"مرحبا 🕊️"'
    assert term_nt(Literal("x", language="en-GB")) == '"x"@en-gb'  # pyoxigraph lower-cases tags
    assert term_nt(typed("2025", XSD.gYear)) == '"2025"^^<http://www.w3.org/2001/XMLSchema#gYear>'


def test_directional_language_strings_are_kept():
    """RDF 1.2 base direction: written as @ar--rtl, which pyoxigraph reads back (rdflib 7 cannot)."""
    quad = Quad(iri("s"), NAME, Literal("مرحبا", language="ar", direction=ox.BaseDirection.RTL))
    assert term_nt(quad.object) == '"مرحبا"@ar--rtl'
    for writer, fmt in FORMATS.items():
        assert canonical(parse_ox(writer([quad]), fmt)) == canonical([quad])


def test_misuse_is_refused():
    with pytest.raises(ValueError, match="named graph"):
        write_turtle([Quad(iri("s"), P, iri("o"), iri("g"))])
    with pytest.raises(ValueError, match="named graph"):
        write_ntriples([Quad(iri("s"), P, iri("o"), iri("g"))])
    with pytest.raises(TypeError):
        write_nquads([("urn:s", "urn:p", "urn:o")])
    quoted = Triple(iri("s"), P, iri("o"))  # an RDF 1.2 triple term
    with pytest.raises(ValueError, match="RDF 1.1"):
        term_nt(quoted)
    for writer in (*FORMATS, *TRIPLE_FORMATS):
        with pytest.raises(ValueError, match="RDF 1.1"):
            writer([Quad(iri("s"), P, quoted)])
    with pytest.raises(ValueError, match="prefix"):
        write_turtle([Triple(iri("s"), P, iri("o"))], prefixes={"bad prefix": ID_NS})


# --- atomic output -------------------------------------------------------------------------------


def test_atomic_write_replaces_and_leaves_no_temp_files(tmp_path):
    target = tmp_path / "out.ttl"
    atomic_write(target, "first\n")
    atomic_write(target, "zweite Fassung ✓\n")
    assert target.read_text(encoding="utf-8") == "zweite Fassung ✓\n"
    atomic_write(target, b"\x00bytes")
    assert target.read_bytes() == b"\x00bytes"
    assert os.listdir(tmp_path) == ["out.ttl"]


@pytest.mark.skipif(os.name != "posix", reason="POSIX permissions")
def test_atomic_write_uses_normal_permissions(tmp_path):
    umask = os.umask(0o022)
    os.umask(umask)
    atomic_write(tmp_path / "out.nq", "")
    assert (tmp_path / "out.nq").stat().st_mode & 0o777 == 0o666 & ~umask


def test_failure_midway_keeps_the_old_file(tmp_path):
    target = tmp_path / "big.nq"
    target.write_bytes(b"old content\n")

    def chunks():
        yield b"new chunk 1\n"
        raise RuntimeError("source broke")

    with pytest.raises(OutputError, match="big.nq") as info:
        with atomic_writer(target) as f:
            for chunk in chunks():
                f.write(chunk)
    assert isinstance(info.value.__cause__, RuntimeError)
    assert target.read_bytes() == b"old content\n"
    assert os.listdir(tmp_path) == ["big.nq"]


def test_interrupt_is_not_swallowed(tmp_path):
    target = tmp_path / "out.nt"
    with pytest.raises(KeyboardInterrupt):
        with atomic_writer(target) as f:
            f.write(b"partial")
            raise KeyboardInterrupt
    assert os.listdir(tmp_path) == []


def test_unwritable_targets_raise_output_error(tmp_path):
    with pytest.raises(OutputError, match="missing"):
        atomic_write(tmp_path / "missing" / "out.ttl", "x")
    (tmp_path / "a-directory").mkdir()
    with pytest.raises(OutputError, match="a-directory"):
        atomic_write(tmp_path / "a-directory", "x")
    assert os.listdir(tmp_path) == ["a-directory"]
    assert os.listdir(tmp_path / "a-directory") == []
