"""kg draft: the sixteenth round's rules, each on invented sentences (fictional names and places)."""

from __future__ import annotations

from tests.helpers import draft_events as _events
from tests.helpers import draft_invented as _draft


def _persons(d) -> set[str]:
    return {p.id for p in d.persons}


_MET = "Ostrelian Foreign Minister Anna Brel met Kestvari Foreign Minister Ivo Santer in Varnia on Friday. "

# --- a post alone before a name: "Minister A and Minister B" ---------------------------------------------------


def test_two_names_each_after_a_bare_post_are_coordinated(tmp_path):
    d = _draft(tmp_path, _MET + "Minister Brel and Minister Santer spoke by telephone on Monday.")
    assert ("phone-call", ("anna-brel", "ivo-santer")) in _events(d)


# --- the guest of a visit: "welcomed her guest", "a joint press conference" ------------------------------------

_VISIT = ("Kestvari Prime Minister Ivo Santer arrived in Varnia on Tuesday for a two-day official visit at the "
          "invitation of the Varnian prime minister, Edda Morn. ")


def test_her_guest_is_the_one_whose_visit_was_told(tmp_path):
    d = _draft(tmp_path, _VISIT + "Morn welcomed her guest with military honours at the Varnian chancellery on "
                                  "Wednesday morning.")
    assert ("reception", ("edda-morn", "ivo-santer")) in _events(d)


def test_her_guest_with_no_visit_told_is_nobody(tmp_path):
    # no visit before it: "her guest" is not the last person named, and no reception is proposed
    d = _draft(tmp_path, "Kestvari Foreign Minister Ivo Santer said on Monday that the talks would resume. Varnian "
                         "Prime Minister Edda Morn welcomed her guest with military honours at the chancellery on "
                         "Wednesday morning.")
    assert not [e for e in d.events if e.type == "reception"]


def test_a_joint_press_conference_of_one_named_is_also_the_guests(tmp_path):
    d = _draft(tmp_path, _VISIT + "At a joint press conference on Wednesday, Morn said the bridge study would be "
                                  "finished within a year.")
    assert ("press-conference", ("edda-morn", "ivo-santer")) in _events(d)


def test_a_press_conference_not_joint_stays_its_speakers(tmp_path):
    # only "joint" brings in the guest: a press conference of the host alone stays hers
    d = _draft(tmp_path, _VISIT + "At a press conference on Wednesday, Morn said the bridge study would be "
                                  "finished within a year.")
    assert ("press-conference", ("edda-morn",)) in _events(d)


# --- names in apposition to a plural post: "the two foreign ministers, A and B" --------------------------------

def test_a_full_name_listed_after_a_plural_post_is_a_person(tmp_path):
    d = _draft(tmp_path, "Kestvari Foreign Minister Ivo Santer spoke in Varnia on Monday. The two foreign "
                         "ministers, Santer and Orla Vennick, will meet in Varnia next month to try again.")
    assert "orla-vennick" in _persons(d)
    assert ("meeting", ("ivo-santer", "orla-vennick")) in _events(d)


# --- "The document was signed by A and B" ----------------------------------------------------------------------

def test_the_document_signed_by_two_ministers_is_a_signing(tmp_path):
    d = _draft(tmp_path, "Ostrelia and Kestvar agreed a memorandum on shared grain storage in Varnia on Thursday. "
                         "The document was signed by the Ostrelian trade minister, Anna Brel, and the Kestvari "
                         "trade minister, Ivo Santer.")
    assert ("signing", ("anna-brel", "ivo-santer")) in _events(d)


def test_a_letter_signed_by_two_is_no_signing(tmp_path):
    # only a document or a text stands for an agreement told before: a letter signed by two is no signing
    d = _draft(tmp_path, "Ostrelia and Kestvar agreed a memorandum on shared grain storage in Varnia on Thursday. "
                         "The letter was signed by the Ostrelian trade minister, Anna Brel, and the Kestvari "
                         "trade minister, Ivo Santer.")
    assert not [e for e in d.events if e.type == "signing"]


# --- "will call on A and on B" ---------------------------------------------------------------------------------

def test_will_call_on_two_is_two_announced_meetings(tmp_path):
    d = _draft(tmp_path, "Kestvari Ambassador Ivo Santer presented his credentials in Varnia on Monday. In the "
                         "coming weeks the Ambassador will call on Prime Minister Anna Brel and on the Speaker of "
                         "the Varnian National Assembly, Edda Morn.")
    meetings = [e for e in d.events if e.type == "meeting"]
    assert {tuple(e.participants) for e in meetings} == {("ivo-santer", "anna-brel"), ("ivo-santer", "edda-morn")}
    assert {e.status for e in meetings} == {"announced"}


def test_a_call_on_as_a_noun_is_not_the_verb(tmp_path):
    # "with a call on President B": the noun, left to the rules that read it before; the verb is "will call on"
    d = _draft(tmp_path, "Ostrelian Foreign Minister Anna Brel ended her tour of Varnia on Thursday with a call on "
                         "President Ivo Santer, who hosted her at a working lunch.")
    assert not [e for e in d.events if e.type == "meeting" and "call on" in " ".join(e.why)]


# --- "will host B for a summit": a meeting, and an unnamed summit is no conference ----------------------------

_SUMMIT = "President Anna Brel will host the President of Kestvar, Ivo Santer, for a summit in Varnia on 2 June."


def test_hosting_a_guest_for_a_summit_is_a_meeting(tmp_path):
    d = _draft(tmp_path, _SUMMIT)
    assert ("meeting", ("anna-brel", "ivo-santer")) in _events(d)
    assert not [e for e in d.events if e.type == "reception"]


def test_for_a_summit_unnamed_is_no_conference(tmp_path):
    d = _draft(tmp_path, _SUMMIT)
    assert not [e for e in d.events if e.type == "conference"]


def test_for_a_named_summit_is_still_a_conference(tmp_path):
    # the rule is of "for a summit" with no name: "for the Amber Coast Summit" is still the conference it names
    d = _draft(tmp_path, "Kestvari Foreign Minister Ivo Santer travelled to Varnia for the Amber Coast Summit on "
                         "Monday.")
    assert ("conference", ("ivo-santer",)) in _events(d)


# --- a pronoun as the subject keeps its referent: "the envoy was back in X for talks with B. He ..." -----------

def test_the_envoy_as_subject_keeps_the_last_subject_for_he(tmp_path):
    d = _draft(tmp_path, "On Tuesday Ivo Santer flew to Varnia and spent two hours with the Varnian prime minister, "
                         "Edda Morn. The following day the envoy was back in Kestvar for talks with Foreign Minister "
                         "Tomas Keld. On Thursday he spoke by telephone with the Varnian foreign minister, Orla "
                         "Vennick.")
    assert ("phone-call", ("ivo-santer", "orla-vennick")) in _events(d)
    assert ("visit", ("ivo-santer",)) in [(e.type, tuple(e.participants)) for e in d.events if e.destination
                                          == "kestvar"]


def test_a_reference_in_a_clause_before_a_comma_is_not_the_subject(tmp_path):
    # "In a letter to the envoy, B met C": B is the subject (a comma parts the clauses), and "he" after is B
    d = _draft(tmp_path, "On Tuesday Ivo Santer flew to Varnia and spent two hours with the Varnian prime minister, "
                         "Edda Morn. In a letter to the envoy, Foreign Minister Tomas Keld thanked the Kestvari "
                         "side. On Thursday he spoke by telephone with the Varnian foreign minister, Orla Vennick.")
    assert ("phone-call", ("tomas-keld", "orla-vennick")) in _events(d)


# --- a plan told in the past perfect, in the paragraph of an event called off ---------------------------------

_CALLED_OFF = ("A visit to Kestvar by the Ostrelian foreign minister, Anna Brel, planned for next week, has been "
               "cancelled.")
_DUE = "Brel had been due to hold talks in Varnia with Foreign Minister Ivo Santer."


def test_talks_due_during_a_visit_called_off_are_called_off_with_it(tmp_path):
    d = _draft(tmp_path, _CALLED_OFF + " " + _DUE)
    talks = [e for e in d.events if e.type == "meeting"]
    assert [(e.status, e.date.yaml_value()) for e in talks] == [("cancelled", "next week")]


def test_a_plan_in_another_paragraph_keeps_its_own_status(tmp_path):
    # the rule reads one paragraph: the talks told in the next are not taken for part of the visit called off
    d = _draft(tmp_path, _CALLED_OFF + "\n\n" + _DUE)
    talks = [e for e in d.events if e.type == "meeting"]
    assert talks and all(e.status != "cancelled" for e in talks)


# --- "received B for a brief conversation": a meeting -----------------------------------------------------------

def test_received_for_a_conversation_is_a_meeting(tmp_path):
    d = _draft(tmp_path, "After the ceremony President Anna Brel received Ambassador Ivo Santer for a brief "
                         "conversation on 4 March.")
    assert ("meeting", ("anna-brel", "ivo-santer")) in _events(d)


def test_received_with_no_purpose_stays_a_reception(tmp_path):
    d = _draft(tmp_path, "President Anna Brel received Ambassador Ivo Santer at the palace on 4 March.")
    assert ("reception", ("anna-brel", "ivo-santer")) in _events(d)


# --- "A invited B to Kalvora in May": B's visit, announced, at A's invitation ---------------------------------

def test_invited_to_a_place_is_the_guests_announced_visit(tmp_path):
    d = _draft(tmp_path, "Ostrelian Sports Minister Anna Brel met Kestvari Sports Minister Ivo Santer in Varnia on "
                         "Saturday. Santer invited Brel to Kestvar in May for the opening of the championship, and "
                         "Brel accepted.")
    visits = [e for e in d.events if e.type == "visit"]
    assert [(e.participants, e.destination, e.status, e.invited_by) for e in visits] == [
        (["anna-brel"], "kestvar", "announced", "ivo-santer")]


def test_invited_to_something_not_a_place_is_no_visit(tmp_path):
    d = _draft(tmp_path, "Ostrelian Sports Minister Anna Brel met Kestvari Sports Minister Ivo Santer in Varnia on "
                         "Saturday. Santer invited Brel to the opening of the championship in Kestvar in May.")
    assert not [e for e in d.events if e.type == "visit"]


# --- "welcomed with military honours by B", "a state banquet in his honour" -----------------------------------

_STATE_VISIT = "Kestvari President Ivo Santer arrived in Varnia on Monday for a state visit. "


def test_welcomed_with_military_honours_by_is_a_passive_reception(tmp_path):
    d = _draft(tmp_path, _STATE_VISIT + "He was welcomed with military honours by Varnian President Edda Morn at "
                                        "the palace.")
    assert ("reception", ("edda-morn", "ivo-santer")) in _events(d)


def test_a_banquet_in_his_honour_is_for_the_guest_of_the_visit(tmp_path):
    d = _draft(tmp_path, _STATE_VISIT + "Varnian President Edda Morn hosted a state banquet in his honour at the "
                                        "palace on Monday evening.")
    assert ("reception", ("edda-morn", "ivo-santer")) in _events(d)


def test_a_banquet_in_his_honour_with_no_visit_told_names_no_guest(tmp_path):
    d = _draft(tmp_path, "Kestvari President Ivo Santer said on Monday that the talks would resume. Varnian "
                         "President Edda Morn hosted a state banquet in his honour at the palace on Monday evening.")
    assert ("reception", ("edda-morn", "ivo-santer")) not in _events(d)


# --- "a trip by A, to Kalvora, ... was called off": A's visit, as a noun ----------------------------------------

def test_a_trip_by_a_person_to_a_place_is_their_visit(tmp_path):
    d = _draft(tmp_path, "A trip by the Ostrelian trade minister, Anna Brel, to Varnia, scheduled for last week, "
                         "was called off at short notice.")
    visits = [e for e in d.events if e.type == "visit"]
    assert [(e.participants, e.destination, e.status) for e in visits] == [(["anna-brel"], "varnia", "cancelled")]



# --- the triggers of a sentence read in the order it tells them -----------------------------------------------

def test_the_two_after_a_welcome_in_the_same_sentence_are_its_two(tmp_path):
    d = _draft(tmp_path, _STATE_VISIT + "He was welcomed with military honours by Varnian President Edda Morn at "
                                        "the palace, where the two presidents held talks.")
    assert ("meeting", ("edda-morn", "ivo-santer")) in _events(d)


def test_the_two_before_a_later_event_of_the_sentence_are_those_told_before(tmp_path):
    # an event told later in the sentence does not name "the two ministers" before it: the call's two do
    d = _draft(tmp_path, "Ostrelian Foreign Minister Anna Brel spoke by telephone with Kestvari Foreign Minister "
                         "Tomas Keld on Monday. The two ministers held talks in Varnia on Tuesday before Varnian "
                         "President Edda Morn received Kestvari Ambassador Ivo Santer.")
    assert ("meeting", ("anna-brel", "tomas-keld")) in _events(d)
    assert ("meeting", ("edda-morn", "ivo-santer")) not in _events(d)

