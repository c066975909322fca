"""Bad input: every problem is reported at once, with file, line, field and what was expected."""

from __future__ import annotations

from pathlib import Path

import pytest

import kg
from kg.cli import main
from kg.errors import FactsError

FACTS = "facts/zarif-visits-iraq-2025-02-07.yaml"


def edit(data: Path, rel: str, old: str, new: str) -> None:
    path = data / rel
    text = path.read_text(encoding="utf-8")
    assert old in text, f"test setup: {old!r} not in {rel}"
    path.write_text(text.replace(old, new, 1), encoding="utf-8")


def line_of(data: Path, rel: str, needle: str) -> int:
    for i, line in enumerate((data / rel).read_text(encoding="utf-8").splitlines(), 1):
        if needle in line:
            return i
    raise AssertionError(needle)


def problems(data: Path) -> list[str]:
    with pytest.raises(FactsError) as exc:
        kg.validate(data)
    return [str(p) for p in exc.value.problems]


def test_bad_yaml_syntax_names_the_line(data_copy):
    edit(data_copy, FACTS, "    participants: [mohammad-javad-zarif, abdul-latif-rashid]",
         "    participants: [mohammad-javad-zarif, abdul-latif-rashid")
    (msg,) = problems(data_copy)
    assert msg.startswith("data/facts/zarif-visits-iraq-2025-02-07.yaml:")
    assert "(syntax): expected valid YAML" in msg


def test_broken_registry_reports_the_cause_not_a_cascade(data_copy):
    (data_copy / "entities.yaml").write_text("persons:\n  - id: x\n    label: [oops\n", encoding="utf-8")
    (msg,) = problems(data_copy)
    assert msg.startswith("data/entities.yaml:4: (syntax)")


def test_unknown_id_suggests_the_close_one(data_copy):
    edit(data_copy, FACTS, "participants: [mohammad-javad-zarif, abdul-latif-rashid]",
         "participants: [mohammad-javad-zarif, abdul-latif-rashd]")
    line = line_of(data_copy, FACTS, "abdul-latif-rashd")
    (msg,) = problems(data_copy)
    assert msg.startswith(f"data/{FACTS}:{line}: events[2].participants: expected the id of an organization or a "
                          "person")
    assert "did you mean abdul-latif-rashid?" in msg and msg.endswith("got 'abdul-latif-rashd'")


def test_reference_to_the_wrong_kind(data_copy):
    edit(data_copy, FACTS, "    location: baghdad\n    part_of: zarif-visit-to-iraq-2025-02\n    date: on Thursday",
         "    location: ammar-al-hakim\n    part_of: zarif-visit-to-iraq-2025-02\n    date: on Thursday")
    (msg,) = problems(data_copy)
    assert "location: expected the id of a place, but 'ammar-al-hakim' is a person" in msg


@pytest.mark.parametrize(
    ("old", "new", "expected"),
    [
        ("date: last month", "date: 2025-02-30", "expected a real date (February 2025 has 28 days), got '2025-02-30'"),
        ("date: last month", "date: 2025-13", "expected a real date (there is no month 13)"),
        ("date: last month", "date: the day after", "expected a date: a day (2025-02-06"),
        ("date: last month", "date: [1, 2]", "expected a real date (a date must be text or a number (a year), not a list)"),
    ],
)
def test_bad_dates(data_copy, old, new, expected):
    edit(data_copy, FACTS, old, new)
    line = line_of(data_copy, FACTS, new)
    (msg,) = problems(data_copy)
    assert msg.startswith(f"data/{FACTS}:{line}: events[8].date: ")
    assert expected in msg


def test_bounds_in_the_wrong_order(data_copy):
    edit(data_copy, FACTS, "      earliest: Wednesday\n      latest: Thursday",
         "      earliest: Thursday\n      latest: Wednesday")
    (msg,) = problems(data_copy)
    assert "events[1].date: expected an earliest bound on or before the latest bound, got '2025-02-06 > 2025-02-05'" \
        in msg


def test_missing_evidence(data_copy):
    edit(data_copy, FACTS,
         '    evidence: "Prime Minister Al-Sudani had traveled to Iran last month, where he engaged in talks focused '
         'on regional security and economic collaboration."\n', "")
    line = line_of(data_copy, FACTS, "id: al-sudani-visit-to-iran-2025-01")
    (msg,) = problems(data_copy)
    assert msg == (f"data/{FACTS}:{line}: events[8].evidence: expected the sentence of the source that supports "
                   "this fact, verbatim")


def test_evidence_not_in_the_source(data_copy):
    edit(data_copy, FACTS, "Al-Hassan briefed Zarif on UNAMI’s latest efforts in Iraq.\"\n\n  - id: zarif-regional",
         "Al-Hassan praised Zarif.\"\n\n  - id: zarif-regional")
    (msg,) = problems(data_copy)
    assert "statements[10].evidence: expected a sentence that occurs verbatim in the source text, got " \
        "'Al-Hassan praised Zarif.'" in msg


def test_evidence_with_straight_quotes_gets_a_precise_hint(data_copy):
    edit(data_copy, FACTS, "Al-Hassan briefed Zarif on UNAMI’s latest efforts in Iraq.\"\n\n  - id: zarif-regional",
         "Al-Hassan briefed Zarif on UNAMI's latest efforts in Iraq.\"\n\n  - id: zarif-regional")
    (msg,) = problems(data_copy)
    assert "differs only in quote or dash characters" in msg


def test_evidence_may_be_rewrapped(data_copy):
    edit(data_copy, FACTS, 'evidence: "Al-Hassan briefed Zarif on UNAMI’s latest efforts in Iraq."',
         "evidence: >-\n      Al-Hassan briefed Zarif\n      on UNAMI’s latest efforts in Iraq.")
    kg.validate(data_copy)


def test_duplicate_ids(data_copy):
    edit(data_copy, "entities.yaml", "  - id: baghdad\n", "  - id: tehran\n")
    msgs = problems(data_copy)
    assert any("places[4].id: expected a unique id ('tehran' is already the place at data/entities.yaml:" in m
               for m in msgs)


def test_event_id_clashing_with_an_entity(data_copy):
    edit(data_copy, FACTS, "  - id: pezeshkian-visit-to-baghdad-2024-09", "  - id: baghdad")
    msgs = problems(data_copy)
    assert any("events[10].id: expected a unique id ('baghdad' is already the place" in m for m in msgs)


def test_unknown_field_and_missing_required_field(data_copy):
    edit(data_copy, FACTS, "    type: conference\n", "    kind: conference\n")
    msgs = problems(data_copy)
    assert any("events[6].kind: expected one of the fields" in m for m in msgs)
    assert any("events[6].type: expected a value (this field is required)" in m for m in msgs)


def test_visit_without_destination(data_copy):
    edit(data_copy, FACTS, "    destination: iran\n", "")
    (msg,) = problems(data_copy)
    assert "events[8].destination: expected the place the visit goes to" in msg


def test_missing_source_text(data_copy):
    (data_copy / "sources" / "2025-02-07-zarif-visits-iraq.txt").unlink()
    (msg,) = problems(data_copy)
    assert "source.text: expected the path of the source text" in msg


def test_all_problems_are_reported_at_once(data_copy):
    edit(data_copy, FACTS, "date: last month", "date: 2025-02-30")
    edit(data_copy, FACTS, "    location: baghdad\n", "    locaton: baghdad\n")
    edit(data_copy, FACTS, "speaker: abdul-latif-rashid", "speaker: abdul-latif-rashd")
    assert len(problems(data_copy)) == 3


def test_two_sources_disagreeing_on_a_date_is_an_error(data_copy):
    _second_source(data_copy, "  - id: al-sudani-visit-to-iran-2025-01\n    type: visit\n"
                   "    participants: mohammed-shia-al-sudani\n    destination: iran\n    date: 2024-12-20\n"
                   "    evidence: \"Al-Sudani was in Tehran.\"\n")
    (msg,) = problems(data_copy)
    assert "dates for event 'al-sudani-visit-to-iran-2025-01' that agree across sources" in msg


def _second_source(data: Path, events_yaml: str) -> None:
    (data / "sources" / "second.txt").write_text("Al-Sudani was in Tehran. It was a good trip.", encoding="utf-8")
    (data / "facts" / "second.yaml").write_text(
        "source:\n  id: second-source\n  text: sources/second.txt\n  title: Second\n  published: 2025-03-01\n"
        "events:\n" + events_yaml, encoding="utf-8")


def test_cli_reports_problems_exits_1_and_leaves_out_untouched(data_copy, tmp_path, capsys):
    out = tmp_path / "out"
    assert main(["build", "--data", str(data_copy), "--out", str(out)]) == 0
    before = {p.name: p.read_bytes() for p in out.iterdir()}
    edit(data_copy, FACTS, "date: last month", "date: 2025-02-30")
    capsys.readouterr()
    assert main(["build", "--data", str(data_copy), "--out", str(out)]) == 1
    err = capsys.readouterr().err
    assert "kg build: error: 1 problem in the facts:" in err
    assert f"{FACTS}:" in err and "events[8].date" in err and "Traceback" not in err
    assert {p.name: p.read_bytes() for p in out.iterdir()} == before


def test_on_outside_its_own_bounds(data_copy):
    edit(data_copy, FACTS, "      on: Wednesday            # arrival; the meetings followed on Thursday\n",
         "      on: 2025-03-01\n")
    (msg,) = problems(data_copy)
    assert "events[0].date: expected bounds that contain the date given in `on`, got '2025-03-01 outside " in msg
