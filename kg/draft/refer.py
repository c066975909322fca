"""Persons named by their post alone ("the Iranian Vice President", "the Kessendori leader"): the one
person this article gives that post, found as a mention (a descriptor) of that person.

>>> from kg.facts.model import Entity
>>> from kg.draft.drafter import analyse
>>> from datetime import date
>>> ents = {"x": Entity("x", "place", "Ostrelia", "", 0, place_type="country"),
...         "gov": Entity("gov", "organization", "Government of Ostrelia", "", 0, country="x"),
...         "fm": Entity("fm", "role", "Foreign Minister", "", 0),
...         "keld": Entity("keld", "person", "Tomas Keld", "", 0)}
>>> d = analyse("Ostrelian Foreign Minister Lena Varosh arrived. The Foreign Minister met Tomas Keld on Monday.",
...             date(2025, 3, 5), ents)
>>> [(e.type, e.participants) for e in d.events]
[('meeting', ['lena-varosh', 'keld'])]
"""

from __future__ import annotations

import re

from kg.draft import events as ev
from kg.draft.model import Draft
from kg.draft.names import Mention


def descriptors(parsed: list[ev.Parsed], draft: Draft) -> None:
    """'the Iranian Vice President' without a name: the person this article gives that post."""
    holders: dict[tuple[str, str | None], set[str]] = {}
    country = {p.id: p.country for p in draft.persons}
    for m in draft.memberships:
        holders.setdefault((m.role, country.get(m.person)), set()).add(m.person)
        holders.setdefault((m.role, None), set()).add(m.person)
    for p in parsed:
        spans = p.title_spans
        mentions = p.mentions
        for i, r in enumerate(mentions):
            if r.kind != "role" or any(a <= r.start < b for a, b in spans):
                continue
            prev = mentions[i - 1] if i else None
            c = prev.id if prev is not None and prev.kind == "place" and re.fullmatch(
                r"\s*(?:’s|'s)?\s*", p.text[prev.end:r.start]) else None
            definite = c is None and re.search(r"\b(?:the|The)\s+$", p.text[:r.start])
            who = holders.get((r.id, c), set())
            if len(who) > 1 and definite:  # "the President": the holder named last, not one named later here
                later = {m.id for m in mentions if m.start > r.end}
                who = _named_last(parsed, p, who - later)
            if len(who) == 1 and (c is not None or definite):
                start = prev.start if c is not None and prev is not None else r.start
                p.descriptors.append(Mention(next(iter(who)), "person", start, r.end, p.text[start:r.end]))
                p.title_spans.append((start, r.end))
        # "the Kessendori leader": the one person of that country the article gives a title
        for m in re.finditer(r"\b[Tt]he (\w+) (?:leader|minister|president|premier|official|envoy|visitor|guest)\b",
                             p.text):
            dem = next((x for x in mentions if x.start == m.start(1) and x.kind == "place"), None)
            if dem is None or any(a <= m.start(1) < b for a, b in p.title_spans):
                continue
            of = {q.person for q in draft.memberships if country.get(q.person) == dem.id}
            if len(of) == 1:
                p.descriptors.append(Mention(next(iter(of)), "person", m.start(), m.end(), m[0]))
                p.title_spans.append((m.start(), m.end()))



def _named_last(parsed: list[ev.Parsed], p: ev.Parsed, who: set[str]) -> set[str]:
    for q in reversed([x for x in parsed if x.sentence.index < p.sentence.index]):
        named = [m.id for m in q.mentions if m.id in who]
        if named:
            return {named[-1]}
    return who
