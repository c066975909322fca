"""Queries to remote SPARQL 1.1 Protocol endpoints: ``remote_query`` and ``remote_named``.

``remote_query(endpoint, text, substitutions)`` runs SPARQL on an endpoint and returns the
``kg.query.sparql.Result`` the in-process engine gives, parameters bound by a ``VALUES`` block
(``bind_values``); ``remote_named`` answers a named question there, as SPARQL 1.1 that other engines
read alike (``endpoint_text``).

>>> print(bind_values("SELECT ?x WHERE { ?x a ?c }", {"c": NamedNode("urn:c")}))
SELECT ?x WHERE { VALUES (?c) { (<urn:c>) }
 ?x a ?c }
"""

from __future__ import annotations

import os
import re
from collections.abc import Iterable, Mapping
from typing import TYPE_CHECKING, Any

from pyoxigraph import Literal, NamedNode, Quad

from kg.errors import QueryError
from kg.remote.http import Auth, HttpClient, TransportError, public_url, split_credentials

if TYPE_CHECKING:
    from kg.query.catalog import NamedQuery
    from kg.query.sparql import Result

# -- queries --------------------------------------------------------------------------------------------

_ACCEPT = {"SELECT": "application/sparql-results+json, application/sparql-results+xml;q=0.8",
           "ASK": "application/sparql-results+json, application/sparql-results+xml;q=0.8",
           "CONSTRUCT": "application/n-triples, text/turtle;q=0.9, application/rdf+xml;q=0.5",
           "DESCRIBE": "application/n-triples, text/turtle;q=0.9, application/rdf+xml;q=0.5"}


def bind_values(text: str, values: Mapping[str, object]) -> str:
    """The query with a ``VALUES`` block binding the parameters, first in its WHERE group.

    Terms are written by ``kg.formats.rdf.term_nt`` (escaped), never pasted as text. Like Oxigraph's
    substitutions, filters of the WHERE group see the values; unlike them, a filter in a nested group
    (or a sub-select) does not: write the named questions' tests at the top level.
    """
    from kg.formats.rdf import term_nt
    from kg.query.sparql import FORMS, to_term, tokens

    if not values:
        return text
    toks = [(k, t, at) for k, t, at in tokens(text) if k != "comment"]
    start = next((i for i, (k, t, _) in enumerate(toks) if k == "name" and t.upper() in FORMS), None)
    if start is None:
        raise QueryError("cannot bind parameters: no SELECT, ASK, CONSTRUCT or DESCRIBE in the query")
    i = start + 1
    if toks[start][1].upper() == "CONSTRUCT" and i < len(toks) and toks[i][1] == "{":
        depth = 0
        for i in range(i, len(toks)):  # noqa: B020 - skip the template, a balanced group
            depth += {"{": 1, "}": -1}.get(toks[i][1], 0)
            if depth == 0:
                break
        i += 1
    brace = next((j for j in range(i, len(toks)) if toks[j][1] == "{"), None)
    if brace is None:
        raise QueryError("cannot bind parameters: the query has no WHERE clause")
    names = sorted(values)
    terms = []
    for name in names:
        term = to_term(values[name])
        if not isinstance(term, (NamedNode, Literal)):
            raise QueryError(f"cannot send the parameter ?{name} to an endpoint: {term!r} is not an IRI or a literal")
        terms.append(term_nt(term))  # type: ignore[arg-type]
    block = f" VALUES ({' '.join('?' + n for n in names)}) {{ ({' '.join(terms)}) }}\n"
    at = toks[brace][2] + 1
    return text[:at] + block + text[at:]


def remote_query(endpoint: str, query_text: str, substitutions: Mapping[str, object] | None = None, *,
                 auth: Auth | None = None, timeout: float = 60, hide: frozenset[str] = frozenset(),
                 allow_service: bool = False, default_graphs: Iterable[str] = (),
                 named_graphs: Iterable[str] = ()) -> Result:
    """Run SPARQL on a SPARQL 1.1 Protocol endpoint; return the same ``Result`` as ``kg.query.sparql.run``.

    The project's prefixes are declared in front of the query; ``substitutions`` bind variables
    (see ``bind_values``); ``hide`` leaves variables out of ``Result.variables``. A result the
    endpoint cut short (Virtuoso's ``X-SPARQL-MaxRows``) raises ``QueryError`` rather than answering
    with part of the rows. ``default_graphs`` and ``named_graphs`` set the dataset (the protocol's
    ``default-graph-uri`` and ``named-graph-uri``); by default the endpoint chooses (Virtuoso: every graph
    it holds, its own system graphs included).
    """
    from urllib.parse import urlencode

    from pyoxigraph import QueryResultsFormat, RdfFormat, parse, parse_query_results

    from kg.query.sparql import Result, line_col, scan
    from kg.vocab import PREFIXES

    found = scan(query_text)
    if found.form is None:
        raise QueryError("not a query: no SELECT, ASK, CONSTRUCT or DESCRIBE")
    if found.service_at is not None and not allow_service:
        line, col = line_col(query_text, found.service_at)
        raise QueryError(f"SERVICE is refused at line {line}, column {col} (allow_service=True allows it)")
    try:
        endpoint, auth = split_credentials(endpoint, auth)
    except TransportError as e:
        raise QueryError(str(e)) from None
    shown = public_url(endpoint)
    # On the first line, so that the endpoint's line numbers are those of the query as written.
    prologue = " ".join(f"PREFIX {p}: <{ns}>" for p, ns in PREFIXES.items()) + " "
    text = prologue + bind_values(query_text, substitutions or {})
    form = [("query", text), *(("default-graph-uri", g) for g in default_graphs),
            *(("named-graph-uri", g) for g in named_graphs)]
    client = HttpClient(auth, timeout)
    try:
        status, headers, body = client.request(
            "POST", endpoint, urlencode(form).encode("utf-8"),
            {"Content-Type": "application/x-www-form-urlencoded", "Accept": _ACCEPT[found.form]})
    except TransportError as e:
        raise QueryError(str(e)) from None
    if not 200 <= status < 300:
        local = _local_syntax_error(query_text) if status == 400 else None
        raise QueryError(local or client.describe(status, body, shown).split(" SPARQL query:")[0])
    if headers.get("X-SPARQL-MaxRows"):
        raise QueryError(f"{shown} cut the result at {headers['X-SPARQL-MaxRows']} rows (its ResultSetMaxRows): "
                         "add LIMIT and OFFSET to read it in pages, or raise the limit on the server")
    ctype = (headers.get("Content-Type") or "").split(";")[0].strip().lower()
    try:
        if found.form in ("SELECT", "ASK"):
            fmt = {"application/sparql-results+xml": QueryResultsFormat.XML,
                   "text/tab-separated-values": QueryResultsFormat.TSV}.get(ctype, QueryResultsFormat.JSON)
            if fmt == QueryResultsFormat.JSON:
                body = _fix_bnodes(body)
            return Result.from_engine(parse_query_results(body, format=fmt), found.form, hide)
        rdf = {"text/turtle": RdfFormat.TURTLE, "application/rdf+xml": RdfFormat.RDF_XML,
               "application/ld+json": RdfFormat.JSON_LD}.get(ctype, RdfFormat.N_TRIPLES)
        triples = [q.triple for q in parse(body, format=rdf)]
    except (SyntaxError, ValueError) as e:
        raise QueryError(f"{shown} answered with results that cannot be read ({ctype or 'no type'}): {e}") from None
    return Result(found.form, triples=triples)


def endpoint_text(query: NamedQuery, given: Iterable[str]) -> str:
    r"""A named question as an endpoint gets it: SPARQL 1.1, the tests of parameters left out taken out.

    SPARQL 1.1 has no ``LATERAL``, which the named questions use only to guide Oxigraph's planner:
    a ``LATERAL { ... }`` group with no ``FILTER``, ``BIND`` or ``MINUS`` of its own is merged into the
    enclosing group (Virtuoso 7.2 fails on some such nested groups, "SQ156 Internal Optimized compiler
    error"), other ones lose the word only. Then ``drop_unbound_tests``.

    >>> from kg.query.catalog import parse_named
    >>> q = parse_named("# title: T\nSELECT * { ?a ?b ?c LATERAL { ?c ?d ?e } }", "t")
    >>> endpoint_text(q, [])
    '# title: T\nSELECT * { ?a ?b ?c           ?c ?d ?e   }'
    """
    from kg.query.sparql import tokens

    text = query.text
    toks = [(k, t.upper() if k == "name" else t, at) for k, t, at in tokens(text) if k != "comment"]
    blank: list[tuple[int, int]] = []
    for i, (kind, word, at) in enumerate(toks):
        if kind != "name" or word != "LATERAL":
            continue
        blank.append((at, at + len(word)))
        if i + 1 >= len(toks) or toks[i + 1][1] != "{":
            continue
        depth, scoped = 0, False
        for j in range(i + 1, len(toks)):
            depth += {"{": 1, "}": -1}.get(toks[j][1], 0)
            scoped = scoped or (depth == 1 and toks[j][0] == "name" and toks[j][1] in ("FILTER", "BIND", "MINUS"))
            if depth == 0:
                break
        if not scoped:
            blank += [(toks[i + 1][2], toks[i + 1][2] + 1), (toks[j][2], toks[j][2] + 1)]
    for start, end in sorted(blank, reverse=True):
        text = text[:start] + " " * (end - start) + text[end:]
    return drop_unbound_tests(text, {p.name for p in query.params} - set(given))


def drop_unbound_tests(text: str, absent: Iterable[str]) -> str:
    """Blank out each ``FILTER(COALESCE(..., true))`` that tests a parameter left out.

    The named questions test an optional parameter that way: left unbound, the test is an error, which
    ``COALESCE`` turns into true. Virtuoso, though, compares an unbound variable with ``=`` as false, so
    such a filter would drop every row there; without the parameter the filter is true, so it goes.

    >>> print(drop_unbound_tests("SELECT * { ?s ?p ?o FILTER(COALESCE(?o = ?x, true)) FILTER(?o != ?s) }", ["x"]))
    SELECT * { ?s ?p ?o                                 FILTER(?o != ?s) }
    """
    from kg.query.sparql import tokens

    absent = set(absent)
    if not absent:
        return text
    toks = [(k, t.upper() if k == "name" else t, at, at + len(t)) for k, t, at in tokens(text) if k != "comment"]
    spans = []
    for i, (kind, word, start, _) in enumerate(toks):
        if kind != "name" or word != "FILTER" or i + 3 >= len(toks) or toks[i + 1][1] != "(":
            continue
        depth, j = 0, i + 1
        for j in range(i + 1, len(toks)):  # noqa: B007 - j is the closing parenthesis afterwards
            depth += {"(": 1, ")": -1}.get(toks[j][1], 0)
            if depth == 0:
                break
        inner = toks[i + 2: j]
        tests_absent = any(k == "var" and t[1:] in absent for k, t, _, _ in inner)
        coalesce_true = (len(inner) > 4 and inner[0][1] == "COALESCE" and inner[-1][1] == ")"
                         and inner[-2][1].lower() == "true" and inner[-3][1] == ",")
        if tests_absent and coalesce_true:
            spans.append((start, toks[j][3]))
    for start, end in reversed(spans):
        text = text[:start] + " " * (end - start) + text[end:]
    return text


_BNODE_ID = re.compile(r"[A-Za-z0-9_][A-Za-z0-9_.-]*")


def _fix_bnodes(body: bytes) -> bytes:
    """Blank-node ids that pyoxigraph accepts: Virtuoso writes ``nodeID://b10001``, which it refuses.

    >>> _fix_bnodes(b'{"head": {"vars": ["x"]}, "results": {"bindings": [{"x": {"type": "bnode", "value": "b1"}}]}}')
    b'{"head": {"vars": ["x"]}, "results": {"bindings": [{"x": {"type": "bnode", "value": "b1"}}]}}'
    >>> b"nodeID" in _fix_bnodes(b'{"results": {"bindings": [{"x": {"type": "bnode", "value": "nodeID://b1"}}]}}')
    False
    """
    import hashlib
    import json

    if b'"bnode"' not in body:
        return body
    try:
        data = json.loads(body)
        for row in data["results"]["bindings"]:
            for cell in row.values():
                if cell.get("type") == "bnode" and not _BNODE_ID.fullmatch(cell.get("value", "")):
                    # The same id in every row maps to the same label: joins across rows still hold.
                    cell["value"] = "x" + hashlib.sha1(cell["value"].encode("utf-8")).hexdigest()[:20]
    except (ValueError, KeyError, TypeError, AttributeError):
        return body  # let the parser report what is wrong
    return json.dumps(data).encode("utf-8")


def _local_syntax_error(text: str) -> str | None:
    """Oxigraph's message (line, column, caret) when it cannot parse the query either, else None."""
    from pyoxigraph import Store

    from kg.query.sparql import syntax_message
    from kg.vocab import PREFIXES

    try:
        Store().query(text, prefixes=PREFIXES)
    except SyntaxError as e:
        return syntax_message(text, e)
    except (OSError, RuntimeError, ValueError):
        pass
    return None


def remote_names(endpoint: str, *, auth: Auth | None = None, timeout: float = 60, **graphs: Iterable[str]):
    """A small Store of the names and ``dkg:`` types of the entities (``id:`` IRIs) of an endpoint,
    outside the ontology and inferred graphs: what ``kg.query.resolve`` needs to turn names into IRIs."""
    from pyoxigraph import Store

    from kg.vocab import DKG_NS, ID_NS, INFERRED_GRAPH, ONTOLOGY_GRAPH

    text = f"""SELECT DISTINCT ?x ?p ?o WHERE {{
  VALUES ?p {{ rdfs:label skos:altLabel rdf:type }}
  GRAPH ?g {{ ?x ?p ?o }}
  FILTER(STRSTARTS(STR(?x), "{ID_NS}") && ?g NOT IN (<{ONTOLOGY_GRAPH}>, <{INFERRED_GRAPH}>))
  FILTER(?p != rdf:type || STRSTARTS(STR(?o), "{DKG_NS}"))
}}"""
    store = Store()
    rows = remote_query(endpoint, text, auth=auth, timeout=timeout, **graphs)  # type: ignore[arg-type]
    store.extend(Quad(r["x"], r["p"], r["o"]) for r in rows)  # the default graph, where kg.query.resolve looks
    return store


def remote_named(endpoint: str, name: str | NamedQuery, params: Mapping[str, Any] | None = None, *,
                 auth: Auth | None = None, resolver: Any = None, catalog: Mapping | None = None, timeout: float = 60,
                 default_graphs: Iterable[str] = (), named_graphs: Iterable[str] = ()) -> Result:
    """Answer a named question on an endpoint. Names of entities are resolved with ``resolver`` (a local
    ``KnowledgeGraph`` or ``Store``) when given, else with the names read from the endpoint. The graphs
    (default: the endpoint's own choice, all of them for Virtuoso) are as for ``remote_query``."""
    graphs = {"default_graphs": tuple(default_graphs), "named_graphs": tuple(named_graphs)}
    from kg.query.catalog import bind_params, get_named
    from kg.query.resolve import KINDS

    query = name if not isinstance(name, str) else get_named(name, catalog)
    if resolver is None:
        needs = any(p.type in KINDS and (params or {}).get(p.name) for p in query.params)
        resolver = remote_names(endpoint, auth=auth, timeout=timeout, **graphs) if needs else _empty_store()
    bound = bind_params(resolver, query, params)
    text = endpoint_text(query, set(bound))
    return remote_query(endpoint, text, bound, auth=auth, timeout=timeout,
                        hide=frozenset(p.name for p in query.params), **graphs)


def _empty_store():
    from pyoxigraph import Store

    return Store()


def auth_from(user: str | None = None, password: str | None = None, scheme: str = "auto",
              environ: Mapping[str, str] = os.environ) -> Auth | None:
    """Credentials from the arguments, else ``KG_USER`` / ``KG_PASSWORD``; None when there is no user.

    >>> auth_from(environ={"KG_USER": "dba", "KG_PASSWORD": "dba"})
    Auth(user='dba', scheme='auto')
    """
    user = user or environ.get("KG_USER") or None
    if user is None:
        return None
    return Auth(user, password if password is not None else environ.get("KG_PASSWORD", ""), scheme)


__all__ = ["auth_from", "bind_values", "drop_unbound_tests", "endpoint_text", "remote_named", "remote_names",
           "remote_query"]
