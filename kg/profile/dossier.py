"""Dossiers: what the graph knows about one actor, one country, or the relation of two of them.

``dossier(graph, name)`` resolves the name (``"Iran,Iraq"`` is a pair) and gathers, by SPARQL, a
:class:`Dossier`: plain records (events, posts, statements, counterparts, sources, conflicts) that
``kg.profile.render`` writes as HTML or Markdown.

>>> import kg
>>> g = kg.build("data", shacl=False)
>>> d = dossier(g, "Al-Sudani")
>>> d.kind, d.title, d.names
('person', "Mohammed Shia' Al-Sudani", ['Al-Sudani', 'Mohammed Shia Al-Sudani', 'Sudani'])
>>> [(p.title, [str(x) for x in p.attested]) for p in d.posts]
[('Prime Minister, Government of Iraq', ['2025-02-07'])]
>>> [(c["label"], c["shared"]) for c in d.counterparts]
[('Mohammad Javad Zarif', 1)]
>>> dossier(g, "Iran,Iraq").title
'Iran and Iraq'
"""

from __future__ import annotations

from collections import Counter, defaultdict
from dataclasses import dataclass, field
from typing import TYPE_CHECKING, Any

from pyoxigraph import NamedNode

from kg.errors import QueryError, UnknownEntityError
from kg.profile import facts as F

if TYPE_CHECKING:
    from kg.graph import KnowledgeGraph
    from kg.query.resolve import Match

#: What a dossier can be about, by the ``dkg:`` class of the entity named.
KINDS = {"dkg:Person": "person", "dkg:Organization": "organization", "dkg:Country": "country",
         "dkg:SourceDocument": "source"}


@dataclass
class Dossier:
    """Everything a profile page shows, as plain records (see ``kg.profile.facts``)."""

    kind: str  # person, organization, country, pair, country-pair, source
    iri: str
    title: str
    names: list[str] = field(default_factory=list)
    about: list[list[Any]] = field(default_factory=list)  # [field, [values]]
    posts: list[F.Post] = field(default_factory=list)
    events: list[F.Event] = field(default_factory=list)
    statements: list[F.Said] = field(default_factory=list)
    said_about: list[F.Said] = field(default_factory=list)
    counterparts: list[dict[str, Any]] = field(default_factory=list)
    sources: list[dict[str, Any]] = field(default_factory=list)
    conflicts: list[dict[str, Any]] = field(default_factory=list)
    titles: dict[str, dict[str, Any]] = field(default_factory=dict)
    members: tuple[str, ...] = ()  # a pair: the two IRIs
    country_pairs: dict[str, Any] = field(default_factory=dict)  # events per month per pair (country pages)
    report: Any = None  # a source: kg.profile.source.Report
    directions: dict[str, str] = field(default_factory=dict)  # a country: event IRI -> "in" or "out" (visits)

    @property
    def id(self) -> str:
        return F.short(self.iri)


def _match(graph: KnowledgeGraph, name: str) -> Match:
    from kg.query.resolve import lookup

    return lookup(graph, name, "entity")


def _kind(m: Match) -> str:
    kind = KINDS.get(m.type or "")
    if kind is None:
        raise QueryError(f"{m.label} ({m.id}) is {m.type or 'untyped'}: kg profile shows a person, an organization, "
                         "a country, a source, or a pair of them written A,B")
    return kind


def dossier(graph: KnowledgeGraph, name: str) -> Dossier:
    """The dossier of the entity ``name`` denotes (id, label or alias), or of a pair ``"A,B"``.

    Raises ``UnknownEntityError``, ``AmbiguousNameError`` or ``QueryError`` (a name that is not a person,
    organization, country or source; a pair of a person and a country).
    """
    text = name.strip()
    try:
        m = _match(graph, text)
    except UnknownEntityError:
        if "," not in text:
            raise
        m = None
    if m is not None and (m.type in KINDS or "," not in text):
        kind = _kind(m)
        if kind == "source":
            from kg.profile.source import source_dossier

            return source_dossier(graph, m)
        return country(graph, m) if kind == "country" else actor(graph, m, kind)
    parts = [p.strip() for p in text.split(",")]
    if len(parts) != 2 or not all(parts):
        raise QueryError(f"{name!r}: a pair is written as two names with one comma, e.g. \"Iran,Iraq\"")
    a, b = (_match(graph, p) for p in parts)
    ka, kb = _kind(a), _kind(b)
    if a.iri == b.iri:
        raise QueryError(f"{name!r} names {a.label} twice: a pair needs two entities")
    if (ka == "country") != (kb == "country") or "source" in (ka, kb):
        raise QueryError(f"{name!r}: a pair is two actors (persons, organizations) or two countries; "
                         f"{a.label} is a {ka} and {b.label} a {kb}")
    return pair(graph, a, b, countries=ka == "country")


def _about_entity(graph: KnowledgeGraph, iri: str) -> list[list[Any]]:
    """Short facts of the registry: country, part of, located in, description, identifiers elsewhere."""
    fields: dict[str, list[str]] = defaultdict(list)
    names = {"dkg:country": "Country", "org:subOrganizationOf": "Part of", "dkg:locatedIn": "Located in",
             "schema:description": "Description", "owl:sameAs": "Same as", "skos:exactMatch": "Same as"}
    for r in F.rows(graph, """SELECT DISTINCT ?p ?o ?ol ?x WHERE {
        VALUES ?p { dkg:country org:subOrganizationOf dkg:locatedIn schema:description owl:sameAs skos:exactMatch }
        ?x ?p ?o . OPTIONAL { ?o rdfs:label ?ol } }""", {"x": NamedNode(iri)}):
        from kg.vocab import compact

        fields[names[compact(r["p"])]].append(str(r["ol"] or r["o"]))
    return [[k, sorted(set(v))] for k, v in fields.items()]


def _mentions(graph: KnowledgeGraph, iri: str, titles: dict[str, dict[str, Any]]) -> list[dict[str, Any]]:
    """The sources whose graphs mention ``iri``, with how many of their facts refer to it."""
    got = F.rows(graph, """SELECT ?src ?x (COUNT(DISTINCT ?f) AS ?n) WHERE {
        GRAPH ?src { { ?f ?p ?x FILTER(?p != prov:entity) } UNION { ?x prov:wasDerivedFrom ?src } }
        ?src a dkg:SourceDocument } GROUP BY ?src ?x""", {"x": NamedNode(iri)})
    out = []
    for r in got:
        sid = F.short(r["src"])
        t = titles.get(sid, {"title": sid, "published": None})
        out.append({"id": sid, "title": t["title"], "published": t["published"], "facts": int(r["n"])})
    return sorted(out, key=lambda s: (s["published"] or "", s["id"]))


def _counterparts(events: list[F.Event], exclude: set[str], countries: dict[str, str] | None = None) -> list[dict]:
    shared: dict[str, list[F.Event]] = defaultdict(list)
    labels = {}
    for e in events:
        for p, label in e.participants:
            if p not in exclude:
                shared[p].append(e)
                labels[p] = label
    out = []
    for p, evs in shared.items():
        starts = [e.start for e in evs if e.start]
        out.append({"iri": p, "id": F.short(p), "label": labels[p], "shared": len(evs),
                    "country": (countries or {}).get(p), "first": str(min(starts)) if starts else None,
                    "last": str(max(starts)) if starts else None})
    return sorted(out, key=lambda c: (-c["shared"], c["label"], c["iri"]))


def _countries_of(graph: KnowledgeGraph, events: list[F.Event], bound: dict[str, Any], selection: str) -> dict:
    """Participant IRI -> the label of the country it represents, for the participants of the selected events."""
    names = "".join(f" ?{k}" for k in sorted(bound))
    got = F.rows(graph, f"""SELECT DISTINCT ?p ?cl{names} WHERE {{
        {{ SELECT DISTINCT ?e{names} WHERE {{ {F.IS_EVENT} {selection} }} }}
        ?e dkg:participant ?p . ?p dkg:country ?c . ?c rdfs:label ?cl }}""", bound)
    return {r["p"]: str(r["cl"]) for r in sorted(got, key=lambda r: str(r["cl"]))}


def actor(graph: KnowledgeGraph, m: Match, kind: str) -> Dossier:
    """The dossier of a person or organization."""
    x = {"x": NamedNode(m.iri)}
    titles = F.source_titles(graph)
    events = F.events(graph, F.ACTOR_EVENTS, x)
    held = "?m org:member ?x ." if kind == "person" else "{ ?m org:organization ?x } UNION { ?m dkg:postIn ?x }"
    countries = _countries_of(graph, events, x, F.ACTOR_EVENTS)
    return Dossier(
        kind, m.iri, m.label, names=list(m.aliases), about=_about_entity(graph, m.iri),
        posts=F.posts(graph, held, x), events=events,
        statements=F.statements(graph, "?s dkg:speaker ?x .", x),
        said_about=F.statements(graph, "?s dkg:about ?x . FILTER NOT EXISTS { ?s dkg:speaker ?x }", x),
        counterparts=_counterparts(events, {m.iri}, countries), sources=_mentions(graph, m.iri, titles),
        conflicts=F.conflicts(graph, """{ ?f dkg:participant ?x } UNION { ?f org:member ?x }
          UNION { ?f dkg:speaker ?x } UNION { ?x a ?t BIND(?x AS ?f) }""", x),
        titles=titles)


def country(graph: KnowledgeGraph, m: Match) -> Dossier:
    """The dossier of a country: its officials and their posts, visits in and out, counterpart countries."""
    x = {"x": NamedNode(m.iri)}
    titles = F.source_titles(graph)
    events = F.events(graph, F.COUNTRY_EVENTS, x)
    countries = _countries_of(graph, events, x, F.COUNTRY_EVENTS)
    places = {r["p"]: str(r["l"]) for r in F.rows(graph, "SELECT DISTINCT ?p ?l ?x WHERE { ?p dkg:locatedIn* ?x ; "
                                                          "rdfs:label ?l }", x)}
    ours = {p for p, c in countries.items() if c == m.label}
    here = set(places)
    d = Dossier(
        "country", m.iri, m.label, names=list(m.aliases), about=_about_entity(graph, m.iri),
        posts=F.posts(graph, "?m org:member/dkg:country ?x .", x), events=events,
        statements=F.statements(graph, "?s dkg:speaker/dkg:country ?x .", x),
        said_about=F.statements(graph, "?s dkg:about/dkg:locatedIn* ?x . "
                                       "FILTER NOT EXISTS { ?s dkg:speaker/dkg:country ?x }", x),
        counterparts=_counterparts(events, ours, countries), sources=_mentions(graph, m.iri, titles),
        conflicts=F.conflicts(graph, F.COUNTRY_EVENTS.replace("?e", "?f"), x), titles=titles)
    d.about.append(["Places in it", sorted(v for k, v in places.items() if k != m.iri)])
    d.about = [f for f in d.about if f[1]]
    d.country_pairs = _country_pairs(m.label, events, countries, set(places), _place_countries(graph, events))
    d.directions = {e.iri: way for e in events if (way := _visit_dir(e, ours, here))}
    d.about.append(["Visits in", [str(sum(1 for w in d.directions.values() if w == "in"))]])
    d.about.append(["Visits out", [str(sum(1 for w in d.directions.values() if w == "out"))]])
    return d


def _visit_dir(e: F.Event, ours: set[str], here: set[str]) -> str | None:
    """For a visit: "in" (a visitor from elsewhere came here), "out" (one of ours went elsewhere), else None."""
    if e.cls not in ("Visit", "Arrival"):
        return None
    visitors = {p for p, _ in e.participants}
    to_here = any(p in here for p in e.place_iris)
    if visitors & ours and not to_here:
        return "out"
    if to_here and visitors and not visitors & ours:
        return "in"
    return None


def _place_countries(graph: KnowledgeGraph, events: list[F.Event]) -> dict[str, str]:
    """Place IRI -> the label of the country it is in (itself for a country), for the places of the events."""
    out: dict[str, str] = {}
    for iri in sorted({p for e in events for p in e.place_iris}):
        for r in F.rows(graph, """SELECT DISTINCT ?cl ?p WHERE { ?p dkg:locatedIn* ?c . ?c a dkg:Country ;
            rdfs:label ?cl }""", {"p": NamedNode(iri)}):
            out.setdefault(iri, str(r["cl"]))
    return out


def _country_pairs(label: str, events: list[F.Event], countries: dict[str, str], here: set[str],
                   place_country: dict[str, str]) -> dict[str, Any]:
    """Events per month per counterpart country (the country's side of each pair)."""
    per: dict[str, Counter] = defaultdict(Counter)
    for e in events:
        others = {countries[p] for p, _ in e.participants if p in countries and countries[p] != label}
        if not others and any(countries.get(p) == label for p, _ in e.participants):
            # a visit out: the country of where it went
            others = {place_country[p] for p in e.place_iris if p not in here and p in place_country} - {label}
        for other in others:
            per[f"{label} – {other}"][_month(e)] += 1
    return {k: dict(sorted(v.items())) for k, v in sorted(per.items())}


def _month(e: F.Event) -> str:
    """The month an event falls in, or "YYYY-MM…" when its bounds span months (counted at the first)."""
    if e.start is None:
        return "unknown"
    if e.end is not None and (e.start.year, e.start.month) == (e.end.year, e.end.month):
        return f"{e.start:%Y-%m}"
    return f"{e.start:%Y-%m}…"


def pair(graph: KnowledgeGraph, a: Match, b: Match, *, countries: bool) -> Dossier:
    """The history of the relation of two actors, or of two countries."""
    ab = {"a": NamedNode(a.iri), "b": NamedNode(b.iri)}
    titles = F.source_titles(graph)
    selection = F.COUNTRY_PAIR_EVENTS if countries else F.PAIR_EVENTS
    events = F.events(graph, selection, ab)
    if countries:
        said = F.statements(graph, """{ ?s dkg:speaker/dkg:country ?a ; dkg:about/dkg:locatedIn* ?b }
          UNION { ?s dkg:speaker/dkg:country ?b ; dkg:about/dkg:locatedIn* ?a }
          UNION { ?s dkg:about ?a , ?b }""", ab)
        posts: list[F.Post] = []
    else:
        said = F.statements(graph, """{ ?s dkg:speaker ?a ; dkg:statedAt ?e . ?e dkg:participant ?b }
          UNION { ?s dkg:speaker ?b ; dkg:statedAt ?e . ?e dkg:participant ?a }
          UNION { ?s dkg:speaker ?a ; dkg:about ?b } UNION { ?s dkg:speaker ?b ; dkg:about ?a }""", ab)
        posts = F.posts(graph, "{ ?m org:member ?a } UNION { ?m org:member ?b }", ab)
    people = _countries_of(graph, events, ab, selection)
    others = {a.iri, b.iri}
    d = Dossier("country-pair" if countries else "pair", a.iri, f"{a.label} and {b.label}",
                posts=posts, events=events, statements=said, titles=titles, members=(a.iri, b.iri),
                counterparts=[] if countries else _counterparts(events, others, people))
    if countries:
        met: Counter = Counter()
        for e in events:
            side_a = sorted(lbl for p, lbl in e.participants if people.get(p) == a.label)
            side_b = sorted(lbl for p, lbl in e.participants if people.get(p) == b.label)
            for x in side_a:
                for y in side_b:
                    met[(x, y)] += 1
        ranked = sorted(met.items(), key=lambda t: (-t[1], t[0]))
        d.counterparts = [{"label": f"{x} – {y}", "shared": n, "iri": "", "id": "", "country": None,
                           "first": None, "last": None} for (x, y), n in ranked]
    months = Counter(_month(e) for e in events)
    d.country_pairs = {d.title.replace(" and ", " – "): dict(sorted(months.items()))} if events else {}
    srcs = {s for e in events for s in e.evidence} | {s for st in said for s in st.evidence}
    d.sources = [{"id": s, "title": titles.get(s, {}).get("title", s), "published": titles.get(s, {}).get("published"),
                  "facts": sum(1 for e in events if s in e.evidence) + sum(1 for st in said if s in st.evidence)}
                 for s in sorted(srcs, key=lambda s: (titles.get(s, {}).get("published") or "", s))]
    d.conflicts = F.conflicts(graph, selection.replace("?e", "?f"), ab)
    d.about = [["Between", [a.label, b.label]], ["Events", [str(len(events))]]]
    if events and events[0].start:
        dated = [e.start for e in events if e.start]
        d.about.append(["First and last", [str(min(dated)), str(max(dated))]])
    return d


__all__ = ["KINDS", "Dossier", "actor", "country", "dossier", "pair"]
