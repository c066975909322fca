"""The networkx mirror: derived from the RDF, every relation kept, the actor network."""

from __future__ import annotations

from datetime import date

import networkx as nx
from pyoxigraph import Literal, NamedNode, Quad, Store

from kg.graph import KnowledgeGraph
from kg.graph.mirror import actor_network, to_networkx
from kg.values import PartialDate
from kg.vocab import DKG, ID_NS, RDF_TYPE, RDFS, REGISTRY_GRAPH, SKOS, XSD
from tests.helpers import built_store


def n(x):
    return NamedNode(ID_NS + x)


def tiny() -> Store:
    s = Store()
    reg, src = NamedNode(REGISTRY_GRAPH), n("src")
    t, label = NamedNode(RDF_TYPE), NamedNode(RDFS.label)
    s.extend([
        Quad(n("ann"), t, NamedNode(DKG.Person), reg), Quad(n("ann"), label, Literal("Ann"), reg),
        Quad(n("ann"), NamedNode(SKOS.altLabel), Literal("A."), reg),
        Quad(n("bob"), t, NamedNode(DKG.Person), reg), Quad(n("bob"), label, Literal("Bob"), reg),
        Quad(n("un"), t, NamedNode(DKG.Organization), reg),
        Quad(n("m1"), t, NamedNode(DKG.Meeting), src),
        Quad(n("m1"), NamedNode(DKG.participant), n("ann"), src),
        Quad(n("m1"), NamedNode(DKG.participant), n("bob"), src),
        Quad(n("m1"), NamedNode(DKG.invitedBy), n("ann"), src),  # a second relation between the same pair
        Quad(n("m1"), NamedNode(DKG.date), Literal("2025-02-06", datatype=NamedNode(XSD.date)), src),
        Quad(n("m1"), NamedNode(DKG.earliestDate), Literal("2025-02-06", datatype=NamedNode(XSD.date)), src),
        Quad(n("m1"), NamedNode(DKG.latestDate), Literal("2025-02-06", datatype=NamedNode(XSD.date)), src),
        Quad(n("m1"), NamedNode(DKG.evidence), Literal("Ann met Bob."), src),
        Quad(n("m1"), NamedNode(DKG.evidence), Literal("They talked."), src),
        Quad(n("v1"), t, NamedNode(DKG.Visit), src),
        Quad(n("v1"), NamedNode(DKG.participant), n("ann"), src),
        Quad(n("v1"), NamedNode(DKG.participant), n("un"), src),
        Quad(n("v1"), NamedNode(DKG.date), Literal("2024-09", datatype=NamedNode(XSD.gYearMonth)), src),
        Quad(n("v1"), NamedNode(DKG.earliestDate), Literal("2024-09-01", datatype=NamedNode(XSD.date)), src),
        Quad(n("v1"), NamedNode(DKG.latestDate), Literal("2024-09-30", datatype=NamedNode(XSD.date)), src),
    ])
    return built_store(s)


def test_whole_graph_keeps_parallel_relations_and_attributes():
    G = to_networkx(tiny())
    assert isinstance(G, nx.MultiDiGraph)
    m1, ann = ID_NS + "m1", ID_NS + "ann"
    assert sorted(G[m1][ann]) == ["dkg:invitedBy", "dkg:participant"]
    assert G[m1][ann]["dkg:participant"]["sources"] == ["src"]
    assert G.nodes[ann] == {"types": ["dkg:Person"], "type": "dkg:Person", "label": "Ann", "aliases": ["A."]}
    assert G.nodes[m1]["dkg:date"] == date(2025, 2, 6)
    assert G.nodes[m1]["dkg:evidence"] == ["Ann met Bob.", "They talked."]
    assert G.nodes[ID_NS + "v1"]["dkg:date"] == PartialDate(2024, 9)  # one value conversion: kg.values
    assert G.number_of_edges() == 5  # rdf:type is an attribute, not an edge


def test_actor_network_and_time_window():
    A = actor_network(tiny())
    ann, bob, un = (ID_NS + x for x in ("ann", "bob", "un"))
    assert set(A.nodes) == {ann, bob, un}
    assert A.edges[ann, bob] == {"events": [ID_NS + "m1"], "dates": ["2025-02-06"], "topics": [], "weight": 1}
    assert A.has_edge(ann, un)
    jan_feb = actor_network(tiny(), date(2025, 1, 1), date(2025, 2, 28))
    assert jan_feb.has_edge(ann, bob) and not jan_feb.has_edge(ann, un)


def test_seed_mirror(seed_graph):
    G, A = seed_graph.nx, seed_graph.actors
    zarif = ID_NS + "mohammad-javad-zarif"
    assert G.nodes[zarif]["label"] == "Mohammad Javad Zarif"
    assert G.nodes[zarif]["aliases"] == ["Javad Zarif", "Zarif"]
    assert A.degree(zarif) == 6
    assert A.edges[zarif, ID_NS + "abdul-latif-rashid"]["events"] == [ID_NS + "zarif-meets-rashid-2025-02-06"]
    assert max(A.degree, key=lambda x: (x[1], x[0]))[0] == zarif
    # the mirror is derived, not a copy to edit: the same object comes back (cached)
    assert seed_graph.nx is G


def test_mirror_counts_match_the_store(seed_graph):
    kg_ = KnowledgeGraph(seed_graph.store)
    G = kg_.nx
    resources = {q.subject.value for q in kg_.quads(kg_.asserted_graphs())}
    assert resources <= set(G.nodes)
