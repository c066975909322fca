"""``kg export --format events``: the dyadic event table (GDELT, ICEWS, POLECAT shape), read back by pandas and
checked row by row against the facts of a tiny invented graph, of the seed and of the many-sources fixtures."""

from __future__ import annotations

import io
from pathlib import Path

import pandas as pd
import pytest

import kg
from kg.cli import main
from kg.export import export
from kg.formats.events import COLUMNS
from kg.query import run
from tests.many_sources import many_sources

# Invented for the tests: two fictional countries, their capitals and three ministers.
ENTITIES = """persons:
  - id: ann
    label: Ann Orlov
    country: avalon
  - id: bob
    label: Bob Vance
    country: borduria
  - id: cy
    label: Cy Marr
    country: borduria
places:
  - id: avalon
    label: Avalon
    type: country
  - id: borduria
    label: Borduria
    type: country
  - id: port-vela
    label: Port Vela
    type: city
    located_in: avalon
  - id: szohod
    label: Szohod
    type: city
    located_in: borduria
"""
TEXT = ("Ann Orlov flew to Szohod on Monday. She met Bob Vance and Cy Marr there on Tuesday. "
        "On Wednesday Ann Orlov received Bob Vance in Port Vela. Bob Vance phoned Cy Marr on Thursday. "
        "Cy Marr spoke to the press on Friday. A summit is planned for next month.")
FACTS = """source:
  id: tiny-wire
  text: sources/tiny.txt
  title: An invented wire report
  published: 2025-02-08
  url: https://example.org/tiny-wire
events:
  - id: ann-visits-szohod
    type: visit
    participants: ann
    destination: szohod
    date: on Monday
    evidence: Ann Orlov flew to Szohod on Monday.
  - id: three-meet
    type: meeting
    participants: [ann, bob, cy]
    location: szohod
    date: on Tuesday
    evidence: She met Bob Vance and Cy Marr there on Tuesday.
  - id: ann-receives-bob
    type: reception
    participants: [bob, ann]
    location: port-vela
    date: on Wednesday
    evidence: On Wednesday Ann Orlov received Bob Vance in Port Vela.
  - id: bob-calls-cy
    type: phone-call
    participants: [bob, cy]
    date: on Thursday
    evidence: Bob Vance phoned Cy Marr on Thursday.
  - id: cy-press
    type: press-conference
    participants: cy
    location: szohod
    date: on Friday
    evidence: Cy Marr spoke to the press on Friday.
  - id: planned-summit
    type: conference
    status: announced
    participants: [ann, cy]
    date: next month
    evidence: A summit is planned for next month.
"""


def tiny(tmp_path: Path) -> Path:
    data = tmp_path / "data"
    (data / "facts").mkdir(parents=True)
    (data / "sources").mkdir()
    (data / "entities.yaml").write_text(ENTITIES, encoding="utf-8")
    (data / "sources" / "tiny.txt").write_text(TEXT, encoding="utf-8")
    (data / "facts" / "tiny.yaml").write_text(FACTS, encoding="utf-8")
    return data


def table(graph, fmt: str = "events") -> pd.DataFrame:
    sep = "\t" if fmt == "events-tsv" else ","
    return pd.read_csv(io.BytesIO(export(graph, fmt)), sep=sep, dtype=str, keep_default_na=False)


@pytest.fixture(scope="module")
def tiny_graph(tmp_path_factory):
    return kg.build(tiny(tmp_path_factory.mktemp("events")), shacl=False)


def test_the_tiny_graph_gives_one_row_per_actor_pair(tiny_graph):
    df = table(tiny_graph)
    assert list(df.columns) == list(COLUMNS)
    got = [tuple(r) for r in df[["event_id", "event_type", "cameo_code", "plover_category", "source_actor",
                                 "source_country", "target_actor", "target_country", "directed", "status",
                                 "date", "date_precision", "place", "place_country"]].itertuples(index=False)]
    assert got == [
        # a visit: the visitor -> the country visited (no inviter given)
        ("ann-visits-szohod", "visit", "042", "CONSULT", "ann", "avalon", "borduria", "borduria", "true", "held",
         "2025-02-03", "day", "szohod", "borduria"),
        # a meeting of three: each unordered pair once
        ("three-meet", "meeting", "040", "CONSULT", "ann", "avalon", "bob", "borduria", "false", "held",
         "2025-02-04", "day", "szohod", "borduria"),
        ("three-meet", "meeting", "040", "CONSULT", "ann", "avalon", "cy", "borduria", "false", "held",
         "2025-02-04", "day", "szohod", "borduria"),
        ("three-meet", "meeting", "040", "CONSULT", "bob", "borduria", "cy", "borduria", "false", "held",
         "2025-02-04", "day", "szohod", "borduria"),
        # a reception in Avalon: the Avalonian host -> the guest, whatever order the facts list them in
        ("ann-receives-bob", "reception", "043", "CONSULT", "ann", "avalon", "bob", "borduria", "true", "held",
         "2025-02-05", "day", "port-vela", "avalon"),
        ("bob-calls-cy", "phone-call", "041", "CONSULT", "bob", "borduria", "cy", "borduria", "false", "held",
         "2025-02-06", "day", "", ""),
        # one participant: one row, no target; PLOVER has no category for statements
        ("cy-press", "press-conference", "010", "", "cy", "borduria", "", "", "false", "held",
         "2025-02-07", "day", "szohod", "borduria"),
        # announced, never shown as held; next month, at month precision
        ("planned-summit", "conference", "040", "CONSULT", "ann", "avalon", "cy", "borduria", "false", "announced",
         "2025-03", "month", "", ""),
    ]
    first = df.iloc[0]
    assert (first.evidence, first.evidence_source, first.source_url, first.sources, first.num_sources) == (
        "Ann Orlov flew to Szohod on Monday.", "tiny-wire", "https://example.org/tiny-wire", "tiny-wire", "1")
    assert (first.earliest, first.latest, first.source_actor_label, first.place_label) == (
        "2025-02-03", "2025-02-03", "Ann Orlov", "Szohod")
    assert (df.iloc[-1].earliest, df.iloc[-1].latest) == ("2025-03-01", "2025-03-31")


def test_csv_and_tsv_hold_the_same_rows_and_the_bytes_are_stable(tiny_graph, tmp_path):
    assert table(tiny_graph).equals(table(tiny_graph, "events-tsv"))
    assert export(tiny_graph, "events") == export(tiny_graph, "events")
    out = tmp_path / "events.tsv"  # the suffix asks for TSV
    assert main(["export", "--graph", str(_write_trig(tiny_graph, tmp_path)), "-o", str(out)]) == 0
    assert out.read_bytes() == export(tiny_graph, "events-tsv")


def _write_trig(graph, tmp_path: Path) -> Path:
    path = tmp_path / "graph.trig"
    path.write_bytes(graph.to_trig())
    return path


def _expected_pairs(graph) -> set[tuple[str, str]]:
    """(event, participant) of every CAMEO-coded event of the merged view, straight from SPARQL."""
    rows = run(graph, """SELECT ?e ?p WHERE { ?e a ?c ; dkg:participant ?p .
                          GRAPH <https://w3id.org/diplomatic-kg/ontology> { ?c dkg:cameoCode ?code } }""")
    return {(r["e"].value.rsplit("/", 1)[1], r["p"].value.rsplit("/", 1)[1]) for r in rows.rows}


@pytest.mark.parametrize("which", ["seed", "many-sources"])
def test_every_event_and_participant_of_the_merged_view_is_in_the_table(which, seed_graph, tmp_path):
    graph = seed_graph if which == "seed" else kg.build(many_sources(tmp_path), shacl=False)
    df = table(graph)
    in_table = {(r.event_id, a) for r in df.itertuples() for a in (r.source_actor, r.target_actor) if a}
    assert _expected_pairs(graph) <= in_table
    events = run(graph, """SELECT ?e ?code ?d WHERE { ?e a ?c OPTIONAL { ?e dkg:date ?d }
                           GRAPH <https://w3id.org/diplomatic-kg/ontology> { ?c dkg:cameoCode ?code } }""")
    codes = {r["e"].value.rsplit("/", 1)[1]: (r["code"].value, r["d"].value if r["d"] else "") for r in events.rows}
    assert {r.event_id: (r.cameo_code, r.date) for r in df.itertuples()} == codes
    assert df.equals(df.sort_values(["earliest", "event_id", "source_actor", "target_actor"],
                                    key=lambda c: c.replace("", "9999") if c.name == "earliest" else c,
                                    kind="stable").reset_index(drop=True))
    if which == "many-sources":
        by = df.set_index(["event_id", "source_actor", "target_actor"])
        visit = by.loc[("al-sudani-visit-to-iran-2025-01", "mohammed-shia-al-sudani", "iran")]
        # three sources whose dates do not overlap: no date, the hull of their bounds, the most specific place
        assert (visit.date, visit.date_precision, visit.earliest, visit.latest, visit.place, visit.num_sources) == (
            "", "unknown", "2024-12-01", "2025-01-31", "tehran", "3")
        planned = by.loc[("farouqi-visit-to-tehran-2025-03", "nadim-farouqi", "iran")]
        assert planned.status == "cancelled" and planned.directed == "true"
        signing = by.loc[("mou-border-trade-signing-2025-02", "nadim-farouqi", "teodor-vask")]
        assert (signing.cameo_code, signing.plover_category, signing.target_country) == ("057", "AGREE", "verania")
        call = by.loc[("farouqi-vask-call-2025-02-07", "nadim-farouqi", "teodor-vask")]
        assert call.source_url == "https://example.org/meridian/2025/02/09/zarif-al-sudani"
        reception = by.loc[("vask-reception-baghdad-2025-02", "nadim-farouqi", "teodor-vask")]
        assert (reception.directed, reception.source_country, reception.place_country) == ("true", "iraq", "iraq")
