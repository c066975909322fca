"""``kg init DIR``: a new project folder (registry, facts, sources, your own questions)."""

from __future__ import annotations

import argparse


def register(sub: argparse._SubParsersAction) -> None:
    p = sub.add_parser("init", help="create a new project folder",
                       description="Create a project: data/entities.yaml (an empty registry), data/facts/, "
                       "data/sources/, queries/ (your own named questions) and a README. Every kg command then "
                       "works from inside it.")
    p.add_argument("folder", metavar="DIR", help="the new folder (must not exist, or be empty)")
    p.add_argument("--example", action="store_true", help="start from the bundled example (the seed article)")
    p.set_defaults(func=run)


def run(args: argparse.Namespace) -> int:
    from kg.project import init_project

    for path in init_project(args.folder, example=args.example):
        print(f"created {path}")
    print(f"next: cd {args.folder} && kg validate && kg build")
    return 0
