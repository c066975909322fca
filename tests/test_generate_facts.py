"""The generator of invented facts: a data folder the loader accepts, the same bytes for the same seed, evidence
verbatim in the source texts, events shared between articles, every date form, sizes that scale."""

from __future__ import annotations

import os
import re
import subprocess
import sys
from collections import Counter, defaultdict
from pathlib import Path

import pytest

import kg
from kg.facts.dates import resolve
from kg.facts.load import load_facts
from kg.generate.facts import BASE_QUADS, MARKER, QUADS_PER_ARTICLE, articles_for, generate_facts
from kg.generate.when import FORMS, future_forms, past_forms
from kg.names import normalize_space
from tests.conftest import run_kg

ROOT = Path(__file__).resolve().parent.parent


@pytest.fixture(scope="module")
def corpus(tmp_path_factory) -> tuple[Path, dict]:
    """60 articles: enough for every date form and for events reported by several articles."""
    data = tmp_path_factory.mktemp("corpus") / "data"
    return data, generate_facts(data, articles=60, seed=0)


@pytest.fixture(scope="module")
def facts(corpus):
    return load_facts(corpus[0])


def files(folder: Path) -> dict[str, bytes]:
    return {str(p.relative_to(folder)): p.read_bytes() for p in sorted(folder.rglob("*")) if p.is_file()}


@pytest.mark.parametrize("design", [True, False], ids=["design-fields", "basic-fields"])
def test_a_small_corpus_passes_every_check_of_the_loader_and_the_shapes(tmp_path, design):
    data = tmp_path / "data"
    stats = generate_facts(data, articles=6, seed=5, design=design)
    graph = kg.validate(data)
    assert graph.warnings == []  # no unused entity, no name shared by two entities, no conflict
    assert len(list((data / "facts").glob("*.yaml"))) == len(list((data / "sources").glob("*.txt"))) == 6
    assert stats["articles"] == 6 and stats["persons"] > 0 and stats["topics"] > 0


def test_a_bigger_corpus_loads_without_a_problem(facts, corpus):
    assert len(facts.sources) == 60
    assert facts.warnings == []
    assert len(facts.events) == corpus[1]["events"] + corpus[1]["by id only"]
    assert {e.kind for e in facts.entities.values()} == {"person", "organization", "place", "role", "topic",
                                                         "agreement"}
    assert any(e.aliases for e in facts.entities.values() if e.kind == "person")
    assert {e.place_type for e in facts.entities.values() if e.kind == "place"} == {"country", "city", "venue"}


def test_same_seed_same_bytes_across_processes_with_other_hash_seeds(tmp_path):
    def run(name: str, hashseed: str) -> dict[str, bytes]:
        env = {**os.environ, "PYTHONHASHSEED": hashseed}
        subprocess.run([sys.executable, "-m", "kg", "generate", "--facts", str(tmp_path / name / "data"),
                        "--articles", "15", "--seed", "3"], check=True, env=env, cwd=tmp_path,
                       capture_output=True)
        return files(tmp_path / name / "data")

    a, b = run("a", "1"), run("b", "2")
    assert a == b and len(a) == 2 * 15 + 2  # facts and texts, the registry, the marker
    other = generate_facts(tmp_path / "c" / "data", articles=15, seed=4)
    assert other["articles"] == 15 and files(tmp_path / "c" / "data") != a


def test_a_small_corpus_is_the_beginning_of_a_bigger_one(tmp_path):
    generate_facts(tmp_path / "small", articles=6, seed=9)
    generate_facts(tmp_path / "big", articles=20, seed=9)
    small, big = files(tmp_path / "small"), files(tmp_path / "big")
    articles = [k for k in small if k.startswith(("facts/", "sources/"))]
    assert len(articles) == 12 and all(small[k] == big[k] for k in articles)
    entities = load_facts(tmp_path / "small").entities
    assert set(entities) < set(load_facts(tmp_path / "big").entities)  # the registry grows with the corpus


def test_every_evidence_sentence_occurs_verbatim_in_its_source_text(facts):
    texts = {s.id: normalize_space(s.text) for s in facts.sources}
    records = [*facts.memberships, *facts.events, *facts.statements]
    assert all(r.evidence for r in records)
    for r in records:
        for sentence in r.evidence:
            assert sentence in texts[r.source], (r.id, sentence)
            assert sentence.endswith(".") and sentence[0].isupper()


def test_events_are_shared_between_articles_and_later_ones_may_be_more_precise(facts, corpus):
    by_id = defaultdict(list)
    for ev in facts.events:
        by_id[ev.id].append(ev)
    shared = {i: evs for i, evs in by_id.items() if len({e.source for e in evs}) > 1}
    assert len(shared) == corpus[1]["shared events"] >= 10
    assert any(len({e.when.precision for e in evs if e.when}) > 1 for evs in shared.values())
    mentions = [e for e in facts.events if e.type is None]  # a known event, mentioned by its id alone
    assert mentions and all(e.evidence for e in mentions) and any(e.when is None for e in mentions)
    announced_then_held = [evs for evs in shared.values()
                           if evs[0].status == "announced" and evs[-1].when and evs[-1].when.precision == "day"]
    assert announced_then_held


def test_the_build_merges_a_shared_event_into_one_node_derived_from_each_source(tmp_path):
    data = tmp_path / "data"
    generate_facts(data, articles=25, seed=0)
    graph = kg.build(data, shacl=False)
    rows = list(graph.store.query(
        "SELECT ?e (COUNT(DISTINCT ?src) AS ?n) WHERE { ?e a dkg:Event ; prov:wasDerivedFrom ?src } "
        "GROUP BY ?e HAVING (COUNT(DISTINCT ?src) > 1)", prefixes=kg.vocab.PREFIXES, use_default_graph_as_union=True))
    assert rows


def test_every_date_form_of_the_readme_occurs(corpus):
    data, stats = corpus
    assert [f for forms in FORMS.values() for f in forms if f not in stats["date forms"]] == []
    assert stats["date mappings"] > 0 and stats["date mappings (bounds only)"] > 0
    text = "\n".join(p.read_text(encoding="utf-8") for p in sorted((data / "facts").glob("*.yaml")))
    for written in (": last month", ": recently", ": unknown", ": last week", ": next month", ": earlier this month",
                    "      on: ", "      earliest: ", "      latest: published", "      text: ", "    start: "):
        assert written in text, written


def test_each_wording_is_true_of_the_day_it_words():
    from datetime import date, timedelta

    pub = date(2025, 2, 7)
    for back in range(0, 400, 3):
        day = pub - timedelta(days=back)
        for form in past_forms(day, pub):
            when = resolve(form.value, pub)
            assert (when.earliest or day) <= day <= (when.latest or day), (form, day)
    for ahead in range(1, 60):
        day = pub + timedelta(days=ahead)
        for form in future_forms(day, pub):
            when = resolve(form.value, pub)
            assert when.earliest <= day <= when.latest, (form, day)


def test_posts_change_hands_over_a_long_corpus(tmp_path):
    data = tmp_path / "data"
    generate_facts(data, articles=400, seed=1)
    holders = defaultdict(set)
    item = re.compile(r"- person: (\S+)\n +role: (\S+)\n +(?:organization|state): (\S+)\n")
    for path in (data / "facts").glob("*.yaml"):
        for person, role, org in item.findall(path.read_text(encoding="utf-8")):
            holders[(role, org)].add(person)
    assert max(len(p) for p in holders.values()) >= 2
    assert Counter(len(p) > 1 for p in holders.values())[True] >= 3


def test_quads_per_article_is_what_a_build_makes(tmp_path):
    data = tmp_path / "data"
    n = 60
    generate_facts(data, articles=n, seed=2)
    quads = len(kg.build(data, shacl=False).store)
    expected = BASE_QUADS + n * QUADS_PER_ARTICLE[True]
    assert 0.85 * expected <= quads <= 1.15 * expected, (quads, expected)


def test_sizes_scale_and_quads_pick_the_number_of_articles(tmp_path, capsys):
    assert articles_for(1_000_000) > articles_for(100_000) > articles_for(10_000) >= 1
    assert articles_for(1_000_000) == pytest.approx(1_000_000 / QUADS_PER_ARTICLE[True], rel=0.01)
    code, out, _ = run_kg(capsys, "generate", "--facts", str(tmp_path / "q"), "--quads", "6000", "--seed", "1")
    assert code == 0 and f"{articles_for(6000):,} articles" in out
    small, big = generate_facts(tmp_path / "s", articles=5), generate_facts(tmp_path / "b", articles=50)
    sizes = [sum(len(b) for b in files(tmp_path / d).values()) for d in ("s", "b")]
    assert 5 < sizes[1] / sizes[0] < 15 and big["events"] > 5 * small["events"]


def test_the_design_fields_are_there_and_basic_leaves_them_out(tmp_path, capsys):
    generate_facts(tmp_path / "d", articles=40, seed=0)
    text = "\n".join(p.read_text(encoding="utf-8") for p in sorted((tmp_path / "d" / "facts").glob("*.yaml")))
    registry = (tmp_path / "d" / "entities.yaml").read_text(encoding="utf-8")
    for written in ("type: talks", "type: phone-call", "type: signing", "status: announced", "delegations:",
                    "one_to_one: true", "    acting: true", "agreement: ", "signatories: ", "  retrieved: "):
        assert written in text, written
    for written in ("type: venue", "single_holder: true", "agreements:"):
        assert written in registry, written
    code, _, _ = run_kg(capsys, "generate", "--facts", str(tmp_path / "b"), "--articles", "40", "--basic")
    assert code == 0
    basic = "\n".join(p.read_text(encoding="utf-8") for p in sorted((tmp_path / "b" / "facts").glob("*.yaml")))
    assert "status:" not in basic and "delegations:" not in basic and "type: talks" not in basic
    assert re.search(r"^  - id: \S+\n    evidence:", basic, re.M) is None  # every event with its type
    assert re.search(r"^  - id: \S+\n    (date|evidence):", text, re.M)  # mentions by id


def test_the_folder_is_replaced_only_when_the_generator_wrote_it(tmp_path, capsys):
    data = tmp_path / "data"
    generate_facts(data, articles=4, seed=1)
    generate_facts(data, articles=2, seed=1)  # replaced as a whole: no stale article of the bigger corpus
    assert len(list((data / "facts").glob("*.yaml"))) == 2 and (data / MARKER).is_file()
    mine = tmp_path / "mine"
    (mine / "facts").mkdir(parents=True)
    (mine / "facts" / "keep.yaml").write_text("source: {}\n", encoding="utf-8")
    code, _, err = run_kg(capsys, "generate", "--facts", str(mine), "--articles", "2")
    assert code == 1 and "was not written by kg generate" in err
    assert (mine / "facts" / "keep.yaml").is_file()
    code, _, err = run_kg(capsys, "generate", "--facts", str(tmp_path / "x"), "--articles", "0")
    assert code == 1 and "must be positive" in err
    code, _, err = run_kg(capsys, "generate", "--out", str(tmp_path / "g.nq"), "--articles", "3")
    assert code == 1 and "go with --facts" in err
    code, _, err = run_kg(capsys, "generate", "--facts", str(tmp_path / "y"), "--articles", "3", "--quads", "9")
    assert code == 1 and "not both" in err
