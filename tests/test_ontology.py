"""The ontology: a proper header, and every term typed, labelled, defined, bounded and aligned."""

from __future__ import annotations

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


def test_every_class_and_property_is_labelled_defined_bounded_and_aligned(onto):
    classes = terms(onto, OWL.Class)
    props = terms(onto, OWL.ObjectProperty, OWL.DatatypeProperty)
    assert len(classes) >= 16 and len(props) >= 22
    for t in classes + props:
        assert onto.value(t, RDFS.label) is not None, f"{t} has no label"
        assert onto.value(t, SKOS.definition) is not None, f"{t} has no definition"
        assert onto.value(t, RDFS.isDefinedBy) == URIRef(ONTOLOGY_IRI), t
    for c in classes:
        supers = list(onto.objects(c, RDFS.subClassOf))
        assert any(not str(s).startswith(DKG_NS) for s in _closure(onto, c, RDFS.subClassOf)), \
            f"{c} is not aligned with a standard vocabulary"
        assert supers, c
    for p in props:
        assert onto.value(p, RDFS.domain) is not None, f"{p} has no domain"
        assert onto.value(p, RDFS.range) is not None, f"{p} has no range"
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
