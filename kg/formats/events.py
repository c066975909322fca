"""A dyadic event table, in the shape of GDELT, ICEWS and POLECAT data: one row per actor pair of each event.

``event_rows(triples, ontology)`` reads the merged view (the default graph: every asserted fact once) and the
ontology (the CAMEO code and PLOVER category of each event class) and gives the rows; ``write_events`` writes
them as CSV (``kg export --format events``) or TSV (``events-tsv``), RFC 4180 quoting, ``\\n`` line ends,
UTF-8, an empty cell for no value, sorted (earliest day, event, source actor, target actor): the same graph
gives the same bytes.

Who is the source and who the target of a row, by event kind (``directed`` says which rows are ordered):

- **visit, arrival** (CAMEO 042 make a visit): each visitor (``dkg:participant``) -> each host who invited it
  (``dkg:invitedBy``), else -> the country of the destination (or of the location), as GDELT codes a visit to
  a country; ordered;
- **reception** (043 host a visit): the host -> each guest, the host being the participant (or the inviter) of
  the country where the reception takes place; ordered. When that does not tell host from guest (no place,
  everyone or no one of its country), each pair unordered, as a meeting;
- **every other kind** (meeting, talks, phone call, conference, signing, joint statement, press conference):
  each unordered pair of participants once, the smaller id as source; ``directed`` is false. An event with a
  single participant gives one row with no target, so that no event is left out.

Columns (``COLUMNS``): the event (id, label, ``event_type`` as written in facts files, class, CAMEO code,
PLOVER category, status); its date as the sources give it (``date`` at its ``date_precision``: day, month,
year or unknown, and the ``earliest`` and ``latest`` possible days); the source and target actors (id, label,
country: an actor's ``dkg:country``, a country itself); the place (a visit's destination, another event's
location: id, label, country through ``dkg:locatedIn``); the evidence: the first sentence of the earliest
published source (then by id), that source's id and URL, and every source of the event (``sources``,
``num_sources``). CAMEO codes are text ("042"): read them as strings (``pandas.read_csv(..., dtype=str)``).

>>> from pyoxigraph import Literal, NamedNode, Triple
>>> D, I = "https://w3id.org/diplomatic-kg/ontology#", "https://w3id.org/diplomatic-kg/id/"
>>> def t(s, p, o):
...     return Triple(NamedNode(I + s), NamedNode(D + p if ":" not in p else p),
...                   o if isinstance(o, Literal) else NamedNode(I + o if ":" not in o else o))
>>> A = "http://www.w3.org/1999/02/22-rdf-syntax-ns#type"
>>> facts = [t("v", A, D + "Visit"), t("v", "participant", "a"), t("v", "destination", "x"),
...          t("x", A, D + "Country"), t("a", "country", "y"), t("y", A, D + "Country")]
>>> onto = [Triple(NamedNode(D + "Visit"), NamedNode(D + "cameoCode"), Literal("042"))]
>>> [(r["source_actor"], r["target_actor"], r["source_country"], r["cameo_code"]) for r in event_rows(facts, onto)]
[('a', 'x', 'y', '042')]
"""

from __future__ import annotations

import csv
import io
import re
from collections import defaultdict
from collections.abc import Iterable
from typing import Any

from kg.vocab import DKG, DKG_NS, ID_NS, PROV, RDF_TYPE, RDFS, SCHEMA

#: The columns of the table, in order.
COLUMNS = ("event_id", "event_label", "event_type", "event_class", "cameo_code", "plover_category", "status",
           "date", "date_precision", "earliest", "latest",
           "source_actor", "source_actor_label", "source_country",
           "target_actor", "target_actor_label", "target_country", "directed",
           "place", "place_label", "place_country",
           "evidence", "evidence_source", "source_url", "sources", "num_sources")
_SUBCLASS = "http://www.w3.org/2000/01/rdf-schema#subClassOf"
_PRECISION = {"http://www.w3.org/2006/time#unitDay": "day", "http://www.w3.org/2006/time#unitMonth": "month",
              "http://www.w3.org/2006/time#unitYear": "year", DKG.unknownPrecision: "unknown"}
_VISITS = frozenset({DKG.Visit, DKG.Arrival})


def _id(iri: str) -> str:
    return iri[len(ID_NS):] if iri.startswith(ID_NS) else iri


def _kebab(local: str) -> str:
    """``PhoneCall`` -> ``phone-call``, the type as facts files write it."""
    return re.sub(r"(?<!^)(?=[A-Z])", "-", local).lower()


class _Facts:
    """The triples, by subject and predicate: subject -> predicate -> sorted values."""

    def __init__(self, triples: Iterable[Any]):
        raw: dict[str, dict[str, set]] = defaultdict(lambda: defaultdict(set))
        for t in triples:
            if hasattr(t.subject, "value") and hasattr(t.object, "value"):
                raw[t.subject.value][t.predicate.value].add(t.object.value)
        self.by = {s: {p: sorted(v) for p, v in ps.items()} for s, ps in raw.items()}

    def all(self, s: str, p: str) -> list[str]:
        return self.by.get(s, {}).get(p, [])

    def one(self, s: str, p: str) -> str:
        values = self.all(s, p)
        return values[0] if values else ""

    def is_a(self, s: str, cls: str) -> bool:
        return cls in self.all(s, RDF_TYPE)


def _country(facts: _Facts, iri: str) -> str:
    """The country of an actor (itself if a country) or of a place (through ``dkg:locatedIn``)."""
    seen, todo = set(), [iri]
    while todo:
        x = todo.pop(0)
        if not x or x in seen:
            continue
        seen.add(x)
        if facts.is_a(x, DKG.Country):
            return x
        todo += facts.all(x, DKG.country) + facts.all(x, DKG.locatedIn)
    return ""


def _codes(ontology: Iterable[Any]) -> tuple[dict[str, tuple[str, str]], dict[str, set[str]]]:
    onto = _Facts(ontology)
    codes = {c: (onto.one(c, DKG.cameoCode), onto.one(c, DKG.ploverCategory)) for c in onto.by
             if onto.all(c, DKG.cameoCode)}
    supers = {c: set(onto.all(c, _SUBCLASS)) for c in onto.by}
    return codes, supers


def _class(facts: _Facts, event: str, codes: dict, supers: dict) -> str:
    coded = [c for c in facts.all(event, RDF_TYPE) if c in codes]
    specific = [c for c in coded if not any(c in supers.get(o, ()) for o in coded if o != c)]
    return specific[0] if specific else ""


def _pairs(facts: _Facts, event: str, cls: str, place: str) -> list[tuple[str, str, bool]]:
    """(source, target, directed) rows of an event (see the module's docstring)."""
    people = facts.all(event, DKG.participant)
    hosts = facts.all(event, DKG.invitedBy)
    if cls in _VISITS:
        targets = [h for h in hosts if h not in people] or [_country(facts, place)]
        return [(p, t, True) for p in people for t in targets if t and t != p] or [(p, "", True) for p in people]
    if cls == DKG.Reception:
        where = _country(facts, place)
        home = [p for p in dict.fromkeys(hosts + people) if where and _country(facts, p) == where]
        guests = [p for p in people if p not in home]
        if home and guests:
            return [(h, g, True) for h in home for g in guests]
    if len(people) == 1:
        return [(people[0], "", False)]
    return [(a, b, False) for i, a in enumerate(people) for b in people[i + 1:]]


def _evidence(facts: _Facts, event: str) -> tuple[str, str, str, list[str]]:
    """The first sentence of the earliest published source, that source and its URL, and every source."""
    sources = facts.all(event, PROV.wasDerivedFrom)
    sentences = {}
    for d in facts.all(event, PROV.qualifiedDerivation):
        for src in facts.all(d, PROV.entity):
            if facts.all(d, DKG.evidence):
                sentences[src] = facts.all(d, DKG.evidence)[0]
    ordered = sorted(sources, key=lambda s: (facts.one(s, SCHEMA.datePublished) or "9999", s))
    first = next((s for s in ordered if s in sentences), ordered[0] if ordered else "")
    return sentences.get(first, facts.one(event, DKG.evidence)), first, facts.one(first, SCHEMA.url), ordered


def event_rows(triples: Iterable[Any], ontology: Iterable[Any]) -> list[dict[str, str]]:
    """The rows of the event table, sorted, every cell a string ("" for no value)."""
    facts = _Facts(triples)
    codes, supers = _codes(ontology)
    rows = []
    for event in facts.by:
        cls = _class(facts, event, codes, supers)
        if not cls:
            continue
        # A visit's place is where the visitor went; another event's, where it was held.
        where = (DKG.destination, DKG.location) if cls in _VISITS else (DKG.location, DKG.destination)
        place = next(iter(facts.all(event, where[0]) + facts.all(event, where[1])), "")
        sentence, first, url, sources = _evidence(facts, event)
        common = {
            "event_id": _id(event), "event_label": facts.one(event, RDFS.label),
            "event_type": _kebab(cls[len(DKG_NS):]), "event_class": "dkg:" + cls[len(DKG_NS):],
            "cameo_code": codes[cls][0], "plover_category": codes[cls][1],
            "status": facts.one(event, DKG.status).removeprefix(DKG_NS),
            "date": facts.one(event, DKG.date),
            "date_precision": _PRECISION.get(facts.one(event, DKG.datePrecision), ""),
            "earliest": facts.one(event, DKG.earliestDate), "latest": facts.one(event, DKG.latestDate),
            "place": _id(place), "place_label": facts.one(place, RDFS.label),
            "place_country": _id(_country(facts, place)),
            "evidence": sentence, "evidence_source": _id(first), "source_url": url,
            "sources": "; ".join(_id(s) for s in sources), "num_sources": str(len(sources)),
        }
        for a, b, directed in _pairs(facts, event, cls, place):
            rows.append({**common, "source_actor": _id(a), "source_actor_label": facts.one(a, RDFS.label),
                         "source_country": _id(_country(facts, a)), "target_actor": _id(b),
                         "target_actor_label": facts.one(b, RDFS.label) if b else "",
                         "target_country": _id(_country(facts, b)) if b else "",
                         "directed": "true" if directed else "false"})
    rows.sort(key=lambda r: (r["earliest"] or "9999", r["event_id"], r["source_actor"], r["target_actor"]))
    return rows


def write_events(triples: Iterable[Any], ontology: Iterable[Any], delimiter: str = ",") -> str:
    """The event table as CSV (or TSV with ``delimiter="\\t"``), a header row then ``event_rows``.

    >>> print(write_events([], []), end="")  # doctest: +ELLIPSIS
    event_id,event_label,event_type,event_class,cameo_code,plover_category,status,date,...,num_sources
    """
    buf = io.StringIO()
    out = csv.writer(buf, delimiter=delimiter, lineterminator="\n")
    out.writerow(COLUMNS)
    for row in event_rows(triples, ontology):
        out.writerow([row[c] for c in COLUMNS])
    return buf.getvalue()


def write_events_tsv(triples: Iterable[Any], ontology: Iterable[Any]) -> str:
    """The event table as TSV (tabs and line ends inside a cell are quoted, as in CSV)."""
    return write_events(triples, ontology, "\t")


__all__ = ["COLUMNS", "event_rows", "write_events", "write_events_tsv"]
