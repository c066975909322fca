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

from kg.api import build, validate, write_outputs
from kg.errors import FactsError, KGError, OutputError, Problem, QueryError, ShapeError, UnknownEntityError
from kg.graph import KnowledgeGraph, Summary

__version__ = "0.1.0"


def load(path: str = "out") -> KnowledgeGraph:
    """Open a graph written by ``kg build`` (its output folder or a TriG file)."""
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
