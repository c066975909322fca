"""Events told as a noun with their participants after "between": "the meeting between A and B", "a
telephone call between A and B". Those two are its participants, whoever the sentence's subject is ("X
called off next week's meeting between A and B": A and B, not X).

>>> from kg.facts.model import Entity
>>> from kg.draft.drafter import analyse
>>> from datetime import date
>>> ents = {"p": Entity("p", "role", "President", "", 0)}
>>> d = analyse("Minister Ilse Dorn cancelled Friday's meeting between President Aron Vell and "
...             "President Cara Lund.", date(2025, 3, 5), ents)
>>> [(e.type, e.status, e.participants) for e in d.events]
[('meeting', 'cancelled', ['aron-vell', 'cara-lund'])]
"""

from __future__ import annotations

import re

from kg.draft import events as ev
from kg.draft.model import EventP

_BETWEEN = re.compile(r"\s*between\s+$|\s+between\s+")
_NOUN = re.compile(r"(?i)(?:meeting|talks|summit|call|conversation|consultations|negotiations)(?:\s+between)?$")


def between(p: ev.Parsed, t: re.Match, e: EventP) -> None:
    """Give ``e`` the two actors after "between" when its trigger is a noun followed by them."""
    if not _NOUN.search(t[0].strip()):
        return
    if re.search(r"between\s*$", t[0]):
        at = t.end()
    else:
        m = _BETWEEN.match(p.text, t.end())
        if not m:
            return
        at = m.end()
    pair = [m.id for m in ev.objects_after(p, at)]
    if len(pair) >= 2 and pair != e.participants:
        e.participants = list(dict.fromkeys(pair))
        e.why.append("its participants those named after “between”")


#: Talks of two countries: "Talks between X and Y on ... broke down", "Political consultations between X and Y
#: were held".
_COUNTRY_TALKS = re.compile(r"\b(?:[Tt]alks|[Cc]onsultations|[Nn]egotiations)\s+between\s+")


def country_talks(parsed: list[ev.Parsed], draft, gaz, pub) -> None:
    """Talks "between X and Y" (two countries, no person named) whose next sentence names one person with a
    post of each ("X's team was headed by A; facing her was B", "The X side was led by A, and the Y side by
    B"): a meeting of those two, dated and worded as the talks' sentence, for review. Run once the posts are
    known."""
    from kg.draft.clause_dates import date_near
    from kg.draft.names import country_of

    home = {m.person: getattr(gaz.entities.get(m.organization), "country", None) for m in draft.memberships}
    for k, p in enumerate(parsed[:-1]):
        t = _COUNTRY_TALKS.search(p.text)
        places = [m for m in p.places() if t and m.start >= t.end()][:2]
        if not t or len(places) < 2 or not re.fullmatch(r"\s+and\s+", p.text[places[0].end:places[1].start]) \
                or any(m.kind == "person" for m in p.actors()):
            continue
        sides = [country_of(gaz, m.id) for m in places]
        nxt = parsed[k + 1]
        heads = [next((m.id for m in nxt.actors() if m.kind == "person" and home.get(m.id) == c), None)
                 for c in sides]
        if None in heads or heads[0] == heads[1]:
            continue
        if any(e.type == "meeting" and set(heads) <= set(e.participants) for e in draft.events):
            continue
        date_p, dated = date_near(p, t.end(), t.start())
        e = EventP(type="meeting", participants=list(heads), date=date_p, dated_in_text=dated, confidence=0.55,
                   status=ev.status_of(p.text, t.start()), order=p.sentence.index,
                   why=[f"“{t[0].strip()} {places[0].surface} and {places[1].surface}”: the heads of the two "
                        "sides named in the next sentence"],
                   review=["the participants are the two sides' heads the next sentence names: check them"])
        e.cite(p.text)
        e.cite(nxt.text)
        draft.events.append(e)
