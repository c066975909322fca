"""N-Quads from Oxigraph's own serializer (kg.formats.rdf.store_nquads) are the bytes of write_nquads."""

from __future__ import annotations

from pyoxigraph import BlankNode, DefaultGraph, Literal, NamedNode, Quad, Store

from kg.formats.rdf import store_nquads, write_nquads


def test_the_same_text_as_write_nquads(seed_graph):
    store = Store()
    store.extend(seed_graph.store.quads_for_pattern(None, None, None, None))
    a, p, g = NamedNode("urn:x:a"), NamedNode("urn:x:p"), NamedNode("urn:x:g")
    b1, b2 = BlankNode(), BlankNode()
    texts = ["back\\slash \\b", "\x08\x0c\x01\x7f\t\n\r\"", "é \u2028 _:not-a-blank-node", ""]
    store.extend([Quad(a, p, Literal(t), g) for t in texts] + [Quad(a, p, Literal(t, language="en")) for t in texts])
    store.extend([Quad(b1, p, b2, g), Quad(b2, p, Literal("x")), Quad(a, p, b1)])
    assert store_nquads(store) == write_nquads(store.quads_for_pattern(None, None, None, None))
    some = [DefaultGraph(), g]
    assert store_nquads(store, some) == write_nquads(store.quads_for_pattern(None, None, None, None), graphs=some)
