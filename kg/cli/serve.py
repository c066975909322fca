"""``kg serve``: the graph over HTTP (SPARQL endpoint, named questions, query page, visualizer)."""

from __future__ import annotations

import argparse

from kg.cli.common import ONTOLOGY_HELP


def register(sub: argparse._SubParsersAction) -> None:
    from kg.serve.settings import add_arguments

    p = sub.add_parser(
        "serve", help="serve the graph over HTTP: SPARQL endpoint, named questions, query page, visualizer",
        description="Serve the graph at http://HOST:PORT/: the visualizer at /, a query page at /query, a SPARQL "
        "1.1 endpoint at /sparql, the named questions at /queries/NAME?param=value, entity lookup at "
        "/entities?q=NAME and /health. Read-only: SPARQL Update and SERVICE are refused. Every query runs in a "
        "worker process that is stopped at the time limit. Listens on 127.0.0.1 unless --host says otherwise. "
        "See docs/serve.md.")
    source = p.add_mutually_exclusive_group()
    source.add_argument("--data", default="data", metavar="DIR",
                        help="build the graph from this data folder (default: data)")
    source.add_argument("--graph", metavar="PATH", default=None,
                        help="serve a graph built before instead: a `kg build` output folder, a .trig, .nq, .ttl or "
                        ".nt file, or the folder of an Oxigraph store")
    p.add_argument("--ontology-dir", dest="ontology_dir", default=None, metavar="DIR", help=ONTOLOGY_HELP)
    add_arguments(p)
    p.set_defaults(func=run)


def run(args: argparse.Namespace) -> int:
    from kg import api
    from kg.serve import serve
    from kg.serve.settings import from_args

    settings = from_args(args)
    if args.graph is not None:
        source = args.graph
    else:
        source = api.build(args.data, ontology=args.ontology_dir)
        print(f"built {len(source.store):,} quads from {args.data}", flush=True)
    serve(source, settings)
    return 0
