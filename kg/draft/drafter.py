"""From an article's text to a ``Draft``: two passes over its sentences.

The first pass finds new persons (``kg.draft.persons``) and adds them, with their surnames, to the
gazetteer; the second finds every mention, the posts (``kg.draft.posts``), the persons named by their post
alone (``kg.draft.refer``), the events of each sentence (``kg.draft.detect``), merged and linked across
sentences (``kg.draft.assemble``), the statements, and the events already in the graph.

>>> from kg.facts.model import Entity
>>> ents = {"x": Entity("x", "place", "Ostrelia", "", 0, place_type="country"),
...         "k": Entity("k", "place", "Kalvora", "", 0, place_type="city", located_in=["x"]),
...         "fm": Entity("fm", "role", "Foreign Minister", "", 0)}
>>> d = analyse("KALVORA – Ostrelian Foreign Minister Lena Varosh met Foreign Minister Tomas Keld on Monday.",
...             date(2025, 3, 5), ents)
>>> d.source["dateline"], [p.id for p in d.persons], [e.participants for e in d.events]
('k', ['lena-varosh', 'tomas-keld'], [['lena-varosh', 'tomas-keld']])
"""

from __future__ import annotations

import re
from datetime import date

from kg.draft import events as ev
from kg.draft.assemble import assemble, assign_ids, hosted_visits, inherit_dates
from kg.draft.dates import Found, find_dates
from kg.draft.detect import find_events
from kg.draft.model import Draft
from kg.draft.names import Gazetteer, bare_posts, country_of, find_short, forms_of_address, short_names, token_key
from kg.draft.pairs import body_meetings, country_talks, next_rounds
from kg.draft.people import TitleHit, titles
from kg.draft.persons import new_persons
from kg.draft.posts import counterpart_posts, memberships, title_context, verb_posts
from kg.draft.refer import delegation_members, descriptors
from kg.draft.statements import link_existing, statements
from kg.draft.text import Sentence, dateline, sentences
from kg.facts.dates import When

_HEADLINE_END = re.compile(r"[.!?][\"”’')\]]*$")
#: An item of a list that tells an event ("- Memorandum on X, signed by A and B;"): a sentence of the body, though
#: it closes with the list's semicolon; an item naming a member of a delegation ("- Mr A, Deputy Minister;") is not.
_EVENT_ITEM = re.compile(r"^\s*(?:[-–—•*]|\(?[a-z0-9]\))\s.*\b(?:signed|met|held|visited|received|hosted)\b"
                         r".*[\w)’'\"”];$")


def analyse(text: str, published: date, entities: dict, existing_events: list | None = None,
            source: dict | None = None) -> Draft:
    """Propose the facts of an article (plain text) published on ``published`` against a registry."""
    source = dict(source or {})
    draft = Draft(source=source, text=text)
    gaz = Gazetteer(dict(entities))
    sents = sentences(text)
    opening: tuple[str, str] | None = None
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
            if re.match(r"[^,\n]*\)\s+[–—-]", s.text[:start]):  # "KALVORA (Wire) –": cited whole, as before it was read
                opening = (s.text[start:], s.text)
            break
    body = [s for k, s in enumerate(sents) if (_HEADLINE_END.search(s.text) or _EVENT_ITEM.match(s.text)
                                               or _leads_items(sents, k)) and not s.text.lstrip().startswith("#")]
    if "title" not in source:
        heads = [s.text for s in sents if not _HEADLINE_END.search(s.text) and len(s.text) > 15
                 and not s.text.lstrip().startswith("#") and "invented" not in s.text.lower()]
        source["title"] = heads[0] if heads else (body[0].text[:80] if body else "untitled")
    heads = [s for s in sents if not _HEADLINE_END.search(s.text)]
    draft.__dict__["_publisher"] = next((m.id for s in heads[:3] for m in gaz.find(s.text)
                                         if m.kind == "organization" and re.match(r"(?:Ministry|Office|Presidency)\b",
                                                                                   gaz.entities[m.id].label)
                                         and m.start == 0), None)  # "Ministry of Foreign Affairs of X – The week"
    short = short_names([s.text for s in body], gaz)
    # a headline names persons as a sentence does ("Joint press conference of President A and the Prime Minister
    # of X, B"): they are persons of the article, though its events are read from the body only; not one in
    # title case ("President A Holds Talks With ..."), whose capitals do not mark names
    titled = [s for s in sents if s not in body and "invented" not in s.text.lower()
              and not s.text.lstrip().startswith("#") and not _title_case(s.text)]
    new_persons(sorted(titled + body, key=lambda s: s.index), gaz, draft, short, {s.index for s in titled})
    parsed = [_parse(s, gaz, published, short) for s in body]
    _ministry_titles(parsed, gaz, draft.__dict__.get("_publisher"))
    heads = day_headings(sents, published)
    for p in parsed:
        p.dateline = source.get("dateline")
        p.heading = heads.get(p.sentence.index)  # type: ignore[attr-defined]
    _aliases(parsed, gaz, draft, entities)
    memberships(parsed, gaz, draft)
    descriptors(parsed, draft, gaz)
    counterpart_posts(parsed, gaz, draft)
    verb_posts(parsed, gaz, draft)
    assemble(find_events(parsed, gaz, published), parsed, gaz, draft, published)
    if any(getattr(p, "party", None) for p in parsed):
        delegation_members(draft, parsed)
        assign_ids(draft.events, gaz, published)
    headline = next((country_of(gaz, m.id) or getattr(gaz.entities.get(m.id), "country", None)
                     for s in sents if not _HEADLINE_END.search(s.text) for m in gaz.find(s.text)
                     if m.kind in ("place", "organization")
                     and (country_of(gaz, m.id) or getattr(gaz.entities.get(m.id), "country", None))), None)
    memberships(parsed, gaz, draft, title_context(draft, gaz, headline))
    n = len(draft.events)
    country_talks(parsed, draft, gaz, published)  # the heads of two sides are known only once the posts are
    body_meetings(parsed, draft, gaz, published)  # so are the countries of those who set up a joint body
    next_rounds(parsed, draft, gaz, published)
    if len(draft.events) > n:
        inherit_dates(draft.events[n:], parsed, published)
        assign_ids(draft.events, gaz, published)
    if any(getattr(e, "host", None) and not e.destination for e in draft.events):
        hosted_visits(draft, gaz)  # the host's post is known only now ("Prime Minister X will host Y ...")
        assign_ids(draft.events, gaz, published)
    statements(parsed, draft)
    link_existing(draft, existing_events or [], published)
    if opening is not None:
        _whole_opening(draft, *opening)
    return draft


def _leads_items(sents: list[Sentence], k: int) -> bool:
    """Whether sentence ``k`` is the lead-in of a list of events ("In the presence of A and B, the following
    documents were signed:" before "- Memorandum on X, signed by C and D;"): a sentence of the body."""
    return sents[k].text.rstrip().endswith(":") and k + 1 < len(sents) and bool(
        _EVENT_ITEM.match(sents[k + 1].text) or _EVENT_ITEM.match(sents[k + 1].text.rstrip(".") + ";"))


def _ministry_titles(parsed: list[ev.Parsed], gaz: Gazetteer, publisher: str | None) -> None:
    """In a readout a ministry publishes ("Ministry of Foreign Affairs of X – The week in brief"), "Minister A" and
    "Deputy Minister B" are its minister and deputy minister (the registry's roles named like the ministry)."""
    org = gaz.entities.get(publisher) if publisher else None
    if org is None or not org.label.startswith("Ministry of "):
        return
    field = re.sub(r"\s+of\s+(?:the\s+)?[A-Z][\w’'-]*$", "", org.label[len("Ministry of "):])  # "Foreign Affairs"
    roles = {token_key(n): i for i, e in gaz.entities.items() if e.kind == "role" for n in [e.label, *e.aliases]}
    minister = roles.get(token_key(f"Minister of {field}"))
    if minister is None:
        return
    deputy = roles.get(token_key(f"Deputy {gaz.entities[minister].label}"))
    # "Minister B" for one the article titles elsewhere ("the Minister of Trade of Y, B"; "at the invitation of
    # Minister B", another country's foreign minister): that title, not the publisher's
    titled = {h.person for q in parsed for h in q.hits if h.person and not _alone(h, gaz)}  # type: ignore[attr-defined]
    for p in parsed:
        for t in re.finditer(r"\b(Deputy )?Minister (?=[A-Z])", p.text):
            who = next((m for m in p.mentions if m.kind == "person" and m.start == t.end()), None)
            role = deputy if t[1] else minister
            if who is None or role is None or who.id in titled:
                continue
            bare = [h for h in p.hits if _bare_title(h, t, who, gaz)]  # type: ignore[attr-defined]
            if bare:  # "Deputy Minister B" read as the registry's generic title: the ministry's deputy all the same
                p.hits.remove(bare[0])  # type: ignore[attr-defined]
            elif any(h.start <= t.start() < h.end or h.start <= who.start < h.end for h in p.hits):  # type: ignore[attr-defined]
                continue
            p.hits.append(TitleHit(who.surface, who.id, role, True, publisher, getattr(org, "country", None),  # type: ignore[attr-defined]
                                   t[0].strip(), t.start(), who.end, "before"))
            p.title_spans.append((t.start(), t.end()))


def _alone(h: TitleHit, gaz: Gazetteer) -> bool:
    """Whether a title was written alone, as the label of its role ("Deputy Minister B"), no organization or
    country with it: in a ministry's readout it tells no post of its own."""
    role = gaz.entities.get(h.role) if h.role_known else None
    label = role.label if role is not None else h.role
    return h.organization is None and h.country is None and token_key(label) == token_key(h.hint)


def _bare_title(h: TitleHit, t: re.Match, who, gaz: Gazetteer) -> bool:
    """Whether ``h`` is the title ``t`` ("Deputy Minister", "Minister") of ``who`` read alone."""
    return h.start == t.start() and h.end == who.end and _alone(h, gaz) and token_key(h.hint) == token_key(t[0])


def day_headings(sents: list[Sentence], published: date) -> dict[int, object]:
    """The date of each sentence under a heading that is a date ("Monday, 13 March", "Next week": a readout
    headed by day), by sentence index, until the next heading; the day when the heading gives one.

    >>> from kg.draft.text import sentences
    >>> s = sentences("Week in brief\\n\\nMonday, 13 March\\n\\nA met B.\\n\\nC met D.\\n\\nNotes\\n\\nE met F.")
    >>> {s[k].text: d.text for k, d in day_headings(s, date(2034, 3, 17)).items()}
    {'A met B.': '13 March', 'C met D.': '13 March'}
    """
    out: dict[int, object] = {}
    head = None
    entry, day = None, None
    for s in sents:
        if _HEADLINE_END.search(s.text):
            if _CLOCK.match(s.text):
                entry = s.para
                day = day or _blog_day(sents, s, published)
            if head is not None:
                out[s.index] = head
            elif entry == s.para:
                out[s.index] = day
            continue
        found = find_dates(s.text, published)
        words = len(re.sub(r"[\W_]+", "", s.text))
        covered = sum(len(re.sub(r"[\W_]+", "", d.text)) for d in found)
        days = [d for d in found if d.when.precision == "day"]
        head = (days[-1] if days else found[-1]) if found and covered >= 0.6 * words else None
    return out


def _title_case(text: str) -> bool:
    """Whether a headline is written in title case: every word of four letters or more capitalised.

    >>> _title_case("President A Holds Talks With the Ministers"), _title_case("Joint press conference of A")
    (True, False)
    """
    words = [w for w in re.findall(r"[^\W\d_][\w’'-]*", text) if len(w) >= 4]
    return len(words) >= 3 and all(w[0].isupper() for w in words)


#: A live blog's (or a transcript's) entry opens with the clock time it was written at: "09:12 – ", "14:02 -".
_CLOCK = re.compile(r"\s*(?:[01]?\d|2[0-3])[:.][0-5]\d\s*(?:[–—-]|:\s)")


def _blog_day(sents: list[Sentence], first: Sentence, published: date):
    """The day of a live blog's time-stamped entries: the one date, to the day, that a sentence of its own
    states before the first entry (the dateline's "Thursday, 10 May 2035."), else the day of publication.

    Every sentence of an entry is of that day, as under a heading that is a date: an event an entry tells
    without a date of its own happened (or was told as ahead) on the blog's day; one it dates keeps its date.

    >>> from kg.draft.text import sentences
    >>> s = sentences("Live\\n\\nORLACQ – Thursday, 10 May 2035.\\n\\n09:12 – A met B.\\n\\n10:40 – C met D.")
    >>> {s[k].text: d.expr for k, d in day_headings(s, date(2035, 5, 11)).items()}
    {'09:12 – A met B.': '10 May 2035', '10:40 – C met D.': '10 May 2035'}
    """
    for s in sents:
        if s.index >= first.index:
            break
        found = [d for d in find_dates(s.text, published) if d.when.precision == "day"]
        words = len(re.sub(r"[\W_]+", "", s.text))
        covered = sum(len(re.sub(r"[\W_]+", "", d.text)) for d in found)
        if found and len({d.when.value for d in found}) == 1 and covered >= 0.5 * words:
            return max(found, key=lambda d: len(d.text))  # "Thursday, 10 May 2035": one day, said twice
    return Found(published.isoformat(), 0, 0, published.isoformat(),
                 When("day", published, published, published, "the day of publication"))


def _whole_opening(draft: Draft, cut: str, whole: str) -> None:
    """A sentence opening with a dateline of the form "KALVORA (Wire) –" is read without it (``cut``) but cited
    whole, as it was before that form was read as a dateline (the curated sets cite the other forms without the
    dateline)."""
    for p in [*draft.persons, *draft.entities, *draft.memberships, *draft.events, *draft.statements]:
        p.evidence = [whole if x == cut else x for x in p.evidence]



def _parse(s: Sentence, gaz: Gazetteer, published: date, short: dict[str, str] | None = None) -> ev.Parsed:
    mentions = find_short(gaz, s.text, short or {})
    hits = titles(s.text, gaz, mentions)
    spans = [(h.start, h.end) for h in hits] + forms_of_address(s.text)  # "Her Excellency Mrs. A": no pronoun
    spans += bare_posts(s.text, mentions, spans)  # "Minister A and Minister B spoke": coordinated
    p = ev.Parsed(s, mentions, spans, find_dates(s.text, published, future=ev.AHEAD))
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



