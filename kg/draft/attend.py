"""Who else was there: the attendants of an event told beside it ("in a ceremony attended by A and B", "in the
presence of A") or in a sentence of their own ("A and some two hundred guests attended", "A witnessed the
signing", "A was also present", "The talks were attended on the X side by A, and on the Y side by B"). Each
joins the event, for review.

>>> from datetime import date
>>> from kg.facts.model import Entity
>>> from kg.draft.drafter import analyse
>>> ents = {"a": Entity("a", "person", "Lena Varosh", "", 0), "b": Entity("b", "person", "Ivo Dask", "", 0),
...         "c": Entity("c", "person", "Mara Quell", "", 0)}
>>> d = analyse("Lena Varosh received Ivo Dask on Monday. Mara Quell also attended.", date(2027, 3, 10), ents)
>>> [(e.type, e.participants) for e in d.events]
[('reception', ['a', 'b', 'c'])]
"""

from __future__ import annotations

import re

from kg.draft import events as ev
from kg.draft.model import EventP

#: The events one attends in person.
_IN_PERSON = ("meeting", "reception", "signing", "press-conference", "joint-statement", "conference")
#: "..., in a ceremony attended by A and B", ", attended by A", "in the presence of A", "witnessed by A":
#: the persons after it were at the event of the clause before.
_BESIDE = re.compile(r"\b(?:(?:in|at|during) an? (?:[\w-]+ )?(?:ceremony|event|gathering) )?(?:(?:also )?attended"
                     r"|witnessed|observed) by\b|\bin the presence of\b", re.I)
#: A sentence of attendants: "A and some two hundred guests attended", "A witnessed the signing", "A was also
#: present", "A attended the ceremony"; the noun, when there is one, says which event.
_OWN = re.compile(r"\b(?:(?:also )?(?:attended|witnessed|observed|joined)(?: (?:the|this|that) (?P<noun>[\w-]+"
                  r"(?: [\w-]+)?))?|(?:was|were) (?:also )?(?:present|in attendance|among the guests))"
                  r"(?=\s*(?:[.,;]|$|\bat\b|\bon\b|\bin\b|\bbut\b))", re.I)
_NOUN_TYPES = {"signing": ("signing",), "ceremony": ("meeting", "signing", "reception"), "reception": ("reception",),
               "dinner": ("reception", "meeting"), "banquet": ("reception",), "talks": ("meeting",),
               "meeting": ("meeting",), "conference": ("conference",), "session": ("conference",),
               "press conference": ("press-conference",), "event": _IN_PERSON, "celebrations": ("reception",),
               "proceedings": ("conference",)}


#: "The talks were attended on the X side by A, and on the Y side by B": the event told before, by its noun.
_ATTENDED = re.compile(r"^\s*(?:(?:The|These|Those) (?P<noun>[\w-]+(?: [\w-]+)?)(?: (?:at|in) [^,;.]{0,40}?)?|It)"
                       r" (?:was|were) (?:also )?(?:attended|opened|chaired)\b")


#: "..., with A and B looking on", "with both presidents watching": those named (or the group) were there.
_LOOKING_ON = re.compile(r"\bwith\s+(?P<who>[^.;]{1,80}?)\s+(?:looking on|watching|in attendance|present)\b")


#: "In their presence, A and B signed": "their" the persons of the event told before.
_THEIR_PRESENCE = re.compile(r"\b[Ii]n their (?:presence|company)\b")


def _looking_on(events: list[EventP], p: ev.Parsed) -> None:
    """"The treaty was signed by A and B, with C and D looking on": C and D join the event of the sentence; a
    group ("with both presidents looking on") is the participants of the last event of several told before."""
    here = [e for e in events if e.type in _IN_PERSON and p.text in e.evidence and e.order == p.sentence.index]
    for m in _LOOKING_ON.finditer(p.text) if here else []:
        who = [a for a in p.actors() if a.kind == "person" and m.start("who") <= a.start < m.end("who")]
        words = m[0]
        if not who and ev.GROUP.search(m["who"]):
            who = _group_before(events, p)
            words = f"{m[0]} (the participants of the event before)"
        if who:
            _join(here[0], who, p.text, words)
    theirs = _THEIR_PRESENCE.search(p.text) if here else None
    if theirs and _group_before(events, p):  # "In their presence, A and B signed ...": the two of the event before
        _join(here[0], _group_before(events, p), p.text, f"“{theirs[0]}” (the participants of the event before)")


def _group_before(events: list[EventP], p: ev.Parsed) -> list:
    """The participants of the last event of several told before sentence ``p`` (what "the two leaders" are)."""
    before = [e for e in events if e.order < p.sentence.index and len(e.participants) >= 2]
    return [_Named(x, x) for x in (before[-1].participants if before else [])]


class _Named:
    """A person by id, where no mention names them (a group standing for the persons of another event)."""

    def __init__(self, ident: str, surface: str) -> None:
        self.id, self.surface = ident, surface


def attendants(events: list[EventP], parsed: list[ev.Parsed]) -> None:
    """Add the attendants each sentence names to the event they attended; drop the receptions told with
    their host alone ("A hosted a reception") that no sentence gives a guest."""
    for p in parsed:
        _looking_on(events, p)
        for b in _BESIDE.finditer(p.text):
            here = [e for e in events if e.type in _IN_PERSON and p.text in e.evidence and e.order == p.sentence.index]
            who = [m for m in ev.objects_after(p, b.end()) if m.kind == "person"]
            words = b[0]
            if here and not who and ev.GROUP.match(p.text, b.end() + 1):  # "in the presence of the two leaders"
                who = _group_before(events, p)
                words = f"{b[0]} (the participants of the event before)"
            if here and who:
                _join(here[0], who, p.text, words)
        told = _ATTENDED.match(p.text)
        if told:  # the persons after each "by" attended the event its noun names, told just before
            who = [m for b in re.finditer(r"\bby\s+", p.text) for m in ev.objects_after(p, b.end())
                   if m.kind == "person"]
            kinds = next((v for k, v in _NOUN_TYPES.items() if (told["noun"] or "").lower().startswith(k)),
                         () if told["noun"] else _IN_PERSON)  # "It was attended by": the event told just before
            before = [e for e in events if e.type in kinds and e.order < p.sentence.index and e.status == "held"]
            if who and before and before[-1].order >= p.sentence.index - 2:
                _join(before[-1], list({w.id: w for w in who}.values()), p.text, told[0])
        for o in _OWN.finditer(p.text):
            who = _listed_before(p, o.start())
            if not who:
                continue
            noun = (o["noun"] or "").lower()
            kinds = next((v for k, v in _NOUN_TYPES.items() if noun.startswith(k)), None) if noun else _IN_PERSON
            if kinds is None:
                continue  # "A attended the summit": a conference of its own trigger
            told = [e for e in events if e.type in kinds and e.order <= p.sentence.index and e.status == "held"
                    and not any(w.id in e.participants for w in who)]
            if told and told[-1].order >= p.sentence.index - 2:
                _join(told[-1], who, p.text, o[0])
    events[:] = [e for e in events if not (getattr(e, "solo", False) and len(e.participants) < 2)]


_GUESTS = (r"(?:and\s+(?:some\s+|about\s+|around\s+|nearly\s+|more than\s+)?[\w-]+(?:\s+[\w-]+)?\s+"
           r"(?:guests|others|diplomats|officials|dignitaries))?")


def _listed_before(p: ev.Parsed, pos: int) -> list:
    """The persons listed as the subject of the sentence, up to ``pos`` ("A and the chief of protocol, B,
    attended"; "A and some two hundred guests attended"); none when anything else stands among them."""
    first = ev.first_actor(p)
    acts = [m for m in p.actors() if first and first[0].start <= m.start and m.end <= pos]
    if not acts or any(m.kind != "person" for m in acts):
        return []
    for a, b in zip(acts, acts[1:], strict=False):
        if not re.fullmatch(r"[\s,]*(?:and\s+)?(?:the\s+)?[\s,]*", ev.masked(p, a.end, b.start)):
            return []
    if not re.fullmatch(r"[\s,]*" + _GUESTS + r"[\s,]*(?:also\s+)?", ev.masked(p, acts[-1].end, pos)):
        return []
    return acts


def _join(e: EventP, who: list, sentence: str, words: str) -> None:
    for w in who:
        if w.id in e.participants:
            continue
        e.participants.append(w.id)
        e.why.append(f"“{words.strip()}”: {w.surface} was there")
        e.review.append(f"{w.surface} is proposed as attending this event: check it")
    e.cite(sentence)
