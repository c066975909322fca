"""kg draft: the fifteenth round's rules, each on invented sentences (fictional names and places)."""

from __future__ import annotations

from tests.helpers import draft_events as _events
from tests.helpers import draft_invented as _draft
from tests.helpers import draft_posts as _memberships

# --- a form of address between a post and its name: "the Minister of Trade of X, Ms A" -------------------------

def test_a_post_in_apposition_reaches_its_name_past_a_form_of_address(tmp_path):
    d = _draft(tmp_path, "On 6 March 2027, the Minister of Foreign Affairs of Ostrelia, H.E. Ms Anna Brel, held a "
                         "telephone conversation with the Minister of Foreign Affairs of Kestvar, H.E. Mr Ivo Santer, "
                         "at the request of the Kestvari side.")
    assert ("anna-brel", "foreign-minister", "ostrelian-foreign-ministry") in _memberships(d)
    assert ("ivo-santer", "foreign-minister", "kestvari-foreign-ministry") in _memberships(d)
    assert ("phone-call", ("anna-brel", "ivo-santer")) in _events(d)


def test_a_lower_case_post_reaches_its_name_past_mr_and_ms(tmp_path):
    d = _draft(tmp_path, "On Monday, the Ostrelian foreign minister, Ms Anna Brel, met the Kestvari foreign "
                         "minister, Mr Ivo Santer, in Varnia.")
    assert {("anna-brel", "foreign-minister", "ostrelian-foreign-ministry"),
            ("ivo-santer", "foreign-minister", "kestvari-foreign-ministry")} <= _memberships(d)
    assert ("meeting", ("anna-brel", "ivo-santer")) in _events(d)


# --- a video conference is one call of all it names -----------------------------------------------------------

_VIDEO = ("On 5 March 2027, Ostrelian Trade Minister Anna Brel chaired a video conference with the Minister of Trade "
          "of Kestvar, Ms Edda Morn, and the Minister of Trade of Varnia, Mr Ivo Santer.")


def test_a_video_conference_is_one_call_of_all_its_participants(tmp_path):
    d = _draft(tmp_path, _VIDEO)
    calls = [e for e in d.events if e.type == "phone-call"]
    assert [tuple(e.participants) for e in calls] == [("anna-brel", "edda-morn", "ivo-santer")]


def test_talks_with_two_counterparts_stay_two_meetings(tmp_path):
    # the rule is of a conference by video only: talks with several are still proposed one per counterpart
    d = _draft(tmp_path, "On 5 March 2027, Ostrelian Trade Minister Anna Brel held talks with the Minister of Trade "
                         "of Kestvar, Ms Edda Morn, and the Minister of Trade of Varnia, Mr Ivo Santer.")
    meetings = [tuple(e.participants) for e in d.events if e.type == "meeting"]
    assert ("anna-brel", "edda-morn") in meetings and ("anna-brel", "ivo-santer") in meetings


def test_a_telephone_call_with_two_counterparts_stays_two_calls(tmp_path):
    # "spoke by telephone with A, and with B": two calls, the rule is of a conference by video only
    d = _draft(tmp_path, "On 5 March 2027, Ostrelian Trade Minister Anna Brel spoke by telephone with the Minister "
                         "of Trade of Kestvar, Ms Edda Morn, and with the Minister of Trade of Varnia, Mr Ivo Santer.")
    calls = [tuple(e.participants) for e in d.events if e.type == "phone-call"]
    assert calls == [("anna-brel", "edda-morn"), ("anna-brel", "ivo-santer")]


# --- "the delegation" when the delegations of two sides were told ---------------------------------------------

_TWO_SIDES = ("The eighth round of consultations between Ostrelia and Kestvar was held in Varnia on 8 March 2027. "
              "The Ostrelian delegation was headed by the Deputy Foreign Minister, Anna Brel. The Kestvari delegation "
              "was headed by the Deputy Foreign Minister of Kestvar, Ivo Santer. ")


def test_the_delegation_names_nobody_when_two_sides_delegations_were_told(tmp_path):
    d = _draft(tmp_path, _TWO_SIDES + "On 9 March the delegation held a working meeting with the Varnian Prime "
                                      "Minister, Edda Morn.")
    assert not [e for e in d.events if e.type == "meeting" and "edda-morn" in e.participants]


def test_the_delegation_of_one_side_is_still_its_head(tmp_path):
    d = _draft(tmp_path, "A delegation led by Kestvari Deputy Foreign Minister Ivo Santer arrived in Varnia on "
                         "Monday. On Tuesday the delegation held a working meeting with the Varnian Prime Minister, "
                         "Edda Morn.")
    assert ("meeting", ("ivo-santer", "edda-morn")) in _events(d)


def test_a_later_delegation_of_no_side_is_the_one_the_delegation_stands_for(tmp_path):
    d = _draft(tmp_path, _TWO_SIDES + "In June a delegation led by Varnian Trade Minister Oskar Pell arrived in "
                                      "Kestvar. On 9 June the delegation held a working meeting with the Kestvari "
                                      "Prime Minister, Edda Morn.")
    assert ("meeting", ("oskar-pell", "edda-morn")) in _events(d)
