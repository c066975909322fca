"""A synthetic dataset with the shape of a real build, of any size, for benchmarks and tests.

``generate(out, triples=N, seed=S)`` writes N-Quads (``.nq``) or TriG (``.trig``): the ontology graph,
the registry graph (persons, organizations with ``dkg:country`` and ``org:subOrganizationOf``,
countries and cities with ``dkg:locatedIn``, roles, topics with ``skos:inScheme``/``skos:broader``),
then source graphs until at least ``triples`` quads are written. Each source graph holds a
``dkg:SourceDocument``, memberships, meetings, visits and conferences (dates at mixed precision with
their bounds), statements, and the provenance of every fact, with the same IRIs and graph naming as
``kg.builder.quads``; a membership or event reported by several sources is one node, as there. The inferred
graph holds what ``kg.builder.quads.infer`` would add, written after each source so that memory stays flat.

Same seed and size, same bytes: lines come from one seeded ``random.Random`` and never from a set.

>>> import io
>>> counts = generate(io.StringIO(), triples=2000, seed=1)
>>> counts["quads"] >= 2000, counts["dkg:Person"] > 0, counts["dkg:SourceDocument"] > 0
(True, True, True)
"""

from __future__ import annotations

import random
from collections import Counter
from collections.abc import Callable
from datetime import date, timedelta
from pathlib import Path
from typing import IO, TYPE_CHECKING

from kg.atomic import atomic_writer
from kg.builder.quads import TOPIC_SCHEME, iri
from kg.formats.rdf import term_nt
from kg.vocab import (
    DCTERMS,
    DKG,
    INFERRED_GRAPH,
    ONTOLOGY_GRAPH,
    ORG,
    PREFIXES,
    PROV,
    RDF_TYPE,
    RDFS,
    REGISTRY_GRAPH,
    SCHEMA,
    SKOS,
    TIME,
    XSD,
)

if TYPE_CHECKING:
    from kg.graph import KnowledgeGraph

_FIRST = ("Amir Lina Karim Sofia Omar Yara Hassan Mira Daniel Noor Ali Elena Farid Ana Samir Leila Tomas Rana "
          "Yusuf Ines Kaveh Dina Malik Sara Jonas Hana Idris Maya Rashid Nadia Victor Zainab Pavel Aisha Luca Reza "
          "Clara Tariq Ivana Bilal").split()
_LAST = ("Tavani Rahimi Haddad Moreau Karimi Novak Sadr Petrov Aziz Lindqvist Mansour Okafor Jaber Costa Farahani "
         "Nasser Weber Kazemi Salem Horvat Qasim Mendes Bakr Ivanova Daher Soltani Hakimi Ortega Yilmaz Rostami "
         "Amini Kovacs Hamdan Silva Najafi Berger Tahir Nowak Sharif Laine").split()
_SYLLABLES = "ka ra li mo ten va sa dor bel an ri zu mar os te qa ni lu fer go ha im pa tor el".split()
_ORG_KINDS = ("Government", "Ministry of Foreign Affairs", "Presidency", "Parliament", "Ministry of Defence",
              "Ministry of Economy", "Central Bank", "National Security Council", "Unity Party", "Reform Movement",
              "Institute for Strategic Studies", "Chamber of Commerce")
_ROLES = ("President", "Prime Minister", "Foreign Minister", "Defence Minister", "Speaker of Parliament",
          "Ambassador", "Head", "Deputy Head", "Spokesperson", "Envoy", "Governor", "Secretary General",
          "Adviser", "Chair", "Vice President")
_TOPIC_A = ("Regional", "Border", "Energy", "Economic", "Security", "Water", "Trade", "Maritime", "Cultural",
            "Humanitarian", "Nuclear", "Digital", "Climate", "Migration", "Health")
_TOPIC_B = ("cooperation", "security", "agreements", "dialogue", "crisis", "investment", "sanctions", "exchanges",
            "stability", "talks", "relations", "development", "initiatives", "policy", "partnership", "reform",
            "assistance", "integration", "negotiations", "affairs")
_CLAIMS = ("{a} supports closer {t} with {b}.", "{a} calls for renewed talks on {t}.",
           "{a} is committed to {t} in the region.", "{a} rejects outside interference in {t}.",
           "Progress on {t} depends on {b}.", "{a} and {b} share an interest in {t}.")
_PREC = {"day": TIME.unitDay, "month": TIME.unitMonth, "year": TIME.unitYear, "unknown": DKG.unknownPrecision}
_EPOCH = date(2005, 1, 1)


def _lit(text: str, datatype: str | None = None, lang: str | None = None) -> str:
    from pyoxigraph import Literal, NamedNode

    if datatype is None and lang is None:
        return '"' + text.replace("\\", "\\\\").replace('"', '\\"') + '"'
    return term_nt(Literal(text, datatype=NamedNode(datatype)) if datatype else Literal(text, language=lang))


def _day(d: date) -> str:
    return f'"{d.isoformat()}"^^<{XSD.date}>'


def _slug(text: str) -> str:
    return "-".join("".join(c if c.isalnum() else " " for c in text.lower()).split())


def _names(labels: list[str]) -> str:
    return labels[0] if len(labels) == 1 else ", ".join(labels[:-1]) + " and " + labels[-1]


class _Ontology:
    """The ontology as N-Triples lines, and the closures the inferred graph is made from."""

    def __init__(self, path: Path):
        from pyoxigraph import RdfFormat, Store

        from kg.formats.rdf import write_ntriples

        store = Store()
        store.load(path=str(path), format=RdfFormat.TURTLE)
        self.lines = write_ntriples(store).splitlines()
        self.supers: dict[str, list[str]] = {}
        for rel in ("rdfs:subClassOf", "rdfs:subPropertyOf"):
            q = f"SELECT ?a ?b WHERE {{ ?a {rel}+ ?b FILTER(isIRI(?a) && isIRI(?b)) }} ORDER BY ?a ?b"
            for row in store.query(q, prefixes=PREFIXES):
                self.supers.setdefault(row["a"].value, []).append(row["b"].value)


class _Out:
    """Writes graph blocks as N-Quads or TriG and counts quads and typed nodes."""

    def __init__(self, f: IO[str], trig: bool, onto: _Ontology | None, infer: bool):
        self.f, self.trig, self.onto, self.infer = f, trig, onto, infer
        self.counts: Counter[str] = Counter()
        self.once: set[str] = set()  # inferred lines of nodes that more than one source describes
        self.merged: dict[str, None] = {}  # the default graph: every asserted triple once, as a build writes it

    def block(self, graph: str, lines: list[str]) -> None:
        if not lines:
            return
        self.counts["quads"] += len(lines)
        if graph not in (ONTOLOGY_GRAPH, INFERRED_GRAPH):
            self.merged.update(dict.fromkeys(lines))
        if self.trig:
            self.f.write(f"<{graph}> {{\n" + " .\n".join(lines) + " .\n}\n")
        else:
            self.f.write(f" <{graph}> .\n".join(lines) + f" <{graph}> .\n")

    def close(self) -> None:
        """Write the merged view (the default graph)."""
        lines = list(self.merged)
        self.counts["quads"] += len(lines)
        if lines:
            self.f.write(" .\n".join(lines) + " .\n")


class _Graph:
    """The lines of one named graph, with their entailments collected on the side."""

    def __init__(self, out: _Out, name: str):
        self.out, self.name, self.lines, self.inferred = out, name, [], []

    def add(self, s: str, p: str, o: str, *, shared: bool = False) -> None:
        """Add ``<s> <p> o`` (``o`` in N-Triples); ``shared`` facts may be described again by other sources."""
        self.lines.append(f"<{s}> <{p}> {o}")
        if not self.out.infer:
            return
        if p == RDF_TYPE:
            new = [f"<{s}> <{RDF_TYPE}> <{c}>" for c in self.out.onto.supers.get(o[1:-1], ())]  # type: ignore
        else:
            new = [f"<{s}> <{q}> {o}" for q in self.out.onto.supers.get(p, ())]  # type: ignore[union-attr]
        if shared:
            new = [x for x in new if x not in self.out.once]
            self.out.once.update(new)
        self.inferred += new

    def new(self, s: str, cls: str, *, shared: bool = False, count: bool = True) -> None:
        """Type ``s`` as ``cls`` (an IRI) and count it once."""
        self.add(s, RDF_TYPE, f"<{cls}>", shared=shared)
        self.out.counts[cls.replace(PREFIXES["dkg"], "dkg:")] += count

    def close(self) -> None:
        self.out.block(self.name, self.lines)
        self.out.block(INFERRED_GRAPH, list(dict.fromkeys(self.inferred)))


def _place(i: int, n: int, suffix: str) -> str:
    """The ``i``-th made-up place name of ``n`` syllables: distinct for distinct ``i`` below 25**n."""
    k, parts = (i * 7919 + 4241) % len(_SYLLABLES) ** n, []
    for _ in range(n):
        k, r = divmod(k, len(_SYLLABLES))
        parts.append(_SYLLABLES[r])
    return "".join(parts).capitalize() + suffix


class _World:
    """The registry: who and what the sources talk about."""

    def __init__(self, rng: random.Random, triples: int):
        self.rng = rng
        nc = min(190, max(4, triples // 5000))
        self.countries = [_place(i, 2, ("ia", "stan", "land", "a")[i % 4]) for i in range(nc)]
        self.cities = [[_place(c * 3 + j, 3, "") for j in range(1 + c % 3)] for c in range(nc)]
        self.persons = [self._person(i) for i in range(max(20, triples // 120))]
        self.fame = list(range(len(self.persons)))  # who is in the news most: a shuffled order
        rng.shuffle(self.fame)
        kinds = len(_ORG_KINDS)
        self.orgs = [(f"{_ORG_KINDS[(i // nc) % kinds]} of {self.countries[i % nc]}"
                      + (f" {i // (nc * kinds) + 1}" if i >= nc * kinds else ""), i % nc)
                     for i in range(max(kinds, triples // 600))]
        self.topics = [f"{a} {b}" for b in _TOPIC_B for a in _TOPIC_A][: min(300, max(20, triples // 3000))]
        self.home = [rng.randrange(nc) for _ in self.persons]
        # Each person holds a post (role, organization of their country) that sources attest.
        per_country = max(1, len(self.orgs) // nc)
        self.post = {_slug(p): (rng.randrange(len(_ROLES)), c + nc * rng.randrange(per_country))
                     for p, c in zip(self.persons, self.home, strict=True)}
        self.attested: set[str] = set()

    @staticmethod
    def _person(i: int) -> str:
        first, last = _FIRST[i % len(_FIRST)], _LAST[(i // len(_FIRST)) % len(_LAST)]
        k = i // (len(_FIRST) * len(_LAST))
        middle = f" {chr(64 + k % 26 or 90)}." if k else ""
        return f"{first}{middle} {last}" + (f" {k // 26 + 1}" if k >= 26 else "")

    def actor(self) -> tuple[str, str]:
        """A person (skewed: a few are everywhere) or, less often, an organization: (id, label)."""
        if self.rng.random() < 0.88:
            label = self.persons[self.fame[int(len(self.persons) * self.rng.random() ** 2.5)]]
        else:
            label = self.orgs[self.rng.randrange(len(self.orgs))][0]
        return _slug(label), label

    def city(self) -> tuple[str, str]:
        c = self.rng.randrange(len(self.countries))
        name = self.rng.choice(self.cities[c])
        return _slug(name), name

    def write(self, out: _Out) -> None:
        g = _Graph(out, REGISTRY_GRAPH)

        def entity(label: str, cls: str) -> str:
            s = iri(_slug(label))
            g.new(s, cls)
            g.add(s, RDFS.label, _lit(label))
            return s

        for country, cities in zip(self.countries, self.cities, strict=True):
            entity(country, DKG.Country)
            for city in cities:
                g.add(entity(city, DKG.City), DKG.locatedIn, f"<{iri(_slug(country))}>")
        for label, c in self.orgs:
            s = entity(label, DKG.Organization)
            g.add(s, DKG.country, f"<{iri(_slug(self.countries[c]))}>")
            if not label.startswith("Government"):
                g.add(s, ORG.subOrganizationOf, f"<{iri(_slug('Government of ' + self.countries[c]))}>")
        for i, (label, c) in enumerate(zip(self.persons, self.home, strict=True)):
            s = entity(label, DKG.Person)
            g.add(s, DKG.country, f"<{iri(_slug(self.countries[c]))}>")
            if i % 3 == 0:
                g.add(s, SKOS.altLabel, _lit(label.split()[-1]))
        for label in _ROLES:
            s = entity(label, DKG.Role)
            g.add(s, SKOS.prefLabel, _lit(label))
            g.add(s, SCHEMA.description, _lit(f"The role of {label.lower()} in an organization."))
        g.new(TOPIC_SCHEME, DKG.TopicScheme)
        g.add(TOPIC_SCHEME, RDFS.label, _lit("Topics"))
        for i, label in enumerate(self.topics):
            s = entity(label, DKG.Topic)
            g.add(s, SKOS.prefLabel, _lit(label))
            g.add(s, SKOS.inScheme, f"<{TOPIC_SCHEME}>")
            if i >= len(_TOPIC_A) and self.rng.random() < 0.5:
                g.add(s, SKOS.broader, f"<{iri(_slug(self.topics[i % len(_TOPIC_A)]))}>")
        g.close()


def _when(rng: random.Random, pub: date) -> tuple[str, date | None, date | None, str | None, str | None]:
    """(precision, earliest, latest, literal, wording) of an event reported on ``pub``."""
    r = rng.random()
    if r < 0.6:
        d = pub - timedelta(days=rng.randrange(8))
        return "day", d, d, _day(d), rng.choice((None, None, f"on {d:%A}"))
    if r < 0.8:
        first = pub.replace(day=1)
        if rng.random() < 0.5:
            first = (first - timedelta(days=1)).replace(day=1)
        last = (first + timedelta(days=32)).replace(day=1) - timedelta(days=1)
        return "month", first, last, f'"{first:%Y-%m}"^^<{XSD.gYearMonth}>', rng.choice((None, f"in {first:%B}"))
    if r < 0.88:
        y = pub.year - rng.randrange(2)
        return "year", date(y, 1, 1), date(y, 12, 31), f'"{y}"^^<{XSD.gYear}>', None
    lo = pub - timedelta(days=2) if rng.random() < 0.5 else None
    return "unknown", lo, pub, None, "recently" if lo is None else "during the visit"


class _Source:
    """One source graph: the document, its events, memberships and statements, each with provenance."""

    def __init__(self, out: _Out, world: _World, n: int, rng: random.Random):
        self.w, self.rng, self.n = world, rng, n
        self.pub = _EPOCH + timedelta(days=rng.randrange(7300))
        self.sid = f"report-{n:06d}-{self.pub.isoformat()}"
        self.src = iri(self.sid)
        self.g = _Graph(out, self.src)
        self.mentioned: set[str] = set()
        self.events: list[tuple] = []  # (kind, participants, place, ident, topics), new ones only

    def ref(self, ident: str) -> str:
        self.mentioned.add(ident)
        return f"<{iri(ident)}>"

    def prov(self, s: str, evidence: str, shared: bool) -> None:
        g, derivation = self.g, f"{s}#{self.sid}"
        g.add(s, PROV.wasDerivedFrom, f"<{self.src}>", shared=shared)
        g.add(s, PROV.qualifiedDerivation, f"<{derivation}>", shared=shared)
        g.add(derivation, RDF_TYPE, f"<{PROV.Derivation}>")
        g.add(derivation, PROV.entity, f"<{self.src}>")
        g.add(s, DKG.evidence, _lit(evidence, lang="en"), shared=shared)
        g.add(derivation, DKG.evidence, _lit(evidence, lang="en"))

    def again(self, ident: str, cls: str, parts: list, place: tuple, topics: list) -> None:
        """An event another source reported first: its participants, place and topics, said again."""
        s, g = iri(ident), self.g
        g.new(s, cls, shared=True, count=False)
        for a, _ in parts:
            g.add(s, DKG.participant, self.ref(a), shared=True)
        g.add(s, DKG.location, self.ref(place[0]), shared=True)
        for t in topics:
            g.add(s, DKG.topic, self.ref(t), shared=True)
        self.prov(s, f"{_names([b for _, b in parts])} met in {place[1]}, {self.sid} also reports.", True)

    def event(self, k: int, shared: bool) -> None:
        w, rng, g = self.w, self.rng, self.g
        kind = rng.choices(("meeting", "visit", "conference"), (0.55, 0.3, 0.15))[0]
        size = {"meeting": rng.choice((2, 2, 2, 3, 4, 5)), "visit": 1, "conference": rng.randint(3, 5)}[kind]
        parent = self.events[-1] if kind == "meeting" and self.events and self.events[-1][0] != "meeting" \
            and rng.random() < 0.5 else None
        parts = dict([parent[1][0]] if parent else [])
        while len(parts) < size:
            parts.setdefault(*w.actor())
        place = parent[2] if parent else w.city()
        precision, lo, hi, lit_date, wording = _when(rng, self.pub)
        ident = f"{kind}-{self.n:06d}-{k}"
        s, cls = iri(ident), DKG[kind.capitalize()]
        names = _names(list(parts.values()))
        topics = sorted({_slug(rng.choice(w.topics)) for _ in range(rng.randint(1, 3))})
        label = {"visit": f"Visit of {names} to {place[1]}", "meeting": f"Meeting of {names}",
                 "conference": f"Conference on {rng.choice(w.topics)} in {place[1]}"}[kind]
        if lit_date and kind != "conference":
            label += f" ({lit_date.split('^^')[0][1:-1]})"
        g.new(s, cls, shared=shared)
        g.add(s, RDFS.label, _lit(label), shared=shared)
        for a in parts:
            g.add(s, DKG.participant, self.ref(a), shared=shared)
        g.add(s, DKG.location, self.ref(place[0]), shared=shared)
        if kind == "visit":
            g.add(s, DKG.destination, self.ref(place[0]), shared=shared)
            if rng.random() < 0.3:
                g.add(s, DKG.invitedBy, self.ref(w.actor()[0]), shared=shared)
        if parent:
            g.add(s, DKG.partOf, f"<{iri(parent[3])}>", shared=shared)
        for t in topics:
            g.add(s, DKG.topic, self.ref(t), shared=shared)
        g.add(s, DKG.datePrecision, f"<{_PREC[precision]}>", shared=shared)
        for p, v in ((DKG.date, lit_date), (DKG.earliestDate, lo and _day(lo)), (DKG.latestDate, hi and _day(hi)),
                     (DKG.timeExpression, wording and _lit(wording, lang="en"))):
            if v:
                g.add(s, p, v, shared=shared)
        self.prov(s, f"{label.split(' (')[0]} took place in {place[1]}.", shared)
        self.events.append((kind, list(parts.items()), place, ident, topics, cls))

    def membership(self, person: str, label: str, done: set[str]) -> None:
        """The post ``person`` holds, attested by this source on its publication date."""
        role, org = self.w.post[person]
        r, o, org_label = _slug(_ROLES[role]), _slug(self.w.orgs[org][0]), self.w.orgs[org][0]
        s = iri(f"membership-{person}-{r}-{o}")
        if s in done:
            return
        done.add(s)
        first = s not in self.w.attested
        self.w.attested.add(s)
        g = self.g
        g.new(s, DKG.Membership, shared=True, count=first)
        if first:
            g.add(s, RDFS.label, _lit(f"{label}, {_ROLES[role]}, {org_label}"), shared=True)
            if self.rng.random() < 0.2:
                g.add(s, DKG.startDate, f'"{self.pub.year - self.rng.randrange(6)}"^^<{XSD.gYear}>', shared=True)
        for p, v in ((ORG.member, person), (ORG.role, r), (ORG.organization, o)):
            g.add(s, p, self.ref(v), shared=True)
        g.add(s, DKG.attestedOn, _day(self.pub), shared=True)
        self.prov(s, f"{label}, {_ROLES[role]} of {org_label}, was there ({self.sid}).", True)

    def statement(self, j: int) -> None:
        rng, g = self.rng, self.g
        _, parts, _, ident, topics, _ = rng.choice(self.events)
        speaker, speaker_label = rng.choice(parts)
        about = rng.choice([a for a, _ in parts if a != speaker] or [_slug(rng.choice(self.w.countries))])
        topic = rng.choice(topics)
        claim = rng.choice(_CLAIMS).format(a=speaker_label, b=about.replace("-", " ").title(),
                                           t=topic.replace("-", " "))
        s = iri(f"statement-{self.n:06d}-{j}")
        g.new(s, DKG.Statement)
        g.add(s, RDFS.label, _lit(f"{speaker_label}: {claim}"))
        g.add(s, DKG.claim, _lit(claim, lang="en"))
        for p, v in ((DKG.speaker, speaker), (DKG.about, about), (DKG.topic, topic)):
            g.add(s, p, self.ref(v))
        if rng.random() < 0.7:
            g.add(s, DKG.statedAt, f"<{iri(ident)}>")
        self.prov(s, f"“{claim}”, {speaker_label} said.", False)

    def write(self, pending: list[tuple]) -> list[tuple]:
        """Write the source; return the events it reported that a later source may report again."""
        rng, g, src = self.rng, self.g, self.src
        later = []
        for k in range(rng.randint(2, 8)):
            if pending and rng.random() < 0.1:
                self.again(*pending.pop(rng.randrange(len(pending))))
                continue
            shared = rng.random() < 0.08
            self.event(k, shared)
            if shared:
                kind, parts, place, ident, topics, cls = self.events[-1]
                later.append((ident, cls, parts, place, topics))
        done: set[str] = set()
        for _, parts, *_ in self.events[:3]:  # the posts of the people in the news
            for a, label in parts[:2]:
                if a in self.w.post:
                    self.membership(a, label, done)
        for j in range(rng.randint(1, 5) if self.events else 0):
            self.statement(j)
        title = f"{_names([p[1] for p in self.events[0][1]])} in talks" if self.events else f"Report {self.n}"
        g.new(src, DKG.SourceDocument)
        g.add(src, RDFS.label, _lit(title))
        g.add(src, DCTERMS.title, _lit(title, lang="en"))
        g.add(src, DCTERMS.identifier, _lit(self.sid))
        g.add(src, SCHEMA.datePublished, _day(self.pub))
        g.add(src, DCTERMS.language, _lit("en"))
        g.add(src, DKG.dateline, self.ref(self.w.city()[0]))
        g.add(src, SCHEMA.url, _lit(f"https://news.example.org/{self.sid}", datatype=XSD.anyURI))
        for ident in sorted(self.mentioned):
            g.add(iri(ident), PROV.wasDerivedFrom, f"<{src}>")
        g.close()
        return later


def generate(out: str | Path | IO[str], triples: int = 1_000_000, seed: int = 0, *, trig: bool | None = None,
             infer: bool = True, ontology: str | Path | None = None,
             progress: Callable[[int], None] | None = None) -> Counter[str]:
    """Write a synthetic dataset of at least ``triples`` quads to ``out`` (a path or a text file).

    The format follows the suffix (``.trig`` or ``.nq``) unless ``trig`` is given. Returns the counts:
    ``quads``, and the typed nodes per class (``dkg:Person``, ``dkg:Meeting``, ...).
    """
    if not isinstance(out, (str, Path)):
        return _generate(out, triples, seed, bool(trig), infer, ontology, progress)
    path = Path(out)
    with atomic_writer(path) as raw, open(raw.fileno(), "w", encoding="utf-8", closefd=False,
                                           buffering=1 << 20) as f:
        counts = _generate(f, triples, seed, path.suffix == ".trig" if trig is None else trig, infer, ontology,
                           progress)
    return counts


def _generate(f: IO[str], triples: int, seed: int, trig: bool, infer: bool, ontology: str | Path | None,
              progress: Callable[[int], None] | None) -> Counter[str]:
    from kg.resources import ontology_dir

    rng = random.Random(seed)
    onto = _Ontology(Path(ontology) if ontology else ontology_dir() / "dkg.ttl")
    out = _Out(f, trig, onto, infer)
    out.block(ONTOLOGY_GRAPH, [line[:-2] for line in onto.lines])
    world = _World(rng, triples)
    world.write(out)
    pending: list[tuple] = []
    n = 0
    # The default graph (the merged view) repeats about half of what the named graphs hold.
    while out.counts["quads"] + len(out.merged) < triples:
        pending += _Source(out, world, n, rng).write(pending)
        n += 1
        if progress and n % 1000 == 0:
            progress(out.counts["quads"])
    out.close()
    return out.counts


def load(path: str | Path) -> KnowledgeGraph:
    """Open a generated (or any) ``.nq``, ``.trig``, ``.ttl`` or ``.nt`` file: ``KnowledgeGraph.load``.

    >>> import os, tempfile
    >>> with tempfile.TemporaryDirectory() as d:
    ...     counts = generate(os.path.join(d, "g.nq"), 1000, seed=1)
    ...     len(load(os.path.join(d, "g.nq")).store) == counts["quads"]
    True
    """
    from kg.graph import KnowledgeGraph

    return KnowledgeGraph.load(path)


__all__ = ["generate", "load"]
