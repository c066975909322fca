"""``kg generate``: invented data of any size, for benchmarks and tests.

Two modes: ``--facts DIR`` writes a whole data folder (registry, facts files, source texts) that ``kg build``
reads like a user's; ``--out FILE`` writes a synthetic graph (N-Quads or TriG) shaped like a build's output.
"""

from __future__ import annotations

import argparse
import time


def register(sub: argparse._SubParsersAction) -> None:
    p = sub.add_parser("generate", help="write invented facts (a data folder) or a synthetic graph (for benchmarks)",
                       formatter_class=argparse.RawDescriptionHelpFormatter,
                       description="Write invented data; the same seed and size give the same bytes.\n\n"
                       "  --facts DIR  a data folder (entities.yaml, facts/*.yaml, sources/*.txt) of realistic\n"
                       "               articles, for kg build: --articles N, or --quads N for about N quads built\n"
                       "  --out FILE   a synthetic graph shaped like a build's output (.nq or .trig) of at least\n"
                       "               --triples N quads",
                       epilog="examples:\n"
                       "  kg generate --facts corpus/data --articles 50 --seed 1 && kg build --data corpus/data\n"
                       "  kg generate --facts big/data --quads 1000000\n"
                       "  kg generate --out graph.nq --triples 1000000")
    p.add_argument("--facts", metavar="DIR", default=None, help="write a data folder here (replaced if it was "
                   "written by kg generate; refused if it holds anything else)")
    p.add_argument("--articles", type=int, default=None, metavar="N", help="--facts: this many articles")
    p.add_argument("--quads", type=int, default=None, metavar="N", help="--facts: about this many quads once built")
    p.add_argument("--basic", action="store_true", help="--facts: only the fields of the first facts format "
                   "(leave out those of docs/design.md: event types talks, phone-call, signing; status; mentions "
                   "by id; delegations; acting; venues; agreements)")
    p.add_argument("--out", default=None, metavar="FILE", help="write a synthetic graph: .nq (N-Quads) or .trig")
    p.add_argument("--triples", type=int, default=1_000_000, metavar="N", help="--out: at least this many quads "
                   "(default: 1,000,000)")
    p.add_argument("--no-infer", action="store_true", help="--out: leave out the inferred graph")
    p.add_argument("--seed", type=int, default=0, help="random seed (default: 0)")
    p.set_defaults(func=run)


def run(args: argparse.Namespace) -> int:
    from kg.errors import OutputError

    if (args.facts is None) == (args.out is None):
        raise OutputError("give --facts DIR (a data folder) or --out FILE (a synthetic graph), one of them")
    if args.facts is not None:
        return _facts(args)
    if args.articles is not None or args.quads is not None or args.basic:
        raise OutputError("--articles, --quads and --basic go with --facts, not --out")
    return _graph(args)


def _facts(args: argparse.Namespace) -> int:
    from kg.errors import OutputError
    from kg.generate.facts import generate_facts
    from kg.table import format_table

    if args.articles is None and args.quads is None:
        args.articles = 10
    if args.articles is not None and args.quads is not None:
        raise OutputError("give --articles N or --quads N, not both")
    for name in ("articles", "quads"):
        value = getattr(args, name)
        if value is not None and value < 1:
            raise OutputError(f"--{name} must be positive, got {value}")
    t0 = time.perf_counter()
    stats = generate_facts(args.facts, args.articles, quads=args.quads, seed=args.seed, design=not args.basic)
    forms = stats.pop("date forms")
    rows = [[k, f"{v:,}" if isinstance(v, int) and not isinstance(v, bool) else v] for k, v in stats.items()]
    print(format_table(["", "count"], rows))
    print(f"\ndate forms: {', '.join(f'{k} {v}' for k, v in forms.items())}")
    print(f"\nwrote {args.facts}: {stats['articles']:,} articles in {time.perf_counter() - t0:.1f} s")
    return 0


def _graph(args: argparse.Namespace) -> int:
    from kg.errors import OutputError
    from kg.generate import generate
    from kg.table import format_table

    if not args.out.endswith((".nq", ".trig")):
        raise OutputError(f"cannot tell the format of {args.out}: name it .nq or .trig")
    if args.triples < 1:
        raise OutputError(f"--triples must be positive, got {args.triples}")
    t0 = time.perf_counter()
    counts = generate(args.out, args.triples, args.seed, infer=not args.no_infer)
    quads = counts.pop("quads")
    print(format_table(["class", "count"], [[c, n] for c, n in sorted(counts.items())]))
    print(f"\nwrote {args.out}: {quads:,} quads in {time.perf_counter() - t0:.1f} s")
    return 0
