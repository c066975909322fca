"""Profiles an analyst reads: the dossier of an actor or a country, the history of a relation, a source report.

::

    import kg, kg.profile
    g = kg.load("out")
    d = kg.profile.dossier(g, "Al-Sudani")        # or "Iraq", "Iran,Iraq", a source id
    kg.profile.write(d, "al-sudani.html")          # one offline HTML page
    kg.profile.write(d, "al-sudani.md")            # Markdown, its plots as SVG files beside it
    kg.profile.page(d), kg.profile.markdown(d)     # as text

The data is read by SPARQL through ``kg.query.run`` (``kg.profile.facts``); ``kg.profile.dossier`` gathers it
per kind, ``kg.profile.source`` writes the source report, ``kg.profile.render`` lays it out as sections,
``kg.profile.plots`` draws the SVG plots and ``kg.profile.page`` the HTML page.

>>> import kg, tempfile
>>> from pathlib import Path
>>> g = kg.build("data", shacl=False)
>>> with tempfile.TemporaryDirectory() as folder:
...     written = write(dossier(g, "Iran,Iraq"), Path(folder) / "iran-iraq.md")
...     sorted(p.name for p in written)
['iran-iraq-events.svg', 'iran-iraq-months.svg', 'iran-iraq.md']
"""

from __future__ import annotations

from pathlib import Path

from kg.errors import OutputError
from kg.profile.dossier import Dossier, dossier
from kg.profile.page import page
from kg.profile.render import markdown, sections

FORMATS = ("html", "md")


def write(d: Dossier, path: str | Path, fmt: str | None = None) -> list[Path]:
    """Write a dossier to ``path`` as HTML or Markdown (``fmt``, else from the suffix: ``.md`` is Markdown),
    atomically; Markdown's plots go beside it as ``<stem>-<plot>.svg``. Returns the files written."""
    from kg.atomic import atomic_write

    out = Path(path)
    fmt = fmt or ("md" if out.suffix.lower() in (".md", ".markdown") else "html")
    if fmt not in FORMATS:
        raise OutputError(f"unknown profile format {fmt!r}: use html or md")
    try:
        out.parent.mkdir(parents=True, exist_ok=True)
    except OSError as e:
        raise OutputError(f"cannot create the folder {out.parent}: {e.strerror}") from e
    if fmt == "html":
        atomic_write(out, page(d))
        return [out]
    text, svgs = markdown(d, {k: f"{out.stem}-{k}.svg" for k in ("posts", "events", "months")})
    written = []
    for name, svg in svgs.items():
        atomic_write(out.parent / name, svg + "\n")
        written.append(out.parent / name)
    atomic_write(out, text)
    return [*written, out]


__all__ = ["FORMATS", "Dossier", "dossier", "markdown", "page", "sections", "write"]
