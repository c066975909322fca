"""``kg query`` (SPARQL text, a ``.rq`` file or a named question) and ``kg search`` (entities by name)."""

from __future__ import annotations

import argparse
import re
import sys
from pathlib import Path

from kg import formats
from kg.cli.common import add_graph_options, open_graph

_NAME = re.compile(r"[a-z0-9][a-z0-9-]*")


def register(sub: argparse._SubParsersAction) -> None:
    from kg.query.resolve import KINDS

    common = argparse.ArgumentParser(add_help=False)
    add_graph_options(common)
    q = sub.add_parser(
        "query", parents=[common], help="run SPARQL or a named question",
        formatter_class=argparse.RawDescriptionHelpFormatter,
        description="Run a SPARQL 1.1 query (SELECT, ASK, CONSTRUCT, DESCRIBE) on the Oxigraph engine, given\n"
        "inline, in a .rq file, on stdin (-), or by the name of a question (kg query --list).\n"
        "The prefixes dkg:, id:, org:, prov:, schema:, skos:, rdfs:, xsd: ... are predeclared.\n"
        "SERVICE is refused unless --allow-service: queries do not reach the network.",
        epilog="examples:\n"
        "  kg query --list\n"
        "  kg query meetings-of --param actor=zarif\n"
        "  kg query 'SELECT ?m WHERE { ?m a dkg:Meeting }' --format csv\n"
        "  kg query my-question.rq --param from=2025-02-01")
    q.add_argument("query", nargs="?", metavar="QUERY",
                   help="SPARQL text, a .rq file, - for stdin, or the name of a question")
    q.add_argument("-p", "--param", action="append", default=[], metavar="NAME=VALUE",
                   help="bind a parameter (repeatable); names accept an id, a label or an alias")
    q.add_argument("-f", "--format", choices=formats.names([formats.RESULTS, formats.GRAPH]), default="table",
                   help="table (default), csv, tsv, json, xml (SPARQL results); turtle, ntriples, jsonld, rdfxml "
                   "(graphs)")
    q.add_argument("--graphs", choices=("merged", "all", "union"), default="merged",
                   help="the default graph of SPARQL text: the merged view, every asserted fact once (default); "
                   "all: with the ontology and the inferred triples; union: every graph at once, a fact once per "
                   "source that gives it. GRAPH ?g { } reaches one source's graph in every case")
    q.add_argument("--list", action="store_true", help="list the named questions")
    q.add_argument("--show", action="store_true",
                   help="print the complete SPARQL 1.1 of a named question (prefixes, parameters bound by VALUES) "
                   "instead of running it: the text run here and sent by --endpoint, which other stores run as it is")
    q.add_argument("--allow-service", action="store_true", help="let SERVICE reach other endpoints")
    q.add_argument("--endpoint", metavar="URL", default=None,
                   help="run on a remote SPARQL 1.1 endpoint instead (credentials: $KG_USER, $KG_PASSWORD)")
    q.set_defaults(func=run_query)
    s = sub.add_parser("search", parents=[common], help="find entities by name",
                       description="Find entities whose label, an alias or id matches the text: exactly, by "
                       "prefix, as a substring, or nearly; case and accents do not matter.")
    s.add_argument("text", help="a name, or part of one")
    s.add_argument("--type", choices=list(KINDS), default="entity", help="only entities of this kind")
    s.add_argument("--limit", type=int, default=20, help="at most this many (default: 20)")
    s.set_defaults(func=run_search)


def _params(pairs: list[str]) -> dict[str, str]:
    from kg.errors import QueryError

    out = {}
    for pair in pairs:
        name, eq, value = pair.partition("=")
        if not eq or not name.strip():
            raise QueryError(f"--param takes NAME=VALUE, got {pair!r}")
        out[name.strip()] = value
    return out


def _untyped(value: str):
    """A parameter of SPARQL text has no declared type: an IRI form is an IRI, anything else a string."""
    from pyoxigraph import Literal, NamedNode

    from kg.vocab import PREFIXES

    if value.startswith("<") and value.endswith(">"):
        return NamedNode(value[1:-1])
    if re.match(r"https?://\S+$", value):
        return NamedNode(value)
    prefix, colon, local = value.partition(":")
    if colon and prefix in PREFIXES and not re.search(r"\s", value):
        return NamedNode(PREFIXES[prefix] + local)
    return Literal(value)


def _catalog(args: argparse.Namespace):
    from kg.query.catalog import load_catalog

    return load_catalog(Path(args.ontology_dir) / "queries" if args.ontology_dir else None)


def _list(args: argparse.Namespace) -> int:
    from kg.query.catalog import PARAM_TYPES
    from kg.table import format_table

    catalog = _catalog(args)
    rows = [[name, " ".join(str(p) for p in q.params), q.title] for name, q in catalog.items()]
    print(format_table(["name", "parameters", "question"], rows, max_width=60))
    used = sorted({p.type for q in catalog.values() for p in q.params})
    print("\n" + format_table(["type", "value"], [[t.upper(), PARAM_TYPES[t]] for t in used]))
    print("\nkg query NAME --param NAME=VALUE ... runs one; kg query NAME --show prints its SPARQL and description.")
    return 0


def _named_or_text(args: argparse.Namespace):
    """(a NamedQuery, None) or (None, SPARQL text), from the QUERY argument."""
    from kg.errors import QueryError
    from kg.query.catalog import get_named, parse_named

    given = args.query
    if given == "-":
        return None, sys.stdin.read()
    path = Path(given)
    if _NAME.fullmatch(given) and (given in _catalog(args) or not path.is_file()):
        return get_named(given, _catalog(args)), None
    if given.endswith(".rq") or (len(given) < 256 and "\n" not in given and path.is_file()):
        try:
            text = path.read_text(encoding="utf-8")
        except (OSError, UnicodeDecodeError) as e:
            raise QueryError(f"cannot read the query file {given}: {getattr(e, 'strerror', None) or e}") from e
        if re.search(r"^#\s*title\s*:", text, re.MULTILINE):
            return parse_named(text, path.stem, str(path)), None
        return None, text
    return None, given


def run_query(args: argparse.Namespace) -> int:
    from kg.errors import QueryError
    from kg.query.catalog import run_named
    from kg.query.sparql import run

    if args.list:
        return _list(args)
    if not args.query:
        raise QueryError("give a query (SPARQL text, a .rq file, - or a name), or --list to see the named questions")
    named, text = _named_or_text(args)
    params = _params(args.param)
    if named is not None and args.show:
        return _show(args, named, params)
    if args.endpoint:
        from kg.remote import auth_from, remote_named, remote_query

        if args.graphs != "merged":
            raise QueryError("--graphs is not available with --endpoint: the endpoint decides its default graph")
        if named is not None:
            notes: list[str] = []
            result = remote_named(args.endpoint, named, params, auth=auth_from(), notes=notes)
            _notes(notes)
        else:
            result = remote_query(args.endpoint, text, {k: _untyped(v) for k, v in params.items()},
                                  auth=auth_from(), allow_service=args.allow_service)
        return _print(result, args.format)
    graph = open_graph(args)
    if named is not None:
        if args.graphs != "merged":
            raise QueryError("--graphs is for SPARQL text; a named question says which graphs it reads")
        notes = []
        result = run_named(graph, named, params, notes=notes)
        _notes(notes)
    else:
        bound = {k: _untyped(v) for k, v in params.items()}
        result = run(graph, text, bound, graphs=args.graphs, allow_service=args.allow_service)
    return _print(result, args.format)


def _show(args: argparse.Namespace, named, params: dict[str, str]) -> int:
    """Print the complete text of a named question as it is run and sent: the same bytes either way."""
    from kg.query.catalog import bind_params
    from kg.query.resolve import KINDS

    resolver = None
    if any(p.type in KINDS and params.get(p.name) for p in named.params):  # names to resolve: here or there
        if args.endpoint:
            from kg.remote import auth_from, remote_names

            resolver = remote_names(args.endpoint, auth=auth_from())
        else:
            resolver = open_graph(args)
    if resolver is None:
        from pyoxigraph import Store

        resolver = Store()
    notes: list[str] = []
    bound = bind_params(resolver, named, params, partial=True, notes=notes)
    _notes(notes)
    missing = [p.name for p in named.params if not p.optional and p.name not in bound]
    if missing:
        print(f"kg query: note: {', '.join('?' + m for m in missing)} left UNDEF: give "
              f"{' '.join(f'-p {m}=...' for m in missing)} to bind", file=sys.stderr)
    sys.stdout.write(named.complete(bound))
    return 0


def _notes(notes: list[str]) -> None:
    """What names were taken as (a name given that is not exactly the entity's), on stderr."""
    for n in notes:
        print(f"kg query: note: {n}", file=sys.stderr)


def _print(result, fmt: str) -> int:
    from kg.formats.results import write_result

    n = write_result(result, fmt, sys.stdout)
    if fmt == "table" and result.form == "SELECT":
        print(f"({n} row{'' if n == 1 else 's'})")
    return 0


def run_search(args: argparse.Namespace) -> int:
    from kg.query.resolve import search
    from kg.table import format_table

    graph = open_graph(args)
    found = search(graph, args.text, args.type, args.limit)
    if not found:
        print(f"no entity matches {args.text!r}", file=sys.stderr)
        return 1
    print(format_table(["id", "type", "label", "aliases"],
                       [[m.id, m.type, m.label, "; ".join(m.aliases)] for m in found]))
    print(_as_parameter(graph, args.text, args.type), file=sys.stderr)
    return 0


def _as_parameter(graph, text: str, kind: str) -> str:
    """What a named question's parameter given this text would mean: the same matching as ``--param``."""
    from kg.errors import AmbiguousNameError, UnknownEntityError
    from kg.query.resolve import lookup, note

    try:
        match = lookup(graph, text, kind, close=True)
    except AmbiguousNameError as e:
        return f"kg search: as a parameter, {e}"
    except UnknownEntityError:
        return f"kg search: as a parameter, {text!r} names no entity: give an id"
    return f"kg search: as a parameter, {note(text, match) or f'{text!r} is {match.label} (id:{match.id})'}"
