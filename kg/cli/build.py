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
    p.add_argument("--full", action="store_true", help="build everything again, not only what the changed "
                   "files touch, even when nothing changed (an incremental build writes the same outputs; this is "
                   "for measuring)")
    p.add_argument("--watch", action="store_true", help="stay running: rebuild (incrementally) each time a facts "
                   "file, the registry or a source text is saved, print the new problems (file:line); Ctrl-C stops")
    p.set_defaults(func=run_build)
    v = sub.add_parser("validate", parents=[common], help="check the facts and the shapes, write nothing")
    v.set_defaults(func=run_validate)


def run_build(args: argparse.Namespace) -> int:
    if args.watch:
        from kg.cli.watch import watch

        return watch(args)
    from kg.cli import console, exit_quickly
    from kg.incremental import Kept, up_to_date

    # The state the next build starts from (and the removal of the generations before the previous one), done
    # once this build is: after an incremental build, in the kg command's own process, by a detached process
    # (kg.incremental.background), so that the command returns once the outputs are in place; a full build
    # writes it itself (its state is large, its memory counted), as does a program calling kg.cli.main.
    kept = Kept(defer=True, hold=False, later=console())
    t0 = time.perf_counter()
    if not args.full and (last := up_to_date(args.data, args.out, ontology=args.ontology_dir, kept=kept,
                                             infer=not args.no_infer, strict=args.strict)) is not None:
        print(last.table())
        print()
        print(f"up to date: nothing changed since the last build into {args.out} "
              f"({sum(last.graphs.values()):,} quads; checked in {time.perf_counter() - t0:.2f} s)")
        return 0

    graph, seconds, progress = build_once(args, kept=kept)
    t0 = time.perf_counter()
    with progress.stage("write"):
        kept.save(detach=console() and getattr(graph, "incremental", None) == "")
    seconds += time.perf_counter() - t0
    print((graph.built_summary or graph.summary()).table())
    print()
    for path in graph.written:
        print(f"wrote {path} ({path.stat().st_size:,} bytes)")
    print(built_line(graph, seconds, progress))
    exit_quickly(graph, kept)  # every output is written and synced, the store read-only: nothing to lose at exit
    return 0


def build_once(args: argparse.Namespace, *, full: bool | None = None, kept=None):
    """One build as ``kg build`` asks for it: (the graph, seconds taken, its ``Progress``); ``kept``, see
    ``kg.api.build``."""
    from kg import api
    from kg.progress import Progress

    progress = Progress()  # shown on stderr when it is a terminal
    t0 = time.perf_counter()
    try:
        graph = api.build(args.data, args.out, ontology=args.ontology_dir, infer=not args.no_infer,
                          strict=args.strict, progress=progress, full=args.full if full is None else full,
                          kept=kept)
    finally:
        progress.done()
    return graph, time.perf_counter() - t0, progress


def built_line(graph, seconds: float, progress) -> str:
    """``built N quads in S s (incremental: ...; read ..., merge ..., ...)``."""
    how = getattr(graph, "incremental", None)
    kind = "incremental" if how == "" else f"full: {how}" if how else "full"
    return f"built {graph.quad_count():,} quads in {seconds:.2f} s ({kind}; {progress.summary()})"


def run_validate(args: argparse.Namespace) -> int:
    from kg import api

    graph = api.validate(args.data, ontology=args.ontology_dir)
    for w in graph.warnings:
        print(f"warning: {w}")
    print(f"ok: the facts in {args.data} are valid and the graph conforms to the shapes "
          f"({len(graph.warnings)} warning(s))")
    return 0
