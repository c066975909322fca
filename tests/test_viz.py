"""The visualizer's page builder, in plain Python: what is drawn, escaping, options, determinism, CLI.

The same page is opened in a real browser in test_viz_browser.py.
"""

from __future__ import annotations

import base64
import hashlib
import html
import json
import re
import shutil
from pathlib import Path

import networkx as nx
import pytest

import kg
import kg.viz
from kg.errors import OutputError, QueryError, UnknownEntityError
from kg.viz.options import EVENT_CLASSES, may_overlap, parse_date
from kg.viz.page import page_data, script_json
from kg.viz.view import HIDDEN_RELATIONS, build_view
from kg.vocab import ID_NS

ID = "https://w3id.org/diplomatic-kg/id/"
ROOT = Path(__file__).resolve().parent.parent
SOURCE_TITLE = "Iran pledges support for Iraq’s security, sovereignty (2025-02-07)"
HOSTILE = "<img src=x onerror=window.__xss=1></script><script>window.__xss=2</script> & \u2028 href"


def data_of(page: str) -> dict:
    """The JSON the page carries, read back the way the page's script reads it."""
    m = re.search(r'<script type="application/json" id="kg-data">(.*?)</script>', page, re.S)
    assert m, "no data block"
    return json.loads(m.group(1))


def ids(view) -> set[str]:  # noqa: ANN001 - a View
    return {n["id"] for n in view.nodes}


def edges(view) -> set[tuple[str, str, str]]:  # noqa: ANN001 - a View
    return {(e["from"], e["label"], e["to"]) for e in view.edges}


@pytest.fixture(scope="module")
def seed_view(seed_graph):  # noqa: ANN001
    return build_view(seed_graph)


# ------------------------------------------------------------------------------------------- what is drawn


def test_default_view_is_actor_centred(seed_view, seed_graph) -> None:  # noqa: ANN001
    classes = {n["cls"] for n in seed_view.nodes}
    assert classes == {"Person", "Organization", "Country", "City", "Meeting", "Visit", "Conference"}
    expected = {n for n, t in seed_graph.nx.nodes(data="type")
                if t in {f"dkg:{c}" for c in classes}}
    assert {n["iri"] for n in seed_view.nodes} == expected
    assert len(seed_view.nodes) == 31
    assert [c.name for c in seed_view.classes] == ["Person", "Organization", "Country", "City", "Meeting",
                                                   "Visit", "Conference"]


def test_every_distinct_relation_is_an_edge(seed_view, seed_graph) -> None:  # noqa: ANN001
    G = seed_graph.nx
    shown = {n["iri"] for n in seed_view.nodes}
    plain = {(u, k, v) for u, v, k in G.edges(keys=True) if u in shown and v in shown and k not in HIDDEN_RELATIONS}
    drawn = [e for e in seed_view.edges if e["relation"] != "org:Membership"]
    assert len(drawn) == len(plain) == len({(e["from"], e["relation"], e["to"]) for e in drawn})
    # Parallel relations between one pair are all kept: the visit's destination is also its location.
    pair = [e["label"] for e in seed_view.edges
            if (e["from"], e["to"]) == ("id:pezeshkian-visit-to-baghdad-2024-09", "id:baghdad")]
    assert sorted(pair) == ["destination", "location"]
    assert len(seed_view.edges) == 63


def test_memberships_are_role_edges_not_nodes(seed_view) -> None:  # noqa: ANN001
    assert not any(n["cls"] == "Membership" for n in seed_view.nodes)
    roles = {e for e in edges(seed_view) if e[1][0].isupper()}
    assert ("id:abdul-latif-rashid", "President", "id:iraqi-presidency") in roles
    assert ("id:mohammad-javad-zarif", "Vice President for Strategic Affairs", "id:government-of-iran") in roles
    assert len(roles) == 7
    rashid = next(e for e in seed_view.edges if e["from"] == "id:abdul-latif-rashid" and e["label"] == "President")
    assert rashid["relation"] == "org:Membership" and rashid["sources"] == ["zarif-visits-iraq-2025-02-07"]
    details = dict((k, v) for k, v in rashid["details"])
    assert details["Attested"] == ["2025-02-07"] and details["Source"] == [SOURCE_TITLE]
    assert "Iraqi President Abdul Latif Rashid" in details["Evidence"][0]


def test_node_size_is_importance(seed_view, seed_graph) -> None:  # noqa: ANN001
    """Actors: degree in the actor network; events: participants; places: events held there or going there."""
    value = {n["iri"]: n["value"] for n in seed_view.nodes}
    actors = seed_graph.actors
    for n in seed_view.nodes:
        if n["cls"] in ("Person", "Organization"):
            assert n["value"] == actors.degree(n["iri"]), n["label"]
    assert value[ID_NS + "mohammad-javad-zarif"] == 6 == max(value[a] for a in actors.nodes)
    assert value[ID_NS + "zarif-meets-rashid-2025-02-06"] == 2
    assert value[ID_NS + "zarif-visit-to-iraq-2025-02"] == 1
    assert value[ID_NS + "baghdad"] == 6  # Zarif's visit, four of its meetings, and Pezeshkian's visit
    assert value[ID_NS + "palestine"] == 0
    assert value[ID_NS + "baghdad"] > value[ID_NS + "iraq"]


def _details(view, node_id: str) -> dict[str, list[str]]:  # noqa: ANN001
    return dict((k, v) for k, v in next(n for n in view.nodes if n["id"] == node_id)["details"])


def test_event_details_date_place_participants_topics_source_evidence(seed_view) -> None:  # noqa: ANN001
    d = _details(seed_view, "id:al-sudani-visit-to-iran-2025-01")
    assert d["Date"] == ["2025-01 (to the month; “last month”)"]
    assert d["Place"] == ["Iran"] and d["Destination"] == ["Iran"]
    assert d["Participants"] == ["Mohammed Shia' Al-Sudani"]
    assert d["Topics"] == ["Economic cooperation", "Regional security"]  # topics are not nodes here
    assert d["Source"] == [SOURCE_TITLE]
    assert d["Evidence"] == ["“Prime Minister Al-Sudani had traveled to Iran last month, where he engaged in talks "
                             "focused on regional security and economic collaboration.”"]
    between = _details(seed_view, "id:zarif-meets-al-hassan-2025-02")
    assert between["Date"] == ["between 2025-02-05 and 2025-02-07"]
    assert _details(seed_view, "id:al-mashhadani-visit-to-tehran")["Date"] == ["no later than 2025-02-07 (“recently”)"]
    meeting = _details(seed_view, "id:zarif-meets-rashid-2025-02-06")
    assert meeting["Date"] == ["2025-02-06 (to the day; “on Thursday”)"]
    # Statements made at the meeting are listed on it, with their speaker.
    assert any(s.startswith("Abdul Latif Rashid: “Iraq stands unwaveringly") for s in meeting["Statements"])


def test_person_details_aliases_roles_statements(seed_view) -> None:  # noqa: ANN001
    d = _details(seed_view, "id:abdul-latif-rashid")
    assert d["Also known as"] == ["President Rashid", "Rashid"]
    assert d["Roles"] == ["President, Presidency of Iraq (attested 2025-02-07)"]
    statement = next(s for s in d["Statements"] if "Palestinian" in s)
    assert "(at Meeting of Mohammad Javad Zarif and Abdul Latif Rashid (2025-02-06))" in statement
    assert "evidence: “President Rashid reiterated Iraq’s unwavering stance" in statement
    assert _details(seed_view, "id:iraqi-presidency")["Members"] == ["Abdul Latif Rashid (President)"]


# ------------------------------------------------------------------------------------------------ options


def test_types_add_topics_and_statements(seed_graph) -> None:  # noqa: ANN001
    v = build_view(seed_graph, types="person,event,topic")
    assert {n["cls"] for n in v.nodes} == {"Person", "Meeting", "Visit", "Conference", "Topic"}
    assert ("id:zarif-meets-rashid-2025-02-06", "topic", "id:palestinian-issue") in edges(v)
    v = build_view(seed_graph, types=["statement", "person"])
    assert ("id:rashid-strengthen-ties-with-iran", "speaker", "id:abdul-latif-rashid") in edges(v)
    everything = build_view(seed_graph, types="all")
    assert {"Topic", "Statement"} <= {n["cls"] for n in everything.nodes}
    with pytest.raises(QueryError, match="unknown type 'plaice'"):
        build_view(seed_graph, types="person,plaice")


@pytest.mark.parametrize("name", ["Sudani", "al sudani", "MOHAMMED SHIA AL-SUDANI", "mohammed-shia-al-sudani",
                                  "id:mohammed-shia-al-sudani", ID + "mohammed-shia-al-sudani"])
def test_focus_by_id_label_or_alias(seed_graph, name: str) -> None:  # noqa: ANN001
    v = build_view(seed_graph, focus=name, depth=1)
    assert v.focus == "id:mohammed-shia-al-sudani"
    assert ids(v) == {"id:mohammed-shia-al-sudani", "id:government-of-iraq", "id:iraq",
                      "id:zarif-meets-al-sudani-2025-02-06", "id:al-sudani-visit-to-iran-2025-01"}


def test_focus_depth_and_errors(seed_graph) -> None:  # noqa: ANN001
    two = build_view(seed_graph, focus="Al-Sudani")  # depth 2 reaches whom he met
    assert "id:mohammad-javad-zarif" in ids(two) and "id:iran" in ids(two)
    assert ids(build_view(seed_graph, focus="Al-Sudani", depth=0)) == {"id:mohammed-shia-al-sudani"}
    topic = build_view(seed_graph, focus="bilateral ties", depth=1)  # a topic alias: topics get shown
    assert topic.focus == "id:bilateral-relations" and "Topic" in {n["cls"] for n in topic.nodes}
    with pytest.raises(UnknownEntityError) as info:
        build_view(seed_graph, focus="Zarrif")
    assert ("mohammad-javad-zarif", "Mohammad Javad Zarif") in info.value.suggestions
    with pytest.raises(QueryError, match="depth"):
        build_view(seed_graph, focus="Zarif", depth=-1)
    with pytest.raises(QueryError, match="President .dkg:Role., which the visualizer does not draw"):
        build_view(seed_graph, focus="president")


def test_focus_on_a_bare_mirror_graph_matches_names_the_same_way(seed_graph) -> None:  # noqa: ANN001
    mirror = seed_graph.nx
    for name in ("Sudani", "al sudani", "id:mohammed-shia-al-sudani", ID + "mohammed-shia-al-sudani"):
        assert build_view(mirror, focus=name, depth=0).focus == "id:mohammed-shia-al-sudani"
    with pytest.raises(UnknownEntityError) as info:
        build_view(mirror, focus="Zarrif")
    assert info.value.suggestions == [("mohammad-javad-zarif", "Mohammad Javad Zarif")]
    G = nx.MultiDiGraph()
    for n in ("urn:a", "urn:b"):
        G.add_node(n, type="dkg:Person", label="Same Name", aliases=[])
    with pytest.raises(QueryError, match="names several entities"):
        build_view(G, focus="same name")


def test_time_window_keeps_overlapping_events_and_their_neighbours(seed_graph) -> None:  # noqa: ANN001
    v = build_view(seed_graph, start="2025-02", end="2025-02")
    events = {n["id"] for n in v.nodes if f"dkg:{n['cls']}" in EVENT_CLASSES}
    assert "id:al-sudani-visit-to-iran-2025-01" not in events  # January
    assert "id:pezeshkian-visit-to-baghdad-2024-09" not in events
    assert "id:al-mashhadani-visit-to-tehran" not in events  # no earliest date: unknown, as kg.graph.mirror decides
    assert "id:zarif-meets-rashid-2025-02-06" in events and "id:zarif-meets-al-hassan-2025-02" in events
    assert "id:masoud-pezeshkian" not in ids(v) and "id:tehran" not in ids(v)
    assert "id:mohammad-javad-zarif" in ids(v)
    assert v.start.isoformat() == "2025-02-01" and v.end.isoformat() == "2025-02-28"
    january = build_view(seed_graph, start="2025-01-01", end="2025-01-31")
    assert {n["id"] for n in january.nodes if n["cls"] == "Visit"} == {"id:al-sudani-visit-to-iran-2025-01"}
    with pytest.raises(QueryError, match="empty"):
        build_view(seed_graph, start="2025-03", end="2025-01")
    with pytest.raises(QueryError, match="expected a date"):
        build_view(seed_graph, start="Feb 2025")
    with pytest.raises(QueryError, match="no event in the time window"):
        build_view(seed_graph, start="2025-02", focus="Pezeshkian")


def test_overlap_rule_matches_the_actor_network(seed_graph) -> None:  # noqa: ANN001
    from kg.graph.mirror import actor_network

    for start, end in [("2025-02", "2025-02"), ("2024", "2024"), ("2025-01-15", None), (None, "2025-01-31")]:
        lo, hi = parse_date(start), parse_date(end, end=True)
        linked = {n for e in actor_network(seed_graph.store, lo, hi).edges for n in e}
        assert linked <= {n["iri"] for n in build_view(seed_graph, start=lo, end=hi).nodes}
    assert may_overlap(None, None, None, None)


# ----------------------------------------------------------------------------------------- page and safety


def test_page_is_self_contained_and_offline(seed_graph) -> None:  # noqa: ANN001
    page = kg.viz.page(seed_graph)
    assert page.startswith("<!doctype html>")
    assert "@version 9.1.2" in page  # vis-network, inlined from the installed pyvis package
    assert not re.search(r"<(link|iframe|img|object|embed)\b", page, re.I)
    assert not re.search(r"<script[^>]*\bsrc=", page, re.I)
    assert not re.search(r"url\(\s*['\"]?(https?:)?//", page, re.I)
    assert len(re.findall(r"</script", page, re.I)) == 3  # nothing in the data or the scripts ends one early
    csp = re.search(r'http-equiv="Content-Security-Policy" content="([^"]+)"', page).group(1)
    assert "default-src 'none'" in csp and "connect-src" not in csp
    # Only the page's own two inline scripts may run: their hashes are in the policy.
    scripts = re.findall(r"<script>(.*?)</script>", page, re.S)
    assert len(scripts) == 2
    for code in scripts:
        digest = base64.b64encode(hashlib.sha256(code.encode()).digest()).decode()
        assert f"'sha256-{digest}'" in csp


def test_no_third_party_code_in_the_repository() -> None:
    root = Path(kg.__file__).resolve().parent
    assert not [p for p in root.rglob("*") if "vis-network" in p.name or p.suffix == ".min.js"]


def test_page_data_matches_the_view(seed_graph, seed_view) -> None:  # noqa: ANN001
    data = data_of(kg.viz.page(seed_graph, title="Seed"))
    assert data == json.loads(json.dumps(page_data(seed_view, "Seed")))
    assert len(data["nodes"]) == 31 and len(data["edges"]) == 63
    assert data["sources"] == [["zarif-visits-iraq-2025-02-07", SOURCE_TITLE]]
    assert data["subtitle"] == "31 entities, 63 relations"


def test_hostile_strings_stay_inert_text() -> None:
    G = nx.MultiDiGraph()
    G.add_node("urn:a", type="dkg:Person", label=HOSTILE, aliases=["</SCRIPT><svg onload=alert(1)>", "<!--"],
               **{"dkg:evidence": "He said <a href='javascript:alert(1)'>x</a>"})
    G.add_node("urn:e", type="dkg:Meeting", label="</script>", aliases=[])
    G.add_edge("urn:e", "urn:a", key="dkg:participant", sources=["<b>src</b>"])
    page = kg.viz.page(G, title="</title><script>alert(1)</script>")
    body = page.split('id="kg-data">', 1)[1].split("</script>", 1)[0]
    for bad in ("<", ">", "&", "\u2028"):
        assert bad not in body
    assert "<title>&lt;/title&gt;&lt;script&gt;alert(1)&lt;/script&gt;</title>" in page
    assert not re.search(r"<(svg|img|a)\b", page.split("<script>", 1)[0], re.I)  # nothing injected as markup
    data = data_of(page)
    assert data["nodes"][0]["label"] == HOSTILE  # the text survives, exactly
    assert data["edges"][0]["sources"] == [0] and data["sources"] == [["<b>src</b>", "<b>src</b>"]]
    assert script_json("\u2029") == '"\\u2029"'


def test_same_graph_same_bytes(seed_graph) -> None:  # noqa: ANN001
    first = kg.viz.page(seed_graph)
    assert first == kg.viz.page(seed_graph)
    rebuilt = kg.build(Path(__file__).resolve().parent.parent / "data")
    assert kg.viz.page(rebuilt) == first


def test_notebook_object_embeds_the_page_escaped(seed_graph) -> None:  # noqa: ANN001
    shown = kg.viz.show(seed_graph, focus="Zarif", height=500)
    frame = shown._repr_html_()
    srcdoc = re.fullmatch(r'<iframe srcdoc="([^"]*)" sandbox="allow-scripts" style="[^"<>]*500px[^"<>]*" '
                          r'title="knowledge graph"></iframe>', frame)
    assert srcdoc, frame[:200]
    assert "<" not in srcdoc.group(1)
    assert html.unescape(srcdoc.group(1)) == shown.html == kg.viz.page(seed_graph, focus="Zarif")


def test_write_is_atomic_and_reports_errors(seed_graph, tmp_path: Path) -> None:  # noqa: ANN001
    out = kg.viz.write(seed_graph, tmp_path / "deep" / "g.html", title="T")
    assert out.read_text(encoding="utf-8") == kg.viz.page(seed_graph, title="T")
    assert [p.name for p in out.parent.iterdir()] == ["g.html"]
    blocker = tmp_path / "file"
    blocker.write_text("x")
    with pytest.raises(OutputError):
        kg.viz.write(seed_graph, blocker / "g.html")
    with pytest.raises(QueryError):
        kg.viz.write(seed_graph, tmp_path / "bad.html", types="nothing")
    assert not (tmp_path / "bad.html").exists()


def test_kg_build_writes_the_page(seed_graph, tmp_path: Path) -> None:  # noqa: ANN001
    written = kg.write_outputs(seed_graph, tmp_path)
    assert tmp_path / "graph.html" in written
    assert (tmp_path / "graph.html").read_bytes() == kg.viz.graph_html(seed_graph)


def test_public_api() -> None:
    for name in kg.viz.__all__:
        assert getattr(kg.viz, name) is not None
    assert {"page", "show", "write", "build_view", "Page"} <= set(kg.viz.__all__)


# ---------------------------------------------------------------------------------------------------- CLI


@pytest.fixture(scope="module")
def built(seed_graph, tmp_path_factory):  # noqa: ANN001
    folder = tmp_path_factory.mktemp("out")
    (folder / "graph.trig").write_bytes(seed_graph.to_trig())
    return folder


def test_cli_writes_the_page(built: Path, capsys: pytest.CaptureFixture[str]) -> None:
    from kg.cli import main

    assert main(["viz", "--graph", str(built), "--out", str(built / "graph.html")]) == 0
    page = (built / "graph.html").read_text(encoding="utf-8")
    assert len(data_of(page)["nodes"]) == 31
    assert "31 entities, 63 relations" in capsys.readouterr().out
    out = built / "sub" / "zarif.html"
    assert main(["viz", "--graph", str(built / "graph.trig"), "--focus", "zarif", "--depth", "1",
                 "--from", "2025-02", "--to", "2025-02-28", "--types", "person,event", "--out", str(out)]) == 0
    data = data_of(out.read_text(encoding="utf-8"))
    assert data["focus"] == "id:mohammad-javad-zarif"
    assert {n["cls"] for n in data["nodes"]} == {"Person", "Meeting", "Visit", "Conference"}


@pytest.mark.parametrize(("args", "message"), [
    (["--focus", "nobody at all"], "no entity is called 'nobody at all'"),
    (["--types", "person,plaice"], "unknown type 'plaice'"),
    (["--from", "soon"], "expected a date"),
])
def test_cli_errors_are_messages(built: Path, capsys: pytest.CaptureFixture[str], args: list[str],
                                 message: str) -> None:
    from kg.cli import main

    assert main(["viz", "--graph", str(built), "--out", str(built / "x.html"), *args]) == 1
    err = capsys.readouterr().err
    assert err.startswith("kg viz: error: ") and message in err and "Traceback" not in err
    assert not (built / "x.html").exists()


def test_cli_builds_the_data_by_default(tmp_path: Path, monkeypatch: pytest.MonkeyPatch,
                                        capsys: pytest.CaptureFixture[str]) -> None:
    from kg.cli import main

    monkeypatch.chdir(tmp_path)
    shutil.copytree(ROOT / "data", tmp_path / "data")
    assert main(["viz"]) == 0
    assert len(data_of((tmp_path / "out" / "graph.html").read_text(encoding="utf-8"))["nodes"]) == 31


def test_cli_without_a_graph(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    from kg.cli import main

    assert main(["viz", "--graph", str(tmp_path / "none")]) == 1
    assert "run kg build first" in capsys.readouterr().err
