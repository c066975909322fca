"""kg draft: the fourteenth round's rules, each on invented sentences (fictional names and places)."""

from __future__ import annotations

from datetime import date

from tests.helpers import draft_invented as _draft

PUB = date(2027, 3, 10)  # a Wednesday


def _wording(d) -> str:
    """The date the draft gives the one meeting or talks of ``d``, as its wording."""
    (e,) = [e for e in d.events if e.type in ("meeting", "talks")]
    return " ".join(str(x) for x in (e.date.on, e.date.earliest, e.date.latest, e.date.text) if x)


# --- dates: a clause opened by since, after, before... dates another event, comma or not ----------------------

def test_a_date_after_since_and_a_clause_is_not_the_meetings(tmp_path):
    d = _draft(tmp_path, "Lena Varosh and Tomas Keld met in Kestvar, their first meeting since Keld took office "
                         "in January.")
    assert "January" not in _wording(d)


def test_a_date_after_after_and_a_clause_is_not_the_talks(tmp_path):
    d = _draft(tmp_path, "Talks between Lena Varosh and Tomas Keld were held in Kestvar after Keld arrived "
                         "on Monday evening.")
    assert "Monday" not in _wording(d)


def test_a_date_of_the_main_clause_stays_the_meetings(tmp_path):
    d = _draft(tmp_path, "Lena Varosh met Tomas Keld in Kestvar on Monday, their first meeting since Keld took "
                         "office in January.")
    assert _wording(d) == "on Monday"
