"""Rankings and communities over the actor network (``kg.graph.mirror.actor_network``): persons and
organizations linked by the events they shared. Ties are broken by label, then IRI; seeded methods use
a fixed seed; betweenness is sampled above ``BETWEENNESS_EXACT_MAX`` actors.

>>> import kg
>>> g = kg.build("data", shacl=False)
>>> [(r.label, r.score) for r in rank(g, "degree").scores[:2]]
[('Mohammad Javad Zarif', 6), ('Abdul Latif Rashid', 1)]
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import TYPE_CHECKING

from kg.errors import QueryError
from kg.names import name_key
from kg.query.window import _kg, parse_window
from kg.table import format_table
from kg.vocab import compact

if TYPE_CHECKING:
    import networkx as nx
    from pyoxigraph import Store

    from kg.graph import KnowledgeGraph


#: The centralities `rank` knows.
MEASURES = ("degree", "betweenness", "pagerank")
#: Above this many actors, betweenness is estimated from ``BETWEENNESS_SAMPLE`` sampled sources.
BETWEENNESS_EXACT_MAX = 2000
BETWEENNESS_SAMPLE = 100


def _actors(g: KnowledgeGraph, start: object, end: object) -> nx.Graph:
    """The actor network with nodes and edges in sorted order, so that seeded algorithms are repeatable."""
    import networkx as nx

    from kg.graph.mirror import actor_network

    lo, hi = parse_window(start, end)
    A = g.actors if lo is None and hi is None else actor_network(g.store, lo, hi)
    H = nx.Graph()
    H.add_nodes_from(sorted(A.nodes(data=True)))
    H.add_edges_from(sorted((min(u, v), max(u, v), d) for u, v, d in A.edges(data=True)))
    return H


@dataclass(frozen=True)
class Score:
    rank: int
    iri: str
    label: str
    type: str
    score: float


@dataclass(frozen=True)
class Ranking:
    """Actors ranked by a centrality; ``note`` says when the scores are estimates."""

    by: str
    scores: list[Score]
    note: str = ""

    def table(self, limit: int | None = None) -> str:
        rows = [[s.rank, s.label, s.type, s.score if isinstance(s.score, int) else f"{s.score:.4f}", compact(s.iri)]
                for s in self.scores[:limit]]
        text = format_table(["rank", "actor", "type", self.by, "id"], rows)
        return f"{text}\n\n{self.note}" if self.note else text


def pagerank(G: nx.Graph, alpha: float = 0.85, tol: float = 1.0e-9, max_iter: int = 200) -> dict[str, float]:
    """Weighted PageRank by power iteration, in pure Python (networkx's own needs scipy).

    >>> import networkx as nx
    >>> pr = pagerank(nx.star_graph(3)); round(pr[0], 3), round(pr[1], 3)
    (0.48, 0.173)
    """
    n, out = len(G), {}
    if not n:
        return {}
    for u in G:  # each node's share of its rank, per neighbour, computed once
        strength = sum(d.get("weight", 1) for d in G.adj[u].values())
        out[u] = [(v, d.get("weight", 1) / strength) for v, d in G.adj[u].items()]
    dangling = [u for u in G if not out[u]]
    x = dict.fromkeys(G, 1.0 / n)
    for _ in range(max_iter):
        new = dict.fromkeys(G, (1.0 - alpha) / n + alpha * sum(x[u] for u in dangling) / n)
        for u, shares in out.items():
            xu = alpha * x[u]
            for v, w in shares:
                new[v] += xu * w
        err = sum(abs(new[u] - x[u]) for u in G)
        x = new
        if err < n * tol:
            break
    return x


def rank(graph: KnowledgeGraph | Store, by: str = "degree", *, start: object = None, end: object = None,
         seed: int = 0) -> Ranking:
    """Rank the actors by ``degree`` (distinct actors met), ``betweenness`` or ``pagerank``.

    Betweenness is exact up to ``BETWEENNESS_EXACT_MAX`` actors, else estimated from
    ``BETWEENNESS_SAMPLE`` sources drawn with ``seed``; the ``note`` of the result says so.

    >>> import kg
    >>> r = rank(kg.build("data", shacl=False), "betweenness"); r.scores[0].label, round(r.scores[0].score, 3), r.note
    ('Mohammad Javad Zarif', 0.165, '')
    """
    import networkx as nx

    if by not in MEASURES:
        raise QueryError(f"cannot rank by {by!r}: choose one of {', '.join(MEASURES)}")
    A, note = _actors(_kg(graph), start, end), ""
    if by == "degree":
        scores: dict[str, float] = dict(A.degree())
    elif by == "pagerank":
        scores = pagerank(A)
    elif len(A) <= BETWEENNESS_EXACT_MAX:
        scores = nx.betweenness_centrality(A)
    else:
        scores = nx.betweenness_centrality(A, k=BETWEENNESS_SAMPLE, seed=seed)
        note = (f"betweenness estimated from {BETWEENNESS_SAMPLE} of {len(A):,} actors sampled with seed {seed} "
                f"(exact only up to {BETWEENNESS_EXACT_MAX:,} actors)")
    order = sorted(A, key=lambda u: (-round(scores[u], 12), name_key(A.nodes[u]["label"]), u))
    return Ranking(by, [Score(i, u, A.nodes[u]["label"], A.nodes[u]["type"], scores[u])
                        for i, u in enumerate(order, 1)], note)


@dataclass(frozen=True)
class Community:
    """A group of actors more linked among themselves than to others; members by degree, then label."""

    number: int
    members: list[str]
    labels: list[str]
    events: int


def communities(graph: KnowledgeGraph | Store, *, start: object = None, end: object = None, min_size: int = 1,
                seed: int = 0) -> list[Community]:
    """Louvain communities of the actor network (weighted by shared events), largest first.

    >>> import kg
    >>> [c.labels[0] for c in communities(kg.build("data", shacl=False), min_size=2)]
    ['Mohammad Javad Zarif']
    """
    import networkx as nx

    A = _actors(_kg(graph), start, end)
    groups = nx.community.louvain_communities(A, weight="weight", seed=seed) if len(A) else []
    label = {u: A.nodes[u]["label"] for u in A}
    ordered = [sorted(c, key=lambda u: (-A.degree(u), name_key(label[u]), u)) for c in groups if len(c) >= min_size]
    ordered.sort(key=lambda c: (-len(c), name_key(label[c[0]]), c[0]))
    out = []
    for i, members in enumerate(ordered, 1):
        events = {e for u, v, evs in A.subgraph(members).edges(data="events") for e in evs}
        out.append(Community(i, members, [label[u] for u in members], len(events)))
    return out


def communities_table(found: list[Community], width: int = 100) -> str:
    """The communities as a text table, as ``kg communities`` prints it.

    >>> print(communities_table([Community(1, ["urn:a", "urn:b"], ["Ann", "Bob"], 1)]))
    #  size  events  members
    -  ----  ------  --------
    1  2     1       Ann, Bob
    """
    return format_table(["#", "size", "events", "members"],
                        [[c.number, len(c.members), c.events, ", ".join(c.labels)] for c in found], width)


__all__ = ["MEASURES", "Community", "Ranking", "Score", "communities", "communities_table", "pagerank", "rank"]
