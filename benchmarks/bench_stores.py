"""Benchmark: a large graph into other stores, by their bulk loaders and by ``kg push``, in quads per second.

    python benchmarks/bench_stores.py                    # the built corpus of about 1,000,000 quads
    python benchmarks/bench_stores.py --quads 200000 --skip-push
    python benchmarks/bench_stores.py --file big.nq      # an N-Quads file instead (kg generate --out)

1. The corpus a user gives: ``kg generate --facts`` and ``kg build`` (cached, ``benchmarks/corpus.py``), its
   whole dataset written as N-Quads (the merged view in the default graph, one graph per source, the registry,
   the conflicts, the ontology, the inferred triples), as ``kg export --format nq --with-ontology
   --with-inferred`` writes it.
2. Each loader takes the file, timed from start to a store that answers (the same count of quads checked):
   pyoxigraph's ``Store.bulk_load`` (the baseline, in process), ``oxigraph load`` (Oxigraph server's bulk
   path), Jena ``tdb2.tdbloader`` (Debian's Jena 4.5), and Virtuoso 7.2's bulk loader
   (``ld_dir`` / ``rdf_loader_run`` / ``checkpoint``; the default graph's quads go to graph/merged).
3. ``kg push --dataset`` of the same graph over the Graph Store Protocol to Virtuoso and to Oxigraph
   server, for comparison (one request per 50,000 triples, a count check per graph).

Prints quads per second and the ratio to pyoxigraph's bulk load. Needs what ``.ci/run`` installs (Jena,
Virtuoso) and the ``oxigraph`` command of the test extra; uses the throwaway servers of ``tests/realtools.py``
(loopback, temporary folders).
"""

from __future__ import annotations

import argparse
import platform
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from kg.table import format_table  # noqa: E402


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--quads", type=int, default=1_000_000, help="size of the corpus (default: 1,000,000)")
    parser.add_argument("--file", type=Path, default=None, help="an existing .nq corpus instead of generating one")
    parser.add_argument("--skip-push", action="store_true", help="leave out kg push (slow: minutes at 1M)")
    args = parser.parse_args(argv)

    from pyoxigraph import RdfFormat, Store

    from kg.generate import load
    from kg.remote import Auth, push_dataset
    from kg.vocab import MERGED_GRAPH
    from tests import realtools

    with tempfile.TemporaryDirectory(prefix="kg-bench-stores-") as tmp:
        path = args.file or Path(tmp) / "corpus.nq"
        if args.file is None:
            sys.path.insert(0, str(ROOT / "benchmarks"))
            from corpus import built, store_of

            data, out, info = built(args.quads)
            Store.read_only(str(store_of(out))).dump(str(path), format=RdfFormat.N_QUADS)
            print(f"corpus: {data.parent.name}: {info['quads']:,} quads built by kg build (cached)", flush=True)
        rows: list[list[object]] = []

        t0 = time.perf_counter()
        store = Store()
        store.bulk_load(path=str(path), format=RdfFormat.N_QUADS)
        base = time.perf_counter() - t0
        n = len(store)
        del store
        rows.append(["pyoxigraph Store.bulk_load (baseline)", n, base])
        print(f"{n:,} quads; pyoxigraph bulk load {base:.1f} s", flush=True)

        ox = realtools.OxigraphServer()
        try:
            rows.append(["oxigraph load (Oxigraph server)", n, ox.load(path)])
        finally:
            ox.stop()
        print("oxigraph load done", flush=True)

        rows.append(["Jena tdb2.tdbloader", n, realtools.tdb2_load(Path(tmp) / "tdb2", [path], timeout=3600)])
        print("tdb2.tdbloader done", flush=True)

        with realtools.VirtuosoServer(start_timeout=120) as v:
            seconds = realtools.virtuoso_bulk_load(v, path, MERGED_GRAPH, timeout=3600)
            held = int(v.select("SELECT (COUNT(*) AS ?n) WHERE { GRAPH ?g { ?s ?p ?o } "
                                "FILTER(STRSTARTS(STR(?g), 'https://w3id.org/diplomatic-kg/')) }")[0]["n"]["value"])
            rows.append(["Virtuoso ld_dir + rdf_loader_run + checkpoint", held, seconds])
        print("Virtuoso bulk load done", flush=True)

        if not args.skip_push:
            graph = load(path)
            with realtools.VirtuosoServer(start_timeout=120) as v:
                t0 = time.perf_counter()
                reports = push_dataset(graph, v.crud_url, ontology=True, inferred=True,
                                       auth=Auth(v.user, v.password), timeout=3600)
                rows.append(["kg push --dataset to Virtuoso", sum(r.triples for r in reports),
                             time.perf_counter() - t0])
            print("kg push to Virtuoso done", flush=True)
            with realtools.OxigraphServer() as ox:
                t0 = time.perf_counter()
                reports = push_dataset(graph, ox.store_url, ontology=True, inferred=True, timeout=3600)
                rows.append(["kg push --dataset to Oxigraph server", sum(r.triples for r in reports),
                             time.perf_counter() - t0])
            print("kg push to Oxigraph server done", flush=True)

    table = [[what, f"{q:,}", f"{s:.1f}", f"{q / s:,.0f}", f"{s / base:.1f}x"] for what, q, s in rows]
    print()
    print(format_table(["path", "quads", "seconds", "quads/s", "time / pyoxigraph"], table))
    print(f"\n{platform.machine()}, {platform.system()} {platform.release()}, Python {platform.python_version()}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
