"""How long writing the visualizer page takes for a large graph, against pyvis on the same graph.

Run: ``python benchmarks/bench_viz.py [--nodes 10000] [--edges 40000] [--repeat 3] [--no-baseline]``

The graph is synthetic and seeded (persons, organizations, countries, cities and meetings, with
participants, places, roles and part-of links), built straight into a pyoxigraph store, so its actor-centred
view has about ``--nodes`` nodes and ``--edges`` edges. Timed, in the same process:

* ``kg.viz.write``: view + HTML + atomic write, from a graph whose networkx mirror is already built
  (as in ``kg build``, where other outputs use it too), and once more including building the mirror;
* the baseline: ``pyvis.network.Network(directed=True)``, ``add_node``/``add_edge`` for the same nodes and
  edges (labels, titles, colours, shapes), then ``generate_html()``.

Medians of ``--repeat`` runs are printed (the baseline runs once: it is slow), with the ratio.
"""

from __future__ import annotations

import argparse
import random
import statistics
import sys
import tempfile
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from pyoxigraph import Literal, NamedNode, Quad, Store  # noqa: E402

from kg.graph import KnowledgeGraph  # noqa: E402
from kg.vocab import DKG, ID_NS, ORG, PROV, RDF_TYPE, RDFS, SKOS, TIME, XSD  # noqa: E402


def synthetic_graph(nodes: int = 10_000, edges: int = 40_000, seed: int = 7) -> KnowledgeGraph:
    """A KnowledgeGraph whose default view has about ``nodes`` nodes and ``edges`` edges."""
    rnd = random.Random(seed)
    source = ID_NS + "bench-source"
    g = NamedNode(source)
    quads: list[Quad] = []

    def add(s: str, p: str, o: NamedNode | Literal) -> None:
        quads.append(Quad(NamedNode(s), NamedNode(p), o, g))

    def entity(kind: str, i: int, cls: str, label: str) -> str:
        iri = f"{ID_NS}{kind}-{i}"
        add(iri, RDF_TYPE, NamedNode(cls))
        add(iri, RDFS.label, Literal(label))
        return iri

    n_countries, n_cities, n_orgs = nodes // 200, nodes // 30, nodes // 16
    n_persons = nodes * 3 // 10
    n_meetings = nodes - n_countries - n_cities - n_orgs - n_persons
    countries = [entity("country", i, DKG.Country, f"Country {i}") for i in range(n_countries)]
    cities = [entity("city", i, DKG.City, f"City {i}") for i in range(n_cities)]
    for c in cities:
        add(c, DKG.locatedIn, NamedNode(rnd.choice(countries)))
    orgs = [entity("org", i, DKG.Organization, f"Organization {i}") for i in range(n_orgs)]
    persons = [entity("person", i, DKG.Person, f"Person {i} <b>") for i in range(n_persons)]
    for x in orgs + persons:
        add(x, DKG.country, NamedNode(rnd.choice(countries)))
    for p in persons:
        add(p, SKOS.altLabel, Literal(p.rsplit("-", 1)[1] + " alias"))
    roles = [entity("role", i, DKG.Role, f"Role {i}") for i in range(20)]
    actors = persons + orgs
    used = len(cities) + len(orgs) + len(persons)
    meetings = []
    per_meeting = max(1, (edges - used) // max(1, n_meetings) - 2)
    for i in range(n_meetings):
        m = entity("meeting", i, DKG.Meeting, f"Meeting {i}")
        meetings.append(m)
        day = f"2024-{rnd.randint(1, 12):02d}-{rnd.randint(1, 28):02d}"
        add(m, DKG.date, Literal(day, datatype=NamedNode(XSD.date)))
        add(m, DKG.earliestDate, Literal(day, datatype=NamedNode(XSD.date)))
        add(m, DKG.latestDate, Literal(day, datatype=NamedNode(XSD.date)))
        add(m, DKG.datePrecision, NamedNode(TIME.unitDay))
        add(m, DKG.evidence, Literal(f"They met on {day} & agreed <nothing>."))
        add(m, PROV.wasDerivedFrom, NamedNode(source))
        add(m, DKG.location, NamedNode(rnd.choice(cities)))
        for a in rnd.sample(actors, per_meeting):
            add(m, DKG.participant, NamedNode(a))
    for i in range(max(0, edges - used - n_meetings * (per_meeting + 1))):
        m = NamedNode(f"{ID_NS}membership-{i}")
        quads.append(Quad(m, NamedNode(RDF_TYPE), NamedNode(DKG.Membership), g))
        quads.append(Quad(m, NamedNode(ORG.member), NamedNode(rnd.choice(persons)), g))
        quads.append(Quad(m, NamedNode(ORG.organization), NamedNode(rnd.choice(orgs)), g))
        quads.append(Quad(m, NamedNode(ORG.role), NamedNode(rnd.choice(roles)), g))
    store = Store()
    store.extend(quads)
    return KnowledgeGraph(store)


def pyvis_baseline(view, path: Path) -> tuple[float, int]:  # noqa: ANN001 - a kg.viz.View
    """Seconds for pyvis to take the same nodes and edges and write its HTML; the edges it kept."""
    from pyvis.network import Network

    from kg.viz.options import CLASSES

    style = {c.name: c for c in CLASSES}
    t0 = time.perf_counter()
    net = Network(directed=True)
    for n in view.nodes:
        c = style[n["cls"]]
        net.add_node(n["id"], label=n["label"], title=n["label"], color=c.color, shape=c.shape, value=n["value"])
    for e in view.edges:
        net.add_edge(e["from"], e["to"], label=e["label"], title=e["label"])
    path.write_text(net.generate_html(), encoding="utf-8")
    return time.perf_counter() - t0, len(net.edges)


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("--nodes", type=int, default=10_000)
    ap.add_argument("--edges", type=int, default=40_000)
    ap.add_argument("--repeat", type=int, default=3)
    ap.add_argument("--no-baseline", action="store_true", help="skip pyvis (it takes several seconds)")
    ap.add_argument("--keep", type=Path, default=None, help="also write the page here")
    args = ap.parse_args(argv)

    import kg.viz

    t0 = time.perf_counter()
    graph = synthetic_graph(args.nodes, args.edges)
    print(f"synthetic graph: {len(graph.store):,} quads in {time.perf_counter() - t0:.2f} s")
    t0 = time.perf_counter()
    mirror = graph.nx
    mirror_s = time.perf_counter() - t0
    view = kg.viz.build_view(graph)
    print(f"view: {len(view.nodes):,} nodes, {len(view.edges):,} edges "
          f"(mirror: {mirror.number_of_nodes():,} nodes, {mirror.number_of_edges():,} edges, {mirror_s:.2f} s)")

    with tempfile.TemporaryDirectory() as tmp:
        out = Path(tmp) / "graph.html"
        times = []
        for _ in range(args.repeat):
            t0 = time.perf_counter()
            kg.viz.write(graph, out)
            times.append(time.perf_counter() - t0)
        ours = statistics.median(times)
        size = out.stat().st_size
        t0 = time.perf_counter()
        kg.viz.write(KnowledgeGraph(graph.store), out)  # a fresh graph: the mirror is built too
        cold = time.perf_counter() - t0
        if args.keep:
            args.keep.write_bytes(out.read_bytes())
        print(f"kg.viz.write: {ours:.2f} s median of {args.repeat} ({size / 1e6:.1f} MB); "
              f"{cold:.2f} s including the networkx mirror")
        if not args.no_baseline:
            base, kept = pyvis_baseline(view, Path(tmp) / "pyvis.html")
            print(f"pyvis Network(directed=True) add_node/add_edge + generate_html: {base:.2f} s "
                  f"({kept:,} edges kept)")
            print(f"ratio pyvis / kg.viz.write: {base / ours:.1f}x")
    return 0


if __name__ == "__main__":
    sys.exit(main())
