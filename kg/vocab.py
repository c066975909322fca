"""Namespaces and prefixes, bound in one place.

The project's own vocabulary is a *closed* namespace: asking for a term that the
ontology does not define is an error, so a typo fails loudly instead of minting
a new IRI.

>>> DKG.Meeting
'https://w3id.org/diplomatic-kg/ontology#Meeting'
>>> DKG.Meting
Traceback (most recent call last):
...
AttributeError: dkg:Meting is not a term of the diplomatic-kg ontology
>>> compact("http://www.w3.org/ns/org#member")
'org:member'
"""

from __future__ import annotations

import functools
import re
from collections.abc import Mapping
from typing import Any

ONTOLOGY_IRI = "https://w3id.org/diplomatic-kg/ontology"
DKG_NS = ONTOLOGY_IRI + "#"
ID_NS = "https://w3id.org/diplomatic-kg/id/"
GRAPH_NS = "https://w3id.org/diplomatic-kg/graph/"

#: Named graph holding the ontology and its SHACL shapes are not data: the ontology lives here.
ONTOLOGY_GRAPH = ONTOLOGY_IRI
#: Named graph of the entity registry (persons, organizations, places, roles, topics).
REGISTRY_GRAPH = GRAPH_NS + "registry"
#: Named graph of inferred (RDFS) triples; never mixed with asserted facts.
INFERRED_GRAPH = GRAPH_NS + "inferred"
#: Named graph of the disagreements between sources (``dkg:Conflict`` nodes).
CONFLICTS_GRAPH = GRAPH_NS + "conflicts"
#: Where the merged view (the default graph) goes in a store whose default graph is every graph (Virtuoso).
MERGED_GRAPH = GRAPH_NS + "merged"

#: Every prefix the project writes and predeclares in queries, in a stable order.
PREFIXES: dict[str, str] = {
    "dkg": DKG_NS,
    "id": ID_NS,
    "org": "http://www.w3.org/ns/org#",
    "foaf": "http://xmlns.com/foaf/0.1/",
    "schema": "https://schema.org/",
    "prov": "http://www.w3.org/ns/prov#",
    "sem": "http://semanticweb.cs.vu.nl/2009/11/sem/",
    "time": "http://www.w3.org/2006/time#",
    "dcterms": "http://purl.org/dc/terms/",
    "skos": "http://www.w3.org/2004/02/skos/core#",
    "owl": "http://www.w3.org/2002/07/owl#",
    "rdf": "http://www.w3.org/1999/02/22-rdf-syntax-ns#",
    "rdfs": "http://www.w3.org/2000/01/rdf-schema#",
    "xsd": "http://www.w3.org/2001/XMLSchema#",
    "sh": "http://www.w3.org/ns/shacl#",
    "vann": "http://purl.org/vocab/vann/",
}

DKG_TERMS = frozenset(
    """
    Actor Person Organization Place Country City Region Venue Role Membership Event Meeting Visit Conference
    Talks PhoneCall Arrival Reception Signing JointStatement PressConference Agreement Delegation
    EventStatus EventStatusScheme held announced postponed cancelled Conflict
    Topic TopicScheme Statement SourceDocument unknownPrecision
    participant location destination invitedBy invitationConveyedBy partOf topic date datePrecision earliestDate
    latestDate timeExpression startDate endDate startExpression endExpression attestedOn speaker about claim
    statedAt country locatedIn evidence dateline dateValue accordingTo status oneToOne delegation representing
    headOfDelegation delegationMember agreement signatory agreementKind acting postIn singleHolder retrievedOn
    cameoCode ploverCategory conflictKind concerns conflictingSource severity
    ConflictPosition position positionSource says factsFile factsLine
    """.split()
)


class _Namespace:
    """A namespace whose attributes are IRIs (plain ``str``); closed when given its terms.

    Not a ``str`` subclass on purpose: ``DCTERMS.title`` must be an IRI, not ``str.title``. A term's IRI is kept
    once made (the builder asks for about a million at 1M quads).

    >>> ns = _Namespace("urn:x#", "x", frozenset({"a"}))
    >>> ns.a, ns.a is ns.a, ns["a"]
    ('urn:x#a', True, 'urn:x#a')
    >>> ns.b
    Traceback (most recent call last):
    AttributeError: x:b is not a term of the diplomatic-kg ontology
    """

    __slots__ = ("_iri", "_prefix", "_terms", "__dict__")

    def __init__(self, iri: str, prefix: str, terms: frozenset[str] | None = None):
        self._iri = iri
        self._prefix = prefix
        self._terms = terms

    def __getattr__(self, name: str) -> str:
        if name.startswith("__"):
            raise AttributeError(name)
        if self._terms is not None and name not in self._terms:
            raise AttributeError(f"{self._prefix}:{name} is not a term of the diplomatic-kg ontology")
        value = self.__dict__[name] = self._iri + name  # found there from now on, without this call
        return value

    def __getitem__(self, name: str) -> str:
        return self.__getattr__(name)

    def __str__(self) -> str:
        return self._iri

    def __repr__(self) -> str:
        return f"Namespace({self._prefix}: <{self._iri}>)"


DKG = _Namespace(DKG_NS, "dkg", DKG_TERMS)
ORG = _Namespace(PREFIXES["org"], "org")
FOAF = _Namespace(PREFIXES["foaf"], "foaf")
SCHEMA = _Namespace(PREFIXES["schema"], "schema")
PROV = _Namespace(PREFIXES["prov"], "prov")
SEM = _Namespace(PREFIXES["sem"], "sem")
TIME = _Namespace(PREFIXES["time"], "time")
DCTERMS = _Namespace(PREFIXES["dcterms"], "dcterms")
SKOS = _Namespace(PREFIXES["skos"], "skos")
OWL = _Namespace(PREFIXES["owl"], "owl")
RDF = _Namespace(PREFIXES["rdf"], "rdf")
RDFS = _Namespace(PREFIXES["rdfs"], "rdfs")
XSD = _Namespace(PREFIXES["xsd"], "xsd")

RDF_TYPE = RDF.type

# Local names written as prefix:local: ASCII, no dots, no escapes, so every Turtle parser reads them.
SAFE_LOCAL = re.compile(r"[A-Za-z0-9_]([A-Za-z0-9_-]*[A-Za-z0-9_])?")
_SAFE_LOCAL = SAFE_LOCAL
_KEEP = object()


def compact(iri: str, prefixes: Mapping[str, str] | None = None, *, default: Any = _KEEP) -> Any:
    """``prefix:local`` under the longest namespace of ``prefixes`` (default: ``PREFIXES``) whose local name is
    safe to write so; else ``default`` (by default the IRI unchanged). The one IRI compaction of the project:
    messages, tables, JSON-LD and the Turtle writers all use it.

    >>> compact("https://w3id.org/diplomatic-kg/id/iraq"), compact("https://w3id.org/diplomatic-kg/id/a.b")
    ('id:iraq', 'https://w3id.org/diplomatic-kg/id/a.b')
    >>> compact("urn:x:y", {"x": "urn:x:", "xy": "urn:x:y"}), compact("urn:z", {"x": "urn:x:"}, default=None)
    ('x:y', None)
    """
    if prefixes is None:
        got = _compact_known(iri)
        return got if got is not None else (iri if default is _KEEP else default)
    return _compact(iri, prefixes, default)


@functools.lru_cache(maxsize=1 << 16)
def _compact_known(iri: str) -> str | None:
    return _compact(iri, PREFIXES, None)


def _by_length(prefixes: Mapping[str, str]) -> list[tuple[str, str]]:
    """The prefixes, the longest namespace first (of equal ones, the first given)."""
    return sorted(prefixes.items(), key=lambda kv: -len(kv[1]))


_KNOWN_BY_LENGTH = _by_length(PREFIXES)  # PREFIXES is never changed


def _compact(iri: str, prefixes: Mapping[str, str], default: Any) -> Any:
    # The longest namespace first: the first that fits is the answer.
    for prefix, ns in _KNOWN_BY_LENGTH if prefixes is PREFIXES else _by_length(prefixes):
        if iri.startswith(ns) and SAFE_LOCAL.fullmatch(iri, len(ns)):
            return f"{prefix}:{iri[len(ns):]}"
    return iri if default is _KEEP else default


def expand(name: str) -> str:
    """Turn ``prefix:local`` into a full IRI; raise ``KeyError`` for an unknown prefix.

    >>> expand("dkg:Visit")
    'https://w3id.org/diplomatic-kg/ontology#Visit'
    """
    prefix, _, local = name.partition(":")
    return PREFIXES[prefix] + local
