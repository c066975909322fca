"""An interview in questions and answers: its first person is the one interviewed.

An article is read as an interview when at least two of its paragraphs are questions (they end with "?")
and others answer them. The one interviewed is the first person the article names; in the answers "I" and
"me" are that person, in the questions "you" is, and in both "he", "she", "him" and "her" are someone else
(``kg.draft.refer.pronouns`` is told to skip them).

>>> from kg.facts.model import Entity
>>> from kg.draft.drafter import analyse
>>> from datetime import date
>>> ents = {"fm": Entity("fm", "role", "Foreign Minister", "", 0),
...         "keld": Entity("keld", "person", "Tomas Keld", "", 0)}
>>> text = ("Foreign Minister Lena Varosh spoke to us on Friday.\\n\\nWho did you see this week?\\n\\n"
...         "I met Tomas Keld on Tuesday. It went well.\\n\\nAnd then?\\n\\nThen I went home.")
>>> [(e.type, e.participants) for e in analyse(text, date(2025, 3, 7), ents).events]
[('meeting', ['lena-varosh', 'keld'])]
"""

from __future__ import annotations

import re

from kg.draft import events as ev
from kg.draft.names import Mention

_ANSWER = re.compile(r"\b(?:I|me)\b")
_QUESTION = re.compile(r"\b[Yy]ou\b")


def interviewed(parsed: list[ev.Parsed]) -> tuple[str | None, int]:
    """The person interviewed and the paragraph of the first question, or ``(None, -1)`` if it is no interview."""
    last: dict[int, str] = {}
    for p in parsed:
        last[p.sentence.para] = p.text.rstrip(" \"”’')")
    asked = sorted(k for k, t in last.items() if t.endswith("?"))
    if len(asked) < 2 or not any(k > asked[0] and k not in asked for k in last):
        return None, -1
    first = next((m.id for p in parsed if p.sentence.para < asked[0]
                  for m in p.actors() if m.kind == "person"), None)
    return first, asked[0]


def first_persons(parsed: list[ev.Parsed]) -> str | None:
    """Add the one interviewed as a descriptor wherever the questions and answers stand for them; return them."""
    who, start = interviewed(parsed)
    if who is None:
        return None
    asked = {p.sentence.para for p in parsed if _asks(p)}
    for p in parsed:
        if p.sentence.para < start:
            continue
        rx = _QUESTION if p.sentence.para in asked else _ANSWER
        for w in rx.finditer(p.text):
            if _quoted(p.text, w.start()):
                continue
            p.descriptors.append(Mention(who, "person", w.start(), w.end(), w[0]))
        p.descriptors.sort(key=lambda m: m.start)
    return who


def exchange(parsed: list[ev.Parsed], p: ev.Parsed) -> list[str] | None:
    """The persons named (not as "I" or "you") in the question and answer ``p`` is part of, before ``p``, most
    recent last; ``None`` when ``p`` is not in the questions and answers."""
    asked = {q.sentence.para for q in parsed if _asks(q)}
    if not any(d.surface in _FIRST for q in parsed for d in q.descriptors):
        return None
    start = next((k for k in sorted(asked, reverse=True) if k <= p.sentence.para), None)
    if start is None:
        return None
    while start - 1 in asked:  # a question of several paragraphs
        start -= 1
    if p.sentence.para in asked:  # "And how did he take it?": one named in the answer before
        paras = {q.sentence.para for q in parsed}
        while start - 1 in paras and start - 1 not in asked:
            start -= 1
    out: list[str] = []
    for q in parsed:
        if q is p:
            break
        if q.sentence.para >= start:
            for m in q.actors():
                if m.kind == "person" and m.surface not in _FIRST:
                    if m.id in out:
                        out.remove(m.id)
                    out.append(m.id)
    return out


_FIRST = {"I", "me", "you", "You"}


def _asks(p: ev.Parsed) -> bool:
    return p.text.rstrip(" \"”’')").endswith("?")


def _quoted(text: str, pos: int) -> bool:
    """Whether ``pos`` is inside a quotation (someone else's words, told in an answer)."""
    before = text[:pos]
    return before.count("“") > before.count("”") or before.count('"') % 2 == 1
