"""Names -> entities: an id, a label or any alias, case- and accent-insensitive; search and suggestions.

Names are looked up in the store, never in the YAML: the ``rdfs:label``, ``skos:altLabel`` and id of
every resource of the merged view (the default graph: the registry and every source's facts; the
ontology's labels of its own classes and the inferred graph are left out), compared through
``kg.names.name_key``.
A name that matches nothing raises ``UnknownEntityError`` with "did you mean" suggestions; a name that
matches two entities of the kind asked for raises ``AmbiguousNameError`` listing them.

With ``close=True`` (a named question's parameter, ``kg search``'s line about it) a name that is not a
name of the graph may still be taken as the one entity that matches it best, by the scoring of ``search``
(a prefix, a word, a part of a name, or nearly the same letters): ``closest``. Several entities at the
best score is ``AmbiguousNameError``; ``note`` says, for the CLI's stderr, when a name was taken as an
entity it does not spell exactly.

The index of names is built once per store, on the first lookup of a name that is not an id, and
checked on every hit; ``forget(graph)`` drops it after the store was edited.

>>> import kg
>>> g = kg.build("data", shacl=False)
>>> resolve(g, "Mohammed Shia’ al-Sudani", "actor") == resolve(g, "SUDANI") == resolve(g, "mohammed-shia-al-sudani")
True
>>> resolve(g, "Zarf")
Traceback (most recent call last):
...
kg.errors.UnknownEntityError: no entity is called 'Zarf'; did you mean Mohammad Javad Zarif (mohammad-javad-zarif)?
>>> m = lookup(g, "Zarf", "person", close=True)
>>> note("Zarf", m)
"'Zarf' taken as Mohammad Javad Zarif (id:mohammad-javad-zarif)"
>>> [(m.id, m.type) for m in search(g, "hassan")][:2]
[('mohammed-al-hassan', 'dkg:Person'), ('zarif-meets-al-hassan-2025-02', 'dkg:Meeting')]
"""

from __future__ import annotations

import re
from collections import OrderedDict, defaultdict
from typing import TYPE_CHECKING, NamedTuple, cast
from urllib.parse import quote

from pyoxigraph import DefaultGraph, NamedNode, QuerySolutions, Store, Triple

from kg.errors import AmbiguousNameError, QueryError, UnknownEntityError  # noqa: F401  (re-exported)
from kg.names import name_key
from kg.vocab import DKG, DKG_NS, ID_NS, PREFIXES, RDF_TYPE, RDFS, SKOS, compact

if TYPE_CHECKING:
    from kg.graph import KnowledgeGraph

_EVENTS = (DKG.Meeting, DKG.Talks, DKG.PhoneCall, DKG.Visit, DKG.Arrival, DKG.Reception, DKG.Conference,
           DKG.Signing, DKG.JointStatement, DKG.PressConference, DKG.Event)
#: Kinds of entity a name may be asked to be: the classes (any of) and how to say it in a message.
KINDS: dict[str, tuple[tuple[str, ...] | None, str]] = {
    "entity": (None, "anything with a name"),
    "actor": ((DKG.Person, DKG.Organization, DKG.Actor), "a person or organization"),
    "person": ((DKG.Person,), "a person"),
    "organization": ((DKG.Organization,), "an organization"),
    "place": ((DKG.Country, DKG.City, DKG.Region, DKG.Venue, DKG.Place), "a place (country, city, region, venue)"),
    "country": ((DKG.Country,), "a country"),
    "body": ((DKG.Organization, DKG.Country), "an organization or a country (where a post is held)"),
    "city": ((DKG.City,), "a city"),
    "topic": ((DKG.Topic,), "a topic"),
    "role": ((DKG.Role,), "a role"),
    "event": (_EVENTS, "an event (meeting, call, visit, reception, signing...)"),
    "membership": ((DKG.Membership,), "a membership"),
    "statement": ((DKG.Statement,), "a statement"),
    "fact": ((*_EVENTS, DKG.Membership, DKG.Statement), "a fact (event, membership or statement)"),
    "source": ((DKG.SourceDocument,), "a source document"),
}
#: Most specific first: ``Match.type`` is the first of these an entity has.
_ORDER = [DKG[c] for c in ("Meeting Talks PhoneCall Visit Arrival Reception Conference Signing JointStatement "
                           "PressConference Person Organization Country City Venue Region Role Agreement Membership "
                           "Statement Topic TopicScheme SourceDocument Event Actor Place").split()]
_DEFAULT = DefaultGraph()
# Names and types of the merged view (the default graph): every asserted fact once.
_NAMES_QUERY = """SELECT ?x ?p ?name WHERE {
  VALUES ?p { rdfs:label skos:altLabel }
  ?x ?p ?name FILTER(isIRI(?x))
}"""
_TYPES_QUERY = f"""SELECT ?x ?type WHERE {{
  ?x a ?type FILTER(isIRI(?x) && STRSTARTS(STR(?type), "{DKG_NS}"))
}}"""
_SLUG = re.compile(r"[A-Za-z0-9][\w.~-]*")


class Match(NamedTuple):
    """An entity found by name: its IRI, id (``id:`` local name, else the compact IRI), most specific
    ``dkg:`` class, label and aliases."""

    iri: str
    id: str
    type: str
    label: str
    aliases: tuple[str, ...] = ()
    types: frozenset[str] = frozenset()

    def __str__(self) -> str:
        return f"{self.label} ({self.id}, {self.type or 'untyped'})"

    def fits(self, kind: str) -> bool:
        classes = _classes(kind)
        return classes is None or not self.types.isdisjoint(classes)





def _store(graph: KnowledgeGraph | Store) -> Store:
    return graph if isinstance(graph, Store) else graph.store


def _classes(kind: str) -> tuple[str, ...] | None:
    if kind not in KINDS:
        raise QueryError(f"unknown kind of entity {kind!r}: expected one of {', '.join(KINDS)}")
    return KINDS[kind][0]


def _make(iri: str, types: set[str], labels: list[str], aliases: list[str]) -> Match:
    ident = iri[len(ID_NS):] if iri.startswith(ID_NS) else compact(iri)
    kind = next((compact(c) for c in _ORDER if c in types), "")
    names = sorted(labels)
    label = names[0] if names else ident
    return Match(iri, ident, kind, label, tuple(sorted(set(aliases + names[1:]) - {label})), frozenset(types))


class _Index:
    """Every named resource of the asserted graphs, and the name keys that lead to them."""

    def __init__(self, store: Store):
        self.size = len(store)
        labels: dict[str, list[str]] = defaultdict(list)
        aliases: dict[str, list[str]] = defaultdict(list)
        types: dict[str, set[str]] = defaultdict(set)
        for row in cast(QuerySolutions, store.query(_NAMES_QUERY, prefixes=PREFIXES)):
            bucket = labels if row["p"].value == RDFS.label else aliases
            bucket[row["x"].value].append(row["name"].value)
        for row in cast(QuerySolutions, store.query(_TYPES_QUERY, prefixes=PREFIXES)):
            types[row["x"].value].add(row["type"].value)
        self.entries: dict[str, Match] = {}
        self.keys: dict[str, set[str]] = defaultdict(set)
        for iri in set(labels) | set(aliases):
            m = _make(iri, types.get(iri, set()), list(dict.fromkeys(labels[iri])), list(dict.fromkeys(aliases[iri])))
            self.entries[iri] = m
            for name in (m.id, m.label, *m.aliases):
                self.keys[name_key(name)].add(iri)
        self.keys.pop("", None)


_CACHE: OrderedDict[int, tuple[Store, _Index]] = OrderedDict()


def _index(store: Store, fresh: bool = False) -> _Index:
    hit = _CACHE.get(id(store))
    if hit is None or hit[0] is not store or fresh:
        hit = (store, _Index(store))
        _CACHE[id(store)] = hit
        while len(_CACHE) > 8:
            _CACHE.popitem(last=False)
    _CACHE.move_to_end(id(store))
    return hit[1]


def forget(graph: KnowledgeGraph | Store) -> None:
    """Drop the index of names of a store (after editing it)."""
    _CACHE.pop(id(_store(graph)), None)


_TYPE_NODE, _LABEL_NODE, _ALT_LABEL_NODE = NamedNode(RDF_TYPE), NamedNode(RDFS.label), NamedNode(SKOS.altLabel)


def _direct(store: Store, iri: str) -> Match | None:
    """The entity of an IRI, read straight from the store (no index needed), or None if it has no type."""
    node = NamedNode(iri)
    types: set[str] = set()
    labels: list[str] = []
    aliases: list[str] = []
    # Only the three predicates that name and type it: a busy actor has thousands of other quads.
    for predicate in (_TYPE_NODE, _LABEL_NODE, _ALT_LABEL_NODE):
        for q in store.quads_for_pattern(node, predicate, None, _DEFAULT):
            o = q.object
            if isinstance(o, Triple):
                continue
            p = predicate.value
            if p == RDF_TYPE and o.value.startswith(DKG_NS):
                types.add(o.value)
            elif p == RDFS.label:
                labels.append(o.value)
            elif p == SKOS.altLabel:
                aliases.append(o.value)
    if not types and not labels:
        return None
    return _make(iri, types, list(dict.fromkeys(labels)), list(dict.fromkeys(aliases)))


def _as_iri(text: str) -> str | None:
    if text.startswith("<") and text.endswith(">"):
        return text[1:-1]
    if re.match(r"https?://\S+$", text):
        return text
    prefix, colon, local = text.partition(":")
    if colon and prefix in PREFIXES and not re.search(r"\s", text):
        return PREFIXES[prefix] + local
    return None


def _still_named(store: Store, m: Match, key: str) -> bool:
    now = _direct(store, m.iri)
    return now is not None and key in {name_key(n) for n in (now.id, now.label, *now.aliases)}


def _wrong_kind(name: str, others: list[Match], kind: str) -> QueryError:
    what = ", ".join(f"{m.label} ({m.id}) is {m.type or 'untyped'}" for m in others[:3])
    return QueryError(f"{name!r} does not name {KINDS[kind][1]}: {what}")


def lookup(graph: KnowledgeGraph | Store, name: str, kind: str = "entity", *, close: bool = False) -> Match:
    """The entity a name denotes: an IRI (``<...>``, ``http...`` or ``id:x``), an id, a label or an alias,
    compared through ``name_key`` (case, accents, quotes and hyphens do not matter); with ``close``, else
    the one closest match (``closest``).

    ``kind`` (a key of ``KINDS``: actor, place, topic, role, source, event, fact, entity...) restricts
    the match. Raises ``UnknownEntityError`` (with suggestions), ``AmbiguousNameError`` or ``QueryError``.

    >>> import kg
    >>> g = kg.build("data", shacl=False)
    >>> m = lookup(g, "al-sudani", "actor")
    >>> m.id, m.type, m.label
    ('mohammed-shia-al-sudani', 'dkg:Person', "Mohammed Shia' Al-Sudani")
    >>> m.aliases
    ('Al-Sudani', 'Mohammed Shia Al-Sudani', 'Sudani')
    """
    store = _store(graph)
    _classes(kind)
    text = name.strip()
    iri = _as_iri(text) or (ID_NS + quote(text, safe="-._~") if _SLUG.fullmatch(text) else None)
    wrong: list[Match] = []
    if iri is not None:
        found = _direct(store, iri)
        if found is not None:
            if found.fits(kind):
                return found
            wrong.append(found)  # unless a label of the right kind says otherwise
    key = name_key(text)
    for attempt in range(2):
        index = _index(store, fresh=attempt > 0)
        named = [index.entries[i] for i in sorted(index.keys.get(key, ()))]
        if any(not _still_named(store, m, key) for m in named):
            continue  # the store changed since the index was built
        fitting = [m for m in named if m.fits(kind)]
        if len(fitting) == 1:
            return fitting[0]
        if len(fitting) > 1:
            raise AmbiguousNameError(name, fitting)
        if named:
            raise _wrong_kind(name, named, kind)
        if attempt == 0 and len(store) != index.size:
            continue  # quads were added since the index was built
        break
    if wrong:
        raise _wrong_kind(name, wrong, kind)
    if close:
        found = closest(graph, name, kind)
        if found is not None:
            return found
    raise UnknownEntityError(name, suggestions(graph, name, kind))


#: The least ``search`` score of a match a name may be taken as (``closest``): nearly the same letters.
CLOSE = 0.5


def closest(graph: KnowledgeGraph | Store, name: str, kind: str = "entity") -> Match | None:
    """The one entity of the kind that matches ``name`` best by ``search``'s scoring, if its score is at least
    ``CLOSE``; None if none does; ``AmbiguousNameError`` listing them if several share the best score.

    >>> import kg
    >>> closest(kg.build("data", shacl=False), "pezeshkia", "person").id
    'masoud-pezeshkian'
    """
    scored = _scored(_index(_store(graph)), name_key(name), kind)
    best = [m for s, m in scored if s == scored[0][0]] if scored and scored[0][0] >= CLOSE else []
    if len(best) > 1:
        raise AmbiguousNameError(name, best)
    return best[0] if best else None


def note(name: str, match: Match) -> str | None:
    """What to tell the user when ``name`` was taken as an entity it does not spell exactly (its id, label,
    an alias or its IRI), else None.

    >>> note("al sudani", Match("urn:x", "mohammed-shia-al-sudani", "dkg:Person", "Mohammed Shia' Al-Sudani"))
    "'al sudani' taken as Mohammed Shia' Al-Sudani (id:mohammed-shia-al-sudani)"
    """
    text = name.strip()
    if text in (match.id, match.label, match.iri, f"<{match.iri}>", f"id:{match.id}", *match.aliases):
        return None
    return f"{text!r} taken as {match.label} (id:{match.id})"


def resolve(graph: KnowledgeGraph | Store, name: str, kind: str = "entity", *, close: bool = False) -> str:
    """The IRI of the entity a name denotes (see ``lookup``).

    >>> import kg
    >>> resolve(kg.build("data", shacl=False), "Javad Zarif", "person")
    'https://w3id.org/diplomatic-kg/id/mohammad-javad-zarif'
    """
    # The common case of named questions, an id of the right kind, costs one index read.
    text = name.strip()
    if _SLUG.fullmatch(text):
        iri = ID_NS + quote(text, safe="-._~")
        classes = _classes(kind)
        for q in _store(graph).quads_for_pattern(NamedNode(iri), _TYPE_NODE, None, _DEFAULT):
            t = q.object.value
            if t.startswith(DKG_NS) and (classes is None or t in classes):
                return iri
    return lookup(graph, name, kind, close=close).iri


def _pool(index: _Index, kind: str) -> dict[str, list[str]]:
    pool: dict[str, list[str]] = {}
    for key, iris in index.keys.items():
        fitting = [i for i in sorted(iris) if index.entries[i].fits(kind)]
        if fitting:
            pool[key] = fitting
    return pool


def suggestions(graph: KnowledgeGraph | Store, name: str, kind: str = "entity", n: int = 5) -> list[tuple[str, str]]:
    """Close names of the right kind, as (id, label) pairs: spelling (difflib) first, then shared words."""
    import difflib  # only when a name is not found: not on every command's start-up
    index = _index(_store(graph))
    key = name_key(name)
    pool = _pool(index, kind)
    keys = difflib.get_close_matches(key, list(pool), n=10, cutoff=0.6)
    words = {w for w in key.split() if len(w) >= 3}
    keys += sorted(k for k in pool if k not in keys and (key and key in k or words & set(k.split())))
    out: list[tuple[str, str]] = []
    for k in keys:
        for iri in pool[k]:
            m = index.entries[iri]
            if (m.id, m.label) not in out:
                out.append((m.id, m.label))
    return out[:n]


def _score(query: str, key: str) -> float:
    if key == query:
        return 1.0
    if key.startswith(query):
        return 0.9
    if f" {query}" in f" {key}":
        return 0.8
    if query in key:
        return 0.7
    import difflib  # loaded once, on the first fuzzy comparison

    sm = difflib.SequenceMatcher(None, query, key)
    if sm.real_quick_ratio() < 0.75 or sm.quick_ratio() < 0.75:
        return 0.0
    ratio = sm.ratio()
    return 0.6 * ratio if ratio >= 0.75 else 0.0


_FACTS = frozenset(KINDS["fact"][0] or ())


def search(graph: KnowledgeGraph | Store, text: str, kind: str = "entity", limit: int = 20) -> list[Match]:
    """Entities whose label, an alias or id matches ``text``: exactly, by prefix, at a word, as a
    substring, or nearly (difflib); best first (names before ids, entities before events, memberships
    and statements), then by label.

    >>> import kg
    >>> [m.id for m in search(kg.build("data", shacl=False), "regional sec", "topic")][:1]
    ['regional-security']
    """
    _classes(kind)
    return [m for _, m in _scored(_index(_store(graph)), name_key(text), kind)[:limit]]


def _scored(index: _Index, query: str, kind: str) -> list[tuple[float, Match]]:
    """(score, entity) of every entity of the kind that matches the name key ``query``, best first (then by
    label): names before ids, entities before facts. The one scoring of ``search`` and ``closest``."""
    if not query:
        return []
    scored = []
    for m in index.entries.values():
        if not m.fits(kind):
            continue
        s = max([_score(query, name_key(n)) for n in (m.label, *m.aliases)] + [0.9 * _score(query, name_key(m.id))])
        if s:
            s = round(s - 0.05 * bool(m.types & _FACTS), 6)
            scored.append((-s, m.label.casefold(), m.iri, m))
    return [(-neg, m) for neg, _, _, m in sorted(scored)]


__all__ = ["CLOSE", "KINDS", "AmbiguousNameError", "Match", "closest", "forget", "lookup", "note", "resolve", "search",
           "suggestions"]
