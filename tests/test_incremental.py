"""Incremental builds write exactly what a full build of the same inputs writes: every output, byte for byte,
over a sequence of edits of an invented corpus; killed, they leave out/ as it was or as it should be; a broken
cache means a full build."""

from __future__ import annotations

import os
import random
import re
import shutil
import signal
import subprocess
import sys
import time
from pathlib import Path

import pytest
from pyoxigraph import Store

import kg
from kg.formats.rdf import write_nquads
from kg.generate.facts import generate_facts
from kg.graph import KnowledgeGraph
from kg.incremental import STATE, load_state

ROOT = Path(__file__).resolve().parent.parent
FILES = ("graph.trig", "graph.ttl", "graph.html", "manifest.json")


@pytest.fixture(scope="module")
def corpus(tmp_path_factory) -> Path:
    """Six invented articles (events shared between them), the first one held back to be added later."""
    root = tmp_path_factory.mktemp("corpus")
    generate_facts(root / "data", 6, seed=3)
    return root


def _same_as_full(data: Path, out: Path, ref: Path, graph: kg.KnowledgeGraph | None = None, **options) -> None:
    """``out`` (built incrementally) holds what a clean full build of ``data`` writes to ``ref``; ``graph``, the
    incremental build's, prints the summary the full build's store counts (its counts are kept from build
    to build, only the edit's difference counted)."""
    if ref.exists():
        shutil.rmtree(ref)
    full = kg.build(data, ref, full=True, **options)
    if graph is not None:
        assert graph.summary().table() == KnowledgeGraph(full.store, warnings=full.warnings,
                                                         conflicts=full.conflicts).summary().table()
        assert graph.quad_count() == len(full.store)
    for name in FILES:
        assert (out / name).read_bytes() == (ref / name).read_bytes(), name
    a, b = Store.read_only(str(out / "store")), Store.read_only(str(ref / "store"))
    assert len(a) == len(b)
    assert write_nquads(a) == write_nquads(b)  # the ontology's blank nodes labelled canonically


def _event_block(text: str, ident: str) -> tuple[int, int]:
    start = text.index(f"  - id: {ident}\n")
    nxt = text.find("\n  - ", start + 1)
    return start, len(text) if nxt < 0 else nxt


def _redate(path: Path, ident: str, day: str) -> None:
    text = path.read_text(encoding="utf-8")
    start, end = _event_block(text, ident)
    block = re.sub(r"^    date: .*$", f"    date: {day}", text[start:end], count=1, flags=re.M)
    path.write_text(text[:start] + block + text[end:], encoding="utf-8")


@pytest.mark.parametrize("overview, in_memory", [(False, False), (True, False), (True, True)],
                         ids=["page", "overview-page", "overview-page-state-kept-in-memory"])
def test_every_output_of_an_incremental_build_is_that_of_a_full_build(corpus, tmp_path, monkeypatch, overview,
                                                                      in_memory):
    """Over a sequence of edits; ``in_memory``: each build starts from the state the one before left in
    memory (``kg.incremental.Kept``, as ``kg build --watch`` does), and never reads it from disk."""
    kept = None
    if in_memory:
        from kg.incremental import Kept

        kept = Kept(defer=True)
        import kg.incremental as incremental

        loads: list[str] = []
        real_load = incremental.load_state

        def counted(f):
            loads.append(getattr(f, "name", ""))
            return real_load(f)

        monkeypatch.setattr(incremental, "load_state", counted)
    if overview:  # the page drawn as the overview of a corpus, from the reads kept in the state (kg.viz.large)
        from kg.viz import overview as drawn

        monkeypatch.setattr(drawn, "OVERVIEW_NODES", 10)
        monkeypatch.setattr(drawn, "TOP_ACTORS", 6)
    data = tmp_path / "data"
    shutil.copytree(corpus / "data", data)
    facts = sorted((data / "facts").glob("*.yaml"))
    held = tmp_path / facts[0].name
    facts[0].rename(held)
    out, ref = tmp_path / "out", tmp_path / "ref"
    opts = {"shacl": False}
    assert kg.build(data, out, **opts, kept=kept).incremental  # the first build is a full one

    def step(expect_incremental: bool = True, **more) -> kg.KnowledgeGraph:
        if in_memory:
            loads.clear()
        graph = kg.build(data, out, **opts, **more, kept=kept)
        assert (graph.incremental == "") == expect_incremental, graph.incremental
        if in_memory:
            assert not [n for n in loads if n.endswith("state.pickle")], loads  # the state came from memory
            assert kept.state is not None and kept.records
            assert not (out / "current" / STATE).exists()  # written after the build, as kg build --watch does
            kept.save()
            assert (out / "current" / STATE).exists()
        _same_as_full(data, out, ref, graph, **opts, **more)
        return graph

    step()  # nothing changed
    if overview:
        with (out / "current" / STATE).open("rb") as f:
            reads = load_state(f)["page"]
        assert reads._attributes and reads._incoming and reads._relations  # the page read through them
    shutil.move(held, data / "facts" / held.name)  # a file added
    step()
    one = data / "facts" / facts[2].name  # a file changed: a topic added to an event
    text = one.read_text(encoding="utf-8")
    m = re.search(r"^    topics: \[([^\]]*)\]", text, re.M)
    one.write_text(text[:m.end(1)] + ", peace-talks-test" + text[m.end(1):], encoding="utf-8")
    registry = (data / "entities.yaml").read_text(encoding="utf-8")
    with pytest.raises(kg.FactsError, match="peace-talks-test"):  # an unknown topic: nothing written
        kg.build(data, out, **opts, kept=kept)
    one.write_text(text[:m.end(1)] + ", " + re.findall(r"^  - id: (\S+)\n    label: [^\n]*\n(?:    aliases: [^\n]*\n)?"
                                                         r"    broader:", registry, re.M)[-1] + text[m.end(1):],
                   encoding="utf-8")
    step()
    (data / "facts" / facts[3].name).rename(data / "facts" / ("zz-" + facts[3].name))  # a file renamed
    step()
    # an edit that creates a conflict (a shared event given an incompatible date), and one that removes it
    target = data / "facts" / facts[1].name
    ids = {f.name: set(re.findall(r"^  - id: (\S+)", f.read_text(encoding="utf-8"), re.M))
           for f in (data / "facts").glob("*.yaml")}
    shared = sorted(ids[target.name] & {i for name, got in ids.items() if name != target.name for i in got})
    assert shared
    before = target.read_text(encoding="utf-8")
    _redate(target, shared[0], "2019-03-02")
    graph = step()
    assert any(c.kind == "date" and c.concerns == shared[0] for c in graph.conflicts)
    target.write_text(before, encoding="utf-8")
    graph = step()
    assert not any(c.kind == "date" and c.concerns == shared[0] for c in graph.conflicts)
    (data / "facts" / held.name).unlink()  # a file removed (the one added: the others' mentions need theirs)
    step()
    (data / "entities.yaml").write_text(registry.replace("label: ", "label: The ", 1), encoding="utf-8")
    step(expect_incremental=False)  # the registry changed: everything again
    onto = tmp_path / "ontology"
    shutil.copytree(kg.resources.ontology_dir(), onto)
    with (onto / "shapes.ttl").open("a", encoding="utf-8") as f:
        f.write("\n# a comment: the shapes changed\n")
    step(expect_incremental=False, ontology=onto)  # the shapes changed: everything again
    step(ontology=onto)
    if in_memory:  # the state saved after the build is the one a build in another process starts from
        graph = kg.build(data, out, **opts, ontology=onto)
        assert graph.incremental == ""
        _same_as_full(data, out, ref, graph, **opts, ontology=onto)


def test_with_the_shapes_checked_the_outputs_and_warnings_are_those_of_a_full_build(corpus, tmp_path):
    data = tmp_path / "data"
    shutil.copytree(corpus / "data", data)
    out, ref = tmp_path / "out", tmp_path / "ref"
    kg.build(data, out)
    path = sorted((data / "facts").glob("*.yaml"))[1]
    path.write_text(path.read_text(encoding="utf-8").replace("type: talks", "type: meeting"), encoding="utf-8")
    graph = kg.build(data, out)
    assert graph.incremental == ""
    _same_as_full(data, out, ref, graph)
    full = kg.build(data, tmp_path / "ref2", full=True)
    assert sorted(map(str, graph.warnings)) == sorted(map(str, full.warnings))


#: A shape of the test's own, a warning: a meeting without a topic.
_WARNING_SHAPE = """
dkgsh:TopicalMeetingShape a sh:NodeShape ;
    sh:targetClass dkg:Meeting ;
    sh:severity sh:Warning ;
    sh:property [ sh:path dkg:topic ; sh:minCount 1 ; sh:message "a meeting names a topic (the test's warning)" ] .
"""


def test_an_edit_that_makes_or_clears_a_shapes_warning_warns_as_a_full_build(corpus, tmp_path):
    """The shapes are checked on the edited nodes only, on the store itself (each check restricted to them):
    the warnings an edit makes and those it clears are the full build's."""
    data, onto = tmp_path / "data", tmp_path / "ontology"
    shutil.copytree(corpus / "data", data)
    shutil.copytree(kg.resources.ontology_dir(), onto)
    with (onto / "shapes.ttl").open("a", encoding="utf-8") as f:
        f.write(_WARNING_SHAPE)
    out, ref = tmp_path / "out", tmp_path / "ref"

    def warned(graph) -> list[str]:
        full = kg.build(data, tmp_path / "full", full=True, ontology=onto)
        assert sorted(map(str, graph.warnings)) == sorted(map(str, full.warnings))
        _same_as_full(data, out, ref, graph, ontology=onto)
        return [str(w) for w in graph.warnings if "the test's warning" in str(w)]

    first = warned(kg.build(data, out, ontology=onto))
    path = next(p for p in sorted((data / "facts").glob("*.yaml"))
                if re.search(r"type: meeting\n    participants: [^\n]*\n(?:    [^\n]*\n)*?    topics:",
                             p.read_text(encoding="utf-8")))
    text = path.read_text(encoding="utf-8")
    path.write_text(re.sub(r"\n    topics: \[[^\]]*\]", "", text), encoding="utf-8")  # no event has a topic
    graph = kg.build(data, out, ontology=onto)
    assert graph.incremental == ""
    more = warned(graph)
    assert len(more) > len(first) and any(path.name in w for w in more)
    path.write_text(text, encoding="utf-8")
    graph = kg.build(data, out, ontology=onto)
    assert graph.incremental == ""
    assert warned(graph) == first


def test_an_edit_that_breaks_a_shape_fails_as_a_full_build_and_writes_nothing(corpus, tmp_path):
    from kg.errors import ShapeError
    from kg.generations import current

    data, out = tmp_path / "data", tmp_path / "out"
    shutil.copytree(corpus / "data", data)
    kg.build(data, out)
    gen = current(out)
    files = sorted((data / "facts").glob("*.yaml"))
    texts = {p: p.read_text(encoding="utf-8") for p in files}
    meeting = re.compile(r"  - id: (\S+)\n    type: meeting\n    participants: \[([\w-]+), [^\]]*\]")
    path, m = next((p, m) for p in files for m in meeting.finditer(texts[p])  # a meeting only this file tells
                   if not any(f"id: {m[1]}\n" in texts[o] or f"ref: {m[1]}\n" in texts[o] for o in files if o != p))
    text = texts[path]
    one = text[:m.start()] + m[0][:m[0].index("[") + 1] + m[2] + "]" + text[m.end():]
    path.write_text(one, encoding="utf-8")  # a meeting of one: the shapes refuse it
    with pytest.raises(ShapeError) as incremental:
        kg.build(data, out)
    with pytest.raises(ShapeError) as full:
        kg.build(data, tmp_path / "ref", full=True)
    assert str(incremental.value) == str(full.value) and path.name in str(full.value)
    assert current(out) == gen  # nothing written
    path.write_text(text, encoding="utf-8")
    assert kg.build(data, out).incremental == ""


def test_a_state_kept_in_memory_is_not_used_once_another_build_or_a_failed_one_came_between(corpus, tmp_path,
                                                                                           monkeypatch):
    from kg.incremental import Kept, apply

    data, out, ref = tmp_path / "data", tmp_path / "out", tmp_path / "ref"
    shutil.copytree(corpus / "data", data)
    files = sorted((data / "facts").glob("*.yaml"))
    kept = Kept()
    kg.build(data, out, shacl=False, kept=kept)
    assert kept.state is not None
    import kg.incremental as incremental

    loads: list[str] = []
    real_load = incremental.load_state
    monkeypatch.setattr(incremental, "load_state", lambda f: loads.append(f.name) or real_load(f))

    def edit(path: Path) -> None:
        path.write_text(path.read_text(encoding="utf-8").replace("type: talks", "type: meeting", 1),
                        encoding="utf-8")

    edit(files[1])
    kg.build(data, out, shacl=False)  # another build (another process, say) into the same folder
    loads.clear()
    edit(files[2])
    assert kg.build(data, out, shacl=False, kept=kept).incremental == ""
    assert [n for n in loads if n.endswith("state.pickle")]  # the state kept was not that folder's any more
    _same_as_full(data, out, ref, shacl=False)

    def broken(*args, **kwargs):  # a build that fails after its checks, once it may have changed the state
        raise OSError("disk full")

    edit(files[3])
    with monkeypatch.context() as m:
        m.setattr(apply, "_write_files", broken)
        with pytest.raises(kg.errors.OutputError, match="disk full"):
            kg.build(data, out, shacl=False, kept=kept)
    assert kept.state is None
    loads.clear()
    assert kg.build(data, out, shacl=False, kept=kept).incremental == ""
    assert [n for n in loads if n.endswith("state.pickle")]
    _same_as_full(data, out, ref, shacl=False)


def _as_full_build(data: Path, out: Path, ref: Path) -> str:
    """Build ``data`` into ``out`` (incrementally) and into ``ref`` (a full build): the same error message, or
    the same outputs. Returns the message ("" when both built)."""
    if ref.exists():
        shutil.rmtree(ref)
    try:
        kg.build(data, ref, full=True, shacl=False)
    except kg.FactsError as e:
        with pytest.raises(kg.FactsError) as got:
            kg.build(data, out, shacl=False)
        assert str(got.value) == str(e)
        return str(e)
    graph = kg.build(data, out, shacl=False)
    assert graph.incremental == ""
    _same_as_full(data, out, ref, graph, shacl=False)
    full = kg.build(data, None, shacl=False)
    assert [str(w) for w in graph.warnings] == [str(w) for w in full.warnings]
    return ""


def test_edits_that_break_a_check_through_other_files_are_found_as_a_full_build_finds_them(corpus, tmp_path):
    """The incremental build checks the edited files, and the other files only where the edit touches them
    (``kg.incremental.checks``): each edit here breaks a check that involves an unchanged file."""
    data, out, ref = tmp_path / "data", tmp_path / "out", tmp_path / "ref"
    shutil.copytree(corpus / "data", data)
    kg.build(data, out, shacl=False)
    files = sorted((data / "facts").glob("*.yaml"))
    texts = {f: f.read_text(encoding="utf-8") for f in files}
    declared = {f: re.findall(r"^  - id: (\S+)\n    type: ", t, re.M) for f, t in texts.items()}
    mentioned = {i for t in texts.values() for i in re.findall(r"^  - id: (\S+)\n    (?!type: )", t, re.M)}
    # an event declared in one file, which nothing else names: no mention, no link, no statement
    def named_once(i: str) -> bool:
        return sum(t.count(i) for t in texts.values()) == 1

    a, b = files[0], next(f for f in files[1:] if any(named_once(i) for i in declared[f]))
    alone = next(i for i in declared[b] if named_once(i))
    sentence = re.search(r'^      - "(.*)"$', texts[a], re.M)[1]
    speaker = re.search(r"person: (\S+)", texts[a])[1]
    statement = (f"  - id: test-statement-at-another-files-event\n    speaker: {speaker}\n"
                 f'    claim: "A claim made at an event another source declares."\n    at: {alone}\n'
                 f'    evidence:\n      - "{sentence}"\n')

    def edit(path: Path, text: str) -> None:
        path.write_text(text, encoding="utf-8")

    edit(a, texts[a] + ("" if "\nstatements:\n" in texts[a] else "statements:\n") + statement)
    assert _as_full_build(data, out, ref) == ""  # a statement at an event of another file: fine
    start, end = _event_block(texts[b], alone)
    edit(b, texts[b][:start] + texts[b][end:])  # that event removed: the unchanged file's reference breaks
    assert alone in _as_full_build(data, out, ref)
    edit(b, texts[b])
    assert _as_full_build(data, out, ref) == ""
    # an event only mentioned once its one declaration is removed (the merge's error)
    shared = next(i for f in files for i in declared[f] if i in mentioned)
    owner = next(f for f in files if shared in declared[f])
    start, end = _event_block(texts[owner], shared)
    edit(owner, texts[owner][:start] + texts[owner][end:])
    assert "only mentioned" in _as_full_build(data, out, ref)
    edit(owner, texts[owner])
    # a source id that another file's source has; an id claimed as two kinds
    source_b = re.search(r"^  id: (\S+)", texts[b], re.M)[1]
    edit(a, re.sub(r"^  id: \S+", f"  id: {source_b}", a.read_text(encoding="utf-8"), count=1, flags=re.M))
    assert "a unique source id" in _as_full_build(data, out, ref)
    edit(a, a.read_text(encoding="utf-8").replace(f"  id: {source_b}\n", "  id: test-source-renamed\n", 1))
    edit(a, a.read_text(encoding="utf-8").replace("test-statement-at-another-files-event", declared[b][0]))
    assert "a unique id" in _as_full_build(data, out, ref)
    edit(a, texts[a])
    assert _as_full_build(data, out, ref) == ""
    # part_of making a cycle through another file's event: a file's event made part of one it contains
    child, parent = next((c, p) for f in files for c, p in re.findall(r"^  - id: (\S+)\n(?:    .*\n)*?    part_of: "
                                                                   r"\[(\S+?)\]", texts[f], re.M))
    host = next(f for f in files if parent in declared[f])
    start, end = _event_block(texts[host], parent)
    block = texts[host][start:end]
    edit(host, texts[host][:start] + block.replace("\n    type: ", f"\n    part_of: [{child}]\n    type: ", 1)
         + texts[host][end:])
    assert "part_of makes a cycle" in _as_full_build(data, out, ref)
    edit(host, texts[host])
    # two persons in a post that has a single holder, on the same day: a conflict (a warning), then none
    first = re.search(r"^  - person: (\S+)\n    role: (\S+)\n    (organization|state): (\S+)\n", texts[a], re.M)
    other = next(p for p in re.findall(r"^  - person: (\S+)", "".join(texts.values()), re.M) if p != first[1])
    registry = (data / "entities.yaml").read_text(encoding="utf-8")
    assert re.search(rf"^  - id: {first[2]}\n(?:    .*\n)*?    single_holder: true", registry, re.M)
    twin = first[0].replace(f"person: {first[1]}", f"person: {other}") + "    evidence:\n" + f'      - "{sentence}"\n'
    edit(a, texts[a].replace("memberships:\n", "memberships:\n" + twin, 1))
    assert _as_full_build(data, out, ref) == ""
    assert any(c.kind == "post-holder" for c in kg.build(data, None, shacl=False).conflicts)
    edit(a, texts[a])
    assert _as_full_build(data, out, ref) == ""


def test_the_data_folder_named_another_way_is_the_same_folder(corpus, tmp_path, monkeypatch):
    # "data", "./data" and its absolute path are one folder: the next build is incremental, not a full one
    shutil.copytree(corpus / "data", tmp_path / "data")
    monkeypatch.chdir(tmp_path)
    kg.build("data", "out", shacl=False)
    path = sorted((tmp_path / "data" / "facts").glob("*.yaml"))[1]
    path.write_text(path.read_text(encoding="utf-8").replace("type: talks", "type: meeting"), encoding="utf-8")
    assert kg.build("./data", "out", shacl=False).incremental == ""
    assert kg.build(tmp_path / "data", tmp_path / "out", shacl=False).incremental == ""
    _same_as_full(tmp_path / "data", tmp_path / "out", tmp_path / "ref", shacl=False)


def test_a_broken_or_missing_cache_means_a_full_build(corpus, tmp_path):
    data, out, ref = tmp_path / "data", tmp_path / "out", tmp_path / "ref"
    shutil.copytree(corpus / "data", data)
    kg.build(data, out, shacl=False)
    state = out / "current" / STATE
    state.write_bytes(state.read_bytes()[:100])  # truncated
    graph = kg.build(data, out, shacl=False)
    assert graph.incremental == "no usable cache"
    _same_as_full(data, out, ref, shacl=False)
    (out / "current" / STATE).unlink()
    assert kg.build(data, out, shacl=False).incremental == "no usable cache"
    assert kg.build(data, out, shacl=False).incremental == ""


def test_an_incremental_build_killed_at_any_moment_leaves_the_old_or_the_new_outputs(corpus, tmp_path):
    data, out, ref = tmp_path / "data", tmp_path / "out", tmp_path / "ref"
    shutil.copytree(corpus / "data", data)
    kg.build(data, out, shacl=False)
    old = {n: (out / n).read_bytes() for n in FILES}
    path = sorted((data / "facts").glob("*.yaml"))[2]
    path.write_text(path.read_text(encoding="utf-8").replace("type: talks", "type: meeting"), encoding="utf-8")
    kg.build(data, ref, shacl=False, full=True)
    new = {n: (ref / n).read_bytes() for n in FILES}
    rng = random.Random(2)
    seen = set()
    for _ in range(8):
        proc = subprocess.Popen([sys.executable, "-c", "import kg, sys; kg.build(sys.argv[1], sys.argv[2], "
                                 "shacl=False)", str(data), str(out)], cwd=ROOT,
                                stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
        time.sleep(rng.uniform(0.2, 2.5))
        proc.send_signal(signal.SIGKILL)
        proc.wait()
        now = {n: (out / n).read_bytes() for n in FILES}
        assert now in (old, new)
        seen.add(now == new)
        if now == new:  # it finished: start from the old outputs again
            shutil.rmtree(out)
            path.write_text(path.read_text(encoding="utf-8").replace("type: meeting", "type: talks"),
                            encoding="utf-8")
            kg.build(data, out, shacl=False)
            path.write_text(path.read_text(encoding="utf-8").replace("type: talks", "type: meeting"),
                            encoding="utf-8")
    graph = kg.build(data, out, shacl=False)  # the next build repairs: same as a full one
    assert graph.incremental == "" and not list(out.glob(".gen-*.tmp"))
    _same_as_full(data, out, ref, shacl=False)
    assert os.readlink(out / "current").startswith("gen-")


def test_an_edit_breaking_an_evidence_sentence_is_reported_as_a_full_build_reports_it(corpus, tmp_path):
    data = tmp_path / "data"
    shutil.copytree(corpus / "data", data)
    kg.build(data, tmp_path / "out", shacl=False)
    path = sorted((data / "facts").glob("*.yaml"))[2]
    text = path.read_text(encoding="utf-8")
    m = re.search(r'^      - "(.{12})', text, re.M)  # the first sentence of an evidence list
    path.write_text(text[:m.start(1)] + "Not in the source: " + text[m.start(1):], encoding="utf-8")
    with pytest.raises(kg.FactsError) as incremental:
        kg.build(data, tmp_path / "out", shacl=False)
    with pytest.raises(kg.FactsError) as full:
        kg.build(data, tmp_path / "ref", shacl=False, full=True)
    assert "occurs verbatim in the source text" in str(incremental.value)
    assert str(incremental.value) == str(full.value)


def test_the_evidence_of_files_not_edited_is_not_checked_again_unless_two_sources_share_an_id():
    import dataclasses

    from kg.errors import Problem
    from kg.facts.load import load_facts
    from kg.facts.validate import check_references

    facts = load_facts(ROOT / "data")
    source = facts.sources[0]
    facts.events[0] = dataclasses.replace(facts.events[0], evidence=["A sentence the source does not hold."])

    def problems(edited) -> list[Problem]:
        found: list[Problem] = []
        check_references(facts, found, edited)
        return [p for p in found if p.field.endswith("evidence")]

    assert problems(None) and problems({source.file}) and not problems({"facts/another.yaml"})
    facts.sources.append(source)  # two sources with one id: every file's evidence again
    assert problems({"facts/another.yaml"})


def test_kg_build_with_nothing_changed_writes_nothing_and_prints_the_last_summary(corpus, tmp_path, capsys):
    """``kg.incremental.up_to_date``: a build of the same inputs with the same settings, its outputs all there,
    is not done again (no generation written), says so and prints the summary the build before printed; a file
    touched but not changed leaves it so, and what a build that died left is removed on the way."""
    from kg.cli import main
    from kg.generations import current

    data, out = tmp_path / "data", tmp_path / "out"
    shutil.copytree(corpus / "data", data)
    assert main(["build", "--data", str(data), "--out", str(out)]) == 0
    built = capsys.readouterr().out
    gen = current(out)
    assert gen is not None
    stamp = {p.name: p.stat().st_mtime_ns for p in gen.iterdir()}
    for path in (data / "facts").glob("*.yaml"):
        os.utime(path)  # touched, not changed
    (out / ".gen-left.tmp").mkdir()  # a build that died while writing
    assert main(["build", "--data", str(data), "--out", str(out)]) == 0
    again = capsys.readouterr().out
    assert "up to date: nothing changed since the last build" in again and "wrote " not in again
    assert again.split("\n\nup to date")[0] == built.split("\nwrote ")[0].rstrip("\n")  # the same summary
    assert current(out) == gen and {p.name: p.stat().st_mtime_ns for p in gen.iterdir()} == stamp
    assert sorted(p.name for p in out.glob("*gen-*")) == [gen.name]


@pytest.mark.parametrize("change", ["an output gone", "another option", "a facts file", "--full",
                                    "a summary of another version"])
def test_kg_build_builds_again_when_anything_it_was_made_of_changed(corpus, tmp_path, capsys, change):
    from kg.cli import main

    data, out, ref = tmp_path / "data", tmp_path / "out", tmp_path / "ref"
    shutil.copytree(corpus / "data", data)
    assert main(["build", "--data", str(data), "--out", str(out)]) == 0
    args = ["build", "--data", str(data), "--out", str(out)]
    if change == "an output gone":
        (out / "graph.html").resolve().unlink()
    elif change == "another option":
        args.append("--no-infer")
    elif change == "a summary of another version":  # its classes gone, say: unreadable, so built again
        from kg.generations import current
        from kg.incremental import SUMMARY

        (current(out) / SUMMARY).write_bytes(b"cno_such_module_of_kg\nSummary\n.")
    elif change == "a facts file":
        path = sorted((data / "facts").glob("*.yaml"))[1]
        path.write_text(path.read_text(encoding="utf-8") + "# reviewed\n", encoding="utf-8")
    else:
        args.append("--full")
    capsys.readouterr()
    assert main(args) == 0
    printed = capsys.readouterr().out
    assert "up to date" not in printed and "wrote " in printed
    _same_as_full(data, out, ref, infer=change != "another option")


def test_kg_build_reads_its_inputs_once_when_something_changed(corpus, tmp_path, monkeypatch):
    """The inputs ``up_to_date`` read (and found changed) are those the build then uses (``Kept.inputs``): every
    file is stat'ed (and a changed one hashed) once per ``kg build``, the package's code hashed once, and the
    outputs are a full build's."""
    import kg.incremental
    import kg.manifest
    from kg.cli import main

    data, out, ref = tmp_path / "data", tmp_path / "out", tmp_path / "ref"
    shutil.copytree(corpus / "data", data)
    assert main(["build", "--data", str(data), "--out", str(out)]) == 0
    calls: list[Path] = []
    real = kg.manifest.inputs_of
    monkeypatch.setattr(kg.manifest, "inputs_of", lambda d, *a, **k: calls.append(Path(d)) or real(d, *a, **k))
    hashed: list[str] = []
    real_version = kg.incremental.code_version
    monkeypatch.setattr(kg.incremental, "code_version", lambda: hashed.append("code") or real_version())
    path = sorted((data / "facts").glob("*.yaml"))[2]
    path.write_text(path.read_text(encoding="utf-8") + "# reviewed\n", encoding="utf-8")
    assert main(["build", "--data", str(data), "--out", str(out)]) == 0
    assert calls == [data] and hashed == ["code"]
    monkeypatch.undo()
    _same_as_full(data, out, ref)
