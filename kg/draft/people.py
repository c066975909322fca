"""Persons introduced with a title, and the posts those titles attest.

Three shapes of title are read, around a role the registry knows (or a capitalised phrase ending in a
word such as Minister, Ambassador, Envoy):

- before the name: "Iraqi President Abdul Latif Rashid", "Iran’s Vice President for Strategic Affairs,
  Mohammad Javad Zarif", "the head of UNAMI, Mohammed Al-Hassan";
- after the name: "Seyyed Ammar al-Hakim, the head of Iraq’s National Wisdom Movement";
- in a list, where the first title's country carries over: "Iraqi President A, Prime Minister B, and
  Parliament Speaker C".

The organization of a post is the one written ("head of UNAMI"), else the country's organization whose
name shares a word with the title ("Parliament Speaker" -> Iraqi Parliament, "President" -> Presidency
of Iraq), else the country's government.

>>> from kg.facts.model import Entity
>>> from kg.draft.names import Gazetteer
>>> ents = {"iraq": Entity("iraq", "place", "Iraq", "", 0, place_type="country"),
...         "pm": Entity("pm", "role", "Prime Minister", "", 0)}
>>> hits = titles("Iraqi Prime Minister Lena Varosh spoke.", Gazetteer(ents))
>>> [(h.name, h.role, h.country) for h in hits]
[('Lena Varosh', 'pm', 'iraq')]
"""

from __future__ import annotations

import calendar
import re
from dataclasses import dataclass

from kg.draft.names import PARTICLES, Gazetteer, Mention, forms_of_address, slug, token_key
from kg.draft.text import tokens
from kg.names import name_key

STOP_CAPS = {
    "the", "a", "an", "in", "on", "at", "during", "for", "as", "after", "before", "with", "by", "from", "to", "of",
    "and", "but", "this", "that", "these", "those", "his", "her", "their", "its", "our", "according", "beyond",
    "shortly", "additionally", "meanwhile", "however", "while", "when", "earlier", "later", "also", "both", "it",
    "he", "she", "they", "we", "i", "there", "speaking", "under", "since", "following", "amid", "despite", "today",
    "yesterday", "tomorrow", "last", "next", "invented", "fictional", "note", "update", "mr", "mrs", "ms",
    *(m.lower() for m in calendar.month_name if m), *(d.lower() for d in calendar.day_name),
}
ORG_WORDS = {
    "conference", "summit", "forum", "ministry", "movement", "council", "assembly", "party", "mission",
    "university", "agency", "committee", "group", "bank", "union", "organization", "organisation", "republic",
    "government", "parliament", "office", "institute", "army", "forces", "front", "alliance", "association",
    "company", "corporation", "news", "tank", "centre", "center", "court", "house", "palace", "airport", "square",
    "street", "day", "nations", "followers", "international", "national", "state", "states", "kingdom",
    "federation", "presidency", "cabinet", "embassy", "consulate", "port", "hall", "bridge", "river", "sea",
    "highway", "road", "railway", "line", "pipeline", "dam", "canal", "station", "plant", "park", "museum",
    "stadium", "hotel", "treaty", "accord", "agreement", "declaration", "plan", "initiative", "fund", "programme",
    "program", "strait", "gulf", "bay", "lake", "island", "islands", "valley", "mountains", "coast", "wire",
    "press", "times", "post", "herald", "tribune", "radio", "television", "tv", "service", "services", "fleet",
    "statement", "communique", "communiqué", "memorandum", "convention", "protocol", "charter", "ceremony",
    "affairs",  # a portfolio: "Foreign Affairs", "Home Affairs"
}
#: Words that end a title the registry does not know yet.
ROLE_HEADS = {"minister", "secretary", "ambassador", "envoy", "governor", "mayor", "chairman", "chairwoman",
              "chair", "director", "commissioner", "spokesperson", "spokesman", "spokeswoman", "chief", "adviser",
              "advisor", "commander", "king", "queen", "emir", "premier", "chancellor", "president", "speaker",
              "head", "leader", "representative", "coordinator"}


@dataclass(frozen=True)
class NameSpan:
    """A person's name in a sentence: a known person, or a run of capitalised words (``id`` None)."""

    start: int
    end: int
    surface: str
    id: str | None = None


@dataclass(frozen=True)
class TitleHit:
    """A person named with a title: role (an id, or a new role's label), organization, country, where."""

    name: str
    person: str | None
    role: str
    role_known: bool
    organization: str | None
    country: str | None
    hint: str  # the words of the title, to guess the organization from
    start: int
    end: int
    shape: str  # before | after | list | plural | plural, no country


def name_spans(text: str, mentions: list[Mention]) -> list[NameSpan]:
    """Known persons and unknown capitalised runs of two or more words that could be persons."""
    taken = [(m.start, m.end) for m in mentions]
    out = [NameSpan(m.start, m.end, m.surface, m.id) for m in mentions if m.kind == "person"]
    run: list[tuple[int, int]] = []
    toks = tokens(text)

    def flush() -> None:
        while run and text[run[-1][0]:run[-1][1]].lower() in PARTICLES:
            run.pop()
        if len(run) >= 2:
            out.append(NameSpan(run[0][0], run[-1][1], text[run[0][0]:run[-1][1]]))
        run.clear()

    for k, (a, b) in enumerate(toks):
        w = text[a:b]
        inside = any(s <= a < e for s, e in taken)
        adjacent = bool(run) and text[run[-1][1]:a] == " "
        ok = not inside and (_name_word(w) or (w.lower() in PARTICLES and bool(run) and k + 1 < len(toks)
                                               and _name_word(text[toks[k + 1][0]:toks[k + 1][1]])))
        if ok and (not run or adjacent):
            run.append((a, b))
            continue
        flush()
        if ok:
            run.append((a, b))
    flush()
    return sorted(out, key=lambda n: n.start)


def _name_word(w: str) -> bool:
    if re.fullmatch(r"(?:al|el)[-‐][A-Z][\w'’-]*", w):
        return True
    return (w[:1].isupper() and w[:1].isalpha() and w.lower() not in STOP_CAPS and w.lower() not in ORG_WORDS
            and not w.isupper() and w not in ("’s", "'s"))


def _split_unknown_titles(names: list[NameSpan], text: str) -> tuple[list[NameSpan], list[Mention]]:
    """'Foreign Minister Lena Varosh' with no such role known: a new role and a name."""
    roles, out = [], []
    for n in names:
        words = n.surface.split(" ")
        cut = max((i for i, w in enumerate(words[:-2]) if w.lower() in ROLE_HEADS), default=None)
        if n.id is None and cut is not None:
            role_text = " ".join(words[:cut + 1])
            roles.append(Mention(role_text, "newrole", n.start, n.start + len(role_text), role_text))
            rest = n.start + len(role_text) + 1
            out.append(NameSpan(rest, n.end, text[rest:n.end]))
        else:
            out.append(n)
    return out, roles


#: Words that make another post of a known role: "Deputy Foreign Minister", "Vice President".
_MODIFIER = re.compile(r"\b(?:(?:First|Senior|Junior) )?(?:Deputy|Vice|Acting|Assistant|Under|State|Junior)(?:-| )$")


#: A word that qualifies a title ("Deputy", "Vice"): written before a capitalised word, it is part of that title.
_MODIFIER_WORD = re.compile(r"(?:Deputy|Vice|Acting|Assistant|Under)")
#: "his deputy", "her deputies": a relation to the possessor, not a title of that spelling.
_POSSESSED_DEPUTY = re.compile(r"\b(?:[Hh]is|[Hh]er|[Tt]heir)\s+deput(?:y|ies)$")


def _deputy_of(text: str, r: Mention, hits: list[TitleHit], gaz: Gazetteer) -> tuple[Mention | None, str | None]:
    """A subordinate word after a possessive ("his deputy, B") names the deputy of the possessor's post.

    The registry may know "deputy" as a title of its own (a member of a chamber of deputies), but after a
    possessive determiner the word tells a relation to another person, never that title. When the possessor is
    the last person titled before it in the same sentence ("Foreign Minister A and his deputy, B"), the post is
    the deputy of that title ("Deputy Foreign Minister", its organization guessed from those words and the
    possessor's country); otherwise the word names no post at all (None). Returns the title and its words.
    """
    prev = [h for h in hits if h.end <= r.start and h.role_known]
    if not prev:
        return None, None
    role = gaz.entities.get(prev[-1].role)
    label = f"Deputy {getattr(role, 'label', prev[-1].role.replace('-', ' ').title())}"
    known = slug(label)
    if getattr(gaz.entities.get(known), "kind", None) == "role":
        return Mention(known, "role", r.start, r.end, text[r.start:r.end]), label
    return Mention(label, "newrole", r.start, r.end, label), label


def titles(text: str, gaz: Gazetteer, mentions: list[Mention] | None = None) -> list[TitleHit]:
    """Every person named with a title in ``text``."""
    mentions = gaz.find(text) if mentions is None else mentions
    names, new_roles = _split_unknown_titles(name_spans(text, mentions), text)
    roles = sorted([m for m in mentions if m.kind == "role"] + new_roles, key=lambda m: m.start)
    others = [m for m in mentions if m.kind in ("organization", "place")]
    hits: list[TitleHit] = []
    used: set[int] = set()
    address = forms_of_address(text)
    for r in roles:
        of_post = None
        if r.kind == "role" and _MODIFIER_WORD.fullmatch(r.surface) and re.match(r"[ -][A-Z]", text[r.end:]):
            continue  # "Deputy Minister Tull": the word qualifies the title after it, it is no title of its own
        if r.kind == "role" and _POSSESSED_DEPUTY.search(text[:r.end]):
            r, of_post = _deputy_of(text, r, hits, gaz)
            if r is None:
                continue
        mod = _MODIFIER.search(text[:r.start]) if r.kind == "role" else None
        if mod:  # "Deputy Foreign Minister" is not the Foreign Minister: a role of its own
            label = text[mod.start():r.end]
            r = Mention(label, "newrole", mod.start(), r.end, label)
        org, country, end = _after_role(text, r, others)
        pre = _before(text, r.start, others)
        if pre is not None:
            if pre.kind == "place" and _is_country(gaz, pre.id):
                # "Belmora's ambassador to Varnia": the post is Belmora's, Varnia where it is held
                country = pre.id if re.match(r"\s+to\s", text[r.end:]) else country or pre.id
            elif pre.kind == "organization":
                org = org or pre.id
        if pre is None and org is None:
            whose = [m for m in others if m.kind == "organization" and m.end <= r.start
                     and re.fullmatch(r"\s*,\s*whose\s+", text[m.end:r.start])]
            if whose:
                org = whose[-1].id
            elif (country is None or re.match(r"\s+to\s", text[r.end:])) and re.search(
                    r"\b[Ii]ts\s+" + _POSSESSIVE_MODIFIERS + r"$", text[:r.start]):
                # "X has named its ambassador to Y": X's post, held in Y (as "X's ambassador to Y")
                # "The Forum holds its summit in X, and its Secretary-General, B, ...": the one "its" stands for
                owner = [m for m in others if m.end <= r.start and not m.demonym and (
                    m.kind == "organization" or _is_country(gaz, m.id))][-1:]  # not "the Ostrelian capital"
                if owner and owner[0].kind == "organization":
                    org = owner[0].id
                elif owner:
                    country = owner[0].id
        start = pre.start if pre is not None else r.start
        hint = of_post or text[start:end]
        known = r.kind == "role"
        # before the name
        gap = re.compile(r"\s*,?\s*$")
        for n in names:
            # a form of address may stand between the post and the name ("the Minister of Trade of X, Ms A")
            before = next((a for a, b in address if b == n.start and a >= end), n.start)
            if n.start >= end and gap.fullmatch(text[end:before]) and n.start not in used:
                tail = re.match(r"\s+of\s+(?:the\s+)?", text[n.end:])  # "Prime Minister X of Talsenne"
                of = next((m for m in others if tail and m.start == n.end + tail.end()), None) \
                    if org is None and country is None else None
                if of is not None and of.kind == "place" and _is_country(gaz, of.id):
                    country, hint = of.id, f"{hint} of {of.surface}"
                elif of is not None and of.kind == "organization":
                    org = of.id
                hits.append(TitleHit(n.surface, n.id, r.id, known, org, country, hint, start, n.end, "before"))
                used.add(n.start)
                break
        else:
            # after the name: "NAME, the ROLE of ORG"
            for n in names:
                if n.end <= start and re.fullmatch(r"\s*,\s*(?:the|a|an|The)?\s*", text[n.end:start]) \
                        and n.start not in used:
                    hits.append(TitleHit(n.surface, n.id, r.id, known, org, country, hint, n.start, end, "after"))
                    used.add(n.start)
                    break
    hits += _plural_titles(text, gaz, mentions, [n for n in names if n.start not in used])
    return _counterparts(text, gaz, mentions, names, _carry_country(text, sorted(hits, key=lambda h: h.start)))


_PLURAL = re.compile(r"\b(?:[Tt]he|[Bb]oth|[Tt]heir) ((?:[A-Za-z-]+ ){0,2}?[A-Za-z-]+?)s"
                     r"(?: of the (?:two|three|both|four) (?:countries|governments|nations|states|sides"
                     r"|neighbou?rs))?(?:,\s+|\s*[–—:]\s*)")


#: A capitalised plural title right before the names: "signed by Foreign Ministers A and B", "Presidents A and B".
_PLURAL_CAPS = re.compile(r"\b((?:[A-Z][a-z-]+ ){0,2}?[A-Z][a-z-]+?)s (?=[A-Z])")


def _plural_titles(text: str, gaz: Gazetteer, mentions: list[Mention], names: list[NameSpan]) -> list[TitleHit]:
    """"the foreign ministers of the two countries, A of X and B of Y": each name with the post, in the
    country written after it; "Foreign Ministers A and B" (a post the registry knows): each name with the post.

    >>> from kg.facts.model import Entity
    >>> ents = {"x": Entity("x", "place", "Ostrelia", "", 0, place_type="country"),
    ...         "y": Entity("y", "place", "Varnia", "", 0, place_type="country"),
    ...         "fm": Entity("fm", "role", "Foreign Minister", "", 0)}
    >>> t = "The foreign ministers, Lena Varosh of Ostrelia and Ivo Dask of Varnia, signed."
    >>> [(h.name, h.role, h.country) for h in titles(t, Gazetteer(ents))]
    [('Lena Varosh', 'fm', 'x'), ('Ivo Dask', 'fm', 'y')]
    """
    out: list[TitleHit] = _respective_titles(text, gaz, mentions, names)
    for m in [*_PLURAL.finditer(text), *_PLURAL_CAPS.finditer(text)]:
        role_words = m[1]
        if role_words.split()[-1].lower() not in ROLE_HEADS:
            continue
        known = [i for i, kind in gaz.keys.get(token_key(role_words), []) if kind == "role"]
        if not known and m.re is _PLURAL_CAPS:
            continue
        role = known[0] if known else role_words.title()
        pos = m.end()
        listed: list[TitleHit] = []
        while True:
            member = _country_member(text, gaz, mentions, names, pos)
            if member is None:
                break
            name, country, end = member
            if country is None and not known:
                break  # "the two leaders, A and B": a list of names alone only after a post the registry knows
            listed.append(TitleHit(name.surface, name.id, role, bool(known), None, country,
                                   text[m.start():m.end()].strip(" ,:–—"), m.start() if not out and not listed
                                   else name.start, end, "plural" if country else "plural, no country"))
            nxt = re.match(r"\s*(?:,\s*and|,|and)\s+", text[end:])
            if not nxt:
                break
            pos = end + nxt.end()
        out += _in_order_of(text, gaz, mentions, m, listed)
    return out


def _in_order_of(text: str, gaz: Gazetteer, mentions: list[Mention], m: re.Match, listed: list[TitleHit]):
    """Two names listed with no country after "the Xs of the two countries" (or "their Xs"), in a sentence that
    named two countries before ("the agreement between X and Y, which the foreign ministers of the two countries,
    A and B, were to sign"): A of X, B of Y, in the order the countries were named; else the list as it is."""
    if len(listed) != 2 or any(h.country for h in listed) or not re.search(
            r"\bof the (?:two|both) (?:countries|governments|nations|states|sides|neighbou?rs)\b|^[Tt]heir\b", m[0]):
        return listed
    named = []  # the countries named before, also inside a name that holds them ("the agreement between X and Y")
    for x in mentions:
        if x.end <= m.start():
            named += [x.id] if x.kind == "place" and not x.demonym else [
                i for w in re.findall(r"(?-i:[A-Z])[\w’'-]+", x.surface) if x.kind != "place"
                for i, kind in gaz.keys.get(token_key(w), []) if kind == "place"]
    before = list(dict.fromkeys(i for i in named if _is_country(gaz, i)))
    if len(before) != 2:
        return listed
    return [TitleHit(h.name, h.person, h.role, h.role_known, h.organization, c, h.hint, h.start, h.end, "plural")
            for h, c in zip(listed, before, strict=True)]


_PLURAL_OF = re.compile(r"\b(?:[Tt]he|[Bb]oth|[Tt]heir) ((?:[A-Za-z-]+ ){0,2}?[A-Za-z-]+?)s of (?=(?-i:[A-Z]))")


def _respective_titles(text: str, gaz: Gazetteer, mentions: list[Mention], names: list[NameSpan]) -> list[TitleHit]:
    """"the labour ministers of X and Y, A and B": A the post in X, B in Y (as many names as countries).

    >>> from kg.facts.model import Entity
    >>> ents = {"x": Entity("x", "place", "Ostrelia", "", 0, place_type="country"),
    ...         "y": Entity("y", "place", "Varnia", "", 0, place_type="country"),
    ...         "fm": Entity("fm", "role", "Foreign Minister", "", 0)}
    >>> t = "The foreign ministers of Ostrelia and Varnia, Lena Varosh and Ivo Dask, signed."
    >>> [(h.name, h.role, h.country) for h in titles(t, Gazetteer(ents))]
    [('Lena Varosh', 'fm', 'x'), ('Ivo Dask', 'fm', 'y')]
    """
    out: list[TitleHit] = []
    for m in _PLURAL_OF.finditer(text):
        role_words = m[1]
        if role_words.split()[-1].lower() not in ROLE_HEADS:
            continue
        countries, pos = [], m.end()
        while (c := next((x for x in mentions if x.start == pos and x.kind == "place" and _is_country(gaz, x.id)),
                         None)) is not None:
            countries.append(c)
            sep = re.match(r"\s*(?:,\s*and|,|and)\s+", text[c.end:])
            if not sep:
                break
            pos = c.end + sep.end()
        comma = re.match(r"\s*(?:,|[–—:])\s*", text[countries[-1].end:]) if len(countries) >= 2 else None
        if comma is None:
            continue
        people, pos = [], countries[-1].end + comma.end()
        while (n := next((x for x in names if x.start == pos), None)) is not None:
            people.append(n)
            sep = re.match(r"\s*(?:,\s*and|,|and)\s+", text[n.end:])
            if not sep:
                break
            pos = n.end + sep.end()
        if len(people) != len(countries):
            continue
        known = [i for i, kind in gaz.keys.get(token_key(role_words), []) if kind == "role"]
        role = known[0] if known else role_words.title()
        hint = text[m.start():m.end()].strip()
        for name, country in zip(people, countries, strict=True):
            out.append(TitleHit(name.surface, name.id, role, bool(known), None, country.id, hint,
                                m.start() if not out else name.start, name.end, "plural"))
    return out


def _country_member(text: str, gaz: Gazetteer, mentions: list[Mention], names: list[NameSpan],
                    pos: int) -> tuple[NameSpan, str, int] | None:
    """One member of a list after a plural title, at ``pos``: "A of X" or "X's A"; the name, the country and
    where the member ends; a name alone ("the foreign ministers, A and B") has no country (the context's)."""
    name = next((n for n in names if n.start == pos), None)
    if name is not None:
        of = re.match(r"\s+of\s+", text[name.end:])
        place = next((x for x in mentions if of and x.start == name.end + of.end() and x.kind == "place"
                      and _is_country(gaz, x.id)), None)
        if place is None and not of and re.match(r"\s*(?:,|and\b|[.;:)]|$)", text[name.end:]):
            return name, None, name.end
        return (name, place.id, place.end) if place else None
    place = next((x for x in mentions if x.start == pos and x.kind == "place" and _is_country(gaz, x.id)), None)
    poss = re.match(r"(?:’s|'s)\s+", text[place.end:]) if place else None
    name = next((n for n in names if poss and n.start == place.end + poss.end()), None)
    return (name, place.id, name.end) if name else None


_COUNTERPART = re.compile(r"\b(?:his|her|their|its)\s+(?:(?P<dem>[A-Z][\w’'-]+)\s+)?(?:counterpart|opposite number),?"
                          r"\s+")
#: The same after the name: "A and B, his Varnian counterpart (opposite number)".
_COUNTERPART_AFTER = re.compile(r",\s+(?:his|her|their|its)\s+(?:(?P<dem>[A-Z][\w’'-]+)\s+)?"
                                r"(?:counterpart|opposite number)\b")


def _counterparts(text: str, gaz: Gazetteer, mentions: list[Mention], names: list[NameSpan],
                  hits: list[TitleHit]) -> list[TitleHit]:
    """"Oltra and her Varnian counterpart Viktor Renn", "Oltra and Viktor Renn, her Varnian opposite number": the
    post of the person titled before, in the country the demonym names."""
    found = [(m, next((n for n in names if n.start == m.end()), None)) for m in _COUNTERPART.finditer(text)]
    found += [(m, next((n for n in names if n.end == m.start()), None)) for m in _COUNTERPART_AFTER.finditer(text)]
    for m, name in found:
        other = [h for h in hits if h.end <= min(m.start(), name.start if name else m.start())]
        if not other or name is None or any(h.start <= name.start < h.end for h in hits):
            continue
        dem = next((x for x in mentions if m["dem"] and x.start == m.start("dem") and x.kind == "place"), None)
        country = dem.id if dem is not None and _is_country(gaz, dem.id) else None
        o = other[-1]
        role_words = gaz.entities[o.role].label if o.role in gaz.entities else o.role  # the organization from it
        start, end = (m.start(), name.end) if name.start >= m.end() else (name.start, m.end())
        hits.append(TitleHit(name.surface, name.id, o.role, o.role_known, None, country,
                             f"{text[m.start():m.end()].strip(' ,')} ({role_words})", start, end, "counterpart"))
    return sorted(hits, key=lambda h: h.start)


#: The style of a state before its name: "the Minister of Foreign Affairs of the Republic of Corvenna".
_STATE_STYLE = (r"(?:(?:Federal|Democratic|Socialist|United|Islamic|People[’']s|Arab|Hashemite|Grand|Plurinational"
                r"|Cooperative|Independent|Sovereign|Constitutional)\s+)*(?:Republic|Kingdom|Principality|Duchy"
                r"|Sultanate|Emirate|Commonwealth|Federation|Confederation|State|Union)\s+of\s+(?:the\s+)?")


def _after_role(text: str, r: Mention, others: list[Mention]) -> tuple[str | None, str | None, int]:
    """The organization or country written after a role: "of X", "to X", "of the Republic of X".

    >>> from kg.draft.names import Mention
    >>> t = "the Minister of Foreign Affairs of the Kingdom of Varnia, Ivo Dask"
    >>> r, x = Mention("fm", "role", 4, 31, ""), Mention("v", "place", 50, 56, "Varnia")
    >>> _after_role(t, r, [x])
    (None, 'v', 56)
    """
    for m in others:  # a portfolio of two may stand between: "the Minister of Transport and Infrastructure of X"
        if m.start >= r.end and re.fullmatch(r"(?:\s+and\s+[A-Z][\w-]+)?\s+(?:of|for|at|to)\s+(?:the\s+)?(?:"
                                             + _STATE_STYLE + ")?", text[r.end:m.start]):
            end = m.end
            paren = re.match(r"\s*\([^)]{1,20}\)", text[end:])
            end += paren.end() if paren else 0
            if m.kind == "organization":
                return m.id, None, end
            return None, m.id, end
    return None, None, r.end


#: Words between a country's possessive and the title that do not change the post: "Belmora's new ambassador".
_POSSESSIVE_MODIFIERS = (r"(?:(?:new|newly|recently|appointed|named|incoming|outgoing|long-serving|first|top"
                         r"|government)\s+)*")  # "Ostrelia's government spokesperson": the country's


def _before(text: str, pos: int, others: list[Mention]) -> Mention | None:
    """The country or organization written right before a title ("Varnian", "Belmora's new").

    >>> from kg.draft.names import Mention
    >>> _before("Belmora's newly appointed ambassador", 26, [Mention("b", "place", 0, 7, "Belmora")]).id
    'b'
    """
    for m in reversed(others):
        if m.end <= pos:
            if re.fullmatch(r"\s*(?:’s|'s)?\s*", text[m.end:pos]) or re.fullmatch(
                    r"(?:’s|')s?\s+" + _POSSESSIVE_MODIFIERS, text[m.end:pos]):
                return m
            return None
    return None


def _is_country(gaz: Gazetteer, ident: str) -> bool:
    return getattr(gaz.entities.get(ident), "place_type", None) == "country"


def _carry_country(text: str, hits: list[TitleHit]) -> list[TitleHit]:
    out: list[TitleHit] = []
    for h in hits:
        prev = out[-1] if out else None
        if (prev and h.country is None and h.organization is None and prev.country
                and re.fullmatch(r"\s*,?\s*(?:and\s+)?", text[prev.end:h.start])):
            h = TitleHit(h.name, h.person, h.role, h.role_known, None, prev.country, h.hint, h.start, h.end, "list")
        out.append(h)
    return out


#: Words that name a legislature, for a Speaker or a member of parliament (first six letters).
_LEGISLATURE = {"parlia", "assemb", "congre", "majlis", "legisl", "senate", "duma", "chambe"}


def guess_organization(gaz: Gazetteer, hint: str, country: str | None) -> tuple[str | None, str]:
    """The organization a title implies, and why; None when the registry has none to offer.

    >>> from kg.facts.model import Entity
    >>> ents = {"x": Entity("x", "place", "X", "", 0, place_type="country"),
    ...         "gov": Entity("gov", "organization", "Government of X", "", 0, country="x"),
    ...         "parl": Entity("parl", "organization", "X Parliament", "", 0, country="x")}
    >>> guess_organization(Gazetteer(ents), "Parliament Speaker", "x")[0]
    'parl'
    >>> guess_organization(Gazetteer(ents), "Prime Minister", "x")[0]
    'gov'
    >>> ents["pmo"] = Entity("pmo", "organization", "Office of the Prime Minister of X", "", 0, country="x")
    >>> guess_organization(Gazetteer(ents), "Prime Minister", "x")[0]  # the office serves the post: not its holder's
    'gov'
    >>> ents["op"] = Entity("op", "organization", "Office of the President of X", "", 0, country="x",
    ...                     aliases=["X presidency"])
    >>> guess_organization(Gazetteer(ents), "President", "x")[0]  # but the presidency is the president's
    'op'
    """
    if country is None:
        return None, "no organization or country in the title"
    country_words = set(name_key(gaz.entities[country].label).split()) if country in gaz.entities else set()
    stems = {w[:6] for w in name_key(hint).split() if len(w) > 3 and w not in country_words
             and not any(w.startswith(c) for c in country_words) and w[:6] not in ("govern", "minist")}
    if stems & {"speake", "parlia"}:
        stems |= _LEGISLATURE
    if stems & {"protoc", "diplom"}:  # a chief of protocol, a top diplomat, serves in the foreign ministry
        stems |= {"foreig"}
    best, best_score, government = None, 0, None
    for e in gaz.entities.values():
        if e.kind != "organization" or e.country != country:
            continue
        if name_key(e.label).startswith("office of") and not any(  # the staff of a post, not its holder's body,
                "presidency" in name_key(n) for n in e.aliases):  # unless it is the presidency a president heads
            continue
        words = {w[:6] for name in [e.label, *e.aliases] for w in name_key(name).split() if len(w) > 3}
        if "govern" in words and government is None:
            government = e.id
        score = len(stems & words)
        if score > best_score:
            best, best_score = e.id, score
    if best:
        return best, f"the title shares a word with {gaz.entities[best].label}"
    if government:
        return government, f"the post belongs to the country's government ({gaz.entities[government].label})"
    return None, "the registry has no organization of that country to hold the post"
