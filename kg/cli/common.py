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
                       help="a graph built before: a kg build output folder, or a .trig or .nq file "
                       "(default: build the facts of --data in memory)")
    group.add_argument("--data", default="data", metavar="DIR", help=DATA_HELP)
    group.add_argument("--ontology-dir", dest="ontology_dir", default=None, metavar="DIR",
                       help=ONTOLOGY_HELP)


def open_graph(args: argparse.Namespace, *, dest: str = "graph", shacl: bool = False):
    """The graph the options name: the file or folder given, else the facts of ``--data`` built in memory.

    Building for a read-only command skips the SHACL check by default (``kg validate`` and ``kg build``
    run it); the facts are still fully validated.
    """
    from kg import api
    from kg.graph import KnowledgeGraph

    path = getattr(args, dest, None)
    if path:
        return KnowledgeGraph.load(path)
    return api.build(args.data, None, ontology=args.ontology_dir, shacl=shacl)
