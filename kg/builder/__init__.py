"""The build stage: validated facts -> the dataset in an Oxigraph store, the inferences, the SHACL check.

- ``kg.builder.merge``: the merged view of what the sources say, and their conflicts;
- ``kg.builder.quads``: facts -> N-Quads text by graph (one graph per source, the merged view in the default
  graph, the registry, the conflicts);
- ``kg.builder.infer``: the inferred graph;
- ``kg.builder.shapes``: the SHACL check of the merged view, violations traced back to the facts files.

>>> store, built = build_store(load_facts("data"))
>>> built.conflicts, len(store) > 1000
([], True)
"""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path

from pyoxigraph import NamedNode, RdfFormat, Store

from kg.builder.merge import Conflict, merge
from kg.builder.quads import Origin, build_dataset
from kg.errors import Problem
from kg.facts.load import load_facts  # noqa: F401  (used by the example)
from kg.facts.model import Facts
from kg.resources import ontology_files
from kg.vocab import ONTOLOGY_GRAPH


@dataclass
class Built:
    """What a build made besides the store: where each node was written, the conflicts, the warnings."""

    origins: dict[str, Origin]
    conflicts: list[Conflict]
    warnings: list[Problem] = field(default_factory=list)
    holders: dict = field(default_factory=dict)  # membership id -> its ``kg.builder.merge.Holder``


def load_ontology(store: Store, ontology_path: Path) -> None:
    """Load the ontology Turtle file into its own named graph."""
    store.load(path=str(ontology_path), format=RdfFormat.TURTLE, to_graph=NamedNode(ONTOLOGY_GRAPH))


def build_store(facts: Facts, *, ontology: str | Path | None = None, store: Store | None = None,
                infer: bool = True, strict: bool = False, progress=None) -> tuple[Store, Built]:
    """Merge the facts, write the dataset into a store (a new in-memory one by default), add the ontology and
    the inferences. Raises ``FactsError`` for conflicts that stop a build (with ``strict``: for every one).
    ``progress``: a ``kg.progress.Progress`` that times the stages (merge, quads, store, infer)."""
    from contextlib import nullcontext

    from kg.builder.infer import infer as add_inferred

    def stage(name: str):
        return progress.stage(name) if progress is not None else nullcontext()

    with stage("merge"):
        merged = merge(facts).check(strict)
    onto, _ = ontology_files(ontology)
    with stage("quads"):
        dataset, origins = build_dataset(facts, merged)
        text = dataset.nquads()
        del dataset  # its lines are in the text now: not held through the load and the inference
    with stage("store"):
        store = store if store is not None else Store()
        store.bulk_load(text, format=RdfFormat.N_QUADS)
        del text
        load_ontology(store, onto)
    if infer:
        with stage("infer"):
            add_inferred(store)
    return store, Built(origins, merged.conflicts, holders=merged.holders)


__all__ = ["Built", "build_store", "load_ontology"]
