"""The library calls behind ``kg build`` and ``kg validate``.

>>> import kg
>>> g = kg.build("data")                   # validate and build, write nothing   # doctest: +SKIP
>>> g = kg.build("data", out="out")        # ... and write out/graph.trig, out/graph.ttl, ...  # doctest: +SKIP
"""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

from kg.errors import FactsError, ShapeError
from kg.graph import KnowledgeGraph
from kg.resources import ontology_files


def build(data: str | Path = "data", out: str | Path | None = None, *, ontology: str | Path | None = None,
          shacl: bool = True, infer: bool = True, strict: bool = False, progress=None,
          full: bool = False, kept=None) -> KnowledgeGraph:
    """Read and validate the facts in ``data``, merge them, build the graph, check the SHACL shapes, and (when
    ``out`` is given) write the outputs there atomically, as one new generation.

    With ``out``, the build is incremental (``kg.incremental``): it starts from the current generation of
    ``out`` and redoes only what the changed files touch, with the same result as a full build (``full``
    forces one). ``progress``: a ``kg.progress.Progress`` that shows and times the stages. ``kept``: a
    ``kg.incremental.Kept`` to pass to every build into ``out`` in a long-running process (``kg build
    --watch`` does): each build then starts from what the last one left in memory, not from disk.

    Raises ``FactsError`` or ``ShapeError`` listing every problem (conflicts between sources that stop a build
    included; with ``strict`` every conflict stops it); in that case nothing is written and the previous
    outputs stay as they were.
    """
    if out is not None:
        from kg.incremental import build_into

        return build_into(data, out, ontology=ontology, shacl=shacl, infer=infer, strict=strict,
                          progress=progress, full=full, kept=kept)
    from kg.builder import build_store
    from kg.builder.shapes import check_shapes, enforce
    from kg.facts.load import load_facts
    from kg.progress import Progress

    progress = progress or Progress(show=False)
    _, shapes = ontology_files(ontology)
    with progress.stage("read"):
        facts = load_facts(data)
    store, built = build_store(facts, ontology=ontology, infer=infer, strict=strict, progress=progress)
    warnings = list(facts.warnings)
    if shacl:
        with progress.stage("shapes"):
            warnings += enforce(check_shapes(store, shapes, built.origins))
    progress.done()
    return KnowledgeGraph(store, warnings=warnings, origins=built.origins, conflicts=built.conflicts)


def validate(data: str | Path = "data", *, ontology: str | Path | None = None) -> KnowledgeGraph:
    """Everything ``build`` checks, writing nothing. Returns the graph (its ``warnings`` included)."""
    return build(data, None, ontology=ontology)


def _graph_html(graph: KnowledgeGraph) -> bytes:
    from kg.viz import graph_html  # the visualizer is a later stage: loaded only when a page is written

    return graph_html(graph)


#: What ``kg build`` writes, file name -> function of the graph giving the bytes. Order is the print order.
OUTPUTS: dict[str, Callable[[KnowledgeGraph], bytes]] = {
    "graph.trig": KnowledgeGraph.to_trig,
    "graph.ttl": KnowledgeGraph.to_turtle,
    "graph.html": lambda graph: _graph_html(graph),
}


#: What a generation holds besides the files of ``OUTPUTS``: the on-disk store and the manifest.
STORE = "store"


def write_outputs(graph: KnowledgeGraph, out: str | Path, inputs: dict | None = None) -> list[Path]:
    """Write a new generation of ``out`` (``kg.generations``): every output of ``OUTPUTS``, the graph as an
    on-disk Oxigraph store (``store/``) and ``manifest.json`` (the ``inputs`` and a hash of each output);
    then switch to it at once. If anything fails, ``out`` is as it was.
    """
    import hashlib

    from kg import manifest
    from kg.generations import new_generation
    from kg.graph.core import copy_to_disk

    folder = Path(out)
    rendered = {name: render(graph) for name, render in OUTPUTS.items()}
    names = [*OUTPUTS, STORE, manifest.NAME]
    with new_generation(folder, names) as gen:
        for name, data in rendered.items():
            (gen / name).write_bytes(data)
        copy_to_disk(graph.store, gen / STORE)
        record = {**(inputs or {}), "quads": graph.quad_count(),
                  "outputs": {n: hashlib.sha256(d).hexdigest() for n, d in rendered.items()}}
        (gen / manifest.NAME).write_bytes(manifest.dump(record))
    return [folder / name for name in OUTPUTS]


__all__ = ["FactsError", "ShapeError", "build", "validate", "write_outputs"]
