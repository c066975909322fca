"""kg draft: the review loop on the seed, HTML input, dates, aliases, evidence, status, CLI errors, benchmark."""

from __future__ import annotations

import functools
import importlib.util
import shutil
import sys
import tempfile
from datetime import date
from pathlib import Path

import pytest
from ruamel.yaml import YAML

from kg.draft import draft, write
from kg.names import normalize_space
from tests.conftest import DATA, ROOT, run_kg
from tests.helpers import DRAFT_REGISTRY, draft_invented

SEED_ID = "zarif-visits-iraq-2025-02-07"
SEED_TEXT = DATA / "sources" / "2025-02-07-zarif-visits-iraq.txt"


def _yaml():
    y = YAML()
    y.width = 4096
    y.indent(mapping=2, sequence=4, offset=2)
    return y


@pytest.fixture()
def bare(tmp_path: Path) -> Path:
    """The bundled data without its facts, its source and any person in the registry."""
    d = tmp_path / "data"
    shutil.copytree(DATA, d)
    for f in (d / "facts").glob("*.yaml"):
        f.unlink()
    for f in (d / "sources").glob("*.txt"):
        f.unlink()
    y = _yaml()
    reg = y.load((d / "entities.yaml").read_text(encoding="utf-8"))
    reg["persons"] = []
    with open(d / "entities.yaml", "w", encoding="utf-8") as fh:
        y.dump(reg, fh)
    return d


def test_review_loop_on_the_seed_validates_and_builds(bare, tmp_path, capsys):
    import kg

    article = tmp_path / "article.txt"
    shutil.copy(SEED_TEXT, article)
    code, out, err = run_kg(capsys, "draft", str(article), "--published", "2025-02-07", "--id", SEED_ID,
                            "--data", str(bare))
    assert code == 0, err
    assert "7 new person(s)" in out
    facts_path = bare / "facts" / f"{SEED_ID}.yaml"
    proposals = _yaml().load((bare / "drafts" / f"{SEED_ID}.entities.yaml").read_text(encoding="utf-8"))
    assert (bare / "sources" / f"{SEED_ID}.txt").read_text(encoding="utf-8") == SEED_TEXT.read_text(encoding="utf-8")
    # Before the review the draft refers to persons the registry does not have: kg validate says so.
    code, _, err = run_kg(capsys, "validate", "--data", str(bare))
    assert code == 1 and "mohammad-javad-zarif" in err

    # The review: accept the proposed persons (rejecting the too generic alias "Hassan"), drop one statement
    # the reviewer finds unhelpful, add evidence the drafter missed.
    y = _yaml()
    reg = y.load((bare / "entities.yaml").read_text(encoding="utf-8"))
    for p in proposals["persons"]:
        if "Hassan" in p.get("aliases", []):
            p["aliases"].remove("Hassan")
        reg["persons"].append(p)
    with open(bare / "entities.yaml", "w", encoding="utf-8") as fh:
        y.dump(reg, fh)
    doc = y.load(facts_path.read_text(encoding="utf-8"))
    drop = [i for i, s in enumerate(doc["statements"]) if str(s["speaker"]) == "mohammed-al-hassan"]
    assert drop
    for i in reversed(drop):
        del doc["statements"][i]
    visit = next(e for e in doc["events"] if e["type"] == "visit" and e["participants"] == "mohammad-javad-zarif")
    visit["evidence"].append("The discussions focused on deepening security and economic cooperation, addressing "
                             "regional developments, and reaffirming Iran’s support for Iraq’s sovereignty and "
                             "independence.")
    with open(facts_path, "w", encoding="utf-8") as fh:
        y.dump(doc, fh)

    # ... and follow a REVIEW hint: the article dates the visit's meetings with Iraqi officials to Thursday.
    for e in doc["events"]:
        if e["type"] == "meeting" and "abdul-latif-rashid" in e["participants"]:
            e["date"] = "on Thursday"
    with open(facts_path, "w", encoding="utf-8") as fh:
        y.dump(doc, fh)

    code, out, err = run_kg(capsys, "validate", "--data", str(bare))
    assert code == 0, err
    assert _events(kg.build(bare)) == _events(kg.build(DATA))
    code, out, err = run_kg(capsys, "build", "--data", str(bare), "--out", str(tmp_path / "out"))
    assert code == 0, err
    assert (tmp_path / "out" / "graph.trig").is_file()


def _events(g) -> set[tuple[str, frozenset[str]]]:
    """Each event as (its class, its participants' labels): ids may be worded differently."""
    import kg

    q = """SELECT ?e ?type ?who WHERE { ?e a ?type ; dkg:participant/rdfs:label ?who .
           FILTER(?type IN (dkg:Meeting, dkg:Visit, dkg:Conference)) }"""
    by: dict = {}
    for e, t, who in g.store.query(q, prefixes=kg.vocab.PREFIXES, use_default_graph_as_union=True):
        by.setdefault((e.value, t.value), set()).add(who.value)
    return {(t, frozenset(w)) for (_, t), w in by.items()}


def test_the_draft_explains_each_proposal_and_marks_what_to_review(bare):
    d = draft(SEED_TEXT, date(2025, 2, 7), data=bare, ident=SEED_ID)
    paths = write(d, bare)
    text = paths[0].read_text(encoding="utf-8")
    lines = text.splitlines()
    for i, line in enumerate(lines):
        if line.startswith("  - "):
            above = [x for x in lines[max(0, i - 4):i] if x.strip().startswith("#")]
            assert any("confidence" in x for x in above), f"no reason above {line!r}"
    assert "REVIEW:" in text
    # the Al-Hassan meeting is undated in its sentences: dated from the visit and marked for review
    hassan = next(e for e in d.events if "mohammed-al-hassan" in e.participants)
    assert any("undated" in r for r in hassan.review)


def test_no_evidence_that_is_not_verbatim():
    from kg.draft.drafter import analyse
    from kg.facts.load import load_facts

    for _split, _name, article, curated, registry in _bench().article_cases():
        pub = YAML(typ="safe").load(curated.read_text(encoding="utf-8"))["source"]["published"]
        with tempfile.TemporaryDirectory() as t:
            shutil.copy(registry, Path(t) / "entities.yaml")
            ents = load_facts(t).entities
        text = article.read_text(encoding="utf-8")
        d = analyse(text, pub, ents, [], {"published": str(pub)})
        flat = normalize_space(text)
        props = [*d.memberships, *d.events, *d.statements, *d.persons, *d.entities]
        assert props
        for p in props:
            assert p.evidence, p
            for s in p.evidence:
                assert normalize_space(s) in flat, s


def test_html_page_is_reduced_to_its_article(bare, tmp_path):
    page = tmp_path / "page.html"
    page.write_text(
        "<!DOCTYPE html><html><head><title>Zarif in Baghdad &amp; beyond</title><style>p{}</style>"
        "<script>var x = 'Zarif met Rashid';</script></head><body><nav>Home | World</nav>"
        "<article><h1>Zarif in Baghdad</h1><p>BAGHDAD – Iran’s Vice President for Strategic Affairs, "
        "Mohammad Javad Zarif, met Iraqi President Abdul Latif Rashid on Thursday.</p>"
        "<p>Rashid said that Iraq &quot;values&quot; the ties.</p></article>"
        "<footer>© Someone</footer></body></html>", encoding="utf-8")
    d = draft(page, date(2025, 2, 7), data=bare)
    assert d.source["title"] == "Zarif in Baghdad & beyond"
    assert "var x" not in d.text and "Home" not in d.text and "©" not in d.text
    assert "Rashid said that Iraq \"values\" the ties." in d.text
    assert [(e.type, e.participants, e.date.on) for e in d.events] == [
        ("meeting", ["mohammad-javad-zarif", "abdul-latif-rashid"], "on Thursday")]
    assert d.source["dateline"] == "baghdad"
    paths = write(d, bare)
    assert paths[1].read_text(encoding="utf-8") == d.text


def test_relative_dates_resolve_with_the_project_rules(bare, tmp_path):
    art = tmp_path / "a.txt"
    art.write_text(
        "Iran’s Vice President for Strategic Affairs, Mohammad Javad Zarif, met Iraqi President Abdul Latif Rashid "
        "yesterday. Zarif visited Baghdad last month. Rashid will visit Tehran on Monday. Zarif travelled to "
        "Baghdad in September 2024. Earlier this week, Zarif met members of the Foreign Affairs Think Tank.",
        encoding="utf-8")
    d = draft(art, date(2025, 2, 7), data=bare)   # a Friday
    got = sorted((e.type, e.status, str(e.date.when(date(2025, 2, 7)).earliest),
                  str(e.date.when(date(2025, 2, 7)).latest)) for e in d.events)
    assert got == [
        ("meeting", "held", "2025-02-03", "2025-02-07"),      # earlier this week: bounds only
        ("meeting", "held", "2025-02-06", "2025-02-06"),      # yesterday
        ("visit", "announced", "2025-02-10", "2025-02-10"),   # on Monday, announced: forward
        ("visit", "held", "2024-09-01", "2024-09-30"),        # September 2024
        ("visit", "held", "2025-01-01", "2025-01-31"),        # last month
    ]
    wording = {e.date.on or e.date.text for e in d.events}
    assert {"yesterday", "last month", "September 2024"} <= wording


def test_a_name_written_another_way_is_the_known_person_and_an_alias(tmp_path):
    data = tmp_path / "data"
    shutil.copytree(DATA, data)
    y = _yaml()
    reg = y.load((data / "entities.yaml").read_text(encoding="utf-8"))
    for p in reg["persons"]:
        if p["id"] == "mohammed-shia-al-sudani":
            p["aliases"] = ["Al-Sudani"]
    with open(data / "entities.yaml", "w", encoding="utf-8") as fh:
        y.dump(reg, fh)
    art = tmp_path / "a.txt"
    art.write_text("Iraqi Prime Minister Mohammed Shia Al-Sudani met Mohammad Javad Zarif in Baghdad on Monday.",
                   encoding="utf-8")
    d = draft(art, date(2025, 3, 5), data=data)
    assert d.persons == []
    assert d.aliases == {"mohammed-shia-al-sudani": ["Mohammed Shia Al-Sudani"]}
    assert d.events[0].participants == ["mohammed-shia-al-sudani", "mohammad-javad-zarif"]
    text = write(d, data)[2].read_text(encoding="utf-8")
    assert 'mohammed-shia-al-sudani: ["Mohammed Shia Al-Sudani"]' in text


@pytest.mark.parametrize("sentence,status", [
    ("Zarif will visit Baghdad next week.", "announced"),
    ("Zarif is expected to visit Baghdad on Monday.", "announced"),
    ("Zarif visited Baghdad on Monday.", "held"),
    ("Zarif’s visit to Baghdad on Monday was postponed.", "postponed"),
    ("Zarif’s visit to Baghdad was cancelled.", "cancelled"),
])
def test_announced_held_postponed_cancelled(tmp_path, sentence, status):
    art = tmp_path / "a.txt"
    art.write_text(sentence, encoding="utf-8")
    d = draft(art, date(2025, 2, 7), data=DATA)
    assert [(e.type, e.status) for e in d.events] == [("visit", status)]


def test_an_event_already_in_the_graph_keeps_its_id(tmp_path):
    art = tmp_path / "a.txt"
    art.write_text("Mohammad Javad Zarif met President Abdul Latif Rashid in Baghdad on 6 February 2025.",
                   encoding="utf-8")
    d = draft(art, date(2025, 2, 9), data=DATA)
    assert [e.id for e in d.events] == ["zarif-meets-rashid-2025-02-06"]
    assert "already in the graph" in " ".join(d.events[0].why)


def test_cli_errors_are_messages(capsys, tmp_path, bare):
    code, _, err = run_kg(capsys, "draft", str(tmp_path / "missing.txt"), "--published", "2025-02-07",
                          "--data", str(bare))
    assert code == 1 and "missing.txt" in err and "article" in err
    art = tmp_path / "a.txt"
    art.write_text("Zarif met Rashid on Monday.", encoding="utf-8")
    code, _, err = run_kg(capsys, "draft", str(art), "--published", "2025-02-30", "--data", str(bare))
    assert code == 1 and "--published" in err and "28 days" in err
    code, _, err = run_kg(capsys, "draft", str(art), "--published", "last week", "--data", str(bare))
    assert code == 1 and "--published" in err
    code, _, err = run_kg(capsys, "draft", str(art), "--published", "2025-02-07", "--id", "Bad Id",
                          "--data", str(bare))
    assert code == 1 and "--id" in err
    assert run_kg(capsys, "draft", str(art), "--published", "2025-02-07", "--id", "a-b", "--data", str(bare))[0] == 0
    code, _, err = run_kg(capsys, "draft", str(art), "--published", "2025-02-07", "--id", "a-b", "--data", str(bare))
    assert code == 1 and "already exists" in err
    assert run_kg(capsys, "draft", str(art), "--published", "2025-02-07", "--id", "a-b", "--data", str(bare),
                  "--force")[0] == 0
    code, _, err = run_kg(capsys, "draft", str(art), "--published", "2025-02-07", "--data", str(tmp_path / "none"))
    assert code == 1 and "entities.yaml" in err


def _bench():
    spec = importlib.util.spec_from_file_location("bench_draft", ROOT / "benchmarks" / "bench_draft.py")
    mod = importlib.util.module_from_spec(spec)
    sys.modules.setdefault("bench_draft", mod)
    spec.loader.exec_module(mod)
    return mod


@functools.cache
def _drafted(split: str) -> tuple:
    """The benchmark's results on a set of articles, drafted once for every test that reads them."""
    return tuple(_bench().run_split(split))


def _split_totals(split: str, count: int) -> dict:
    """The benchmark's totals on a set of articles, once what must hold on every set, whatever its recall, is
    checked: its size, every proposed evidence sentence verbatim, under a second per article."""
    results = _drafted(split)
    assert len(results) == count
    t = _bench().totals(list(results))
    assert t["verbatim"].curated and t["verbatim"].found == t["verbatim"].curated
    assert max(r.ms for r in results) < 1000
    return t


def _at_least(t: dict, key: str, recall: float = 0.0, precision: float | None = None) -> None:
    """The recall of ``key`` in the totals ``t`` is at least ``recall``, its precision at least ``precision``."""
    s = t[key]
    assert s.found / s.curated >= recall, (key, s)
    if precision is not None:
        assert s.right / s.proposed >= precision, (key, s)


@pytest.mark.parametrize("split,count", [("dev", 13), ("unseen", 4), ("set6", 6)])
def test_benchmark_targets_on_the_development_articles(split, count):
    t = _split_totals(split, count)
    for key in ("events", "memberships"):
        _at_least(t, key, 0.8, 0.8)
    assert t["dates"].right == t["dates"].proposed  # a proposed date never excludes the curated one


@pytest.mark.parametrize("split,count", [("heldout", 3), ("unseen", 4), ("set7", 6)])
def test_held_out_articles_keep_what_holds_by_construction(split, count):
    # What must hold on every set, whatever its recall (see docs/draft.md): verbatim evidence, no person
    # proposed who is not one, and the time.
    t = _split_totals(split, count)
    assert t["persons"].right == t["persons"].proposed


def test_the_eighth_set_is_development_and_keeps_what_the_ninth_round_reached():
    # set8 was written blind and measured once (docs/draft.md: events 0.09 / 0.22, memberships 0.37 / 0.55); its
    # misses were read in the ninth round, so it is development now. Its targets (0.8) are not met, so what
    # holds is checked: verbatim evidence, every proposed date sound, the time, and the floors the ninth round
    # reached (events 0.24 / 0.52, memberships 0.63 / 0.82, persons 0.95 / 0.98); the membership precision
    # target (0.8) is met. The nineteenth round's rules (a body's meetings, arrivals to come) took its events
    # to 0.35 / 0.66 (19 of 54, 19 of 29).
    t = _split_totals("set8", 6)
    assert t["dates"].right == t["dates"].proposed
    _at_least(t, "events", 0.3, 0.6)
    _at_least(t, "memberships", 0.6, 0.8)
    _at_least(t, "persons", 0.9)


def test_the_ninth_set_is_development_and_keeps_what_the_tenth_round_reached():
    # set9 was written blind and measured once (docs/draft.md: events 0.24 / 0.55, memberships 0.33 / 0.52, two
    # proposed dates unsound); its misses were read in the tenth round, so it is development now. Its targets
    # (0.8) are met only by the events' precision, so what holds is checked: verbatim evidence, every proposed
    # date sound, every proposed person one, the time, and the floors the tenth round reached (events
    # 0.57 / 0.90, memberships 0.55 / 0.72).
    t = _split_totals("set9", 6)
    assert t["dates"].right == t["dates"].proposed
    assert t["persons"].right == t["persons"].proposed
    _at_least(t, "events", 0.5, 0.8)
    _at_least(t, "memberships", 0.5, 0.7)


def test_the_tenth_set_is_development_and_keeps_what_the_eleventh_round_reached():
    # set10 was written blind during the tenth round and measured once (docs/draft.md: events 0.35 / 0.61,
    # memberships 0.55 / 0.74, every proposed date sound); its misses were read in the eleventh round, so it is
    # development now. Its targets (0.8) are not met, so what holds is checked: verbatim evidence, every
    # proposed date sound, every proposed person one, the time, and the floors the eleventh round reached
    # (events 0.47 / 0.74, memberships 0.64 / 0.79).
    t = _split_totals("set10", 6)
    assert t["persons"].right == t["persons"].proposed
    assert t["dates"].right == t["dates"].proposed
    _at_least(t, "events", 0.45, 0.7)
    _at_least(t, "memberships", 0.6, 0.75)


def test_the_eleventh_set_held_out_keeps_what_holds_by_construction():
    # set11 was written blind during the eleventh round and measured once (docs/draft.md: events 0.21 / 0.45,
    # memberships 0.51 / 0.66, three proposed dates of 13 unsound, one proposed person of 53 not one): what must
    # hold on any text is checked, verbatim evidence and the time.
    t = _split_totals("set11", 6)
    assert t["status"].found == t["status"].curated  # every matched event's status right, as measured


def test_the_eleventh_set_after_the_twelfth_round_keeps_what_it_reached():
    # set11's misses were read in the twelfth round (docs/draft.md): events 0.46 / 0.80, memberships
    # 0.68 / 0.82, every proposed date sound; those floors are kept.
    t = _split_totals("set11", 6)
    assert t["dates"].right == t["dates"].proposed
    _at_least(t, "events", 0.45, 0.75)
    _at_least(t, "memberships", 0.65, 0.8)


def test_the_twelfth_set_after_the_fourteenth_round_keeps_what_it_reached():
    # set12 was written blind during the twelfth round and measured once (docs/draft.md: events 0.20 / 0.47,
    # memberships 0.46 / 0.65, dates 0.62 exact / 0.94 sound); its misses were read in the thirteenth round,
    # which reached events 0.26 / 0.53 (21 of 80), memberships 0.51 / 0.67, and again in the fourteenth, which
    # reached events 0.34 / 0.63 (27 of 80), every proposed date sound; the nineteenth round's rules took it to
    # events 0.39 / 0.67 (31 of 80), memberships 0.58 / 0.75 (39 of 67, 39 of 52).
    t = _split_totals("set12", 6)
    assert t["events"].curated >= 45 and t["memberships"].curated >= 40
    assert t["dates"].right == t["dates"].proposed
    _at_least(t, "events", 0.35, 0.6)
    _at_least(t, "memberships", 0.55, 0.7)


def test_the_thirteenth_set_after_the_fourteenth_round_keeps_what_it_reached():
    # set13 was written blind during the thirteenth round and measured once after its rules (docs/draft.md:
    # events 0.32 / 0.50, memberships 0.68 / 0.80, dates 0.67 exact / 0.94 sound); its misses were read in the
    # fourteenth round, which reached events 0.55 / 0.67 (31 of 56), memberships 0.76 / 0.86, persons 0.98 /
    # 1.00, every proposed date sound.
    t = _split_totals("set13", 6)
    assert t["events"].curated >= 50 and t["memberships"].curated >= 40
    assert t["dates"].right == t["dates"].proposed
    _at_least(t, "events", 0.45, 0.55)
    _at_least(t, "memberships", 0.7, 0.8)
    _at_least(t, "persons", 0.9, 0.95)


@pytest.mark.parametrize("split", ["set14", "set15"])
def test_the_fourteenth_and_fifteenth_sets_held_out_keep_what_holds_by_construction(split):
    # set14 and set15 were written blind during the fourteenth round and measured once after its rules
    # (docs/draft.md: set14 events 0.24 / 0.57 (13 of 54), memberships 0.53 / 0.79, one proposed date of 13
    # unsound; set15 events 0.32 / 0.53 (18 of 57), memberships 0.51 / 0.85, every proposed date sound); their
    # misses were read in the fifteenth round, so they are development now (the floors below). What must hold
    # on any text is checked here: their size, and no proposed person who is not one on set14, no unsound date
    # on set15, as measured.
    t = _split_totals(split, 6)
    assert t["events"].curated >= 50 and t["memberships"].curated >= 40
    if split == "set14":
        assert t["persons"].right == t["persons"].proposed
    else:
        assert t["dates"].right == t["dates"].proposed


def test_the_fourteenth_and_fifteenth_sets_after_the_fifteenth_round_keep_what_they_reached():
    # development since the fifteenth round, which read their misses and reached set14 events 0.26 / 0.58 (14 of
    # 54), memberships 0.65 / 0.85; set15 events 0.35 / 0.56 (20 of 57), memberships 0.63 / 0.87 (docs/draft.md);
    # the nineteenth round's rules took set14's events to 0.35 / 0.68 (19 of 54, 19 of 28).
    t14, t15 = _split_totals("set14", 6), _split_totals("set15", 6)
    _at_least(t14, "events", 0.3, 0.6)
    _at_least(t14, "memberships", 0.6, 0.8)
    _at_least(t15, "events", 0.3, 0.5)
    _at_least(t15, "memberships", 0.58, 0.8)


def test_the_sixteenth_set_held_out_keeps_what_holds_by_construction():
    # set16 was written blind during the fifteenth round and measured once after its rules (docs/draft.md:
    # events 0.36 / 0.64 (14 of 39), memberships 0.75 / 0.86 (24 of 32), persons 30 of 33; 14 dates proposed
    # for matched events, 8 exact, every one sound); its misses were read in the sixteenth round, so it is
    # development now (the floors below). What must hold on any text is checked here: its size and no unsound
    # date, as measured; a post of a state it cannot propose counts as missed.
    t = _split_totals("set16", 6)
    assert t["events"].curated >= 35 and t["memberships"].curated >= 30
    assert t["dates"].proposed and t["dates"].right == t["dates"].proposed


def test_the_sixteenth_set_after_the_sixteenth_round_keeps_what_it_reached():
    # development since the sixteenth round, which read its misses and reached events 0.69 / 0.93 (27 of 39,
    # 27 of 29 proposed right), memberships 0.78 / 0.89 (25 of 32, 25 of 28) (docs/draft.md).
    t = _split_totals("set16", 6)
    _at_least(t, "events", 0.62, 0.85)
    _at_least(t, "memberships", 0.72, 0.82)


@pytest.mark.parametrize("split, events, memberships", [("set17", 50, 50), ("set18", 60, 45)])
def test_the_seventeenth_and_eighteenth_sets_held_out_keep_what_holds_by_construction(split, events, memberships):
    # Both written blind during the sixteenth round. set17 was measured once after that round's rules
    # (docs/draft.md: events 0.29 / 0.48 (16 of 56, 16 of 33 proposed right), memberships 0.60 / 0.69 (31 of 52,
    # 31 of 45), persons 47 of 55 (47 of 48 right); 16 dates proposed for matched events, 12 exact, 15 sound),
    # set18 once after the seventeenth round's (events 0.29 / 0.39 (19 of 65, 19 of 49), memberships 0.49 / 0.77
    # (24 of 49, 24 of 31), persons 44 of 50 (44 of 45 right); 19 dates proposed for matched events, 14 exact,
    # 18 sound). Their misses were read in the seventeenth and eighteenth rounds, so they are development now
    # (the floors of their own tests). What must hold on any text is checked here: their size and every evidence
    # sentence verbatim in its source.
    t = _split_totals(split, 6)
    assert t["events"].curated >= events and t["memberships"].curated >= memberships
    assert t["verbatim"].proposed and t["verbatim"].right == t["verbatim"].proposed


def test_the_seventeenth_set_after_the_nineteenth_round_keeps_what_it_reached():
    # development since the seventeenth round, which read its misses and reached events 0.39 / 0.56 (22 of 56,
    # 22 of 39 proposed right), memberships 0.63 / 0.75 (33 of 52, 33 of 44); the nineteenth round read them
    # again and reached events 0.43 / 0.59 (24 of 56, 24 of 41), memberships 0.69 / 0.82 (36 of 52, 36 of 44)
    # (docs/draft.md).
    t = _split_totals("set17", 6)
    _at_least(t, "events", 0.38, 0.52)
    _at_least(t, "memberships", 0.65, 0.78)


def test_the_eighteenth_set_after_the_nineteenth_round_keeps_what_it_reached():
    # development since the eighteenth round, which read its misses and reached events 0.34 / 0.44 (22 of 65,
    # 22 of 50 proposed right), memberships 0.53 / 0.79 (26 of 49, 26 of 33), persons 44 of 50 (44 of 44 right);
    # the nineteenth round read them again and reached events 0.43 / 0.56 (28 of 65, 28 of 50), memberships
    # 0.59 / 0.83 (29 of 49, 29 of 35) (docs/draft.md).
    t = _split_totals("set18", 6)
    _at_least(t, "events", 0.4, 0.5)
    _at_least(t, "memberships", 0.55, 0.8)


# The 19th set: written blind during the nineteenth round, measured once after its rules (docs/draft.md): events
# 0.17 / 0.39 (13 of 78, 13 of 33 proposed right), memberships 0.60 / 0.78 (29 of 48, 29 of 37), persons 46 of 51;
# its misses were read in the twentieth round (development since): events 0.26 / 0.56 (20 of 78, 20 of 36 right),
# memberships 0.65 / 0.84 (31 of 48, 31 of 37). The 20th set: written blind during the twentieth round, measured
# once after its rules: events 0.28 / 0.67 (16 of 57, 16 of 24 proposed right), memberships 0.49 / 0.74 (20 of 41,
# 20 of 27), persons 37 of 42 (37 of 37 right); 16 dates proposed for matched events, 12 exact, 16 sound; its misses
# are not read yet.
@pytest.mark.parametrize("split, size, events, memberships", [
    ("set19", (75, 45), (0.24, 0.52), (0.62, 0.8)),  # floors a little under the twentieth round's figures
    ("set20", (55, 40), (0.26, 0.6), (0.46, 0.7)),  # no round losing what it was measured at
])
def test_the_nineteenth_and_twentieth_sets_keep_their_size_and_their_figures(split, size, events, memberships):
    t = _split_totals(split, 6)
    assert t["events"].curated >= size[0] and t["memberships"].curated >= size[1]
    assert t["verbatim"].proposed and t["verbatim"].right == t["verbatim"].proposed
    _at_least(t, "events", *events)
    _at_least(t, "memberships", *memberships)


def test_a_mention_of_an_event_declared_elsewhere_is_scored_as_that_event():
    bench = _bench()
    got = bench._completed({"id": "halvessa-zorava-boundary-commission-siltane-2030-04", "status": "cancelled"})
    assert got["type"] and got["participants"] and got["status"] == "cancelled"


def test_the_seventh_set_is_development_and_keeps_what_the_rounds_reached():
    # set7's misses were read in the eighth and ninth rounds; its event targets and its membership recall
    # target (0.8) are not met yet (docs/draft.md), so what holds is checked: every proposed date sound,
    # verbatim evidence, persons, the time, and the floors reached (events 0.31 / 0.44 in the eighth round;
    # memberships 0.74 / 0.95 in the ninth, the precision target met).
    t = _split_totals("set7", 6)
    assert t["dates"].right == t["dates"].proposed  # a proposed date never excludes the curated one
    assert t["persons"].right == t["persons"].proposed
    _at_least(t, "events", 0.3, 0.4)
    _at_least(t, "memberships", 0.7)
    # 0.95 in the ninth round; 0.88 after set12's registry (its role "Member of Parliament", alias "deputy")
    # made "his deputy, B" and "Deputy Minister B" posts of parliament; 0.95 again in the thirteenth round
    _at_least(t, "memberships", precision=0.9)


def _invented_registry(tmp_path: Path) -> dict:
    from kg.facts.load import load_facts

    shutil.copy(DRAFT_REGISTRY, tmp_path / "entities.yaml")
    return {k: v for k, v in load_facts(tmp_path).entities.items() if v.kind != "person"}


@pytest.mark.parametrize("text,expected", [
    # a person named without a title, then by a post alone: the post is theirs, the pronouns too
    ("Mara Quell has served in Drevna for six years. On Monday, Ostrelia's ambassador to Varnia met President "
     "Tomas Keld. On Tuesday she had lunch with him.",
     {("meeting", ("mara-quell", "tomas-keld"), "2027-03-08"),
      ("meeting", ("mara-quell", "tomas-keld"), "2027-03-09")}),
    # a counterpart takes the post of the person before; "the two ministers" are both
    ("Kessendori Foreign Minister Hanna Vell and her Varnian counterpart Ivo Dask signed a water treaty in Tamsk "
     "on Monday. The two ministers will meet again at the Northern Rivers forum in Kalvora on 20 March.",
     {("signing", ("hanna-vell", "ivo-dask"), "2027-03-08"), ("meeting", ("hanna-vell", "ivo-dask"), "2027-03-20"),
      ("conference", ("hanna-vell", "ivo-dask"), "2027-03-20")}),
    # an invitation to visit: the guest's visit, announced, in a season
    ("Maruvian President Anselm Dorr met Ostrelian Trade Minister Lise Amar in Lisgrad on Monday. Dorr invited "
     "his Ostrelian counterpart to visit Lisgrad again in the summer.",
     {("meeting", ("anselm-dorr", "lise-amar"), "2027-03-08"), ("visit", ("lise-amar",), "2027-06-01")}),
])
def test_references_counterparts_invitations_and_seasons(tmp_path, text, expected):
    from kg.draft.drafter import analyse

    pub = date(2027, 3, 10)
    d = analyse(text, pub, _invented_registry(tmp_path), [], {"published": str(pub)})
    got = {(e.type, tuple(e.participants), str(e.date.when(pub).earliest)) for e in d.events}
    assert got == expected


def test_a_post_given_without_the_name_and_a_counterpart_become_memberships(tmp_path):
    from kg.draft.drafter import analyse

    pub = date(2027, 3, 10)
    d = analyse("Mara Quell has served in Drevna for six years. On Monday, Ostrelia's ambassador to Varnia met "
                "President Tomas Keld. Kessendori Foreign Minister Hanna Vell and her Varnian counterpart Ivo Dask "
                "spoke.", pub, _invented_registry(tmp_path), [], {"published": str(pub)})
    got = {(m.person, m.role, m.organization): m for m in d.memberships}
    assert ("mara-quell", "ambassador", "government-of-ostrelia") in got
    assert any("without the name" in r for r in got[("mara-quell", "ambassador", "government-of-ostrelia")].review)
    assert ("ivo-dask", "foreign-minister", "government-of-varnia") in got
    quell = next(p for p in d.persons if p.id == "mara-quell")
    assert quell.review and quell.confidence < 0.9


@pytest.mark.parametrize("sentence,kind", [
    ("Lena Varosh had dinner with Tomas Keld in Kalvora on Monday.", "meeting"),
    ("Lena Varosh presented her credentials to President Tomas Keld on Monday.", "meeting"),
    ("Tomas Keld will host a farewell reception for Lena Varosh tomorrow.", "reception"),
])
def test_more_ways_of_saying_that_two_persons_met(tmp_path, sentence, kind):
    from kg.draft.drafter import analyse
    from kg.facts.load import load_facts

    ents = _invented_registry(tmp_path)
    full = load_facts(tmp_path).entities
    ents.update({k: full[k] for k in ("lena-varosh", "tomas-keld")})
    d = analyse(sentence, date(2027, 3, 10), ents, [], {"published": "2027-03-10"})
    assert [(e.type, sorted(e.participants)) for e in d.events] == [(kind, ["lena-varosh", "tomas-keld"])]


def test_a_draft_with_the_newer_event_types_and_statuses_validates(tmp_path):
    import kg

    data = tmp_path / "data"
    (data / "facts").mkdir(parents=True)
    shutil.copy(DRAFT_REGISTRY, data / "entities.yaml")
    article = ROOT / "benchmarks" / "draft" / "dev" / "readout-dantes-thalberg-call.txt"
    d = draft(article, date(2026, 4, 3), data=data, ident="readout-dantes-thalberg-call")
    assert {(e.type, e.status) for e in d.events} >= {("phone-call", "held"), ("visit", "announced"),
                                                       ("reception", "held")}
    write(d, data)
    g = kg.validate(data)
    q = "SELECT DISTINCT ?e WHERE { ?e a dkg:PhoneCall ; dkg:status dkg:held }"
    assert len(list(g.store.query(q, prefixes=kg.vocab.PREFIXES, use_default_graph_as_union=True))) == 1


@pytest.mark.parametrize("sentence,place,status", [
    ("Lena Varosh crossed the border into Varnia on Monday.", "varnia", "held"),
    ("Lena Varosh crossed into Varnia on Monday.", "varnia", "held"),
    ("Lena Varosh is due to travel on to Drevna on Friday.", "drevna", "announced"),
    ("Lena Varosh flew on to Tamsk on Monday.", "tamsk", "held"),
    ("Lena Varosh headed north to Lisgrad on Monday.", "lisgrad", "held"),
    ("Lena Varosh set off for Lisgrad on Monday.", "lisgrad", "held"),
    ("Lena Varosh left Kalvora for Drevna on Monday.", "drevna", "held"),
    ("Lena Varosh will go on to Tamsk after the talks.", "tamsk", "announced"),
])
def test_the_family_of_travel_verbs_gives_visits(tmp_path, sentence, place, status):
    d = draft_invented(tmp_path, sentence)
    assert [(e.type, e.participants, e.destination, e.status) for e in d.events] == [
        ("visit", ["lena-varosh"], place, status)]
    if "left Kalvora for" in sentence:  # leaving one place for another starts the visit there, it does not end it
        assert d.events[0].date.latest == "published"


def test_a_thing_going_somewhere_is_not_a_visit(tmp_path):
    assert draft_invented(tmp_path, "Lena Varosh said the aid will go to Drevna.").events == []
    assert draft_invented(tmp_path, "Lena Varosh noted that the talks moved to Tamsk.").events == []


def test_travelling_on_after_a_meeting_is_the_subjects_journey(tmp_path):
    d = draft_invented(tmp_path, "Lena Varosh met Tomas Keld in Drevna, before travelling on to Tamsk.")
    assert {(e.type, tuple(e.participants)) for e in d.events} == {
        ("meeting", ("lena-varosh", "tomas-keld")), ("visit", ("lena-varosh",))}


@pytest.mark.parametrize("sentence,kind,location", [
    ("Lena Varosh had breakfast in Drevna with Tomas Keld on Monday.", "meeting", "drevna"),
    ("Lena Varosh met in Tamsk on Monday with Tomas Keld.", "meeting", "tamsk"),
    ("Lena Varosh held talks at the Ostrelian Foreign Ministry with Tomas Keld on Monday.", "meeting", None),
    ("Tomas Keld received the newly appointed Ambassador of Ostrelia, Mara Quell, on Monday.", "reception", None),
    ("Tomas Keld met the visiting Ostrelian Foreign Minister Mara Quell on Monday.", "meeting", None),
])
def test_a_place_or_a_long_title_between_the_verb_and_its_object(tmp_path, sentence, kind, location):
    d = draft_invented(tmp_path, sentence)
    other = "mara-quell" if "Quell" in sentence else "tomas-keld"
    first = "tomas-keld" if sentence.startswith("Tomas") else "lena-varosh"
    assert [(e.type, sorted(e.participants), e.location) for e in d.events] == [
        (kind, sorted({first, other}), location)]


@pytest.mark.parametrize("second,kind", [
    ("The two leaders signed a trade agreement.", "signing"),
    ("Both ministers later issued a joint statement on trade.", "joint-statement"),
    ("The delegations then held a joint press conference.", "press-conference"),
])
def test_plural_references_for_every_kind_of_event(tmp_path, second, kind):
    d = draft_invented(tmp_path, f"Lena Varosh met Tomas Keld in Drevna on Monday. {second}")
    got = {(e.type, tuple(sorted(e.participants)), str(e.date.when(date(2027, 3, 10)).value)) for e in d.events}
    assert got == {("meeting", ("lena-varosh", "tomas-keld"), "2027-03-08"),
                   (kind, ("lena-varosh", "tomas-keld"), "2027-03-08")}
    assert any("check them" in r for e in d.events if e.type == kind for r in e.review)


def test_the_two_governments_are_not_the_two_persons_of_the_last_meeting(tmp_path):
    d = draft_invented(tmp_path, "Lena Varosh met Tomas Keld in Drevna on Monday. The two governments signed "
                                    "a water treaty.")
    assert [e.type for e in d.events] == ["meeting"]


@pytest.mark.parametrize("sentence,status,day", [
    ("Lena Varosh accepted an invitation to visit Drevna on Monday.", "announced", "2027-03-15"),
    ("Lena Varosh has accepted an invitation to pay a visit to Drevna on Monday.", "announced", "2027-03-15"),
    ("Lena Varosh agreed to visit Drevna on Monday.", "announced", "2027-03-15"),
    ("Lena Varosh plans to travel to Drevna on Monday.", "announced", "2027-03-15"),
    ("Lena Varosh hopes to meet Tomas Keld on Monday.", "announced", "2027-03-15"),
    ("Lena Varosh has accepted an invitation to pay a visit to Drevna in May.", "announced", "(2027, 5)"),
    ("Lena Varosh visited Drevna in May.", "held", "(2026, 5)"),
    ("Lena Varosh visited Drevna on Monday.", "held", "2027-03-08"),
    ("Lena Varosh met Tomas Keld on Monday and agreed to expand trade.", "held", "2027-03-08"),
])
def test_intentions_and_invitations_are_announced_and_dated_forward(tmp_path, sentence, status, day):
    d = draft_invented(tmp_path, sentence)
    assert [(e.status, str(e.date.when(date(2027, 3, 10)).value)) for e in d.events] == [(status, day)]


def test_a_date_in_a_relative_clause_is_not_the_main_events(tmp_path):
    pub = date(2027, 3, 10)
    d = draft_invented(tmp_path, "Lena Varosh, who arrived in Drevna on Sunday evening, met Tomas Keld.")
    meeting = next(e for e in d.events if e.type == "meeting")
    visit = next(e for e in d.events if e.type == "visit")
    assert str(visit.date.when(pub).value) == "2027-03-07"  # the arrival keeps the date of its own clause
    w = meeting.date.when(pub)  # the meeting: some day of the visit, not that Sunday evening
    assert (w.precision, str(w.earliest), str(w.latest)) == ("unknown", "2027-03-07", "2027-03-10")
    d = draft_invented(tmp_path, "Lena Varosh met Tomas Keld, who had returned from Tamsk on Sunday, on Monday.")
    assert [str(e.date.when(pub).value) for e in d.events] == ["2027-03-08"]


@pytest.mark.parametrize("text,location", [
    ("KALVORA – Lena Varosh met Tomas Keld on Monday.", "kalvora"),
    ("KALVORA – Lena Varosh met Tomas Keld on Monday to discuss trade with Drevna.", None),  # another place named
    ("KALVORA – Lena Varosh will meet Tomas Keld on Monday.", None),  # not held yet: anywhere
    ("Lena Varosh met Tomas Keld on Monday.", None),  # no dateline
])
def test_a_meeting_with_no_place_is_proposed_at_the_dateline_for_review(tmp_path, text, location):
    d = draft_invented(tmp_path, text)
    (e,) = d.events
    assert e.location == location
    if location:
        assert e.confidence < 0.85 and any("dateline" in r for r in e.review)


def test_the_minister_is_the_last_subject_and_an_onward_journey_came_after_the_meeting(tmp_path):
    d = draft_invented(tmp_path, "Ostrelian Foreign Minister Mara Quell met Tomas Keld in Drevna on Monday. "
                                    "The minister then flew on to Tamsk on Tuesday.")
    got = {(e.type, tuple(e.participants), e.location, tuple(e.part_of)) for e in d.events}
    assert got == {("meeting", ("mara-quell", "tomas-keld"), "drevna", ()),
                   ("visit", ("mara-quell",), "tamsk", ())}


def test_a_signing_names_the_registrys_agreement_or_asks_for_one(tmp_path):
    # the invented registry has agreements: the gazetteer finds them as it finds places and roles
    d = draft_invented(tmp_path, "Lena Varosh and Tomas Keld signed the agreement on tariffs in Drevna on Monday.")
    assert [(e.type, e.agreement) for e in d.events] == [("signing", "tariffs-agreement")]
    d = draft_invented(tmp_path, "Lena Varosh and Tomas Keld signed a treaty on rail freight in Drevna on Monday.")
    assert [(e.type, e.agreement) for e in d.events] == [("signing", None)]
    assert any("agreements:" in r for r in d.events[0].review)
