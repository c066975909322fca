"""kg draft: the twelfth round's rules, each on invented sentences (fictional names and places)."""

from __future__ import annotations

from datetime import date

from tests.helpers import draft_invented as _draft

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
