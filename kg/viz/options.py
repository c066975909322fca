"""What a view may show and how it is chosen: node classes, ``--types``, dates and ``--focus``.

Every class the visualizer can draw is declared once, in :data:`CLASSES`, with its colour and shape;
``--types`` names classes or the groups they belong to.

>>> [c.name for c in parse_types("person, events")]
['Person', 'Meeting', 'Visit', 'Conference', 'Event']
>>> parse_date("2025-02", end=True)
datetime.date(2025, 2, 28)
"""

from __future__ import annotations

import difflib
from collections.abc import Iterable
from dataclasses import dataclass
from datetime import date
from typing import TYPE_CHECKING

from kg.errors import QueryError, UnknownEntityError

if TYPE_CHECKING:
    import networkx as nx


@dataclass(frozen=True)
class NodeClass:
    """A class of entities as the page draws it: ``dkg:<name>``, its ``--types`` group, colour and shape."""

    name: str
    group: str
    color: str
    shape: str

    @property
    def curie(self) -> str:
        return f"dkg:{self.name}"


#: Every class the page can draw, in legend order. Shapes keep the label outside the symbol (sized by importance),
#: except topics, drawn as tags. Colours are Tableau 10, readable on white and by most colour-blind readers.
CLASSES: tuple[NodeClass, ...] = (
    NodeClass("Person", "person", "#4e79a7", "dot"),
    NodeClass("Organization", "organization", "#f28e2b", "square"),
    NodeClass("Country", "place", "#59a14f", "hexagon"),
    NodeClass("City", "place", "#8cd17d", "hexagon"),
    NodeClass("Region", "place", "#499894", "hexagon"),
    NodeClass("Place", "place", "#59a14f", "hexagon"),
    NodeClass("Meeting", "event", "#e15759", "diamond"),
    NodeClass("Visit", "event", "#b07aa1", "triangle"),
    NodeClass("Conference", "event", "#ff9da7", "star"),
    NodeClass("Event", "event", "#e15759", "diamond"),
    NodeClass("Topic", "topic", "#edc948", "box"),
    NodeClass("Statement", "statement", "#9c755f", "triangleDown"),
)
BY_CURIE = {c.curie: c for c in CLASSES}
GROUPS = tuple(dict.fromkeys(c.group for c in CLASSES))
#: The actor-centred view: what ``kg viz`` shows without ``--types``.
DEFAULT_GROUPS = ("person", "organization", "place", "event")
EVENT_CLASSES = frozenset(c.curie for c in CLASSES if c.group == "event")
ACTOR_CLASSES = frozenset(c.curie for c in CLASSES if c.group in ("person", "organization"))
PLACE_CLASSES = frozenset(c.curie for c in CLASSES if c.group == "place")


def parse_types(types: str | Iterable[str] | None) -> list[NodeClass]:
    """The classes to show, from group names (``person``, ``place``, ...), class names (``visit``, ``dkg:City``)
    or ``all``; a comma-separated string or a list. ``None`` is the actor-centred default.

    >>> [c.name for c in parse_types(["dkg:City", "topics"])]
    ['City', 'Topic']
    >>> parse_types("persons, plaice")
    Traceback (most recent call last):
    ...
    kg.errors.QueryError: unknown type 'plaice' in types: choose among all, person, organization, place, \
event, topic, statement or a class such as visit or dkg:City
    """
    if types is None:
        wanted = set(DEFAULT_GROUPS)
        return [c for c in CLASSES if c.group in wanted]
    tokens = types.split(",") if isinstance(types, str) else list(types)
    chosen: set[str] = set()
    for raw in tokens:
        token = str(raw).strip().casefold()
        if not token:
            continue
        name = token.removeprefix("dkg:")
        candidates = (name, name[:-1]) if name.endswith("s") else (name,)
        for cand in candidates:
            if cand == "all":
                chosen.update(c.curie for c in CLASSES)
                break
            if cand in GROUPS:
                chosen.update(c.curie for c in CLASSES if c.group == cand)
                break
            match = [c.curie for c in CLASSES if c.name.casefold() == cand]
            if match:
                chosen.update(match)
                break
        else:
            raise QueryError(f"unknown type {raw.strip()!r} in types: choose among all, {', '.join(GROUPS)} "
                             "or a class such as visit or dkg:City")
    if not chosen:
        raise QueryError("types is empty: name at least one class or group")
    return [c for c in CLASSES if c.curie in chosen]




def parse_date(value: str | date | None, *, end: bool = False) -> date | None:
    """A window bound (see ``kg.query.window.parse_bound``: the same rules as ``kg rank --from``).

    >>> parse_date("2024"), parse_date("2024", end=True)
    (datetime.date(2024, 1, 1), datetime.date(2024, 12, 31))
    """
    from kg.query.window import parse_bound

    return parse_bound(value, end=end)


def may_overlap(lo: date | None, hi: date | None, start: date | None, end: date | None) -> bool:
    """Whether an event bounded by [lo, hi] may fall in the window [start, end], as ``kg.graph.mirror.actor_network``
    decides it: an unknown bound never overlaps a window bound that is set.

    >>> may_overlap(date(2025, 1, 1), date(2025, 1, 31), date(2025, 1, 15), None)
    True
    >>> may_overlap(None, date(2025, 2, 7), date(2025, 1, 1), date(2025, 12, 31))
    False
    """
    if start is not None and (hi is None or hi < start):
        return False
    return not (end is not None and (lo is None or lo > end))


def resolve_focus(G: nx.MultiDiGraph, name: str, graph: object = None) -> str:
    """The node of ``G`` (the ``kg.graph.mirror`` graph) called ``name``: its IRI, ``id:`` name, bare id, label or
    alias, matched regardless of case, accents and punctuation. Raises ``UnknownEntityError`` with suggestions,
    or ``QueryError`` when the name is ambiguous or names something the page does not draw (a role...).

    With the KnowledgeGraph as ``graph``, names are resolved by ``kg.query.resolve``, as everywhere else;
    a bare mirror graph is searched here, the same way.
    """
    if graph is not None and hasattr(graph, "store"):
        from kg.query.resolve import resolve

        found = resolve(graph, name)  # type: ignore[arg-type]
        kind = G.nodes[found].get("type") if found in G else None
        if kind not in BY_CURIE:
            label = G.nodes[found].get("label", found) if found in G else found
            raise QueryError(f"{name!r} names {label} ({kind or 'untyped'}), which the visualizer does not draw")
        return found
    from kg.names import name_key
    from kg.vocab import ID_NS

    wanted = name.strip()
    for candidate in (wanted, ID_NS + wanted.removeprefix("id:")):
        if candidate in G and G.nodes[candidate].get("type") in BY_CURIE:
            return candidate
    key = name_key(wanted)
    by_key: dict[str, set[str]] = {}
    for node, attrs in G.nodes(data=True):
        if attrs.get("type") not in BY_CURIE:
            continue
        for text in (attrs.get("label") or "", *attrs.get("aliases", ())):
            by_key.setdefault(name_key(text), set()).add(node)
    found_all = sorted(by_key.get(key, ()))
    if len(found_all) == 1:
        return found_all[0]
    if found_all:
        listed = ", ".join(f"{G.nodes[n]['label']} ({n.removeprefix(ID_NS)})" for n in found_all)
        raise QueryError(f"{name!r} names several entities: {listed}; give an id")
    close = difflib.get_close_matches(key, list(by_key), n=3, cutoff=0.6)
    suggestions = sorted({(n.removeprefix(ID_NS), G.nodes[n]["label"]) for k in close for n in by_key[k]})
    raise UnknownEntityError(name, suggestions)
