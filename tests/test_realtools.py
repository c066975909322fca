"""Proof that tests/realtools.py drives the real components (rapper, Jena, Virtuoso, Chromium)."""

from __future__ import annotations

import os
import socket
import time
from pathlib import Path

import pytest

from tests import realtools
from tests.realtools import (
    VirtuosoServer,
    block_non_local,
    jena_arq,
    jena_classpath,
    listening_addresses,
    port_is_free,
    rapper_path,
    rapper_validate,
    require,
    riot_validate,
)

VALID_TTL = """\
@prefix ex: <http://example.org/kg/> .
@prefix xsd: <http://www.w3.org/2001/XMLSchema#> .
ex:a ex:name "Zürich"@de ; ex:count "3"^^xsd:integer .
"""
BROKEN_TTL = """\
@prefix ex: <http://example.org/kg/> .
ex:a ex:name "unterminated ;
"""
BAD_LITERAL_TTL = """\
@prefix ex: <http://example.org/kg/> .
@prefix xsd: <http://www.w3.org/2001/XMLSchema#> .
ex:a ex:count "abc"^^xsd:integer .
"""

NT = (
    '<http://example.org/kg/a> <http://example.org/kg/name> "Zürich – 東京 \\"q\\""@de .\n'
    '<http://example.org/kg/a> <http://example.org/kg/label> "Ελλάδα"@el-GR .\n'
    '<http://example.org/kg/a> <http://example.org/kg/count> "3"^^<http://www.w3.org/2001/XMLSchema#int> .\n'
    "<http://example.org/kg/a> <http://example.org/kg/knows> <http://example.org/kg/b> .\n"
).encode()


def _write(tmp_path: Path, name: str, text: str) -> Path:
    path = tmp_path / name
    path.write_text(text, encoding="utf-8")
    return path


def _need_rapper() -> None:
    __tracebackhide__ = True
    require("rapper", rapper_path() is not None, "rapper not found (Debian package raptor2-utils)")


def _need_jena() -> None:
    __tracebackhide__ = True
    require("Apache Jena", jena_classpath() is not None, "java or Jena jars missing (libapache-jena-java)")


# ------------------------------------------------------------------------------------------------ require


def test_require_skips_without_flag_and_fails_with_it(monkeypatch: pytest.MonkeyPatch) -> None:
    require("anything", True, "never raised")
    monkeypatch.delenv("KG_REQUIRE_REAL", raising=False)
    with pytest.raises(pytest.skip.Exception, match="not here"):
        require("tool", False, "not here")
    monkeypatch.setenv("KG_REQUIRE_REAL", "1")
    with pytest.raises(pytest.fail.Exception, match="KG_REQUIRE_REAL=1.*not here"):
        require("tool", False, "not here")


# ------------------------------------------------------------------------------------------------- rapper


@pytest.mark.real
def test_rapper_accepts_valid_and_rejects_broken(tmp_path: Path) -> None:
    _need_rapper()
    ok, out = rapper_validate(_write(tmp_path, "good.ttl", VALID_TTL))
    assert ok, out
    ok, out = rapper_validate(_write(tmp_path, "broken.ttl", BROKEN_TTL))
    assert not ok
    assert "broken.ttl" in out and "rror" in out
    ok, out = rapper_validate(_write(tmp_path, "g.nt", NT.decode()), "ntriples")
    assert ok, out
    # The known blind spot: rapper does not check literal values.
    assert rapper_validate(_write(tmp_path, "bad_literal.ttl", BAD_LITERAL_TTL))[0]


@pytest.mark.real
def test_rapper_never_takes_a_missing_file_for_a_url(tmp_path: Path) -> None:
    _need_rapper()
    with pytest.raises(FileNotFoundError):
        rapper_validate(tmp_path / "missing.ttl")


# --------------------------------------------------------------------------------------------- Apache Jena


@pytest.mark.real
def test_riot_accepts_valid_and_rejects_what_rapper_misses(tmp_path: Path) -> None:
    _need_jena()
    t0 = time.monotonic()
    ok, out = riot_validate(_write(tmp_path, "good.ttl", VALID_TTL))
    seconds = time.monotonic() - t0
    assert ok, out
    assert seconds < 60, f"riot took {seconds:.1f} s"
    ok, out = riot_validate(_write(tmp_path, "g.nt", NT.decode()))
    assert ok, out
    ok, out = riot_validate(_write(tmp_path, "bad_literal.ttl", BAD_LITERAL_TTL))
    assert not ok
    assert "abc" in out and "integer" in out, out
    ok, out = riot_validate(_write(tmp_path, "broken.ttl", BROKEN_TTL))
    assert not ok and out


@pytest.mark.real
def test_jena_classpath_carries_the_xerces_fix() -> None:
    _need_jena()
    cp = jena_classpath()
    assert cp is not None
    fix = Path(cp.split(os.pathsep)[0])
    assert (fix / "xerces/impl/msg/XMLSchemaMessages.properties").is_file()


@pytest.mark.real
def test_jena_arq_answers_select_and_ask(tmp_path: Path) -> None:
    _need_jena()
    data = _write(tmp_path, "g.nt", NT.decode())
    result = jena_arq(data, "SELECT ?o WHERE { ?s <http://example.org/kg/label> ?o }")
    assert result["head"]["vars"] == ["o"]
    [row] = result["results"]["bindings"]
    assert row["o"] == {"type": "literal", "value": "Ελλάδα", "xml:lang": "el-GR"}
    assert jena_arq(data, "ASK { ?s <http://example.org/kg/knows> ?o }")["boolean"] is True
    with pytest.raises(RuntimeError, match="arq failed"):
        jena_arq(data, "SELECT WHERE {")


# ------------------------------------------------------------------------------------------------ Virtuoso


@pytest.mark.real
def test_virtuoso_loads_answers_and_stops(tmp_path: Path) -> None:
    ok, why = realtools.virtuoso_available()
    require("Virtuoso", ok, why)
    with VirtuosoServer() as v:
        assert v.start_seconds is not None and v.start_seconds < 60
        assert v.process is not None
        ports = {v.sql_port, v.http_port}
        listening = listening_addresses(v.process.pid)
        assert {port for _, port in listening} >= ports, listening
        assert all(host.startswith("127.") for host, _ in listening), listening
        server_dir = v.dir
        assert server_dir is not None and server_dir.is_dir()

        graph = "http://example.org/kg/graph/test"
        assert v.put_ntriples(graph, NT) == 201
        rows = v.select(f"SELECT ?p ?o WHERE {{ GRAPH <{graph}> {{ <http://example.org/kg/a> ?p ?o }} }}")
        got = {(r["p"]["value"], r["o"]["value"], r["o"].get("xml:lang", "").lower()) for r in rows}
        assert got == {
            ("http://example.org/kg/name", 'Zürich – 東京 "q"', "de"),
            ("http://example.org/kg/label", "Ελλάδα", "el-gr"),  # Virtuoso lowercases language tags
            ("http://example.org/kg/count", "3", ""),
            ("http://example.org/kg/knows", "http://example.org/kg/b", ""),
        }
        assert v.put_ntriples(graph, b"<http://example.org/kg/x> <http://example.org/kg/p> .\n") >= 400
    assert v.process is None
    assert not server_dir.exists()
    for port in ports:
        assert port_is_free(port), f"port {port} still taken after stop"
        with pytest.raises(ConnectionRefusedError), socket.create_connection(("127.0.0.1", port), timeout=5):
            pass


@pytest.mark.real
def test_virtuoso_that_never_answers_gives_the_log_and_is_killed() -> None:
    ok, why = realtools.virtuoso_available()
    require("Virtuoso", ok, why)
    v = VirtuosoServer(start_timeout=0.01)
    with pytest.raises(RuntimeError, match=r"(?s)did not answer.*virtuoso") as info:
        v.start()
    assert "---" in str(info.value)  # the log tail is in the message
    assert v.process is None and v.dir is None
    assert port_is_free(v.http_port) and port_is_free(v.sql_port)


# The session generators become fixtures by wrapping them (module scope here, session scope in a conftest).
virtuoso = pytest.fixture(scope="module")(realtools.virtuoso_session)
browser = pytest.fixture(scope="module")(realtools.browser_session)


@pytest.mark.real
def test_virtuoso_fixture_wrapper(virtuoso: VirtuosoServer) -> None:
    assert virtuoso.sparql_url.startswith("http://127.0.0.1:")
    assert virtuoso.crud_url.endswith("/sparql-graph-crud-auth")
    assert virtuoso.put_ntriples("urn:kg:fixture", NT) == 201
    assert virtuoso.query_json("ASK { GRAPH <urn:kg:fixture> { ?s ?p ?o } }")["boolean"] is True


def test_virtuoso_refuses_non_loopback_hosts() -> None:
    with pytest.raises(ValueError, match="loopback"):
        VirtuosoServer(host="0.0.0.0")


# ------------------------------------------------------------------------------------------------ Chromium

PAGE = """\
<!doctype html>
<html><head><meta charset="utf-8"><title>Rencontre à Genève – 会談</title>
<link rel="stylesheet" href="https://cdn.example.com/style.css">
<script src="https://cdn.example.com/lib.js"></script></head>
<body><h1 id="h">ok</h1><img src="http://example.org/pixel.png"></body></html>
"""


@pytest.mark.real
def test_chromium_reads_a_local_page_and_blocks_the_network(browser, tmp_path: Path) -> None:  # noqa: ANN001
    page_file = _write(tmp_path, "page.html", PAGE)
    context = browser.new_context()
    try:
        blocked = block_non_local(context)
        page = context.new_page()
        page.goto(page_file.as_uri(), wait_until="load")
        assert page.title() == "Rencontre à Genève – 会談"
        assert page.text_content("#h") == "ok"
        assert sorted(blocked) == [
            "http://example.org/pixel.png",
            "https://cdn.example.com/lib.js",
            "https://cdn.example.com/style.css",
        ]
        page.goto("data:text/html;charset=utf-8,<title>données</title><p>x</p>")
        assert page.title() == "données"
        assert len(blocked) == 3
    finally:
        context.close()


def _profile_path(page) -> Path:  # noqa: ANN001 - a playwright Page
    page.goto("chrome://version")
    return Path(page.text_content("#profile_path") or "").parent


@pytest.mark.real
def test_chromium_runs_on_a_fresh_profile(browser) -> None:  # noqa: ANN001 - a playwright Browser
    page = browser.new_page()
    try:
        assert _profile_path(page).name.startswith("playwright_chromiumdev_profile-")
    finally:
        page.close()


@pytest.mark.real
def test_chromium_profile_is_fresh_and_removed(browser) -> None:  # noqa: ANN001 - a playwright Browser
    with realtools.chromium_profile(browser.browser_type) as context:
        blocked = block_non_local(context)
        profile = _profile_path(context.new_page())
        assert profile.name.startswith("kg-chromium-profile-") and profile.is_dir(), profile
        page = context.new_page()  # chrome:// pages enforce Trusted Types: set_content needs a new page
        page.set_content("<title>profil</title><img src='https://example.net/a.png'>")
        page.wait_for_load_state("load")
        assert page.title() == "profil"
        assert blocked == ["https://example.net/a.png"]
    assert not profile.exists()
