"""kg draft: the twentieth round's rules (the parts of a visit told one by one), each on invented sentences
(fictional names and places)."""

from __future__ import annotations

from tests.helpers import draft_invented as _draft

VISIT = ("Prime Minister Lena Varosh of Ostrelia paid an official visit to Varnia from 3 to 5 March 2027, "
         "accompanied by Foreign Minister Odile Fenwarth and Trade Minister Corvin Aldane. ")


def _receptions(d):
    return sorted(tuple(e.participants) for e in d.events if e.type == "reception")


def _visit(d):
    return next(e for e in d.events if e.type == "visit")


# --- a ceremony held "in the presence of B" is B's -----------------------------------------------------------------


def test_a_welcoming_ceremony_held_in_the_presence_of_the_host_is_a_reception_of_both(tmp_path):
    d = _draft(tmp_path, VISIT + "On 4 March a welcoming ceremony for Prime Minister Varosh was held at the Amber "
                                 "Palace in the presence of President Tomas Keld.")
    assert ("tomas-keld", "lena-varosh") in _receptions(d)


def test_a_ceremony_with_no_one_in_whose_presence_it_was_held_has_no_host(tmp_path):
    # guard: "in the presence of" only after "was held", "took place": not a presence told in another clause
    d = _draft(tmp_path, VISIT + "On 4 March a welcoming ceremony for Prime Minister Varosh was announced, and "
                                 "Tomas Keld said he looked forward to it.")
    assert ("tomas-keld", "lena-varosh") not in _receptions(d)


# --- a meal and a ceremony of the same day are two receptions ------------------------------------------------------


def test_a_ceremony_and_a_dinner_of_the_same_day_are_two_receptions(tmp_path):
    d = _draft(tmp_path, VISIT + "On 4 March a welcoming ceremony for Prime Minister Varosh took place at the Amber "
                                 "Palace in the presence of President Tomas Keld. On the evening of 4 March "
                                 "President Keld gave a state banquet in honour of Prime Minister Varosh.")
    assert len([r for r in _receptions(d) if r[:2] == ("tomas-keld", "lena-varosh")]) == 2


def test_two_sentences_of_one_dinner_are_one_reception(tmp_path):
    # guard: a dinner told twice (no ceremony) stays one reception
    d = _draft(tmp_path, VISIT + "On 4 March President Tomas Keld hosted a dinner for Prime Minister Varosh. "
                                 "Keld gave the dinner for Varosh on 4 March at his residence.")
    assert len([r for r in _receptions(d) if r[:2] == ("tomas-keld", "lena-varosh")]) == 1


# --- "A and (the members of) his delegation": the visit's companions -----------------------------------------------


def test_a_dinner_for_the_visitor_and_her_delegation_has_her_companions(tmp_path):
    d = _draft(tmp_path, VISIT + "On the evening of 4 March President Tomas Keld hosted a dinner in honour of "
                                 "Prime Minister Varosh and the members of her delegation.")
    assert ("tomas-keld", "lena-varosh", "odile-fenwarth", "corvin-aldane") in _receptions(d)


def test_a_delegation_of_another_possessive_adds_nobody(tmp_path):
    # guard: "and the delegation of Varnia" is not the visitor's own
    d = _draft(tmp_path, VISIT + "On the evening of 4 March Tomas Keld hosted a dinner in honour of Prime Minister "
                                 "Varosh and the delegation of Varnia.")
    assert ("tomas-keld", "lena-varosh") in _receptions(d)
    assert not any("odile-fenwarth" in r for r in _receptions(d))


# --- "A, accompanied by B, visited the site": an outing, not the visit's companion ---------------------------------


def test_a_companion_of_an_outing_within_the_visit_is_not_the_visits(tmp_path):
    d = _draft(tmp_path, "Prime Minister Lena Varosh of Ostrelia paid an official visit to Varnia from 3 to 5 "
                         "March 2027. On 5 March Prime Minister Varosh, accompanied by Minister Ebba Strand, "
                         "visited the construction site of the new harbour.")
    assert "ebba-strand" not in _visit(d).participants


def test_a_companion_of_the_journey_to_the_country_is_the_visits(tmp_path):
    # guard: the country of the visit named in the sentence: the companion of the visit itself
    d = _draft(tmp_path, "Prime Minister Lena Varosh of Ostrelia, accompanied by Minister Ebba Strand, visited "
                         "Varnia from 3 to 5 March 2027.")
    assert "ebba-strand" in _visit(d).participants


# --- "the Ambassador of X to Y, C" in a list of companions ---------------------------------------------------------


def test_an_ambassador_to_the_host_country_listed_among_the_companions_joins_the_visit(tmp_path):
    d = _draft(tmp_path, "Prime Minister Lena Varosh of Ostrelia paid an official visit to Varnia from 3 to 5 "
                         "March 2027. Prime Minister Varosh was accompanied by Foreign Minister Odile Fenwarth and "
                         "the Ambassador of Ostrelia to Varnia, Mr Piet Marlowe.")
    assert {"odile-fenwarth", "piet-marlowe"} <= set(_visit(d).participants)


# --- a ministry's readout: "the Minister" alone is the ministry's own minister ------------------------------------

READOUT = ("MINISTRY OF FOREIGN AFFAIRS OF OSTRELIA\n\nThe week in brief\n\n"
           "On Monday the Minister of Foreign Affairs, Ms Ilse Brandvik, opened the new consular office. ")


def test_the_minister_of_a_ministrys_readout_is_its_foreign_minister(tmp_path):
    d = _draft(tmp_path, READOUT + "Ebba Strand, the Varnian ambassador, presented a letter on Tuesday.\n\n"
                                   "On Wednesday the Minister spoke by telephone with the Foreign Minister of "
                                   "Varnia, Mr Piet Marlowe.")
    calls = [tuple(e.participants) for e in d.events if e.type == "phone-call"]
    assert calls == [("ilse-brandvik", "piet-marlowe")]


def test_the_minister_followed_by_a_country_is_another_minister(tmp_path):
    # guard: "the Minister of Trade of Varnia, B" is named, not the ministry's own minister
    d = _draft(tmp_path, READOUT + "On Wednesday the Minister of Trade of Varnia, Mr Piet Marlowe, spoke by "
                                   "telephone with the Foreign Minister of Belmora, Ms Ebba Strand.")
    calls = [tuple(e.participants) for e in d.events if e.type == "phone-call"]
    assert calls and all("ilse-brandvik" not in c for c in calls)


def test_the_minister_of_an_article_no_ministry_publishes_is_not_read_so(tmp_path):
    # guard: a wire story with no ministry at its head: "the Minister" is not given the foreign minister
    d = _draft(tmp_path, "Foreign Minister Ilse Brandvik of Ostrelia opened a consular office on Monday. Ebba "
                         "Strand, the Varnian ambassador, was there.\n\nOn Wednesday the Minister spoke by "
                         "telephone with the Foreign Minister of Varnia, Mr Piet Marlowe.")
    assert ("phone-call", ("ilse-brandvik", "piet-marlowe")) not in [(e.type, tuple(e.participants))
                                                                    for e in d.events]


# --- a plan put off: its days nearest to publication, before or after -------------------------------------------


def test_a_visit_put_off_three_days_ahead_is_dated_this_year(tmp_path):
    from datetime import date

    d = _draft(tmp_path, "Foreign Minister Lena Varosh's visit to Varnia on 14 and 15 April, where she was due "
                         "to meet Tomas Keld, has been put off.", pub=date(2031, 4, 11))
    visit = next(e for e in d.events if e.type == "visit")
    assert (visit.status, visit.date.earliest or visit.date.on) == ("postponed", "2031-04-14")


def test_a_visit_called_off_days_before_publication_keeps_its_past_days(tmp_path):
    # guard: the days just gone are nearer than next year's
    from datetime import date

    d = _draft(tmp_path, "Foreign Minister Lena Varosh's visit to Varnia on 2 and 3 April was called off.",
               pub=date(2031, 4, 11))
    visit = next(e for e in d.events if e.type == "visit")
    assert (visit.date.earliest or visit.date.on) == "2031-04-02"


# --- a list of documents signed: "- Memorandum on X, signed by A and B;" after its lead-in ------------------------

SIGNED = ("Prime Minister Lena Varosh of Ostrelia paid an official visit to Varnia from 3 to 5 March 2031, "
          "at the invitation of President Tomas Keld.\n\n")


def _signings(d):
    return sorted(tuple(sorted(e.participants)) for e in d.events if e.type == "signing")


def test_a_document_named_then_signed_by_two_after_a_comma_is_their_signing(tmp_path):
    d = _draft(tmp_path, SIGNED + "The Protocol on Pilotage, signed by Foreign Minister Odile Fenwarth and Mr Piet "
                                  "Marlowe in the morning, enters into force in May.")
    assert ("odile-fenwarth", "piet-marlowe") in _signings(d)


def test_one_signed_by_after_a_comma_with_no_document_is_no_signing(tmp_path):
    # guard: "the visitor, signed by ..." names no document: a participle of something else
    d = _draft(tmp_path, SIGNED + "The guest book, signed by Foreign Minister Odile Fenwarth and Mr Piet Marlowe, "
                                  "was shown to the press.")
    assert _signings(d) == []


def test_a_list_item_ending_with_a_semicolon_is_read_as_a_sentence(tmp_path):
    d = _draft(tmp_path, SIGNED + "The following were signed on 4 March:\n\n"
                                  "- Agreement on Ferry Links, signed by Ms Odile Fenwarth and Mr Piet Marlowe;\n\n"
                                  "- Agreement on Fisheries, signed by Ms Ebba Strand and Mr Joris Halden.")
    assert ("odile-fenwarth", "piet-marlowe") in _signings(d)


def test_a_delegation_list_item_ending_with_a_semicolon_stays_out_of_the_body(tmp_path):
    # guard: "- Mr A, Deputy Minister of Foreign Affairs;" tells no event: no post is read from it as from a sentence
    from tests.helpers import draft_posts

    d = _draft(tmp_path, SIGNED + "The Ostrelian delegation comprised:\n\n"
                                  "- Ms Odile Fenwarth, Deputy Minister of Foreign Affairs;\n\n"
                                  "- Mr Piet Marlowe, Director of the Treaty Department.")
    assert not any(m[0] == "odile-fenwarth" for m in draft_posts(d))


def test_the_signings_of_a_list_have_those_in_whose_presence_they_were_signed(tmp_path):
    d = _draft(tmp_path, SIGNED + "In the presence of President Keld and Prime Minister Varosh, the following "
                                  "documents were signed:\n\n"
                                  "- Agreement on Ferry Links, signed by Ms Odile Fenwarth and Mr Piet Marlowe;\n\n"
                                  "- Agreement on Fisheries, signed by Ms Ebba Strand and Mr Joris Halden.")
    assert set(_signings(d)) == {("lena-varosh", "odile-fenwarth", "piet-marlowe", "tomas-keld"),
                                 ("ebba-strand", "joris-halden", "lena-varosh", "tomas-keld")}


def test_a_lead_in_without_a_presence_adds_nobody_to_the_signings(tmp_path):
    # guard: "the following documents were signed:" alone: the signers only
    d = _draft(tmp_path, SIGNED + "On 4 March the following documents were signed:\n\n"
                                  "- Agreement on Ferry Links, signed by Ms Odile Fenwarth and Mr Piet Marlowe;\n\n"
                                  "- Agreement on Fisheries, signed by Ms Ebba Strand and Mr Joris Halden.")
    assert ("odile-fenwarth", "piet-marlowe") in _signings(d)
    assert all("tomas-keld" not in s for s in _signings(d))
