"""Query workers: processes that each open the on-disk store read-only and answer one task at a time.

pyoxigraph has no query timeout and its results are lazy, so a query is bounded by running it where it can be
stopped: every task goes to a worker process, and if no answer comes within the time limit the worker is killed,
a new one is started in the background and the caller gets ``QueryTimeout``. A runaway query holds one worker
for at most the time limit and never stalls the others. The store is written once, at startup, into a folder
(``prepare_store``); the workers only read it.

Errors, added to the tree of ``kg.errors``::

    KGError
    ├── QueryError
    │   ├── QueryTimeout     the query ran longer than the time limit (its worker was killed)
    │   └── TooManyRows      the result has more rows than allowed (nothing is cut short silently)
    └── ServerError          the server cannot answer: the store cannot be opened, or
        ├── ServerBusy       no worker became free in time, or too many requests are waiting
        └── WorkerFailed     a worker died while answering (it was replaced)

>>> import kg, tempfile
>>> with tempfile.TemporaryDirectory() as folder:
...     path = prepare_store(kg.build("data", shacl=False), folder)
...     with WorkerPool(path, workers=1, time_limit=5) as pool:
...         pool.run("sparql", text="ASK { id:baghdad dkg:locatedIn id:iraq }", row_format="json")["body"]
b'{"head": {}, "boolean": true}\\n'
"""

from __future__ import annotations

import os
import queue
import subprocess
import sys
import threading
from contextlib import suppress
from pathlib import Path
from typing import Any

from kg.errors import (  # noqa: F401  (re-exported: the server's errors live in kg.errors)
    KGError,
    QueryError,
    QueryTimeout,
    ServerBusy,
    ServerError,
    TooManyRows,
    UnknownEntityError,
    WorkerFailed,
)


def prepare_store(source: Any, folder: str | os.PathLike[str]) -> str:
    """Put the graph in an on-disk Oxigraph store that workers open read-only; return the store's path.

    ``source``: a ``KnowledgeGraph`` or pyoxigraph ``Store`` (copied into ``folder``); a graph file (``.trig``,
    ``.nq``, ``.ttl``, ``.nt``) or a ``kg build`` output folder (loaded into ``folder``); or the folder of an
    Oxigraph store (served as it is, never written).
    """
    from pyoxigraph import RdfFormat, Store

    target = Path(folder) / "store"
    if isinstance(source, (str, os.PathLike)):
        path = Path(source)
        if path.is_dir() and (path / "CURRENT").is_file():
            return str(path)
        if path.is_dir():
            path = path / "graph.trig"
        if not path.is_file():
            raise ServerError(f"no graph at {path}: run `kg build` first, or give a .trig, .nq, .ttl or .nt file")
        fmt = RdfFormat.from_extension(path.suffix.lstrip("."))
        if fmt is None:
            raise ServerError(f"cannot tell the RDF format of {path} from its extension (.trig, .nq, .ttl, .nt)")
        try:
            store = Store(str(target))
            store.bulk_load(path=str(path), format=fmt)
        except (SyntaxError, OSError, ValueError) as e:
            raise ServerError(f"cannot load {path}: {e}") from e
    else:
        data = getattr(source, "store", source).dump(format=RdfFormat.N_QUADS)
        store = Store(str(target))
        store.bulk_load(data, format=RdfFormat.N_QUADS)
    store.flush()
    del store  # closes the database before any worker opens it
    return str(target)


# -- in the server ------------------------------------------------------------------------------------------


class _Duplex:
    """Two one-way pipe connections used as one: ``send``, ``recv``, ``poll``, ``close``."""

    __slots__ = ("reader", "writer")

    def __init__(self, reader: Any, writer: Any):
        self.reader = reader
        self.writer = writer

    def send(self, obj: Any) -> None:
        self.writer.send(obj)

    def recv(self) -> Any:
        return self.reader.recv()

    def poll(self, timeout: float) -> bool:
        return self.reader.poll(timeout)

    def close(self) -> None:
        self.writer.close()
        self.reader.close()


def _rebuild(name: str, message: str, attrs: dict[str, Any]) -> KGError:
    """The exception a worker raised, re-created here (without running its ``__init__``)."""
    from kg.query.resolve import AmbiguousNameError

    known = {c.__name__: c for c in (QueryError, UnknownEntityError, AmbiguousNameError, QueryTimeout,
                                     TooManyRows, ServerError, ServerBusy, WorkerFailed)}
    cls = known.get(name, KGError)
    err = cls.__new__(cls)
    Exception.__init__(err, message)
    err.__dict__.update(attrs)
    return err


class _Worker:
    """A worker process and the pipes to it.

    A plain subprocess running ``worker_main``, not ``multiprocessing``: its spawn mode re-imports the
    caller's ``__main__``, which fails in scripts without an ``if __name__ == "__main__"`` guard, and fork
    is unsafe in a server with threads.
    """

    __slots__ = ("conn", "process")

    def __init__(self, path: str, memory_mb: int = 0):
        from multiprocessing.connection import Connection

        from_parent, to_child = os.pipe()
        from_child, to_parent = os.pipe()
        env = dict(os.environ)
        # The worker must import this very kg package, even from a checkout that is not installed.
        root = str(Path(__file__).resolve().parent.parent.parent)
        env["PYTHONPATH"] = os.pathsep.join(p for p in (root, env.get("PYTHONPATH")) if p)
        try:
            self.process = subprocess.Popen(
                [sys.executable, "-c", "from kg.serve.tasks import worker_main; worker_main()",
                 str(from_parent), str(to_parent), path, str(memory_mb)],
                pass_fds=(from_parent, to_parent), stdin=subprocess.DEVNULL, env=env)
        except OSError:
            for fd in (to_child, from_parent, from_child, to_parent):
                os.close(fd)
            raise
        os.close(from_parent)
        os.close(to_parent)
        self.conn = _Duplex(Connection(from_child, writable=False), Connection(to_child, readable=False))

    def alive(self) -> bool:
        return self.process.poll() is None


class WorkerPool:
    """A fixed number of worker processes over one read-only store; ``run`` gives a task to a free one.

    ``time_limit`` bounds each task, ``wait_limit`` (default: the time limit) the wait for a free worker,
    and ``max_pending`` the requests waiting for or holding a worker at once.
    """

    def __init__(self, path: str, *, workers: int = 2, time_limit: float = 10.0, wait_limit: float | None = None,
                 max_pending: int = 64, start_timeout: float = 60.0, memory_mb: int = 0):
        self.path = str(path)
        self.memory_mb = memory_mb
        self.size = workers
        self.time_limit = time_limit
        self.wait_limit = time_limit if wait_limit is None else wait_limit
        self.max_pending = max_pending
        self.start_timeout = start_timeout
        self.restarts = 0
        self._idle: queue.Queue[_Worker] = queue.Queue()
        self._live: set[_Worker] = set()
        self._lock = threading.Lock()
        self._slots = threading.BoundedSemaphore(max_pending)
        self._threads: list[threading.Thread] = []
        self._closed = False
        try:
            for w in [self._start() for _ in range(workers)]:
                self._await_ready(w)
        except BaseException:
            self.close()
            raise

    def __enter__(self) -> WorkerPool:
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()

    def _start(self) -> _Worker:
        with self._lock:
            if self._closed:
                raise ServerError("the server is shutting down")
            try:
                w = _Worker(self.path, self.memory_mb)
            except OSError as e:
                raise ServerError(f"cannot start a query worker: {e}") from e
            self._live.add(w)
        return w

    def _await_ready(self, w: _Worker) -> None:
        try:
            if not w.conn.poll(self.start_timeout):
                raise ServerError(f"a query worker did not start within {self.start_timeout:g} s")
            reply = w.conn.recv()
        except (EOFError, OSError):
            reply = ("error", "ServerError", "a query worker stopped while starting", {})
        except ServerError:
            self._kill(w)
            raise
        if reply[0] != "ready":
            self._kill(w)
            raise _rebuild(*reply[1:])
        self._idle.put(w)

    def _kill(self, w: _Worker) -> None:
        with self._lock:
            self._live.discard(w)
        with suppress(OSError):
            w.process.kill()
        w.process.wait()
        w.conn.close()

    def _replace(self, w: _Worker) -> None:
        self._kill(w)
        with self._lock:
            self.restarts += 1
            if self._closed:
                return
            t = threading.Thread(target=self._respawn, name="kg-serve-respawn", daemon=True)
            self._threads = [x for x in self._threads if x.is_alive()] + [t]
        t.start()

    def _respawn(self) -> None:
        try:
            self._await_ready(self._start())
        except KGError as e:
            if not self._closed:
                print(f"kg serve: warning: could not replace a query worker: {e}", file=sys.stderr)

    def run(self, task: str, /, **kwargs: Any) -> Any:
        """Give a task (a key of ``TASKS``) to a free worker and return its answer, or raise what it raised."""
        if self._closed:
            raise ServerError("the server is shutting down")
        if not self._slots.acquire(blocking=False):
            raise ServerBusy(f"more than {self.max_pending} requests are waiting; try again shortly")
        try:
            try:
                w = self._idle.get(timeout=self.wait_limit)
            except queue.Empty:
                raise ServerBusy(f"no query worker became free within {self.wait_limit:g} s; "
                                 "try again shortly") from None
            return self._ask(w, task, kwargs)
        finally:
            self._slots.release()

    def _ask(self, w: _Worker, task: str, kwargs: dict[str, Any]) -> Any:
        healthy = False
        try:
            try:
                w.conn.send((task, kwargs))
                if not w.conn.poll(self.time_limit):
                    raise QueryTimeout(f"the query exceeded the {self.time_limit:g} s time limit and was stopped; "
                                       "make it more selective, or add LIMIT")
                reply = w.conn.recv()
            except (EOFError, OSError):
                limit = f" (it may have gone past its memory limit of {self.memory_mb} MB)" if self.memory_mb else ""
                raise WorkerFailed(f"a query worker stopped while answering{limit}; it was replaced") from None
            healthy = True
        finally:
            if healthy:
                self._idle.put(w)
            else:
                self._replace(w)
        if reply[0] == "ok":
            return reply[1]
        raise _rebuild(*reply[1:])

    def status(self) -> dict[str, Any]:
        """Workers configured, alive, idle, and how many were replaced."""
        with self._lock:
            alive = sum(1 for w in self._live if w.alive())
        return {"workers": self.size, "alive": alive, "idle": self._idle.qsize(), "restarts": self.restarts}

    def close(self) -> None:
        """Stop every worker (idle ones first get the chance to exit on their own)."""
        with self._lock:
            if self._closed:
                return
            self._closed = True
            workers = list(self._live)
            threads = list(self._threads)
        for w in workers:
            with suppress(OSError):
                w.conn.close()
        for w in workers:
            with suppress(subprocess.TimeoutExpired):
                w.process.wait(1)
            self._kill(w)
        for t in threads:
            t.join(self.start_timeout)


__all__ = ["QueryTimeout", "ServerBusy", "ServerError", "TooManyRows", "WorkerFailed", "WorkerPool", "prepare_store"]
