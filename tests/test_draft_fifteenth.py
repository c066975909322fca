"""kg draft: the fourteenth round's rules (its second file of tests), each on invented sentences (fictional names
and places)."""

from __future__ import annotations

from datetime import date

from tests.helpers import draft_events as _events
from tests.helpers import draft_invented as _draft

PUB = date(2027, 3, 10)  # a Wednesday


# --- forms of address: "His Excellency Mr.", "Her Excellency Mrs.", "the Honourable" --------------------------

def test_a_form_of_address_does_not_part_a_verb_from_its_object(tmp_path):
    d = _draft(tmp_path, "Varnian President Tomas Keld received yesterday Her Excellency Mrs. Lena Varosh, Minister "
                         "of Foreign Affairs of Ostrelia.")
    assert ("reception", ("tomas-keld", "lena-varosh")) in _events(d)


def test_the_honourable_is_no_part_of_a_new_persons_label(tmp_path):
    d = _draft(tmp_path, "On Monday, Lena Varosh was received by the Honourable Ansel Brandt, Speaker of the "
                         "Parliament of Kestvar.")
    assert [p.label for p in d.persons] == ["Ansel Brandt"]
    assert ("reception", ("ansel-brandt", "lena-varosh")) in _events(d)


# --- a counted group: "the four ministers", "the five leaders" ------------------------------------------------

_FOUR = ("Varnian Foreign Minister Edda Morn, Kestvari Trade Minister Ansel Brandt, Ostrelian Foreign Minister Lena "
         "Varosh and Kestvari Energy Minister Tomas Keld arrived in Kestvar on Monday. ")


def test_the_four_ministers_are_the_four_the_article_named(tmp_path):
    d = _draft(tmp_path, _FOUR + "The Kestvar Treaty on ferries was signed by the four ministers on Tuesday.")
    (e,) = [e for e in d.events if e.type == "signing"]
    assert set(e.participants) == {"edda-morn", "ansel-brandt", "lena-varosh", "tomas-keld"}


def test_a_counted_group_of_another_count_names_nobody(tmp_path):
    d = _draft(tmp_path, _FOUR + "The Kestvar Treaty on ferries was signed by the three ministers on Tuesday.")
    assert not [e for e in d.events if e.type == "signing"]


def test_a_counted_group_is_of_those_named_before_it(tmp_path):
    d = _draft(tmp_path, _FOUR + "The four ministers met on Tuesday. Varnian Energy Minister Ivo Santer joins "
                                 "them next week.")
    (e,) = [e for e in d.events if e.type == "meeting"]
    assert set(e.participants) == {"edda-morn", "ansel-brandt", "lena-varosh", "tomas-keld"}


# --- a possessive in a relative clause is of the one "who" stands for -----------------------------------------

_CALL = ("Varnian President Tomas Keld spoke by telephone on Monday with his Ostrelian counterpart, Lena Varosh, who "
         "asked to postpone her state visit to Varnia, planned for 16 to 18 March, because of the floods.")


def test_her_visit_in_a_who_clause_is_the_visit_of_the_one_who_stands_for(tmp_path):
    d = _draft(tmp_path, _CALL)
    (v,) = [e for e in d.events if e.type == "visit"]
    assert v.participants == ["lena-varosh"]


def test_asked_to_postpone_puts_the_visit_off(tmp_path):
    d = _draft(tmp_path, _CALL)
    (v,) = [e for e in d.events if e.type == "visit"]
    assert v.status == "postponed"


def test_decided_to_call_off_cancels(tmp_path):
    d = _draft(tmp_path, "Lena Varosh and Tomas Keld decided to call off the signing of the treaty on ferries.")
    (e,) = [e for e in d.events if e.type == "signing"]
    assert e.status == "cancelled"


def test_a_president_belongs_to_the_office_the_registry_calls_a_presidency(tmp_path):
    d = _draft(tmp_path, "President Aldo Penrith of Corvany met Lena Varosh on Monday.")
    assert [(m.person, m.organization) for m in d.memberships if m.role == "president"] == [
        ("aldo-penrith", "corvanian-presidency")]


# --- talks held between A and B, attended by C and D ---------------------------------------------------------

_HELD = "On 8 March, official talks were held at the Ministry of Foreign Affairs between Lena Varosh and Tomas Keld."


def test_talks_held_between_two_are_theirs(tmp_path):
    d = _draft(tmp_path, _HELD)
    assert _events(d) == [("meeting", ("lena-varosh", "tomas-keld"))]


def test_a_portfolio_is_no_persons_name(tmp_path):
    d = _draft(tmp_path, _HELD + " The Ministry of Foreign Affairs later said that Foreign Affairs officials "
                                 "would meet again.")
    assert [p.label for p in d.persons if "Affairs" in p.label] == []


def test_talks_attended_on_each_side_add_the_attendants(tmp_path):
    d = _draft(tmp_path, _HELD + " The talks were attended on the Ostrelian side by Ivo Santer, Minister of "
                                 "Energy, and on the Varnian side by Ambassador Edda Morn.")
    assert [set(e.participants) for e in d.events if e.type == "meeting"] == [
        {"lena-varosh", "tomas-keld", "ivo-santer", "edda-morn"}]


# --- a plural post, then the names alone: "the foreign ministers, A and B" -----------------------------------

_OF_MINISTERS = ("A meeting of the foreign ministers, Cordelia Wystan and Florian Idrisse, which was to prepare the "
                 "visit, has been called off.")


def test_names_after_a_plural_post_are_persons(tmp_path):
    d = _draft(tmp_path, "The foreign ministers, Cordelia Wystan and Florian Idrisse, met on Monday.")
    assert [p.label for p in d.persons] == ["Cordelia Wystan", "Florian Idrisse"]
    assert ("meeting", ("cordelia-wystan", "florian-idrisse")) in _events(d)


def test_names_after_a_plural_post_get_no_country_guessed(tmp_path):
    d = _draft(tmp_path, "KESTVAR – The foreign ministers, Cordelia Wystan and Florian Idrisse, met on Monday.")
    assert [m for m in d.memberships if m.person in ("cordelia-wystan", "florian-idrisse")] == []


def test_a_meeting_of_the_ministers_named_after_it_is_theirs(tmp_path):
    d = _draft(tmp_path, _OF_MINISTERS)
    assert [(e.type, e.participants, e.status) for e in d.events if e.type == "meeting"] == [
        ("meeting", ["cordelia-wystan", "florian-idrisse"], "cancelled")]


# --- a visit over a span of days begins on its first day ----------------------------------------------------

def test_a_visit_over_a_span_of_days_is_on_the_first_day_until_the_last(tmp_path):
    d = _draft(tmp_path, "Lena Varosh will pay a state visit to Varnia from 16 to 18 March.")
    (v,) = [e for e in d.events if e.type == "visit"]
    assert (v.date.on, v.date.earliest, v.date.latest) == ("2027-03-16", None, "2027-03-18")


def test_a_meeting_over_a_span_of_days_keeps_its_bounds(tmp_path):
    d = _draft(tmp_path, "Lena Varosh will meet Tomas Keld in Kestvar between 16 and 18 March.")
    (e,) = [e for e in d.events if e.type == "meeting"]
    assert (e.date.on, e.date.earliest, e.date.latest) == (None, "2027-03-16", "2027-03-18")


# --- passives: a charter is signed; a time and a place between the verb and "by" -----------------------------

def test_a_charter_signed_by_two_is_their_signing(tmp_path):
    d = _draft(tmp_path, "The twinning charter was signed in the town hall by Lena Varosh and Tomas Keld.")
    assert ("signing", ("lena-varosh", "tomas-keld")) in _events(d)


def test_a_time_and_a_place_may_stand_between_a_passive_and_by(tmp_path):
    d = _draft(tmp_path, "The treaty on ferries was signed last Thursday in the council chamber of the town hall "
                         "by Lena Varosh and Tomas Keld.")
    assert [(e.type, e.date.yaml_value()) for e in d.events] == [("signing", "last Thursday")]


# --- dates: "this morning", "last night"; a relative clause's event is not dated by the clause before it -----

def test_this_morning_is_the_day_of_publication(tmp_path):
    d = _draft(tmp_path, "Lena Varosh had breakfast with Tomas Keld at his residence this morning.")
    assert [(e.type, e.date.on) for e in d.events] == [("meeting", "2027-03-10")]


def test_last_night_is_the_day_before(tmp_path):
    d = _draft(tmp_path, "Lena Varosh met Tomas Keld last night.")
    assert [(e.type, e.date.on) for e in d.events] == [("meeting", "2027-03-09")]


def test_an_event_in_a_who_clause_is_not_dated_by_the_main_clause(tmp_path):
    d = _draft(tmp_path, "Lena Varosh arrived in Kestvar last night with Edda Morn, Ostrelian Minister of Trade, "
                         "who has spent the morning with Tomas Keld.")
    (e,) = [e for e in d.events if e.type == "meeting"]
    assert e.date.on is None


# --- groups: "Foreign Ministers A and B", "in the presence of the two leaders", "the two Ministers" ----------

_LEADERS = "President Ivo Santer of Varnia met Prime Minister Edda Morn of Kestvar on Monday. "


def test_a_capitalised_plural_post_before_names_does_not_hide_them(tmp_path):
    d = _draft(tmp_path, _LEADERS + "The treaty on ferries was signed by Foreign Ministers Varosh and Keld.")
    assert [e.participants for e in d.events if e.type == "signing"] == [["lena-varosh", "tomas-keld"]]


def test_in_the_presence_of_the_two_leaders_adds_those_of_the_event_before(tmp_path):
    d = _draft(tmp_path, _LEADERS + "The treaty on ferries was signed by Lena Varosh and Tomas Keld in the presence "
                                    "of the two leaders.")
    assert [set(e.participants) for e in d.events if e.type == "signing"] == [
        {"lena-varosh", "tomas-keld", "ivo-santer", "edda-morn"}]


def test_the_two_ministers_capitalised_are_the_two_of_the_event_before(tmp_path):
    d = _draft(tmp_path, _HELD + " At the conclusion of the talks, the two Ministers signed the Agreement on Ferries.")
    assert [e.participants for e in d.events if e.type == "signing"] == [["lena-varosh", "tomas-keld"]]


def test_a_visitors_minister_expected_elsewhere_is_no_companion(tmp_path):
    d = _draft(tmp_path, "Varnian President Ivo Santer is to pay a state visit to Kestvar from 16 to 18 March. "
                         "His energy minister, Edda Morn, is expected in Ostrelia next month.")
    # her own journey to come is a visit of her own (the nineteenth round), not a part of his
    assert [e.participants for e in d.events if e.type == "visit"] == [["ivo-santer"], ["edda-morn"]]


# --- status: "did not take place", "could not be held" ------------------------------------------------------

def test_talks_that_did_not_take_place_are_cancelled(tmp_path):
    d = _draft(tmp_path, "Talks between Lena Varosh and Tomas Keld did not take place after Keld left early.")
    assert [(e.type, e.status) for e in d.events] == [("meeting", "cancelled")]


def test_what_follows_did_not_take_place_keeps_its_status(tmp_path):
    d = _draft(tmp_path, "A meeting with Tomas Keld could not take place owing to Lena Varosh's visit to Varnia.")
    assert [(e.type, e.status) for e in d.events if e.type == "visit"] == [("visit", "held")]


# --- the first person: "I will come to X" ---------------------------------------------------------------

_TURNS = "TOMAS KELD: Thank you, Lena Varosh.\n\nLENA VAROSH: "


def test_i_will_come_to_a_place_is_the_speakers_visit(tmp_path):
    d = _draft(tmp_path, _TURNS + "I will come to Varnia in December.")
    assert [(e.type, e.status, e.participants, e.destination) for e in d.events] == [
        ("visit", "announced", ["lena-varosh"], "varnia")]


def test_came_to_power_in_a_place_is_no_visit(tmp_path):
    d = _draft(tmp_path, _TURNS + "I came to power in Varnia in 2020.")
    assert [e for e in d.events if e.type == "visit"] == []


def test_a_date_after_an_infinitive_of_purpose_is_of_what_is_discussed(tmp_path):
    d = _draft(tmp_path, "A week later, on 3 March, Lena Varosh met Tomas Keld in Kestvar to discuss a joint "
                         "exercise for the spring.")
    assert [(e.type, e.date.on) for e in d.events] == [("meeting", "2027-03-03")]


# --- a conference told as held, its chair, "It was attended by", "The proceedings were opened by" -----------

_CONFERENCE = ("The ministerial conference of the Kestvar Council was held in Kestvar on 3 and 4 March, under the "
               "chairmanship of Lena Varosh. ")


def test_a_conference_held_under_a_chair_is_the_chairs(tmp_path):
    d = _draft(tmp_path, _CONFERENCE)
    assert [(e.type, e.participants, e.date.on, e.date.latest) for e in d.events] == [
        ("conference", ["lena-varosh"], "2027-03-03", "2027-03-04")]


def test_it_was_attended_by_adds_to_the_event_told_before(tmp_path):
    d = _draft(tmp_path, _CONFERENCE + "It was attended by Tomas Keld and by Edda Morn, Varnian Minister of Trade. "
                                       "The proceedings at the Harbour Hall were opened on Monday by Ivo Santer, "
                                       "Secretary-General of the Council.")
    assert [set(e.participants) for e in d.events if e.type == "conference"] == [
        {"lena-varosh", "tomas-keld", "edda-morn", "ivo-santer"}]


# --- "also spoke with" after a call is another call --------------------------------------------------------

def test_also_spoke_with_after_a_call_is_a_call(tmp_path):
    d = _draft(tmp_path, "Lena Varosh spoke by telephone on Monday with Tomas Keld. Keld also spoke on Monday with "
                         "Ivo Santer, President of Varnia.")
    assert ("phone-call", ("tomas-keld", "ivo-santer")) in _events(d)


def test_also_spoke_with_after_a_meeting_is_no_call(tmp_path):
    d = _draft(tmp_path, "Lena Varosh met Tomas Keld on Monday. Keld also spoke on Monday with Ivo Santer, "
                         "President of Varnia.")
    assert [e for e in d.events if e.type == "phone-call"] == []


def test_the_date_of_a_source_named_at_the_end_is_the_reports(tmp_path):
    d = _draft(tmp_path, "Lena Varosh will travel to Kestvar next month for talks with Tomas Keld, her office said "
                         "on Monday.")
    assert [(e.type, e.date.yaml_value()) for e in d.events if e.type == "meeting"] == [("meeting", "next month")]


def test_on_its_arrival_before_a_passive_welcome_is_an_arrival(tmp_path):
    d = _draft(tmp_path, "On her arrival at Kestvar airport on Monday, Lena Varosh was welcomed by Tomas Keld.")
    assert [(e.type, set(e.participants)) for e in d.events] == [("arrival", {"lena-varosh", "tomas-keld"})]


def test_a_name_after_by_and_a_form_of_address_is_not_the_sentences_subject(tmp_path):
    d = _draft(tmp_path, "Lena Varosh met Tomas Keld on Monday. The talks were attended by Her Excellency Mrs. Edda "
                         "Morn, Minister of Trade of Varnia. On Tuesday the minister was received by Ivo Santer, "
                         "President of Varnia.")
    assert [set(e.participants) for e in d.events if e.type == "reception"] == [{"ivo-santer", "lena-varosh"}]


def test_a_post_after_an_indefinite_article_is_no_one_person(tmp_path):
    d = _draft(tmp_path, "Ostrelian Foreign Minister Edda Morn met Tomas Keld on Monday. Lena Varosh held talks with "
                         "Keld in Kestvar on Wednesday, the first visit to Kestvar by an Ostrelian foreign minister "
                         "since 2031.")
    assert [e.participants for e in d.events if e.type == "visit"] == []


# --- "the two ministers had first discussed X last week": an earlier meeting of the group ------------------

def test_the_two_had_first_discussed_is_an_earlier_meeting_of_theirs(tmp_path):
    d = _draft(tmp_path, "Lena Varosh met Tomas Keld in Kestvar on Wednesday. The two ministers had first discussed "
                         "the link last week.")
    assert [(e.participants, e.date.yaml_value()) for e in d.events if e.type == "meeting"] == [
        (["lena-varosh", "tomas-keld"], "on Wednesday"), (["lena-varosh", "tomas-keld"], "last week")]


def test_the_two_discussed_after_a_call_is_the_call(tmp_path):
    d = _draft(tmp_path, "Lena Varosh spoke by telephone with Tomas Keld on Monday. The two leaders discussed the "
                         "link.")
    assert [e.type for e in d.events] == ["phone-call"]
