"""``kg profile``: the dossier of a person, organization or country, a relation (A,B), or a source report."""

from __future__ import annotations

import argparse
import re
import sys

from kg.cli.common import add_graph_options, open_graph


def register(sub: argparse._SubParsersAction) -> None:
    p = sub.add_parser(
        "profile", help="a dossier: an actor, a country, a relation (A,B) or a source, as HTML or Markdown",
        formatter_class=argparse.RawDescriptionHelpFormatter,
        description="Write what the graph knows about one actor (names, posts held over time, events in time\n"
        "order with counterparts, places, topics and each source's sentences, statements, counterparts,\n"
        "sources, conflicts), one country (its officials, visits in and out, counterpart countries), the\n"
        "relation of two actors or two countries (NAME written A,B), or one source (what it says, fact by\n"
        "fact, and what it adds to or contradicts in the rest of the graph). One offline HTML page, or\n"
        "Markdown with its plots as SVG files beside it.",
        epilog="examples:\n"
        "  kg profile Al-Sudani                         out/profiles/mohammed-shia-al-sudani.html\n"
        "  kg profile Iraq --format md                   out/profiles/iraq.md (and its .svg plots)\n"
        "  kg profile \"Iran,Iraq\" --out iran-iraq.html\n"
        "  kg profile zarif-visits-iraq-2025-02-07       a source report\n"
        "  kg profile Zarif --format md --out -          Markdown on standard output (no plots)")
    add_graph_options(p)
    p.add_argument("name", help="an id, label or alias; two of them as A,B for a relation")
    p.add_argument("--format", choices=("html", "md"), default=None,
                   help="html (default) or md; by default from the suffix of --out")
    p.add_argument("--out", default=None, metavar="FILE",
                   help="the file to write (default: out/profiles/<id>.<format>); - for standard output")
    p.set_defaults(func=run)


def run(args: argparse.Namespace) -> int:
    from pathlib import Path

    from kg import profile

    graph = open_graph(args)
    d = profile.dossier(graph, args.name)
    fmt = args.format or ("md" if args.out and args.out.lower().endswith((".md", ".markdown")) else "html")
    if args.out == "-":
        sys.stdout.write(profile.markdown(d, with_plots=False)[0] if fmt == "md" else profile.page(d))
        return 0
    slug = re.sub(r"[^a-z0-9-]+", "-", d.id.lower() if d.kind not in ("pair", "country-pair")
                  else "-".join(x.rsplit("/", 1)[-1] for x in d.members)).strip("-") or "profile"
    out = Path(args.out) if args.out else Path("out") / "profiles" / f"{slug}.{fmt}"
    written = profile.write(d, out, fmt)
    print(f"wrote {', '.join(str(p) for p in written)}: {d.title} ({len(d.events)} events, "
          f"{len(d.sources) or len(d.report.facts if d.report else [])} "
          f"{'sources' if d.kind != 'source' else 'facts'})")
    return 0
