"""kg draft: the seventeenth round's rules, each on invented sentences (fictional names and places)."""

from __future__ import annotations

from tests.helpers import draft_invented as _draft


def _posts(d) -> set[tuple[str, str, str]]:
    return {(m.person, m.role, m.organization) for m in d.memberships}


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
