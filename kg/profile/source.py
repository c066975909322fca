"""The source report: what one article says, fact by fact beside its sentences, and how it sits with the others.

For each fact of the source's graph: the fact as that source gives it, the sentences it quotes, and then
against the rest of the graph: which other sources report the same fact, what this source alone adds to it
(relations no other source states), and what it contradicts (``dkg:Conflict`` records naming the source,
and dates whose bounds do not overlap another source's).

>>> import kg
>>> g = kg.build("data", shacl=False)
>>> from kg.profile.dossier import dossier
>>> r = dossier(g, "zarif-visits-iraq-2025-02-07").report
>>> r.meta["published"], len(r.facts), sorted({f.kind for f in r.facts})
('2025-02-07', 32, ['Conference', 'Meeting', 'Membership', 'Statement', 'Visit'])
>>> f = next(f for f in r.facts if f.id == "zarif-meets-al-sudani-2025-02-06")
>>> f.also_in, f.contradicts, len(f.evidence)
([], [], 3)
"""

from __future__ import annotations

from collections import defaultdict
from dataclasses import dataclass, field
from datetime import date
from typing import TYPE_CHECKING, Any

from pyoxigraph import NamedNode

from kg.profile import facts as F
from kg.vocab import compact

if TYPE_CHECKING:
    from kg.graph import KnowledgeGraph
    from kg.profile.dossier import Dossier
    from kg.query.resolve import Match

#: Relations shown as a fact's lines, in this order, with their names; the others are listed after them.
SHOWN = {"dkg:participant": "participants", "dkg:speaker": "speakers", "org:member": "member", "org:role": "role",
         "org:organization": "organization", "dkg:postIn": "post in", "dkg:date": "date",
         "dkg:earliestDate": "earliest", "dkg:latestDate": "latest", "dkg:timeExpression": "wording",
         "dkg:attestedOn": "attested on", "dkg:startDate": "started", "dkg:endDate": "ended", "dkg:acting": "acting",
         "dkg:status": "status", "dkg:location": "place", "dkg:destination": "destination",
         "dkg:invitedBy": "invited by", "dkg:partOf": "part of", "dkg:claim": "claim", "dkg:statedAt": "stated at",
         "dkg:about": "about", "dkg:accordingTo": "according to", "dkg:topic": "topics",
         "schema:description": "description"}
#: Bookkeeping, never listed: provenance, the evidence (shown beside the fact), generated labels.
HIDDEN = {"prov:wasDerivedFrom", "prov:qualifiedDerivation", "dkg:evidence", "rdfs:label", "dkg:datePrecision"}
KIND_ORDER = ("Visit", "Conference", "Meeting", "Event", "Membership", "Statement")
#: Class names as words.
KIND_WORDS = {"PhoneCall": "phone call", "JointStatement": "joint statement", "PressConference": "press conference"}


def kind_word(kind: str) -> str:
    """``PhoneCall`` -> ``phone call``.

    >>> kind_word("PhoneCall"), kind_word("Visit")
    ('phone call', 'visit')
    """
    return KIND_WORDS.get(kind, kind.lower())


@dataclass
class SourceFact:
    """One fact as the source gives it: ``lines`` of (relation name, values), its sentences, and how it relates
    to the other sources: ``also_in`` (source ids), ``adds`` (lines only this source gives, when others report
    the fact too), ``contradicts`` (messages)."""

    iri: str
    kind: str
    label: str
    lines: list[tuple[str, list[str]]]
    evidence: list[str]
    also_in: list[str] = field(default_factory=list)
    adds: list[tuple[str, list[str]]] = field(default_factory=list)
    contradicts: list[str] = field(default_factory=list)
    start: date | None = None

    @property
    def id(self) -> str:
        return F.short(self.iri)


@dataclass
class Report:
    meta: dict[str, Any]
    facts: list[SourceFact]
    mentions: list[str]  # registry entities the source names without stating a fact about them
    conflicts: list[dict[str, Any]]


def _lines(f: F.Fact, keep: set[tuple[str, str]] | None = None) -> list[tuple[str, list[str]]]:
    by: dict[str, list[str]] = defaultdict(list)
    for p, vals in f.values.items():
        name = compact(p)
        if name in HIDDEN:
            continue
        for v in vals:
            if keep is not None and (p, str(v)) not in keep:
                continue
            text = f.labels.get(v, compact(v).removeprefix("dkg:") if "://" in str(v) else str(v)) \
                if isinstance(v, str) else str(v)
            by[SHOWN.get(name, name)].append(text)
    if "date" in by:  # the bounds of a date are the date itself: said once
        by.pop("earliest", None)
        by.pop("latest", None)
    order = list(SHOWN.values())
    return [(k, sorted(set(v))) for k, v in sorted(by.items(), key=lambda kv: (
        order.index(kv[0]) if kv[0] in order else len(order), kv[0]))]


def _kind(f: F.Fact) -> str:
    for c in (*F.EVENT_CLASSES, "Membership", "Statement"):
        if F.DKG + c in f.types:
            return c
    return "Fact"


def report(graph: KnowledgeGraph, iri: str) -> Report:
    """The report of the source ``iri`` (a ``dkg:SourceDocument``)."""
    src = {"src": NamedNode(iri)}
    meta: dict[str, Any] = {"id": F.short(iri)}
    for r in F.rows(graph, """SELECT ?p ?o ?ol ?src WHERE { ?src ?p ?o . OPTIONAL { ?o rdfs:label ?ol }
        VALUES ?p { dcterms:title schema:datePublished dkg:dateline dkg:retrievedOn dcterms:language } }""", src):
        meta[compact(r["p"]).split(":")[1]] = str(r["ol"] or r["o"])
    meta = {"title": meta.pop("title", meta["id"]), "published": meta.pop("datePublished", None), **meta}
    # What the source says (its graph); the fact types come from the default graph, since a source may mention
    # a known fact by id only.
    facts_of = ("GRAPH ?src { ?f prov:wasDerivedFrom ?src } { " + F.IS_EVENT.replace("?e ", "?f ")
                + " } UNION { ?f a dkg:Membership } UNION { ?f a dkg:Statement }")
    said = F.read_facts(graph, facts_of, src, var="f", within="src")
    kinds = F.read_facts(graph, facts_of, src, var="f")
    others: dict[str, set[str]] = defaultdict(set)
    for r in F.rows(graph, """SELECT DISTINCT ?f ?other ?src WHERE { GRAPH ?src { ?f prov:wasDerivedFrom ?src }
        GRAPH ?other { ?f prov:wasDerivedFrom ?other } ?other a dkg:SourceDocument FILTER(?other != ?src) }""", src):
        others[r["f"]].add(F.short(r["other"]))
    alone: dict[str, set[tuple[str, str]]] = defaultdict(set)
    for r in F.rows(graph, """SELECT DISTINCT ?f ?p ?o ?src WHERE {
        GRAPH ?src { ?f prov:wasDerivedFrom ?src . ?f ?p ?o }
        FILTER NOT EXISTS { GRAPH ?other { ?f ?p ?o } ?other a dkg:SourceDocument FILTER(?other != ?src) } }""", src):
        if r["f"] in others:
            alone[r["f"]].add((r["p"], str(r["o"])))
    bounds = _other_bounds(graph, src)
    conflicts = F.conflicts(graph, "GRAPH ?src { ?f prov:wasDerivedFrom ?src }", src)
    named = [c for c in conflicts if meta["id"] in c["sources"] or not c["sources"]]
    facts = []
    for iri_f, f in said.items():
        whole = kinds.get(iri_f, f)
        f.types |= whole.types
        kind = _kind(f)
        ev = [s for v in f.evidence.values() for s in v] or [str(s) for s in f.get("evidence")]
        sf = SourceFact(iri_f, kind, whole.label, _lines(f), sorted(set(ev), key=ev.index))
        sf.also_in = sorted(others.get(iri_f, ()))
        if sf.also_in:
            sf.adds = _lines(f, alone.get(iri_f, set()))
        lo = next(iter(f.get("earliestDate")), None)
        hi = next(iter(f.get("latestDate")), None)
        sf.start = lo
        for other, (olo, ohi) in sorted(bounds.get(iri_f, {}).items()):
            if (lo and ohi and lo > ohi) or (hi and olo and hi < olo):
                sf.contradicts.append(f"its date ({lo} to {hi}) does not overlap {other}'s ({olo} to {ohi})")
        sf.contradicts += [str(c["comment"] or c["kind"]) for c in named if c["fact"] == sf.id]
        facts.append(sf)
    facts.sort(key=lambda s: (KIND_ORDER.index(s.kind) if s.kind in KIND_ORDER else 2, s.start or date.max,
                              s.label, s.iri))
    mentions = sorted(str(r["l"]) for r in F.rows(graph, """SELECT DISTINCT ?x ?l ?src WHERE {
        GRAPH ?src { ?x prov:wasDerivedFrom ?src FILTER NOT EXISTS { ?x a ?t } } ?x rdfs:label ?l
        FILTER NOT EXISTS { ?x dkg:participant ?anyone } FILTER NOT EXISTS { ?x a dkg:Membership }
        FILTER NOT EXISTS { ?x a dkg:Statement } }""", src))
    return Report(meta, facts, mentions, named)


def _other_bounds(graph: KnowledgeGraph, src: dict[str, Any]) -> dict[str, dict[str, tuple]]:
    """Fact -> other source -> (earliest, latest) as that other source gives them."""
    out: dict[str, dict[str, tuple]] = defaultdict(dict)
    for r in F.rows(graph, """SELECT DISTINCT ?f ?other ?lo ?hi ?src WHERE {
        GRAPH ?src { ?f prov:wasDerivedFrom ?src ; dkg:earliestDate|dkg:latestDate ?any }
        GRAPH ?other { ?f prov:wasDerivedFrom ?other
          OPTIONAL { ?f dkg:earliestDate ?lo } OPTIONAL { ?f dkg:latestDate ?hi } }
        ?other a dkg:SourceDocument FILTER(?other != ?src) }""", src):
        out[r["f"]][F.short(r["other"])] = (r["lo"], r["hi"])
    return out


def source_dossier(graph: KnowledgeGraph, m: Match) -> Dossier:
    """A source report, as a dossier (``Dossier.report``)."""
    from kg.profile.dossier import Dossier

    r = report(graph, m.iri)
    names = {"id": "Identifier", "retrievedOn": "Retrieved on"}
    about = [[names.get(k, k.capitalize()), [str(v)]] for k, v in r.meta.items() if v and k != "title"]
    counts: dict[str, int] = defaultdict(int)
    for f in r.facts:
        counts[f.kind] += 1
    about.append(["Facts", [", ".join(f"{n} {kind_word(k)}{'s' if n != 1 else ''}" for k, n in counts.items())]])
    new = sum(1 for f in r.facts if not f.also_in)
    clash = sum(1 for f in r.facts if f.contradicts)
    about.append(["Against the rest of the graph",
                  [f"{new} of {len(r.facts)} facts are reported by this source alone; "
                   f"{clash} contradict{'s' if clash == 1 else ''} another source"]])
    return Dossier("source", m.iri, str(r.meta["title"]), about=about, report=r, conflicts=r.conflicts,
                   titles=F.source_titles(graph))
