"""The served views in-process (``kg.serve.views``): routes, errors, and the page's permission to ask its server."""

from __future__ import annotations

import json
import re
import time
from pathlib import Path

import pytest

from kg.serve import App, Settings
from kg.serve.protocol import HTTPError


@pytest.fixture(scope="module")
def app(seed_graph):
    with App.open(seed_graph, Settings(workers=1)) as a:
        assert a.views.wait(60)
        yield a


def get(app, path: str, query: str = ""):
    status, headers, body = app.handle("GET", path, query)
    return status, dict(headers), body


def test_ready_and_the_page(app) -> None:
    status, _, body = get(app, "/views/ready")
    assert status == 200 and json.loads(body)["ready"] is True
    status, headers, body = get(app, "/views")
    html = body.decode("utf-8")
    assert status == 200 and headers["Content-Type"].startswith("text/html")
    assert "connect-src 'self'" in html and '"serve":{"neighbourhood":"/views/neighbourhood"' in html


def test_the_page_asks_for_its_details(app, seed_graph) -> None:
    """The served page carries what is drawn, not the details panel's fields: /views/details gives them."""
    import kg.viz

    html = get(app, "/views")[2].decode("utf-8")
    data = json.loads(re.search(r'id="kg-data">(.*?)</script>', html, re.S).group(1))
    assert data["serve"]["details"] == "/views/details"
    assert data["nodes"] and all("details" not in n for n in data["nodes"]) and data["sources"] == []
    assert all("sources" not in e for e in data["edges"])
    full = kg.viz.page_data(kg.viz.build_view(seed_graph))
    assert [n["id"] for n in data["nodes"]] == [n["id"] for n in full["nodes"]]
    zarif = next(n for n in full["nodes"] if n["label"] == "Mohammad Javad Zarif")
    status, headers, body = get(app, "/views/details", "node=" + zarif["id"])
    assert status == 200 and headers["Content-Type"] == "application/json"
    assert json.loads(body) == {"details": zarif["details"]} and zarif["details"]
    i, edge = next((i, e) for i, e in enumerate(full["edges"]) if e["sources"])
    status, _, body = get(app, "/views/details", f"edge={i}")
    assert json.loads(body) == {"details": edge.get("details", []),
                                "sources": [full["sources"][k][1] for k in edge["sources"]]}


def test_neighbourhood_is_the_view_of_the_focus(app, seed_graph) -> None:
    import kg.viz

    status, _, body = get(app, "/views/neighbourhood", "focus=Al-Sudani&depth=2")
    assert status == 200
    got = json.loads(body)
    expected = kg.viz.build_view(seed_graph, focus="Al-Sudani", depth=2)
    assert sorted(n["id"] for n in got["nodes"]) == sorted(n["id"] for n in expected.nodes)
    assert got["focus"] == "id:mohammed-shia-al-sudani"


def test_slice_keeps_the_period(app) -> None:
    status, _, body = get(app, "/views/slice", "start=2024-09&end=2024-09")
    assert status == 200
    events = [n["id"] for n in json.loads(body)["nodes"] if n["cls"] in ("Meeting", "Visit", "Conference")]
    assert events == ["id:pezeshkian-visit-to-baghdad-2024-09"]


@pytest.mark.parametrize(("path", "query", "status", "words"), [
    ("/views/neighbourhood", "", 400, "focus is required"),
    ("/views/neighbourhood", "focus=Zarf", 404, "did you mean"),
    ("/views/neighbourhood", "focus=zarif&depth=9", 400, "depth"),
    ("/views/slice", "", 400, "give start, end or both"),
    ("/views/slice", "start=2025-13", 400, "2025-13"),
    ("/views/details", "", 400, "give node=ID or edge=N"),
    ("/views/details", "node=id:nobody", 404, "no entity"),
    ("/views/details", "edge=99999", 404, "no relation"),
    ("/views/details", "edge=%C2%B2", 404, "no relation"),
])
def test_bad_requests(app, path: str, query: str, status: int, words: str) -> None:
    got, headers, body = get(app, path, query)
    assert got == status and headers["Content-Type"] == "application/json"
    assert words in json.loads(body)["error"]


def test_answers_are_kept_and_follow_the_served_generation(seed_graph, tmp_path) -> None:
    """A neighbourhood asked twice is the same bytes; when the store served changes (a newer build), the views of
    the new one take over once prepared, and the old ones answer meanwhile."""
    from pyoxigraph import Literal, NamedNode, Quad, RdfFormat, Store

    from kg.serve.views import Views
    from kg.serve.workers import prepare_store
    from kg.vocab import DKG, ID_NS, RDF_TYPE, RDFS

    (tmp_path / "a").mkdir()
    first = prepare_store(seed_graph, tmp_path / "a")
    (tmp_path / "b").mkdir()
    store = Store(str(tmp_path / "b" / "store"))
    store.bulk_load(seed_graph.store.dump(format=RdfFormat.N_QUADS), format=RdfFormat.N_QUADS)
    ann = NamedNode(ID_NS + "ann-invented")  # an invented person, in the newer build only
    store.extend([Quad(ann, NamedNode(RDF_TYPE), NamedNode(DKG.Person)),
                  Quad(ann, NamedNode(RDFS.label), Literal("Ann Invented"))])
    store.flush()
    del store
    served = [first]
    views = Views(lambda: served[0])
    assert views.wait(60)
    params = {"focus": ["Al-Sudani"], "depth": ["1"]}
    once, again = views.neighbourhood(params), views.neighbourhood(params)
    assert once[0] == 200 and once[2] is again[2]  # the kept answer itself
    with pytest.raises(HTTPError) as missing:
        views.neighbourhood({"focus": ["ann-invented"]})
    assert missing.value.status == 404
    served[0] = str(tmp_path / "b" / "store")
    status, _, body = views.neighbourhood(params)  # answered at once, by the views of the first build
    assert status == 200
    for _ in range(600):
        if views.current.path == served[0]:
            break
        time.sleep(0.1)
    assert views.current.path == served[0]
    status, _, body = views.neighbourhood({"focus": ["ann-invented"]})
    assert status == 200 and [n["label"] for n in json.loads(body)["nodes"]] == ["Ann Invented"]
    assert json.loads(views.ready({})[2])["generation"] == Path(served[0]).parent.name
