"""Many sources, one truth: each source's graph intact, the merged view derived by the documented policy, set
semantics, and every disagreement reported with the file:line of each source (the seed article plus the invented
follow-up reports of tests/fixtures/many-sources)."""

from __future__ import annotations

from pathlib import Path

import pyoxigraph as ox
import pytest

import kg
from kg.cli import main
from kg.errors import FactsError
from kg.query import run, run_named
from kg.vocab import DKG, ID_NS, PREFIXES
from tests.many_sources import many_sources

SEED = ID_NS + "zarif-visits-iraq-2025-02-07"
WIRE, READOUT, WEEKLY = (ID_NS + s for s in ("followup-wire-2025-02-09", "followup-readout-2025-03",
                                             "conflicting-2025-02-10"))


@pytest.fixture(scope="module")
def agreeing(tmp_path_factory) -> kg.KnowledgeGraph:
    """The seed and the two reports that agree with it."""
    return kg.build(many_sources(tmp_path_factory.mktemp("agree"), ("followup-wire-2025-02-09",
                                                                   "followup-readout-2025-03")))


@pytest.fixture(scope="module")
def everything(tmp_path_factory) -> tuple[kg.KnowledgeGraph, Path]:
    data = many_sources(tmp_path_factory.mktemp("all"))
    return kg.build(data), data


def rows(graph, text: str) -> list[dict]:
    return run(graph, text).to_python()


def values(graph, s: str, p: str, g: str | None = None) -> set[str]:
    node = ox.DefaultGraph() if g is None else ox.NamedNode(g)
    return {q.object.value for q in graph.store.quads_for_pattern(ox.NamedNode(ID_NS + s), ox.NamedNode(p), None,
                                                                  node)}


def test_each_source_graph_is_intact_after_adding_the_others(seed_graph, everything):
    graph, _ = everything
    for g in (SEED,):
        node = ox.NamedNode(g)
        assert set(graph.store.quads_for_pattern(None, None, None, node)) == set(
            seed_graph.store.quads_for_pattern(None, None, None, node))
    visit = "al-sudani-visit-to-iran-2025-01"  # the seed's own wording, precision and place
    assert values(graph, visit, DKG.date, SEED) == {"2025-01"}
    assert values(graph, visit, DKG.destination, SEED) == {ID_NS + "iran"}
    assert values(graph, visit, DKG.date, WIRE) == {"2025-01-08"}
    assert values(graph, visit, DKG.date, WEEKLY) == {"2024-12"}


def test_the_merged_view_takes_the_most_precise_date_and_the_most_specific_place(agreeing):
    visit = "al-sudani-visit-to-iran-2025-01"
    assert values(agreeing, visit, DKG.date) == {"2025-01-08"}
    assert values(agreeing, visit, DKG.earliestDate) == values(agreeing, visit, DKG.latestDate) == {"2025-01-08"}
    assert values(agreeing, visit, DKG.destination) == {ID_NS + "tehran"}  # Tehran, in Iran
    meeting = "zarif-meets-al-sudani-2025-02-06"
    assert values(agreeing, meeting, DKG.location) == {ID_NS + "qasr-al-amal"}  # a venue within Baghdad
    # every merged value is traceable to the sources that support it
    support = rows(agreeing, f"""SELECT ?src WHERE {{ GRAPH ?src {{ id:{visit} dkg:destination id:tehran }}
                                  ?src a dkg:SourceDocument }}""")
    assert [r["src"] for r in support] == [WIRE]
    assert values(agreeing, visit, "http://www.w3.org/ns/prov#wasDerivedFrom") == {SEED, WIRE}
    # the union of what each source adds: the mention's sentence joins the seed's evidence
    evidence = values(agreeing, "zarif-visit-to-iraq-2025-02", DKG.evidence)
    assert "Zarif had arrived in Baghdad on Wednesday night for a two-day visit." in evidence
    assert len(evidence) == 6  # the seed's four, the wire's mention, the readout's mention


def test_raw_sparql_over_the_merged_view_is_a_set(agreeing):
    q = "SELECT ?who WHERE { id:al-sudani-visit-to-iran-2025-01 dkg:participant ?who }"
    assert rows(agreeing, q) == [{"who": ID_NS + "mohammed-shia-al-sudani"}]  # two sources, one row
    assert len(run(agreeing, q, graphs="union")) == 3  # the merged view and the two source graphs
    visits = run_named(agreeing, "visits-to", {"place": "Tehran"}).values("visit")
    assert visits.count(ID_NS + "al-sudani-visit-to-iran-2025-01") == 1


def test_a_source_without_a_day_of_publication(agreeing):
    pub = rows(agreeing, "SELECT ?d ?r WHERE { ?s dkg:retrievedOn ?r . OPTIONAL { ?s schema:datePublished ?d } }")
    assert [(str(r["d"]), str(r["r"])) for r in pub] == [("2025-03", "2025-03-20")]
    # published in March 2025: "last month" is February, at month precision, whatever the day
    assert values(agreeing, "vask-reception-baghdad-2025-02", DKG.date) == {"2025-02"}
    assert values(agreeing, "vask-reception-baghdad-2025-02", DKG.earliestDate) == {"2025-02-01"}
    assert values(agreeing, "mou-border-trade-signing-2025-02", DKG.signatory) == {
        ID_NS + "nadim-farouqi", ID_NS + "teodor-vask"}
    assert values(agreeing, "mou-border-trade-signing-2025-02", DKG.agreement) == {
        ID_NS + "mou-border-trade-iraq-verania-2025"}


def test_a_planned_visit_is_never_shown_as_held(agreeing, everything):
    planned = "farouqi-visit-to-tehran-2025-03"
    assert values(agreeing, planned, DKG.status) == {DKG.announced}
    assert not run(agreeing, f"ASK {{ id:{planned} dkg:status dkg:held }}").boolean
    graph, _ = everything
    assert values(graph, planned, DKG.status) == {DKG.cancelled}  # the later report: cancelled
    assert values(agreeing, "zarif-meets-al-sudani-2025-02-06", DKG.status) == {DKG.held}


def test_an_acting_speaker_is_found_on_the_day(agreeing):
    holders = run_named(agreeing, "role-holders", {"role": "speaker-of-parliament", "on": "2025-02-09"})
    assert ID_NS + "salwa-haddad" in holders.values("person")
    assert values(agreeing, "membership-salwa-haddad-speaker-of-parliament-iraqi-parliament", DKG.acting) == {"true"}
    assert agreeing.conflicts == []  # an acting holder does not clash with the speaker


def test_delegations_and_the_one_to_one_meeting(agreeing):
    found = rows(agreeing, """SELECT ?of ?head WHERE { id:zarif-meets-al-sudani-2025-02-06 dkg:delegation ?d .
                                ?d dkg:representing ?of ; dkg:headOfDelegation ?head } ORDER BY ?of""")
    assert [(r["of"], r["head"]) for r in found] == [(ID_NS + "iran", ID_NS + "mohammad-javad-zarif"),
                                                      (ID_NS + "iraq", ID_NS + "mohammed-shia-al-sudani")]


def _kinds(graph) -> dict[str, set[tuple[str, int]]]:
    return {c.kind: {(Path(w.file).name, w.line) for w in c.witnesses} for c in graph.conflicts}


def test_every_disagreement_is_reported_with_each_source(everything):
    graph, _ = everything
    kinds = _kinds(graph)
    assert set(kinds) == {"date", "place", "participants", "post-holder"}
    assert ("conflicting-2025-02-10.yaml", 17) in kinds["date"] and len(kinds["date"]) == 3
    assert {f for f, _ in kinds["place"]} == {"conflicting-2025-02-10.yaml", "zarif-visits-iraq-2025-02-07.yaml"}
    assert {f for f, _ in kinds["post-holder"]} == {"conflicting-2025-02-10.yaml",
                                                     "zarif-visits-iraq-2025-02-07.yaml"}
    # the merged view never picks a side silently: a date conflict leaves no date, only the hull of the bounds
    visit = "al-sudani-visit-to-iran-2025-01"
    assert values(graph, visit, DKG.date) == set()
    assert values(graph, visit, DKG.earliestDate) == {"2024-12-01"}
    assert values(graph, visit, DKG.latestDate) == {"2025-01-31"}
    # the conflicts are in the graph too, for questions and other stores
    found = rows(graph, "SELECT ?kind (COUNT(?src) AS ?n) WHERE { GRAPH ?g { ?c a dkg:Conflict ; "
                        "dkg:conflictKind ?kind ; dkg:conflictingSource ?src } } GROUP BY ?kind ORDER BY ?kind")
    assert [(r["kind"], r["n"]) for r in found] == [("date", 3), ("participants", 3), ("place", 2),
                                                    ("post-holder", 2)]
    assert "4 conflict(s) between sources" in graph.summary().table()


def test_kg_conflicts_lists_them_and_strict_builds_stop(everything, capsys, tmp_path):
    _, data = everything
    assert main(["conflicts", "--data", str(data)]) == 1
    out = capsys.readouterr().out
    assert "warning: date: al-sudani-visit-to-iran-2025-01" in out
    assert "data/facts/conflicting-2025-02-10.yaml:17 (conflicting-2025-02-10) says 2024-12" in out
    assert "4 conflict(s): 0 error(s), 4 warning(s)" in out
    assert main(["build", "--data", str(data), "--out", str(tmp_path / "out"), "--strict"]) == 1
    assert "president@iraqi-presidency: expected one holder at a time" in capsys.readouterr().err
    assert not (tmp_path / "out").exists()


def _second(data: Path, events: str, memberships: str = "") -> None:
    (data / "sources" / "x.txt").write_text("One sentence. Another sentence.", encoding="utf-8")
    (data / "facts" / "x.yaml").write_text(
        "source:\n  id: x-source\n  text: sources/x.txt\n  title: X\n  published: 2025-03-01\n"
        f"events:\n{events}" + (f"memberships:\n{memberships}" if memberships else ""), encoding="utf-8")


def test_a_type_conflict_names_the_file_at_fault(tmp_path):
    data = many_sources(tmp_path, ("followup-wire-2025-02-09",))
    _second(data, "  - id: zarif-meets-al-sudani-2025-02-06\n    type: visit\n    destination: iraq\n"
                  "    participants: mohammad-javad-zarif\n    date: 2025-02-06\n    evidence: One sentence.\n")
    with pytest.raises(FactsError) as exc:
        kg.validate(data)
    (problem,) = exc.value.problems  # two sources say meeting, one says visit: the one is at fault
    assert problem.file == "data/facts/x.yaml" and problem.got == "visit"
    assert "followup-wire-2025-02-09.yaml" in problem.expected and "says meeting" in problem.expected


def test_a_mention_of_nothing_and_a_membership_ending_before_it_starts(tmp_path):
    data = many_sources(tmp_path, ())
    _second(data, "  - id: no-such-event\n    evidence: One sentence.\n",
            "  - person: abdul-latif-rashid\n    role: president\n    organization: iraqi-presidency\n"
            "    end: 2020\n    evidence: Another sentence.\n  - person: abdul-latif-rashid\n    role: president\n"
            "    organization: iraqi-presidency\n    start: 2022\n    evidence: One sentence.\n")
    with pytest.raises(FactsError) as exc:
        kg.validate(data)
    text = str(exc.value)
    assert "data/facts/x.yaml" in text and "no-such-event: expected an event that some source describes" in text
    assert "expected a start on or before the end" in text


def test_a_status_that_goes_back_in_time_is_reported(tmp_path):
    data = many_sources(tmp_path, ())
    _second(data, "  - id: zarif-meets-rashid-2025-02-06\n    status: announced\n    evidence: One sentence.\n")
    (conflict,) = kg.validate(data).conflicts
    assert conflict.kind == "status" and {w.says for w in conflict.witnesses} == {"held", "announced"}
    assert str(conflict).startswith("warning: status: zarif-meets-rashid-2025-02-06")


def test_rdf_prefixes_are_the_projects():
    assert PREFIXES["dkg"] == DKG.Meeting[: -len("Meeting")]


def _tiny_event(tmp_path: Path, date: str) -> Path:
    """A data folder of one invented meeting with the given date mapping."""
    data = tmp_path / "data"
    (data / "facts").mkdir(parents=True)
    (data / "sources").mkdir()
    (data / "entities.yaml").write_text(
        "persons:\n  - id: ann\n    label: Ann Orlov\n  - id: bob\n    label: Bob Vance\n", encoding="utf-8")
    (data / "sources" / "t.txt").write_text("Ann Orlov and Bob Vance met for several days.", encoding="utf-8")
    (data / "facts" / "t.yaml").write_text(
        "source:\n  id: t\n  text: sources/t.txt\n  title: An invented report\n  published: 2025-02-07\n"
        f"events:\n  - id: ann-meets-bob\n    type: meeting\n    participants: [ann, bob]\n    date: {date}\n"
        "    evidence: Ann Orlov and Bob Vance met for several days.\n", encoding="utf-8")
    return data


def test_an_event_of_several_days_with_no_latest_day_keeps_an_open_bound(tmp_path, capsys):
    graph = kg.build(_tiny_event(tmp_path / "a", "{on: 2025-02-03, earliest: 2025-02-03}"), shacl=False)
    assert values(graph, "ann-meets-bob", DKG.earliestDate) == {"2025-02-03"}
    assert values(graph, "ann-meets-bob", DKG.latestDate) == set()  # not one day: the end is not known
    data = _tiny_event(tmp_path / "b", "{on: 2025-02-04, earliest: recently, latest: 2025-02-01}")
    assert main(["validate", "--data", str(data)]) == 1
    err = capsys.readouterr().err
    assert "got '2025-02-04 outside open..2025-02-01'" in err and "None" not in err  # an open bound is "open"
