"""KnowledgeGraph: the Oxigraph store, an rdflib view of it, and the networkx mirror (derived, cached)."""

from __future__ import annotations

from collections import Counter
from collections.abc import Callable, Collection, Iterable
from functools import cached_property
from pathlib import Path
from typing import TYPE_CHECKING

from pyoxigraph import DefaultGraph, NamedNode, Quad, RdfFormat, Store

from kg.errors import Problem
from kg.vocab import CONFLICTS_GRAPH, DKG, ID_NS, INFERRED_GRAPH, ONTOLOGY_GRAPH, PREFIXES, compact

#: The default graph (the merged view), in lists of graph names.
DEFAULT = ""

if TYPE_CHECKING:
    import networkx as nx
    import rdflib

#: Classes counted in the summary, in the order shown.
SUMMARY_CLASSES = ["Person", "Organization", "Country", "City", "Region", "Venue", "Role", "Agreement", "Membership",
                   "Meeting", "Talks", "PhoneCall", "Visit", "Arrival", "Reception", "Conference", "Signing",
                   "JointStatement", "PressConference", "Topic", "Statement", "SourceDocument", "Conflict"]


class Summary:
    """What a graph holds: counts per class and per source, triples per graph, and the warnings."""

    def __init__(self, classes: dict[str, int], sources: list[dict[str, object]], graphs: dict[str, int],
                 warnings: list[Problem] | None = None, conflicts: list | None = None) -> None:
        self.classes, self.sources, self.graphs = classes, sources, graphs
        self.warnings: list[Problem] = [] if warnings is None else warnings
        self.conflicts: list = [] if conflicts is None else conflicts

    def table(self) -> str:
        """The summary as aligned text tables, as ``kg build`` prints it."""
        from kg.table import format_table

        out = [format_table(["class", "count"], [[f"dkg:{c}", n] for c, n in self.classes.items()])]
        out.append(format_table(["source", "published", "title", "facts"],
                                [[s["id"], s["published"], s["title"], s["facts"]] for s in self.sources]))
        out.append(format_table(["graph", "triples"], [[compact(g), n] for g, n in self.graphs.items()]))
        if self.warnings:
            out.append(f"{len(self.warnings)} warning(s):\n" + "\n".join(f"  {w}" for w in self.warnings))
        else:
            out.append("0 warnings")
        kinds = Counter(c.kind for c in self.conflicts)
        out.append(f"{len(self.conflicts)} conflict(s) between sources" + (
            ": " + ", ".join(f"{n} {k}" for k, n in sorted(kinds.items())) + " (kg conflicts lists them)"
            if self.conflicts else ""))
        return "\n\n".join(out)


_ALWAYS = {"Person", "Organization", "Country", "City", "Role", "Membership", "Meeting", "Visit", "Conference",
           "Topic", "Statement", "SourceDocument", "Conflict"}


class KnowledgeGraph:
    """A built graph. ``store`` is the single source of truth; every other view is derived from it.

    >>> import kg
    >>> g = kg.build("data")                                     # doctest: +SKIP
    >>> g.store, g.rdflib, g.nx, g.actors                        # doctest: +SKIP
    """

    def __init__(self, store: Store, *, warnings: list[Problem] | None = None, origins: dict | None = None,
                 conflicts: list | None = None):
        self._store: Store | None = store
        self._open: Callable[[], Store] | None = None
        self.warnings = list(warnings or [])
        self.origins = origins or {}
        #: The disagreements between sources the build found (``kg.builder.merge.Conflict``).
        self.conflicts = list(conflicts or [])
        #: The files the build wrote (``kg.build(..., out=...)``), in the order written.
        self.written: list[Path] = []
        #: The summary as the build that made this graph left it (``kg build`` prints it), else None.
        self.built_summary: Summary | None = None

    @property
    def store(self) -> Store:
        """The Oxigraph store (opened when first asked for, if the build left it to be opened: ``open_later``)."""
        if self._store is None and self._open is not None:
            self._store, self._open = self._open(), None
        return self._store  # type: ignore[return-value]

    @store.setter
    def store(self, store: Store | None) -> None:
        self._store, self._open = store, None

    def open_later(self, opener: Callable[[], Store]) -> None:
        """The store is ``opener()``, called when it is first asked for.

        >>> g = KnowledgeGraph(None); g.open_later(Store); len(g.store)
        0
        """
        self._store, self._open = None, opener

    @cached_property
    def sizes(self) -> dict[str, int]:
        """Quads per graph (``DEFAULT``: the default graph; a graph without quads is left out), counted by the
        store. A build sets it from the counts of the build before and its own difference (``update_sizes``)."""
        return count_graphs(self.store)

    @cached_property
    def sources(self) -> dict[str, list[dict[str, object]]]:
        """The summary's rows of each source document, by IRI (``source_rows``); a build may set it."""
        return source_rows(self.store)

    def quad_count(self) -> int:
        """The number of quads in the store (from ``sizes``: no scan when a build gave them)."""
        return sum(self.sizes.values())

    def __repr__(self) -> str:
        return f"<KnowledgeGraph {len(self.store)} quads in {len(list(self.store.named_graphs()))} graphs>"

    # -- derived views ------------------------------------------------------------------------------
    @cached_property
    def rdflib(self) -> rdflib.Dataset:
        """An rdflib ``Dataset`` over the same Oxigraph store (no copy), for code written against rdflib.

        Plain query strings run on Oxigraph through oxrdflib; use ``len(g.store)`` rather than ``len()``
        of this view, which counts by a full scan.
        """
        import rdflib
        from oxrdflib import OxigraphStore

        # default_union: rdflib queries see every graph, like `use_default_graph_as_union` in pyoxigraph.
        ds = rdflib.Dataset(store=OxigraphStore(store=self.store), default_union=True)
        for prefix, ns in PREFIXES.items():
            ds.bind(prefix, ns, override=True)
        return ds

    @cached_property
    def nx(self) -> nx.MultiDiGraph:
        """The whole asserted graph as a networkx ``MultiDiGraph`` (see ``kg.graph.mirror``)."""
        from kg.graph.mirror import to_networkx

        return to_networkx(self.store)

    @cached_property
    def actors(self) -> nx.Graph:
        """Persons and organizations linked by the events they shared (see ``kg.graph.mirror``)."""
        from kg.graph.mirror import actor_network

        return actor_network(self.store)

    # -- contents -----------------------------------------------------------------------------------
    def graph_names(self) -> list[str]:
        """The named graphs, sorted (the default graph, the merged view, is ``DEFAULT``: not among them)."""
        return sorted(g.value for g in self.store.named_graphs())

    def source_graphs(self) -> list[str]:
        """The named graphs of source documents, sorted."""
        return [g for g in self.graph_names() if g.startswith(ID_NS)]

    def asserted_graphs(self) -> list[str]:
        """The registry and the source graphs: what was asserted, graph by graph (no merged view, ontology,
        inferences or conflicts)."""
        return [g for g in self.graph_names() if g not in (ONTOLOGY_GRAPH, INFERRED_GRAPH, CONFLICTS_GRAPH)]

    def dataset_graphs(self) -> list[str]:
        """What a dataset export holds by default: the merged view (``DEFAULT``), the registry, each source's
        graph and the conflicts."""
        return [DEFAULT, *(g for g in self.graph_names() if g not in (ONTOLOGY_GRAPH, INFERRED_GRAPH))]

    def quads(self, graphs: list[str] | None = None):
        """Iterate the quads of the given graphs (``DEFAULT`` is the default graph; by default every graph)."""
        names = [DEFAULT, *self.graph_names()] if graphs is None else graphs
        for g in names:
            yield from self.store.quads_for_pattern(None, None, None, DefaultGraph() if g == DEFAULT else NamedNode(g))

    def triples(self, graphs: list[str] | None = None):
        """The distinct triples of the given graphs, merged (by default the merged view: the default graph)."""
        if graphs is None or graphs == [DEFAULT]:
            for q in self.store.quads_for_pattern(None, None, None, DefaultGraph()):
                yield q.triple
            return
        seen = set()
        for q in self.quads(graphs):
            t = q.triple
            if t not in seen:
                seen.add(t)
                yield t

    def summary(self) -> Summary:
        """Counts per class (in the merged view; conflicts in their graph), per source and per graph."""
        counts: Counter[str] = Counter()
        query = "SELECT ?c (COUNT(DISTINCT ?x) AS ?n) WHERE { ?x a ?c } GROUP BY ?c"
        for row in self.store.query(query):
            counts[row["c"].value] = int(row["n"].value)
        conflicts = f"SELECT (COUNT(*) AS ?n) WHERE {{ GRAPH <{CONFLICTS_GRAPH}> {{ ?x a dkg:Conflict }} }}"
        counts[DKG.Conflict] = int(next(iter(self.store.query(conflicts, prefixes=PREFIXES)))["n"].value)
        classes = {c: counts.get(DKG[c], 0) for c in SUMMARY_CLASSES if counts.get(DKG[c], 0) or c in _ALWAYS}
        sources = [row for _, rows in sorted(self.sources.items()) for row in rows]
        sizes = self.sizes
        graphs = {"(default: the merged view)": sizes.get(DEFAULT, 0)}
        graphs.update({g: sizes.get(g, 0) for g in self.graph_names()})
        return Summary(classes, sources, graphs, self.warnings, self.conflicts)

    # -- persistence --------------------------------------------------------------------------------
    def to_trig(self) -> bytes:
        """Every graph (the merged view in the default graph, registry, sources, ontology, inferred, conflicts) as
        deterministic TriG."""
        from kg.formats.rdf import write_trig

        return write_trig(self.quads(), prefixes=PREFIXES).encode("utf-8")

    def to_turtle(self) -> bytes:
        """The merged view (the default graph) as deterministic Turtle."""
        from kg.formats.rdf import write_turtle

        return write_turtle(self.triples(), prefixes=PREFIXES).encode("utf-8")

    @classmethod
    def load(cls, path: str | Path) -> KnowledgeGraph:
        """Open a graph written by ``kg build`` (its output folder: its on-disk store, opened read-only; or its
        graph.trig) or by ``kg generate`` / ``kg export`` (a .trig or .nq file; .ttl and .nt load into the
        default graph).

        Raises ``OutputError`` when there is no such file or it cannot be parsed.
        """
        from kg import formats
        from kg.errors import OutputError

        p = Path(path)
        if p.is_dir() and (p / "store").is_dir():  # what kg build writes: open its store, read-only
            real = (p / "store").resolve()  # the generation it is now: a later build does not move it
            try:
                return cls(Store.read_only(str(real)))
            except OSError as e:
                raise OutputError(f"cannot open the store at {p / 'store'}: {e}") from e
        if p.is_dir():
            p = p / "graph.trig"
        if not p.is_file():
            raise OutputError(f"no graph at {p}: run kg build first (or give another path)")
        try:
            fmt = formats.rdf_format(formats.for_suffix(p, (formats.DATASET, formats.GRAPH)))
        except OutputError:
            raise OutputError(f"cannot read {p}: expected a .trig, .nq, .ttl or .nt file, or a kg build folder"
                              ) from None
        store = Store()
        try:
            store.bulk_load(path=str(p), format=fmt)
        except (OSError, SyntaxError, ValueError) as e:
            raise OutputError(f"cannot read the graph at {p}: {e}") from e
        return cls(store)


#: The on-disk store is loaded from pieces of the dump of about this many bytes: Oxigraph's bulk loader holds a
#: whole input in memory while it sorts it (a 1M-quad dump in one piece took 1.1 GB more; in pieces, far less).
PIECE = 32 << 20


def copy_to_disk(store: Store, folder: Path, stop=None) -> None:
    """``store`` into a new on-disk store at ``folder``, through an N-Quads file (never a string in memory),
    loaded piece by piece (``PIECE``; one quad per line, so a piece cut at a line end is valid N-Quads).

    ``stop``, a ``threading.Event``: once it is set, no further piece is loaded (a build that failed beside
    the load does not wait for it; ``folder`` is then incomplete, for its caller to remove).
    """
    dump = folder.with_name(folder.name + ".nq.tmp")
    store.dump(str(dump), format=RdfFormat.N_QUADS)
    disk = Store(str(folder))
    with dump.open("rb") as f:
        while not (stop is not None and stop.is_set()) and (piece := f.read(PIECE)):
            piece += f.readline()  # to the end of the line
            disk.bulk_load(piece, format=RdfFormat.N_QUADS)
            del piece
    disk.flush()
    del disk  # closes the database before the generation is switched
    dump.unlink()


def count_graphs(store: Store) -> dict[str, int]:
    """Quads per graph, ``DEFAULT`` the default graph, counted by the store (one query each, not quad by quad
    in Python: at 1M quads that is seconds); a graph without quads is not in it.

    >>> from pyoxigraph import Quad
    >>> s = Store(); x = NamedNode("http://example.org/x")
    >>> s.extend([Quad(x, x, x), Quad(x, x, x, x)])
    >>> count_graphs(s)
    {'': 1, 'http://example.org/x': 1}
    """
    default = int(next(iter(store.query("SELECT (COUNT(*) AS ?n) WHERE { ?s ?p ?o }")))["n"].value)  # type: ignore
    sizes = {DEFAULT: default} if default else {}
    sizes.update({row["g"].value: int(row["n"].value) for row in store.query(  # type: ignore[union-attr]
        "SELECT ?g (COUNT(*) AS ?n) WHERE { GRAPH ?g { ?s ?p ?o } } GROUP BY ?g")})
    return sizes


def update_sizes(store: Store, before: dict[str, int], removed: Iterable[Quad], added: Iterable[Quad],
                 recount: Iterable[str] = ()) -> dict[str, int]:
    """``before`` (the counts of ``count_graphs``) after ``removed`` (quads that were in the store) and ``added``
    (quads that were not) changed it, with the graphs of ``recount`` (changed otherwise: by SPARQL UPDATE)
    counted again.

    >>> from pyoxigraph import Quad
    >>> s = Store(); x = NamedNode("http://example.org/x"); q = Quad(x, x, x, x)
    >>> s.add(q); update_sizes(s, {}, [], [q])
    {'http://example.org/x': 1}
    """
    sizes = dict(before)
    for quads, step in ((removed, -1), (added, 1)):
        for q in quads:
            g = DEFAULT if isinstance(q.graph_name, DefaultGraph) else q.graph_name.value
            sizes[g] = sizes.get(g, 0) + step
    for g in recount:
        pattern = "{ ?s ?p ?o }" if g == DEFAULT else f"{{ GRAPH <{g}> {{ ?s ?p ?o }} }}"
        sizes[g] = int(next(iter(store.query(f"SELECT (COUNT(*) AS ?n) WHERE {pattern}")))["n"].value)  # type: ignore
    return {g: n for g, n in sizes.items() if n}


def source_rows(store: Store, ids: Collection[str] | None = None) -> dict[str, list[dict[str, object]]]:
    """The summary's rows of each source document (``{"id", "title", "published", "facts"}``: one, unless it has
    two titles or dates), by IRI; of the sources ``ids`` (IRIs) only, when given.

    >>> source_rows(Store())
    {}
    """
    values = "" if ids is None else "VALUES ?s { " + " ".join(f"<{i}>" for i in sorted(ids)) + " } "
    if ids is not None and not ids:
        return {}
    rows = store.query(
        "SELECT ?s ?title ?pub (COUNT(DISTINCT ?f) AS ?n) WHERE { " + values + "?s a dkg:SourceDocument ; "
        "dcterms:title ?title . OPTIONAL { ?s schema:datePublished ?pub } "
        "OPTIONAL { GRAPH ?s { ?f prov:qualifiedDerivation ?d } } } GROUP BY ?s ?title ?pub", prefixes=PREFIXES)
    out: dict[str, list[dict[str, object]]] = {}
    for row in rows:  # type: ignore[union-attr]
        s = row["s"].value
        out.setdefault(s, []).append({"id": s[len(ID_NS):], "title": row["title"].value,
                                      "published": row["pub"].value if row["pub"] else "unknown",
                                      "facts": int(row["n"].value)})
    for found in out.values():  # a source with two titles or dates has a row for each
        found.sort(key=lambda r: (r["title"], r["published"]))
    return out


__all__ = ["DEFAULT", "PIECE", "KnowledgeGraph", "Summary", "copy_to_disk", "count_graphs", "source_rows",
           "update_sizes"]
