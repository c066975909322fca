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
from kg.draft.names import Gazetteer, country_of, find_short, person_names, slug, token_key
from kg.draft.people import ORG_WORDS, ROLE_HEADS, name_spans, titles
from kg.draft.text import Sentence
from kg.names import name_key


def new_persons(body: list[Sentence], gaz: Gazetteer, draft: Draft, short: dict[str, str] | None = None,
                headlines: set[int] | None = None) -> None:
    """``headlines``: the indices of sentences that are headlines, written in title case as often as not, where a
    titled name is a person only when none of its words is a title's or an organization's word ("the Foreign
    Ministers of X and Y" is no person)."""
    by_key: dict[str, PersonP] = {}
    for s in body:
        for h in titles(s.text, gaz, find_short(gaz, s.text, short or {})):
            if h.person is not None:
                continue
            if headlines and s.index in headlines and any(
                    w.lower().rstrip("s") in ROLE_HEADS | ORG_WORDS or w.lower() in ROLE_HEADS | ORG_WORDS
                    for w in h.name.split()):
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
            p.country = p.country or country_of(gaz, h.country)  # "the mayor of Morvik": Morvik's country
            p.cite(s.text)
    # a full name without a title: a person when it acts like one (a verb or "who" follows it, an apposition
    # names it, an honorific precedes it) or its surname comes back alone; less sure, and marked for review
    body = [s for s in body if s.index not in (headlines or set())]  # a headline's capitalised runs: not names
    text = " ".join(s.text for s in body)
    known = {name_key(a) for p in draft.persons for a in [p.label, *p.aliases]}
    for s in body:
        found = gaz.find(s.text)
        for n in name_spans(s.text, found):
            words = n.surface.split()
            if n.id is not None or not 2 <= len(words) <= 3 or name_key(n.surface) in by_key:
                continue
            if words[0].lower() in ROLE_HEADS or any(name_key(w) in known for w in words):
                continue  # "Minister Kallas": a title and a name already proposed
            if words[0].lower() in NAMED_THINGS:
                continue  # "Cyclone Imarra moved north": a storm named like a person, no person
            why = _untitled(s.text, n.start, n.end, len(re.findall(rf"\b{re.escape(words[-1])}\b", text)))
            whose = _country_before(s.text, n.start, found, gaz)
            if why is None and whose and not ORG_WORDS & {w.lower() for w in words}:
                why = f"after a country’s possessive (“{whose.surface}’s”)"
            of = None if why or whose else _country_after(s.text, n.end, found, gaz)
            if of and not ORG_WORDS & {w.lower() for w in words} and _PERSONAL_BEFORE.search(s.text[:n.start]):
                why, whose = f"with its country after it (“of {of.surface}”)", of
            if why is None:
                continue
            label, aliases = person_names(n.surface)
            pid = slug(label)
            if pid in gaz.entities or any(q.id == pid for q in draft.persons):
                continue
            p = PersonP(id=pid, label=label, aliases=[a for a in aliases if not gaz.keys.get(token_key(a))],
                        confidence=0.6 if "surname" in why else 0.5, order=s.index, evidence=[s.text],
                        why=[f"a full name, “{n.surface}”, {why}"],
                        review=["met without a title: check that this is a person, and their country"])
            if whose:
                p.country = whose.id
            by_key[name_key(label)] = p
            draft.persons.append(p)
    for p in draft.persons:
        gaz.entities[p.id] = _Ent(p.id, "person", p.label, p.aliases, None)
        gaz.add(p.id, "person", [p.label, *p.aliases])



#: The common nouns before the given names of things that are no persons ("Cyclone Imarra", "Hurricane Tess",
#: "Operation Harbour Light"): a name they lead is never one met without a title.
NAMED_THINGS = {"cyclone", "hurricane", "typhoon", "storm", "tropical", "operation"}
_VERB_AFTER = re.compile(r"\s*(?:,\s*(?:who|whose)\b|and I\b(?![’'])"  # "A and I had dinner": A is somebody
                         r"|(?:has|had|have|is|was|will|would|can|could|may|might|must"
                         r"|shall|should|did|does|said|says|told|tells|met|meets|spoke|speaks|wrote|writes|went"
                         r"|came|took|gave|left|flew|sent|thinks|thought|led|leads|heads|chairs|[a-z]{3,}ed)\b)")
_APPOSITION_BEFORE = re.compile(r"\b(?:successor|predecessor|counterpart|opposite number|deputy|spokesman|spokeswoman"
                                r"|spokesperson|envoy|aide|adviser|advisor|wife|husband|colleague|host|guest|negotiator|"
                                r"veteran|diplomat|official|mediator)\s*,?\s*$", re.I)
#: Names listed in apposition to a plural post: "the two foreign ministers, A and B", "both leaders, A, B and C".
_NAME = r"(?-i:[A-Z])[\w’'-]+(?:\s+(?-i:[A-Z])[\w’'-]+){0,2}"
_PLURAL_APPOSITION = re.compile(r"(?i)\b(?:ministers|presidents|leaders|premiers|envoys|ambassadors|counterparts"
                                r"|negotiators|heads of (?:state|government)),\s+"
                                rf"(?:{_NAME},\s+)*(?:{_NAME},?\s+and\s+)?$")
_HONORIFIC_BEFORE = re.compile(r"\b(?:Mr|Mrs|Ms|Dr|Madam|Sir)\.?\s*$")
_APPOSITION_AFTER = re.compile(r",\s+(?:the|a|an|his|her|their)\s+(?:[A-Z][\w’'-]+\s+)?[a-z]")  # "the Varnian envoy"


def _untitled(text: str, start: int, end: int, surname_uses: int) -> str | None:
    """Why a capitalised name met without a title is a person, or None.

    >>> _untitled("Agnes Morrow has seen four governments.", 0, 12, 1)
    'followed by a verb'
    >>> _untitled("Her successor, Tobias Wren, is due.", 15, 26, 1)
    'named in apposition (“successor”)'
    >>> _untitled("The Amber Coast Highway opened.", 4, 23, 1) is None
    True
    >>> _untitled("Ferry links to Port Lanmore resumed.", 15, 27, 1)
    >>> _untitled("The two foreign ministers, Brel and Ivo Santer, will meet.", 36, 46, 1)
    'named in apposition to a plural post (“ministers”)'
    """
    before = text[:start]
    if ORG_WORDS & {w.lower() for w in text[start:end].split()}:
        return None
    if surname_uses >= 3:
        return "whose surname the article uses again"
    if re.search(r"\b(?:to|from|in|at|into|of|near|via|across|towards?)\s+(?:the\s+)?$", before):
        return None  # a place or an institution, not somebody
    if surname_uses >= 2:
        return "whose surname the article uses again"
    m = _APPOSITION_BEFORE.search(before)
    if m:
        return f"named in apposition (“{m[0].strip(' ,')}”)"
    m = _PLURAL_APPOSITION.search(before)
    if m:
        return f"named in apposition to a plural post (“{m[0].split(',')[0]}”)"
    if _HONORIFIC_BEFORE.search(before):
        return "after an honorific"
    if _VERB_AFTER.match(text[end:]):
        return "followed by a verb"
    if _APPOSITION_AFTER.match(text[end:]):
        return "followed by an apposition"
    return None


def _country_before(text: str, start: int, found: list, gaz: Gazetteer):
    """The country whose possessive stands right before ``start`` ("Orvalen's Casimir Ondrey"), else None."""
    for m in found:
        if m.kind == "place" and re.fullmatch(r"[’']s\s+", text[m.end:start]) and \
                getattr(gaz.entities.get(m.id), "place_type", None) == "country":
            return m
    return None


#: Where a name is one of two who meet or talk: "a call between A and B of X".
_PERSONAL_BEFORE = re.compile(r"\bbetween\s+[^,;.]*\band\s+$")


def _country_after(text: str, end: int, found: list, gaz: Gazetteer):
    """The country named right after ``end`` as "of X" ("Marta Lind of Varnia"), else None."""
    for m in found:
        if m.kind == "place" and re.fullmatch(r"\s+of\s+", text[end:m.start]) and \
                getattr(gaz.entities.get(m.id), "place_type", None) == "country":
            return m
    return None


class _Ent:
    """A proposed entity, shaped like a registry entry for the gazetteer."""

    def __init__(self, ident: str, kind: str, label: str, aliases: list[str], country: str | None):
        self.id, self.kind, self.label, self.aliases, self.country = ident, kind, label, aliases, country
        self.place_type = None
