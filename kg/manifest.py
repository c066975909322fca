"""What a build was made from: a content hash per input file (the data folder, the ontology, the shapes) and
the project version, written as ``manifest.json`` in every generation, so that commands can tell whether the
built store is up to date without rebuilding.

>>> import tempfile
>>> d = Path(tempfile.mkdtemp()); _ = (d / "entities.yaml").write_text("persons: []\\n")
>>> m = inputs_of(d, [])
>>> list(m["files"]), changed(m, inputs_of(d, []))
(['entities.yaml'], [])
"""

from __future__ import annotations

import hashlib
import json
from pathlib import Path
from time import time_ns

from kg.errors import OutputError

NAME = "manifest.json"


def _digest(path: Path) -> str:
    h = hashlib.sha256()
    with path.open("rb") as f:
        for chunk in iter(lambda: f.read(1 << 20), b""):
            h.update(chunk)
    return h.hexdigest()


#: A file modified less than this before its stat was recorded is read again, whatever its stat says: a
#: file system's clock is coarse, and a write in the same tick as the record would keep the same times.
RACY_NS = 2_000_000_000


def inputs_of(data: str | Path, extra: list[Path], known: dict | None = None, seen: dict | None = None) -> dict:
    """The inputs of a build of ``data`` (every file under it) and of the ``extra`` files (ontology, shapes).

    ``known`` is the ``seen`` of an earlier call: a file whose size, times (modified, changed) and inode are
    still what it recorded keeps the hash it recorded, unread (the way git's index avoids reading a tree),
    unless it was modified within ``RACY_NS`` of that record. ``seen``, when given, is filled for the next
    call.

    >>> import tempfile, os
    >>> d = Path(tempfile.mkdtemp()); f = d / "entities.yaml"; _ = f.write_text("persons: []\\n")
    >>> os.utime(f, ns=(10**18, 10**18))  # long before
    >>> seen = {}; first = inputs_of(d, [], None, seen)
    >>> first == inputs_of(d, [], seen), inputs_of(d, [], seen)["files"] == first["files"]
    (True, True)
    """
    import os
    from stat import S_ISREG

    from kg import __version__

    root = Path(data)
    known_files = (known or {}).get("files", {})
    limit = (known or {}).get("at", 0) - RACY_NS
    at = time_ns()  # before any stat: a file changed after it is read again next time
    files, stats = {}, {}
    if "__pycache__" in root.parts:
        return {"version": __version__, "files": files, "schema": {p.name: _digest(p) for p in extra}}
    for rel, st in _walk(str(root)):  # strings, not Paths: 12 ms for 4,000 files instead of 80
        key = _stat_key(st)
        if not S_ISREG(st.st_mode):
            continue
        old = known_files.get(rel)
        if isinstance(old, list) and len(old) == 2 and old[0] == list(key) and isinstance(old[1], str) \
                and max(key[1], key[2]) < limit:
            files[rel] = old[1]
        else:
            files[rel] = _digest(Path(os.path.join(root, rel)))
        stats[rel] = [list(key), files[rel]]
    if seen is not None:
        seen.clear()
        seen.update({"at": at, "files": stats})
    return {"version": __version__, "files": files, "schema": {p.name: _digest(p) for p in extra}}


def confirm(seen: dict, data: str | Path) -> dict:
    """``seen`` (an ``inputs_of`` record) made good for longer, at the end of a build: a file modified within
    ``RACY_NS`` of the record would be read again by the next build (its stat cannot tell a later write in the
    same tick), which after a fresh copy or clone is every file. Once that time has passed, such a file is read
    again here: if its stat and its hash are still the recorded ones, its record stands, under a record time
    taken now; a file whose stat changed since, or still too recent, loses its record (the next build reads it).

    >>> import tempfile
    >>> d = Path(tempfile.mkdtemp()); _ = (d / "entities.yaml").write_text("persons: []\\n")
    >>> seen = {}; _ = inputs_of(d, [], None, seen)
    >>> confirm(seen, d)["files"]  # written just now: too recent for its record to stand
    {}
    """
    import os

    at = time_ns()  # before any stat, as in inputs_of
    old, new = seen.get("at", 0) - RACY_NS, at - RACY_NS
    files = {}
    for rel, record in seen.get("files", {}).items():
        try:
            key = list(_stat_key(os.stat(os.path.join(data, rel))))
        except OSError:
            continue
        if key != record[0] or max(key[1], key[2]) >= new:
            continue
        if max(key[1], key[2]) >= old and _digest(Path(os.path.join(data, rel))) != record[1]:
            continue
        files[rel] = record
    return {"at": at, "files": files}


def _stat_key(st) -> tuple[int, int, int, int, int]:
    """What a stat must keep for a file's record to stand: size, modified and changed times, inode, device."""
    return (st.st_size, st.st_mtime_ns, st.st_ctime_ns, st.st_ino, st.st_dev)


def _walk(root: str):
    """(the path relative to ``root``, with ``/``; its stat, links followed) of every file below ``root``, in
    the order of ``sorted(Path(root).rglob("*"))``, without ``__pycache__`` folders and ``__init__.py`` files;
    linked folders are not entered, as ``rglob`` does not enter them."""
    import os

    found = []
    for top, dirs, names in os.walk(root):
        dirs[:] = [d for d in dirs if d != "__pycache__"]
        rel = os.path.relpath(top, root)
        prefix = "" if rel == "." else rel.replace(os.sep, "/") + "/"
        for name in names:
            if name != "__init__.py":
                found.append(prefix + name)
    found.sort(key=lambda r: r.split("/"))  # a Path's order: by its parts
    for rel in found:
        try:
            yield rel, os.stat(os.path.join(root, rel))
        except OSError:  # gone meanwhile: not an input
            continue


def changed(old: dict, new: dict) -> list[str]:
    """What differs between two manifests' inputs: file names (added, removed, changed), ``version``."""
    out = [name for name in sorted(set(old.get("files", {})) | set(new["files"]))
           if old.get("files", {}).get(name) != new["files"].get(name)]
    out += [f"ontology/{n}" for n in sorted(new["schema"]) if old.get("schema", {}).get(n) != new["schema"][n]]
    if old.get("version") != new["version"]:
        out.append(f"the kg version ({old.get('version')} -> {new['version']})")
    return out


def read(folder: str | Path) -> dict | None:
    """The manifest of a build output folder (or a generation), None when there is none."""
    path = Path(folder) / NAME
    if not path.is_file():
        return None
    try:
        return json.loads(path.read_text(encoding="utf-8"))
    except (OSError, ValueError) as e:
        raise OutputError(f"cannot read {path}: {e}") from e


def dump(manifest: dict) -> bytes:
    return (json.dumps(manifest, indent=1, sort_keys=True, ensure_ascii=False) + "\n").encode("utf-8")


#: Where a generation keeps the stats of the files it was built from (``inputs_of``'s ``seen``).
STATS = "cache/stats.json"


def read_stats(out: str | Path) -> dict | None:
    """The file stats the current generation of the output folder ``out`` recorded (None when there are none
    or they cannot be read: then every file is hashed)."""
    try:
        stats = json.loads((Path(out) / "current" / STATS).read_text(encoding="utf-8"))
    except (OSError, ValueError):
        return None
    ok = isinstance(stats, dict) and isinstance(stats.get("files"), dict) and type(stats.get("at")) is int
    return stats if ok else None


def dump_stats(stats: dict) -> bytes:
    return json.dumps(stats, separators=(",", ":"), sort_keys=True).encode("utf-8")


__all__ = ["NAME", "STATS", "changed", "confirm", "dump", "dump_stats", "inputs_of", "read", "read_stats"]
