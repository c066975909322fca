"""Paths, neighbours, rankings and communities: tiny graphs built by hand, then the seed graph."""

from __future__ import annotations

from datetime import date

import pytest
from pyoxigraph import Literal, NamedNode, Quad

from kg.errors import QueryError, UnknownEntityError
from kg.graph import KnowledgeGraph
from kg.query import centrality, network
from kg.query.network import communities, explain_path, neighbors, pagerank, parse_window, rank, shortest_path
from kg.vocab import DKG, ID_NS, ORG, PROV, RDF_TYPE, RDFS, REGISTRY_GRAPH, SKOS, TIME, XSD
from tests.helpers import built_store

SRC = ID_NS + "src"


def I(x: str) -> str:  # noqa: E743 - short on purpose: the tiny graphs read like a drawing
    return ID_NS + x


class Tiny:
    """A handful of quads: entities in the registry, facts in one source graph, with their provenance."""

    def __init__(self) -> None:
        self.quads: list[Quad] = []
        self.add(SRC, RDF_TYPE, DKG.SourceDocument, SRC)
        self.add(SRC, RDFS.label, Literal("The article"), SRC)

    def add(self, s: str, p: str, o: str | Literal, g: str = SRC) -> Tiny:
        self.quads.append(Quad(NamedNode(s), NamedNode(p), o if isinstance(o, Literal) else NamedNode(o), NamedNode(g)))
        return self

    def entity(self, x: str, cls: str, label: str | None = None) -> Tiny:
        self.add(I(x), RDF_TYPE, cls, REGISTRY_GRAPH).add(I(x), RDFS.label, Literal(label or x.title()), REGISTRY_GRAPH)
        return self.add(I(x), PROV.wasDerivedFrom, SRC)  # mentioned by the article, as the build writes it

    def event(self, x: str, *who: str, day: str | None = None, cls: str = DKG.Meeting) -> Tiny:
        self.add(I(x), RDF_TYPE, cls).add(I(x), RDFS.label, Literal(f"Event {x}"))
        for w in who:
            self.add(I(x), DKG.participant, I(w))
        self.add(I(x), PROV.wasDerivedFrom, SRC).add(I(x), PROV.qualifiedDerivation, I(x) + "#src")
        self.add(I(x) + "#src", RDF_TYPE, PROV.Derivation).add(I(x) + "#src", PROV.entity, SRC)
        if day:
            d = Literal(day, datatype=NamedNode(XSD.date))
            self.add(I(x), DKG.date, d).add(I(x), DKG.earliestDate, d).add(I(x), DKG.latestDate, d)
            self.add(I(x), DKG.datePrecision, TIME.unitDay)
        return self

    def graph(self) -> KnowledgeGraph:
        """The quads, and their triples once in the default graph: the merged view, as the build writes it."""
        return KnowledgeGraph(built_store(self.quads))


def people(*names: str) -> Tiny:
    t = Tiny()
    for n in names:
        t.entity(n, DKG.Person)
    return t


# -- paths -------------------------------------------------------------------------------------------------


def test_path_goes_through_the_event_not_the_article():
    g = people("ann", "bob", "cat").event("m1", "ann", "bob").event("m2", "bob", "cat").graph()
    p = shortest_path(g, "ann", "cat")
    assert p.nodes == [I("ann"), I("m1"), I("bob"), I("m2"), I("cat")]
    assert [h.text for h in p.hops] == ["Ann took part in Event m1", "Bob took part in Event m1",
                                        "Bob took part in Event m2", "Cat took part in Event m2"]
    assert p.hops[0].sources == ("src",) and p.hops[0].predicate == "dkg:participant"
    assert p.text().splitlines()[0] == "Ann -> Cat: 4 hops"


def test_bookkeeping_never_connects():
    # Both are derived from the same article and both events are day-precise (dkg:datePrecision time:unitDay):
    # neither is a connection.
    g = people("ann", "bob").event("m1", "ann", day="2024-01-01").event("m2", "bob", day="2024-01-01").graph()
    with pytest.raises(QueryError, match="no path links Ann and Bob"):
        shortest_path(g, "ann", "bob")
    assert I("src") not in {n.iri for n in neighbors(g, "ann", depth=3)}


def test_ties_break_by_smallest_iris_whatever_the_insertion_order():
    forward = people("ann", "bob").event("m2", "ann", "bob").event("m1", "ann", "bob")
    backward = people("bob", "ann").event("m1", "bob", "ann").event("m2", "bob", "ann")
    for t in (forward, backward):
        assert shortest_path(t.graph(), "Ann", "Bob").nodes == [I("ann"), I("m1"), I("bob")]


def test_path_through_posts_and_organizations():
    t = people("ann", "bob").entity("gov", DKG.Organization, "Government").entity("pm", DKG.Role, "Prime Minister")
    for who in ("ann", "bob"):
        ms = f"ms-{who}"
        t.add(I(ms), RDF_TYPE, DKG.Membership).add(I(ms), RDFS.label, Literal(f"{who.title()}, PM, Government"))
        t.add(I(ms), ORG.member, I(who)).add(I(ms), ORG.organization, I("gov")).add(I(ms), ORG.role, I("pm"))
        t.add(I(ms), DKG.attestedOn, Literal("2025-02-07", datatype=NamedNode(XSD.date)))
    p = shortest_path(t.graph(), "ann", "bob")
    assert [h.text for h in p.hops] == ["Ann held the post Ann, PM, Government", "The post Ann, PM, Government is in "
                                        "Government", "The post Bob, PM, Government is in Government",
                                        "Bob held the post Bob, PM, Government"]
    assert p.hops[0].when == "attested on 2025-02-07"
    p = shortest_path(t.graph(), "ann", "bob", avoid=["dkg:Organization"])
    assert p.hops[1].text == "The post Ann, PM, Government is the role of Prime Minister"


def test_no_path_unknown_name_and_bad_window():
    g = people("ann", "bob", "ann-marie").graph()
    with pytest.raises(QueryError, match="no path links Ann and Bob"):
        shortest_path(g, "ann", "bob")
    with pytest.raises(UnknownEntityError, match="did you mean"):
        shortest_path(g, "anne", "bob")
    with pytest.raises(QueryError, match="expected a date such as 2025-02-07"):
        shortest_path(g, "ann", "bob", start="last week")
    with pytest.raises(QueryError, match="starts"):
        shortest_path(g, "ann", "bob", start="2025", end="2024")


def test_window_keeps_events_whose_bounds_overlap():
    t = people("ann", "bob").event("m1", "ann", "bob", day="2020-05-01").event("m2", "ann", "bob", day="2024-03-03")
    t.event("m0", "ann", "bob")  # no bounds at all: kept only without a window
    g = t.graph()
    assert shortest_path(g, "ann", "bob").nodes[1] == I("m0")
    assert shortest_path(g, "ann", "bob", start="2024").nodes[1] == I("m2")
    assert shortest_path(g, "ann", "bob", end="2020-05").nodes[1] == I("m1")
    assert shortest_path(g, "ann", "bob", start=date(2020, 5, 1), end=date(2020, 5, 1)).nodes[1] == I("m1")
    with pytest.raises(QueryError, match="between 2021-01-01 and 2023-12-31"):
        shortest_path(g, "ann", "bob", start="2021", end="2023")


def test_statements_go_with_the_event_they_were_made_at():
    t = people("ann", "bob").event("m1", "ann", day="2020-05-01")
    t.add(I("st"), RDF_TYPE, DKG.Statement).add(I("st"), DKG.claim, Literal("Peace now."))
    t.add(I("st"), DKG.speaker, I("bob")).add(I("st"), DKG.statedAt, I("m1"))
    g = t.graph()
    assert [h.text for h in shortest_path(g, "bob", "ann").hops] == [
        "Bob said “Peace now.”", "“Peace now.” was said at Event m1", "Ann took part in Event m1"]
    with pytest.raises(QueryError, match="no path"):
        shortest_path(g, "bob", "ann", start="2021")


def test_explain_path_refuses_unlinked_pairs():
    g = people("ann", "bob").graph()
    with pytest.raises(QueryError, match="not linked"):
        explain_path(g, [I("ann"), I("bob")])


def test_parse_window():
    assert parse_window("2024-02", "2024-02") == (date(2024, 2, 1), date(2024, 2, 29))
    assert parse_window(None, "2023") == (None, date(2023, 12, 31))


# -- neighbours --------------------------------------------------------------------------------------------


def test_neighbors_by_depth_with_the_hop_that_reaches_them():
    g = people("ann", "bob", "cat").event("m1", "ann", "bob").event("m2", "bob", "cat").graph()
    assert [(n.iri, n.distance) for n in neighbors(g, "ann")] == [(I("m1"), 1)]
    found = neighbors(g, "ann", depth=3)
    assert [(n.label, n.distance) for n in found] == [("Event m1", 1), ("Bob", 2), ("Event m2", 3)]
    assert found[1].via.text == "Bob took part in Event m1"
    with pytest.raises(QueryError, match="depth"):
        neighbors(g, "ann", depth=0)


# -- the actor network -------------------------------------------------------------------------------------


def two_cliques() -> KnowledgeGraph:
    t = people("a1", "a2", "a3", "b1", "b2", "b3")
    for i, (x, y) in enumerate([("a1", "a2"), ("a1", "a3"), ("a2", "a3"), ("b1", "b2"), ("b1", "b3"),
                                ("b2", "b3"), ("a3", "b1")]):
        t.event(f"m{i}", x, y)
    return t.graph()


def test_rank_by_degree_breaks_ties_by_label():
    r = rank(two_cliques(), "degree")
    assert [(s.label, s.score) for s in r.scores] == [("A3", 3), ("B1", 3), ("A1", 2), ("A2", 2), ("B2", 2),
                                                      ("B3", 2)]
    assert [s.rank for s in r.scores] == [1, 2, 3, 4, 5, 6] and r.note == ""
    assert "A3" in r.table(limit=2) and "B2" not in r.table(limit=2)


def test_rank_by_betweenness_and_pagerank():
    g = two_cliques()
    assert [s.label for s in rank(g, "betweenness").scores[:2]] == ["A3", "B1"]
    assert rank(g, "betweenness").scores[0].score == pytest.approx(0.6)
    assert [s.label for s in rank(g, "pagerank").scores[:2]] == ["A3", "B1"]
    with pytest.raises(QueryError, match="cannot rank by 'fame'"):
        rank(g, "fame")


def test_betweenness_is_sampled_above_the_threshold(monkeypatch):
    monkeypatch.setattr(centrality, "BETWEENNESS_EXACT_MAX", 3)
    monkeypatch.setattr(centrality, "BETWEENNESS_SAMPLE", 4)
    g = two_cliques()
    r = rank(g, "betweenness")
    assert "estimated from 4 of 6 actors sampled with seed 0" in r.note and r.note in r.table()
    assert rank(g, "betweenness").scores == r.scores  # same seed, same estimate


def test_pagerank_matches_networkx():
    import networkx as nx  # its pagerank needs scipy (a test dependency); ours does not

    A = two_cliques().actors
    ours, theirs = pagerank(A), nx.pagerank(A, tol=1e-12)
    assert all(ours[u] == pytest.approx(theirs[u], abs=1e-9) for u in A)


def test_communities_split_the_two_cliques():
    found = communities(two_cliques())
    assert [c.labels for c in found] == [["A3", "A1", "A2"], ["B1", "B2", "B3"]]
    assert [c.events for c in found] == [3, 3]
    assert communities(two_cliques(), min_size=4) == []


def test_window_restricts_the_actor_network():
    g = people("ann", "bob", "cat").event("m1", "ann", "bob", day="2020-01-01").event("m2", "bob", "cat",
                                                                                       day="2024-01-01").graph()
    assert [(s.label, s.score) for s in rank(g, start="2024").scores] == [("Bob", 1), ("Cat", 1), ("Ann", 0)]


# -- the seed graph, answers worked out by hand ------------------------------------------------------------


def test_seed_path_from_pezeshkian_to_al_hassan(seed_graph):
    p = shortest_path(seed_graph, "masoud-pezeshkian", "mohammed-al-hassan")
    assert p.nodes == [I("masoud-pezeshkian"), I("iran"), I("mohammad-javad-zarif"),
                       I("zarif-meets-al-hassan-2025-02"), I("mohammed-al-hassan")]
    meeting = "Meeting of Mohammad Javad Zarif and Mohammed Al-Hassan"
    assert [str(h) for h in p.hops] == [
        "Masoud Pezeshkian belongs to the country Iran  [registry]",
        "Mohammad Javad Zarif belongs to the country Iran  [registry]",
        f"Mohammad Javad Zarif took part in {meeting} (between 2025-02-05 and 2025-02-07)  "
        "[zarif-visits-iraq-2025-02-07]",
        f"Mohammed Al-Hassan took part in {meeting} (between 2025-02-05 and 2025-02-07)  "
        "[zarif-visits-iraq-2025-02-07]",
    ]
    # Without countries, the visits to Baghdad link them.
    p = shortest_path(seed_graph, "Pezeshkian", "Al-Hassan", avoid=["dkg:Country"])
    assert [compact_id(n) for n in p.nodes] == ["masoud-pezeshkian", "pezeshkian-visit-to-baghdad-2024-09", "baghdad",
                                                "zarif-visit-to-iraq-2025-02", "zarif-meets-al-hassan-2025-02",
                                                "mohammed-al-hassan"]
    assert p.hops[0].text == "Masoud Pezeshkian took part in Visit of Masoud Pezeshkian to Baghdad (2024-09)"
    assert str(p.hops[0]).endswith("(2024-09)  [zarif-visits-iraq-2025-02-07]")  # the date is not said twice


def compact_id(iri: str) -> str:
    return iri[len(ID_NS):]


def test_seed_path_in_a_window(seed_graph):
    p = shortest_path(seed_graph, "Zarif", "Rashid", start="2025-02-06", end="2025-02-06")
    assert [compact_id(n) for n in p.nodes] == ["mohammad-javad-zarif", "zarif-meets-rashid-2025-02-06",
                                                "abdul-latif-rashid"]
    with pytest.raises(QueryError, match="no path links Masoud Pezeshkian and Abdul Latif Rashid"):
        shortest_path(seed_graph, "pezeshkian", "rashid", start="2024", end="2024",
                      avoid=["dkg:Country", "dkg:City", "dkg:Role", "dkg:Topic", "dkg:Organization"])


def test_seed_neighbors(seed_graph):
    assert [compact_id(n.iri) for n in neighbors(seed_graph, "Al-Hassan")] == [
        "zarif-meets-al-hassan-2025-02", "membership-mohammed-al-hassan-head-unami", "al-hassan-briefing-on-unami"]
    two = neighbors(seed_graph, "Al-Hassan", depth=2)
    assert {compact_id(n.iri) for n in two if n.distance == 2} == {
        "mohammad-javad-zarif", "iraq", "iraqi-security", "regional-developments", "palestinian-issue",
        "un-cooperation", "zarif-visit-to-iraq-2025-02", "zarif-regional-initiatives-and-un-support",
        "zarif-cooperation-with-unami", "unami", "head"}


def test_seed_rankings_put_zarif_first(seed_graph):
    by_degree = rank(seed_graph, "degree")
    assert (by_degree.scores[0].label, by_degree.scores[0].score) == ("Mohammad Javad Zarif", 6)
    assert {s.label for s in by_degree.scores if s.score == 1} == {
        "Abdul Latif Rashid", "Ammar al-Hakim", "Foreign Affairs Think Tank", "Mahmoud al-Mashhadani",
        "Mohammed Al-Hassan", "Mohammed Shia' Al-Sudani"}
    for by in ("betweenness", "pagerank"):
        assert rank(seed_graph, by).scores[0].label == "Mohammad Javad Zarif"
    assert all(s.score == 0 for s in rank(seed_graph, start="2024", end="2024").scores)


def test_seed_communities(seed_graph):
    (star,) = communities(seed_graph, min_size=2)
    assert star.labels[0] == "Mohammad Javad Zarif" and len(star.members) == 7 and star.events == 6


def test_bookkeeping_lists_are_documented():
    for term in ("prov:wasDerivedFrom", "prov:qualifiedDerivation", "skos:inScheme"):
        assert term in network.BOOKKEEPING_PREDICATES and term in network.__doc__
    assert SKOS.inScheme.endswith("inScheme")
