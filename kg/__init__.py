"""diplomatic-kg: news about diplomatic encounters as a knowledge graph you can query, explore and share.

The public API::

    import kg
    g = kg.build("data", out="out")   # validate, build, SHACL-check, write out/graph.trig, out/graph.ttl
    g.store                           # the pyoxigraph Store: the single source of truth
    g.rdflib                          # an rdflib Dataset over the same store
    g.nx, g.actors                    # networkx mirrors: whole graph, actor network
    kg.load("out")                    # open what a build wrote

Importing ``kg`` does no work: heavy modules load when first used.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from kg.errors import FactsError, KGError, OutputError, Problem, QueryError, ShapeError, UnknownEntityError

if TYPE_CHECKING:
    from kg.api import build, validate, write_outputs
    from kg.graph import KnowledgeGraph, Summary

__version__ = "0.1.0"

#: Names loaded when first used (PEP 562), so that ``import kg`` (and every ``kg`` command) starts fast.
_LAZY = {"build": "kg.api", "validate": "kg.api", "write_outputs": "kg.api", "KnowledgeGraph": "kg.graph",
         "Summary": "kg.graph"}


def __getattr__(name: str) -> Any:
    if name in _LAZY:
        import importlib

        value = getattr(importlib.import_module(_LAZY[name]), name)
        globals()[name] = value
        return value
    raise AttributeError(f"module 'kg' has no attribute {name!r}")


def load(path: str = "out") -> KnowledgeGraph:
    """Open a graph written by ``kg build`` (its output folder or a TriG file)."""
    from kg.graph import KnowledgeGraph

    return KnowledgeGraph.load(path)


__all__ = [
    "FactsError",
    "KGError",
    "KnowledgeGraph",
    "OutputError",
    "Problem",
    "QueryError",
    "ShapeError",
    "Summary",
    "UnknownEntityError",
    "build",
    "load",
    "validate",
    "write_outputs",
]
