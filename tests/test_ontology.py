"""The ontology: a proper header, and every term typed, labelled, defined, bounded and aligned."""

from __future__ import annotations

import re
from pathlib import Path

import pytest
import rdflib
from rdflib import OWL, RDF, RDFS, SKOS, URIRef
from rdflib.namespace import DCTERMS

from kg.vocab import DKG_NS, DKG_TERMS, ID_NS, ONTOLOGY_IRI
from tests.helpers import TURTLE_PREFIXES

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


# -- the shapes on small graphs: one valid dataset holding every new kind of fact, then one fault at a time ----

_VALID = "\n" + TURTLE_PREFIXES + """
# Invented for the test: the republics of Norland and Sudmark.
id:norland a dkg:Country ; rdfs:label "Norland" ; owl:sameAs <http://www.wikidata.org/entity/Q4115189> ,
    <https://sws.geonames.org/1234567/> .
id:sudmark a dkg:Country ; rdfs:label "Sudmark" .
id:porto a dkg:City ; rdfs:label "Porto Vell" ; dkg:locatedIn id:norland .
id:palace a dkg:Venue ; rdfs:label "Amber Palace" ; dkg:locatedIn id:porto .
id:vela a dkg:Person ; rdfs:label "Ana Vela" ; dkg:country id:norland ;
    owl:sameAs <http://viaf.org/viaf/123456789> , <https://isni.org/isni/0000000218250097> .
id:orm a dkg:Person ; rdfs:label "Jon Orm" ; dkg:country id:sudmark .
id:gov a dkg:Organization ; rdfs:label "Government of Norland" .
id:pm a dkg:Role ; rdfs:label "Prime Minister" ; dkg:singleHolder true ;
    skos:exactMatch <http://www.wikidata.org/entity/Q14212> .
id:leader a dkg:Role ; rdfs:label "Leader" .
id:pact a dkg:Agreement ; rdfs:label "Porto Vell memorandum" ; dkg:agreementKind "memorandum" .

id:src a dkg:SourceDocument ; rdfs:label "Invented report" ; dcterms:title "Invented report" ;
    schema:datePublished "2025-01"^^xsd:gYearMonth .
id:src2 a dkg:SourceDocument ; rdfs:label "Undated invented report" ; dcterms:title "Undated invented report" ;
    dkg:retrievedOn "2025-03-02"^^xsd:date .

id:sign a dkg:Signing ; rdfs:label "Signing of the memorandum" ; dkg:status dkg:held ;
    dkg:agreement id:pact ; dkg:signatory id:vela , id:orm ; dkg:participant id:vela , id:orm ;
    dkg:location id:palace ; dkg:datePrecision time:unitDay ; dkg:date "2025-01-10"^^xsd:date ;
    dkg:delegation id:sign-delegation-sudmark ;
    prov:wasDerivedFrom id:src ; dkg:evidence "They signed it." ; prov:qualifiedDerivation id:d1 .
id:d1 a prov:Derivation ; prov:entity id:src ; dkg:evidence "They signed it." .
id:sign-delegation-sudmark a dkg:Delegation ; dkg:representing id:sudmark ; dkg:headOfDelegation id:orm ;
    dkg:delegationMember id:orm .
id:call a dkg:PhoneCall ; rdfs:label "Call" ; dkg:status dkg:announced ; dkg:oneToOne true ;
    dkg:participant id:vela , id:orm ; dkg:datePrecision dkg:unknownPrecision ;
    prov:wasDerivedFrom id:src2 ; dkg:evidence "They will speak." ; prov:qualifiedDerivation id:d2 .
id:d2 a prov:Derivation ; prov:entity id:src2 ; dkg:evidence "They will speak." .
id:m1 a dkg:Membership ; rdfs:label "Vela, PM" ; org:member id:vela ; org:role id:pm ; org:organization id:gov ;
    dkg:acting true ; dkg:attestedOn "2025-01-10"^^xsd:date ; dkg:startExpression "appointed last week" ;
    prov:wasDerivedFrom id:src ; dkg:evidence "Acting PM Vela." ; prov:qualifiedDerivation id:d3 .
id:d3 a prov:Derivation ; prov:entity id:src ; dkg:evidence "Acting PM Vela." .
id:m2 a dkg:Membership ; rdfs:label "Orm, Leader of Sudmark" ; org:member id:orm ; org:role id:leader ;
    dkg:postIn id:sudmark ; dkg:attestedOn "2025-01-10"^^xsd:date ;
    prov:wasDerivedFrom id:src ; dkg:evidence "Leader Orm." ; prov:qualifiedDerivation id:d4 .
id:d4 a prov:Derivation ; prov:entity id:src ; dkg:evidence "Leader Orm." .
[] a dkg:Conflict ; dkg:conflictKind "status" ; dkg:severity "warning" ; dkg:concerns id:call ;
    dkg:conflictingSource id:src , id:src2 ; rdfs:comment "announced in one source, held in the other" .
"""


def _pyshacl(data: rdflib.Graph) -> list[tuple[str, str]]:
    """(message, focus node) of every violation, by pySHACL (the reference the build's SPARQL checks are held to).
    No inference: with RDFS, a property's range would type its value (dkg:agreement id:porto would make Porto a
    dkg:Agreement) and the sh:class checks would pass."""
    from pyshacl import validate

    onto = rdflib.Graph().parse("ontology/dkg.ttl", format="turtle")
    shapes = rdflib.Graph().parse("ontology/shapes.ttl", format="turtle")
    _, report, _ = validate(data, shacl_graph=shapes, ont_graph=onto, inference="none", allow_warnings=True,
                            advanced=True)
    SH = rdflib.Namespace("http://www.w3.org/ns/shacl#")
    return sorted({(str(report.value(r, SH.resultMessage)), str(report.value(r, SH.focusNode)))
                   for r in report.subjects(RDF.type, SH.ValidationResult)})


def _validate(data: rdflib.Graph) -> list[tuple[str, str]]:
    """(message, focus node) of every violation, by the build's check (kg.builder.shapes)."""
    import pyoxigraph as ox

    from kg.builder import load_ontology
    from kg.builder.shapes import check_shapes

    store = ox.Store()
    store.load(data.serialize(format="nt").encode("utf-8"), format=ox.RdfFormat.N_TRIPLES)
    load_ontology(store, Path("ontology/dkg.ttl"))
    out = set()
    for p in check_shapes(store, Path("ontology/shapes.ttl")):
        message, focus = p.expected.rsplit(" (SHACL, on id:", 1)
        out.add((message, ID_NS + focus[:-1]))
    return sorted(out)


#: One fault each, on distinct nodes, all applied at once: (triples removed, triples added, message, focus node).
_FAULTS = [
    ("id:call dkg:status dkg:announced .", "", "an event has exactly one status", "call"),
    ("", "id:sign dkg:status dkg:announced .", "an event has exactly one status", "sign"),
    ("", "id:e3 a dkg:Reception ; dkg:status dkg:happened .", "an event has exactly one status", "e3"),
    ("id:sign dkg:agreement id:pact .", "", "a signing has an agreement", "sign"),
    ("", "id:s2 a dkg:Signing ; dkg:agreement id:porto .", "a signing has an agreement", "s2"),
    ("", "id:del2 a dkg:Delegation ; dkg:representing id:norland .",
     "a delegation has a head (dkg:headOfDelegation) or members", "del2"),
    ("", "id:del3 a dkg:Delegation ; dkg:headOfDelegation id:vela .",
     "a delegation represents a country or an actor", "del3"),
    ("", "id:del4 a dkg:Delegation ; dkg:headOfDelegation id:vela ; dkg:representing id:pact .",
     "a delegation represents a country, a person or an organization", "del4"),
    ("", 'id:hall a dkg:Venue ; rdfs:label "Hall" ; dkg:locatedIn id:norland .', "a venue is located in one city",
     "hall"),
    ("", 'id:hall2 a dkg:Venue ; rdfs:label "Hall 2" .', "a venue is located in one city", "hall2"),
    ("", "id:m2 org:organization id:gov .", "exactly one organization (org:organization) or one state", "m2"),
    ("", "id:m3 a dkg:Membership ; org:member id:vela ; org:role id:pm .",
     "exactly one organization (org:organization) or one state", "m3"),
    ("", "id:m4 a dkg:Membership ; dkg:postIn id:porto .", "held in one dkg:Country", "m4"),
    ("", 'id:m1 dkg:acting "yes" .', "acting is true or false", "m1"),
    ("", "id:vela owl:sameAs <http://www.wikidata.org/wiki/Q4115189> .", "an identifier elsewhere", "vela"),
    ("", "id:norland owl:sameAs <https://sws.geonames.org/0123/> .", "an identifier elsewhere", "norland"),
    ("", 'id:pm skos:exactMatch "Q14212" .', "an identifier elsewhere", "pm"),
    ("", 'id:pact dkg:agreementKind "contract" .', "an agreement's kind is", "pact"),
    ('id:src2 dkg:retrievedOn "2025-03-02"^^xsd:date .', "", "needs the day it was retrieved", "src2"),
    ("", 'id:src schema:datePublished "January 2025" .', "one publication date at most", "src"),
    ("", 'id:sign dkg:oneToOne "true" .', "one_to_one is true or false", "sign"),
    ("", 'id:c2 a dkg:Conflict ; dkg:conflictKind "mood" ; dkg:severity "warning" ; dkg:concerns id:call ; '
         'rdfs:comment "invented" .', "a conflict has one kind", "c2"),
    ("", "", "a conflict names the sources that disagree", "c2"),
]


def test_shapes_accept_every_new_kind_of_fact_and_catch_each_fault():
    data = rdflib.Graph().parse(data=_VALID, format="turtle")
    assert _validate(data) == []
    head = _VALID.split("\n\n")[0]
    for remove, add, _, _ in _FAULTS:
        if remove:
            gone = rdflib.Graph().parse(data=head + "\n" + remove, format="turtle")
            assert len(gone) and all(t in data for t in gone), remove
            data -= gone
        if add:
            data.parse(data=head + "\n" + add, format="turtle")
    found = _validate(data)
    for _, _, message, focus in _FAULTS:
        assert any(message in m and f == ID_NS + focus for m, f in found), (message, focus, found)
    # The same verdicts and messages as pySHACL, violation for violation.
    assert found == _pyshacl(data)
