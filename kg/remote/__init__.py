"""Other triple stores: push the graph over the SPARQL 1.1 Graph Store Protocol, and query SPARQL endpoints.

Standard library only (``urllib.request``); nothing happens at import.

- ``push(triples, endpoint, graph_iri)`` replaces (HTTP PUT) or, with ``append=True``, adds to (POST)
  one graph of a store, as N-Triples sent in chunks (the first PUT, the rest POST; the triples of a
  blank node always travel together), then checks the number of triples the store holds in that
  graph. ``push_graph`` and ``push_dataset`` pick the triples from a ``KnowledgeGraph``.
- ``remote_query(endpoint, text, substitutions)`` runs SPARQL on a SPARQL 1.1 Protocol endpoint and
  returns the ``kg.query.sparql.Result`` the in-process engine gives, parameters bound by a ``VALUES``
  block (``bind_values``); ``remote_named`` answers a named question there, as SPARQL 1.1 that other
  engines read alike (``endpoint_text``).

Authentication (``Auth``) is Basic or Digest, chosen from the server's challenge unless forced. The
password is never printed: not in errors, not in URLs (``user:password@`` in a URL is taken out and
used as the credentials).

Errors: ``PushError`` (an ``OutputError``: says what was sent and whether the remote graph is partial)
and ``QueryError``.

>>> Auth("dba", "secret")
Auth(user='dba', scheme='auto')
>>> query_url_for("http://127.0.0.1:8890/sparql-graph-crud-auth")
'http://127.0.0.1:8890/sparql'
>>> public_url("http://dba:secret@127.0.0.1:8890/sparql")
'http://127.0.0.1:8890/sparql'
"""

from __future__ import annotations

from kg.remote.endpoint import (
    auth_from,
    bind_values,
    drop_unbound_tests,
    endpoint_text,
    merged_default,
    remote_named,
    remote_names,
    remote_query,
)
from kg.remote.gsp import (
    CHUNK_SIZE,
    MERGED_GRAPH,
    QUERY_URLS,
    PushError,
    PushReport,
    count_triples,
    merged_target,
    push,
    push_dataset,
    push_graph,
    query_url_for,
)
from kg.remote.http import Auth, HttpClient, TransportError, public_url, split_credentials

__all__ = ["CHUNK_SIZE", "MERGED_GRAPH", "QUERY_URLS", "Auth", "HttpClient", "PushError", "PushReport",
           "TransportError", "auth_from", "bind_values", "count_triples", "drop_unbound_tests", "endpoint_text",
           "merged_default", "merged_target", "public_url", "push", "push_dataset", "push_graph",
           "query_url_for", "remote_named", "remote_names", "remote_query", "split_credentials"]
