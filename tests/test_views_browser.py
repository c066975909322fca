"""The analyst's views in headless Chromium: dossier pages, the visualizer's timeline, the overview of a large graph
and the served page that opens neighbourhoods on demand. Every request that is not to loopback is aborted and
recorded; console errors fail the test.
"""

from __future__ import annotations

import contextlib
import threading
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest

import kg
import kg.viz
from kg.profile import dossier, write
from tests import realtools
from tests.realtools import block_non_local

pytestmark = pytest.mark.real
browser = pytest.fixture(scope="module")(realtools.browser_session)


@contextlib.contextmanager
def opened(browser: Any, url: str, *, ready: bool = True) -> Iterator[Any]:
    context = browser.new_context(viewport={"width": 1400, "height": 900})
    try:
        blocked = block_non_local(context)
        page = context.new_page()
        errors: list[str] = []
        page.on("console", lambda m: errors.append(f"{m.type}: {m.text}") if m.type in ("error", "warning") else None)
        page.on("pageerror", lambda e: errors.append(f"uncaught: {e}"))
        page.goto(url, wait_until="load")
        if ready:
            page.wait_for_selector("html[data-kg-ready='1']", timeout=60_000)
        page.kg_blocked, page.kg_errors = blocked, errors
        yield page
        assert blocked == [], blocked
        assert errors == [], errors
    finally:
        context.close()


def test_actor_dossier_shows_the_facts(browser, seed_graph, tmp_path: Path) -> None:  # noqa: ANN001
    (path,) = write(dossier(seed_graph, "Al-Sudani"), tmp_path / "al-sudani.html")
    with opened(browser, path.as_uri()) as page:
        assert page.text_content("#title") == "Mohammed Shia' Al-Sudani"
        assert page.locator("nav a").all_text_contents() == [
            "Posts held", "Events", "Statements made", "Counterparts", "Sources", "Conflicts between sources"]
        heads = page.locator("#events li.item h3").all_text_contents()
        assert heads == ["2025-01 (month) · Visit of Mohammed Shia' Al-Sudani to Iran (2025-01)",
                         "2025-02-06 · Meeting of Mohammad Javad Zarif and Mohammed Shia' Al-Sudani (2025-02-06)"]
        quotes = page.locator("#events blockquote").all_text_contents()
        assert any(q.startswith("Prime Minister Al-Sudani had traveled to Iran last month") for q in quotes)
        assert page.locator("#posts figure svg polygon").count() == 1  # attested on one day: one diamond
        assert page.locator("#events figure svg circle").count() == 1  # the meeting, known to the day
        assert page.locator("#events figure svg rect[fill-opacity]").count() == 1  # the visit, a month
        assert page.text_content("#counterparts td") == "Mohammad Javad Zarif"


def test_organization_page_shows_its_posts(browser, seed_graph, tmp_path: Path) -> None:  # noqa: ANN001
    (path,) = write(dossier(seed_graph, "Government of Iraq"), tmp_path / "org.html")
    with opened(browser, path.as_uri()) as page:
        assert page.text_content("#title") == "Government of Iraq"
        assert page.locator("#posts figure svg polygon").count() == 1  # Al-Sudani's post, attested on one day
        assert "Mohammed Shia' Al-Sudani" in page.text_content("#posts")


def test_country_and_pair_and_source_pages(browser, seed_graph, tmp_path: Path) -> None:  # noqa: ANN001
    for name, title, section in [("Iraq", "Iraq", "#pairs"), ("Iran,Iraq", "Iran and Iraq", "#pairs"),
                                 ("zarif-visits-iraq-2025-02-07", "Iran pledges support for Iraq’s security, "
                                  "sovereignty", "#facts")]:
        (path,) = write(dossier(seed_graph, name), tmp_path / "p.html")
        with opened(browser, path.as_uri()) as page:
            assert page.text_content("#title") == title
            assert page.locator(section).count() == 1
            if section == "#facts":
                assert page.locator("#facts li.item").count() == 32
            else:
                assert page.locator("#pairs svg rect").count() > 0


def test_hostile_label_in_a_dossier_does_nothing(browser, data_copy: Path, tmp_path: Path) -> None:  # noqa: ANN001
    hostile = "<img src=x onerror=window.__xss=1>Rashid</script><script>window.__xss=2</script>"
    path = data_copy / "entities.yaml"
    path.write_text(path.read_text(encoding="utf-8").replace("label: Abdul Latif Rashid", f'label: "{hostile}"'),
                    encoding="utf-8")
    g = kg.build(data_copy, shacl=False)
    (out,) = write(dossier(g, "abdul-latif-rashid"), tmp_path / "r.html")
    with opened(browser, out.as_uri()) as page:
        assert page.text_content("#title") == hostile
        assert page.evaluate("window.__xss") is None and page.locator("#sections img").count() == 0


def test_timeline_is_linked_with_the_graph(browser, seed_graph, tmp_path: Path) -> None:  # noqa: ANN001
    path = kg.viz.write(seed_graph, tmp_path / "graph.html")
    view = kg.viz.build_view(seed_graph)
    events = {n["id"]: n for n in view.nodes if n["cls"] in ("Meeting", "Visit", "Conference")}
    with opened(browser, path.as_uri()) as page:
        shapes = page.evaluate("""() => Array.from(document.querySelectorAll('#timeline .ev'))
            .map(e => [e.dataset.id, e.tagName])""")
        assert {i for i, _ in shapes} == {i for i, n in events.items() if n["start"] or n["end"]}
        # A day is a point; a month or an unknown day is a bar between the bounds.
        for ident, tag in shapes:
            n = events[ident]
            assert tag == ("circle" if n["start"] and n["start"] == n["end"] else "rect"), ident
        # Select on the graph: the timeline keeps the node's events and dims the others.
        page.fill("#query", "Al-Sudani")
        page.click("#search button[type=submit]")
        dim = set(page.evaluate(
            "() => Array.from(document.querySelectorAll('#timeline .ev.dim')).map(e => e.dataset.id)"))
        assert set(events) - dim == {"id:al-sudani-visit-to-iran-2025-01", "id:zarif-meets-al-sudani-2025-02-06"}
        # Select on the timeline: the graph selects the event and shows its details.
        page.click("#timeline .ev[data-id='id:pezeshkian-visit-to-baghdad-2024-09']")
        assert page.evaluate("kgViz.network.getSelectedNodes()") == ["id:pezeshkian-visit-to-baghdad-2024-09"]
        assert page.text_content("#details .title") == "Visit of Masoud Pezeshkian to Baghdad (2024-09)"
        # The same date filter as the graph.
        page.fill("#from", "2025-02-06")
        page.dispatch_event("#from", "change")
        kept = set(page.evaluate("() => Array.from(document.querySelectorAll('#timeline .ev')).map(e => e.dataset.id)"))
        assert "id:pezeshkian-visit-to-baghdad-2024-09" not in kept and "id:zarif-meets-al-sudani-2025-02-06" in kept
        assert kept <= set(page.evaluate("kgViz.nodesView.getIds()"))


def test_a_large_graph_opens_on_an_overview(browser, tmp_path: Path) -> None:  # noqa: ANN001
    from kg.generate import generate
    from kg.graph import KnowledgeGraph

    nq = tmp_path / "g.nq"
    generate(nq, triples=150_000)
    g = KnowledgeGraph.load(nq)
    full = kg.viz.build_view(g)
    assert len(full.nodes) > 2000
    path = kg.viz.write(g, tmp_path / "big.html")
    assert path.stat().st_size < 10_000_000
    with opened(browser, path.as_uri()) as page:
        notice = page.text_content("#notice")
        assert notice.startswith(f"Overview of {len(full.nodes):,} entities") and "kg serve" in notice
        assert page.evaluate("kgViz.nodes.length") < 1000
        assert page.evaluate("() => kgViz.data.edges.some(e => e.relation === 'dkg:eventsBetween')")
        # The busiest periods: a bar per month with events, as many as the data says; a click filters to it.
        months = kg.viz.auto_view(g).periods["months"]
        assert len(months) > 12 and page.locator("#periods .month").count() == len(months)
        month, count = sorted(months, key=lambda t: (-t[1], t[0]))[0]
        assert page.text_content("#periods-status").startswith(f"busiest: {month} ({count})")
        column = page.locator(f"#periods .month[data-month='{month}']")
        assert column.get_attribute("data-count") == str(count)
        assert column.locator("title").text_content() == f"{month}: {count} events"
        heights = {m: float(page.get_attribute(f"#periods .month[data-month='{m}'] .count", "height"))
                   for m, _ in months[:5] + [(month, count)]}
        assert heights[month] == max(heights.values()) == 56
        column.click()
        first, last = page.input_value("#from"), page.input_value("#to")
        assert first == month + "-01" and last[:7] == month and column.get_attribute("class") == "month sel"
        shown = page.evaluate("() => kgViz.data.nodes.filter(n => n.start && kgViz.nodesView.get(n.id))"
                              ".map(n => [n.start, n.end])")
        assert shown and all(start <= last and end >= first for start, end in shown)
        page.click("#reset")
        assert page.locator("#periods .month.sel").count() == 0


def test_served_page_opens_neighbourhoods_on_demand(browser, seed_graph, monkeypatch) -> None:  # noqa: ANN001
    import kg.viz.overview as overview
    from kg.serve import App, Settings, make_server

    monkeypatch.setattr(overview, "OVERVIEW_NODES", 10)  # the seed's 31 entities: an overview, to go down from
    monkeypatch.setattr(overview, "TOP_ACTORS", 2)
    with App.open(seed_graph, Settings(workers=1, port=0)) as app:
        server = make_server(app)
        threading.Thread(target=server.serve_forever, daemon=True).start()
        try:
            assert app.views.wait(60)
            with opened(browser, app.base_url + "/views") as page:
                before = set(page.evaluate("kgViz.nodes.getIds()"))
                assert "id:zarif-meets-al-sudani-2025-02-06" not in before
                assert page.text_content("#notice").startswith("Overview of 31 entities")
                # The page has no details inline: a click asks the server, and the panel shows its answer.
                person = page.evaluate("() => kgViz.data.nodes.find(n => n.cls === 'Person').id")
                assert page.evaluate("id => kgViz.data.nodes.find(n => n.id === id).details", person) is None
                page.evaluate("id => kgViz.focus(id)", person)
                page.wait_for_function("() => !document.querySelector('#details .hint')")
                fields = kg.viz.page_data(kg.viz.build_view(seed_graph))["nodes"]
                expected_fields = next(n["details"] for n in fields if n["id"] == person)
                assert page.locator("#details h3").all_text_contents() == [f[0] for f in expected_fields]
                assert page.locator("#details li").all_text_contents() == [v for f in expected_fields for v in f[1]]
                count = page.evaluate("id => kgViz.openNeighbourhood(id)", "id:mohammad-javad-zarif")
                shown = set(page.evaluate("kgViz.nodes.getIds()"))
                expected = kg.viz.build_view(seed_graph, focus="Zarif", depth=1)
                assert shown == {n["id"] for n in expected.nodes} and count == len(shown)
                assert "id:zarif-meets-al-sudani-2025-02-06" in shown  # one step from Zarif
                assert page.evaluate("kgViz.network.getSelectedNodes()") == ["id:mohammad-javad-zarif"]
                assert page.text_content("#details .title") == "Mohammad Javad Zarif"
                assert page.locator("#timeline .ev").count() == sum(1 for n in expected.nodes if n.get("start"))
                page.click("#reset")  # "Whole graph": back to the overview
                assert set(page.evaluate("kgViz.nodes.getIds()")) == before
                assert page.text_content("#notice").startswith("Overview of 31 entities")
                page.fill("#from", "2024-09-01")
                page.fill("#to", "2024-09-30")
                page.evaluate("() => kgViz.openPeriod()")
                assert "id:pezeshkian-visit-to-baghdad-2024-09" in page.evaluate("kgViz.nodes.getIds()")
                # "Whole graph" while an answer is on its way: the late answer does not replace the overview
                # (typing the two dates above fired a fetch each, not awaited, which may come after).
                late = page.evaluate("() => { const p = kgViz.openPeriod(); "
                                     "document.getElementById('reset').click(); return p; }")
                assert late == 0 and set(page.evaluate("kgViz.nodes.getIds()")) == before
                # A month of the chart of events per month: the page asks its server for that month's events.
                page.click("#reset")
                assert "id:pezeshkian-visit-to-baghdad-2024-09" not in page.evaluate("kgViz.nodes.getIds()")
                page.click("#periods .month[data-month='2024-09']")
                page.wait_for_function("() => kgViz.nodes.get('id:pezeshkian-visit-to-baghdad-2024-09') !== null")
                assert page.input_value("#from") == "2024-09-01" and page.input_value("#to") == "2024-09-30"
        finally:
            server.shutdown()
            server.server_close()
