"""Build outputs that change as one generation or not at all, whatever happens (a crash, a kill, a full disk).

An output folder holds numbered generations and one symbolic link, ``current``, naming the complete one::

    out/
      current -> gen-000042          switched by one atomic rename: readers see the old or the new generation
      gen-000042/                    graph.trig, graph.ttl, graph.html, store/, manifest.json
      graph.trig -> current/graph.trig   (and graph.ttl, graph.html, store, manifest.json: fixed links)
      .lock                          held while a build writes (two builds never interleave)

A generation is written in a temporary folder (``.gen-*.tmp``), synced, renamed to ``gen-NNNNNN``, and only
then is ``current`` switched. Leftovers of a build that died are removed by the next one; the generation before
the current one is kept for readers that opened it (a server draining its workers), older ones are removed.

>>> import tempfile
>>> out = Path(tempfile.mkdtemp()) / "out"
>>> with new_generation(out, ["graph.ttl"]) as gen:
...     _ = (gen / "graph.ttl").write_text("<urn:a> <urn:b> <urn:c> .\\n")
>>> (out / "graph.ttl").read_text(), os.readlink(out / "current")
('<urn:a> <urn:b> <urn:c> .\\n', 'gen-000001')
"""

from __future__ import annotations

import errno
import os
import re
import shutil
import tempfile
from collections.abc import Iterable, Iterator
from contextlib import contextmanager, suppress
from pathlib import Path

from kg.atomic import fsync_path
from kg.errors import OutputError

CURRENT = "current"
_GEN = re.compile(r"gen-(\d{6})")
_KEEP = 2  # the current generation and the one before


def current(out: str | Path) -> Path | None:
    """The folder of the current generation, or None when the folder holds none."""
    link = Path(out) / CURRENT
    try:
        target = os.readlink(link)
    except OSError:
        return None
    path = Path(out) / target
    return path if path.is_dir() else None


def _generations(out: Path) -> list[tuple[int, Path]]:
    found = []
    for p in out.iterdir():
        m = _GEN.fullmatch(p.name)
        if m and p.is_dir() and not p.is_symlink():
            found.append((int(m.group(1)), p))
    return sorted(found)


@contextmanager
def _lock(out: Path) -> Iterator[None]:
    import fcntl

    fd = os.open(out / ".lock", os.O_RDWR | os.O_CREAT, 0o644)
    try:
        try:
            fcntl.flock(fd, fcntl.LOCK_EX | fcntl.LOCK_NB)
        except OSError as e:
            if e.errno in (errno.EAGAIN, errno.EACCES):
                raise OutputError(f"another build is writing to {out}; wait for it to finish") from None
            raise
        yield
    finally:
        os.close(fd)  # releases the lock


def _sync(path: Path) -> None:
    """Flush every file and folder below ``path`` to disk."""
    for root, dirs, files in os.walk(path):
        for name in [*files, *dirs, "."]:
            fsync_path(os.path.join(root, name))


def _link(target: str, path: Path) -> None:
    """Make ``path`` a symbolic link to ``target``, replacing what is there in one rename."""
    tmp = path.with_name(f".{path.name}.link.tmp")
    with suppress(FileNotFoundError):
        tmp.unlink()
    os.symlink(target, tmp)
    if path.is_dir() and not path.is_symlink():  # a folder where a link belongs (an older layout)
        shutil.rmtree(path)
    os.replace(tmp, path)


@contextmanager
def new_generation(out: str | Path, names: Iterable[str], prune: bool = True) -> Iterator[Path]:
    """Yield a fresh folder to write a generation in; when the block completes, make it the current one.

    ``names``: what ``out/NAME`` should reach in every generation (fixed links through ``current``). If the
    block raises, nothing in ``out`` changes (the temporary folder is removed) and the error propagates
    (``OSError`` becomes ``OutputError``); an output folder this call created is removed again. The
    generations before the previous one are removed after the switch (``prune``), unless ``prune`` is false:
    the caller then calls ``prune`` itself (``kg build`` leaves it to the process that writes its state).
    """
    root = Path(out)
    created = not root.exists()
    try:
        root.mkdir(parents=True, exist_ok=True)
    except OSError as e:
        raise OutputError(f"cannot create the output folder {root}: {e.strerror or e}") from e
    try:
        with _generation(root, names, prune) as tmp:
            yield tmp
    except BaseException:
        if created and sorted(p.name for p in root.iterdir()) == [".lock"]:  # nothing else came meanwhile
            shutil.rmtree(root, ignore_errors=True)
        raise


@contextmanager
def _generation(root: Path, names: Iterable[str], prune_old: bool = True) -> Iterator[Path]:
    with _lock(root):
        _tidy(root)
        gens = _generations(root)
        number = gens[-1][0] + 1 if gens else 1
        try:
            tmp = Path(tempfile.mkdtemp(prefix=".gen-", suffix=".tmp", dir=root))
        except OSError as e:
            raise OutputError(f"cannot write in {root}: {e.strerror or e}") from e
        try:
            yield tmp
            _sync(tmp)
            final = root / f"gen-{number:06d}"
            os.rename(tmp, final)
            _link(final.name, root / CURRENT)
            for name in names:
                link = root / name
                if not (link.is_symlink() and os.readlink(link) == f"{CURRENT}/{name}"):
                    _link(f"{CURRENT}/{name}", link)
            fsync_path(root)
        except BaseException as e:
            shutil.rmtree(tmp, ignore_errors=True)
            if isinstance(e, OSError):
                raise OutputError(f"could not write the outputs in {root}: {e.strerror or e}; "
                                  "the previous outputs are as they were") from e
            raise
        if prune_old:
            _prune(root)


def _tidy(root: Path) -> None:
    for leftover in root.glob(".gen-*.tmp"):  # a build that died while writing
        shutil.rmtree(leftover, ignore_errors=True)


def tidy(out: str | Path) -> None:
    """Remove what builds of ``out`` that died while writing left (their unfinished generations), unless a build
    holds the folder (it removes them itself).

    >>> import tempfile
    >>> with tempfile.TemporaryDirectory() as d:
    ...     Path(d, ".gen-x.tmp").mkdir(); Path(d, "gen-000001").mkdir(); tidy(d)
    ...     sorted(p.name for p in Path(d).iterdir() if "gen-" in p.name)
    ['gen-000001']
    """
    _unless_held(Path(out), _tidy)


def _prune(root: Path) -> None:
    for _, old in _generations(root)[:-_KEEP]:
        shutil.rmtree(old, ignore_errors=True)


def prune(out: str | Path) -> None:
    """Remove the generations of ``out`` before the previous one, unless a build holds the folder (it removes
    them itself).

    >>> import tempfile
    >>> with tempfile.TemporaryDirectory() as d:
    ...     for n in (1, 2, 3): Path(d, f"gen-{n:06d}").mkdir()
    ...     prune(d)
    ...     sorted(p.name for p in Path(d).iterdir() if p.name.startswith("gen-"))
    ['gen-000002', 'gen-000003']
    """
    _unless_held(Path(out), _prune)


def _unless_held(root: Path, work) -> None:
    """``work(root)`` under the folder's lock, unless another build holds it (that build does it itself)."""
    try:
        with _lock(root):
            work(root)
    except OutputError:  # another build is writing
        pass


__all__ = ["CURRENT", "current", "new_generation", "prune", "tidy"]
