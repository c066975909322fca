"""What a draft proposes: records that carry, besides the fact, why it was proposed, how sure the drafter
is, its evidence (verbatim sentences) and what a reviewer should look at.

>>> from datetime import date
>>> d = DateP(on="on Wednesday", latest="published")
>>> w = d.when(date(2025, 2, 7)); (w.precision, str(w.earliest), str(w.latest))
('day', '2025-02-05', '2025-02-07')
>>> DateP(on="last month").yaml_value()
'last month'
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date

from kg.facts.dates import When, resolve


@dataclass
class DateP:
    """A date as the facts format writes it: ``on`` and/or bounds, each an expression ``resolve`` reads."""

    on: str | None = None
    earliest: str | None = None
    latest: str | None = None
    text: str | None = None

    def when(self, published: date) -> When:
        """The resolved date, as ``kg validate`` will read it."""
        base = resolve(self.on, published) if self.on else When("unknown", None, None, None, None)
        earliest = resolve(self.earliest, published).earliest if self.earliest else base.earliest
        latest = resolve(self.latest, published).latest if self.latest else base.latest
        return When(base.precision, base.value, earliest, latest, self.text or base.text)

    def yaml_value(self) -> str | dict:
        if self.on and not (self.earliest or self.latest or self.text):
            return self.on
        if not (self.on or self.earliest or self.latest):
            return "unknown"
        return {k: v for k, v in (("on", self.on), ("earliest", self.earliest), ("latest", self.latest),
                                  ("text", self.text)) if v}


@dataclass
class Proposal:
    """What every proposal has: its evidence, confidence, reasons and points to review."""

    evidence: list[str] = field(default_factory=list)
    confidence: float = 0.5
    why: list[str] = field(default_factory=list)
    review: list[str] = field(default_factory=list)
    order: int = 0  # the first sentence it rests on

    def cite(self, sentence: str) -> None:
        if sentence not in self.evidence:
            self.evidence.append(sentence)


@dataclass
class PersonP(Proposal):
    id: str = ""
    label: str = ""
    aliases: list[str] = field(default_factory=list)
    country: str | None = None


@dataclass
class EntityP(Proposal):
    """A new organization or role for the registry."""

    id: str = ""
    kind: str = "organization"
    label: str = ""
    country: str | None = None
    description: str | None = None


@dataclass
class MembershipP(Proposal):
    person: str = ""
    role: str = ""
    organization: str = ""


@dataclass
class EventP(Proposal):
    id: str = ""
    type: str = "meeting"
    participants: list[str] = field(default_factory=list)
    location: str | None = None
    destination: str | None = None
    invited_by: str | None = None
    agreement: str | None = None  # a signing's agreement, of the registry
    part_of: list[str] = field(default_factory=list)
    topics: list[str] = field(default_factory=list)
    date: DateP = field(default_factory=DateP)
    status: str = "held"
    label: str | None = None
    same_as: str | None = None  # an event already in the graph
    dated_in_text: bool = False


@dataclass
class StatementP(Proposal):
    speakers: list[str] = field(default_factory=list)
    claim: str = ""
    at: str | None = None
    according_to: str | None = None
    topics: list[str] = field(default_factory=list)


@dataclass
class Draft:
    """Everything proposed for one article."""

    source: dict
    text: str
    persons: list[PersonP] = field(default_factory=list)
    entities: list[EntityP] = field(default_factory=list)
    aliases: dict[str, list[str]] = field(default_factory=dict)  # known id -> new spellings
    memberships: list[MembershipP] = field(default_factory=list)
    events: list[EventP] = field(default_factory=list)
    statements: list[StatementP] = field(default_factory=list)
    mentioned: dict[str, int] = field(default_factory=dict)  # known entity id -> how many mentions
