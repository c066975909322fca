"""Outputs written atomically: to a temporary file beside the target, synced, then renamed over it.

A failure at any point (the data raising half-way, a full disk, a missing folder) leaves the previous
file as it was and no temporary file behind; the error is an ``OutputError`` naming the path.
"""

from __future__ import annotations

import os
import secrets
from collections.abc import Iterator
from contextlib import contextmanager, suppress
from pathlib import Path
from typing import BinaryIO

from kg.errors import OutputError

__all__ = ["atomic_write", "atomic_writer"]


@contextmanager
def atomic_writer(path: str | os.PathLike[str]) -> Iterator[BinaryIO]:
    """Yield a binary file that replaces ``path`` only if the ``with`` block completes.

    On any error the temporary file is removed, ``path`` keeps its old content and
    :class:`~kg.errors.OutputError` is raised.

    >>> import tempfile
    >>> with tempfile.TemporaryDirectory() as d:
    ...     with atomic_writer(Path(d, "out.nt")) as f:
    ...         _ = f.write(b"chunk 1\\n")
    ...         _ = f.write(b"chunk 2\\n")
    ...     Path(d, "out.nt").read_bytes(), sorted(os.listdir(d))
    (b'chunk 1\\nchunk 2\\n', ['out.nt'])
    """
    path = Path(path)
    tmp = path.with_name(f".{path.name}.{secrets.token_hex(6)}.tmp")
    try:
        # os.open rather than mkstemp: mkstemp creates 0600 files, we want the umask default.
        fd = os.open(tmp, os.O_WRONLY | os.O_CREAT | os.O_EXCL | getattr(os, "O_BINARY", 0), 0o666)
    except OSError as e:
        raise OutputError(f"could not write {path}: {e}") from e
    try:
        with os.fdopen(fd, "wb") as f:
            yield f
            f.flush()
            os.fsync(f.fileno())
        os.replace(tmp, path)
    except BaseException as e:
        with suppress(OSError):
            os.unlink(tmp)
        if isinstance(e, Exception):
            raise OutputError(f"could not write {path}: {e}") from e
        raise
    fsync_path(path.parent)


def atomic_write(path: str | os.PathLike[str], data: bytes | str) -> None:
    """Replace ``path`` with ``data`` (``str`` is encoded as UTF-8) all at once, or not at all.

    >>> import tempfile
    >>> with tempfile.TemporaryDirectory() as d:
    ...     atomic_write(Path(d, "a.ttl"), "<urn:a> <urn:b> <urn:c> .\\n")
    ...     Path(d, "a.ttl").read_text()
    '<urn:a> <urn:b> <urn:c> .\\n'
    """
    if isinstance(data, str):
        data = data.encode("utf-8")
    with atomic_writer(path) as f:
        f.write(data)


def fsync_path(path: str | os.PathLike[str]) -> None:
    """Flush a file or a folder (a rename in it) to disk; best effort, as a folder cannot be opened everywhere
    (e.g. Windows)."""
    with suppress(OSError):
        fd = os.open(path, os.O_RDONLY)
        try:
            os.fsync(fd)
        finally:
            os.close(fd)
