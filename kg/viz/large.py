"""The overview of a large graph read from its store, without the mirror of the whole graph.

``kg.viz.overview.overview`` cuts the overview out of the view of everything, which needs the networkx mirror of
the whole graph (``KnowledgeGraph.nx``): at a hundred thousand quads most of the time ``kg build`` spends writing
``graph.html``, and all of it again on every incremental build. ``store_overview(store)`` makes the same View
from the store: what the choice needs (each entity's class, who took part in what, each actor's country, the
events' bounds, the number of relations) in a few queries, then a mirror of only the chosen entities and what
their details read (``submirror``), with the conventions of ``kg.graph.mirror.to_networkx``. The page written
from it is the same, byte for byte (``tests/test_viz_large.py``).

>>> import kg, kg.viz.overview as o
>>> g = kg.build("data", shacl=False)
>>> fast = store_overview(g.store, top=3)
>>> slow = o.overview(kg.viz.build_view(g), g.nx, top=3)
>>> fast.nodes == slow.nodes and fast.edges == slow.edges and fast.notice == slow.notice
True
>>> count_shown(g.store) == len(kg.viz.build_view(g).nodes)
True
"""

from __future__ import annotations

from collections import Counter, defaultdict
from typing import Any

from pyoxigraph import BlankNode, DefaultGraph, Literal, NamedNode, Store

from kg.graph.mirror import CLASS_ORDER, node_attributes, node_id
from kg.values import python_value
from kg.viz import details as _details
from kg.viz.options import ACTOR_CLASSES, BY_CURIE, EVENT_CLASSES, parse_types
from kg.viz.view import (
    HIDDEN_RELATIONS,
    View,
    _importance,
    _short_ids,
    edge_label,
    membership_edges,
    membership_parts,
    page_node,
)
from kg.vocab import ID_NS, PREFIXES, RDF_TYPE, RDFS, compact, expand

_RANK = {c: i for i, c in enumerate(CLASS_ORDER)}
_HIDDEN = {expand(k) for k in HIDDEN_RELATIONS}


def entity_types(store: Store, subjects: list[str] | None = None) -> dict[str, str]:
    """Every typed IRI (of ``subjects``, if given) -> its ``type`` as the mirror gives it (the first of
    ``CLASS_ORDER``, else the least name)."""
    got: dict[str, list[str]] = defaultdict(list)
    a, dg = NamedNode(RDF_TYPE), DefaultGraph()
    quads = store.quads_for_pattern(None, a, None, dg) if subjects is None else \
        (q for s in subjects for q in store.quads_for_pattern(NamedNode(s), a, None, dg))
    for q in quads:
        if isinstance(q.subject, NamedNode) and isinstance(q.object, NamedNode):
            got[q.subject.value].append(q.object.value)
    out = {}
    for n, ts in got.items():
        known = [t for t in ts if t in _RANK]
        out[n] = compact(min(known, key=_RANK.__getitem__)) if known else min(compact(t) for t in ts)
    return out


def count_shown(store: Store, types: Any = None, *, kinds: dict[str, str] | None = None) -> int:
    """How many entities the view of the whole graph would draw (``len(build_view(g, types=types).nodes)``);
    ``kinds`` is ``entity_types(store)``, if known."""
    wanted = {c.curie for c in parse_types(types)}
    return sum(1 for t in (entity_types(store) if kinds is None else kinds).values() if t in wanted)


# DISTINCT: an entity of two drawn classes would give its relations twice (a join is much faster than EXISTS).
# Every IRI it points at, drawn or not: which of them are drawn is decided from the classes of this build.
_RELATIONS = """
SELECT DISTINCT ?s ?p ?o WHERE {
  %(subject)s VALUES ?cs { %(classes)s } ?s a ?cs .
  ?s ?p ?o . FILTER (isIRI(?o) && ?p != rdf:type && ?p NOT IN (%(hidden)s))
}"""


def store_overview(store: Store, *, top: int | None = None, max_events: int | None = None,
                   kinds: dict[str, str] | None = None, reads: Reads | None = None) -> View:
    """The View ``overview(build_view(g), g.nx)`` gives (default types), read from ``store`` (see the module);
    ``kinds`` is ``entity_types(store)``, if known; ``reads``, the reads of a previous build brought up to date
    (``Reads``), else the store is read afresh."""
    from kg.viz import overview as _o

    reads = reads if reads is not None else Reads(store)
    kinds = reads.kinds() if kinds is None else kinds
    top = _o.TOP_ACTORS if top is None else top
    max_events = _o.MAX_EVENTS if max_events is None else max_events
    classes = parse_types(None)
    wanted = {c.curie for c in classes}
    drawn = {n: t for n, t in kinds.items() if t in wanted}
    shown = frozenset(drawn)
    ids = reads.memo("ids", shown, lambda: _short_ids(sorted(shown)))
    # The relations among drawn entities, as the view would draw them (its edges before the memberships).
    plain: set[tuple[str, str, str]] = set()
    for s, edges in reads.relations().items():
        if s in shown:
            plain.update((s, o, p) for o, p in edges if o in shown)
    members, orgs = reads.values(expand("org:member")), reads.values(expand("org:organization"))
    pairs = {(m, p, o) for m in members.keys() & orgs.keys() for p in members[m] for o in orgs[m]}
    memberships = sum(1 for m, p, o in pairs if kinds.get(m) == "dkg:Membership" and p in shown and o in shown)
    value, participants = reads.memo("importance", (drawn, plain), lambda: _weights(drawn, plain))
    importance = value.__getitem__
    country = {a: min(cs) for a, cs in reads.values(expand("dkg:country"), "iri").items()
               if a in shown and kinds[a] in ACTOR_CLASSES and cs}
    bounds = reads.bounds({n for n in shown if kinds[n] in EVENT_CLASSES})

    actors = [n for n in shown if kinds[n] in ACTOR_CLASSES]
    labels = reads.labels()
    ranked = sorted(actors, key=lambda a: (-importance(a), labels.get(a, compact(a)) or ids[a], ids[a]))[:top]
    keep_actors = set(ranked)
    pair_count: Counter = Counter()
    for people in participants.values():
        cs = sorted({ids[country[p]] for p in people if p in country and country[p] in shown})
        for i, a in enumerate(cs):
            for b in cs[i + 1:]:
                pair_count[(a, b)] += 1
    events = [ev for ev, people in participants.items() if len(people & keep_actors) >= 2]
    events.sort(key=lambda ev: (-len(participants[ev] & keep_actors), _iso(bounds[ev][0]) or "", ids[ev]))
    events = events[:max_events]
    countries = {n for n in shown if kinds[n] == "dkg:Country"}
    kept = keep_actors | set(events) | countries

    titles = source_titles(store, kinds, reads)
    details, members = _described(store, reads, kept, kinds, labels, ids, titles)
    view_edges = [{"from": u, "to": v, "label": edge_label(k), "relation": k, "sources": sorted(reads.sources(key))}
                  for key, (u, v, k) in _kept_relations(reads, kept) if k not in HIDDEN_RELATIONS]
    for _, parts in sorted(members.items()):
        view_edges += membership_edges(parts, kept)
    out_edges = [{**e, "from": ids[e["from"]], "to": ids[e["to"]]} for e in view_edges
                 if e["relation"] != "dkg:participant" or e["to"] in keep_actors]
    out_edges += _o.pair_edges(pair_count)
    by_country: Counter = Counter()  # a country's value: the events of its pairs (each pair once per end)
    for (x, y), c in pair_count.items():
        by_country[x] += c
        if y != x:
            by_country[y] += c
    nodes = []
    for n in sorted(kept):
        a = reads.entry(n)[0]
        node = page_node(a, n, ids, importance(n))
        if a["type"] in EVENT_CLASSES:
            node["start"], node["end"] = _iso(bounds[n][0]), _iso(bounds[n][1])
        node["details"] = details[n]
        if n in countries:
            node["value"] = by_country[ids[n]]
        nodes.append(node)
    present = {BY_CURIE[kinds[n]].name for n in shown}
    periods = _o.periods_of([{"cls": BY_CURIE[kinds[n]].name, "start": _iso(lo), "end": _iso(hi)}
                             for n, (lo, hi) in bounds.items()])
    notice = _o.notice_text(len(shown), len(plain) + memberships, len(countries), len(pair_count), len(keep_actors),
                            len(events), periods)
    return View(nodes, out_edges, [c for c in classes if c.name in present], titles,
                options={"types": [c.name for c in classes]}, notice=notice, periods=periods)


class _KindsOf:
    """What ``kg.viz.view._importance`` reads of a mirror (``G.nodes[n]["type"]``), from the classes alone."""

    def __init__(self, kinds: dict[str, str]):
        self.nodes = {n: {"type": t} for n, t in kinds.items()}


def _weights(drawn: dict[str, str], plain: set[tuple[str, str, str]]) -> tuple[dict[str, int], dict[str, set[str]]]:
    """Each drawn entity's importance (``kg.viz.view._importance``) and each event's participants, from the
    classes of the drawn entities and the relations among them ``(subject, object, predicate)``."""
    edges = [{"from": s, "to": o, "relation": compact(p)} for s, o, p in sorted(plain)]
    importance = _importance(_KindsOf(drawn), edges)
    participants: dict[str, set[str]] = defaultdict(set)
    for e in edges:
        if e["relation"] == "dkg:participant":
            participants[e["from"]].add(e["to"])
    return {n: importance(n) for n in drawn}, dict(participants)


def _kept_relations(reads: Reads, kept: set[str]) -> list[tuple[tuple[str, str, str], tuple[str, str, str]]]:
    """The relations among the kept entities that the mirror holds (``submirror`` of ``kept``: out of them, not the
    ``_UNREAD`` ones, and into them), in its order (by subject, object, predicate IRI): each as its key and as
    ``(from, to, compact predicate)``."""
    keys = {key for n in kept for key in reads.incoming(n) if key[0] in kept}
    keys.update(key for n in kept for key in reads.entry(n)[1] if key[1] in kept)
    return [(key, (key[0], key[1], compact(key[2]))) for key in sorted(keys) if key[2] not in _UNREAD]


def _described(store: Store, reads: Reads, kept: set[str], kinds: dict[str, str], labels: dict[str, str],
               ids: dict[str, str], titles: dict[str, str]) -> tuple[dict[str, list], dict[str, tuple]]:
    """The details of each kept entity (``details.describe`` on ``submirror(kept)``), and each membership whose
    member is kept -> what the page draws of it (``view.membership_parts``).

    Each is kept with the reads (``Reads.memo``) beside what it was made of (``_read_of``: the node's attributes
    and relations, the classes and labels of the nodes they lead to, the attributes of the memberships and
    statements that point at it, its short id; the titles of the sources for all): an edit makes again only
    those whose reads differ, from the submirror of those alone, which gives them the same details as that of
    every kept entity (the details of a node read only its own relations, and the labels, classes and
    relations of its neighbours)."""
    old = reads.memo("details", titles, dict)  # by node; for other titles everything is made again
    member = expand("org:member")
    ms = sorted({u for n in kept for u, _, p in reads.incoming(n) if p == member and kinds.get(u) == "dkg:Membership"})
    read = {n: _read_of(reads, n, kinds, labels, ids.get(n)) for n in (*sorted(kept), *ms)}
    todo = [n for n in read if n not in old or old[n][0] != read[n]]
    if todo:
        ix = _details.Index(submirror(store, set(todo), kinds, labels, reads))
        ix.ids = ids
        for n in todo:
            old[n] = (read[n], _details.describe(ix, n, titles) if n in kept else membership_parts(ix, n, titles))
    for n in [n for n in old if n not in read]:  # no longer kept: not kept with the reads either
        del old[n]
    return {n: old[n][1] for n in kept}, {m: old[m][1] for m in ms}


def _read_of(reads: Reads, n: str, kinds: dict[str, str], labels: dict[str, str], short: str | None) -> tuple:
    """What the details of ``n`` read (see ``_described``), as a value to compare."""
    attrs, keys = reads.entry(n)
    out = tuple((v, kinds.get(v), labels.get(v)) for _, v, p in keys if p not in _UNREAD)
    into = []
    for u, _, p in reads.incoming(n):
        kind = kinds.get(u)
        if kind in _READ_ON:
            a, ks = reads.entry(u)
            into.append((p, u, kind, a, tuple((v, kinds.get(v), labels.get(v)) for _, v, q in ks if q not in _UNREAD)))
        else:
            into.append((p, u, kind, labels.get(u)))
    return attrs, out, tuple(into), short


def _iso(d: Any) -> str | None:
    return d and d.isoformat()


def source_titles(store: Store, kinds: dict[str, str] | None = None, reads: Reads | None = None) -> dict[str, str]:
    """``details.source_titles`` of the whole mirror, from the store (through ``reads``, if given): source id ->
    ``title (published)``."""
    kinds = entity_types(store) if kinds is None else kinds
    docs = sorted(n for n, t in kinds.items() if t == "dkg:SourceDocument")
    return _details.source_titles(_node_graph(store, docs, reads))


def _node_graph(store: Store, nodes: list[str], reads: Reads | None = None) -> Sub:
    G = Sub()
    for n in nodes:
        G.nodes[n] = dict(_attributes(store, n) if reads is None else reads.attributes(n, {}))
    return G


def _attributes(store: Store, n: str, found: dict | None = None) -> dict[str, Any]:
    """A node's attributes as ``to_networkx`` writes them: types, type, label, aliases, one per literal property;
    its relations go into ``found`` (as ``_read_into`` puts them), if given."""
    types: set[str] = set()
    literals: dict[str, set] = defaultdict(set)
    for q in store.quads_for_pattern(_term(n), None, None, DefaultGraph()):
        p, o = q.predicate.value, q.object
        if p == RDF_TYPE:
            types.add(o.value)
        elif isinstance(o, Literal):
            literals[p].add(python_value(o))
        elif found is not None:
            found.setdefault((n, node_id(o), p), set())
    return node_attributes(n, types, literals)


_SKIP = object()


def _read_values(store: Store, subject: str | None, predicate: str, how: str, into: dict[str, list]) -> None:
    """The objects of ``predicate`` (of ``subject``, else of every subject) in the merged view, into ``into`` by
    subject, as ``Reads.values`` keeps them."""
    s = None if subject is None else NamedNode(subject)
    for q in store.quads_for_pattern(s, NamedNode(predicate), None, DefaultGraph()):
        v = _value(q.object, how)
        if v is not _SKIP:
            into[node_id(q.subject) if how == "label" else q.subject.value].append(v)


def _value(o: Any, how: str) -> Any:
    """An object as ``Reads.values`` keeps it (``_SKIP``: not kept)."""
    if how == "any":
        return o.value
    if how == "iri":
        return o.value if isinstance(o, NamedNode) else _SKIP
    if how == "literal":
        return python_value(o) if isinstance(o, Literal) else _SKIP
    return str(python_value(o))  # label


def _term(n: str) -> Any:
    return BlankNode(n[2:]) if n.startswith("_:") else NamedNode(n)


#: The relations into a node that its details read (``details.describe``): those named from the object's side,
#: a membership's member and organization, a statement's speakers and event. The others (each person's
#: country, each fact's source...) are many and read by nothing, so they are not read into the submirror.
_READ_IN = frozenset(expand(k) for k in (*_details.IN_FIELDS, "org:member", "org:organization", "dkg:speaker",
                                         "dkg:statedAt"))


def _read_into(store: Store, n: str, found: dict) -> None:
    """The relations into ``n`` in the merged view (the default graph) that its details read, into ``found``:
    (u, v, predicate) -> the source graphs that say it (filled by ``_sources`` for the relations the page
    draws)."""
    for q in store.quads_for_pattern(None, None, _term(n), DefaultGraph()):
        p = q.predicate.value
        if p in _READ_IN:
            found.setdefault((node_id(q.subject), n, p), set())


def _sources(store: Store, key: tuple[str, str, str]) -> set[str]:
    """The ids of the source graphs that assert a relation (as ``to_networkx`` gives an edge's ``sources``)."""
    u, v, p = key
    got = set()
    for q in store.quads_for_pattern(_term(u), NamedNode(p), _term(v), None):
        g = q.graph_name
        if isinstance(g, NamedNode) and g.value.startswith(ID_NS) and len(g.value) > len(ID_NS):
            got.add(g.value[len(ID_NS):])
    return got


def _light(n: str, kinds: dict[str, str], labels: dict[str, str]) -> dict[str, Any]:
    """What the details read of a neighbour: its ``type`` and ``label`` (as ``_attributes`` gives them)."""
    return {"type": kinds.get(n), "label": labels[n] if n in labels else compact(n), "aliases": []}


#: Neighbours whose own relations the details read (a role held, a statement's speakers and events).
_READ_ON = ("dkg:Membership", "dkg:Statement")
#: Relations out of a node that neither its details read nor the page draws (hidden): left out of the submirror,
#: with the nodes they lead to (each fact's qualified derivations: a seventh of its edges, a third of its nodes).
_UNREAD = frozenset(expand(k) for k in ("prov:qualifiedDerivation",))


def submirror(store: Store, core: set[str], kinds: dict[str, str] | None = None,
              labels: dict[str, str] | None = None, reads: Reads | None = None) -> Sub:
    """The part of ``to_networkx(store)`` that the details of ``core`` read: the core nodes with all their
    attributes and relations (in and out; of those out, not the ``_UNREAD`` ones), the memberships and statements
    among their neighbours with theirs (out), and the type and label of every other node these touch; nodes and
    edges in the mirror's order."""
    reads = reads if reads is not None else Reads(store)
    kinds = reads.kinds() if kinds is None else kinds
    labels = reads.labels() if labels is None else labels
    found: dict[tuple[str, str, str], set[str]] = {}
    for n in sorted(core):
        for key in reads.incoming(n):
            found.setdefault(key, set())
    attrs = {n: reads.attributes(n, found) for n in sorted(core)}
    for key in [k for k in found if k[2] in _UNREAD]:
        del found[key]
    ring = {x for u, v, _ in found for x in (u, v)} - core
    light = {n: _light(n, kinds, labels) for n in ring}
    for n in sorted(ring):
        if light[n]["type"] in _READ_ON:
            attrs[n] = reads.attributes(n, found)
    for key in [k for k in found if k[2] in _UNREAD]:
        del found[key]
    touched = {x for u, v, _ in found for x in (u, v)}
    for n in sorted(touched - set(attrs) - set(light)):
        light[n] = _light(n, kinds, labels)
    G = Sub()
    for n in sorted(touched | core):
        G.nodes[n] = dict(attrs.get(n) or light[n])
    short = {p: compact(p) for p in {k[2] for k in found}}
    for key, sources in sorted(found.items()):
        if key[0] in core and key[1] in core:  # the relations the page draws: the only sources it reads
            sources = reads.sources(key)
        G.out.append((key[0], key[1], short[key[2]], sorted(sources) if sources else []))
    return G


class _Nodes(dict):
    """A node -> its attributes, as ``G.nodes`` of networkx reads: ``G.nodes[n]``, ``G.nodes(data=True)``."""

    def __call__(self, data: bool = False):
        return self.items() if data else self.keys()


class Sub:
    """The part of the mirror ``submirror`` makes, with what the details read of a networkx mirror
    (``kg.viz.details.Index``): its nodes with their attributes, in order, and its edges as ``(u, v, key,
    sources)``, in the order networkx gives them (by node, then by the other node, then by key). Made in a
    fraction of the time of a ``networkx.MultiDiGraph`` (at 1M quads, 33,000 edges: the submirror 0.29 s
    instead of 0.47)."""

    def __init__(self) -> None:
        self.nodes = _Nodes()
        self.out: list[tuple[str, str, str, list[str]]] = []  # sorted by (u, v, predicate)

    def __iter__(self):
        return iter(self.nodes)

    def __contains__(self, n: object) -> bool:
        return n in self.nodes

    def __len__(self) -> int:
        return len(self.nodes)

    def edges(self, keys: bool = True, data: str = "sources", default=()):
        assert keys and data == "sources", "a Sub gives its edges with their keys and sources only"
        return iter(self.out)


class Reads:
    """What the overview reads of a store node by node, kept: each entity's class, the relations of the
    drawn entities, a node's attributes and relations out, its relations in, a relation's sources. An
    incremental build keeps them in its state and ``refresh``es them from its edit (the nodes whose quads
    changed): the page of a corpus is then drawn from a few reads instead of all of them, and is the same
    (``tests/test_incremental.py`` compares it, byte for byte, with a full build's).

    >>> import kg
    >>> g = kg.build("data", shacl=False)
    >>> r = Reads(g.store)
    >>> r.kinds() == entity_types(g.store), store_overview(g.store, top=3, reads=r) == store_overview(g.store, top=3)
    (True, True)
    """

    def __init__(self, store: Store) -> None:
        self.store = store
        self._kinds: dict[str, str] | None = None
        self._relations: dict[str, list[tuple[str, str]]] | None = None
        self._attributes: dict[str, tuple[dict[str, Any], list[tuple[str, str, str]]]] = {}
        self._incoming: dict[str, list[tuple[str, str, str]]] = {}
        self._sources: dict[str, dict[tuple[str, str, str], set[str]]] = {}  # by the relation's subject
        self._values: dict[tuple[str, str], dict[str, list]] = {}
        self._memo: dict[str, tuple[Any, Any]] = {}  # name -> (the inputs, what was made of them)

    def memo(self, name: str, inputs: Any, make: Any) -> Any:
        """What ``make()`` gives, made again only when ``inputs`` differ (``!=``) from those it was last made of
        under ``name``: the parts of the overview that an edit rarely changes (the short ids of every drawn
        entity, their importance) are kept with the reads, and checked by value rather than by tracking what
        the edit touched. ``inputs`` must hold everything ``make`` reads and must not be changed later; what was
        made may be a cache its caller keeps up to date (``_described``).

        >>> r = Reads(None); calls = []
        >>> def make(): calls.append(1); return len(calls)
        >>> r.memo("n", {"a"}, make), r.memo("n", {"a"}, make), r.memo("n", {"a", "b"}, make)
        (1, 1, 2)
        """
        got = self._memo.get(name)
        if got is not None and got[0] == inputs:
            return got[1]
        value = make()
        self._memo[name] = (inputs, value)
        return value

    def values(self, predicate: str, how: str = "any") -> dict[str, list]:
        """Each subject of the merged view -> the objects of its ``predicate``: their values (``any``), the IRIs
        among them (``iri``), the Python values of the literals (``literal``), their texts keyed by ``node_id``
        (``label``)."""
        key = (predicate, how)
        got = self._values.get(key)
        if got is None:
            got = self._values[key] = defaultdict(list)
            _read_values(self.store, None, predicate, how, got)
        return got

    def labels(self) -> dict[str, str]:
        """Each labelled node's ``label`` as the mirror gives it: its least ``rdfs:label``."""
        return {n: min(ls) for n, ls in self.values(RDFS.label, "label").items() if ls}

    def bounds(self, events: set[str]) -> dict[str, tuple[Any, Any]]:
        """Each event's earliest and latest day (the least value of each, as ``details.first_date``)."""
        lo, hi = self.values(expand("dkg:earliestDate"), "literal"), self.values(expand("dkg:latestDate"), "literal")
        return {n: (_details.first_date({"x": lo.get(n, [])}, "x"), _details.first_date({"x": hi.get(n, [])}, "x"))
                for n in events}

    def __getstate__(self) -> dict:
        return {k: v for k, v in vars(self).items() if k != "store"}

    def kinds(self) -> dict[str, str]:
        if self._kinds is None:
            self._kinds = entity_types(self.store)
        return self._kinds

    def relations(self) -> dict[str, list[tuple[str, str]]]:
        """Each entity of a drawn class -> its relations to IRIs, ``(object, predicate)``, sorted (the view's
        hidden relations and the classes left out)."""
        if self._relations is None:
            got: dict[str, set[tuple[str, str]]] = defaultdict(set)
            for row in self.store.query(self._query(), prefixes=PREFIXES):
                got[row["s"].value].add((row["o"].value, row["p"].value))
            self._relations = {s: sorted(e) for s, e in got.items()}
        return self._relations

    @staticmethod
    def _query(subject: str | None = None) -> str:
        classes = " ".join(f"<{expand(c)}>" for c in sorted(c.curie for c in parse_types(None)))
        hidden = ", ".join(f"<{p}>" for p in sorted(_HIDDEN))
        one = "" if subject is None else f"VALUES ?s {{ <{subject}> }}"  # an IRI of the store: no <, >, space
        return _RELATIONS % {"hidden": hidden, "classes": classes, "subject": one}

    def attributes(self, n: str, found: dict) -> dict[str, Any]:
        """``_attributes(store, n, found)``."""
        got = self.entry(n)
        for key in got[1]:
            found.setdefault(key, set())
        return got[0]

    def entry(self, n: str) -> tuple[dict[str, Any], list[tuple[str, str, str]]]:
        """A node's attributes and its relations out, as ``attributes`` reads them."""
        got = self._attributes.get(n)
        if got is None:
            mine: dict = {}
            got = self._attributes[n] = (_attributes(self.store, n, mine), list(mine))
        return got

    def incoming(self, n: str) -> list[tuple[str, str, str]]:
        """The relations into ``n`` that its details read (``_read_into``)."""
        got = self._incoming.get(n)
        if got is None:
            mine: dict = {}
            _read_into(self.store, n, mine)
            got = self._incoming[n] = list(mine)
        return got

    def sources(self, key: tuple[str, str, str]) -> set[str]:
        """``_sources(store, key)``."""
        by = self._sources.setdefault(key[0], {})
        got = by.get(key)
        if got is None:
            got = by[key] = _sources(self.store, key)
        return got

    def refresh(self, store: Store, subjects: set[str], objects: set[str], named: set[str]) -> Reads:
        """These reads brought up to date with ``store`` after an edit: ``subjects`` and ``objects``, the
        nodes of the quads of the merged view that changed; ``named``, the subjects of those of the named
        graphs. Returns itself."""
        self.store = store
        if self._kinds is not None:
            for n in subjects:
                self._kinds.pop(n, None)
            self._kinds.update(entity_types(store, sorted(subjects)))
        if self._relations is not None:
            for n in subjects:
                self._relations.pop(n, None)
                edges = {(r["o"].value, r["p"].value) for r in store.query(self._query(n), prefixes=PREFIXES)}
                if edges:
                    self._relations[n] = sorted(edges)
        for (predicate, how), got in self._values.items():
            for n in subjects:
                got.pop(n, None)
                _read_values(store, n, predicate, how, got)
        for n in subjects:
            self._attributes.pop(n, None)
        for n in objects:
            self._incoming.pop(n, None)
        for n in named:
            self._sources.pop(n, None)
        return self
