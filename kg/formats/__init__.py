"""Every format the project reads or writes, in one registry: its one name, the aliases it accepts, its file
suffix, its media types and the function that writes it.

``kg export``, ``kg query``, ``kg serve`` and the build take their choices, suffixes and media types from here.
The writers live in one module per family, loaded only when a format is first written:

- ``kg.formats.rdf``: N-Triples, N-Quads, Turtle, TriG (deterministic; blank nodes labelled from their
  surroundings by ``kg.formats.common``);
- ``kg.formats.jsonld``, ``kg.formats.rdfxml``: JSON-LD and RDF/XML;
- ``kg.formats.results``: SPARQL results as a table, CSV, TSV, SPARQL JSON and SPARQL XML;
- ``kg.formats.network``: the networkx mirror as GraphML, GEXF and CSV tables;
- ``kg.formats.events``: the dyadic event table (GDELT, ICEWS, POLECAT shape) as CSV or TSV.

Kinds: ``graph`` (triples: the selected graphs merged), ``dataset`` (quads: the named graphs kept),
``results`` (SELECT and ASK answers), ``network`` and ``table`` (the mirror for Gephi, Cytoscape and
spreadsheets; the event table, whose writer takes the merged view's triples and the ontology's).

>>> get("ttl").name, get("turtle").suffix, get("rdf").name
('turtle', '.ttl', 'rdfxml')
>>> get("xml", kinds=("results",)).media_type
'application/sparql-results+xml'
>>> for_suffix("out/graph.nq").name
'nquads'
>>> get("nope")
Traceback (most recent call last):
...
kg.errors.OutputError: unknown format 'nope': expected one of turtle, ntriples, nquads, trig, jsonld, rdfxml, \
graphml, gexf, csv, events, events-tsv, table, tsv, json, xml
>>> get("events").suffix, get("events-tsv").media_type
('.csv', 'text/tab-separated-values; charset=utf-8')
"""

from __future__ import annotations

import importlib
from collections.abc import Callable, Iterable
from pathlib import Path
from typing import Any, NamedTuple

from kg.errors import OutputError

GRAPH, DATASET, RESULTS, NETWORK, TABLE = "graph", "dataset", "results", "network", "table"


class Format(NamedTuple):
    """One format: ``name`` (the one name), ``aliases``, ``suffix``, ``media_type`` (sent) and ``accepts``
    (media types also recognised), ``kind``, a one-line ``description``, and ``writer``
    (``module:function``, loaded on first use)."""

    name: str
    kind: str
    suffix: str
    media_type: str
    description: str
    writer: str
    aliases: tuple[str, ...] = ()
    accepts: tuple[str, ...] = ()
    suffixes: tuple[str, ...] = ()

    @property
    def names(self) -> tuple[str, ...]:
        return (self.name, *self.aliases)

    @property
    def media_types(self) -> tuple[str, ...]:
        return (self.media_type.split(";")[0].strip(), *self.accepts)

    def load_writer(self) -> Callable[..., Any]:
        module, _, function = self.writer.partition(":")
        return getattr(importlib.import_module(module), function)


_RDF = "kg.formats.rdf"
#: Every format, in the order help texts list them.
FORMATS: tuple[Format, ...] = (
    Format("turtle", GRAPH, ".ttl", "text/turtle; charset=utf-8", "Turtle: the selected graphs merged",
           f"{_RDF}:write_turtle", aliases=("ttl", "n3"), accepts=("application/turtle", "application/x-turtle"),
           suffixes=(".turtle", ".n3")),
    Format("ntriples", GRAPH, ".nt", "application/n-triples", "N-Triples, one sorted triple a line",
           f"{_RDF}:write_ntriples", aliases=("nt", "n-triples")),
    Format("nquads", DATASET, ".nq", "application/n-quads", "N-Quads: the named graphs kept",
           f"{_RDF}:write_nquads", aliases=("nq", "n-quads")),
    Format("trig", DATASET, ".trig", "application/trig", "TriG: the named graphs kept", f"{_RDF}:write_trig"),
    Format("jsonld", GRAPH, ".jsonld", "application/ld+json",
           "JSON-LD: a flat @graph with the project's prefixes as @context", "kg.formats.jsonld:write_jsonld",
           aliases=("json-ld",), accepts=("application/json",), suffixes=(".json",)),
    Format("rdfxml", GRAPH, ".rdf", "application/rdf+xml", "RDF/XML", "kg.formats.rdfxml:write_rdfxml",
           aliases=("xml", "rdf", "rdf+xml"), accepts=("application/xml", "text/xml"), suffixes=(".owl", ".xml")),
    Format("graphml", NETWORK, ".graphml", "application/graphml+xml",
           "GraphML of the networkx mirror (Gephi, Cytoscape, yEd)", "kg.formats.network:write_graphml"),
    Format("gexf", NETWORK, ".gexf", "application/gexf+xml", "GEXF 1.2 of the networkx mirror (Gephi)",
           "kg.formats.network:write_gexf"),
    Format("csv", TABLE, ".csv", "text/csv; charset=utf-8", "CSV tables of the mirror: nodes.csv and edges.csv",
           "kg.formats.network:write_csv"),
    Format("events", TABLE, ".csv", "text/csv; charset=utf-8",
           "a dyadic event table (GDELT, ICEWS, POLECAT shape): one row per actor pair of each event, with its "
           "CAMEO code", "kg.formats.events:write_events", aliases=("events-csv",)),
    Format("events-tsv", TABLE, ".tsv", "text/tab-separated-values; charset=utf-8",
           "the event table as TSV", "kg.formats.events:write_events_tsv"),
    Format("table", RESULTS, ".txt", "text/plain; charset=utf-8", "an aligned text table",
           "kg.formats.results:write_rows"),
    Format("csv", RESULTS, ".csv", "text/csv; charset=utf-8", "SPARQL 1.1 CSV results",
           "kg.formats.results:write_rows"),
    Format("tsv", RESULTS, ".tsv", "text/tab-separated-values; charset=utf-8", "SPARQL 1.1 TSV results",
           "kg.formats.results:write_rows"),
    Format("json", RESULTS, ".srj", "application/sparql-results+json", "SPARQL 1.1 JSON results",
           "kg.formats.results:write_rows", accepts=("application/json",), suffixes=(".json",)),
    Format("xml", RESULTS, ".srx", "application/sparql-results+xml", "SPARQL 1.1 XML results",
           "kg.formats.results:write_rows", accepts=("application/xml", "text/xml"), suffixes=(".xml",)),
)


def _of(kinds: Iterable[str] | None) -> list[Format]:
    """The formats of these kinds, kind by kind in the order given (so a name shared by two kinds, such as
    ``xml``, means the format of the first kind)."""
    if kinds is None:
        return list(FORMATS)
    return [f for kind in kinds for f in FORMATS if f.kind == kind]


def names(kinds: Iterable[str] | None = None) -> list[str]:
    """The names of the formats of these kinds, in order, each once.

    >>> names([GRAPH, DATASET])
    ['turtle', 'ntriples', 'jsonld', 'rdfxml', 'nquads', 'trig']
    """
    return list(dict.fromkeys(f.name for f in _of(kinds)))


def get(name: str, kinds: Iterable[str] | None = None) -> Format:
    """The format called ``name`` (or one of its aliases) among the given kinds (the first that fits)."""
    key = name.strip().lower()
    for f in _of(kinds):
        if key in f.names:
            return f
    raise OutputError(f"unknown format {name!r}: expected one of {', '.join(names(kinds))}")


def for_suffix(path: str | Path, kinds: Iterable[str] | None = (GRAPH, DATASET, NETWORK, TABLE)) -> Format:
    """The format a file name asks for, from its suffix."""
    suffix = Path(path).suffix.lower()
    for f in _of(kinds):
        if suffix == f.suffix or suffix in f.suffixes:
            return f
    raise OutputError(f"cannot tell the format of {path} from its suffix: give the format "
                      f"(one of {', '.join(names(kinds))})")


def for_media_type(media_type: str, kinds: Iterable[str]) -> Format | None:
    """The format sent as (or accepted as) a media type, among the given kinds; None if none."""
    key = media_type.split(";")[0].strip().lower()
    for f in _of(kinds):
        if key in f.media_types:
            return f
    return None


def media_types(kinds: Iterable[str]) -> dict[str, str]:
    """Media type -> format name for the given kinds, the preferred type of each format first."""
    out: dict[str, str] = {}
    for f in _of(kinds):
        for t in f.media_types:
            out.setdefault(t, f.name)
    return out


#: The RDF formats pyoxigraph reads, by registry name (used to load graph files).
def rdf_format(fmt: Format):
    """The pyoxigraph ``RdfFormat`` of an RDF format of the registry."""
    from pyoxigraph import RdfFormat

    table = {"turtle": RdfFormat.TURTLE, "ntriples": RdfFormat.N_TRIPLES, "nquads": RdfFormat.N_QUADS,
             "trig": RdfFormat.TRIG, "rdfxml": RdfFormat.RDF_XML, "jsonld": RdfFormat.JSON_LD}
    if fmt.name not in table:
        raise OutputError(f"{fmt.name} is not an RDF format that can be read")
    return table[fmt.name]


def results_format(fmt: Format):
    """The pyoxigraph ``QueryResultsFormat`` of a SPARQL results format of the registry (JSON, XML, CSV, TSV).

    >>> results_format(get("xml", kinds=(RESULTS,))).name
    'SPARQL Results in XML'
    """
    from pyoxigraph import QueryResultsFormat

    table = {"json": QueryResultsFormat.JSON, "xml": QueryResultsFormat.XML, "csv": QueryResultsFormat.CSV,
             "tsv": QueryResultsFormat.TSV}
    if fmt.kind != RESULTS or fmt.name not in table:
        raise OutputError(f"{fmt.name} is not a SPARQL results format that can be read")
    return table[fmt.name]


def accept(preferred: Iterable[str], kinds: Iterable[str]) -> str:
    """An HTTP ``Accept`` value asking for the named formats in this order of preference.

    >>> accept(["json", "xml"], [RESULTS])
    'application/sparql-results+json, application/sparql-results+xml;q=0.9'
    """
    kinds = list(kinds)
    types = [get(name, kinds).media_types[0] for name in preferred]
    return ", ".join(t if i == 0 else f"{t};q={1 - i / 10:.1f}" for i, t in enumerate(types))


__all__ = ["DATASET", "FORMATS", "GRAPH", "NETWORK", "RESULTS", "TABLE", "Format", "for_media_type", "for_suffix",
           "get", "media_types", "names", "rdf_format",
           "results_format", "accept"]
