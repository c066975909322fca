"""The state of an incremental build written after ``kg build`` returns, by a detached process.

The state (``cache/state.pickle``) is what the next build starts from, not an output: the generation is complete
and current without it. After an incremental build, ``kg build`` hands its writing (a quarter of a second at 1M
quads) to a forked child and exits: the shell gets its prompt back once the outputs are in place. The child holds
an exclusive lock on ``cache/state.lock`` of that generation until the state is renamed into place; a build that
starts meanwhile waits for the lock (``wait_for_writer``) before it reads the state. A child that fails or is
killed leaves no state, and the next build is a full one, as after any build killed before its state was written.
The same child then removes the generations before the previous one (``Kept.save``, ``kg.generations.prune``).

Only on Linux (``os.fork`` and ``flock``); elsewhere, and when the fork fails, the state is written before
``kg build`` returns, as in the watcher and the library.

>>> import tempfile
>>> with tempfile.TemporaryDirectory() as d:
...     gen = Path(d)
...     wait_for_writer(gen)  # no lock: nothing to wait for
...     if detached(lambda: (gen / "state").write_text("written"), gen / LOCK):
...         wait_for_writer(gen)
...     else:  # no fork here: the caller writes it
...         _ = (gen / "state").write_text("written")
...     (gen / "state").read_text()
'written'
"""

from __future__ import annotations

import os
import sys
import time
from collections.abc import Callable
from pathlib import Path

#: The lock a detached writer holds on the generation it writes the state of (relative to the generation).
LOCK = "cache/state.lock"
#: How long a build waits for a detached writer, at most (seconds); then it goes on without that state.
WAIT = 120.0


def _can_fork() -> bool:
    return sys.platform.startswith("linux") and hasattr(os, "fork")


def detached(write: Callable[[], None], lock: Path) -> bool:
    """Run ``write`` in a detached child process holding an exclusive lock on ``lock`` until it is done;
    True once the child runs, False when it cannot (the caller then writes itself). The child has no
    terminal (a new session, its standard streams on ``/dev/null``), so a caller that reads this process's
    output, or a Ctrl-C in the shell afterwards, does not wait for it or reach it."""
    if not _can_fork():
        return False
    import fcntl
    import warnings

    lock.parent.mkdir(parents=True, exist_ok=True)
    fd = os.open(lock, os.O_CREAT | os.O_RDWR, 0o644)
    try:
        fcntl.flock(fd, fcntl.LOCK_EX)
        sys.stdout.flush()
        sys.stderr.flush()  # nothing buffered is written twice
        with warnings.catch_warnings():  # Python 3.12+ warns of a fork beside threads (the engine's): the
            warnings.simplefilter("ignore", DeprecationWarning)  # child only pickles objects and writes a file
            pid = os.fork()
    except OSError:
        os.close(fd)
        return False
    if pid:
        os.close(fd)  # the child's copy of the descriptor keeps the lock until it exits
        return True
    code = 1
    try:
        os.setsid()
        null = os.open(os.devnull, os.O_RDWR)
        for std in (0, 1, 2):
            os.dup2(null, std)
        write()
        code = 0
    finally:
        os._exit(code)  # never the parent's clean-up, its atexit handlers or its exceptions


def wait_for_writer(gen: Path, limit: float = WAIT) -> None:
    """Return once no detached writer holds the lock of generation ``gen`` (at once when there is none), or
    after ``limit`` seconds."""
    if not _can_fork():
        return
    import fcntl

    try:
        fd = os.open(gen / LOCK, os.O_RDONLY)
    except OSError:
        return
    try:
        deadline = time.monotonic() + limit
        while True:
            try:
                fcntl.flock(fd, fcntl.LOCK_SH | fcntl.LOCK_NB)
                return
            except BlockingIOError:
                if time.monotonic() > deadline:
                    return
                time.sleep(0.005)
    finally:
        os.close(fd)


__all__ = ["LOCK", "WAIT", "detached", "wait_for_writer"]
