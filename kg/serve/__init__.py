"""``kg serve``: the graph over HTTP, read-only and bounded.

A SPARQL 1.1 Protocol endpoint at ``/sparql`` (SELECT, ASK, CONSTRUCT, DESCRIBE; JSON, XML, CSV, TSV, Turtle,
N-Triples, JSON-LD, RDF/XML by content negotiation; a service description), the named questions as plain URLs
(``/queries/NAME?param=value``), entity lookup (``/entities?q=``), a query page (``/query``), the visualizer
(``/``) and ``/health``. Queries run in worker processes over a read-only copy of the store, each stopped at the
time limit; SPARQL Update and SERVICE are refused.

The layers, each usable alone::

    settings.py   SETTINGS: every setting, declared once (help, docs and checks come from it)
    workers.py    WorkerPool: worker processes over the read-only store, killed and replaced at the time limit
    tasks.py      what a worker does: run a query, answer a named question, search entities, make the page
    protocol.py   the SPARQL protocol: reading requests, refusing updates, content negotiation, description
    app.py        App.handle(method, path, query, headers, body) -> (status, headers, body): no sockets
    httpd.py      a thin ThreadingHTTPServer around the app; serve() runs it until interrupted
    page.py       the query page (one offline HTML file)

>>> import kg
>>> from kg.serve import App, Settings
>>> with App.open(kg.build("data", shacl=False), Settings(workers=1)) as app:
...     app.handle("GET", "/health")[0]
200
"""

from __future__ import annotations

from kg.serve.app import App
from kg.serve.httpd import make_server, serve
from kg.serve.settings import SETTINGS, Settings
from kg.serve.workers import QueryTimeout, ServerBusy, ServerError, TooManyRows, WorkerFailed

__all__ = ["SETTINGS", "App", "QueryTimeout", "ServerBusy", "ServerError", "Settings", "TooManyRows",
           "WorkerFailed", "make_server", "serve"]
