"""New persons: those introduced with a title, and full names whose surname the article uses again.

They are added to the gazetteer (with their aliases) so that the second pass finds them like registry
entries.

>>> from kg.facts.model import Entity
>>> from kg.draft.text import sentences
>>> ents = {"x": Entity("x", "place", "Ostrelia", "", 0, place_type="country"),
...         "fm": Entity("fm", "role", "Foreign Minister", "", 0)}
>>> gaz, d = Gazetteer(ents), Draft(source={}, text="")
>>> new_persons(sentences("Ostrelian Foreign Minister Lena Varosh spoke. Varosh left."), gaz, d)
>>> [(p.id, p.aliases, p.country) for p in d.persons], gaz.keys["varosh"]
([('lena-varosh', ['Varosh'], 'x')], [('lena-varosh', 'person')])
"""

from __future__ import annotations

import re

from kg.draft.model import Draft, PersonP
from kg.draft.names import Gazetteer, person_names, slug, token_key
from kg.draft.people import name_spans, titles
from kg.draft.text import Sentence
from kg.names import name_key


def new_persons(body: list[Sentence], gaz: Gazetteer, draft: Draft) -> None:
    by_key: dict[str, PersonP] = {}
    for s in body:
        for h in titles(s.text, gaz):
            if h.person is not None:
                continue
            label, aliases = person_names(h.name)
            key = name_key(label)
            p = by_key.get(key)
            if p is None:
                pid = slug(label)
                while pid in gaz.entities or any(q.id == pid for q in draft.persons):
                    pid += "-2"
                shown = (f"{h.hint.strip(' ,(')} {h.name}" if h.shape != "after"
                         else f"{h.name}, {h.hint.strip(' (')}")
                p = PersonP(id=pid, label=label, confidence=0.9, order=s.index,
                            why=[f"introduced with a title: “{shown}”"])
                by_key[key] = p
                draft.persons.append(p)
            for a in aliases:
                taken = gaz.keys.get(token_key(a), [])
                if a not in p.aliases and name_key(a) != key and not taken:
                    p.aliases.append(a)
            if h.name != label and h.name not in p.aliases:
                p.aliases.append(h.name)
            p.country = p.country or h.country
            p.cite(s.text)
    # a full name met once without a title, whose surname comes back alone: a person, less sure
    text = " ".join(s.text for s in body)
    for s in body:
        for n in name_spans(s.text, gaz.find(s.text)):
            words = n.surface.split()
            if n.id is not None or not 2 <= len(words) <= 3 or name_key(n.surface) in by_key:
                continue
            if len(re.findall(rf"\b{re.escape(words[-1])}\b", text)) < 3:
                continue
            label, aliases = person_names(n.surface)
            pid = slug(label)
            if pid in gaz.entities or any(q.id == pid for q in draft.persons):
                continue
            p = PersonP(id=pid, label=label, aliases=[a for a in aliases if not gaz.keys.get(token_key(a))],
                        confidence=0.5, order=s.index, evidence=[s.text],
                        why=[f"a full name, “{n.surface}”, whose surname the article uses again"],
                        review=["met without a title: check that this is a person, and their country"])
            by_key[name_key(label)] = p
            draft.persons.append(p)
    for p in draft.persons:
        gaz.entities[p.id] = _Ent(p.id, "person", p.label, p.aliases, None)
        gaz.add(p.id, "person", [p.label, *p.aliases])



class _Ent:
    """A proposed entity, shaped like a registry entry for the gazetteer."""

    def __init__(self, ident: str, kind: str, label: str, aliases: list[str], country: str | None):
        self.id, self.kind, self.label, self.aliases, self.country = ident, kind, label, aliases, country
        self.place_type = None
