"""The invented world a generated corpus reports on: countries, cities, venues, organizations, posts and who
holds them over time, roles, topics, agreements; and the registry (``entities.yaml``) of what articles used.

Everything is created lazily, in the order articles ask for it, from the one seeded ``random.Random`` of the
corpus: the first N articles of a bigger corpus are the same N articles, and the registry only lists what
some article mentions (it grows with the corpus). Every name is made up (syllables, and the name parts of
``kg.generate.synthetic``); ids are the slugs of the labels, checked unique.

>>> import random
>>> w = World(random.Random(1), design=False)
>>> c = w.country(0)
>>> holder = w.holder(c, "foreign-minister", w.epoch)
>>> w.use(holder.id)
>>> sorted(w.registry_sections())
['persons', 'places']
"""

from __future__ import annotations

import random
from dataclasses import dataclass, field
from datetime import date, timedelta

from kg.generate.synthetic import _FIRST, _SYLLABLES, _TOPIC_A, _TOPIC_B

#: Posts of a country: role id, label, the organization kind it is in, one holder at a time.
POSTS = (
    ("president", "President", "presidency", True),
    ("vice-president", "Vice President", "presidency", False),
    ("prime-minister", "Prime Minister", "government", True),
    ("foreign-minister", "Foreign Minister", "foreign-ministry", True),
    ("deputy-foreign-minister", "Deputy Foreign Minister", "foreign-ministry", False),
    ("defence-minister", "Defence Minister", "defence-ministry", True),
    ("speaker-of-parliament", "Speaker of Parliament", "parliament", True),
    ("spokesperson", "Spokesperson", "foreign-ministry", True),
    ("governor", "Governor", "central-bank", True),
    ("party-leader", "Party Leader", "party", True),
)
#: Organizations of a country: kind -> (label pattern, alias pattern or None, part of the government).
ORG_KINDS = {
    "government": ("Government of {c}", "{c} government", False),
    "presidency": ("Presidency of {c}", None, True),
    "foreign-ministry": ("Ministry of Foreign Affairs of {c}", "{c} Foreign Ministry", True),
    "defence-ministry": ("Ministry of Defence of {c}", "{c} Defence Ministry", True),
    "parliament": ("Parliament of {c}", "{c} Parliament", False),
    "central-bank": ("Central Bank of {c}", None, False),
    "party": ("{c} Unity Party", None, False),
}
_ROLE_TEXT = {
    "president": "The head of state of a country.",
    "vice-president": "A deputy of the head of state.",
    "prime-minister": "The head of government of a country.",
    "foreign-minister": "The minister in charge of a country's foreign affairs.",
    "deputy-foreign-minister": "A deputy of the foreign minister.",
    "defence-minister": "The minister in charge of a country's armed forces.",
    "speaker-of-parliament": "The presiding officer of a parliament.",
    "spokesperson": "The official who speaks for a ministry.",
    "governor": "The head of a central bank.",
    "party-leader": "The leader of a political party.",
    "secretary-general": "The chief officer of an international organization.",
}
#: Invented international organizations (label, alias), met at conferences.
BLOCS = (("Council of Northern States", "CNS"), ("Union of Coastal Nations", "UCN"),
         ("Forum for Regional Dialogue", "FRD"), ("League of Inland Republics", "LIR"),
         ("Organization for Maritime Cooperation", "OMC"), ("Assembly of River Nations", "ARN"))
_SURNAME_ENDS = ("i", "ov", "ez", "ani")
_COUNTRY_ENDS = ("ia", "stan", "land", "a")


def slug(text: str) -> str:
    """An id from a label: lowercase letters and digits, single hyphens.

    >>> slug("Ministry of Foreign Affairs of Karia")
    'ministry-of-foreign-affairs-of-karia'
    """
    return "-".join("".join(c if c.isalnum() else " " for c in text.lower()).split())


def made_up(i: int, syllables: int, end: str) -> str:
    """The ``i``-th invented name of this many syllables: distinct for distinct ``i`` below 25**syllables."""
    k, parts = (i * 7919 + 4241) % len(_SYLLABLES) ** syllables, []
    for _ in range(syllables):
        k, r = divmod(k, len(_SYLLABLES))
        parts.append(_SYLLABLES[r])
    return "".join(parts).capitalize() + end


@dataclass
class Person:
    id: str
    label: str
    surname: str
    country: str  # a country id


@dataclass
class Term:
    person: Person
    start: date
    end: date  # the first day out of office
    acting: bool = False


@dataclass
class Country:
    index: int
    id: str
    label: str
    cities: list[tuple[str, str]]  # (id, label), the capital first
    venues: list[tuple[str, str, str]]  # (id, label, city id)
    orgs: dict[str, tuple[str, str]]  # kind -> (id, label)
    terms: dict[str, list[Term]] = field(default_factory=dict)  # role id -> terms in order


class World:
    """Who and what the corpus talks about, created on first use; ``use`` marks what goes in the registry."""

    def __init__(self, rng: random.Random, *, design: bool, epoch: date = date(2021, 1, 4)):
        self.rng, self.design, self.epoch = rng, design, epoch
        # Posts of a state (``state: <country>`` in a membership, docs/design.md): the loader reads them, but
        # the shapes still want every membership in an organization, so they stay off until those agree.
        self.state_posts = False
        self.countries: list[Country] = []
        self.records: dict[str, tuple[str, dict]] = {}  # id -> (registry section, fields), in creation order
        self.used: dict[str, None] = {}  # ids of the registry, in order of first use
        self.persons = 0
        self.topics = self._topics()
        self.blocs = [self._entity("organizations", {"id": slug(label), "label": label, "aliases": [alias]})
                      for label, alias in BLOCS]
        for role, label, _, single in POSTS:
            self._role(role, label, single)
        self._role("secretary-general", "Secretary General", True)
        self.bloc_heads: dict[str, list[Term]] = {}
        self.agreements = 0

    # --- the registry ---------------------------------------------------------------------------------------
    def _entity(self, section: str, fields: dict) -> str:
        ident = fields["id"]
        if ident in self.records:
            raise ValueError(f"the generator made the id {ident!r} twice")
        self.records[ident] = (section, fields)
        return ident

    def _role(self, ident: str, label: str, single: bool) -> None:
        fields = {"id": ident, "label": label, "description": _ROLE_TEXT[ident]}
        if self.design and single:
            fields["single_holder"] = True
        self._entity("roles", fields)

    def use(self, ident: str) -> None:
        """Put ``ident`` (and what its record refers to) in the registry."""
        if ident in self.used or ident not in self.records:
            return
        self.used[ident] = None
        fields = self.records[ident][1]
        for key in ("country", "part_of", "located_in", "broader"):
            if key in fields:
                self.use(fields[key])

    def registry_sections(self) -> dict[str, list[dict]]:
        """The used records by section, in order of first use."""
        out: dict[str, list[dict]] = {}
        for ident in self.used:
            section, fields = self.records[ident]
            out.setdefault(section, []).append(fields)
        return out

    def label(self, ident: str) -> str:
        return self.records[ident][1]["label"]

    # --- places and organizations -----------------------------------------------------------------------------
    def country(self, i: int) -> Country:
        """The ``i``-th country, made (with its cities, venues and organizations) when first asked for."""
        while len(self.countries) <= i:
            self.countries.append(self._country(len(self.countries)))
        return self.countries[i]

    def _country(self, k: int) -> Country:
        label = made_up(k, 2, _COUNTRY_ENDS[k % 4])
        cid = self._entity("places", {"id": slug(label), "label": label, "type": "country"})
        cities = []
        for j in range(1 + k % 3):
            city = made_up(k * 3 + j, 3, "")
            cities.append((self._entity("places", {"id": slug(city), "label": city, "type": "city",
                                                   "located_in": cid}), city))
        venues = []
        if self.design:
            capital_id, capital = cities[0]
            for name in (f"Palace of {capital}", f"{label} Parliament Building"):
                venues.append((self._entity("places", {"id": slug(name), "label": name, "type": "venue",
                                                       "located_in": capital_id}), name, capital_id))
        orgs = {}
        gov = slug(f"Government of {label}")
        for kind, (pattern, alias, in_government) in ORG_KINDS.items():
            name = pattern.format(c=label)
            fields: dict = {"id": slug(name), "label": name}
            if alias:
                fields["aliases"] = [alias.format(c=label)]
            fields["country"] = cid
            if in_government:
                fields["part_of"] = gov
            orgs[kind] = (self._entity("organizations", fields), name)
        return Country(k, cid, label, cities, venues, orgs)

    # --- persons and posts ------------------------------------------------------------------------------------
    def _person(self, country: str) -> Person:
        i = self.persons
        self.persons += 1
        first = _FIRST[(i * 17 + 3) % len(_FIRST)]
        surname = made_up(i, 3, _SURNAME_ENDS[i % 4])
        label = f"{first} {surname}"
        ident = self._entity("persons", {"id": slug(label), "label": label,
                                         "aliases": [surname, f"{first[0]}. {surname}"], "country": country})
        return Person(ident, label, surname, country)

    def _extend(self, terms: list[Term], country: str, until: date) -> None:
        rng = self.rng
        if not terms and rng.random() < 0.12:  # the corpus begins while someone is acting in the post
            start = self.epoch - timedelta(days=rng.randrange(5, 60))
            terms.append(Term(self._person(country), start, start + timedelta(days=rng.randrange(60, 120)),
                              acting=True))
        if not terms:
            start = self.epoch - timedelta(days=rng.randrange(60, 2200))
            terms.append(Term(self._person(country), start, start + timedelta(days=rng.randrange(400, 1900))))
        while terms[-1].end <= until:
            start = terms[-1].end
            if rng.random() < 0.15:  # an interim: someone acting in the post until a holder is appointed
                end = start + timedelta(days=rng.randrange(20, 90))
                terms.append(Term(self._person(country), start, end, acting=True))
                start = end
            terms.append(Term(self._person(country), start, start + timedelta(days=rng.randrange(300, 1900))))

    def term(self, c: Country, role: str, on: date) -> Term:
        """The term of whoever holds ``role`` in country ``c`` on day ``on``."""
        terms = c.terms.setdefault(role, [])
        self._extend(terms, c.id, on)
        return next(t for t in terms if t.start <= on < t.end)

    def holder(self, c: Country, role: str, on: date) -> Person:
        return self.term(c, role, on).person

    def post_org(self, c: Country, role: str) -> tuple[str, str]:
        """The organization a post of ``c`` is in: (id, label)."""
        kind = next(k for r, _, k, _ in POSTS if r == role)
        return c.orgs[kind]

    def bloc_head(self, bloc: str, on: date) -> Term:
        """The secretary general of an international organization on a day (a citizen of some country)."""
        terms = self.bloc_heads.setdefault(bloc, [])
        nationality = self.country(self.rng.randrange(len(self.countries))).id
        self._extend(terms, nationality, on)
        return next(t for t in terms if t.start <= on < t.end)

    # --- topics and agreements --------------------------------------------------------------------------------
    def _topics(self) -> list[str]:
        """Topic ids, most used first: a field ("Energy affairs") and its narrower topics ("Energy security")."""
        broad, narrow = [], []
        for a in _TOPIC_A:
            top = self._entity("topics", {"id": slug(f"{a} affairs"), "label": f"{a} affairs"})
            broad.append(top)
            for b in _TOPIC_B:
                if b in ("affairs", a.lower()):
                    continue
                fields: dict = {"id": slug(f"{a} {b}"), "label": f"{a} {b}"}
                if b == "cooperation":
                    fields["aliases"] = [f"{a.lower()} collaboration"]
                fields["broader"] = top
                narrow.append(self._entity("topics", fields))
        self.rng.shuffle(narrow)
        return narrow + broad

    def pick_topics(self, k: int) -> list[str]:
        """``k`` distinct topics, skewed: a few are in the news all the time."""
        out: dict[str, None] = {}
        while len(out) < k:
            out[self.topics[int(len(self.topics) * self.rng.random() ** 2.2)]] = None
        return list(out)

    def topic_words(self, ident: str) -> str:
        return self.label(ident).lower()

    def agreement(self, a: Country, b: Country, topic: str, year: int) -> str:
        """A new agreement between two countries on a topic (design fields only)."""
        self.agreements += 1
        kind = ("memorandum", "agreement", "treaty", "declaration")[self.agreements % 4]
        noun = {"memorandum": "Memorandum of Understanding", "agreement": "Agreement", "treaty": "Treaty",
                "declaration": "Joint Declaration"}[kind]
        label = f"{a.label}–{b.label} {noun} on {self.label(topic)} ({year}, no. {self.agreements})"
        return self._entity("agreements", {"id": slug(label), "label": label, "kind": kind,
                                           "description": f"Signed by {a.label} and {b.label}."})


__all__ = ["BLOCS", "POSTS", "Country", "Person", "Term", "World", "made_up", "slug"]
