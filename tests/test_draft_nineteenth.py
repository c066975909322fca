"""kg draft: the eighteenth round's rules, each on invented sentences (fictional names and places)."""

from __future__ import annotations

from tests.helpers import draft_invented as _draft


def _of(d, person: str) -> set[tuple[str, str, str]]:
    return {(m.person, m.role, m.organization) for m in d.memberships if m.person == person}


# --- a journalist's periphrasis of a post: "X's top diplomat" -------------------------------------------------


def test_a_countrys_top_diplomat_is_its_foreign_minister(tmp_path):
    d = _draft(tmp_path, "KALVORA – Ostrelia's top diplomat, Edda Morn, arrived in Kalvora on Monday.")
    assert _of(d, "edda-morn") == {("edda-morn", "foreign-minister", "ostrelian-foreign-ministry")}


def test_the_chief_diplomat_of_a_country_serves_in_its_foreign_ministry(tmp_path):
    d = _draft(tmp_path, "KALVORA – Edda Morn, the chief diplomat of Ostrelia, met Tomas Keld on Monday.")
    assert _of(d, "edda-morn") == {("edda-morn", "foreign-minister", "ostrelian-foreign-ministry")}


def test_a_diplomat_is_no_foreign_minister(tmp_path):
    # guard: "diplomat" alone names no post
    d = _draft(tmp_path, "KALVORA – An Ostrelian diplomat, Edda Morn, met Tomas Keld on Monday.")
    assert {r for _, r, _ in _of(d, "edda-morn")} & {"foreign-minister"} == set()
