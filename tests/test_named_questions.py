"""The analysts' questions across sources (issue 12): post-holders, event-versions, disagreements,
relation-timeline and external-ids, asked in-process of the seed plus the invented follow-up reports
(tests/fixtures/many-sources) and of a tiny invented graph. tests/test_compat_stores.py asks them of the other
stores."""

from __future__ import annotations

import re
from pathlib import Path

import pytest

import kg
from kg.facts.external import SCHEMES
from kg.query import run_named
from kg.query.catalog import load_catalog
from kg.vocab import DKG, ID_NS
from tests.many_sources import many_sources

SEED, WIRE, READOUT, WEEKLY = (ID_NS + s for s in ("zarif-visits-iraq-2025-02-07", "followup-wire-2025-02-09",
                                                   "followup-readout-2025-03", "conflicting-2025-02-10"))
NEW = ("post-holders", "event-versions", "disagreements", "relation-timeline", "external-ids")


@pytest.fixture(scope="module")
def data(tmp_path_factory) -> Path:
    return many_sources(tmp_path_factory.mktemp("questions"))


@pytest.fixture(scope="module")
def everything(data) -> kg.KnowledgeGraph:
    return kg.build(data, shacl=False)


def rows(graph, name: str, **params) -> list[dict]:
    return run_named(graph, name, params).to_python()


def ids(values) -> list:
    return [v.removeprefix(ID_NS) if isinstance(v, str) else v for v in values]


def test_the_new_questions_are_in_the_catalog_with_examples():
    catalog = load_catalog(project=None)
    for name in NEW:
        q = catalog[name]
        assert q.examples and q.title and q.description, name
        assert "LATERAL" not in q.text.upper()


# -- post-holders ----------------------------------------------------------------------------------------------


def test_post_holders_finds_the_acting_speaker_with_her_name(everything):
    found = rows(everything, "post-holders", of="Iraqi Parliament", on="2025-02-09")
    assert [(r["name"], r["post"], r["held_in"], r["acting"]) for r in found] == [
        ("Salwa Haddad", "Speaker of Parliament", "Iraqi Parliament", True)]
    # two days before, the speaker himself, not acting
    found = rows(everything, "post-holders", of="iraqi-parliament", on="2025-02-07")
    assert [(r["name"], r["acting"]) for r in found] == [("Mahmoud al-Mashhadani", None)]


def test_post_holders_of_a_country_and_of_one_role(everything):
    found = rows(everything, "post-holders", of="Iraq", on="2025-02-07")
    assert {r["post"] for r in found} >= {"President", "Prime Minister", "Speaker of Parliament"}
    presidents = rows(everything, "post-holders", of="iraq", on="2025-02-07", role="president")
    # the weekly's president and the seed's: the post-holder conflict, both shown
    assert sorted(r["name"] for r in presidents) == ["Abdul Latif Rashid", "Omar Zubaidi"]
    assert rows(everything, "post-holders", of="iraq", on="2025-02-07", role="foreign-minister") == []


# -- event-versions --------------------------------------------------------------------------------------------


def test_event_versions_gives_each_sources_date_place_and_wording(everything):
    found = rows(everything, "event-versions", event="al-sudani-visit-to-iran-2025-01")
    assert [(r["source"], str(r["date"]), r["earliest"].isoformat(), r["latest"].isoformat(), r["destinations"],
             r["wording"]) for r in found] == [
        (WEEKLY, "2024-12", "2024-12-01", "2024-12-31", "Iran", None),
        (WIRE, "2025-01-08", "2025-01-08", "2025-01-08", "Tehran", "8 January 2025"),
        (SEED, "2025-01", "2025-01-01", "2025-01-31", "Iran", "last month"),
    ]
    assert {r["class"] for r in found} == {DKG.Visit} and {r["status"] for r in found} == {DKG.held}
    assert all(r["participants"] == "Mohammed Shia' Al-Sudani" for r in found)
    assert "8 January" in found[1]["evidence"] and "December" in found[0]["evidence"]


def test_event_versions_shows_mentions_statuses_and_participants_as_each_source_says(everything):
    visit = rows(everything, "event-versions", event="zarif-visit-to-iraq-2025-02")
    mention = next(r for r in visit if r["source"] == WIRE)  # only a sentence
    assert (mention["class"], mention["date"], mention["participants"]) == (None, None, None)
    assert mention["evidence"] == "Zarif had arrived in Baghdad on Wednesday night for a two-day visit."
    readout = next(r for r in visit if r["source"] == READOUT)  # published in a month only: a month's date
    assert (str(readout["published"]), str(readout["date"]), readout["wording"]) == ("2025-03", "2025-02",
                                                                                     "February 2025")
    planned = rows(everything, "event-versions", event="farouqi-visit-to-tehran-2025-03")
    assert [(r["source"], r["status"]) for r in planned] == [(WEEKLY, DKG.cancelled), (WIRE, DKG.announced)]
    meeting = rows(everything, "event-versions", event="zarif-meets-al-sudani-2025-02-06")
    said = {r["source"]: r["participants"] for r in meeting}
    assert said[WEEKLY] == "Nadim Farouqi" and said[SEED] == "Mohammad Javad Zarif; Mohammed Shia' Al-Sudani"
    assert {r["source"]: r["locations"] for r in meeting}[WIRE] == "Qasr al-Amal"


# -- disagreements ----------------------------------------------------------------------------------------------


def test_disagreements_lists_every_conflict_with_each_source_and_its_file_line(everything):
    found = rows(everything, "disagreements")
    got = {(r["kind"], r["source"].removeprefix(ID_NS), r["file"], r["line"], r["says"]) for r in found}
    expected = {(c.kind, w.source, w.file, w.line, w.says) for c in everything.conflicts for w in c.witnesses}
    assert got == expected and len(found) == len(expected) >= 9
    assert {r["kind"] for r in found} == {"date", "place", "participants", "post-holder"}
    date = rows(everything, "disagreements", fact="al-sudani-visit-to-iran-2025-01")
    assert [(Path(r["file"]).name, r["line"]) for r in date] == [
        ("conflicting-2025-02-10.yaml", 17), ("followup-wire-2025-02-09.yaml", 45),
        ("zarif-visits-iraq-2025-02-07.yaml", 156)]
    assert all(r["severity"] == "warning" and r["sentence"] for r in date)
    assert rows(everything, "disagreements", fact="farouqi-vask-call-2025-02-07") == []


def test_each_file_line_of_a_disagreement_is_where_its_source_states_the_fact(everything, data):
    found = rows(everything, "disagreements")
    for r in found:
        line = (data.parent / r["file"]).read_text(encoding="utf-8").splitlines()[r["line"] - 1]
        fact = r["concerns"].removeprefix(ID_NS)
        if r["kind"] == "post-holder":  # the membership of the person the source names in the post
            assert line.strip() == f"- person: {r['says'].split()[0]}", (r["file"], r["line"], line)
        else:
            assert line.strip() == f"- id: {fact}", (r["file"], r["line"], line)


def test_disagreements_of_the_seed_alone_are_none(seed_graph):
    assert rows(seed_graph, "disagreements") == []


# -- relation-timeline ------------------------------------------------------------------------------------------


def test_relation_timeline_in_time_order_both_ways(everything):
    found = rows(everything, "relation-timeline", a="Iran", b="Iraq")
    events = ids(r["event"] for r in found)
    assert "pezeshkian-visit-to-baghdad-2024-09" in events  # a visit of an Iranian to a place in Iraq
    assert "al-sudani-visit-to-iran-2025-01" in events  # and of an Iraqi to Iran
    assert "zarif-meets-al-sudani-2025-02-06" in events  # actors of both
    assert "farouqi-vask-call-2025-02-07" not in events and "vask-reception-baghdad-2025-02" not in events
    dated = [r["earliest"] for r in found if r["earliest"] is not None]
    assert dated == sorted(dated)
    assert ids(r["event"] for r in rows(everything, "relation-timeline", a="iraq", b="iran")) == events
    assert len(events) == len(set(events))
    veranian = rows(everything, "relation-timeline", a="iraq", b="verania")
    assert ids(r["event"] for r in veranian) == ["mou-border-trade-signing-2025-02", "vask-reception-baghdad-2025-02",
                                                 "farouqi-vask-call-2025-02-07"]
    assert [r["kind"] for r in veranian] == ["signing", "reception", "phone-call"]


def test_relation_timeline_within_a_period(everything):
    found = rows(everything, "relation-timeline", a="iran", b="iraq", **{"from": "2025-02-06", "to": "2025-02-06"})
    assert found and all(r["earliest"].isoformat() <= "2025-02-06" <= r["latest"].isoformat() for r in found)
    assert "pezeshkian-visit-to-baghdad-2024-09" not in ids(r["event"] for r in found)


# -- external-ids -----------------------------------------------------------------------------------------------


def test_external_ids_of_an_entity_and_of_the_whole_graph(everything):
    iraq = rows(everything, "external-ids", entity="Iraq")
    assert [(r["scheme"], r["id"], r["link"]) for r in iraq] == [
        ("geonames", "99237", "https://sws.geonames.org/99237/"),
        ("wikidata", "Q796", "http://www.wikidata.org/entity/Q796")]
    role = rows(everything, "external-ids", entity="prime-minister")
    assert [(r["id"], r["relation"]) for r in role] == [("Q14212", "http://www.w3.org/2004/02/skos/core#exactMatch")]
    assert len(rows(everything, "external-ids")) == 9


def test_the_schemes_of_external_ids_are_those_of_kg_facts_external():
    text = load_catalog(project=None)["external-ids"].text
    listed = dict(re.findall(r'\("(\w+)" "([^"]+)" "[^"]*"\)', text))
    assert listed == {name: s.template.split("{}")[0] for name, s in SCHEMES.items()}


# Invented for the tests: a fictional state with a Supreme Leader, an acting envoy, and authority-file ids.
TINY_ENTITIES = """persons:
  - id: ada
    label: Ada Kern
    country: avalon
    same_as: {viaf: "123456789", isni: "0000 0002 1825 0097", wikidata: Q42}
  - id: bo
    label: Bo Lind
    country: avalon
places:
  - id: avalon
    label: Avalon
    type: country
    same_as: {geonames: 99072}
roles:
  - id: supreme-leader
    label: Supreme Leader
    single_holder: true
  - id: envoy
    label: Envoy
organizations:
  - id: avalon-mission
    label: Mission of Avalon
    country: avalon
"""
TINY_TEXT = ("Ada Kern, Supreme Leader of Avalon since 2019, met acting envoy Bo Lind, appointed on 3 January 2025. "
             "She will meet him again on 20 February.")
TINY_FACTS = """source:
  id: tiny-report
  text: sources/tiny.txt
  title: An invented report
  published: 2025-02-08
memberships:
  - person: ada
    role: supreme-leader
    state: avalon
    start: 2019
    evidence: Ada Kern, Supreme Leader of Avalon since 2019
  - person: bo
    role: envoy
    organization: avalon-mission
    acting: true
    start: {text: appointed on 3 January 2025, on: 2025-01-03}
    evidence: acting envoy Bo Lind, appointed on 3 January 2025
events:
  - id: ada-meets-bo
    type: meeting
    participants: [ada, bo]
    date: published
    evidence: Ada Kern, Supreme Leader of Avalon since 2019, met acting envoy Bo Lind
  - id: ada-to-meet-bo
    type: meeting
    status: announced
    participants: [ada, bo]
    date: 20 February 2025
    evidence: She will meet him again on 20 February.
"""


@pytest.fixture(scope="module")
def tiny(tmp_path_factory) -> kg.KnowledgeGraph:
    data = tmp_path_factory.mktemp("tiny-questions") / "data"
    (data / "facts").mkdir(parents=True)
    (data / "sources").mkdir()
    (data / "entities.yaml").write_text(TINY_ENTITIES, encoding="utf-8")
    (data / "sources" / "tiny.txt").write_text(TINY_TEXT, encoding="utf-8")
    (data / "facts" / "tiny.yaml").write_text(TINY_FACTS, encoding="utf-8")
    return kg.build(data, shacl=False)


def test_post_holders_of_a_state_and_an_acting_holder_from_a_start_given_by_the_source(tiny):
    found = rows(tiny, "post-holders", of="Avalon", on="2024-06-01")  # long after 2019, before the envoy
    assert [(r["name"], r["post"], r["held_in"], str(r["start"])) for r in found] == [
        ("Ada Kern", "Supreme Leader", "Avalon", "2019")]
    found = rows(tiny, "post-holders", of="avalon", on="2025-02-01")
    assert [(r["name"], r["acting"], r["held_in"]) for r in found] == [
        ("Ada Kern", None, "Avalon"), ("Bo Lind", True, "Mission of Avalon")]
    assert rows(tiny, "post-holders", of="avalon", on="2018-12-31") == []


def test_external_ids_of_every_scheme(tiny):
    found = rows(tiny, "external-ids")
    assert [(ids([r["thing"]])[0], r["scheme"], r["id"]) for r in found] == [
        ("ada", "isni", "0000000218250097"), ("ada", "viaf", "123456789"), ("ada", "wikidata", "Q42"),
        ("avalon", "geonames", "99072")]


def test_a_planned_meeting_is_never_presented_as_held(tiny):
    meetings = rows(tiny, "meetings-of", actor="ada")
    assert [(ids([r["meeting"]])[0], r["status"]) for r in meetings] == [
        ("ada-meets-bo", DKG.held), ("ada-to-meet-bo", DKG.announced)]
    met = rows(tiny, "met-between", **{"from": "2025-02-01", "to": "2025-02-28"})
    assert ids(r["meeting"] for r in met) == ["ada-meets-bo"]  # who met whom: not the meeting still to come
