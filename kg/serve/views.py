"""The visualizer at corpus size, served: an overview page, and neighbourhoods or periods on request.

Routes (added to the app by ``register(app)``)::

    GET /views                     the overview page; double-click a node to open its neighbourhood
    GET /views/neighbourhood?focus=NAME&depth=1     the page data (JSON) of a neighbourhood
    GET /views/slice?start=DATE&end=DATE            the page data (JSON) of the events of a period
    GET /views/details?node=ID (or ?edge=N)         what the details panel shows of an entity (an edge) of the overview
    GET /views/ready               whether the views are ready (and starts preparing them)

These answers come from one mirror of the graph (``kg.graph.mirror``) held by the server process, built once, with
the overview, in a background thread started by the first request to one of these routes (about 30 s on a
million quads; requests wait for it up to 30 s, then get 503 with Retry-After); each request then reads only the
nodes near what it asks for (``kg.viz.overview``): from milliseconds to a few hundred on a million quads, and the
latest answers are kept (asked again, they come at once). When the server switches to a newer build
(``kg.serve.live``), that build's views are prepared in the background while the previous ones go on answering.
The page made by ``/views`` may ask its own server (CSP ``connect-src 'self'``) and nothing else. It carries what
is drawn and no details (the evidence, the source titles: most of a page at corpus size), which it asks for on a
click (``/views/details``), so that it opens quickly.

>>> import json, kg
>>> from kg.serve import App, Settings
>>> with App.open(kg.build("data", shacl=False), Settings(workers=1)) as app:
...     _ = app.views.wait(60)        # App registers these routes; the first request prepares them
...     status, headers, body = app.handle("GET", "/views/neighbourhood", "focus=Al-Sudani&depth=1")
...     status, sorted(n["label"] for n in json.loads(body)["nodes"])[:2]
(200, ['Government of Iraq', 'Iraq'])
"""

from __future__ import annotations

import gc
import json
import sys
import threading
import time
from collections import OrderedDict
from collections.abc import Callable
from pathlib import Path
from typing import Any

from kg.errors import KGError, QueryError
from kg.serve.protocol import HTTPError

Response = tuple[int, list[tuple[str, str]], bytes]
_JSON = "application/json"
ROUTES = {"/views": "overview_page", "/views/neighbourhood": "neighbourhood", "/views/slice": "slice",
          "/views/details": "details", "/views/ready": "ready"}
#: The routes the overview page asks (``DATA.serve`` in the page).
PAGE_ROUTES = {"neighbourhood": "/views/neighbourhood", "slice": "/views/slice", "details": "/views/details"}


class Prepared:
    """One generation's views: its mirror, event index and overview page, and the answers given so far (the
    latest :data:`ANSWERS`, since a generation never changes)."""

    def __init__(self, path: str):
        from pyoxigraph import Store

        from kg.graph import KnowledgeGraph
        from kg.viz.overview import event_index
        from kg.viz.page import auto_view, page_data, render

        self.path = path
        self.graph = KnowledgeGraph(Store.read_only(path))
        self.G = self.graph.nx
        self.index = event_index(self.G)
        view = auto_view(self.G)
        self.page = render(view, title="diplomatic-kg", serve=PAGE_ROUTES).encode("utf-8")
        # What the page leaves out, for /views/details: by node id, and by edge (its index in the page's edges).
        full = page_data(view)
        titles = [title for _, title in full["sources"]]
        self.node_details = {n["id"]: n["details"] for n in full["nodes"]}
        self.edge_details = [{"details": e.get("details", []), "sources": [titles[i] for i in e["sources"]]}
                             for e in full["edges"]]
        self.answers: OrderedDict[tuple, bytes] = OrderedDict()


#: Answers kept per generation (neighbourhoods and periods asked again come at once).
ANSWERS = 64


class Views:
    """The views of the generation being served, prepared in a background thread on the first request.

    ``path_of`` gives the store being served (a path, or a function called on each request, such as the live
    pool's current path): when it names another store, that generation's views are prepared in the background
    while the previous ones go on answering, then they take over, so that a request never waits for them twice
    and always gets one generation's answer.
    """

    def __init__(self, path_of: str | Callable[[], str]):
        self._path_of = path_of if callable(path_of) else (lambda: path_of)
        self.current: Prepared | None = None
        self.done = threading.Event()  # set once the first views are prepared (or failed)
        self.error: str | None = None
        self.seconds: float | None = None
        self._preparing: str | None = None
        self._failed: str | None = None  # a store whose views could not be prepared (not tried again)
        self._lock = threading.Lock()

    @property
    def path(self) -> str:
        return self._path_of()

    def start(self) -> None:
        """Prepare the views of the store being served, unless they are there or on the way (a server whose
        users never open ``/views`` never pays for them)."""
        path = self._path_of()
        with self._lock:
            if self._preparing is not None or self._failed == path or \
                    (self.current is not None and self.current.path == path):
                return
            self._preparing = path
        threading.Thread(target=self._prepare, args=(path,), name="kg-views", daemon=True).start()

    def _prepare(self, path: str) -> None:
        t0 = time.perf_counter()
        try:
            ready, error = Prepared(path), None
        except Exception as e:  # reported on every request rather than lost in a thread
            ready, error = None, f"the views could not be prepared: {type(e).__name__}: {e}"
        # The mirror is millions of objects that live as long as the generation: leave them out of the
        # collector's full passes, which would otherwise stall a request for about a second now and then.
        gc.freeze()
        with self._lock:
            self._preparing = None
            self.seconds = time.perf_counter() - t0
            if ready is not None:
                self.current, self.error, self._failed = ready, None, None
            elif self.current is None:
                self.error, self._failed = error, path
            else:  # a newer build that cannot be shown: keep showing the one before
                self._failed = path
                print(f"kg serve: warning: {error}", file=sys.stderr, flush=True)
        self.done.set()

    def wait(self, timeout: float) -> bool:
        self.start()
        return self.done.wait(timeout)

    def _ready(self) -> Prepared:
        if not self.wait(30):
            raise HTTPError(503, "the views are still being prepared; try again in a few seconds",
                            [("Retry-After", "5")])
        with self._lock:
            current, error = self.current, self.error
        if current is None:
            raise HTTPError(500, error or "the views could not be prepared")
        return current

    def _answer(self, views: Prepared, key: tuple, make: Callable[[], Any]) -> Response:
        with self._lock:
            body = views.answers.get(key)
            if body is not None:
                views.answers.move_to_end(key)
        if body is None:
            from kg.viz.page import page_data

            body = _dump(page_data(make()))
            with self._lock:
                views.answers[key] = body
                while len(views.answers) > ANSWERS:
                    views.answers.popitem(last=False)
        return 200, [("Content-Type", _JSON)], body

    # -- routes ---------------------------------------------------------------------------------------------
    def overview_page(self, params: dict[str, list[str]]) -> Response:
        return 200, [("Content-Type", "text/html; charset=utf-8")], self._ready().page

    def neighbourhood(self, params: dict[str, list[str]]) -> Response:
        from kg.serve import protocol
        from kg.viz.overview import neighbourhood

        views = self._ready()
        focus = protocol.single(params, "focus")
        if not focus:
            raise HTTPError(400, "focus is required: an id, label or alias")
        depth = protocol.integer(params, "depth", 1, 0, 3)
        types = protocol.single(params, "types")
        try:
            return self._answer(views, ("neighbourhood", focus, depth, types),
                                lambda: neighbourhood(views.G, focus, depth, graph=views.graph, types=types))
        except KGError as e:
            raise HTTPError(404 if "no entity" in str(e) else 400, str(e)) from None

    def slice(self, params: dict[str, list[str]]) -> Response:
        from kg.serve import protocol
        from kg.viz.overview import period

        views = self._ready()
        start, end = protocol.single(params, "start"), protocol.single(params, "end")
        if not (start or end):
            raise HTTPError(400, "give start, end or both (2025-02-07, 2025-02 or 2025)")
        types = protocol.single(params, "types")
        try:
            return self._answer(views, ("slice", start, end, types),
                                lambda: period(views.G, start, end, types=types, index=views.index))
        except QueryError as e:
            raise HTTPError(400, str(e)) from None

    def details(self, params: dict[str, list[str]]) -> Response:
        from kg.serve import protocol

        views = self._ready()
        node, edge = protocol.single(params, "node"), protocol.single(params, "edge")
        if node is not None:
            if node not in views.node_details:
                raise HTTPError(404, f"the overview has no entity {node!r}")
            return 200, [("Content-Type", _JSON)], _dump({"details": views.node_details[node]})
        if edge is not None:
            if not (edge.isascii() and edge.isdigit()) or int(edge) >= len(views.edge_details):
                raise HTTPError(404, f"the overview has no relation {edge!r}")
            return 200, [("Content-Type", _JSON)], _dump(views.edge_details[int(edge)])
        raise HTTPError(400, "give node=ID or edge=N (a relation's index in the overview)")

    def ready(self, params: dict[str, list[str]]) -> Response:
        self.start()
        with self._lock:
            current = self.current
            data = {"ready": current is not None and current.path == self._path_of(), "error": self.error,
                    "seconds": self.seconds, "generation": Path(current.path).parent.name if current else None}
        return 200, [("Content-Type", _JSON), ("Cache-Control", "no-store")], _dump(data)


def register(app: Any) -> Views:
    """Add the routes of this module to ``app`` (a ``kg.serve.app.App``) and start preparing the views."""
    views = Views(lambda: app.pool.path)  # the generation being served (kg.serve.live switches it)
    for path, name in ROUTES.items():
        method = getattr(views, name)
        app._routes[path] = (lambda m, params, headers, body, _f=method: _f(params), "GET")
    app.views = views
    return views


def _dump(data: Any) -> bytes:
    return json.dumps(data, ensure_ascii=False, separators=(",", ":")).encode("utf-8")
