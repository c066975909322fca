"""The text shown about an entity: in its tooltip (shortened) and in the details panel (in full).

Details are plain text, as a list of ``[field, [values]]``; the page inserts them with ``textContent`` only.
They are read from the whole mirror graph (``kg.graph.mirror``), so a node's details mention what the view
hides: the statements made by a person, the topics of an event, the roles a person holds.

>>> import networkx as nx
>>> G = nx.MultiDiGraph()
>>> G.add_node("m", label="Talks", type="dkg:Meeting", aliases=[], **{"dkg:date": "2025-01",
...            "dkg:timeExpression": "last month", "dkg:evidence": "They met last month."})
>>> G.add_node("p", label="A. Person", type="dkg:Person", aliases=["AP"])
>>> G.add_node("time:unitMonth", label="time:unitMonth", type=None, aliases=[])
>>> _ = G.add_edge("m", "p", key="dkg:participant", sources=[])
>>> _ = G.add_edge("m", "time:unitMonth", key="dkg:datePrecision", sources=[])
>>> for field in describe(Index(G), "m", {}):
...     print(field)
['Date', ['2025-01 (to the month; “last month”)']]
['Participants', ['A. Person']]
['Evidence', ['“They met last month.”']]
['Identifier', ['m']]
>>> describe(Index(G), "p", {})
[['Also known as', ['AP']], ['Took part in', ['Talks']], ['Identifier', ['p']]]
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Iterable
from datetime import date
from typing import TYPE_CHECKING

from kg.values import bounds_text
from kg.vocab import compact

if TYPE_CHECKING:
    import networkx as nx

#: At most this many values per field; the rest are counted ("… and 12 more").
MAX_VALUES = 50

#: Field names, in the order the panel lists them.
FIELDS = ("Also known as", "Date", "Place", "Destination", "Participants", "Invited by", "Part of", "Topics",
          "Roles", "Members", "Country", "Located in", "Speakers", "Claim", "Stated at", "About",
          "According to", "Broader topic", "Description", "Statements", "Took part in", "Invited to", "Includes",
          "Events here", "Sub-organizations", "Places in it", "Discussed at", "Narrower topics", "Source",
          "Evidence", "Identifier")

#: Outgoing relation -> field; incoming relation -> field (named from the object's side).
OUT_FIELDS = {"dkg:location": "Place", "dkg:destination": "Destination", "dkg:participant": "Participants",
              "dkg:invitedBy": "Invited by", "dkg:partOf": "Part of", "org:subOrganizationOf": "Part of",
              "dkg:topic": "Topics", "dkg:country": "Country", "dkg:locatedIn": "Located in",
              "dkg:speaker": "Speakers", "dkg:statedAt": "Stated at", "dkg:about": "About",
              "dkg:accordingTo": "According to", "skos:broader": "Broader topic"}
IN_FIELDS = {"dkg:participant": "Took part in", "dkg:invitedBy": "Invited to", "dkg:partOf": "Includes",
             "dkg:location": "Events here", "dkg:destination": "Events here",
             "org:subOrganizationOf": "Sub-organizations", "dkg:locatedIn": "Places in it",
             "dkg:topic": "Discussed at", "skos:broader": "Narrower topics"}
_PRECISION = {"time:unitDay": "to the day", "time:unitMonth": "to the month", "time:unitYear": "to the year",
              "dkg:unknownPrecision": "precision unknown"}


class Index:
    """Each node's outgoing and incoming relations, as ``(other node, relation)`` lists, read in one pass.

    Much faster than asking networkx for each node's edges, which builds view objects on every call.
    ``within`` (a set of nodes) reads only the relations among them: a piece of a large mirror, without
    copying it into a graph of its own (which costs more than the rest of a neighbourhood).
    """

    def __init__(self, G: nx.MultiDiGraph, within: set[str] | None = None):
        self.G = G
        #: The nodes of the index, in order: the mirror's, or ``within`` sorted.
        self.nodes: list[str] = list(G) if within is None else sorted(within)
        self.out: dict[str, list[tuple[str, str]]] = defaultdict(list)
        self.inc: dict[str, list[tuple[str, str]]] = defaultdict(list)
        #: Every edge as ``(u, v, relation, sources)``, in the mirror's order (of ``within``: by source node).
        if within is None:
            self.edges = list(G.edges(keys=True, data="sources", default=()))
        else:
            self.edges = [e for e in G.out_edges(self.nodes, keys=True, data="sources", default=())
                          if e[1] in within]
        for u, v, k, _ in self.edges:
            self.out[u].append((v, k))
            self.inc[v].append((u, k))
        self._labels: dict[str, str] = {}
        #: Node -> the id the page gives it (set by the view); other nodes are named by ``compact``.
        self.ids: dict[str, str] = {}

    def short(self, n: str) -> str:
        return self.ids.get(n) or compact(n)

    def label(self, n: str) -> str:
        got = self._labels.get(n)
        if got is None:
            got = self._labels[n] = str(self.G.nodes[n].get("label") or n)
        return got


def values(attrs: dict, key: str) -> list:
    """An attribute of the mirror as a list (the mirror stores one value bare, several as a sorted list)."""
    v = attrs.get(key)
    if v is None:
        return []
    return list(v) if isinstance(v, list) else [v]


def first_date(attrs: dict, key: str) -> date | None:
    """The earliest ``date`` value of an attribute (the bounds of an event), or None."""
    ds = [v for v in values(attrs, key) if isinstance(v, date)]
    return min(ds) if ds else None


def date_text(ix: Index, n: str) -> str | None:
    """An event's date at its precision, with the source's wording; None when nothing is known.

    Written from ``dkg:date`` (already at its precision: ``2025``, ``2025-01`` or a day) and
    ``dkg:datePrecision``; else from the bounds ``dkg:earliestDate`` / ``dkg:latestDate``.
    """
    a = ix.G.nodes[n]
    said = values(a, "dkg:timeExpression")
    wording = "; ".join(f"“{s}”" for s in said)
    dates = values(a, "dkg:date")
    if dates:
        precision = [_PRECISION.get(compact(v), compact(v)) for v, k in ix.out[n] if k == "dkg:datePrecision"]
        notes = "; ".join([*precision, *([wording] if wording else [])])
        text = " or ".join(str(d) for d in dates)
        return f"{text} ({notes})" if notes else text
    lo, hi = first_date(a, "dkg:earliestDate"), first_date(a, "dkg:latestDate")
    text = bounds_text(lo, hi)
    if text is None:
        return f"unknown ({wording})" if wording else None
    return f"{text} ({wording})" if wording else text


def source_titles(G: nx.MultiDiGraph, nodes: Iterable[str] | None = None) -> dict[str, str]:
    """Source id -> ``title (published)`` for every source document of the mirror (or among ``nodes``)."""
    from kg.vocab import ID_NS

    out = {}
    for n, a in (G.nodes(data=True) if nodes is None else ((n, G.nodes[n]) for n in nodes)):
        if a.get("type") == "dkg:SourceDocument":
            ident = (values(a, "dcterms:identifier") or [n.removeprefix(ID_NS)])[0]
            published = values(a, "schema:datePublished")
            out[str(ident)] = f"{a.get('label')} ({published[0]})" if published else str(a.get("label"))
    return dict(sorted(out.items()))


def membership(ix: Index, m: str) -> tuple[list[str], list[str], list[str]]:
    """The members, organizations and roles (node ids) of a ``dkg:Membership`` node."""
    got: dict[str, list[str]] = defaultdict(list)
    for v, k in ix.out[m]:
        got[k].append(v)
    return got["org:member"], got["org:organization"], got["org:role"]


def membership_details(ix: Index, m: str, titles: dict[str, str]) -> list[list]:
    """The details of a membership edge: role, when it is attested, its source and evidence."""
    a = ix.G.nodes[m]
    _, _, roles = membership(ix, m)
    fields = [["Role", sorted(ix.label(r) for r in roles)],
              ["Attested", [str(d) for d in values(a, "dkg:attestedOn")]],
              ["Source", _sources(ix, m, titles)],
              ["Evidence", [f"“{e}”" for e in values(a, "dkg:evidence")]]]
    return [f for f in fields if f[1]]


def _sources(ix: Index, n: str, titles: dict[str, str]) -> list[str]:
    from kg.vocab import ID_NS

    found = []
    for v, k in ix.out[n]:
        if k == "prov:wasDerivedFrom":
            ident = v.removeprefix(ID_NS)
            found.append(titles.get(ident) or ix.label(v))
    return sorted(set(found))


def _statement(ix: Index, s: str, *, speaker: bool, at: bool) -> str:
    a = ix.G.nodes[s]
    claim = "; ".join(f"“{c}”" for c in values(a, "dkg:claim")) or ix.label(s)
    parts = []
    out = ix.out[s]
    if speaker:
        names = sorted(ix.label(v) for v, k in out if k == "dkg:speaker")
        parts.append(" and ".join(names) + ": " if names else "")
    parts.append(claim)
    events = sorted(ix.label(v) for v, k in out if k == "dkg:statedAt")
    if at and events:
        parts.append(" (at " + "; ".join(events) + ")")
    lines = ["".join(parts)]
    lines += [f"evidence: “{e}”" for e in values(a, "dkg:evidence")]
    return "\n".join(lines)


def describe(ix: Index, n: str, titles: dict[str, str]) -> list[list]:
    """The details of node ``n`` of the mirror graph, as ``[[field, [values]], ...]`` in :data:`FIELDS` order."""
    G = ix.G
    a = G.nodes[n]
    fields: dict[str, list[str]] = defaultdict(list)
    fields["Also known as"] = list(a.get("aliases", ()))
    when = date_text(ix, n) if a.get("type") not in ("dkg:Person", "dkg:Organization") else None
    if when:
        fields["Date"].append(when)
    fields["Description"] = [str(v) for v in values(a, "schema:description")]
    fields["Claim"] = [f"“{v}”" for v in values(a, "dkg:claim")]
    for v, k in ix.out[n]:
        if k in OUT_FIELDS:
            fields[OUT_FIELDS[k]].append(ix.label(v))
    for u, k in ix.inc[n]:
        kind = G.nodes[u].get("type")
        if kind == "dkg:Membership":
            members, orgs, roles = membership(ix, u)
            role = ", ".join(sorted(ix.label(r) for r in roles)) or "member"
            attested = ", ".join(str(d) for d in values(G.nodes[u], "dkg:attestedOn"))
            when_said = f" (attested {attested})" if attested else ""
            if k == "org:member":
                fields["Roles"] += [f"{role}, {ix.label(o)}{when_said}" for o in orgs]
            elif k == "org:organization":
                fields["Members"] += [f"{ix.label(p)} ({role})" for p in members]
        elif kind == "dkg:Statement" and k in ("dkg:speaker", "dkg:statedAt"):
            fields["Statements"].append(_statement(ix, u, speaker=k == "dkg:statedAt", at=k == "dkg:speaker"))
        elif k in IN_FIELDS and kind != "dkg:Statement":
            fields[IN_FIELDS[k]].append(ix.label(u))
    fields["Source"] = _sources(ix, n, titles)
    fields["Evidence"] = [f"“{e}”" for e in values(a, "dkg:evidence")]
    fields["Identifier"] = [ix.short(n)]
    out = []
    for name in FIELDS:
        vals = fields.get(name)
        if not vals:
            continue
        if name not in ("Evidence", "Date", "Identifier"):
            vals = sorted(set(vals))
        if len(vals) > MAX_VALUES:
            vals = [*vals[:MAX_VALUES], f"… and {len(vals) - MAX_VALUES} more"]
        out.append([name, vals])
    return out
