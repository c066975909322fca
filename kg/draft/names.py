"""The registry as a gazetteer: every label and alias, found in a sentence however it is written.

Names are compared with ``kg.names.name_key`` (case, accents, quotes and hyphens do not matter), the
longest match wins, and persons, organizations and places must be capitalised in the text (topics and
roles need not be: "the head of"). Countries are also found by their demonyms ("Iraqi", "Iranian") and
possessives ("Iran’s").

>>> from kg.facts.model import Entity
>>> ents = {"iraq": Entity("iraq", "place", "Iraq", "", 0, place_type="country"),
...         "sudani": Entity("sudani", "person", "Mohammed Shia' Al-Sudani", "", 0, aliases=["Al-Sudani"]),
...         "pm": Entity("pm", "role", "Prime Minister", "", 0)}
>>> g = Gazetteer(ents)
>>> s = "Iraqi Prime Minister Mohammed Shia Al-Sudani spoke."
>>> [(m.id, m.surface, m.demonym) for m in g.find(s)]
[('iraq', 'Iraqi', True), ('pm', 'Prime Minister', False), ('sudani', 'Mohammed Shia Al-Sudani', False)]
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field, replace

from kg.draft.text import tokens
from kg.names import name_key

#: Kinds that are proper names, so must start with a capital letter in the text.
PROPER = {"person", "organization", "place"}
#: When one spelling names entities of several kinds, the first kind listed wins.
KIND_ORDER = ("person", "organization", "place", "role", "topic", "agreement")
_DEMONYM_SUFFIXES = ("i", "ian", "n", "an", "ese", "ish", "ic", "ean")
MAX_TOKENS = 10
#: Journalists' periphrases of a post, found as the registry's role with that label ("Varnia's top diplomat, A":
#: its foreign minister).
PERIPHRASES = {"Foreign Minister": ("top diplomat", "chief diplomat")}


@dataclass(frozen=True)
class Mention:
    """A name found in a sentence: the entity, its kind, the characters it spans, as written."""

    id: str
    kind: str
    start: int
    end: int
    surface: str
    demonym: bool = False  # "Iraqi" for Iraq, "Iran’s" is a plain mention followed by a possessive


@dataclass
class Gazetteer:
    """Every name of the registry's entities (and of entities proposed in this draft), by name key."""

    entities: dict
    keys: dict[str, list[tuple[str, str]]] = field(default_factory=dict)
    spellings: dict[str, set[str]] = field(default_factory=dict)  # id -> exact spellings known

    def __post_init__(self) -> None:
        for e in self.entities.values():
            self.add(e.id, e.kind, [e.label, *e.aliases])
        for e in self.entities.values():
            if e.kind == "role" and e.label in PERIPHRASES:
                self.add(e.id, e.kind, list(PERIPHRASES[e.label]))

    def add(self, ident: str, kind: str, names: list[str]) -> None:
        """Make ``names`` find ``ident`` (of ``kind``)."""
        for name in names:
            key = token_key(name)
            if not key:
                continue
            slot = self.keys.setdefault(key, [])
            if (ident, kind) not in slot:
                slot.append((ident, kind))
                slot.sort(key=lambda x: KIND_ORDER.index(x[1]))
            self.spellings.setdefault(ident, set()).add(name)

    def kind_of(self, ident: str) -> str | None:
        e = self.entities.get(ident)
        return e.kind if e else None

    def find(self, text: str) -> list[Mention]:
        """Every mention in ``text``, left to right, longest first, never overlapping."""
        toks = tokens(text)
        tkeys = [name_key(text[a:b]) for a, b in toks]
        out: list[Mention] = []
        i = 0
        while i < len(toks):
            hit = None
            if not text[toks[i][0]].isalnum():
                i += 1
                continue
            for j in range(min(len(toks), i + MAX_TOKENS) - 1, i - 1, -1):
                a, b = toks[i][0], toks[j][1]
                if not (text[toks[j][0]].isalnum() or (text[a:b].endswith(")") and "(" in text[a:b])):
                    continue
                surface = text[a:b]
                found = self.keys.get(" ".join(k for k in tkeys[i:j + 1] if k))
                if found:
                    for ident, kind in found:
                        if kind in PROPER and not surface[0].isupper() and not surface[0].isdigit():
                            continue
                        hit = Mention(ident, kind, a, b, surface), j
                        break
                if hit:
                    break
            if hit is None:
                dem = self._demonym(text[toks[i][0]:toks[i][1]])
                if dem:
                    hit = Mention(dem, "place", toks[i][0], toks[i][1], text[toks[i][0]:toks[i][1]], True), i
            if hit:
                out.append(hit[0])
                i = hit[1] + 1
            else:
                i += 1
        return out

    def _demonym(self, word: str) -> str | None:
        if not word[:1].isupper() or len(word) < 4:
            return None
        low = word.casefold()
        for suffix in _DEMONYM_SUFFIXES:
            if low.endswith(suffix):
                stem = low[: -len(suffix)]
                for cand in (stem, stem + "a", stem + "e", stem + "y"):
                    for ident, kind in self.keys.get(cand, []):
                        if kind == "place" and getattr(self.entities.get(ident), "place_type", None) == "country":
                            return ident
        for suffix in _DEMONYM_SUFFIXES:  # "Dunkellish" for Dunkellow: the one country whose name the stem begins
            stem = low[: -len(suffix)] if low.endswith(suffix) else ""
            if len(stem) >= 5:
                near = [i for i, key in self._countries() if key.startswith(stem) and len(key) - len(stem) <= 3]
                if len(near) == 1:
                    return near[0]
        return None

    def _countries(self) -> list[tuple[str, str]]:
        """(id, name key of the label) of every country of the registry, computed once."""
        if not hasattr(self, "_country_keys"):
            self._country_keys = [(i, name_key(e.label)) for i, e in self.entities.items()
                                  if e.kind == "place" and getattr(e, "place_type", None) == "country"]
        return self._country_keys

    def is_new_spelling(self, ident: str, surface: str) -> bool:
        """True when ``surface`` finds ``ident`` only through loose matching (a spelling to add as an alias)."""
        return surface not in self.spellings.get(ident, set()) and not _case_only(surface, self.spellings[ident])


def token_key(name: str) -> str:
    """``name_key`` of each token, joined: the key a name is found by ("Iran’s" is "iran s").

    >>> token_key("Iraq’s National Wisdom Movement"), token_key("Mohammed Shia' Al-Sudani")
    ('iraq s national wisdom movement', 'mohammed shia al sudani')
    """
    return " ".join(k for k in (name_key(name[a:b]) for a, b in tokens(name)) if k)


def _case_only(surface: str, known: set[str]) -> bool:
    return any(surface.casefold() == k.casefold() for k in known)


#: Honorifics left out of a person's label (kept in an alias).
HONORIFICS = {"seyyed", "sayyid", "sayed", "sheikh", "shaikh", "dr", "mr", "mrs", "ms", "sir", "madam", "h.e",
              "his", "her", "excellency", "prof", "professor", "honourable", "honorable", "hon"}
#: The forms of address of formal (often translated) prose before a name or a post: "His Excellency Mr.",
#: "Her Excellency Mrs.", "the Honourable", "H.E.", "Dr.".
_ADDRESS = re.compile(r"\b(?:(?:(?:His|Her|Their)\s+(?:Excellenc(?:y|ies)|(?:Royal\s+)?Highness|Majesty)|H\.\s?E\."
                      r"|(?:[Tt]he\s+)?(?:Rt\.?\s+)?Hon(?:ourable|orable|\.))\s+)+(?:(?:Mr|Mrs|Ms|Dr|Madam|Madame)\.?\s+)?"
                      r"|\b(?:Mr|Mrs|Ms|Dr)\.?\s+(?=[A-Z])")


def forms_of_address(text: str) -> list[tuple[int, int]]:
    """Where a form of address stands before a capitalised word: words of no clause of their own, passed over
    as a title's are ("received at the Palace Her Excellency Mrs. A": A is the one received; "Her" is no pronoun).

    >>> s = "His Excellency Mr. Ivo Santer received Her Excellency the Minister and the Honourable Ada Lund."
    >>> [s[a:b] for a, b in forms_of_address(s)]
    ['His Excellency Mr. ', 'Her Excellency ', 'the Honourable ']
    """
    return [(m.start(), m.end()) for m in _ADDRESS.finditer(text)
            if re.match(r"(?:the\s+)?[A-Z]", text[m.end():])]

#: A post written alone, capitalised, right before a name ("Minister Brel", "President Santer"): the gazetteer
#: reads no post in it (it names no country or ministry), but it is a title's word all the same.
_BARE_POST = re.compile(r"\b(?:(?:Deputy|Vice|Prime|Foreign|Trade)\s+)?(?:Minister|President|Ambassador|Envoy|Premier"
                        r"|Chancellor|Speaker|Secretary|Governor|Mayor|Senator|Commissioner)\s+$")


def bare_posts(text: str, mentions: list, spans: list[tuple[int, int]]) -> list[tuple[int, int]]:
    """Where a post alone stands before a person's name and no title was read there: words passed over as a
    title's are ("Minister A and Minister B spoke": A and B coordinated).

    >>> from kg.draft.names import Mention
    >>> s = "Minister Brel and Minister Santer spoke."
    >>> ms = [Mention("a", "person", 9, 13, "Brel"), Mention("b", "person", 27, 33, "Santer")]
    >>> [s[a:b] for a, b in bare_posts(s, ms, [])]
    ['Minister ', 'Minister ']
    """
    out = []
    for m in mentions:
        post = _BARE_POST.search(text, 0, m.start) if m.kind == "person" else None
        if post and not any(a <= post.start() < b for a, b in spans):
            out.append((post.start(), m.start))
    return out


PARTICLES = {"al", "el", "bin", "ibn", "bint", "de", "da", "van", "von", "der", "la", "le", "di", "du", "abu"}


def person_names(surface: str) -> tuple[str, list[str]]:
    """The label and the aliases to propose for a newly met person.

    >>> person_names("Seyyed Ammar al-Hakim")
    ('Ammar al-Hakim', ['Seyyed Ammar al-Hakim', 'Al-Hakim', 'Hakim'])
    >>> person_names("Lena Varosh")
    ('Lena Varosh', ['Varosh'])
    """
    words = surface.split()
    while len(words) > 2 and words[0].rstrip(".").casefold() in HONORIFICS:
        words = words[1:]
    label = " ".join(words)
    aliases = [surface] if label != surface else []
    last = words[-1]
    m = re.fullmatch(r"(?i)(al|el)[-‐](\w.*)", last)
    if m:
        aliases += [f"{m[1].capitalize()}-{m[2]}", m[2]]
    elif len(words) > 1:
        aliases.append(last)
    return label, aliases


def slug(text: str) -> str:
    """An id from a name: ``name_key`` with hyphens.

    >>> slug("Mohammed Shia' Al-Sudani")
    'mohammed-shia-al-sudani'
    """
    s = "-".join(name_key(text).split())
    s = re.sub(r"[^a-z0-9-]", "", s.encode("ascii", "ignore").decode()) or "x"
    return s if s[0].isalpha() else "x-" + s


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



def within(gaz: Gazetteer, inner: str | None, outer: str | None) -> bool:
    """True when place ``inner`` is ``outer`` or lies in it (by the registry's located_in)."""
    seen = set()
    while inner and inner not in seen:
        if inner == outer:
            return True
        seen.add(inner)
        e = gaz.entities.get(inner)
        inner = (getattr(e, "located_in", None) or [None])[0]
    return False


#: Words that name an organization by its kind alone once its full name was given ("the Forum", "the Commission").
_KIND_WORDS = {"forum", "commission", "council", "union", "league", "organization", "organisation", "alliance",
               "assembly", "parliament", "institute", "agency", "committee", "secretariat", "bank", "court"}


def _kind_word(surface: str) -> str:
    return surface.split()[-1] if surface.split() else surface


def _bare_kind(surface: str) -> bool:
    """Whether a name as written is a kind word alone ("the Council"), which a registry may list as an alias:
    in an article that names another council in full, that one is meant."""
    words = surface.split()
    return 1 <= len(words) <= 2 and (len(words) == 1 or words[0].lower() == "the") and words[-1].lower() in _KIND_WORDS


def _head_word(label: str) -> str:
    """The word of a label that names the organization's kind: its last, or the last before "of" ("Amber Sea
    Forum", "Council of the Amber Sea": "Forum", "Council").

    >>> _head_word("Amber Sea Forum"), _head_word("Council of the Amber Sea")
    ('Forum', 'Council')
    """
    head = label.split(" of ")[0].split()
    return head[-1] if head else label


def short_names(texts: list[str], gaz: Gazetteer) -> dict[str, str]:
    """The organizations of the article that a later "the Forum" can name: the last word of the label of each
    one named in it (the last before "of": "the Council of the Amber Sea"), when no other organization named there
    has that word.

    >>> from kg.facts.model import Entity
    >>> g = Gazetteer({"f": Entity("f", "organization", "Amber Sea Forum", "", 0)})
    >>> short_names(["The Amber Sea Forum met."], g)
    {'Forum': 'f'}
    """
    named = {m.id for t in texts for m in gaz.find(t) if m.kind == "organization" and not _bare_kind(m.surface)}
    ends: dict[str, list[str]] = {}
    for ident in named:
        word = _head_word(gaz.entities[ident].label)
        if word.lower() in _KIND_WORDS and word[:1].isupper():
            ends.setdefault(word, []).append(ident)
    return {w: ids[0] for w, ids in ends.items() if len(ids) == 1}


def find_short(gaz: Gazetteer, text: str, short: dict[str, str]) -> list[Mention]:
    """The gazetteer's mentions of ``text``, and "the Forum" for the organization ``short`` gives that word.

    >>> from kg.facts.model import Entity
    >>> g = Gazetteer({"f": Entity("f", "organization", "Amber Sea Forum", "", 0)})
    >>> [(m.id, m.surface) for m in find_short(g, "The Forum's chair spoke.", {"Forum": "f"})]
    [('f', 'Forum')]
    """
    mentions = [replace(m, id=short[_kind_word(m.surface)]) if m.kind == "organization" and _bare_kind(m.surface)
                and _kind_word(m.surface) in short else m for m in gaz.find(text)]
    for word, ident in short.items():  # "the Secretary-General of the Forum", "the Forum’s Secretary-General"
        for m in re.finditer(rf"(?<=[Tt]he ){word}\b", text):
            if not any(x.start <= m.start() < x.end for x in mentions):
                mentions.append(Mention(ident, "organization", m.start(), m.end(), word))
    return sorted(mentions, key=lambda m: m.start)
