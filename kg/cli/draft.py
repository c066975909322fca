"""``kg draft``: propose the facts of a new article for an analyst to review."""

from __future__ import annotations

import argparse
import time

from kg.errors import FactsError, Problem


def register(sub: argparse._SubParsersAction) -> None:
    p = sub.add_parser("draft", help="propose the facts of a new article (plain text or HTML) for review",
                       description="Read a news article and write a draft facts file (facts/ID.yaml, its text "
                       "copied to sources/ID.txt) and the proposed new registry entries (drafts/ID.entities.yaml) "
                       "into the data folder, for a person to review. Nothing is added to the registry.")
    p.add_argument("article", help="the article: a UTF-8 text file, or an HTML page saved from a browser")
    p.add_argument("--published", required=True, metavar="DATE", help="the day of publication, e.g. 2025-02-07")
    p.add_argument("--title", help="the article's title (default: the page title or the first headline)")
    p.add_argument("--url", help="where the article was published")
    p.add_argument("--id", dest="ident", metavar="ID", help="the source id (default: from the title and date)")
    p.add_argument("--data", default="data", help="the data folder (default: data)")
    p.add_argument("--force", action="store_true", help="replace a draft or source of the same id")
    p.set_defaults(func=run)


def run(args: argparse.Namespace) -> int:
    from kg.draft import draft, write
    from kg.facts.dates import resolve
    from kg.facts.reader import ID_EXPECTED, ID_RE

    try:
        when = resolve(args.published, None)
    except ValueError as e:
        raise FactsError([Problem("--published", 0, "published", f"a day such as 2025-02-07 ({e})",
                                  args.published)]) from None
    if when.precision != "day":
        raise FactsError([Problem("--published", 0, "published", "a day such as 2025-02-07", args.published)])
    if args.ident is not None and not ID_RE.fullmatch(args.ident):
        raise FactsError([Problem("--id", 0, "id", ID_EXPECTED, args.ident)])
    t0 = time.perf_counter()
    d = draft(args.article, when.value, data=args.data, title=args.title, url=args.url, ident=args.ident)
    paths = write(d, args.data, force=args.force)
    secs = time.perf_counter() - t0
    print(f"drafted {args.article} in {secs:.2f} s: {len(d.persons)} new person(s), {len(d.entities)} other "
          f"new entit(ies), {len(d.memberships)} membership(s), {len(d.events)} event(s), "
          f"{len(d.statements)} statement(s), {sum(len(v) for v in d.aliases.values())} new spelling(s)")
    for path in paths:
        print(f"wrote {path}")
    print("next: review both files, add the entries you accept to entities.yaml, then run kg validate")
    return 0
