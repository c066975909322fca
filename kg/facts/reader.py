"""Reading YAML with the line of every value, and turning values into typed fields or problems.

``_Reader`` walks one document: each accessor returns the converted value, or records a ``Problem``
(file, line, field, what was expected, what was found) and returns None, so that every problem of a
file is reported, not just the first.
"""

from __future__ import annotations

import re
from pathlib import Path
from typing import Any

from ruamel.yaml import YAML
from ruamel.yaml.comments import CommentedMap, CommentedSeq
from ruamel.yaml.error import MarkedYAMLError, YAMLError

from kg.errors import Problem

ID_RE = re.compile(r"[a-z][a-z0-9]*(?:-[a-z0-9]+)*")
ID_EXPECTED = ("an id of lowercase letters, digits and single hyphens, starting with a letter "
               "(e.g. mohammad-javad-zarif)")


class Reader:
    """Walks one YAML document, converting values and recording problems with their lines."""

    def __init__(self, file: str, problems: list[Problem]):
        self.file = file
        self.problems = problems

    def problem(self, line: int, field: str, expected: str, got: object = None) -> None:
        self.problems.append(Problem(self.file, line, field, expected, got))

    @staticmethod
    def line_of(node: Any, key: Any = None, default: int = 1) -> int:
        try:
            if key is None:
                return node.lc.line + 1
            if isinstance(node, CommentedSeq):
                return node.lc.item(key)[0] + 1
            return node.lc.value(key)[0] + 1
        except (AttributeError, KeyError, TypeError, IndexError):
            return default

    def mapping(self, node: Any, path: str, line: int, allowed: set[str]) -> CommentedMap | None:
        if not isinstance(node, CommentedMap):
            self.problem(line, path, "a mapping of field: value", short(node))
            return None
        for key in node:
            if key not in allowed:
                self.problem(self.line_of(node, key, line), f"{path}.{key}" if path else str(key),
                             "one of the fields " + ", ".join(sorted(allowed)), key)
        return node

    def items(self, node: Any, path: str, line: int) -> list[tuple[int, Any, int]]:
        """The (index, item, line) of a list; a missing list is empty."""
        if node is None:
            return []
        if not isinstance(node, CommentedSeq):
            self.problem(line, path, "a list (one '- ' item per line)", short(node))
            return []
        return [(i, item, self.line_of(node, i, line)) for i, item in enumerate(node)]

    def text(self, m: CommentedMap, key: str, path: str, *, required: bool = False,
             single_line: bool = True) -> str | None:
        line = self.line_of(m, key, self.line_of(m))
        if key not in m or m[key] is None:
            if required:
                self.problem(self.line_of(m), f"{path}.{key}", "a value (this field is required)")
            return None
        value = m[key]
        if not isinstance(value, str) or not value.strip():
            self.problem(line, f"{path}.{key}", "a non-empty text", short(value))
            return None
        value = str(value)
        if single_line and ("\n" in value.strip() or "\r" in value):
            self.problem(line, f"{path}.{key}", "a single line of text", short(value))
            return None
        return value.strip() if single_line else value

    def ident(self, m: CommentedMap, key: str, path: str, *, required: bool = True) -> str | None:
        value = self.text(m, key, path, required=required)
        if value is not None and not ID_RE.fullmatch(value):
            self.problem(self.line_of(m, key), f"{path}.{key}", ID_EXPECTED, value)
            return None
        return value

    def refs(self, m: CommentedMap, key: str, path: str) -> list[tuple[str, int]]:
        """A reference or a list of references to ids, each with its line."""
        if key not in m or m[key] is None:
            return []
        node, line = m[key], self.line_of(m, key)
        values = [(node, line)] if not isinstance(node, CommentedSeq) else [
            (v, self.line_of(node, i, line)) for i, v in enumerate(node)]
        out = []
        for v, ln in values:
            if isinstance(v, str) and ID_RE.fullmatch(v):
                out.append((v, ln))
            else:
                self.problem(ln, f"{path}.{key}", ID_EXPECTED, short(v))
        return out

    def strings(self, m: CommentedMap, key: str, path: str) -> list[str]:
        return [text for text, _ in self.strings_with_lines(m, key, path)]

    def strings_with_lines(self, m: CommentedMap, key: str, path: str) -> list[tuple[str, int]]:
        """A text or a list of texts, whitespace collapsed, each with its line."""
        if key not in m or m[key] is None:
            return []
        node, line = m[key], self.line_of(m, key)
        values = [node] if isinstance(node, str) else node if isinstance(node, CommentedSeq) else None
        if values is None:
            self.problem(line, f"{path}.{key}", "a text or a list of texts", short(node))
            return []
        out = []
        for i, v in enumerate(values):
            ln = self.line_of(node, i, line) if isinstance(node, CommentedSeq) else line
            if isinstance(v, str) and v.strip():
                out.append((" ".join(v.split()), ln))
            else:
                self.problem(ln, f"{path}.{key}", "a non-empty text", short(v))
        return out


def short(value: object) -> object:
    if isinstance(value, (CommentedMap, dict)):
        return "a mapping"
    if isinstance(value, (CommentedSeq, list)):
        return "a list"
    if isinstance(value, str) and len(value) > 80:
        return value[:77] + "..."
    return value


def _keep_timestamp_text(constructor: Any, node: Any) -> str:
    # Dates stay text so that kg.facts.dates reports impossible ones (2025-02-30) with their line,
    # instead of the YAML library failing on them.
    return str(constructor.construct_scalar(node))


def parse_yaml(path: Path, rel: str, problems: list[Problem]) -> Any:
    yaml = YAML(typ="rt")
    yaml.constructor.add_constructor("tag:yaml.org,2002:timestamp", _keep_timestamp_text)
    try:
        text = path.read_text(encoding="utf-8")
    except UnicodeDecodeError as e:
        problems.append(Problem(rel, 1, "(file)", "UTF-8 text", f"undecodable byte at offset {e.start}"))
        return None
    except OSError as e:
        problems.append(Problem(rel, 0, "(file)", "a readable file", e.strerror))
        return None
    try:
        return yaml.load(text)
    except MarkedYAMLError as e:
        mark = e.problem_mark or e.context_mark
        line = mark.line + 1 if mark else 1
        problems.append(Problem(rel, line, "(syntax)", "valid YAML", " ".join(str(e.problem or e).split())))
    except (YAMLError, ValueError, TypeError) as e:
        problems.append(Problem(rel, 1, "(syntax)", "valid YAML", " ".join(str(e).split())))
    return None
