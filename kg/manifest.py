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

from kg.errors import OutputError

NAME = "manifest.json"


def _digest(path: Path) -> str:
    h = hashlib.sha256()
    with path.open("rb") as f:
        for chunk in iter(lambda: f.read(1 << 20), b""):
            h.update(chunk)
    return h.hexdigest()


def inputs_of(data: str | Path, extra: list[Path]) -> dict:
    """The inputs of a build of ``data`` (every file under it) and of the ``extra`` files (ontology, shapes)."""
    from kg import __version__

    root = Path(data)
    files = {p.relative_to(root).as_posix(): _digest(p) for p in sorted(root.rglob("*"))
             if p.is_file() and "__pycache__" not in p.parts and p.name != "__init__.py"}
    return {"version": __version__, "files": files, "schema": {p.name: _digest(p) for p in extra}}


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


__all__ = ["NAME", "changed", "dump", "inputs_of", "read"]
