"""The SHACL check (kg.builder.shapes): every shape is enforced, on a tiny invented graph per shape, and the
compiled queries give pySHACL's verdicts."""

from __future__ import annotations

import re
from pathlib import Path

import pytest
from pyoxigraph import DefaultGraph, Literal, NamedNode, Quad, RdfFormat, Store

from kg.builder import load_ontology
from kg.builder.quads import Origin
from kg.builder.shapes import ShapesUnsupported, check_shapes, compile_shapes
from kg.vocab import ID_NS
from tests.helpers import TURTLE_PREFIXES

SHAPES, ONTOLOGY = Path("ontology/shapes.ttl"), Path("ontology/dkg.ttl")
HEAD = TURTLE_PREFIXES
# A fact node with everything the provenance shapes ask for (invented source and sentence).
_PROV = ('prov:wasDerivedFrom id:src ; dkg:evidence "It happened." ; prov:qualifiedDerivation id:d .\n'
         'id:d prov:entity id:src ; dkg:evidence "It happened." .\n'
         'id:src a dkg:SourceDocument ; rdfs:label "Invented" ; dcterms:title "Invented" ; '
         'dkg:retrievedOn "2025-01-01"^^xsd:date .\n')
_EVENT = ('dkg:status dkg:held ; dkg:datePrecision dkg:unknownPrecision ; rdfs:label "An invented event" ; '
          'dkg:participant id:ann , id:bo ; ' + _PROV +
          'id:ann a dkg:Person ; rdfs:label "Ann Vell" .\nid:bo a dkg:Person ; rdfs:label "Bo Tarn" .\n')

#: One tiny invalid graph per node shape: (shape, Turtle, message expected, focus node).
CASES = [
    ("LabelledShape", "id:x a dkg:Topic ; skos:inScheme id:s .", "needs exactly one preferred name", "x"),
    ("ActorShape", 'id:x a dkg:Person ; rdfs:label "X" ; dkg:country id:y .\nid:y a dkg:City ; rdfs:label "Y" .',
     "the country an actor represents is one dkg:Country", "x"),
    ("OrganizationShape", 'id:x a dkg:Organization ; rdfs:label "X" ; org:subOrganizationOf id:p .\n'
     'id:p a dkg:Person ; rdfs:label "P" .', "an organization is part of another organization", "x"),
    ("PlaceShape", 'id:x a dkg:City ; rdfs:label "X" ; dkg:locatedIn id:t .\nid:t a dkg:Topic ; rdfs:label "T" .',
     "a place is located in another place", "x"),
    ("TopicShape", 'id:x a dkg:Topic ; rdfs:label "X" .', "a topic belongs to the topic scheme", "x"),
    ("ProvenanceShape", 'id:x a dkg:Statement ; rdfs:label "X" ; dkg:speaker id:ann ; dkg:claim "c" .\n'
     'id:ann a dkg:Person ; rdfs:label "Ann" .', "a fact needs its source", "x"),
    ("DerivationShape", 'id:x a dkg:Meeting ; ' + _EVENT.replace("prov:entity id:src ;", ""),
     "a fact needs a qualified derivation naming its source and sentence", "x"),
    ("EventShape", 'id:x a dkg:Meeting ; dkg:earliestDate "2025-03-01"^^xsd:date ; '
     'dkg:latestDate "2025-02-01"^^xsd:date ; ' + _EVENT, "on or before the latest date", "x"),
    ("EventStatusShape", 'id:x a dkg:Talks ; ' + _EVENT.replace("dkg:status dkg:held", "dkg:status dkg:happened"),
     "an event has exactly one status", "x"),
    ("MeetingShape", 'id:x a dkg:Meeting ; ' + _EVENT.replace(" , id:bo", ""),
     "a meeting has at least two participants", "x"),
    ("VisitShape", 'id:x a dkg:Visit ; ' + _EVENT, "a visit goes to at least one destination", "x"),
    ("PhoneCallShape", 'id:x a dkg:PhoneCall ; ' + _EVENT.replace(" , id:bo", ""),
     "a phone call has at least two participants", "x"),
    ("SigningShape", 'id:x a dkg:Signing ; ' + _EVENT, "a signing has an agreement", "x"),
    ("AgreementShape", 'id:x a dkg:Agreement ; rdfs:label "X" ; dkg:agreementKind "contract" .',
     "an agreement's kind is", "x"),
    ("DelegationShape", "id:x a dkg:Delegation ; dkg:representing id:ann .\nid:ann a dkg:Person .",
     "a delegation has a head (dkg:headOfDelegation) or members", "x"),
    ("VenueShape", 'id:x a dkg:Venue ; rdfs:label "X" .', "a venue is located in one city", "x"),
    ("RoleShape", 'id:x a dkg:Role ; rdfs:label "X" ; dkg:singleHolder "yes" .', "single_holder is true or false",
     "x"),
    ("ExternalIdShape", 'id:x a dkg:Person ; rdfs:label "X" ; owl:sameAs <http://www.wikidata.org/wiki/Q1> .',
     "an identifier elsewhere", "x"),
    ("ConflictShape", 'id:x a dkg:Conflict ; dkg:conflictKind "mood" ; dkg:severity "warning" ; '
     'dkg:concerns id:y ; dkg:conflictingSource id:src ; rdfs:comment "invented" .\n'
     'id:src a dkg:SourceDocument ; rdfs:label "S" ; dcterms:title "S" ; dkg:retrievedOn "2025-01-01"^^xsd:date .',
     "a conflict has one kind", "x"),
    ("ConflictPositionShape", 'id:x a dkg:ConflictPosition ; dkg:positionSource id:src ; dkg:says "held" ; '
     'dkg:factsLine 0 .\nid:src a dkg:SourceDocument ; rdfs:label "S" ; dcterms:title "S" ; '
     'dkg:retrievedOn "2025-01-01"^^xsd:date .', "the line of a conflict position is a whole number from 1", "x"),
    ("MembershipShape", 'id:x a dkg:Membership ; rdfs:label "X" ; org:member id:ann ; org:role id:r ; '
     'dkg:postIn id:c ; org:organization id:o ; ' + _PROV + 'id:ann a dkg:Person ; rdfs:label "Ann" .\n'
     'id:r a dkg:Role ; rdfs:label "R" .\nid:c a dkg:Country ; rdfs:label "C" .\n'
     'id:o a dkg:Organization ; rdfs:label "O" .', "exactly one organization (org:organization) or one state", "x"),
    ("StatementShape", 'id:x a dkg:Statement ; rdfs:label "X" ; dkg:claim "c" ; ' + _PROV,
     "a statement has at least one speaker", "x"),
    ("SourceDocumentShape", 'id:x a dkg:SourceDocument ; rdfs:label "X" ; dcterms:title "X" .',
     "needs the day it was retrieved", "x"),
]


def store_of(turtle: str) -> Store:
    store = Store()
    store.load((HEAD + turtle).encode(), format=RdfFormat.TURTLE)
    load_ontology(store, ONTOLOGY)
    return store


def violations(store: Store) -> set[tuple[str, str]]:
    """(message, focus id) of every violation."""
    out = set()
    for p in check_shapes(store, SHAPES):
        message, focus = re.fullmatch(r"(.*) \(SHACL, on id:([\w-]+)\)", p.expected).groups()
        out.add((message, focus))
    return out


def test_every_shape_has_a_case():
    text = SHAPES.read_text(encoding="utf-8")
    shapes = set(re.findall(r"^dkgsh:(\w+) a sh:NodeShape", text, re.M))
    assert shapes == {name for name, *_ in CASES}


@pytest.mark.parametrize("shape, turtle, message, focus", CASES, ids=[c[0] for c in CASES])
def test_each_shape_is_enforced(shape, turtle, message, focus):
    found = violations(store_of(turtle))
    assert any(message in m and f == focus for m, f in found), found


@pytest.mark.parametrize("shape, turtle, message, focus", CASES, ids=[c[0] for c in CASES])
def test_a_check_restricted_to_some_nodes_finds_what_the_whole_check_finds_of_them(shape, turtle, message, focus):
    """An incremental build checks the nodes an edit changed (``focus``): for every shape's faulty graph, each
    node alone and all of them give exactly the whole check's problems of those nodes, none of the others'."""
    store = store_of(turtle + "\nid:other a dkg:Meeting .")  # a second faulty node, never asked for
    whole = check_shapes(store, SHAPES)
    nodes = sorted({q.subject.value for q in store.quads_for_pattern(None, None, None, DefaultGraph())
                    if isinstance(q.subject, NamedNode)})
    assert any(p.expected.endswith("(SHACL, on id:other)") for p in whole)
    for asked in [[n] for n in nodes] + [[n for n in nodes if not n.endswith("/other")]]:
        names = tuple(f"(SHACL, on id:{n[len(ID_NS):]})" for n in asked)
        assert check_shapes(store, SHAPES, focus=asked) == [p for p in whole if p.expected.endswith(names)]
    assert check_shapes(store, SHAPES, focus=[]) == []


def test_a_valid_event_conforms_and_a_signatory_counts_as_a_participant():
    assert violations(store_of("id:x a dkg:Meeting ; " + _EVENT)) == set()
    # dkg:signatory is a sub-property of dkg:participant: a signing by two signatories has two participants.
    signing = ("id:x a dkg:Signing ; dkg:agreement id:pact ; "
               + _EVENT.replace("dkg:participant id:ann , id:bo", "dkg:signatory id:ann , id:bo")
               + 'id:pact a dkg:Agreement ; rdfs:label "An invented pact" .\n')
    assert violations(store_of(signing)) == set()
    assert ("an event has at least one participant, a person or organization", "x") in violations(
        store_of(signing.replace("dkg:signatory id:ann , id:bo ;", "")))


def test_violations_point_at_the_file_and_line_and_are_sorted():
    store = store_of('id:x a dkg:Venue ; rdfs:label "X" .\nid:y a dkg:Venue .')
    origins = {ID_NS + "x": Origin("data/entities.yaml", 7, "places[3]")}
    problems = check_shapes(store, SHAPES, origins)
    assert [str(p) for p in problems][0] == ("data/entities.yaml:7: places[3]: dkg:locatedIn: expected a venue is "
                                             "located in one city (dkg:locatedIn a dkg:City) (SHACL, on id:x)")
    assert problems == sorted(problems, key=lambda p: (p.file, p.line, p.field, p.expected, str(p.got)))
    assert {p.file for p in problems} == {"data/entities.yaml", "id:y"}


def test_an_ill_formed_date_fails_its_datatype():
    store = store_of('id:x a dkg:SourceDocument ; rdfs:label "X" ; dcterms:title "X" ; '
                     'dkg:retrievedOn "2025-02-30"^^xsd:date .')
    assert ("a source was retrieved on one day (dkg:retrievedOn, xsd:date)", "x") in violations(store)
    store.add(Quad(NamedNode(ID_NS + "x"), NamedNode("https://w3id.org/diplomatic-kg/ontology#retrievedOn"),
                   Literal("2025-02-28", datatype=NamedNode("http://www.w3.org/2001/XMLSchema#date"))))
    assert ("a source was retrieved on one day (dkg:retrievedOn, xsd:date)", "x") in violations(store)  # two days


def test_an_untranslated_shacl_feature_is_refused(tmp_path):
    shapes = tmp_path / "shapes.ttl"
    shapes.write_text(HEAD + "@prefix sh: <http://www.w3.org/ns/shacl#> .\n"
                      "[] a sh:NodeShape ; sh:targetClass dkg:Person ; "
                      "sh:property [ sh:path rdfs:label ; sh:pattern \"^A\" ] .\n", encoding="utf-8")
    with pytest.raises(ShapesUnsupported, match="sh:pattern"):
        compile_shapes(shapes, Store())
