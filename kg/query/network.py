"""Graph queries over the networkx mirrors: paths, neighbours, rankings and communities.

Paths and neighbours run over the whole asserted graph (``KnowledgeGraph.nx``) taken as undirected:
people, organizations, places, events, memberships, statements and topics, so that two people who
never met are still connected through the posts, organizations and events that link them.
Bookkeeping is left out, or every pair of entities would be two hops apart through the article that
mentions both: the predicates in ``BOOKKEEPING_PREDICATES`` (``prov:wasDerivedFrom``,
``prov:qualifiedDerivation``, ``skos:inScheme``, ``dkg:datePrecision``, ...) and the nodes of the
classes in ``BOOKKEEPING_TYPES`` (source documents, derivations, the topic scheme).

Rankings and communities run over the actor network (``kg.graph.mirror.actor_network``): persons and
organizations linked by the events they shared.

Time windows (``start``/``end``, each a date or ``YYYY``, ``YYYY-MM``, ``YYYY-MM-DD``): an event is
kept when its ``[dkg:earliestDate, dkg:latestDate]`` bounds overlap the window; with a window, events
whose bounds are unknown are dropped, and so are statements not made at a kept event. Persons,
organizations, places, topics and memberships are timeless here and always kept.

Ties are broken deterministically: a path is the shortest one whose list of node IRIs is smallest;
rankings order equal scores by label, then IRI; communities come with a fixed seed.

>>> import kg
>>> g = kg.build("data", shacl=False)
>>> p = shortest_path(g, "Pezeshkian", "mohammed-al-hassan")
>>> len(p.hops), p.hops[0].text
(4, 'Masoud Pezeshkian belongs to the country Iran')
>>> [(r.label, r.score) for r in rank(g, "degree").scores[:2]]
[('Mohammad Javad Zarif', 6), ('Abdul Latif Rashid', 1)]
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass, field
from datetime import date
from typing import TYPE_CHECKING

from kg.errors import QueryError
from kg.facts.model import EVENT_CLASSES
from kg.names import name_key
from kg.query.centrality import (  # noqa: F401  (re-exported: the graph questions in one place)
    BETWEENNESS_EXACT_MAX,
    BETWEENNESS_SAMPLE,
    MEASURES,
    Community,
    Ranking,
    Score,
    communities,
    communities_table,
    pagerank,
    rank,
)
from kg.query.resolve import resolve
from kg.query.window import _kg, parse_window
from kg.table import format_table
from kg.vocab import compact

if TYPE_CHECKING:
    import networkx as nx
    from pyoxigraph import Store

    from kg.graph import KnowledgeGraph

#: Edges that record where a fact comes from or how it is filed, not how things are related.
BOOKKEEPING_PREDICATES = frozenset({
    "prov:wasDerivedFrom", "prov:qualifiedDerivation", "prov:entity", "skos:inScheme", "dkg:datePrecision",
    "dkg:dateline", "schema:publisher", "dkg:status", "owl:sameAs", "skos:exactMatch",
})
#: Nodes that only exist for provenance and filing.
BOOKKEEPING_TYPES = frozenset({"dkg:SourceDocument", "prov:Derivation", "dkg:TopicScheme"})
EVENT_TYPES = frozenset({"dkg:Event", *(f"dkg:{c}" for c, _, _ in EVENT_CLASSES.values())})

#: How each relation reads in words, subject ``{s}`` and object ``{o}``; the order is the preference
#: when two nodes are linked by several relations.
PHRASES = {
    "dkg:participant": "{o} took part in {s}",
    "org:member": "{o} held the post {s}",
    "org:organization": "the post {s} is in {o}",
    "dkg:invitedBy": "{s} was at the invitation of {o}",
    "dkg:speaker": "{o} said {s}",
    "dkg:accordingTo": "{s} is reported on the account of {o}",
    "dkg:statedAt": "{s} was said at {o}",
    "dkg:partOf": "{s} was part of {o}",
    "org:subOrganizationOf": "{s} is part of {o}",
    "dkg:destination": "{s} went to {o}",
    "dkg:location": "{s} took place in {o}",
    "dkg:about": "{s} is about {o}",
    "org:role": "the post {s} is the role of {o}",
    "dkg:country": "{s} belongs to the country {o}",
    "dkg:locatedIn": "{s} is located in {o}",
    "dkg:topic": "{s} was about the topic {o}",
    "skos:broader": "{s} is a narrower topic of {o}",
}
_PREFERENCE = {p: i for i, p in enumerate(PHRASES)}
# -- the link graph: the whole graph, undirected, without bookkeeping ----------------------------------


class _Links:
    """Neighbours of a node over the kept relations, in IRI order; nothing is copied."""

    def __init__(self, G: nx.MultiDiGraph, start: date | None, end: date | None, avoid: Iterable[str]):
        self.G = G
        skip, window = BOOKKEEPING_TYPES | set(avoid), start is not None or end is not None
        self.blocked, statements = set(), []
        for n, d in G.nodes(data=True):
            t = d["type"]
            if t in skip or (window and t in EVENT_TYPES and not _overlaps(d, start, end)):
                self.blocked.add(n)
            elif window and t == "dkg:Statement":
                statements.append(n)
        for n in statements:
            at = [v for v, keys in G.succ[n].items() if "dkg:statedAt" in keys]
            if not at or all(v in self.blocked for v in at):
                self.blocked.add(n)

    def __contains__(self, n: str) -> bool:
        return n in self.G and n not in self.blocked

    def __call__(self, u: str) -> list[str]:
        out = set()
        for adj in (self.G.succ[u], self.G.pred[u]):
            for v, keys in adj.items():
                if v not in self.blocked and any(k not in BOOKKEEPING_PREDICATES for k in keys):
                    out.add(v)
        out.discard(u)
        return sorted(out)


def _overlaps(d: dict, start: date | None, end: date | None) -> bool:
    lo, hi = d.get("dkg:earliestDate"), d.get("dkg:latestDate")
    if (start is not None and not isinstance(hi, date)) or (end is not None and not isinstance(lo, date)):
        return False
    return not ((start is not None and hi < start) or (end is not None and lo > end))


@dataclass(frozen=True)
class Hop:
    """One step of a path: ``source -> target`` (path order) linked by ``subject predicate object``."""

    source: str
    target: str
    subject: str
    predicate: str
    object: str
    text: str
    when: str | None = None
    sources: tuple[str, ...] = ()

    def __str__(self) -> str:
        when = f" ({self.when})" if self.when and self.when not in self.text else ""
        return f"{self.text}{when}  [{', '.join(self.sources) or 'registry'}]"


@dataclass(frozen=True)
class Connection:
    """A shortest connection: the nodes from the first entity to the second, and each hop in words."""

    nodes: list[str]
    hops: list[Hop]
    labels: list[str] = field(default_factory=list)

    def text(self) -> str:
        n = len(self.hops)
        head = f"{self.labels[0]} -> {self.labels[-1]}: {n} hop{'s' if n != 1 else ''}"
        return "\n".join([head] + [f"{i:>3}. {h}" for i, h in enumerate(self.hops, 1)])


def _name(G: nx.MultiDiGraph, n: str) -> str:
    d = G.nodes[n]
    if d.get("type") == "dkg:Statement" and isinstance(d.get("dkg:claim"), str):
        return f"“{d['dkg:claim']}”"
    return d.get("label") or compact(n)


def _when(G: nx.MultiDiGraph, n: str) -> str | None:
    d = G.nodes[n]
    if d.get("type") in EVENT_TYPES:
        lo, hi, day = d.get("dkg:earliestDate"), d.get("dkg:latestDate"), d.get("dkg:date")
        if day is not None:
            return str(day)
        if lo and hi:
            return f"between {lo} and {hi}"
        return f"on or before {hi}" if hi else f"on or after {lo}" if lo else "date unknown"
    if d.get("type") == "dkg:Membership" and d.get("dkg:attestedOn"):
        days = d["dkg:attestedOn"] if isinstance(d["dkg:attestedOn"], list) else [d["dkg:attestedOn"]]
        return f"attested on {days[0]}" + (f" to {days[-1]}" if len(days) > 1 else "")
    return None


def explain_path(graph: KnowledgeGraph | Store | nx.MultiDiGraph, nodes: list[str]) -> list[Hop]:
    """Say in words how each consecutive pair of ``nodes`` is linked: relation, date and source.

    >>> import kg
    >>> g = kg.build("data", shacl=False)
    >>> from kg.vocab import ID_NS
    >>> zarif, meeting = (ID_NS + x for x in ("mohammad-javad-zarif", "zarif-meets-al-hassan-2025-02"))
    >>> str(explain_path(g, [zarif, meeting])[0])  # doctest: +NORMALIZE_WHITESPACE
    'Mohammad Javad Zarif took part in Meeting of Mohammad Javad Zarif and Mohammed Al-Hassan
     (between 2025-02-05 and 2025-02-07)  [zarif-visits-iraq-2025-02-07]'
    """
    import networkx as nx

    G = graph if isinstance(graph, nx.MultiDiGraph) else _kg(graph).nx
    hops = []
    for u, v in zip(nodes, nodes[1:], strict=False):
        links = [(u, k, v, d) for k, d in G.succ[u].get(v, {}).items()]
        links += [(v, k, u, d) for k, d in G.succ[v].get(u, {}).items()]
        links = [x for x in links if x[1] not in BOOKKEEPING_PREDICATES]
        if not links:
            raise QueryError(f"{compact(u)} and {compact(v)} are not linked")
        s, p, o, d = min(links, key=lambda x: (_PREFERENCE.get(x[1], len(PHRASES)), x[1], x[0]))
        text = PHRASES.get(p, "{s} " + p + " {o}").format(s=_name(G, s), o=_name(G, o))
        when = _when(G, s) or _when(G, o)
        hops.append(Hop(u, v, s, p, o, text[0].upper() + text[1:], when, tuple(d.get("sources", ()))))
    return hops


def shortest_path(graph: KnowledgeGraph | Store, a: str, b: str, *, start: object = None, end: object = None,
                  avoid: Iterable[str] = ()) -> Connection:
    """The shortest connection from ``a`` to ``b`` (IRIs, ids, labels or aliases), explained hop by hop.

    ``avoid`` names classes (``"dkg:Topic"``, ``"dkg:Country"``) whose nodes the path may not pass.
    Raises ``QueryError`` when there is no connection.

    >>> import kg
    >>> p = shortest_path(kg.build("data", shacl=False), "Zarif", "Al-Hassan")
    >>> [compact(n) for n in p.nodes]
    ['id:mohammad-javad-zarif', 'id:zarif-meets-al-hassan-2025-02', 'id:mohammed-al-hassan']
    """
    g = _kg(graph)
    lo, hi = parse_window(start, end)
    source, target = resolve(g, a), resolve(g, b)
    links = _Links(g.nx, lo, hi, avoid)
    for n in (source, target):
        if n not in links:
            raise QueryError(f"{_name(g.nx, n)} is outside the graph searched (bookkeeping, avoided or out of window)")
    # Breadth-first from the target until the source is reached, then walk from the source always to
    # the smallest neighbour one step closer: the shortest path with the smallest list of IRIs.
    dist, frontier = {target: 0}, [target]
    while source not in dist and frontier:
        nxt = []
        for u in frontier:
            for v in links(u):
                if v not in dist:
                    dist[v] = dist[u] + 1
                    nxt.append(v)
        frontier = nxt
    if source not in dist:
        window = f" between {lo or 'the beginning'} and {hi or 'now'}" if lo or hi else ""
        raise QueryError(f"no path links {_name(g.nx, source)} and {_name(g.nx, target)}{window}")
    nodes = [source]
    while nodes[-1] != target:
        here = dist[nodes[-1]]
        nodes.append(next(v for v in links(nodes[-1]) if dist.get(v) == here - 1))
    return Connection(nodes, explain_path(g.nx, nodes), [_name(g.nx, n) for n in nodes])


@dataclass(frozen=True)
class Neighbor:
    """An entity ``distance`` hops away, reached ``via`` the hop from its parent on a shortest path."""

    iri: str
    label: str
    type: str | None
    distance: int
    via: Hop


def neighbors(graph: KnowledgeGraph | Store, x: str, depth: int = 1, *, start: object = None, end: object = None,
              avoid: Iterable[str] = ()) -> list[Neighbor]:
    """Everything within ``depth`` hops of ``x`` over the same links as paths, nearest first, then by type and label.

    >>> import kg
    >>> [(n.type, n.via.text) for n in neighbors(kg.build("data", shacl=False), "Al-Hassan")][-1]
    ('dkg:Statement', 'Mohammed Al-Hassan said “Al-Hassan briefed Zarif on UNAMI’s latest efforts in Iraq.”')
    """
    if depth < 1:
        raise QueryError(f"depth must be at least 1, got {depth}")
    g = _kg(graph)
    lo, hi = parse_window(start, end)
    links, root = _Links(g.nx, lo, hi, avoid), resolve(g, x)
    parent, frontier, found = {root: root}, [root], []
    for d in range(1, depth + 1):
        nxt = []
        for u in frontier:  # sorted, so each node's parent is its smallest one
            for v in links(u):
                if v not in parent:
                    parent[v] = u
                    nxt.append(v)
        found += [(d, v) for v in nxt]
        frontier = sorted(nxt)
    out = [Neighbor(v, _name(g.nx, v), g.nx.nodes[v]["type"], d, explain_path(g.nx, [parent[v], v])[0])
           for d, v in found]
    return sorted(out, key=lambda n: (n.distance, n.type or "", name_key(n.label), n.iri))


def neighbors_table(found: list[Neighbor]) -> str:
    """The neighbours as a text table, as ``kg neighbors`` prints it."""
    return format_table(["hops", "type", "entity", "id", "via"],
                        [[n.distance, n.type, n.label, compact(n.iri), n.via.text] for n in found])


__all__ = ["BOOKKEEPING_PREDICATES", "BOOKKEEPING_TYPES", "MEASURES", "Community", "Connection", "Hop", "Neighbor",
           "Ranking", "Score", "communities", "communities_table", "explain_path", "neighbors", "neighbors_table",
           "pagerank", "parse_window", "rank", "shortest_path"]
