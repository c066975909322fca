"""Reading YAML with the line of every value, and turning values into typed fields or problems.

``Reader`` walks one document: each accessor returns the converted value, or records a ``Problem``
(file, line, field, what was expected, what was found) and returns None, so that every problem of a
file is reported, not just the first.

Values are what was written, never a conversion of it: YAML's other spellings of numbers (``0x10``,
``0o20``, ``1_000``, ``+16``, ``012``) and every float stay the text written, so that a date or a label is
never silently a number; a text holds no control character or unpaired surrogate (no graph or export can
carry those); a field that holds one value refuses a list instead of keeping its first item
(``SINGLE``); some texts have a form (``FORMS``: a language tag).

Documents are read by libyaml through PyYAML (``yaml.CSafeLoader``, nodes with their marks) into ``Map`` and
``Seq`` (a dict and a list that know the line of each value), with the scalars of the YAML 1.2 core schema.
Anything unusual (an explicit tag, a directive, a merge key, a duplicate key, a syntax error) is read again by
ruamel.yaml, the reference, so its messages and its reading of such documents stay exactly what they were.

>>> problems = []
>>> doc = parse_yaml_text("source:\\n  dateline: [a, b]\\n  language: en_US\\n  title: 0x10\\n", "f.yaml", problems)
>>> r = Reader("f.yaml", problems)
>>> r.refs(doc["source"], "dateline", "source"), r.text(doc["source"], "language", "source")
([], None)
>>> r.text(doc["source"], "title", "source")
'0x10'
>>> for p in problems: print(p)
f.yaml:2: source.dateline: expected one id (this field holds one value, not a list), got 'a list'
f.yaml:3: source.language: expected a BCP 47 language tag such as en, fa or pt-BR, got 'en_US'
"""

from __future__ import annotations

import functools
import re
from pathlib import Path
from typing import Any

from kg.errors import Problem

ID_RE = re.compile(r"[a-z][a-z0-9]*(?:-[a-z0-9]+)*")
ID_EXPECTED = ("an id of lowercase letters, digits and single hyphens, starting with a letter "
               "(e.g. mohammad-javad-zarif)")

#: Reference fields that hold one value, by path without indexes: a list there is an error.
SINGLE = frozenset({"source.dateline", "source.publisher", "statements[].at", "persons[].country",
                    "organizations[].country"})

#: A well-formed BCP 47 language tag (RFC 5646 ``langtag`` or private use), the form RDF requires.
LANGUAGE_RE = re.compile(
    r"(?:(?:[a-z]{2,3}(?:-[a-z]{3}){0,3}|[a-z]{4,8})"  # language, with up to three extended subtags
    r"(?:-[a-z]{4})?(?:-(?:[a-z]{2}|[0-9]{3}))?"  # script, region
    r"(?:-(?:[a-z0-9]{5,8}|[0-9][a-z0-9]{3}))*"  # variants
    r"(?:-[0-9a-wyz](?:-[a-z0-9]{2,8})+)*"  # extensions
    r"(?:-x(?:-[a-z0-9]{1,8})+)?"  # private use
    r"|x(?:-[a-z0-9]{1,8})+)", re.IGNORECASE | re.ASCII)

#: Texts that have a form, by path without indexes: (pattern, what is expected).
FORMS = {"source.language": (LANGUAGE_RE, "a BCP 47 language tag such as en, fa or pt-BR")}

#: Characters no text may hold: C0 and C1 controls (but tab and line breaks), DEL, unpaired surrogates
#: (which UTF-8 cannot encode) and the two noncharacters XML 1.0 excludes.
BAD_CHAR_RE = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\x7f-\x9f\ud800-\udfff\ufffe\uffff]")

#: How deep a document may nest (block and flow collections together); deeper is refused before the YAML
#: reader sees it (it would run out of stack, or take minutes over a long run of brackets).
MAX_DEPTH = 64


class _Lines:
    """Where a collection's parts are, as ruamel.yaml's ``lc`` says it: 0-based (line, column) pairs."""

    __slots__ = ("line", "col", "_at")

    def __init__(self, line: int, col: int, at: dict):
        self.line, self.col, self._at = line, col, at

    def value(self, key: Any) -> tuple[int, int]:
        return self._at[key]

    def item(self, index: int) -> tuple[int, int]:
        return self._at[index]


class Map(dict):
    """A YAML mapping that knows where it starts (``lc.line``) and the line of each value (``lc.value(key)``)."""

    __slots__ = ("lc",)


class Seq(list):
    """A YAML sequence that knows where it starts and the line of each item (``lc.item(i)``)."""

    __slots__ = ("lc",)


def pattern(path: str) -> str:
    """A field's path without its indexes, as ``SINGLE`` and ``FORMS`` name it.

    >>> pattern("events[12].date.on")
    'events[].date.on'
    """
    return re.sub(r"\[\d+\]", "[]", path)


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
            if isinstance(node, Seq):
                return node.lc.item(key)[0] + 1
            return node.lc.value(key)[0] + 1
        except (AttributeError, KeyError, TypeError, IndexError):
            return default

    def mapping(self, node: Any, path: str, line: int, allowed: set[str]) -> Map | None:
        if not isinstance(node, Map):
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
        if not isinstance(node, Seq):
            self.problem(line, path, "a list (one '- ' item per line)", short(node))
            return []
        return [(i, item, self.line_of(node, i, line)) for i, item in enumerate(node)]

    def text(self, m: Map, key: str, path: str, *, required: bool = False,
             single_line: bool = True) -> str | None:
        line = self.line_of(m, key, self.line_of(m))
        if key not in m or m[key] is None:
            if required:
                self.problem(self.line_of(m), f"{path}.{key}", "a value (this field is required)")
            return None
        value = m[key]
        if isinstance(value, int) and not isinstance(value, bool):
            value = str(value)  # only a plain decimal is read as an int: its text is what was written
        if isinstance(value, bool):
            self.problem(line, f"{path}.{key}", "a non-empty text (YAML reads an unquoted true or false as a "
                         "yes-or-no value: put the text in quotes)", value)
            return None
        if not isinstance(value, str) or not value.strip():
            self.problem(line, f"{path}.{key}", "a non-empty text", short(value))
            return None
        value = str(value)
        if single_line and ("\n" in value.strip() or "\r" in value):
            self.problem(line, f"{path}.{key}", "a single line of text", short(value))
            return None
        if not self.clean(value, line, f"{path}.{key}"):
            return None
        value = value.strip() if single_line else value
        form = FORMS.get(pattern(f"{path}.{key}"))
        if form is not None and not form[0].fullmatch(value):
            self.problem(line, f"{path}.{key}", form[1], short(value))
            return None
        return value

    def clean(self, value: str, line: int, field: str) -> bool:
        """Whether a text holds only characters a graph and every export can carry (else a problem)."""
        bad = BAD_CHAR_RE.search(value)
        if bad is None:
            return True
        c = bad.group()
        what = "an unpaired surrogate" if "\ud800" <= c <= "\udfff" else "a control character"
        self.problem(line, field, f"a text without control characters or unpaired surrogates (found {what}, "
                     f"U+{ord(c):04X}, at character {bad.start() + 1})", short(value))
        return False

    def ident(self, m: Map, key: str, path: str, *, required: bool = True) -> str | None:
        value = self.text(m, key, path, required=required)
        if value is not None and not ID_RE.fullmatch(value):
            self.problem(self.line_of(m, key), f"{path}.{key}", ID_EXPECTED, value)
            return None
        return value

    def refs(self, m: Map, key: str, path: str) -> list[tuple[str, int]]:
        """A reference or a list of references to ids, each with its line."""
        if key not in m or m[key] is None:
            return []
        node, line = m[key], self.line_of(m, key)
        if isinstance(node, Seq) and pattern(f"{path}.{key}") in SINGLE:
            self.problem(line, f"{path}.{key}", "one id (this field holds one value, not a list)", short(node))
            return []
        values = [(node, line)] if not isinstance(node, Seq) else [
            (v, self.line_of(node, i, line)) for i, v in enumerate(node)]
        out = []
        for v, ln in values:
            if isinstance(v, str) and ID_RE.fullmatch(v):
                out.append((v, ln))
            else:
                self.problem(ln, f"{path}.{key}", ID_EXPECTED, short(v))
        return out

    def strings(self, m: Map, key: str, path: str) -> list[str]:
        return [text for text, _ in self.strings_with_lines(m, key, path)]

    def strings_with_lines(self, m: Map, key: str, path: str) -> list[tuple[str, int]]:
        """A text or a list of texts, whitespace collapsed, each with its line."""
        if key not in m or m[key] is None:
            return []
        node, line = m[key], self.line_of(m, key)
        values = [node] if isinstance(node, str) else node if isinstance(node, Seq) else None
        if values is None:
            self.problem(line, f"{path}.{key}", "a text or a list of texts", short(node))
            return []
        out = []
        for i, v in enumerate(values):
            ln = self.line_of(node, i, line) if isinstance(node, Seq) else line
            if isinstance(v, int) and not isinstance(v, bool):
                v = str(v)
            if isinstance(v, str) and v.strip():
                if self.clean(v, ln, f"{path}.{key}"):
                    out.append((" ".join(v.split()), ln))
            else:
                self.problem(ln, f"{path}.{key}", "a non-empty text", short(v))
        return out


def short(value: object) -> object:
    if isinstance(value, dict):
        return "a mapping"
    if isinstance(value, list):
        return "a list"
    if isinstance(value, str) and len(value) > 80:
        return value[:77] + "..."
    return value


_PLAIN_INT = re.compile(r"-?(?:0|[1-9][0-9]*)")
_NULL = frozenset({"", "~", "null", "Null", "NULL"})
_BOOL = {"true": True, "True": True, "TRUE": True, "false": False, "False": False, "FALSE": False}
#: What sends a document to ruamel.yaml: a tag (``!``), a directive (``%`` at the start of a line), a merge key.
_UNUSUAL = re.compile(r"(?:^|[\s,\[\{:?-])!|^%|<<", re.M)


class _Unusual(Exception):
    """The document needs the reference reader (ruamel.yaml): a duplicate key, a complex key..."""


def _scalar(node: Any) -> Any:
    """A scalar as ruamel.yaml's reading with ``_Constructor`` gives it: null, true/false and plain decimals
    typed (YAML 1.2 core schema), every other scalar the text written."""
    value = node.value
    if not node.style:  # plain (libyaml: "", the Python composer: None)
        if value in _NULL:
            return None
        if value in _BOOL:
            return _BOOL[value]
        if _PLAIN_INT.fullmatch(value):
            return int(value)
    return value


def _build(node: Any, memo: dict) -> Any:
    """Nodes of ``yaml.compose`` -> Map, Seq and scalars (an alias is the same object, as in ruamel.yaml)."""
    import yaml

    got = memo.get(id(node))
    if got is not None:
        return got
    if isinstance(node, yaml.ScalarNode):
        return _scalar(node)
    mark = node.start_mark
    at: dict = {}
    if isinstance(node, yaml.SequenceNode):
        out: Any = Seq()
        memo[id(node)] = out
        for i, item in enumerate(node.value):
            at[i] = (item.start_mark.line, item.start_mark.column)
            out.append(_build(item, memo))
    else:
        out = Map()
        memo[id(node)] = out
        pairs = node.value
        for i, (k, v) in enumerate(pairs):
            if not isinstance(k, yaml.ScalarNode):
                raise _Unusual("a key that is a collection")
            key = _scalar(k)
            if key in out:
                raise _Unusual("a duplicate key")
            where = v.start_mark
            if isinstance(v, yaml.ScalarNode) and not v.value and not v.style:
                # An empty value: libyaml marks the end of its key, ruamel.yaml the next token (the next key,
                # or what follows the mapping); the lines reported stay ruamel.yaml's.
                where = pairs[i + 1][0].start_mark if i + 1 < len(pairs) else node.end_mark
            at[key] = (where.line, where.column)
            out[key] = _build(v, memo)
    out.lc = _Lines(mark.line, mark.column, at)
    return out


def _fast_load(text: str) -> Any:
    """The document through libyaml (PyYAML's C composer); ``_Unusual`` when ruamel.yaml must read it."""
    import yaml

    if _UNUSUAL.search(text):
        raise _Unusual("a tag, a directive or a merge key")
    try:
        loader = _composer()(text)
    except ImportError as e:  # a PyYAML without libyaml: the reference reader, slower
        raise _Unusual("no libyaml") from e
    try:
        node = loader.get_single_node()
    except yaml.YAMLError as e:
        raise _Unusual("a YAML error: ruamel.yaml words it") from e
    finally:
        loader.dispose()
    return None if node is None else _build(node, {})


@functools.cache
def _composer() -> type:
    """libyaml's parser and composer without PyYAML's resolver (YAML 1.1 tags, in Python): ``_scalar``
    resolves the scalars itself, by the YAML 1.2 rules ruamel.yaml follows."""
    from yaml.cyaml import CParser  # PyYAML built with libyaml (its wheels are)

    class Composer(CParser):
        def resolve(self, kind: Any, value: Any, implicit: Any) -> str:
            return ""

        def descend_resolver(self, parent: Any, index: Any) -> None:
            pass

        def ascend_resolver(self) -> None:
            pass

        def dispose(self) -> None:
            pass

    return Composer


def _ruamel_load(text: str) -> Any:
    """The reference reading (ruamel.yaml, round trip), as Map, Seq and scalars."""
    from ruamel.yaml import YAML
    from ruamel.yaml.comments import CommentedMap, CommentedSeq
    from ruamel.yaml.constructor import RoundTripConstructor

    class _Constructor(RoundTripConstructor):
        """Scalars as written: dates stay text (``kg.facts.dates`` reports impossible ones, 2025-02-30, with
        their line, instead of the YAML library failing on them); an int only when written as a plain decimal,
        any other spelling of a number (``0x10``, ``1_000``, ``+16``, ``012``, ``1.5``, ``.inf``) stays text."""

        def construct_yaml_timestamp(self, node: Any, values: Any = None) -> Any:
            return str(self.construct_scalar(node))

        def construct_yaml_int(self, node: Any) -> Any:
            text = str(self.construct_scalar(node))
            return int(text) if _PLAIN_INT.fullmatch(text) else text

        def construct_yaml_float(self, node: Any) -> Any:
            return str(self.construct_scalar(node))

    _Constructor.add_constructor("tag:yaml.org,2002:timestamp", _Constructor.construct_yaml_timestamp)
    _Constructor.add_constructor("tag:yaml.org,2002:int", _Constructor.construct_yaml_int)
    _Constructor.add_constructor("tag:yaml.org,2002:float", _Constructor.construct_yaml_float)
    yaml = YAML(typ="rt")
    yaml.Constructor = _Constructor
    memo: dict = {}

    def convert(value: Any) -> Any:
        if not isinstance(value, (CommentedMap, CommentedSeq)):
            return value
        got = memo.get(id(value))
        if got is not None:
            return got
        lc = value.lc
        if isinstance(value, CommentedSeq):
            out: Any = Seq()
            memo[id(value)] = out
            at = {i: tuple(lc.item(i)) for i in range(len(value)) if i in lc.data}
            out.extend(convert(v) for v in value)
        else:
            out = Map()
            memo[id(value)] = out
            at = {k: tuple(lc.value(k)) for k in value if k in lc.data}
            for k, v in value.items():
                out[k] = convert(v)
        out.lc = _Lines(lc.line, lc.col, at)
        return out

    return convert(yaml.load(text))


def _too_deep(text: str) -> int:
    """The line where ``text`` first nests deeper than ``MAX_DEPTH`` (0: it does not), in one linear pass.

    The YAML reader recurses once per level and rescans every open ``[`` or ``{`` for each new one: a deep
    document would exhaust the stack, and a long run of brackets takes minutes before that. So block nesting
    is measured by indentation, and flow nesting by brackets outside comments and quoted scalars (a quote
    opens one only where a scalar may begin); a text with more than ``MAX_DEPTH`` unbalanced brackets inside
    a flow collection counts as deep, which no real facts file has.

    >>> _too_deep("a: [[1], {b: '[[['}]  # [[[\\n"), _too_deep("a: " + "[" * 100 + "]" * 100), _too_deep("a: b[[[[")
    (0, 1, 0)
    """
    depth, line, quote, comment, skip = 0, 1, "", False, -1
    block: list[int] = []  # the indentations of the enclosing block collections

    def prev(i: int) -> str:  # the character before i, spaces and tabs skipped ("\n" at the start)
        j = i - 1
        while j >= 0 and text[j] in " \t":
            j -= 1
        return text[j] if j >= 0 else "\n"

    for m in _DEPTH_TOKENS.finditer(text):
        i, c = m.start(), m.group()[0]
        if c == "\n":
            line, comment = line + 1, False
            indent = len(m.group(1))
            if not quote and depth == 0 and text[m.end():m.end() + 1] not in ("", "\n", "#"):
                while block and block[-1] >= indent:
                    block.pop()
                block.append(indent)
                if len(block) > MAX_DEPTH:
                    return line
        elif comment or i <= skip:
            continue
        elif quote:
            if quote == '"' and c == "\\":
                skip = i + 1
            elif c == quote:
                if quote == "'" and text[i + 1:i + 2] == "'":
                    skip = i + 1
                else:
                    quote = ""
        elif c == "#" and (i == 0 or text[i - 1] in " \t\n"):
            comment = True
        elif c in "'\"" and depth and prev(i) in "[{,:?":
            quote = c
        elif c in "[{" and (depth or prev(i) in "\n:-?"):
            depth += 1
            if depth + len(block) > MAX_DEPTH:
                return line
        elif c in "]}" and depth:
            depth -= 1
    return 0


_DEPTH_TOKENS = re.compile(r"\n( *)|[\[\]{}'\"#\\]")


def parse_yaml_text(text: str, rel: str, problems: list[Problem]) -> Any:
    """The document in ``text`` (None, with a problem, when it is not valid YAML or nests too deep)."""
    line = _too_deep(text)
    if line:
        problems.append(Problem(rel, line, "(syntax)", f"YAML nested at most {MAX_DEPTH} levels deep",
                                f"more than {MAX_DEPTH} levels"))
        return None
    try:
        return _fast_load(text)
    except (_Unusual, RecursionError):
        pass
    from ruamel.yaml.error import MarkedYAMLError, YAMLError

    try:
        return _ruamel_load(text)
    except MarkedYAMLError as e:
        mark = e.problem_mark or e.context_mark
        line = mark.line + 1 if mark else 1
        problems.append(Problem(rel, line, "(syntax)", "valid YAML", " ".join(str(e.problem or e).split())))
    except (YAMLError, ValueError, TypeError) as e:
        problems.append(Problem(rel, 1, "(syntax)", "valid YAML", " ".join(str(e).split())))
    except RecursionError:  # nesting that the count above did not see
        problems.append(Problem(rel, 1, "(syntax)",
                                f"YAML nested at most {MAX_DEPTH} levels deep", f"more than {MAX_DEPTH} levels"))
    return None


def parse_yaml(path: Path, rel: str, problems: list[Problem]) -> Any:
    try:
        text = path.read_text(encoding="utf-8")
    except UnicodeDecodeError as e:
        problems.append(Problem(rel, 1, "(file)", "UTF-8 text", f"undecodable byte at offset {e.start}"))
        return None
    except OSError as e:
        problems.append(Problem(rel, 0, "(file)", "a readable file", e.strerror))
        return None
    return parse_yaml_text(text, rel, problems)


def source_text_path(data: Path, rel: str) -> Path | None:
    """The file a source's ``text:`` names, or None when the path may not be read: it must be relative and
    lead, every link followed, into the data folder's ``sources/`` (decided from the path alone).

    >>> source_text_path(Path("data"), "/etc/passwd") is None, source_text_path(Path("data"), "../x.txt") is None
    (True, True)
    >>> source_text_path(Path("data"), "sources/../entities.yaml") is None
    True
    >>> source_text_path(Path("data"), "sources/a.txt") == Path("data").resolve() / "sources" / "a.txt"
    True
    """
    try:
        if Path(rel).is_absolute() or Path(rel).drive:
            return None
        root = data.resolve() / "sources"
        path = (data / rel).resolve()
    except (OSError, ValueError, RuntimeError):
        return None
    return path if path.is_relative_to(root) and path != root else None
