"""Postponed and cancelled events: the date of the decision is not the date of the event.

"whose talks were postponed last week", "the visit was called off on Monday", "have been put off, the
ministry said on Tuesday": the date right after the verb of postponing (or of its report) tells when the
event was put off, not when it was to be held. Such a date is dropped from the event, for review.

>>> when_put_off("Their talks in Sennhold were postponed last week, and they met on Friday.")
['last week']
>>> when_put_off("The talks have been postponed until next week.")
[]
"""

from __future__ import annotations

import re

from kg.draft.model import DateP, EventP

#: The verb of postponing or cancelling, then (at most a few words away, no "until", "to", "for") a past date.
_PUT_OFF = re.compile(
    r"\b(?:postponed|delayed|put off|called off|cancell?ed|scrapped)\b"
    r"(?P<gap>(?:\s+(?!until\b|till\b|to\b|for\b|from\b)[\w'-]+){0,3}?)\s+"
    r"(?P<date>last (?:week|month|night)|yesterday|earlier this (?:week|month)"
    r"|on (?:Monday|Tuesday|Wednesday|Thursday|Friday|Saturday|Sunday))\b",
    re.I,
)


def when_put_off(text: str) -> list[str]:
    """The date expressions of ``text`` that tell when something was postponed or cancelled."""
    return [m["date"] for m in _PUT_OFF.finditer(text) if "," not in m["gap"]]


def drop_date_of_decision(e: EventP, text: str) -> None:
    """Undate a postponed or cancelled event whose only date is the day it was put off (marked for review)."""
    words = e.date.text or e.date.on
    if e.status not in ("postponed", "cancelled") or not words:
        return
    if words.lower() in (d.lower() for d in when_put_off(text)):
        e.review.append(f"“{words}” is when it was put off, not when it was to be held: left undated")
        e.date = DateP()
        e.dated_in_text = False
