"""Typed records of the curated facts, as read from the YAML files.

Each record remembers where it was written (``file``, ``line``) so that later stages, SHACL
included, can point the user back at the line to fix.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date
from typing import NamedTuple

from kg.facts.dates import When

ENTITY_KINDS = ("person", "organization", "place", "role", "topic")
EVENT_TYPES = ("meeting", "visit", "conference")
PLACE_TYPES = ("country", "city", "region")


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
    path: str = ""  # where in the file, e.g. events[3]
    refs: list[Ref] = field(default_factory=list)
    evidence_lines: list[int] = field(default_factory=list)


@dataclass
class Source:
    """A source document and where its text and facts live."""

    id: str
    title: str
    published: date
    text_path: str
    text: str
    file: str
    line: int
    dateline: str | None = None
    publisher: str | None = None
    url: str | None = None
    language: str | None = None
    path: str = ""  # where in the file, e.g. events[3]
    refs: list[Ref] = field(default_factory=list)
    evidence_lines: list[int] = field(default_factory=list)


@dataclass
class Membership:
    """A person holding a role in an organization, according to one source."""

    id: str
    person: str
    role: str
    organization: str
    source: str
    attested: date
    evidence: list[str]
    file: str
    line: int
    start: When | None = None
    end: When | None = None
    path: str = ""  # where in the file, e.g. events[3]
    refs: list[Ref] = field(default_factory=list)
    evidence_lines: list[int] = field(default_factory=list)


@dataclass
class Event:
    """A meeting, visit or conference, according to one source."""

    id: str
    type: str
    source: str
    when: When
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
