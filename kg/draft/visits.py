"""What other sentences add to an event: a visit told as its host's, the companions of a visit, an event
"during the visit" or "after their talks" dated (and placed) as that visit or those talks.

>>> from datetime import date
>>> from kg.facts.model import Entity
>>> from kg.draft.drafter import analyse
>>> ents = {"x": Entity("x", "place", "Ostrelia", "", 0, place_type="country"),
...         "a": Entity("a", "person", "Lena Varosh", "", 0), "b": Entity("b", "person", "Ivo Dask", "", 0)}
>>> d = analyse("Lena Varosh will visit Ostrelia in May. Ivo Dask will accompany her.", date(2027, 3, 1), ents)
>>> [(e.type, e.participants) for e in d.events]
[('visit', ['a', 'b'])]
"""

from __future__ import annotations

import re

from kg.draft import events as ev
from kg.draft.model import DateP, Draft, EventP
from kg.draft.names import Gazetteer, country_of

#: The companions of a visit after the verb ("accompanied by A and B", "joined on the trip by A") or before it
#: ("A and B will accompany her", "A and B will travel with the president", "A will be part of the delegation").
_ACCOMPANY = re.compile(r"\b(?:accompanied|joined)(?: (?:on|for|during) (?:the|his|her|their|this) (?:[\w-]+ )?"
                        r"(?:visit|trip|tour|journey))? by\b|\b(?:will |would |is to |is due to |is expected to |to )?"
                        r"(?:accompan(?:y|ies|ied|ying)|(?:travel(?:l?ing|l?ed|s)?|fl(?:y|ies|ew|ying)|go(?:es|ing)?"
                        r"|w(?:ent|ill go)) (?:with|alongside)|(?:be|is|are|was|were) (?:(?:also|among) )*(?:part of"
                        r"|in|among|members? of) (?:the|his|her|their) (?:[\w-]+ )?(?:delegation|entourage|party))\b"
                        r"|\b(?:the|his|her|their) (?:[\w-]+ )?(?:delegation|entourage) (?:also )?(?:included|includes"
                        r"|comprised|comprises|was made up of|consisted of)\b",
                        re.I)
#: The companions listed after their delegation: "The Varnian delegation included A and B".
_DELEGATION_OF = re.compile(r"(?i)(?:the|his|her|their) (?:[\w-]+ )?(?:delegation|entourage) ")


#: Whom "travel with" names when it tells a companion: the one accompanied, and no journey of its own after.
_WITH_LEADER = re.compile(r"\s+(?:him|her|them|the (?:[\w-]+ )?(?:president|prime minister|premier|minister|king"
                          r"|queen|chancellor|leader|head of state|visitor|guest)|(?-i:[A-Z])[\w’'-]+)"
                          r"(?![^,;.]*\b(?:to|into|for) (?-i:[A-Z]))", re.I)


def companions(events: list[EventP], parsed: list[ev.Parsed]) -> None:
    """"Foreign Minister Z will accompany the President", "A, accompanied by Z, arrived", "Y and Z will
    travel with the president", "she will be accompanied by Y and Z": each of the persons listed joins the
    visit of the one accompanied (else the last visit told before), for review."""
    visits = [v for v in events if v.type == "visit"]
    for p in parsed:
        for a in _ACCOMPANY.finditer(p.text):
            acts = [m for m in p.actors() if m.kind == "person"]
            if re.search(r"(?i)(?:with|alongside)$", a[0]) and not _WITH_LEADER.match(p.text, a.end()):
                continue  # "will travel with a business delegation to X": a journey of its own
            if a[0].lower().endswith(" by") or _DELEGATION_OF.match(a[0]):
                who = [m for m in ev.objects_after(p, a.end()) if m.kind == "person"]
                led = [m for m in acts if m.end <= a.start()][-1:]
            else:
                who = [m for m in ev.subjects_before(p, a.start()) if m.kind == "person"]
                led = [m for m in acts if m.start >= a.end()][:1]
            if not who:
                continue
            led_id = led[0].id if led else None
            told = [v for v in visits if v.order <= p.sentence.index]
            pick = next((v for v in reversed(told) if led_id in v.participants), None) or (
                told[-1] if told else None)
            if pick is not None and _outing(p, a.end(), pick):
                continue
            for w in who:
                if pick is None or w.id in pick.participants:
                    continue
                pick.participants.append(w.id)
                pick.cite(p.text)
                pick.why.append(f"“{a[0].strip()}”: {w.surface} accompanies the visit")
                pick.review.append(f"{w.surface} is proposed as accompanying this visit: check it")


#: "A, accompanied by B, visited the construction site": an outing within a visit, its verb after the companions.
_OUTING = re.compile(r"[^.;]*?,\s+(?:then\s+|also\s+)?(?:visited|toured|inspected|went to|laid a wreath)\b")


def _outing(p: ev.Parsed, pos: int, visit: EventP) -> bool:
    """Whether the companions listed after ``pos`` go with one outing told in the sentence ("On 11 February A,
    accompanied by Minister B, visited the construction site of the dam") rather than with the whole visit:
    the outing's verb follows them and the sentence names no place the visit is to."""
    if not _OUTING.match(p.text, pos):
        return False
    return not any(m.id in (visit.destination, visit.location) for m in p.places())


#: "Flew into X on Monday afternoon with ...": a journey's verb, its place and date words, then "with".
_TRAVEL_WITH = re.compile(r"(?:\s+(?:in|into|on|at|to|the|this|last|(?-i:[A-Z])[\w’'-]*|morning|afternoon|evening"
                          r"|night|\d+))*,?\s+(?:together\s+)?with\s+")


def travel_companions(events: list[EventP], parsed: list[ev.Parsed]) -> None:
    """"A flew into X on Monday with his foreign minister, B, and Energy Minister C": the officials named with a
    title right after a journey's verb (its place and date between) travel with A: they join A's visit told in
    that sentence, for review. Not "flew to X for talks with B" (a noun between: B is met, not a companion)."""
    verbs = [r for typ, r in ev.TRIGGERS if typ in ("visit", "arrival")]
    for p in parsed:
        here = [v for v in events if v.type == "visit" and p.text in v.evidence and v.participants]
        titled = [(h.start, h.end) for h in getattr(p, "hits", [])]
        for t in (t for r in verbs for t in r.finditer(p.text)):
            w = _TRAVEL_WITH.match(p.text, t.end())
            if not w or not here:
                continue
            who = [m for m in ev.objects_after(p, w.end()) if m.kind == "person"
                   and any(a <= m.start < b for a, b in titled)]
            visit = next((v for v in here if v.participants[0] not in {m.id for m in who}), None)
            for m in who if visit else []:
                if m.id not in visit.participants:
                    visit.participants.append(m.id)
                    visit.why.append(f"“{t[0]} ... with {m.surface}”: travels with {visit.participants[0]}")
                    visit.review.append(f"{m.surface} is proposed as accompanying this visit: check it")


#: "Her foreign minister, X": one of the visitor's own ministers, named by the visitor's possessive.
_HER_MINISTER = re.compile(r"\b(?:[Hh]is|[Hh]er|[Tt]heir) (?:[\w-]+ ){0,2}?(?:minister|ministers|adviser|advisor"
                           r"|envoy|aide|deputy|spokesman|spokeswoman|chief of staff)\b,?\s+")


def own_ministers(events: list[EventP], parsed: list[ev.Parsed]) -> None:
    """"Her foreign minister, X, stayed behind in the capital": X, named by the possessive of a visitor (the
    subject of one of the two sentences before), is of the delegation of the first visit told of that visitor,
    for review."""
    visits = [v for v in events if v.type == "visit" and v.participants]
    for k, p in enumerate(parsed):
        for m in _HER_MINISTER.finditer(p.text):
            who = next((x for x in p.actors() if x.kind == "person" and x.start == m.end()), None)
            recent = {f[0].id for q in parsed[max(0, k - 2):k] for f in [ev.first_actor(q)] if f}
            recent |= {d.id for d in p.descriptors}
            # the first visit of the visitor told before: the journey itself, not a day trip within it
            v = next((v for v in visits if v.order < p.sentence.index and v.participants[0] in recent), None)
            if who is None or v is None or who.id in v.participants:
                continue
            if any(x.type in ("visit", "arrival") and x.order == p.sentence.index and x.participants[:1] == [who.id]
                   for x in events):
                continue  # "she hopes to accompany her foreign minister, X, on his visit to Y", "His energy
                # minister, X, is expected in Y next month": X's own journey
            if m[0].lower().startswith("their") and len(v.participants) < 2:
                continue  # "Their foreign ministers, A and B": the ministers of the two told before, not one's
            v.participants.append(who.id)
            v.cite(p.text)
            v.why.append(f"“{m[0].strip(' ,')} {who.surface}”: one of the visitor's delegation")
            v.review.append(f"{who.surface} is proposed as one of the visitor's delegation: check it")


#: "in honour of A and the members of his delegation", "A and her delegation were met": the visitor's party told
#: with the visitor, right after the visitor's name (or a title standing for it).
_AND_DELEGATION = re.compile(r"\s*,?\s+and\s+(?:to\s+)?(?:(?:all\s+)?the\s+)?(?:members\s+of\s+)?(?:his|her|their)"
                             r"\s+(?:[\w-]+\s+)?(?:delegation|entourage)\b(?!\s+(?:of|from)\b)")


def delegation_guests(events: list[EventP], parsed: list[ev.Parsed]) -> None:
    """"B hosted a dinner in honour of A and the members of his delegation", "A and her delegation were met on
    arrival by B": an event (not a visit) told of a visitor "and his (her) delegation" has the visitor's
    companions too, as the visitor's visit told before lists them (its participants after its first), for
    review. A delegation named by another possessive ("B and the delegation of X") adds nobody."""
    visits = [v for v in events if v.type == "visit" and len(v.participants) > 1]
    by_text = {p.text: p for p in parsed}
    for e in events:
        if e.type == "visit":
            continue
        for p in (by_text[t] for t in e.evidence if t in by_text):
            for m in (m for m in p.actors() if m.kind == "person" and m.id in e.participants):
                if not _AND_DELEGATION.match(p.text, m.end):
                    continue
                v = next((v for v in reversed(visits) if v.participants[0] == m.id and v.order <= e.order),
                         None) or next((v for v in visits if v.participants[0] == m.id), None)
                extra = [x for x in (v.participants[1:] if v else []) if x not in e.participants]
                if extra:
                    e.participants = e.participants + extra
                    e.why.append(f"“{m.surface} and ... delegation”: the companions of {m.surface}'s visit")
                    e.review.append("the visitor's delegation as its visit lists it: check them")


#: A list's lead-in: "In the presence of the President and the Prime Minister, the following documents were signed:".
_PRESENCE_LEAD = re.compile(r"\b[Ii]n the presence of\s+")
_ITEM = re.compile(r"\s*(?:[-–—•*]|\(?[a-z0-9]\))\s")


def presence_lists(events: list[EventP], parsed: list[ev.Parsed]) -> None:
    """"In the presence of A and B, the following documents were signed:" then the documents listed, each
    "signed by C and D": every signing of the items has A and B too (those the lead-in names, up to its comma),
    as the signing "in the presence of the two leaders" has them, for review. Items end at the first sentence
    that is not one."""
    for k, q in enumerate(parsed):
        lead = _PRESENCE_LEAD.search(q.text)
        if not lead or not q.text.rstrip().endswith(":"):
            continue
        there = [m.id for m in ev.objects_after(q, lead.end()) if m.kind == "person"]
        for item in parsed[k + 1:]:
            if not _ITEM.match(item.text):
                break
            for e in (e for e in events if e.type == "signing" and item.text in e.evidence):
                extra = [x for x in there if x not in e.participants]
                if extra:
                    e.participants = e.participants + extra
                    e.why.append("signed in the presence of those the list's lead-in names")
                    e.review.append("those in whose presence it was signed are proposed as participants: check them")


def hosted_visits(draft: Draft, gaz: Gazetteer) -> None:
    """The place of a visit told as its host's ("A will host B for a state visit"): the country of the host's
    post, else of the host, else the dateline's; for review."""
    for e in draft.events:
        host = getattr(e, "host", None)
        if e.type != "visit" or host is None or e.destination:
            continue
        orgs = [m.organization for m in draft.memberships if m.person == host]
        there = next((c for c in (getattr(gaz.entities.get(o), "country", None) for o in orgs) if c), None) \
            or getattr(gaz.entities.get(host), "country", None) \
            or country_of(gaz, draft.source.get("dateline"))
        e.destination = e.location = there
        e.review = [r for r in e.review if "host's country" not in r]
        e.review.append("the place of the visit is the host's country: check it" if there
                        else "the host's country is unknown: write the visit's `destination`")


def during_visits(events: list[EventP]) -> None:
    """An event "during the visit" (undated otherwise) is part of the visit of one of its participants and
    has its dates, whether the visit was held or is announced."""
    for e in events:
        if e.type == "visit" or e.date.text != "during the visit" or e.date.on or e.date.earliest:
            continue
        told = [v for v in events if v.type == "visit" and set(v.participants) & set(e.participants)]
        v = next((x for x in reversed(told) if x.order <= e.order), told[0] if told else None)
        e.date = DateP()
        if v is None:
            continue
        e.date = DateP(earliest=v.date.on or v.date.earliest, latest=v.date.latest or v.date.on,
                       text=v.date.text)
        e.dated_in_text = True
        e.part_of_events = [v, *getattr(e, "part_of_events", [])]  # type: ignore[attr-defined]
        e.why.append("“during the visit”: dated as the visit")
        e.review.append("dated as the visit it was part of: check it")


_AFTER_TALKS = re.compile(r"\b(?:after|following|at the end of|at the close of)\s+(?:their|the|these|those|his|her)"
                          r"\s+(?:talks|meeting|discussions|consultations)\b", re.I)


def after_talks(events: list[EventP], parsed: list[ev.Parsed]) -> None:
    """"The two ministers signed a protocol after their talks": undated, it is dated as the last meeting
    of the same persons told before, for review."""
    texts = {p.sentence.index: p.text for p in parsed}
    for e in events:
        if e.type in ("meeting", "visit") or e.dated_in_text or e.date.on or e.date.earliest:
            continue
        if not _AFTER_TALKS.search(texts.get(e.order, "")):
            continue
        talks = [m for m in events if m.type == "meeting" and m.order <= e.order and m.status == "held"
                 and set(e.participants) <= set(m.participants) and (m.date.on or m.date.earliest)]
        if not talks:
            continue
        m = talks[-1]
        e.date = DateP(on=m.date.on, earliest=m.date.earliest, latest=m.date.latest, text=m.date.text)
        e.dated_in_text = True
        e.location = e.location or m.location
        e.why.append("“after their talks”: dated and placed as the talks")
        e.review.append("dated as the talks it followed: check it")
