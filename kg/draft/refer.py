"""References to persons without their name, resolved to the person meant and added to the sentence as
mentions (``Parsed.descriptors``), so that every later stage reads them as it reads names:

- a post alone ("the President", "the Varnian President", "Ostrelia's ambassador to Varnia"): the one
  person this article gives that post (named last, when several have it; never one named in the same
  sentence); when nobody has it yet and the post names a country, the person named last who has no post,
  and the post becomes a membership of theirs, marked for review;
- "the Kessendori leader": the one person of that country the article gives a title;
- pronouns: "he"/"she" the person most recently the subject whose gender (read from the possessives and
  honorifics the article uses of them) does not contradict it; "him"/"her" (not the possessive) the
  person most recently named who is not the sentence's subject.

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
>>> d = analyse("Lena Varosh opened her office. On Monday she met Tomas Keld, who thanked her.",
...             date(2025, 3, 5), ents)
>>> [(e.type, e.participants) for e in d.events]
[('meeting', ['lena-varosh', 'keld'])]
"""

from __future__ import annotations

import re

from kg.draft import events as ev
from kg.draft.clause_dates import asides
from kg.draft.interview import exchange, first_persons
from kg.draft.model import Draft, MembershipP
from kg.draft.names import Gazetteer, Mention, token_key
from kg.draft.people import guess_organization

_SUBJECT_PRONOUN = re.compile(r"\b(?:[Hh]e|[Ss]he)\b")
_OBJECT_PRONOUN = re.compile(r"\b(?:him|her)\b(?!\s+(?!(?:that|to|on|in|at|for|and|with|about|as|by|from|of|"
                             r"after|before|during|when|while|again|too|today|tomorrow|yesterday|tonight|last|"
                             r"next|this|because|but|or)\b)[A-Za-z])")
_POSSESSIVE = re.compile(r"\b(?:his|her|himself|herself|[Hh]is|[Hh]er)\b")
_ENVOY = re.compile(r"(?i)\b(?:ambassador|envoy|representative|delegate|consul)\b")
_FEMALE = {"she", "her", "herself", "hers", "mrs", "ms", "madam", "madame"}
_MALE = {"he", "his", "him", "himself", "mr", "sir"}


def descriptors(parsed: list[ev.Parsed], draft: Draft, gaz: Gazetteer) -> None:
    """Find the persons meant by posts alone, then by pronouns, in every sentence."""
    country = {i: getattr(e, "country", None) for i, e in gaz.entities.items() if e.kind == "person"}
    country.update({p.id: p.country for p in draft.persons if p.country})
    holders: dict[str, set[str]] = {}
    for m in draft.memberships:
        holders.setdefault(m.role, set()).add(m.person)
    for p in parsed:
        for h in getattr(p, "hits", []):
            who = h.person or _person(gaz, h.name)
            if who and h.role_known:
                holders.setdefault(h.role, set()).add(who)
    titled = {x for s in holders.values() for x in s}
    for p in parsed:
        _posts(p, parsed, draft, gaz, holders, country, titled)
        _leaders(p, draft, country)
        _counterparts(p, parsed, country)
        _numbered(p, parsed, holders, gaz)
    _the_minister(parsed, draft, gaz)
    _visitors(parsed)
    who = None if speaker_turns(parsed, gaz) else first_persons(parsed)
    pronouns(parsed, genders(parsed), {who} if who else set())


#: "the Minister", "The Minister's visit" with no name, country or ministry after it.
_THE_MINISTER = re.compile(r"\b[Tt]he (Minister)\b(?!\s+(?:of|for|to)\b)(?!\s+(?-i:[A-Z]))(?!-)")


def _the_minister(parsed: list[ev.Parsed], draft: Draft, gaz: Gazetteer) -> None:
    """In a readout a ministry publishes ("MINISTRY OF FOREIGN AFFAIRS OF X ... the Minister received B"),
    "the Minister" alone stands for the one person the article gives the ministry's own minister post (the
    registry's "Minister of Foreign Affairs", in the publishing ministry); not another minister named
    ("the Minister of Trade", "the Minister, Ms A": a name after it), nor in an article of no ministry."""
    org = gaz.entities.get(draft.__dict__.get("_publisher") or "")
    if org is None or not org.label.startswith("Ministry of "):
        return
    field = re.sub(r"\s+of\s+(?:the\s+)?(?:[A-Z][\w’'-]*\s+of\s+)?[A-Z][\w’'-]*$", "", org.label[len("Ministry of "):])
    role = next((i for i, e in gaz.entities.items() if e.kind == "role"
                 and token_key(f"Minister of {field}") in {token_key(n) for n in [e.label, *e.aliases]}), None)
    country = getattr(org, "country", None)
    who = {m.person for m in draft.memberships if m.role == role and m.organization == org.id}
    elsewhere = {m.person for m in draft.memberships if m.role == role and m.organization != org.id}
    who |= {h.person for q in parsed for h in getattr(q, "hits", []) if h.person and h.role == role
            and h.organization in (None, org.id) and h.country in (None, country)} - elsewhere
    if role is None or len(who) != 1:
        return
    person = who.pop()
    for p in parsed:
        for t in _THE_MINISTER.finditer(p.text):
            a, b = t.span(1)
            if any(d.start < b and a < d.end for d in p.descriptors) or any(
                    x < b and a < y for x, y in p.title_spans if (x, y) != (a, b)):
                continue
            _stands_for(p, person, a, b, t[1])


def _stands_for(p: ev.Parsed, person: str, start: int, end: int, surface: str) -> None:
    """The words ``p.text[start:end]`` stand for ``person`` (a descriptor), and are a title's words, not a name."""
    p.descriptors.append(Mention(person, "person", start, end, surface))
    if (start, end) not in p.title_spans:
        p.title_spans.append((start, end))


_VISITOR = re.compile(r"\b[Tt]he (?:visiting (?:[\w-]+ ){0,2}?(?:minister|president|premier|prime minister|leader"
                      r"|envoy|chancellor|secretary|official|delegation head|dignitary)|visitor|guest"
                      r"|visitors|guests)\b")
#: "the delegation was received by B": the party told before, named by the one at its head.
_THE_DELEGATION = re.compile(r"\b[Tt]he (?:visiting )?delegation\b(?! (?:of|from|led|headed)\b)")
#: A delegation's head told: "a delegation ... led by A", "A, at the head of a delegation", "A led a delegation".
_LED_BY = re.compile(r"\bdelegation\b[^.;]{0,80}?\b(?:led|headed) by\s+(?:(?:its|the|their)\s+)?")
_LEADS = re.compile(r"\b(?:at the head of|led|leads|leading|headed|heads|heading)\s+(?:an?|the|his|her|its)\s+"
                    r"(?:[\w-]+\s+){0,3}?delegation\b")
_TRAVEL = [rx for typ, rx in ev.TRIGGERS if typ in ("visit", "arrival")]
#: A delegation named by its side: "The Lessovian delegation", "the Quillomar delegation".
_SIDE = re.compile(r"\b[Tt]he ([A-Z][\w’'-]+) delegation$")


#: A delegation's members told: "The delegation was composed of A; B; and C", "a delegation that included A and B".
_PARTY = re.compile(r"\b(?:delegation|party)\b[^.;]{0,40}?\b(?:was (?:composed|made up) of|were|comprised|comprising"
                    r"|consisted of|consisting of|included|including|includes)\s", re.I)


def _visitors(parsed: list[ev.Parsed]) -> None:
    """"the visiting minister", "the guest": the subject of the last sentence that told a visit or an arrival.

    "the delegation" stands for the delegation told before: its head ("a delegation led by A", "A, at the head
    of a delegation") and the members a sentence listed as composing it ("The delegation was composed of A; B;
    and C"), kept on the sentence as ``party`` for the events told there (``delegation_members``). With no head
    told, "the delegation" names nobody.
    """
    visitor: str | None = None
    head: str | None = None
    members: list[str] = []
    sides: dict[str, str] = {}  # the heads of delegations told with their side ("the Lessovian delegation")
    for p in parsed:
        for w in _VISITOR.finditer(p.text):
            if visitor and not any(a <= w.start() < b for a, b in p.title_spans):
                _stands_for(p, visitor, w.start(), w.end(), w[0])
        for w in _THE_DELEGATION.finditer(p.text):
            if len(set(sides.values())) >= 2:
                break  # "The X delegation was headed by A. The Y delegation ... by B": "the delegation" is either
            if head and not any(a <= w.start() < b for a, b in p.title_spans):
                _stands_for(p, head, w.start(), w.end(), w[0])
                if members:
                    p.party = (head, list(members))  # type: ignore[attr-defined]
        persons = [m for m in p.mentions if m.kind == "person"]
        led, leads = _LED_BY.search(p.text), _LEADS.search(p.text)
        by = [m for m in persons if led and m.start >= led.end()][:1]
        subj = [m for m in ev.first_actor(p) if m.kind == "person" and leads and m.end <= leads.start()][:1]
        if by or subj:
            head, members = (by or subj)[0].id, []
            side = _SIDE.search(p.text[:led.start() + 10] if led else "")
            if side and led and side.end() == led.start() + len("delegation"):
                sides[side[1]] = head  # "The Lessovian delegation was headed by B": one side's head
            else:
                sides.clear()  # a delegation of no side named: the one "the delegation" stands for
        listed = _PARTY.search(p.text)
        if listed and head:
            members = [m.id for m in persons if m.start >= listed.end() and m.id != head
                       and re.search(r"(?:^|[,;]|\band)\s*$", p.text[listed.end():m.start])]  # each item's head
        first = ev.first_actor(p)
        if first and first[0].kind == "person" and any(rx.search(p.text) for rx in _TRAVEL):
            visitor = first[0].id


def _posts(p: ev.Parsed, parsed: list[ev.Parsed], draft: Draft, gaz: Gazetteer, holders: dict[str, set[str]],
           country: dict[str, str | None], titled: set[str]) -> None:
    mentions = p.mentions
    named_here = {m.id for m in mentions if m.kind == "person"}
    for i, r in enumerate(mentions):
        if r.kind != "role" or any(a <= r.start < b for a, b in p.title_spans):
            continue
        prev = mentions[i - 1] if i else None
        c = prev.id if prev is not None and prev.kind == "place" and re.fullmatch(
            r"\s*(?:’s|'s)?\s*", p.text[prev.end:r.start]) else None
        definite = c is None and re.search(r"\b(?:the|The)\s+$", p.text[:r.start])
        if c is None and not definite:
            continue
        if c is not None and prev is not None and re.search(r"\b(?:an?|any|no|every)\s+$", p.text[:prev.start]):
            continue  # "the first visit by a Quillanese foreign minister since 2031": anyone, no one person
        who = {x for x in holders.get(r.id, set()) if c is None or country.get(x) in (c, None)} - named_here
        if len(who) > 1:
            who = _named_last(parsed, p, who)
        start = prev.start if c is not None and prev is not None else r.start
        if not who and c is not None:
            untitled = _named_last(parsed, p, None, exclude=titled | named_here)
            if len(untitled) == 1:
                who = untitled
                person = next(iter(who))
                org, reason = guess_organization(gaz, r.surface, c)
                if org:
                    m = MembershipP(person=person, role=r.id, organization=org, confidence=0.6,
                                    order=p.sentence.index, evidence=[p.text],
                                    why=[f"“{p.text[start:r.end]}” without a name: the person named last, "
                                         "who has no post yet", reason],
                                    review=["the post is given without the name: check whose it is"])
                    draft.memberships.append(m)
                    holders.setdefault(r.id, set()).add(person)
                    titled.add(person)
        if len(who) == 1:
            end = r.end
            tail = re.match(r"\s+(?:to|of|for|in)\s+(?:the\s+)?", p.text[r.end:])
            nxt = next((m for m in mentions if tail and m.start == r.end + tail.end() and m.kind == "place"), None)
            if nxt is not None and _ENVOY.search(r.surface) and _is_country(gaz, nxt.id):  # "ambassador to X"
                end = nxt.end
            _stands_for(p, next(iter(who)), start, end, p.text[start:end])


def _leaders(p: ev.Parsed, draft: Draft, country: dict[str, str | None]) -> None:
    """"the Kessendori leader": the one person of that country the article gives a title."""
    for m in re.finditer(r"\b[Tt]he (\w+) (?:leader|minister|president|premier|official|envoy|visitor|guest)\b",
                         p.text):
        dem = next((x for x in p.mentions if x.start == m.start(1) and x.kind == "place"), None)
        if dem is None or any(a <= m.start(1) < b for a, b in p.title_spans):
            continue
        of = {q.person for q in draft.memberships if country.get(q.person) == dem.id}
        if len(of) == 1:
            _stands_for(p, next(iter(of)), m.start(), m.end(), m[0])


_COUNT = {"three": 3, "four": 4, "five": 5, "six": 6, "seven": 7, "eight": 8, "nine": 9, "ten": 10}
#: "the four ministers", "the five leaders": a group counted, and the posts its noun covers.
_NUMBERED = re.compile(r"\b[Tt]he (three|four|five|six|seven|eight|nine|ten|[3-9]) (foreign ministers|ministers"
                       r"|leaders|heads of state(?: and government)?|presidents|prime ministers|mayors|ambassadors)\b")
_HEADS = re.compile(r"(?i)^(?:president|prime minister|premier|chancellor|king|queen|emir|sultan|head of "
                    r"(?:state|government))$")


def _covers(noun: str, role: str) -> bool:
    """Whether a post (a role's label) is one of those a plural noun names ("leaders": heads of state and
    government; "ministers": ministers, not prime ministers).

    >>> _covers("ministers", "Energy Minister"), _covers("ministers", "Prime Minister"), _covers("leaders", "President")
    (True, False, True)
    """
    if noun in ("leaders", "heads of state", "heads of state and government"):
        return bool(_HEADS.match(role))
    if noun == "ministers":
        return bool(re.search(r"(?i)\bminister\b", role)) and not re.search(r"(?i)\b(?:prime|first|deputy|vice)\b",
                                                                          role)
    return role.lower() == noun[:-1] or role.lower() == noun[:-1].replace(" ministers", " minister")


def _numbered(p: ev.Parsed, parsed: list[ev.Parsed], holders: dict[str, set[str]], gaz: Gazetteer) -> None:
    """"the four ministers", "the five leaders": the persons named so far whom the article gives such a post, when
    there are just as many (each a descriptor of the same words, in the order the article first names them)."""
    for m in _NUMBERED.finditer(p.text):
        if any(a <= m.start() < b for a, b in p.title_spans):
            continue
        posted = {x for r, xs in holders.items() if r in gaz.entities and _covers(m[2], gaz.entities[r].label)
                  for x in xs}
        order = list(dict.fromkeys(x.id for q in parsed if q.sentence.index <= p.sentence.index
                                   for x in q.mentions + q.descriptors if x.id in posted))
        if len(order) == _COUNT.get(m[1], int(m[1]) if m[1].isdigit() else 0):
            for person in order:
                _stands_for(p, person, m.start(), m.end(), m[0])


def _is_country(gaz: Gazetteer, ident: str) -> bool:
    return getattr(gaz.entities.get(ident), "place_type", None) == "country"


def _counterparts(p: ev.Parsed, parsed: list[ev.Parsed], country: dict[str, str | None]) -> None:
    """"her (Varnian) counterpart" with no name after it: the person named last who is not the subject
    (of that country, when a demonym says which)."""
    for m in re.finditer(r"\b(?:his|her|their)\s+(?:([A-Z][\w’'-]+)\s+)?counterpart\b(?!,?\s+[A-Z])", p.text):
        if any(a <= m.start() < b for a, b in p.title_spans):
            continue
        dem = next((x.id for x in p.mentions if m[1] and x.start == m.start(1) and x.kind == "place"), None)
        first = ev.first_actor(p)
        subject = first[0].id if first and first[0].end <= m.start() else None
        pool = [x for q in reversed([x for x in parsed if x.sentence.index <= p.sentence.index])
                for x in sorted(q.mentions + q.descriptors, key=lambda x: -x.start)
                if x.kind == "person" and (q is not p or x.end <= m.start())]
        pick = next((x.id for x in pool if x.id != subject and (dem is None or country.get(x.id) in (dem, None))),
                    None)
        if pick:
            _stands_for(p, pick, m.start(), m.end(), m[0])


def _person(gaz: Gazetteer, name: str) -> str | None:
    from kg.draft.names import token_key

    return next((i for i, kind in gaz.keys.get(token_key(name), []) if kind == "person"), None)


def _named_last(parsed: list[ev.Parsed], p: ev.Parsed, who: set[str] | None,
                exclude: set[str] = frozenset()) -> set[str]:  # type: ignore[assignment]
    """Of ``who`` (None: any person not in ``exclude``), the one named last before sentence ``p``."""
    for q in reversed([x for x in parsed if x.sentence.index < p.sentence.index]):
        named = [m.id for m in sorted(q.mentions + q.descriptors, key=lambda m: m.start) if m.kind == "person"
                 and (m.id in who if who is not None else m.id not in exclude)]
        if named:
            return {named[-1]}
    return set(who or ())


def genders(parsed: list[ev.Parsed]) -> dict[str, str]:
    """A person's gender where the article shows it: an honorific, or the possessives and pronouns of the
    sentences in which that person is the only one named before them (its subject)."""
    votes: dict[str, dict[str, int]] = {}
    for p in parsed:
        people = [m for m in p.actors() if m.kind == "person"]
        for m in people:
            before = re.search(r"\b(Mr|Mrs|Ms|Madam|Madame|Sir)\.?\s+$", p.text[:m.start])
            if before:
                _vote(votes, m.id, before[1].lower())
        if not people:
            continue
        first = people[0]
        other = False  # an object pronoun seen: "A received her, and she ...": "she" is that other one
        # "Her farewell call on B ran, by her account, ...": a pronoun before the first name is someone else's,
        # and so are the later ones of its gender
        early = {_gender_word(w[0].lower()) for w in re.finditer(r"\b(?:he|she|his|her)\b",
                                                                 p.text[:first.start], re.I)}
        for w in re.finditer(r"\b(?:he|she|his|her|him|himself|herself)\b", p.text, re.I):
            if _gender_word(w[0].lower()) in early:
                continue
            if w[0].lower() == "him" or (w[0].lower() == "her" and _OBJECT_HER.match(p.text, w.end())):
                other = True
                continue  # "kept her waiting", "told her to": someone else, not the subject's gender
            if other and w[0].lower() in ("he", "she"):
                continue
            if w.start() > first.end and not any(m.start < w.start() for m in people[1:]):
                _vote(votes, first.id, w[0].lower())
    out = {}
    for who, v in votes.items():
        if v.get("f", 0) > v.get("m", 0):
            out[who] = "f"
        elif v.get("m", 0) > v.get("f", 0):
            out[who] = "m"
    return out


#: What follows "her" as an object rather than a possessive: punctuation, a preposition or article, a verb in -ing.
_OBJECT_HER = re.compile(r"\s*(?:[,.;:!?)”\"]|$|(?:to|for|with|at|in|on|as|and|or|that|a|an|the|about|from|into"
                         r"|by|over|again|back|up|down|off|out)\b|\w+ing\b)")


def _gender_word(word: str) -> str | None:
    return "f" if word in _FEMALE else "m" if word in _MALE else None


def _vote(votes: dict[str, dict[str, int]], who: str, word: str) -> None:
    g = "f" if word in _FEMALE else "m" if word in _MALE else None
    if g:
        v = votes.setdefault(who, {})
        v[g] = v.get(g, 0) + 1


def pronouns(parsed: list[ev.Parsed], gender: dict[str, str], speakers: set[str] | None = None) -> None:
    """Resolve "he", "she", "him" and "her" (not the possessive) to persons, as descriptors; never to one of
    ``speakers`` where that one is "I" or "you" (the one interviewed, in the questions and answers)."""
    subjects: list[str] = []  # persons that were subjects, most recent last
    named: list[str] = []  # persons named, most recent last
    for p in parsed:
        here: list[Mention] = []
        pair = exchange(parsed, p) if speakers else None
        for w in [*_SUBJECT_PRONOUN.finditer(p.text), *_OBJECT_PRONOUN.finditer(p.text)]:
            if any(a <= w.start() < b for a, b in p.title_spans) or any(
                    m.start <= w.start() < m.end for m in p.mentions):
                continue
            g = "f" if w[0].lower() in _FEMALE else "m"
            is_subject = w[0].lower() in ("he", "she")
            asked = pair is not None
            before = [m for m in sorted(p.actors() + here, key=lambda m: m.start)
                      if m.kind == "person" and m.end <= w.start()]
            if is_subject:
                # "A met B, who said that he ...": B; else the sentence's subject, else the last subject
                rel = before and re.search(r",\s+who\b", p.text[before[-1].end:w.start()])
                pool = [m.id for m in (before[-1:] if rel else before[:1])] + subjects[::-1] + named[::-1]
                if asked:  # in questions and answers the subjects are "I" and "you": one named in the exchange
                    pool = [m.id for m in (before[-1:] if rel else before[:1])] + pair[::-1]
                avoid: set[str] = set()
            else:
                # beyond its sentence: the last subject before the others named ("A flew in with B and C. D
                # welcomed him": A, the one the report follows)
                pool = [m.id for m in before[::-1]] + subjects[-1:] + named[::-1] + subjects[::-1]
                # the one who does it to them: the subject of the clause ("A congratulated B and invited her":
                # B; "A, who praised B, will host her": B), not a name inside an aside
                spans = asides(p.text)
                outside = [(a, b) for a, b in spans if not a <= w.start() < b]
                main = [m for m in before if not any(a <= m.start < b for a, b in outside)]
                avoid = {main[0].id} if main else ({before[-1].id} if before else set())
                inside = [(a, b) for a, b in spans if a <= w.start() < b]
                clause = [m for m in before if inside and inside[-1][0] <= m.start]
                lead = [m for m in before if inside and m.start < inside[-1][0]
                        and not any(a <= m.start < b for a, b in outside)]
                if clause and lead and clause[0].id != lead[0].id:
                    # "A was driven to the palace, where B received her": her is A, the subject outside the clause
                    pool = [lead[0].id, *pool]
                    avoid = {clause[0].id}
            if asked:
                pool = [x for x in pool if x in pair or x in {m.id for m in before}]
                avoid = avoid | (speakers or set())
            pick = next((x for x in pool if x not in avoid and gender.get(x, g) == g), None)
            if pick:
                here.append(Mention(pick, "person", w.start(), w.end(), w[0]))
        p.descriptors.extend(here)
        people = [m for m in p.actors() if m.kind == "person"]
        for m in people:
            if m.id in named:
                named.remove(m.id)
            named.append(m.id)
        first = ev.first_actor(p)
        if first and re.search(r"\b(?:[Hh]is|[Hh]er)\b", p.text[:first[0].start]) and not re.search(
                r"[,;:]", p.text[:first[0].start]):
            first = []  # "Her farewell call on President B ran over": the subject is hers, B met in passing
        if first and ev.pronoun_subject(p, first[0]):
            first = []  # "The next day the envoy was back in X for talks with B": the envoy's, not B
        if first and first[0].kind == "person":
            if first[0].id in subjects:
                subjects.remove(first[0].id)
            subjects.append(first[0].id)


def delegation_members(draft: Draft, parsed: list[ev.Parsed]) -> None:
    """An event told of "the delegation" (its head standing for it) has the delegation's listed members too."""
    by_index = {p.sentence.index: p for p in parsed}
    for e in draft.events:
        party = getattr(by_index.get(e.order), "party", None)
        if party and party[0] in e.participants:
            extra = [m for m in party[1] if m not in e.participants]
            if extra:
                e.participants = e.participants + extra
                e.review.append("“the delegation”: its members as listed before, check them")


#: A transcript's turn: a paragraph opening with its speaker in capitals ("PRESIDENT ORVEAUX:", "PRIME MINISTER
#: A (summarised):", "MODERATOR (B, press secretary):").
_TURN = re.compile(r"\s*((?:[A-Z][A-Z’'.-]+\s+){0,4}[A-Z][A-Z’'.-]+)\s*(?:\(([^)]*)\))?\s*:\s")


def speaker_turns(parsed: list[ev.Parsed], gaz: Gazetteer) -> bool:
    """In a transcript, "I" and "me" in a turn are its speaker; True when the article is read as a transcript.

    A transcript has two turns or more whose speaker labels name a person of the article: the label's last word
    in capitals is a surname ("PRESIDENT ORVEAUX": Orveaux), else the label's parenthesis names the person
    ("MODERATOR (B, press secretary)"). Every sentence of a turn, up to the next label, has its "I" and "me"
    (outside quotations) stand for that speaker; a label that names nobody ("QUESTION (Radio X)") ends the
    turn before it. A title a label gives ("the Prime Minister", for "PRIME MINISTER A") is that speaker
    wherever it is not followed by a name or "of". An interview's rule (the first person named is "I") is then
    not applied.
    """
    turns: dict[int, str | None] = {}
    titles: dict[str, str] = {}  # "prime minister": the speaker labelled "PRIME MINISTER A"
    seen: set[int] = set()
    for p in parsed:
        if p.sentence.para in seen:
            continue
        seen.add(p.sentence.para)
        m = _TURN.match(p.text)
        if not m:
            continue
        who = _labelled(m[1].split()[-1].title(), gaz)
        if who is None and m[2]:
            who = next((x.id for x in p.mentions if x.kind == "person" and m.start(2) <= x.start < m.end(2)), None)
        turns[p.sentence.para] = who
        if who and len(m[1].split()) > 1:
            titles.setdefault(" ".join(m[1].split()[:-1]).lower(), who)
    if sum(1 for w in turns.values() if w) < 2:
        return False
    for p in parsed:  # "the Prime Minister's invitation": the speaker so labelled, not another prime minister
        for r in p.mentions:
            who = titles.get(r.surface.lower()) if r.kind == "role" else None
            if who and re.search(r"\b(?:the|The)\s+$", p.text[:r.start]) and not re.match(r"\s+(?:of\b|[A-Z])",
                                                                                           p.text[r.end:]):
                p.descriptors = [d for d in p.descriptors if not r.start <= d.start < r.end]
                _stands_for(p, who, r.start, r.end, r.surface)
    speaker: str | None = None
    for p in parsed:
        if p.sentence.para in turns:
            speaker = turns[p.sentence.para]
        if speaker is None:
            continue
        for w in re.finditer(r"\b(?:I|me)\b", p.text):
            before = p.text[:w.start()]
            if before.count("“") > before.count("”") or before.count('"') % 2 == 1:
                continue
            p.descriptors.append(Mention(speaker, "person", w.start(), w.end(), w[0]))
        p.descriptors.sort(key=lambda x: x.start)
    return True


def _labelled(surname: str, gaz: Gazetteer) -> str | None:
    """The one person of the gazetteer whose name has ``surname`` (a speaker label's last word)."""
    found = {i for i, kind in gaz.keys.get(token_key(surname), []) if kind == "person"}
    return found.pop() if len(found) == 1 else None
