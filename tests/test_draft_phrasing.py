"""kg draft: kinds of phrasing read as general rules, each on invented sentences (fictional names and places)."""

from __future__ import annotations

import shutil
from datetime import date
from pathlib import Path

import pytest

from tests.conftest import ROOT

PUB = date(2027, 3, 10)  # a Wednesday: "on Monday" is 2027-03-08


def _draft(tmp_path: Path, text: str, pub: date = PUB):
    """Draft ``text`` against the invented registry without its persons, except Varosh and Keld."""
    from kg.draft.drafter import analyse
    from kg.facts.load import load_facts

    shutil.copy(ROOT / "benchmarks" / "draft" / "registry.yaml", tmp_path / "entities.yaml")
    full = load_facts(tmp_path).entities
    ents = {k: v for k, v in full.items() if v.kind != "person" or k in ("lena-varosh", "tomas-keld")}
    return analyse(text, pub, ents, [], {"published": str(pub)})


def _events(d, pub: date = PUB) -> set[tuple]:
    return {(e.type, tuple(e.participants), str(e.date.when(pub).earliest), e.status) for e in d.events}


@pytest.mark.parametrize("sentence,location", [
    ("Lena Varosh was received by President Tomas Keld in Drevna on Monday.", "drevna"),
    ("Lena Varosh was welcomed at the airport by Tomas Keld on Monday.", None),
    ("On Monday Lena Varosh was met outside the palace by Tomas Keld.", None),
])
def test_a_passive_reception_has_the_agent_as_host(tmp_path, sentence, location):
    d = _draft(tmp_path, sentence)
    assert _events(d) == {("reception", ("tomas-keld", "lena-varosh"), "2027-03-08", "held")}
    assert d.events[0].location == location


def test_a_demonym_before_counterpart_in_the_object(tmp_path):
    d = _draft(tmp_path, "Lena Varosh held talks with her Varnian counterpart Tomas Keld on Monday.")
    assert _events(d) == {("meeting", ("lena-varosh", "tomas-keld"), "2027-03-08", "held")}


def test_the_letters_of_credence_of_an_ambassador(tmp_path):
    d = _draft(tmp_path, "Tomas Keld received the letters of credence of the new Ambassador of Ostrelia, "
                         "Mara Quell, on Monday.")
    assert {(e.type, tuple(e.participants)) for e in d.events} == {("meeting", ("tomas-keld", "mara-quell"))}


def test_a_possessive_or_a_name_after_a_preposition_is_not_the_subject(tmp_path):
    # "Keld's office" is not Keld as a subject: "she" two sentences on is still Varosh
    d = _draft(tmp_path, "Lena Varosh was received by Tomas Keld on Monday. The two discussed trade, according to "
                         "Keld's office. On Tuesday she held talks with Mara Quell, the Ostrelian trade minister.")
    assert ("meeting", ("lena-varosh", "mara-quell"), "2027-03-09", "held") in _events(d)


def test_a_coordinated_verb_has_its_own_date_and_the_subject_of_the_sentence(tmp_path):
    d = _draft(tmp_path, "Lena Varosh met Tomas Keld in Drevna on Monday. The two ministers signed a water treaty "
                         "after their talks and will meet again in Tamsk in May.")
    got = _events(d)
    assert ("meeting", ("lena-varosh", "tomas-keld"), "2027-05-01", "announced") in got
    signing = next(e for e in d.events if e.type == "signing")
    assert signing.date.when(PUB).earliest != date(2027, 5, 1)  # May is the next meeting's, not the signing's


@pytest.mark.parametrize("sentence", [
    "Lena Varosh discussed the border with Tomas Keld by phone on Monday.",
    "Lena Varosh told Tomas Keld in a telephone call on Monday that the road would open.",
    "Lena Varosh and Tomas Keld talked over the phone on Monday.",
    "Lena Varosh briefed Tomas Keld by video link on Monday.",
    "Lena Varosh held a video conference with Tomas Keld on Monday.",
])
def test_a_call_told_through_an_object_or_an_adverbial(tmp_path, sentence):
    d = _draft(tmp_path, sentence)
    assert _events(d) == {("phone-call", ("lena-varosh", "tomas-keld"), "2027-03-08", "held")}


def test_the_speaker_of_told_is_its_subject_and_the_claim_follows_that(tmp_path):
    d = _draft(tmp_path, "Lena Varosh told Tomas Keld in a telephone call on Monday that the road would open.")
    assert [(s.speakers, s.claim) for s in d.statements] == [(["lena-varosh"], "The road would open.")]


def test_both_leaders_in_the_same_sentence_and_a_signing_during_an_announced_visit(tmp_path):
    d = _draft(tmp_path, "Lena Varosh will visit Drevna next month. Lena Varosh discussed the trip with Tomas Keld "
                         "by phone on Monday, and both leaders agreed to sign a rail accord during the visit.")
    got = _events(d)
    assert ("phone-call", ("lena-varosh", "tomas-keld"), "2027-03-08", "held") in got
    signing = next(e for e in d.events if e.type == "signing")
    assert (sorted(signing.participants), signing.status) == (["lena-varosh", "tomas-keld"], "announced")
    visit = next(e for e in d.events if e.type == "visit")
    assert signing.part_of == [visit.id] and signing.date.when(PUB).earliest == date(2027, 4, 1)


@pytest.mark.parametrize("text", [
    "Lena Varosh will visit Drevna next month. Trade Minister Mara Quell will accompany her.",
    "Lena Varosh, accompanied by Ostrelian Trade Minister Mara Quell, visited Drevna on Monday.",
])
def test_a_companion_joins_the_visit(tmp_path, text):
    d = _draft(tmp_path, text)
    (visit,) = [e for e in d.events if e.type == "visit"]
    assert visit.participants == ["lena-varosh", "mara-quell"]
    assert any("accompanying" in r for r in visit.review)


def test_the_subject_is_not_a_name_inside_a_relative_clause(tmp_path):
    d = _draft(tmp_path, "Mara Quell, the Ostrelian ambassador, has seen it all. Tomas Keld, who last week called the "
                         "ambassador “a friend”, will host a farewell reception for her tomorrow.")
    assert _events(d) == {("reception", ("tomas-keld", "mara-quell"), "2027-03-11", "announced")}
