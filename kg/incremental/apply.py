"""The two ways a generation is written: whole (``write_full``), or from the previous one and the edited
facts files (``apply``); both end in ``_write_files``, which writes the exports from their chunks, the page,
the manifest and the state the next build starts from."""

from __future__ import annotations

import contextlib
import gc
import hashlib
import os
import re
from pathlib import Path

from pyoxigraph import DefaultGraph, NamedNode, Quad, Store

from kg.collector import paused
from kg.errors import FactsError
from kg.graph import KnowledgeGraph
from kg.graph.core import copy_to_disk, source_rows, update_sizes
from kg.progress import Progress
from kg.vocab import CONFLICTS_GRAPH, ID_NS, INFERRED_GRAPH, RDF_TYPE, compact

STORE = "store"
_FOCUS = re.compile(r"\(SHACL, on (\S+)\)$")


def _names() -> list[str]:
    from kg import manifest
    from kg.api import OUTPUTS

    return [*OUTPUTS, STORE, manifest.NAME]


def _write_files(gen: Path, graph: KnowledgeGraph, inputs: dict, state: dict, old_gen: Path | None,
                 changed: dict[str, set[str] | None] | None, before_state=None, kept=None, during=None) -> None:
    """The exports (from their chunks), the page, the manifest and the state; ``during``, when given, is called
    once the exports are being written in their thread, before the page (an incremental build checks its shapes
    there: they only read the store, and may raise, and then nothing is written); ``before_state``, when given,
    is called before the manifest and the state are written (the full build waits there for its store's load);
    ``kept`` (``kg.incremental.Kept``) is told of the state written."""
    from kg import manifest
    from kg.graph import blocks
    from kg.incremental import STATE, SUMMARY, dump_state, dump_summary
    from kg.viz import graph_html

    # The stats of the inputs, confirmed in a thread beside the writers (it reads again the files that were
    # too recent to be trusted: after a fresh copy, every file): the next build then reads none of them.
    stats = _Alongside(manifest.confirm, state["stats"], state["settings"]["data"])
    exports = None
    try:
        old_layout = state.get("layout") if old_gen is not None else None
        old_trig = _mapped(old_gen / "graph.trig") if old_layout is not None else None
        old_ttl = _mapped(old_gen / "graph.ttl") if old_layout is not None else None
        trig, ttl, layout = blocks.write(graph.store, old_layout, old_trig, old_ttl, changed)
        # Written and hashed in a thread while the page is drawn: writing and hashing release the GIL, the
        # page holds it (each piece keeps what it views of the previous files alive until it is written).
        exports = _Alongside(_write_exports, gen, trig, ttl)
        del old_trig, old_ttl, trig, ttl
        if during is not None:
            during()
        from kg.viz.large import Reads

        reads = state.get("page") or Reads(graph.store)  # what the page reads, kept for the next build
        html = graph_html(graph, reads)
        reads.store = None  # type: ignore[assignment]  # not held past the page: the store closes before the switch
        (gen / "graph.html").write_bytes(html)
        graph.built_summary = graph.summary()  # while the exports are still being written: kg build prints it
        (gen / SUMMARY).parent.mkdir(exist_ok=True)
        (gen / SUMMARY).write_bytes(dump_summary(state["settings"], graph.built_summary))
        hashes = {**exports.result(), "graph.html": hashlib.sha256(html).hexdigest()}
        del html
        if before_state is not None:
            before_state()
        record = {**inputs, "quads": graph.quad_count(), "outputs": hashes}
        (gen / manifest.NAME).write_bytes(manifest.dump(record))
        (gen / manifest.STATS).parent.mkdir(exist_ok=True)
        (gen / manifest.STATS).write_bytes(manifest.dump_stats(stats.result()))
    except BaseException:  # an error, or Ctrl-C: no thread left running into a generation being removed, or
        for thread in (exports, stats):  # past the end of the build
            if thread is not None:
                thread.wait()
        raise
    state = {k: v for k, v in state.items() if k not in ("gen", "manifest", "stats")}
    state["layout"], state["page"] = layout, reads
    state["sizes"], state["sources"] = graph.sizes, graph.sources  # the next summary counts only its edit
    (gen / STATE).parent.mkdir(exist_ok=True)
    if kept is None or not kept.defer:  # deferred: written once the generation is the current one (Kept.save)
        with (gen / STATE).open("wb") as f:
            dump_state(state, f)
    if kept is not None:
        kept.wrote(gen, state)


def _mapped(path: Path):
    """The bytes of a file of the previous generation (which never changes), mapped rather than read: the
    chunks an edit did not touch are copied from it once, when written (in the exports' thread). 150 MB at 1M
    quads, read whole before: 0.05 s of the build."""
    import mmap

    with path.open("rb") as f:
        if not os.fstat(f.fileno()).st_size:
            return b""
        return mmap.mmap(f.fileno(), 0, access=mmap.ACCESS_READ)


def _write_exports(gen: Path, trig, ttl) -> dict[str, str]:
    """graph.trig and graph.ttl written from their pieces (``kg.graph.blocks.Pieces``) and flushed to disk: their
    hashes. Flushed here, in the exports' thread beside the page (``fsync`` releases the GIL), rather than by the
    generation's final sync, where their 150 MB at 1M quads took 0.05 s of an incremental build's critical path
    (that sync then finds them clean)."""
    from kg.atomic import fsync_path

    hashes = {}
    for name, doc in (("graph.trig", trig), ("graph.ttl", ttl)):
        hashes[name] = doc.write(gen / name)
        fsync_path(gen / name)
    return hashes


class _Alongside:
    """A function run in a thread beside the caller's work; ``result()`` waits and re-raises its error. The
    engine's calls (queries, dumps, loads) release the GIL, so such work runs on another core."""

    def __init__(self, fn, *args) -> None:
        import threading

        self._out: list = []
        self._thread = threading.Thread(target=self._run, args=(fn, *args), daemon=True)
        self._thread.start()

    def _run(self, fn, *args) -> None:
        try:
            self._out.append((True, fn(*args)))
        except BaseException as e:  # handed to the caller of result()
            self._out.append((False, e))

    def wait(self) -> None:
        """Wait for the function to end, whatever it gives (a second Ctrl-C stops the wait)."""
        with contextlib.suppress(BaseException):
            self._thread.join()

    def result(self):
        self._thread.join()
        ok, value = self._out[0]
        if not ok:
            raise value
        return value


def write_full(store: Store, out: Path, inputs: dict, state: dict, check, progress: Progress,
               kept=None) -> KnowledgeGraph:
    """A new generation of ``out`` holding the in-memory ``store`` whole; ``check(store)`` (the shapes: it may
    raise, and then nothing is written) gives the KnowledgeGraph to write. The on-disk store is loaded in a
    thread from the start, beside the shapes and the writers (the engine's dump and bulk load release the GIL)."""
    import threading

    from kg.generations import new_generation

    stop = threading.Event()
    with new_generation(out, _names()) as gen:
        copy = _Alongside(copy_to_disk, store, gen / STORE, stop)
        try:
            graph = check(store)
            with progress.stage("write"):
                _write_files(gen, graph, inputs, state, None, None, copy.result, kept)
        except BaseException:  # the shapes failed (or a writer): the load stops at its next piece
            stop.set()
            raise
        finally:
            with contextlib.suppress(BaseException):  # never leave a thread writing in a folder being removed
                copy.result()
    graph.written = [out / n for n in ("graph.trig", "graph.ttl", "graph.html")]
    return graph


def _key(graph) -> str:
    return "" if isinstance(graph, DefaultGraph) else graph.value


def _read_changed(state: dict, data: Path, inputs: dict, progress: Progress, kept=None):
    """The facts an incremental build needs, checked: (facts, entries, affected, index). ``index``
    (``kg.incremental.checks.Index``) when the edit was checked from the files' summaries, and ``facts`` holds
    the registry and the records of the edited files and of every file reporting an event or membership they
    touch; None when every file had to be checked (``facts`` then holds every file's records)."""
    from kg.builder.delta import Affected
    from kg.facts.load import _rel
    from kg.facts.validate import check_references
    from kg.incremental import _assemble, _entry, _facts_keys, _read_file, records_of
    from kg.incremental.checks import check, index

    old_files, files = state["files"], inputs["files"]
    keys = _facts_keys(files)
    entries: dict[str, dict] = {}
    read: dict[str, dict] = {}
    problems: list = []
    aff = Affected()
    before: list[dict] = []  # the summaries the edited and removed files had
    for key in keys:
        e = old_files.get(key)
        if e is not None and e["digest"] == files[key] and all(files.get(t) == d for t, d in e["texts"].items()):
            entries[key] = e
            continue
        read[key], found = _read_file(data, key)
        problems += found
        entries[key] = _entry(data, key, files, read[key])
        aff.add_records(read[key])
        if e is not None:
            aff.add_records(records_of(e, kept))
            before.append(e["summary"])
    gone = old_files.keys() - entries.keys()
    for key in gone:
        aff.add_records(records_of(old_files[key], kept))
        before.append(old_files[key]["summary"])
    progress.note(f"{len(read) + len(gone)} of {len(keys):,} facts files changed")
    if kept is not None and kept.hold:  # the records just read, kept unpickled as well
        kept.records.update((entries[key]["blob"], rec) for key, rec in read.items())
    edited = {_rel(data / key, data) for key in read}
    summaries = {k: entries[k]["summary"] for k in keys}
    registry = state["registry"]
    ix = None if problems else index(keys, summaries, {e.id: e.kind for e in registry.values()})
    if ix is not None:
        old_kinds = state["kinds"]
        claimed = {i for s in [*before, *(entries[k]["summary"] for k in read)] for name in
                   ("sources", "events", "statements", "memberships") for i in s[name]}
        changed = {i for i in claimed if old_kinds.get(i) != ix.kinds.get(i)}  # ids gone, or of another kind
        again = [k for k in keys if k not in read and changed and not summaries[k]["refs"].isdisjoint(changed)]
        needed = ix.files_of(aff.events, aff.memberships) | set(read) | set(again)
        facts = _assemble(data, registry, [k for k in keys if k in needed], entries, read, kept)
        warnings = check(facts, {k: read[k] for k in read}, [records_of(entries[k], kept) for k in again],
                         summaries, ix, changed, edited, state["aliases"])
        if warnings is not None:
            facts.warnings = warnings
            return facts, entries, aff, ix
    facts = _assemble(data, registry, keys, entries, read, kept)  # every file checked, for the messages
    warnings = check_references(facts, problems, edited)  # evidence: edited only
    if problems:
        raise FactsError(problems)
    facts.warnings = warnings
    return facts, entries, aff, None


def apply(state: dict, data: Path, out: Path, inputs: dict, settings: dict, onto: Path, shapes: Path,
          shacl: bool, infer: bool, strict: bool, progress: Progress, kept=None) -> KnowledgeGraph:
    """A new generation of ``out`` from the previous one (``state``) and the facts files that changed; only
    the checks and the merge raise ``FactsError``, before anything of ``state`` is changed. ``kept``: see
    ``kg.incremental.Kept``."""
    from kg.builder.delta import owned_in_dataset, owned_in_store, restricted
    from kg.builder.merge import merge
    from kg.builder.quads import iri, registry_subjects
    from kg.generations import current, new_generation
    from kg.incremental.checks import groups, merge_edit

    with progress.stage("read"):
        with paused():  # every file's records, unpickled: they stay to the end of the build, and are frozen
            facts, entries, aff, ix = _read_changed(state, data, inputs, progress, kept)  # so that no collection
            gc.freeze()  # walks them again (the caller unfreezes)
    with progress.stage("merge"):
        if ix is None:
            merged = merge(facts).check(strict)
        else:
            merged = merge_edit(facts, ix, aff.events, aff.memberships, state["conflicts"], state["holders"])
            merged.check(strict)
    with progress.stage("quads"):
        ds, origins_new = restricted(facts, merged, aff)
        registry = registry_subjects(facts.entities)
        others = {iri(s.id) for s in facts.sources if s.id not in aff.sources}
        new_owned = owned_in_dataset(ds, aff, registry, others)
        progress.note(f"{len(new_owned):,} quads of {len(aff.events):,} events, {len(aff.sources):,} sources")
    gone = aff.base_iris()  # once: it is a set built from every affected id
    origins = {k: v for k, v in state["origins"].items() if k not in gone}
    origins.update(origins_new)
    new_state = {"settings": settings, "registry": facts.entities, "files": entries, "origins": origins,
                 "shacl": state["shacl"], "layout": state.get("layout"), "stats": state["stats"],
                 "conflicts": groups(merged.conflicts), "holders": merged.holders,
                 "kinds": ix.kinds if ix is not None else _kinds(entries, facts), "aliases": state["aliases"]}
    old_gen: Path = state["gen"]
    later = kept is not None and kept.later  # the older generations removed by Kept.save (kg build: detached)
    with new_generation(out, _names(), prune=not later) as gen:
        with progress.stage("store"):
            old = Store.read_only(str(old_gen / STORE))
            old.backup(str(gen / STORE))
            del old
            store = Store(str(gen / STORE))
            old_owned = owned_in_store(store, aff, registry)
            removed, added = old_owned - new_owned, new_owned - old_owned
            fresh = [q for q in added if q not in store]  # (another fact may hold it): what the count gains
            for q in removed:
                store.remove(q)
            store.extend(fresh)
            progress.note(f"-{len(removed):,} +{len(added):,} quads")
        changed: dict[str, set[str] | None] = {}
        for q in (*removed, *added):
            changed.setdefault(_key(q.graph_name), set()).add(q.subject.value)  # type: ignore[union-attr]
        default: set[str] = changed.get("") or set()
        if state.get("page") is not None:  # the page's reads of the nodes whose quads changed, done again
            objects = {q.object.value for q in (*removed, *added)
                       if isinstance(q.graph_name, DefaultGraph) and isinstance(q.object, NamedNode)}
            named = {s for g, subjects in changed.items() if g and subjects for s in subjects}
            new_state["page"] = state["page"].refresh(store, set(default), objects, named)
        inferred: int | None = 0  # by how many quads the inferred graph grew (None: count it again)
        if infer:
            with progress.stage("infer"):
                inferred = _infer(store, removed | added, default, changed)
        graph = KnowledgeGraph(store, warnings=facts.warnings + new_state["shacl"], origins=origins,
                               conflicts=merged.conflicts)

        def check() -> None:  # the shapes: read from the store while the exports are written beside
            if shacl:
                with progress.stage("shapes"):
                    conflicts = changed.get(CONFLICTS_GRAPH) or set()  # a conflict the edit made or changed
                    new_state["shacl"] = _shapes(graph.store, shapes, origins, removed | added, default | conflicts,
                                                 state["shacl"])
                graph.warnings = facts.warnings + new_state["shacl"]
        # The summary's counts: the previous build's, with this edit's difference (the inferred graph's as
        # ``_infer`` counted it), and the rows of the sources whose quads changed read again.
        sizes = dict(state["sizes"])
        if inferred is not None:
            sizes[INFERRED_GRAPH] = sizes.get(INFERRED_GRAPH, 0) + inferred
        graph.sizes = update_sizes(store, sizes, removed, fresh, [] if inferred is not None else [INFERRED_GRAPH])
        for g in changed:  # a named graph the edit emptied is gone, as in a full build (the engine keeps it)
            if g and g not in graph.sizes and store.contains_named_graph(NamedNode(g)):
                store.remove_graph(NamedNode(g))
        touched = {k for k in (*changed, *default) if k.startswith(ID_NS)}  # sources' IRIs, in graphs or subjects
        graph.sources = {**{k: v for k, v in state["sources"].items() if k not in touched},
                         **source_rows(store, touched)}
        with progress.stage("write"):
            _write_files(gen, graph, inputs, new_state, old_gen, changed, kept=kept, during=check)
            store.flush()
        graph.store = None  # type: ignore[assignment]
        del store
        gc.collect()  # closes the database before the generation is switched
    path = str(current(out) / STORE)  # type: ignore[operator]
    if later:  # kg build, which exits once it has printed the summary the build left: opened if asked for
        kept.unpruned = out  # type: ignore[union-attr]
        graph.open_later(lambda: Store.read_only(path))
    else:
        with progress.stage("write"):
            graph.store = Store.read_only(path)
    graph.written = [out / n for n in ("graph.trig", "graph.ttl", "graph.html")]
    return graph


def _kinds(entries: dict[str, dict], facts) -> dict[str, str]:
    """The kinds of the ids the facts files claim (``kg.incremental.checks.Index.kinds``), of files that
    passed every check."""
    from kg.incremental import _facts_keys
    from kg.incremental.checks import index

    keys = [k for k in _facts_keys(dict.fromkeys(entries, "")) if k in entries]
    ix = index(keys, {k: e["summary"] for k, e in entries.items()}, {e.id: e.kind for e in facts.entities.values()})
    assert ix is not None
    return ix.kinds


def _infer(store: Store, delta: set[Quad], default: set[str], changed: dict[str, set[str] | None]) -> int | None:
    """The inferred graph brought up to date after the edit (``delta``, whose subjects in the default graph are
    ``default``); returns by how many quads it grew, or None when it was inferred again whole."""
    from kg.builder.infer import infer, transitive_properties

    transitive = transitive_properties(store)
    if any(q.predicate.value in transitive for q in delta if isinstance(q.graph_name, DefaultGraph)):
        infer(store)  # links of a transitive property entail beyond their subjects: everything again
        changed[INFERRED_GRAPH] = None  # laid out again whole
        return None
    graph = NamedNode(INFERRED_GRAPH)
    gone = sum(1 for s in default for _ in store.quads_for_pattern(NamedNode(s), None, None, graph))
    grown = infer(store, default) - gone
    if default:
        changed[INFERRED_GRAPH] = set(default)
    return grown


def _shapes(store: Store, shapes: Path, origins: dict, delta: set[Quad], subjects: set[str],
            before: list) -> list:
    """The SHACL warnings after an edit: the shapes checked, on the store itself, on the subjects that changed
    (``subjects``: of the merged view and of the conflicts graph) and on the nodes that point at a node whose
    type changed (the shapes look one link away: ``sh:class``, types in SPARQL constraints, a nested
    ``sh:node``), each check restricted to those nodes (``kg.builder.shapes.restricted``); the warnings of the
    other nodes are the previous build's."""
    from kg.builder.shapes import check_shapes, enforce

    dg = DefaultGraph()
    typed = {q.subject for q in delta if isinstance(q.graph_name, DefaultGraph) and q.predicate.value == RDF_TYPE}
    recheck = set(subjects)
    for t in typed:
        recheck.update(q.subject.value for q in store.quads_for_pattern(None, None, t, dg)
                       if isinstance(q.subject, NamedNode))
    if not recheck:
        return before
    problems = check_shapes(store, shapes, origins, sorted(recheck))
    names = {compact(s) for s in recheck}
    foci = [_FOCUS.search(p.expected) for p in problems + before]
    if any(m is None for m in foci):  # a problem this build cannot place: check everything
        problems = check_shapes(store, shapes, origins)
    else:
        kept = [p for p in before if _FOCUS.search(p.expected)[1] not in names]  # type: ignore[index]
        problems = kept + [p for p in problems if _FOCUS.search(p.expected)[1] in names]  # type: ignore[index]
    return enforce(problems)


__all__ = ["apply", "write_full"]
