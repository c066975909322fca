"""From the events of single sentences to the article's events: what several sentences say of one event
merged, arrivals as the start of visits, the end of visits from departures, meetings linked to the visit
they were part of and dated by it when their sentences are not, and ids.

>>> from kg.facts.model import Entity
>>> from kg.draft.drafter import analyse
>>> from datetime import date
>>> ents = {"x": Entity("x", "place", "Varnia", "", 0, place_type="country"),
...         "d": Entity("d", "place", "Drevna", "", 0, place_type="city", located_in=["x"]),
...         "a": Entity("a", "person", "Lena Varosh", "", 0, aliases=["Varosh"]),
...         "b": Entity("b", "person", "Tomas Keld", "", 0)}
>>> d = analyse("Lena Varosh arrived in Drevna on Monday for a visit. Varosh met Tomas Keld.",
...             date(2025, 3, 5), ents)
>>> [(e.id, e.type, e.part_of) for e in d.events]  # doctest: +NORMALIZE_WHITESPACE
[('varosh-visit-to-d-2025-03-03', 'visit', []),
 ('varosh-meets-keld-2025-03-03', 'meeting', ['varosh-visit-to-d-2025-03-03'])]
"""

from __future__ import annotations

import re
from datetime import date, timedelta

from kg.draft import events as ev
from kg.draft.attend import attendants
from kg.draft.dates import from_first_day
from kg.draft.model import DateP, Draft, EventP
from kg.draft.names import Gazetteer, country_of, slug, within
from kg.draft.visits import (
    after_talks,
    companions,
    delegation_guests,
    during_visits,
    hosted_visits,
    own_ministers,
    presence_lists,
    travel_companions,
)
from kg.names import name_key

_DEPARTED = re.compile(r"\b(?:left|departed(?: from)?|leaves|departs)\s+$")
_ONWARD = re.compile(r"\b(?:on|onwards?) (?:to|for)\b|\bthen\b|\bleft [A-Z][\w’'-]+ for\b|\bbefore\b", re.I)
_MEETINGS_DAY = re.compile(r"\b(?:meetings|talks|consultations)\b", re.I)


def assemble(found: list[EventP], parsed: list[ev.Parsed], gaz: Gazetteer, draft: Draft, pub: date) -> None:
    """Merge what several sentences say of one event, link and date the parts of visits, give ids."""
    inherit_dates(found, parsed, pub)
    draft.events = merge(found, gaz, pub)
    nationality = {p.id: p.country for p in draft.persons}
    for a in [x for x in draft.events if x.type == "arrival"]:
        home = nationality.get(a.participants[0]) or getattr(gaz.entities.get(a.participants[0]), "country", None)
        there = country_of(gaz, a.destination)
        envoy = any(m.person == a.participants[0] and re.search(r"ambassador|envoy|consul|charg", m.role)
                    for m in draft.memberships)  # an envoy arriving at the post does not visit it
        if there and home != there and not envoy and (home or a.status == "announced"):
            a.type, a.destination = "visit", there
            a.why.append(f"the arrival of a foreign official in {gaz.entities[there].label}: the start of a visit"
                         if home else f"an arrival to come in {gaz.entities[there].label}: a visit announced")
            a.review.append("proposed as a visit from the arrival: check its end")
    hosted_visits(draft, gaz)
    greeted_arrivals(draft.events, pub)
    companions(draft.events, parsed)
    travel_companions(draft.events, parsed)
    own_ministers(draft.events, parsed)
    delegation_guests(draft.events, parsed)
    presence_lists(draft.events, parsed)
    attendants(draft.events, parsed)
    during_visits(draft.events)
    after_talks(draft.events, parsed)
    departures(draft.events, parsed, gaz, pub)
    visits_and_parts(draft.events, parsed, gaz, pub)
    at_dateline(draft.events, parsed, gaz, draft.source.get("dateline"))
    for e in draft.events:
        if e.type in ("visit", "conference"):
            e.date = from_first_day(e.date, pub)
    assign_ids(draft.events, gaz, pub)


def greeted_arrivals(events: list[EventP], pub: date) -> None:
    """An undated arrival of a visitor met by someone ("was welcomed at the airport by Y") told after the
    visit it starts: on the visit's first day, part of it, for review."""
    for a in events:
        if a.type != "arrival" or a.dated_in_text or a.date.on or a.date.earliest or len(a.participants) < 2:
            continue
        v = next((v for v in events if v.type == "visit" and v.participants[:1] == a.participants[:1]
                  and v.order <= a.order and v.date.on and v.date.when(pub).precision == "day"), None)
        if v is None:
            continue
        a.date = DateP(on=v.date.when(pub).value.isoformat(), text=v.date.text)
        a.dated_in_text = True
        a.location = a.location or v.location
        a.part_of_events = [v]  # type: ignore[attr-defined]
        a.why.append("the arrival of the visit told before: its first day")
        a.review.append("dated as the first day of the visit: check it")


def _overlap(a: EventP, b: EventP, pub: date) -> bool:
    wa, wb = a.date.when(pub), b.date.when(pub)
    lo = max(x for x in (wa.earliest, wb.earliest, date.min) if x)
    hi = min(x for x in (wa.latest, wb.latest, date.max) if x)
    return lo <= hi



def _group(t: str) -> str:
    return "meeting" if t in ("meeting", "talks") else t



def merge(found: list[EventP], gaz: Gazetteer, pub: date) -> list[EventP]:
    out: list[EventP] = []
    for e in found:
        for o in out:
            if _group(o.type) != _group(e.type) or not _overlap(o, e, pub):
                continue
            if o.status != e.status and "held" in (o.status, e.status):
                continue  # "A met B on Monday. They agreed to meet again in the spring": two meetings (so are
                # "A and B, whose talks were postponed last week, met on Friday")
            if e.type in ("visit", "arrival"):
                same = o.participants == e.participants and (
                    within(gaz, e.destination, o.destination) or within(gaz, o.destination, e.destination))
            elif e.type == "conference":
                same = bool(o.label and e.label and name_key(o.label) == name_key(e.label))
            else:
                same = set(o.participants) == set(e.participants) and _one_reception(o, e)
            if same:
                _absorb(o, e, gaz, pub)
                break
        else:
            out.append(e)
    # an arrival in the destination of a visit by the same person is the start of that visit
    visits = [v for v in out if v.type == "visit"]
    for a in [x for x in out if x.type == "arrival"]:
        for v in visits:
            if v.participants == a.participants and within(gaz, a.destination, v.destination) and _overlap_or_before(
                    a, v, pub):
                v.location = a.destination
                v.invited_by = v.invited_by or a.invited_by
                v.arrival = a.date  # type: ignore[attr-defined]
                v.why.append(f"arrival in {gaz.entities[a.destination].label} is its start")
                for s in a.evidence:
                    v.cite(s)
                if a.date.on:
                    latest = v.date.latest or v.date.on
                    v.date = DateP(on=a.date.on, latest=latest if latest != a.date.on else None,
                                   text=_wording(a, v))
                out.remove(a)
                break
    return out



_MEAL = re.compile(r"(?i)\b(?:dinner|banquet|lunch|luncheon|breakfast|supper)\b")
_CEREMONY = re.compile(r"(?i)\b(?:ceremony|guard of honou?r|welcom\w*)\b")


def _one_reception(o: EventP, e: EventP) -> bool:
    """Whether two receptions of the same persons and day can be one: not a meal and a ceremony ("a welcoming
    ceremony for A was held on 4 May", "On the evening of 4 May B hosted a dinner in honour of A": two parts of
    the visit); other events, and receptions told by no such word, are not told apart here."""
    if o.type != "reception" or e.type != "reception":
        return True
    kinds = []
    for x in (o, e):
        told = x.why[0] if x.why else ""
        kinds.append("meal" if _MEAL.search(told) else "ceremony" if _CEREMONY.search(told) else None)
    return None in kinds or kinds[0] == kinds[1]


def _wording(a: EventP, v: EventP) -> str | None:
    parts = [x for x in (_phrase(a), _phrase(v)) if x]
    return "; ".join(parts) if len(parts) == 2 else None



def _phrase(e: EventP) -> str | None:
    if not e.date.on:
        return None
    s = e.evidence[0]
    m = re.search(r"\b(?:arrived|visited|traveled|travelled)\b[^,.;]*?" + re.escape(e.date.text or e.date.on), s)
    return m[0] if m else None



def _overlap_or_before(a: EventP, v: EventP, pub: date) -> bool:
    wa, wv = a.date.when(pub), v.date.when(pub)
    return not (wa.earliest and wv.latest and wa.earliest > wv.latest)



def _absorb(o: EventP, e: EventP, gaz: Gazetteer, pub: date) -> None:
    for s in e.evidence:
        o.cite(s)
    if e.date.when(pub).rank() > o.date.when(pub).rank():
        o.date, o.dated_in_text = e.date, e.dated_in_text
    if e.type in ("visit", "arrival") and within(gaz, e.destination, o.destination):
        o.destination = o.location = e.destination
    o.location = o.location or e.location
    o.invited_by = o.invited_by or e.invited_by
    o.topics = sorted(set(o.topics) | set(e.topics))
    o.label = o.label or e.label
    o.confidence = min(0.95, o.confidence + 0.05)
    if getattr(e, "after_arrival", False):
        o.after_arrival = True  # type: ignore[attr-defined]
        o.date = e.date
    o.review.extend(r for r in e.review if r not in o.review)



def visits_and_parts(events: list[EventP], parsed: list[ev.Parsed], gaz: Gazetteer, pub: date) -> None:
    visits = [v for v in events if v.type == "visit" and v.status == "held"]
    for v in visits:
        w = v.date.when(pub)
        if getattr(v, "ended", False):
            continue
        if w.precision == "day" and w.latest and w.latest >= pub - timedelta(days=7) and v.date.latest != "published":
            v.date = DateP(on=v.date.on, latest="published", text=v.date.text)
            v.review.append("the article does not say the visit has ended: latest is the publication day")
    for e in events:
        if e.type in ("visit", "arrival", "phone-call"):
            continue
        # the visit told in the same sentence first ("travelled to X, where she met Y"), then the one told last
        # before it (a tour: "flew on to Y. There, she met Z" is part of the visit to Y), then the others; an
        # announced event may be part of an announced visit
        pool = visits + [v for v in events if v.type == "visit" and v.status == "announced" == e.status]
        for v in sorted(pool, key=lambda v: (not set(v.evidence) & set(e.evidence), v.order > e.order,
                                             abs(e.order - v.order))):
            if not set(v.participants) & set(e.participants):
                continue
            if e.order < v.order and not v.dated_in_text and not set(v.evidence) & set(e.evidence):
                continue  # a visit told later and undated ("Two weeks earlier, she had travelled to X")
            if e.location and not (within(gaz, e.location, v.destination) or within(gaz, e.location, v.location)):
                continue
            if e.dated_in_text and not _overlap(e, v, pub):
                continue
            if e.order < v.order and _ONWARD.search(v.evidence[0]):
                continue  # "A met B. She then flew on to X": the journey on to X came after
            e.part_of.append(v.id or "")
            e.part_of_events = [*getattr(e, "part_of_events", []), v]  # type: ignore[attr-defined]
            _date_in_visit(e, v, parsed, pub)
            e.location = e.location or v.location
            break
    # "..., where he met ..." after a conference in the same sentence: part of that conference
    for e in events:
        if e.type != "meeting":
            continue
        for c in events:
            if c.type == "conference" and c.evidence[0] in e.evidence and re.search(
                    r",\s+where\b|\bmeet\w*\b(?:\s+\w+)?\s+at\s+(?:the|an?)\b|\bon the (?:sidelines|margins"
                    r"|fringes) of\b", c.evidence[0]):
                e.part_of_events = [c, *getattr(e, "part_of_events", [])]  # type: ignore[attr-defined]
                e.date = c.date
                e.location = c.location or e.location
                e.why.append(f"held at the {c.label}")
    for e in events:
        if e.type == "conference" and not e.location:
            for v in visits:
                if v in getattr(e, "part_of_events", []):
                    e.location = v.destination



_IN_PERSON = ("meeting", "reception", "signing", "joint-statement", "press-conference")


def at_dateline(events: list[EventP], parsed: list[ev.Parsed], gaz: Gazetteer, dateline: str | None) -> None:
    """A meeting (reception, signing, ...) held with no place in its sentences, in an article datelined in a
    city, was probably held there: proposed less sure, for review. Not when its sentences name another
    place, which may be where it was."""
    if not dateline:
        return
    for e in events:
        if e.type not in _IN_PERSON or e.location or e.status != "held":
            continue
        named = {m.id for p in parsed if p.text in e.evidence for m in p.places()}
        if any(not within(gaz, dateline, x) for x in named):
            continue
        e.location = dateline
        e.confidence = round(max(0.3, e.confidence - 0.15), 2)
        e.why.append(f"no place in its sentences: the dateline's ({gaz.entities[dateline].label})")
        e.review.append("the place is the article's dateline: check it")


_NEXT_MORNING = re.compile(r"\b(?:the )?(?:next|following) (?:day|morning|afternoon|evening)\b|\bthe day after\b",
                           re.I)


_SAME_DAY = re.compile(r"\b(?:(?:later|earlier) that (?:day|morning|afternoon|evening|night)|(?:on )?the same day"
                       r"|that (?:same )?(?:afternoon|evening|night))\b", re.I)


def _under_heading(e: EventP, head, same: re.Match | None, pub: date) -> bool:
    """An undated event in a paragraph under a heading that is a date ("Monday, 13 March") is of that date,
    not of a date told in the sentence before (often a retrospect); True when dated so."""
    w = head.when
    if (e.status == "announced" and w.latest and w.latest < pub) or (e.status == "held" and w.earliest
                                                                       and w.earliest > pub):
        return False
    if e.status in ("postponed", "cancelled"):
        return False
    e.date = DateP(on=head.expr, earliest=head.earliest, latest=head.latest, text=head.text if same else None)
    if head.expr is None or (same and w.precision == "day"):
        e.date = DateP(on=head.expr or None, earliest=None if head.expr else str(w.earliest),
                       latest=None if head.expr else str(w.latest), text=f"{same[0]} ({head.text})" if same else
                       head.text)
    e.dated_in_text = True
    e.review.append(f"undated in its sentence: the date of the heading above it (“{head.text}”)")
    return True


_PAST_PERFECT = re.compile(r"\bhad\s+(?:(?:also|already|earlier|previously|since)\s+)?(?:[a-z]+ed|[a-z]+en|met|held|"
                           r"told|led|made|sent)\b")


def inherit_dates(found: list[EventP], parsed: list[ev.Parsed], pub: date) -> None:
    """An undated event whose paragraph dated the sentence before ("on Tuesday. ... in the afternoon"), or
    told "later that day" (the day of the event told before it)."""
    by_index = {p.sentence.index: p for p in parsed}
    for e in found:
        if e.dated_in_text or e.date.on or e.date.earliest or e.date.text:
            continue
        here, prev = by_index.get(e.order), by_index.get(e.order - 1)
        same = _SAME_DAY.search(here.text) if here else None
        told = [x for x in found if x.order < e.order and x.date.on and x.date.when(pub).precision == "day"]
        said = prev.dates[-1] if prev and here and prev.sentence.para == here.sentence.para and prev.dates else None
        head = getattr(here, "heading", None)
        near = prev.dates if prev and here and prev.sentence.para == here.sentence.para else []
        inside = near and head is not None and all(
            d.when.earliest and head.when.earliest and head.when.earliest <= d.when.earliest
            and d.when.latest and head.when.latest and d.when.latest <= head.when.latest for d in near)
        if head is not None and not inside and _under_heading(e, head, same, pub):  # a readout headed by day
            continue
        if same and said and said.when.precision == "day" and said.when.value:  # "flew to X on Wednesday. ...
            e.date = DateP(on=said.when.value.isoformat(), text=f"{same[0]} ({said.text})")  # that evening"
            e.dated_in_text = True
            e.review.append(f"“{same[0]}”: the day of the sentence before")
            continue
        if same and told:  # "Later that day the two leaders held talks": the day of the event told last
            e.date = DateP(on=told[-1].date.when(pub).value.isoformat(), text=f"{same[0]} ({told[-1].date.on})")
            e.dated_in_text = True
            e.review.append(f"“{same[0]}”: the day of the event told before it")
            continue
        if here and prev and prev.sentence.para == here.sentence.para and prev.dates:
            d = prev.dates[-1]
            if e.status == "announced" and d.when.latest and d.when.latest < pub:
                continue  # an intention is not dated by a past day told before it
            if e.status in ("postponed", "cancelled"):
                continue  # the day it was to be held is not told by the sentence before
            e.date = DateP(on=d.expr, earliest=d.earliest, latest=d.latest, text=d.text if d.earliest else None)
            nxt = _NEXT_MORNING.search(here.text)
            trip = [v for v in found if v.type == "visit" and v is not e and v.order == e.order - 1
                    and set(v.participants) & set(e.participants)]
            if nxt and d.when.precision == "day" and d.when.value:  # "The next morning, she left for X"
                day = d.when.value + timedelta(days=1)
                e.date = DateP(on=day.isoformat(), text=f"{nxt[0]} ({d.text})")
            elif e.status == "held" and _PAST_PERFECT.search(here.text) and d.when.earliest:
                # "A had spoken to B late on Tuesday. C, she said, had also telephoned D": then or since
                e.date = DateP(earliest=d.when.earliest.isoformat(), latest="published",
                               text=f"{d.text} or after (told in the past perfect)")
                e.review.append("told in the past perfect after a dated sentence: on that day or later")
            elif trip and e.type != "visit" and e.status == "announced" and d.when.earliest:
                # "A will visit X on Tuesday. She will be received by B": during the visit, not surely on its first
                # day (a visit told as held, "arrived on Monday. She met B", is dated that day as before)
                v = trip[-1]
                e.date = DateP(earliest=d.when.earliest.isoformat(), latest=v.date.latest,
                               text=f"during the visit from {d.text}")
                e.review.append("the sentence before dates the start of a visit: during that visit")
            e.dated_in_text = True
            e.review.append(f"undated in its sentence: the date of the sentence before (“{d.text}”)")



_CONCLUDED = re.compile(r"\b(?:concluded|concludes|ended|ends|closed|closes|completed|completes|wrapped up"
                        r"|wraps up|rounded off|wound up) (?:his|her|their) (?:[\w-]+ ){0,2}?(?:visit|trip|tour|stay)"
                        r"\b(?! to)")


def departures(events: list[EventP], parsed: list[ev.Parsed], gaz: Gazetteer, pub: date) -> None:
    """"left Drevna on Tuesday", "is due to leave on Friday", "she concluded her visit on Tuesday" (a sentence
    of its own, of the visitor): the end of the visit there."""
    visits = [x for x in events if x.type == "visit"]
    for p in parsed:
        done = _CONCLUDED.search(p.text)
        who = {m.id for m in ev.first_actor(p)} if done else set()
        days = [d for d in p.dates if done and d.start > done.end() and d.when.precision == "day"]
        mine = [v for v in visits if v.participants[:1] and v.participants[0] in who and v.order < p.sentence.index
                and not getattr(v, "ended", False)]
        if days and mine:
            v = mine[-1]
            start = v.date.when(pub).earliest
            if start and days[0].when.value >= start:
                v.date = DateP(on=v.date.on, earliest=v.date.earliest, latest=days[0].expr, text=v.date.text)
                v.ended = True  # type: ignore[attr-defined]
                v.cite(p.text)
                v.why.append(f"“{done[0]} {days[0].text}”: its end")
    for v in [x for x in events if x.type == "visit"]:
        for p in parsed:
            if p.text not in v.evidence or getattr(v, "ended", False):
                continue
            leave = re.search(r"\b(?:leave|leaves|left|depart|departs|departed|return|returns|returned)\b"
                              r"(?!(?:\s+[A-Z][\w’'-]+){0,2}\s+(?:for|to)\b)", p.text)  # "left X for Y": a start
            days = [d for d in p.dates if leave and d.start > leave.end() and d.when.precision == "day"]
            start = v.date.when(pub).earliest
            if days and start and days[0].when.value >= start:
                v.date = DateP(on=v.date.on, earliest=v.date.earliest, latest=days[0].expr, text=v.date.text)
                v.ended = True  # type: ignore[attr-defined]
                v.why.append(f"“{leave[0]} {days[0].text}”: its end")
        for p in parsed:
            for m in p.places():
                if m.id not in (v.location, v.destination) or not _DEPARTED.search(p.text[:m.start]):
                    continue
                days = [d for d in p.dates if d.start >= m.end and d.when.precision == "day"]
                if days and v.date.when(pub).earliest and days[0].when.value >= v.date.when(pub).earliest:
                    v.date = DateP(on=v.date.on, earliest=v.date.earliest, latest=days[0].expr,
                                   text=v.date.text)
                    v.ended = True  # type: ignore[attr-defined]
                    v.cite(p.text)
                    v.why.append(f"left {m.surface} {days[0].text}: its end")



def _date_in_visit(e: EventP, v: EventP, parsed: list[ev.Parsed], pub: date) -> None:
    arrival = getattr(v, "arrival", None)
    if getattr(e, "after_arrival", False) and arrival is not None and arrival.on:
        day = arrival.when(pub).value
        e.date = DateP(earliest=arrival.on, latest=(day + timedelta(days=1)).isoformat(), text=e.date.text)
        e.review.append("dated from the arrival: on that day or the next")
        return
    if e.dated_in_text:
        return
    e.date = DateP(earliest=v.date.on or v.date.earliest, latest=v.date.latest or v.date.on, text=None)
    e.review.append("undated in its sentences: the bounds of the visit")
    if e.type == "meeting":
        for p in parsed:
            if (p.sentence.text in v.evidence or any(m.id in v.participants for m in p.actors())) \
                    and _MEETINGS_DAY.search(p.text):
                days = [d for d in p.dates if d.when.precision == "day"]
                if days:
                    e.review.append(f"the article dates the visit's meetings “{days[0].text}”: if this was one "
                                    f"of them, write `date: {days[0].expr}`")
                    return



def _last_word(gaz: Gazetteer, ident: str) -> str:
    e = gaz.entities.get(ident)
    if e is None:
        return ident
    if e.kind != "person":
        return ident
    words = e.label.split()
    return slug(words[-1])



def assign_ids(events: list[EventP], gaz: Gazetteer, pub: date) -> None:
    taken: set[str] = set(gaz.entities)
    for e in events:
        w = e.date.when(pub)
        lit = w.literal()
        edge = w.earliest or w.latest  # a visit known by its end only ("wrapped up her visit on Tuesday")
        when = lit[0] if lit else (edge.strftime("%Y-%m") if edge else "")
        first = _last_word(gaz, e.participants[0]) if e.participants else "x"
        if e.type == "meeting" and len(e.participants) == 2:
            base = f"{first}-meets-{_last_word(gaz, e.participants[1])}"
        elif e.type == "visit":
            base = f"{first}-visit-to-{e.destination}"
        elif e.type == "conference" and e.label:
            base = "-".join(slug(e.label).split("-")[:6])
        else:
            base = f"{first}-{e.type}"
        ident = f"{base}-{when}" if when else base
        n = 2
        while ident in taken:
            ident, n = f"{base}-{when}-{n}".replace("--", "-"), n + 1
        taken.add(ident)
        e.id = ident
    for e in events:
        e.part_of = list(dict.fromkeys(p.id for p in getattr(e, "part_of_events", [])))
