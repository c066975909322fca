"""``kg export`` (RDF, networks and tables, to a file or stdout) and ``kg push`` (to a triple store over HTTP)."""

from __future__ import annotations

import argparse
import sys

from kg import formats
from kg.cli.common import add_graph_options, open_graph


def _common() -> argparse.ArgumentParser:
    common = argparse.ArgumentParser(add_help=False)
    add_graph_options(common)
    sel = common.add_argument_group("what goes out")
    sel.add_argument("--source", metavar="ID", default=None,
                     help="only this source's named graph (its id, e.g. zarif-visits-iraq-2025-02-07)")
    sel.add_argument("--with-ontology", dest="with_ontology", action="store_true", help="include the ontology")
    sel.add_argument("--with-inferred", dest="with_inferred", action="store_true",
                     help="include the inferred (RDFS) triples")
    return common


def register(sub: argparse._SubParsersAction) -> None:
    from kg.export import KINDS, TABLES

    common = _common()
    e = sub.add_parser(
        "export", parents=[common], help="write the graph as RDF, GraphML, GEXF, CSV or an event table",
        formatter_class=argparse.RawDescriptionHelpFormatter,
        description="Write the asserted facts (or one source's graph; the ontology and the inferred triples only "
        "when asked) in a standard format, deterministically (same graph, same bytes) and atomically.\n\nformats:\n"
        + "\n".join(f"  {f.name:8} {f.description}" + (f" (also: {', '.join(f.aliases)})" if f.aliases else "")
                    for f in formats.FORMATS if f.kind in KINDS),
        epilog="examples:\n"
        "  kg export -o graph.ttl\n"
        "  kg export --format nquads --with-ontology --with-inferred -o everything.nq\n"
        "  kg export --format jsonld --source zarif-visits-iraq-2025-02-07 > zarif.jsonld\n"
        "  kg export -o network.graphml            (open in Gephi or Cytoscape)\n"
        "  kg export --format csv -o tables/       (tables/nodes.csv and tables/edges.csv)\n"
        "  kg export --format csv --table edges    (one table on stdout)\n"
        "  kg export --format events -o events.csv (one row per actor pair of each event, CAMEO-coded)")
    e.add_argument("-f", "--format", type=_format, default=None, metavar="FORMAT",
                   help="the format, a name or alias above (default: from the suffix of -o, else turtle)")
    e.add_argument("-o", "--output", metavar="PATH", default=None,
                   help="the file to write (csv: a folder, unless --table); default or -: stdout")
    e.add_argument("--table", choices=TABLES, default=None, help="csv: write this one table only")
    e.set_defaults(func=run_export)

    p = sub.add_parser(
        "push", parents=[common], help="send the graph to a triple store (SPARQL 1.1 Graph Store Protocol)",
        formatter_class=argparse.RawDescriptionHelpFormatter,
        description="Send the graph as N-Triples to a store's Graph Store Protocol URL: replace the graph (PUT) "
        "or add to it (--append, POST), in chunks, then check how many triples the store holds in it.\n"
        "Credentials: --user (or KG_USER) and the password in KG_PASSWORD (asked for on a terminal); "
        "Basic or Digest, whichever the store asks for.",
        epilog="examples (Virtuoso):\n"
        "  KG_USER=dba KG_PASSWORD=... kg push --endpoint http://localhost:8890/sparql-graph-crud-auth \\\n"
        "      --target-graph https://example.org/diplomatic-kg\n"
        "  kg push --endpoint http://localhost:8890/sparql-graph-crud-auth --dataset --with-ontology --with-inferred\n"
        "  kg push --endpoint URL --target-graph IRI --source zarif-visits-iraq-2025-02-07 --append")
    p.add_argument("--endpoint", required=True, metavar="URL", help="the Graph Store Protocol URL")
    target = p.add_mutually_exclusive_group(required=True)
    target.add_argument("--target-graph", dest="target_graph", metavar="IRI",
                        help="the graph of the store that receives the triples, merged")
    target.add_argument("--dataset", action="store_true",
                        help="send each named graph to the store's graph of the same IRI (keeps 'which source "
                        "says what' for queries)")
    p.add_argument("--append", action="store_true", help="add to the graph instead of replacing it (POST)")
    p.add_argument("--query-endpoint", metavar="URL", default=None,
                   help="the SPARQL query URL for the count check (default: derived, e.g. Virtuoso "
                   "/sparql-graph-crud-auth -> /sparql)")
    p.add_argument("--user", default=None, help="user name (default: $KG_USER)")
    p.add_argument("--password", default=None, help="password (prefer $KG_PASSWORD: options show in ps)")
    p.add_argument("--auth", choices=("auto", "basic", "digest"), default="auto",
                   help="authentication scheme (default: what the store asks for)")
    p.add_argument("--chunk-size", type=int, default=None, metavar="N", help="triples per request (default: 50000)")
    p.add_argument("--timeout", type=float, default=300, metavar="S", help="seconds per request (default: 300)")
    p.add_argument("--progress", action="store_true", help="show progress on stderr even when it is not a terminal")
    p.add_argument("--no-verify", action="store_true", help="skip the count check afterwards")
    p.set_defaults(func=run_push)


def _format(name: str) -> str:
    from kg.export import KINDS

    try:
        return formats.get(name, KINDS).name
    except Exception as e:
        raise argparse.ArgumentTypeError(str(e)) from None


def _graph(args: argparse.Namespace):
    return open_graph(args, shacl=True)


def run_export(args: argparse.Namespace) -> int:
    from kg.export import export, write_export

    opts = {"source": args.source, "ontology": args.with_ontology, "inferred": args.with_inferred}
    graph = _graph(args)
    if args.output in (None, "-"):
        data = export(graph, args.format or "turtle", table=args.table, **opts)
        sys.stdout.buffer.write(data)
        sys.stdout.buffer.flush()
        return 0
    for path in write_export(graph, args.output, args.format, table=args.table, **opts):
        print(f"wrote {path} ({path.stat().st_size:,} bytes)")
    return 0


def _auth(args: argparse.Namespace):
    import os

    from kg.remote import auth_from

    password = args.password
    user = args.user or os.environ.get("KG_USER")
    if user and password is None and "KG_PASSWORD" not in os.environ and sys.stdin.isatty():
        import getpass

        password = getpass.getpass(f"password for {user}: ")
    return auth_from(user, password, args.auth)


def _progress(args: argparse.Namespace):
    if not (args.progress or sys.stderr.isatty()):
        return None

    tty = sys.stderr.isatty()

    def show(done: int, chunks: int, sent: int, total: int) -> None:
        width = 30
        filled = width if not total else width * sent // total
        text = f"[{'#' * filled}{'.' * (width - filled)}] {done}/{chunks} requests, {sent:,}/{total:,} triples"
        # On a terminal the bar redraws itself; elsewhere (a log) one line per request.
        if tty:
            print("\r" + text, end="\n" if done == chunks else "", file=sys.stderr, flush=True)
        else:
            print(text, file=sys.stderr, flush=True)

    return show


def run_push(args: argparse.Namespace) -> int:
    from kg.remote import CHUNK_SIZE, push_dataset, push_graph

    options = {"append": args.append, "auth": _auth(args), "chunk_size": args.chunk_size or CHUNK_SIZE,
               "query_endpoint": args.query_endpoint, "verify": not args.no_verify,
               "progress": _progress(args), "timeout": args.timeout,
               "source": args.source, "ontology": args.with_ontology, "inferred": args.with_inferred}
    graph = _graph(args)
    if args.dataset:
        reports = push_dataset(graph, args.endpoint, **options)
    else:
        reports = [push_graph(graph, args.endpoint, args.target_graph, **options)]
    for report in reports:
        print(report)
    return 0
