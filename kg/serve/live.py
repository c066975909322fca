"""Serving the latest complete build: one pool of workers per generation, switched without a restart.

``kg build`` writes each build into a new generation folder and then points ``out/current`` at it with one
atomic rename (``out/current -> out/gen-000042``, which holds ``store/``, the exports and ``manifest.json``).
``LivePool`` serves the store of the generation ``current`` names when the server starts, resolved then, and
watches the link: when it names another complete generation, a new pool of workers is started on that store,
the pool requests start from is switched at once, and the old pool is closed once its last request has been
answered. A request is answered by one pool from start to end, so it never mixes two generations, and no
request fails because of a switch.

>>> import tempfile, pyoxigraph
>>> from pathlib import Path
>>> out = Path(tempfile.mkdtemp())
>>> (out / "gen-000001").mkdir()
>>> pyoxigraph.Store(str(out / "gen-000001" / "store")).flush()
>>> (out / "current").symlink_to("gen-000001")
>>> generation_store(out) == str((out / "gen-000001" / "store").resolve())
True
>>> generation_store(out / "gen-000001") is None
True
"""

from __future__ import annotations

import os
import sys
import threading
from collections.abc import Callable
from pathlib import Path
from typing import Any

from kg.errors import KGError, ServerError
from kg.serve.workers import WorkerPool

#: The link, in an output folder, to the generation being served.
CURRENT = "current"


def generation_store(folder: str | os.PathLike[str]) -> str | None:
    """The store of the generation ``folder/current`` names, resolved now; None when ``folder`` has no
    ``current`` link or it does not lead to a complete store."""
    link = Path(folder) / CURRENT
    if not link.exists():
        return None
    store = link.resolve() / "store"
    return str(store) if (store / "CURRENT").is_file() else None


class LivePool:
    """The workers of the generation being served: ``run``, ``status``, ``stats``, ``close`` as a pool has.

    ``make_pool(path)`` starts a pool on a store; ``folder`` is the output folder to watch (None: serve
    ``path`` for good), checked every ``interval`` seconds.
    """

    def __init__(self, make_pool: Callable[[str], WorkerPool], path: str, folder: str | os.PathLike[str] | None = None,
                 interval: float = 1.0):
        self._make = make_pool
        self._lock = threading.Lock()
        self._closed = threading.Event()
        self.path = path
        self.switches = 0
        self._pool = make_pool(path)
        self._busy: dict[WorkerPool, int] = {self._pool: 0}
        self._retired: set[WorkerPool] = set()
        try:
            self.stats: dict[str, Any] = self._pool.run("stats")
        except BaseException:
            self._pool.close()
            raise
        self.folder = Path(folder) if folder is not None else None
        self._watcher: threading.Thread | None = None
        if self.folder is not None:
            self._watcher = threading.Thread(target=self._watch, args=(interval,), name="kg-serve-watch", daemon=True)
            self._watcher.start()

    @property
    def size(self) -> int:
        return self._pool.size

    @property
    def current(self) -> WorkerPool:
        """The pool new requests go to."""
        return self._pool

    def run(self, task: str, /, **kwargs: Any) -> Any:
        """Give a task to the current generation's pool; a switch meanwhile does not touch this request."""
        with self._lock:
            if self._closed.is_set():
                raise ServerError("the server is shutting down")
            pool = self._pool
            self._busy[pool] += 1
        try:
            return pool.run(task, **kwargs)
        finally:
            self._release(pool)

    def _release(self, pool: WorkerPool) -> None:
        with self._lock:
            self._busy[pool] -= 1
            done = pool in self._retired and self._busy[pool] == 0
            if done:
                self._retired.discard(pool)
                del self._busy[pool]
        if done:
            pool.close()

    def check(self) -> bool:
        """Switch to the generation ``current`` names now, if it is another complete one; True if it switched."""
        if self.folder is None:
            return False
        path = generation_store(self.folder)
        if path is None or path == self.path:
            return False
        new = self._make(path)
        try:
            stats = new.run("stats")
        except BaseException:
            new.close()
            raise
        with self._lock:
            if self._closed.is_set():
                old = new
            else:
                old, self._pool, self.path, self.stats = self._pool, new, path, stats
                self._busy[new] = 0
                self.switches += 1
            idle = self._busy.get(old, 0) == 0
            if idle:
                self._busy.pop(old, None)
            else:
                self._retired.add(old)
        if idle:
            old.close()
        return old is not new

    def _watch(self, interval: float) -> None:
        while not self._closed.wait(interval):
            try:
                self.check()
            except KGError as e:
                print(f"kg serve: warning: cannot switch to the new build: {e}", file=sys.stderr, flush=True)

    def status(self) -> dict[str, Any]:
        with self._lock:
            pool = self._pool
        return {**pool.status(), "generation": Path(self.path).parent.name, "switches": self.switches}

    def close(self) -> None:
        with self._lock:
            self._closed.set()
            pools = [self._pool, *self._retired]
            self._retired.clear()
        if self._watcher is not None and self._watcher is not threading.current_thread():
            self._watcher.join(10)
        for pool in pools:
            pool.close()


__all__ = ["CURRENT", "LivePool", "generation_store"]
