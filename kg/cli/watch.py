"""``kg build --watch``: rebuild each time an input is saved, and say at once what is wrong.

The inputs (the data folder: registry, facts files, source texts; the ontology and shapes) are polled every
``POLL`` seconds by modification time and size: portable, no dependency, and cheap next to a build. A build
that fails prints its problems (``file:line: field: expected ...``) and the loop goes on; the outputs stay
those of the last build that succeeded.
"""

from __future__ import annotations

import argparse
import os
import sys
import time
from pathlib import Path

#: Seconds between two looks at the inputs.
POLL = 0.3


def snapshot(folders: list[Path]) -> dict[str, tuple[int, int]]:
    """(modification time in ns, size) of every file under ``folders``."""
    out = {}
    for folder in folders:
        for root, dirs, files in os.walk(folder):
            dirs[:] = [d for d in dirs if not d.startswith(".") and d != "__pycache__"]
            for name in files:
                path = os.path.join(root, name)
                try:
                    st = os.stat(path)
                except OSError:
                    continue
                out[path] = (st.st_mtime_ns, st.st_size)
    return out


def _once(args: argparse.Namespace, kept) -> bool:
    from kg.cli.build import build_once, built_line
    from kg.errors import FactsError, KGError, ShapeError

    try:
        graph, seconds, progress = build_once(args, kept=kept)
    except (FactsError, ShapeError) as e:
        problems = e.problems
        print(f"{len(problems)} problem(s); the outputs are those of the last good build:")
        for p in problems:
            print(f"  {p}")
        return False
    except KGError as e:
        print(f"error: {e}")
        return False
    for w in graph.warnings:
        print(f"  warning: {w}")
    print(built_line(graph, seconds, progress))
    return True


def watch(args: argparse.Namespace) -> int:
    from kg.incremental import Kept
    from kg.resources import ontology_dir

    kept = Kept()  # each build starts from the state the one before left in memory
    folders = [Path(args.data), Path(args.ontology_dir) if args.ontology_dir else ontology_dir()]
    print(f"watching {', '.join(map(str, folders))} (Ctrl-C stops)", flush=True)
    try:
        seen = snapshot(folders)
        _once(args, kept)
        sys.stdout.flush()
        while True:
            time.sleep(POLL)
            now = snapshot(folders)
            if now == seen:
                continue
            time.sleep(POLL)  # let an editor finish writing (it may save in several steps)
            before, seen = seen, snapshot(folders)
            changed = sorted(p for p in set(before) | set(seen) if before.get(p) != seen.get(p))
            if not changed:
                continue
            names = ", ".join(changed[:3]) + (f" and {len(changed) - 3} more" if len(changed) > 3 else "")
            print(f"{time.strftime('%H:%M:%S')} changed: {names}; rebuilding", flush=True)
            _once(args, kept)
            sys.stdout.flush()
    except KeyboardInterrupt:
        print("stopped", flush=True)
        return 0
