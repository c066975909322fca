"""The server as an application object: ``App.handle(method, path, query, headers, body)`` -> response.

No sockets here: tests call ``handle`` in-process, and ``kg.serve.httpd`` is a thin HTTP server around it.
Every query runs in a worker process (``kg.serve.workers``); library errors become HTTP errors here, and
only here.

Routes::

    GET  /                 the visualizer (options: focus, depth, start, end, types)
    GET  /query            the query page: SPARQL editor, named questions, results table
    GET  /sparql           service description (no query), or a query (SPARQL 1.1 Protocol)
    POST /sparql           a query, as a form (query=...) or as application/sparql-query
    GET  /queries          the named questions and their parameters (JSON)
    GET  /queries/NAME     answer a named question, its parameters in the URL (JSON)
    GET  /entities?q=...   entities whose names match, for autocompletion (JSON)
    GET  /health           liveness and size (JSON)

>>> import kg
>>> with App.open(kg.build("data", shacl=False), Settings(workers=1)) as app:
...     status, headers, body = app.handle("GET", "/sparql", "query=ASK%20%7B%7D")
...     status, dict(headers)["Content-Type"], body
(200, 'application/sparql-results+json', b'{"head": {}, "boolean": true}\\n')
"""

from __future__ import annotations

import json
import os
import re
import shutil
import sys
import tempfile
import threading
import traceback
from collections import OrderedDict
from collections.abc import Callable, Mapping
from typing import Any
from urllib.parse import unquote

from kg.errors import KGError, QueryError
from kg.serve import protocol
from kg.serve.live import LivePool, generation_store
from kg.serve.protocol import HTTPError
from kg.serve.settings import Settings
from kg.serve.workers import QueryTimeout, ServerBusy, ServerError, WorkerFailed, WorkerPool, prepare_store

Response = tuple[int, list[tuple[str, str]], bytes]
_JSON = "application/json"
#: Options of the visualizer page that ``/`` passes on to ``kg.viz.page``.
PAGE_OPTIONS = ("focus", "depth", "start", "end", "types")
_ENTITY_LIMIT = 50


def status_of(error: KGError) -> int:
    """The HTTP status for a library error.

    >>> status_of(QueryError("malformed")), status_of(QueryTimeout("slow")), status_of(WorkerFailed("died"))
    (400, 503, 500)
    """
    if isinstance(error, (QueryTimeout, ServerBusy)):
        return 503
    if isinstance(error, WorkerFailed):
        return 500
    if isinstance(error, QueryError):
        return 400
    return 503 if isinstance(error, ServerError) else 500


class App:
    """The server's routes over a pool of query workers. ``App.open(source, settings)`` makes one."""

    def __init__(self, pool: LivePool | WorkerPool, settings: Settings, *, folder: str | None = None):
        self.pool = pool if isinstance(pool, LivePool) else LivePool(lambda path: pool, pool.path)
        self.settings = settings
        self.folder = folder
        #: The server's own address, ``http://host:port``; set by the HTTP server once it listens.
        self.base_url = f"http://{protocol.host_port(settings.host, settings.port)}"
        self._pages: OrderedDict[tuple, bytes] = OrderedDict()
        self._lock = threading.Lock()
        self.answers = AnswerCache(settings.cache_mb << 20)
        self._routes = {"/": (self.visualizer, "GET"), "/query": (self.query_page, "GET"),
                        "/sparql": (self.sparql, "GET POST"), "/queries": (self.list_queries, "GET"),
                        "/entities": (self.entities, "GET"), "/health": (self.health, "GET")}
        from kg.serve.views import register  # /views...: the visualizer at corpus size (kg/serve/views.py)

        register(self)

    @property
    def stats(self) -> dict[str, Any]:
        """How many quads the served store holds, in all and per named graph."""
        return self.pool.stats

    @classmethod
    def open(cls, source: Any, settings: Settings | None = None) -> App:
        """Write ``source`` (a graph, a store, a graph file or output folder, or a store folder) to a store the
        workers read, and start them. ``close()`` (or ``with``) stops them and removes the temporary store.

        An output folder with a ``current`` link (``kg build`` generations) is served live: the store of the
        generation it names, then of each newer one as it appears (``kg.serve.live``)."""
        settings = settings or Settings()

        def make_pool(path: str) -> WorkerPool:
            return WorkerPool(path, workers=settings.worker_count, time_limit=settings.time_limit,
                              wait_limit=settings.wait_limit, max_pending=settings.max_pending,
                              memory_mb=settings.worker_memory)

        live = generation_store(source) if isinstance(source, (str, os.PathLike)) else None
        if live is not None:
            return cls(LivePool(make_pool, live, source, settings.watch_interval), settings)
        folder = tempfile.mkdtemp(prefix="kg-serve-")
        try:
            path = prepare_store(source, folder)
            pool = LivePool(make_pool, path)
        except BaseException:
            shutil.rmtree(folder, ignore_errors=True)
            raise
        try:
            return cls(pool, settings, folder=folder)
        except BaseException:
            pool.close()
            shutil.rmtree(folder, ignore_errors=True)
            raise

    def close(self) -> None:
        self.pool.close()
        if self.folder:
            shutil.rmtree(self.folder, ignore_errors=True)

    def __enter__(self) -> App:
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()

    # -- dispatch -------------------------------------------------------------------------------------------
    def handle(self, method: str, path: str, query: str = "", headers: Mapping[str, str] | None = None,
               body: bytes = b"") -> Response:
        """Answer one request. ``query`` is the raw query string; header names are case-insensitive.

        HEAD is answered as GET (the HTTP server sends no body). Never raises.
        """
        method = method.upper()
        hdrs = {k.lower(): v for k, v in (headers or {}).items()}
        plain = path == "/sparql"  # SPARQL clients expect text errors; the JSON routes get JSON errors
        try:
            if "host" in hdrs and not self.settings.host_allowed(hdrs["host"]):
                raise HTTPError(421, "this server answers only for the loopback names, its --host and its "
                                     "--allowed-hosts; the Host header names another")
            status, out, data = self._dispatch(method, path, query, hdrs, body)
        except HTTPError as e:
            status, out, data = self._error(e.status, str(e), plain, e.headers)
        except KGError as e:
            extra = [("Retry-After", "1")] if isinstance(e, ServerBusy) else []
            status, out, data = self._error(status_of(e), str(e), plain, extra)
        except Exception:  # the server must answer whatever happens
            traceback.print_exc(file=sys.stderr)
            status, out, data = self._error(500, "internal server error", plain)
        return status, out + self._common(hdrs), data

    def _dispatch(self, method: str, path: str, query: str, headers: dict[str, str], body: bytes) -> Response:
        size = len(query) + len(body)
        if size > self.settings.max_request_bytes:
            raise HTTPError(413, f"the request has {size} bytes, more than the server's limit of "
                                 f"{self.settings.max_request_bytes} (max_request_bytes)")
        handler: Callable[..., Response]
        if path in self._routes:
            handler, allowed = self._routes[path]
            args: tuple = ()
        elif path.startswith("/queries/") and path.count("/") == 2:
            handler, allowed, args = self.named, "GET", (unquote(path[len("/queries/"):]),)
        else:
            raise HTTPError(404, f"nothing at {path}: see / (visualizer), /query, /sparql, /queries, /entities, "
                                 "/health")
        allowed += " HEAD OPTIONS"
        if method == "OPTIONS":
            return 204, [("Allow", allowed.replace(" ", ", "))] + self._preflight(headers), b""
        if method not in allowed.split():
            raise HTTPError(405, f"{method} is not allowed on {path}; use {allowed.replace(' ', ', ')}",
                            [("Allow", allowed.replace(" ", ", "))])
        params = protocol.parse_params(query)
        return handler(method, params, headers, body, *args)

    def _error(self, status: int, message: str, plain: bool, extra: list[tuple[str, str]] | None = None) -> Response:
        if plain:
            return status, [("Content-Type", "text/plain; charset=utf-8"), *(extra or [])], (message + "\n").encode()
        return status, [("Content-Type", _JSON), *(extra or [])], _dump({"error": message, "status": status})

    def _common(self, headers: dict[str, str]) -> list[tuple[str, str]]:
        out = [("X-Content-Type-Options", "nosniff"), ("Referrer-Policy", "no-referrer")]
        origin = self.settings.cors_origin
        if origin == "*":
            out.append(("Access-Control-Allow-Origin", "*"))
        elif origin:
            if headers.get("origin") == origin:
                out.append(("Access-Control-Allow-Origin", origin))
            out.append(("Vary", "Origin"))
        return out

    def _preflight(self, headers: dict[str, str]) -> list[tuple[str, str]]:
        if not self.settings.cors_origin:
            return []
        return [("Access-Control-Allow-Methods", "GET, POST, OPTIONS"),
                ("Access-Control-Allow-Headers", "Accept, Content-Type"), ("Access-Control-Max-Age", "600")]

    # -- routes ---------------------------------------------------------------------------------------------
    def sparql(self, method: str, params: dict[str, list[str]], headers: dict[str, str], body: bytes) -> Response:
        text, params = protocol.read_query(method, params, headers, body)
        accept = headers.get("accept", "")
        if text is None:
            return self.service_description(accept, headers.get("host"))
        protocol.refuse(text, self.settings.max_depth)
        unsupported = [p for p in ("default-graph-uri", "named-graph-uri") if p in params]
        if unsupported:
            raise HTTPError(400, f"{unsupported[0]} is not supported: the default graph is the merged view (every "
                                 "asserted fact once), and GRAPH ?g { ... } reaches each named graph")
        graphs = protocol.single(params, "graphs") or "merged"
        row, graph = protocol.formats_for(accept, params.get("format", []) + params.get("output", []))
        answer = self._run(("sparql", text, graphs, row, graph), "sparql", text=text, row_format=row,
                           graph_format=graph, graphs=graphs, max_rows=self.settings.max_rows,
                           max_bytes=self.settings.max_response_bytes)
        if answer["format"] is None:
            offered = protocol.ROW_TYPES if answer["form"] in ("SELECT", "ASK") else protocol.GRAPH_TYPES
            raise HTTPError(406, f"no acceptable format for a {answer['form']} result (Accept: {accept or '-'}); "
                                 f"this server gives {', '.join(dict.fromkeys(offered.values()))}")
        return 200, [("Content-Type", protocol.CONTENT_TYPES[answer["format"]])], answer["body"]

    def _run(self, key: tuple, task: str, **kwargs: Any) -> Any:
        """A worker's answer to a task, or the same answer given before by the generation being served."""
        key = (self.pool.path, *key)  # a generation never changes: its answer stays right
        answer = self.answers.get(key)
        if answer is None:
            answer = self.pool.run(task, **kwargs)
            self.answers.put(key, answer)
        return answer

    def service_description(self, accept: str, host: str | None) -> Response:
        chosen = protocol.best(accept, [*protocol.GRAPH_TYPES, "text/html"])
        if chosen == "text/html":
            return 303, [("Location", "/query"), ("Content-Type", "text/plain; charset=utf-8")], \
                b"the query page is at /query; ask for text/turtle to get the service description\n"
        if chosen is None:
            raise HTTPError(406, "the service description is given as " + ", ".join(protocol.GRAPH_TYPES))
        fmt = protocol.GRAPH_TYPES[chosen]
        base = protocol.base_url(host) or self.base_url
        body = protocol.service_description(base + "/sparql", self.stats, self.settings, fmt)
        return 200, [("Content-Type", protocol.CONTENT_TYPES[fmt])], body

    def list_queries(self, method: str, params: dict[str, list[str]], headers: dict[str, str], body: bytes) -> Response:
        from kg.query.catalog import PARAM_TYPES, load_catalog
        from kg.query.resolve import KINDS

        out = []
        for q in load_catalog().values():
            out.append({"name": q.name, "title": q.title, "description": q.description, "url": f"/queries/{q.name}",
                        "params": [{"name": p.name, "type": p.type, "description": p.description,
                                    "optional": p.optional, "expects": PARAM_TYPES.get(p.type, ""),
                                    "entity": p.type in KINDS} for p in q.params],
                        "examples": [dict(e) for e in q.examples], "sparql": q.text})
        return 200, [("Content-Type", _JSON)], _dump({"queries": out})

    def named(self, method: str, params: dict[str, list[str]], headers: dict[str, str], body: bytes,
              name: str) -> Response:
        from kg.query.catalog import get_named

        try:
            get_named(name)
        except QueryError as e:
            raise HTTPError(404, str(e)) from None
        values = {k: protocol.single(params, k) or "" for k in params}
        # Only the exact types: a browser's "application/xml;q=0.9, */*;q=0.8" must get JSON, not SPARQL XML.
        offers = [_JSON, *(t for t in protocol.CONTENT_TYPES.values() if t != _JSON)]
        chosen = protocol.best(headers.get("accept", ""), [t.split(";")[0] for t in offers])
        fmt = None if chosen in (None, _JSON) else {**protocol.ROW_TYPES, **protocol.GRAPH_TYPES}[chosen]
        answer = self._run(("named", name, tuple(sorted(values.items())), fmt), "named", name=name, params=values,
                           max_rows=self.settings.max_rows, max_bytes=self.settings.max_response_bytes, fmt=fmt)
        if fmt is not None:
            return 200, [("Content-Type", protocol.CONTENT_TYPES[fmt])], answer["body"]
        return 200, [("Content-Type", _JSON)], _dump({**answer, "params": values})

    def entities(self, method: str, params: dict[str, list[str]], headers: dict[str, str], body: bytes) -> Response:
        q = protocol.single(params, "q") or ""
        if len(q) > 200:
            raise HTTPError(400, "q is too long (200 characters at most)")
        kind = protocol.single(params, "kind") or "entity"
        limit = protocol.integer(params, "limit", 10, 1, _ENTITY_LIMIT)
        found = self.pool.run("entities", q=q, kind=kind, limit=limit) if q.strip() else []
        return 200, [("Content-Type", _JSON)], _dump({"q": q, "kind": kind, "entities": found})

    def health(self, method: str, params: dict[str, list[str]], headers: dict[str, str], body: bytes) -> Response:
        from kg import __version__

        workers = self.pool.status()
        ok = workers["alive"] > 0
        data = {"status": "ok" if ok else "unavailable", "version": __version__, "quads": self.stats["quads"],
                "graphs": len(self.stats["graphs"]), **workers,
                "limits": {"time_limit": self.settings.time_limit,
                           "max_rows": self.settings.max_rows}}
        return (200 if ok else 503), [("Content-Type", _JSON), ("Cache-Control", "no-store")], _dump(data)

    def query_page(self, method: str, params: dict[str, list[str]], headers: dict[str, str], body: bytes) -> Response:
        from kg.serve.page import query_page

        html, csp = query_page(self.settings.time_limit, self.settings.max_rows)
        return 200, [("Content-Type", "text/html; charset=utf-8"), ("Content-Security-Policy", csp)], html

    def visualizer(self, method: str, params: dict[str, list[str]], headers: dict[str, str], body: bytes) -> Response:
        unknown = sorted(set(params) - set(PAGE_OPTIONS))
        if unknown:
            raise HTTPError(400, f"unknown option {unknown[0]!r} of the visualizer: use {', '.join(PAGE_OPTIONS)}")
        options: dict[str, Any] = {k: protocol.single(params, k) for k in PAGE_OPTIONS if k in params}
        if "depth" in options:
            options["depth"] = protocol.integer(params, "depth", 2, 0, 10)
        key = (self.pool.path, *sorted(options.items()))  # a page of one generation only
        with self._lock:
            html = self._pages.get(key)
        if html is None:
            html = self.pool.run("page", **options)
            with self._lock:  # a generation never changes: a page, once made, stays right
                self._pages[key] = html
                while len(self._pages) > 16:
                    self._pages.popitem(last=False)
        return 200, [("Content-Type", "text/html; charset=utf-8"), ("Content-Security-Policy", _page_csp(html))], html


class AnswerCache:
    """The latest answers, up to ``limit`` bytes of bodies (0: keeps nothing), least recently used first out.

    >>> c = AnswerCache(10)
    >>> c.put("a", {"body": b"12345"}); c.put("b", {"body": b"678"}); c.get("a")["body"]
    b'12345'
    >>> c.put("c", {"body": b"abcd"}); c.get("b") is None, c.get("a") is not None, c.size
    (True, True, 9)
    """

    def __init__(self, limit: int):
        self.limit = limit
        self.size = 0
        self._items: OrderedDict[Any, Any] = OrderedDict()
        self._lock = threading.Lock()

    @staticmethod
    def _cost(answer: Any) -> int:
        body = answer.get("body") if isinstance(answer, dict) else None
        return len(body) if isinstance(body, bytes) else len(json.dumps(answer, default=str))

    def get(self, key: Any) -> Any:
        with self._lock:
            item = self._items.get(key)
            if item is None:
                return None
            self._items.move_to_end(key)
            return item[0]

    def put(self, key: Any, answer: Any) -> None:
        cost = self._cost(answer)
        if cost > self.limit:
            return
        with self._lock:
            old = self._items.pop(key, None)
            if old is not None:
                self.size -= old[1]
            self._items[key] = (answer, cost)
            self.size += cost
            while self.size > self.limit:
                _, (_, freed) = self._items.popitem(last=False)
                self.size -= freed


_META_CSP = re.compile(rb'<meta http-equiv="Content-Security-Policy" content="([^"]*)"')


def _page_csp(html: bytes) -> str:
    """The policy of the visualizer's own ``<meta>`` tag, as a header, with what only a header can say.

    >>> _page_csp(b'<meta http-equiv="Content-Security-Policy" content="img-src data:">')
    "img-src data:; frame-ancestors 'none'"
    """
    m = _META_CSP.search(html)
    policy = m.group(1).decode("ascii", "replace") if m else "default-src 'none'"
    return policy + "; frame-ancestors 'none'"


def _dump(data: Any) -> bytes:
    return json.dumps(data, ensure_ascii=False, indent=1).encode("utf-8") + b"\n"


__all__ = ["PAGE_OPTIONS", "AnswerCache", "App", "HTTPError", "Response", "Settings", "status_of"]
