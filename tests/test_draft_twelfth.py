"""kg draft: the twelfth round's rules, each on invented sentences (fictional names and places)."""

from __future__ import annotations

from datetime import date

from tests.helpers import draft_invented as _draft
from tests.helpers import draft_posts as _posts

PUB = date(2027, 3, 10)  # a Wednesday: "on Monday" is 2027-03-08, an announced "on Monday" 2027-03-15


def _spans(d, typ: str, pub: date = PUB) -> list[tuple]:
    """(participants, earliest, latest) of the events of one type, the bounds resolved."""
    out = []
    for e in d.events:
        if e.type == typ:
            w = e.date.when(pub)
            out.append((e.participants, str(w.earliest), str(w.latest)))
    return out


# --- dates: a proposed date must contain the true one ---------------------------------------------------------

def test_closing_a_tour_of_two_places_ends_each_leg(tmp_path):
    d = _draft(tmp_path, "Lena Varosh ended a three-day tour of Varnia and Kestvar on Monday.")
    assert _spans(d, "visit") == [(["lena-varosh"], "2027-03-06", "2027-03-08")] * 2


def test_completing_a_tour_is_its_end_not_its_start(tmp_path):
    d = _draft(tmp_path, "Tomas Keld completed a four-day tour of Belmora and Kestvar on Tuesday, officials said.")
    assert _spans(d, "visit") == [(["tomas-keld"], "2027-03-06", "2027-03-09")] * 2


def test_closed_her_visit_in_a_sentence_of_its_own(tmp_path):
    d = _draft(tmp_path, "Lena Varosh arrived in Varnia on Saturday. She closed her visit on Monday.")
    assert _spans(d, "visit") == [(["lena-varosh"], "2027-03-06", "2027-03-08")]


def test_a_call_told_in_the_past_perfect_is_then_or_later(tmp_path):
    d = _draft(tmp_path, "Tomas Keld spoke to Lena Varosh by telephone on Tuesday. President Ivo Santer, he said, "
                         "had also telephoned Prime Minister Mara Quell.")
    assert _spans(d, "phone-call") == [(["tomas-keld", "lena-varosh"], "2027-03-09", "2027-03-09"),
                                       (["ivo-santer", "mara-quell"], "2027-03-09", "2027-03-10")]


def test_an_announced_reception_after_the_visits_first_day_is_during_the_visit(tmp_path):
    d = _draft(tmp_path, "Lena Varosh will visit Varnia on Monday. She will be received by President Ivo Santer.")
    assert _spans(d, "reception") == [(["ivo-santer", "lena-varosh"], "2027-03-15", "None")]


def test_an_announced_meeting_after_a_visits_day_month(tmp_path):
    d = _draft(tmp_path, "Lena Varosh will pay a visit to Varnia on Friday, 12 March. She will meet President "
                         "Ivo Santer.")
    assert _spans(d, "meeting") == [(["lena-varosh", "ivo-santer"], "2027-03-12", "None")]


def test_a_held_meeting_after_an_arrival_keeps_its_day(tmp_path):
    d = _draft(tmp_path, "Lena Varosh arrived in Varnia on Monday. She met President Ivo Santer.")
    assert _spans(d, "meeting") == [(["lena-varosh", "ivo-santer"], "2027-03-08", "2027-03-08")]


# --- a readout headed by day: the date of a paragraph from its heading ------------------------------------------

_WEEK = ("The week in brief\n\nMonday, 8 March\n\nLena Varosh received Tomas Keld at the ministry.\n\n"
         "The same day, Ivo Santer called on Mara Quell.\n\nTuesday, 9 March\n\nThe deal was agreed last month. "
         "Lena Varosh had a telephone conversation with Ivo Santer.\n\nNext week\n\nLena Varosh will meet "
         "Mara Quell.\n\nOther news\n\nPresident Oskar Brandl met Tomas Keld in Tamsk.")


def test_a_paragraph_under_a_day_heading_is_of_that_day(tmp_path):
    d = _draft(tmp_path, _WEEK)
    assert _spans(d, "reception") == [(["lena-varosh", "tomas-keld"], "2027-03-08", "2027-03-08")]
    assert (["ivo-santer", "mara-quell"], "2027-03-08", "2027-03-08") in _spans(d, "meeting")


def test_the_heading_wins_over_a_retrospect_in_the_sentence_before(tmp_path):
    d = _draft(tmp_path, _WEEK)
    assert _spans(d, "phone-call") == [(["lena-varosh", "ivo-santer"], "2027-03-09", "2027-03-09")]


def test_a_heading_of_a_week_ahead_bounds_an_announced_event(tmp_path):
    d = _draft(tmp_path, _WEEK)
    assert (["lena-varosh", "mara-quell"], "2027-03-15", "2027-03-21") in _spans(d, "meeting")


def test_a_heading_that_is_not_a_date_ends_the_headed_days(tmp_path):
    d = _draft(tmp_path, _WEEK)
    assert (["oskar-brandl", "tomas-keld"], "None", "None") in _spans(d, "meeting")


# --- who "she" is: not one met in passing after a possessive ----------------------------------------------------

def _visits(d) -> list[tuple]:
    return [(e.participants, e.status) for e in d.events if e.type == "visit"]


def test_she_is_not_the_one_her_call_was_on(tmp_path):
    d = _draft(tmp_path, "Mara Quell opened her new office in Tamsk on Monday, she says. Her farewell call on "
                         "President Ivo Santer ran, by her account, an hour over time. Next week she plans to travel "
                         "to Drevna.")
    assert _visits(d) == [(["mara-quell"], "announced")]


def test_his_possessive_before_the_name_gives_no_gender_to_the_name(tmp_path):
    d = _draft(tmp_path, "Tomas Keld took his seat in Tamsk on Monday, he says. His talks with Minister Ilse Raud "
                         "ran, by his account, late. On Tuesday he travelled to Drevna.")
    assert _visits(d) == [(["tomas-keld"], "held")]


# --- "accompany A on his visit": A's visit, the companion with him -----------------------------------------------

def test_hoping_to_accompany_a_minister_on_his_visit(tmp_path):
    d = _draft(tmp_path, "Lena Varosh hopes to accompany her president, Oskar Brandl, on his first state visit to "
                         "Varnia in April.")
    assert _spans(d, "visit") == [(["oskar-brandl", "lena-varosh"], "2027-04-01", "2027-04-30")]
    assert _visits(d)[0][1] == "announced"


def test_will_accompany_a_prime_minister_on_her_visit(tmp_path):
    d = _draft(tmp_path, "Tomas Keld will accompany Prime Minister Mara Quell on her official visit to Kestvar "
                         "next month.")
    assert _visits(d) == [(["mara-quell", "tomas-keld"], "announced")]


def test_accompanied_on_a_visit_told_as_held(tmp_path):
    d = _draft(tmp_path, "Lena Varosh accompanied President Oskar Brandl on his visit to Varnia on Monday.")
    assert _spans(d, "visit") == [(["oskar-brandl", "lena-varosh"], "2027-03-08", "2027-03-10")]


def test_the_one_accompanied_is_not_of_another_visit_delegation(tmp_path):
    d = _draft(tmp_path, "Next week Lena Varosh plans to travel to Drevna. And in April she hopes to accompany her "
                         "president, Oskar Brandl, on his state visit to Varnia.")
    assert sorted(_visits(d)) == [(["lena-varosh"], "announced"), (["oskar-brandl", "lena-varosh"], "announced")]


# --- meetings told as time spent with someone, a call on someone, credentials handed ----------------------------

def _meetings(d) -> list[tuple]:
    return [(e.participants, str(e.date.when(PUB).earliest)) for e in d.events if e.type == "meeting"]


def test_spending_a_day_somewhere_with_someone_is_a_meeting(tmp_path):
    d = _draft(tmp_path, "Lena Varosh spent Tuesday in Drevna with President Oskar Brandl.")
    assert _meetings(d) == [(["lena-varosh", "oskar-brandl"], "2027-03-09")]


def test_being_at_a_ministry_for_hours_with_someone_is_a_meeting(tmp_path):
    d = _draft(tmp_path, "Lena Varosh was at the energy ministry for two hours with Tomas Keld on Monday.")
    assert _meetings(d) == [(["lena-varosh", "tomas-keld"], "2027-03-08")]


def test_comparing_notes_with_someone_is_a_meeting(tmp_path):
    d = _draft(tmp_path, "Lena Varosh compared notes with Tomas Keld over coffee on Monday.")
    assert _meetings(d) == [(["lena-varosh", "tomas-keld"], "2027-03-08")]


def test_a_farewell_call_on_someone_is_a_meeting(tmp_path):
    d = _draft(tmp_path, "Lena Varosh made a farewell call on President Oskar Brandl on Monday.")
    assert _meetings(d) == [(["lena-varosh", "oskar-brandl"], "2027-03-08")]


def test_handing_the_copies_of_credentials_is_a_meeting(tmp_path):
    d = _draft(tmp_path, "Ilse Raud handed the copies of her credentials to President Oskar Brandl on Monday.")
    assert _meetings(d) == [(["ilse-raud", "oskar-brandl"], "2027-03-08")]


def test_calling_on_someone_to_present_credentials_is_a_meeting(tmp_path):
    d = _draft(tmp_path, "Ilse Raud called on President Oskar Brandl to present her credentials on Monday.")
    assert _meetings(d) == [(["ilse-raud", "oskar-brandl"], "2027-03-08")]


def test_time_spent_alone_or_at_a_ministry_is_no_meeting(tmp_path):
    d = _draft(tmp_path, "Lena Varosh spent Tuesday in Drevna. Tomas Keld was at the ministry on Monday.")
    assert _meetings(d) == []


# --- the clause an event is told in: reported speech, a coordinated intention, a visit "by" someone --------------

def test_a_date_in_bare_reported_speech_is_not_the_press_conferences(tmp_path):
    d = _draft(tmp_path, "Closing the forum at a news conference with Tomas Keld, Lena Varosh said the next summit "
                         "would be held in Drevna in September.")
    assert [str(e.date.when(PUB).earliest) for e in d.events if e.type == "press-conference"] == ["None"]


def test_a_coordinated_intention_has_the_sentences_subject_and_its_own_date(tmp_path):
    d = _draft(tmp_path, "President Oskar Brandl received Tomas Keld in Tamsk on Monday and intends to visit both "
                         "Drevna and Kestvar later this month.")
    assert _spans(d, "reception") == [(["oskar-brandl", "tomas-keld"], "2027-03-08", "2027-03-08")]
    assert [(e.participants, e.status) for e in d.events if e.type == "visit"] == [(["oskar-brandl"], "announced")] * 2
    assert [e.status for e in d.events if e.type == "reception"] == ["held"]


def test_a_visit_by_someone_is_theirs(tmp_path):
    d = _draft(tmp_path, "Lena Varosh met Tomas Keld on Tuesday, ahead of a visit to Drevna by President Oskar "
                         "Brandl on Friday.")
    assert [(e.participants, e.status) for e in d.events if e.type == "visit"] == [(["oskar-brandl"], "announced")]


def test_a_visit_by_someone_not_named_is_nobodys(tmp_path):
    d = _draft(tmp_path, "Lena Varosh met Tomas Keld on Tuesday, ahead of a visit to Drevna by the prime minister "
                         "later in the week.")
    assert [e.type for e in d.events] == ["meeting"]


def test_their_host_in_a_list_of_signers_is_a_signer_not_a_reception(tmp_path):
    d = _draft(tmp_path, "The accord was signed by Lena Varosh, Tomas Keld and their host, Varnian President Ivo "
                         "Santer, on Monday.")
    assert [(e.type, e.participants) for e in d.events] == [
        ("signing", ["lena-varosh", "tomas-keld", "ivo-santer"])]


def test_greeted_by_her_host_is_still_a_welcome(tmp_path):
    d = _draft(tmp_path, "Lena Varosh landed in Drevna on Monday and was greeted at the palace by her host, "
                         "President Ivo Santer.")
    assert any(e.type in ("reception", "arrival") and "ivo-santer" in e.participants for e in d.events)


# --- posts: a counterpart is of another country; a delegation named by a possessive or in a gapped clause -------

def test_a_counterpart_without_a_demonym_is_of_the_other_country_named(tmp_path):
    d = _draft(tmp_path, "KALVORA – Talks between Ostrelia and Varnia resumed on Monday. Foreign Minister Ilse Raud "
                         "had spoken to her counterpart Oskar Brandl late on Sunday, a spokesman said.")
    assert _posts(d) == {("ilse-raud", "foreign-minister", "ostrelian-foreign-ministry"),
                         ("oskar-brandl", "foreign-minister", "government-of-varnia")}


def test_a_counterpart_is_never_given_the_same_country(tmp_path):
    d = _draft(tmp_path, "KALVORA – Foreign Minister Ilse Raud spoke to her counterpart Oskar Brandl on Sunday.")
    assert [m.person for m in d.memberships if m.person == "oskar-brandl"] == []


def test_a_team_headed_by_a_title_after_a_possessive_country(tmp_path):
    d = _draft(tmp_path, "TAMSK – Varnia's team was headed by Deputy Foreign Minister Ilse Raud; facing her was "
                         "Oskar Brandl.")
    assert _posts(d) == {("ilse-raud", "deputy-foreign-minister", "government-of-varnia")}


def test_the_other_side_in_a_gapped_clause(tmp_path):
    d = _draft(tmp_path, "TAMSK – Consultations were held on Monday. The Ostrelian side was led by Deputy Foreign "
                         "Minister Ilse Raud, and the Varnian side by Deputy Foreign Minister Oskar Brandl.")
    assert _posts(d) == {("ilse-raud", "deputy-foreign-minister", "ostrelian-foreign-ministry"),
                         ("oskar-brandl", "deputy-foreign-minister", "government-of-varnia")}


def test_a_side_by_all_accounts_is_no_delegation(tmp_path):
    d = _draft(tmp_path, "TAMSK – The talks dragged on and the Varnian side by all accounts tired of Foreign "
                         "Minister Oskar Brandl.")
    assert _posts(d) == {("oskar-brandl", "foreign-minister", "government-of-kessendor")}


def test_a_title_coordinated_with_a_possessive_title_shares_its_possessor(tmp_path):
    d = _draft(tmp_path, "DREVNA – Ostrelian Foreign Minister Lena Varosh arrived on Monday for talks with Tomas "
                         "Keld. She brought her energy minister, Ilse Raud, and Trade Minister Mara Quell.")
    assert ("mara-quell", "trade-minister", "government-of-ostrelia") in _posts(d)


def test_his_minister_after_the_hosts_sentence_is_the_hosts(tmp_path):
    d = _draft(tmp_path, "DREVNA – Ostrelian Foreign Minister Lena Varosh arrived in Varnia on Monday. President "
                         "Ivo Santer received the visitor at the palace. His foreign minister, Oskar Brandl, told "
                         "reporters the talks went well.")
    assert ("oskar-brandl", "foreign-minister", "government-of-varnia") in _posts(d)


def test_her_minister_in_a_new_paragraph_is_still_the_visitors(tmp_path):
    d = _draft(tmp_path, "DREVNA – Ostrelian Foreign Minister Lena Varosh arrived in Varnia on Monday. President "
                         "Ivo Santer received the visitor at the palace.\n\nHer energy minister, Oskar Brandl, "
                         "stayed behind in the capital.")
    assert ("oskar-brandl", "energy-minister", "government-of-ostrelia") in _posts(d)


def test_a_demonym_whose_country_the_stem_begins(tmp_path):
    d = _draft(tmp_path, "TAMSK – Dunkellish Trade Minister Ilse Raud met Tomas Keld on Monday.")
    assert ("ilse-raud", "trade-minister", "government-of-dunkellow") in _posts(d)


def test_a_short_stem_is_no_demonym(tmp_path):
    d = _draft(tmp_path, "TAMSK – English Trade Minister Ilse Raud met Tomas Keld on Monday.")
    assert all(not m.organization.endswith("dunkellow") for m in d.memberships)


# --- more of the families: "for a working lunch with", a venue organization, "earlier (later) in the week" ------

def test_staying_for_a_working_lunch_with_someone_is_a_meeting(tmp_path):
    d = _draft(tmp_path, "Lena Varosh stayed on in Drevna for a working lunch with Tomas Keld on Monday.")
    assert _meetings(d) == [(["lena-varosh", "tomas-keld"], "2027-03-08")]


def test_an_organization_whose_meeting_is_the_venue_is_not_met(tmp_path):
    d = _draft(tmp_path, "Lena Varosh met Tomas Keld over breakfast at a Strait Nations Council ministerial meeting "
                         "on Monday.")
    assert _meetings(d) == [(["lena-varosh", "tomas-keld"], "2027-03-08")]


def test_earlier_in_the_week_is_from_its_monday_to_publication(tmp_path):
    d = _draft(tmp_path, "Lena Varosh had met Tomas Keld earlier in the week.")
    assert _spans(d, "meeting") == [(["lena-varosh", "tomas-keld"], "2027-03-08", "2027-03-10")]


def test_later_in_the_week_is_from_publication_to_its_sunday(tmp_path):
    d = _draft(tmp_path, "Lena Varosh will visit Drevna later in the week.")
    assert _spans(d, "visit") == [(["lena-varosh"], "2027-03-10", "2027-03-14")]


# --- a readout a ministry publishes: "Minister A", "Deputy Minister B", "the Ministry's spokesperson" ----------

_READOUT = ("Ministry of Foreign Affairs of Ostrelia – The week in brief\n\nKALVORA, 10 March 2027 – The Ministry "
            "publishes a summary of the week.\n\nMonday, 8 March\n\nMinister Ilse Raud received Tomas Keld at the "
            "ministry. Deputy Minister Mara Quell called on President Oskar Brandl of Varnia to present a letter.\n\n"
            "Tuesday, 9 March\n\nAt the weekly briefing, the Ministry's spokesperson, Ivo Dask, said the talks went "
            "well. The Minister of Trade of Varnia, Jan Orrel, met Tomas Keld. Minister Orrel left on Wednesday.")


def test_a_bare_minister_in_a_ministrys_readout_is_its_minister(tmp_path):
    assert {("ilse-raud", "foreign-minister", "ostrelian-foreign-ministry"),
            ("mara-quell", "deputy-foreign-minister", "ostrelian-foreign-ministry")} <= _posts(_draft(tmp_path,
                                                                                                    _READOUT))


def test_the_ministrys_spokesperson_is_of_the_publishing_ministry(tmp_path):
    assert ("ivo-dask", "spokesperson", "ostrelian-foreign-ministry") in _posts(_draft(tmp_path, _READOUT))


def test_a_minister_titled_elsewhere_keeps_that_title(tmp_path):
    posts = _posts(_draft(tmp_path, _READOUT))
    assert [x for x in posts if x[0] == "jan-orrel"] == [("jan-orrel", "trade-minister", "government-of-varnia")]


def test_a_bare_minister_outside_a_ministrys_readout_is_no_post(tmp_path):
    d = _draft(tmp_path, "KALVORA – Minister Ilse Raud received Tomas Keld on Monday.")
    assert [m for m in d.memberships if m.person == "ilse-raud"] == []


# --- a press briefing; bare reported speech after a name ---------------------------------------------------------

def test_a_weekly_press_briefing_is_the_spokespersons_press_conference(tmp_path):
    d = _draft(tmp_path, "Monday, 8 March\n\nAt the weekly press briefing, the spokesperson of the Ostrelian Foreign "
                         "Ministry, Ivo Dask, said Ostrelia was ready to host a meeting of pilots before the summer.")
    assert _spans(d, "press-conference") == [(["ivo-dask"], "2027-03-08", "2027-03-08")]


def test_a_press_briefing_told_with_its_speaker(tmp_path):
    d = _draft(tmp_path, "Ivo Dask told a press briefing on Monday that the talks would go on.")
    assert _spans(d, "press-conference") == [(["ivo-dask"], "2027-03-08", "2027-03-08")]


def test_a_joint_communique_takes_no_subject_from_a_later_clause(tmp_path):
    d = _draft(tmp_path, "In their joint communique, the leaders voiced concern and asked Secretary-General Ivo Dask "
                         "to act before the fall.")
    assert [e for e in d.events if e.type == "joint-statement" and e.participants == ["ivo-dask"]] == []


# --- an aside inside an intention ---------------------------------------------------------------------------------

def test_an_invitation_broken_by_an_aside_is_still_an_intention(tmp_path):
    d = _draft(tmp_path, "President Ivo Santer also accepted an invitation, handed to him by Lena Varosh, to visit "
                         "Ostrelia in the autumn.")
    assert _spans(d, "visit") == [(["ivo-santer"], "2027-09-01", "2027-11-30")]
    assert [e.status for e in d.events] == ["announced"]


def test_a_coordinated_verb_after_a_comma_is_no_aside(tmp_path):
    d = _draft(tmp_path, "Lena Varosh met President Ivo Santer on Monday, handed him a letter and left.")
    assert _meetings(d) == [(["lena-varosh", "ivo-santer"], "2027-03-08")]


# --- talks of two countries whose heads the next sentence names ---------------------------------------------------

def test_talks_between_two_countries_are_of_the_heads_named_next(tmp_path):
    d = _draft(tmp_path, "TAMSK – Talks between Ostrelia and Varnia on the harbour broke down on Monday. Varnia's "
                         "team was headed by Deputy Foreign Minister Ilse Raud; facing her was Oskar Brandl, the "
                         "Ostrelian government's special envoy.")
    assert [(sorted(p), s) for p, s, _ in _spans(d, "meeting")] == [(["ilse-raud", "oskar-brandl"], "2027-03-08")]


def test_consultations_led_by_each_side_under_a_day_heading(tmp_path):
    d = _draft(tmp_path, "Monday, 8 March\n\nPolitical consultations between Ostrelia and Varnia were held at the "
                         "ministry. The Ostrelian side was led by Deputy Foreign Minister Ilse Raud, and the Varnian "
                         "side by Deputy Foreign Minister Oskar Brandl.")
    assert _spans(d, "meeting") == [(["ilse-raud", "oskar-brandl"], "2027-03-08", "2027-03-08")]


def test_talks_between_countries_without_their_heads_are_no_meeting(tmp_path):
    d = _draft(tmp_path, "TAMSK – Talks between Ostrelia and Varnia broke down on Monday. The weather was poor.")
    assert _meetings(d) == []
