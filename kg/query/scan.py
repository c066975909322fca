"""What a SPARQL text is, found without running it: its form, an update, a ``SERVICE``, its nesting depth.

Oxigraph's parser (a PEG grammar without a separate tokenizer) matches keywords by their letters alone, with
no word boundary: ``SERVICESILENT<x>{}``, ``1SERVICE``, ``trueSERVICE`` and ``true.SERVICE`` all call a
service. So this scanner cuts the text the way that parser does: strings (with their escapes), IRIs,
comments, variables, blank nodes, language tags, numbers (``1e5.`` is a double then a dot) and prefixed names
(with ``\\``-escapes and ``%xx`` in the local part, and the parser's own rule for dots in it) are lexed exactly
by its rules; in every other place, the letters ``SERVICE`` (in any case) count, wherever they start. In a prefix
label (``xservice:a``), they count when the rest could be read as a declared prefix (``x SERVICE :a``). One
cautious rule remains: any ``service`` in a text the scanner cannot lex counts (the parser refuses it anyway).
``tests/test_serve_hardening.py`` checks the verdicts against what Oxigraph does on generated queries.

Scanning is linear in the text: every pattern is possessive (as a PEG is) and the scan stops at the first
thing it cannot lex instead of retrying from the next character.

>>> scan('PREFIX s: <urn:SERVICE> ASK { ?x s:SERVICE "SERVICE" } # SERVICE')
Scan(form='ASK', service_at=None, update=False, depth=1, error_at=None)
>>> scan("select * { service <urn:x> { ?s ?p ?o } }").service_at
11
>>> scan("SELECT * { <urn:s> <urn:p> true.SERVICE <urn:x> {} }").service_at
32
>>> scan("PREFIX x: <urn:x#> INSERT DATA { x:a x:b x:c }").update
True
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from functools import cache, lru_cache
from typing import NamedTuple

FORMS = ("SELECT", "ASK", "CONSTRUCT", "DESCRIBE")
UPDATE_WORDS = ("INSERT", "DELETE", "LOAD", "CLEAR", "DROP", "CREATE", "ADD", "MOVE", "COPY", "WITH")

# The character classes of Oxigraph's grammar (spargebra, parser.rs), as it writes them.
_BASE = ("A-Za-z\u00C0-\u00D6\u00D8-\u00F6\u00F8-\u02FF\u0370-\u037D\u037F-\u1FFF\u200C-\u200D\u2070-\u218F"
         "\u2C00-\u2FEF\u3001-\uD7FF\uF900-\uFDCF\uFDF0-\uFFFD")
_U = _BASE + "_"
_CH = _U + r"\-0-9\u00B7\u0300-\u036F\u203F-\u2040"
_VARCH = _U + r"0-9\u00B7\u0300-\u036F\u203F-\u2040"
_ESC = r"""\\[tbnrf"'\\]|\\u[0-9A-Fa-f]{4}|\\U[0-9A-Fa-f]{8}"""
_PLX = r"%[0-9A-Fa-f]{2}|\\[_~.\-!$&'()*+,;=/?#@%]"

# Greedy quantifiers only, no possessive ones or atomic groups: CPython before 3.11.5 (Debian 12's 3.11.2)
# matches some nested possessive patterns wrongly. Each pattern splits its text one way only, so greedy
# matching gives the same tokens, in time linear in the text.
def _patterns(_BASE: str, _U: str, _CH: str, _VARCH: str) -> dict[str, str]:
    return {
        "space": r"[ \t\r\n]+",
        "comment": r"\#[^\r\n]*",
        "string": (rf'"""(?:(?:""|")?(?:[^"\\]|{_ESC}))*"""|\'\'\'(?:(?:\'\'|\')?(?:[^\'\\]|{_ESC}))*\'\'\''
                   rf'|"(?:[^"\\\r\n]|{_ESC})*"|\'(?:[^\'\\\r\n]|{_ESC})*\''),
        # What the grammar allows in an IRI; anything else after "<" makes it the operator (Oxigraph tries both).
        "iri": r'<(?:[^<>"{}|^`\\\x00-\x20]|\\u[0-9A-Fa-f]{4}|\\U[0-9A-Fa-f]{8})*>',
        "var": rf"[?$][{_VARCH}]+",
        "bnode": rf"_:[{_U}0-9][{_CH}]*(?:\.+[{_CH}]+)*",
        "lang": r"@[a-zA-Z]+(?:-[a-zA-Z0-9]+)*(?:--[a-zA-Z]+)?",
        "number": r"(?:[0-9]+\.[0-9]*|\.[0-9]+|[0-9]+)[eE][+-]?[0-9]+|[0-9]*\.[0-9]+|[0-9]+",
        # PNAME_NS PN_LOCAL? with Oxigraph's PN_LOCAL: one optional group of dots inside the local part.
        "pname": (rf"(?P<prefix>(?:[{_BASE}][{_CH}]*(?:\.+[{_CH}]+)*)?):"
                  rf"(?:(?:[{_U}:0-9]|{_PLX})(?:[{_CH}:]|{_PLX})*(?:\.+(?:[{_CH}:]|{_PLX})+)?)?"),
        "name": rf"[{_BASE}][{_CH}]*",
        "other": r"[{}()\[\].,;*+\-/!=<>|^&?]",
        "prefix-run": rf"[{_BASE}][{_CH}]*(?:\.+[{_CH}]+)*",
    }


_PATTERNS = _patterns(_BASE, _U, _CH, _VARCH)
# The same patterns for a text of ASCII characters only, where the other ranges of the classes cannot match:
# the same tokens, and they compile in a fraction of the time (the Unicode classes take a tenth of a second,
# which every `kg query` would pay).
_A_BASE = "A-Za-z"
_ASCII_PATTERNS = _patterns(_A_BASE, _A_BASE + "_", _A_BASE + r"_\-0-9", _A_BASE + "_0-9")


@cache
def _lexer(kind: str, wide: bool = True) -> re.Pattern:
    """The compiled pattern of a token kind, compiled when first needed; ``wide``: for any text, else for an
    ASCII text."""
    return re.compile((_PATTERNS if wide else _ASCII_PATTERNS)[kind])
# Which patterns may start at a character (tried in this order).
_FIRST: dict[str, tuple[str, ...]] = {" ": ("space",), "\t": ("space",), "\r": ("space",), "\n": ("space",),
                                      "#": ("comment",), '"': ("string",), "'": ("string",),
                                      "<": ("iri", "other"), "?": ("var", "other"), "$": ("var",),
                                      "_": ("bnode",), "@": ("lang",), ".": ("number", "other"), ":": ("pname",)}
_FIRST.update({d: ("number",) for d in "0123456789"})
_WORD_PATTERN = rf"[{_BASE}]"
_SERVICE = re.compile("service", re.IGNORECASE | re.ASCII)
_CODEPOINT = re.compile(r"\\u([0-9A-Fa-f]{4})|\\U([0-9A-Fa-f]{8})")


@cache
def _word(wide: bool) -> re.Pattern:
    return re.compile(_WORD_PATTERN if wide else rf"[{_A_BASE}]")


def _first(ch: str) -> tuple[str, ...]:
    kinds = _FIRST.get(ch)
    if kinds is not None:
        return kinds
    if _word(not ch.isascii()).match(ch):
        return ("pname", "name")
    return ("other",)


def tokens(text: str) -> Iterator[tuple[str, str, int]]:
    """The (kind, text, offset) tokens of a query, whitespace left out.

    Kinds: comment string iri var bnode lang number name (a word or a prefixed name) other (one character of
    punctuation or an operator), and ``error`` for the rest of a text from the first thing that cannot be
    lexed (an unclosed string, a stray character).

    >>> [t[1] for t in tokens('SELECT ?s # SERVICE\\n{ ?s ex:a\\\\#b "SERVICE" 1e5. }') if t[0] != "comment"]
    ['SELECT', '?s', '{', '?s', 'ex:a\\\\#b', '"SERVICE"', '1e5', '.', '}']
    >>> list(tokens('ASK { "open'))[-1]
    ('error', '"open', 6)
    """
    return iter(_lexed(text))


@lru_cache(maxsize=4)
def _lexed(text: str) -> tuple[tuple[str, str, int], ...]:
    """Every token of ``text``, kept for the few texts last lexed: a command checks, binds and rewrites one
    query text in several passes (seven for a named question), each of which would lex it again."""
    return tuple(_tokens(text, not text.isascii()))


def _tokens(text: str, wide: bool) -> Iterator[tuple[str, str, int]]:
    pos, end = 0, len(text)
    no_colon_until = 0  # a run of name characters and dots, up to here, has no ":" after it: not a pname
    while pos < end:
        for kind in _first(text[pos]):
            if kind == "pname" and pos < no_colon_until:
                continue
            m = _lexer(kind, wide).match(text, pos)
            if m and m.end() > pos:
                break
            if kind == "pname":  # linear: the words of "a.b.c.d" need not look for a ":" each time again
                run = _lexer("prefix-run", wide).match(text, pos)
                no_colon_until = run.end() if run else pos
        else:
            yield "error", text[pos:], pos
            return
        if kind != "space":
            yield ("name" if kind == "pname" else kind), m.group(), pos
        pos = m.end()


class Scan(NamedTuple):
    """What a query is: its form (None if no query form comes first), where it first says SERVICE (None:
    nowhere), whether it is an update, how deep its brackets nest, and where lexing failed (None: it did not).
    """

    form: str | None
    service_at: int | None
    update: bool = False
    depth: int = 0
    error_at: int | None = None


def _service_in(kind: str, tok: str, declared: set[str]) -> int | None:
    """Where the letters SERVICE count as the keyword in a token, if they do.

    In a word, anywhere. In a prefixed name ``label:local``, only where the parser could read the keyword
    inside the label and the rest (``SILENT`` aside) as a declared prefix: ``xservice:a`` reads as
    ``x SERVICE :a`` when ``:`` is declared (after ``true``, say), and as a plain name otherwise.
    """
    if kind != "name":
        return None
    if ":" not in tok:
        m = _SERVICE.search(tok)
        return m.start() if m else None
    label = tok.split(":", 1)[0]
    for m in _SERVICE.finditer(label):
        rest = label[m.end():]
        quiet = rest[6:] if rest[:6].upper() == "SILENT" else None
        if rest in declared or quiet in declared:
            return m.start()
    return None


def _prologue(kind: str, tok: str, needs: list[str], declared: set[str]) -> bool:
    """Whether a token belongs to the BASE, PREFIX and VERSION declarations that open a text (``needs``: what
    the declaration being read still needs, updated; ``declared``: the prefix labels, updated)."""
    if needs:
        need = needs.pop(0)
        if need == "ns" and kind == "name" and tok.endswith(":"):
            declared.add(tok[:-1])
            return True
        return (need == "iri" and kind == "iri") or (need == "str" and kind == "string")
    if kind != "name":
        return False
    word = tok.upper()
    if word in ("BASE", "PREFIX", "VERSION"):
        needs.extend({"BASE": ["iri"], "PREFIX": ["ns", "iri"], "VERSION": ["str"]}[word])
        return True
    if word.startswith("PREFIX") and word.endswith(":"):  # PREFIXex: glued, as the parser allows
        declared.add(tok[6:-1])
        needs.append("iri")
        return True
    return False


@lru_cache(maxsize=512)
def scan(text: str, prefixes: frozenset[str] = frozenset()) -> Scan:
    """Find the form, an update, a ``SERVICE``, the nesting depth, as Oxigraph's grammar reads the text.

    ``prefixes``: the prefix labels declared outside the text (as given to Oxigraph).
    Codepoint escapes (``\\u0053ERVICE``) outside strings and IRIs are not read by Oxigraph (a syntax error);
    in a text that does not lex, they are decoded and looked at too, in case an engine reads them.

    >>> scan("SELECT * { SERVICESILENT<urn:x>{} }").service_at, scan("SELECT ?service { ?service ?p ?o }").service_at
    (11, None)
    >>> scan("SELECT * { FILTER((((1)))) }").depth
    5
    """
    form: str | None = None
    update = False
    service = error = None
    depth = deepest = 0
    prologue: list[str] = []
    declared = set(prefixes)
    decided = False
    for kind, tok, at in tokens(text):
        if kind == "error":
            error = at
            break
        if kind == "comment":
            continue
        if kind == "other":
            if tok in "({[":
                depth += 1
                deepest = max(deepest, depth)
            elif tok in ")}]" and depth:
                depth -= 1
        if not decided and _prologue(kind, tok, prologue, declared):
            continue  # a declaration: no SERVICE can be read there
        if not decided:
            decided = True
            if kind == "name":
                word = tok.upper()
                form = next((f for f in FORMS if word.startswith(f)), None)
                update = form is None and word.startswith(UPDATE_WORDS)
        if service is None:
            inside = _service_in(kind, tok, declared)
            if inside is not None:
                service = at + inside
    if error is not None and service is None:
        rest = _CODEPOINT.sub(lambda m: chr(int(m.group(1) or m.group(2), 16)), text[error:])
        if _SERVICE.search(rest):
            service = error
    return Scan(form, service, update, deepest, error)


def line_col(text: str, offset: int) -> tuple[int, int]:
    """1-based line and column of a character offset.

    >>> line_col("a\\nbc", 3)
    (2, 2)
    """
    line = text.count("\n", 0, offset) + 1
    return line, offset - (text.rfind("\n", 0, offset) + 1) + 1


__all__ = ["FORMS", "UPDATE_WORDS", "Scan", "line_col", "scan", "tokens"]
