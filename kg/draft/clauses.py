"""The subject of an event told in a clause of its own after "agreed that", "said that", "decided that".

"A and B met on Friday and agreed that their deputies, C and D, would meet in July": the July meeting is
C's and D's, not A's and B's. The persons named between "that" and the verb (after "would", "will",
"should", "are to") are its subject.

>>> t = "A met B and agreed that their deputies, C and D, would meet in July."
>>> a, b = clause_subject_span(t, t.index("meet in"))
>>> t[a:b]
'their deputies, C and D, would '
>>> clause_subject_span("A met B and agreed to meet in July.", 22) is None
True
"""

from __future__ import annotations

import re

_THAT = re.compile(r"\b(?:agreed|decided|said|announced|confirmed|proposed|suggested|stated)\s+that\s+", re.I)
_MODAL = re.compile(r"\b(?:would|will|should|could|shall|are to|were to|is to|was to)\s+(?:[a-z]+\s+)?$")


def clause_subject_span(text: str, pos: int) -> tuple[int, int] | None:
    """The span between "that" and the modal before the verb at ``pos``, when the verb is the that-clause's."""
    that = None
    for m in _THAT.finditer(text, 0, pos):
        that = m
    if that is None or not _MODAL.search(text[that.end():pos]) or re.search(r"[;.]", text[that.end():pos]):
        return None
    return that.end(), pos


#: A that-clause's subject that is the persons of the main clause: "agreed that they would meet".
_SAME = re.compile(r"(?i)(?:they|we|both(?: sides| leaders| ministers)?|the two(?: \w+)?|the (?:two )?sides)\s")


def that_clause_subjects(actors: list, text: str, pos: int) -> list[str] | None:
    """The persons the that-clause of the verb at ``pos`` names as its subject (None: not such a clause, or its
    subject is the main clause's, "they"; an empty list: a subject the rules cannot name, "their deputies, C
    and D" when C and D are not found, so no event is proposed rather than one of the wrong persons).

    >>> t = "A met B and agreed that they would meet in May."
    >>> that_clause_subjects([], t, t.index("meet in")) is None
    True
    >>> t = "A met B and agreed that their envoys would meet in May."
    >>> that_clause_subjects([], t, t.index("meet in"))
    []
    """
    span = clause_subject_span(text, pos)
    if span is None:
        return None
    named = [m.id for m in actors if m.kind == "person" and span[0] <= m.start and m.end <= span[1]]
    if named:
        return list(dict.fromkeys(named))
    return None if _SAME.match(text, span[0]) else []
