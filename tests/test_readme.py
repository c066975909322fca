"""The README says what the code does: every field the facts reader accepts is documented with an example,
the event-code table is the one the facts model and the ontology carry, every named question and every
export format is listed, and the store table says which questions differ where."""

from __future__ import annotations

import re
from pathlib import Path

import pytest

from kg import formats
from kg.export import KINDS
from kg.facts.load import (
    DATE_FIELDS,
    DELEGATION_FIELDS,
    ENTITY_FIELDS,
    EVENT_FIELDS,
    MEMBERSHIP_FIELDS,
    SOURCE_FIELDS,
    STATEMENT_FIELDS,
)
from kg.facts.model import AGREEMENT_KINDS, EVENT_CLASSES, PLACE_TYPES, STATUSES
from kg.query.catalog import load_catalog

README = (Path(__file__).resolve().parent.parent / "README.md").read_text(encoding="utf-8")


def section(start: str, end: str) -> str:
    return README.split(start, 1)[1].split(end, 1)[0]


FORMAT = section("## Adding the next article", "## Using your graph in another triple store")


def yaml_blocks(text: str) -> str:
    return "\n".join(re.findall(r"```yaml\n(.*?)```", text, re.DOTALL))


@pytest.mark.parametrize(("what", "fields"), [
    ("entity", set().union(*ENTITY_FIELDS.values())), ("source", SOURCE_FIELDS), ("membership", MEMBERSHIP_FIELDS),
    ("event", EVENT_FIELDS), ("delegation", DELEGATION_FIELDS), ("date", DATE_FIELDS), ("statement", STATEMENT_FIELDS),
])
def test_every_field_the_reader_accepts_has_an_example_in_the_format_section(what, fields):
    examples = yaml_blocks(FORMAT)
    missing = sorted(f for f in fields if not re.search(rf"(^|[\s{{,-]){re.escape(f)}:", examples, re.MULTILINE))
    assert not missing, f"{what} fields without a YAML example in the README's format section: {missing}"


def test_every_value_of_the_closed_lists_is_documented():
    for value in (*EVENT_CLASSES, *STATUSES, *PLACE_TYPES, *AGREEMENT_KINDS):
        assert re.search(rf"\b{re.escape(value)}\b", FORMAT), value
    assert "published: 2025-03" in FORMAT and "retrieved:" in FORMAT  # a source without a day of publication
    assert "appointed on" in FORMAT and "resigned on" in FORMAT and "acting: true" in FORMAT
    assert "state: iran" in FORMAT or "state: iraq" in FORMAT


def test_the_event_code_table_is_the_models_and_the_ontologys():
    table = section("**Event-data codes.**", "`kg export --format events`")
    rows = re.findall(r"^\| `([a-z-]+)` \| `dkg:(\w+)` \| (\d{3})[^|]* \| (\w+|\(none\)) \|$", table, re.MULTILINE)
    assert {t: (c, code, None if p == "(none)" else p) for t, c, code, p in rows} == EVENT_CLASSES


def test_every_named_question_is_in_the_readmes_table():
    listed = set(re.findall(r"^\| `([a-z-]+)` \| ", section("### Named questions", "### In Python"), re.MULTILINE))
    assert listed == set(load_catalog(project=None))


def test_every_export_format_is_in_the_readmes_table():
    table = section("### What is exported", "With `-o`")
    for f in formats.FORMATS:
        if f.kind in KINDS:
            assert f"| `{f.name}`" in table, f.name


def test_the_store_table_says_which_questions_differ_where():
    table = section("### The same answers in every store", "### Virtuoso: what to know")
    rows = re.findall(r"^\| (Oxigraph server|Apache Jena TDB2|Virtuoso)[^|]* \| [^|]+ \| ([^|]+) \|$", table,
                      re.MULTILINE)
    assert [r[0] for r in rows] == ["Oxigraph server", "Apache Jena TDB2", "Virtuoso"]
    # the compatibility suite requires zero differences: a question that differs must be named here, with its bug
    assert all(r[1].strip() == "none" for r in rows)
    for command in ("oxigraph load", "tdb2.tdbloader", "tdb2.tdbquery", "arq --data", "ld_dir(", "--show > q.rq",
                    "default-graph-uri=https://w3id.org/diplomatic-kg/graph/merged"):
        assert command in table, command
