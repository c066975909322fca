"""The build: named graphs, inferences kept apart, merges across sources, SHACL, outputs."""

from __future__ import annotations

import shutil
import subprocess
import sys
from pathlib import Path

import pyoxigraph as ox
import pytest
import rdflib
from rdflib.compare import to_isomorphic

import kg
from kg.errors import ShapeError
from kg.vocab import DKG, ID_NS, INFERRED_GRAPH, ONTOLOGY_GRAPH, PREFIXES, REGISTRY_GRAPH
from tests.realtools import rapper_validate, require

SOURCE = ID_NS + "zarif-visits-iraq-2025-02-07"


def test_named_graphs(seed_graph):
    assert seed_graph.graph_names() == sorted([INFERRED_GRAPH, REGISTRY_GRAPH, ONTOLOGY_GRAPH, SOURCE])
    assert seed_graph.source_graphs() == [SOURCE]


def test_inferred_triples_live_only_in_their_graph(seed_graph):
    store = seed_graph.store
    inferred = {q.triple for q in store.quads_for_pattern(None, None, None, ox.NamedNode(INFERRED_GRAPH))}
    asserted = {q.triple for g in seed_graph.asserted_graphs()
                for q in store.quads_for_pattern(None, None, None, ox.NamedNode(g))}
    assert inferred and not inferred & asserted
    zarif = ox.NamedNode(ID_NS + "mohammad-javad-zarif")
    assert ox.Triple(zarif, ox.NamedNode(PREFIXES["rdf"] + "type"), ox.NamedNode(PREFIXES["foaf"] + "Person")) \
        in inferred
    baghdad_in_iraq = ox.Triple(ox.NamedNode(ID_NS + "baghdad"), ox.NamedNode(PREFIXES["schema"] + "containedInPlace"),
                                ox.NamedNode(ID_NS + "iraq"))
    assert baghdad_in_iraq in inferred


def test_no_inference_when_asked(data_copy):
    g = kg.build(data_copy, infer=False)
    assert INFERRED_GRAPH not in g.graph_names()


def test_outputs_are_deterministic(tmp_path):
    kg.build("data", tmp_path / "a")
    kg.build("data", tmp_path / "b")
    for name in ("graph.trig", "graph.ttl"):
        assert (tmp_path / "a" / name).read_bytes() == (tmp_path / "b" / name).read_bytes()


@pytest.mark.parametrize("infer", [True, False])
def test_the_store_on_disk_holds_what_the_build_holds(tmp_path, infer):
    """The full build loads its store on disk from the dataset's N-Quads, then adds the ontology and the
    inferences: the same quads as the build in memory, blank nodes and all."""
    from kg.formats.rdf import write_nquads

    disk = kg.build("data", tmp_path / "out", infer=infer)
    assert disk.incremental == "no previous build"
    memory = kg.build("data", infer=infer)
    stored = ox.Store.read_only(str(tmp_path / "out" / "store"))
    assert len(stored) == len(memory.store)
    assert write_nquads(stored) == write_nquads(memory.store)
    assert not list((tmp_path / "out").glob("*/*.nq.tmp"))


def test_turtle_export_is_the_merged_facts_and_parses_back(tmp_path, seed_graph):
    kg.build("data", tmp_path)
    parsed = rdflib.Graph().parse(tmp_path / "graph.ttl", format="turtle")
    expected = rdflib.Graph()
    for t in seed_graph.triples():
        expected.parse(data=f"{t.subject} {t.predicate} {t.object} .", format="nt")
    assert to_isomorphic(parsed) == to_isomorphic(expected)
    store = ox.Store()
    store.load(path=str(tmp_path / "graph.ttl"), format=ox.RdfFormat.TURTLE)
    assert len(store) == len(parsed)


def test_trig_export_keeps_every_graph(tmp_path, seed_graph):
    kg.build("data", tmp_path)
    loaded = kg.load(tmp_path)
    assert loaded.graph_names() == seed_graph.graph_names()
    for g in seed_graph.graph_names():
        a = {q.triple for q in seed_graph.store.quads_for_pattern(None, None, None, ox.NamedNode(g))}
        b = {q.triple for q in loaded.store.quads_for_pattern(None, None, None, ox.NamedNode(g))}
        if g == ONTOLOGY_GRAPH:  # blank nodes (owl:unionOf lists) are relabelled: compare sizes there
            assert len(a) == len(b)
        else:
            assert a == b


@pytest.mark.real
def test_exports_pass_rapper(tmp_path):
    require("rapper", shutil.which("rapper") is not None, "raptor2-utils is not installed")
    kg.build("data", tmp_path)
    for name, syntax in (("graph.ttl", "turtle"), ("graph.trig", "trig")):
        ok, msg = rapper_validate(tmp_path / name, syntax)
        assert ok, msg


def test_rdflib_view_shares_the_store(seed_graph):
    ds = seed_graph.rdflib
    rows = list(ds.query("SELECT (COUNT(*) AS ?n) WHERE { GRAPH ?g { ?m a dkg:Meeting } }"))
    assert int(rows[0][0]) == 6


def test_shacl_conforms_and_catches_violations(seed_graph):
    from kg.builder.shapes import check_shapes

    assert check_shapes(seed_graph.store, Path("ontology/shapes.ttl"), seed_graph.origins) == []
    store = ox.Store()
    store.extend(seed_graph.store.quads_for_pattern(None, None, None, None))
    meeting = ox.NamedNode(ID_NS + "zarif-meets-rashid-2025-02-06")
    for q in list(store.quads_for_pattern(meeting, ox.NamedNode(DKG.participant), None, None)):
        store.remove(q)
    problems = check_shapes(store, Path("ontology/shapes.ttl"), seed_graph.origins)
    msgs = [str(p) for p in problems]
    assert any(m.startswith("data/facts/zarif-visits-iraq-2025-02-07.yaml:") and "events[2]: dkg:participant" in m
               and "a meeting has at least two participants" in m for m in msgs), msgs


def test_shape_error_stops_the_build(data_copy, tmp_path, monkeypatch):
    (data_copy / "facts" / "zarif-visits-iraq-2025-02-07.yaml").write_text(
        (data_copy / "facts" / "zarif-visits-iraq-2025-02-07.yaml").read_text(encoding="utf-8").replace(
            "participants: [mohammad-javad-zarif, mahmoud-al-mashhadani]", "participants: [mohammad-javad-zarif]"),
        encoding="utf-8")
    from kg.graph import core
    from kg.incremental import apply

    stopped = []

    def load(store, folder, stop):  # the load beside the shapes: told to stop when they fail
        core.copy_to_disk(store, folder, stop)
        stop.wait(60)
        stopped.append(stop.is_set())

    monkeypatch.setattr(apply, "copy_to_disk", load)
    with pytest.raises(ShapeError, match="a meeting has at least two participants"):
        kg.build(data_copy, tmp_path / "out")
    assert not (tmp_path / "out").exists() and stopped == [True]


def test_a_load_told_to_stop_loads_no_further_piece(seed_graph, tmp_path):
    import threading

    from kg.graph.core import copy_to_disk

    stop = threading.Event()
    stop.set()
    copy_to_disk(seed_graph.store, tmp_path / "store", stop)
    assert len(ox.Store(str(tmp_path / "store"))) == 0
    copy_to_disk(seed_graph.store, tmp_path / "whole", threading.Event())
    assert len(ox.Store(str(tmp_path / "whole"))) == len(seed_graph.store)


SECOND_TEXT = ("BAGHDAD – Iraqi Prime Minister Mohammed Shia' Al-Sudani held talks in Tehran on 8 January 2025. "
               "Iraqi President Abdul Latif Rashid received Iran’s Vice President for Strategic Affairs in February.")


def _add_second_source(data: Path) -> None:
    (data / "sources" / "second.txt").write_text(SECOND_TEXT, encoding="utf-8")
    (data / "facts" / "second.yaml").write_text("""\
source:
  id: second-source
  text: sources/second.txt
  title: A second report
  published: 2025-02-20
  dateline: baghdad
events:
  - id: al-sudani-visit-to-iran-2025-01
    type: visit
    participants: mohammed-shia-al-sudani
    destination: tehran
    date: 8 January 2025
    evidence: "Iraqi Prime Minister Mohammed Shia' Al-Sudani held talks in Tehran on 8 January 2025."
  - id: zarif-meets-rashid-2025-02-06
    type: meeting
    participants: [abdul-latif-rashid, mohammad-javad-zarif]
    date: February 2025
    evidence: "Iraqi President Abdul Latif Rashid received Iran’s Vice President for Strategic Affairs in February."
memberships:
  - person: abdul-latif-rashid
    role: president
    organization: iraqi-presidency
    evidence: "Iraqi President Abdul Latif Rashid received Iran’s Vice President for Strategic Affairs in February."
""", encoding="utf-8")


def test_two_sources_merge_into_one_node_and_the_precise_date_wins(data_copy, seed_graph):
    _add_second_source(data_copy)
    g = kg.build(data_copy)
    second = ID_NS + "second-source"
    rows = list(g.store.query("""
        SELECT ?date ?precision ?lo ?hi (GROUP_CONCAT(DISTINCT STR(?src); separator=" ") AS ?srcs)
               (COUNT(DISTINCT ?ev) AS ?n) (GROUP_CONCAT(DISTINCT STR(?dest)) AS ?dests) WHERE {
          ?v dkg:date ?date ; dkg:datePrecision ?precision ; dkg:earliestDate ?lo ; dkg:latestDate ?hi ;
             prov:wasDerivedFrom ?src ; dkg:evidence ?ev ; dkg:destination ?dest .
          FILTER(?v = id:al-sudani-visit-to-iran-2025-01)
        } GROUP BY ?date ?precision ?lo ?hi""", prefixes=PREFIXES))
    assert len(rows) == 1  # the merged view: one date, one set of bounds
    row = rows[0]
    assert (row["date"].value, row["date"].datatype.value) == ("2025-01-08", PREFIXES["xsd"] + "date")
    assert (row["lo"].value, row["hi"].value) == ("2025-01-08", "2025-01-08")
    assert set(row["srcs"].value.split()) == {SOURCE, second}
    assert int(row["n"].value) == 2
    assert row["dests"].value == ID_NS + "tehran"  # Iran (the seed) and Tehran (the second): Tehran, in Iran
    visit = ox.NamedNode(ID_NS + "al-sudani-visit-to-iran-2025-01")
    # each source's graph keeps what that source says: the seed its month and Iran, the second its day and Tehran
    month = ox.Literal("2025-01", datatype=ox.NamedNode(PREFIXES["xsd"] + "gYearMonth"))
    assert ox.Quad(visit, ox.NamedNode(DKG.date), month, ox.NamedNode(SOURCE)) in g.store
    assert ox.Quad(visit, ox.NamedNode(DKG.destination), ox.NamedNode(ID_NS + "iran"), ox.NamedNode(SOURCE)) in g.store
    day = ox.Literal("2025-01-08", datatype=ox.NamedNode(PREFIXES["xsd"] + "date"))
    assert ox.Quad(visit, ox.NamedNode(DKG.date), day, ox.NamedNode(second)) in g.store
    # and the seed's graph is exactly what it was before the second source came
    before = set(seed_graph.store.quads_for_pattern(None, None, None, ox.NamedNode(SOURCE)))
    assert set(g.store.quads_for_pattern(None, None, None, ox.NamedNode(SOURCE))) == before
    # the day from the first source beats the month from the second
    meeting = list(g.store.query("SELECT ?d WHERE { id:zarif-meets-rashid-2025-02-06 dkg:date ?d }",
                                 prefixes=PREFIXES))
    assert [r["d"].value for r in meeting] == ["2025-02-06"]
    # one membership node, attested by both sources
    attested = list(g.store.query("SELECT ?d WHERE { id:membership-abdul-latif-rashid-president-iraqi-presidency "
                                  "dkg:attestedOn ?d } ORDER BY ?d", prefixes=PREFIXES))
    assert [r["d"].value for r in attested] == ["2025-02-07", "2025-02-20"]
    persons = list(g.store.query("SELECT (COUNT(?p) AS ?n) WHERE { ?p a dkg:Person }", prefixes=PREFIXES))
    assert int(persons[0]["n"].value) == 7
    assert g.summary().classes["SourceDocument"] == 2 and g.conflicts == []


def test_summary(seed_graph):
    s = seed_graph.summary()
    assert s.classes == {"Person": 7, "Organization": 8, "Country": 3, "City": 2, "Role": 5,
                         "Membership": 7, "Meeting": 6, "Visit": 4, "Conference": 1, "Topic": 19, "Statement": 14,
                         "SourceDocument": 1, "Conflict": 0}
    assert s.sources == [{"id": "zarif-visits-iraq-2025-02-07", "published": "2025-02-07",
                          "title": "Iran pledges support for Iraq’s security, sovereignty", "facts": 32}]
    assert "dkg:Meeting" in s.table() and "0 warnings" in s.table()


def test_kg_build_command_for_real(tmp_path):
    """The console script, in a subprocess, as a user runs it."""
    out = tmp_path / "out"
    proc = subprocess.run([sys.executable, "-m", "kg", "build", "--out", str(out)], capture_output=True, text=True,
                          cwd=Path.cwd())
    assert proc.returncode == 0, proc.stderr
    assert "dkg:Meeting" in proc.stdout and f"wrote {out / 'graph.ttl'}" in proc.stdout
    proc = subprocess.run([sys.executable, "-m", "kg", "validate"], capture_output=True, text=True)
    assert proc.returncode == 0 and proc.stdout.startswith("ok:")
    proc = subprocess.run([sys.executable, "-m", "kg", "validate", "--data", str(tmp_path / "nowhere")],
                          capture_output=True, text=True)
    assert proc.returncode == 1 and "Traceback" not in proc.stderr
    assert "expected a directory with entities.yaml and facts/" in proc.stderr
