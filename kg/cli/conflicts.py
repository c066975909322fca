"""``kg conflicts``: the disagreements between sources, each with every source's file:line and sentence."""

from __future__ import annotations

import argparse

from kg.cli.common import DATA_HELP, ONTOLOGY_HELP


def register(sub: argparse._SubParsersAction) -> None:
    p = sub.add_parser(
        "conflicts", help="list the disagreements between sources",
        formatter_class=argparse.RawDescriptionHelpFormatter,
        description="Merge the facts as kg build does and list every conflict between sources: its kind, the "
        "fact, and what each source says (file:line and sentence). Errors stop a build; warnings do not "
        "(kg build --strict makes them errors).\n\nkinds:\n" + _kinds(),
        epilog="exit status: 0 when there is no conflict, 1 when there is at least one")
    p.add_argument("--data", default="data", metavar="DIR", help=DATA_HELP)
    p.add_argument("--ontology-dir", dest="ontology_dir", default=None, metavar="DIR", help=ONTOLOGY_HELP)
    p.add_argument("--kind", action="append", default=[], metavar="KIND", help="only conflicts of this kind")
    p.set_defaults(func=run)


def _kinds() -> str:
    from kg.builder.merge import CONFLICT_KINDS

    return "\n".join(f"  {k:17} {sev:8} {what}" for k, (sev, what) in CONFLICT_KINDS.items())


def run(args: argparse.Namespace) -> int:
    from kg.builder.merge import CONFLICT_KINDS, merge
    from kg.errors import QueryError
    from kg.facts.load import load_facts

    unknown = [k for k in args.kind if k not in CONFLICT_KINDS]
    if unknown:
        raise QueryError(f"unknown conflict kind {unknown[0]!r}: expected one of {', '.join(CONFLICT_KINDS)}")
    conflicts = [c for c in merge(load_facts(args.data)).conflicts if not args.kind or c.kind in args.kind]
    for c in conflicts:
        print(c)
        print()
    errors = sum(c.severity == "error" for c in conflicts)
    print(f"{len(conflicts)} conflict(s): {errors} error(s), {len(conflicts) - errors} warning(s)")
    return 1 if conflicts else 0
