"""The SPARQL lexer: on an ASCII text, the ASCII patterns (fast to compile) give the very tokens of the full
Unicode ones."""

from __future__ import annotations

from pathlib import Path

import pytest

from kg.query import scan

TEXTS = [p.read_text(encoding="utf-8") for p in sorted(Path("ontology/queries").glob("*.rq"))] + [
    'PREFIX ex: <urn:x#> SELECT ?s_1 $o { ?s_1 ex:a.b-c_d ex: , _:b1.x , "q\\"" , \'\'\'t\'\'\'@en-GB , 1.5e3 , .5 '
    "FILTER(?o != -2 && !BOUND(?x)) } # SERVICE <urn:y>\n",
    "ASK { ?a ex:b.c. ?a ex:d..e }",
    'SELECT * { "open',
]


@pytest.mark.parametrize("text", TEXTS)
def test_ascii_patterns_give_the_same_tokens(text):
    assert text.isascii()
    assert list(scan._tokens(text, False)) == list(scan._tokens(text, True))


def test_a_text_beyond_ascii_uses_the_full_classes():
    assert [t for k, t, _ in scan.tokens("SELECT ?città { ?città ex:naïve é:x }") if k in ("var", "name")] == [
        "SELECT", "?città", "?città", "ex:naïve", "é:x"]
