"""``kg viz``: write the interactive page, one self-contained HTML file that opens offline."""

from __future__ import annotations

import argparse
import time

from kg.cli.common import add_graph_options, open_graph


def register(sub: argparse._SubParsersAction) -> None:
    p = sub.add_parser(
        "viz", help="write an interactive, self-contained HTML view of the graph",
        formatter_class=argparse.RawDescriptionHelpFormatter,
        description="Write one HTML file that opens anywhere, offline: persons, organizations, places and\n"
        "events as nodes (roles as person -> organization edges, statements in the details), with\n"
        "search, type and date filters, and a details panel quoting the sources' evidence.",
        epilog="examples:\n"
        "  kg viz                                          out/graph.html, from the facts in data/\n"
        "  kg viz --graph out                              the same, from what kg build wrote\n"
        "  kg viz --focus Zarif --depth 1 --out zarif.html  one person and what touches them\n"
        "  kg viz --from 2025-02 --to 2025-02 --types person,event,topic")
    add_graph_options(p)
    p.add_argument("--out", default="out/graph.html", help="the HTML file to write (default: out/graph.html)")
    p.add_argument("--focus", metavar="NAME", help="show the neighbourhood of one entity: its id, label or alias")
    p.add_argument("--depth", type=int, default=2, metavar="N",
                   help="with --focus: how many relations away to go (default: 2, which reaches the people "
                   "an entity met through their events)")
    p.add_argument("--from", dest="start", metavar="DATE",
                   help="keep events that may fall on or after DATE (2025-02-07, 2025-02 or 2025)")
    p.add_argument("--to", dest="end", metavar="DATE", help="keep events that may fall on or before DATE")
    p.add_argument("--types", metavar="LIST", help="the classes to show, comma-separated: groups (person, "
                   "organization, place, event, topic, statement, all) or classes (visit, city...); "
                   "default: person,organization,place,event")
    p.add_argument("--title", default=None, help="the page title")
    p.add_argument("--all", dest="everything", action="store_true",
                   help="draw every entity even above 2,000 (by default a larger graph gets an overview: countries, "
                   "the most central actors and their events, with a note saying what was left out)")
    p.set_defaults(func=run)


def run(args: argparse.Namespace) -> int:
    from pathlib import Path

    from kg import viz

    t0 = time.perf_counter()
    graph = open_graph(args)
    out = Path(args.out)
    view = viz.auto_view(graph, focus=args.focus, depth=args.depth, start=args.start, end=args.end,
                         types=args.types, everything=args.everything)
    viz.write(view, out, title=args.title)
    print(f"wrote {out} ({out.stat().st_size:,} bytes): {len(view.nodes):,} entities, {len(view.edges):,} "
          f"relations in {time.perf_counter() - t0:.2f} s")
    if view.notice:
        print(view.notice)
    return 0
