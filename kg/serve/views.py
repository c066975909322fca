"""The visualizer at corpus size, served: an overview page, and neighbourhoods or periods on request.

Routes (added to the app by ``register(app)``)::

    GET /views                     the overview page; double-click a node to open its neighbourhood
    GET /views/neighbourhood?focus=NAME&depth=1     the page data (JSON) of a neighbourhood
    GET /views/slice?start=DATE&end=DATE            the page data (JSON) of the events of a period
    GET /views/ready               whether the views are ready (and starts preparing them)

These answers come from one mirror of the graph (``kg.graph.mirror``) held by the server process, built once, with
the overview, in a background thread started by the first request to one of these routes (about 30 s on a
million quads; requests wait for it up to 30 s, then get 503 with Retry-After); each request then reads only the
nodes near what it asks for (``kg.viz.overview``): from milliseconds to a few hundred on a million quads. The
page made by ``/views`` may ask its own server (CSP ``connect-src 'self'``) and nothing else.

>>> import json, kg
>>> from kg.serve import App, Settings
>>> with App.open(kg.build("data", shacl=False), Settings(workers=1)) as app:
...     _ = app.views.wait(60)        # App registers these routes; the first request prepares them
...     status, headers, body = app.handle("GET", "/views/neighbourhood", "focus=Al-Sudani&depth=1")
...     status, sorted(n["label"] for n in json.loads(body)["nodes"])[:2]
(200, ['Government of Iraq', 'Iraq'])
"""

from __future__ import annotations

import json
import threading
import time
from typing import Any

from kg.errors import KGError, QueryError
from kg.serve.protocol import HTTPError

Response = tuple[int, list[tuple[str, str]], bytes]
_JSON = "application/json"
ROUTES = {"/views": "overview_page", "/views/neighbourhood": "neighbourhood", "/views/slice": "slice",
          "/views/ready": "ready"}


class Views:
    """The mirror, its event index and the overview page, made once in a background thread."""

    def __init__(self, path: str):
        self.path = path
        self.done = threading.Event()
        self.error: str | None = None
        self.seconds: float | None = None
        self.G: Any = None
        self.graph: Any = None
        self.index: list = []
        self.page: bytes = b""
        self._started = False
        self._lock = threading.Lock()

    def start(self) -> None:
        """Start preparing, once: on the first request to a route of this module (a server whose users never
        open ``/views`` never pays for it)."""
        with self._lock:
            if not self._started:
                self._started = True
                threading.Thread(target=self._prepare, name="kg-views", daemon=True).start()

    def _prepare(self) -> None:
        t0 = time.perf_counter()
        try:
            from pyoxigraph import Store

            from kg.graph import KnowledgeGraph
            from kg.viz.overview import event_index
            from kg.viz.page import auto_view, render

            self.graph = KnowledgeGraph(Store.read_only(self.path))
            self.G = self.graph.nx
            self.index = event_index(self.G)
            view = auto_view(self.G)
            self.page = render(view, title="diplomatic-kg", serve={"neighbourhood": "/views/neighbourhood",
                                                                   "slice": "/views/slice"}).encode("utf-8")
        except Exception as e:  # reported on every request rather than lost in a thread
            self.error = f"the views could not be prepared: {type(e).__name__}: {e}"
        self.seconds = time.perf_counter() - t0
        self.done.set()

    def wait(self, timeout: float) -> bool:
        self.start()
        return self.done.wait(timeout)

    def _ready(self) -> None:
        if not self.wait(30):
            raise HTTPError(503, "the views are still being prepared; try again in a few seconds",
                            [("Retry-After", "5")])
        if self.error:
            raise HTTPError(500, self.error)

    # -- routes ---------------------------------------------------------------------------------------------
    def overview_page(self, params: dict[str, list[str]]) -> Response:
        self._ready()
        return 200, [("Content-Type", "text/html; charset=utf-8")], self.page

    def neighbourhood(self, params: dict[str, list[str]]) -> Response:
        from kg.serve import protocol
        from kg.viz.overview import neighbourhood
        from kg.viz.page import page_data

        self._ready()
        focus = protocol.single(params, "focus")
        if not focus:
            raise HTTPError(400, "focus is required: an id, label or alias")
        depth = protocol.integer(params, "depth", 1, 0, 3)
        try:
            view = neighbourhood(self.G, focus, depth, graph=self.graph, types=protocol.single(params, "types"))
        except KGError as e:
            raise HTTPError(404 if "no entity" in str(e) else 400, str(e)) from None
        return 200, [("Content-Type", _JSON)], _dump(page_data(view))

    def slice(self, params: dict[str, list[str]]) -> Response:
        from kg.serve import protocol
        from kg.viz.overview import period
        from kg.viz.page import page_data

        self._ready()
        start, end = protocol.single(params, "start"), protocol.single(params, "end")
        if not (start or end):
            raise HTTPError(400, "give start, end or both (2025-02-07, 2025-02 or 2025)")
        try:
            view = period(self.G, start, end, types=protocol.single(params, "types"), index=self.index)
        except QueryError as e:
            raise HTTPError(400, str(e)) from None
        return 200, [("Content-Type", _JSON)], _dump(page_data(view))

    def ready(self, params: dict[str, list[str]]) -> Response:
        self.start()
        data = {"ready": self.done.is_set() and not self.error, "error": self.error, "seconds": self.seconds}
        return 200, [("Content-Type", _JSON), ("Cache-Control", "no-store")], _dump(data)


def register(app: Any) -> Views:
    """Add the routes of this module to ``app`` (a ``kg.serve.app.App``) and start preparing the views."""
    views = Views(app.pool.path)
    for path, name in ROUTES.items():
        method = getattr(views, name)
        app._routes[path] = (lambda m, params, headers, body, _f=method: _f(params), "GET")
    app.views = views
    return views


def _dump(data: Any) -> bytes:
    return json.dumps(data, ensure_ascii=False, separators=(",", ":")).encode("utf-8")
