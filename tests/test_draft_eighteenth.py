"""kg draft: the seventeenth round's rules, each on invented sentences (fictional names and places)."""

from __future__ import annotations

from tests.helpers import draft_events as _events
from tests.helpers import draft_invented as _draft
from tests.helpers import draft_posts as _posts


def _of(d, person: str) -> set[tuple[str, str, str]]:
    return {x for x in _posts(d) if x[0] == person}


# --- the regression of the registry's generic "Deputy Minister" ------------------------------------------------

_READOUT = ("Ministry of Foreign Affairs of Ostrelia – The week in brief\n\nKALVORA, 10 March 2027 – The Ministry "
            "publishes a summary of the week.\n\nMonday, 8 March\n\nThe new Ambassador of Varnia, Jorun Vesk, called "
            "on Deputy Minister Kaja Sorrel to present a copy of her letters of credence. Deputy Minister Sorrel "
            "wished the Ambassador success.")


def test_a_bare_deputy_minister_in_a_ministrys_readout_is_its_deputy_though_the_registry_knows_the_title(tmp_path):
    # the registry's generic "Deputy Minister" is read first; in the ministry's own readout it is its deputy
    assert _of(_draft(tmp_path, _READOUT), "kaja-sorrel") == {
        ("kaja-sorrel", "deputy-foreign-minister", "ostrelian-foreign-ministry")}


def test_a_shorter_form_of_a_post_told_names_that_post(tmp_path):
    d = _draft(tmp_path, "KALVORA – The Ostrelian Deputy Minister of Foreign Affairs Per Halden co-chaired the joint "
                         "commission in Kalvora in February.\n\nDeputy Minister Halden and the director of the water "
                         "department took part in the talks on Monday.")
    assert _of(d, "per-halden") == {("per-halden", "deputy-foreign-minister", "ostrelian-foreign-ministry")}


def test_a_deputy_told_by_a_possessive_keeps_that_post_under_a_shorter_title(tmp_path):
    d = _draft(tmp_path, "KALVORA – In Kalvora on Monday, Tomas Keld met Kestvari Foreign Minister Ivo Santer and his "
                         "deputy, Nora Vell, who leads the negotiating team.\n\nMinister Santer and Deputy Minister "
                         "Vell will lead their delegations here on 14 May.")
    assert _of(d, "nora-vell") == {("nora-vell", "deputy-foreign-minister", "kestvari-foreign-ministry")}


def test_a_shorter_form_of_another_persons_post_is_still_a_post(tmp_path):
    # guard: the longer post told is Halden's; Kade's bare title is hers, from the dateline's country
    d = _draft(tmp_path, "KALVORA – Ostrelian Deputy Minister of Foreign Affairs Per Halden met Deputy Minister Runa "
                         "Kade on Monday. Deputy Minister Halden thanked Deputy Minister Kade.")
    assert _of(d, "runa-kade") == {("runa-kade", "deputy-minister", "government-of-ostrelia")}


# --- "the Council" after "the Council of the X" ------------------------------------------------------------------


def test_the_council_is_the_council_of_the_x_named_before(tmp_path):
    # the registry lists "the Council" as an alias of another council: the one the article names is meant
    d = _draft(tmp_path, "KALVORA – The foreign ministers of the Council of the Corrant Sea met in Kalvora on Monday. "
                         "The Council's spokesperson, Alva Strand, said the meeting had gone well.")
    assert _of(d, "alva-strand") == {("alva-strand", "spokesperson", "council-of-the-corrant-sea")}


# --- the president of a legislature ---------------------------------------------------------------------------


def test_the_president_of_a_national_assembly_is_its_speaker(tmp_path):
    d = _draft(tmp_path, "KALVORA – The President of the Varnian National Assembly, Hedda Lorn, received Tomas Keld "
                         "on Monday.")
    assert _of(d, "hedda-lorn") == {("hedda-lorn", "speaker-of-parliament", "varnian-national-assembly")}


def test_the_president_of_a_council_stays_its_president(tmp_path):
    # guard: only a legislature's president is its speaker
    d = _draft(tmp_path, "KALVORA – The President of the Council of the Corrant Sea, Hedda Lorn, received Tomas Keld "
                         "on Monday.")
    assert {role for _, role, _ in _of(d, "hedda-lorn")} == {"president"}


# --- "according to X" in an aside ------------------------------------------------------------------------------


def test_the_source_of_an_aside_is_not_the_speaker(tmp_path):
    d = _draft(tmp_path, "KALVORA – On Friday Tomas Keld spoke with the Varnian President, Oskar Brandl, who, "
                         "according to the Ostrelian Foreign Ministry, \"welcomed the plan for a bridge\".")
    assert [s.speakers for s in d.statements] == [["oskar-brandl"]]


# --- a body's meeting told by its plan: "the next summit will be held in X" -----------------------------------

_BODY = "KALVORA – The Amberline Compact ended its summit in Kalvora on Monday. "


def _conferences(d) -> list[tuple[tuple[str, ...], str, str]]:
    return [(tuple(e.participants), e.status, str(e.date.yaml_value())) for e in d.events if e.type == "conference"]


def test_the_next_summit_is_a_conference_of_the_body_named_before(tmp_path):
    d = _draft(tmp_path, _BODY + "Its chair said the next summit will be held in Orvik in May.")
    assert _conferences(d) == [(("amberline-compact",), "announced", "2027-05")]


def test_a_meeting_that_would_take_place_is_dated_forward(tmp_path):
    # "would take place in February", written in March: the February to come
    d = _draft(tmp_path, _BODY + "Its chair said the next ministerial meeting would take place in Orvik in February.")
    assert _conferences(d) == [(("amberline-compact",), "announced", "2028-02")]


def test_the_meeting_of_the_ministers_of_a_body_postponed(tmp_path):
    d = _draft(tmp_path, "KALVORA – The meeting of the foreign ministers of the Council of the Corrant Sea, due to be "
                         "held in Orvik on 3 and 4 June, has been postponed until July.")
    assert [(p, s) for p, s, _ in _conferences(d)] == [(("council-of-the-corrant-sea",), "postponed")]


def test_the_leaders_of_no_body_named_meet_at_no_conference(tmp_path):
    # guard: "the leaders" alone do not say of which body
    d = _draft(tmp_path, _BODY + "The leaders meet in Orvik next month.")
    assert _conferences(d) == []


def test_the_next_meeting_after_a_ministry_is_no_bodys_conference(tmp_path):
    # guard: an organization of one country is no body of several
    d = _draft(tmp_path, "KALVORA – The Ostrelian Foreign Ministry hosted the talks on Monday. A spokesman said that "
                         "the next ministerial meeting would be held in Orvik in May.")
    assert _conferences(d) == []


def test_a_summit_to_be_held_without_the_comma_of_an_apposition_is_not_read(tmp_path):
    # guard (see docs/draft.md, the seventeenth round): only the apposition ", to be held" is read
    d = _draft(tmp_path, "KALVORA – Tomas Keld discussed the summit of the Amberline Compact to be held in Orvik in "
                         "July.")
    assert _conferences(d) == []


# --- time spent with someone: a meeting ------------------------------------------------------------------------


def test_hours_spent_with_someone_are_a_meeting(tmp_path):
    d = _draft(tmp_path, "KALVORA – On Monday Tomas Keld spent more than three hours with the Varnian Foreign "
                         "Minister, Edda Morn, at the ministry.")
    assert ("meeting", ("tomas-keld", "edda-morn")) in _events(d)


def test_days_spent_in_a_place_are_no_meeting(tmp_path):
    # guard: time spent somewhere, with nobody, meets nobody
    d = _draft(tmp_path, "KALVORA – Tomas Keld spent three days in Orvik last week, and Edda Morn stayed in Kalvora.")
    assert [e for e in d.events if e.type == "meeting"] == []
