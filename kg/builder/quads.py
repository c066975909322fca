"""Facts -> the dataset, as N-Quads text grouped by graph: one graph per source, the merged view, the registry.

- each source's named graph (named by the source's IRI) holds exactly what that source says: its facts at its
  own precision and bounds, its places, participants, wording, evidence and derivation;
- the **default graph** holds the merged view (``kg.builder.merge``): the registry and every fact merged
  across sources, each triple once;
- ``https://w3id.org/diplomatic-kg/graph/registry`` holds the registry;
- ``https://w3id.org/diplomatic-kg/graph/conflicts`` one ``dkg:Conflict`` node per disagreement.

Lines are written as text (terms in their N-Triples form), not as Python term objects: building the text and
loading it into Oxigraph in one call is several times faster than creating a term object per quad.

>>> iri("mohammad-javad-zarif")
'https://w3id.org/diplomatic-kg/id/mohammad-javad-zarif'
>>> iri('a b>"c')
'https://w3id.org/diplomatic-kg/id/a%20b%3E%22c'
>>> lit('say "hi"\\n', "en"), lit("2025", dt=XSD.gYear)
('"say \\\\"hi\\\\"\\\\n"@en', '"2025"^^<http://www.w3.org/2001/XMLSchema#gYear>')
"""

from __future__ import annotations

import hashlib
from collections import defaultdict
from dataclasses import dataclass
from datetime import date
from urllib.parse import quote

from kg.builder.merge import Conflict, Merged, MergedEvent, MergedMembership
from kg.facts.dates import When
from kg.facts.model import EVENT_CLASSES, Entity, Event, Facts, Membership, Source, Statement
from kg.vocab import (
    CONFLICTS_GRAPH,
    DCTERMS,
    DKG,
    DKG_NS,
    ID_NS,
    ORG,
    OWL,
    PROV,
    RDF_TYPE,
    RDFS,
    REGISTRY_GRAPH,
    SCHEMA,
    SKOS,
    TIME,
    XSD,
)

#: The default graph, as a key of ``Dataset.graphs``.
DEFAULT = ""
_PRECISION = {"day": TIME.unitDay, "month": TIME.unitMonth, "year": TIME.unitYear, "unknown": DKG.unknownPrecision}
_CLASS = {"person": DKG.Person, "organization": DKG.Organization, "role": DKG.Role, "topic": DKG.Topic,
          "agreement": DKG.Agreement, "country": DKG.Country, "city": DKG.City, "region": DKG.Region,
          "venue": DKG.Venue, **{t: DKG_NS + c for t, (c, _, _) in EVENT_CLASSES.items()}}
#: The concept scheme of the topics; outside id/ so that it can never clash with an entity id.
TOPIC_SCHEME = "https://w3id.org/diplomatic-kg/topics"
_CONFLICT_NS = "https://w3id.org/diplomatic-kg/conflict/"
_ESCAPES = {i: f"\\u{i:04X}" for i in [*range(0x20), 0x7F]}
_ESCAPES.update({ord("\\"): "\\\\", ord('"'): '\\"', ord("\n"): "\\n", ord("\r"): "\\r", ord("\t"): "\\t"})
_TRUE = f'"true"^^<{XSD.boolean}>'
_TERM_STARTS = ('"', "_")


def iri(ident: str) -> str:
    """The IRI of an id; ids are validated slugs, but encode anyway so no string can break an IRI."""
    return ID_NS + quote(ident, safe="-._~")


def lit(value: str, lang: str | None = None, dt: str | None = None) -> str:
    """A literal in N-Triples form: text (with a language), or a typed value."""
    text = '"' + value.translate(_ESCAPES) + '"'
    if lang:
        return f"{text}@{lang}"
    return f"{text}^^<{dt}>" if dt and dt != XSD.string else text


def day(d: date) -> str:
    return lit(d.isoformat(), dt=XSD.date)


def _when_literal(w: When) -> str | None:
    got = w.literal()
    return lit(got[0], dt=XSD[got[1]]) if got else None


@dataclass(frozen=True)
class Origin:
    """Where a node was written by hand: used to point SHACL violations back at the line to fix."""

    file: str
    line: int
    path: str


class Dataset:
    """N-Triples lines by graph (``DEFAULT`` is the default graph); ``add`` writes one triple."""

    def __init__(self) -> None:
        self.graphs: dict[str, list[str]] = defaultdict(list)

    def add(self, g: str, s: str, p: str, o: str) -> None:
        """``o`` is a term in N-Triples form (``lit``, ``day``) or an IRI (written ``<...>`` here)."""
        term = o if o[0] in _TERM_STARTS else f"<{o}>"
        self.graphs[g].append(f"<{s}> <{p}> {term} .\n")

    def nquads(self) -> str:
        """The whole dataset as N-Quads (duplicates within a graph removed)."""
        out = []
        for g in sorted(self.graphs):
            lines = dict.fromkeys(self.graphs[g])
            out.append("".join(lines) if g == DEFAULT else "".join(f"{x[:-3]} <{g}> .\n" for x in lines))
        return "".join(out)

    def __len__(self) -> int:
        return sum(len(set(v)) for v in self.graphs.values())


def _names(ids: list[str], entities: dict[str, Entity]) -> str:
    names = [entities[i].label if i in entities else i for i in ids]
    if not names:
        return "?"
    return names[0] if len(names) == 1 else ", ".join(names[:-1]) + " and " + names[-1]


_LABELS = {"meeting": "Meeting of {p}", "talks": "Talks between {p}", "phone-call": "Phone call between {p}",
           "visit": "Visit of {p} to {d}", "arrival": "Arrival of {p} in {l}", "reception": "Reception of {p}",
           "conference": "Conference attended by {p}", "signing": "Signing by {p}",
           "joint-statement": "Joint statement of {p}", "press-conference": "Press conference of {p}"}


def event_label(etype: str, participants: list[str], destination: list[str], location: list[str], when: When,
                entities: dict[str, Entity]) -> str:
    """The generated label of an event that no source names: ``Meeting of A and B (2025-02-06)``."""
    base = _LABELS[etype].format(p=_names(participants, entities), d=_names(destination, entities),
                                 l=_names(location, entities))
    got = when.literal()
    return f"{base} ({got[0]})" if got else base


# -- the dataset -----------------------------------------------------------------------------------------------


def build_dataset(facts: Facts, merged: Merged, *, registry: bool = True) -> tuple[Dataset, dict[str, Origin]]:
    """The dataset of validated, merged facts, and each node's origin; without the registry's quads and
    origins when ``registry`` is false (an incremental build's part: the registry has not changed)."""
    q = Dataset()
    origins: dict[str, Origin] = {}
    ents = facts.entities
    if registry:
        _registry(q, ents, origins)
    sources = {s.id: s for s in facts.sources}
    mentions: dict[str, set[str]] = defaultdict(set)  # source id -> the registry ids its facts refer to
    for rec in [*facts.memberships, *facts.events, *facts.statements]:
        mentions[rec.source].update(r.id for r in rec.refs if r.id in ents)
    for src in facts.sources:
        _source(q, src, origins)
        g = iri(src.id)
        for ident in sorted(mentions.get(src.id, ())):
            for graph in (g, DEFAULT):
                q.add(graph, iri(ident), PROV.wasDerivedFrom, g)
    languages = {sid: src.language for sid, src in sources.items()}  # once: not once per event (quadratic)
    for ev in merged.events.values():
        origins.setdefault(iri(ev.id), Origin(ev.reports[0].file, ev.reports[0].line, ev.reports[0].path))
        for report in ev.reports:
            _event_report(q, report, sources[report.source], ents)
        _merged_event(q, ev, ents, languages)
    for ms in merged.memberships.values():
        first = ms.reports[0]
        origins.setdefault(iri(ms.id), Origin(first.file, first.line, first.path))
        for report in ms.reports:
            _membership_report(q, report, sources[report.source])
        _merged_membership(q, ms, ents)
    for st in facts.statements:
        origins.setdefault(iri(st.id), Origin(st.file, st.line, st.path))
        _statement(q, st, sources[st.source], ents)
    for conflict in merged.conflicts:
        _conflict(q, conflict)
    return q, origins


def registry_subjects(ents: dict[str, Entity]) -> set[str]:
    """The subjects whose quads the registry writes (``_registry``): its entities and the topic scheme.

    >>> from kg.builder.merge import merge
    >>> from kg.facts.load import load_facts
    >>> facts = load_facts("data"); ds, _ = build_dataset(facts, merge(facts))
    >>> registry_subjects(facts.entities) == {x[1:x.index(">")] for x in ds.graphs[REGISTRY_GRAPH]}
    True
    """
    out = {iri(e.id) for e in ents.values()}
    if any(e.kind == "topic" for e in ents.values()):
        out.add(TOPIC_SCHEME)
    return out


def _registry(q: Dataset, ents: dict[str, Entity], origins: dict[str, Origin]) -> None:
    def add(s: str, p: str, o: str) -> None:
        q.add(REGISTRY_GRAPH, s, p, o)
        q.add(DEFAULT, s, p, o)

    if any(e.kind == "topic" for e in ents.values()):
        add(TOPIC_SCHEME, RDF_TYPE, DKG.TopicScheme)
        add(TOPIC_SCHEME, RDFS.label, lit("Topics"))
    for e in ents.values():
        s = iri(e.id)
        origins[s] = Origin(e.file, e.line, e.path)
        add(s, RDF_TYPE, _CLASS[e.place_type if e.kind == "place" else e.kind])  # type: ignore[index]
        add(s, RDFS.label, lit(e.label))
        for alias in e.aliases:
            if alias != e.label:
                add(s, SKOS.altLabel, lit(alias))
        if e.description:
            add(s, SCHEMA.description, lit(" ".join(e.description.split())))
        if e.country:
            add(s, DKG.country, iri(e.country))
        for p in e.part_of:
            add(s, ORG.subOrganizationOf, iri(p))
        for p in e.located_in:
            add(s, DKG.locatedIn, iri(p))
        if e.kind in ("topic", "role"):
            add(s, SKOS.prefLabel, lit(e.label))
        if e.kind == "topic":
            add(s, SKOS.inScheme, TOPIC_SCHEME)
            for b in e.broader:
                add(s, SKOS.broader, iri(b))
        if e.single_holder:
            add(s, DKG.singleHolder, _TRUE)
        if e.agreement_kind:
            add(s, DKG.agreementKind, lit(e.agreement_kind))
        for other in e.same_as:
            add(s, SKOS.exactMatch if e.kind in ("topic", "role") else OWL.sameAs, other)


def _source(q: Dataset, src: Source, origins: dict[str, Origin]) -> None:
    s = g = iri(src.id)
    origins[s] = Origin(src.file, src.line, "source")
    for graph in (g, DEFAULT):
        q.add(graph, s, RDF_TYPE, DKG.SourceDocument)
        q.add(graph, s, RDFS.label, lit(src.title))
        q.add(graph, s, DCTERMS.title, lit(src.title, src.language))
        q.add(graph, s, DCTERMS.identifier, lit(src.id))
        published = _when_literal(src.published)
        if published:
            q.add(graph, s, SCHEMA.datePublished, published)
        if src.retrieved:
            q.add(graph, s, DKG.retrievedOn, day(src.retrieved))
        if src.language:
            q.add(graph, s, DCTERMS.language, lit(src.language))
        if src.dateline:
            q.add(graph, s, DKG.dateline, iri(src.dateline))
        if src.publisher:
            q.add(graph, s, SCHEMA.publisher, iri(src.publisher))
        if src.url:
            q.add(graph, s, SCHEMA.url, lit(src.url, dt=XSD.anyURI))


def _provenance(q: Dataset, s: str, src: Source, evidence: list[str]) -> None:
    g = iri(src.id)
    derivation = f"{s}#{quote(src.id, safe='-')}"
    for graph in (g, DEFAULT):
        q.add(graph, s, PROV.wasDerivedFrom, g)
        q.add(graph, s, PROV.qualifiedDerivation, derivation)
        q.add(graph, derivation, RDF_TYPE, PROV.Derivation)
        q.add(graph, derivation, PROV.entity, g)
        for sentence in evidence:
            q.add(graph, s, DKG.evidence, lit(sentence, src.language))
            q.add(graph, derivation, DKG.evidence, lit(sentence, src.language))


def _date(q: Dataset, g: str, s: str, when: When) -> None:
    q.add(g, s, DKG.datePrecision, _PRECISION[when.precision])
    value = _when_literal(when)
    if value is not None:
        q.add(g, s, DKG.date, value)
    if when.earliest:
        q.add(g, s, DKG.earliestDate, day(when.earliest))
    if when.latest:
        q.add(g, s, DKG.latestDate, day(when.latest))


_EVENT_LINKS = (("participants", DKG.participant), ("location", DKG.location), ("destination", DKG.destination),
                ("invited_by", DKG.invitedBy), ("invitation_conveyed_by", DKG.invitationConveyedBy),
                ("part_of", DKG.partOf), ("topics", DKG.topic), ("signatories", DKG.signatory))


def _delegations(q: Dataset, g: str, s: str, delegations) -> None:
    for d in delegations:
        node = f"{s}-delegation-{quote(d.of, safe='-')}"
        q.add(g, s, DKG.delegation, node)
        q.add(g, node, RDF_TYPE, DKG.Delegation)
        q.add(g, node, DKG.representing, iri(d.of))
        if d.head:
            q.add(g, node, DKG.headOfDelegation, iri(d.head))
        for member in d.members:
            q.add(g, node, DKG.delegationMember, iri(member))


def _event_report(q: Dataset, ev: Event, src: Source, ents: dict[str, Entity]) -> None:
    """What one source says of an event, in that source's graph."""
    s, g = iri(ev.id), iri(src.id)
    if ev.type is not None:
        q.add(g, s, RDF_TYPE, _CLASS[ev.type])
    if ev.label:
        q.add(g, s, RDFS.label, lit(ev.label))
    for name, prop in _EVENT_LINKS:
        for v in getattr(ev, name):
            q.add(g, s, prop, iri(v))
    if ev.agreement:
        q.add(g, s, DKG.agreement, iri(ev.agreement))
    if ev.status:
        q.add(g, s, DKG.status, DKG[ev.status])
    if ev.one_to_one:
        q.add(g, s, DKG.oneToOne, _TRUE)
    if ev.description:
        q.add(g, s, SCHEMA.description, lit(" ".join(ev.description.split()), src.language))
    if ev.when is not None:
        if ev.when.text:
            q.add(g, s, DKG.timeExpression, lit(ev.when.text, src.language))
        _date(q, g, s, ev.when)
    _delegations(q, g, s, ev.delegations)
    _provenance(q, s, src, ev.evidence)


def _merged_event(q: Dataset, ev: MergedEvent, ents: dict[str, Entity], langs: dict[str, str | None]) -> None:
    """The event as the graph asserts it, in the default graph (its provenance is written by each report)."""
    s, g = iri(ev.id), DEFAULT
    q.add(g, s, RDF_TYPE, _CLASS[ev.type])
    q.add(g, s, RDFS.label, lit(ev.label or event_label(ev.type, ev.participants, ev.destination, ev.location,
                                                         ev.when, ents)))
    for alt in ev.alt_labels:
        q.add(g, s, SKOS.altLabel, lit(alt))
    for name, prop in _EVENT_LINKS:
        for v in getattr(ev, name):
            q.add(g, s, prop, iri(v))
    for a in ev.agreement:
        q.add(g, s, DKG.agreement, iri(a))
    q.add(g, s, DKG.status, DKG[ev.status])
    if ev.one_to_one:
        q.add(g, s, DKG.oneToOne, _TRUE)
    for r in ev.reports:
        lang = langs[r.source]
        if r.description:
            q.add(g, s, SCHEMA.description, lit(" ".join(r.description.split()), lang))
        if r.when is not None and r.when.text:
            q.add(g, s, DKG.timeExpression, lit(r.when.text, lang))
    _date(q, g, s, ev.when)
    _delegations(q, g, s, ev.delegations.values())


def _membership_report(q: Dataset, ms: Membership, src: Source) -> None:
    s, g = iri(ms.id), iri(src.id)
    q.add(g, s, RDF_TYPE, DKG.Membership)
    _membership_links(q, g, s, ms)
    if ms.attested:
        q.add(g, s, DKG.attestedOn, day(ms.attested))
    for prop, text_prop, when in ((DKG.startDate, DKG.startExpression, ms.start), (DKG.endDate, DKG.endExpression,
                                                                                  ms.end)):
        if when is not None:
            value = _when_literal(when)
            if value:
                q.add(g, s, prop, value)
            if when.text:
                q.add(g, s, text_prop, lit(when.text, src.language))
    _provenance(q, s, src, ms.evidence)


def _membership_links(q: Dataset, g: str, s: str, ms: Membership) -> None:
    q.add(g, s, ORG.member, iri(ms.person))
    q.add(g, s, ORG.role, iri(ms.role))
    if ms.organization:
        q.add(g, s, ORG.organization, iri(ms.organization))
    if ms.state:
        q.add(g, s, DKG.postIn, iri(ms.state))
    if ms.acting:
        q.add(g, s, DKG.acting, _TRUE)


def _merged_membership(q: Dataset, m: MergedMembership, ents: dict[str, Entity]) -> None:
    s, g = iri(m.id), DEFAULT
    first = m.reports[0]
    where = first.organization or first.state
    q.add(g, s, RDF_TYPE, DKG.Membership)
    label = f"{ents[first.person].label}, {ents[first.role].label}, {ents[where].label}"  # type: ignore[index]
    q.add(g, s, RDFS.label, lit(("Acting " if any(r.acting for r in m.reports) else "") + label))
    for r in m.reports:
        _membership_links(q, g, s, r)
        if r.attested:
            q.add(g, s, DKG.attestedOn, day(r.attested))
        for text_prop, when in ((DKG.startExpression, r.start), (DKG.endExpression, r.end)):
            if when is not None and when.text:
                q.add(g, s, text_prop, lit(when.text))
    for prop, when in ((DKG.startDate, m.start), (DKG.endDate, m.end)):
        value = _when_literal(when) if when is not None else None
        if value:
            q.add(g, s, prop, value)


def _statement(q: Dataset, st: Statement, src: Source, ents: dict[str, Entity]) -> None:
    s, g = iri(st.id), iri(src.id)
    for graph in (g, DEFAULT):
        q.add(graph, s, RDF_TYPE, DKG.Statement)
        q.add(graph, s, RDFS.label, lit(f"{_names(st.speakers, ents)}: {st.claim}"))
        q.add(graph, s, DKG.claim, lit(st.claim, src.language))
        for prop, values in ((DKG.speaker, st.speakers), (DKG.about, st.about), (DKG.topic, st.topics),
                             (DKG.accordingTo, st.according_to), (DKG.statedAt, [st.at] if st.at else [])):
            for v in values:
                q.add(graph, s, prop, iri(v))
    _provenance(q, s, src, st.evidence)


def _conflict(q: Dataset, c: Conflict) -> None:
    key = "\n".join([c.kind, c.concerns, *(f"{w.source}:{w.says}" for w in c.witnesses)])
    s, g = _CONFLICT_NS + hashlib.sha1(key.encode()).hexdigest()[:16], CONFLICTS_GRAPH
    q.add(g, s, RDF_TYPE, DKG.Conflict)
    q.add(g, s, DKG.conflictKind, lit(c.kind))
    q.add(g, s, DKG.severity, lit(c.severity))
    q.add(g, s, RDFS.comment, lit(c.message))
    concerned = c.concerns.split("@")[0] if c.kind == "post-holder" else c.concerns
    q.add(g, s, DKG.concerns, iri(concerned))
    for w in c.witnesses:
        q.add(g, s, DKG.conflictingSource, iri(w.source))
        # Each source's side, with where its facts say it (kg conflicts prints the same).
        side = f"{s}#{quote(w.source, safe='-._~')}"
        q.add(g, s, DKG.position, side)
        q.add(g, side, RDF_TYPE, DKG.ConflictPosition)
        q.add(g, side, DKG.positionSource, iri(w.source))
        q.add(g, side, DKG.says, lit(w.says))
        q.add(g, side, DKG.factsFile, lit(w.file))
        q.add(g, side, DKG.factsLine, lit(str(w.line), dt=XSD.integer))
        if w.sentence:
            q.add(g, side, DKG.evidence, lit(w.sentence))
    q.add(g, s, RDFS.label, lit(f"{c.kind} conflict about {c.concerns}: " + "; ".join(
        f"{w.source} says {w.says}" for w in c.witnesses)))


__all__ = ["DEFAULT", "TOPIC_SCHEME", "Dataset", "Origin", "build_dataset", "day", "event_label", "iri", "lit"]
