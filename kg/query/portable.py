"""The one text of a named question: what runs here, what is sent to other stores, what ``--show`` prints.

``complete_text(query, bound)`` is SPARQL 1.1 that Oxigraph (embedded or server), Jena's ``arq`` and
TDB2, and Virtuoso all run as it is:

1. ``PREFIX`` lines for the prefixes the query uses (the project's, ``kg.vocab.PREFIXES``);
2. the query, with ``LATERAL`` (not SPARQL 1.1) taken out: ``portable_body``;
3. the parameters bound by one ``VALUES`` row, first in the WHERE group and in every sub-select that
   mentions them (``bind_values``): the terms
   written as N-Triples terms (escaped, never pasted as text), ``UNDEF`` for an optional parameter left
   out, so that ``BOUND(?param)`` says whether it was given on every engine;
4. a ``FILTER(COALESCE(<test of ?param>, true))`` of a parameter left out is taken out
   (``drop_unbound_tests``): it is true by the standard, but Virtuoso evaluates such a comparison with an
   unbound variable as false (``=``) or true (``<=``).

>>> from kg.query.catalog import parse_named
>>> q = parse_named('# title: T\\n# param: x text "x"\\n# param: y date optional "y"\\n'
...                 'SELECT ?s ?x ?y { ?s rdfs:label ?x }', "t")
>>> print(complete_text(q, {"x": "Zarif \\"J\\""}), end="")
# title: T
# param: x text "x"
# param: y date optional "y"
PREFIX rdfs: <http://www.w3.org/2000/01/rdf-schema#>
SELECT ?s ?x ?y { VALUES (?x ?y) { ("Zarif \\"J\\"" UNDEF) }
 ?s rdfs:label ?x }
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from typing import TYPE_CHECKING

from kg.errors import QueryError
from kg.query.sparql import FORMS, tokens
from kg.values import to_term
from kg.vocab import PREFIXES

if TYPE_CHECKING:
    from kg.query.catalog import NamedQuery


def bind_values(text: str, values: Mapping[str, object], undef: Iterable[str] = (), *,
                subselects: bool = False) -> str:
    """The query with a ``VALUES`` block binding the parameters, first in its WHERE group.

    ``undef`` names variables to bind to ``UNDEF`` (left out). Terms are written by
    ``kg.formats.rdf.term_nt`` (escaped). Filters of the WHERE group see the values; a sub-select does
    not (SPARQL evaluates it first), unless ``subselects``: then every sub-select that mentions a
    parameter gets its own ``VALUES`` row for the parameters it mentions, as a parameter is a constant
    of the question (and a store then starts a sub-select from it instead of scanning the whole graph).

    >>> print(bind_values("SELECT ?x WHERE { ?x a ?c }", {"c": "urn:c"}))
    SELECT ?x WHERE { VALUES (?c) { ("urn:c") }
     ?x a ?c }
    >>> print(bind_values("SELECT * { ?x a ?c { SELECT ?x { ?x ?p ?c } } }", {"c": "urn:c"}, subselects=True))
    SELECT * { VALUES (?c) { ("urn:c") }
     ?x a ?c { SELECT ?x { VALUES (?c) { ("urn:c") }
     ?x ?p ?c } } }
    """
    names = sorted(set(values) | set(undef))
    if not names:
        return text
    toks = [(k, t, at) for k, t, at in tokens(text) if k != "comment"]
    forms = [i for i, (k, t, _) in enumerate(toks) if k == "name" and t.upper() in FORMS]
    if not forms:
        raise QueryError("cannot bind parameters: no SELECT, ASK, CONSTRUCT or DESCRIBE in the query")
    terms = {name: _term(name, values) for name in names}
    inserts: list[tuple[int, str]] = []
    for n, start in enumerate(forms if subselects else forms[:1]):
        brace = _where_brace(toks, start)
        if brace is None:
            if n == 0:
                raise QueryError("cannot bind parameters: the query has no WHERE clause")
            continue
        used = names
        if n > 0:  # a sub-select: the parameters it mentions, if any
            depth, inside = 0, set()
            for k, t, _ in toks[brace:]:
                depth += {"{": 1, "}": -1}.get(t, 0)
                if k == "var":
                    inside.add(t[1:])
                if depth == 0:
                    break
            used = [name for name in names if name in inside]
            if not used:
                continue
        block = f" VALUES ({' '.join('?' + u for u in used)}) {{ ({' '.join(terms[u] for u in used)}) }}\n"
        inserts.append((toks[brace][2] + 1, block))
    for at, block in sorted(inserts, reverse=True):
        text = text[:at] + block + text[at:]
    return text


def _where_brace(toks: list[tuple[str, str, int]], start: int) -> int | None:
    """The index of the brace that opens the WHERE group of the query form at ``start``."""
    i = start + 1
    if toks[start][1].upper() == "CONSTRUCT" and i < len(toks) and toks[i][1] == "{":
        depth = 0
        for i in range(i, len(toks)):  # noqa: B020 - skip the template, a balanced group
            depth += {"{": 1, "}": -1}.get(toks[i][1], 0)
            if depth == 0:
                break
        i += 1
    return next((j for j in range(i, len(toks)) if toks[j][1] == "{"), None)


def _term(name: str, values: Mapping[str, object]) -> str:
    from pyoxigraph import Literal, NamedNode

    from kg.formats.rdf import term_nt

    if values.get(name) is None:
        return "UNDEF"
    term = to_term(values[name])
    if not isinstance(term, (NamedNode, Literal)):
        raise QueryError(f"cannot send the parameter ?{name} to an endpoint: {term!r} is not an IRI or a literal")
    return term_nt(term)  # type: ignore[arg-type]


def portable_body(text: str) -> str:
    r"""The query without ``LATERAL`` (Oxigraph's, not SPARQL 1.1's), at the same offsets.

    A ``LATERAL { ... }`` group with no ``FILTER``, ``BIND`` or ``MINUS`` of its own is merged into the
    enclosing group (Virtuoso 7.2 fails on some nested groups, "SQ156 Internal Optimized compiler
    error"); other ones lose the word only.

    >>> portable_body("SELECT * { ?a ?b ?c LATERAL { ?c ?d ?e } }")
    'SELECT * { ?a ?b ?c           ?c ?d ?e   }'
    """
    toks = [(k, t.upper() if k == "name" else t, at) for k, t, at in tokens(text) if k != "comment"]
    blank: list[tuple[int, int]] = []
    for i, (kind, word, at) in enumerate(toks):
        if kind != "name" or word != "LATERAL":
            continue
        blank.append((at, at + len(word)))
        if i + 1 >= len(toks) or toks[i + 1][1] != "{":
            continue
        depth, scoped, j = 0, False, i + 1
        for j in range(i + 1, len(toks)):  # noqa: B007 - j is the closing brace afterwards
            depth += {"{": 1, "}": -1}.get(toks[j][1], 0)
            scoped = scoped or (depth == 1 and toks[j][0] == "name" and toks[j][1] in ("FILTER", "BIND", "MINUS"))
            if depth == 0:
                break
        if not scoped:
            blank += [(toks[i + 1][2], toks[i + 1][2] + 1), (toks[j][2], toks[j][2] + 1)]
    for start, end in sorted(blank, reverse=True):
        text = text[:start] + " " * (end - start) + text[end:]
    return text


def drop_unbound_tests(text: str, absent: Iterable[str]) -> str:
    """Blank out each ``FILTER(COALESCE(..., true))`` that tests a parameter left out (true by the standard).

    >>> print(drop_unbound_tests("SELECT * { ?s ?p ?o FILTER(COALESCE(?o = ?x, true)) FILTER(?o != ?s) }", ["x"]))
    SELECT * { ?s ?p ?o                                 FILTER(?o != ?s) }
    """
    absent = set(absent)
    if not absent:
        return text
    toks = [(k, t.upper() if k == "name" else t, at, at + len(t)) for k, t, at in tokens(text) if k != "comment"]
    spans = []
    for i, (kind, word, start, _) in enumerate(toks):
        if kind != "name" or word != "FILTER" or i + 3 >= len(toks) or toks[i + 1][1] != "(":
            continue
        depth, j = 0, i + 1
        for j in range(i + 1, len(toks)):  # noqa: B007 - j is the closing parenthesis afterwards
            depth += {"(": 1, ")": -1}.get(toks[j][1], 0)
            if depth == 0:
                break
        inner = toks[i + 2: j]
        tests_absent = any(k == "var" and t[1:] in absent for k, t, _, _ in inner)
        coalesce_true = (len(inner) > 4 and inner[0][1] == "COALESCE" and inner[-1][1] == ")"
                         and inner[-2][1].lower() == "true" and inner[-3][1] == ",")
        if tests_absent and coalesce_true:
            spans.append((start, toks[j][3]))
    for start, end in reversed(spans):
        text = text[:start] + " " * (end - start) + text[end:]
    return text


def prologue(text: str) -> str:
    """``PREFIX`` lines for the project's prefixes the text uses and does not declare itself.

    >>> print(prologue("SELECT ?m { ?m a dkg:Meeting ; rdfs:label 'dkg:x' }"), end="")
    PREFIX dkg: <https://w3id.org/diplomatic-kg/ontology#>
    PREFIX rdfs: <http://www.w3.org/2000/01/rdf-schema#>
    """
    toks = [(k, t) for k, t, _ in tokens(text) if k != "comment"]
    declared = {toks[i + 1][1].rstrip(":") for i, (k, t) in enumerate(toks[:-1])
                if k == "name" and t.upper() == "PREFIX"}
    used = {t.partition(":")[0] for k, t in toks if k == "name" and ":" in t}
    return "".join(f"PREFIX {p}: <{ns}>\n" for p, ns in PREFIXES.items() if p in used and p not in declared)


def complete_text(query: NamedQuery, bound: Mapping[str, object]) -> str:
    """The complete SPARQL 1.1 text of a named question with its parameters (see the module docstring).

    ``bound`` maps the names of the given parameters to their terms (``kg.query.catalog.bind_params``);
    the others are ``UNDEF``. A required parameter left out is ``UNDEF`` too, for ``--show``: the
    question then answers nothing useful, and ``run_named`` never sends it so.
    """
    given = {k: v for k, v in bound.items() if v is not None}
    absent = [p.name for p in query.params if p.name not in given]
    body = bind_values(drop_unbound_tests(portable_body(query.text), absent), given, absent, subselects=True)
    lines = body.splitlines(keepends=True)
    head = 0
    while head < len(lines) and (lines[head].lstrip().startswith("#") or not lines[head].strip()):
        head += 1  # the header comments stay on top
    text = "".join(lines[:head]) + prologue(body) + "".join(lines[head:])
    return text if text.endswith("\n") else text + "\n"


__all__ = ["bind_values", "complete_text", "drop_unbound_tests", "portable_body", "prologue"]
