"""From an article's text to a ``Draft``: two passes over its sentences.

The first pass finds persons introduced with a title and adds them, with their surnames, to the
gazetteer; the second finds every mention, the posts, the events and the statements, then merges what
several sentences say about one event, links meetings to the visit they belong to, dates what the
article leaves undated by the visit's own dates (marked for review), and links events already in the
graph. See ``kg.draft.draft`` for an example.
"""

from __future__ import annotations

import re
from dataclasses import replace
from datetime import date, timedelta

from kg.draft import events as ev
from kg.draft.dates import find_dates
from kg.draft.model import DateP, Draft, EntityP, EventP, MembershipP, PersonP
from kg.draft.names import Gazetteer, Mention, person_names, slug, token_key
from kg.draft.people import guess_organization, name_spans, titles
from kg.draft.statements import link_existing, statements
from kg.draft.text import Sentence, dateline, sentences
from kg.names import name_key

_HEADLINE_END = re.compile(r"[.!?][\"”’')\]]*$")
_AFTER_ARRIVAL = re.compile(r"\b(?:shortly|soon|immediately|right|just) after (?:his|her|their) arrival\b", re.I)
_INVITED = re.compile(r"\bat the invitation of\b", re.I)
_NUMBERS = {"one": 1, "two": 2, "three": 3, "four": 4, "five": 5, "six": 6, "seven": 7,
            **{str(i): i for i in range(1, 15)}}
_DEPARTED = re.compile(r"\b(?:left|departed(?: from)?|leaves|departs)\s+$")
_MEETINGS_DAY = re.compile(r"\b(?:meetings|talks|consultations)\b", re.I)


def analyse(text: str, published: date, entities: dict, existing_events: list | None = None,
            source: dict | None = None) -> Draft:
    """Propose the facts of an article (plain text) published on ``published`` against a registry."""
    source = dict(source or {})
    draft = Draft(source=source, text=text)
    gaz = Gazetteer(dict(entities))
    sents = sentences(text)
    for k, s in enumerate(sents[:8]):  # the dateline opens the first paragraph of the article proper
        if k and s.para == sents[k - 1].para:
            continue
        place, start = dateline(s.text)
        if place:
            found = gaz.keys.get(token_key(place), [])
            ident = next((i for i, kind in found if kind == "place"), None)
            if ident:
                source.setdefault("dateline", ident)
            sents[k] = Sentence(s.text[start:], s.start + start, s.end, s.para, s.index)
            break
    body = [s for s in sents if _HEADLINE_END.search(s.text) and not s.text.lstrip().startswith("#")]
    if "title" not in source:
        heads = [s.text for s in sents if not _HEADLINE_END.search(s.text) and len(s.text) > 15
                 and not s.text.lstrip().startswith("#") and "invented" not in s.text.lower()]
        source["title"] = heads[0] if heads else (body[0].text[:80] if body else "untitled")
    _new_persons(body, gaz, draft)
    parsed = [_parse(s, gaz, published) for s in body]
    _aliases(parsed, gaz, draft, entities)
    _memberships(parsed, gaz, draft)
    _descriptors(parsed, draft)
    _events(parsed, gaz, draft, published)
    headline = next((country_of(gaz, m.id) or getattr(gaz.entities.get(m.id), "country", None)
                     for s in sents if not _HEADLINE_END.search(s.text) for m in gaz.find(s.text)
                     if m.kind in ("place", "organization")
                     and (country_of(gaz, m.id) or getattr(gaz.entities.get(m.id), "country", None))), None)
    _memberships(parsed, gaz, draft, _context(draft, gaz, headline))
    statements(parsed, draft)
    link_existing(draft, existing_events or [], published)
    return draft


def _new_persons(body: list[Sentence], gaz: Gazetteer, draft: Draft) -> None:
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


def _parse(s: Sentence, gaz: Gazetteer, published: date) -> ev.Parsed:
    mentions = gaz.find(s.text)
    hits = titles(s.text, gaz, mentions)
    p = ev.Parsed(s, mentions, [(h.start, h.end) for h in hits], find_dates(s.text, published, future=ev.FUTURE))
    p.hits = hits  # type: ignore[attr-defined]
    return p


def _aliases(parsed: list[ev.Parsed], gaz: Gazetteer, draft: Draft, registry: dict) -> None:
    for p in parsed:
        for m in p.mentions:
            draft.mentioned[m.id] = draft.mentioned.get(m.id, 0) + 1
            if m.demonym or m.kind not in ("person", "organization", "place") or m.id not in registry:
                continue
            if gaz.is_new_spelling(m.id, m.surface):
                new = draft.aliases.setdefault(m.id, [])
                if m.surface not in new:
                    new.append(m.surface)


def _memberships(parsed: list[ev.Parsed], gaz: Gazetteer, draft: Draft,
                 context: dict[str, tuple[str, str]] | None = None) -> None:
    """Posts from titles. Without ``context`` a title naming neither organization nor country waits; with it
    (person -> (country, why), known once the events are read) it gets that country, marked for review."""
    seen: dict[tuple, MembershipP] = draft.__dict__.setdefault("_seen", {})
    waiting: list = draft.__dict__.setdefault("_waiting", [])
    persons = {p.id: p for p in draft.persons}
    todo = [(p, h) for p in parsed for h in p.hits] if context is None else list(waiting)  # type: ignore[attr-defined]
    waiting.clear()
    for p, h in todo:
        person = h.person or _person_id(gaz, h.name)
        if person is None:
            continue
        role, why = h.role, []
        if h.organization is None and h.country is None:
            org = _possessive_org(parsed, p, h, gaz)
            if org:
                h = replace(h, organization=org)
                why.append(f"“the {gaz.entities[org].label.split()[-1].lower()}’s”: the last one named")
            elif context is None:
                waiting.append((p, h))
                continue
            elif person in context:
                h = replace(h, country=context[person][0])
                why.append(f"the title names no country: {context[person][1]}")
            else:
                continue
        if not h.role_known:
            role = slug(h.role)
            if not any(e.id == role for e in draft.entities) and role not in gaz.entities:
                draft.entities.append(EntityP(id=role, kind="role", label=h.role, confidence=0.6,
                                              order=p.sentence.index, evidence=[p.text],
                                              why=[f"a title the registry does not know: “{h.role}”"]))
            why.append(f"new role “{h.role}”")
        org, conf = h.organization, 0.9
        if org:
            why.append(f"the title names the organization ({gaz.entities[org].label})")
        else:
            org, reason = guess_organization(gaz, h.hint, h.country)
            why.append(reason)
            conf = 0.75
            if org is None and h.country:
                org = f"government-of-{h.country}"
                if not any(e.id == org for e in draft.entities):
                    label = gaz.entities[h.country].label if h.country in gaz.entities else h.country
                    draft.entities.append(EntityP(id=org, kind="organization", label=f"Government of {label}",
                                                  country=h.country, confidence=0.5, order=p.sentence.index,
                                                  evidence=[p.text], why=[f"a post of {label} with no "
                                                                          "organization in the registry"]))
        if org is None:
            continue
        if person in persons and persons[person].country is None:
            persons[person].country = h.country or getattr(gaz.entities.get(org), "country", None)
        key = (person, role, org)
        m = seen.get(key)
        if m is None:
            m = MembershipP(person=person, role=role, organization=org, confidence=conf, order=p.sentence.index,
                            why=[f"title “{h.hint.strip(' ,(')}” with {h.name}", *why])
            if not h.role_known:
                m.review.append("the role is new: check its proposed registry entry")
            if conf < 0.9:
                m.review.append("the organization is inferred from the title")
            if any(w.startswith("the title names no country") for w in why):
                m.review.append("the country is inferred from the context, not the title")
                m.confidence = conf = 0.6
            seen[key] = m
            draft.memberships.append(m)
        m.cite(p.text)


def _possessive_org(parsed: list[ev.Parsed], p: ev.Parsed, h, gaz: Gazetteer) -> str | None:
    """"The commission's Secretary-General": the organization named last whose name has that word."""
    m = re.search(r"\b[Tt]he (\w+)[’']s\s*$", p.text[:h.start])
    if not m:
        return None
    word = m[1].lower()
    for q in reversed([x for x in parsed if x.sentence.index <= p.sentence.index]):
        for men in reversed(q.mentions):
            if men.kind == "organization" and word in gaz.entities[men.id].label.lower().split():
                return men.id
    return None


def country_of(gaz: Gazetteer, place: str | None) -> str | None:
    """The country a place is, or lies in."""
    seen = set()
    while place and place not in seen:
        e = gaz.entities.get(place)
        if e is None:
            return None
        if getattr(e, "place_type", None) == "country":
            return place
        seen.add(place)
        place = (getattr(e, "located_in", None) or [None])[0]
    return None


def _context(draft: Draft, gaz: Gazetteer, headline_country: str | None) -> dict[str, tuple[str, str]]:
    """For each person, the country a title without one most likely means, and why."""
    out: dict[str, tuple[str, str]] = {}
    for p in draft.persons:
        if p.country:
            out[p.id] = (p.country, "the country another title in the article gives")
    visits = {v.id: v for v in draft.events if v.type == "visit"}
    for e in draft.events:
        for vid in e.part_of:
            v = visits.get(vid)
            host = country_of(gaz, v.destination) if v else None
            if host:
                for who in e.participants:
                    if who not in v.participants:
                        out.setdefault(who, (host, f"met during a visit to {gaz.entities[host].label}"))
    line = country_of(gaz, draft.source.get("dateline"))
    for fallback, why in ((line, "the country of the dateline"), (headline_country, "the country the headline names")):
        if fallback:
            for p in draft.persons:
                out.setdefault(p.id, (fallback, why))
            for ident, e in gaz.entities.items():
                if e.kind == "person":
                    out.setdefault(ident, (fallback, why))
    return out


def _person_id(gaz: Gazetteer, name: str) -> str | None:
    for ident, kind in gaz.keys.get(token_key(name), []):
        if kind == "person":
            return ident
    return None


def _descriptors(parsed: list[ev.Parsed], draft: Draft) -> None:
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


def _events(parsed: list[ev.Parsed], gaz: Gazetteer, draft: Draft, pub: date) -> None:
    last: list[str] = []
    group: list[str] = []  # the participants of the last event of several: "the two ministers"
    found: list[EventP] = []
    for p in parsed:
        text = p.text
        for typ, rx in ev.TRIGGERS:
            for t in rx.finditer(text):
                for e in _from_trigger(p, typ, t, last, gaz, group, pub):
                    e.status = ev.status_of(text, t.start())
                    e.order = p.sentence.index
                    e.topics = sorted({m.id for m in p.mentions if m.kind == "topic"})
                    e.cite(text)
                    found.append(e)
        several = [e for e in found if e.order == p.sentence.index and len(e.participants) >= 2]
        if several:
            group = list(several[-1].participants)
        subj = ev.first_actor(p)
        if subj and subj[0].kind == "person":
            last = [subj[0].id]
    _inherit_dates(found, parsed)
    draft.events = _merge(found, gaz, pub)
    nationality = {p.id: p.country for p in draft.persons}
    for a in [x for x in draft.events if x.type == "arrival"]:
        home = nationality.get(a.participants[0]) or getattr(gaz.entities.get(a.participants[0]), "country", None)
        there = country_of(gaz, a.destination)
        if home and there and home != there:
            a.type, a.destination = "visit", there
            a.why.append(f"the arrival of a foreign official in {gaz.entities[there].label}: the start of a visit")
            a.review.append("proposed as a visit from the arrival: check its end")
    _departures(draft.events, parsed, gaz, pub)
    _visits_and_parts(draft.events, parsed, gaz, pub)
    _ids(draft.events, gaz, pub)


def _date_near(p: ev.Parsed, pos: int) -> tuple[DateP, bool]:
    after = [d for d in p.dates if d.start >= pos]
    before = [d for d in p.dates if d.end <= pos]
    pick = after[0] if after else (before[-1] if before else None)
    if pick is None:
        return DateP(), False
    if pick.expr is None:
        return DateP(earliest=pick.earliest, latest=pick.latest, text=pick.text), True
    return DateP(on=pick.expr, text=pick.text if pick.expr != pick.text and not pick.text.startswith("on ")
                 and not pick.text.startswith("in ") else None), True


def _from_trigger(p: ev.Parsed, typ: str, t: re.Match, last: list[str], gaz: Gazetteer, group: list[str],
                  pub: date) -> list[EventP]:
    text = p.text
    subjects = ev.subject(p, t.start(), last)
    date_p, dated = _date_near(p, t.end())
    out: list[EventP] = []
    word = t[0].strip()
    grouped = False
    if typ in ("meeting", "phone-call") and group:
        if not subjects and ev.GROUP.search(text[max(0, t.start() - 25):t.start()]):
            subjects, grouped = list(group), True
        elif re.match(r"\s*(?:with\s+|between\s+)?" + ev.GROUP.pattern, text[t.end():]):
            objects_group = [g for g in group if g not in subjects]
            if objects_group:
                subjects, grouped = list(dict.fromkeys(subjects + objects_group)), True
    if typ in ("visit", "arrival"):
        places = [m for m in p.places() if m.start >= t.end() and m.start - t.end() < 25]
        nominal = re.match(r"\s+(?:of|by)\s+", text[t.end():]) if word.lower() == "visit" else None
        if nominal:  # "the visit of President X to Kalvora"
            who = [m for m in p.actors() if m.start >= t.end() + nominal.end() - 1]
            if who:
                to = [m for m in p.places() if m.start > who[0].end and re.search(
                    r"\bto\s+$", text[who[0].end:m.start])]
                if to:
                    subjects, places = [who[0].id], to
        if not places or not subjects:
            return []
        more = [m for m in p.places() if m.start > places[0].end and re.fullmatch(
            r"\s*(?:,|and|, and)\s*", text[places[0].end:m.start])]
        if more and typ == "visit":
            out = []
            for place in (places[0], more[0]):
                out += _from_trigger_place(p, typ, t, subjects, place, date_p, dated, word)
            return out
        e = EventP(type=typ, participants=subjects[:1], destination=places[0].id, location=places[0].id,
                   date=date_p, dated_in_text=dated, confidence=0.85 if dated else 0.7,
                   why=[f"“{word} {places[0].surface}”"])
        days = re.search(r"\b(?:(?:for|on|began|begins|start(?:ed|s)?|ma(?:de|kes)) )?an? (?:(\w+)-day )?"
                         r"(?:[\w-]+ )?visit\b", text)
        if typ == "arrival" and days and re.match(r"(?:for|on) ", days[0]):
            e.type = "visit"
            e.why.append("an arrival for a visit")
        if days and days[1]:
            n = _NUMBERS.get(days[1].lower())
            if n and date_p.on and date_p.when(pub).precision == "day":
                end = date_p.when(pub).value + timedelta(days=n - 1)
                e.date = DateP(on=date_p.on, latest=end.isoformat(), text=f"{date_p.on}, a {days[1]}-day visit")
                e.ended = True  # type: ignore[attr-defined]
        inv = _INVITED.search(text)
        if inv:
            after = [m for m in p.actors() if m.start >= inv.end()]
            if after:
                e.invited_by = after[0].id
                e.why.append(f"invited by {after[0].surface}")
        return [e]
    if typ == "conference":
        rest = text[t.end():]
        name = re.match(r"([^,;.]+?)(?=,|;|\.$| where | in [A-Z]| on \d|$)", rest)
        if not name or not ev.CONFERENCE_WORDS.search(name[1]) or not subjects:
            return []
        label = re.sub(r"^(?:the|a|an)\s+", "", name[1].strip())
        return [EventP(type="conference", participants=subjects, label=label, date=date_p, dated_in_text=dated,
                       confidence=0.8, why=[f"“{word} {label}”"])]
    objects = [m.id for m in ev.objects_after(p, t.end())]
    if grouped:
        objects = [o for o in objects if o not in subjects]
        if not objects:
            e = EventP(type=typ, participants=subjects, date=date_p, dated_in_text=dated, confidence=0.6,
                       why=[f"“{word}”, its participants those of the event before (“the two …”)"],
                       review=["participants taken from the event before: check them"])
            return [e] if len(subjects) >= 2 else []
    if word.lower() == "joined" and not objects:
        return []
    if typ == "signing" and not ev.AGREEMENT_WORDS.search(text):
        return []
    if typ in ("joint-statement", "press-conference"):
        people = list(dict.fromkeys(subjects + objects))
        if not people:
            return []
        return [EventP(type=typ, participants=people, date=date_p, dated_in_text=dated, confidence=0.6,
                       why=[f"“{word}”"])]
    if typ == "reception" and not objects:
        return []
    if typ == "reception" and re.search(r"\bfor (?:talks|a meeting|discussions|consultations)\b", text[t.end():]):
        typ = "meeting"
    if subjects and objects:
        if typ == "signing":
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
        if len(pairs) > 1:
            e.review.append("several counterparts listed in one sentence: proposed as separate meetings; "
                            "merge them if they met together")
            e.confidence = 0.75
        loc = [m for m in p.places() if re.search(r"\b[Ii]n\s+$", text[max(0, m.start - 4):m.start])]
        if loc:
            e.location = loc[0].id
        if _AFTER_ARRIVAL.search(text):
            e.why.append("“after his arrival”: dated from the arrival")
            e.date = DateP(text=_AFTER_ARRIVAL.search(text)[0])
            e.after_arrival = True  # type: ignore[attr-defined]
        out.append(e)
    return out


def _from_trigger_place(p: ev.Parsed, typ: str, t: re.Match, subjects: list[str], place: Mention, date_p: DateP,
                        dated: bool, word: str) -> list[EventP]:
    """One of several places a visit went to ("travelled to A and B")."""
    return [EventP(type=typ, participants=subjects[:1], destination=place.id, location=place.id, date=date_p,
                   dated_in_text=dated, confidence=0.7, why=[f"“{word} … {place.surface}”, one of the places listed"],
                   review=["one visit per place listed: merge them if they were one journey"])]


def _within(gaz: Gazetteer, inner: str | None, outer: str | None) -> bool:
    """True when place ``inner`` is ``outer`` or lies in it (by the registry's located_in)."""
    seen = set()
    while inner and inner not in seen:
        if inner == outer:
            return True
        seen.add(inner)
        e = gaz.entities.get(inner)
        inner = (getattr(e, "located_in", None) or [None])[0]
    return False


def _overlap(a: EventP, b: EventP, pub: date) -> bool:
    wa, wb = a.date.when(pub), b.date.when(pub)
    lo = max(x for x in (wa.earliest, wb.earliest, date.min) if x)
    hi = min(x for x in (wa.latest, wb.latest, date.max) if x)
    return lo <= hi


def _group(t: str) -> str:
    return "meeting" if t in ("meeting", "talks") else t


def _merge(found: list[EventP], gaz: Gazetteer, pub: date) -> list[EventP]:
    out: list[EventP] = []
    for e in found:
        for o in out:
            if _group(o.type) != _group(e.type) or not _overlap(o, e, pub):
                continue
            if e.type in ("visit", "arrival"):
                same = o.participants == e.participants and (
                    _within(gaz, e.destination, o.destination) or _within(gaz, o.destination, e.destination))
            elif e.type == "conference":
                same = bool(o.label and e.label and name_key(o.label) == name_key(e.label))
            else:
                same = set(o.participants) == set(e.participants)
            if same:
                _absorb(o, e, gaz, pub)
                break
        else:
            out.append(e)
    # an arrival in the destination of a visit by the same person is the start of that visit
    visits = [v for v in out if v.type == "visit"]
    for a in [x for x in out if x.type == "arrival"]:
        for v in visits:
            if v.participants == a.participants and _within(gaz, a.destination, v.destination) and _overlap_or_before(
                    a, v, pub):
                v.location = a.destination
                v.invited_by = v.invited_by or a.invited_by
                v.arrival = a.date  # type: ignore[attr-defined]
                v.why.append(f"arrival in {gaz.entities[a.destination].label} is its start")
                for s in a.evidence:
                    v.cite(s)
                if a.date.on:
                    latest = v.date.latest or v.date.on
                    v.date = DateP(on=a.date.on, latest=latest if latest != a.date.on else None,
                                   text=_wording(a, v))
                out.remove(a)
                break
    return out


def _wording(a: EventP, v: EventP) -> str | None:
    parts = [x for x in (_phrase(a), _phrase(v)) if x]
    return "; ".join(parts) if len(parts) == 2 else None


def _phrase(e: EventP) -> str | None:
    if not e.date.on:
        return None
    s = e.evidence[0]
    m = re.search(r"\b(?:arrived|visited|traveled|travelled)\b[^,.;]*?" + re.escape(e.date.text or e.date.on), s)
    return m[0] if m else None


def _overlap_or_before(a: EventP, v: EventP, pub: date) -> bool:
    wa, wv = a.date.when(pub), v.date.when(pub)
    return not (wa.earliest and wv.latest and wa.earliest > wv.latest)


def _absorb(o: EventP, e: EventP, gaz: Gazetteer, pub: date) -> None:
    for s in e.evidence:
        o.cite(s)
    if e.date.when(pub).rank() > o.date.when(pub).rank():
        o.date, o.dated_in_text = e.date, e.dated_in_text
    if e.type in ("visit", "arrival") and _within(gaz, e.destination, o.destination):
        o.destination = o.location = e.destination
    o.location = o.location or e.location
    o.invited_by = o.invited_by or e.invited_by
    o.topics = sorted(set(o.topics) | set(e.topics))
    o.label = o.label or e.label
    o.confidence = min(0.95, o.confidence + 0.05)
    if getattr(e, "after_arrival", False):
        o.after_arrival = True  # type: ignore[attr-defined]
        o.date = e.date
    o.review.extend(r for r in e.review if r not in o.review)


def _visits_and_parts(events: list[EventP], parsed: list[ev.Parsed], gaz: Gazetteer, pub: date) -> None:
    visits = [v for v in events if v.type == "visit" and v.status == "held"]
    for v in visits:
        w = v.date.when(pub)
        if getattr(v, "ended", False):
            continue
        if w.precision == "day" and w.latest and w.latest >= pub - timedelta(days=7) and v.date.latest != "published":
            v.date = DateP(on=v.date.on, latest="published", text=v.date.text)
            v.review.append("the article does not say the visit has ended: latest is the publication day")
    for e in events:
        if e.type in ("visit", "arrival", "phone-call"):
            continue
        for v in visits:
            if not set(v.participants) & set(e.participants):
                continue
            if e.location and not (_within(gaz, e.location, v.destination) or _within(gaz, e.location, v.location)):
                continue
            if e.dated_in_text and not _overlap(e, v, pub):
                continue
            e.part_of.append(v.id or "")
            e.part_of_events = [*getattr(e, "part_of_events", []), v]  # type: ignore[attr-defined]
            _date_in_visit(e, v, parsed, pub)
            e.location = e.location or v.location
            break
    # "..., where he met ..." after a conference in the same sentence: part of that conference
    for e in events:
        if e.type != "meeting":
            continue
        for c in events:
            if c.type == "conference" and c.evidence[0] in e.evidence and re.search(
                    r",\s+where\b", c.evidence[0]):
                e.part_of_events = [c, *getattr(e, "part_of_events", [])]  # type: ignore[attr-defined]
                e.date = c.date
                e.location = c.location or e.location
                e.why.append(f"held at the {c.label}")
    for e in events:
        if e.type == "conference" and not e.location:
            for v in visits:
                if v in getattr(e, "part_of_events", []):
                    e.location = v.destination


def _inherit_dates(found: list[EventP], parsed: list[ev.Parsed]) -> None:
    """An undated event whose paragraph dated the sentence before ("on Tuesday. ... in the afternoon")."""
    by_index = {p.sentence.index: p for p in parsed}
    for e in found:
        if e.dated_in_text or e.date.on or e.date.earliest or e.date.text:
            continue
        here, prev = by_index.get(e.order), by_index.get(e.order - 1)
        if here and prev and prev.sentence.para == here.sentence.para and prev.dates:
            d = prev.dates[-1]
            e.date = DateP(on=d.expr, earliest=d.earliest, latest=d.latest, text=d.text if d.earliest else None)
            e.dated_in_text = True
            e.review.append(f"undated in its sentence: the date of the sentence before (“{d.text}”)")


def _departures(events: list[EventP], parsed: list[ev.Parsed], gaz: Gazetteer, pub: date) -> None:
    """"left Drevna on Tuesday", "is due to leave on Friday": the end of the visit there."""
    for v in [x for x in events if x.type == "visit"]:
        for p in parsed:
            if p.text not in v.evidence or getattr(v, "ended", False):
                continue
            leave = re.search(r"\b(?:leave|leaves|left|depart|departs|departed|return|returns|returned)\b", p.text)
            days = [d for d in p.dates if leave and d.start > leave.end() and d.when.precision == "day"]
            start = v.date.when(pub).earliest
            if days and start and days[0].when.value >= start:
                v.date = DateP(on=v.date.on, earliest=v.date.earliest, latest=days[0].expr, text=v.date.text)
                v.ended = True  # type: ignore[attr-defined]
                v.why.append(f"“{leave[0]} {days[0].text}”: its end")
        for p in parsed:
            for m in p.places():
                if m.id not in (v.location, v.destination) or not _DEPARTED.search(p.text[:m.start]):
                    continue
                days = [d for d in p.dates if d.start >= m.end and d.when.precision == "day"]
                if days and v.date.when(pub).earliest and days[0].when.value >= v.date.when(pub).earliest:
                    v.date = DateP(on=v.date.on, earliest=v.date.earliest, latest=days[0].expr,
                                   text=v.date.text)
                    v.ended = True  # type: ignore[attr-defined]
                    v.cite(p.text)
                    v.why.append(f"left {m.surface} {days[0].text}: its end")


def _date_in_visit(e: EventP, v: EventP, parsed: list[ev.Parsed], pub: date) -> None:
    arrival = getattr(v, "arrival", None)
    if getattr(e, "after_arrival", False) and arrival is not None and arrival.on:
        day = arrival.when(pub).value
        e.date = DateP(earliest=arrival.on, latest=(day + timedelta(days=1)).isoformat(), text=e.date.text)
        e.review.append("dated from the arrival: on that day or the next")
        return
    if e.dated_in_text:
        return
    e.date = DateP(earliest=v.date.on or v.date.earliest, latest=v.date.latest or v.date.on, text=None)
    e.review.append("undated in its sentences: the bounds of the visit")
    if e.type == "meeting":
        for p in parsed:
            if (p.sentence.text in v.evidence or any(m.id in v.participants for m in p.actors())) \
                    and _MEETINGS_DAY.search(p.text):
                days = [d for d in p.dates if d.when.precision == "day"]
                if days:
                    e.review.append(f"the article dates the visit's meetings “{days[0].text}”: if this was one "
                                    f"of them, write `date: {days[0].expr}`")
                    return


def _last_word(gaz: Gazetteer, ident: str) -> str:
    e = gaz.entities.get(ident)
    if e is None:
        return ident
    if e.kind != "person":
        return ident
    words = e.label.split()
    return slug(words[-1])


def _ids(events: list[EventP], gaz: Gazetteer, pub: date) -> None:
    taken: set[str] = set(gaz.entities)
    for e in events:
        w = e.date.when(pub)
        lit = w.literal()
        when = lit[0] if lit else (w.earliest.strftime("%Y-%m") if w.earliest else "")
        first = _last_word(gaz, e.participants[0]) if e.participants else "x"
        if e.type == "meeting" and len(e.participants) == 2:
            base = f"{first}-meets-{_last_word(gaz, e.participants[1])}"
        elif e.type == "visit":
            base = f"{first}-visit-to-{e.destination}"
        elif e.type == "conference" and e.label:
            base = "-".join(slug(e.label).split("-")[:6])
        else:
            base = f"{first}-{e.type}"
        ident = f"{base}-{when}" if when else base
        n = 2
        while ident in taken:
            ident, n = f"{base}-{when}-{n}".replace("--", "-"), n + 1
        taken.add(ident)
        e.id = ident
    for e in events:
        e.part_of = [p.id for p in getattr(e, "part_of_events", [])]
