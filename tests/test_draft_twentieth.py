"""kg draft: the nineteenth round's rules, each on invented sentences (fictional names and places)."""

from __future__ import annotations

from datetime import date

from tests.helpers import draft_events, draft_posts
from tests.helpers import draft_invented as _draft

PUB = date(2027, 3, 10)

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


# --- a joint body of two sides set up to meet: a meeting of the two governments --------------------------------------


def test_the_first_meeting_of_a_named_pairs_commission_is_the_two_governments(tmp_path):
    d = _draft(tmp_path, "The first meeting of the Ostrelia–Kessendor joint commission on fisheries, planned for "
                         "20 March in Tamsk, has been postponed.")
    assert [(e.type, e.status, set(e.participants)) for e in d.events] == [
        ("meeting", "postponed", {"government-of-ostrelia", "government-of-kessendor"})]


def test_a_working_group_the_two_of_a_call_agreed_on_is_their_governments(tmp_path):
    d = _draft(tmp_path, "Lena Varosh and Tomas Keld spoke by telephone on Monday, and the two agreed that a "
                         "technical working group on ferries would meet in Tamsk before Easter.")
    group = [e for e in d.events if e.type == "meeting"]
    assert [(e.status, set(e.participants)) for e in group] == [
        ("announced", {"government-of-ostrelia", "government-of-varnia"})]
    assert group[0].date.when(PUB).earliest is None  # not the Monday of the call, a date of the clause before


def test_the_commission_is_the_pair_named_before(tmp_path):
    d = _draft(tmp_path, "The Ostrelia–Kessendor boundary commission last met in 2025. The commission is now due "
                         "to meet in Tamsk in May.")
    assert [(e.status, set(e.participants)) for e in d.events] == [
        ("announced", {"government-of-ostrelia", "government-of-kessendor"})]


def test_a_body_the_registry_holds_meets_as_itself(tmp_path):
    d = _draft(tmp_path, "The Hallorsk–Quillane boundary commission will meet in Merrovik in November.")
    assert [(e.status, e.participants) for e in d.events] == [
        ("announced", ["hallorsk-quillane-boundary-commission"])]


def test_a_session_called_off_in_an_aside_leaves_the_next_one_announced(tmp_path):
    d = _draft(tmp_path, "Lena Varosh met Tomas Keld on Monday. The two agreed that the joint commission would sit "
                         "in Tamsk on 10 June, in place of the session that was called off last month.")
    body = [e for e in d.events if "government-of-ostrelia" in e.participants]
    assert [(e.status, str(e.date.when(PUB).earliest)) for e in body] == [("announced", "2027-06-10")]


def test_a_body_without_two_sides_meets_as_nobody(tmp_path):
    # guard: no pair named and no event of two countries before: no meeting proposed
    d = _draft(tmp_path, "A working group will meet in Tamsk on Monday. The commission said it would publish its "
                         "report.")
    assert d.events == []


# --- "will be in X for talks with B": the visit and the talks --------------------------------------------------


def test_one_who_will_be_in_a_city_for_talks_visits_it(tmp_path):
    d = _draft(tmp_path, "Lena Varosh will be in Drevna on 16 July for talks with Tomas Keld.")
    assert sorted((e.type, e.status, tuple(e.participants)) for e in d.events) == [
        ("meeting", "announced", ("lena-varosh", "tomas-keld")), ("visit", "announced", ("lena-varosh",))]


def test_one_who_will_be_in_a_city_for_no_talks_makes_no_visit(tmp_path):
    # guard: "will be in X" without talks, consultations or a visit after it is no visit
    d = _draft(tmp_path, "Lena Varosh will be in Drevna on Friday to open a bridge.")
    assert draft_events(d) == []


# --- "In a joint statement, the two leaders said": the two of the event before ---------------------------------


def test_a_joint_statement_of_the_two_is_of_the_two_who_met(tmp_path):
    d = _draft(tmp_path, "Lena Varosh met Tomas Keld in Drevna on Monday. In a joint statement released afterwards, "
                         "both ministers said they had asked their officials to \"draw up, by the end of the year, a "
                         "timetable for the ferry\".")
    statement = [e for e in d.events if e.type == "joint-statement"]
    assert [e.participants for e in statement] == [["lena-varosh", "tomas-keld"]]
    assert str(statement[0].date.when(PUB).earliest) == "2027-03-08"  # the meeting's day, not "the end of the year"


def test_a_joint_communique_of_the_leaders_of_several_names_nobody(tmp_path):
    # guard: "the leaders" of a meeting of three are not told to be those who issued it
    d = _draft(tmp_path, "Lena Varosh, Tomas Keld and Edda Morn met in Drevna on Monday. In their joint communique, "
                         "the leaders called for calm.")
    assert [e.type for e in d.events] == ["meeting"]


# --- a body's conference told by the body as subject; a body's thing is no conference -----------------------------


def test_a_body_that_meets_in_a_city_holds_its_conference_there(tmp_path):
    d = _draft(tmp_path, "Lena Varosh urged Tomas Keld to back the plan before the Maren Gulf Forum meets in Tamsk "
                         "in June.")
    assert [(e.type, e.status, e.participants, str(e.date.when(PUB).earliest)) for e in d.events] == [
        ("conference", "announced", ["maren-gulf-forum"], "2027-06-01")]


def test_a_body_that_holds_its_summit_on_two_days_to_come(tmp_path):
    d = _draft(tmp_path, "The Union of Coastal States, the regional body, holds its summit in Tamsk on 12 and 13 "
                         "June.")
    assert [(e.type, e.status, e.participants, str(e.date.when(PUB).earliest)) for e in d.events] == [
        ("conference", "announced", ["union-of-coastal-states"], "2027-06-12")]


def test_the_leaders_of_a_body_who_gather_in_a_resort_hold_its_conference(tmp_path):
    d = _draft(tmp_path, "The talks will resume when the leaders of the Maren Gulf Forum gather in the Ostrelian "
                         "resort of Tamsk in May.")
    assert [(e.type, e.status, e.participants) for e in d.events] == [
        ("conference", "announced", ["maren-gulf-forum"])]


def test_a_body_that_met_is_not_read_as_one_to_come(tmp_path):
    # guard: only its meeting to come is read from the body as subject
    d = _draft(tmp_path, "The Maren Gulf Forum met in Tamsk last year.")
    assert d.events == []


def test_the_fund_of_a_forum_is_no_conference(tmp_path):
    d = _draft(tmp_path, "Lena Varosh met Tomas Keld on Wednesday to press for the Forum's new fund.")
    assert [e.type for e in d.events] == ["meeting"]


def test_the_summit_of_a_forum_is_still_a_conference(tmp_path):
    # guard: a possessive before the conference's own word leaves it a conference
    d = _draft(tmp_path, "Lena Varosh flew to Tamsk for the Maren Gulf Forum's annual summit.")
    assert "conference" in {e.type for e in d.events}


# --- whose post: "X's government spokesperson", "its Secretary-General" -----------------------------------------


def test_a_countrys_government_spokesperson_is_of_that_country(tmp_path):
    d = _draft(tmp_path, "TAMSK – Ostrelia's government spokesperson, Mira Dahl, told us afterwards that the talks "
                         "had gone well.")
    assert draft_posts(d) == {("mira-dahl", "spokesperson", "government-of-ostrelia")}


def test_its_secretary_general_is_of_the_body_named_before(tmp_path):
    d = _draft(tmp_path, "HASKELD – The Maren Gulf Forum, the five-member regional body, holds its summit in Tamsk, "
                         "the Ostrelian capital, in June, and its Secretary-General, Oren Vask, wants a declaration.")
    assert draft_posts(d) == {("oren-vask", "secretary-general", "maren-gulf-forum")}


def test_its_ambassador_to_another_country_is_of_the_country_named_before(tmp_path):
    d = _draft(tmp_path, "Ostrelia has named its new ambassador to Kessendor, Oren Vask.")
    assert {(p, o) for p, _, o in draft_posts(d)} == {("oren-vask", "government-of-ostrelia")}


def test_his_spokesperson_is_not_of_the_body_named_before(tmp_path):
    # guard: "his", not "its": the post stays the context's, not the body's
    d = _draft(tmp_path, "TAMSK – Tomas Keld addressed the Maren Gulf Forum, and his spokesperson, Oren Vask, said "
                         "nothing.")
    assert "maren-gulf-forum" not in {o for _, _, o in draft_posts(d)}


# --- "the foreign ministers of the two countries, A and B": in the order the countries were named ----------------


def test_the_ministers_of_the_two_countries_follow_the_order_they_were_named_in(tmp_path):
    d = _draft(tmp_path, "Talks on the ferry between Ostrelia and Varnia, which the foreign ministers of the two "
                         "countries, Mira Dahl and Oren Vask, were to open on Friday, were postponed.")
    assert {(p, o) for p, _, o in draft_posts(d)} == {("mira-dahl", "ostrelian-foreign-ministry"),
                                                      ("oren-vask", "government-of-varnia")}


def test_the_countries_inside_an_agreements_name_give_the_order(tmp_path):
    d = _draft(tmp_path, "The signing of the agreement on visa-free travel between Vantorra and Sulvaine, which the "
                         "foreign ministers of the two countries, Mira Dahl and Oren Vask, were to sign on Thursday, "
                         "was cancelled.")
    assert {(p, o) for p, _, o in draft_posts(d)} == {("mira-dahl", "vantorran-foreign-ministry"),
                                                      ("oren-vask", "sulvainian-foreign-ministry")}


def test_three_countries_named_before_give_no_order(tmp_path):
    # guard: two ministers after three countries are not paired with the first two
    d = _draft(tmp_path, "Talks between Ostrelia, Varnia and Kessendor, which the foreign ministers of the two "
                         "countries, Mira Dahl and Oren Vask, were to open on Friday, were postponed.")
    posts = {(p, o) for p, _, o in draft_posts(d)}
    assert not {("mira-dahl", "ostrelian-foreign-ministry"), ("oren-vask", "government-of-varnia")} <= posts


# --- conferences not attended: one named by a possessive, one prepared for ----------------------------------------


def test_her_first_summit_names_no_conference(tmp_path):
    d = _draft(tmp_path, "Edda Morn attended her first summit in Tamsk on Monday.")
    assert d.events == []


def test_attending_a_named_summit_is_a_conference(tmp_path):
    # guard: a summit named by its body is still one she attended
    d = _draft(tmp_path, "Edda Morn attended the Maren Gulf Forum summit in Tamsk on Monday.")
    assert [(e.type, e.participants) for e in d.events] == [("conference", ["edda-morn"])]


def test_the_preparations_for_a_summit_are_no_conference_of_those_who_reviewed_them(tmp_path):
    d = _draft(tmp_path, "Lena Varosh and Tomas Keld reviewed the preparations for the Maren Gulf Forum summit, "
                         "which Ostrelia will host on 12 and 13 June.")
    assert "conference" not in {e.type for e in d.events}


# --- the next round of two sides' talks: the sides named with the talks before ------------------------------------


def test_the_next_round_the_two_sides_agreed_to_hold_is_of_the_two_governments(tmp_path):
    d = _draft(tmp_path, "Talks between Ostrelia and Kessendor on fisheries were held in Tamsk on Monday. The two "
                         "sides agreed to hold the next round in Drevna in May.")
    assert [(e.type, e.status, e.participants, str(e.date.when(PUB).earliest)) for e in d.events] == [
        ("talks", "announced", ["government-of-ostrelia", "government-of-kessendor"], "2027-05-01")]


def test_the_next_round_of_consultations_of_ministries_is_of_the_ministries(tmp_path):
    d = _draft(tmp_path, "The fourth round of political consultations between the Ministries of Foreign Affairs of "
                         "Ostrelia and of Kessendor was held in Tamsk on Monday. The fifth round of consultations "
                         "will be held in Drevna in the autumn.")
    assert [(e.status, e.participants) for e in d.events if e.type == "talks"] == [
        ("announced", ["ostrelian-foreign-ministry", "government-of-kessendor"])]  # no Kessendori ministry known


def test_a_round_told_as_held_is_not_read_as_the_sides_talks(tmp_path):
    # guard: the round the article reports is its persons', not the two governments'
    d = _draft(tmp_path, "The fourth round of talks between Ostrelia and Kessendor was held in Tamsk on Monday.")
    assert d.events == []


def test_the_next_round_of_sides_never_named_is_nobodys(tmp_path):
    # guard: no talks of two sides named before, no participants to give it
    d = _draft(tmp_path, "The two sides agreed to hold the next round in Drevna in May.")
    assert d.events == []
