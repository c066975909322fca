"""``kg build`` and ``kg validate``."""

from __future__ import annotations

import argparse
import time

from kg.cli.common import ONTOLOGY_HELP


def register(sub: argparse._SubParsersAction) -> None:
    common = argparse.ArgumentParser(add_help=False)
    common.add_argument("--data", default="data", help="the data folder (default: data)")
    common.add_argument("--ontology-dir", dest="ontology_dir", default=None, metavar="DIR", help=ONTOLOGY_HELP)
    p = sub.add_parser("build", parents=[common], help="validate the facts, build the graph and write the outputs",
                       description="Validate the facts, build the graph in an embedded Oxigraph store, check the "
                       "SHACL shapes, and write the outputs atomically. On any error nothing is written.")
    p.add_argument("--out", default="out", help="the output folder (default: out)")
    p.add_argument("--no-infer", action="store_true", help="do not compute the inferred (RDFS) graph")
    p.add_argument("--strict", action="store_true",
                   help="stop on every conflict between sources, warnings included (kg conflicts lists them)")
    p.set_defaults(func=run_build)
    v = sub.add_parser("validate", parents=[common], help="check the facts and the shapes, write nothing")
    v.set_defaults(func=run_validate)


def run_build(args: argparse.Namespace) -> int:
    from kg import api

    t0 = time.perf_counter()
    graph = api.build(args.data, args.out, ontology=args.ontology_dir, infer=not args.no_infer, strict=args.strict)
    print(graph.summary().table())
    print()
    for path in graph.written:
        print(f"wrote {path} ({path.stat().st_size:,} bytes)")
    print(f"built {len(graph.store):,} quads in {time.perf_counter() - t0:.2f} s")
    return 0


def run_validate(args: argparse.Namespace) -> int:
    from kg import api

    graph = api.validate(args.data, ontology=args.ontology_dir)
    for w in graph.warnings:
        print(f"warning: {w}")
    print(f"ok: the facts in {args.data} are valid and the graph conforms to the shapes "
          f"({len(graph.warnings)} warning(s))")
    return 0
