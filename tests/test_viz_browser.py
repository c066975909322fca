"""The visualizer's page in a real browser: headless Chromium (Debian ``chromium``) driven by Playwright.

Every request that is not local is aborted and recorded; an offline page makes none. Console errors and
uncaught exceptions fail the test. Without Chromium these tests are skipped, or fail with KG_REQUIRE_REAL=1.
"""

from __future__ import annotations

import contextlib
import struct
import subprocess
import sys
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import networkx as nx
import pytest

import kg
import kg.viz
from tests import realtools
from tests.realtools import block_non_local, require

pytestmark = pytest.mark.real
browser = pytest.fixture(scope="module")(realtools.browser_session)

HOSTILE_LABEL = "<img src=x onerror=window.__xss=1>Mohammed Al-Hassan</script><script>window.__xss=2</script>"
HOSTILE_ALIASES = ["<svg onload=window.__xss=3>", "x href=javascript:window.__xss=4 \u2028y"]
SENTENCE = "Al-Hassan briefed Zarif on UNAMI’s latest efforts in Iraq."
HOSTILE_SENTENCE = ("Al-Hassan briefed Zarif on UNAMI’s latest efforts in Iraq <img src=x onerror=window.__xss=5> "
                    "<a href='javascript:window.__xss=6'>more</a></script><script>window.__xss=7</script>.")
EVIDENCE = ("Prime Minister Al-Sudani had traveled to Iran last month, where he engaged in talks focused on "
            "regional security and economic collaboration.")


class Opened:
    """An open page with what it did: requests blocked, console errors and uncaught exceptions."""

    def __init__(self, page: Any, blocked: list[str], errors: list[str]):
        self.page, self.blocked, self.errors = page, blocked, errors

    def js(self, expression: str, arg: Any = None) -> Any:
        return self.page.evaluate(expression, arg)

    def visible_ids(self) -> set[str]:
        return set(self.js("kgViz.nodesView.getIds()"))

    def point(self, node_id: str) -> tuple[float, float]:
        """Where a node is on the screen."""
        p = self.js("id => kgViz.network.canvasToDOM(kgViz.network.getPositions([id])[id])", node_id)
        box = self.page.locator("#canvas").bounding_box()
        return box["x"] + p["x"], box["y"] + p["y"]

    def search(self, text: str) -> None:
        self.page.fill("#query", text)
        self.page.click("#search button[type=submit]")

    def assert_clean(self) -> None:
        assert self.blocked == [], f"the page tried to reach other hosts: {self.blocked}"
        assert self.errors == [], self.errors


@contextlib.contextmanager
def opened(browser: Any, path: Path | None = None, *, html: str | None = None, timeout: float = 60) -> Iterator[Opened]:
    context = browser.new_context(viewport={"width": 1400, "height": 900})
    try:
        blocked = block_non_local(context)
        page = context.new_page()
        errors: list[str] = []
        page.on("console", lambda m: errors.append(f"{m.type}: {m.text}") if m.type in ("error", "warning") else None)
        page.on("pageerror", lambda e: errors.append(f"uncaught: {e}"))
        if path is not None:
            page.goto(path.as_uri(), wait_until="load")
            page.wait_for_selector("html[data-kg-ready='1']", timeout=timeout * 1000)
        else:
            page.set_content(html or "", wait_until="load")
        yield Opened(page, blocked, errors)
    finally:
        context.close()


@pytest.fixture(scope="module")
def seed_page(seed_graph, tmp_path_factory) -> Path:  # noqa: ANN001
    return kg.viz.write(seed_graph, tmp_path_factory.mktemp("viz") / "graph.html")


@pytest.fixture(scope="module")
def seed_view(seed_graph):  # noqa: ANN001
    return kg.viz.build_view(seed_graph)


# ------------------------------------------------------------------------------------------------ the tests


def test_page_draws_every_node_and_edge_offline(browser, seed_page: Path, seed_view) -> None:  # noqa: ANN001
    with opened(browser, seed_page) as o:
        counts = o.js("""() => [kgViz.nodes.length, kgViz.edges.length, kgViz.nodesView.length,
                                kgViz.edgesView.length, kgViz.network.body.nodeIndices.length,
                                kgViz.network.body.edgeIndices.length]""")
        assert counts == [len(seed_view.nodes), len(seed_view.edges)] * 3
        assert o.visible_ids() == {n["id"] for n in seed_view.nodes}
        drawn = o.js("() => kgViz.edges.get().map(e => [e.from, e.label, e.to])")
        assert sorted(map(tuple, drawn)) == sorted((e["from"], e["label"], e["to"]) for e in seed_view.edges)
        # The layout has settled and stays still.
        assert o.js("kgViz.network.physics.options.enabled") is False
        before = o.js("kgViz.network.getPositions()")
        o.page.wait_for_timeout(500)
        assert o.js("kgViz.network.getPositions()") == before
        assert o.page.title() == "diplomatic-kg"
        assert o.page.text_content("#status") == "31 of 31 entities · 63 of 63 relations"
        o.assert_clean()


@pytest.mark.parametrize(("query", "expected"), [
    ("Sudani", "id:mohammed-shia-al-sudani"),
    ("mohammed shia al sudani", "id:mohammed-shia-al-sudani"),
    ("UNAMI", "id:unami"),
    ("iraq’s national wisdom movement", "id:national-wisdom-movement"),
])
def test_search_focuses_the_entity(browser, seed_page: Path, seed_view, query: str, expected: str) -> None:  # noqa: ANN001
    label = next(n["label"] for n in seed_view.nodes if n["id"] == expected)
    with opened(browser, seed_page) as o:
        o.search(query)
        assert o.js("kgViz.network.getSelectedNodes()") == [expected]
        assert o.page.text_content("#details .title") == label
        # The colour drawn: the node's own (dimmed) or its class's (vis-network's options for it).
        dimmed = o.js("() => kgViz.nodes.getIds().filter(id => "
                      "kgViz.network.body.nodes[id].options.color.background === '#eceff3')")
        neighbours = set(o.js("id => kgViz.network.getConnectedNodes(id)", expected)) | {expected}
        assert set(dimmed) == {n["id"] for n in seed_view.nodes} - neighbours
        o.search("nobody at all")
        assert "No entity is called" in o.page.text_content("#message")
        o.assert_clean()


def test_type_and_date_filters_hide_what_they_should(browser, seed_page: Path, seed_graph, seed_view) -> None:  # noqa: ANN001
    everyone = {n["id"] for n in seed_view.nodes}
    meetings = {n["id"] for n in seed_view.nodes if n["cls"] == "Meeting"}
    with opened(browser, seed_page) as o:
        o.page.uncheck("#types input[value=Meeting]")
        assert o.visible_ids() == everyone - meetings
        shown_edges = o.js("() => kgViz.edgesView.get().map(e => [e.from, e.to])")
        assert shown_edges and not any(a in meetings or b in meetings for a, b in shown_edges)
        assert o.js("kgViz.network.body.nodeIndices.length") == len(everyone - meetings)
        o.page.check("#types input[value=Meeting]")
        assert o.visible_ids() == everyone
        # The page's date filter keeps what --from/--to keeps.
        o.page.fill("#from", "2025-02-01")
        o.page.fill("#to", "2025-02-28")
        windowed = kg.viz.build_view(seed_graph, start="2025-02-01", end="2025-02-28")
        assert o.visible_ids() == {n["id"] for n in windowed.nodes}
        assert "id:pezeshkian-visit-to-baghdad-2024-09" not in o.visible_ids()
        o.page.click("#reset")
        assert o.visible_ids() == everyone
        assert o.page.input_value("#from") == ""
        o.assert_clean()


def test_tooltip_and_details_show_the_evidence(browser, seed_page: Path) -> None:  # noqa: ANN001
    visit = "id:al-sudani-visit-to-iran-2025-01"
    with opened(browser, seed_page) as o:
        o.js("id => kgViz.network.focus(id, {scale: 1.5})", visit)
        x, y = o.point(visit)
        o.page.mouse.move(x, y)
        tooltip = o.page.locator("div.vis-tooltip")
        tooltip.wait_for(state="visible", timeout=5000)
        text = tooltip.inner_text()
        assert text.startswith("Visit of Mohammed Shia' Al-Sudani to Iran (2025-01)\nVisit")
        assert "Date: 2025-01 (to the month; “last month”)" in text and EVIDENCE in text
        o.page.mouse.click(x, y)
        details = o.page.text_content("#details")
        assert EVIDENCE in details and "Iran pledges support for Iraq’s security, sovereignty (2025-02-07)" in details
        # A role edge shows its own evidence.
        o.js("() => kgViz.network.fit()")
        edge = o.js("() => kgViz.edges.get()"
                    ".findIndex(e => e.label === 'President' && e.from === 'id:abdul-latif-rashid')")
        o.js("i => kgViz.network.selectEdges(['e' + i])", edge)
        o.js("i => kgViz.network.emit('click', {nodes: [], edges: ['e' + i]})", edge)
        assert "Iraqi President Abdul Latif Rashid" in o.page.text_content("#details")
        o.page.click("#reset")
        assert o.js("kgViz.network.getSelectedNodes()") == []
        assert "Click a node" in o.page.text_content("#details")
        o.assert_clean()


def test_clicking_a_node_highlights_its_neighbourhood(browser, seed_page: Path) -> None:  # noqa: ANN001
    with opened(browser, seed_page) as o:
        x, y = o.point("id:mohammad-javad-zarif")
        o.page.mouse.click(x, y)
        assert o.js("kgViz.network.getSelectedNodes()") == ["id:mohammad-javad-zarif"]
        colours = o.js("() => Object.fromEntries(kgViz.nodes.getIds().map(id => "
                       "[id, kgViz.network.body.nodes[id].options.color.background]))")
        assert colours["id:iran"] != "#eceff3"  # his country
        assert colours["id:masoud-pezeshkian"] == "#eceff3"  # not a neighbour
        assert o.page.text_content("#details .title") == "Mohammad Javad Zarif"
        o.assert_clean()


def test_focus_option_opens_on_the_entity(browser, seed_graph, tmp_path: Path) -> None:  # noqa: ANN001
    path = kg.viz.write(seed_graph, tmp_path / "focus.html", focus="Pezeshkian", depth=1)
    with opened(browser, path) as o:
        assert o.js("kgViz.network.getSelectedNodes()") == ["id:masoud-pezeshkian"]
        assert o.visible_ids() == {"id:masoud-pezeshkian", "id:iran", "id:government-of-iran",
                                   "id:pezeshkian-visit-to-baghdad-2024-09"}
        o.assert_clean()


def _hostile_data(data: Path) -> Path:
    entities = data / "entities.yaml"
    text = entities.read_text(encoding="utf-8")
    original = "    label: Mohammed Al-Hassan\n    aliases: [Al-Hassan]\n"
    assert original in text
    aliases = ", ".join('"' + a.replace("\u2028", "\\u2028") + '"' for a in HOSTILE_ALIASES)
    entities.write_text(text.replace(original, f'    label: "{HOSTILE_LABEL}"\n    aliases: [Al-Hassan, {aliases}]\n'),
                        encoding="utf-8")
    for f in [*(data / "facts").glob("*.yaml"), *(data / "sources").glob("*.txt")]:
        text = f.read_text(encoding="utf-8")
        assert SENTENCE in text
        f.write_text(text.replace(SENTENCE, HOSTILE_SENTENCE), encoding="utf-8")
    return data


def test_hostile_labels_and_evidence_do_nothing(browser, data_copy: Path, tmp_path: Path) -> None:  # noqa: ANN001
    graph = kg.build(_hostile_data(data_copy))
    person = graph.nx.nodes[kg.vocab.ID_NS + "mohammed-al-hassan"]
    assert person["label"] == HOSTILE_LABEL  # the build kept the text as it is
    path = kg.viz.write(graph, tmp_path / "hostile.html", title="<script>window.__xss=8</script>")
    with opened(browser, path) as o:
        hassan, meeting = "id:mohammed-al-hassan", "id:zarif-meets-al-hassan-2025-02"
        o.js("id => kgViz.network.focus(id, {scale: 1.5})", hassan)
        x, y = o.point(hassan)
        o.page.mouse.move(x, y)
        o.page.locator("div.vis-tooltip").wait_for(state="visible", timeout=5000)
        assert HOSTILE_LABEL in o.page.locator("div.vis-tooltip").inner_text()
        o.page.mouse.click(x, y)
        assert o.page.text_content("#details .title") == HOSTILE_LABEL
        o.search("<svg onload")
        assert o.js("kgViz.network.getSelectedNodes()") == [hassan]
        details = o.page.text_content("#details")
        assert "<svg onload=window.__xss=3>" in details and "x href=javascript:window.__xss=4" in details
        o.js("id => kgViz.focus(id)", meeting)
        assert HOSTILE_SENTENCE in o.page.text_content("#details")
        o.page.wait_for_timeout(500)  # the focus animation
        x, y = o.point(meeting)
        o.page.mouse.move(x, y)
        o.page.locator("div.vis-tooltip").wait_for(state="visible", timeout=5000)
        assert "<img src=x onerror=window.__xss=5>" in o.page.locator("div.vis-tooltip").inner_text()
        names = o.js("() => Array.from(document.querySelectorAll('#names option')).map(e => e.value)")
        assert HOSTILE_LABEL in names
        assert o.page.title() == "<script>window.__xss=8</script>"
        assert o.page.text_content("#title") == "<script>window.__xss=8</script>"
        o.page.wait_for_timeout(300)
        assert o.js("typeof window.__xss") == "undefined"
        assert o.js("document.querySelectorAll('img, a, iframe, object, embed, svg[onload]').length") == 0
        assert o.js("document.scripts.length") == 3
        o.assert_clean()


def test_notebook_iframe_shows_the_same_page(browser, seed_graph, seed_view) -> None:  # noqa: ANN001
    shown = kg.viz.show(seed_graph)
    with opened(browser, html=shown._repr_html_()) as o:
        frame = o.page.frame_locator("iframe")
        frame.locator("html[data-kg-ready='1']").wait_for(state="attached", timeout=60_000)
        inner = next(f for f in o.page.frames if f != o.page.main_frame)
        assert inner.evaluate("[kgViz.nodesView.length, kgViz.edgesView.length]") == [
            len(seed_view.nodes), len(seed_view.edges)]
        o.assert_clean()


def _big_graph(nodes: int, edges: int) -> nx.MultiDiGraph:
    import random

    rnd = random.Random(3)
    G = nx.MultiDiGraph()
    people, meetings = nodes // 3, nodes - nodes // 3
    for i in range(people):
        G.add_node(f"urn:p{i}", type="dkg:Person", label=f"Person {i}", aliases=[f"P{i}"])
    for i in range(meetings):
        G.add_node(f"urn:m{i}", type="dkg:Meeting", label=f"Meeting {i}", aliases=[],
                   **{"dkg:evidence": f"They met ({i})."})
    added = set()
    while len(added) < edges:
        e = (f"urn:m{rnd.randrange(meetings)}", f"urn:p{rnd.randrange(people)}")
        if e not in added:
            added.add(e)
            G.add_edge(*e, key="dkg:participant", sources=[])
    return G


def test_thousands_of_nodes_open_within_seconds_and_hold_still(browser, tmp_path: Path) -> None:  # noqa: ANN001
    path = kg.viz.write(_big_graph(3000, 12000), tmp_path / "big.html", everything=True)  # not the overview
    with opened(browser, path, timeout=90) as o:
        assert o.js("[kgViz.nodesView.length, kgViz.edgesView.length]") == [3000, 12000]
        assert o.js("kgViz.network.physics.options.enabled") is False
        before = o.js("kgViz.network.getPositions(['urn:p1', 'urn:m7'])")
        box = o.page.locator("#canvas").bounding_box()
        o.page.mouse.move(box["x"] + 200, box["y"] + 200)
        o.page.mouse.down()
        o.page.mouse.move(box["x"] + 300, box["y"] + 260, steps=3)  # pan
        o.page.mouse.up()
        o.page.wait_for_timeout(300)
        assert o.js("kgViz.network.getPositions(['urn:p1', 'urn:m7'])") == before
        o.search("P17")
        assert o.js("kgViz.network.getSelectedNodes()") == ["urn:p17"]
        o.assert_clean()


def test_screenshot_module(seed_page: Path, tmp_path: Path) -> None:
    ok, why = realtools.playwright_available()
    require("Chromium", ok, why)
    png = tmp_path / "shot.png"
    proc = subprocess.run([sys.executable, "-m", "kg.viz.screenshot", str(seed_page), str(png), "--width", "900",
                           "--height", "600", "--select", "Zarif"], capture_output=True, text=True, timeout=180)
    assert proc.returncode == 0, proc.stderr
    head = png.read_bytes()[:24]
    assert head[:8] == b"\x89PNG\r\n\x1a\n"
    assert struct.unpack(">II", head[16:24]) == (900, 600)
    proc = subprocess.run([sys.executable, "-m", "kg.viz.screenshot", str(tmp_path / "none.html"), str(png)],
                          capture_output=True, text=True, timeout=60)
    assert proc.returncode == 1 and "no page at" in proc.stderr
