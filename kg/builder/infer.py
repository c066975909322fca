"""The inferred graph: RDFS entailments of the merged view (the default graph), never mixed with what is asserted.

Sub-classes, sub-properties and transitive properties (``dkg:locatedIn``) of the ontology, applied to the
default graph; only triples the default graph does not already hold are added, to
``https://w3id.org/diplomatic-kg/graph/inferred``.
"""

from __future__ import annotations

from pyoxigraph import NamedNode, Store

from kg.vocab import INFERRED_GRAPH, ONTOLOGY_GRAPH, PREFIXES

# Each query leaves out what the default graph already holds (FILTER NOT EXISTS), in the engine, and is run as
# an INSERT into the inferred graph: the entailments never become Python objects (at 1M quads that took longer
# than the queries). The queries read only the default graph, so no insert changes what another one sees.
_PROPERTIES = """
CONSTRUCT { ?x ?q ?y } WHERE {
  ?x ?p ?y . GRAPH <%(onto)s> { ?p rdfs:subPropertyOf+ ?q } FILTER NOT EXISTS { ?x ?q ?y }
}"""
_TYPES = """
CONSTRUCT { ?x a ?d } WHERE {
  ?x a ?c . GRAPH <%(onto)s> { ?c rdfs:subClassOf+ ?d } FILTER NOT EXISTS { ?x a ?d }
}"""
_TRANSITIVE = "SELECT ?p WHERE { GRAPH <%(onto)s> { ?p a owl:TransitiveProperty } }"
_CLOSURE = "CONSTRUCT { ?x <%(p)s> ?z } WHERE { ?x <%(p)s> ?y . ?y <%(p)s>+ ?z . FILTER NOT EXISTS { ?x <%(p)s> ?z } }"


def infer(store: Store, subjects: set[str] | None = None) -> int:
    """Replace the inferred graph with the entailments of the default graph; return how many were added.

    With ``subjects`` (IRIs), only the entailments about those subjects are replaced (an incremental build:
    what the other subjects entail has not changed, unless a transitive property's links did: then the caller
    infers everything).

    >>> from pyoxigraph import Quad
    >>> from kg.vocab import DKG, RDF_TYPE, RDFS
    >>> s = Store(); o = NamedNode(ONTOLOGY_GRAPH)
    >>> s.add(Quad(NamedNode(DKG.Meeting), NamedNode(RDFS.subClassOf), NamedNode(DKG.Event), o))
    >>> s.add(Quad(NamedNode("urn:m"), NamedNode(RDF_TYPE), NamedNode(DKG.Meeting)))
    >>> infer(s), [str(q.object) for q in s.quads_for_pattern(None, None, None, NamedNode(INFERRED_GRAPH))]
    (1, ['<https://w3id.org/diplomatic-kg/ontology#Event>'])
    >>> infer(s, {"urn:m"}), infer(s, {"urn:other"})
    (1, 0)
    """
    graph = NamedNode(INFERRED_GRAPH)
    params = {"onto": ONTOLOGY_GRAPH}
    queries = [_PROPERTIES % params, _TYPES % params]
    for row in store.query(_TRANSITIVE % params, prefixes=PREFIXES):
        queries.append(_CLOSURE % {"p": row["p"].value})
    if subjects is None:
        if store.contains_named_graph(graph):
            store.remove_graph(graph)
    else:
        if not subjects:
            return 0
        for s in subjects:
            for q in list(store.quads_for_pattern(NamedNode(s), None, None, graph)):
                store.remove(q)
        values = "VALUES ?x { " + " ".join(f"<{s}>" for s in sorted(subjects)) + " }"
        queries = [q.replace("WHERE {", "WHERE { " + values, 1) for q in queries]
    for query in queries:
        template, _, where = query.partition(" WHERE ")
        insert = template.strip().replace("CONSTRUCT {", f"INSERT {{ GRAPH <{INFERRED_GRAPH}> {{", 1) + " }"
        store.update(f"{insert} WHERE {where}", prefixes=PREFIXES)
    if subjects is None:
        return _count(store, graph)
    # Every entailment inserted is about one of the subjects (?x), whose entailments were all removed: count
    # those, not the whole graph (at 1M quads a count of the inferred graph takes a tenth of a second).
    return sum(1 for s in subjects for _ in store.quads_for_pattern(NamedNode(s), None, None, graph))


def _count(store: Store, graph: NamedNode) -> int:
    query = f"SELECT (COUNT(*) AS ?n) WHERE {{ GRAPH <{graph.value}> {{ ?s ?p ?o }} }}"
    return int(next(iter(store.query(query)))["n"].value)


def transitive_properties(store: Store) -> set[str]:
    """The ontology's transitive properties (their links change entailments beyond their subjects)."""
    return {row["p"].value for row in store.query(_TRANSITIVE % {"onto": ONTOLOGY_GRAPH}, prefixes=PREFIXES)}


__all__ = ["infer", "transitive_properties"]
