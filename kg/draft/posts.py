"""Memberships (posts) from the titles persons are named with, attested on the publication day.

A title that names neither an organization nor a country waits until the events are read: then the
country comes from the context (the host of a visit the person met the visitor in, the dateline, the
headline), marked for review.

>>> from kg.facts.model import Entity
>>> from kg.draft.drafter import analyse
>>> from datetime import date
>>> ents = {"x": Entity("x", "place", "Ostrelia", "", 0, place_type="country"),
...         "gov": Entity("gov", "organization", "Government of Ostrelia", "", 0, country="x"),
...         "fm": Entity("fm", "role", "Foreign Minister", "", 0)}
>>> d = analyse("Ostrelian Foreign Minister Lena Varosh spoke.", date(2025, 3, 1), ents)
>>> [(m.person, m.role, m.organization) for m in d.memberships]
[('lena-varosh', 'fm', 'gov')]
"""

from __future__ import annotations

import re
from dataclasses import replace

from kg.draft import events as ev
from kg.draft.model import Draft, EntityP, MembershipP
from kg.draft.names import Gazetteer, country_of, slug, token_key
from kg.draft.people import guess_organization
from kg.names import name_key


def memberships(parsed: list[ev.Parsed], gaz: Gazetteer, draft: Draft,
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
            org = _possessive_org(parsed, p, h, gaz) or _publisher_org(p, h, draft, gaz)
            town = None if org else _possessive_town(parsed, p, h, gaz)
            if org:
                h = replace(h, organization=org)
                why.append(f"“the {gaz.entities[org].label.split()[-1].lower()}’s”: the last one named")
            elif town:
                h = replace(h, country=town)
                why.append(f"“the town’s”: {gaz.entities[town].label}, the last town named")
            elif context is None:
                waiting.append((p, h))
                continue
            elif any(m.person == person and (m.role == role or _shorter_form(gaz, draft, role, m.role))
                     for m in draft.memberships):
                # "the Secretary-General of the Council, X" ... "Secretary-General X": the same post; "Deputy
                # Minister of Foreign Affairs X" ... "Deputy Minister X": a shorter form of it, not another post
                continue
            elif possessor := _possessor_country(parsed, p, h, draft, gaz):
                country, whose = possessor
                h = replace(h, country=country)
                why.append(f"the title names no country: “{whose}”, of the country of the one it belongs to")
            elif side := _delegation_country(p, h, gaz):
                h = replace(h, country=side[0])
                why.append(f"the title names no country: {side[1]}")
            elif (here := _clause_country(p, h, gaz)) and context.get(person, ("", "the country of the"))[1] \
                    .startswith(_WEAK_CONTEXT):
                h = replace(h, country=here[0])
                why.append(f"the title names no country: {here[1]}")
            elif person in context and (h.shape != "plural, no country" or context[person][1] == _OWN_TITLE):
                # (the members of "the foreign ministers, A and B" are of several countries: none guessed for them)
                h = replace(h, country=context[person][0])
                why.append(f"the title names no country: {context[person][1]}")
            else:
                continue
            if h.shape == "counterpart":  # "A spoke to his counterpart B": B is of another country than A
                theirs = _counterpart_of_country(p, h, draft, gaz)
                if theirs and theirs == h.country:
                    other = _other_country(parsed, gaz, theirs)
                    if other is None:
                        continue
                    h = replace(h, country=other)
                    why[-1] = (f"the title names no country: a counterpart of one of "
                               f"{gaz.entities[theirs].label}, of the other country the article names")
        if not h.role_known:
            role = slug(h.role)
            if not any(e.id == role for e in draft.entities) and role not in gaz.entities:
                draft.entities.append(EntityP(id=role, kind="role", label=h.role, confidence=0.6,
                                              order=p.sentence.index, evidence=[p.text],
                                              why=[f"a title the registry does not know: “{h.role}”"]))
            why.append(f"new role “{h.role}”")
        org, conf = h.organization, 0.9
        town = h.country if h.country and not _is_country(gaz, h.country) else None
        if org is None and town:  # "the mayor of Issen": the town's own body, not a government of the town
            org = _town_body(gaz, town)
            if org:
                why.append(f"the organization of {gaz.entities[town].label} in the registry")
                conf = 0.75
            h = replace(h, country=country_of(gaz, town))
        if org is None and (kind := _kind_org(parsed, p, h, gaz)):
            org = kind
            why.append(f"the title names its organization by its kind: {gaz.entities[org].label}, the last one named")
        elif org:
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
        if presiding := _presiding_officer(gaz, role, org):  # "the President of the Assembly": its Speaker
            role = presiding
            why.append(f"the president of a legislature is its {gaz.entities[role].label}")
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



_COUNTERPART = re.compile(r"\b(?:his|her|their)\s+(?P<dem>[A-Z][\w’'-]+)\s+counterpart,?\s+")


def counterpart_posts(parsed: list[ev.Parsed], gaz: Gazetteer, draft: Draft) -> None:
    """"She held talks with her Varnian counterpart X", where "she" was titled in another sentence: X holds
    the same post in the country of the demonym, for review. Run once pronouns are resolved."""
    for p in parsed:
        for c in _COUNTERPART.finditer(p.text):
            named = [m for m in p.actors() if m.kind == "person" and m.start == c.end()]
            dem = next((m for m in p.mentions if m.demonym and m.start == c.start("dem")), None)
            if not named or dem is None or not _is_country(gaz, dem.id):
                continue
            who = named[0].id
            if any(m.person == who for m in draft.memberships):
                continue
            before = [m for m in p.actors() if m.kind == "person" and m.end <= c.start()]
            if not before:  # "Her Varnian counterpart X said ...": "her" the subject of a sentence before
                before = [f[0] for q in reversed([q for q in parsed if q.sentence.index < p.sentence.index])
                          for f in [ev.first_actor(q)] if f and f[0].kind == "person"][:1]
            posts = [m for b in before[-1:] for m in draft.memberships if m.person == b.id]
            if not posts:
                continue
            role = posts[0].role
            label = getattr(gaz.entities.get(role), "label", role.replace("-", " "))
            org, reason = guess_organization(gaz, label, dem.id)
            if org is None:
                continue
            m = MembershipP(person=who, role=role, organization=org, confidence=0.6, order=p.sentence.index,
                            why=[f"“{c[0].strip()} {named[0].surface}”: the post of {before[-1].surface}", reason],
                            review=["the post is the counterpart's, in the country of the demonym: check it"])
            m.cite(p.text)
            draft.memberships.append(m)
            person = next((x for x in draft.persons if x.id == who), None)
            if person is not None and person.country is None:
                person.country = dem.id


#: A post told by a verb: "A, who leads (heads, chairs) the X Alliance".
_LEADS = re.compile(r",\s+who\s+(?:leads|heads|chairs|led|headed|chaired)\s+(?:the\s+)?(?:[a-z][\w-]*\s+){0,2}$")


def verb_posts(parsed: list[ev.Parsed], gaz: Gazetteer, draft: Draft) -> None:
    """"Yusra Delane, who leads the opposition Coastal Alliance": the head of that organization (when the
    registry has the role "head"), for review.

    >>> from kg.facts.model import Entity
    >>> from kg.draft.drafter import analyse
    >>> from datetime import date
    >>> ents = {"a": Entity("a", "organization", "Coastal Alliance", "", 0),
    ...         "head": Entity("head", "role", "Head", "", 0), "p": Entity("p", "person", "Ida Vell", "", 0)}
    >>> d = analyse("Ida Vell, who leads the opposition Coastal Alliance, spoke.", date(2031, 1, 5), ents)
    >>> [(m.person, m.role, m.organization) for m in d.memberships]
    [('p', 'head', 'a')]
    """
    if "head" not in gaz.entities:
        return
    for p in parsed:
        acts = p.actors()
        for k, org in enumerate(acts):
            who = acts[k - 1] if k else None
            if org.kind != "organization" or who is None or who.kind != "person" or not _LEADS.fullmatch(
                    p.text, who.end, org.start):
                continue
            if any(m.person == who.id and m.organization == org.id for m in draft.memberships):
                continue
            m = MembershipP(person=who.id, role="head", organization=org.id, confidence=0.7, order=p.sentence.index,
                            why=[f"“{p.text[who.end:org.end].strip(' ,')}”: leads it"],
                            review=["a post told by a verb: check the role"])
            m.cite(p.text)
            draft.memberships.append(m)


def _possessor_country(parsed: list[ev.Parsed], p: ev.Parsed, h, draft: Draft,
                       gaz: Gazetteer) -> tuple[str, str] | None:
    """"Her foreign minister, X": the country of the post of the one "her" stands for (a visitor first, then the
    person named last before it in its sentence, then the subjects of the sentences before), and the words
    that say so."""
    its = re.search(r"\b[Ii]ts\s+(?:own\s+)?$", p.text[:h.start])
    if its:
        country = _its_country(parsed, p, its.start(), gaz)
        return (country, f"its {h.hint.strip()}") if country else None
    m = re.search(r"\b([Hh]is|[Hh]er|[Tt]heir)\s+(?:own\s+)?$", p.text[:h.start])
    if not m:
        # "brought his foreign minister, A, and Trade Minister B": B is of the same possessor as A
        prior = [x for x in p.hits if x.end <= h.start and x is not h]  # type: ignore[attr-defined]
        if prior and re.fullmatch(r"\s*,?\s*and\s+", p.text[prior[-1].end:h.start]) and re.search(
                r"\b(?:[Hh]is|[Hh]er|[Tt]heir)\s+(?:own\s+)?$", p.text[:prior[-1].start]):
            return _possessor_country(parsed, p, prior[-1], draft, gaz)
        return None
    here = [x for x in p.actors() if x.kind == "person" and x.end <= m.start()]
    earlier = [f[0] for q in reversed([q for q in parsed if q.sentence.index < p.sentence.index])
               for f in [ev.first_actor(q)] if f and f[0].kind == "person"]
    visitors = {v.participants[0] for v in draft.events if v.type == "visit" and v.participants}
    pool = [*here[::-1], *earlier[:3]]
    order = sorted(pool, key=lambda x: x.id not in visitors)  # a visitor's, in a report of the visit
    prev = next((q for q in parsed if q.sentence.index == p.sentence.index - 1), None)
    lead = ev.first_actor(prev) if prev is not None and prev.sentence.para == p.sentence.para else []
    hosted = lead and lead[0].kind == "person" and any(
        e.type in ("reception", "meeting") and prev.text in e.evidence and lead[0].id in e.participants
        and set(e.participants) & visitors for e in draft.events)
    if not here and m.start() == 0 and hosted:
        order = [lead[0], *order]  # "B received the visitor. His foreign minister, X, said": B's, the host
    for who in order:
        for post in draft.memberships:
            country = getattr(gaz.entities.get(post.organization), "country", None)
            if post.person == who.id and country:
                return country, f"{m[1]} {h.hint.strip()}"
    return None


#: The reasons of the context that only guess (the dateline, the headline): the place of the clause comes first.
_WEAK_CONTEXT = ("the country of the dateline", "the country the headline names", "the country of the")

#: Between a place and a title in the clause it opens: "in the X capital, where ... Minister A", "In X, Minister A".
_WHERE = re.compile(r"(?:\s+(?:capital|city|town|port))?,\s+where\s+(?:[^,;]*?\s)?")


#: "The X delegation included A and B", "the X side was represented by A": the members listed after it.
_DELEGATION = re.compile(r"\b(?:[Tt]he (?P<dem>[A-Z][\w’'-]+) |(?P<own>[A-Z][\w’'-]+)[’']s )(?:delegation|side|team"
                         r"|party)(?:,[^,.;]{1,60},)?\s+"
                         r"(?:(?:also\s+)?(?:included|includes|including|comprised|comprises|consisted of|consists of"
                         r"|was made up of|is made up of"
                         r"|was represented by|is represented by|was led by|is led by|was headed by|is headed by)"
                         r"|(?<=side )by|(?<=delegation )by|(?<=team )by)\s+")  # "..., and the Y side by B": gapped


def _delegation_country(p: ev.Parsed, h, gaz: Gazetteer) -> tuple[str, str] | None:
    """"The Varnian delegation included Foreign Minister A and ...": a member's post is of the country of the
    demonym (the list after it, up to the end of the clause), and the words that say so."""
    for m in reversed(list(_DELEGATION.finditer(p.text[:h.start]))):  # the last one before the title
        if re.search(r"[.;]|\b(?:while|whereas|but)\b", p.text[m.end():h.start]):
            continue
        if re.search(r"(?:side|delegation|team) by\s+$", m[0]) and not (
                re.search(r"\band\s+$", p.text[:m.start()])
                and re.search(r"\b(?:was|were|is|are) (?:led|headed|represented) by\b", p.text[:m.start()])):
            continue  # a bare "the Y side by B" only in a clause gapped after "the X side was led by A, and"
        at = m.start("dem") if m["dem"] else m.start("own")
        dem = next((x for x in p.mentions if x.kind == "place" and x.start == at and (x.demonym or m["own"])), None)
        if dem is not None and _is_country(gaz, dem.id):
            return dem.id, f"“{m[0].strip()}”: a member of the {dem.surface} delegation"
    return None


def _clause_country(p: ev.Parsed, h, gaz: Gazetteer) -> tuple[str, str] | None:
    """The country of the place whose clause names the title: "in the Varnian capital, where he held talks with
    Foreign Minister A", "he crossed to Tamsk, where President A received him", "In Tamsk, Minister A summoned
    ...". The one there is its host: a post of that country, and the words that say so."""
    for m in reversed([m for m in p.mentions if m.kind == "place" and m.end <= h.start]):
        country = country_of(gaz, m.id)
        if country is None:
            continue
        between = p.text[m.end:h.start]
        if _WHERE.fullmatch(between) or (re.fullmatch(r"\s*,\s*", between)
                                         and re.fullmatch(r"\s*In\s+(?:the\s+)?", p.text[:m.start])):
            return country, f"named in the clause of {m.surface}, {gaz.entities[country].label}"
        return None
    return None


def _its_country(parsed: list[ev.Parsed], p: ev.Parsed, pos: int, gaz: Gazetteer) -> str | None:
    """The country "its" stands for: the last named before it in its sentence, else the one that opens the
    sentence before ("Y, which buys the gas, has its reasons. Its foreign minister, A, ...": Y)."""
    def countries(q: ev.Parsed, end: int) -> list:
        return [m for m in q.mentions if m.kind == "place" and not m.demonym and m.end <= end
                and _is_country(gaz, m.id) and not re.match(r"(?:’s|'s)\s", q.text[m.end:])]
    here = countries(p, pos)
    if here:
        return here[-1].id
    before = [q for q in parsed if q.sentence.index == p.sentence.index - 1]
    opening = [m for q in before for m in countries(q, len(q.text)) if re.fullmatch(r"\s*", q.text[:m.start])]
    return opening[0].id if opening else None


def _is_country(gaz: Gazetteer, ident: str) -> bool:
    return getattr(gaz.entities.get(ident), "place_type", None) == "country"


def _town_body(gaz: Gazetteer, town: str) -> str | None:
    """The registry's organization whose name holds a town's name ("Issen Town Council" for Issen)."""
    words = name_key(gaz.entities[town].label).split()
    for e in gaz.entities.values():
        if e.kind == "organization":
            key = f" {name_key(e.label)} "
            if all(f" {w} " in key for w in words):
                return e.id
    return None


#: Kinds of organization a title may name without the organization's name: "ministry spokesman".
_KINDS = r"ministry|commission|council|secretariat|agency|organi[sz]ation|presidency"


def _kind_org(parsed: list[ev.Parsed], p: ev.Parsed, h, gaz: Gazetteer) -> str | None:
    """"Ministry spokesman A", "A, a spokeswoman for the Varnian ministry": the organization of that kind named
    last in the article (of the title's country when it has one)."""
    before = re.search(rf"\b(?:[Tt]he\s+)?({_KINDS})\s+$", p.text[:h.start])
    after = re.match(rf"\s+({_KINDS})\b", p.text[h.end:]) if h.shape == "after" else None
    m = before or after
    if not m:
        return None
    return _last_org_named(parsed, p, m[1], gaz, before=h.start, country=h.country) or (
        _portfolio_told(parsed, p, m[1], gaz, h.country) if h.country else None)


def _portfolio_told(parsed: list[ev.Parsed], p: ev.Parsed, kind: str, gaz: Gazetteer, country: str) -> str | None:
    """"The foreign ministry announced ... ministry spokesman A": the country's organization of the portfolio
    the article gave that kind last, in lower case, up to ``p``."""
    for q in reversed([x for x in parsed if x.sentence.index <= p.sentence.index]):
        for w in reversed(re.findall(rf"\b[Tt]he ([a-z]+) {kind}\b", q.text)):
            found = [e.id for e in gaz.entities.values() if e.kind == "organization"
                     and getattr(e, "country", None) == country and {w, kind} <= set(e.label.lower().split())]
            if len(found) == 1:
                return found[0]
    return None


def _possessive_org(parsed: list[ev.Parsed], p: ev.Parsed, h, gaz: Gazetteer) -> str | None:
    """"The commission's Secretary-General": the organization named last whose name has that word."""
    m = re.search(r"\b[Tt]he (\w+)[’']s\s*$", p.text[:h.start])
    if not m:
        return None
    return _last_org_named(parsed, p, m[1].lower(), gaz)


def _publisher_org(p: ev.Parsed, h, draft: Draft, gaz: Gazetteer) -> str | None:
    """"The Ministry's spokesperson" in a readout headed "Ministry of Foreign Affairs of X – ...": the publisher,
    the organization its headline names, when the word is its kind."""
    m = re.search(r"\b[Tt]he (\w+)[’']s\s*$", p.text[:h.start])
    pub = draft.__dict__.get("_publisher")
    if not m or pub is None:
        return None
    return pub if m[1].lower() in gaz.entities[pub].label.lower().split(" of ")[0].split() else None


def _possessive_town(parsed: list[ev.Parsed], p: ev.Parsed, h, gaz: Gazetteer) -> str | None:
    """"The town's governor", "the city's mayor": the town named last, up to the title (else the dateline's)."""
    if not re.search(r"\b[Tt]he (?:town|city|port|village|province|region)[’']s\s*$", p.text[:h.start]):
        return None
    for q in reversed([x for x in parsed if x.sentence.index <= p.sentence.index]):
        for men in reversed([x for x in q.mentions if q is not p or x.end <= h.start]):
            if men.kind == "place" and not _is_country(gaz, men.id):
                return men.id
    return p.dateline if p.dateline and not _is_country(gaz, p.dateline) else None


def _last_org_named(parsed: list[ev.Parsed], p: ev.Parsed, word: str, gaz: Gazetteer, *, before: int | None = None,
                    country: str | None = None) -> str | None:
    """The organization named last, up to ``p``'s sentence (in it, before ``before`` if given), whose name has
    ``word`` (lower case), of ``country`` if given."""
    for q in reversed([x for x in parsed if x.sentence.index <= p.sentence.index]):
        for men in reversed([x for x in q.mentions if before is None or q is not p or x.end <= before]):
            e = gaz.entities[men.id]
            # the word names the organization's kind, not one it is part of ("Department of the Ministry of ...")
            if men.kind == "organization" and word in e.label.lower().split(" of ")[0].split() \
                    and (country is None or e.country == country):
                return men.id
    return None


def _counterpart_of_country(p: ev.Parsed, h, draft: Draft, gaz: Gazetteer) -> str | None:
    """The country of the post of the one titled before a counterpart in its sentence ("A ... his counterpart B":
    A's)."""
    before = [x for x in p.hits if x.end <= h.start and x.shape != "counterpart"]  # type: ignore[attr-defined]
    for x in reversed(before):
        who = x.person or _person_id(gaz, x.name)
        for m in draft.memberships:
            if m.person == who:
                return getattr(gaz.entities.get(m.organization), "country", None)
    return None


def _other_country(parsed: list[ev.Parsed], gaz: Gazetteer, not_this: str) -> str | None:
    """The country the article names most (by name or demonym) other than ``not_this``; the first named on a tie."""
    counts: dict[str, int] = {}
    for p in parsed:
        for m in p.mentions:
            if m.kind == "place" and _is_country(gaz, m.id) and m.id != not_this:
                counts[m.id] = counts.get(m.id, 0) + 1
    return max(counts, key=lambda c: counts[c]) if counts else None


#: Words that name a legislature (first six letters).
_CHAMBERS = {"parlia", "assemb", "congre", "legisl", "senate", "chambe", "diet"}


def _presiding_officer(gaz: Gazetteer, role: str, org: str) -> str | None:
    """The registry's role of the one presiding over a parliament (its "Speaker"), for the post of President of
    a legislature ("the President of the National Assembly"); None for any other post."""
    e, body = gaz.entities.get(role), gaz.entities.get(org)
    if e is None or body is None or token_key(e.label) != "president" \
            or not {w[:6] for w in token_key(body.label).split()} & _CHAMBERS:
        return None
    return next((i for i, x in gaz.entities.items() if x.kind == "role"
                 and "speaker" in {token_key(n) for n in [x.label, *x.aliases]}), None)


def _role_words(gaz: Gazetteer, draft: Draft, role: str) -> list[set[str]]:
    """The words of each name of a role (its label and aliases; a new role's label, else its id's words)."""
    e = gaz.entities.get(role) or next((x for x in draft.entities if x.id == role), None)
    names = [e.label, *getattr(e, "aliases", [])] if e is not None else [role.replace("-", " ")]
    return [set(token_key(n).split()) for n in names]


def _shorter_form(gaz: Gazetteer, draft: Draft, short: str, full: str) -> bool:
    """Whether role ``short`` is written as a shorter form of role ``full``: every word of a name of ``short`` in
    a longer name of ``full`` ("Deputy Minister" of "Deputy Foreign Minister", "Deputy Minister of Foreign
    Affairs")."""
    return any(a < b for a in _role_words(gaz, draft, short) for b in _role_words(gaz, draft, full))


_OWN_TITLE = "the country another title in the article gives"


def title_context(draft: Draft, gaz: Gazetteer, headline_country: str | None) -> dict[str, tuple[str, str]]:
    """For each person, the country a title without one most likely means, and why."""
    out: dict[str, tuple[str, str]] = {}
    for p in draft.persons:
        if p.country:
            out[p.id] = (p.country, _OWN_TITLE)
    visits = {v.id: v for v in draft.events if v.type == "visit"}
    for v in visits.values():  # "at the invitation of X": X is of the country visited
        host = country_of(gaz, v.destination)
        if v.invited_by and host:
            out.setdefault(v.invited_by, (host, f"invited the visit to {gaz.entities[host].label}"))
    home = {p.id: p.country for p in draft.persons}
    for m in draft.memberships:  # the post the article gives comes before the registry's nationality
        home.setdefault(m.person, getattr(gaz.entities.get(m.organization), "country", None))
    for v in visits.values():  # a companion of a visit comes from the country of the one accompanied
        lead = v.participants[0] if v.participants else None
        country = home.get(lead) or getattr(gaz.entities.get(lead or ""), "country", None)
        for who in v.participants[1:] if country else []:
            out.setdefault(who, (country, f"accompanies {gaz.entities[lead].label if lead in gaz.entities else lead}"
                                          " on a visit"))
    for e in draft.events:
        for vid in e.part_of:
            v = visits.get(vid)
            host = country_of(gaz, v.destination) if v else None
            if host:
                for who in e.participants:
                    if who not in v.participants:
                        out.setdefault(who, (host, f"met during a visit to {gaz.entities[host].label}"))
    line = country_of(gaz, draft.source.get("dateline"))
    # a visitor is not of the country visited: "Prime Minister X's visit to Tisova" in a report from Bereth
    visiting = {(who, country_of(gaz, v.destination)) for v in visits.values() for who in v.participants}
    for fallback, why in ((line, "the country of the dateline"), (headline_country, "the country the headline names")):
        if fallback:
            for ident in [p.id for p in draft.persons] + [i for i, e in gaz.entities.items() if e.kind == "person"]:
                if (ident, fallback) not in visiting:
                    out.setdefault(ident, (fallback, why))
    return out



def _person_id(gaz: Gazetteer, name: str) -> str | None:
    for ident, kind in gaz.keys.get(token_key(name), []):
        if kind == "person":
            return ident
    return None
