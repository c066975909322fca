"""The merged view: what the graph asserts as a whole, derived from what each source says, and every
disagreement between sources, reported rather than merged silently.

The policy (documented in docs/design.md and the README):

- an event's **type** is the one every source gives (``talks`` refines ``meeting``); sources that disagree with
  the majority are errors, reported on their own file and line;
- its **date** is the most precise compatible one, with the bounds every source allows; incompatible dates
  are a conflict (a warning): the merged event then has no date, and the hull of the sources' bounds;
- its **places** are the most specific compatible ones (Tehran is in Iran: Tehran); sources whose places
  are all unrelated are a conflict (both kept);
- participants, topics, invitations, parts, evidence and provenance are the union;
- its **status** is the latest published source's; going back from held to announced, or held against
  cancelled, is a conflict;
- a membership's start and end are merged as dates; a merged start after the merged end is an error; two
  persons in a post that has a single holder on the same days are a conflict (acting holders are exempt).

>>> from kg.facts.dates import When
>>> from datetime import date
>>> month = When("month", (2025, 1), date(2025, 1, 1), date(2025, 1, 31), "last month")
>>> day = When("day", date(2025, 1, 15), date(2025, 1, 15), date(2025, 1, 15), None)
>>> merge_dates([month, day])[0].literal()
('2025-01-15', 'date')
>>> feb = When("day", date(2025, 2, 3), date(2025, 2, 3), date(2025, 2, 3), None)
>>> w, ok = merge_dates([month, feb]); (w.precision, w.earliest, w.latest, ok)
('unknown', datetime.date(2025, 1, 1), datetime.date(2025, 2, 3), False)
"""

from __future__ import annotations

from collections import Counter, defaultdict
from collections.abc import Iterable
from dataclasses import dataclass, field
from datetime import date

from kg.errors import FactsError, Problem
from kg.facts.dates import When
from kg.facts.model import REFINES, Delegation, Event, Facts, Membership

#: Which disagreements stop a build (errors) and which are reported (warnings), by kind.
CONFLICT_KINDS: dict[str, tuple[str, str]] = {
    "type": ("error", "sources give the same event different types"),
    "mention": ("error", "a source mentions an event that no source describes"),
    "membership": ("error", "two sources give one membership id different persons, roles or posts"),
    "membership-dates": ("error", "a membership ends before it starts, across sources"),
    "date": ("warning", "sources give an event dates that cannot both be right"),
    "place": ("warning", "sources give an event places that are unrelated"),
    "status": ("warning", "sources disagree on whether an event happened"),
    "participants": ("warning", "a one-to-one event has more than two participants across sources"),
    "post-holder": ("warning", "two persons hold a post that has one holder, on the same days"),
}


@dataclass(frozen=True)
class Witness:
    """One source's side of a conflict: which source, where in its facts file, what it says."""

    source: str
    file: str
    line: int
    says: str
    sentence: str = ""


@dataclass
class Conflict:
    """A disagreement between sources about one fact."""

    kind: str
    concerns: str  # the id of the fact (event, membership) or of the post
    message: str
    witnesses: list[Witness]

    @property
    def severity(self) -> str:
        return CONFLICT_KINDS[self.kind][0]

    def problems(self) -> list[Problem]:
        """The conflict as Problems (file:line) for error messages: for a type, on the files that disagree
        with the majority; otherwise on every source involved."""
        blamed = [w for w in self.witnesses if w.says != self._majority()] if self.kind == "type" else self.witnesses
        out = []
        for w in blamed:
            others = "; ".join(f"{o.file}:{o.line} ({o.source}) says {o.says}" for o in self.witnesses if o is not w)
            field = f"{self.concerns}.type" if self.kind == "type" else self.concerns
            out.append(Problem(w.file, w.line, field, f"{self.message}" + (f" ({others})" if others else ""),
                               w.says, self.severity))
        return out

    def _majority(self) -> str:
        said = [w.says for w in self.witnesses]
        counts = Counter(said)
        return max(counts, key=lambda t: (counts[t], -said.index(t)))

    def __str__(self) -> str:
        lines = [f"{self.severity}: {self.kind}: {self.concerns}: expected {self.message}"]
        for w in self.witnesses:
            quote = f": “{w.sentence}”" if w.sentence else ""
            lines.append(f"  {w.file}:{w.line} ({w.source}) says {w.says}{quote}")
        return "\n".join(lines)


# -- dates ---------------------------------------------------------------------------------------------------


def merge_dates(whens: Iterable[When]) -> tuple[When, bool]:
    """The merged date of several sources' dates, and whether they are compatible.

    Compatible: the most precise value, the bounds every source allows. Not: no value, the hull of the bounds.
    """
    ws = list(whens)
    lo = max((w.earliest for w in ws if w.earliest), default=None)
    hi = min((w.latest for w in ws if w.latest), default=None)
    if lo is not None and hi is not None and lo > hi:
        first = min((w.earliest for w in ws if w.earliest), default=None)
        last = None if any(w.latest is None for w in ws) else max(w.latest for w in ws if w.latest)
        return When("unknown", None, None if any(w.earliest is None for w in ws) else first, last), False
    best = max(ws, key=lambda w: w.rank())  # max keeps the first of equals
    return When(best.precision, best.value, lo, hi, None), True


def _date_text(w: When | None) -> str:
    if w is None:
        return "no date"
    lit = w.literal()
    bounds = f"{w.earliest or 'open'}..{w.latest or 'open'}"
    return f"{lit[0]} ({bounds})" if lit else f"between {bounds}"


# -- places --------------------------------------------------------------------------------------------------


class Places:
    """The containment of places (``located_in``, transitively), to compare what sources say."""

    def __init__(self, facts: Facts):
        self.parents = {e.id: list(e.located_in) for e in facts.entities.values() if e.kind == "place"}
        self._up: dict[str, frozenset[str]] = {}

    def ancestors(self, place: str) -> frozenset[str]:
        if place not in self._up:
            seen: set[str] = set()
            todo = list(self.parents.get(place, ()))
            while todo:
                p = todo.pop()
                if p not in seen:
                    seen.add(p)
                    todo.extend(self.parents.get(p, ()))
            self._up[place] = frozenset(seen)
        return self._up[place]

    def related(self, a: str, b: str) -> bool:
        return a == b or a in self.ancestors(b) or b in self.ancestors(a)

    def most_specific(self, places: Iterable[str]) -> list[str]:
        """The places without those that contain another of them (Tehran and Iran: Tehran)."""
        given = list(dict.fromkeys(places))
        return [p for p in given if not any(p in self.ancestors(q) for q in given if q != p)]


# -- merged records ------------------------------------------------------------------------------------------


@dataclass
class MergedEvent:
    """An event as the graph asserts it, merged from every source's report or mention of it."""

    id: str
    type: str
    reports: list[Event]  # every source's entry, in source order
    when: When
    label: str | None = None
    alt_labels: list[str] = field(default_factory=list)
    participants: list[str] = field(default_factory=list)
    location: list[str] = field(default_factory=list)
    destination: list[str] = field(default_factory=list)
    invited_by: list[str] = field(default_factory=list)
    invitation_conveyed_by: list[str] = field(default_factory=list)
    part_of: list[str] = field(default_factory=list)
    topics: list[str] = field(default_factory=list)
    agreement: list[str] = field(default_factory=list)
    signatories: list[str] = field(default_factory=list)
    status: str = "held"
    one_to_one: bool = False
    delegations: dict[str, Delegation] = field(default_factory=dict)


@dataclass
class MergedMembership:
    id: str
    reports: list[Membership]
    start: When | None = None
    end: When | None = None


@dataclass(frozen=True)
class Holder:
    """What the check of posts with a single holder reads of a merged membership: its post, its person, whether
    it is acting, the days it is held, and its first report (the witness). An incremental build keeps them,
    so that it checks every post again without the records of every membership."""

    role: str
    where: str | None
    person: str
    acting: bool
    lo: date | None
    hi: date | None
    source: str
    file: str
    line: int
    sentence: str


@dataclass
class Merged:
    """The merged view of a set of facts: events and memberships by id, the conflicts found, and the
    ``Holder`` of each membership."""

    events: dict[str, MergedEvent]
    memberships: dict[str, MergedMembership]
    conflicts: list[Conflict]
    holders: dict[str, Holder] = field(default_factory=dict)

    def errors(self) -> list[Problem]:
        return [p for c in self.conflicts if c.severity == "error" for p in c.problems()]

    def warnings(self) -> list[Conflict]:
        return [c for c in self.conflicts if c.severity == "warning"]

    def check(self, strict: bool = False) -> Merged:
        """This merged view, or ``FactsError`` listing the conflicts that stop a build: the errors (with
        ``strict``, every conflict)."""
        errors = self.errors()
        if strict:
            errors += [p for c in self.warnings() for p in c.problems()]
        if errors:
            raise FactsError(errors)
        return self


def _union(values: Iterable[Iterable[str]]) -> list[str]:
    return list(dict.fromkeys(v for vs in values for v in vs))


def _witness(rec: Event | Membership, says: str) -> Witness:
    return Witness(rec.source, rec.file, rec.line, says, next(iter(rec.evidence), ""))


def _publication_key(rec: Event | Membership, sources: dict) -> tuple:
    pub = sources[rec.source].published
    return (pub.latest or pub.earliest or date.min, rec.source)


def merge(facts: Facts) -> Merged:
    """Merge what the sources say, by the policy of this module."""
    sources = {s.id: s for s in facts.sources}
    places = Places(facts)
    conflicts: list[Conflict] = []
    by_event: dict[str, list[Event]] = defaultdict(list)
    for ev in facts.events:
        by_event[ev.id].append(ev)
    events = {}
    for ident, reports in by_event.items():
        merged = _merge_event(ident, reports, sources, places, conflicts)
        if merged is not None:
            events[ident] = merged
    by_ms: dict[str, list[Membership]] = defaultdict(list)
    for ms in facts.memberships:
        by_ms[ms.id].append(ms)
    memberships = {ident: _merge_membership(ident, reports, sources, conflicts) for ident, reports in by_ms.items()}
    holders = {ident: holder(m) for ident, m in memberships.items()}
    conflicts += post_holder_conflicts(holders.values(), single_roles(facts.entities))
    return Merged(events, memberships, conflicts, holders)


def merge_some(facts: Facts, events: Iterable[str], memberships: Iterable[str]) -> Merged:
    """The merge of the ``events`` and ``memberships`` named (in that order) from ``facts``, which must hold
    every report of them: each merged as ``merge`` merges it, with its conflicts (the checks of posts with a
    single holder left out: they need every membership, ``post_holder_conflicts``)."""
    sources = {s.id: s for s in facts.sources}
    places = Places(facts)
    by_event: dict[str, list[Event]] = {i: [] for i in events}
    for ev in facts.events:
        if ev.id in by_event:
            by_event[ev.id].append(ev)
    by_ms: dict[str, list[Membership]] = {i: [] for i in memberships}
    for ms in facts.memberships:
        if ms.id in by_ms:
            by_ms[ms.id].append(ms)
    conflicts: list[Conflict] = []
    merged = {}
    for ident, reports in by_event.items():
        if reports and (m := _merge_event(ident, reports, sources, places, conflicts)) is not None:
            merged[ident] = m
    ms = {ident: _merge_membership(ident, reports, sources, conflicts) for ident, reports in by_ms.items() if reports}
    return Merged(merged, ms, conflicts, {ident: holder(m) for ident, m in ms.items()})


def _merge_event(ident: str, reports: list[Event], sources: dict, places: Places,
                 conflicts: list[Conflict]) -> MergedEvent | None:
    typed = [r for r in reports if r.type is not None]
    if not typed:
        conflicts.append(Conflict("mention", ident, f"an event that some source describes with its type "
                                  f"({ident!r} is only mentioned, never described)",
                                  [_witness(r, "a mention only") for r in reports]))
        return None
    kinds = {REFINES.get(r.type, r.type) for r in typed}  # type: ignore[arg-type]
    if len(kinds) > 1:
        conflicts.append(Conflict("type", ident, f"the type the other sources give event {ident!r}",
                                  [_witness(r, r.type or "") for r in typed]))
        return None
    refined = [r.type for r in typed if r.type in REFINES]
    etype = refined[0] if refined else typed[0].type
    dated = [r.when for r in reports if r.when is not None]
    when, ok = merge_dates(dated) if dated else (When("unknown", None, None, None, None), True)
    if not ok:
        conflicts.append(Conflict("date", ident, "dates that can both be right (their bounds do not overlap); "
                                  "the merged event keeps only the hull of the bounds",
                                  [_witness(r, _date_text(r.when)) for r in reports if r.when]))
    m = MergedEvent(ident, etype, reports, when)  # type: ignore[arg-type]
    labels = [r.label for r in reports if r.label]
    m.label = labels[0] if labels else None
    m.alt_labels = [x for x in dict.fromkeys(labels[1:]) if x != m.label]
    for name in ("participants", "invited_by", "invitation_conveyed_by", "part_of", "topics", "signatories"):
        setattr(m, name, _union(getattr(r, name) for r in reports))
    m.agreement = _union([r.agreement] if r.agreement else [] for r in reports)
    for name in ("location", "destination"):
        given = [r for r in reports if getattr(r, name)]
        setattr(m, name, places.most_specific(p for r in given for p in getattr(r, name)))
        for i, a in enumerate(given):
            for b in given[i + 1:]:
                if a.source != b.source and not any(places.related(x, y) for x in getattr(a, name)
                                                    for y in getattr(b, name)):
                    pair = [_witness(a, ", ".join(getattr(a, name))),
                            _witness(b, ", ".join(getattr(b, name)))]
                    conflicts.append(Conflict("place", ident, f"places ({name}) that agree, or one within the "
                                              "other; both are kept", pair))
    m.one_to_one = any(r.one_to_one for r in reports)
    if m.one_to_one and len(m.participants) > 2:
        conflicts.append(Conflict("participants", ident, "at most two participants in a one-to-one event",
                                  [_witness(r, ", ".join(r.participants)) for r in reports
                                   if r.participants]))
    _merge_status(m, reports, sources, conflicts)
    for r in reports:
        for d in r.delegations:
            have = m.delegations.setdefault(d.of, Delegation(d.of))
            have.head = have.head or d.head
            have.members = _union([have.members, d.members])
    return m


def _merge_status(m: MergedEvent, reports: list[Event], sources: dict, conflicts: list[Conflict]) -> None:
    stated = sorted((r for r in reports if r.status), key=lambda r: _publication_key(r, sources))
    if not stated:
        return
    m.status = stated[-1].status  # type: ignore[assignment]
    said = [r.status for r in stated]
    regress = any(a == "held" and b in ("announced", "postponed") for i, a in enumerate(said) for b in said[i + 1:])
    if regress or {"held", "cancelled"} <= set(said):
        conflicts.append(Conflict("status", m.id, f"statuses that follow each other in time (the latest "
                                  f"published, {m.status}, is kept)",
                                  [_witness(r, r.status or "") for r in stated]))


def _merge_membership(ident: str, reports: list[Membership], sources: dict,
                      conflicts: list[Conflict]) -> MergedMembership:
    m = MergedMembership(ident, reports)
    shapes = {(r.person, r.role, r.organization, r.state) for r in reports}
    if len(shapes) > 1:
        conflicts.append(Conflict("membership", ident, "the same person, role and post in every source that "
                                  "gives this membership id",
                                  [_witness(r, f"{r.person}, {r.role}, {r.organization or r.state}")
                                   for r in reports]))
    for name in ("start", "end"):
        given = [getattr(r, name) for r in reports if getattr(r, name) is not None]
        given = [w for w in given if w.precision != "unknown" or w.earliest or w.latest]
        if given:
            setattr(m, name, merge_dates(given)[0])
    if m.start and m.end and m.start.earliest and m.end.latest and m.start.earliest > m.end.latest:
        conflicts.append(Conflict("membership-dates", ident, "a start on or before the end",
                                  [_witness(r, f"start {_date_text(r.start)}, end {_date_text(r.end)}")
                                   for r in reports if r.start or r.end]))
    return m


def _held(m: MergedMembership) -> tuple[date | None, date | None]:
    days = [r.attested for r in m.reports if r.attested]
    lo = m.start.earliest if m.start and m.start.earliest else min(days, default=None)
    hi = m.end.latest if m.end and m.end.latest else max(days, default=None)
    return lo, hi


def holder(m: MergedMembership) -> Holder:
    """What the check of single-holder posts reads of ``m``."""
    r = m.reports[0]
    lo, hi = _held(m)
    return Holder(r.role, r.organization or r.state, r.person, any(x.acting for x in m.reports), lo, hi, r.source,
                  r.file, r.line, next(iter(r.evidence), ""))


def single_roles(entities: dict) -> set[str]:
    """The roles of the registry that have a single holder at a time."""
    return {e.id for e in entities.values() if e.kind == "role" and e.single_holder}


def post_holder_conflicts(holders: Iterable[Holder], single: set[str]) -> list[Conflict]:
    """Two persons in a post that has a single holder on the same days (acting holders are exempt), from the
    ``Holder`` of every membership, in the order of the memberships."""
    conflicts: list[Conflict] = []
    posts: dict[tuple, list[Holder]] = defaultdict(list)
    for h in holders:
        if h.role in single and not h.acting:
            posts[(h.role, h.where)].append(h)
    for (role, where), hs in posts.items():
        for i, a in enumerate(hs):
            for b in hs[i + 1:]:
                if a.person == b.person:
                    continue
                if None in (a.lo, a.hi, b.lo, b.hi) or a.hi < b.lo or b.hi < a.lo:  # type: ignore[operator]
                    continue
                conflicts.append(Conflict("post-holder", f"{role}@{where}", f"one holder at a time of the post "
                                          f"{role} of {where} (they overlap {max(a.lo, b.lo)}..{min(a.hi, b.hi)})",
                                          [Witness(a.source, a.file, a.line, f"{a.person} holds it", a.sentence),
                                           Witness(b.source, b.file, b.line, f"{b.person} holds it", b.sentence)]))
    return conflicts


__all__ = ["CONFLICT_KINDS", "Conflict", "Holder", "Merged", "MergedEvent", "MergedMembership", "Places", "Witness",
           "holder", "merge", "merge_dates", "merge_some", "post_holder_conflicts", "single_roles"]
