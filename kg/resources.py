"""Where things are: the files shipped inside the package, and the user's project folder.

The ontology, the SHACL shapes and the built-in named questions are package data (``kg.ontology``, the
repository's ``ontology/`` folder), found where the package was imported from (``importlib.resources`` only
for a package that is not a folder, such as one inside a zip), so an installed wheel works anywhere.
``$KG_ONTOLOGY_DIR`` points elsewhere (a folder holding ``dkg.ttl``, ``shapes.ttl`` and ``queries/``).

A project is a folder holding ``data/`` (``kg init`` makes one); its own named questions go in
``queries/`` beside ``data/`` and are added to the built-in ones.

>>> (ontology_dir() / "dkg.ttl").is_file(), (ontology_dir() / "queries").is_dir()
(True, True)
"""

from __future__ import annotations

import importlib
import os
from pathlib import Path

from kg.errors import OutputError


def _package_dir(name: str) -> Path:
    """The folder of a data package: where it was imported from (cheap: ``kg query`` starts in ~0.1 s and
    ``importlib.resources`` costs 6 ms of it), else what ``importlib.resources`` gives."""
    for where in getattr(importlib.import_module(name), "__path__", ()):
        if Path(where).is_dir():
            return Path(where)
    from importlib.resources import files

    return Path(str(files(name)))


def ontology_dir() -> Path:
    """``$KG_ONTOLOGY_DIR`` if set, else the ontology shipped in the package."""
    env = os.environ.get("KG_ONTOLOGY_DIR")
    return Path(env) if env else _package_dir("kg.ontology")


def ontology_files(folder: str | Path | None = None) -> tuple[Path, Path]:
    """The ontology and shapes files of a folder (default: ``ontology_dir()``); ``OutputError`` if missing."""
    where = Path(folder) if folder is not None else ontology_dir()
    onto, shapes = where / "dkg.ttl", where / "shapes.ttl"
    for f in (onto, shapes):
        if not f.is_file():
            raise OutputError(f"the ontology file {f} is missing (set KG_ONTOLOGY_DIR or give --ontology-dir)")
    return onto, shapes


def builtin_queries_dir() -> Path:
    """The folder of the built-in named questions."""
    return ontology_dir() / "queries"


def example_dir() -> Path:
    """The bundled example (the seed article's data folder), shipped as the package ``kg.example``."""
    return _package_dir("kg.example")


def project_queries_dir(data: str | Path = "data") -> Path:
    """The folder of a project's own named questions: ``queries/`` beside its ``data/`` folder."""
    return Path(data).resolve().parent / "queries"


__all__ = ["builtin_queries_dir", "example_dir", "ontology_dir", "ontology_files", "project_queries_dir"]
