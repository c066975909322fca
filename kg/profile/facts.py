"""Facts read by SPARQL for the dossiers: events, memberships and statements as plain records.

Every query goes through ``kg.query.run`` with its parameters bound as terms. A selection (which events, which
memberships) is a fixed pattern of this module over the bound variables; the facts it selects are then read
whole (every outgoing relation, the labels of what they point to, the evidence per source), so that fields added
to the vocabulary later (``dkg:status``, ``dkg:acting``, ``dkg:postIn``) show up as soon as the data has them.

Several sources may give one fact different values (a union of the source graphs repeats them; a merged view
gives one): the reading below keeps the most precise date and the intersection of the bounds, as the merge
policy of docs/design.md does, so both shapes of the dataset read the same.

>>> import kg
>>> g = kg.build("data", shacl=False)
>>> from pyoxigraph import NamedNode
>>> evs = events(g, ACTOR_EVENTS, {"x": NamedNode("https://w3id.org/diplomatic-kg/id/mohammed-shia-al-sudani")})
>>> [(e.cls, e.when, e.precision, str(e.start), str(e.end)) for e in evs]
[('Visit', '2025-01 (month)', 'month', '2025-01-01', '2025-01-31'), ('Meeting', '2025-02-06', 'day', \
'2025-02-06', '2025-02-06')]
"""

from __future__ import annotations

from collections import defaultdict
from dataclasses import dataclass, field
from datetime import date
from typing import TYPE_CHECKING, Any

from kg.values import PartialDate, bounds_text
from kg.vocab import ID_NS, PREFIXES

if TYPE_CHECKING:
    from kg.graph import KnowledgeGraph

DKG = PREFIXES["dkg"]
RDFS_LABEL = PREFIXES["rdfs"] + "label"
RDF_TYPE = PREFIXES["rdf"] + "type"

#: Event selections, over the bound ``?x`` (an actor or a country) or ``?a`` / ``?b`` (a pair).
ACTOR_EVENTS = """{ ?e dkg:participant ?x } UNION { ?e dkg:invitedBy ?x }
  UNION { ?e dkg:delegation ?d . { ?d dkg:headOfDelegation ?x } UNION { ?d dkg:delegationMember ?x } }"""
COUNTRY_EVENTS = """{ ?e dkg:participant/dkg:country ?x }
  UNION { ?e dkg:destination/dkg:locatedIn* ?x } UNION { ?e dkg:location/dkg:locatedIn* ?x }"""
PAIR_EVENTS = "?e dkg:participant ?a , ?b ."
COUNTRY_PAIR_EVENTS = """{ ?e dkg:participant ?pa , ?pb . ?pa dkg:country ?a . ?pb dkg:country ?b }
  UNION { ?e dkg:participant/dkg:country ?a ; dkg:destination/dkg:locatedIn* ?b }
  UNION { ?e dkg:participant/dkg:country ?b ; dkg:destination/dkg:locatedIn* ?a }"""
#: Classes, most specific first: an event's ``cls`` is the first it has.
EVENT_CLASSES = ("Talks", "PhoneCall", "Arrival", "Reception", "Signing", "JointStatement", "PressConference",
                 "Meeting", "Visit", "Conference", "Event")
#: "?e is an event", without relying on inferred super-classes (the merged view holds asserted types only).
IS_EVENT = "VALUES ?event_class { " + " ".join(f"dkg:{c}" for c in EVENT_CLASSES) + " } ?e a ?event_class ."
_PRECISION = {PREFIXES["time"] + "unitDay": "day", PREFIXES["time"] + "unitMonth": "month",
              PREFIXES["time"] + "unitYear": "year", DKG + "unknownPrecision": "unknown"}
_RANK = {"day": 3, "month": 2, "year": 1, "unknown": 0}


def rows(graph: KnowledgeGraph, text: str, params: dict[str, Any] | None = None) -> list[dict[str, Any]]:
    """The rows of a SELECT as plain Python values (``kg.query.run``)."""
    from kg.query import run

    return run(graph, text, params).to_python()


def short(iri: str) -> str:
    """The id of an entity IRI (``id:x`` -> ``x``); other IRIs unchanged."""
    return iri.removeprefix(ID_NS)


@dataclass
class Fact:
    """A fact read whole: ``values[predicate]`` lists its objects (IRIs or Python values), ``labels`` names the IRIs,
    ``evidence[source id]`` the sentences each source quotes for it."""

    iri: str
    types: set[str] = field(default_factory=set)
    values: dict[str, list[Any]] = field(default_factory=lambda: defaultdict(list))
    labels: dict[str, str] = field(default_factory=dict)
    evidence: dict[str, list[str]] = field(default_factory=lambda: defaultdict(list))

    @property
    def id(self) -> str:
        return short(self.iri)

    def get(self, name: str) -> list[Any]:
        """The values of ``dkg:name`` (or a full IRI / ``org:member``...), without repeats, in a stable order."""
        key = name if "://" in name else (PREFIXES[name.split(":")[0]] + name.split(":")[1] if ":" in name
                                          else DKG + name)
        return sorted(set(self.values.get(key, ())), key=str)

    def names(self, name: str) -> list[str]:
        """The labels of the IRIs of ``get(name)``, sorted."""
        return sorted(self.labels.get(v, short(v)) if isinstance(v, str) else str(v) for v in self.get(name))

    def one(self, name: str) -> Any:
        got = self.get(name)
        return got[0] if got else None

    @property
    def label(self) -> str:
        got = self.values.get(RDFS_LABEL)
        return str(sorted(got, key=str)[0]) if got else self.id


def read_facts(graph: KnowledgeGraph, selection: str, params: dict[str, Any], var: str = "e",
               within: str | None = None) -> dict[str, Fact]:
    """Every fact ``?var`` the selection pattern matches, read whole (relations, labels, evidence per source).

    ``within`` names a bound variable holding a source: then only what that source's graph says is read.
    """
    open_, close = (f"GRAPH ?{within} {{", "}") if within else ("", "")
    bound = "".join(f" ?{k}" for k in sorted(params))  # Oxigraph binds parameters through the projection
    inner = f"{{ SELECT DISTINCT ?{var}{bound} WHERE {{ {selection} }} }}"
    facts: dict[str, Fact] = {}
    triples = rows(graph, f"""SELECT DISTINCT ?{var}{bound} ?p ?o ?ol WHERE {{ {inner}
      {open_} ?{var} ?p ?o {close} OPTIONAL {{ ?o rdfs:label ?ol }} FILTER(?p != prov:qualifiedDerivation) }}""",
                   params)
    for r in triples:
        f = facts.setdefault(r[var], Fact(r[var]))
        if r["p"] == RDF_TYPE:
            f.types.add(r["o"])
        elif r["o"] not in f.values[r["p"]]:
            f.values[r["p"]].append(r["o"])
        if r["ol"] is not None and isinstance(r["o"], str):
            f.labels.setdefault(r["o"], str(r["ol"]))
    said = rows(graph, f"""SELECT DISTINCT ?{var}{bound} ?said_in ?ev WHERE {{ {inner}
      {open_} ?{var} prov:qualifiedDerivation ?d . ?d prov:entity ?said_in ; dkg:evidence ?ev {close} }}""", params)
    for r in sorted(said, key=lambda r: (r["said_in"], r["ev"])):
        facts[r[var]].evidence[short(r["said_in"])].append(r["ev"])
    return facts


# -- events ------------------------------------------------------------------------------------------------


@dataclass
class Event:
    """An event as a dossier lists it. ``start``/``end`` are its bounds (None when unknown); ``when`` the date
    at its precision; ``point`` whether it is known to the day."""

    iri: str
    label: str
    cls: str
    when: str
    start: date | None
    end: date | None
    precision: str
    status: str | None
    participants: list[tuple[str, str]]  # (iri, label)
    places: list[str]
    topics: list[str]
    invited_by: list[str]
    part_of: list[str]
    wording: list[str]
    evidence: dict[str, list[str]]
    place_iris: list[str] = field(default_factory=list)

    @property
    def id(self) -> str:
        return short(self.iri)

    @property
    def point(self) -> bool:
        return self.start is not None and self.start == self.end

    def sort_key(self) -> tuple:
        return (self.start or date.max, self.end or date.max, self.label, self.iri)


def _dates(f: Fact) -> tuple[str, date | None, date | None, str]:
    """(text, start, end, precision): the most precise date, and the intersection of the sources' bounds."""
    precision = "unknown"
    dated = [d for d in f.get("date") if isinstance(d, (date, PartialDate))]
    best = max(dated, key=lambda d: 3 if isinstance(d, date) else (2 if d.month else 1), default=None)
    los = [d for d in f.get("earliestDate") if isinstance(d, date)]
    his = [d for d in f.get("latestDate") if isinstance(d, date)]
    lo, hi = (max(los) if los else None), (min(his) if his else None)
    if lo and hi and lo > hi:  # the sources disagree: the hull, no date (as the merge policy says)
        lo, hi, best, precision = min(los), max(his), None, "unknown"
    if best is not None:
        if isinstance(best, date):
            precision = "day"
            lo = hi = best
        else:
            precision = "month" if best.month else "year"
            lo, hi = max(lo or best.first_day, best.first_day), min(hi or best.last_day, best.last_day)
    if best is not None:
        text = str(best) if precision == "day" else f"{best} ({precision})"
    else:
        text = bounds_text(lo, hi) or "date unknown"
    return text, lo, hi, precision


def to_event(f: Fact) -> Event:
    cls = next((c for c in EVENT_CLASSES if DKG + c in f.types), "Event")
    text, lo, hi, precision = _dates(f)
    status = [short(s).rsplit("#", 1)[-1] for s in f.get("status")]
    people = sorted(((p, f.labels.get(p, short(p))) for p in f.get("participant")), key=lambda t: (t[1], t[0]))
    places = sorted(set(f.names("location")) | set(f.names("destination")))
    return Event(f.iri, f.label, cls, text, lo, hi, precision, ", ".join(status) or None, people, places,
                 f.names("topic"), f.names("invitedBy"), f.names("partOf"), [str(w) for w in f.get("timeExpression")],
                 {k: v for k, v in sorted(f.evidence.items())},
                 sorted({str(v) for v in f.get("location") + f.get("destination")}))


def events(graph: KnowledgeGraph, selection: str, params: dict[str, Any]) -> list[Event]:
    """The events a selection pattern (``ACTOR_EVENTS``...) picks, in time order (unknown dates last)."""
    facts = read_facts(graph, f"{IS_EVENT} {selection}", params)
    return sorted((to_event(f) for f in facts.values()), key=Event.sort_key)


# -- memberships and statements --------------------------------------------------------------------------------


@dataclass
class Post:
    """A post held: role, where (organization or state), when (attested days, start, end), acting, sources."""

    iri: str
    holder: tuple[str, str]
    role: str
    where: str
    attested: list[date]
    start: Any
    end: Any
    start_wording: list[str]
    end_wording: list[str]
    acting: bool
    evidence: dict[str, list[str]]

    @property
    def span(self) -> tuple[date | None, date | None]:
        """The days the post is known to cover, as (first, last): from the start, end and attested days."""
        lo = _first(self.start) or (min(self.attested) if self.attested else None)
        hi = _last(self.end) or (max(self.attested) if self.attested else None)
        return lo, hi

    @property
    def title(self) -> str:
        return f"{'Acting ' if self.acting else ''}{self.role}, {self.where}"


def _first(d: Any) -> date | None:
    return d if isinstance(d, date) else d.first_day if isinstance(d, PartialDate) else None


def _last(d: Any) -> date | None:
    return d if isinstance(d, date) else d.last_day if isinstance(d, PartialDate) else None


def posts(graph: KnowledgeGraph, selection: str, params: dict[str, Any]) -> list[Post]:
    """The memberships ``?m`` a selection picks (``?m org:member ?x``...), in time order."""
    facts = read_facts(graph, f"?m a dkg:Membership . {selection}", params, var="m")
    out = []
    for f in facts.values():
        holders = [(p, f.labels.get(p, short(p))) for p in f.get("org:member")]
        where = ", ".join(f.names("org:organization") + f.names("postIn")) or "(no organization given)"
        out.append(Post(f.iri, holders[0] if holders else ("", "?"), ", ".join(f.names("org:role")) or "member",
                        where, sorted(d for d in f.get("attestedOn") if isinstance(d, date)),
                        _pick(f.get("startDate"), max), _pick(f.get("endDate"), min),
                        [str(w) for w in f.get("startExpression")], [str(w) for w in f.get("endExpression")],
                        any(v is True for v in f.get("acting")), dict(sorted(f.evidence.items()))))
    return sorted(out, key=lambda p: (p.span[0] or date.max, p.holder[1], p.title, p.iri))


def _pick(values: list[Any], which) -> Any:
    dated = [v for v in values if isinstance(v, (date, PartialDate))]
    return which(dated, key=lambda d: _first(d)) if dated else None


@dataclass
class Said:
    """A statement: who said what, where, about what, according to whom, and the sources' sentences."""

    iri: str
    claim: str
    speakers: list[str]
    at: list[str]
    about: list[str]
    topics: list[str]
    according_to: list[str]
    evidence: dict[str, list[str]]
    at_iris: list[str] = field(default_factory=list)


def statements(graph: KnowledgeGraph, selection: str, params: dict[str, Any]) -> list[Said]:
    """The statements ``?s`` a selection picks (``?s dkg:speaker ?x``...), by claim."""
    facts = read_facts(graph, f"?s a dkg:Statement . {selection}", params, var="s")
    out = [Said(f.iri, "; ".join(str(c) for c in f.get("claim")) or f.label, f.names("speaker"), f.names("statedAt"),
                f.names("about"), f.names("topic"), f.names("accordingTo"), dict(sorted(f.evidence.items())),
                [str(v) for v in f.get("statedAt")])
           for f in facts.values()]
    return sorted(out, key=lambda s: (s.speakers, s.claim, s.iri))


def source_titles(graph: KnowledgeGraph) -> dict[str, dict[str, Any]]:
    """Source id -> ``{"title", "published"}`` for every source document."""
    out: dict[str, dict[str, Any]] = {}
    for r in rows(graph, """SELECT DISTINCT ?s ?t ?d WHERE { ?s a dkg:SourceDocument .
        OPTIONAL { ?s dcterms:title ?t } OPTIONAL { ?s schema:datePublished ?d } }"""):
        item = out.setdefault(short(r["s"]), {"title": short(r["s"]), "published": None})
        if r["t"]:
            item["title"] = str(r["t"])
        if r["d"] is not None:
            item["published"] = str(r["d"])
    return dict(sorted(out.items()))


def conflicts(graph: KnowledgeGraph, selection: str, params: dict[str, Any]) -> list[dict[str, Any]]:
    """The ``dkg:Conflict`` records (docs/design.md) about the facts ``?f`` a selection picks; none before the
    build records conflicts."""
    found: dict[str, dict[str, Any]] = {}
    bound = "".join(f" ?{k}" for k in sorted(params))
    for r in rows(graph, f"""SELECT DISTINCT ?conflict ?f ?kind ?comment ?by ?sev{bound} WHERE {{
        GRAPH ?cg {{ ?conflict a dkg:Conflict ; dkg:concerns ?f .
          OPTIONAL {{ ?conflict dkg:conflictKind ?kind }} OPTIONAL {{ ?conflict rdfs:comment ?comment }}
          OPTIONAL {{ ?conflict dkg:conflictingSource ?by }} OPTIONAL {{ ?conflict dkg:severity ?sev }} }}
        {{ SELECT DISTINCT ?f{bound} WHERE {{ {selection} }} }} }}""", params):
        c = found.setdefault(r["conflict"], {"kind": r["kind"], "comment": r["comment"], "fact": short(r["f"]),
                                      "sources": [], "severity": r["sev"]})
        if r["by"] and short(r["by"]) not in c["sources"]:
            c["sources"].append(short(r["by"]))
    return sorted(found.values(), key=lambda c: (str(c["kind"]), c["fact"], str(c["comment"])))
