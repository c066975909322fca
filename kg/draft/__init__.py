"""``kg draft``: propose the facts of a new article, with their evidence, for an analyst to review.

Nothing is added to the registry or to the graph: the draft is a facts file in the project's own format
(``facts/<id>.yaml``, its text copied to ``sources/<id>.txt``) and a list of proposed registry entries
(``drafts/<id>.entities.yaml``). A person reviews both; ``kg validate`` then checks the result like any
other facts file. Rules only, over the registry's names and titles, a sentence splitter and a tokenizer
(see ``benchmarks/bench_draft.py`` for how far they go).

>>> import pathlib, tempfile, shutil, datetime
>>> data = pathlib.Path(tempfile.mkdtemp()) / "data"
>>> _ = shutil.copytree("data", data)
>>> art = data.parent / "a.txt"
>>> _ = art.write_text("KALVORA – Ostrelian Foreign Minister Lena Varosh met President Abdul Latif Rashid "
...                    "in Baghdad on Tuesday.", encoding="utf-8")
>>> d = draft(art, datetime.date(2025, 3, 6), data=data, title="Varosh in Baghdad")
>>> [(p.label, p.aliases) for p in d.persons]
[('Lena Varosh', ['Varosh'])]
>>> [(e.type, e.participants, e.date.on) for e in d.events]
[('meeting', ['lena-varosh', 'abdul-latif-rashid'], 'on Tuesday')]
>>> sorted(p.name for p in write(d, data))
['varosh-in-baghdad-2025-03-06.entities.yaml', 'varosh-in-baghdad-2025-03-06.txt', 'varosh-in-baghdad-2025-03-06.yaml']
"""

from __future__ import annotations

import shutil
import tempfile
from datetime import date
from pathlib import Path

from kg.draft.model import Draft
from kg.errors import FactsError, OutputError, Problem

__all__ = ["Draft", "draft", "read_article", "write"]


def read_article(path: str | Path) -> tuple[str | None, str]:
    """(title or None, plain text) of an article: plain text as it is, HTML reduced to its article text."""
    from kg.draft.text import html_to_text, looks_like_html

    p = Path(path)
    try:
        raw = p.read_text(encoding="utf-8")
    except FileNotFoundError:
        raise FactsError([Problem(str(p), 0, "(article)", "an article file (plain text or HTML)")]) from None
    except (UnicodeDecodeError, IsADirectoryError, PermissionError) as e:
        raise FactsError([Problem(str(p), 0, "(article)", "a readable UTF-8 text or HTML file",
                                  type(e).__name__)]) from None
    if looks_like_html(raw):
        return html_to_text(raw)
    return None, raw


def _known(data: Path, skip: str | None):
    """The registry and the events already curated (those of other sources), read from ``data``."""
    from kg.facts.load import load_facts

    try:
        facts = load_facts(data)
        return facts.entities, [e for e in facts.events if e.source != skip]
    except FactsError:
        # Facts that do not validate yet (another draft under review) must not stop drafting: the registry alone.
        with tempfile.TemporaryDirectory() as tmp:
            if not (data / "entities.yaml").is_file():
                raise
            shutil.copy(data / "entities.yaml", Path(tmp) / "entities.yaml")
            return load_facts(tmp).entities, []


def draft(article: str | Path, published: date, *, data: str | Path = "data", title: str | None = None,
          url: str | None = None, ident: str | None = None) -> Draft:
    """Read an article and propose its facts against the registry (and events) of ``data``."""
    from kg.draft.drafter import analyse
    from kg.draft.names import slug

    page_title, text = read_article(article)
    data = Path(data)
    entities, existing = _known(data, ident)
    source: dict = {"published": published.isoformat()}
    if title or page_title:
        source["title"] = title or page_title
    if url:
        source["url"] = url
    d = analyse(text, published, entities, existing, source)
    if not ident:
        words = slug(d.source["title"]).split("-")
        ident = "-".join(words[:6]) + f"-{published.isoformat()}"
    d.source["id"] = ident
    d.source["text"] = f"sources/{ident}.txt"
    return d


def write(d: Draft, data: str | Path = "data", *, force: bool = False) -> list[Path]:
    """Write the draft into ``data``: the facts file, the source text, the proposed registry entries."""
    from kg.atomic import atomic_write
    from kg.draft.writer import entities_yaml, facts_yaml

    data = Path(data)
    ident = d.source["id"]
    facts = data / "facts" / f"{ident}.yaml"
    source = data / d.source["text"]
    ents = data / "drafts" / f"{ident}.entities.yaml"
    if not force:
        for p in (facts, source):
            if p.exists():
                raise OutputError(f"{p} already exists: give another --id, or --force to replace it")
    for p in (facts, source, ents):
        p.parent.mkdir(parents=True, exist_ok=True)
    atomic_write(source, d.text)
    atomic_write(facts, facts_yaml(d, f"drafts/{ident}.entities.yaml"))
    atomic_write(ents, entities_yaml(d, f"facts/{ident}.yaml"))
    return [facts, source, ents]
