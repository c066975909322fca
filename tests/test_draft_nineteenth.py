"""kg draft: the eighteenth round's rules, each on invented sentences (fictional names and places)."""

from __future__ import annotations

from tests.helpers import draft_invented as _draft


def _of(d, person: str) -> set[tuple[str, str, str]]:
    return {(m.person, m.role, m.organization) for m in d.memberships if m.person == person}


# --- a journalist's periphrasis of a post: "X's top diplomat" -------------------------------------------------


def test_a_countrys_top_diplomat_is_its_foreign_minister(tmp_path):
    d = _draft(tmp_path, "KALVORA – Ostrelia's top diplomat, Edda Morn, arrived in Kalvora on Monday.")
    assert _of(d, "edda-morn") == {("edda-morn", "foreign-minister", "ostrelian-foreign-ministry")}


def test_the_chief_diplomat_of_a_country_serves_in_its_foreign_ministry(tmp_path):
    d = _draft(tmp_path, "KALVORA – Edda Morn, the chief diplomat of Ostrelia, met Tomas Keld on Monday.")
    assert _of(d, "edda-morn") == {("edda-morn", "foreign-minister", "ostrelian-foreign-ministry")}


def test_a_diplomat_is_no_foreign_minister(tmp_path):
    # guard: "diplomat" alone names no post
    d = _draft(tmp_path, "KALVORA – An Ostrelian diplomat, Edda Morn, met Tomas Keld on Monday.")
    assert {r for _, r, _ in _of(d, "edda-morn")} & {"foreign-minister"} == set()


# --- a storm named like a person is no person -----------------------------------------------------------------


def test_a_named_storm_is_no_person_nor_a_party_to_a_call(tmp_path):
    d = _draft(tmp_path, "KALVORA – Varnian President Oskar Brandl and Tomas Keld spoke by telephone on Wednesday as "
                         "Cyclone Merrit moved north.")
    assert "cyclone-merrit" not in {p.id for p in d.persons}
    assert [(e.type, e.participants) for e in d.events] == [("phone-call", ["oskar-brandl", "tomas-keld"])]


# --- the title in apposition to the last of two subjects is no pronoun -----------------------------------------


def test_both_subjects_call_though_the_second_is_titled_in_apposition(tmp_path):
    d = _draft(tmp_path, "KALVORA – Varnian President Oskar Brandl and Tomas Keld, the prime minister of Ostrelia, "
                         "spoke by telephone on Wednesday.")
    assert [(e.type, e.participants) for e in d.events] == [("phone-call", ["oskar-brandl", "tomas-keld"])]


def test_a_title_of_no_name_still_stands_for_the_subject(tmp_path):
    # guard: "the president" titling no name is a pronoun, for the subject of the sentence, not the name before it
    d = _draft(tmp_path, "KALVORA – Varnian President Oskar Brandl received Tomas Keld on Monday, and on Tuesday the "
                         "president visited Orvik.")
    visits = [e.participants for e in d.events if e.type == "visit"]
    assert visits == [["oskar-brandl"]]


# --- those who joined the meeting told before ---------------------------------------------------------------------


def _meetings(d) -> list[list[str]]:
    return [e.participants for e in d.events if e.type == "meeting"]


def test_those_who_joined_a_meeting_take_part_in_it(tmp_path):
    d = _draft(tmp_path, "KALVORA – Tomas Keld and Lena Varosh met for an hour on Monday. They were later joined by "
                         "their trade ministers, Edda Morn and Ivo Santer.")
    assert _meetings(d) == [["tomas-keld", "lena-varosh", "edda-morn", "ivo-santer"]]


def test_the_two_leaders_after_a_joined_meeting_are_still_its_two(tmp_path):
    d = _draft(tmp_path, "KALVORA – Tomas Keld and Lena Varosh met for an hour on Monday. They were joined for the "
                         "second half by their trade ministers, Edda Morn and Ivo Santer. Afterwards the two leaders "
                         "said they had agreed to open the bridge.")
    assert [s.speakers for s in d.statements] == [["tomas-keld", "lena-varosh"]]


def test_a_meeting_joined_by_no_one_named_keeps_its_parties(tmp_path):
    # guard: "joined for dinner by both delegations" names nobody to add
    d = _draft(tmp_path, "KALVORA – Tomas Keld and Lena Varosh met for an hour on Monday. They were joined for "
                         "dinner by both delegations, and Edda Morn, the Varnian envoy, said the talks went well.")
    assert _meetings(d) == [["tomas-keld", "lena-varosh"]]
