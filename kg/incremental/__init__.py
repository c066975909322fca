"""``kg build`` into an output folder, incrementally: a build after an edit redoes only what the edited files
touch, and writes exactly what a full build of the same inputs would write (``tests/test_incremental.py``
compares every output, byte for byte, over a sequence of edits).

Each generation of ``out/`` (``kg.generations``) holds, beside its outputs, ``cache/state.pickle``: every facts
file's validated records (pickled file by file, so that an edit pickles only its own) keyed by the file's
content hash (and its source text's), the layout of graph.trig and graph.ttl (``kg.graph.blocks``), the origins
of the nodes, the SHACL warnings by node, what the page read (``kg.viz.large.Reads``) and the summary's counts
(quads per graph, each source's row); and ``cache/stats.json``, the stats of the input files. A build:

1. hashes the inputs (``kg.manifest.inputs_of``: a file whose stat is what the last build recorded is not read
   again) and reads the state of the current generation; without a usable one (none, unreadable, another code
   version, another ontology, shapes or registry, other options) it builds everything (``full``), else
2. reads only the facts files that changed (added, removed, renamed, edited, or whose source text changed),
   checks the references of all (``kg.facts.validate``) and merges all (``kg.builder.merge``): both are fast;
3. rebuilds the quads of the events, memberships, statements and sources those files touch
   (``kg.builder.delta``), applies the difference to a checkpoint of the previous store (hard links: no copy),
   infers again for the subjects that changed, checks the shapes of those subjects and of the nodes that
   point at a node whose type changed, rewrites the chunks of the exports that changed, the page, the manifest.

All of it is written as one new generation: a build killed at any moment leaves ``out/`` as it was, and the
next build starts from the generation that is current.
"""

from __future__ import annotations

import gc
import hashlib
import pickle
from pathlib import Path

from kg.collector import paused
from kg.graph import KnowledgeGraph
from kg.progress import Progress

STATE = "cache/state.pickle"
_FACTS_SUFFIXES = (".yaml", ".yml")


def code_version() -> str:
    """A hash of the package's code: any change of it makes the next build a full one."""
    from kg import __version__

    h = hashlib.sha256(__version__.encode())
    root = Path(__file__).resolve().parent.parent  # the kg package
    for p in sorted(root.rglob("*.py")):
        h.update(p.relative_to(root).as_posix().encode() + b"\0" + p.read_bytes())
    return h.hexdigest()


def _facts_keys(files: dict[str, str]) -> list[str]:
    """The facts files of a manifest's ``files``, in the order ``load_facts`` reads them."""
    top = [k for k in files if k.startswith("facts/") and k.count("/") == 1]
    return [k for suffix in _FACTS_SUFFIXES for k in sorted((k for k in top if k.endswith(suffix)),
                                                            key=lambda k: k[len("facts/"):])]


def _text_key(data: Path, text_rel: str) -> str | None:
    from kg.facts.reader import source_text_path

    path = source_text_path(data, text_rel)
    try:
        return path.relative_to(data.resolve()).as_posix() if path is not None else None
    except ValueError:
        return None


def _entry(data: Path, key: str, files: dict[str, str], records: dict) -> dict:
    """What the state keeps of a facts file: its hash, its source texts' hashes, and its records pickled on
    their own (``blob``), so that the next state is written without pickling again the files that did not
    change (at 2,000 files, pickling every record took most of a second)."""
    keys = {t: _text_key(data, t) for t in {s.text_path for s in records["sources"]}}  # each resolved once
    return {"digest": files[key], "texts": {k: files.get(k) for k in keys.values() if k is not None},
            "blob": pickle.dumps(records, protocol=pickle.HIGHEST_PROTOCOL)}


def records_of(entry: dict) -> dict:
    """The records of a facts file's ``entry`` in the state (``_entry``). Thousands of long-lived objects and
    no garbage: run it with the collector paused (``kg.collector``)."""
    return pickle.loads(entry["blob"])


def _group(facts, data: Path, keys: list[str], files: dict[str, str]) -> dict[str, dict]:
    """The records of each facts file (a full build's), keyed like the manifest."""
    from kg.facts.load import _rel

    by_rel: dict[str, dict] = {}
    for key in keys:
        by_rel[_rel(data / key, data)] = {"sources": [], "memberships": [], "events": [], "statements": [],
                                          "declared": {}, "key": key}
    for name in ("sources", "memberships", "events", "statements"):
        for rec in getattr(facts, name):
            by_rel[rec.file][name].append(rec)
    return {r["key"]: _entry(data, r["key"], files, r) for r in by_rel.values()}


def _read_file(data: Path, key: str) -> tuple[dict, list]:
    from kg.facts.load import _read_facts_file

    records: dict = {"sources": [], "memberships": [], "events": [], "statements": [], "declared": {}, "key": key}
    problems: list = []
    _read_facts_file(data / key, data, records["sources"], records["memberships"], records["events"],
                     records["statements"], problems, records["declared"])
    return records, problems


def _assemble(data: Path, entities: dict, keys: list[str], entries: dict[str, dict], read: dict[str, dict]):
    """The ``Facts`` of every file: the records just ``read`` (by key), the others' from their entries."""
    from kg.facts.model import Facts

    facts = Facts(dict(entities), [], [], [], [], files=[str(data / "entities.yaml")])
    for key in keys:
        rec = read[key] if key in read else records_of(entries[key])
        facts.files.append(str(data / key))
        for name in ("sources", "memberships", "events", "statements"):
            getattr(facts, name).extend(rec[name])
        facts.declared.update(rec["declared"])
    return facts


def _load_state(out: Path) -> tuple[dict | None, str]:
    """The state of the current generation of ``out``, and why there is none."""
    from kg import manifest
    from kg.generations import current

    gen = current(out)
    if gen is None:
        return None, "no previous build"
    try:
        old = manifest.read(gen)
        with (gen / STATE).open("rb") as f:
            with paused():  # millions of objects, no garbage: no collection walks them
                state = pickle.load(f)
    except Exception:  # a missing, truncated or foreign cache: build everything
        return None, "no usable cache"
    if not isinstance(state, dict) or old is None:
        return None, "no usable cache"
    state["gen"], state["manifest"] = gen, old
    return state, ""


def _usable(state: dict, inputs: dict, settings: dict) -> str:
    """Why an incremental build may not start from ``state`` ("" when it may)."""
    old = state["manifest"]
    if state.get("settings") != settings:
        return "other code or options"
    if old.get("schema") != inputs["schema"] or old.get("version") != inputs["version"]:
        return "the ontology or shapes changed"
    if old.get("files", {}).get("entities.yaml") != inputs["files"].get("entities.yaml") \
            or "entities.yaml" not in inputs["files"]:
        return "the registry changed"
    if not (state["gen"] / "store").is_dir():
        return "no store"
    return ""


def build_into(data: str | Path, out: str | Path, *, ontology: str | Path | None = None, shacl: bool = True,
               infer: bool = True, strict: bool = False, progress: Progress | None = None,
               full: bool = False) -> KnowledgeGraph:
    """Build ``data`` into the output folder ``out``, incrementally from its current generation when it can
    (``full``: never). Raises ``FactsError`` / ``ShapeError`` as ``kg.build`` does; then nothing is written."""
    from kg.manifest import inputs_of, read_stats
    from kg.resources import ontology_files

    progress = progress or Progress(show=False)
    data, out = Path(data), Path(out)
    onto, shapes = ontology_files(ontology)
    settings = {"code": code_version(), "data": str(data.resolve()), "ontology": str(onto), "shacl": shacl,
                "infer": infer, "strict": strict}
    with progress.stage("read"):
        state, why = (None, "asked for a full build") if full else _load_state(out)
        stats: dict = {}  # the files' stats, for the next build: the files unchanged since are not read again
        inputs = inputs_of(data, [onto, shapes], read_stats(out), stats)
        if state is not None and (why := _usable(state, inputs, settings)):
            state = None
    if state is None:
        try:
            graph = _full(data, out, inputs, settings, onto, shapes, shacl, infer, strict, progress, stats)
        finally:
            gc.unfreeze()
        graph.incremental = why  # type: ignore[attr-defined]
    else:
        from kg.incremental.apply import apply

        # The state (every file's records) is old and stays: frozen, the collector does not walk it again
        # (the build's own gc.collect included). The build is short and makes little cyclic garbage, which
        # that gc.collect frees: the collector stays paused until then.
        gc.freeze()
        state["stats"] = stats
        try:
            with paused():
                graph = apply(state, data, out, inputs, settings, onto, shapes, shacl, infer, strict, progress)
        finally:
            gc.unfreeze()
        graph.incremental = ""  # type: ignore[attr-defined]
    progress.done()
    return graph


def _full(data: Path, out: Path, inputs: dict, settings: dict, onto: Path, shapes: Path, shacl: bool,
          infer: bool, strict: bool, progress: Progress, stats: dict) -> KnowledgeGraph:
    from kg.builder import build_store
    from kg.builder.shapes import check_shapes, enforce
    from kg.facts.load import load_facts

    with progress.stage("read"):
        facts = load_facts(data)
        progress.note(f"{len(facts.files):,} files")
    # The records stay to the end (in the state): frozen, the collections that the next stages' allocations
    # trigger do not walk them again and again. The caller unfreezes.
    gc.freeze()
    store, built = build_store(facts, ontology=onto.parent, infer=infer, strict=strict, progress=progress)
    warnings = list(facts.warnings)
    keys = _facts_keys(inputs["files"])
    state = {"settings": settings, "registry": facts.entities, "files": _group(facts, data, keys, inputs["files"]),
             "origins": built.origins, "shacl": [], "stats": stats}
    del facts  # its records are in the state now
    from kg.incremental.apply import write_full

    def checked(store) -> KnowledgeGraph:
        if shacl:  # before the writers: pyoxigraph holds the GIL while it yields a query's rows, so in a thread
            with progress.stage("shapes"):  # beside them it only took turns with them (measured: no faster)
                state["shacl"] = enforce(check_shapes(store, shapes, built.origins))
        return KnowledgeGraph(store, warnings=warnings + state["shacl"], origins=built.origins,
                              conflicts=built.conflicts)

    return write_full(store, out, inputs, state, checked, progress)


__all__ = ["STATE", "build_into", "code_version"]
