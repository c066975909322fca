"""The page at corpus size: an overview instead of every node, and neighbourhoods or periods cut out on demand.

Above :data:`OVERVIEW_NODES` entities a page that draws everything is an unreadable square of lines (and, at a
million quads, tens of megabytes no browser lays out). ``overview(view, G)`` keeps instead:

* the countries, linked by the events their people shared (an edge "N events" between two countries);
* the :data:`TOP_ACTORS` most central persons and organizations (by how many others they met), each linked to
  the country it represents, and the events among them (at most :data:`MAX_EVENTS`, the busiest first);

and says, in ``View.notice``, what was left out and how to see it. ``neighbourhood(G, name)`` and
``period(G, start, end)`` cut a small view out of a large mirror without walking all of it (``kg serve`` answers
them on request; ``kg viz --focus`` and ``--from/--to`` write them as files).

>>> import kg
>>> g = kg.build("data", shacl=False)
>>> v = overview(kg.viz.build_view(g), g.nx, top=3)
>>> sorted(n["label"] for n in v.nodes if n["cls"] == "Country")
['Iran', 'Iraq', 'Palestine']
>>> [e["label"] for e in v.edges if e["relation"] == "dkg:eventsBetween"]
['5 events']
>>> v.notice.split(":")[0]
'Overview of 31 entities and 63 relations'
>>> len(neighbourhood(g.nx, "id:mohammed-shia-al-sudani", depth=1).nodes)
5
"""

from __future__ import annotations

from collections import Counter, defaultdict
from datetime import date
from typing import TYPE_CHECKING, Any

from kg.viz.options import ACTOR_CLASSES, BY_CURIE, EVENT_CLASSES, may_overlap, parse_date
from kg.viz.view import View, build_view

if TYPE_CHECKING:
    import networkx as nx

#: Above this many entities, ``kg viz`` writes the overview (``--all`` draws everything anyway).
OVERVIEW_NODES = 2000
TOP_ACTORS = 150
MAX_EVENTS = 400
#: Country pairs drawn (the busiest).
MAX_PAIRS = 200
#: A neighbourhood or a period returns at most this many entities (the busiest kept; the answer says so).
MAX_NODES = 2500
_WALK = frozenset(c for c in BY_CURIE) | {"dkg:Membership"}


def _country_of(G: nx.MultiDiGraph, n: str) -> str | None:
    for v, k in ((v, k) for _, v, k in G.out_edges(n, keys=True)):
        if k == "dkg:country":
            return v
    return None


def overview(view: View, G: nx.MultiDiGraph, *, top: int | None = None, max_events: int | None = None) -> View:
    """The overview of a large view (see the module docstring); ``top`` and ``max_events`` default to
    :data:`TOP_ACTORS` and :data:`MAX_EVENTS`."""
    top = TOP_ACTORS if top is None else top
    max_events = MAX_EVENTS if max_events is None else max_events
    byid = {n["id"]: n for n in view.nodes}
    actors = [n for n in view.nodes if BY_CURIE.get(f"dkg:{n['cls']}") and f"dkg:{n['cls']}" in ACTOR_CLASSES]
    country = {a["id"]: _country_of(G, a["iri"]) for a in actors}
    ids_of = {n["iri"]: n["id"] for n in view.nodes}
    participants: dict[str, set[str]] = defaultdict(set)
    for e in view.edges:
        if e["relation"] == "dkg:participant":
            participants[e["from"]].add(e["to"])
    pair_count: Counter = Counter()
    for people in participants.values():
        cs = sorted({ids_of.get(country[p]) for p in people if country.get(p) and country[p] in ids_of} - {None})
        for i, a in enumerate(cs):
            for b in cs[i + 1:]:
                pair_count[(a, b)] += 1
    periods = periods_of(view.nodes)
    ranked = sorted(actors, key=lambda a: (-a["value"], a["label"], a["id"]))[:top]
    keep_actors = {a["id"] for a in ranked}
    events = [ev for ev, people in participants.items() if len(people & keep_actors) >= 2]
    events.sort(key=lambda ev: (-len(participants[ev] & keep_actors), byid[ev].get("start") or "", ev))
    events = events[:max_events]
    countries = {n["id"] for n in view.nodes if n["cls"] == "Country"}
    kept = keep_actors | set(events) | countries
    edges = [e for e in view.edges if e["from"] in kept and e["to"] in kept
             and (e["relation"] != "dkg:participant" or e["to"] in keep_actors)]
    edges += pair_edges(pair_count)
    nodes = []
    for n in view.nodes:
        if n["id"] not in kept:
            continue
        if n["id"] in countries:
            n = {**n, "value": sum(c for (a, b), c in pair_count.items() if n["id"] in (a, b))}
        nodes.append(n)
    notice = notice_text(len(view.nodes), len(view.edges), len(countries), len(pair_count), len(keep_actors),
                         len(events), periods)
    return View(nodes, edges, view.classes, view.sources, start=view.start, end=view.end,
                options=dict(view.options), notice=notice, periods=periods)


def pair_edges(pair_count: Counter) -> list[dict[str, Any]]:
    """The edges "N events" between the :data:`MAX_PAIRS` busiest pairs of countries (page ids), in order."""
    busiest = sorted(sorted(pair_count.items(), key=lambda t: (-t[1], t[0]))[:MAX_PAIRS])
    return [{"from": a, "to": b, "label": f"{n:,} event{'s' if n != 1 else ''}", "relation": "dkg:eventsBetween",
             "sources": [], "details": [["Events between their people", [f"{n:,}"]]]} for (a, b), n in busiest]


def notice_text(entities: int, relations: int, countries: int, pairs: int, actors: int, events: int,
                periods: dict[str, Any]) -> str:
    """What an overview says it left out, and how to see it (``View.notice``)."""
    busiest = ", ".join(f"{m} ({c:,})" for m, c in sorted(periods["months"], key=lambda t: (-t[1], t[0]))[:3])
    return (f"Overview of {entities:,} entities and {relations:,} relations: too many to draw at once. Shown: "
            f"{countries:,} countries linked by the events of their people (the {min(MAX_PAIRS, pairs):,} busiest "
            f"pairs), the {actors:,} most central actors and {events:,} events among them"
            + (f"; the busiest months: {busiest}" if busiest else "")
            + ". To see the rest: kg viz --focus NAME (a neighbourhood) or --from/--to (a period), kg viz --all "
            "(everything), or kg serve, whose page opens neighbourhoods on demand (double-click a node).")


def periods_of(nodes: list[dict[str, Any]]) -> dict[str, Any]:
    """Events per month of a view's nodes (``View.periods``): an event counts in the month it is known to fall
    in (both bounds in it); one known only to the year, or to no date, is counted as ``unknown``.

    >>> periods_of([{"cls": "Meeting", "start": "2024-09-01", "end": "2024-09-30"},
    ...             {"cls": "Visit", "start": "2024-09-07", "end": "2024-09-07"},
    ...             {"cls": "Conference", "start": "2024-01-01", "end": "2024-12-31"}, {"cls": "Person"}])
    {'months': [['2024-09', 2]], 'unknown': 1}
    """
    months: Counter = Counter()
    unknown = 0
    for n in nodes:
        if f"dkg:{n['cls']}" not in EVENT_CLASSES:
            continue
        start, end = n.get("start"), n.get("end")
        if start and end and start[:7] == end[:7]:
            months[start[:7]] += 1
        else:
            unknown += 1
    return {"months": [[m, c] for m, c in sorted(months.items())], "unknown": unknown}


def _walk(G: nx.MultiDiGraph, center: str, depth: int) -> set[str]:
    """The drawable nodes within ``depth`` relations of ``center`` (memberships count as a step of their own, and
    one more ring of memberships and roles is added so that the role edges and details are whole)."""
    seen, frontier = {center}, {center}
    for _ in range(depth):
        nxt = set()
        for n in frontier:
            for v in list(G.successors(n)) + list(G.predecessors(n)):
                if v not in seen and G.nodes[v].get("type") in _WALK:
                    nxt.add(v)
            for m in [v for v in nxt if G.nodes[v].get("type") == "dkg:Membership"]:
                nxt |= {w for w in G.successors(m) if G.nodes[w].get("type") in _WALK}
        seen |= nxt
        frontier = nxt
    return seen


def _cut(G: nx.MultiDiGraph, nodes: set[str]) -> set[str]:
    """``nodes`` and what their details need: memberships, roles, statements, sources (for ``build_view``'s
    ``within``: the view reads only these, never a copy of them)."""
    extra = set()
    for n in nodes:
        # A place's predecessors are everything in it (a hub): only actors and events bring theirs.
        near = list(G.successors(n))
        if G.nodes[n].get("type") in ACTOR_CLASSES or G.nodes[n].get("type") in EVENT_CLASSES:
            near += list(G.predecessors(n))
        for v in near:
            t = G.nodes[v].get("type")
            if t in ("dkg:Membership", "dkg:Role", "dkg:Statement", "dkg:SourceDocument", "dkg:Topic") or t is None:
                extra.add(v)
    for m in [v for v in extra if G.nodes[v].get("type") in ("dkg:Membership", "dkg:Statement")]:
        extra |= set(G.successors(m))
    return nodes | extra


def neighbourhood(G: nx.MultiDiGraph, name: str, depth: int = 1, *, graph: Any = None,
                  types: Any = None) -> View:
    """The view of the entities within ``depth`` relations of ``name`` (an IRI, ``id:`` name, label or alias),
    read from the nodes near it only. ``graph`` (the KnowledgeGraph) resolves names as everywhere else."""
    from kg.viz.options import resolve_focus

    center = resolve_focus(G, name, graph)
    near = _walk(G, center, depth)
    if len(near) > MAX_NODES:
        near = _busiest(G, near, MAX_NODES, keep={center})
    view = build_view(G, focus=center, depth=depth, types=types, within=_cut(G, near))
    return view


def _busiest(G: nx.MultiDiGraph, nodes: set[str], limit: int, keep: set[str]) -> set[str]:
    ranked = sorted(nodes - keep, key=lambda n: (-G.degree(n), n))
    return keep | set(ranked[: limit - len(keep)])


def period(G: nx.MultiDiGraph, start: str | date | None, end: str | date | None, *, types: Any = None,
           index: list[tuple[date | None, date | None, str]] | None = None) -> View:
    """The view of the events that may fall between ``start`` and ``end`` and what they touch, at most
    :data:`MAX_NODES` entities (the events with most participants first). ``index`` is ``event_index(G)``,
    made once for many calls."""
    lo, hi = parse_date(start), parse_date(end, end=True)
    events = [n for a, b, n in (index if index is not None else event_index(G)) if may_overlap(a, b, lo, hi)]
    events.sort(key=lambda n: (-G.out_degree(n), n))
    nodes: set[str] = set()
    for ev in events:
        near = {ev} | {v for v in G.successors(ev) if G.nodes[v].get("type") in _WALK}
        if len(nodes | near) > MAX_NODES:
            break
        nodes |= near
    view = build_view(G, start=lo, end=hi, types=types, within=_cut(G, nodes))
    left = len(events) - sum(1 for n in view.nodes if f"dkg:{n['cls']}" in EVENT_CLASSES)
    if left > 0:
        view.notice = (f"{left:,} more events fall in this period; shown: the ones with most participants "
                       f"(at most {MAX_NODES:,} entities). Narrow the period to see them.")
    return view


def event_index(G: nx.MultiDiGraph) -> list[tuple[date | None, date | None, str]]:
    """Every event with its bounds, for :func:`period`."""
    from kg.viz.details import first_date

    return [(first_date(a, "dkg:earliestDate"), first_date(a, "dkg:latestDate"), n)
            for n, a in G.nodes(data=True) if a.get("type") in EVENT_CLASSES]
