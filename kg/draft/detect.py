"""Events, sentence by sentence: each trigger of ``kg.draft.events`` with its subjects, counterparts,
places and date, before what several sentences say of one event is merged (``kg.draft.assemble``).

>>> from kg.facts.model import Entity
>>> from kg.draft.drafter import analyse
>>> from datetime import date
>>> ents = {"k": Entity("k", "place", "Kalvora", "", 0, place_type="city"),
...         "a": Entity("a", "person", "Lena Varosh", "", 0), "b": Entity("b", "person", "Tomas Keld", "", 0)}
>>> d = analyse("Lena Varosh met Tomas Keld in Kalvora on 3 March.", date(2025, 3, 5), ents)
>>> [(e.type, e.participants, e.location, e.date.on) for e in d.events]
[('meeting', ['a', 'b'], 'k', '2025-03-03')]
"""

from __future__ import annotations

import re
from datetime import date, timedelta

from kg.draft import events as ev
from kg.draft.clause_dates import NEXT_CLAUSE, asides, date_near
from kg.draft.clauses import that_clause_subjects
from kg.draft.model import DateP, EventP
from kg.draft.names import Gazetteer, Mention
from kg.draft.pairs import between
from kg.draft.postponed import drop_date_of_decision
from kg.names import name_key

_AFTER_ARRIVAL = re.compile(r"\b(?:shortly|soon|immediately|right|just) after (?:his|her|their) arrival\b", re.I)
_INVITED = re.compile(r"\bat the invitation of\b", re.I)
#: The events a plural reference ("the two leaders", "both ministers", "the delegations") can be the subject of.
_GROUPED = ("meeting", "phone-call", "signing", "joint-statement", "press-conference", "reception")
#: "accompany A on his visit": the words before a visit's trigger that make it the visit of A.
_ACCOMPANY = re.compile(r"\baccompan(?:y|ies|ied|ying)\s+([^.;]{1,90}?)\s+on\s+(?:his|her|their|the|an?)\s+"
                        r"(?:[\w-]+\s+){0,3}$")
_NUMBERS = {"one": 1, "two": 2, "three": 3, "four": 4, "five": 5, "six": 6, "seven": 7,
            **{str(i): i for i in range(1, 15)}}


def find_events(parsed: list[ev.Parsed], gaz: Gazetteer, pub: date) -> list[EventP]:
    """Every event a trigger of a sentence gives, sentence by sentence, before merging."""
    last: list[str] = []
    group: list[str] = []  # the participants of the last event of several: "the two ministers"
    guest: list[str] = []  # the one whose visit (not an arrival alone) was told last: "her guest", "joint"
    off: tuple[int, EventP] | None = None  # the last event called off or put off, with its paragraph
    found: list[EventP] = []
    bodies: list[str] = []  # the organizations of no country named so far: "the next summit" is the last one's
    for p in parsed:
        text = p.text
        earlier = group
        here: list[tuple[int, list[str]]] = []  # this sentence's events of several, by where their trigger is
        # the triggers in the order the sentence tells them ("A was welcomed by B, where the two presidents held
        # talks": the welcome first, so that "the two presidents" are its two)
        told = sorted(((typ, t) for typ, rx in ev.TRIGGERS for t in rx.finditer(text)),
                      key=lambda x: x[1].start())
        for typ, t in told:
            if t[0].lower().startswith("also") and not any(f.type == "phone-call" for f in found):
                continue  # "A also spoke with B" is a call only after a call told before
            before = [parts for at, parts in sorted(here, key=lambda x: x[0]) if at < t.start()]
            group = before[-1] if before else earlier  # "A called B, and both leaders agreed to sign"
            for e in _from_trigger(p, typ, t, last, gaz, group, pub, bool(before), guest):
                between(p, t, e)
                e.status = ev.status_of(text, getattr(e, "status_at", t.start()))
                if e.status == "held" and _still_ahead(e, pub):
                    e.status = "announced"
                    e.why.append("dated after the publication day: not held yet")
                if e.status == "postponed":
                    e.review.append("postponed: the date is the one its sentence gives (the new one, or the "
                                    "first planned): check it")
                drop_date_of_decision(e, text)
                if off and off[0] == p.sentence.para and _PLAN_BEFORE.search(text, 0, t.start()):
                    _part_of_called_off(e, off[1])
                if e.status in ("cancelled", "postponed"):
                    off = (p.sentence.para, e)
                e.order = p.sentence.index
                e.topics = sorted({m.id for m in p.mentions if m.kind == "topic"})
                e.cite(text)
                found.append(e)
                if len(e.participants) >= 2:
                    here.append((t.start(), list(e.participants)))
        _joined_by(p, found)
        meets = _body_meets(p, gaz, pub)
        if meets:  # "before the Forum meets in X": the body's conference, not one of the sentence's subject
            named = {name_key(gaz.entities[e.participants[0]].label) for e in meets}
            found[:] = [e for e in found if not (e.type == "conference" and e.order == p.sentence.index
                                                 and any(n in name_key(e.label or "") for n in named))]
            found += meets
        if not any(e.type == "conference" and e.order == p.sentence.index for e in found):
            found += _body_meeting(p, gaz, bodies, pub)
        bodies += [m.id for m in p.mentions if m.kind == "organization" and _is_body(gaz, m.id)]
        guest = next(([e.participants[0]] for e in reversed(found) if e.type == "visit"
                      and e.participants and e.status == "held"), guest)
        several = [e for e in found if e.order == p.sentence.index and len(e.participants) >= 2]
        if several:
            group = list(several[-1].participants)
        subj = ev.first_actor(p)
        if subj and subj[0].kind == "person":
            last = [subj[0].id]
    return found


#: Those who joined the meeting told just before: "They were joined for the second half by A and B", "The two
#: leaders were later joined by their foreign ministers, A and B".
_JOINED = re.compile(r"^\W*(?:They|[Tt]he two [a-z]+(?: [a-z]+)?|Both [a-z]+)\s+(?:were|had been)\s+"
                     r"(?:(?:later|then|also|soon)\s+)?joined\b[^.;]*?\bby\b")


def _joined_by(p: ev.Parsed, found: list[EventP]) -> None:
    """The persons named after "were joined ... by" take part in the meeting of several told in the sentence
    before (a group joined by others: no event of its own); "joined for dinner by both delegations" names none."""
    m = _JOINED.search(p.text)
    if m is None:
        return
    stop = re.compile(r",\s+(?:and|but|while|who|which|where)\b|;|\s[–—]\s").search(p.text, m.end())
    end = stop.start() if stop else len(p.text)  # "by both delegations, and A said ...": A joined nothing
    joined = [x.id for x in p.actors() if x.kind == "person" and m.end() <= x.start < end]
    before = [e for e in found if e.order == p.sentence.index - 1 and e.type == "meeting" and len(e.participants) >= 2]
    if not joined or not before:
        return
    e = before[-1]
    e.core = list(e.participants)  # type: ignore[attr-defined]  # "the two leaders" after it: still those
    e.participants += [x for x in joined if x not in e.participants]
    e.why.append(f"“{m[0].strip()}”: those named after it joined the meeting")
    e.cite(p.text)
    # "were joined" read as a meeting of the group (or of some who joined it): that same meeting, told again
    found[:] = [x for x in found if not (x.order == p.sentence.index and x.type == "meeting"
                                         and set(x.participants) <= set(e.participants))]


#: A body's meeting told as a noun with its plan: "the next summit will be held in X", "the meeting of the foreign
#: ministers of the Council of Y, due to be held in X on ..., has been postponed", "the leaders of the Union meet in X
#: next month", "the summit of the Forum, to be held in X in June".
_BODY_MEETING = re.compile(
    r"\b(?:[Tt]he|[Ii]ts|[Tt]heir)\s+(?:next\s+|annual\s+|first\s+)?(?:(?P<kind>summit|ministerial(?:\s+(?:meeting|"
    r"conference))?|(?:meeting|conference) of (?:the\s+)?(?:\w+\s+)?ministers|ministerial meeting)"
    r"|(?P<leaders>leaders|foreign ministers|heads of state))"
    r"(?P<of>\s+of\s+the(?:\s+(?:[A-Z][\w’'-]*|of|the))+)?"
    r"(?=,?\s+(?:will\s+(?:be\s+held|take\s+place|meet)|would\s+(?:be\s+held|take\s+place)|(?:is|are|was)\s+(?:due|set"
    r"|scheduled)\s+to\s+(?:be\s+held|take\s+place)|(?:meet|gather|convene)\s+in\s+(?:the\s+)?[A-Z])"
    r"|,\s+(?:due\s+)?to\s+be\s+held)")


def _is_body(gaz: Gazetteer, ident: str) -> bool:
    """Whether an organization is a body of several countries (an organization of no country, no part of one)."""
    e = gaz.entities.get(ident)
    return e is not None and not getattr(e, "country", None) and not getattr(e, "part_of", None)


def _body_meeting(p: ev.Parsed, gaz: Gazetteer, bodies: list[str], pub: date) -> list[EventP]:
    """A conference of a body told by its plan (``_BODY_MEETING``): the body named in it ("of the Council of
    Y"), else the body named last before; announced, or postponed, cancelled as its sentence says."""
    t = _BODY_MEETING.search(p.text)
    if t is None:
        return []
    if t["leaders"] and not t["of"]:
        return []  # "the leaders meet in X": the leaders of which body is not told
    named = [m.id for m in p.mentions if m.kind == "organization" and _is_body(gaz, m.id)
             and t.start() <= m.start <= t.end()]
    body = named[0] if named else (None if t["of"] else (bodies[-1] if bodies else None))
    if body is None:
        return []
    date_p, dated = date_near(p, t.end(), t.end())
    e = EventP(type="conference", participants=[body], label=f"{t[0].strip()} ({gaz.entities[body].label})",
               date=date_p, dated_in_text=dated, location=_in_place(p, t.end()), confidence=0.6,
               why=[f"“{t[0].strip()}” with its plan: a conference of {gaz.entities[body].label}"])
    e.status = ev.status_of(p.text, t.end())
    if e.status == "held":
        e.status = "announced"
    if not named:
        e.review.append(f"the body is the one named last before: {gaz.entities[body].label}")
    e.order = p.sentence.index
    e.cite(p.text)
    return [e]


#: A body named as the subject of its meeting to come: "before the Forum meets in X in June", "the Union will meet
#: in X", "The Forum, the regional body, holds its summit in X on 12 and 13 June".
_MEETS = re.compile(r"(?:,[^,;()]{1,60},)?\s+(?:meets|will meet|is to meet|is due to meet|convenes|will convene"
                    r"|(?:will )?holds? its (?:next |annual |first |own )?(?:summit|conference|ministerial(?: meeting)?"
                    r"|meeting|session))\s+in\s+(?-i:[A-Z])")


def _body_meets(p: ev.Parsed, gaz: Gazetteer, pub: date) -> list[EventP]:
    """The conference of a body of several countries named as the subject of its meeting to come (``_MEETS``):
    the body its participant, announced unless its sentence puts it off or calls it off, its dates read ahead
    (the present "meets in X in June" tells what is to come)."""
    import copy

    from kg.draft.dates import find_dates

    out: list[EventP] = []
    for m in p.mentions:
        if m.kind != "organization" or not _is_body(gaz, m.id):
            continue
        t = _MEETS.match(p.text, m.end)
        if t is None:
            continue
        verb = t.end() - 1
        ahead = copy.copy(p)
        ahead.dates = find_dates(p.text, pub, future=re.compile(ev.AHEAD.pattern + r"|" + _MEETS.pattern, re.I))
        date_p, dated = date_near(ahead, verb, verb)
        status = ev.status_of(p.text, verb)
        e = EventP(type="conference", participants=[m.id], label=f"{m.surface} meeting", date=date_p,
                   dated_in_text=dated, location=_in_place(p, verb), confidence=0.6, order=p.sentence.index,
                   status="announced" if status == "held" else status,
                   why=[f"“{m.surface}{p.text[m.end:t.end() - 1].rstrip()}”: the body's conference to come"])
        e.cite(p.text)
        out.append(e)
    return out


#: A plan told in the past perfect or the past: "had been due to hold talks", "was to meet", "had been expected to".
_PLAN_BEFORE = re.compile(r"\b(?:had been|was|were) (?:due|expected|scheduled|set|supposed|meant|to)\b(?: to)?"
                          r"\s+(?:\w+\s+){0,2}$", re.I)


def _part_of_called_off(e: EventP, off: EventP) -> None:
    """"A visit by A, planned for next week, has been cancelled. A had been due to hold talks with B": the talks
    were part of the plan called off, with its status and its date."""
    e.status, e.date, e.dated_in_text = off.status, off.date, off.dated_in_text
    e.why.append(f"“had been due to”, in the paragraph of an event {off.status}: {off.status} with it")


def _still_ahead(e: EventP, pub: date) -> bool:
    """An event its date puts after the publication day ("when he visits Tisova later this month") is to come."""
    w = e.date.when(pub)
    return bool(w.earliest and w.earliest > pub) or bool(
        re.match(r"(?i)(?:later|by the end of|before the end of) this|in the coming", e.date.text or ""))




_VERB_HELPERS = {"to", "due", "is", "are", "was", "were", "will", "would", "shall", "may", "might", "could", "should",
                 "can", "must", "be", "been", "being", "has", "had", "have", "set", "expected", "scheduled", "planned",
                 "plans", "plan", "hopes", "hope", "intends", "wants", "then", "later", "also", "and", "who", "he",
                 "she", "they", "not", "soon", "again", "subsequently", "briefly", "both", "sides", "delegation",
                 "afterwards", "thereafter", "next", "visit", "invitation", "agreed", "decided", "promised",
                 # a clause of the same subject ("..., before travelling on to X", "after talks, she flew to X")
                 "before", "after", "while", "when", "where", "until", "ahead", "of", "by", "upon", "prior", "since",
                 "first", "now", "finally", "eventually", "already", "reportedly", "today", "tomorrow", "yesterday",
                 "instead", "immediately", "directly", "from", "there", "morning", "afternoon", "evening",
                 "night", "week", "day", "weekend"}


def _thing_moves(text: str, t: re.Match) -> bool:
    """"the aid will go to Drevna", "the talks moved to Tamsk": the subject of a travel verb is a common noun,
    not a person; only for the motion verbs ("visited X" is a person's doing wherever its subject is)."""
    if re.match(r"(?i)visit|trip|tour|journey to|stopover", t[0]):
        return False
    words = re.findall(r"[\w’'-]+", text[:t.start()])
    while words and (words[-1].lower() in _VERB_HELPERS or words[-1].endswith("ly")):
        words.pop()
    return bool(words) and words[-1].islower() and words[-1] not in _PERSON_NOUNS


_PERSON_NOUNS = {"minister", "ministers", "president", "presidents", "premier", "envoy", "envoys", "ambassador",
                 "leader", "leaders", "official", "officials", "chancellor", "secretary", "speaker", "diplomat",
                 "diplomats", "delegation", "delegations", "visitor", "guest", "counterpart", "team", "king", "queen",
                 "mediator", "negotiator", "negotiators", "men", "women", "man", "woman", "pair", "couple",
                 "convoy", "motorcade", "entourage", "plane", "jet", "party", "aides", "deputy", "spokesman",
                 "spokeswoman", "spokesperson", "staff", "colleagues", "wife", "husband"}





#: The two of the event before, after a joint statement opening the sentence: "In a joint statement issued
#: afterwards, the two leaders (both ministers) said ...".
_THE_TWO_SAID = re.compile(r"[^,;]{0,80},\s*(?:[Tt]he two|[Bb]oth)\s")


def _from_trigger(p: ev.Parsed, typ: str, t: re.Match, last: list[str], gaz: Gazetteer, group: list[str],
                  pub: date, group_here: bool = False, guest: list[str] | None = None) -> list[EventP]:
    """The events one trigger gives; ``group`` the participants of the last event of several, of this
    sentence when ``group_here``; ``guest`` the one whose visit was told last."""
    text = p.text
    subjects = ev.subject(p, t.start(), last)
    told = that_clause_subjects(p.actors(), text, t.start())  # "agreed that their deputies, C and D, would meet"
    if told == []:
        return []
    if told:
        subjects = told
    date_p, dated = date_near(p, t.end(), t.start())
    if typ == "visit" and re.match(r"(?i)invit", t[0]):
        return _invited_to(p, t, date_p, dated)
    outside = [(a, b) for a, b in asides(text) if not a <= t.start() < b]
    said = [m for m in p.actors() if m.id in subjects and m.end <= t.start()]
    inner = [m for m in said if any(a <= m.start < b for a, b in outside)]
    if said and len(inner) == len(said):  # "A, accompanied by Z, visited X": A is the subject
        lead = [m for m in p.actors() if m.end <= inner[0].start and not any(a <= m.start < b for a, b in outside)]
        subjects = [lead[-1].id] if lead else subjects
    out: list[EventP] = []
    word = t[0].strip()
    if re.search(r"\b(?:some|no|any|every)thing\s+(?:\w+\s+)?to\s+$", text[:t.start()]):
        return []  # "so that the presidents have something to sign": no event told
    grouped = False
    if typ in _GROUPED and group:  # "the two leaders signed", "both ministers told a joint press conference"
        named = [m for m in p.actors() if m.end <= t.start()]
        if subjects and named and re.search(ev.GROUP.pattern + r"(?:\s+[a-z][\w’'-]*){0,5}\s+$",
                                            text[named[-1].end:t.start()]):
            subjects = []  # "A called B, and both leaders agreed to sign": the group, not B
        if not subjects and (ev.GROUP.search(text[max(0, t.start() - 25):t.start()]) or re.search(
                ev.GROUP.pattern + r"(?:\s+[a-z][\w’'-]*){0,5}\s+$", text[:t.start()])):
            subjects, grouped = list(group), True
        elif group_here and subjects and set(subjects) <= set(group) and typ != "meeting" and re.search(
                r"\band\s+(?:then\s+|later\s+|also\s+)?(?:to\s+)?$", text[:t.start()]):
            subjects, grouped = list(group), True  # "A is to hold talks with B and to sign ...": both sign
        elif not subjects and typ == "joint-statement" and len(group) == 2 and re.fullmatch(
                r"\s*[Ii]n\s+(?:a|the|their)\s+", text[:t.start()]) and _THE_TWO_SAID.match(text, t.end()):
            subjects, grouped = list(group), True  # "In a joint statement issued afterwards, the two leaders said"
            said = _THE_TWO_SAID.match(text, t.end())
            if dated and all(d.start > said.end() for d in p.dates):
                date_p, dated = DateP(), False  # a date of what they said ("by the end of the year"), not theirs
        elif re.match(r"\s*(?:with\s+|between\s+)?" + ev.GROUP.pattern, text[t.end():]):
            objects_group = [g for g in group if g not in subjects]
            if objects_group:
                subjects, grouped = list(dict.fromkeys(subjects + objects_group)), True
    if word.lower().endswith("discussed") and not grouped:
        return []  # "the two ministers (first) discussed the line in May": a meeting of a group only
    if word.lower().startswith("exchanged views") and (grouped or not ev.objects_after(p, t.end())):
        return []  # "the two leaders exchanged views" after a call: the call, not a meeting
    if not subjects and re.search(r"\band\s+(?:(?:will|would|then|later|also|again|is to|are to)\s+)*"
                                  r"(?:(?:agreed|decided|pledged|promised|vowed|hope[sd]?|plan(?:s|ned)?)\s+to\s+"
                                  r"(?:(?:hold|have|pay|make)\s+(?:an?\s+)?)?)?$",
                                  text[:t.start()]):  # "A signed ... and will meet again": A meets
        first = [m for m in ev.first_actor(p) if m.end <= t.start()]
        if first:
            subjects = [m.id for m in first]
        elif group and typ in _GROUPED and ev.GROUP.match(text.lstrip()):
            subjects, grouped = list(group), True
    if re.search(r"\band\s+(?:also\s+)?(?:intends?|plans?|hopes?|aims?|wants?|expects?)\s+to\s+(?:[\w-]+\s+)?$",
                 text[:t.start()]):  # "A received B ... and intends to visit X": A, the subject of the sentence
        first = [m for m in ev.first_actor(p) if m.end <= t.start()]
        subjects = [m.id for m in first] or subjects
    if typ == "visit" and _thing_moves(text, t):
        return []
    if typ in ("visit", "arrival") and re.search(r"\b(?:before|after|then|and then|while|ahead of)\s+$",
                                                 text[:t.start()]) and re.match(r"\w+ing\b", t[0]):
        first = ev.first_actor(p)  # "A met B, before travelling on to X": A travels, the subject of the sentence
        subjects = [first[0].id] if first and first[0].end <= t.start() else subjects
    along = _ACCOMPANY.search(text[:t.start()]) if typ == "visit" else None
    if along:  # "she hopes to accompany her minister, A, on his first visit to X": A's visit, she with him
        owner = [m for m in p.actors() if along.start(1) <= m.start < along.end(1) and m.kind == "person"]
        mate = [m for m in p.actors() if m.end <= along.start() and m.kind == "person"]
        if owner:
            subjects = [owner[0].id] + ([mate[0].id] if mate and mate[0].id != owner[0].id else [])
    elif typ == "visit" and re.search(r"\b(?:[Hh]is|[Hh]er|[Tt]heir)\s+(?:[\w-]+\s+){0,2}$", text[:t.start()]):
        first = [m for m in ev.first_actor(p) if m.end <= t.start() and m.kind == "person"]
        subjects = [first[0].id] if first else subjects  # "A told B ... and recalled his state visit to X": A's
        rel = re.search(r",\s+who\s+[^,;()]*$", text[:t.start()])
        owner = [m for m in p.actors() if rel and m.end <= rel.start() and m.kind == "person"][-1:]
        if owner and not [m for m in p.actors() if rel and m.start >= rel.start() and m.end <= t.start()]:
            subjects = [owner[0].id]  # "A called B, who asked to postpone his visit to X": B's, the one "who" is
        if not subjects and not [m for m in p.actors() if m.end <= t.start()]:
            subjects = list(last)  # "Her first stop was X", "His trip to X": the last subject's
    if typ in ("visit", "arrival"):
        places = [m for m in p.places() if m.start >= t.end() and m.start - t.end() < 25
                  and not re.search(r"\bfrom\s+$", text[t.end():m.start])]  # "flew in from X": not there
        if typ == "arrival" and not re.search(r"\bin\s*$", word):
            there = [m for m in p.places() if m.start >= t.end() and re.search(r"\b(?:in|at)\s+$",
                                                                                text[:m.start])]
            places = there[:1]
        inviter = None
        invite = re.search(r"\b(invit(?:ed|es|e|ing)|invitations?\s+(?:from|of)\s+(.+?)\s*,?\s+to)\s+(.+?)\s+to\s+$",
                           text[:t.start()])
        if invite and word.lower().startswith("visit"):  # "A invited B to visit C": B's visit, A's invitation
            guests = [m for m in p.actors() if invite.start(3) <= m.start < invite.end(3)]
            hosts = [m for m in p.actors() if m.end <= invite.start()]
            if invite[2]:  # "conveyed an invitation from A to B to visit C": A invites
                hosts = [m for m in p.actors() if invite.start(2) <= m.start < invite.end(2)][:1]
            first = [m for m in ev.first_actor(p) if m.end <= invite.start()]
            if first and not invite[2] and not re.search(r",\s+who\b", text[first[0].end:invite.start()]):
                hosts = first[:1]  # "A congratulated B and invited her": A invites
            if guests:
                subjects = [guests[0].id]
                inviter = hosts[-1] if hosts else None
        nominal = re.match(r"\s+(?:of|by)\s+", text[t.end():]) if word.lower() in ("visit", "trip") else None
        if nominal:  # "the visit of President X to Kalvora", "a trip by X, to Kalvora, ... was called off"
            who = [m for m in p.actors() if m.start >= t.end() + nominal.end() - 1]
            if who:
                to = [m for m in p.places() if m.start > who[0].end and re.search(
                    r"\bto\s+$", text[who[0].end:m.start])]
                if to:
                    subjects, places = [who[0].id], to
        elsewhere = [m for m in p.places() if not re.search(r"\bfrom\s+$", text[:m.start])]  # "flew in from X"
        dateline = p.dateline if typ == "arrival" and not places and not elsewhere else None
        if dateline:  # "is due to arrive next month": where the article is written, for review
            places = [Mention(dateline, "place", t.end(), t.end(), "")]
        by = re.match(r"\s+by\s+", text[places[0].end:]) if places and word.lower().startswith(("visit", "trip")) \
            else None
        if by:  # "ahead of a visit to X by the prime minister": the visitor is after "by", not the subject
            who = [m for m in ev.objects_after(p, places[0].end + by.end()) if m.kind == "person"][:1]
            if not who:
                return []
            subjects = [who[0].id]
        if not places or not subjects:
            return []
        more = [m for m in p.places() if m.start > places[0].end and re.fullmatch(
            r"\s*(?:,|and|, and)\s*", text[places[0].end:m.start])]
        if more and typ == "visit":
            out = []
            for place in (places[0], more[0]):
                out += _from_trigger_place(p, typ, t, subjects, place, date_p, dated, word)
            for e in out:  # "closed a four-day tour of A and B on Sunday": each leg within the tour's days
                if _concluded(e, text, t, date_p, dated, pub) and e.date.on:
                    e.date = DateP(earliest=e.date.on, latest=e.date.latest, text=e.date.text)
            return out
        e = EventP(type=typ, participants=subjects[:2] if along else subjects[:1], destination=places[0].id,
                   location=places[0].id,
                   date=date_p, dated_in_text=dated, confidence=0.85 if dated else 0.7,
                   why=[f"“{word} {places[0].surface}”"])
        days = re.search(r"\b(?:(?:for|on|began|begins|start(?:ed|s)?|ma(?:de|kes)) )?an? (?:(\w+)-day )?"
                         r"(?:[\w-]+ )?visit\b", text)
        if typ == "arrival" and days and re.match(r"(?:for|on) ", days[0]):
            e.type = "visit"
            e.why.append("an arrival for a visit")
        if _concluded(e, text, t, date_p, dated, pub):
            days = None
        if days and days[1]:
            n = _NUMBERS.get(days[1].lower())
            if n and date_p.on and date_p.when(pub).precision == "day":
                end = date_p.when(pub).value + timedelta(days=n - 1)
                e.date = DateP(on=date_p.on, latest=end.isoformat(), text=f"{date_p.on}, a {days[1]}-day visit")
                e.ended = True  # type: ignore[attr-defined]
        if along:
            e.why.append(f"“{along[0].split()[0]} … on”: the visit of the one accompanied")
            e.review.append("the one who accompanies is proposed as a participant: check it")
            e.status_at = along.start()  # type: ignore[attr-defined]  # "hopes to accompany": its status
        if dateline:
            e.why.append("no place in the sentence: the dateline's")
            e.review.append("the place is the article's dateline: check it")
        if inviter is not None:
            e.invited_by = inviter.id
            e.why.append(f"“{invite[1]} … to {word}”: invited by {inviter.surface}")
        inv = _INVITED.search(text)
        if inv:
            after = [m for m in p.actors() if m.start >= inv.end()]
            if after:
                e.invited_by = after[0].id
                e.why.append(f"invited by {after[0].surface}")
        return [e]
    if typ == "conference":
        stop = min([d.start for d in p.dates if d.start >= t.end()] + [len(text)])
        rest = text[t.end():stop]
        name = re.match(r"([^,;.]+?)(?=,|;|\.$| where | in [A-Z]| on \d| to | and | with | was | were |$)", rest)
        if not subjects and group and ev.GROUP.search(text[:t.start()]):
            subjects = list(group)
        if re.match(r"(?i)on the", word):  # "A met B on the sidelines of X": both were at X
            subjects = list(dict.fromkeys(m.id for m in ev.clause_actors(p, t.start()))) or subjects
        if not name or not ev.CONFERENCE_WORDS.search(name[1]) or re.search(r"(?i)\b(?:press|news) conference",
                                                                             name[1]):
            return []  # a press conference is an event of its own kind, not a conference
        if all(re.match(r"[’']s\b", name[1][w.end():]) for w in ev.CONFERENCE_WORDS.finditer(name[1])):
            return []  # "to press for the Forum's new fund": the body's thing, not a conference of it
        label = re.sub(r"^(?:the|a|an)\s+", "", name[1].strip())
        if re.match(r"(?i)(?:his|her|their|its|our|my)\b", label):
            return []  # "attending her first summit": which one is not named
        if re.search(r"(?i)\b(?:preparations?|preparing)\s+$", text[:t.start()]):
            return []  # "reviewed the preparations for the Forum summit": talked of, not attended
        if not subjects:  # "ministers met for the X Dialogue, hosted by Y": Y was there
            host = re.search(r"\b(?:(?:hosted|chaired|opened|convened) by|under the chairmanship of)\s+", text)
            subjects = [m.id for m in ev.objects_after(p, host.end())][:1] if host else []
            if not subjects:
                return []
        preposition = word.lower().split()[0]  # "for a summit": the trigger's first word, before its article
        if preposition in ("at", "to", "for") and (len(label.split()) < 2 or not re.search(r"\b[A-Z]", label)
                                                   or re.match(r"(?:hold|host|convene|organi[sz]e|attend)\b", label)):
            return []  # "at the summit": a conference only when it is named
        return [EventP(type="conference", participants=subjects, label=label, date=date_p, dated_in_text=dated,
                       location=_in_place(p, t.end()), confidence=0.8, why=[f"“{word} {label}”"])]
    agent = ev.passive_agent(p, t) if typ in ("reception", "meeting", "signing") else None
    if agent is not None and typ == "signing":  # "the treaty was signed by A and B"
        signers = [m.id for m in ev.objects_after(p, agent)]
        if len(signers) < 2 or not (ev.AGREEMENT_WORDS.search(text) or ev.SIGNED_DOCUMENT.search(text)):
            return []
        e = EventP(type="signing", participants=signers, date=date_p, dated_in_text=dated, confidence=0.8,
                   location=_in_place(p, t.end()), why=[f"“{word} by” (a passive): the signers after it"])
        _agreement(p, e)
        return [e]
    if agent is not None:  # "X was received by Y": Y received X, the host first
        hosts = ev.objects_after(p, agent)
        subjects = _coordinated_patient(p, t, last) or subjects
        if not hosts or not subjects:
            return []
        # "X was welcomed at the airport by Y", "On her arrival, X was welcomed by Y": X's arrival, Y there
        if _ON_ARRIVAL.search(text, t.end(), agent) or _ON_ARRIVAL.search(text, 0, t.start()):
            return [EventP(type="arrival", participants=list(dict.fromkeys([*subjects, hosts[0].id])), date=date_p,
                           dated_in_text=dated, confidence=0.7, location=_in_place(p, t.end()) or p.dateline,
                           why=[f"“{word} … by” on arrival: {hosts[0].surface} met the guest"],
                           review=["an arrival with the one who welcomed the guest: check its place"])]
        return [EventP(type="reception", participants=list(dict.fromkeys([h.id, *subjects])), date=date_p,
                       dated_in_text=dated, confidence=0.8, location=_in_place(p),
                       why=[f"“{word} … by” (a passive): {h.surface} the host"]) for h in hosts]
    if typ == "phone-call" and ev._CALL_ADVERBIAL.match(text, _adverbial_start(text, t)) and not \
            ev.objects_after(p, t.end()):  # "discussed X with B by phone", "A told B in a telephone call"
        people = list(dict.fromkeys([m.id for m in ev.clause_actors(p, t.start())] or subjects))
        if len(people) < 2:
            return []
        return [EventP(type=typ, participants=people, date=date_p, dated_in_text=dated, confidence=0.8,
                       why=[f"“… {word}”: the call's participants those of its clause"])]
    objects = [m.id for m in ev.objects_after(p, t.end())]
    if not objects and not subjects:
        objects = _nominal_agents(p, typ, t)
    if typ == "reception" and not objects and guest and _THE_GUEST.match(text, t.end()):
        objects = [g for g in guest if g not in subjects]  # "A welcomed her guest with honours": the visitor
    if typ == "signing" and not objects:  # "A signed a memorandum of understanding with B"
        cut = NEXT_CLAUSE.search(text, t.end())
        w = re.compile(r"\bwith\s+").search(text, t.end(), cut.start() if cut else len(text))
        objects = [m.id for m in ev.objects_after(p, w.end())] if w else []
    if grouped:
        objects = [o for o in objects if o not in subjects]
        if not objects and typ == "reception" and word.lower().startswith("welcom"):
            return []  # "the ministers welcomed the return of ...": a stance, nobody received
        if not objects:
            e = EventP(type=typ, participants=subjects, date=date_p, dated_in_text=dated, confidence=0.6,
                       location=_in_place(p, t.end()),
                       why=[f"“{word}”, its participants those of the event before (“the two …”)"],
                       review=["participants taken from the event before: check them"])
            if typ == "signing":
                _agreement(p, e)
            return [e] if len(subjects) >= 2 else []
    if typ == "meeting" and re.search(r"\b(?:his|her|its|their)\s+$", text[:t.start()]):
        first = [m for m in ev.first_actor(p) if m.end <= t.start()]  # "A informed B of her talks with C": A's
        subjects = [first[0].id] if first else subjects
    if word.lower() == "talks" and re.search(r"(?i)\b(?:the|their|his|her|its|of|these|those)\s+(?:[\w-]+\s+)?$",
                                             text[:t.start()]):
        return []  # "who chaired the talks, B and C": a noun with no partner ("talks with", "talks between")
    if word.lower() == "joined" and not objects:
        return []
    if word.lower().startswith("called") and not word.lower().endswith(" on") and not (objects and re.match(
            r"(?:\s+[\w’'-]+){0,4}?\s+to\s+(?:discuss|talk|congratulate|thank|brief|convey|express|offer|review"
            r"|exchange|follow|update|consult)\b", text[max(m.end for m in ev.objects_after(p, t.end())):])):
        return []  # "called B to discuss": a call; not "called for", "called B a friend"
    if typ == "meeting" and re.search(r"(?i)\b(?:attend\w*|took part in|take part in|participat\w* in)\s+(?:a|an|the)"
                                      r"\s+(?:[\w-]+\s+)?$", text[:t.start()]):
        return []  # "attended a meeting of the X Commission": a conference (its own trigger)
    if typ == "signing" and not ev.AGREEMENT_WORDS.search(text):
        return []
    if typ in ("joint-statement", "press-conference"):
        people = list(dict.fromkeys(subjects + objects))
        after = [m for m in ev.first_actor(p) if m.start > t.end()][:1] if typ == "press-conference" else []
        if not people and after and re.fullmatch(r"\s*(?:on \w+\s*)?,\s*(?:[^,;]{0,50},\s*)?",
                                                 text[t.end():after[0].start]):
            # "At the weekly press briefing, the ministry's spokesperson, B, said ...": the clause's subject
            people = [after[0].id]
        if not people:
            return []
        why = [f"“{word}”"]
        beside = _beside(p, t.end()) if typ == "press-conference" else None
        speaker = _after_participle(p, t) if beside else None
        if speaker and speaker.id not in people:
            people.insert(0, speaker.id)  # "Speaking to reporters with B at her side, A said": A, with B
        if beside and beside.id not in people:
            people.append(beside.id)  # "told a news conference alongside B", "which she gave with B"
            why.append("the one it was given with")
        elif len(people) == 1 and word.lower().startswith("joint") and group and people[0] in group:
            people = list(group)  # "A said at a joint news conference": A and the other of the event before
            why.append("“joint”: with the other participants of the event before")
        elif len(people) == 1 and word.lower().startswith("joint") and last and last[0] != people[0] and re.search(
                r"\b(?:[Hh]is|[Hh]er)\s+(?:[A-Z][\w’'-]+\s+)?counterpart,?\s+$",
                text[:min([m.start for m in p.actors() if m.id == people[0]], default=0)]):
            people = [last[0], people[0]]  # "her Varnian counterpart B told a joint news conference": with "her"
            why.append("“joint”, with the one whose counterpart spoke")
        elif len(people) == 1 and word.lower().startswith("joint") and guest and guest[0] != people[0]:
            people = [people[0], guest[0]]  # "at a joint press conference, A said", during B's visit: with B
            why.append("“joint”: with the guest of the visit told before")
        e = EventP(type=typ, participants=people, date=date_p, dated_in_text=dated, confidence=0.6, why=why)
        if len(why) > 1:
            e.review.append("participants taken from the event before: check them")
        return [e]
    if typ == "reception" and not objects:
        if not (subjects and re.search(r"(?i)\b(?:reception|dinner|banquet|lunch|luncheon)$", word)):
            return []
        e = EventP(type=typ, participants=subjects[-1:], date=date_p, dated_in_text=dated, confidence=0.6,
                   location=_in_place(p, t.end()), why=[f"“{word}”: its guests those who attended"],
                   review=["the guests are those a sentence says attended: check them"])
        e.solo = True  # type: ignore[attr-defined]  # kept only if kg.draft.attend finds a guest
        return [e]
    stay = _HOST_FOR_VISIT.match(text, max((m.end for m in ev.objects_after(p, t.end())), default=t.end())) \
        if typ == "reception" and re.match(r"(?i)host", word) else None
    if stay and subjects:  # "A will host B for a state visit": B's visit, to A's country (assemble finds it)
        e = EventP(type="visit", participants=objects[:1], date=date_p, dated_in_text=dated, confidence=0.75,
                   why=[f"“{word} … {stay[0].strip()}”: the guest's visit, to the host"])
        e.host = subjects[-1]  # type: ignore[attr-defined]
        return [e]
    if typ == "reception" and re.search(r"\bfor (?:talks|a meeting|discussions|consultations|an? summit"
                                        r"|an? (?:(?:brief|short|private|long|lengthy|first) )?(?:conversation|talk"
                                        r"|exchange of views)|an? working (?:lunch|dinner|breakfast))\b",
                                        text[t.end():]):
        typ = "meeting"
    if typ == "reception" and re.match(r"\s+(?:the\s+)?(?:letters?\s+of\s+credence|credentials)\b", text[t.end():]):
        typ = "meeting"  # receiving credentials is the meeting "presented her credentials to" tells
    if typ == "reception" and objects and not subjects and re.search(r"(?i)ceremony", word):
        subjects = _in_presence_of(p, t.end())  # "a welcoming ceremony for A was held ..., in the presence of B"
    if subjects and objects:
        # a video conference (a conference call, a virtual meeting) is one call of all it names, not one per name
        if typ == "signing" or re.search(r"(?i)\b(?:trilateral|three-way|four-way|multilateral|joint)\b"
                                         r"|video[- ]?conference|conference call|virtual meeting", word):
            pairs = [list(dict.fromkeys(subjects + objects))]
        else:
            pairs = [list(dict.fromkeys(subjects + [o])) for o in objects]
    elif len(objects) >= 2 and not subjects:
        pairs = [objects]
    elif len(subjects) >= 2 and not objects:
        pairs = [subjects]
    else:
        return []
    for parts in pairs:
        if len(parts) < 2:
            continue
        e = EventP(type=typ, participants=parts, date=date_p, dated_in_text=dated, confidence=0.85,
                   why=[f"“{word}” with the actors around it"])
        if typ == "signing":
            _agreement(p, e)
        if len(pairs) > 1:
            e.review.append("several counterparts listed in one sentence: proposed as separate meetings; "
                            "merge them if they met together")
            e.confidence = 0.75
        where = re.search(r"(?:^|\W)([^,;]*),\s+where\s+(?:[\w’'-]+\s+){0,4}$", text[:t.start()])
        there = [m for m in p.places() if where and where.start(1) <= m.start < where.end(1)]
        e.location = (there[-1].id if there else None) or _in_place(p, t.end()) or e.location
        if _AFTER_ARRIVAL.search(text):
            e.why.append("“after his arrival”: dated from the arrival")
            e.date = DateP(text=_AFTER_ARRIVAL.search(text)[0])
            e.after_arrival = True  # type: ignore[attr-defined]
        out.append(e)
    return out



#: Where a guest is met on arrival: "welcomed at the airport by", "greeted on the tarmac by", "met on arrival by".
_ON_ARRIVAL = re.compile(r"\b(?:at (?:the |[A-Z][\w-]*[’']s )(?:[\w-]+ )?(?:airport|airfield|air base|station"
                         r"|border|quay|port)|on the tarmac"
                         r"|(?:on|upon) (?:(?:his|her|their|its) )?arrival|arrival:)\b", re.I)


#: The one received named by what they are to the host ("welcomed her guest", "received his visitors") or by a
#: The host of a ceremony told in the passive: "a welcoming ceremony for A was held at X, in the presence of B".
_PRESENCE = re.compile(r"\b(?:held|took place|was organi[sz]ed)\b[^;.]*?\bin the presence of\s+")


def _in_presence_of(p: ev.Parsed, pos: int) -> list[str]:
    """The person named after "was held ... in the presence of" in the clause after ``pos``, as the ceremony's
    host; none when the ceremony is not told as held there ("... for A, in the presence of B, who said")."""
    m = _PRESENCE.search(p.text, pos)
    return [x.id for x in ev.objects_after(p, m.end()) if x.kind == "person"][:1] if m else []


#: possessive ("hosted a state banquet in his honour"): the guest of the visit told before.
_THE_GUEST = re.compile(r"\s+(?:(?:his|her|their|its|the)\s+(?:[\w-]+\s+)?(?:guests?|visitors?)\b"
                        r"|in\s+(?:his|her|their)\s+honou?r\b)", re.I)


_HOST_FOR_VISIT = re.compile(r",?\s+(?:for|on)\s+(?:an?|his|her|their)\s+(?:(?:official|state|working|first"
                             r"|return|\w+-day|formal|private)\s+)*(?:visit|stay)\b", re.I)


#: An event told as a noun, its participants after "by" ("a news conference by A and B", "the signing by A and
#: A press conference given with someone: "alongside B", ", which she gave with B", "with B at his side".
_BESIDE = re.compile(r"\s*(?:afterwards\s+|later\s+)?(?:,\s*which\s+(?:he|she|they)\s+(?:gave|held|hosted|shared)\s+)?"
                     r"(?:alongside|together with|flanked by|jointly with|with)\s+")


def _beside(p: ev.Parsed, pos: int):
    """The person a press conference told at ``pos`` was given with ("A told a closing news conference
    alongside B", "A said at the press conference, which he gave with the Forum's Secretary-General, B",
    "Speaking to reporters with B at her side"): the first person after the phrase, in its clause; else None."""
    m = _BESIDE.match(p.text, pos)
    if m is None:
        return None
    clause = re.match(r"[^.;:()“”\"]*", p.text[m.end():])[0]
    stop = m.end() + len(re.split(r"\s(?:and|but|who|which|where|that)\s", clause)[0])
    return next((a for a in p.actors() if m.end() <= a.start < stop and a.kind == "person"), None)


def _after_participle(p: ev.Parsed, t: re.Match):
    """The subject of the main clause after a participle opening the sentence ("Speaking to reporters with B
    after the talks, A said ..."): the first person after the participle clause's comma; else None."""
    if not re.fullmatch(r"\s*", p.text[:t.start()]) or not re.match(r"(?i)(?:speaking|talking)\b", t[0]):
        return None
    comma = p.text.find(",", t.end())
    if comma < 0:
        return None
    return next((a for a in p.actors() if a.start > comma and a.kind == "person"), None)


#: B of a memorandum") or, for a conference or statement, after "of" ("a joint press conference of A and B").
_NOMINAL_BY = re.compile(r"\s+(?:by|of)\s+(?:the\s+)?")
_NOMINAL_WORD = re.compile(r"(?i)(?:conference|briefing|statement|declaration|communiqu[eé]|signing|talks|meeting)$")
#: "talks were held (at the Ministry, on Monday) between A and B": the noun's participants after the verb of holding.
_HELD_BETWEEN = re.compile(r"\s+(?:(?:was|were|(?:had|has|have) been) held|took place)\b[^.;:,]{0,80}?\s+between\s+"
                           r"(?:the\s+)?")


def _nominal_agents(p: ev.Parsed, typ: str, t: re.Match) -> list[str]:
    """The participants of an event told as a noun with no subject: the actors after "by" (any such noun) or
    "of" (a press conference or a joint statement, whose "of" names who holds it), coordinated as a list.

    A verb's subject or object takes precedence; this only gives participants to a noun that has none
    ("16:30 – Closing news conference by A and B."). "of" after "talks" or "meeting" is left out: "a meeting
    of the council" names a body or a conference, not the persons who met. Talks or a meeting "held (at X, on
    Monday) between A and B" are of A and B.
    """
    word = t[0].strip()
    held = _HELD_BETWEEN.match(p.text, t.end()) if re.fullmatch(r"(?i)talks|meeting|consultations", word) else None
    if held:
        return [m.id for m in ev.objects_after(p, held.end()) if m.kind == "person"]
    nom = _NOMINAL_BY.match(p.text, t.end())
    if not nom or not _NOMINAL_WORD.search(word):
        return []
    if nom[0].split()[0] == "of" and typ not in ("press-conference", "joint-statement"):
        return []
    return [m.id for m in ev.objects_after(p, nom.end()) if m.kind == "person"]


def _invited_to(p: ev.Parsed, t: re.Match, date_p: DateP, dated: bool) -> list[EventP]:
    """"A invited B to Kalvora in May": B's visit to the place named right after "to", A's invitation; nothing
    when no place follows ("invited B to the summit", a conference's own trigger) or no person is invited."""
    guests = [m for m in p.actors() if t.start() <= m.start and m.end <= t.end() and m.kind == "person"]
    place = next((m for m in p.places() if m.start >= t.end() and not p.text[t.end():m.start].strip()), None)
    if len(guests) != 1 or place is None:
        return []
    hosts = [m for m in p.actors() if m.end <= t.start() and m.kind == "person"]
    e = EventP(type="visit", participants=[guests[0].id], destination=place.id, location=place.id, date=date_p,
               dated_in_text=dated, confidence=0.7, why=[f"“invited … to {place.surface}”: the guest's visit"])
    if hosts:
        e.invited_by = hosts[-1].id
    return [e]


def _coordinated_patient(p: ev.Parsed, t: re.Match, last: list[str]) -> list[str]:
    """"A met B, and was received by C": the subject of a passive coordinated to a clause before (A, or the
    person a pronoun before stands for), not the object next to it (B); [] when the passive has its own."""
    coord = re.search(r"\band\s+(?:was|were)\s+(?:\w+ly\s+)?$", p.text[:t.start()])
    if not coord:
        return []
    prons = list(ev.PRONOUNS.finditer(p.text, 0, coord.start()))
    if prons:
        return ev.subject(p, prons[-1].end(), last)
    return [m.id for m in ev.first_actor(p) if m.end <= coord.start()][:1]


def _adverbial_start(text: str, t: re.Match) -> int:
    """Where the phrase around a call trigger begins: "in a telephone call" starts at "in"."""
    m = re.search(r"(?i)\b(?:in|during)\s+an?\s+(?:\S+\s+)?$", text[:t.start()])
    return m.start() if m else t.start()


def _in_place(p: ev.Parsed, pos: int = 0) -> str | None:
    """The first place of the sentence written "in X" (or "at X": "a summit at Tamsk"), not in a clause of
    its own after ``pos`` ("signed ... and will meet again in Tamsk")."""
    cut = NEXT_CLAUSE.search(p.text, pos) if pos else None
    other = [(a, b) for a, b in asides(p.text) if pos and not a <= pos <= b]  # "A, whose talks in X ..., met"
    loc = [m for m in p.places() if re.search(r"\b(?:[Ii]n|at)\s+$", p.text[max(0, m.start - 4):m.start])
           and not (cut and m.start >= cut.start()) and not any(a <= m.start < b for a, b in other)]
    return loc[0].id if loc else None


def _agreement(p: ev.Parsed, e: EventP) -> None:
    """A signing names its agreement: the registry's, when its sentence names one; else a point to review."""
    known = [m for m in p.mentions if m.kind == "agreement"]
    if known:
        e.agreement = known[0].id
        e.why.append(f"the agreement: {known[0].surface}")
    else:
        e.review.append("a signing names its agreement: add it to the registry's `agreements:` and write "
                        "`agreement: <id>`")


def _concluded(e: EventP, text: str, t: re.Match, date_p: DateP, dated: bool, pub: date) -> bool:
    """"concluded (closed, completed, wrapped up) her three-day visit (tour) on Friday": the date is the visit's
    end, and its start the days before when the length is given; True when it is so."""
    if not (re.search(r"\b(?:conclud|wrap|end|finish|round|wind|wound|clos|complet)\w*\s+(?:up\s+|off\s+)?"
                      r"(?:his|her|their|a|an|the)\s+(?:[\w-]+\s+){0,2}$", text[:t.start()]) and date_p.on and dated):
        return False
    length = re.search(r"\b(\w+)-day\b", text)  # "concluded her three-day visit on Friday"
    n = _NUMBERS.get(length[1].lower()) if length else None
    day = date_p.when(pub).value
    if n and date_p.when(pub).precision == "day":
        e.date = DateP(on=(day - timedelta(days=n - 1)).isoformat(), latest=date_p.on,
                       text=f"{n} days ending {date_p.text or date_p.on}")
    else:
        e.date = DateP(latest=date_p.on, text=date_p.text)
        e.review.append("the article tells the visit's end: write its start if it gives one")
    e.ended = True  # type: ignore[attr-defined]
    e.why.append(f"“{t[0]}” concluded: its end {date_p.text or date_p.on}")
    return True


def _from_trigger_place(p: ev.Parsed, typ: str, t: re.Match, subjects: list[str], place: Mention, date_p: DateP,
                        dated: bool, word: str) -> list[EventP]:
    """One of several places a visit went to ("travelled to A and B")."""
    return [EventP(type=typ, participants=subjects[:1], destination=place.id, location=place.id, date=date_p,
                   dated_in_text=dated, confidence=0.7, why=[f"“{word} … {place.surface}”, one of the places listed"],
                   review=["one visit per place listed: merge them if they were one journey"])]
