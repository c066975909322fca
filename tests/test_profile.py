"""``kg profile``: dossiers checked against the facts of the seed and of an invented follow-up source.

The follow-up (tests/fixtures/views-followup/, a fictional article written for these tests) adds a topic to a
known meeting, gives another day for one meeting (a conflict), a start date to a post, a phone call and an
announced visit.
"""

from __future__ import annotations

import re
import shutil
from datetime import date
from pathlib import Path

import pytest

import kg
from kg.errors import QueryError, UnknownEntityError
from kg.profile import dossier, markdown, page, write
from tests.conftest import DATA, ROOT, run_kg

FOLLOWUP = ROOT / "tests" / "fixtures" / "views-followup"
SEED_SOURCE = "zarif-visits-iraq-2025-02-07"
FOLLOWUP_SOURCE = "followup-baghdad-2025-02-10"
SEED_TEXT = (DATA / "sources" / "2025-02-07-zarif-visits-iraq.txt").read_text(encoding="utf-8")


@pytest.fixture(scope="module")
def two_sources(tmp_path_factory):
    """The seed plus the invented follow-up source, built."""
    data = tmp_path_factory.mktemp("followup") / "data"
    shutil.copytree(DATA, data)
    for kind in ("facts", "sources"):
        for f in (FOLLOWUP / kind).iterdir():
            shutil.copy(f, data / kind / f.name)
    return kg.build(data, shacl=False)


def _squash(text: str) -> str:
    return " ".join(text.split())


# -- an actor ---------------------------------------------------------------------------------------------------


def test_al_sudani_on_the_seed(seed_graph) -> None:
    d = dossier(seed_graph, "Al-Sudani")
    assert (d.kind, d.title) == ("person", "Mohammed Shia' Al-Sudani")
    assert d.names == ["Al-Sudani", "Mohammed Shia Al-Sudani", "Sudani"]
    assert ["Country", ["Iraq"]] in d.about
    assert [(p.title, p.attested, p.start, p.end, p.acting) for p in d.posts] == [
        ("Prime Minister, Government of Iraq", [date(2025, 2, 7)], None, None, False)]
    # Every event in time order, at its precision: the visit to Iran known to the month, the meeting to the day.
    assert [(e.id, e.cls, e.when, e.precision, e.start, e.end) for e in d.events] == [
        ("al-sudani-visit-to-iran-2025-01", "Visit", "2025-01 (month)", "month", date(2025, 1, 1), date(2025, 1, 31)),
        ("zarif-meets-al-sudani-2025-02-06", "Meeting", "2025-02-06", "day", date(2025, 2, 6), date(2025, 2, 6))]
    meeting = d.events[1]
    assert meeting.places == ["Baghdad"] and meeting.part_of == ["Zarif’s visit to Iraq"]
    assert "Implementation of agreements" in meeting.topics
    assert [p for _, p in meeting.participants] == ["Mohammad Javad Zarif", "Mohammed Shia' Al-Sudani"]
    sentences = meeting.evidence[SEED_SOURCE]
    assert ("Zarif also met with Iraqi Prime Minister Mohammed Shia' Al-Sudani, where both sides reaffirmed their "
            "commitment to deepening cooperation.") in sentences
    assert all(_squash(s) in _squash(SEED_TEXT) for e in d.events for s in e.evidence[SEED_SOURCE])
    assert sorted(s.claim for s in d.statements) == [
        "Both sides are committed to deepening cooperation.",
        "Continuous dialogue is needed to reinforce stability in the region.",
        "The implementation of agreements made during recent visits by Iranian and Iraqi officials needs to be "
        "accelerated."]
    assert [(c["label"], c["shared"], c["country"]) for c in d.counterparts] == [("Mohammad Javad Zarif", 1, "Iran")]
    assert [s["id"] for s in d.sources] == [SEED_SOURCE]
    assert d.conflicts == []


def test_al_sudani_with_the_follow_up(two_sources) -> None:
    d = dossier(two_sources, "Al-Sudani")
    (post,) = d.posts
    assert post.attested == [date(2025, 2, 7), date(2025, 2, 10)] and str(post.start) == "2022-10"
    assert sorted(post.evidence) == [FOLLOWUP_SOURCE, SEED_SOURCE]
    assert [(e.id, e.status) for e in d.events] == [
        ("al-sudani-visit-to-iran-2025-01", "held"), ("zarif-meets-al-sudani-2025-02-06", "held"),
        ("al-sudani-calls-pezeshkian-2025-02-09", "held"), ("al-sudani-visit-to-tehran-2025-03", "announced")]
    meeting = d.events[1]
    assert "Trade" in meeting.topics and sorted(meeting.evidence) == [FOLLOWUP_SOURCE, SEED_SOURCE]
    assert d.events[2].cls == "PhoneCall"
    assert [s["id"] for s in d.sources] == [SEED_SOURCE, FOLLOWUP_SOURCE]
    assert {c["label"] for c in d.counterparts} == {"Mohammad Javad Zarif", "Masoud Pezeshkian"}
    text = markdown(d)[0]
    assert "started 2022-10" in text and "announced" in text


def test_conflicts_show_in_the_dossiers_they_concern(two_sources) -> None:
    zarif = dossier(two_sources, "Zarif")
    assert [(c["kind"], c["fact"], sorted(c["sources"])) for c in zarif.conflicts] == [
        ("date", "zarif-meets-rashid-2025-02-06", [FOLLOWUP_SOURCE, SEED_SOURCE])]
    pair = dossier(two_sources, "Zarif,Rashid")
    (meeting,) = pair.events
    assert meeting.when == "between 2025-02-04 and 2025-02-06"  # the merged view keeps the hull, no date
    assert len(pair.conflicts) == 1
    assert dossier(two_sources, "Al-Sudani").conflicts == []


def test_an_organization(seed_graph) -> None:
    d = dossier(seed_graph, "Iraqi government")  # by its alias
    assert (d.kind, d.title, d.names) == ("organization", "Government of Iraq", ["Iraqi government"])
    # The posts held in it, with their holder: the seed attests Al-Sudani's on the day of its article.
    assert [(p.title, p.holder[1], p.attested, p.start, p.end) for p in d.posts] == [
        ("Prime Minister, Government of Iraq", "Mohammed Shia' Al-Sudani", [date(2025, 2, 7)], None, None)]
    assert d.events == [] and d.statements == [] and d.counterparts == []  # it took part in nothing itself
    assert [s["id"] for s in d.sources] == [SEED_SOURCE]


# -- a country, pairs ------------------------------------------------------------------------------------------


def test_iraq(seed_graph) -> None:
    d = dossier(seed_graph, "Iraq")
    assert d.kind == "country"
    assert sorted((p.holder[1], p.title) for p in d.posts) == [
        ("Abdul Latif Rashid", "President, Presidency of Iraq"),
        ("Ammar al-Hakim", "Head, National Wisdom Movement"),
        ("Mahmoud al-Mashhadani", "Speaker of Parliament, Iraqi Parliament"),
        ("Mohammed Shia' Al-Sudani", "Prime Minister, Government of Iraq")]
    ways = {F.rsplit("/", 1)[-1]: w for F, w in d.directions.items()}
    assert ways == {"pezeshkian-visit-to-baghdad-2024-09": "in", "zarif-visit-to-iraq-2025-02": "in",
                    "al-sudani-visit-to-iran-2025-01": "out", "al-mashhadani-visit-to-tehran": "out"}
    assert d.counterparts[0]["label"] == "Mohammad Javad Zarif" and d.counterparts[0]["shared"] == 8
    assert d.country_pairs == {"Iraq – Iran": {"2024-09": 1, "2025-01": 1, "2025-02": 8, "unknown": 1}}
    assert len(d.events) == 11 and [e.start for e in d.events if e.start] == sorted(e.start for e in d.events
                                                                                     if e.start)
    assert "Iraq stands unwaveringly in support of the Palestinian people’s right to self-determination." in {
        s.claim for s in d.statements}
    assert {s.speakers[0] for s in d.said_about} == {"Mohammad Javad Zarif"}


def test_iran_iraq(seed_graph) -> None:
    d = dossier(seed_graph, "Iran,Iraq")
    assert (d.kind, d.title) == ("country-pair", "Iran and Iraq")
    assert {e.id for e in d.events} == {
        "pezeshkian-visit-to-baghdad-2024-09", "al-sudani-visit-to-iran-2025-01", "zarif-visit-to-iraq-2025-02",
        "zarif-meets-al-hakim-2025-02", "zarif-meets-foreign-affairs-think-tank-2025-02",
        "zarif-meets-rashid-2025-02-06", "zarif-meets-al-mashhadani-2025-02-06",
        "zarif-meets-al-sudani-2025-02-06", "al-mashhadani-visit-to-tehran"}
    # Al-Hassan represents no country: his meeting with Zarif is not part of the relation.
    assert "zarif-meets-al-hassan-2025-02" not in {e.id for e in d.events}
    assert d.country_pairs == {"Iran – Iraq": {"2024-09": 1, "2025-01": 1, "2025-02": 6, "unknown": 1}}
    claims = {s.claim for s in d.statements}
    assert "Iraq desires to strengthen ties with Iran and expand bilateral cooperation in areas of mutual interest." \
        in claims
    assert dossier(seed_graph, "Iraq,Iran").events == d.events


def test_a_pair_of_actors(seed_graph) -> None:
    d = dossier(seed_graph, "Zarif,Rashid")
    assert d.kind == "pair" and [e.id for e in d.events] == ["zarif-meets-rashid-2025-02-06"]
    assert len(d.statements) == 4 and {p.holder[1] for p in d.posts} == {"Mohammad Javad Zarif",
                                                                          "Abdul Latif Rashid"}


@pytest.mark.parametrize(("name", "error", "words"), [
    ("Baghdad", QueryError, "dkg:City"),
    ("Zarf", UnknownEntityError, "did you mean Mohammad Javad Zarif"),
    ("Iran,Zarif", QueryError, "a pair is two actors"),
    ("Iran,Iran", QueryError, "twice"),
    ("Iran,Iraq,Palestine", QueryError, "two names with one comma"),
])
def test_names_that_are_not_profiles(seed_graph, name: str, error: type, words: str) -> None:
    with pytest.raises(error, match=re.escape(words)):
        dossier(seed_graph, name)


# -- a source report ---------------------------------------------------------------------------------------------


def test_source_report_of_the_seed(seed_graph) -> None:
    d = dossier(seed_graph, SEED_SOURCE)
    r = d.report
    assert d.kind == "source" and r.meta["published"] == "2025-02-07"
    assert len(r.facts) == 32  # 7 memberships, 11 events, 14 statements
    assert all(f.evidence and all(_squash(s) in _squash(SEED_TEXT) for s in f.evidence) for f in r.facts)
    assert all(not f.also_in and not f.contradicts for f in r.facts)


def test_source_report_against_the_rest(two_sources) -> None:
    r = dossier(two_sources, FOLLOWUP_SOURCE).report
    by = {f.id: f for f in r.facts}
    assert set(by) == {"membership-mohammed-shia-al-sudani-prime-minister-government-of-iraq",
                       "zarif-meets-al-sudani-2025-02-06", "zarif-meets-rashid-2025-02-06",
                       "al-sudani-calls-pezeshkian-2025-02-09", "al-sudani-visit-to-tehran-2025-03",
                       "al-sudani-keep-working-on-agreements"}
    assert by["zarif-meets-al-sudani-2025-02-06"].also_in == [SEED_SOURCE]
    assert by["zarif-meets-al-sudani-2025-02-06"].adds == [("topics", ["Trade"])]
    assert by["zarif-meets-al-sudani-2025-02-06"].contradicts == []
    assert ("started", ["2022-10"]) in by["membership-mohammed-shia-al-sudani-prime-minister-government-of-iraq"].adds
    clash = by["zarif-meets-rashid-2025-02-06"].contradicts
    assert clash and "does not overlap zarif-visits-iraq-2025-02-07's (2025-02-06 to 2025-02-06)" in clash[0]
    assert not by["al-sudani-calls-pezeshkian-2025-02-09"].also_in
    # And the seed's own report sees the contradiction from its side.
    seed = {f.id: f for f in dossier(two_sources, SEED_SOURCE).report.facts}
    assert seed["zarif-meets-rashid-2025-02-06"].also_in == [FOLLOWUP_SOURCE]
    assert seed["zarif-meets-rashid-2025-02-06"].contradicts


# -- output ------------------------------------------------------------------------------------------------------


def test_pages_are_offline_deterministic_and_escaped(seed_graph) -> None:
    html = page(dossier(seed_graph, "Iraq"))
    assert html == page(dossier(seed_graph, "Iraq"))
    head = html.split("<template", 1)[0]
    assert "connect-src" not in html and not re.search(r"(src|href)=", head)
    assert "default-src 'none'" in html and html.count("<svg") == 3


def test_hostile_labels_stay_text(data_copy: Path) -> None:
    hostile = "<img src=x onerror=alert(1)></script><b>Rashid"
    path = data_copy / "entities.yaml"
    path.write_text(path.read_text(encoding="utf-8").replace("label: Abdul Latif Rashid", f'label: "{hostile}"'),
                    encoding="utf-8")
    g = kg.build(data_copy, shacl=False)
    d = dossier(g, "abdul-latif-rashid")
    html = page(d)
    assert "<img" not in html and "<b>" not in html and "&lt;img src=x" in html  # in the SVG, escaped
    data = html.split('id="dossier">', 1)[1].split("</script>", 1)[0]
    assert "<" not in data and ">" not in data
    text, svgs = markdown(d)
    assert not re.search(r"(?<!\\)<", text) and "\\<img" in text  # every < escaped as \<
    assert all("<img" not in s for s in svgs.values())


def test_cli_writes_html_and_markdown(tmp_path: Path, capsys) -> None:
    out = tmp_path / "iraq.md"
    code, said, _ = run_kg(capsys, "profile", "Iraq", "--out", str(out))
    assert code == 0 and "wrote" in said
    assert sorted(p.name for p in tmp_path.iterdir()) == ["iraq-events.svg", "iraq-months.svg", "iraq-posts.svg",
                                                          "iraq.md"]
    assert "![Officials and their posts](iraq-posts.svg)" in out.read_text(encoding="utf-8")
    code, said, _ = run_kg(capsys, "profile", "Iran,Iraq", "--out", str(tmp_path / "pair.html"))
    assert code == 0 and (tmp_path / "pair.html").read_text(encoding="utf-8").startswith("<!doctype html>")
    code, said, _ = run_kg(capsys, "profile", SEED_SOURCE, "--format", "md", "--out", "-")
    assert code == 0 and said.startswith("# Iran pledges support") and "What it says, fact by fact" in said
    assert ".svg)" not in said  # no plot files on standard output, so no links to them
    code, _, err = run_kg(capsys, "profile", "Baghdad")
    assert code == 1 and "kg profile: error:" in err and "dkg:City" in err


def test_write_refuses_an_unknown_format(seed_graph, tmp_path: Path) -> None:
    from kg.errors import OutputError

    with pytest.raises(OutputError, match="unknown profile format"):
        write(dossier(seed_graph, "Iraq"), tmp_path / "x.html", "pdf")
