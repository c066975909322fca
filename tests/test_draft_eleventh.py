"""kg draft: the eleventh round's rules, each on invented sentences (fictional names and places)."""

from __future__ import annotations

from datetime import date

from tests.helpers import dated_events as _events
from tests.helpers import draft_invented as _draft

PUB = date(2027, 3, 10)  # a Wednesday: "on Monday" is 2027-03-08

_LEDE = "Lena Varosh, the foreign minister of Ostrelia, spoke to us in Tamsk on Tuesday.\n\n"


def _interview(*pairs: tuple[str, str]) -> str:
    return _LEDE + "\n\n".join(f"{q}\n\n{a}" for q, a in pairs)


def test_in_an_answer_i_is_the_one_interviewed(tmp_path):
    d = _draft(tmp_path, _interview(("Who did you see this week?", "I met Tomas Keld on Monday. We agreed."),
                                    ("And after that?", "I went home.")))
    assert ("meeting", ("lena-varosh", "tomas-keld"), "2027-03-08", "held") in _events(d)


def test_in_a_question_you_is_the_one_interviewed(tmp_path):
    d = _draft(tmp_path, _interview(("You met Tomas Keld on Monday. Was it useful?", "Very."),
                                    ("What next?", "Rest.")))
    assert ("meeting", ("lena-varosh", "tomas-keld"), "2027-03-08", "held") in _events(d)


def test_no_interview_without_questions(tmp_path):
    d = _draft(tmp_path, "Lena Varosh spoke on Tuesday.\n\n\"I met Tomas Keld on Monday,\" said Mara Quell.")
    assert all("lena-varosh" not in e.participants for e in d.events if e.type == "meeting")


def test_in_an_answer_he_is_not_the_one_interviewed(tmp_path):
    d = _draft(tmp_path, _interview(("Did Tomas Keld warn you?", "He did. He phoned me on Monday."),
                                    ("And then?", "Nothing.")))
    calls = [e for e in d.events if e.type == "phone-call"]
    assert [sorted(e.participants) for e in calls] == [["lena-varosh", "tomas-keld"]]


def test_a_full_name_coordinated_with_i_is_a_person(tmp_path):
    d = _draft(tmp_path, _interview(("Whom did you see?", "Oskar Brandl and I had dinner in Tamsk on Monday."),
                                    ("Was it good?", "Yes.")))
    assert "oskar-brandl" in {p.id for p in d.persons}
    assert ("meeting", ("oskar-brandl", "lena-varosh"), "2027-03-08", "held") in _events(d)


def test_a_meeting_between_two_is_theirs_not_the_subjects(tmp_path):
    d = _draft(tmp_path, "Lena Varosh called off the meeting between President Oskar Brandl and President "
                         "Ivo Santer in Tamsk.")
    assert [(sorted(e.participants), e.status) for e in d.events if e.type == "meeting"] == \
        [(["ivo-santer", "oskar-brandl"], "cancelled")]


def test_a_date_in_the_possessive_is_the_events(tmp_path):
    d = _draft(tmp_path, "Ostrelia postponed Friday's talks between Lena Varosh and Tomas Keld, the ministry "
                         "said on Monday.")
    talks = [e for e in d.events if e.type == "meeting"]
    assert [(e.participants, str(e.date.when(PUB).earliest), e.status) for e in talks] == \
        [(["lena-varosh", "tomas-keld"], "2027-03-05", "postponed")]


def test_going_to_a_place_is_to_come(tmp_path):
    d = _draft(tmp_path, "Lena Varosh is going to Drevna for talks on the harbour.")
    assert [(e.type, e.status) for e in d.events] == [("visit", "announced")]


def test_a_plural_title_with_its_names_after_a_dash(tmp_path):
    d = _draft(tmp_path, "The treaty was signed by the presidents of Ostrelia and Varnia – Oskar Brandl and Ivo "
                         "Santer – in Tamsk on Monday.")
    assert {(m.person, m.role, m.organization) for m in d.memberships} >= {
        ("oskar-brandl", "president", "government-of-ostrelia"), ("ivo-santer", "president", "varnian-presidency")}


def test_a_ministry_spokesman_after_the_ministry_told_in_lower_case(tmp_path):
    d = _draft(tmp_path, "KALVORA – Ostrelia has closed its border, the foreign ministry announced on Monday. "
                         "\"We had no choice,\" ministry spokesman Oskar Brandl told reporters.")
    assert {(m.person, m.organization) for m in d.memberships} == {("oskar-brandl", "ostrelian-foreign-ministry")}


def test_talks_over_lunch_are_a_meeting(tmp_path):
    d = _draft(tmp_path, "Lena Varosh and Tomas Keld settled the matter over lunch on Monday.")
    assert _events(d) == {("meeting", ("lena-varosh", "tomas-keld"), "2027-03-08", "held")}


def test_keeping_an_appointment_with_someone_is_a_meeting(tmp_path):
    d = _draft(tmp_path, "Lena Varosh kept her appointment with Tomas Keld on Monday.")
    assert _events(d) == {("meeting", ("lena-varosh", "tomas-keld"), "2027-03-08", "held")}


def test_stopping_in_a_town_is_a_visit(tmp_path):
    d = _draft(tmp_path, "Lena Varosh stopped in Drevna on Monday.")
    assert [(e.type, e.participants, e.location) for e in d.events] == [("visit", ["lena-varosh"], "drevna")]


def test_that_evening_is_the_day_of_the_sentence_before_not_of_the_next_clause(tmp_path):
    d = _draft(tmp_path, "Lena Varosh flew to Drevna on Monday. She and Tomas Keld talked over dinner that evening, "
                         "and the meeting with Mara Quell followed on Tuesday.")
    dinner = [e for e in d.events if e.type == "meeting" and e.participants == ["lena-varosh", "tomas-keld"]]
    assert [str(e.date.when(PUB).value) for e in dinner] == ["2027-03-08"]


def test_their_ministers_are_not_of_the_delegation_of_one_visitor(tmp_path):
    d = _draft(tmp_path, "Lena Varosh visited Drevna on Monday. Their foreign minister, Tomas Keld, stayed at home.")
    assert [e.participants for e in d.events if e.type == "visit"] == [["lena-varosh"]]


def test_a_later_clause_with_its_own_date_and_subject_does_not_date_the_first(tmp_path):
    d = _draft(tmp_path, "On Monday Lena Varosh was in Drevna for talks with Tomas Keld, and on Friday she is "
                         "expected in Tamsk.")
    talks = [e for e in d.events if e.type == "meeting"]
    assert [str(e.date.when(PUB).value) for e in talks] == ["2027-03-08"]


def test_a_future_verb_right_after_the_date_resolves_it_forward(tmp_path):
    d = _draft(tmp_path, "Lena Varosh was in Drevna on Tuesday, and on Friday she is expected in Tamsk.")
    tamsk = [e for e in d.events if e.location == "tamsk"]
    assert [(e.status, str(e.date.when(PUB).value)) for e in tamsk] == [("announced", "2027-03-12")]


def test_a_pronoun_after_a_dated_clause_is_not_coordinated_with_the_name_before(tmp_path):
    d = _draft(tmp_path, "Lena Varosh was in Drevna for talks with Tomas Keld, and on Friday she is expected in "
                         "Tamsk.")
    assert [e.participants for e in d.events if e.location == "tamsk"] == [["lena-varosh"]]


def test_she_after_her_as_object_does_not_tell_the_subjects_gender(tmp_path):
    d = _draft(tmp_path, "Mara Quell flew to Tamsk on Monday. Tomas Keld received her at his office, and she spent "
                         "the afternoon with the Ostrelian energy minister, Ivo Santer.")
    assert [e.participants for e in d.events if e.type == "meeting"] == [["mara-quell", "ivo-santer"]]


def test_a_full_name_with_its_country_after_it_in_a_call_between_two(tmp_path):
    d = _draft(tmp_path, "A telephone call between Foreign Minister Lena Varosh and Marta Lind of Varnia on Monday "
                         "produced nothing.")
    assert [(p.id, p.country) for p in d.persons if p.id == "marta-lind"] == [("marta-lind", "varnia")]
    assert _events(d) == {("phone-call", ("lena-varosh", "marta-lind"), "2027-03-08", "held")}
