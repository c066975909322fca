"""kg draft: the tenth round's rules, each on invented sentences (fictional names and places)."""

from __future__ import annotations

from datetime import date

from tests.helpers import dated_events as _events
from tests.helpers import draft_invented as _draft

PUB = date(2027, 3, 10)  # a Wednesday: "on Monday" is 2027-03-08


def test_a_stop_of_a_tour_is_a_visit_of_the_last_subject(tmp_path):
    d = _draft(tmp_path, "Lena Varosh left Tamsk on Monday for a week of talks. Her first stop was Drevna, where "
                         "the harbour was closed.")
    visits = [e for e in d.events if e.type == "visit"]
    assert [(e.participants, e.location, str(e.date.when(PUB).earliest)) for e in visits if e.location == "drevna"] \
        == [(["lena-varosh"], "drevna", "2027-03-08")]


def test_spending_the_afternoon_with_someone_is_a_meeting(tmp_path):
    d = _draft(tmp_path, "On Monday Lena Varosh spent the afternoon with Tomas Keld at his farm.")
    assert _events(d) == {("meeting", ("lena-varosh", "tomas-keld"), "2027-03-08", "held")}


def test_a_time_word_between_a_passive_and_its_agent(tmp_path):
    d = _draft(tmp_path, "On Monday Lena Varosh was received that evening by Tomas Keld.")
    assert _events(d) == {("reception", ("tomas-keld", "lena-varosh"), "2027-03-08", "held")}


def test_a_coordinated_passive_is_of_the_subject_not_of_the_object_before_it(tmp_path):
    d = _draft(tmp_path, "On Monday Lena Varosh toured the port with Mara Quell, the harbour master, and was "
                         "received by Tomas Keld.")
    assert ("reception", ("tomas-keld", "lena-varosh"), "2027-03-08", "held") in _events(d)
    d = _draft(tmp_path, "Lena Varosh set off on Monday. In Drevna she lunched with Mara Quell, the harbour "
                         "master, and was received by Tomas Keld.")
    assert [e.participants for e in d.events if e.type == "reception"] == [["tomas-keld", "lena-varosh"]]


def test_a_date_in_reported_speech_without_that_is_not_the_events(tmp_path):
    d = _draft(tmp_path, "Lena Varosh's visit to Drevna was postponed, and Tomas Keld said he expected it in "
                         "the autumn.")
    visit = next(e for e in d.events if e.type == "visit")
    assert visit.status == "postponed" and visit.date.when(PUB).earliest is None


def test_a_postponed_event_is_not_dated_by_the_sentence_before(tmp_path):
    d = _draft(tmp_path, "Tomas Keld met the harbour board in Tamsk in January. The visit of Lena Varosh to Drevna "
                         "was postponed.")
    visit = next(e for e in d.events if e.type == "visit")
    assert visit.status == "postponed" and visit.date.when(PUB).earliest is None


def test_a_prime_minister_belongs_to_the_government_not_to_the_office_of_the_post(tmp_path):
    d = _draft(tmp_path, "Sadhuni Prime Minister Tarik Molle opened the new port on Monday.")
    assert {(m.person, m.organization) for m in d.memberships} == {("tarik-molle", "government-of-sadhun")}


def test_a_call_told_in_a_clause_after_said_is_of_that_clauses_persons(tmp_path):
    d = _draft(tmp_path, "Mara Quell said Lena Varosh had spoken to Tomas Keld by telephone on Monday.")
    assert _events(d) == {("phone-call", ("lena-varosh", "tomas-keld"), "2027-03-08", "held")}


def test_a_name_after_a_countrys_possessive_is_a_person_of_that_country(tmp_path):
    d = _draft(tmp_path, "Lena Varosh spoke to Belmora's Ivo Santer by telephone on Monday.")
    assert [(p.id, p.country) for p in d.persons] == [("ivo-santer", "belmora")]
    assert _events(d) == {("phone-call", ("lena-varosh", "ivo-santer"), "2027-03-08", "held")}


def test_an_invitation_to_someone_to_pay_a_visit_is_announced(tmp_path):
    d = _draft(tmp_path, "On Monday Tomas Keld extended an invitation to Lena Varosh to pay a state visit to Drevna "
                         "in 2028.")
    assert [(e.type, e.participants, e.status) for e in d.events] == [("visit", ["lena-varosh"], "announced")]


def test_putting_ones_name_to_an_agreement_is_a_signing(tmp_path):
    d = _draft(tmp_path, "Lena Varosh and Tomas Keld put their names to a ferry agreement on Monday.")
    assert _events(d) == {("signing", ("lena-varosh", "tomas-keld"), "2027-03-08", "held")}


def test_an_event_of_a_tour_is_part_of_the_visit_told_last_before_it(tmp_path):
    d = _draft(tmp_path, "Lena Varosh travelled to Tamsk on Monday. On Tuesday she flew on to Drevna. There, she "
                         "met Tomas Keld on Tuesday.")
    visits = {e.id: e.location for e in d.events if e.type == "visit"}
    meeting = next(e for e in d.events if e.type == "meeting")
    assert [visits[v] for v in meeting.part_of] == ["drevna"]


def test_a_counterpart_of_her_at_the_head_of_a_sentence_holds_her_post(tmp_path):
    d = _draft(tmp_path, "Ostrelian Foreign Minister Lena Varosh arrived in Drevna on Monday. In the afternoon, "
                         "her Belmoran counterpart Ivo Santer told reporters the road would open.")
    assert ("ivo-santer", "belmoran-foreign-ministry") in {(m.person, m.organization) for m in d.memberships}


def test_a_plan_told_in_the_past_has_the_nearest_day(tmp_path):
    d = _draft(tmp_path, "Lena Varosh was to begin a visit to Drevna on 14 March, but it has been called off.")
    visit = next(e for e in d.events if e.type == "visit")
    assert visit.date.when(PUB).value == date(2027, 3, 14)


def test_a_date_after_an_inserted_source_in_a_relative_clause_is_not_the_main_events(tmp_path):
    d = _draft(tmp_path, "On Monday Lena Varosh drove to Drevna to see Tomas Keld, who, she said, will sail to "
                         "Tamsk later this month.")
    visit = next(e for e in d.events if e.type == "visit" and e.location == "drevna")
    assert visit.date.when(PUB).earliest == date(2027, 3, 8)


def test_an_event_dated_after_publication_is_announced(tmp_path):
    d = _draft(tmp_path, "Lena Varosh meets Tomas Keld in Drevna later this month.")
    assert [(e.type, e.status) for e in d.events] == [("meeting", "announced")]


def test_the_towns_mayor_is_of_the_town_named_last(tmp_path):
    d = _draft(tmp_path, "Lena Varosh reached Issen on Monday. The town's mayor, Odile Fanch, showed her the bridge.")
    assert ("odile-fanch", "mayor", "issen-town-council") in {(m.person, m.role, m.organization)
                                                               for m in d.memberships}


def test_an_intention_in_another_clause_does_not_put_a_date_ahead(tmp_path):
    d = _draft(tmp_path, "Their governments agreed to build a bridge, while Lena Varosh and Tomas Keld met in "
                         "Drevna on Monday.")
    assert ("meeting", ("lena-varosh", "tomas-keld"), "2027-03-08", "held") in _events(d)


def test_the_ministers_welcoming_a_thing_is_no_reception(tmp_path):
    d = _draft(tmp_path, "Lena Varosh met Tomas Keld in Drevna on Monday. The two ministers welcomed the opening "
                         "of the ferry line.")
    assert [e.type for e in d.events] == ["meeting"]


def test_dining_together_is_a_meeting(tmp_path):
    d = _draft(tmp_path, "Lena Varosh and Tomas Keld dined together in Drevna on Monday.")
    assert _events(d) == {("meeting", ("lena-varosh", "tomas-keld"), "2027-03-08", "held")}


def test_a_plural_title_of_countries_then_as_many_names_gives_each_its_country(tmp_path):
    d = _draft(tmp_path, "The foreign ministers of Belmora and Quessa, Ivo Santer and Odile Fanch, met in Orvik "
                         "on Monday.")
    assert {(m.person, m.organization) for m in d.memberships} == {("ivo-santer", "belmoran-foreign-ministry"),
                                                                    ("odile-fanch", "quessan-foreign-ministry")}


def test_a_visitor_is_not_given_the_country_of_the_dateline_he_visits(tmp_path):
    d = _draft(tmp_path, "Visit off\n\nDREVNA, Varnia – Prime Minister Ivo Santer's visit to Drevna was postponed "
                         "on Monday.")
    assert not [m for m in d.memberships if m.person == "ivo-santer"]


def test_the_name_of_a_document_is_not_a_person(tmp_path):
    d = _draft(tmp_path, "In the Joint Communique, the two sides condemned the raids.")
    assert d.persons == []


def test_the_presidents_are_the_two_of_the_event_before(tmp_path):
    d = _draft(tmp_path, "Lena Varosh held talks with Tomas Keld in Drevna on Monday. Following the talks, the "
                         "Presidents adopted a joint declaration on the river.")
    assert [(e.type, sorted(e.participants)) for e in d.events if e.type == "joint-statement"] == \
        [("joint-statement", ["lena-varosh", "tomas-keld"])]


def test_something_to_sign_is_no_signing(tmp_path):
    d = _draft(tmp_path, "Lena Varosh met Tomas Keld in Drevna on Monday. She said the treaty was delayed so that "
                         "the two ministers have something to sign.")
    assert [e.type for e in d.events] == ["meeting"]


def test_a_portfolio_of_two_words_before_the_country_and_those_in_their_presence(tmp_path):
    d = _draft(tmp_path, "Lena Varosh held talks with Tomas Keld in Drevna on Monday. In their presence, the Minister "
                         "of Energy of Belmora, Ivo Santer, and the Minister of Transport and Infrastructure of "
                         "Quessa, Odile Fanch, signed a ferry agreement.")
    assert ("odile-fanch", "government-of-quessa") in {(m.person, m.organization) for m in d.memberships}
    signing = next(e for e in d.events if e.type == "signing")
    assert sorted(signing.participants) == ["ivo-santer", "lena-varosh", "odile-fanch", "tomas-keld"]


def test_a_joint_news_conference_of_a_counterpart_is_with_the_one_whose_counterpart_he_is(tmp_path):
    d = _draft(tmp_path, "Ostrelian Foreign Minister Lena Varosh arrived in Drevna on Monday. On Tuesday her Belmoran "
                         "counterpart Ivo Santer told a joint news conference that the road would open.")
    assert [sorted(e.participants) for e in d.events if e.type == "press-conference"] == \
        [["ivo-santer", "lena-varosh"]]


def test_those_a_delegation_included_accompany_the_visit(tmp_path):
    d = _draft(tmp_path, "Lena Varosh arrived in Drevna on Monday for a three-day visit. The Ostrelian delegation "
                         "included Foreign Minister Mara Quell and Energy Minister Ivo Santer.")
    assert [sorted(e.participants) for e in d.events if e.type == "visit"] == \
        [["ivo-santer", "lena-varosh", "mara-quell"]]


def test_her_stop_in_a_town_is_a_visit(tmp_path):
    d = _draft(tmp_path, "Lena Varosh toured the coast on Monday. Her stop in Drevna was scrapped at the last minute.")
    assert [(e.type, e.participants, e.location, e.status) for e in d.events] == \
        [("visit", ["lena-varosh"], "drevna", "cancelled")]


def test_hosting_someone_for_a_working_lunch_is_a_meeting(tmp_path):
    d = _draft(tmp_path, "On Monday Tomas Keld hosted Lena Varosh for a working lunch in Drevna.")
    assert _events(d) == {("meeting", ("tomas-keld", "lena-varosh"), "2027-03-08", "held")}


def test_signers_listed_as_a_of_x_and_xs_b_and_one_who_attended_but_did_not_sign(tmp_path):
    d = _draft(tmp_path, "The ferry treaty was signed at the Harbour Hall by Lena Varosh of Ostrelia, who chaired "
                         "the session, and Belmora's Tomas Keld. Quessa's Ivo Santer attended the ceremony but did "
                         "not sign.")
    signing = next(e for e in d.events if e.type == "signing")
    assert signing.participants == ["lena-varosh", "tomas-keld", "ivo-santer"]


def test_one_who_leads_an_organization_is_its_head(tmp_path):
    d = _draft(tmp_path, "Lena Varosh met Mara Quell, who heads the Strait Nations Council, in Drevna on Monday.")
    assert ("mara-quell", "head", "strait-nations-council") in {(m.person, m.role, m.organization)
                                                                 for m in d.memberships}
