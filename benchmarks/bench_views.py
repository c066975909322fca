"""Benchmark the served visualizer at corpus size, in headless Chromium: the overview page, then neighbourhoods
and periods on demand.

    python benchmarks/bench_views.py                       # the built corpus of about 1,000,000 quads
    python benchmarks/bench_views.py --quads 100000 --reps 5
    python benchmarks/bench_views.py --file big.nq         # a graph file instead (kg generate --out)
    python benchmarks/bench_views.py --cpu-slowdown 4      # the page's CPU slowed 4x (a slow or busy machine)
    python benchmarks/bench_views.py --graph-html          # only: the time kg build spends writing graph.html

1. The corpus a user gives: ``kg generate --facts`` and ``kg build`` (cached, ``benchmarks/corpus.py``), or
   ``--file``; ``kg serve``'s app serves it on loopback (one query worker). The views are prepared once, in
   the background, on the first request to a ``/views`` route (the mirror of the graph and the overview page):
   ``/views/ready`` starts that, its time is reported, and the measures start when it is done.
2. Chromium opens ``/views`` (every request that is not to loopback is aborted): the time from navigation to the
   page saying it is ready (``html[data-kg-ready]``: the data read, the overview laid out and drawn).
3. For the most central actors of the overview, the page fetches their neighbourhood and merges it into the
   drawing (``kgViz.openNeighbourhood``): the time until it is drawn. Then a month of events (``kgViz.openPeriod``).

Medians over ``--reps`` (fresh page loads for the overview; distinct actors and months for the rest).
Targets (issue 15): overview under 2 s, a neighbourhood under 0.5 s. The load average is printed before and after:
the machine these figures come from is shared. ``--cpu-slowdown N`` has Chromium run each page's scripts and
drawing N times slower (``Emulation.setCPUThrottlingRate``), the same for every run whatever the other jobs do.

``--graph-html``: ``kg.viz.graph_html`` (what ``kg build`` writes to ``graph.html``) on the built corpus, opened
afresh for each run: as a build calls it (the overview read from the store, ``kg.viz.large``, when the view is too
large to draw), and with the whole mirror built first (as before ``kg.viz.large``); both give the same bytes.
"""

from __future__ import annotations

import argparse
import json
import os
import statistics
import sys
import threading
import time
import urllib.request
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("--quads", type=int, default=1_000_000, help="about this many quads built (default: 1,000,000)")
    ap.add_argument("--file", type=Path, default=None, help="a graph to serve instead of generating one")
    ap.add_argument("--reps", type=int, default=5)
    ap.add_argument("--cpu-slowdown", type=float, default=1.0, help="slow each page's CPU this many times (CDP)")
    ap.add_argument("--graph-html", action="store_true", help="time graph_html only (see the docstring)")
    args = ap.parse_args(argv)
    print(f"load average {os.getloadavg()[0]:.1f} (2-core machine: {os.cpu_count()} CPUs)")

    from playwright.sync_api import sync_playwright

    from kg.serve import App, Settings, make_server
    from kg.viz.screenshot import CHROMIUM_ARGS, chromium_executable
    from tests.realtools import block_non_local

    path = args.file
    if path is None:
        sys.path.insert(0, str(ROOT / "benchmarks"))
        from corpus import built

        data, path, info = built(args.quads)
        print(f"corpus: {data.parent.name}: {info['quads']:,} quads built by kg build (cached)")
    if args.graph_html:
        if args.file is not None:
            raise SystemExit("--graph-html times the built corpus (give --quads, not --file)")
        return graph_html(path, args.reps)
    t0 = time.perf_counter()
    app = App.open(str(path), Settings(workers=1, port=0))
    print(f"store ready in {time.perf_counter() - t0:.1f} s ({app.stats['quads']:,} quads)")
    server = make_server(app)
    threading.Thread(target=server.serve_forever, daemon=True).start()
    base = app.base_url
    try:
        app.views.wait(600)
        ready = json.loads(urllib.request.urlopen(base + "/views/ready").read())
        if not ready["ready"]:
            print(f"views failed: {ready['error']}")
            return 1
        print(f"views prepared in the background in {ready['seconds']:.1f} s (mirror, event index, overview)")
        size = len(urllib.request.urlopen(base + "/views").read())
        results = measure(base, args.reps, sync_playwright, CHROMIUM_ARGS, chromium_executable(), block_non_local,
                          args.cpu_slowdown)
    finally:
        server.shutdown()
        app.close()
    slowed = f"; the page's CPU slowed {args.cpu_slowdown:g}x" if args.cpu_slowdown != 1.0 else ""
    print(f"overview page: {size:,} bytes; load average now {os.getloadavg()[0]:.1f}{slowed}")
    for name, (values, target) in results.items():
        med = statistics.median(values)
        if name.startswith("frame"):
            worst = sorted(values)[int(0.95 * (len(values) - 1))]
            print(f"{name:<28} median {med * 1000:.1f} ms ({1 / med:.0f} frames/s)  p95 {worst * 1000:.1f} ms  "
                  f"max {max(values) * 1000:.1f} ms  n={len(values)} (fluid: median within 33 ms, 30 frames/s: "
                  f"{'met' if med <= 0.0334 else 'MISSED'})")
            continue
        verdict = "" if target is None else f" (target < {target:.1f} s: {'met' if med < target else 'MISSED'})"
        print(f"{name:<28} median {med:.3f} s  min {min(values):.3f}  max {max(values):.3f}  n={len(values)}{verdict}")
    return 0


def graph_html(path: Path, reps: int) -> int:
    from corpus import store_of
    from pyoxigraph import Store

    from kg.graph import KnowledgeGraph
    from kg.viz import graph_html as page

    store = store_of(path)
    timings: dict[str, list[float]] = {"graph_html (as kg build)": [], "  with the whole mirror first": []}
    pages = set()
    for _ in range(reps):
        for name, mirror_first in (("graph_html (as kg build)", False), ("  with the whole mirror first", True)):
            g = KnowledgeGraph(Store.read_only(str(store)))
            t0 = time.perf_counter()
            if mirror_first:
                _ = g.nx
            pages.add(page(g))
            timings[name].append(time.perf_counter() - t0)
    print(f"graph.html: {len(next(iter(pages))):,} bytes, the same both ways: {len(pages) == 1}")
    for name, values in timings.items():
        print(f"{name:<30} median {statistics.median(values):.2f} s  min {min(values):.2f}  n={len(values)}")
    print(f"load average now {os.getloadavg()[0]:.1f}")
    return 0 if len(pages) == 1 else 1


def measure(base: str, reps: int, sync_playwright, args, exe, block, slowdown: float = 1.0) -> dict:  # noqa: ANN001
    out: dict[str, tuple[list[float], float | None]] = {}

    def new_page(context):  # noqa: ANN001, ANN202
        page = context.new_page()
        if slowdown != 1.0:
            context.new_cdp_session(page).send("Emulation.setCPUThrottlingRate", {"rate": slowdown})
        return page

    with sync_playwright() as p:
        browser = p.chromium.launch(executable_path=exe, headless=True, args=list(args))
        try:
            opens = []
            for _ in range(reps):
                context = browser.new_context(viewport={"width": 1600, "height": 1000})
                blocked = block(context)
                page = new_page(context)
                t0 = time.perf_counter()
                page.goto(base + "/views", wait_until="load")
                page.wait_for_selector("html[data-kg-ready='1']", timeout=120_000)
                opens.append(time.perf_counter() - t0)
                if blocked:
                    raise SystemExit(f"the page tried to reach other hosts: {blocked}")
                context.close()
            out["open the overview"] = (opens, 2.0)
            context = browser.new_context(viewport={"width": 1600, "height": 1000})
            page = new_page(context)
            page.goto(base + "/views", wait_until="load")
            page.wait_for_selector("html[data-kg-ready='1']", timeout=120_000)
            # Fluid or not: the time between frames while the overview is zoomed in (labels appear) and out
            # again, and panned, by vis-network's own animation (1.5 s each way), as a user's wheel would.
            frames: list[float] = []
            for _ in range(max(1, reps // 2)):
                frames += page.evaluate("""() => new Promise(done => {
                    const net = kgViz.network, s0 = net.getScale(), p0 = net.getViewPosition(), gaps = [];
                    let last = performance.now(), running = true;
                    const tick = now => {
                      gaps.push(now - last); last = now; if (running) requestAnimationFrame(tick);
                    };
                    requestAnimationFrame(tick);
                    net.moveTo({ scale: s0 * 4, position: { x: p0.x + 200, y: p0.y - 150 },
                                 animation: { duration: 1500, easingFunction: 'linear' } });
                    setTimeout(() => {
                      net.moveTo({ scale: s0, position: p0, animation: { duration: 1500, easingFunction: 'linear' } });
                      setTimeout(() => { running = false; done(gaps.slice(1).map(g => g / 1000)); }, 1700);
                    }, 1700);
                  })""")
            out["frame while zooming/panning"] = (frames, None)
            actors = page.evaluate("""() => kgViz.data.nodes.filter(n => n.cls === 'Person')
                .sort((a, b) => b.value - a.value || (a.id < b.id ? -1 : 1)).slice(0, 40).map(n => n.id)""")
            hood, fetched = [], []
            for actor in actors[:reps]:  # each asked for the first time (the server keeps answers given)
                t0 = time.perf_counter()
                added = page.evaluate("id => kgViz.openNeighbourhood(id)", actor)
                page.evaluate("() => new Promise(r => requestAnimationFrame(() => requestAnimationFrame(r)))")
                hood.append(time.perf_counter() - t0)
                if not added and not page.evaluate("() => kgViz.data.nodes.length"):
                    raise SystemExit("no neighbourhood was added")
            for actor in actors[reps:2 * reps]:  # the next most central ones: the server's answer alone
                fetched.append(page.evaluate("""id => { const t = performance.now();
                    return fetch(kgViz.data.serve.neighbourhood + '?depth=1&focus=' + encodeURIComponent(id))
                      .then(r => r.json()).then(() => (performance.now() - t) / 1000); }""", actor))
            out["open a neighbourhood"] = (hood, 0.5)
            out["  its answer alone (fetch)"] = (fetched, None)
            months = page.evaluate("""n => { const c = {}; kgViz.data.nodes.forEach(x => { if (x.start)
                c[x.start.slice(0, 7)] = (c[x.start.slice(0, 7)] || 0) + 1; });
                return Object.keys(c).sort((a, b) => c[b] - c[a] || (a < b ? -1 : 1)).slice(0, n); }""", reps)
            sliced = []
            for month in months:
                page.evaluate("""m => { const [y, mo] = m.split('-').map(Number);
                    const last = new Date(Date.UTC(y, mo, 0)).toISOString().slice(0, 10);
                    document.getElementById('from').value = m + '-01'; document.getElementById('to').value = last; }""",
                              month)
                t0 = time.perf_counter()
                page.evaluate("() => kgViz.openPeriod()")
                page.evaluate("() => new Promise(r => requestAnimationFrame(() => requestAnimationFrame(r)))")
                sliced.append(time.perf_counter() - t0)
            out["open a month (time slice)"] = (sliced, None)
            context.close()
        finally:
            browser.close()
    return out


if __name__ == "__main__":
    sys.exit(main())
