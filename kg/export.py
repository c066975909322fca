"""Exports: the graph as RDF for other triple stores, and as networks and tables for Gephi, Cytoscape and spreadsheets.

Formats (``FORMATS``): ``ttl``, ``nt``, ``jsonld``, ``xml`` (RDF/XML) hold triples: the selected graphs
merged; ``nq`` and ``trig`` keep the named graphs; ``graphml``, ``gexf`` and ``csv`` hold the networkx
mirror of the selected graphs (see ``kg.exports.network``).

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
>>> export(g, "ttl") == export(g, "ttl")
True
>>> select_graphs(g, source="zarif-visits-iraq-2025-02-07", ontology=True)
['https://w3id.org/diplomatic-kg/id/zarif-visits-iraq-2025-02-07', 'https://w3id.org/diplomatic-kg/ontology']
>>> print(export(g, "csv", table="edges").decode().splitlines()[0])
source,target,key,predicate,sources
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING

from .errors import OutputError
from .vocab import ID_NS, INFERRED_GRAPH, ONTOLOGY_GRAPH

if TYPE_CHECKING:
    import networkx as nx

    from .graph import KnowledgeGraph


@dataclass(frozen=True)
class ExportFormat:
    """One export format: its name, file suffix, media type, and what it holds."""

    name: str
    suffix: str
    media_type: str
    holds: str  # "triples", "quads", "network" or "table"
    description: str


#: Every export format, by the name ``kg export --format`` takes, in the order help lists them.
FORMATS: dict[str, ExportFormat] = {f.name: f for f in (
    ExportFormat("ttl", ".ttl", "text/turtle", "triples", "Turtle: the selected graphs merged"),
    ExportFormat("nt", ".nt", "application/n-triples", "triples", "N-Triples, one sorted triple a line"),
    ExportFormat("nq", ".nq", "application/n-quads", "quads", "N-Quads: the named graphs kept"),
    ExportFormat("trig", ".trig", "application/trig", "quads", "TriG: the named graphs kept"),
    ExportFormat("jsonld", ".jsonld", "application/ld+json", "triples",
                 "JSON-LD: a flat @graph with the project's prefixes as @context"),
    ExportFormat("xml", ".rdf", "application/rdf+xml", "triples", "RDF/XML"),
    ExportFormat("graphml", ".graphml", "application/graphml+xml", "network",
                 "GraphML of the networkx mirror (Gephi, Cytoscape, yEd)"),
    ExportFormat("gexf", ".gexf", "application/gexf+xml", "network", "GEXF 1.2 of the networkx mirror (Gephi)"),
    ExportFormat("csv", ".csv", "text/csv", "table", "CSV tables of the mirror: nodes.csv and edges.csv"),
)}
_SUFFIXES = {f.suffix: f.name for f in FORMATS.values()} | {".xml": "xml", ".owl": "xml", ".json": "jsonld",
                                                           ".n3": "ttl", ".turtle": "ttl"}
#: The tables of the ``csv`` format.
TABLES = ("nodes", "edges")


def format_for(path: str | Path) -> str:
    """The export format a file name asks for, from its suffix.

    >>> format_for("out/graph.jsonld"), format_for("g.RDF")
    ('jsonld', 'xml')
    """
    suffix = Path(path).suffix.lower()
    try:
        return _SUFFIXES[suffix]
    except KeyError:
        raise OutputError(f"cannot tell the export format of {path} from its suffix: give the format "
                          f"(one of {', '.join(FORMATS)})") from None


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
    """The flat networkx mirror (see ``kg.exports.network``) of the given named graphs (default: asserted)."""
    from pyoxigraph import Quad, Store

    from .exports.common import canonical
    from .exports.network import flat_network
    from .mirror import to_networkx

    names = graph.asserted_graphs() if graphs is None else graphs
    store = Store()
    for q in canonical(graph.quads(names), dataset=True):
        # The mirror leaves out the ontology and inferred graphs by name: asked for, they go in the
        # default graph, which it reads (as facts of no source).
        if q.graph_name.value in (ONTOLOGY_GRAPH, INFERRED_GRAPH):  # type: ignore[union-attr]
            q = Quad(q.subject, q.predicate, q.object)
        store.add(q)
    return flat_network(to_networkx(store))


def export(graph: KnowledgeGraph, fmt: str = "ttl", *, source: str | None = None, ontology: bool = False,
           inferred: bool = False, table: str | None = None) -> bytes:
    """The graph in one format, as bytes (UTF-8). ``table`` (``nodes`` or ``edges``) is needed for ``csv``."""
    from . import rdfio
    from .vocab import PREFIXES

    if fmt not in FORMATS:
        raise OutputError(f"unknown export format {fmt!r}: expected one of {', '.join(FORMATS)}")
    names = select_graphs(graph, source=source, ontology=ontology, inferred=inferred)
    holds = FORMATS[fmt].holds
    if holds == "quads":
        writer = rdfio.write_nquads if fmt == "nq" else rdfio.write_trig
        return (writer(graph.quads(names)) if fmt == "nq" else writer(graph.quads(names), PREFIXES)).encode()
    if holds == "triples":
        from .exports.jsonld import write_jsonld
        from .exports.rdfxml import write_rdfxml

        writers = {"ttl": rdfio.write_turtle, "nt": rdfio.write_ntriples, "jsonld": write_jsonld,
                   "xml": write_rdfxml}
        return writers[fmt](graph.triples(names)).encode()
    from .exports.network import write_csv, write_gexf, write_graphml

    H = network(graph, names)
    if fmt == "graphml":
        return write_graphml(H)
    if fmt == "gexf":
        return write_gexf(H)
    if table not in TABLES:
        raise OutputError("a single CSV holds one table: give table='nodes' or 'edges' (--table), "
                          "or write both into a folder")
    return write_csv(H, table).encode()


def write_export(graph: KnowledgeGraph, path: str | Path, fmt: str | None = None, *, source: str | None = None,
                 ontology: bool = False, inferred: bool = False, table: str | None = None) -> list[Path]:
    """Write an export to ``path`` atomically; return the files written.

    The format defaults to the one the suffix names. For ``csv`` without ``table``, ``path`` is a
    folder that receives ``nodes.csv`` and ``edges.csv`` (each replaced atomically). Everything is
    rendered before anything is written, so a failure leaves the old files as they were.
    """
    from .rdfio import atomic_write

    out = Path(path)
    fmt = fmt or ("csv" if out.is_dir() else format_for(out))
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


__all__ = ["FORMATS", "TABLES", "ExportFormat", "export", "format_for", "network", "select_graphs", "source_graph",
           "write_export"]
