"""The ontology: a proper header, and every term typed, labelled, defined, bounded and aligned."""

from __future__ import annotations

import re
from pathlib import Path

import pytest
import rdflib
from rdflib import OWL, RDF, RDFS, SKOS, URIRef
from rdflib.namespace import DCTERMS

from kg.vocab import DKG_NS, DKG_TERMS, ONTOLOGY_IRI

VANN = rdflib.Namespace("http://purl.org/vocab/vann/")


@pytest.fixture(scope="module")
def onto() -> rdflib.Graph:
    return rdflib.Graph().parse("ontology/dkg.ttl", format="turtle")


def terms(onto, *types):
    return sorted({s for t in types for s in onto.subjects(RDF.type, t) if str(s).startswith(DKG_NS)})


def test_header(onto):
    o = URIRef(ONTOLOGY_IRI)
    assert (o, RDF.type, OWL.Ontology) in onto
    for p in (OWL.versionIRI, OWL.versionInfo, DCTERMS.title, DCTERMS.description, DCTERMS.license,
              DCTERMS.creator, DCTERMS.created, DCTERMS.modified, VANN.preferredNamespacePrefix,
              VANN.preferredNamespaceUri):
        assert onto.value(o, p) is not None, p
    assert str(onto.value(o, VANN.preferredNamespaceUri)) == DKG_NS
    assert str(onto.value(o, VANN.preferredNamespacePrefix)) == "dkg"


#: Properties that no standard vocabulary has a counterpart for; each says so in an rdfs:comment.
UNALIGNED = {"oneToOne", "acting", "singleHolder", "conflictKind", "severity"}


def test_every_class_and_property_is_labelled_defined_bounded_and_aligned(onto):
    classes = terms(onto, OWL.Class)
    props = terms(onto, OWL.ObjectProperty, OWL.DatatypeProperty)
    annotations = terms(onto, OWL.AnnotationProperty)
    individuals = terms(onto, OWL.NamedIndividual)
    assert len(classes) >= 28 and len(props) >= 41 and len(annotations) == 2 and len(individuals) >= 6
    for t in classes + props + annotations + individuals:
        assert onto.value(t, RDFS.label) is not None, f"{t} has no label"
        assert onto.value(t, SKOS.definition) is not None, f"{t} has no definition"
        assert onto.value(t, RDFS.isDefinedBy) == URIRef(ONTOLOGY_IRI), t
    for c in classes:
        supers = list(onto.objects(c, RDFS.subClassOf))
        assert any(not str(s).startswith(DKG_NS) for s in _closure(onto, c, RDFS.subClassOf)), \
            f"{c} is not aligned with a standard vocabulary"
        assert supers, c
    for p in props + annotations:
        assert onto.value(p, RDFS.domain) is not None, f"{p} has no domain"
        assert onto.value(p, RDFS.range) is not None, f"{p} has no range"
    for p in props:
        if str(p)[len(DKG_NS):] in UNALIGNED:
            assert "not aligned" in str(onto.value(p, RDFS.comment)), f"{p} does not say why it is not aligned"
            assert onto.value(p, RDFS.subPropertyOf) is None, f"{p} is aligned: take it out of UNALIGNED"
            continue
        assert any(not str(s).startswith(DKG_NS) for s in onto.objects(p, RDFS.subPropertyOf)), \
            f"{p} is not aligned with a standard vocabulary"


def _closure(g, node, prop):
    seen, todo = set(), [node]
    while todo:
        for o in g.objects(todo.pop(), prop):
            if o not in seen:
                seen.add(o)
                todo.append(o)
    return seen


def test_no_untyped_terms(onto):
    """Every dkg: IRI used anywhere in the ontology is declared with a type."""
    used = {t for triple in onto for t in triple if isinstance(t, URIRef) and str(t).startswith(DKG_NS)}
    untyped = [t for t in used if onto.value(t, RDF.type) is None]
    assert untyped == []


def test_closed_namespace_matches_the_ontology(onto):
    declared = {str(t)[len(DKG_NS):] for t in onto.subjects(RDF.type, None) if str(t).startswith(DKG_NS)}
    assert declared == set(DKG_TERMS)


def test_query_surface_terms_exist(onto):
    required = """Person Organization Place Country City Role Membership Event Meeting Visit Conference Topic Statement
    SourceDocument participant location destination invitedBy partOf topic date datePrecision earliestDate latestDate
    timeExpression startDate endDate attestedOn speaker about claim country evidence unknownPrecision""".split()
    for name in required:
        assert onto.value(URIRef(DKG_NS + name), RDF.type) is not None, name
    assert (URIRef(DKG_NS + "Membership"), RDFS.subClassOf, URIRef("http://www.w3.org/ns/org#Membership")) in onto
    assert (URIRef(DKG_NS + "Topic"), RDFS.subClassOf, SKOS.Concept) in onto


def test_shapes_parse_and_target_the_ontology_classes():
    shapes = rdflib.Graph().parse("ontology/shapes.ttl", format="turtle")
    SH = rdflib.Namespace("http://www.w3.org/ns/shacl#")
    targets = {str(o)[len(DKG_NS):] for o in shapes.objects(None, SH.targetClass)}
    assert {"Event", "Meeting", "Visit", "Membership", "Statement", "SourceDocument", "Person"} <= targets


def _design_event_table() -> dict[str, tuple[str, str, str | None]]:
    """The event types table of docs/design.md: type -> (class, CAMEO, PLOVER or None)."""
    text = Path("docs/design.md").read_text(encoding="utf-8")
    rows = {}
    for line in text.split("Event types", 1)[1].split("Other fields", 1)[0].splitlines():
        m = re.fullmatch(r"\| ([a-z-]+) \| `dkg:(\w+)`.*? \| (\d{3}) \| (\w+|\(none\)) \|", line.strip())
        if m:
            rows[m.group(1)] = (m.group(2), m.group(3), None if m.group(4) == "(none)" else m.group(4))
    return rows


def test_event_classes_carry_the_codes_of_the_design(onto):
    table = _design_event_table()
    assert len(table) == 10 and table["signing"] == ("Signing", "057", "AGREE")
    cameo, plover = URIRef(DKG_NS + "cameoCode"), URIRef(DKG_NS + "ploverCategory")
    for cls, code, category in table.values():
        c = URIRef(DKG_NS + cls)
        assert [str(v) for v in onto.objects(c, cameo)] == [code], cls
        assert [str(v) for v in onto.objects(c, plover)] == ([category] if category else []), cls
        assert URIRef(DKG_NS + "Event") in _closure(onto, c, RDFS.subClassOf), cls
    # Every subclass of dkg:Event has a code, and only event classes have one.
    event = URIRef(DKG_NS + "Event")
    subclasses = {c for c in terms(onto, OWL.Class) if event in _closure(onto, c, RDFS.subClassOf)}
    assert {URIRef(DKG_NS + cls) for cls, _, _ in table.values()} == subclasses
    assert set(onto.subjects(cameo, None)) == subclasses
    assert (URIRef(DKG_NS + "Talks"), RDFS.subClassOf, URIRef(DKG_NS + "Meeting")) in onto


def test_status_concepts_are_aligned_with_schema_org(onto):
    scheme = URIRef(DKG_NS + "EventStatusScheme")
    schema = rdflib.Namespace("https://schema.org/")
    statuses = set(onto.subjects(SKOS.inScheme, scheme))
    assert {str(s)[len(DKG_NS):] for s in statuses} == {"held", "announced", "postponed", "cancelled"}
    for s in statuses:
        assert (s, RDF.type, URIRef(DKG_NS + "EventStatus")) in onto
        assert (scheme, SKOS.hasTopConcept, s) in onto
    assert (URIRef(DKG_NS + "postponed"), SKOS.exactMatch, schema.EventPostponed) in onto
    assert (URIRef(DKG_NS + "cancelled"), SKOS.exactMatch, schema.EventCancelled) in onto
    for s in ("held", "announced"):     # schema.org does not tell a planned event from one that took place
        assert (URIRef(DKG_NS + s), SKOS.closeMatch, schema.EventScheduled) in onto
    assert onto.value(URIRef(DKG_NS + "status"), RDFS.subPropertyOf) == schema.eventStatus


def test_new_terms_of_the_design_are_declared(onto):
    """Every dkg: name docs/design.md uses is a term of the ontology."""
    text = Path("docs/design.md").read_text(encoding="utf-8")
    used = set(re.findall(r"dkg:(\w+)", text))
    declared = {str(t)[len(DKG_NS):] for t in onto.subjects(RDF.type, None) if str(t).startswith(DKG_NS)}
    assert used - declared == set()
    assert (URIRef(DKG_NS + "signatory"), RDFS.subPropertyOf, URIRef(DKG_NS + "participant")) in onto
    assert (URIRef(DKG_NS + "headOfDelegation"), RDFS.subPropertyOf, URIRef(DKG_NS + "delegationMember")) in onto
