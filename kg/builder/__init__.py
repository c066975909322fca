"""The build stage: validated facts -> quads in an Oxigraph store, the inferences, the SHACL check.

- ``kg.builder.quads``: facts -> quads (named graphs, provenance, deterministic IRIs), the inferred graph;
- ``kg.builder.shapes``: the SHACL check of the built graph, violations traced back to the facts files.
"""
