"""kg draft: kinds of phrasing read as general rules, each on invented sentences (fictional names and places)."""

from __future__ import annotations

from datetime import date

import pytest

from tests.helpers import dated_events as _events
from tests.helpers import draft_invented as _draft

PUB = date(2027, 3, 10)  # a Wednesday: "on Monday" is 2027-03-08


@pytest.mark.parametrize("sentence,location", [
    ("Lena Varosh was received by President Tomas Keld in Drevna on Monday.", "drevna"),
    ("Lena Varosh was welcomed at the palace by Tomas Keld on Monday.", None),
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


def test_will_host_for_a_state_visit_is_the_guests_visit(tmp_path):
    d = _draft(tmp_path, "Varnian President Tomas Keld will host Ostrelian President Mara Quell for a state visit "
                         "in May.")
    (e,) = d.events
    assert (e.type, e.participants, e.destination, e.status) == ("visit", ["mara-quell"], "varnia", "announced")
    assert any("host's country" in r for r in e.review)


def test_agreeing_to_hold_a_summit_is_an_announced_meeting_not_a_conference(tmp_path):
    d = _draft(tmp_path, "Lena Varosh met Tomas Keld on Monday. The two leaders agreed to hold a summit at Tamsk "
                         "in the spring.")
    got = {(e.type, tuple(e.participants), e.status, e.location) for e in d.events}
    assert got == {("meeting", ("lena-varosh", "tomas-keld"), "held", None),
                   ("meeting", ("lena-varosh", "tomas-keld"), "announced", "tamsk")}


def test_a_plural_title_with_appositions_gives_each_post_and_the_subjects(tmp_path):
    d = _draft(tmp_path, "The foreign ministers of the two countries, Mara Quell of Ostrelia and Ivo Dask of Varnia, "
                         "signed a water treaty in Tamsk on Monday.")
    assert {(m.person, m.role) for m in d.memberships} == {("mara-quell", "foreign-minister"),
                                                           ("ivo-dask", "foreign-minister")}
    assert {p.id: p.country for p in d.persons} == {"mara-quell": "ostrelia", "ivo-dask": "varnia"}
    assert [(e.type, e.participants) for e in d.events] == [("signing", ["mara-quell", "ivo-dask"])]


def _small_registry():
    from kg.facts.model import Entity

    return {
        "ostrelia": Entity("ostrelia", "place", "Ostrelia", "", 0, place_type="country"),
        "morvik": Entity("morvik", "place", "Morvik", "", 0, place_type="city", located_in=["ostrelia"]),
        "morvik-council": Entity("morvik-council", "organization", "Morvik Municipal Council", "", 0,
                                 country="ostrelia"),
        "government-of-ostrelia": Entity("government-of-ostrelia", "organization", "Government of Ostrelia", "", 0,
                                         country="ostrelia"),
        "amber-league": Entity("amber-league", "organization", "Amber League", "", 0),
        "mayor": Entity("mayor", "role", "Mayor", "", 0),
        "secretary-general": Entity("secretary-general", "role", "Secretary-General", "", 0),
    }


def test_a_mayor_belongs_to_the_towns_body_not_to_a_government_of_the_town():
    from kg.draft.drafter import analyse

    d = analyse("Hanne Lidt, the mayor of Morvik, opened the bridge.", PUB, _small_registry())
    assert [(m.person, m.role, m.organization) for m in d.memberships] == [("hanne-lidt", "mayor", "morvik-council")]
    assert [p.country for p in d.persons] == ["ostrelia"]


def test_a_post_named_with_its_organization_is_not_given_again_from_the_context():
    from kg.draft.drafter import analyse

    d = analyse("MORVIK – Ostrelia hosted the Secretary-General of the Amber League, Piet Holm, on Monday. "
                "Secretary-General Holm thanked the hosts.", PUB, _small_registry())
    assert [(m.person, m.organization) for m in d.memberships] == [("piet-holm", "amber-league")]


def test_a_companion_takes_the_country_of_the_one_accompanied(tmp_path):
    d = _draft(tmp_path, "KALVORA – Ostrelian President Mara Quell will visit Drevna next month. Foreign Minister "
                         "Ivo Dask will accompany her.")
    dask = [m for m in d.memberships if m.person == "ivo-dask"]
    assert [m.organization for m in dask] == ["ostrelian-foreign-ministry"]
    assert any("context" in r for r in dask[0].review)


@pytest.mark.parametrize("text,speakers", [
    # a coordinated reporting verb shares the subject of the first
    ("Tomas Keld briefed Lena Varosh on the harbour works and stressed that Varnia would keep its ports open.",
     [["tomas-keld"]]),
    # "member states" is a noun, not the verb "states"
    ("Tomas Keld said that the ports would stay open to all member states.", [["tomas-keld"]]),
    # the speaker is not a name inside a relative clause
    ("Tomas Keld, who met Lena Varosh in May, says the talks went well.", [["tomas-keld"]]),
    # an office reports the event; "in a statement" makes it a statement
    ("Lena Varosh will visit Drevna next month, her office said on Tuesday.", []),
    ("Lena Varosh will visit Drevna next month, her office said in a statement.", [["lena-varosh"]]),
])
def test_who_said_it(tmp_path, text, speakers):
    d = _draft(tmp_path, text)
    assert [s.speakers for s in d.statements] == speakers


def test_a_counterpart_of_a_person_titled_in_another_sentence_holds_the_same_post(tmp_path):
    d = _draft(tmp_path, "Ostrelian Foreign Minister Mara Quell arrived in Drevna on Monday. On Tuesday she held talks "
                         "with her Varnian counterpart Ivo Dask.")
    got = {(m.person, m.role, m.organization) for m in d.memberships}
    assert ("ivo-dask", "foreign-minister", "government-of-varnia") in got
    assert ("meeting", ("mara-quell", "ivo-dask"), "2027-03-09", "held") in _events(d)


def test_a_signing_after_the_talks_is_dated_as_the_talks(tmp_path):
    d = _draft(tmp_path, "Lena Varosh held talks with Tomas Keld in Drevna on Monday.\n\nThe two ministers signed a "
                         "water treaty after their talks and will meet again in Tamsk in May.")
    signing = next(e for e in d.events if e.type == "signing")
    assert signing.location == "drevna"  # not Tamsk, the next meeting's place
    assert signing.date.when(PUB).value == date(2027, 3, 8)
    assert any("talks it followed" in r for r in signing.review)


def test_the_host_country_known_only_from_the_context_still_places_the_visit(tmp_path):
    d = _draft(tmp_path, "KALVORA – Prime Minister Tomas Keld spoke with Lena Varosh on Monday. Prime Minister Keld "
                         "will host Ostrelian President Mara Quell for an official visit in May.")
    visit = next(e for e in d.events if e.type == "visit")
    assert (visit.participants, visit.destination) == (["mara-quell"], "varnia")
    assert visit.id == "quell-visit-to-varnia-2027-05"


@pytest.mark.parametrize("sentence,kind,status", [
    ("Lena Varosh exchanged views with Tomas Keld on Monday.", "meeting", "held"),
    ("Lena Varosh and Tomas Keld co-chaired the joint commission in Drevna on Monday.", "meeting", "held"),
    ("Tomas Keld gave an audience to Lena Varosh on Monday.", "meeting", "held"),
    ("Lena Varosh held a bilateral meeting with Tomas Keld on Monday.", "meeting", "held"),
    ("A meeting between Lena Varosh and Tomas Keld is scheduled for Monday.", "meeting", "announced"),
    ("Lena Varosh and Tomas Keld inked a water treaty in Drevna on Monday.", "signing", "held"),
    ("Lena Varosh spoke with Tomas Keld on the phone on Monday.", "phone-call", "held"),
    ("Lena Varosh received a phone call from Tomas Keld on Monday.", "phone-call", "held"),
    ("Lena Varosh called Tomas Keld on Monday to discuss the border.", "phone-call", "held"),
])
def test_more_diplomatic_phrasings(tmp_path, sentence, kind, status):
    d = _draft(tmp_path, sentence)
    day = "2027-03-15" if status == "announced" else "2027-03-08"
    assert {(e.type, tuple(sorted(e.participants)), str(e.date.when(PUB).value), e.status) for e in d.events} == {
        (kind, ("lena-varosh", "tomas-keld"), day, status)}


@pytest.mark.parametrize("sentence", [
    "Lena Varosh called Tomas Keld a friend of Ostrelia.",
    "Lena Varosh met Tomas Keld for what both sides called frank talks.",
    "Lena Varosh spoke by phone with Tomas Keld on Monday, and the two exchanged views on trade.",
])
def test_no_call_or_second_meeting_from_other_uses_of_the_words(tmp_path, sentence):
    d = _draft(tmp_path, sentence)
    assert len(d.events) <= 1 and all(e.type != "phone-call" or "phone" in sentence for e in d.events)


def test_a_meeting_on_the_sidelines_of_a_conference_is_part_of_it(tmp_path):
    d = _draft(tmp_path, "Lena Varosh met Tomas Keld on the sidelines of the Northern Rivers Forum in Kalvora on "
                         "Monday.")
    conf = next(e for e in d.events if e.type == "conference")
    meeting = next(e for e in d.events if e.type == "meeting")
    assert (sorted(conf.participants), conf.location) == (["lena-varosh", "tomas-keld"], "kalvora")
    assert meeting.part_of == [conf.id]


def test_concluding_a_visit_gives_its_end(tmp_path):
    d = _draft(tmp_path, "Lena Varosh concluded her three-day visit to Drevna on Monday.")
    (v,) = d.events
    w = v.date.when(PUB)
    assert (v.type, str(w.earliest), str(w.latest)) == ("visit", "2027-03-06", "2027-03-08")
    d = _draft(tmp_path, "Lena Varosh wrapped up her visit to Drevna on Tuesday.")
    w = d.events[0].date.when(PUB)
    assert (w.earliest, str(w.latest)) == (None, "2027-03-09")


@pytest.mark.parametrize("sentence,kind,people,status", [
    ("Lena Varosh signed a memorandum of understanding with Tomas Keld on Monday.", "signing",
     ("lena-varosh", "tomas-keld"), "held"),
    ("The water treaty was signed by Lena Varosh and Tomas Keld in Drevna on Monday.", "signing",
     ("lena-varosh", "tomas-keld"), "held"),
    ("Lena Varosh telephoned Tomas Keld on Monday.", "phone-call", ("lena-varosh", "tomas-keld"), "held"),
    ("Lena Varosh will be received by Tomas Keld on Monday.", "reception", ("tomas-keld", "lena-varosh"), "announced"),
    ("Lena Varosh and her Varnian counterpart, Tomas Keld, met in Drevna on Monday.", "meeting",
     ("lena-varosh", "tomas-keld"), "held"),
    ("Lena Varosh led a delegation to Drevna on Monday.", "visit", ("lena-varosh",), "held"),
    ("Lena Varosh touched down in Drevna on Monday.", "visit", ("lena-varosh",), "held"),
])
def test_signers_callers_guests_and_travellers_in_other_words(tmp_path, sentence, kind, people, status):
    d = _draft(tmp_path, sentence)
    day = "2027-03-15" if status == "announced" else "2027-03-08"
    assert {(e.type, tuple(e.participants), str(e.date.when(PUB).earliest), e.status) for e in d.events} == {
        (kind, people, day, status)}


def test_being_somewhere_for_talks_is_a_visit_but_being_there_is_not(tmp_path):
    d = _draft(tmp_path, "Lena Varosh is in Drevna for talks on the border.")
    assert [(e.type, e.destination) for e in d.events] == [("visit", "drevna")]
    assert _draft(tmp_path, "Lena Varosh was in Drevna when the news broke.").events == []


@pytest.mark.parametrize("text,speakers,claim", [
    ("According to Tomas Keld, the talks were productive.", ["tomas-keld"], "The talks were productive."),
    ("Tomas Keld explained that the border would open in May.", ["tomas-keld"], "The border would open in May."),
    ("In a statement, the Ostrelian Foreign Ministry said the talks had been useful.",
     ["ostrelian-foreign-ministry"], "The talks had been useful."),
])
def test_reported_speech_in_other_words(tmp_path, text, speakers, claim):
    d = _draft(tmp_path, text)
    assert [(s.speakers, s.claim) for s in d.statements] == [(speakers, claim)]


def test_an_announced_weekday_that_is_the_publication_day_is_that_day(tmp_path):
    d = _draft(tmp_path, "Lena Varosh will meet Tomas Keld on Wednesday.")  # published on a Wednesday
    assert [str(e.date.when(PUB).value) for e in d.events] == ["2027-03-10"]
    d = _draft(tmp_path, "Lena Varosh will meet Tomas Keld next Wednesday.")
    assert [str(e.date.when(PUB).value) for e in d.events] == ["2027-03-17"]


def test_flying_in_from_a_place_is_an_arrival_where_the_article_is_written(tmp_path):
    d = _draft(tmp_path, "TAMSK – Lena Varosh, who flew in from Drevna on Monday, met Tomas Keld.")
    visit = next(e for e in d.events if e.type == "visit")
    assert (visit.location, str(visit.date.when(PUB).earliest)) == ("tamsk", "2027-03-08")
    assert any("dateline" in r for r in visit.review)


def test_a_deputy_is_a_post_of_its_own_and_the_welcome_at_the_airport_is_an_arrival(tmp_path):
    d = _draft(tmp_path, "Lena Varosh was welcomed at the airport by Varnian Deputy Foreign Minister Ivo Dask on "
                         "Monday.")
    assert [(m.person, m.role) for m in d.memberships] == [("ivo-dask", "deputy-foreign-minister")]
    assert _events(d) == {("arrival", ("lena-varosh", "ivo-dask"), "2027-03-08", "held")}
    assert d.statements == []  # "was welcomed" is not something said


def test_the_visiting_minister_is_the_visitor(tmp_path):
    d = _draft(tmp_path, "Lena Varosh arrived in Drevna on Monday. Tomas Keld hosted a working dinner for the "
                         "visiting minister on Monday evening.")
    assert ("reception", ("tomas-keld", "lena-varosh"), "2027-03-08", "held") in _events(d)


def test_concluding_her_visit_ends_the_visit_told_before(tmp_path):
    d = _draft(tmp_path, "Lena Varosh arrived in Drevna on Monday. She concluded her visit on Tuesday.")
    (v,) = [e for e in d.events if e.type == "visit"]
    assert str(v.date.when(PUB).latest) == "2027-03-09"


def test_after_a_call_the_two_exchanged_views_and_agreed_to_hold_a_summit(tmp_path):
    d = _draft(tmp_path, "Lena Varosh spoke by phone with Tomas Keld on Thursday. The two leaders exchanged views on "
                         "trade and agreed to hold a summit in Lisgrad later this year.")
    assert {(e.type, e.status, e.location) for e in d.events} == {("phone-call", "held", None),
                                                                  ("meeting", "announced", "lisgrad")}


def test_the_object_pronoun_is_not_the_subject_of_its_clause(tmp_path):
    d = _draft(tmp_path, "Tomas Keld congratulated Lena Varosh on her election and invited her to visit Drevna.")
    assert [(e.type, e.participants, e.invited_by) for e in d.events] == [("visit", ["lena-varosh"], "tomas-keld")]


def test_attending_a_meeting_of_a_body_is_a_conference(tmp_path):
    d = _draft(tmp_path, "Lena Varosh attended a meeting of the Northern Rivers Commission in Tamsk on Monday.")
    assert [(e.type, e.participants, e.location) for e in d.events] == [("conference", ["lena-varosh"], "tamsk")]


def test_a_spokesman_telling_an_event_makes_no_statement(tmp_path):
    d = _draft(tmp_path, "Lena Varosh met Tomas Keld in Tamsk on Monday, a Varnian spokesman said.")
    assert len(d.events) == 1 and d.statements == []


def test_a_title_with_the_country_after_the_name(tmp_path):
    d = _draft(tmp_path, "Prime Minister Ivo Dask of Varnia spoke on Monday.")
    assert [(p.id, p.country) for p in d.persons] == [("ivo-dask", "varnia")]
    assert [(m.person, m.organization) for m in d.memberships] == [("ivo-dask", "government-of-varnia")]


def test_an_announced_visit_over_a_span_of_days_with_its_parts_and_its_inviter(tmp_path):
    d = _draft(tmp_path, "KALVORA – Ostrelian President Mara Quell will pay an official visit to Varnia from 3 to 5 "
                         "April at the invitation of President Ivo Dask. Quell is expected to hold talks with Dask in "
                         "Drevna and to sign a rail accord.", pub=date(2027, 3, 10))
    visit = next(e for e in d.events if e.type == "visit")
    w = visit.date.when(PUB)
    assert (visit.status, str(w.earliest), str(w.latest), visit.invited_by) == (
        "announced", "2027-04-03", "2027-04-05", "ivo-dask")
    parts = {(e.type, tuple(e.participants), e.location) for e in d.events if visit.id in e.part_of}
    assert parts == {("meeting", ("mara-quell", "ivo-dask"), "drevna"),
                     ("signing", ("mara-quell", "ivo-dask"), "drevna")}
    assert {(m.person, m.organization) for m in d.memberships} >= {("ivo-dask", "varnian-presidency")}


def test_a_meeting_where_a_journey_went_belongs_to_that_journey(tmp_path):
    d = _draft(tmp_path, "Lena Varosh met Tomas Keld in Tamsk on Monday.\n\nTwo weeks earlier, Varosh had travelled "
                         "to Lisgrad, where she met Mara Quell, the Maruvian trade minister.")
    lisgrad = next(e for e in d.events if e.type == "visit")
    first = next(e for e in d.events if "tomas-keld" in e.participants)
    second = next(e for e in d.events if "mara-quell" in e.participants)
    assert first.part_of == [] and second.part_of == [lisgrad.id] and second.location == "lisgrad"


def test_the_next_morning_is_the_day_after_the_sentence_before(tmp_path):
    d = _draft(tmp_path, "Tomas Keld hosted a dinner for Lena Varosh on Monday evening. The next morning, Varosh "
                         "left for Tamsk.")
    visit = next(e for e in d.events if e.type == "visit")
    assert str(visit.date.when(PUB).value) == "2027-03-09"


def test_a_trilateral_meeting_is_one_meeting_and_a_hosted_conference_has_its_host(tmp_path):
    d = _draft(tmp_path, "Ministers met in Kalvora on Monday for the annual Northern Rivers Dialogue, hosted by "
                         "Ostrelian Foreign Minister Mara Quell.\n\nQuell held a trilateral meeting with Lena Varosh "
                         "and Tomas Keld. The three ministers issued a joint communiqué.")
    got = {(e.type, tuple(sorted(e.participants))) for e in d.events}
    trio = ("lena-varosh", "mara-quell", "tomas-keld")
    assert got == {("conference", ("mara-quell",)), ("meeting", trio), ("joint-statement", trio)}


def test_calling_someone_something_in_quotes_is_a_statement(tmp_path):
    d = _draft(tmp_path, 'Tomas Keld, who last week called the envoy "a friend of Varnia", will host her tomorrow.')
    assert [(s.speakers, s.claim) for s in d.statements] == [(["tomas-keld"], "a friend of Varnia")]
    assert _draft(tmp_path, "Tomas Keld called for calm on Monday.").events == []


def test_a_deputy_title_unknown_to_the_registry_is_proposed_as_a_role():
    from kg.draft.drafter import analyse
    from kg.facts.model import Entity

    ents = {**_small_registry(), "foreign-minister": Entity("foreign-minister", "role", "Foreign Minister", "", 0)}
    d = analyse("Ostrelian Deputy Foreign Minister Hanne Lidt spoke on Monday.", PUB, ents)
    assert [(m.person, m.role, m.organization) for m in d.memberships] == [
        ("hanne-lidt", "deputy-foreign-minister", "government-of-ostrelia")]
    assert [(e.id, e.kind, e.label) for e in d.entities] == [("deputy-foreign-minister", "role",
                                                              "Deputy Foreign Minister")]


def test_agreements_in_the_plural_and_a_pledge_dated_by_its_own_words(tmp_path):
    d = _draft(tmp_path, "Lena Varosh and Tomas Keld inked two agreements in Drevna on Monday, and pledged to meet "
                         "again before the end of the year.")
    got = {(e.type, e.status, str(e.date.when(PUB).earliest), str(e.date.when(PUB).latest)) for e in d.events}
    assert got == {("signing", "held", "2027-03-08", "2027-03-08"),
                   ("meeting", "announced", "2027-03-10", "2027-12-31")}


def test_a_date_in_the_reported_speech_is_not_the_calls(tmp_path):
    d = _draft(tmp_path, "Yesterday, Lena Varosh told Tomas Keld in a telephone call that the road would open "
                         "before the end of the year.")
    assert [(e.type, str(e.date.when(PUB).value)) for e in d.events] == [("phone-call", "2027-03-09")]


def test_a_counterpart_in_the_same_sentence_gets_the_organization_of_the_post(tmp_path):
    d = _draft(tmp_path, "Varnian Foreign Minister Ivo Dask held talks with his Belmoran counterpart Elsa Marrow.")
    assert ("elsa-marrow", "foreign-minister", "belmoran-foreign-ministry") in {
        (m.person, m.role, m.organization) for m in d.memberships}


def test_next_due_in_a_place_is_an_announced_visit(tmp_path):
    d = _draft(tmp_path, "Ostrelian President Mara Quell is next due in Tamsk, where she will attend the Northern "
                         "Rivers Summit on 20 March.")
    assert {(e.type, e.status) for e in d.events} == {("visit", "announced"), ("conference", "announced")}


def test_a_visit_postponed_until_a_season_is_dated_forward_for_review(tmp_path):
    d = _draft(tmp_path, "Lena Varosh's visit to Drevna has been postponed until the autumn.")
    (v,) = d.events
    assert (v.type, v.status, str(v.date.when(PUB).earliest)) == ("visit", "postponed", "2027-09-01")
    assert any("postponed" in r for r in v.review)


def test_concluding_a_visit_and_flying_on_ends_the_first_visit_not_the_next(tmp_path):
    d = _draft(tmp_path, "Lena Varosh arrived in Drevna on Monday. She concluded her visit on Tuesday and flew on "
                         "to Tamsk.")
    drevna = next(e for e in d.events if e.type == "visit" and e.destination in ("drevna", "varnia"))
    tamsk = next(e for e in d.events if e.type == "visit" and e.destination in ("tamsk", "kessendor"))
    assert str(drevna.date.when(PUB).latest) == "2027-03-09"
    assert tamsk.date.latest == "published"


def test_her_as_an_object_says_nothing_of_the_subjects_gender(tmp_path):
    d = _draft(tmp_path, "Lena Varosh arrived in Drevna on Monday. Tomas Keld kept her waiting for an hour. On "
                         "Tuesday he flew to Tamsk.")
    assert ("visit", ("tomas-keld",)) in {(e.type, tuple(e.participants)) for e in d.events}


# --- seventh round: kinds of phrasing read as families ---------------------------------------------------------


@pytest.mark.parametrize("style", ["the Republic of", "the Kingdom of", "the Federal Republic of",
                                   "the Principality of"])
def test_a_title_of_the_styled_state_gives_the_country(tmp_path, style):
    d = _draft(tmp_path, f"On 3 March 2027, Lena Varosh held a telephone conversation with the Minister of Foreign "
                         f"Affairs of {style} Belmora, Ivo Dask, at the request of the Belmoran side.")
    assert {(m.person, m.organization) for m in d.memberships} == {("ivo-dask", "belmoran-foreign-ministry")}
    assert _events(d) == {("phone-call", ("lena-varosh", "ivo-dask"), "2027-03-03", "held")}


@pytest.mark.parametrize("second", [
    "She will be accompanied by Foreign Minister Mara Quell and Trade Minister Ivo Dask.",
    "Foreign Minister Mara Quell and Trade Minister Ivo Dask will travel with the president.",
    "Foreign Minister Mara Quell and Trade Minister Ivo Dask will be part of her delegation.",
    "Foreign Minister Mara Quell and Trade Minister Ivo Dask will accompany her.",
])
def test_every_companion_listed_in_another_sentence_joins_the_visit(tmp_path, second):
    d = _draft(tmp_path, "KALVORA – Belmoran President Lena Varosh will pay a state visit to Varnia in May. " + second)
    (visit,) = [e for e in d.events if e.type == "visit"]
    assert visit.participants == ["lena-varosh", "mara-quell", "ivo-dask"]
    # the companions are of the visitor's country, not of the host's nor of the dateline's
    assert {(m.person, m.organization) for m in d.memberships if m.person != "lena-varosh"} == {
        ("mara-quell", "belmoran-foreign-ministry"), ("ivo-dask", "government-of-belmora")}


def test_travelling_with_a_thing_or_to_a_place_is_no_companion(tmp_path):
    d = _draft(tmp_path, "Lena Varosh will visit Varnia in May. Trade Minister Ivo Dask will travel with a "
                         "business delegation to Tamsk in June.")
    visits = {(e.destination, tuple(e.participants)) for e in d.events if e.type == "visit"}
    assert ("varnia", ("lena-varosh",)) in visits


@pytest.mark.parametrize("title,org", [
    ("Belmora's new ambassador to Varnia", "government-of-belmora"),
    ("Belmora’s newly appointed ambassador to Varnia", "government-of-belmora"),
    ("the Belmoran ambassador to Varnia", "government-of-belmora"),
])
def test_an_ambassador_to_a_country_holds_the_post_of_the_sending_one(tmp_path, title, org):
    d = _draft(tmp_path, f"Mara Quell, {title}, presented her credentials to President Tomas Keld on Monday.")
    assert [(m.person, m.role, m.organization) for m in d.memberships if m.person == "mara-quell"] == [
        ("mara-quell", "ambassador", org)]


@pytest.mark.parametrize("tail", [
    ", in a ceremony attended by Foreign Minister Ivo Dask and the chief of protocol, Hanne Lidt.",
    " in the presence of Foreign Minister Ivo Dask and the chief of protocol, Hanne Lidt.",
    ". Foreign Minister Ivo Dask and the chief of protocol, Hanne Lidt, attended the ceremony.",
    ". Foreign Minister Ivo Dask and the chief of protocol, Hanne Lidt, were also present.",
])
def test_the_attendants_of_a_ceremony_are_its_participants(tmp_path, tail):
    d = _draft(tmp_path, "DREVNA – Mara Quell presented her credentials to President Tomas Keld on Monday" + tail)
    (e,) = d.events
    assert (e.type, e.participants) == ("meeting", ["mara-quell", "tomas-keld", "ivo-dask", "hanne-lidt"])
    assert any("attending" in r for r in e.review)
    # the hosts' posts are the dateline's country's; a chief of protocol serves in its foreign ministry
    assert ("hanne-lidt", "chief-of-protocol") in {(m.person, m.role) for m in d.memberships}


def test_a_reception_its_host_gave_and_its_guests_attended(tmp_path):
    d = _draft(tmp_path, "Mara Quell hosted a reception at the embassy on Tuesday evening to mark her country's "
                         "national day. Foreign Minister Ivo Dask and about three hundred guests attended.")
    assert _events(d) == {("reception", ("mara-quell", "ivo-dask"), "2027-03-09", "held")}


@pytest.mark.parametrize("text", [
    "Mara Quell hosted a dinner on Tuesday.",  # no guest named: nothing to propose
    "Mara Quell hosted a dinner on Tuesday. Ivo Dask attended the summit in Tamsk.",  # another event
])
def test_a_reception_with_its_host_alone_is_not_proposed(tmp_path, text):
    d = _draft(tmp_path, text)
    assert not [e for e in d.events if e.type == "reception"]


def test_a_dateline_with_the_agency_in_brackets(tmp_path):
    d = _draft(tmp_path, "DREVNA (Coastal Wire) – Foreign Minister Ivo Dask met Tomas Keld on Monday.")
    assert d.source["dateline"] == "drevna"
    assert [(m.person, m.organization) for m in d.memberships] == [("ivo-dask", "government-of-varnia")]
    assert d.events[0].evidence == ["DREVNA (Coastal Wire) – Foreign Minister Ivo Dask met Tomas Keld on Monday."]


@pytest.mark.parametrize("aside", [", who chaired the conference,", ", who hosted the talks,"])
def test_a_passive_signing_lists_its_signers_past_a_relative_clause_and_a_witness_joins(tmp_path, aside):
    d = _draft(tmp_path, "The water treaty was signed in Tamsk on Monday by Belmoran Foreign Minister Mara "
                         f"Quell{aside} Varnian Foreign Minister Ivo Dask and Kessendori Foreign Minister Hanne "
                         "Lidt. The Council's Secretary-General, Piet Holm, witnessed the signing.")
    assert [(e.type, e.participants) for e in d.events] == [
        ("signing", ["mara-quell", "ivo-dask", "hanne-lidt", "piet-holm"])]


@pytest.mark.parametrize("sentence,status,day", [
    ("Lena Varosh will visit Drevna in November to open a new round of bilateral consultations with Tomas Keld.",
     "announced", "2027-11-01"),
    ("Lena Varosh and Tomas Keld will open negotiations on the tariff in Tamsk on 19 June.", "announced", "2027-06-19"),
    ("Lena Varosh will begin talks with Tomas Keld on Friday.", "announced", "2027-03-12"),
    ("Lena Varosh said that she and Tomas Keld would resume talks on the tariff on 19 June.", "announced",
     "2027-06-19"),
    ("Lena Varosh informed Mara Quell of her consultations with Tomas Keld, held in Tamsk on Monday.", "held",
     "2027-03-08"),
])
def test_talks_told_as_a_noun_opened_begun_or_owned(tmp_path, sentence, status, day):
    d = _draft(tmp_path, sentence)
    assert ("meeting", ("lena-varosh", "tomas-keld"), day, status) in _events(d)


def test_a_noun_of_talks_without_a_partner_is_no_meeting(tmp_path):
    d = _draft(tmp_path, "The water treaty was signed on Monday by Lena Varosh, who chaired the talks, and Tomas "
                         "Keld.")
    assert [e.type for e in d.events] == ["signing"]


@pytest.mark.parametrize("word", ["Council", "Commission"])
def test_an_organization_named_by_its_kind_alone(tmp_path, word):
    name = {"Council": ("Strait Nations Council", "strait-nations-council"),
            "Commission": ("Northern Rivers Commission", "northern-rivers-commission")}[word]
    d = _draft(tmp_path, f"The {name[0]} met in Tamsk. Lena Varosh held talks with the Secretary-General of the "
                         f"{word}, Ivo Dask, on Monday. The {word}'s Deputy Secretary-General, Mara Quell, also spoke.")
    assert {(m.person, m.organization) for m in d.memberships} == {("ivo-dask", name[1]), ("mara-quell", name[1])}
    assert ("meeting", ("lena-varosh", "ivo-dask"), "2027-03-08", "held") in _events(d)


def test_a_kind_word_that_two_organizations_share_names_neither(tmp_path):
    d = _draft(tmp_path, "The Strait Nations Council and the Varnian National Assembly met. The Secretary-General "
                         "of the Assembly, Ivo Dask, spoke. So did the Council's Secretary-General, Mara Quell.")
    got = {(m.person, m.organization) for m in d.memberships}
    assert ("mara-quell", "strait-nations-council") in got  # "Council": one organization of the article
    assert ("ivo-dask", "varnian-national-assembly") in got  # "Assembly": one as well


@pytest.mark.parametrize("verb", ["conveyed", "extended", "delivered"])
def test_an_invitation_from_one_to_another_to_visit_is_the_guests_announced_visit(tmp_path, verb):
    d = _draft(tmp_path, f"Tomas Keld {verb} an invitation from the Trade Minister of Belmora, Ivo Dask, to the Trade "
                         "Minister of Varnia, Mara Quell, to visit Orvik in February.", date(2027, 4, 4))
    (e,) = d.events
    assert (e.type, e.participants, e.destination, e.invited_by, e.status) == (
        "visit", ["mara-quell"], "orvik", "ivo-dask", "announced")
    assert e.date.when(date(2027, 4, 4)).earliest == date(2028, 2, 1)  # the February to come


@pytest.mark.parametrize("words,first", [
    ("in the spring of next year", "2028-03-01"), ("in the autumn of last year", "2026-09-01"),
    ("in the winter of the following year", "2028-12-01"),
])
def test_a_season_of_a_year_told_relative_to_this_one(words, first):
    from kg.draft.dates import find_dates

    (f,) = find_dates(f"They will meet again {words}.", date(2027, 5, 13))
    assert (f.text, f.earliest) == (words, first)


@pytest.mark.parametrize("sentence", [
    "Lena Varosh was welcomed at the airport by Tomas Keld on Monday.",
    "Lena Varosh was greeted on the tarmac by Tomas Keld on Monday.",
    "On Monday Lena Varosh was met on arrival by Tomas Keld.",
    "Lena Varosh was welcomed at Drevna's international airport by Tomas Keld on Monday.",
])
def test_a_guest_met_on_arrival_is_an_arrival_not_a_reception(tmp_path, sentence):
    d = _draft(tmp_path, "DREVNA – " + sentence)
    assert _events(d) == {("arrival", ("lena-varosh", "tomas-keld"), "2027-03-08", "held")}
    assert d.events[0].location == "drevna"


@pytest.mark.parametrize("clause", ["where President Tomas Keld received her", "where Tomas Keld welcomed her"])
def test_her_inside_a_where_clause_is_the_subject_outside_it(tmp_path, clause):
    d = _draft(tmp_path, f"Lena Varosh was driven to the palace on Monday, {clause}.")
    assert ("reception", ("tomas-keld", "lena-varosh"), "2027-03-08", "held") in _events(d)


@pytest.mark.parametrize("words", ["Later that day", "That evening", "On the same day"])
def test_later_that_day_is_the_day_of_the_event_told_before(tmp_path, words):
    d = _draft(tmp_path, f"Lena Varosh arrived in Drevna on Monday. Tomas Keld had hosted a lunch in Tamsk.\n\n"
                         f"{words} Lena Varosh held talks with Mara Quell, the Varnian trade minister.")
    talks = next(e for e in d.events if e.type == "meeting")
    assert talks.date.when(PUB).value == date(2027, 3, 8)
    assert any("event told before" in r for r in talks.review)


@pytest.mark.parametrize("verb", ["recalled his state visit to Orvik", "spoke warmly of his first trip to Orvik"])
def test_his_visit_is_the_subjects_not_the_objects(tmp_path, verb):
    d = _draft(tmp_path, f"Tomas Keld told the ambassador that Varnia was a friend and {verb} in July.",
               date(2027, 9, 1))
    assert [(e.type, e.participants, e.destination) for e in d.events] == [("visit", ["tomas-keld"], "orvik")]


def test_an_envoy_arriving_at_the_post_arrives_and_does_not_visit(tmp_path):
    d = _draft(tmp_path, "DREVNA – Mara Quell, Belmora's new ambassador to Varnia, who arrived in Drevna last month, "
                         "presented her credentials to President Tomas Keld on Monday.")
    assert ("arrival", "drevna") in {(e.type, e.destination) for e in d.events}
    assert "visit" not in {e.type for e in d.events}


@pytest.mark.parametrize("second", [
    "Her foreign minister, Ivo Dask, met Tomas Keld on Tuesday.",
    "Her trade minister, Ivo Dask, stayed behind in the capital for talks with Tomas Keld.",
])
def test_her_minister_is_of_the_visitors_country_and_delegation(tmp_path, second):
    d = _draft(tmp_path, "DREVNA – Belmoran Prime Minister Mara Quell arrived in Drevna on Monday for a two-day visit. "
                         "Varnian Energy Minister Hanne Lidt said prices would fall. " + second)
    dask = {m.organization for m in d.memberships if m.person == "ivo-dask"}
    assert dask <= {"belmoran-foreign-ministry", "government-of-belmora"} and dask
    (visit,) = [e for e in d.events if e.type == "visit"]
    assert visit.participants == ["mara-quell", "ivo-dask"]


def test_an_arrival_with_the_one_who_welcomed_the_visitor_is_on_the_visits_first_day(tmp_path):
    d = _draft(tmp_path, "DREVNA – Lena Varosh arrived in Drevna on Monday for a three-day visit.\n\nShe was welcomed "
                         "at the airport by Foreign Minister Ivo Dask.")
    (a,) = [e for e in d.events if e.type == "arrival"]
    assert (a.participants, a.date.when(PUB).value) == (["lena-varosh", "ivo-dask"], date(2027, 3, 8))
    assert any("first day of the visit" in r for r in a.review)


@pytest.mark.parametrize("sentence,held", [
    ("On Monday Lena Varosh toured the liquefied gas terminal with Energy Minister Tomas Keld.", True),
    ("Lena Varosh inspected the new bridge with Tomas Keld on Monday.", True),
    ("Lena Varosh toured the port with her delegation on Monday.", False),  # no one met
])
def test_touring_a_site_with_someone_is_a_meeting(tmp_path, sentence, held):
    d = _draft(tmp_path, sentence)
    assert (("meeting", ("lena-varosh", "tomas-keld"), "2027-03-08", "held") in _events(d)) == held
    assert all(e.type == "meeting" for e in d.events)


# --- the eighth round: families read on the 7th set's misses (invented sentences of their own) ---


@pytest.mark.parametrize("sentence,lo,hi", [
    ("Lena Varosh was received by Tomas Keld on Monday and Tuesday.", "2027-03-08", "2027-03-09"),
    ("On Sunday and Monday Lena Varosh held talks with Tomas Keld in Drevna.", "2027-03-07", "2027-03-08"),
    ("Lena Varosh held talks with Tomas Keld from Saturday to Monday.", "2027-03-06", "2027-03-08"),
])
def test_two_weekdays_joined_are_bounds_not_the_second_day(tmp_path, sentence, lo, hi):
    d = _draft(tmp_path, sentence)
    assert len(d.events) == 1
    w = d.events[0].date.when(PUB)
    assert (str(w.earliest), str(w.latest)) == (lo, hi)


def test_two_weekdays_announced_are_bounds_ahead(tmp_path):
    d = _draft(tmp_path, "Lena Varosh will hold talks with Tomas Keld on Thursday and Friday.")
    w = d.events[0].date.when(PUB)
    assert (str(w.earliest), str(w.latest), d.events[0].status) == ("2027-03-11", "2027-03-12", "announced")


@pytest.mark.parametrize("sentence", [
    "Lena Varosh and Tomas Keld, whose talks in Drevna were postponed last week, met in Orvik on Monday.",
    "Lena Varosh and Tomas Keld, whose meeting was called off on Saturday, met in Orvik on Monday.",
    "Lena Varosh and Tomas Keld, whose talks were put off yesterday, met in Orvik on Monday.",
])
def test_a_meeting_after_a_relative_clause_of_postponing_is_held_on_its_own_date(tmp_path, sentence):
    d = _draft(tmp_path, sentence)
    held = [e for e in d.events if e.status == "held"]
    assert [(e.type, str(e.date.when(PUB).earliest), e.location) for e in held] == [("meeting", "2027-03-08",
                                                                                     "orvik")]
    others = [e for e in d.events if e.status != "held"]
    assert all(e.status in ("postponed", "cancelled") for e in others)
    assert all(e.date.when(PUB).earliest is None for e in others)  # the day it was put off is not its date


@pytest.mark.parametrize("sentence", [
    "Talks between Lena Varosh and Tomas Keld were postponed on Monday, the ministry said.",
    "A meeting of Lena Varosh and Tomas Keld in Drevna was called off last week.",
])
def test_the_day_of_the_decision_is_not_the_date_of_the_event(tmp_path, sentence):
    d = _draft(tmp_path, sentence)
    assert [e.status for e in d.events] in (["postponed"], ["cancelled"])
    assert d.events[0].date.when(PUB).earliest is None
    assert any("put off" in r for r in d.events[0].review)


def test_postponed_until_a_date_keeps_the_new_date_ahead(tmp_path):
    d = _draft(tmp_path, "The talks between Lena Varosh and Tomas Keld have been postponed until Friday.")
    assert [(e.status, str(e.date.when(PUB).earliest)) for e in d.events] == [("postponed", "2027-03-12")]


@pytest.mark.parametrize("sentence", [
    "Lena Varosh met Tomas Keld on Monday and agreed that their deputies, Deputy Foreign Minister Ilse Marrow "
    "and Deputy Foreign Minister Pavel Strand, would meet in May.",
    "Lena Varosh and Tomas Keld said that Deputy Foreign Minister Ilse Marrow and Deputy Foreign Minister "
    "Pavel Strand will hold talks in May.",
])
def test_a_meeting_in_a_that_clause_is_of_the_persons_it_names(tmp_path, sentence):
    d = _draft(tmp_path, sentence)
    later = [e for e in d.events if e.status == "announced"]
    assert [set(e.participants) for e in later] == [{"ilse-marrow", "pavel-strand"}]


@pytest.mark.parametrize("sentence", [
    "Lena Varosh met Tomas Keld on Monday and agreed that their envoys would meet in May.",
    "Lena Varosh and Tomas Keld met on Monday and agreed that their deputies, Ilse Marrow and Pavel Strand, "
    "would meet in May to prepare the next round.",
    "Lena Varosh and Tomas Keld talked for an hour on Monday and decided that the two delegations should meet "
    "again in May.",
])
def test_a_that_clause_whose_subject_is_not_found_proposes_no_meeting_of_the_wrong_persons(tmp_path, sentence):
    d = _draft(tmp_path, sentence)
    assert not [e for e in d.events if e.status == "announced" and set(e.participants) <= {"lena-varosh",
                                                                                           "tomas-keld"}]


def test_they_in_a_that_clause_are_the_persons_of_the_main_clause(tmp_path):
    d = _draft(tmp_path, "Lena Varosh met Tomas Keld on Monday and agreed that they would meet again in May.")
    assert {(e.status, tuple(sorted(e.participants))) for e in d.events} == {
        ("held", ("lena-varosh", "tomas-keld")), ("announced", ("lena-varosh", "tomas-keld"))}


@pytest.mark.parametrize("words,lo,hi", [
    ("in the second half of April", "2027-04-16", "2027-04-30"),
    ("in the first half of May", "2027-05-01", "2027-05-15"),
    ("in early June", "2027-06-01", "2027-06-10"),
    ("in mid-April", "2027-04-11", "2027-04-20"),
    ("in late May 2027", "2027-05-21", "2027-05-31"),
])
def test_a_part_of_a_month_is_bounds(tmp_path, words, lo, hi):
    d = _draft(tmp_path, f"Lena Varosh will visit Drevna {words}.")
    assert len(d.events) == 1
    w = d.events[0].date.when(PUB)
    assert (str(w.earliest), str(w.latest)) == (lo, hi)


def test_a_part_of_a_month_in_the_past_is_the_last_one(tmp_path):
    d = _draft(tmp_path, "Lena Varosh visited Drevna in late February.")
    w = d.events[0].date.when(PUB)
    assert (str(w.earliest), str(w.latest)) == ("2027-02-21", "2027-02-28")


@pytest.mark.parametrize("sentence", [
    "Their foreign ministers – Belmora's Mara Quell, Ivo Dask of Varnia and Quessa's Pell Oravin – met in Tamsk "
    "on Monday.",
    "The foreign ministers: Mara Quell of Belmora, Varnia's Ivo Dask and Pell Oravin of Quessa, met in Tamsk on "
    "Monday.",
    "The foreign ministers — Mara Quell of Belmora, Ivo Dask of Varnia, and Quessa's Pell Oravin — met in Tamsk "
    "on Monday.",
])
def test_a_plural_title_before_a_dash_or_colon_with_possessive_members(tmp_path, sentence):
    d = _draft(tmp_path, "Ministers confer\n\n" + sentence)
    assert {p.id: p.country for p in d.persons} == {"mara-quell": "belmora", "ivo-dask": "varnia",
                                                    "pell-oravin": "quessa"}
    assert {(m.person, m.role) for m in d.memberships} == {("mara-quell", "foreign-minister"),
                                                           ("ivo-dask", "foreign-minister"),
                                                           ("pell-oravin", "foreign-minister")}


@pytest.mark.parametrize("text,person,country", [
    ("Envoy on the road\n\nORVIK, Belmora – Pell Oravin spent Monday in the Varnian capital, where she held talks "
     "with Foreign Minister Anselm Tory.", "anselm-tory", "varnia"),
    ("Envoy on the road\n\nORVIK, Belmora – Pell Oravin then crossed to Saltmere, where President Brisa Hollen "
     "received her on Tuesday.", "brisa-hollen", "quessa"),
    ("Envoy on the road\n\nORVIK, Belmora – In Drevna, Foreign Minister Anselm Tory summoned the ambassador on "
     "Monday evening.", "anselm-tory", "varnia"),
])
def test_a_post_without_a_country_is_of_the_place_whose_clause_names_it(tmp_path, text, person, country):
    d = _draft(tmp_path, text)
    orgs = {m.organization for m in d.memberships if m.person == person}
    assert orgs and all(country in o or o.startswith(country[:5]) for o in orgs), orgs


def test_a_post_in_a_clause_without_a_place_keeps_the_dateline(tmp_path):
    d = _draft(tmp_path, "Envoy on the road\n\nORVIK, Belmora – Pell Oravin held talks with Foreign Minister Anselm "
                         "Tory on Monday, a day after she crossed to Saltmere.")
    assert {m.organization for m in d.memberships if m.person == "anselm-tory"} == {"belmoran-foreign-ministry"}


@pytest.mark.parametrize("text", [
    "Talks called off\n\nORVIK, Belmora – The Belmoran Foreign Ministry said on Monday that the talks were off. "
    "They could not go ahead \"for now\", ministry spokesman Anselm Tory told reporters.",
    "Talks called off\n\nThe talks were off, the Belmoran Foreign Ministry said on Monday. \"Not now,\" said "
    "Anselm Tory, a spokesman for the Belmoran ministry.",
    "Talks called off\n\nORVIK, Belmora – The Belmoran Foreign Ministry said on Monday that the talks were off, "
    "and the ministry spokeswoman Brisa Hollen said no date had been set.",
])
def test_a_title_naming_its_organization_by_its_kind_is_of_the_one_named_last(tmp_path, text):
    d = _draft(tmp_path, text)
    assert {m.organization for m in d.memberships} == {"belmoran-foreign-ministry"}


@pytest.mark.parametrize("sentence,pair", [
    ("On Monday morning Pell Oravin called on Prime Minister Anselm Tory before flying home.",
     ("pell-oravin", "anselm-tory")),
    ("Lena Varosh called on Tomas Keld at his office on Monday.", ("lena-varosh", "tomas-keld")),
    ("Lena Varosh summoned the Varnian ambassador, Anselm Tory, on Monday evening.", ("lena-varosh", "anselm-tory")),
    ("On Monday Lena Varosh summoned Tomas Keld to demand an explanation.", ("lena-varosh", "tomas-keld")),
])
def test_calling_on_or_summoning_a_person_is_a_meeting(tmp_path, sentence, pair):
    d = _draft(tmp_path, "Headline here\n\n" + sentence)
    assert ("meeting", pair, "2027-03-08", "held") in _events(d)


@pytest.mark.parametrize("sentence", [
    "On Monday Lena Varosh called on Tomas Keld to resign.",
    "On Monday Lena Varosh summoned the courage to answer Tomas Keld.",
])
def test_calling_on_someone_to_act_is_no_meeting(tmp_path, sentence):
    assert not [e for e in _draft(tmp_path, "Headline here\n\n" + sentence).events if e.type == "meeting"]


@pytest.mark.parametrize("sentence", [
    "Varnian President Anselm Tory arrived in Orvik on Monday with his foreign minister, Pell Oravin, and Energy "
    "Minister Brisa Hollen.",
    "Varnian President Anselm Tory flew into Orvik on Monday afternoon with Foreign Minister Pell Oravin and "
    "Energy Minister Brisa Hollen.",
    "Varnian President Anselm Tory travelled to Orvik on Monday together with Foreign Minister Pell Oravin and "
    "Energy Minister Brisa Hollen.",
])
def test_officials_named_with_a_journey_travel_with_the_visitor(tmp_path, sentence):
    d = _draft(tmp_path, "Headline here\n\n" + sentence)
    visits = [e for e in d.events if e.type == "visit"]
    assert [v.participants for v in visits] == [["anselm-tory", "pell-oravin", "brisa-hollen"]]
    assert {m.organization for m in d.memberships if m.person == "brisa-hollen"} == {"government-of-varnia"}


def test_talks_with_an_official_after_a_journey_are_no_company(tmp_path):
    d = _draft(tmp_path, "Headline here\n\nVarnian President Anselm Tory flew to Orvik on Monday for talks with "
                         "Foreign Minister Pell Oravin.")
    assert [v.participants for v in d.events if v.type == "visit"] == [["anselm-tory"]]


@pytest.mark.parametrize("text", [
    "Lena Varosh flew into Drevna on Monday with her trade minister, Brisa Hollen, and Pell Oravin. On Tuesday "
    "Tomas Keld welcomed her at the palace.",
    "Lena Varosh arrived in Drevna on Monday, accompanied by Brisa Hollen. On Tuesday Tomas Keld received her.",
])
def test_an_object_pronoun_beyond_its_sentence_is_the_last_subject(tmp_path, text):
    d = _draft(tmp_path, "Headline here\n\n" + text)
    assert [e.participants for e in d.events if e.type == "reception"] == [["tomas-keld", "lena-varosh"]]


@pytest.mark.parametrize("sentence,typ", [
    ("Lena Varosh, Varnian President Anselm Tory, Quessan Foreign Minister Pell Oravin and Tomas Keld met in "
     "Drevna on Monday.", "meeting"),
    ("On Monday Lena Varosh, Varnian President Anselm Tory, Quessan Foreign Minister Pell Oravin and Tomas Keld "
     "signed a water treaty.", "signing"),
    ("Lena Varosh, Tomas Keld, Varnian President Anselm Tory, and Quessan Foreign Minister Pell Oravin held talks "
     "in Drevna on Monday.", "meeting"),
])
def test_a_subject_listed_with_commas_before_the_and_is_every_member(tmp_path, sentence, typ):
    d = _draft(tmp_path, "Headline here\n\n" + sentence)
    got = [sorted(e.participants) for e in d.events if e.type == typ]
    assert got == [["anselm-tory", "lena-varosh", "pell-oravin", "tomas-keld"]]


@pytest.mark.parametrize("sentence", [
    "The Convention on Winter Access to the Passes was signed by Lena Varosh and Tomas Keld.",
    "Lena Varosh and Tomas Keld signed the Spring Harvest Agreement in Drevna.",
])
def test_a_season_word_inside_a_name_is_no_date(tmp_path, sentence):
    d = _draft(tmp_path, "Headline here\n\n" + sentence)
    signing = next(e for e in d.events if e.type == "signing")
    assert signing.date is None or signing.date.when(PUB).earliest is None


@pytest.mark.parametrize("sentence", [
    "The Quessan delegation included Foreign Minister Anselm Tory and Minister of Energy Brisa Hollen.",
    "The Quessan side was represented by Foreign Minister Anselm Tory and Minister of Energy Brisa Hollen.",
    "The Quessan team, which arrived on Sunday, was led by Foreign Minister Anselm Tory and Minister of Energy "
    "Brisa Hollen.",
])
def test_the_members_of_a_delegation_named_by_its_demonym_hold_posts_of_that_country(tmp_path, sentence):
    d = _draft(tmp_path, "Talks in Orvik\n\nORVIK, Belmora – Lena Varosh met Tomas Keld on Monday. " + sentence)
    got = {m.person: m.organization for m in d.memberships}
    assert got.get("anselm-tory") == "quessan-foreign-ministry"
    assert got.get("brisa-hollen") == "government-of-quessa"


@pytest.mark.parametrize("sentence", [
    "Foreign Minister Pell Oravin and Anselm Tory, his Quessan counterpart, met on Monday.",
    "Foreign Minister Pell Oravin and his Quessan opposite number, Anselm Tory, met on Monday.",
    "Foreign Minister Pell Oravin met Anselm Tory, his Quessan opposite number, on Monday.",
])
def test_a_counterpart_or_opposite_number_after_the_name_holds_the_same_post(tmp_path, sentence):
    d = _draft(tmp_path, "Talks in Orvik\n\nORVIK, Belmora – " + sentence)
    assert {m.person: m.organization for m in d.memberships} == {"pell-oravin": "belmoran-foreign-ministry",
                                                                  "anselm-tory": "quessan-foreign-ministry"}
    assert ("meeting", ("pell-oravin", "anselm-tory"), "2027-03-08", "held") in _events(d)


@pytest.mark.parametrize("text", [
    "Quessa, which buys most of the grain, has reasons of its own. Its foreign minister, Anselm Tory, is expected "
    "in Orvik next week.",
    "Quessa, an observer since 2025, was represented by its foreign minister, Anselm Tory, who did not sign.",
    "Quessa sent its foreign minister, Anselm Tory, to the talks on Monday.",
])
def test_its_before_a_title_is_the_country_named_before(tmp_path, text):
    d = _draft(tmp_path, "Talks in Orvik\n\nORVIK, Belmora – " + text)
    assert {m.person: m.organization for m in d.memberships} == {"anselm-tory": "quessan-foreign-ministry"}


@pytest.mark.parametrize("second,people", [
    ('"We agree on the road," Varosh said at a joint news conference later that day.', ["lena-varosh", "tomas-keld"]),
    ("Keld told a joint press conference afterwards that the road would open.", ["lena-varosh", "tomas-keld"]),
    ('"We agree on the road," Varosh said at a news conference later that day.', ["lena-varosh"]),
])
def test_a_joint_press_conference_is_with_the_others_of_the_event_before_and_no_conference(tmp_path, second, people):
    d = _draft(tmp_path, "Headline here\n\nLena Varosh received Tomas Keld in Drevna on Monday. " + second)
    assert [sorted(e.participants) for e in d.events if e.type == "press-conference"] == [people]
    assert not [e for e in d.events if e.type == "conference"]


@pytest.mark.parametrize("text,expected", [
    ("Lena Varosh and Tomas Keld signed a water treaty in Drevna on Monday, with Quessan Foreign Minister Anselm "
     "Tory looking on.", ["anselm-tory", "lena-varosh", "tomas-keld"]),
    ("Lena Varosh received Tomas Keld in Drevna on Monday. A water treaty was signed on Monday by Quessan Foreign "
     "Minister Anselm Tory and Belmoran Foreign Minister Brisa Hollen, with both leaders looking on.",
     ["anselm-tory", "brisa-hollen", "lena-varosh", "tomas-keld"]),
    ("Lena Varosh received Tomas Keld in Drevna on Monday. Quessan Foreign Minister Anselm Tory and Belmoran "
     "Foreign Minister Brisa Hollen signed a water treaty on Monday, with the two presidents watching.",
     ["anselm-tory", "brisa-hollen", "lena-varosh", "tomas-keld"]),
])
def test_those_looking_on_attend_the_event_of_their_sentence(tmp_path, text, expected):
    d = _draft(tmp_path, "Headline here\n\n" + text)
    assert [sorted(e.participants) for e in d.events if e.type == "signing"] == [expected]
