"""Facts -> RDF quads in an Oxigraph store: named graphs, provenance, deterministic IRIs.

Graphs:
- ``https://w3id.org/diplomatic-kg/ontology``: the ontology;
- ``https://w3id.org/diplomatic-kg/graph/registry``: the shared registry of entities;
- one graph per source document, named by the source's IRI: what that source says;
- ``https://w3id.org/diplomatic-kg/graph/inferred``: RDFS entailments, never mixed with asserted facts.

When several sources report the same event or membership they describe one node. Each source's
graph holds what that source says (participants, evidence, its derivation); the date keeps the most
precise value, with bounds that every source allows, in the graph of the source that gave it.
"""

from __future__ import annotations

from collections import defaultdict
from dataclasses import dataclass
from datetime import date
from pathlib import Path
from urllib.parse import quote

from pyoxigraph import Literal, NamedNode, Quad, RdfFormat, Store

from kg.facts.dates import When
from kg.facts.model import Entity, Event, Facts, Membership, Source, Statement
from kg.vocab import (
    DCTERMS,
    DKG,
    ID_NS,
    INFERRED_GRAPH,
    ONTOLOGY_GRAPH,
    ORG,
    PROV,
    RDF_TYPE,
    RDFS,
    REGISTRY_GRAPH,
    SCHEMA,
    SKOS,
    TIME,
    XSD,
)

_PRECISION = {"day": TIME.unitDay, "month": TIME.unitMonth, "year": TIME.unitYear, "unknown": DKG.unknownPrecision}
_CLASS = {"person": DKG.Person, "organization": DKG.Organization, "role": DKG.Role, "topic": DKG.Topic,
          "country": DKG.Country, "city": DKG.City, "region": DKG.Region,
          "meeting": DKG.Meeting, "visit": DKG.Visit, "conference": DKG.Conference}
#: The concept scheme of the topics; outside id/ so that it can never clash with an entity id.
TOPIC_SCHEME = "https://w3id.org/diplomatic-kg/topics"


def iri(ident: str) -> str:
    """The IRI of an id; ids are validated slugs, but encode anyway so no string can break an IRI.

    >>> iri("mohammad-javad-zarif")
    'https://w3id.org/diplomatic-kg/id/mohammad-javad-zarif'
    >>> iri('a b>"c')
    'https://w3id.org/diplomatic-kg/id/a%20b%3E%22c'
    """
    return ID_NS + quote(ident, safe="-._~")


@dataclass(frozen=True)
class Origin:
    """Where a node was written by hand: used to point SHACL violations back at the line to fix."""

    file: str
    line: int
    path: str


class _Quads:
    def __init__(self) -> None:
        self.quads: list[Quad] = []

    def add(self, s: str, p: str, o: NamedNode | Literal | str, g: str) -> None:
        obj = NamedNode(o) if isinstance(o, str) else o
        self.quads.append(Quad(NamedNode(s), NamedNode(p), obj, NamedNode(g)))


def _text(value: str, lang: str | None = None) -> Literal:
    return Literal(value, language=lang) if lang else Literal(value)


def _date(d: date) -> Literal:
    return Literal(d.isoformat(), datatype=NamedNode(XSD.date))


def _when_literal(w: When) -> Literal | None:
    lit = w.literal()
    return Literal(lit[0], datatype=NamedNode(XSD[lit[1]])) if lit else None


def _pick_when(whens: list[tuple[When, str]]) -> tuple[When, str]:
    """The most precise date wins (ties: the first source); bounds are what every source allows."""
    best, best_src = max(whens, key=lambda ws: ws[0].rank())  # max keeps the first of equals
    lo = max((w.earliest for w, _ in whens if w.earliest), default=None)
    hi = min((w.latest for w, _ in whens if w.latest), default=None)
    return When(best.precision, best.value, lo, hi, best.text), best_src


def _names(ids: list[str], entities: dict[str, Entity]) -> str:
    names = [entities[i].label if i in entities else i for i in ids]
    return names[0] if len(names) == 1 else ", ".join(names[:-1]) + " and " + names[-1]


def _event_label(evs: list[Event], when: When, entities: dict[str, Entity]) -> str:
    given = [e.label for e in evs if e.label]
    if given:
        return given[0]
    ev = evs[0]
    parts = list(dict.fromkeys(p for e in evs for p in e.participants))
    if ev.type == "visit":
        dest = list(dict.fromkeys(d for e in evs for d in e.destination))
        base = f"Visit of {_names(parts, entities)} to {_names(dest, entities)}"
    elif ev.type == "meeting":
        base = f"Meeting of {_names(parts, entities)}"
    else:
        base = f"Conference attended by {_names(parts, entities)}"
    lit = when.literal()
    return f"{base} ({lit[0]})" if lit else base


def build_quads(facts: Facts) -> tuple[list[Quad], dict[str, Origin]]:
    """Turn validated facts into quads (asserted only) and remember each node's origin."""
    q = _Quads()
    origins: dict[str, Origin] = {}
    ents = facts.entities
    reg = REGISTRY_GRAPH
    if any(e.kind == "topic" for e in ents.values()):
        q.add(TOPIC_SCHEME, RDF_TYPE, DKG.TopicScheme, reg)
        q.add(TOPIC_SCHEME, RDFS.label, Literal("Topics"), reg)
    for e in ents.values():
        s = iri(e.id)
        origins[s] = Origin(e.file, e.line, e.path)
        q.add(s, RDF_TYPE, _CLASS[e.place_type if e.kind == "place" else e.kind], reg)  # type: ignore[index]
        q.add(s, RDFS.label, _text(e.label), reg)
        for alias in e.aliases:
            if alias != e.label:
                q.add(s, SKOS.altLabel, _text(alias), reg)
        if e.description:
            q.add(s, SCHEMA.description, _text(" ".join(e.description.split())), reg)
        if e.country:
            q.add(s, DKG.country, iri(e.country), reg)
        for p in e.part_of:
            q.add(s, ORG.subOrganizationOf, iri(p), reg)
        for p in e.located_in:
            q.add(s, DKG.locatedIn, iri(p), reg)
        if e.kind in ("topic", "role"):
            q.add(s, SKOS.prefLabel, _text(e.label), reg)
        if e.kind == "topic":
            q.add(s, SKOS.inScheme, TOPIC_SCHEME, reg)
            for b in e.broader:
                q.add(s, SKOS.broader, iri(b), reg)

    sources = {s.id: s for s in facts.sources}
    for src in facts.sources:
        _source(q, src, origins)
        mentioned = sorted({r.id for rec in [*facts.memberships, *facts.events, *facts.statements]
                            if rec.source == src.id for r in rec.refs if r.id in ents})
        for ident in mentioned:
            q.add(iri(ident), PROV.wasDerivedFrom, iri(src.id), iri(src.id))

    def group(records):
        out = defaultdict(list)
        for r in records:
            out[r.id].append(r)
        return out

    for ident, evs in group(facts.events).items():
        _event(q, ident, evs, sources, ents, origins)
    for ident, mss in group(facts.memberships).items():
        _membership(q, ident, mss, sources, ents, origins)
    for st in facts.statements:
        _statement(q, st, sources[st.source], ents, origins)
    return q.quads, origins


def _source(q: _Quads, src: Source, origins: dict[str, Origin]) -> None:
    s = g = iri(src.id)
    origins[s] = Origin(src.file, src.line, "source")
    q.add(s, RDF_TYPE, DKG.SourceDocument, g)
    q.add(s, RDFS.label, _text(src.title), g)
    q.add(s, DCTERMS.title, _text(src.title, src.language), g)
    q.add(s, DCTERMS.identifier, Literal(src.id), g)
    q.add(s, SCHEMA.datePublished, _date(src.published), g)
    if src.language:
        q.add(s, DCTERMS.language, Literal(src.language), g)
    if src.dateline:
        q.add(s, DKG.dateline, iri(src.dateline), g)
    if src.publisher:
        q.add(s, SCHEMA.publisher, iri(src.publisher), g)
    if src.url:
        q.add(s, SCHEMA.url, Literal(src.url, datatype=NamedNode(XSD.anyURI)), g)


def _provenance(q: _Quads, s: str, src: Source, evidence: list[str]) -> None:
    g = iri(src.id)
    q.add(s, PROV.wasDerivedFrom, g, g)
    derivation = f"{s}#{quote(src.id, safe='-')}"
    q.add(s, PROV.qualifiedDerivation, derivation, g)
    q.add(derivation, RDF_TYPE, PROV.Derivation, g)
    q.add(derivation, PROV.entity, g, g)
    for sentence in evidence:
        q.add(s, DKG.evidence, _text(sentence, src.language), g)
        q.add(derivation, DKG.evidence, _text(sentence, src.language), g)


def _event(q: _Quads, ident: str, evs: list[Event], sources: dict[str, Source], ents: dict[str, Entity],
           origins: dict[str, Origin]) -> None:
    s = iri(ident)
    origins[s] = Origin(evs[0].file, evs[0].line, evs[0].path)
    when, when_src = _pick_when([(e.when, e.source) for e in evs])
    label = _event_label(evs, when, ents)
    for i, ev in enumerate(evs):
        src = sources[ev.source]
        g = iri(src.id)
        q.add(s, RDF_TYPE, _CLASS[ev.type], g)
        if i == 0:
            q.add(s, RDFS.label, _text(label), g)
        elif ev.label and ev.label != label:
            q.add(s, SKOS.altLabel, _text(ev.label), g)
        for prop, values in ((DKG.participant, ev.participants), (DKG.location, ev.location),
                             (DKG.destination, ev.destination), (DKG.invitedBy, ev.invited_by),
                             (DKG.partOf, ev.part_of), (DKG.topic, ev.topics)):
            for v in values:
                q.add(s, prop, iri(v), g)
        if ev.description:
            q.add(s, SCHEMA.description, _text(" ".join(ev.description.split()), src.language), g)
        if ev.when.text:
            q.add(s, DKG.timeExpression, _text(ev.when.text, src.language), g)
        _provenance(q, s, src, ev.evidence)
    g_when = iri(when_src)
    q.add(s, DKG.datePrecision, _PRECISION[when.precision], g_when)
    lit = _when_literal(when)
    if lit is not None:
        q.add(s, DKG.date, lit, g_when)
    if when.earliest:
        q.add(s, DKG.earliestDate, _date(when.earliest), g_when)
    if when.latest:
        q.add(s, DKG.latestDate, _date(when.latest), g_when)


def _membership(q: _Quads, ident: str, mss: list[Membership], sources: dict[str, Source],
                ents: dict[str, Entity], origins: dict[str, Origin]) -> None:
    s = iri(ident)
    first = mss[0]
    origins[s] = Origin(first.file, first.line, first.path)
    label = f"{ents[first.person].label}, {ents[first.role].label}, {ents[first.organization].label}"
    for i, ms in enumerate(mss):
        src = sources[ms.source]
        g = iri(src.id)
        q.add(s, RDF_TYPE, DKG.Membership, g)
        if i == 0:
            q.add(s, RDFS.label, _text(label), g)
        q.add(s, ORG.member, iri(ms.person), g)
        q.add(s, ORG.role, iri(ms.role), g)
        q.add(s, ORG.organization, iri(ms.organization), g)
        q.add(s, DKG.attestedOn, _date(ms.attested), g)
        _provenance(q, s, src, ms.evidence)
    for prop, attr in ((DKG.startDate, "start"), (DKG.endDate, "end")):
        given = [(getattr(m, attr), m.source) for m in mss if getattr(m, attr) is not None]
        given = [(w, sid) for w, sid in given if w.precision != "unknown"]
        if given:
            when, sid = _pick_when(given)
            lit = _when_literal(when)
            if lit is not None:
                q.add(s, prop, lit, iri(sid))


def _statement(q: _Quads, st: Statement, src: Source, ents: dict[str, Entity], origins: dict[str, Origin]) -> None:
    s, g = iri(st.id), iri(src.id)
    origins[s] = Origin(st.file, st.line, st.path)
    q.add(s, RDF_TYPE, DKG.Statement, g)
    q.add(s, RDFS.label, _text(f"{_names(st.speakers, ents)}: {st.claim}"), g)
    q.add(s, DKG.claim, _text(st.claim, src.language), g)
    for prop, values in ((DKG.speaker, st.speakers), (DKG.about, st.about), (DKG.topic, st.topics),
                         (DKG.accordingTo, st.according_to), (DKG.statedAt, [st.at] if st.at else [])):
        for v in values:
            q.add(s, prop, iri(v), g)
    _provenance(q, s, src, st.evidence)


def load_ontology(store: Store, ontology_path: Path) -> None:
    """Load the ontology Turtle file into its own named graph."""
    store.load(path=str(ontology_path), format=RdfFormat.TURTLE, to_graph=NamedNode(ONTOLOGY_GRAPH))


_INFER = """
CONSTRUCT { ?x ?q ?y } WHERE {
  { GRAPH ?g { ?x ?p ?y } FILTER(?g NOT IN (<%(onto)s>, <%(inf)s>)) }
  GRAPH <%(onto)s> { ?p rdfs:subPropertyOf+ ?q }
}"""
_INFER_TYPES = """
CONSTRUCT { ?x a ?d } WHERE {
  { GRAPH ?g { ?x a ?c } FILTER(?g NOT IN (<%(onto)s>, <%(inf)s>)) }
  GRAPH <%(onto)s> { ?c rdfs:subClassOf+ ?d }
}"""
_TRANSITIVE = "SELECT ?p WHERE { GRAPH <%(onto)s> { ?p a owl:TransitiveProperty } }"
_INFER_TRANSITIVE = """
CONSTRUCT { ?x <%(p)s> ?z } WHERE {
  { GRAPH ?g { ?x <%(p)s> ?y } FILTER(?g NOT IN (<%(onto)s>, <%(inf)s>)) }
  ?y <%(p)s>+ ?z .
}"""


def infer(store: Store) -> int:
    """Add RDFS/OWL entailments (subclasses, subproperties, transitive properties) to the inferred graph.

    Only triples that are not already asserted are added. Returns how many were added.
    """
    from kg.vocab import PREFIXES

    graph = NamedNode(INFERRED_GRAPH)
    store.remove_graph(graph) if store.contains_named_graph(graph) else None
    params = {"onto": ONTOLOGY_GRAPH, "inf": INFERRED_GRAPH}
    new: set = set()
    queries = [_INFER % params, _INFER_TYPES % params]
    for row in store.query(_TRANSITIVE % params, prefixes=PREFIXES):
        queries.append(_INFER_TRANSITIVE % dict(params, p=row["p"].value))
    for query in queries:
        new.update(store.query(query, prefixes=PREFIXES, use_default_graph_as_union=True))
    asserted = [t for t in new if not any(True for _ in store.quads_for_pattern(t.subject, t.predicate, t.object))]
    store.extend([Quad(t.subject, t.predicate, t.object, graph) for t in asserted])
    return len(asserted)


def fill_store(facts: Facts, ontology_path: Path, *, store: Store | None = None, with_inferred: bool = True
               ) -> tuple[Store, dict[str, Origin]]:
    """Build a fresh in-memory store from validated facts: ontology, registry, source graphs, inferences."""
    store = store if store is not None else Store()
    quads, origins = build_quads(facts)
    store.extend(quads)
    load_ontology(store, ontology_path)
    if with_inferred:
        infer(store)
    return store, origins


__all__ = ["Origin", "build_quads", "fill_store", "infer", "iri", "load_ontology"]
