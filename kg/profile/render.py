"""A dossier as sections (plain text), then as Markdown or as one offline HTML page (``kg.profile.page``).

``sections(d)`` is what both formats show: a list of ``{"id", "title", "note", "plot", "table", "items"}``, every
value text. A table is ``{"columns": [...], "rows": [[...]]}``; an item ``{"head", "sub", "lines": [[name,
text]], "quotes": [[source, sentence]]}``; a plot the name of an SVG of ``plots(d)``.

>>> import kg
>>> from kg.profile.dossier import dossier
>>> d = dossier(kg.build("data", shacl=False), "Al-Sudani")
>>> [s["title"] for s in sections(d)]
['Posts held', 'Events', 'Statements made', 'Counterparts', 'Sources', 'Conflicts between sources']
>>> print(markdown(d)[0].splitlines()[0])
# Mohammed Shia' Al-Sudani
"""

from __future__ import annotations

from typing import Any

from kg.profile import plots as P
from kg.profile.dossier import Dossier
from kg.profile.facts import Event, Post, Said

KIND_NAMES = {"person": "Person", "organization": "Organization", "country": "Country", "pair": "Relation",
              "country-pair": "Relation between countries", "source": "Source report"}


def subtitle(d: Dossier) -> str:
    parts = [KIND_NAMES[d.kind]]
    if d.kind != "source":
        parts.append(f"{len(d.events)} event{'s' if len(d.events) != 1 else ''}")
        if d.sources:
            parts.append(f"{len(d.sources)} source{'s' if len(d.sources) != 1 else ''}")
    else:
        parts.append(f"{len(d.report.facts)} facts")
    return " · ".join(parts)


def _source_name(d: Dossier, sid: str) -> str:
    t = d.titles.get(sid)
    if not t:
        return sid
    return f"{t['title']} ({t['published']})" if t.get("published") else str(t["title"])


def _quotes(d: Dossier, evidence: dict[str, list[str]]) -> list[list[str]]:
    return [[_source_name(d, sid), s] for sid, sentences in evidence.items() for s in sentences]


def held_text(p: Post) -> str:
    """When a post is known to be held, at its precision.

    >>> from datetime import date
    >>> held_text(Post("m", ("p", "P"), "Chair", "Council", [date(2025, 2, 7)], None, None, [], [], False, {}))
    'attested on 2025-02-07'
    >>> held_text(Post("m", ("p", "P"), "Chair", "Council", [], date(2024, 1, 3), None, ["appointed"], [], True, {}))
    'acting; started 2024-01-03 (“appointed”); end not known'
    """
    parts = ["acting"] if p.acting else []
    if p.start is not None or p.end is not None:
        start = f"started {p.start}" + (f" (“{'; '.join(p.start_wording)}”)" if p.start_wording else "")
        end = f"ended {p.end}" + (f" (“{'; '.join(p.end_wording)}”)" if p.end_wording else "")
        parts.append(start if p.start is not None else "start not known")
        parts.append(end if p.end is not None else "end not known")
    if p.attested:
        parts.append("attested on " + ", ".join(str(x) for x in p.attested))
    return "; ".join(parts) or "no date known"


def _posts_section(d: Dossier, with_holder: bool) -> dict[str, Any]:
    rows = [[*([p.holder[1]] if with_holder else []), p.title, held_text(p), "; ".join(_source_name(d, s)
                                                                                          for s in p.evidence)]
            for p in d.posts]
    items = [{"head": (f"{p.holder[1]}: " if with_holder else "") + p.title, "sub": held_text(p), "lines": [],
              "quotes": _quotes(d, p.evidence)} for p in d.posts]
    return {"id": "posts", "title": "Officials and their posts" if with_holder else "Posts held",
            "note": "From the memberships the sources attest: a day a post was seen held, its start, its end.",
            "plot": "posts", "table": {"columns": [*(["Holder"] if with_holder else []), "Post", "Held", "Sources"],
                                       "rows": rows}, "items": items}


def event_item(d: Dossier, e: Event, subject: set[str]) -> dict[str, Any]:
    others = [label for iri, label in e.participants if iri not in subject]
    way = {"in": f"a visit to {d.title}", "out": f"a visit from {d.title}"}.get(d.directions.get(e.iri, ""), "")
    lines = [["Direction", way], ["Counterparts" if subject else "Participants", ", ".join(others)],
             ["Place", ", ".join(e.places)], ["Invited by", ", ".join(e.invited_by)],
             ["Part of", ", ".join(e.part_of)], ["Topics", ", ".join(e.topics)],
             ["Wording", "; ".join(f"“{w}”" for w in e.wording)]]
    from kg.profile.source import kind_word

    sub = kind_word(e.cls).capitalize() + (f" · {e.status}" if e.status else "")
    return {"head": f"{e.when} · {e.label}", "sub": sub,
            "lines": [ln for ln in lines if ln[1]], "quotes": _quotes(d, e.evidence), "id": e.id}


def statement_item(d: Dossier, s: Said) -> dict[str, Any]:
    lines = [["Said by", ", ".join(s.speakers)], ["At", "; ".join(s.at)], ["About", ", ".join(s.about)],
             ["According to", ", ".join(s.according_to)], ["Topics", ", ".join(s.topics)]]
    return {"head": f"“{s.claim}”", "sub": ", ".join(s.speakers), "lines": [ln for ln in lines if ln[1]],
            "quotes": _quotes(d, s.evidence)}


def _events_section(d: Dossier, title: str, events: list[Event], subject: set[str], note: str = "") -> dict:
    return {"id": "events", "title": title, "plot": "events",
            "note": note or "In time order, at the precision the sources give: a day, a month, or bounds.",
            "items": [event_item(d, e, subject) for e in events]}


def sections(d: Dossier) -> list[dict[str, Any]]:
    """What the page shows, in order (see the module docstring)."""
    if d.kind == "source":
        return _source_sections(d)
    out: list[dict[str, Any]] = []
    subject = {d.iri} if d.kind in ("person", "organization") else set(d.members) if d.kind == "pair" else set()
    if d.kind in ("person", "organization"):
        if d.posts:
            out.append(_posts_section(d, with_holder=d.kind == "organization"))
        out.append(_events_section(d, "Events", d.events, subject))
    elif d.kind == "country":
        if d.posts:
            out.append(_posts_section(d, with_holder=True))
        out.append({"id": "pairs", "title": "Events per month, per country pair", "plot": "months",
                    "note": "Events of this country's officials, or held in it, by the other country involved."})
        out.append(_events_section(d, "Events: visits in and out, meetings", d.events, set()))
    else:
        out.append({"id": "pairs", "title": "Events per month", "plot": "months", "note": ""})
        if d.posts:
            out.append(_posts_section(d, with_holder=True))
        out.append(_events_section(d, "The history of the relation", d.events, set()))
    if d.statements:
        out.append({"id": "statements", "title": "Statements made" if d.kind in ("person", "organization")
                    else "Statements", "items": [statement_item(d, s) for s in d.statements]})
    if d.said_about:
        out.append({"id": "said-about", "title": "Said about " + d.title,
                    "items": [statement_item(d, s) for s in d.said_about]})
    if d.counterparts:
        columns = ["Counterpart", "Country", "Shared events", "First", "Last"]
        rows = [[c["label"], c["country"] or "", str(c["shared"]), c["first"] or "", c["last"] or ""]
                for c in d.counterparts]
        if d.kind == "country-pair":
            columns, rows = ["Who met whom", "Events"], [[c["label"], str(c["shared"])] for c in d.counterparts]
        out.append({"id": "counterparts", "title": "Counterparts" if d.kind != "country-pair" else "Who met whom",
                    "note": "Ranked by the events shared.", "table": {"columns": columns, "rows": rows}})
    out.append({"id": "sources", "title": "Sources", "table": {
        "columns": ["Source", "Published", "Facts"],
        "rows": [[s["title"], s["published"] or "unknown", str(s["facts"])] for s in d.sources]}})
    out.append(_conflicts_section(d))
    return out


def _conflicts_section(d: Dossier) -> dict[str, Any]:
    rows = [[str(c["kind"] or ""), c["fact"], ", ".join(_source_name(d, s) for s in c["sources"]),
             str(c["comment"] or "")] for c in d.conflicts]
    return {"id": "conflicts", "title": "Conflicts between sources",
            "note": "" if rows else "No source contradicts another here.",
            "table": {"columns": ["Kind", "Fact", "Sources", "What"], "rows": rows} if rows else None}


def _source_sections(d: Dossier) -> list[dict[str, Any]]:
    r = d.report
    items = []
    for f in r.facts:
        lines = [[k.capitalize(), ", ".join(v)] for k, v in f.lines]
        if f.also_in:
            lines.append(["Also reported by", ", ".join(_source_name(d, s) for s in f.also_in)])
            lines.append(["Adds", "; ".join(f"{k}: {', '.join(v)}" for k, v in f.adds) or "nothing new"])
        else:
            lines.append(["Against the graph", "new: no other source reports it"])
        for c in f.contradicts:
            lines.append(["Contradicts", c])
        from kg.profile.source import kind_word

        items.append({"head": f"{kind_word(f.kind).capitalize()}: {f.label}", "sub": f.id, "lines": lines,
                      "quotes": [["", s] for s in f.evidence]})
    out = [{"id": "facts", "title": "What it says, fact by fact", "note": "Each fact beside the sentences it rests "
            "on, and what it adds to or contradicts in the rest of the graph.", "items": items}]
    if r.mentions:
        out.append({"id": "mentions", "title": "Named without a fact of its own",
                    "table": {"columns": ["Entity"], "rows": [[m] for m in r.mentions]}})
    out.append(_conflicts_section(d))
    return out


def plots(d: Dossier) -> dict[str, str]:
    """The SVG plots of a dossier, by name (``posts``, ``events``, ``months``)."""
    out = {}
    if d.kind == "source":
        return out
    if d.posts:
        out["posts"] = P.gantt([((f"{p.holder[1]}: " if d.kind != "person" else "") + p.title, _day(p.start, 0),
                                 _day(p.end, 1), p.attested, "acting" if p.acting else "held") for p in d.posts],
                               "Posts held")
    out["events"] = P.timeline([(e.label, e.cls, e.start, e.end) for e in d.events], "Events in time")
    if d.kind in ("country", "pair", "country-pair"):
        out["months"] = P.per_month(d.country_pairs, "Events per month")
    return out


def _day(d: Any, end: int):
    from kg.profile.facts import _first, _last

    return (_last if end else _first)(d)


def markdown(d: Dossier, plot_names: dict[str, str] | None = None, *, with_plots: bool = True
             ) -> tuple[str, dict[str, str]]:
    """The dossier as Markdown, and its plots as SVG texts by file name (``plot_names`` maps a plot to its file
    name; by default ``<id>-<plot>.svg``; ``with_plots=False`` leaves them out). Text from the data is written as
    it is, with Markdown's special characters escaped."""
    svgs = plots(d) if with_plots else {}
    names = plot_names or {k: f"{d.id}-{k}.svg" for k in svgs}
    lines = [f"# {_md(d.title)}", "", f"*{_md(subtitle(d))}*", ""]
    if d.names:
        lines += [f"**Also known as:** {_md(', '.join(d.names))}", ""]
    for k, v in d.about:
        lines.append(f"- **{_md(k)}:** {_md(', '.join(v))}")
    lines.append("")
    for s in sections(d):
        lines += [f"## {_md(s['title'])}", ""]
        if s.get("note"):
            lines += [f"*{_md(s['note'])}*", ""]
        if s.get("plot") in svgs:
            lines += [f"![{_md(s['title'])}]({names[s['plot']]})", ""]
        table = s.get("table")
        if table and table["rows"]:
            lines.append("| " + " | ".join(_md(c) for c in table["columns"]) + " |")
            lines.append("|" + "---|" * len(table["columns"]))
            lines += ["| " + " | ".join(_md(c).replace("|", "\\|") for c in row) + " |" for row in table["rows"]]
            lines.append("")
        elif s.get("items"):
            for it in s["items"]:
                lines.append(f"### {_md(it['head'])}")
                if it.get("sub"):
                    lines.append(f"*{_md(it['sub'])}*  ")
                for k, v in it["lines"]:
                    lines.append(f"- **{_md(k)}:** {_md(v)}")
                for src, sentence in it["quotes"]:
                    lines.append(f"> {_md(sentence)}" + (f" — *{_md(src)}*" if src else ""))
                    lines.append(">")
                if it["quotes"]:
                    lines.pop()
                lines.append("")
    return "\n".join(lines).rstrip() + "\n", {names[k]: v for k, v in svgs.items()}


_MD_SPECIAL = str.maketrans({c: "\\" + c for c in "\\`*_[]<>#|"})


def _md(text: object) -> str:
    """Text safe in Markdown: its markup characters (and HTML's ``<``) escaped.

    >>> _md("<b>*x*</b>")
    '\\\\<b\\\\>\\\\*x\\\\*\\\\</b\\\\>'
    """
    return str(text).translate(_MD_SPECIAL).replace("\n", " ")
