"""``kg generate``: a synthetic dataset with the shape of a real build, for benchmarks."""

from __future__ import annotations

import argparse
import time


def register(sub: argparse._SubParsersAction) -> None:
    p = sub.add_parser("generate", help="write a synthetic graph of a given size (for benchmarks)",
                       description="Write a synthetic dataset shaped like a real build (ontology, registry, one "
                       "graph per source document, inferred graph) with at least N quads. The same seed and size "
                       "give the same bytes.")
    p.add_argument("--triples", type=int, default=1_000_000, metavar="N", help="at least this many quads "
                   "(default: 1,000,000)")
    p.add_argument("--seed", type=int, default=0, help="random seed (default: 0)")
    p.add_argument("--out", required=True, metavar="FILE", help="the file to write: .nq (N-Quads) or .trig")
    p.add_argument("--no-infer", action="store_true", help="leave out the inferred graph")
    p.set_defaults(func=run)


def run(args: argparse.Namespace) -> int:
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
