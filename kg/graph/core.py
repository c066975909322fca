"""KnowledgeGraph: the Oxigraph store, an rdflib view of it, and the networkx mirror (derived, cached)."""

from __future__ import annotations

from collections import Counter
from dataclasses import dataclass, field
from functools import cached_property
from pathlib import Path
from typing import TYPE_CHECKING

from pyoxigraph import NamedNode, RdfFormat, Store

from kg.errors import Problem
from kg.vocab import DKG, ID_NS, INFERRED_GRAPH, ONTOLOGY_GRAPH, PREFIXES, compact

if TYPE_CHECKING:
    import networkx as nx
    import rdflib

#: Classes counted in the summary, in the order shown.
SUMMARY_CLASSES = ["Person", "Organization", "Country", "City", "Region", "Role", "Membership", "Meeting", "Visit",
                   "Conference", "Topic", "Statement", "SourceDocument"]


@dataclass
class Summary:
    """What a graph holds: counts per class and per source, triples per graph, and the warnings."""

    classes: dict[str, int]
    sources: list[dict[str, object]]
    graphs: dict[str, int]
    warnings: list[Problem] = field(default_factory=list)

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
        return "\n\n".join(out)


class KnowledgeGraph:
    """A built graph. ``store`` is the single source of truth; every other view is derived from it.

    >>> import kg
    >>> g = kg.build("data")                                     # doctest: +SKIP
    >>> g.store, g.rdflib, g.nx, g.actors                        # doctest: +SKIP
    """

    def __init__(self, store: Store, *, warnings: list[Problem] | None = None, origins: dict | None = None):
        self.store = store
        self.warnings = list(warnings or [])
        self.origins = origins or {}
        #: The files the build wrote (``kg.build(..., out=...)``), in the order written.
        self.written: list[Path] = []

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
        return sorted(g.value for g in self.store.named_graphs())

    def source_graphs(self) -> list[str]:
        """The named graphs of source documents, sorted."""
        return [g for g in self.graph_names() if g.startswith(ID_NS)]

    def asserted_graphs(self) -> list[str]:
        """The registry and the source graphs: the facts, without ontology or inferences."""
        return [g for g in self.graph_names() if g not in (ONTOLOGY_GRAPH, INFERRED_GRAPH)]

    def quads(self, graphs: list[str] | None = None):
        """Iterate the quads of the given named graphs (all of them by default)."""
        names = self.graph_names() if graphs is None else graphs
        for g in names:
            yield from self.store.quads_for_pattern(None, None, None, NamedNode(g))

    def triples(self, graphs: list[str] | None = None):
        """The distinct triples of the given graphs (the asserted facts by default), merged."""
        seen = set()
        for q in self.quads(self.asserted_graphs() if graphs is None else graphs):
            t = q.triple
            if t not in seen:
                seen.add(t)
                yield t

    def summary(self) -> Summary:
        """Counts per class (asserted), per source and per graph."""
        union = {"use_default_graph_as_union": True, "prefixes": PREFIXES}
        counts: Counter[str] = Counter()
        query = ("SELECT ?c (COUNT(DISTINCT ?x) AS ?n) WHERE { GRAPH ?g { ?x a ?c } "
                 f"FILTER(?g != <{ONTOLOGY_GRAPH}> && ?g != <{INFERRED_GRAPH}>) }} GROUP BY ?c")
        for row in self.store.query(query):
            counts[row["c"].value] = int(row["n"].value)
        classes = {c: counts.get(DKG[c], 0) for c in SUMMARY_CLASSES}
        sources = []
        rows = self.store.query(
            "SELECT ?s ?title ?pub (COUNT(DISTINCT ?f) AS ?n) WHERE { ?s a dkg:SourceDocument ; dcterms:title ?title ;"
            " schema:datePublished ?pub . OPTIONAL { ?f prov:wasDerivedFrom ?s . VALUES ?fc { dkg:Event dkg:Membership"
            " dkg:Statement } ?f a ?fc } } GROUP BY ?s ?title ?pub ORDER BY ?s", **union)
        for row in rows:
            sources.append({"id": row["s"].value[len(ID_NS):], "title": row["title"].value,
                            "published": row["pub"].value, "facts": int(row["n"].value)})
        graphs = {g: sum(1 for _ in self.store.quads_for_pattern(None, None, None, NamedNode(g)))
                  for g in self.graph_names()}
        return Summary(classes, sources, graphs, self.warnings)

    # -- persistence --------------------------------------------------------------------------------
    def to_trig(self) -> bytes:
        """Every named graph (ontology, registry, sources, inferred) as deterministic TriG."""
        from kg.formats.rdf import write_trig

        return write_trig(self.quads(), prefixes=PREFIXES).encode("utf-8")

    def to_turtle(self) -> bytes:
        """The merged asserted facts (registry and every source) as deterministic Turtle."""
        from kg.formats.rdf import write_turtle

        return write_turtle(self.triples(), prefixes=PREFIXES).encode("utf-8")

    @classmethod
    def load(cls, path: str | Path) -> KnowledgeGraph:
        """Open a graph written by ``kg build`` (its output folder, or its graph.trig) or by ``kg generate`` /
        ``kg export`` (a .trig or .nq file; .ttl and .nt load into the default graph).

        Raises ``OutputError`` when there is no such file or it cannot be parsed.
        """
        from kg.errors import OutputError

        p = Path(path)
        if p.is_dir():
            p = p / "graph.trig"
        formats = {".trig": RdfFormat.TRIG, ".nq": RdfFormat.N_QUADS, ".ttl": RdfFormat.TURTLE,
                   ".nt": RdfFormat.N_TRIPLES}
        if not p.is_file():
            raise OutputError(f"no graph at {p}: run kg build first (or give another path)")
        if p.suffix not in formats:
            raise OutputError(f"cannot read {p}: expected a .trig, .nq, .ttl or .nt file, or a kg build folder")
        store = Store()
        try:
            store.bulk_load(path=str(p), format=formats[p.suffix])
        except (OSError, SyntaxError, ValueError) as e:
            raise OutputError(f"cannot read the graph at {p}: {e}") from e
        return cls(store)


__all__ = ["KnowledgeGraph", "Summary"]
