"""Exports: the graph as RDF for other triple stores, and as networks and tables for Gephi, Cytoscape and spreadsheets.

Formats (``FORMATS``): ``ttl``, ``nt``, ``jsonld``, ``xml`` (RDF/XML) hold triples: the selected graphs
merged; ``nq`` and ``trig`` keep the named graphs; ``graphml``, ``gexf`` and ``csv`` hold the networkx
mirror of the selected graphs (see ``kg.formats.network``); ``events`` and ``events-tsv`` the dyadic event
table of the merged view, one row per actor pair of each event with its CAMEO code (``kg.formats.events``).

What is exported: the merged view (the default graph: every asserted fact once) by default; the dataset
formats (N-Quads, TriG) also keep the registry, every source's graph and the conflicts as named graphs, with
the merged view in their default graph, so that any store answers from it without a special setting. One
source's graph with ``source=``; the ontology (``ontology=True``) and the inferred RDFS triples
(``inferred=True``) only when asked.

Every export is deterministic: the same graph gives the same bytes (sorted, fixed prefixes, blank
nodes labelled from their surroundings), so exports diff cleanly in git; files are replaced
atomically.

>>> import kg
>>> g = kg.build("data", shacl=False)
>>> len(export(g, "nt").splitlines()) == len(list(g.triples()))
True
>>> print(export(g, "csv", table="edges").decode().splitlines()[0])
id,source,target,label,key,predicate,sources
"""

from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING

from kg import formats
from kg.errors import OutputError
from kg.graph.core import DEFAULT
from kg.vocab import ID_NS, INFERRED_GRAPH, ONTOLOGY_GRAPH

if TYPE_CHECKING:
    import networkx as nx

    from kg.graph import KnowledgeGraph


#: The kinds of format an export can be.
KINDS = (formats.GRAPH, formats.DATASET, formats.NETWORK, formats.TABLE)
#: The tables of the ``csv`` format.
TABLES = ("nodes", "edges")
#: The formats of the event table, written from the merged view (``kg.formats.events``).
EVENT_TABLES = ("events", "events-tsv")


def format_for(path: str | Path) -> str:
    """The export format a file name asks for, from its suffix.

    >>> format_for("out/graph.jsonld"), format_for("g.RDF")
    ('jsonld', 'rdfxml')
    """
    return formats.for_suffix(path, KINDS).name


def source_graph(graph: KnowledgeGraph, source: str) -> str:
    """The named graph of a source given by its id (``zarif-visits-iraq-2025-02-07``) or its IRI."""
    name = source if source.startswith(ID_NS) else ID_NS + source
    known = graph.source_graphs()
    if name not in known:
        ids = ", ".join(g[len(ID_NS):] for g in known) or "none"
        raise OutputError(f"no source {source!r} in this graph (the sources are: {ids})")
    return name


def select_graphs(graph: KnowledgeGraph, *, source: str | None = None, ontology: bool = False,
                  inferred: bool = False, dataset: bool = False) -> list[str]:
    """The graphs an export holds (``DEFAULT`` is the default graph, the merged view).

    By default the merged view; for a ``dataset`` format also the registry, every source's graph and the
    conflicts. ``source``: that source's graph alone. Plus the ontology and the inferences when asked.

    >>> import kg
    >>> select_graphs(kg.build("data", shacl=False), source="zarif-visits-iraq-2025-02-07", ontology=True)
    ['https://w3id.org/diplomatic-kg/id/zarif-visits-iraq-2025-02-07', 'https://w3id.org/diplomatic-kg/ontology']
    """
    if source:
        names = [source_graph(graph, source)]
    else:
        names = graph.dataset_graphs() if dataset else [DEFAULT]
    present = set(graph.graph_names())
    for flag, name, what in ((ontology, ONTOLOGY_GRAPH, "the ontology"), (inferred, INFERRED_GRAPH,
                                                                          "inferred triples (built with --no-infer?)")):
        if flag:
            if name not in present:
                raise OutputError(f"this graph holds no {what}")
            names.append(name)
    return sorted(names)


def network(graph: KnowledgeGraph, graphs: list[str] | None = None) -> nx.MultiDiGraph:
    """The flat networkx mirror (see ``kg.formats.network``) of the given graphs (default: the merged view).

    The mirror reads its nodes and edges from the default graph and each edge's sources from the source
    graphs: the selected graphs are laid out that way in a scratch store.
    """
    from pyoxigraph import DefaultGraph, Quad, Store

    from kg.formats.common import canonical
    from kg.formats.network import flat_network
    from kg.graph.mirror import to_networkx

    names = [DEFAULT] if graphs is None else graphs
    sources = graph.source_graphs() if DEFAULT in names else [g for g in names if g.startswith(ID_NS)]
    store = Store()
    for q in canonical(graph.quads(sorted(set(names) | set(sources))), dataset=True):
        g = "" if isinstance(q.graph_name, DefaultGraph) else q.graph_name.value  # type: ignore[union-attr]
        if g in sources:
            store.add(q)
        if g in names and (g == DEFAULT or DEFAULT not in names):
            store.add(Quad(q.subject, q.predicate, q.object))
    return flat_network(to_networkx(store))


def export(graph: KnowledgeGraph, fmt: str = "turtle", *, source: str | None = None, ontology: bool = False,
           inferred: bool = False, table: str | None = None) -> bytes:
    """The graph in one format (a name or alias of ``kg.formats``), as bytes (UTF-8).

    ``table`` (``nodes`` or ``edges``) is needed for ``csv``.
    """

    f = formats.get(fmt, KINDS)
    if f.name in EVENT_TABLES:
        return _events(graph, f, source)
    names = select_graphs(graph, source=source, ontology=ontology, inferred=inferred,
                          dataset=f.kind == formats.DATASET)
    write = f.load_writer()
    if f.name == "nquads":  # the same text, from Oxigraph's own serializer (kg.formats.rdf.store_nquads)
        from pyoxigraph import DefaultGraph, NamedNode

        from kg.formats.rdf import store_nquads

        return store_nquads(graph.store, [DefaultGraph() if g == DEFAULT else NamedNode(g) for g in names]).encode()
    if f.kind == formats.DATASET:
        return write(graph.quads(names)).encode()
    if f.kind == formats.GRAPH:
        return write(graph.triples(names)).encode()
    H = network(graph, names)
    if f.kind == formats.NETWORK:
        return write(H)
    if table not in TABLES:
        raise OutputError("a single CSV holds one table: give table='nodes' or 'edges' (--table), "
                          "or write both into a folder")
    return write(H, table).encode()


def _events(graph: KnowledgeGraph, f: formats.Format, source: str | None) -> bytes:
    """The event table of the merged view (or of one source's graph), with the ontology's CAMEO codes."""
    from kg.resources import ontology_files

    names = [source_graph(graph, source)] if source else [DEFAULT]
    if ONTOLOGY_GRAPH in graph.graph_names():
        ontology = list(graph.triples([ONTOLOGY_GRAPH]))
    else:  # a graph loaded from an export without the ontology: the one shipped with kg
        from pyoxigraph import RdfFormat, parse

        ontology = list(parse(path=str(ontology_files()[0]), format=RdfFormat.TURTLE))
    return f.load_writer()(graph.triples(names), ontology).encode()


def write_export(graph: KnowledgeGraph, path: str | Path, fmt: str | None = None, *, source: str | None = None,
                 ontology: bool = False, inferred: bool = False, table: str | None = None) -> list[Path]:
    """Write an export to ``path`` atomically; return the files written.

    The format defaults to the one the suffix names. For ``csv`` without ``table``, ``path`` is a
    folder that receives ``nodes.csv`` and ``edges.csv`` (each replaced atomically). Everything is
    rendered before anything is written, so a failure leaves the old files as they were.
    """
    from kg.atomic import atomic_write

    out = Path(path)
    fmt = formats.get(fmt, KINDS).name if fmt else ("csv" if out.is_dir() else format_for(out))
    opts = {"source": source, "ontology": ontology, "inferred": inferred}
    if fmt == "csv" and table is None:
        if out.suffix.lower() == ".csv":
            raise OutputError(f"{out} is a file name, but CSV without a table writes nodes.csv and edges.csv "
                              "into a folder: give a folder, or the table (--table nodes|edges)")
        files = {out / f"{t}.csv": export(graph, "csv", table=t, **opts) for t in TABLES}  # type: ignore[arg-type]
        try:
            out.mkdir(parents=True, exist_ok=True)
        except OSError as e:
            raise OutputError(f"cannot create the folder {out}: {e.strerror}") from e
    else:
        if out.is_dir():
            raise OutputError(f"{out} is a folder: give a file name for a {fmt} export")
        files = {out: export(graph, fmt, table=table, **opts)}  # type: ignore[arg-type]
    for name, data in files.items():
        atomic_write(name, data)
    return list(files)


__all__ = ["EVENT_TABLES", "KINDS", "TABLES", "export", "format_for", "network", "select_graphs", "source_graph",
           "write_export"]
