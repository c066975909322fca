"""``kg path``, ``kg neighbors``, ``kg rank`` and ``kg communities``: graph queries over the networkx mirrors."""

from __future__ import annotations

import argparse

from kg.cli.common import add_graph_options, open_graph


def register(sub: argparse._SubParsersAction) -> None:
    common = argparse.ArgumentParser(add_help=False)
    add_graph_options(common)
    common.add_argument("--from", dest="start", metavar="DATE",
                        help="only events that may have happened on or after DATE (YYYY, YYYY-MM or YYYY-MM-DD)")
    common.add_argument("--to", dest="end", metavar="DATE",
                        help="only events that may have happened on or before DATE")
    links = argparse.ArgumentParser(add_help=False)
    links.add_argument("--avoid", action="append", default=[], metavar="CLASS",
                       help="do not pass through nodes of this class, e.g. dkg:Topic (repeatable)")

    p = sub.add_parser("path", parents=[common, links], help="the shortest connection between two entities",
                       description="The shortest connection between two entities (ids, labels or aliases) over the "
                       "whole graph, explained hop by hop. Provenance is not a connection: source documents, "
                       "derivations and the topic scheme are left out. Exit 1 when there is no path.")
    p.add_argument("a", help="the first entity")
    p.add_argument("b", help="the second entity")
    p.set_defaults(func=run_path)

    n = sub.add_parser("neighbors", parents=[common, links], help="what lies within N hops of an entity",
                       description="Everything within N hops of an entity over the same links as `kg path`.")
    n.add_argument("x", help="the entity")
    n.add_argument("--depth", type=int, default=1, help="how many hops (default: 1)")
    n.add_argument("--limit", type=int, default=None, help="show at most this many")
    n.set_defaults(func=run_neighbors)

    r = sub.add_parser("rank", parents=[common], help="rank the actors by a centrality",
                       description="Rank persons and organizations in the actor network (linked by shared events). "
                       "Betweenness is sampled with a fixed seed on large networks, and the output says so.")
    r.add_argument("--by", choices=("degree", "betweenness", "pagerank"), default="degree",
                   help="the centrality (default: degree, the number of distinct actors met)")
    r.add_argument("--limit", type=int, default=20, help="show the first N (default: 20; 0 for all)")
    r.add_argument("--seed", type=int, default=0, help="seed of the betweenness sample (default: 0)")
    r.set_defaults(func=run_rank)

    c = sub.add_parser("communities", parents=[common], help="groups of actors that meet among themselves",
                       description="Louvain communities of the actor network, weighted by shared events.")
    c.add_argument("--min-size", type=int, default=2, help="hide smaller communities (default: 2)")
    c.add_argument("--limit", type=int, default=None, help="show the first N communities")
    c.add_argument("--seed", type=int, default=0, help="seed of the Louvain method (default: 0)")
    c.set_defaults(func=run_communities)


def run_path(args: argparse.Namespace) -> int:
    from kg.query.network import shortest_path

    found = shortest_path(open_graph(args), args.a, args.b, start=args.start, end=args.end, avoid=args.avoid)
    print(found.text())
    return 0


def run_neighbors(args: argparse.Namespace) -> int:
    from kg.query.network import neighbors, neighbors_table

    found = neighbors(open_graph(args), args.x, args.depth, start=args.start, end=args.end, avoid=args.avoid)
    print(neighbors_table(found[: args.limit]))
    if args.limit is not None and len(found) > args.limit:
        print(f"\n{len(found) - args.limit} more not shown (--limit)")
    return 0


def run_rank(args: argparse.Namespace) -> int:
    from kg.query.network import rank

    ranking = rank(open_graph(args), args.by, start=args.start, end=args.end, seed=args.seed)
    print(ranking.table(args.limit or None))
    return 0


def run_communities(args: argparse.Namespace) -> int:
    from kg.query.network import communities, communities_table

    found = communities(open_graph(args), start=args.start, end=args.end, min_size=args.min_size,
                        seed=args.seed)
    print(communities_table(found[: args.limit]) if found else f"no community of {args.min_size} or more actors")
    return 0
