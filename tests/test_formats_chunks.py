"""The blocks made from a graph's N-Triples lines (``kg.formats.chunks``) are the pretty writer's, byte for byte,
for every kind of term; a graph with a blank node goes the general way."""

from __future__ import annotations

import pytest
from pyoxigraph import BlankNode, DefaultGraph, Literal, NamedNode, Quad, Store

from kg.formats.chunks import graph_chunks
from kg.formats.rdf import _PrettyWriter, write_trig
from kg.graph import blocks
from kg.vocab import PREFIXES, RDF, XSD

ID = PREFIXES["id"]
DKG = PREFIXES["dkg"]


def _quads(g) -> list[Quad]:
    x, y = NamedNode(ID + "x"), NamedNode(ID + "y-1")
    dt = NamedNode("urn:example:dt")
    objects = [
        Literal("plain"), Literal('say "hi"\n\tbye'), Literal("back\\slash"), Literal("bell\b form\f"),
        Literal("Αθήνα"), Literal("lines\u2028apart\x85and\x1c\x1d\x1e\u2029"),
        Literal("tag", language="en"), Literal("tag", language="fr-BE"),
        Literal("42", datatype=NamedNode(XSD.integer)), Literal("042", datatype=NamedNode(XSD.integer)),
        Literal("1.50", datatype=NamedNode(XSD.decimal)), Literal("1.5", datatype=NamedNode(XSD.decimal)),
        Literal("true", datatype=NamedNode(XSD.boolean)), Literal("2025-02", datatype=NamedNode(XSD.gYearMonth)),
        Literal("odd", datatype=dt), Literal("a \"quoted\" _:b0 <<x>>", datatype=dt),
        NamedNode(RDF.nil), NamedNode(ID + "has.dot"), NamedNode("urn:other"), y,
    ]
    qs = [Quad(x, NamedNode(DKG + "p"), o, g) for o in objects]
    qs += [Quad(x, NamedNode(RDF.type), NamedNode(DKG + c), g) for c in ("Meeting", "Event")]
    qs += [Quad(y, NamedNode("urn:predicate:long"), Literal(f"a long text number {i} to wrap the line"), g)
           for i in range(4)]
    qs += [Quad(NamedNode(ID + f"s{i:03d}"), NamedNode(DKG + "n"), Literal(str(i)), g) for i in range(7)]
    return qs


def _expected(quads: list[Quad], g, indent: str, size: int) -> list[tuple[list[str], set[str], str]]:
    writer = _PrettyWriter(quads, PREFIXES, allow_graphs=True)
    named = set()
    if not isinstance(g, DefaultGraph):
        writer.subject(g)
        named = set(writer.used)
    subjects = sorted(writer.graphs[g], key=lambda s: s.value)
    out = []
    for i in range(0, len(subjects), size):
        writer.used = set(named)
        text = writer.graph_body(g, indent, subjects[i:i + size])
        out.append(([s.value for s in subjects[i:i + size]], writer.used, text))
    return out


def test_the_blocks_are_the_pretty_writers_for_every_kind_of_term():
    for g, indent in ((DefaultGraph(), ""), (NamedNode(ID + "source-1"), "    "), (NamedNode("urn:g"), "    ")):
        quads = _quads(g)
        store = Store()
        store.extend(quads)
        named = frozenset(["id"]) if g != DefaultGraph() and g.value.startswith(ID) else frozenset()
        for size in (1, 3, 200):
            got = graph_chunks(store, g, indent, size, PREFIXES, named)
            assert got == _expected(list(store), g, indent, size)


def test_a_graph_with_a_blank_node_or_none_at_all():
    store = Store()
    store.add(Quad(NamedNode(ID + "x"), NamedNode(DKG + "p"), BlankNode("b"), DefaultGraph()))
    assert graph_chunks(store, DefaultGraph(), "", 200) is None
    assert graph_chunks(store, NamedNode("urn:none"), "    ", 200) == []


def test_the_documents_assembled_from_chunks_are_the_writers():
    store = Store()
    graphs = [DefaultGraph(), NamedNode(ID + "source-1"), NamedNode("urn:g")]
    for g in graphs:
        store.extend(_quads(g))
    store.add(Quad(NamedNode(ID + "z"), NamedNode(DKG + "p"), BlankNode("b"), NamedNode(ID + "with-blank")))
    trig, ttl, _ = blocks.write(store, None, None, None)
    assert trig.join().decode() == write_trig(store)
    assert ttl.join().decode() == write_trig(store.quads_for_pattern(None, None, None, DefaultGraph()))


def test_the_pieces_are_written_and_hashed_as_the_joined_document(tmp_path):
    import hashlib

    store = Store()
    for g in (DefaultGraph(), NamedNode(ID + "source-1")):
        store.extend(_quads(g))
    trig, _, layout = blocks.write(store, None, None, None)
    first = trig.join()
    assert trig.write(tmp_path / "a.trig") == hashlib.sha256(first).hexdigest()
    assert (tmp_path / "a.trig").read_bytes() == first
    again, _, _ = blocks.write(store, layout, first, None, {})  # every chunk a view of the previous file
    assert any(isinstance(p, memoryview) for p in again.parts)
    assert again.write(tmp_path / "b.trig") == hashlib.sha256(first).hexdigest()
    assert (tmp_path / "b.trig").read_bytes() == first


@pytest.mark.parametrize("batch", [1, 7, 100, 10**9])
def test_the_pieces_are_written_the_same_in_batches_of_any_size(tmp_path, monkeypatch, batch):
    import hashlib

    monkeypatch.setattr(blocks, "BATCH", batch)
    p = blocks.Pieces()
    assert p.write(tmp_path / "empty") == hashlib.sha256(b"").hexdigest() and (tmp_path / "empty").read_bytes() == b""
    for i in range(40):
        p.add(memoryview(b"x" * i + b"|%d\n" % i)[i // 2:] if i % 3 else b"piece %d\n" % i)
    whole = p.join()
    assert p.write(tmp_path / "doc") == hashlib.sha256(whole).hexdigest()
    assert (tmp_path / "doc").read_bytes() == whole


def test_a_layout_updated_at_its_chunks_edges_is_the_writers(monkeypatch):
    """An edit finds its chunks from their first subjects (``bisect``): subjects changed, removed and added at
    a chunk's first place, before the first chunk, between two chunks and after the last give the writers'
    documents, and the chunks no edit reaches are the previous file's bytes."""
    monkeypatch.setattr(blocks, "CHUNK", 4)
    p = NamedNode(DKG + "n")

    def node(name: str) -> NamedNode:
        return NamedNode(ID + name)

    store = Store()
    for g in (DefaultGraph(), NamedNode(ID + "source-1")):
        store.extend(Quad(node(f"s{i:02d}"), p, Literal(str(i)), g) for i in range(0, 40, 2))
    trig, ttl, layout = blocks.write(store, None, None, None)
    assert [c.first for c in layout[""].chunks] == [ID + f"s{i:02d}" for i in (0, 8, 16, 24, 32)]
    edits = [("remove", "s08"), ("add", "a00"), ("add", "s15"), ("add", "s39"), ("change", "s22"),
             ("remove", "s00"), ("add", "s08"), ("change", "s16")]
    for what, name in edits:
        changed: dict[str, set[str] | None] = {}
        for g in (DefaultGraph(), NamedNode(ID + "source-1")):
            s = node(name)
            if what in ("remove", "change"):
                for q in list(store.quads_for_pattern(s, None, None, g)):
                    store.remove(q)
            if what in ("add", "change"):
                store.add(Quad(s, p, Literal(f"{what} {name}"), g))
            changed["" if isinstance(g, DefaultGraph) else g.value] = {s.value}
        old_trig, old_ttl = trig.join(), ttl.join()
        trig, ttl, layout = blocks.write(store, layout, old_trig, old_ttl, changed)
        assert trig.join().decode() == write_trig(store), (what, name)
        assert ttl.join().decode() == write_trig(store.quads_for_pattern(None, None, None, DefaultGraph()))
        # The chunks the edit did not reach are copied: with the separators and the graph's opener between
        # them, long ranges of the previous file (one edited chunk in each of two graphs: at most 5 ranges).
        views = [p for p in trig.parts if isinstance(p, memoryview)]
        assert len(views) <= 5 and sum(map(len, views)) > len(old_trig) // 2, (what, name)
