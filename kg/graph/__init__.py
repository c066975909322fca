"""The built graph: ``KnowledgeGraph`` (the Oxigraph store, an rdflib view of it) and its networkx mirrors.

- ``kg.graph.core``: ``KnowledgeGraph`` and ``Summary``;
- ``kg.graph.mirror``: RDF -> networkx (the whole graph, the actor network), derived and never edited back.
"""

from __future__ import annotations

from kg.graph.core import DEFAULT, KnowledgeGraph, Summary

__all__ = ["DEFAULT", "KnowledgeGraph", "Summary"]
