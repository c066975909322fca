"""What a query worker does: the tasks, run in a worker process over the store opened read-only.

Each task takes the ``KnowledgeGraph`` of the worker and keyword arguments (plain values, since they cross a
pipe) and returns plain values; a ``KGError`` it raises goes back to the server by name and message.
``kg.serve.workers`` starts the processes (``worker_main``) and hands them tasks.

>>> import kg
>>> g = kg.build("data", shacl=False)
>>> task_sparql(g, text="SELECT ?c { ?c dkg:locatedIn id:iran }", row_format="csv")["body"]
b'c\\r\\nhttps://w3id.org/diplomatic-kg/id/tehran\\r\\n'
>>> try:
...     task_sparql(g, text="SELECT * { ?s ?p ?o }", row_format="json", max_rows=10)
... except TooManyRows as e:
...     print(str(e)[:46])
the result has more than 10 rows (the server's
"""

from __future__ import annotations

import os
import pickle
import signal
import sys
import traceback
from collections.abc import Callable
from contextlib import suppress
from typing import Any

from kg.errors import KGError, QueryError
from kg.serve.workers import TooManyRows


def _too_large(max_bytes: int) -> TooManyRows:
    return TooManyRows(f"the result is larger than {max_bytes:,} bytes (the server's max_response_bytes); "
                       "ask for less (fewer or shorter values)")


def _cap(result: Any, max_rows: int, max_bytes: int = 0) -> None:
    """Refuse a result with too many rows, or whose terms alone pass ``max_bytes`` (0: no limit), before
    it is written out: the rows are counted as they come, so a huge result is never held whole."""
    if result.form == "ASK":
        return
    size = 0
    for n, item in enumerate(result, 1):
        if n > max_rows:
            what = "rows" if result.form == "SELECT" else "triples"
            raise TooManyRows(f"the result has more than {max_rows} {what} (the server's max_rows); "
                              "add LIMIT to the query, or ask for less")
        if max_bytes:
            size += sum(len(str(t)) for t in item if t is not None) if result.form == "SELECT" else len(str(item))
            if size > max_bytes:
                raise _too_large(max_bytes)


def _body(result: Any, fmt: str, max_bytes: int) -> bytes:
    body = write_result(result, fmt)
    if max_bytes and len(body) > max_bytes:
        raise _too_large(max_bytes)
    return body


def write_result(result: Any, fmt: str) -> bytes:
    """A result in one of the formats the server offers (results and graph formats of ``kg.formats``)."""
    from kg.formats.results import format_result

    return format_result(result, fmt).encode("utf-8")


def _json_value(value: Any) -> Any:
    if value is None or isinstance(value, (bool, int, float, str)):
        return value
    if isinstance(value, tuple):
        return [_json_value(v) for v in value]
    if hasattr(value, "isoformat"):
        return value.isoformat()
    if type(value).__name__ == "Decimal":
        return int(value) if value == value.to_integral_value() else float(value)
    return str(value)


def task_sparql(graph: Any, *, text: str, row_format: str | None = None, graph_format: str | None = None,
                graphs: str = "merged", max_rows: int = 10000, max_bytes: int = 0,
                allow_service: bool = False) -> dict[str, Any]:
    """Run a query; ``format`` is None (and nothing evaluated) when no acceptable format fits its form.

    ``allow_service`` lets the query through the scanner: the server never sets it; the tests do, to show
    that the worker itself cannot reach the network.
    """
    from kg.query.sparql import run

    result = run(graph, text, graphs=graphs, allow_service=allow_service)
    fmt = row_format if result.form in ("SELECT", "ASK") else graph_format
    if fmt is None:
        return {"form": result.form, "format": None, "body": b""}
    _cap(result, max_rows, max_bytes)
    return {"form": result.form, "format": fmt, "body": _body(result, fmt, max_bytes)}


def task_named(graph: Any, *, name: str, params: dict[str, str], max_rows: int = 10000, max_bytes: int = 0,
               fmt: str | None = None) -> dict[str, Any]:
    """Answer a named question: plain JSON-ready values, or the body in ``fmt``. A name matched as ``kg search``
    matches it but not spelled as the entity's id, label or alias is said in ``notes`` (as ``kg query`` says it
    on stderr)."""
    from kg.query.catalog import run_named

    notes: list[str] = []
    try:
        result = run_named(graph, name, params, notes=notes)
    except ValueError as e:  # a value the engine refuses as a term (an IRI with a space, say): the client's
        raise QueryError(f"a parameter of {name} is not a valid value: {e}") from None
    _cap(result, max_rows, max_bytes)
    out: dict[str, Any] = {"name": name, "form": result.form, **({"notes": notes} if notes else {})}
    if fmt is not None:
        return {**out, "format": fmt, "body": _body(result, fmt, max_bytes)}
    if result.form == "ASK":
        return {**out, "boolean": result.boolean}
    if result.form == "SELECT":
        rows = [{k: _json_value(v) for k, v in row.items()} for row in result.to_python()]
        return {**out, "variables": result.variables, "rows": rows}
    spo = ("subject", "predicate", "object")
    return {**out, "variables": list(spo),
            "rows": [dict(zip(spo, _json_value(t), strict=True)) for t in result.to_python()]}


def task_entities(graph: Any, *, q: str, kind: str = "entity", limit: int = 10) -> list[dict[str, Any]]:
    """Entities whose names match ``q`` (for autocompletion)."""
    from kg.query.resolve import search

    return [{"id": m.id, "iri": m.iri, "type": m.type, "label": m.label, "aliases": list(m.aliases)}
            for m in search(graph, q, kind, limit)]


def task_page(graph: Any, **options: Any) -> bytes:
    """The visualizer's page."""
    from kg.viz import page

    try:
        return page(graph, **options).encode("utf-8")
    except ValueError as e:
        raise QueryError(f"an option of the visualizer is not a valid value: {e}") from None


def task_stats(graph: Any) -> dict[str, Any]:
    """How many quads the store holds, in all and per named graph."""
    rows = graph.store.query("SELECT ?g (COUNT(*) AS ?n) { GRAPH ?g { ?s ?p ?o } } GROUP BY ?g ORDER BY ?g")
    return {"quads": len(graph.store), "graphs": {r["g"].value: int(r["n"].value) for r in rows}}


#: What a worker can be asked to do, by name.
TASKS: dict[str, Callable[..., Any]] = {"sparql": task_sparql, "named": task_named, "entities": task_entities,
                                        "page": task_page, "stats": task_stats}


def _error_reply(e: BaseException) -> tuple:
    attrs = {}
    for key, value in vars(e).items():
        with suppress(Exception):
            pickle.dumps(value)
            attrs[key] = value
    return ("error", type(e).__name__, str(e), attrs)


def _main(conn: Any, path: str) -> None:  # pragma: no cover - runs in the worker process
    try:
        from pyoxigraph import Store

        from kg.graph import KnowledgeGraph

        graph = KnowledgeGraph(Store.read_only(path))
    except Exception as e:
        conn.send(("error", "ServerError", f"a query worker cannot open the store at {path}: {e}", {}))
        return
    conn.send(("ready", os.getpid()))
    while True:
        try:
            kind, kwargs = conn.recv()
        except (EOFError, OSError):
            return
        try:
            reply: tuple = ("ok", TASKS[kind](graph, **kwargs))
        except KGError as e:
            reply = _error_reply(e)
        except MemoryError:
            reply = ("error", "TooManyRows", "the query needs more memory than a worker may use (the server's "
                     "worker_memory)", {})
        except Exception as e:
            traceback.print_exc()
            reply = ("error", "WorkerFailed", f"internal error in a query worker: {type(e).__name__}: {e}", {})
        try:
            conn.send(reply)
        except (OSError, EOFError):
            return


def worker_main(argv: list[str] | None = None) -> None:  # pragma: no cover - runs in the worker process
    """Entry point of a worker process: ``READ_FD WRITE_FD STORE_PATH MEMORY_MB`` (the pipes to the server, the
    store, the address-space cap). The worker confines itself (``kg.serve.sandbox``) before anything else, then
    answers tasks on a thread with a deep stack."""
    import threading
    from multiprocessing.connection import Connection

    from kg.serve.sandbox import STACK_BYTES, confine
    from kg.serve.workers import _Duplex

    signal.signal(signal.SIGINT, signal.SIG_IGN)  # Ctrl-C reaches the whole group: the server stops us
    rfd, wfd, path, memory = argv if argv is not None else sys.argv[1:]
    conn = _Duplex(Connection(int(rfd), writable=False), Connection(int(wfd), readable=False))
    try:
        confine(int(memory))
    except KGError as e:
        conn.send(("error", "ServerError", str(e), {}))
        return
    threading.stack_size(STACK_BYTES)
    worker = threading.Thread(target=_main, args=(conn, path), name="kg-serve-worker")
    worker.start()
    worker.join()


__all__ = ["TASKS", "task_entities", "task_named", "task_page", "task_sparql", "task_stats", "worker_main",
           "write_result"]
