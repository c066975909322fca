"""``kg query`` and ``kg search``: in-process through ``kg.cli.main``, and once for real as a subprocess."""

from __future__ import annotations

import csv
import io
import json
import re
import shutil
import subprocess
import sys
import xml.etree.ElementTree as ET

import pytest
from pyoxigraph import NamedNode, RdfFormat, parse

from kg.vocab import ID_NS

from .conftest import DATA, ROOT
from .conftest import run_kg as kg


def table(out: str) -> list[list[str]]:
    """The cells of a printed table (cells hold no two spaces in these tests), without the count line."""
    lines = [line for line in out.splitlines() if line and not line.startswith("(")]
    return [re.split(r" {2,}", line.strip()) for line in lines[2:]]


def test_named_question(capsys, built):
    code, out, _ = kg(capsys, "query", "meetings-of", "--param", "actor=Mohammed Shia' Al-Sudani",
                      "--graph", str(built))
    assert code == 0
    assert out.splitlines()[0].split() == ["meeting", "date", "place", "counterpart", "name", "roles", "topics",
                                           "status"]
    assert table(out)[0][:4] == ["id:zarif-meets-al-sudani-2025-02-06", "2025-02-06", "Baghdad",
                                 "id:mohammad-javad-zarif"]
    assert "Mohammad Javad Zarif" in out.splitlines()[2]
    assert out.endswith("(1 row)\n")


def test_named_question_from_the_data_folder_by_default(capsys, monkeypatch):
    monkeypatch.chdir(ROOT)
    code, out, _ = kg(capsys, "query", "visits-to", "-p", "place=Iraq")
    assert code == 0 and out.endswith("(2 rows)\n")
    code, out, _ = kg(capsys, "query", "visits-to", "-p", "place=Iraq", "--data", str(DATA), "-f", "csv")
    assert {r["visit"] for r in csv.DictReader(io.StringIO(out))} == {
        ID_NS + "zarif-visit-to-iraq-2025-02", ID_NS + "pezeshkian-visit-to-baghdad-2024-09"}


def test_list_and_show(capsys):
    code, out, _ = kg(capsys, "query", "--list")
    assert code == 0
    assert "meetings-of        actor=ACTOR [from=DATE] [to=DATE]          Meetings of an actor" in out, out
    assert "ACTOR    a person or organization, by id, label or alias" in out  # the types, from PARAM_TYPES
    code, out, _ = kg(capsys, "query", "role-holders", "--show")
    assert code == 0 and out.startswith("# title: Who held a role on a given day\n") and "org:role ?role" in out


@pytest.mark.parametrize("fmt", ["csv", "tsv", "json", "xml", "table"])
def test_select_formats(capsys, built, fmt):
    query = "SELECT ?city ?label WHERE { ?city a dkg:City ; rdfs:label ?label } ORDER BY ?city"
    code, out, _ = kg(capsys, "query", query, "--format", fmt, "--graph", str(built))
    assert code == 0
    if fmt == "csv":
        assert list(csv.reader(io.StringIO(out, newline=""))) == [
            ["city", "label"], [ID_NS + "baghdad", "Baghdad"], [ID_NS + "tehran", "Tehran"]]
    elif fmt == "tsv":
        assert out == f'?city\t?label\n<{ID_NS}baghdad>\t"Baghdad"\n<{ID_NS}tehran>\t"Tehran"\n'
    elif fmt == "json":
        bindings = json.loads(out)["results"]["bindings"]
        assert [b["label"]["value"] for b in bindings] == ["Baghdad", "Tehran"]
    elif fmt == "xml":
        ns = {"r": "http://www.w3.org/2005/sparql-results#"}
        assert [u.text for u in ET.fromstring(out).iterfind(".//r:uri", ns)] == [ID_NS + "baghdad", ID_NS + "tehran"]
    else:
        assert table(out) == [["id:baghdad", "Baghdad"], ["id:tehran", "Tehran"]] and out.endswith("(2 rows)\n")


@pytest.mark.parametrize(("fmt", "rdf"), [("turtle", RdfFormat.TURTLE), ("ntriples", RdfFormat.N_TRIPLES),
                                          ("table", RdfFormat.TURTLE)])
def test_graph_results(capsys, built, fmt, rdf):
    code, out, _ = kg(capsys, "query", "CONSTRUCT WHERE { ?c dkg:locatedIn ?x }", "-f", fmt, "--graph", str(built))
    assert code == 0
    assert {(t.subject.value, t.object.value) for t in parse(out, format=rdf)} == {
        (ID_NS + "baghdad", ID_NS + "iraq"), (ID_NS + "tehran", ID_NS + "iran")}
    code, out, _ = kg(capsys, "query", "DESCRIBE id:iraq", "-f", fmt, "--graph", str(built), "--graphs", "merged")
    assert NamedNode(ID_NS + "iraq") in {t.subject for t in parse(out, format=rdf)}


def test_ask(capsys, built):
    assert kg(capsys, "query", "ASK { id:baghdad dkg:locatedIn id:iraq }", "--graph", str(built))[1] == "true\n"
    code, out, _ = kg(capsys, "query", "ASK { id:baghdad dkg:locatedIn id:iran }", "-f", "json", "--graph", str(built))
    assert code == 0 and json.loads(out) == {"head": {}, "boolean": False}


def test_query_files_and_stdin(capsys, built, tmp_path, monkeypatch):
    plain = tmp_path / "cities.rq"
    plain.write_text("# cities\nSELECT ?c ?country WHERE { ?c dkg:locatedIn ?country }\n", encoding="utf-8")
    code, out, _ = kg(capsys, "query", str(plain), "-p", "country=id:iran", "-f", "csv", "--graph", str(built))
    assert code == 0 and out.splitlines()[1] == f"{ID_NS}tehran,{ID_NS}iran"
    typed = tmp_path / "cities-in.rq"
    typed.write_text('# title: Cities in a country\n# param: country country "the country"\n'
                     "SELECT ?c ?country WHERE { ?c dkg:locatedIn ?country }\n", encoding="utf-8")
    code, out, _ = kg(capsys, "query", str(typed), "-p", "country=Iraq", "-f", "csv", "--graph", str(built))
    assert code == 0 and out.splitlines() == ["c", f"{ID_NS}baghdad"]  # the parameter is hidden
    monkeypatch.setattr(sys, "stdin", io.StringIO("ASK { ?x a dkg:Conference }"))
    assert kg(capsys, "query", "-", "--graph", str(built))[1] == "true\n"
    code, _, err = kg(capsys, "query", str(tmp_path / "missing.rq"), "--graph", str(built))
    assert code == 1 and "cannot read the query file" in err
    (tmp_path / "latin1.rq").write_bytes("SELECT ?x { ?x rdfs:label 'é' }".encode("latin-1"))
    code, _, err = kg(capsys, "query", str(tmp_path / "latin1.rq"), "--graph", str(built))
    assert code == 1 and "cannot read the query file" in err and "utf-8" in err
    monkeypatch.chdir(tmp_path)
    (tmp_path / "evidence").write_text("ASK { ?x a dkg:Nothing }", encoding="utf-8")  # a file named as a question
    assert kg(capsys, "query", "evidence", "-p", "fact=Baghdad", "--graph", str(built))[1].endswith("(1 row)\n")


def test_empty_result(capsys, built):
    code, out, _ = kg(capsys, "query", "met-between", "-p", "from=2025-01-01", "-p", "to=2025-01-31", "--graph",
                      str(built))
    assert code == 0 and out.splitlines()[0].split() == ["a", "b", "meeting", "date", "earliest", "latest", "certain"]
    assert out.endswith("(0 rows)\n")


@pytest.mark.parametrize(("argv", "message"), [
    (["SELECT ?x WHERE {\n  ?x a dkg:Meeting\n"], "malformed query: line 3, column 1:"),
    (["SELECT ?x WHERE { ?x a nope:Meeting }"], "unknown prefix nope:"),
    (["SELECT * WHERE { SERVICE <http://example.org/sparql> { ?s ?p ?o } }"], "SERVICE is refused at line 1"),
    (["meetings-of", "-p", "actor=Zafir"], "no entity is called 'Zafir'; did you mean Mohammad Javad Zarif"),
    (["meetings-of", "-p", "actor=al"], "'al' is ambiguous, it names 4 entities: Ammar al-Hakim (ammar-al-hakim"),
    (["meetings-of"], "meetings-of needs the parameter actor"),
    (["meetings-of", "-p", "actor"], "--param takes NAME=VALUE"),
    (["meetings-of", "-p", "actor=zarif", "-p", "since=2025-01-01"], "has no parameter 'since'"),
    (["meetings-of", "-p", "actor=zarif", "--graphs", "union"], "--graphs is for SPARQL text"),
    (["met-betwen"], "no named question 'met-betwen'; did you mean met-between?"),
    (["role-holders", "-p", "role=President", "-p", "on=last week"], "expected a date such as 2025-02-07"),
    (["SELECT ?x WHERE { ?x a dkg:City }", "-f", "turtle"], "--format turtle is for CONSTRUCT and DESCRIBE"),
    ([], "give a query"),
])
def test_bad_input_is_a_message_and_exit_1(capsys, built, argv, message):
    code, out, err = kg(capsys, "query", *argv, "--graph", str(built))
    assert code == 1 and out == ""
    assert err.startswith("kg query: error: ") and message in err


@pytest.mark.parametrize("value", ['"} UNION { ?s ?p ?o } #', "') } ; DROP ALL #", "}", "#"])
def test_injection_through_a_parameter_finds_nothing(capsys, built, value):
    code, out, _ = kg(capsys, "query", "claims-containing", "-p", f"text={value}", "--graph", str(built))
    assert code == 0 and out.endswith("(0 rows)\n")
    code, out, _ = kg(capsys, "query", "SELECT ?x ?v WHERE { ?x rdfs:label ?v }", "-p", f"v={value}", "--graph",
                      str(built))
    assert code == 0 and out.endswith("(0 rows)\n")


def test_service_in_a_literal_is_fine(capsys, built):
    code, out, _ = kg(capsys, "query", 'SELECT ?x WHERE { BIND("SERVICE <http://example.org/>" AS ?x) } # SERVICE',
                      "-f", "csv", "--graph", str(built))
    assert code == 0 and out.splitlines()[1] == "SERVICE <http://example.org/>"


def test_a_missing_graph_is_a_message(capsys, tmp_path):
    code, _, err = kg(capsys, "query", "ASK {}", "--graph", str(tmp_path / "nothing"))
    assert code == 1 and "no graph at" in err and "kg build" in err


def test_search(capsys, built):
    code, out, _ = kg(capsys, "search", "sudani", "--graph", str(built))
    assert code == 0
    assert out.splitlines()[0].split() == ["id", "type", "label", "aliases"]
    assert table(out)[0] == ["mohammed-shia-al-sudani", "dkg:Person", "Mohammed Shia' Al-Sudani",
                             "Al-Sudani; Mohammed Shia Al-Sudani; Sudani"]
    code, out, _ = kg(capsys, "search", "regional", "--type", "topic", "--limit", "2", "--graph", str(built))
    assert [row[0] for row in table(out)] == ["regional-developments", "regional-dialogue"]
    code, out, err = kg(capsys, "search", "Xyzzy", "--graph", str(built))
    assert code == 1 and out == "" and err == "no entity matches 'Xyzzy'\n"


def test_for_real(built):
    exe = shutil.which("kg")
    cmd = [exe] if exe else [sys.executable, "-c", "from kg.cli import entry; entry()"]
    done = subprocess.run([*cmd, "query", "invitations", "-p", "actor=Hakim", "-f", "json", "--graph", str(built)],
                          capture_output=True, text=True, timeout=120, cwd=ROOT)
    assert done.returncode == 0, done.stderr
    [binding] = json.loads(done.stdout)["results"]["bindings"]
    assert binding["guest"]["value"] == ID_NS + "mohammad-javad-zarif"
    bad = subprocess.run([*cmd, "query", "SELECT ?x {", "--graph", str(built)], capture_output=True, text=True,
                         timeout=120, cwd=ROOT)
    assert bad.returncode == 1 and "malformed query: line 1" in bad.stderr and "Traceback" not in bad.stderr


def test_the_cli_offers_every_format():
    from kg.cli import parser
    from kg.formats.results import FORMATS

    query = parser()._subparsers._group_actions[0].choices["query"]
    choices = next(a.choices for a in query._actions if a.dest == "format")
    assert set(choices) == set(FORMATS) and {"jsonld", "rdfxml", "turtle", "csv"} <= set(choices)
