"""Typed records of the curated facts, as read from the YAML files.

Each record remembers where it was written (``file``, ``line``) so that later stages, SHACL
included, can point the user back at the line to fix.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date
from typing import NamedTuple

from kg.facts.dates import When

ENTITY_KINDS = ("person", "organization", "place", "role", "topic", "agreement")
#: Event types as written in facts files -> (class local name, CAMEO code, PLOVER category or None).
EVENT_CLASSES: dict[str, tuple[str, str, str | None]] = {
    "meeting": ("Meeting", "040", "CONSULT"),
    "talks": ("Talks", "046", "CONSULT"),
    "phone-call": ("PhoneCall", "041", "CONSULT"),
    "visit": ("Visit", "042", "CONSULT"),
    "arrival": ("Arrival", "042", "CONSULT"),
    "reception": ("Reception", "043", "CONSULT"),
    "conference": ("Conference", "040", "CONSULT"),
    "signing": ("Signing", "057", "AGREE"),
    "joint-statement": ("JointStatement", "010", None),
    "press-conference": ("PressConference", "010", None),
}
EVENT_TYPES = tuple(EVENT_CLASSES)
#: A type that refines another: two sources may give either, the merged event has the refinement.
REFINES = {"talks": "meeting"}
STATUSES = ("held", "announced", "postponed", "cancelled")
PLACE_TYPES = ("country", "city", "region", "venue")
AGREEMENT_KINDS = ("agreement", "memorandum", "treaty", "declaration")


class Ref(NamedTuple):
    """A reference from a record to an id: the field, the id, its line, and the kinds it may point to."""

    field: str
    id: str
    line: int
    kinds: frozenset[str]


@dataclass
class Entity:
    """A person, organization, place, role or topic of the shared registry."""

    id: str
    kind: str
    label: str
    file: str
    line: int
    aliases: list[str] = field(default_factory=list)
    description: str | None = None
    country: str | None = None  # persons and organizations
    part_of: list[str] = field(default_factory=list)  # organizations: org:subOrganizationOf
    place_type: str | None = None  # places: country, city, region
    located_in: list[str] = field(default_factory=list)  # places
    broader: list[str] = field(default_factory=list)  # topics
    single_holder: bool = False  # roles: one holder per organization or state at a time
    agreement_kind: str | None = None  # agreements
    same_as: list[str] = field(default_factory=list)  # IRIs of the same entity in other knowledge graphs
    path: str = ""  # where in the file, e.g. events[3]
    refs: list[Ref] = field(default_factory=list)
    evidence_lines: list[int] = field(default_factory=list)


@dataclass
class Source:
    """A source document and where its text and facts live."""

    id: str
    title: str
    published: When  # a day, a month, a year, or unknown (then ``retrieved`` bounds it)
    text_path: str
    text: str
    file: str
    line: int
    dateline: str | None = None
    publisher: str | None = None
    url: str | None = None
    language: str | None = None
    retrieved: date | None = None
    path: str = ""  # where in the file, e.g. events[3]
    refs: list[Ref] = field(default_factory=list)
    evidence_lines: list[int] = field(default_factory=list)


@dataclass
class Delegation:
    """The people who came to an event on behalf of a country or organization."""

    of: str
    head: str | None = None
    members: list[str] = field(default_factory=list)


@dataclass
class Membership:
    """A person holding a role in an organization, according to one source."""

    id: str
    person: str
    role: str
    organization: str | None  # None for a post of a state (``state``)
    source: str
    attested: date | None  # None when the source's publication day is not known
    evidence: list[str]
    file: str
    line: int
    start: When | None = None
    end: When | None = None
    state: str | None = None  # a post held in a state (a country) rather than an organization
    acting: bool = False
    path: str = ""  # where in the file, e.g. events[3]
    refs: list[Ref] = field(default_factory=list)
    evidence_lines: list[int] = field(default_factory=list)


@dataclass
class Event:
    """An event according to one source. A *mention* (``type`` None) refers to an event another source
    describes and adds only what it gives (evidence, a date, topics...)."""

    id: str
    type: str | None
    source: str
    when: When | None
    evidence: list[str]
    file: str
    line: int
    label: str | None = None
    participants: list[str] = field(default_factory=list)
    location: list[str] = field(default_factory=list)
    destination: list[str] = field(default_factory=list)
    invited_by: list[str] = field(default_factory=list)
    part_of: list[str] = field(default_factory=list)
    topics: list[str] = field(default_factory=list)
    description: str | None = None
    status: str | None = None  # held, announced, postponed, cancelled; None: the source does not say
    one_to_one: bool = False
    delegations: list[Delegation] = field(default_factory=list)
    invitation_conveyed_by: list[str] = field(default_factory=list)
    agreement: str | None = None
    signatories: list[str] = field(default_factory=list)
    path: str = ""  # where in the file, e.g. events[3]
    refs: list[Ref] = field(default_factory=list)
    evidence_lines: list[int] = field(default_factory=list)


@dataclass
class Statement:
    """A stance one or more actors expressed, according to one source."""

    id: str
    speakers: list[str]
    claim: str
    source: str
    evidence: list[str]
    file: str
    line: int
    about: list[str] = field(default_factory=list)
    topics: list[str] = field(default_factory=list)
    at: str | None = None
    according_to: list[str] = field(default_factory=list)
    path: str = ""  # where in the file, e.g. events[3]
    refs: list[Ref] = field(default_factory=list)
    evidence_lines: list[int] = field(default_factory=list)


@dataclass
class Facts:
    """Everything read from a data directory, validated, in a stable order."""

    entities: dict[str, Entity]
    sources: list[Source]
    memberships: list[Membership]
    events: list[Event]
    statements: list[Statement]
    warnings: list = field(default_factory=list)
    files: list[str] = field(default_factory=list)
    declared: dict[str, str] = field(default_factory=dict)  # ids of records that failed to load, by kind
