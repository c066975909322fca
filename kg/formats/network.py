"""The networkx mirror as files for Gephi, Cytoscape and spreadsheets: GraphML, GEXF and CSV tables.

``flat_network`` turns the mirror (``kg.graph.mirror.to_networkx``) into a graph that these formats can
hold: every attribute a scalar (lists become JSON arrays in a string, dates ISO strings, ``None``
left out; an attribute that would mix types across nodes becomes text everywhere), nodes and
edges in sorted order, and every parallel edge kept. Each edge carries:

- ``id``: ``e`` + 16 hex digits from (source, predicate, target), unique and stable, since Gephi
  drops edges whose id repeats;
- ``label``: the compact predicate (also the networkx key), shown by Gephi as the edge label;
- ``predicate`` (full IRI) and ``sources`` (JSON array of source ids).

GraphML and GEXF are XML 1.0: text with characters XML forbids (most control characters) raises
``OutputError``; CSV takes anything.

>>> import networkx as nx
>>> from datetime import date
>>> G = nx.MultiDiGraph()
>>> G.add_node("urn:a", label="A", aliases=["b", "a"], types=["dkg:Person"], type="dkg:Person")
>>> G.add_node("urn:m", label="M", type=None, **{"dkg:date": date(2025, 2, 6)})
>>> _ = G.add_edge("urn:m", "urn:a", key="dkg:participant", predicate="urn:p", sources=["s1"])
>>> H = flat_network(G)
>>> H.nodes["urn:a"]["aliases"], H.nodes["urn:m"]
('["b", "a"]', {'label': 'M', 'dkg:date': '2025-02-06'})
>>> print(write_csv(H, "edges"), end="")
id,source,target,label,key,predicate,sources
e3d77687c914207a7,urn:m,urn:a,dkg:participant,dkg:participant,urn:p,"[""s1""]"
"""

from __future__ import annotations

import csv
import hashlib
import io
import json
from collections import defaultdict
from datetime import date, datetime
from decimal import Decimal
from typing import TYPE_CHECKING

from kg.errors import OutputError
from kg.formats.common import xml_problem

if TYPE_CHECKING:
    import networkx as nx

#: Columns that lead the node table, in this order; the other attributes follow, sorted.
NODE_COLUMNS = ("id", "label", "type", "types", "aliases")
#: The columns of the edge table.
EDGE_COLUMNS = ("id", "source", "target", "label", "key", "predicate", "sources")
# A character XML cannot hold, used to carry "\r" through ElementTree (see write_graphml).
_CR_MARK = "\uffff"


def _scalar(value: object) -> object:
    if isinstance(value, (list, tuple, set, frozenset)):
        items = sorted(value, key=str) if isinstance(value, (set, frozenset)) else value
        return json.dumps([_json(v) for v in items], ensure_ascii=False)
    return _json(value)


def _json(value: object) -> object:
    if isinstance(value, (date, datetime)):
        return value.isoformat()
    if isinstance(value, Decimal):
        return str(value)
    if value is None or isinstance(value, (bool, int, float, str)):
        return value
    return str(value)


def edge_id(u: str, key: str, v: str) -> str:
    """The stable id of an edge: ``e`` + 16 hex digits of a hash of (source, key, target).

    >>> edge_id("urn:a", "dkg:participant", "urn:b")
    'e478352431971f1d8'
    """
    return "e" + hashlib.sha1(f"{u}\n{key}\n{v}".encode()).hexdigest()[:16]


def flat_network(G: nx.MultiDiGraph) -> nx.MultiDiGraph:
    """A copy of the mirror with scalar attributes only, in sorted order (see the module docstring)."""
    import networkx as nx

    nodes = {n: {k: _scalar(v) for k, v in G.nodes[n].items()} for n in G.nodes}
    kinds: dict[str, set[type]] = defaultdict(set)
    for attrs in nodes.values():
        for k, v in attrs.items():
            if v is not None:
                kinds[k].add(type(v))
    # GraphML and GEXF declare one type per attribute: one that would be mixed is text everywhere.
    as_text = {k for k, ts in kinds.items() if len(ts) > 1}
    H = nx.MultiDiGraph()
    for n in sorted(nodes, key=str):
        attrs = nodes[n]
        lead = [k for k in NODE_COLUMNS if k in attrs]
        ordered = lead + sorted(k for k in attrs if k not in lead)
        H.add_node(n, **{k: text(attrs[k]) if k in as_text else attrs[k] for k in ordered if attrs[k] is not None})
    for u, v, key, data in sorted(G.edges(keys=True, data=True), key=lambda e: (str(e[0]), str(e[2]), str(e[1]))):
        attrs = {"id": edge_id(u, key, v), "label": key}
        attrs.update((k, _scalar(val)) for k, val in sorted(data.items()) if val is not None and k not in attrs)
        H.add_edge(u, v, key=key, **attrs)
    return H


def text(value: object) -> str:
    """An attribute value as CSV text: booleans ``true``/``false``, numbers as Python writes them.

    >>> text(True), text(2.5), text("x")
    ('true', '2.5', 'x')
    """
    if isinstance(value, bool):
        return "true" if value else "false"
    return "" if value is None else str(value)


def _check_xml(H: nx.MultiDiGraph, fmt: str) -> None:
    def check(value: object, where: str) -> None:
        bad = xml_problem(str(value))
        if bad:
            raise OutputError(f"{fmt} cannot hold {where}: it contains the character {bad}, which XML 1.0 forbids "
                              "(export as CSV or N-Triples instead)")

    for n, attrs in H.nodes(data=True):
        check(n, f"the node {n!r}")
        for k, v in attrs.items():
            check(k, f"the attribute name {k!r}")
            check(v, f"the {k} of node {n}")
    for u, v, key, attrs in H.edges(keys=True, data=True):
        for k, val in attrs.items():
            check(k, f"the attribute name {k!r}")
            check(val, f"the {k} of the edge {u} {key} {v}")


def write_graphml(H: nx.MultiDiGraph) -> bytes:
    """GraphML of a flat network; edge ids are the ``id`` attribute and the key is kept as ``label``."""
    import networkx as nx

    _check_xml(H, "GraphML")
    # ElementTree writes "\r" in element text as is, and XML parsers turn it into "\n": carry it
    # through as a character that cannot occur (checked above) and write it as a reference after.
    marked = H.copy()
    for _, attrs in marked.nodes(data=True):
        attrs.update((k, v.replace("\r", _CR_MARK)) for k, v in attrs.items() if isinstance(v, str) and "\r" in v)
    for _, _, attrs in marked.edges(data=True):
        attrs.update((k, v.replace("\r", _CR_MARK)) for k, v in attrs.items() if isinstance(v, str) and "\r" in v)
    buf = io.BytesIO()
    nx.write_graphml_xml(marked, buf, encoding="utf-8", prettyprint=True, edge_id_from_attribute="id")
    return buf.getvalue().replace(_CR_MARK.encode("utf-8"), b"&#13;")


def write_gexf(H: nx.MultiDiGraph) -> bytes:
    """GEXF 1.2 of a flat network, without the writing date and tool version (so that it diffs cleanly)."""
    from networkx.readwrite.gexf import GEXFWriter

    _check_xml(H, "GEXF")
    writer = GEXFWriter(encoding="utf-8", prettyprint=True, version="1.2draft")
    meta = writer.xml.find("meta")
    if meta is not None:
        meta.attrib.pop("lastmodifieddate", None)
        creator = meta.find("creator")
        if creator is not None:
            creator.text = "diplomatic-kg"
    writer.add_graph(H)
    buf = io.BytesIO()
    writer.write(buf)
    return buf.getvalue()


def write_csv(H: nx.MultiDiGraph, table: str) -> str:
    """One table of a flat network: ``nodes`` (``id``, ``label``, ``type``, ``types``, ``aliases``, then
    every other attribute, sorted) or ``edges`` (``id``, ``source``, ``target``, ``label``, ``key``,
    ``predicate``, ``sources``: ``id`` is the stable edge id, ``label`` the compact predicate that Gephi
    shows, ``key`` the networkx key, the same text).

    RFC 4180 quoting, ``\\n`` line ends, UTF-8; an empty cell means no value.
    """
    buf = io.StringIO()
    out = csv.writer(buf, lineterminator="\n")
    if table == "nodes":
        extra = sorted({k for _, attrs in H.nodes(data=True) for k in attrs} - set(NODE_COLUMNS))
        columns = [*NODE_COLUMNS, *extra]
        out.writerow(columns)
        for n, attrs in H.nodes(data=True):
            out.writerow([n] + [text(attrs.get(c)) for c in columns[1:]])
    elif table == "edges":
        out.writerow(EDGE_COLUMNS)
        for u, v, key, attrs in H.edges(keys=True, data=True):
            out.writerow([text(attrs.get("id")) or edge_id(u, key, v), u, v, text(attrs.get("label")) or key, key,
                          text(attrs.get("predicate")), text(attrs.get("sources"))])
    else:
        raise OutputError(f"unknown CSV table {table!r}: expected nodes or edges")
    return buf.getvalue()


__all__ = ["EDGE_COLUMNS", "NODE_COLUMNS", "edge_id", "flat_network", "text", "write_csv", "write_gexf",
           "write_graphml"]
