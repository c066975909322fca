"""``kg build`` into an output folder, incrementally: a build after an edit redoes only what the edited files
touch, and writes exactly what a full build of the same inputs would write (``tests/test_incremental.py``
compares every output, byte for byte, over a sequence of edits).

Each generation of ``out/`` (``kg.generations``) holds, beside its outputs, ``cache/state.pickle``: every facts
file's validated records (pickled file by file, so that an edit pickles only its own) keyed by the file's content
hash (and its source text's), the layout of graph.trig and graph.ttl (``kg.graph.blocks``), the origins of the
nodes, the SHACL warnings by node, what the page read (``kg.viz.large.Reads``) and the summary's counts (quads per
graph, each source's row), each part pickled on its own (``dump_state``); and ``cache/stats.json``, the stats of
the input files. A build:

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


_FORMAT = "kg-state/4"
_HEAD = 8  # the header's length, as 8 bytes little-endian, first in the file


def dump_state(state: dict, f) -> None:
    """Write ``state`` (a dict of parts) to the open binary file ``f``: a header (the format and each part's
    name and length), then each part pickled on its own. One pickle of the whole keeps one memo of every object
    of every part (millions at 1M quads), which made it a third slower to write than the parts one by one; and
    the parts lie in the file as they are, so that ``load_state`` unpickles them from a map of the file rather
    than from 60 MB read into strings of bytes first (0.03 s of an incremental build).

    >>> import io
    >>> f = io.BytesIO(); dump_state({"a": [1, "x"], "b": {"k": ("v",)}}, f); _ = f.seek(0)
    >>> load_state(f)
    {'a': [1, 'x'], 'b': {'k': ('v',)}}
    """
    parts = {k: pickle.dumps(v, protocol=pickle.HIGHEST_PROTOCOL) for k, v in state.items()}
    head = pickle.dumps((_FORMAT, [(k, len(b)) for k, b in parts.items()]), protocol=pickle.HIGHEST_PROTOCOL)
    f.write(len(head).to_bytes(_HEAD, "little"))
    f.write(head)
    for b in parts.values():
        f.write(b)


def load_state(f) -> dict:
    """The state ``dump_state`` wrote to ``f`` (a file opened in binary, mapped when it can be); ``ValueError``
    if ``f`` holds something else."""
    import mmap

    try:
        data: bytes | mmap.mmap = mmap.mmap(f.fileno(), 0, access=mmap.ACCESS_READ)
    except (OSError, ValueError, AttributeError):  # not a file of its own (io.BytesIO), or empty
        data = f.read()
    with memoryview(data) as view:
        size = int.from_bytes(view[:_HEAD], "little")
        got = pickle.loads(view[_HEAD:_HEAD + size]) if 0 < size <= len(view) - _HEAD else None
        if not (isinstance(got, tuple) and len(got) == 2 and got[0] == _FORMAT and isinstance(got[1], list)):
            raise ValueError("not a build state")
        state, at = {}, _HEAD + size
        for name, length in got[1]:
            if at + length > len(view):
                raise ValueError("a truncated build state")
            state[name] = pickle.loads(view[at:at + length])
            at += length
    if isinstance(data, mmap.mmap):
        data.close()
    return state


def _entry(data: Path, key: str, files: dict[str, str], records: dict) -> dict:
    """What the state keeps of a facts file: its hash, its source texts' hashes, and its records pickled on
    their own (``blob``), so that the next state is written without pickling again the files that did not
    change (at 2,000 files, pickling every record took most of a second)."""
    from kg.incremental.checks import summarize

    keys = {t: _text_key(data, t) for t in {s.text_path for s in records["sources"]}}  # each resolved once
    return {"digest": files[key], "texts": {k: files.get(k) for k in keys.values() if k is not None},
            "blob": pickle.dumps(records, protocol=pickle.HIGHEST_PROTOCOL), "summary": summarize(records)}


def records_of(entry: dict, kept: Kept | None = None) -> dict:
    """The records of a facts file's ``entry`` in the state (``_entry``), from ``kept`` when it holds them
    unpickled (the same bytes: the same records). Thousands of long-lived objects and no garbage: run it with
    the collector paused (``kg.collector``)."""
    if kept is not None and kept.hold:
        got = kept.records.get(entry["blob"])
        if got is not None:
            return got
    records = pickle.loads(entry["blob"])
    if kept is not None and kept.hold:
        kept.records[entry["blob"]] = records
    return records


class Kept:
    """What a build leaves in memory for the next build in the same process (``kg build --watch``): the state
    it wrote and every facts file's records, unpickled. The next build into the same output folder starts from
    them instead of reading and unpickling the state again, as long as the folder's current generation is the
    one that build wrote (its manifest's stat says so); otherwise, and after a build that failed past its
    checks, the state is read from disk as usual. The outputs are the same either way
    (``tests/test_incremental.py`` runs its sequence of edits both ways).

    With ``defer``, a build does not write its state into its generation: ``save`` does, once the generation
    is the current one, so that the build's outputs are there without waiting for it (``kg build --watch``
    saves after printing what the build found). Until then the generation has no state, and a build in another
    process would be a full one; a generation whose state was never saved (the process killed) is simply
    followed by a full build.

    With ``hold`` false, the records are not kept (a process that builds once: ``kg build``). With ``later``, an
    incremental build also leaves the removal of the generations before the previous one to ``save``.

    >>> kept = Kept()
    >>> kept.take(Path("no-such-folder")) is None
    True
    """

    def __init__(self, defer: bool = False, hold: bool = True, later: bool = False) -> None:
        self.defer, self.hold, self.later = defer, hold, later
        self.unpruned: Path | None = None  # with ``later``: the output folder whose old generations are left
        self.state: dict | None = None
        self.stamp: tuple | None = None  # the stat of the manifest of the generation ``state`` belongs to
        self.records: dict[bytes, dict] = {}  # a file's pickled records -> those records (see ``records_of``)
        self.pending: tuple[dict, tuple] | None = None  # the state being written, and its manifest's stat
        self.unsaved: Path | None = None  # with ``defer``: the current generation, whose state is not written
        #: (what a build is asked for, its settings, its inputs, their stats) as ``up_to_date`` just made them
        #: (``_asked``, ``_settings``, ``kg.manifest.inputs_of``; the inputs None if it did not read them): the
        #: build that follows at once (``kg build`` when something changed) takes them instead of making them
        #: again (the settings hash the package's code).
        self.inputs: tuple[tuple, dict, dict | None, dict | None] | None = None

    @staticmethod
    def _stamp(manifest: Path) -> tuple | None:
        try:
            st = manifest.stat()
        except OSError:
            return None
        return st.st_ino, st.st_dev, st.st_size, st.st_mtime_ns

    def take(self, gen: Path) -> dict | None:
        """The state kept for generation ``gen``, if it is the one kept (it is handed out once)."""
        from kg import manifest

        state, self.state, self.pending = self.state, None, None
        if state is None or self.stamp is None or self._stamp(gen / manifest.NAME) != self.stamp:
            return None
        return state

    def give_back(self, state: dict) -> None:
        """The state taken (or read from disk), unchanged: a build that failed before changing anything."""
        from kg import manifest

        self.state = {k: v for k, v in state.items() if k not in ("gen", "manifest", "stats")}
        self.stamp = self._stamp(state["gen"] / manifest.NAME)

    def wrote(self, gen: Path, state: dict) -> None:
        """``state`` was written into generation ``gen``, which is not yet the current one."""
        from kg import manifest

        self.pending = state, self._stamp(gen / manifest.NAME)

    def settle(self, gen: Path | None) -> None:
        """The generation written is now the current one (``gen``): keep its state, and only its files'
        records."""
        if self.pending is None:
            return
        (self.state, self.stamp), self.pending = self.pending, None
        blobs = {e["blob"] for e in self.state["files"].values()}
        self.records = {b: r for b, r in self.records.items() if b in blobs}
        self.unsaved = gen if self.defer else None

    def save(self, detach: bool = False) -> None:
        """Write the state of the current generation, if a build left it unwritten (``defer``): whole or not
        at all (a file renamed into place); then, if an incremental build left it (``later``), remove the
        generations before the previous one. ``detach``: both by a detached process, when the platform allows
        (``kg.incremental.background``: ``kg build`` then returns without waiting for them)."""
        from kg import manifest
        from kg.generations import prune
        from kg.incremental.background import LOCK, detached

        gen, out, self.unpruned = self.unsaved, self.unpruned, None
        if gen is None or self.state is None or self._stamp(gen / manifest.NAME) != self.stamp:
            self.unsaved = None
            if out is not None:
                prune(out)
            return
        state = self.state

        def job() -> None:
            _write_state(gen, state)
            if out is not None:
                prune(out)

        if not (detach and detached(job, gen / LOCK)):
            job()
        self.unsaved = None  # only now: interrupted, the next call writes it again


def _write_state(gen: Path, state: dict) -> None:
    """``state`` written into generation ``gen``, whole or not at all (a file renamed into place)."""
    import os

    from kg.atomic import fsync_path

    target = gen / STATE
    tmp = target.with_name(target.name + ".tmp")
    with tmp.open("wb") as f:
        dump_state(state, f)
        f.flush()
        os.fsync(f.fileno())
    os.replace(tmp, target)
    fsync_path(target.parent)


def _group(facts, data: Path, keys: list[str], files: dict[str, str], kept: Kept | None) -> dict[str, dict]:
    """The records of each facts file (a full build's), keyed like the manifest (and kept unpickled in
    ``kept``, when given)."""
    from kg.facts.load import _rel

    by_rel: dict[str, dict] = {}
    for key in keys:
        by_rel[_rel(data / key, data)] = {"sources": [], "memberships": [], "events": [], "statements": [],
                                          "declared": {}, "key": key}
    for name in ("sources", "memberships", "events", "statements"):
        for rec in getattr(facts, name):
            by_rel[rec.file][name].append(rec)
    entries = {r["key"]: _entry(data, r["key"], files, r) for r in by_rel.values()}
    if kept is not None and kept.hold:
        kept.records = {entries[r["key"]]["blob"]: r for r in by_rel.values()}
    return entries


def _read_file(data: Path, key: str) -> tuple[dict, list]:
    from kg.facts.load import _read_facts_file

    records: dict = {"sources": [], "memberships": [], "events": [], "statements": [], "declared": {}, "key": key}
    problems: list = []
    _read_facts_file(data / key, data, records["sources"], records["memberships"], records["events"],
                     records["statements"], problems, records["declared"])
    return records, problems


def _assemble(data: Path, entities: dict, keys: list[str], entries: dict[str, dict], read: dict[str, dict],
              kept: Kept | None = None):
    """The ``Facts`` of every file: the records just ``read`` (by key), the others' from their entries."""
    from kg.facts.model import Facts

    facts = Facts(dict(entities), [], [], [], [], files=[str(data / "entities.yaml")])
    for key in keys:
        rec = read[key] if key in read else records_of(entries[key], kept)
        facts.files.append(str(data / key))
        for name in ("sources", "memberships", "events", "statements"):
            getattr(facts, name).extend(rec[name])
        facts.declared.update(rec["declared"])
    return facts


def _asked(data: Path, onto: Path, shacl: bool, infer: bool, strict: bool) -> tuple:
    """What a build is asked for: the data folder, the ontology, the options."""
    return str(data.resolve()), str(onto), shacl, infer, strict


def _settings(data: Path, onto: Path, shacl: bool, infer: bool, strict: bool) -> dict:
    """What a build was made with besides its inputs: a change of any of them makes the next build a full one."""
    return {"code": code_version(), "data": str(data.resolve()), "ontology": str(onto), "shacl": shacl,
            "infer": infer, "strict": strict}


#: What a build leaves beside its state: the settings it was made with and its summary (``up_to_date``).
SUMMARY = "cache/summary.pickle"


def dump_summary(settings: dict, summary) -> bytes:
    """The bytes of ``SUMMARY`` for a build made with ``settings`` whose summary is ``summary``."""
    return pickle.dumps((_FORMAT, settings, summary), protocol=pickle.HIGHEST_PROTOCOL)


def up_to_date(data: str | Path, out: str | Path, *, ontology: str | Path | None = None, shacl: bool = True,
               infer: bool = True, strict: bool = False, kept: Kept | None = None):
    """The summary of the current build of ``out`` (``kg.graph.core.Summary``) when building ``data`` into it
    again would make the same outputs: the inputs (every file of ``data``, the ontology and shapes, the kg
    version) are those its manifest records, it was made with the same settings (the code, the options), and
    its outputs are all there; else None. Reads no facts and no state: ``kg build`` with nothing changed ends
    here. Unfinished generations of builds that died are removed on the way (``kg.generations.tidy``). The inputs
    read are left in ``kept`` (``Kept.inputs``), if given, for the build that follows."""
    import os

    from kg import manifest
    from kg.generations import current, tidy
    from kg.manifest import inputs_of, read_stats
    from kg.resources import ontology_files

    data, out = Path(data), Path(out)
    gen = current(out)
    if gen is None:
        return None
    onto, shapes = ontology_files(ontology)
    asked, settings = _asked(data, onto, shacl, infer, strict), _settings(data, onto, shacl, infer, strict)
    if kept is not None:
        kept.inputs = (asked, settings, None, None)
    try:
        old = manifest.read(gen)
        with (gen / SUMMARY).open("rb") as f:
            got = pickle.load(f)
    except Exception:  # no summary, or one another version of kg wrote (its classes moved, say): build
        return None
    if old is None or not (isinstance(got, tuple) and len(got) == 3 and got[0] == _FORMAT) or got[1] != settings:
        return None
    if not all(os.path.exists(out / name) for name in (*old.get("outputs", {}), "store", manifest.NAME)):
        return None  # an output removed since: built again
    seen: dict = {}
    inputs = inputs_of(data, [onto, shapes], read_stats(out), seen)
    if kept is not None:
        kept.inputs = (asked, settings, inputs, seen)
    if manifest.changed(old, inputs):
        return None
    tidy(out)
    return got[2]


def _load_state(out: Path, kept: Kept | None = None) -> tuple[dict | None, str]:
    """The state of the current generation of ``out`` (from ``kept`` when it holds it), and why there is none."""
    from kg import manifest
    from kg.generations import current

    gen = current(out)
    if gen is None:
        return None, "no previous build"
    try:
        old = manifest.read(gen)
        state = kept.take(gen) if kept is not None else None
        if state is None:
            from kg.incremental.background import wait_for_writer

            wait_for_writer(gen)  # a detached process may still be writing it
            with (gen / STATE).open("rb") as f:
                with paused():  # millions of objects, no garbage: no collection walks them
                    state = load_state(f)
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
               full: bool = False, kept: Kept | None = None) -> KnowledgeGraph:
    """Build ``data`` into the output folder ``out``, incrementally from its current generation when it can
    (``full``: never). Raises ``FactsError`` / ``ShapeError`` as ``kg.build`` does; then nothing is written.
    ``kept``: what the last build in this process left in memory (``Kept``), used and brought up to date."""
    from kg.manifest import inputs_of, read_stats
    from kg.resources import ontology_files

    progress = progress or Progress(show=False)
    data, out = Path(data), Path(out)
    if kept is not None:
        kept.save()  # the state of the build before, if it was left unwritten
    onto, shapes = ontology_files(ontology)
    known = None
    if kept is not None:  # what up_to_date just made, if it was asked for the same build
        known, kept.inputs = kept.inputs, None
    if known is not None and known[0] != _asked(data, onto, shacl, infer, strict):
        known = None
    settings = known[1] if known is not None else _settings(data, onto, shacl, infer, strict)
    with progress.stage("read"), paused():  # a collection now would walk the whole state just read, for nothing
        state, why = (None, "asked for a full build") if full else _load_state(out, kept)
        if known is not None and known[2] is not None:
            inputs, stats = known[2], known[3]
        else:
            stats = {}  # the files' stats, for the next build: the files unchanged since are not read again
            inputs = inputs_of(data, [onto, shapes], read_stats(out), stats)
        if state is not None and (why := _usable(state, inputs, settings)):
            state = None
        # The state is old and stays: frozen before the collector is on again, or the first collection (of the
        # youngest objects: all of the state, made while it was paused) walks it whole (0.04 s at 1M quads).
        # An incremental build keeps it frozen to its end; a full one unfreezes it at once.
        gc.freeze()
    if state is None:
        gc.unfreeze()
        try:
            graph = _full(data, out, inputs, settings, onto, shapes, shacl, infer, strict, progress, stats, kept)
        finally:
            gc.unfreeze()
        graph.incremental = why  # type: ignore[attr-defined]
    else:
        from kg.errors import FactsError
        from kg.incremental.apply import apply

        # The state (every file's records) is old and stays: frozen, the collector does not walk it again
        # (the build's own gc.collect included). The build is short and makes little cyclic garbage, which
        # that gc.collect frees: the collector stays paused until then.
        state["stats"] = stats
        try:
            with paused():
                graph = apply(state, data, out, inputs, settings, onto, shapes, shacl, infer, strict, progress,
                              kept)
        except FactsError:  # raised by the checks and the merge, before anything of the state is changed
            if kept is not None:
                kept.give_back(state)
            raise
        finally:
            gc.unfreeze()
        graph.incremental = ""  # type: ignore[attr-defined]
    if kept is not None:
        from kg.generations import current

        kept.settle(current(out))
    progress.done()
    return graph


def _full(data: Path, out: Path, inputs: dict, settings: dict, onto: Path, shapes: Path, shacl: bool,
          infer: bool, strict: bool, progress: Progress, stats: dict, kept: Kept | None) -> KnowledgeGraph:
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
    from kg.facts.validate import alias_warnings
    from kg.incremental.checks import groups, index

    files = _group(facts, data, keys, inputs["files"], kept)
    ix = index(keys, {k: e["summary"] for k, e in files.items()}, {e.id: e.kind for e in facts.entities.values()})
    assert ix is not None  # the files passed the checks
    state = {"settings": settings, "registry": facts.entities, "files": files, "origins": built.origins,
             "shacl": [], "stats": stats, "conflicts": groups(built.conflicts), "holders": built.holders,
             "kinds": ix.kinds, "aliases": alias_warnings(facts.entities)}
    del facts  # its records are in the state now
    from kg.incremental.apply import write_full

    def checked(store) -> KnowledgeGraph:
        if shacl:  # before the writers: pyoxigraph holds the GIL while it yields a query's rows, so in a thread
            with progress.stage("shapes"):  # beside them it only took turns with them (measured: no faster)
                state["shacl"] = enforce(check_shapes(store, shapes, built.origins))
        return KnowledgeGraph(store, warnings=warnings + state["shacl"], origins=built.origins,
                              conflicts=built.conflicts)

    return write_full(store, out, inputs, state, checked, progress, kept)


__all__ = ["STATE", "SUMMARY", "Kept", "build_into", "code_version", "dump_state", "dump_summary", "load_state",
           "up_to_date"]
