"""What several sub-commands share: which graph to work on.

Every command that reads a graph takes ``--graph PATH`` (what ``kg build`` wrote: its output folder, or a
.trig/.nq file) or, by default, builds the facts of ``--data`` in memory, writing nothing.
"""

from __future__ import annotations

import argparse

DATA_HELP = "the data folder to build from when no graph is given (default: data)"
ONTOLOGY_HELP = "a folder holding dkg.ttl, shapes.ttl and queries/ (default: the ones shipped in the package)"


def add_graph_options(parser: argparse.ArgumentParser, *, flag: str = "--graph", dest: str = "graph") -> None:
    """Add ``--graph PATH`` (or another flag), ``--data DIR`` and ``--ontology-dir DIR`` to a sub-command."""
    group = parser.add_argument_group("which graph")
    group.add_argument(flag, dest=dest, metavar="PATH", default=None,
                       help="a graph built before: a kg build output folder (its store), or a .trig or .nq file "
                       f"(default: {BUILT}/ when kg build made it from the current facts, else the facts of "
                       "data/ built in memory)")
    group.add_argument("--data", default=None, metavar="DIR",
                       help="build the facts of this folder in memory, for one-off use (writes nothing)")
    group.add_argument("--ontology-dir", dest="ontology_dir", default=None, metavar="DIR",
                       help=ONTOLOGY_HELP)


#: Where commands look for what ``kg build`` wrote, when no graph is named.
BUILT = "out"


def open_graph(args: argparse.Namespace, *, dest: str = "graph", shacl: bool = False):
    """The graph the options name: the file or folder given; else what ``kg build`` wrote in ``out/`` when it is
    up to date with ``data/`` (opened, not rebuilt); else the facts built in memory (``--data`` forces that).

    Building for a read-only command skips the SHACL check by default (``kg validate`` and ``kg build``
    run it); the facts are still fully validated.
    """
    from kg.graph import KnowledgeGraph

    path = getattr(args, dest, None)
    if path:  # what was named is opened: nothing to hash or build (a query's start-up stays short)
        return KnowledgeGraph.load(path)
    import sys

    from kg import api, manifest
    from kg.resources import ontology_files

    data = args.data or "data"
    if args.data is None and (built := manifest.read(BUILT)) is not None:
        known = manifest.read_stats(BUILT)  # the files unchanged since the build are not read again
        stale = manifest.changed(built, manifest.inputs_of(data, list(ontology_files(args.ontology_dir)), known))
        if not stale:
            return KnowledgeGraph.load(BUILT)
        shown = ", ".join(stale[:3]) + (f" and {len(stale) - 3} more" if len(stale) > 3 else "")
        print(f"kg: the facts changed since {BUILT}/ was built ({shown}): building them in memory; "
              "run kg build to update it", file=sys.stderr)
    return api.build(data, None, ontology=args.ontology_dir, shacl=shacl)
