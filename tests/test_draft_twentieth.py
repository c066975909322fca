"""kg draft: the nineteenth round's rules, each on invented sentences (fictional names and places)."""

from __future__ import annotations

from tests.helpers import draft_events
from tests.helpers import draft_invented as _draft

# --- an arrival to come is a visit: "X is expected (due) in Y next week" -------------------------------------------


def test_one_expected_abroad_whose_country_is_unknown_pays_a_visit(tmp_path):
    d = _draft(tmp_path, "Her deputy, Odile Fenwarth, is expected in Tamsk next week.")
    assert [(e.type, e.status, e.participants) for e in d.events] == [("visit", "announced", ["odile-fenwarth"])]


def test_one_due_in_a_city_with_a_delegation_pays_a_visit(tmp_path):
    d = _draft(tmp_path, "The favour will be returned in the spring, when Corvin Aldane is due in Tamsk with a "
                         "delegation of harbour pilots.")
    assert [(e.type, e.status) for e in d.events] == [("visit", "announced")]


def test_one_expected_at_home_makes_no_visit(tmp_path):
    # guard: Tomas Keld is of Ostrelia, and Drevna is in Ostrelia: no visit of his own country
    d = _draft(tmp_path, "Tomas Keld is expected in Drevna on Friday.")
    assert [e.type for e in d.events] == ["arrival"]


# --- a press conference given with someone -----------------------------------------------------------------------


def test_a_news_conference_alongside_someone_is_theirs_too(tmp_path):
    d = _draft(tmp_path, "Lena Varosh told a closing news conference alongside Tomas Keld that the talks had gone "
                         "well.")
    assert draft_events(d) == [("press-conference", ("lena-varosh", "tomas-keld"))]


def test_a_press_conference_which_one_gave_with_someone_is_theirs_too(tmp_path):
    d = _draft(tmp_path, "\"We agreed,\" Lena Varosh said at the closing press conference, which she gave with the "
                         "Ostrelian Prime Minister, Tomas Keld.")
    assert draft_events(d) == [("press-conference", ("lena-varosh", "tomas-keld"))]


def test_speaking_to_reporters_with_someone_at_ones_side_is_a_press_conference(tmp_path):
    d = _draft(tmp_path, "Speaking to reporters with Tomas Keld at her side after the talks, Lena Varosh said the "
                         "two had agreed.")
    assert draft_events(d) == [("press-conference", ("lena-varosh", "tomas-keld"))]


def test_a_joint_press_appearance_is_a_joint_press_conference(tmp_path):
    d = _draft(tmp_path, "Lena Varosh met Tomas Keld in Drevna on Monday. \"We are neighbours,\" Keld said at a "
                         "joint press appearance afterwards.")
    assert ("press-conference", ("lena-varosh", "tomas-keld")) in draft_events(d)


def test_speaking_to_reporters_alone_is_no_press_conference(tmp_path):
    # guard: reporters with nobody named beside the speaker are no event
    d = _draft(tmp_path, "Lena Varosh spoke to reporters on Monday.")
    assert draft_events(d) == []


def test_a_press_conference_with_journalists_adds_nobody(tmp_path):
    # guard: "with" before no person adds no participant
    d = _draft(tmp_path, "Lena Varosh held a press conference with journalists from Ostrelia.")
    assert draft_events(d) == [("press-conference", ("lena-varosh",))]
