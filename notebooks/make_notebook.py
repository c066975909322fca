"""Write notebooks/explore.ipynb from the cells below: outputs stripped, fixed cell ids, same bytes every time.

    python notebooks/make_notebook.py

Edit the cells here, not in Jupyter, then run this; tests/test_notebook.py checks that the committed
notebook is what this script writes, and runs it.
"""

from __future__ import annotations

from pathlib import Path

HERE = Path(__file__).resolve().parent
TARGET = HERE / "explore.ipynb"

CELLS: list[tuple[str, str]] = [
    ("markdown", """\
# Exploring the diplomatic knowledge graph

Build the graph from the curated seed facts, ask it named questions and raw SPARQL, follow the shortest
connection between two people, rank the actors, and look at when things happened, at the precision the
sources give. Run it from the root of the repository (`jupyter lab notebooks/explore.ipynb` there, or
`cd ..` first)."""),
    ("code", """\
import os
from pathlib import Path

if not Path("data").is_dir() and Path("../data").is_dir():  # opened from notebooks/
    os.chdir("..")

import kg
from kg.query import load_catalog, network, run, run_named

g = kg.build("data")  # validate the facts, build the store, check the SHACL shapes; writes nothing
print(g.summary().table())"""),
    ("markdown", """\
A small helper shows results as HTML tables, with IRIs written short (`id:mohammad-javad-zarif`)."""),
    ("code", """\
from html import escape

from IPython.display import HTML

from kg.vocab import compact


def table(rows, columns=None, limit=25):
    rows = list(rows)
    columns = columns or (list(rows[0]) if rows else [])
    def cell(v):
        return "" if v is None else escape(compact(v) if isinstance(v, str) else str(v))
    head = "".join(f"<th>{escape(c)}</th>" for c in columns)
    body = "".join("<tr>" + "".join(f"<td>{cell(r.get(c))}</td>" for c in columns) + "</tr>" for r in rows[:limit])
    more = f"<p>{len(rows) - limit} more rows</p>" if len(rows) > limit else ""
    return HTML(f"<table><thead><tr>{head}</tr></thead><tbody>{body}</tbody></table>{more}")"""),
    ("markdown", """\
## Named questions

Each `ontology/queries/*.rq` file is a question with parameters; names of people, places and topics may
be ids, labels or aliases."""),
    ("code", """\
table([{"question": q.name, "usage": q.usage(), "what it answers": q.title} for q in load_catalog().values()])"""),
    ("code", """\
table(run_named(g, "meetings-of", {"actor": "Zarif"}).to_python())"""),
    ("code", """\
table(run_named(g, "visits-to", {"place": "Iraq"}).to_python())"""),
    ("markdown", """\
## Raw SPARQL

The project's prefixes (`dkg:`, `id:`, `org:`, `prov:`, ...) are predeclared. Which topics came up most?"""),
    ("code", """\
topics = run(g, '''
SELECT ?topic (COUNT(DISTINCT ?event) AS ?events) WHERE {
  ?event a dkg:Event ; dkg:topic/rdfs:label ?topic .
} GROUP BY ?topic ORDER BY DESC(?events) ?topic LIMIT 8''')
table(topics.to_python())"""),
    ("markdown", """\
## The shortest connection between two people

Masoud Pezeshkian never met Mohammed Al-Hassan. The path runs over the whole graph (people, posts,
organizations, places, events, statements, topics) but never through the article itself: provenance
links are not connections."""),
    ("code", """\
print(network.shortest_path(g, "Pezeshkian", "Al-Hassan").text())"""),
    ("code", """\
# Without going through countries, the two visits to Baghdad link them.
print(network.shortest_path(g, "Pezeshkian", "Al-Hassan", avoid=["dkg:Country"]).text())"""),
    ("markdown", """\
## Who is central?

Rankings and communities run over the actor network: persons and organizations linked by the events they
shared."""),
    ("code", """\
ranks = {by: network.rank(g, by).scores for by in network.MEASURES}
table([{"rank": i + 1, **{by: f"{ranks[by][i].label} ({ranks[by][i].score:.3g})" for by in ranks}}
       for i in range(5)])"""),
    ("code", """\
table([{"community": c.number, "actors": ", ".join(c.labels), "events": c.events}
       for c in network.communities(g, min_size=2)])"""),
    ("markdown", """\
## When things happened, at their precision

A day is a point; a month, a year or an unknown date is a bar from its earliest to its latest possible day
(an open end when only one bound is known)."""),
    ("code", """\
from datetime import timedelta

import matplotlib.pyplot as plt

events = run(g, '''
SELECT DISTINCT ?event ?label ?unit ?earliest ?latest WHERE {
  VALUES ?class { dkg:Meeting dkg:Visit dkg:Conference }
  ?event a ?class ; rdfs:label ?label ; dkg:datePrecision ?unit .
  OPTIONAL { ?event dkg:earliestDate ?earliest }
  OPTIONAL { ?event dkg:latestDate ?latest }
}''').to_python()
events.sort(key=lambda e: (e["earliest"] or e["latest"], e["label"]))
style = {"time:unitDay": ("a day", "tab:blue"), "time:unitMonth": ("a month", "tab:orange"),
         "time:unitYear": ("a year", "tab:green"), "dkg:unknownPrecision": ("bounds only", "tab:gray")}
fig, ax = plt.subplots(figsize=(10, 0.45 * len(events) + 1.2))
for y, e in enumerate(events):
    unit, lo, hi = compact(e["unit"]), e["earliest"], e["latest"]
    if unit == "time:unitDay":
        ax.plot(lo, y, "o", color=style[unit][1])
    else:
        start, end = lo or hi - timedelta(days=30), hi or lo + timedelta(days=30)
        ax.barh(y, (end - start).days + 1, left=start, height=0.5, color=style[unit][1], alpha=0.6,
                hatch=None if lo and hi else "//")
ax.set_yticks(range(len(events)), [e["label"][:60] for e in events], fontsize=8)
ax.invert_yaxis()
for name, colour in style.values():
    ax.plot([], [], "s", color=colour, label=name)
ax.legend(title="known to", loc="upper center", fontsize=8)
ax.set_title("Events by date, at the precision the sources give")
fig.autofmt_xdate()
plt.tight_layout()
plt.show()"""),
    ("markdown", """\
## Dossiers: a country, its officials, a relation

`kg.profile.dossier` gathers what the graph knows about an actor, a country, a pair (`"Iran,Iraq"`) or a source;
`kg profile NAME` writes it as one offline page. Its records plot directly: who held which post (a Gantt: a
diamond where a source attests the post on a day, a bar from a start to an end), and events per month for a
country pair."""),
    ("code", """\
import kg.profile

iraq = kg.profile.dossier(g, "Iraq")
pair = kg.profile.dossier(g, "Iran,Iraq")
fig, (posts, months) = plt.subplots(1, 2, figsize=(12, 3.2), gridspec_kw={"width_ratios": [3, 2]})
for y, p in enumerate(iraq.posts):
    first, last = p.span
    if p.start or p.end:
        posts.barh(y, (last - first).days + 1, left=first, height=0.4, color="tab:blue", alpha=0.6)
    posts.plot(p.attested, [y] * len(p.attested), "D", color="tab:blue")
posts.set_yticks(range(len(iraq.posts)), [f"{p.holder[1]}: {p.role}" for p in iraq.posts], fontsize=8)
posts.invert_yaxis()
posts.set_title("Iraq's officials: posts as the sources attest them")
counts = next(iter(pair.country_pairs.values()))
dated = {m: n for m, n in counts.items() if m != "unknown"}
months.bar(list(dated), list(dated.values()), color="tab:blue")
months.set_title(f"{pair.title}: events per month ({counts.get('unknown', 0)} undated)")
fig.autofmt_xdate()
plt.tight_layout()
plt.show()"""),
    ("code", """\
table([{"when": e.when, "event": e.label, "participants": ", ".join(p for _, p in e.participants),
        "sources": len(e.evidence)} for e in pair.events])"""),
    ("markdown", """\
## The interactive view

The same page `kg build` writes, inline: drag, zoom, search, click a node for its sources and evidence."""),
    ("code", """\
import kg.viz

kg.viz.show(g, focus="Zarif", depth=1, height=520)"""),
]


def notebook():
    """The notebook as an ``nbformat`` node."""
    import nbformat

    cells = []
    for i, (kind, source) in enumerate(CELLS):
        make = nbformat.v4.new_markdown_cell if kind == "markdown" else nbformat.v4.new_code_cell
        cells.append(make(source, id=f"cell-{i:02d}"))
    return nbformat.v4.new_notebook(cells=cells, metadata={
        "kernelspec": {"display_name": "Python 3", "language": "python", "name": "python3"},
        "language_info": {"name": "python"},
    })


def render() -> str:
    import nbformat

    return nbformat.writes(notebook()) + "\n"


if __name__ == "__main__":
    TARGET.write_text(render(), encoding="utf-8")
    print(f"wrote {TARGET}")
