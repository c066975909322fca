"""Exports: the graph as RDF for other triple stores, and as networks and tables for Gephi, Cytoscape and spreadsheets.

Formats (``FORMATS``): ``ttl``, ``nt``, ``jsonld``, ``xml`` (RDF/XML) hold triples: the selected graphs
merged; ``nq`` and ``trig`` keep the named graphs; ``graphml``, ``gexf`` and ``csv`` hold the networkx
mirror of the selected graphs (see ``kg.formats.network``).

What is exported: the asserted facts (the registry and every source graph) by default, or one
source's graph (``source=``), plus the ontology (``ontology=True``) and the inferred RDFS triples
(``inferred=True``) only when asked.

Every export is deterministic: the same graph gives the same bytes (sorted, fixed prefixes, blank
nodes labelled from their surroundings), so exports diff cleanly in git; files are replaced
atomically.

>>> import kg
>>> g = kg.build("data", shacl=False)
>>> len(export(g, "nt").splitlines()) == len(list(g.triples()))
True
>>> select_graphs(g, source="zarif-visits-iraq-2025-02-07", ontology=True)
['https://w3id.org/diplomatic-kg/id/zarif-visits-iraq-2025-02-07', 'https://w3id.org/diplomatic-kg/ontology']
>>> print(export(g, "csv", table="edges").decode().splitlines()[0])
id,source,target,label,key,predicate,sources
"""

from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING

from kg import formats
from kg.errors import OutputError
from kg.vocab import ID_NS, INFERRED_GRAPH, ONTOLOGY_GRAPH

if TYPE_CHECKING:
    import networkx as nx

    from kg.graph import KnowledgeGraph


#: The kinds of format an export can be.
KINDS = (formats.GRAPH, formats.DATASET, formats.NETWORK, formats.TABLE)
#: The tables of the ``csv`` format.
TABLES = ("nodes", "edges")


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
                  inferred: bool = False) -> list[str]:
    """The named graphs an export holds: the asserted facts, or one source's graph, plus what is asked for."""
    names = [source_graph(graph, source)] if source else graph.asserted_graphs()
    present = set(graph.graph_names())
    for flag, name, what in ((ontology, ONTOLOGY_GRAPH, "the ontology"), (inferred, INFERRED_GRAPH,
                                                                          "inferred triples (built with --no-infer?)")):
        if flag:
            if name not in present:
                raise OutputError(f"this graph holds no {what}")
            names.append(name)
    return sorted(names)


def network(graph: KnowledgeGraph, graphs: list[str] | None = None) -> nx.MultiDiGraph:
    """The flat networkx mirror (see ``kg.formats.network``) of the given named graphs (default: asserted)."""
    from pyoxigraph import Quad, Store

    from kg.formats.common import canonical
    from kg.formats.network import flat_network
    from kg.graph.mirror import to_networkx

    names = graph.asserted_graphs() if graphs is None else graphs
    store = Store()
    for q in canonical(graph.quads(names), dataset=True):
        # The mirror leaves out the ontology and inferred graphs by name: asked for, they go in the
        # default graph, which it reads (as facts of no source).
        if q.graph_name.value in (ONTOLOGY_GRAPH, INFERRED_GRAPH):  # type: ignore[union-attr]
            q = Quad(q.subject, q.predicate, q.object)
        store.add(q)
    return flat_network(to_networkx(store))


def export(graph: KnowledgeGraph, fmt: str = "turtle", *, source: str | None = None, ontology: bool = False,
           inferred: bool = False, table: str | None = None) -> bytes:
    """The graph in one format (a name or alias of ``kg.formats``), as bytes (UTF-8).

    ``table`` (``nodes`` or ``edges``) is needed for ``csv``.
    """

    f = formats.get(fmt, KINDS)
    names = select_graphs(graph, source=source, ontology=ontology, inferred=inferred)
    write = f.load_writer()
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


__all__ = ["KINDS", "TABLES", "export", "format_for", "network", "select_graphs", "source_graph",
           "write_export"]
