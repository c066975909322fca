"""The SPARQL 1.1 Protocol as the server speaks it: reading a request, refusing what is not allowed,
content negotiation, and the service description.

>>> best("application/sparql-results+xml, */*;q=0.1", list(ROW_TYPES))
'application/sparql-results+xml'
>>> formats_for("text/csv", []), formats_for("", ["json"]), formats_for("*/*", ["n3"])
(('csv', None), ('json', 'jsonld'), ('json', 'turtle'))
>>> refuse("PREFIX x: <urn:x#> INSERT DATA { x:a x:b x:c }")
Traceback (most recent call last):
...
kg.serve.protocol.HTTPError: SPARQL Update is refused: this endpoint is read-only
"""

from __future__ import annotations

import re
from collections.abc import Mapping
from typing import Any
from urllib.parse import parse_qs

from kg import formats

#: The formats the server answers in (names of ``kg.formats``), its preference first: SELECT and ASK results,
#: then graphs (CONSTRUCT and DESCRIBE).
ROW_FORMATS = ("json", "xml", "csv", "tsv")
GRAPH_FORMATS = ("turtle", "ntriples", "jsonld", "rdfxml")
_ROWS = tuple(formats.get(name, kinds=(formats.RESULTS,)) for name in ROW_FORMATS)
_GRAPHS = tuple(formats.get(name, kinds=(formats.GRAPH,)) for name in GRAPH_FORMATS)


def _by_media_type(served: tuple[formats.Format, ...]) -> dict[str, str]:
    """Media type -> format name: each format's own type in the server's order, then the types also accepted
    (so that ``text/*`` prefers CSV to ``text/xml``, as the order of preference says)."""
    out: dict[str, str] = {}
    for f in served:
        out.setdefault(f.media_types[0], f.name)
    for f in served:
        for media in f.media_types[1:]:
            out.setdefault(media, f.name)
    return out


def _by_word(served: tuple[formats.Format, ...]) -> dict[str, str]:
    """What a ``format`` parameter may say -> format name: the registry's name, its aliases and suffixes."""
    out: dict[str, str] = {}
    for f in served:
        for word in (*f.names, f.suffix, *f.suffixes):
            out.setdefault(word.lstrip("."), f.name)
    return out


#: Media types of SELECT and ASK results -> format, the server's preference first.
ROW_TYPES = _by_media_type(_ROWS)
#: Media types of CONSTRUCT and DESCRIBE results -> format.
GRAPH_TYPES = _by_media_type(_GRAPHS)
#: The Content-Type the server sends for each format.
CONTENT_TYPES = {f.name: f.media_type for f in (*_ROWS, *_GRAPHS)}
#: Values of the ``format`` (or ``output``) parameter some clients send (SPARQLWrapper sends both) -> the
#: format for a row result and for a graph result (``json`` is SPARQL JSON results or JSON-LD).
_ROW_WORDS, _GRAPH_WORDS = _by_word(_ROWS), _by_word(_GRAPHS)
FORMAT_NAMES: dict[str, tuple[str | None, str | None]] = {
    word: (_ROW_WORDS.get(word), _GRAPH_WORDS.get(word)) for word in {**_ROW_WORDS, **_GRAPH_WORDS}}
_HOST = re.compile(r"(?:[A-Za-z0-9](?:[A-Za-z0-9.-]{0,252})|\[[0-9A-Fa-f:.]{2,45}\])(?::[0-9]{1,5})?")


class HTTPError(Exception):
    """An error answer: status, message, extra headers."""

    def __init__(self, status: int, message: str, headers: list[tuple[str, str]] | None = None):
        super().__init__(message)
        self.status = status
        self.headers = headers or []


# -- parameters -----------------------------------------------------------------------------------------------


def parse_params(text: str) -> dict[str, list[str]]:
    """A query string (or form body) as lists of values; 400 if it is not UTF-8 or has too many fields.

    >>> parse_params("q=%C3%A9&q=b&x=")
    {'q': ['é', 'b'], 'x': ['']}
    """
    try:
        return parse_qs(text, keep_blank_values=True, errors="strict", max_num_fields=100)
    except UnicodeDecodeError:
        raise HTTPError(400, "the parameters are not valid UTF-8") from None
    except ValueError as e:
        raise HTTPError(400, f"malformed parameters: {e}") from None


def single(params: Mapping[str, list[str]], name: str) -> str | None:
    """The one value of a parameter, None if absent; 400 if given twice."""
    values = params.get(name)
    if not values:
        return None
    if len(values) > 1:
        raise HTTPError(400, f"the parameter {name} is given {len(values)} times; give it once")
    return values[0]


def integer(params: Mapping[str, list[str]], name: str, default: int, lo: int, hi: int) -> int:
    """A whole-number parameter between ``lo`` and ``hi``."""
    text = single(params, name)
    if text is None or text == "":
        return default
    try:
        value = int(text)
    except ValueError:
        raise HTTPError(400, f"{name} must be a whole number, got {text!r}") from None
    if not lo <= value <= hi:
        raise HTTPError(400, f"{name} must be between {lo} and {hi}, got {value}")
    return value


def _media_type(value: str) -> str:
    return value.split(";", 1)[0].strip().lower()


def read_query(method: str, params: dict[str, list[str]], headers: Mapping[str, str],
               body: bytes) -> tuple[str | None, dict[str, list[str]]]:
    """The query text of a protocol request (None: none given) and all its parameters.

    Refuses (403) any SPARQL Update request: ``application/sparql-update``, or an ``update`` parameter.
    """
    text = None
    ctype = _media_type(headers.get("content-type", ""))
    if method == "POST":
        if ctype == "application/sparql-update":
            raise HTTPError(403, "SPARQL Update is refused: this endpoint is read-only")
        if ctype == "application/x-www-form-urlencoded":
            try:
                form = body.decode("ascii")
            except UnicodeDecodeError:
                raise HTTPError(400, "a form body must be percent-encoded ASCII") from None
            for key, values in parse_params(form).items():
                params.setdefault(key, []).extend(values)
        elif ctype == "application/sparql-query":
            try:
                text = body.decode("utf-8")
            except UnicodeDecodeError:
                raise HTTPError(400, "the query is not valid UTF-8") from None
            if "query" in params:
                raise HTTPError(400, "give the query either in the body or as a parameter, not both")
        else:
            raise HTTPError(415, f"a POST to /sparql is application/x-www-form-urlencoded (query=...) or "
                                 f"application/sparql-query, not {ctype or 'without a Content-Type'}")
    if "update" in params:
        raise HTTPError(403, "SPARQL Update is refused: this endpoint is read-only")
    if text is None:
        text = single(params, "query")
        if text is None and method == "POST":
            raise HTTPError(400, "no query: give query=... (or POST the query as application/sparql-query)")
    if text is not None and not text.strip():
        raise HTTPError(400, "the query is empty")
    return text, params


def refuse(text: str, max_depth: int = 64) -> None:
    """403 for an update or a query that would reach another server (SERVICE); 400 for brackets nested deeper
    than ``max_depth`` (the engine would overflow its stack). ``kg.query.scan`` reads the text as Oxigraph does.

    >>> refuse("ASK { FILTER(" + "(" * 100 + "1" + ")" * 100 + ") }")
    Traceback (most recent call last):
    ...
    kg.serve.protocol.HTTPError: the query nests brackets 102 deep, more than the server's limit of 64 (max_depth)
    """
    from kg.query.scan import line_col, scan
    from kg.vocab import PREFIXES

    found = scan(text, frozenset(PREFIXES))
    if found.update:
        raise HTTPError(403, "SPARQL Update is refused: this endpoint is read-only")
    if found.service_at is not None:
        line, col = line_col(text, found.service_at)
        raise HTTPError(403, f"SERVICE is refused (line {line}, column {col}): this endpoint does not query "
                             "other servers")
    if found.depth > max_depth:
        raise HTTPError(400, f"the query nests brackets {found.depth} deep, more than the server's limit of "
                             f"{max_depth} (max_depth)")


# -- content negotiation --------------------------------------------------------------------------------------


def parse_accept(header: str) -> list[tuple[str, float]]:
    """The media ranges of an Accept header with their q-values (entries with a bad q are dropped).

    >>> parse_accept("text/html, application/xml;q=0.9, */*;q=0.8")
    [('text/html', 1.0), ('application/xml', 0.9), ('*/*', 0.8)]
    """
    out = []
    for part in header.split(",")[:64]:
        media, *attrs = part.split(";")
        media = media.strip().lower()
        if "/" not in media:
            continue
        q = 1.0
        for attr in attrs:
            key, _, value = attr.partition("=")
            if key.strip().lower() == "q":
                try:
                    q = min(max(float(value), 0.0), 1.0)
                except ValueError:
                    q = -1.0
        if q >= 0:
            out.append((media, q))
    return out


def best(accept: str, offers: list[str]) -> str | None:
    """The offer the client prefers: highest q, then the most specific range, then the server's order.

    No Accept header (or an empty one) accepts anything: the first offer.

    >>> best("text/turtle;q=0.5, application/n-triples", ["text/turtle", "application/n-triples"])
    'application/n-triples'
    >>> best("image/png", ["text/turtle"]) is None
    True
    """
    ranges = parse_accept(accept) if accept.strip() else [("*/*", 1.0)]
    scored = []
    for i, offer in enumerate(offers):
        kind = offer.split("/")[0] + "/*"
        matches = [(3 if m == offer else 2 if m == kind else 1, q) for m, q in ranges if m in (offer, kind, "*/*")]
        if matches:
            specificity, q = max(matches)
            if q > 0:
                scored.append((-q, -specificity, i, offer))
    return min(scored)[3] if scored else None


def formats_for(accept: str, format_params: list[str]) -> tuple[str | None, str | None]:
    """The formats for a row result (SELECT, ASK) and for a graph result: from a ``format`` parameter the
    server knows, else from the Accept header. None: nothing acceptable."""
    row = graph = None
    for value in format_params:
        key = value.strip().lower()
        if key in FORMAT_NAMES:
            row, graph = FORMAT_NAMES[key]
        elif key in ROW_TYPES or key in GRAPH_TYPES:
            row, graph = ROW_TYPES.get(key), GRAPH_TYPES.get(key)
        else:
            continue
        break
    if row is None:
        chosen = best(accept, list(ROW_TYPES))
        row = ROW_TYPES[chosen] if chosen else None
    if graph is None:
        chosen = best(accept, list(GRAPH_TYPES))
        graph = GRAPH_TYPES[chosen] if chosen else None
    return row, graph


# -- service description ----------------------------------------------------------------------------------------


def host_port(host: str, port: int) -> str:
    """``host:port`` for a URL (IPv6 addresses in brackets).

    >>> host_port("::1", 8000), host_port("127.0.0.1", 80)
    ('[::1]:8000', '127.0.0.1:80')
    """
    return f"[{host}]:{port}" if ":" in host and not host.startswith("[") else f"{host}:{port}"


def base_url(host_header: str | None) -> str | None:
    """``http://`` + the Host header, if it is a plausible host (it is the client's word, so it is checked)."""
    if host_header and _HOST.fullmatch(host_header.strip()):
        return "http://" + host_header.strip()
    return None


SD = "http://www.w3.org/ns/sparql-service-description#"
VOID = "http://rdfs.org/ns/void#"
_FORMATS_NS = "http://www.w3.org/ns/formats/"
_RESULT_FORMATS = ("SPARQL_Results_JSON", "SPARQL_Results_XML", "SPARQL_Results_CSV", "SPARQL_Results_TSV",
                   "Turtle", "N-Triples", "JSON-LD", "RDF_XML")


def service_description(endpoint: str, stats: dict[str, Any], settings: Any, fmt: str) -> bytes:
    """The SPARQL 1.1 Service Description of the endpoint, in a graph format (turtle, ntriples, jsonld, rdfxml).

    >>> sd = service_description("http://127.0.0.1:8000/sparql", {"quads": 3, "graphs": {"urn:g": 3}},
    ...                          type("S", (), {"time_limit": 10.0, "max_rows": 10000})(), "turtle")
    >>> b"sd:endpoint <http://127.0.0.1:8000/sparql>" in sd, b"void:triples 3" in sd
    (True, True)
    """
    from types import SimpleNamespace

    from pyoxigraph import BlankNode, Literal, NamedNode, Triple

    from kg.serve.tasks import write_result
    from kg.vocab import DCTERMS, PREFIXES, RDF_TYPE, RDFS

    def sd(name: str) -> NamedNode:
        return NamedNode(SD + name)

    a = NamedNode(RDF_TYPE)
    service, dataset, default = BlankNode(), BlankNode(), BlankNode()
    comment = (f"diplomatic-kg, read-only: SPARQL Update and SERVICE are refused; a query may run "
               f"{settings.time_limit:g} s and return {settings.max_rows} rows at most. The default graph is the "
               "merged view: every asserted fact once; GRAPH reaches each source's named graph.")
    triples = [Triple(service, a, sd("Service")), Triple(service, sd("endpoint"), NamedNode(endpoint)),
               Triple(service, sd("supportedLanguage"), sd("SPARQL11Query")),
               Triple(service, NamedNode(DCTERMS.title), Literal("diplomatic-kg SPARQL endpoint")),
               Triple(service, NamedNode(RDFS.comment), Literal(comment)),
               Triple(service, sd("defaultDataset"), dataset), Triple(dataset, a, sd("Dataset")),
               Triple(dataset, sd("defaultGraph"), default), Triple(default, a, sd("Graph"))]
    triples += [Triple(service, sd("resultFormat"), NamedNode(_FORMATS_NS + f)) for f in _RESULT_FORMATS]
    for name, count in stats["graphs"].items():
        named, graph = BlankNode(), BlankNode()
        triples += [Triple(dataset, sd("namedGraph"), named), Triple(named, a, sd("NamedGraph")),
                    Triple(named, sd("name"), NamedNode(name)), Triple(named, sd("graph"), graph),
                    Triple(graph, a, sd("Graph")), Triple(graph, NamedNode(VOID + "triples"), Literal(count))]
    result = SimpleNamespace(form="CONSTRUCT", triples=triples)
    if fmt == "turtle":
        from kg.formats.rdf import write_turtle

        return write_turtle(triples, {**PREFIXES, "sd": SD, "void": VOID, "formats": _FORMATS_NS}).encode("utf-8")
    return write_result(result, fmt)


__all__ = ["CONTENT_TYPES", "FORMAT_NAMES", "GRAPH_FORMATS", "GRAPH_TYPES", "ROW_FORMATS", "ROW_TYPES", "HTTPError",
           "base_url", "best", "formats_for", "host_port", "integer", "parse_accept", "parse_params", "read_query",
           "refuse", "service_description", "single"]
