"""Pushing to a triple store over the SPARQL 1.1 Graph Store Protocol (used through ``kg.remote``).

N-Triples in chunks: the first request replaces the graph (PUT) unless appending, the rest add
to it (POST); every triple of a blank-node component travels in one request, since blank-node
labels are scoped to one request. Afterwards the store is asked how many triples the graph holds.

>>> payloads, counts, total = _chunks([Triple(NamedNode("urn:a"), NamedNode("urn:p"), NamedNode(f"urn:{i}"))
...                                    for i in range(5)], 2)
>>> counts, total, payloads[0]
([2, 2, 1], 5, b'<urn:a> <urn:p> <urn:0> .\\n<urn:a> <urn:p> <urn:1> .\\n')
"""

from __future__ import annotations

import time
from collections.abc import Callable, Iterable
from dataclasses import dataclass, field
from typing import TYPE_CHECKING, Any

from pyoxigraph import NamedNode, Quad, Triple

from kg.errors import OutputError, PushError, QueryError  # noqa: F401  (PushError re-exported)
from kg.remote.http import Auth, HttpClient, TransportError, public_url, split_credentials
from kg.vocab import MERGED_GRAPH

if TYPE_CHECKING:
    from kg.graph import KnowledgeGraph

#: Triples per request when pushing (``kg push --chunk-size``).
CHUNK_SIZE = 50_000
#: How a Graph Store Protocol URL becomes the SPARQL query URL: (path suffix, replacement), first match wins.
QUERY_URLS = (
    ("/sparql-graph-crud-auth", "/sparql"),  # Virtuoso
    ("/sparql-graph-crud", "/sparql"),  # Virtuoso, anonymous
    ("/rdf-graphs/service", ""),  # RDF4J, GraphDB: /repositories/ID
    ("/store", "/query"),  # Oxigraph server
    ("/data", "/sparql"),  # Apache Jena Fuseki: /DATASET/data
)
#: Graph Store URLs of stores whose default graph is every graph they hold (path suffixes): there the merged view
#: goes to the named graph ``MERGED_GRAPH``, asked as ``default-graph-uri`` (``kg.remote.endpoint.merged_default``).
UNION_DEFAULT_STORES = ("/sparql-graph-crud-auth", "/sparql-graph-crud")  # Virtuoso


@dataclass
class PushReport:
    """What a push did."""

    endpoint: str
    graph: str | None  # None: the store's default graph
    mode: str  # "replace" or "append"
    triples: int
    chunks: int
    remote_count: int | None
    seconds: float = field(default=0.0, compare=False)

    def __str__(self) -> str:
        held = "" if self.remote_count is None else f"; the store holds {self.remote_count:,} triples in it"
        return (f"{'replaced' if self.mode == 'replace' else 'appended to'} {_shown(self.graph)} at {self.endpoint}: "
                f"{self.triples:,} triples in {self.chunks} request(s), {self.seconds:.1f} s{held}")


def query_url_for(endpoint: str) -> str:
    """The SPARQL query URL that goes with a Graph Store Protocol URL (see ``QUERY_URLS``), else the same URL."""
    base, sep, query = endpoint.partition("?")
    for suffix, replacement in QUERY_URLS:
        if base.rstrip("/").endswith(suffix):
            return base.rstrip("/")[: -len(suffix)] + replacement
    return base


def _graph_url(endpoint: str, graph_iri: str | None) -> str:
    """The Graph Store URL of a named graph, or (``None``) of the store's default graph (``?default``)."""
    from urllib.parse import urlencode

    query = "default" if graph_iri is None else urlencode({"graph": graph_iri})
    return endpoint + ("&" if "?" in endpoint else "?") + query


def _shown(graph_iri: str | None) -> str:
    return "the default graph" if graph_iri is None else f"<{graph_iri}>"


def _chunks(triples: Iterable[Quad | Triple], size: int) -> tuple[list[bytes], list[int], int]:
    """N-Triples chunks of about ``size`` triples; every triple of a blank-node component in one chunk
    (blank-node labels are scoped to one request). Returns (payloads, triples per chunk, total)."""
    from pyoxigraph import BlankNode, RdfFormat, parse

    from kg.formats.rdf import write_ntriples

    text = write_ntriples(triples)  # sorted, with blank-node labels derived from the graph
    lines = [line + "\n" for line in text.split("\n")[:-1]]  # "\n" is always escaped inside terms
    units: list[list[str]] = [[line] for line in lines]
    if "_:" in text:  # perhaps blank nodes: group the lines of each component
        quads = list(parse(text.encode("utf-8"), format=RdfFormat.N_TRIPLES))
        parent: dict[str, str] = {}

        def root(b: str) -> str:
            while parent.setdefault(b, b) != b:
                parent[b] = parent[parent[b]]
                b = parent[b]
            return b

        for q in quads:
            bs = [t.value for t in (q.subject, q.object) if isinstance(t, BlankNode)]
            if len(bs) == 2:
                parent[root(bs[0])] = root(bs[1])
        grouped: dict[object, list[str]] = {}
        for i, (q, line) in enumerate(zip(quads, lines, strict=True)):
            b = next((t.value for t in (q.subject, q.object) if isinstance(t, BlankNode)), None)
            grouped.setdefault(i if b is None else root(b), []).append(line)
        units = list(grouped.values())
    payloads, counts, current = [], [], []
    for unit in units:
        if current and len(current) + len(unit) > size:
            payloads.append("".join(current).encode("utf-8"))
            counts.append(len(current))
            current = []
        current.extend(unit)
    if current or not payloads:
        payloads.append("".join(current).encode("utf-8"))
        counts.append(len(current))
    return payloads, counts, len(lines)


def count_triples(query_endpoint: str, graph_iri: str | None, *, auth: Auth | None = None,
                  timeout: float = 60) -> int:
    """How many triples the endpoint holds in a named graph, or (``None``) in its default graph."""
    from kg.remote.endpoint import remote_query

    if graph_iri is None:
        text = "SELECT (COUNT(*) AS ?n) WHERE { ?s ?p ?o }"
    else:
        text = f"SELECT (COUNT(*) AS ?n) WHERE {{ GRAPH <{NamedNode(graph_iri).value}> {{ ?s ?p ?o }} }}"
    rows = remote_query(query_endpoint, text, auth=auth, timeout=timeout).to_python()
    return int(rows[0]["n"]) if rows else 0


def push(triples: Iterable[Quad | Triple], endpoint: str, graph_iri: str | None, *, append: bool = False,
         auth: Auth | None = None, chunk_size: int = CHUNK_SIZE, query_endpoint: str | None = None,
         verify: bool = True, progress: Callable[[int, int, int, int], None] | None = None,
         timeout: float = 300) -> PushReport:
    """Send triples to one graph of a store (Graph Store Protocol); replace it unless ``append``.
    ``graph_iri=None`` is the store's default graph (the protocol's ``?default``).

    ``progress(chunks_done, chunks, triples_done, triples)`` is called after each request. With
    ``verify`` the endpoint is asked afterwards how many triples the graph holds: fewer than sent
    (or, when replacing, a different number) raises ``PushError``.
    """
    try:
        if graph_iri is not None:
            NamedNode(graph_iri)
    except ValueError:
        raise PushError(f"not a valid graph IRI: {graph_iri!r}", partial=False) from None
    try:
        endpoint, auth = split_credentials(endpoint, auth)
    except TransportError as e:
        raise PushError(str(e), partial=False) from None
    shown = public_url(endpoint)
    query_endpoint = query_endpoint or query_url_for(endpoint)
    payloads, counts, total = _chunks(triples, max(1, chunk_size))
    if append and total == 0:
        payloads, counts = [], []
    client = HttpClient(auth, timeout)
    url = _graph_url(endpoint, graph_iri)
    t0 = time.monotonic()
    sent = 0
    for i, (body, n) in enumerate(zip(payloads, counts, strict=True)):
        method = "PUT" if i == 0 and not append else "POST"
        try:
            status, _, answer = client.request(method, url, body, {"Content-Type": "application/n-triples"})
            problem = None if 200 <= status < 300 else client.describe(status, answer, shown)
        except TransportError as e:
            status, problem, reached = 0, str(e), e.sent
        else:
            reached = True
        if problem:
            # Refused before the body was read, or never reached: the store has not changed.
            untouched = status in (401, 403, 404, 405, 407, 415) or not reached
            _fail(problem, i, len(payloads), sent, total, graph_iri, shown, query_endpoint, auth, untouched)
        sent += n
        if progress:
            progress(i + 1, len(payloads), sent, total)
    remote = None
    if verify:
        try:
            remote = count_triples(query_endpoint, graph_iri, auth=auth, timeout=timeout)
        except QueryError as e:
            raise PushError(f"sent {total:,} triples to {_shown(graph_iri)} at {shown}, but could not check them: {e}",
                            chunks_sent=len(payloads), triples_sent=sent, total=total) from None
        if remote < total or (not append and remote != total):
            raise PushError(
                f"sent {total:,} triples to {_shown(graph_iri)} at {shown} and every request was accepted, but the "
                f"store holds {remote:,} triples in that graph: the push is incomplete (a store that rewrites "
                "literals, e.g. numbers, can merge triples; compare with kg export --format nt)",
                chunks_sent=len(payloads), triples_sent=sent, total=total, remote_count=remote)
    return PushReport(shown, graph_iri, "append" if append else "replace", total, len(payloads), remote,
                      time.monotonic() - t0)


def _fail(problem: str, index: int, n: int, sent: int, total: int, graph_iri: str | None, shown: str,
          query_endpoint: str, auth: Auth | None, untouched: bool) -> None:
    what = (f"pushing {_shown(graph_iri)} to {shown} failed at request {index + 1} of {n}: {problem}. "
            f"Sent before the failure: {index} request(s), {sent:,} of {total:,} triples.")
    if untouched and index == 0:
        raise PushError(what + " The remote graph was not changed.", total=total, partial=False)
    try:
        remote: int | None = count_triples(query_endpoint, graph_iri, auth=auth, timeout=30)
    except QueryError:
        remote = None
    held = "an unknown number of" if remote is None else f"{remote:,}"
    raise PushError(what + f" The store now holds {held} triples in {_shown(graph_iri)}: the remote graph is PARTIAL; "
                    "push again to replace it.", chunks_sent=index, triples_sent=sent, total=total,
                    remote_count=remote)


def push_graph(graph: KnowledgeGraph, endpoint: str, graph_iri: str, *, source: str | None = None,
               ontology: bool = False, inferred: bool = False, **options: Any) -> PushReport:
    """Push the asserted facts merged (or one source's graph, plus the ontology or inferences if asked)
    into one graph of a store. ``options`` are those of ``push``."""
    from kg.export import select_graphs

    names = select_graphs(graph, source=source, ontology=ontology, inferred=inferred)
    return push(graph.triples(names), endpoint, graph_iri, **options)


def merged_target(endpoint: str) -> str | None:
    """Where a store keeps the merged view: its default graph (``None``), or for a store whose default graph
    is the union of all it holds (Virtuoso) the named graph ``MERGED_GRAPH``.

    >>> merged_target("http://127.0.0.1:8890/sparql-graph-crud-auth"), merged_target("http://127.0.0.1:7878/store")
    ('https://w3id.org/diplomatic-kg/graph/merged', None)
    """
    base = endpoint.partition("?")[0].rstrip("/")
    return MERGED_GRAPH if base.endswith(UNION_DEFAULT_STORES) else None


def push_dataset(graph: KnowledgeGraph, endpoint: str, *, source: str | None = None, ontology: bool = False,
                 inferred: bool = False, merged_graph: str | None | bool = True, **options: Any) -> list[PushReport]:
    """Push the dataset: the merged view (the default graph here) into the store's default graph, then each
    named graph (registry, sources, conflicts; ontology and inferences when asked) into the store's graph of
    the same IRI, so that any store answers the named questions without a special setting, and questions
    using ``GRAPH`` (which source says what) work there as they do here.

    ``merged_graph``: ``True`` (default) lets ``merged_target`` choose (the protocol's ``?default``, or for
    Virtuoso, whose default graph is every graph it holds, the named graph ``MERGED_GRAPH``, which
    ``kg.remote.remote_named`` then asks as its ``default-graph-uri``); ``None`` the default graph; an
    IRI that named graph.

    When one graph fails, ``PushError`` names every graph already replaced, the one that failed and
    those not sent (also as its ``replaced``, ``failed`` and ``not_sent`` attributes: ``None`` is the
    default graph).
    """
    from kg.export import select_graphs
    from kg.graph.core import DEFAULT

    names = select_graphs(graph, source=source, ontology=ontology, inferred=inferred, dataset=True)
    where = merged_target(endpoint) if merged_graph is True else merged_graph or None
    targets = [where if name == DEFAULT else name for name in names]
    reports: list[PushReport] = []
    for i, (name, target) in enumerate(zip(names, targets, strict=True)):
        try:
            reports.append(push(graph.triples([name]), endpoint, target, **options))
        except PushError as e:
            raise _dataset_failure(e, [r.graph for r in reports], target, targets[i + 1:], options) from None
    return reports


def _dataset_failure(e: PushError, done: list[str | None], failed: str | None, left: list[str | None],
                     options: dict) -> PushError:
    from kg.vocab import compact

    def names(graphs: list[str | None]) -> str:
        return ", ".join("the default graph" if g is None else compact(g) for g in graphs) or "none"

    verb = "added to" if options.get("append") else "replaced"
    message = (f"the dataset push stopped at graph {len(done) + 1} of {len(done) + 1 + len(left)}: {e} "
               f"Already {verb} ({len(done)}): {names(done)}. Failed: {names([failed])}. "
               f"Not sent ({len(left)}): {names(left)}.")
    out = PushError(message, chunks_sent=e.chunks_sent, triples_sent=e.triples_sent, total=e.total,
                    remote_count=e.remote_count, partial=e.partial or bool(done))
    out.replaced, out.failed, out.not_sent = done, failed, left  # type: ignore[attr-defined]
    return out


__all__ = ["CHUNK_SIZE", "MERGED_GRAPH", "QUERY_URLS", "PushError", "PushReport", "count_triples", "merged_target",
           "push", "push_dataset", "push_graph", "query_url_for"]
