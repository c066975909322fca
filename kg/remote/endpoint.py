"""Queries to remote SPARQL 1.1 Protocol endpoints: ``remote_query`` and ``remote_named``.

``remote_query(endpoint, text, substitutions)`` runs SPARQL on an endpoint and returns the
``kg.query.sparql.Result`` the in-process engine gives, parameters bound by a ``VALUES`` block
(``bind_values``); ``remote_named`` answers a named question there with its complete text
(``kg.query.portable.complete_text``, what ``kg query NAME --show`` prints).

>>> from pyoxigraph import NamedNode
>>> print(bind_values("SELECT ?x WHERE { ?x a ?c }", {"c": NamedNode("urn:c")}))
SELECT ?x WHERE { VALUES (?c) { (<urn:c>) }
 ?x a ?c }
"""

from __future__ import annotations

import os
import re
from collections.abc import Iterable, Mapping
from typing import TYPE_CHECKING, Any

from pyoxigraph import Quad

from kg.errors import QueryError
from kg.formats import DATASET, GRAPH, RESULTS, accept, for_media_type, rdf_format, results_format
from kg.query.portable import bind_values, complete_text, drop_unbound_tests, portable_body
from kg.remote.http import Auth, HttpClient, TransportError, public_url, split_credentials

if TYPE_CHECKING:
    from kg.query.catalog import NamedQuery
    from kg.query.sparql import Result

# -- queries --------------------------------------------------------------------------------------------

#: What each form of query asks for, in order of preference (names of the format registry).
_PREFERRED = {"SELECT": ["json", "xml", "tsv"], "ASK": ["json", "xml"],
              "CONSTRUCT": ["ntriples", "turtle", "rdfxml"], "DESCRIBE": ["ntriples", "turtle", "rdfxml"]}


def _accept(form: str) -> str:
    kinds = (RESULTS,) if form in ("SELECT", "ASK") else (GRAPH, DATASET)
    return accept(_PREFERRED[form], kinds)


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

    from kg.query.portable import prologue
    from kg.query.sparql import Result, line_col, scan

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
    # On the first line, so that the endpoint's line numbers are those of the query as written; only the
    # prefixes the text does not declare itself (a named question's complete text declares its own).
    declared = prologue(query_text).replace("\n", " ")
    text = declared + bind_values(query_text, substitutions or {})
    form = [("query", text), *(("default-graph-uri", g) for g in default_graphs),
            *(("named-graph-uri", g) for g in named_graphs)]
    client = HttpClient(auth, timeout)
    try:
        status, headers, body = client.request(
            "POST", endpoint, urlencode(form).encode("utf-8"),
            {"Content-Type": "application/x-www-form-urlencoded", "Accept": _accept(found.form)})
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
            sent = for_media_type(ctype, (RESULTS,))
            fmt = results_format(sent) if sent is not None else QueryResultsFormat.JSON
            if fmt == QueryResultsFormat.JSON:
                body = _fix_bnodes(body)
            return Result.from_engine(parse_query_results(body, format=fmt), found.form, hide)
        sent = for_media_type(ctype, (GRAPH, DATASET))
        rdf = rdf_format(sent) if sent is not None else RdfFormat.N_TRIPLES
        triples = [q.triple for q in parse(body, format=rdf)]
    except (SyntaxError, ValueError) as e:
        raise QueryError(f"{shown} answered with results that cannot be read ({ctype or 'no type'}): {e}") from None
    return Result(found.form, triples=triples)


def endpoint_text(query: NamedQuery, given: Iterable[str]) -> str:
    """A named question as SPARQL 1.1 without its parameters bound: ``LATERAL`` and the tests of the
    parameters left out taken out (``kg.query.portable``); ``complete_text`` is what is sent."""
    absent = {p.name for p in query.params} - set(given)
    return drop_unbound_tests(portable_body(query.text), absent)


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


def merged_default(endpoint: str, *, auth: Auth | None = None, timeout: float = 60) -> tuple[str, ...]:
    """The ``default-graph-uri`` a named question needs at an endpoint: ``(MERGED_GRAPH,)`` when the store
    keeps the merged view in that named graph (Virtuoso, whose default graph is every graph it holds:
    ``kg push --dataset`` puts it there), else ``()``: the store's own default graph holds it."""
    from kg.remote.gsp import MERGED_GRAPH

    ask = f"ASK {{ GRAPH <{MERGED_GRAPH}> {{ ?s ?p ?o }} }}"
    return (MERGED_GRAPH,) if remote_query(endpoint, ask, auth=auth, timeout=timeout).boolean else ()


def remote_named(endpoint: str, name: str | NamedQuery, params: Mapping[str, Any] | None = None, *,
                 auth: Auth | None = None, resolver: Any = None, catalog: Mapping | None = None, timeout: float = 60,
                 default_graphs: Iterable[str] | None = None, named_graphs: Iterable[str] = (),
                 notes: list[str] | None = None) -> Result:
    """Answer a named question on an endpoint, with the text ``kg query NAME --show`` prints. Names of
    entities are resolved with ``resolver`` (a local ``KnowledgeGraph`` or ``Store``) when given, else
    with the names read from the endpoint, as in-process (``notes``: see ``kg.query.catalog.bind_value``).
    ``default_graphs`` (the protocol's ``default-graph-uri``) is by default ``merged_default``: the store's
    default graph, or the named graph of the merged view."""
    if default_graphs is None:
        default_graphs = merged_default(endpoint, auth=auth, timeout=timeout)
    graphs = {"default_graphs": tuple(default_graphs), "named_graphs": tuple(named_graphs)}
    from kg.query.catalog import bind_params, canonical, get_named
    from kg.query.resolve import KINDS

    query = name if not isinstance(name, str) else get_named(name, catalog)
    if resolver is None:
        needs = any(p.type in KINDS and (params or {}).get(p.name) for p in query.params)
        resolver = remote_names(endpoint, auth=auth, timeout=timeout, **graphs) if needs else _empty_store()
    bound = bind_params(resolver, query, params, notes=notes)
    result = remote_query(endpoint, complete_text(query, bound), auth=auth, timeout=timeout,
                          hide=frozenset(p.name for p in query.params), **graphs)
    return canonical(query, result)


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


__all__ = ["auth_from", "bind_values", "drop_unbound_tests", "endpoint_text", "merged_default", "remote_named",
           "remote_names", "remote_query"]
