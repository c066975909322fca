"""RDF -> networkx: the whole graph as a MultiDiGraph, and the actor network.

Both are derived from the store by pure functions and never edited back: the store is the
single source of truth.

Whole graph (``to_networkx``): one node per resource (IRI string) with attributes
``label``, ``aliases`` (list), ``type`` (the most specific class, compact, e.g. ``dkg:Meeting``),
``types`` (all asserted classes) and one attribute per literal property keyed by its compact
name (``dkg:date``: a single value, or a sorted list when the resource has several). Each triple
whose object is a resource becomes one edge ``u -> v`` keyed by the compact predicate, carrying
``predicate`` (full IRI) and ``sources`` (the ids of the source documents whose graphs assert it;
empty for the registry). ``rdf:type`` is an attribute, not an edge.

Actor network (``actor_network``): persons and organizations, linked when they took part in the same
event; each edge carries ``events`` (IRIs), ``dates`` (lexical dates at their precision),
``topics`` (IRIs) and ``weight`` (the number of shared events).

>>> from pyoxigraph import DefaultGraph, Store, Quad, NamedNode, Literal
>>> from kg.vocab import DKG, RDF_TYPE, RDFS, ID_NS
>>> s = Store(); g = DefaultGraph()         # the merged view
>>> a, b, m = (NamedNode(ID_NS + x) for x in ("a", "b", "m"))
>>> s.extend([Quad(a, NamedNode(RDF_TYPE), NamedNode(DKG.Person), g), Quad(a, NamedNode(RDFS.label), Literal("A"), g),
...           Quad(b, NamedNode(RDF_TYPE), NamedNode(DKG.Person), g),
...           Quad(m, NamedNode(RDF_TYPE), NamedNode(DKG.Meeting), g),
...           Quad(m, NamedNode(DKG.participant), a, g), Quad(m, NamedNode(DKG.participant), b, g)])
>>> G = to_networkx(s)
>>> G.nodes[a.value]["label"], G.nodes[m.value]["type"], sorted(k for _, _, k in G.edges(keys=True))
('A', 'dkg:Meeting', ['dkg:participant', 'dkg:participant'])
>>> A = actor_network(s)
>>> A.edges[a.value, b.value]["weight"]
1
"""

from __future__ import annotations

from collections import defaultdict
from datetime import date
from typing import TYPE_CHECKING

from pyoxigraph import BlankNode, DefaultGraph, Literal, NamedNode, Store

from kg.values import python_value
from kg.vocab import DKG, ID_NS, PREFIXES, RDF_TYPE, RDFS, SKOS, compact

if TYPE_CHECKING:  # networkx is imported where a mirror is made: the page of a corpus needs none (0.14 s)
    import networkx as nx

#: Most specific first: the ``type`` attribute is the first of these a node has.
CLASS_ORDER = [DKG.Talks, DKG.Meeting, DKG.PhoneCall, DKG.Visit, DKG.Arrival, DKG.Reception, DKG.Conference,
               DKG.Signing, DKG.JointStatement, DKG.PressConference, DKG.Event, DKG.Agreement, DKG.Delegation,
               DKG.Venue, DKG.Person, DKG.Organization, DKG.Country,
               DKG.City, DKG.Region, DKG.Place, DKG.Role, DKG.Membership, DKG.Statement, DKG.Topic,
               DKG.TopicScheme, DKG.SourceDocument]


def _source_id(graph: str) -> str | None:
    return graph[len(ID_NS):] if graph.startswith(ID_NS) else None


def node_id(term) -> str:
    """A node's key in the mirror: an IRI's text, or ``_:`` and a blank node's label."""
    return term.value if isinstance(term, NamedNode) else f"_:{term.value}"


def node_attributes(n: str, types: set[str], literals: dict[str, set]) -> dict[str, object]:
    """A node's attributes in the mirror, from its classes (IRIs) and its literal values by property (IRI):
    ``types``, ``type`` (the first of ``CLASS_ORDER`` it has), ``label``, ``aliases``, then one attribute per
    other property (its value, or the sorted list when it has several)."""
    attrs: dict[str, object] = {"types": sorted(compact(t) for t in types)}
    attrs["type"] = next((compact(c) for c in CLASS_ORDER if c in types), attrs["types"][0] if types else None)
    labels = sorted(str(v) for v in literals.get(RDFS.label, ()))
    attrs["label"] = labels[0] if labels else compact(n)
    attrs["aliases"] = sorted(str(v) for v in literals.get(SKOS.altLabel, ()))
    for p, values in sorted(literals.items()):
        if p in (RDFS.label, SKOS.altLabel):
            continue
        vals = sorted(values, key=lambda v: (type(v).__name__, str(v)))
        attrs[compact(p)] = vals[0] if len(vals) == 1 else vals
    return attrs


def to_networkx(store: Store) -> nx.MultiDiGraph:
    """The merged view (the default graph) as a MultiDiGraph; each edge's ``sources`` are the source graphs
    that assert it."""
    import networkx as nx

    G = nx.MultiDiGraph()
    types: dict[str, set[str]] = defaultdict(set)
    literals: dict[str, dict[str, set]] = defaultdict(lambda: defaultdict(set))
    edges: dict[tuple[str, str, str], set[str]] = defaultdict(set)
    for q in store.quads_for_pattern(None, None, None, DefaultGraph()):
        s, p, o = node_id(q.subject), q.predicate.value, q.object
        if p == RDF_TYPE:
            types[s].add(o.value)
        elif isinstance(o, Literal):
            literals[s][p].add(python_value(o))
        elif isinstance(o, (NamedNode, BlankNode)):
            edges[(s, node_id(o), p)]  # noqa: B018  (creates the edge)
    for graph in store.named_graphs():
        sid = _source_id(graph.value) if isinstance(graph, NamedNode) else None
        if not sid:
            continue
        for q in store.quads_for_pattern(None, None, None, graph):
            if isinstance(q.object, (NamedNode, BlankNode)) and q.predicate.value != RDF_TYPE:
                key = (node_id(q.subject), node_id(q.object), q.predicate.value)
                if key in edges:
                    edges[key].add(sid)
    nodes = set(types) | set(literals) | {u for u, _, _ in edges} | {v for _, v, _ in edges}
    for n in sorted(nodes):
        G.add_node(n, **node_attributes(n, types.get(n, set()), literals.get(n, {})))
    for (u, v, p), sources in sorted(edges.items()):
        G.add_edge(u, v, key=compact(p), predicate=p, sources=sorted(sources))
    return G


_ACTOR_EVENTS = """
SELECT ?event ?a ?b ?date ?earliest ?latest ?topic WHERE {
  ?event a ?cls ; dkg:participant ?a, ?b .
  VALUES ?cls { dkg:Meeting dkg:Talks dkg:PhoneCall dkg:Visit dkg:Arrival dkg:Reception dkg:Conference
                dkg:Signing dkg:JointStatement dkg:PressConference }
  FILTER (STR(?a) < STR(?b))
  OPTIONAL { ?event dkg:date ?date }
  OPTIONAL { ?event dkg:earliestDate ?earliest }
  OPTIONAL { ?event dkg:latestDate ?latest }
  OPTIONAL { ?event dkg:topic ?topic }
}"""
_ACTORS = """
SELECT ?x ?cls ?label WHERE {
  VALUES ?cls { dkg:Person dkg:Organization }
  ?x a ?cls . OPTIONAL { ?x rdfs:label ?label }
}"""


def actor_network(store: Store, start: date | None = None, end: date | None = None) -> nx.Graph:
    """Persons and organizations linked by shared events; only events that may fall in [start, end].

    An event is kept when its bounds overlap the window (an event with unknown bounds is kept only
    when no window is given).
    """
    import networkx as nx

    A = nx.Graph()
    union = {"prefixes": PREFIXES}
    for row in store.query(_ACTORS, **union):
        x = row["x"].value
        A.add_node(x, type=compact(row["cls"].value), label=row["label"].value if row["label"] else compact(x))
    links: dict[tuple[str, str], dict[str, set]] = defaultdict(lambda: defaultdict(set))
    for row in store.query(_ACTOR_EVENTS, **union):
        lo = date.fromisoformat(row["earliest"].value) if row["earliest"] else None
        hi = date.fromisoformat(row["latest"].value) if row["latest"] else None
        if start is not None or end is not None:
            if (start is not None and (hi is None or hi < start)) or (end is not None and (lo is None or lo > end)):
                continue
        a, b = row["a"].value, row["b"].value
        if a not in A or b not in A:
            continue
        link = links[(a, b)]
        link["events"].add(row["event"].value)
        if row["date"]:
            link["dates"].add(row["date"].value)
        if row["topic"]:
            link["topics"].add(row["topic"].value)
    for (a, b), link in sorted(links.items()):
        events = sorted(link["events"])
        A.add_edge(a, b, events=events, dates=sorted(link["dates"]), topics=sorted(link["topics"]),
                   weight=len(events))
    return A
