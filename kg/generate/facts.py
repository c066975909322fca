"""A whole ``data/`` folder of invented but realistic curated facts: what a user gives ``kg build``.

``generate_facts(folder, articles=N, seed=S)`` writes ``entities.yaml`` (only what the articles mention:
it grows with the corpus), and per article ``facts/<id>.yaml`` and ``sources/<id>.txt``. Articles come
one a day or so, in order; each is written sentence by sentence and every fact quotes its sentences as
evidence (see ``kg.generate.articles``). Events are shared between articles under one id (a follow-up
re-reports a visit, a later article mentions it with its own wording of the date), posts change hands
over time, and every date form of the README's Dates table occurs. The fields of docs/design.md are used
too (event types talks, phone-call, signing; status announced; mentions of a known event by its id alone;
delegations; one-to-one meetings; acting holders; venues; agreements; single-holder roles; retrieval days);
``design=False`` keeps to the fields of the first facts format.

Same seed and size, same bytes (one seeded ``random.Random``, no set iteration); the first N articles of
a bigger corpus are the same N articles. ``quads=N`` picks the number of articles from a measured figure
of quads per article (``QUADS_PER_ARTICLE``; a test checks it against real builds).

>>> import tempfile, pathlib
>>> d = pathlib.Path(tempfile.mkdtemp()) / "data"
>>> stats = generate_facts(d, articles=3, seed=1)
>>> stats["articles"], len(list((d / "facts").glob("*.yaml"))), (d / "entities.yaml").is_file()
(3, 3, True)
"""

from __future__ import annotations

import json
import os
import re
import shutil
from collections import Counter
from datetime import date, timedelta
from pathlib import Path

from kg.errors import OutputError

#: Quads a build writes per generated article (ontology, registry, sources, merged view, inferred graph),
#: by fields (basic, design), fitted on ``kg build`` of generated corpora of 100 and 300 articles
#: (tests/test_generate_facts.py checks it at 60), and a constant.
QUADS_PER_ARTICLE = {False: 480, True: 498}
BASE_QUADS = 500  # what the fit of 100 and 300 articles gives; a corpus of 1 article builds ~900 quads
#: The file that marks a folder as written by this generator (so that writing again may replace it).
MARKER = ".kg-generate"

_ORDER = {
    "source": ("id", "text", "title", "published", "retrieved", "dateline", "publisher", "url", "language"),
    "memberships": ("id", "person", "role", "organization", "state", "acting", "attested", "start", "end",
                    "evidence"),
    "events": ("id", "type", "label", "status", "participants", "location", "destination", "invited_by",
               "part_of", "topics", "one_to_one", "delegations", "agreement", "signatories", "date", "description",
               "evidence"),
    "statements": ("id", "speaker", "claim", "about", "topics", "at", "according_to", "evidence"),
    "registry": ("id", "label", "aliases", "type", "kind", "description", "country", "part_of", "located_in",
                 "broader", "single_holder"),
}
_TEXT = {"title", "label", "claim", "description", "text", "url"}
_PLAIN = re.compile(r"[A-Za-z][A-Za-z0-9 .'-]*[A-Za-z0-9.]|[A-Za-z]")
_RESERVED = {"yes", "no", "true", "false", "on", "off", "null", "y", "n", "~"}


def scalar(value: object, *, flow: bool = False) -> str:
    """A YAML scalar: plain when that reads back as the same value, else a JSON (= YAML) double-quoted string.

    >>> [scalar(v) for v in (date(2025, 2, 6), 2024, True, "on Thursday", "2025-01", "February 6, 2025", "a: b")]
    ['2025-02-06', '2024', 'true', 'on Thursday', '2025-01', 'February 6, 2025', '"a: b"']
    """
    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, (date, int)):
        return value.isoformat() if isinstance(value, date) else str(value)
    s = str(value)
    if re.fullmatch(r"\d{4}-\d{2}", s):
        return s
    if not flow and re.fullmatch(r"[A-Z][a-z]+ \d{1,2}, \d{4}", s):
        return s
    if _PLAIN.fullmatch(s) and s.lower() not in _RESERVED and "  " not in s:
        return s
    return json.dumps(s, ensure_ascii=False)


def _value(key: str, value: object, indent: str) -> list[str]:
    """The lines of ``key: value`` at ``indent``."""
    if key in _TEXT:
        return [f"{indent}{key}: {json.dumps(value, ensure_ascii=False)}"]
    if key == "evidence":
        return [f"{indent}evidence:"] + [f"{indent}  - {json.dumps(s, ensure_ascii=False)}" for s in value]  # type: ignore[union-attr]
    if key == "delegations":
        out = [f"{indent}delegations:"]
        for d in value:  # type: ignore[union-attr]
            inner = ", ".join(f"{k}: [{', '.join(v)}]" if isinstance(v, list) else f"{k}: {scalar(v, flow=True)}"
                              for k, v in d.items())
            out.append(f"{indent}  - {{{inner}}}")
        return out
    if isinstance(value, dict):
        return [f"{indent}{key}:"] + [f"{indent}  {k}: {scalar(v)}" for k, v in value.items()]
    if isinstance(value, list):
        return [f"{indent}{key}: [{', '.join(scalar(v, flow=True) for v in value)}]"]
    return [f"{indent}{key}: {scalar(value)}"]


def record(fields: dict, order: tuple[str, ...], indent: str = "  ") -> list[str]:
    """One list item of a section, its keys in the canonical order (keys starting with _ are left out).

    >>> record({"topics": ["a", "b"], "id": "x", "date": {"on": "Wednesday", "latest": "published"}},
    ...        _ORDER["events"])
    ['  - id: x', '    topics: [a, b]', '    date:', '      on: Wednesday', '      latest: published']
    """
    unknown = [k for k in fields if k not in order and not k.startswith("_")]
    if unknown:
        raise ValueError(f"the generator wrote unknown fields {unknown}")
    lines: list[str] = []
    for k in order:
        if k in fields:
            lines += _value(k, fields[k], indent + "  ")
    lines[0] = indent + "- " + lines[0].lstrip()
    return lines


def facts_yaml(article, seed: int, design: bool) -> str:
    """The facts file of one article."""
    src: dict = {"id": article.sid, "text": f"sources/{article.sid}.txt", "title": article.title,
                 "published": article.pub, "dateline": article.dateline[0],
                 "url": f"https://news.example.org/{article.sid}", "language": "en"}
    if design and article.pub.toordinal() % 5 == 0:
        src["retrieved"] = article.pub + timedelta(days=article.pub.toordinal() % 3)
    lines = [f"# Invented facts, generated by kg generate --facts (seed {seed}): every person, place and event",
             "# is fictional. Each fact quotes its sentences of the source text as evidence.", "", "source:"]
    lines += [line for k in _ORDER["source"] if k in src for line in _value(k, src[k], "  ")]
    for section in ("memberships", "events", "statements"):
        items = getattr(article, section)
        if items:
            lines += ["", f"{section}:"]
            for item in items:
                lines += record(item, _ORDER[section])
    return "\n".join(lines) + "\n"


def registry_yaml(world, seed: int) -> str:
    """``entities.yaml``: the entities the articles mention, by section, in order of first mention."""
    lines = [f"# The registry of an invented corpus, generated by kg generate --facts (seed {seed}).",
             "# Every person, organization, place and agreement here is fictional."]
    sections = world.registry_sections()
    for section in ("persons", "organizations", "places", "roles", "topics", "agreements"):
        if section in sections:
            lines += ["", f"{section}:"]
            for item in sections[section]:
                lines += record(item, _ORDER["registry"])
    return "\n".join(lines) + "\n"


def articles_for(quads: int, design: bool = True) -> int:
    """How many articles make a build of about ``quads`` quads.

    >>> articles_for(1_000_000) > articles_for(100_000) >= 1
    True
    """
    return max(1, round((quads - BASE_QUADS) / QUADS_PER_ARTICLE[design]))


def generate_facts(folder: str | Path, articles: int | None = None, *, quads: int | None = None, seed: int = 0,
                   design: bool = True, start: date = date(2021, 1, 4)) -> dict:
    """Write a data folder of ``articles`` generated articles (or about ``quads`` quads once built).

    The folder is replaced as a whole, and only if it is empty, absent, or was written by this function;
    anything else is refused with ``OutputError``. Returns figures of what was written.
    """
    import random

    from kg.generate.articles import Corpus
    from kg.generate.when import Dates
    from kg.generate.world import World

    if (articles is None) == (quads is None):
        raise OutputError("give either a number of articles or a number of quads")
    n = articles if articles is not None else articles_for(quads, design)  # type: ignore[arg-type]
    if n < 1:
        raise OutputError(f"the number of articles must be positive, got {n}")
    target = Path(folder)
    if target.exists() and (not target.is_dir() or (any(target.iterdir()) and not (target / MARKER).is_file())):
        raise OutputError(f"{target} exists and was not written by kg generate: give a new or empty folder")
    rng = random.Random(seed)
    world = World(rng, design=design, epoch=start)
    corpus = Corpus(world, Dates(rng))
    tmp = target.with_name(target.name + ".tmp-generate")
    if tmp.exists():
        shutil.rmtree(tmp)
    (tmp / "facts").mkdir(parents=True)
    (tmp / "sources").mkdir()
    stats: Counter = Counter()
    files_of: dict[str, int] = {}
    pub = start
    for i in range(n):
        a = corpus.article(i, pub)
        (tmp / "sources" / f"{a.sid}.txt").write_text(a.text(), encoding="utf-8")
        (tmp / "facts" / f"{a.sid}.yaml").write_text(facts_yaml(a, seed, design), encoding="utf-8")
        for ev in a.events:
            files_of[ev["id"]] = files_of.get(ev["id"], 0) + 1
            stats["by id only" if "type" not in ev else "events"] += 1
            if isinstance(ev.get("date"), dict):
                stats["date mappings" + (" (bounds only)" if "on" not in ev["date"] else "")] += 1
        stats["memberships"] += len(a.memberships)
        stats["statements"] += len(a.statements)
        pub += timedelta(days=rng.choice((0, 1, 1, 1, 2)))
    (tmp / "entities.yaml").write_text(registry_yaml(world, seed), encoding="utf-8")
    (tmp / MARKER).write_text(json.dumps({"articles": n, "seed": seed, "design": design}) + "\n", encoding="utf-8")
    if target.exists():
        old = target.with_name(target.name + ".old-generate")
        os.replace(target, old)
        os.replace(tmp, target)
        shutil.rmtree(old)
    else:
        target.parent.mkdir(parents=True, exist_ok=True)
        os.replace(tmp, target)
    sections = world.registry_sections()
    return {"articles": n, "seed": seed, "design": design, "first": start.isoformat(), "last": pub.isoformat(),
            **{k: len(v) for k, v in sections.items()}, **stats,
            "shared events": sum(1 for c in files_of.values() if c > 1),
            "date forms": dict(sorted(corpus.dates.used.items())),
            "estimated quads": BASE_QUADS + n * QUADS_PER_ARTICLE[design]}


__all__ = ["MARKER", "QUADS_PER_ARTICLE", "articles_for", "generate_facts"]
