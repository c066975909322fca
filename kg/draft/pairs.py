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
