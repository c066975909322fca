"""The YAML reader: libyaml's reading (the fast path) gives the values and lines of ruamel.yaml's (the
reference), and unusual documents go to the reference."""

from __future__ import annotations

from pathlib import Path

import pytest

from kg.facts import reader
from kg.facts.reader import Map, Seq

TEXTS = [
    "a: 1\nd:\ne: [x,\n  y]\nf:\n  -\n  - z\ng: &A {k: v}\nh: *A\n",
    "a:\n\n\n  # a comment\nb: c\nd: |\n  x\n  y\ne: >\n  q\nf: \"a\n  b\"\ng:\n  -  x\n  -\n    - y\n",
    "h:\n- 1\n- ~\n- null\n- yes\n- 0x1\n- 1.5\n- '1'\n- 2025-01-01\n- true\n- False\n- +16\n- 012\n- -3\n",
    "x:\n  a:\n  b: 1\n  c:\n# z\ny: 2\nz:\n",
    "- a:\n  b:\n- c\n- {d: , e: }\n- [f, ]\n",
    "k:\n  - x:\n    y:\n  -\n  - z: \n    w: 1\n2: two\ntrue: yes\n",
    "",
    "# only a comment\n",
    "a: []\nb: {}\nc:\nd: [[], {}]\n",
]


def same(fast: object, ref: object, path: str = "$") -> None:
    def kind(v):
        return (str if isinstance(v, str) else type(v))  # ruamel.yaml's block texts are str subclasses
    assert kind(fast) is kind(ref) and fast == ref, (path, fast, ref)
    if isinstance(fast, (Map, Seq)):
        assert fast.lc.line == ref.lc.line, path
        for k in fast.keys() if isinstance(fast, Map) else range(len(fast)):
            where = (fast.lc.value(k) if isinstance(fast, Map) else fast.lc.item(k))[0]
            assert where == (ref.lc.value(k) if isinstance(ref, Map) else ref.lc.item(k))[0], (path, k)
            same(fast[k], ref[k], f"{path}.{k}")


@pytest.mark.parametrize("text", TEXTS + [p.read_text(encoding="utf-8") for p in sorted(Path("data").rglob("*.yaml"))])
def test_libyaml_reads_as_ruamel_does(text):
    same(reader._fast_load(text), reader._ruamel_load(text))


@pytest.mark.parametrize("text", ["a: !!str 1\n", "%YAML 1.1\n---\na: yes\n", "a: &x {b: 1}\nc:\n  <<: *x\n",
                                  "a: 1\na: 2\n", "? [a, b]\n: c\n", "a: [b\n", "a: 1\n---\nb: 2\n"])
def test_unusual_documents_go_to_the_reference(text):
    with pytest.raises(reader._Unusual):
        reader._fast_load(text)


def test_a_tag_is_read_as_ruamel_reads_it():
    problems: list = []
    doc = reader.parse_yaml_text("a: !!str 1\nb: yes\n", "f.yaml", problems)
    assert type(doc["a"]).__name__ == "TaggedScalar" and doc["b"] == "yes"  # as ruamel.yaml reads it
    assert problems == []
    assert reader.parse_yaml_text("a: 1\na: 2\n", "f.yaml", problems) is None
    assert [p.line for p in problems] == [2] and "duplicate key" in str(problems[0])
