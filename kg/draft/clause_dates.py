"""The date of an event: the one of the clause that holds its verb, not one of a relative clause, an aside,
a later clause with a verb of its own, or reported speech (``kg.draft.detect`` reads the events).

>>> from kg.draft.text import Sentence
>>> from kg.draft.dates import find_dates
>>> from datetime import date
>>> s = "Varosh, who arrived on Sunday, met Keld on Monday and will meet him again in May."
>>> p = ev.Parsed(Sentence(s, 0, len(s), 0, 0), [], [], find_dates(s, date(2027, 3, 10)))
>>> date_near(p, s.index("met") + 3, s.index("met"))[0].on
'on Monday'
"""

from __future__ import annotations

import re
from datetime import timedelta

from kg.draft import events as ev
from kg.draft.model import DateP

_NEXT_DAY = re.compile(r"\b(?:the following day|the next day|the day after)\b", re.I)


#: The start of a clause inside the sentence that is not the one of its main verb: a relative clause, an
#: aside between dashes or brackets ("Varosh, who arrived on Sunday evening, met ...").
_ASIDE = re.compile(r",\s+(?:who|whom|whose|which|where|when|having|after|before|since|as|accompanied by"
                    r"|along with|together with|flanked by|joined by)\b|\s[–—-]\s|\("
                    # A conjunction opening a clause of its own (a subject, then a verb), comma or not: "their first
                    # meeting since A took office in January", "did not take place after B left early on Tuesday":
                    # that clause's date is another event's
                    r"|\s+(?:since|after|before|until|because|once)\s+(?=(?:[\w’'-]+\s+){1,4}(?:took|became|was"
                    r"|were|had|has|have|left|arrived|came|returned|landed|flew|began|started|ended|signed|met|won"
                    r"|lost|assumed)\b)"
                    # "an invitation, handed to him by A, to visit": a participle with its agent
                    r"|,\s+(?:handed|delivered|conveyed|extended|passed|sent|brought)\s+(?:over\s+|on\s+)?"
                    r"(?:to\s+[\w’'-]+\s+)?by\b")


#: A source inserted in a clause: "who, he said, promised ...", "which, officials say, ...".
_INSERTED = re.compile(r"\s*,\s*(?:[\w’'-]+\s+){1,3}(?:said|says|added|believes|thinks|claimed|claims)\s*,")


def asides(text: str) -> list[tuple[int, int]]:
    """The spans of the subordinate clauses and asides of a sentence (each up to its closing comma, dash or
    bracket, else the end of the sentence).

    >>> t = "Varosh, who arrived on Sunday evening, met Keld on Monday."
    >>> [t[a:b] for a, b in asides(t)]
    [', who arrived on Sunday evening']
    >>> t = "She met Keld, who, she said, will visit Tamsk in May."
    >>> [t[a:b] for a, b in asides(t)]
    [', who, she said, will visit Tamsk in May.']
    """
    out = []
    for m in _ASIDE.finditer(text):
        close = {"(": r"\)", "–": "[–—]", "—": "[–—]", "-": r"\s-\s"}.get(m[0].strip()[:1], r",|\s[–—]\s")
        inserted = _INSERTED.match(text, m.end())  # "who, he said, promised ...": the aside goes on past it
        end = re.compile(close).search(text, inserted.end() if inserted else m.end())
        out.append((m.start(), end.start() if end else len(text)))
    return out


#: Where a clause with a verb of its own begins after a trigger: "and will ...", "and then ...", ", where ...".
NEXT_CLAUSE = re.compile(r"\b(?:and|but)\s+(?:(?:will|would|then|later|also|afterwards|is to|are to|plans? to"
                          r"|hopes? to|intends? to|aims? to|wants? to|expects? to|is due to|are due to|is expected to"
                          r"|are expected to"
                          r"|(?:agreed|decided|pledged|promised|vowed) to)\b)|,\s+(?:where|before|and then|then)\b|;"
                          # ", and on Monday he is expected in X": a clause of its own, after its own date
                          r"|,\s+and\s+(?:[\w-]+\s+){1,3}(?:he|she|they|we)\s+(?:is|are|was|were|will|would|has|have"
                          r"|had)\b")


_DURING_VISIT = re.compile(r"\b(?:during|in the course of|on the sidelines of) (?:the|his|her|their|this|that)"
                           r" (?:[\w-]+ )?(?:visit|trip|stay|tour)\b", re.I)


#: A coordinated clause of intention, whose dates are its own: "..., and pledged to meet again".
_INTENT_CLAUSE = re.compile(r"\b(?:and|but)\s+(?:will|would|is to|are to|plans? to|hopes? to|intends? to|aims? to"
                            r"|wants? to|is due to|are due to"
                            r"|is expected to|are expected to|(?:agreed|decided|pledged|promised|vowed) to)\b")


#: Reported speech without "that": a verb of saying, then the clause's own subject ("said she expected it").
_SAID_BARE = re.compile(r"\b(?:said|says|told reporters|added|insisted|stressed)\s+(?:(?:he|she|they|it|we)\s+"
                        r"(?:expected|expects|hoped|hopes|thought|thinks|believed|believes|would|will|could|was|is)"
                        # "said the next meeting would be held in X in September": the speech's date, not the event's
                        r"|(?:the|a|an|their|his|her|its)\s+(?:[\w’'-]+\s+){0,5}?(?:would|will|could|might|was to"
                        r"|were to|is to|are to)\s"
                        # "said Ostrelia was ready to host a meeting before the summer"
                        r"|(?-i:[A-Z])[\w’'-]+\s+(?:would|will|could|might|was|were|is|are|had|has)\s)")


#: A date in the possessive right before the event ("next week's meeting", "Friday's talks"): its own date,
#: whatever date the sentence gives after it (often the day it was reported).
_THAT_TIME = re.compile(r"\b(?:later |earlier )?that (?:same )?(?:day|morning|afternoon|evening|night)\b", re.I)
_OWNED_DATE = re.compile(r"[’']s\s+(?:[\w-]+\s+){0,2}")


def date_near(p: ev.Parsed, pos: int, start: int | None = None) -> tuple[DateP, bool]:
    """The date of the clause that holds the trigger at ``start``..``pos``: the first after it, else the last
    before it; dates inside an aside the trigger is not in are another event's ("who arrived on Sunday")."""
    start = pos if start is None else start
    outside = [(a, b) for a, b in asides(p.text) if not a <= start < b]
    dates = [d for d in p.dates if not any(a <= d.start < b for a, b in outside)]
    cut = NEXT_CLAUSE.search(p.text, pos)  # "signed ... and will meet again in October": October is the meeting's
    after = [d for d in dates if d.start >= pos and not (cut and d.start >= cut.start())]
    start_cut = [c.end() for c in _INTENT_CLAUSE.finditer(p.text, 0, start)]  # "inked ... on Tuesday, and pledged
    before = [d for d in dates if d.end <= pos and not (start_cut and d.end <= start_cut[-1])]  # to meet": not then
    said = [m.end() for m in re.finditer(r"\bthat\b", p.text) if m.start() >= pos
            and ev.REPORTING.search(p.text, 0, m.start())]  # "told B in a call that ... before the end of the year"
    said = sorted(said + [m.end() for m in _SAID_BARE.finditer(p.text, pos)])  # "said she expected it in May"
    after = [d for d in after if not (said and d.start >= said[0])]
    if not after and _DURING_VISIT.search(p.text, pos):
        return DateP(text="during the visit"), False  # the visit's dates, given in assemble
    if after and _THAT_TIME.search(p.text, pos, after[0].start):
        return DateP(), False  # "talked over dinner that evening, and ... on Thursday": the day told before
    owned = [d for d in dates if d.end <= start and _OWNED_DATE.fullmatch(p.text, d.end, start)]
    pick = owned[-1] if owned else after[0] if after else (before[-1] if before else None)
    if pick is None:
        return DateP(), False
    nxt = _NEXT_DAY.search(p.text, pos)
    if nxt and not after and pick.when.precision == "day" and pick.when.value:
        day = (pick.when.value + timedelta(days=1)).isoformat()
        return DateP(on=day, text=f"{nxt[0]} ({pick.text})"), True
    if pick.expr is None:
        return DateP(earliest=pick.earliest, latest=pick.latest, text=pick.text), True
    return DateP(on=pick.expr, text=pick.text if pick.expr != pick.text and not pick.text.startswith("on ")
                 and not pick.text.startswith("in ") else None), True
