"""The actor-centred view: which nodes and edges the page draws, derived from the mirror graph.

* Nodes: entities of the chosen classes (persons, organizations, places and events by default; topics and
  statements on request). Size is importance: for a person or organization, its degree in the actor network
  of the view (how many others it shared a drawn event with); for an event, its participants; for a place, the
  events held in it or going to it; for anything else, its distinct neighbours in the view.
* Edges: every relation between two drawn nodes, one edge per distinct (subject, relation, object); the
  relation's name is the label.
* Memberships are not nodes: each becomes a person -> organization edge labelled with the role.
* Statements are not nodes unless asked for: their claims are listed in the details of their speakers and
  of the events where they were made.
* A time window keeps the events that may fall in it (``kg.viz.options.may_overlap``) and the entities
  one relation away from them; a focus keeps the entities within ``depth`` relations of one entity.

>>> import networkx as nx
>>> G = nx.MultiDiGraph()                      # a mirror graph (kg.graph.mirror), as KnowledgeGraph.nx gives it
>>> for n, cls, label in [("p", "Person", "Ann Lee"), ("o", "Organization", "Council"), ("r", "Role", "Chair"),
...                       ("m", "Membership", "Ann Lee, Chair, Council"), ("e", "Meeting", "Talks")]:
...     G.add_node(n, type=f"dkg:{cls}", label=label, aliases=[])
>>> for u, v, k in [("m", "p", "org:member"), ("m", "o", "org:organization"), ("m", "r", "org:role"),
...                 ("e", "p", "dkg:participant")]:
...     _ = G.add_edge(u, v, key=k, sources=[])
>>> v = build_view(G)
>>> [(n["label"], n["value"]) for n in v.nodes]
[('Talks', 1), ('Council', 0), ('Ann Lee', 0)]
>>> [(e["from"], e["label"], e["to"]) for e in v.edges]
[('e', 'participant', 'p'), ('p', 'Chair', 'o')]
>>> [n["label"] for n in build_view(G, focus="ann lee", depth=1, types="person").nodes]
['Ann Lee']
"""

from __future__ import annotations

import functools
import re
from collections import defaultdict
from collections.abc import Iterable
from dataclasses import dataclass, field
from datetime import date
from typing import TYPE_CHECKING, Any

from kg.errors import QueryError
from kg.viz import details as _details
from kg.viz.options import (
    ACTOR_CLASSES,
    BY_CURIE,
    EVENT_CLASSES,
    PLACE_CLASSES,
    NodeClass,
    may_overlap,
    parse_date,
    parse_types,
    resolve_focus,
)
from kg.vocab import ID_NS, compact

if TYPE_CHECKING:
    import networkx as nx

    from kg.graph import KnowledgeGraph

#: Relations never drawn: provenance and bookkeeping (shown in details instead).
HIDDEN_RELATIONS = frozenset({"prov:wasDerivedFrom", "prov:qualifiedDerivation", "prov:entity", "skos:inScheme",
                              "dkg:datePrecision", "dkg:dateline"})
#: Edge labels that read better than the split local name.
EDGE_LABELS = {"org:subOrganizationOf": "part of", "skos:broader": "broader"}


@dataclass
class View:
    """What the page draws. ``nodes`` and ``edges`` are plain dicts, ready to become JSON.

    A node: ``id`` (compact, e.g. ``id:baghdad``), ``iri``, ``label``, ``cls`` (class name), ``aliases``,
    ``value`` (degree in the view), ``details`` and, for events, ``start``/``end`` (ISO dates or None).
    An edge: ``from``, ``to`` (node ids), ``label``, ``relation`` (compact predicate, or ``org:Membership``),
    ``sources`` (source ids) and, for memberships, ``details``.
    """

    nodes: list[dict[str, Any]]
    edges: list[dict[str, Any]]
    classes: list[NodeClass]
    sources: dict[str, str]
    focus: str | None = None
    depth: int | None = None
    start: date | None = None
    end: date | None = None
    options: dict[str, Any] = field(default_factory=dict)
    #: What the page leaves out and how to see it (an overview, a cut neighbourhood), shown above the graph.
    notice: str | None = None
    #: Events per month (an overview's busiest periods, drawn as a chart): ``{"months": [["2024-09", 12], ...],
    #: "unknown": N}``, the months in order, the events not known to one month counted apart.
    periods: dict[str, Any] | None = None

    def __repr__(self) -> str:
        return f"<View {len(self.nodes)} nodes, {len(self.edges)} edges>"


@functools.lru_cache(maxsize=1024)
def edge_label(relation: str) -> str:
    """The label of an edge: ``dkg:invitedBy`` -> ``invited by``.

    >>> edge_label("dkg:invitedBy"), edge_label("org:subOrganizationOf"), edge_label("http://x.org/a#b_c")
    ('invited by', 'part of', 'b c')
    """
    if relation in EDGE_LABELS:
        return EDGE_LABELS[relation]
    local = re.split(r"[:#/]", relation)[-1] or relation
    return re.sub(r"(?<=[a-z0-9])(?=[A-Z])", " ", local).replace("_", " ").lower()


def mirror_of(graph: KnowledgeGraph | nx.MultiDiGraph) -> nx.MultiDiGraph:
    """The mirror graph of a KnowledgeGraph (``graph.nx``), or the argument itself if it is one already."""
    return graph.nx if hasattr(graph, "store") else graph  # type: ignore[union-attr,return-value]


def build_view(graph: KnowledgeGraph | nx.MultiDiGraph, *, focus: str | None = None, depth: int = 2,
               start: str | date | None = None, end: str | date | None = None,
               types: str | Iterable[str] | None = None, within: set[str] | None = None) -> View:
    """The view of ``graph`` (a KnowledgeGraph, or a MultiDiGraph in the ``kg.graph.mirror`` format).

    ``types`` picks the classes (see ``kg.viz.options.parse_types``); ``start``/``end`` the time window;
    ``focus`` (an id, label or alias) and ``depth`` a neighbourhood. The focused entity's class is shown
    even when ``types`` leaves it out. ``within`` (nodes of the mirror) reads and shows only these nodes and
    the relations among them (``kg.viz.overview`` cuts neighbourhoods and periods out of a large mirror so).
    Raises ``QueryError`` / ``UnknownEntityError`` for bad options.
    """
    G = mirror_of(graph)
    classes = parse_types(types)
    lo, hi = parse_date(start), parse_date(end, end=True)
    if lo and hi and lo > hi:
        raise QueryError(f"the time window is empty: {lo} is after {hi}")
    if focus is not None and (isinstance(depth, bool) or not isinstance(depth, int) or depth < 0):
        raise QueryError(f"depth must be a whole number >= 0, got {depth!r}")
    center = resolve_focus(G, focus, graph) if focus is not None else None
    if center is not None and BY_CURIE[G.nodes[center]["type"]] not in classes:
        classes = [c for c in BY_CURIE.values() if c in classes or c.curie == G.nodes[center]["type"]]
    wanted = {c.curie for c in classes}
    ix = _details.Index(G, within)
    shown = {n for n in ix.nodes if G.nodes[n].get("type") in wanted}
    edges: list[dict[str, Any]] = [
        {"from": u, "to": v, "label": edge_label(k), "relation": k, "sources": list(sources)}
        for u, v, k, sources in ix.edges if u in shown and v in shown and k not in HIDDEN_RELATIONS]
    titles = _details.source_titles(G, None if within is None else ix.nodes)
    edges += _membership_edges(ix, shown, titles)

    if lo is not None or hi is not None:
        shown, edges = _window(G, shown, edges, lo, hi)
    if center is not None:
        if center not in shown:
            raise QueryError(f"{G.nodes[center]['label']!r} has no event in the time window")
        shown, edges = _neighbourhood(center, shown, edges, depth)

    ids = ix.ids = _short_ids(sorted(shown))
    importance = _importance(G, edges)
    nodes = []
    for n in sorted(shown):
        a = G.nodes[n]
        node = page_node(a, n, ids, importance(n))
        if a["type"] in EVENT_CLASSES:
            e_lo, e_hi = _details.first_date(a, "dkg:earliestDate"), _details.first_date(a, "dkg:latestDate")
            node["start"], node["end"] = e_lo and e_lo.isoformat(), e_hi and e_hi.isoformat()
        node["details"] = _details.describe(ix, n, titles)
        nodes.append(node)
    for e in edges:
        e["from"], e["to"] = ids[e["from"]], ids[e["to"]]
    present = {n["cls"] for n in nodes}
    return View(nodes, edges, [c for c in classes if c.name in present], titles,
                focus=ids.get(center) if center else None, depth=depth if center else None, start=lo, end=hi,
                options={"types": [c.name for c in classes]})


def page_node(attrs: dict[str, Any], n: str, ids: dict[str, str], value: int) -> dict[str, Any]:
    """What the page draws of the mirror node ``n`` (its ``attrs``): short id, IRI, label, class, aliases and
    importance ``value``; the caller adds dates and details."""
    return {"id": ids[n], "iri": n, "label": str(attrs.get("label") or ids[n]), "cls": BY_CURIE[attrs["type"]].name,
            "aliases": [str(x) for x in attrs.get("aliases", ())], "value": value}


def _importance(G: nx.MultiDiGraph, edges: list[dict[str, Any]]):
    """How big each drawn node is (see the module docstring), from the edges of the view."""
    neighbours: dict[str, set[str]] = defaultdict(set)
    participants: dict[str, set[str]] = defaultdict(set)
    hosted: dict[str, set[str]] = defaultdict(set)
    for e in edges:
        neighbours[e["from"]].add(e["to"])
        neighbours[e["to"]].add(e["from"])
        if e["relation"] == "dkg:participant":
            participants[e["from"]].add(e["to"])
        elif e["relation"] in ("dkg:location", "dkg:destination"):
            hosted[e["to"]].add(e["from"])
    partners: dict[str, set[str]] = defaultdict(set)
    for people in participants.values():
        for p in people:
            partners[p] |= people - {p}

    def value(n: str) -> int:
        kind = G.nodes[n]["type"]
        if kind in ACTOR_CLASSES:
            return len(partners[n])
        if kind in EVENT_CLASSES:
            return len(participants[n])
        if kind in PLACE_CLASSES:
            return len(hosted[n])
        return len(neighbours[n] - {n})

    return value


def _membership_edges(ix: _details.Index, shown: set[str], titles: dict[str, str]) -> list[dict[str, Any]]:
    out = []
    for m in sorted(n for n in ix.nodes if ix.G.nodes[n].get("type") == "dkg:Membership"):
        members, orgs, _ = _details.membership(ix, m)
        if any(p in shown and o in shown for p in members for o in orgs):
            out += membership_edges(membership_parts(ix, m, titles), shown)
    return out


def membership_parts(ix: _details.Index, m: str, titles: dict[str, str]) -> tuple:
    """What the page draws of a membership: (members, organizations, label, sources, details)."""
    members, orgs, roles = _details.membership(ix, m)
    label = ", ".join(sorted(ix.label(r) for r in roles)) or "member of"
    sources = sorted({v.removeprefix(ID_NS) for v, k in ix.out[m] if k == "prov:wasDerivedFrom"})
    return members, orgs, label, sources, _details.membership_details(ix, m, titles)


def membership_edges(parts: tuple, shown: set[str]) -> list[dict[str, Any]]:
    """A membership's edges (``membership_parts``) between the members and organizations ``shown``."""
    members, orgs, label, sources, details = parts
    return [{"from": p, "to": o, "label": label, "relation": "org:Membership", "sources": sources,
             "details": details} for p in members for o in orgs if p in shown and o in shown]


def _window(G: nx.MultiDiGraph, shown: set[str], edges: list[dict], lo: date | None, hi: date | None):
    events = {n for n in shown if G.nodes[n]["type"] in EVENT_CLASSES}
    in_window = {n for n in events if may_overlap(_details.first_date(G.nodes[n], "dkg:earliestDate"),
                                                  _details.first_date(G.nodes[n], "dkg:latestDate"), lo, hi)}
    kept = set(in_window)
    for e in edges:
        u, v = e["from"], e["to"]
        if u in in_window and v not in events:
            kept.add(v)
        elif v in in_window and u not in events:
            kept.add(u)
    return kept, [e for e in edges if e["from"] in kept and e["to"] in kept]


def _neighbourhood(center: str, shown: set[str], edges: list[dict], depth: int):
    adjacent: dict[str, set[str]] = defaultdict(set)
    for e in edges:
        adjacent[e["from"]].add(e["to"])
        adjacent[e["to"]].add(e["from"])
    kept, frontier = {center}, {center}
    for _ in range(depth):
        frontier = {m for n in frontier for m in adjacent[n]} - kept
        if not frontier:
            break
        kept |= frontier
    kept &= shown | {center}
    return kept, [e for e in edges if e["from"] in kept and e["to"] in kept]


def _short_ids(iris: list[str]) -> dict[str, str]:
    """IRI -> compact id for the page (``id:baghdad``); the full IRI wherever two would collide."""
    short = {n: compact(n) for n in iris}
    counts: dict[str, int] = defaultdict(int)
    for s in short.values():
        counts[s] += 1
    return {n: (s if counts[s] == 1 else n) for n, s in short.items()}
