"""Take a PNG screenshot of a page written by ``kg viz``, in headless Chromium, offline.

    python -m kg.viz.screenshot out/graph.html docs/seed-graph.png [--width 1600 --height 1000] [--select NAME]

Uses the system Chromium (Debian ``chromium``; ``$KG_CHROMIUM`` to name another binary) through the Python
``playwright`` package with ``executable_path``: no browser is downloaded. Every request that is not to a
local file is aborted (an offline page makes none). ``--select`` finds an entity with the page's own search
box, so that its neighbourhood is highlighted and its details panel shown.
"""

from __future__ import annotations

import argparse
import os
import shutil
import sys
from pathlib import Path

from kg.errors import KGError, OutputError

#: Flags that keep headless Chromium quiet and offline: no background requests, updates, sync or first-run
#: pages; --no-sandbox because CI runs as root; --disable-dev-shm-usage for a small /dev/shm. The browser
#: tests (tests/realtools.py) use this same list.
CHROMIUM_ARGS = ("--no-sandbox", "--headless", "--disable-gpu", "--disable-background-networking",
                 "--disable-component-update", "--disable-sync", "--no-first-run", "--disable-dev-shm-usage")


def chromium_executable() -> str | None:
    """``$KG_CHROMIUM``, else the first Chromium on the PATH, else None."""
    env = os.environ.get("KG_CHROMIUM")
    if env:
        return env
    return next((p for p in map(shutil.which, ("chromium", "chromium-browser", "google-chrome")) if p), None)


def screenshot(html: str | Path, png: str | Path, *, width: int = 1600, height: int = 1000,
               select: str | None = None, timeout: float = 120.0) -> Path:
    """Open ``html`` in headless Chromium, wait until the layout has settled, and save a PNG to ``png``.

    Raises ``OutputError`` when Chromium or playwright is missing, the page reports an error, or it
    tries to reach another host.
    """
    page_file = Path(html).resolve()
    if not page_file.is_file():
        raise OutputError(f"no page at {page_file}: write one with kg viz")
    exe = chromium_executable()
    if exe is None:
        raise OutputError("no Chromium found: install the Debian package chromium (or set KG_CHROMIUM)")
    try:
        from playwright.sync_api import Error as PlaywrightError
        from playwright.sync_api import sync_playwright
    except ImportError as e:
        raise OutputError(f"taking a screenshot needs the playwright package: pip install playwright ({e})") from e
    out = Path(png)
    problems: list[str] = []
    blocked: list[str] = []

    def route(r) -> None:  # noqa: ANN001 - a playwright Route
        if r.request.url.startswith(("file:", "data:", "blob:", "about:")):
            r.continue_()
        else:
            blocked.append(r.request.url)
            r.abort()

    try:
        with sync_playwright() as p:
            browser = p.chromium.launch(executable_path=exe, headless=True, args=list(CHROMIUM_ARGS))
            try:
                context = browser.new_context(viewport={"width": width, "height": height})
                context.route("**/*", route)
                page = context.new_page()
                page.on("console", lambda m: problems.append(m.text) if m.type == "error" else None)
                page.on("pageerror", lambda e: problems.append(str(e)))
                page.goto(page_file.as_uri(), wait_until="load")
                page.wait_for_selector("html[data-kg-ready='1']", timeout=timeout * 1000)
                if select:
                    page.fill("#query", select)
                    page.click("#search button[type=submit]")
                    page.wait_for_timeout(600)  # the focus animation
                page.wait_for_timeout(200)
                out.parent.mkdir(parents=True, exist_ok=True)
                page.screenshot(path=str(out))
            finally:
                browser.close()
    except PlaywrightError as e:
        raise OutputError(f"Chromium could not take the screenshot: {e}") from e
    if blocked:
        raise OutputError(f"the page tried to reach other hosts: {', '.join(sorted(set(blocked)))}")
    if problems:
        raise OutputError("the page reported errors: " + "; ".join(problems))
    return out


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(prog="python -m kg.viz.screenshot", description=__doc__.split("\n\n")[0])
    ap.add_argument("html", help="the page written by kg viz")
    ap.add_argument("png", help="the PNG file to write")
    ap.add_argument("--width", type=int, default=1600)
    ap.add_argument("--height", type=int, default=1000)
    ap.add_argument("--select", metavar="NAME", help="search for this entity and show its details")
    args = ap.parse_args(argv)
    try:
        path = screenshot(args.html, args.png, width=args.width, height=args.height, select=args.select)
    except KGError as e:
        print(f"screenshot: error: {e}", file=sys.stderr)
        return 1
    print(f"wrote {path} ({path.stat().st_size:,} bytes)")
    return 0


if __name__ == "__main__":  # pragma: no cover
    sys.exit(main())
