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
from kg.draft.model import DateP, EventP

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


#: A body of two sides set up to meet: "a joint working group ..., which will hold its first meeting before
#: June", "a technical working group would meet in X", "the boundary commission would sit in X on 10 June",
#: "The first meeting of the X–Y joint commission, planned for 20 March, has been postponed".
_BODY = r"(?:working group|working party|task force|commission|committee)"
_BODY_MEETS = re.compile(
    r"\b" + _BODY + r"\b(?:[^.;]{0,120}?),?\s+(?:which\s+)?(?:will|would|is to|are to|is (?:now )?due to|was to)"
    r"\s+(?:hold its first (?:meeting|session)|meet|sit|convene)\b"
    r"|\b[Tt]he first (?:meeting|session) of (?:the|their|a) (?:[\w–-]+ ){0,4}?" + _BODY + r"\b")
_PAIR = re.compile(r"([A-Z][\w’'-]+)\s*[–-]\s*([A-Z][\w’'-]+)\s+(?:[\w-]+\s+){0,3}$")


def _government(gaz, country: str | None) -> str | None:
    """The government of a country in the registry (an organization of that country named "Government of")."""
    from kg.names import name_key

    return next((e.id for e in gaz.entities.values() if country and e.kind == "organization"
                 and e.country == country and name_key(e.label).startswith("government")), None)


def _known_body(gaz, sides: list[str], word: str) -> str | None:
    """A body of the two countries the registry holds, named by both and the body's word ("Hallorsk–Quillane
    Boundary Commission"), else None."""
    from kg.names import name_key

    names = [name_key(gaz.entities[c].label) for c in sides]
    return next((e.id for e in gaz.entities.values() if e.kind == "organization"
                 and all(n in name_key(e.label) for n in names) and name_key(word) in name_key(e.label)), None)


def _pair_named(p: ev.Parsed, end: int, gaz) -> list[str]:
    """The two countries named as a pair right before ``end`` ("the X–Y joint commission"), else []."""
    from kg.draft.names import country_of

    pair = _PAIR.search(p.text, 0, end)
    if not pair:
        return []
    found = [next((country_of(gaz, m.id) for m in p.places() if m.surface == name), None) for name in pair.groups()]
    return found if None not in found and found[0] != found[1] else []


def _two_countries(parsed: list[ev.Parsed], k: int, at: int, word: str, draft, gaz, home: dict) -> list[str]:
    """The two countries of a body's meeting told in ``parsed[k]`` (its word ``word`` at ``at``): named as a pair
    before the word ("the X–Y joint commission"), else so named with the same word earlier in the article ("the
    boundary commission" after "the X–Y boundary commission"), else the two countries of the persons of the
    nearest event told before it, in its sentence or the two before."""
    p = parsed[k]
    found = _pair_named(p, at, gaz)
    if found:
        return found
    if re.search(r"\b[Tt]he\s+(?:[\w-]+\s+){0,3}$", p.text[:at]):  # "the commission": one told before
        for q in reversed(parsed[:k]):
            for m in re.finditer(re.escape(word), q.text):
                found = _pair_named(q, m.start(), gaz)
                if found:
                    return found
    before = [e for e in draft.events if e.order <= p.sentence.index and e.type != "visit"]
    for e in sorted(before, key=lambda e: e.order, reverse=True):
        sides = list(dict.fromkeys(c for c in (home.get(x) or getattr(gaz.entities.get(x), "country", None)
                                               for x in e.participants) if c))
        if len(sides) == 2 and len(e.participants) == 2:
            return sides
        if e.order < p.sentence.index - 2:
            break
    return []


def _propose(draft, p: ev.Parsed, kind: str, who: list[str], date_p: DateP, dated: bool, status: str, why: str,
             review: str) -> None:
    """Propose an event of ``who`` read from the sentence of ``p``, for review, with half confidence."""
    e = EventP(type=kind, participants=who, date=date_p, dated_in_text=dated, confidence=0.5, status=status,
               order=p.sentence.index, why=[why], review=[review])
    e.cite(p.text)
    draft.events.append(e)


def body_meetings(parsed: list[ev.Parsed], draft, gaz, pub) -> None:
    """A joint body of two countries set up to meet (a working group, a commission: ``_BODY_MEETS``) is a
    meeting of the two governments (or of the body itself, when the registry holds it), dated by the body's
    clause and of the status its verb tells, for review: the countries named as a pair before the body's word,
    else those of the two persons of the event told last. Run once the posts are known."""
    from kg.draft.clause_dates import date_near

    home = {m.person: getattr(gaz.entities.get(m.organization), "country", None) for m in draft.memberships}
    home.update({x.id: x.country for x in draft.persons if x.country})  # a nationality before a post's country
    for k, p in enumerate(parsed):
        t = _BODY_MEETS.search(p.text)
        if not t:
            continue
        word = re.search(_BODY, t[0])
        sides = _two_countries(parsed, k, t.start() + word.start(), word[0], draft, gaz, home)
        if len(sides) != 2:
            continue
        body = _known_body(gaz, sides, word[0])
        who = [body] if body else [_government(gaz, c) for c in sides]
        if None in who or any(e.type == "meeting" and set(e.participants) == set(who)
                              and e.order == p.sentence.index for e in draft.events):
            continue
        date_p, dated = date_near(p, t.end(), t.start()) if any(d.start >= t.start() for d in p.dates) \
            else (DateP(), False)  # not a date of the clause before ("spoke on Monday, and agreed that ...")
        verb = re.search(r"\b(?:will|would|is to|are to|due to|was to)\b", t[0])
        clause = re.match(r"[^,;]*", p.text[t.end():])[0] if verb else p.text[t.end():]
        status = ev.status_of(p.text[:t.end() + len(clause)], t.start())
        if status == "held" and verb:
            status = "announced"  # "would sit in X on 10 June": to come
        _propose(draft, p, "meeting", who, date_p, dated, status, f"“{t[0].strip()}”: a body of the two sides set up "
                 "to meet", "a meeting of the two sides' body: check the two sides and its date")


#: Another round or session of two sides' talks, to come: "the ninth round of political consultations will be
#: held in X in the autumn", "The two sides agreed to hold the fifth round in X", "the next session ... in X".
_ROUND = re.compile(r"\b(?:[Tt]he|[Aa])\s+(?:first|second|third|fourth|fifth|sixth|seventh|eighth|ninth|tenth|next)"
                    r"\s+(?:round|session)\b(?:\s+of\s+(?:the\s+)?(?:political\s+)?(?:consultations|talks"
                    r"|negotiations))?")
#: The talks of two sides named with them, earlier in the article: "political consultations between the
#: Ministries of Foreign Affairs of X and of Y", "talks between X and Y".
_SIDES = re.compile(r"\b(?:[Cc]onsultations|[Tt]alks|[Nn]egotiations)\s+between\s+")


def _ministry(gaz, country: str) -> str | None:
    """The foreign ministry of a country in the registry (its "Ministry of Foreign Affairs")."""
    from kg.names import name_key

    return next((e.id for e in gaz.entities.values() if e.kind == "organization" and e.country == country
                 and name_key(e.label).startswith("ministry of foreign affairs")), None)


def _sides_named(parsed: list[ev.Parsed], k: int, gaz) -> list[str]:
    """The two sides of the talks named with them before sentence ``k`` (or in it): the two organizations after
    "between" ("the Ministry of Foreign Affairs of X and the Ministry of Foreign Affairs of Y"), else the foreign
    ministries of the two countries when ministries are said ("the Ministries of Foreign Affairs of X and of Y"),
    else the two governments; [] when none is told."""
    from kg.draft.names import country_of

    for q in reversed(parsed[:k + 1]):
        t = _SIDES.search(q.text)
        if not t:
            continue
        stop = re.search(r"[.;]|\s(?:was|were|is|are|will|has|have)\s", q.text[t.end():])
        end = t.end() + (stop.start() if stop else len(q.text))
        got = [m for m in q.mentions if t.end() <= m.start < end and m.kind in ("organization", "place")]
        orgs = list(dict.fromkeys(m.id for m in got if m.kind == "organization"))
        if len(orgs) == 2:
            return orgs
        countries = list(dict.fromkeys(c for m in got if m.kind == "place" and (c := country_of(gaz, m.id))))
        if len(countries) != 2:
            return []
        side = _ministry if re.search(r"(?i)\bministr", q.text[t.end():end]) else _government
        found = [side(gaz, c) or _government(gaz, c) for c in countries]
        return found if None not in found else []
    return []


def next_rounds(parsed: list[ev.Parsed], draft, gaz, pub) -> None:
    """Another round or session of the talks of two sides, to come (``_ROUND``, announced or put off by its
    sentence): talks of the two sides named with the talks earlier in the article (``_sides_named``), dated by
    its clause, for review. A round told as held is not read: it may be the one the article reports, whose
    participants are its persons."""
    from kg.draft.clause_dates import date_near

    for k, p in enumerate(parsed):
        t = _ROUND.search(p.text)
        if not t:
            continue
        status = ev.status_of(p.text, t.start())  # "agreed to hold the fifth round"
        if status == "held":
            status = ev.status_of(p.text, t.end())  # "the ninth round of consultations will be held"
        if status == "held":
            continue
        sides = _sides_named(parsed, k, gaz)
        if len(sides) != 2 or any(e.order == p.sentence.index and set(e.participants) == set(sides)
                                  for e in draft.events):
            continue
        date_p, dated = date_near(p, t.end(), t.start())
        _propose(draft, p, "talks", sides, date_p, dated, status, f"“{t[0].strip()}”: the next round of the talks "
                 "of the two sides named with them before", "the two sides of the talks named earlier in the article: "
                 "check them")
