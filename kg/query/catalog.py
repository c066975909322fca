"""Named questions: a catalog of SPARQL files with a header saying what they answer and what they take.

Each ``ontology/queries/NAME.rq`` starts with comment lines::

    # title: Meetings of an actor
    # description: Every meeting the actor took part in, with the counterparts ...
    # param: actor actor "the person or organization"
    # param: from date optional "only meetings that may have happened on or after this day"
    # example: actor=zarif from=2025-02-01

A parameter line is ``NAME TYPE [optional] "what it is"``; the types are the keys of ``PARAM_TYPES``:
an entity kind (actor, person, organization, place, topic, role, event, fact, source, entity...) takes
an id, a label or an alias, resolved in the store; ``date`` a day; ``text`` any text; ``integer``.

A named question is one text, the same everywhere: ``complete_text`` (``kg.query.portable``) gives the
SPARQL 1.1 that runs here, is sent to other stores by ``kg query --endpoint`` and is printed by
``kg query NAME --show``: the ``PREFIX`` lines it needs, and the parameters bound by a ``VALUES`` row
(escaped RDF terms, never pasted into the text: a value with quotes, braces or ``#`` is only data). So:

- write portable SPARQL 1.1 against the default graph, which holds the merged view (docs/design.md):
  no ``LATERAL`` (taken out if present), ``GRAPH ?g`` only to ask which source says what;
- test an optional parameter with ``BOUND``: ``FILTER(!BOUND(?to) || (BOUND(?earliest) && ?earliest <= ?to))``
  (a parameter left out is ``UNDEF``); a ``FILTER(COALESCE(<test>, true))`` of a parameter left out is
  taken out of the text. Test parameters in the top-level group: a sub-select does not see the values;
- a list in a cell is ``GROUP_CONCAT(DISTINCT ...; separator="; ")``: engines join in their own order, so
  ``canonical`` sorts the items of such a column (and an empty list is unbound), here and elsewhere;
- a SELECT projects every parameter (hidden from ``Result.variables`` afterwards), and its ``ORDER BY``
  should decide every tie, so that every engine gives the rows in one order.

>>> catalog = load_catalog()
>>> q = catalog["meetings-of"]
>>> q.title, [(p.name, p.type, p.optional) for p in q.params]
('Meetings of an actor', [('actor', 'actor', False), ('from', 'date', True), ('to', 'date', True)])
"""

from __future__ import annotations

import re
import shlex
import time
from collections.abc import Mapping
from datetime import date
from functools import lru_cache
from pathlib import Path
from typing import TYPE_CHECKING, Any, NamedTuple

from pyoxigraph import BlankNode, Literal, NamedNode

from kg.errors import QueryError
from kg.query.portable import complete_text, portable_body
from kg.query.resolve import KINDS, lookup, note, resolve
from kg.query.sparql import Result, run, scan, tokens

if TYPE_CHECKING:
    from pyoxigraph import Store

    from kg.graph import KnowledgeGraph

#: Parameter types, declared once: type -> what a value is (shown by ``kg query --list``).
PARAM_TYPES: dict[str, str] = {
    **{kind: f"{what}, by id, label or alias" for kind, (_, what) in KINDS.items()},
    "date": "a day, YYYY-MM-DD",
    "text": "any text, as a string",
    "integer": "a whole number",
}
_FIELDS = ("title", "description", "param", "example")
_HEADER_LINE = re.compile(r"#\s*(\w+)\s*:\s?(.*)")
_BOOLEAN = "http://www.w3.org/2001/XMLSchema#boolean"
_CONCAT = re.compile(r'GROUP_CONCAT\s*\(.*?separator\s*=\s*"([^"]*)"\s*\)\s*AS\s*\?(\w+)', re.IGNORECASE | re.DOTALL)
_PARAM = re.compile(r'(?P<name>[A-Za-z_]\w*)\s+(?P<type>[a-z]+)(?P<optional>\s+optional)?\s*(?:"(?P<desc>[^"]*)")?')


class Param(NamedTuple):
    """A parameter of a named question."""

    name: str
    type: str
    description: str = ""
    optional: bool = False

    def __str__(self) -> str:
        usage = f"{self.name}={self.type.upper()}"
        return f"[{usage}]" if self.optional else usage


class NamedQuery(NamedTuple):
    """A named question: its SPARQL text and what its header says."""

    name: str
    title: str
    description: str
    params: tuple[Param, ...]
    text: str
    path: str = ""
    examples: tuple[tuple[tuple[str, str], ...], ...] = ()

    def param(self, name: str) -> Param:
        for p in self.params:
            if p.name == name:
                return p
        known = ", ".join(p.name for p in self.params) or "none"
        raise QueryError(f"{self.name} has no parameter {name!r} (its parameters: {known})")

    @property
    def portable(self) -> str:
        """The text without the word ``LATERAL`` (not SPARQL 1.1), at the same offsets (``portable_body``)."""
        return portable_body(self.text)

    @property
    def lists(self) -> dict[str, str]:
        """The columns that hold lists (``GROUP_CONCAT(...; separator="S") AS ?name``): name -> separator.

        >>> load_catalog()["visits-to"].lists
        {'topics': '; '}
        """
        return {m.group(2): m.group(1).encode("utf-8").decode("unicode_escape") for m in _CONCAT.finditer(self.text)}

    def complete(self, bound: Mapping[str, Any]) -> str:
        """The complete text run and sent for these bound parameters (``kg.query.portable.complete_text``)."""
        return complete_text(self, bound)

    def usage(self) -> str:
        """``meetings-of actor=ACTOR [from=DATE] [to=DATE]``."""
        return " ".join([self.name, *(str(p) for p in self.params)])


def _fail(path: str, line: int, message: str) -> QueryError:
    return QueryError(f"{path}:{line}: {message}")


def parse_named(text: str, name: str, path: str = "<query>") -> NamedQuery:
    """Read a named question: its header, then check the SPARQL against the parameters it declares.

    >>> q = parse_named('# title: T\\n# param: x text "a text"\\nSELECT ?x ?y { BIND(STR(?x) AS ?y) }', "t")
    >>> q.params
    (Param(name='x', type='text', description='a text', optional=False),)
    """
    fields: dict[str, list[str]] = {f: [] for f in _FIELDS}
    params: list[Param] = []
    examples: list[tuple[tuple[str, str], ...]] = []
    last = None
    for n, raw in enumerate(text.splitlines(), 1):
        line = raw.strip()
        if not line.startswith("#"):
            if line:
                break
            continue
        m = _HEADER_LINE.fullmatch(line)
        if m and m.group(1) in _FIELDS:
            last, value = m.group(1), m.group(2).strip()
            if last == "param":
                params.append(_param(value, path, n))
            elif last == "example":
                try:
                    words = shlex.split(value)
                except ValueError as e:
                    raise _fail(path, n, f"example: {e}") from e
                if any("=" not in w for w in words):
                    raise _fail(path, n, "an example is NAME=VALUE pairs")
                examples.append(tuple((k, v) for k, _, v in (w.partition("=") for w in words)))
            else:
                fields[last].append(value)
        elif last == "description" and line.lstrip("#").strip():
            fields["description"].append(line.lstrip("#").strip())
    if not fields["title"]:
        raise _fail(path, 1, "the header needs a '# title: ...' line")
    q = NamedQuery(name, " ".join(fields["title"]), " ".join(fields["description"]), tuple(params), text, path,
                   tuple(examples))
    _check(q)
    return q


def _param(value: str, path: str, line: int) -> Param:
    m = _PARAM.fullmatch(value)
    if not m:
        raise _fail(path, line, f'a parameter is NAME TYPE [optional] "description", got {value!r}')
    if m.group("type") not in PARAM_TYPES:
        raise _fail(path, line, f"unknown parameter type {m.group('type')!r}: expected one of {', '.join(PARAM_TYPES)}")
    return Param(m.group("name"), m.group("type"), m.group("desc") or "", bool(m.group("optional")))


def _check(q: NamedQuery) -> None:
    found = scan(q.text)
    if found.form is None:
        raise _fail(q.path, 1, "no SELECT, ASK, CONSTRUCT or DESCRIBE in the query")
    toks = [(k, t) for k, t, _ in tokens(q.text) if k != "comment"]
    used = {t[1:] for k, t in toks if k == "var"}
    projected: set[str] | None = None
    if found.form == "SELECT":
        start = next(i for i, (k, t) in enumerate(toks) if k == "name" and t.upper() == "SELECT")
        projected = set()
        for k, t in toks[start + 1:]:
            if t == "{" or (k == "name" and t.upper() in ("WHERE", "FROM")):
                break
            if t == "*":
                projected = None
                break
            if k == "var":
                projected.add(t[1:])
    names = [p.name for p in q.params]
    if len(set(names)) != len(names):
        raise _fail(q.path, 1, "a parameter is declared twice")
    for p in q.params:
        if p.name not in used:
            raise _fail(q.path, 1, f"the parameter {p.name} is declared but ?{p.name} is not in the query")
        if projected is not None and p.name not in projected:
            raise _fail(q.path, 1, f"the parameter ?{p.name} must be in the SELECT clause to be bound")


def default_folder() -> Path:
    """The folder of the built-in named questions (``kg.resources.builtin_queries_dir``)."""
    from kg.resources import builtin_queries_dir

    return builtin_queries_dir()


@lru_cache(maxsize=256)
def _parse_file(path: str, stamp: tuple) -> NamedQuery:
    """One ``.rq`` file read and checked; ``stamp`` (its mtime and size) keys the cache."""
    try:
        text = Path(path).read_text(encoding="utf-8")
    except (OSError, UnicodeDecodeError) as e:
        raise QueryError(f"{path}: cannot read the named question: {e}") from e
    return parse_named(text, Path(path).stem, path)


class Catalog(Mapping[str, NamedQuery]):
    """The named questions by name: the names are the files' names, and a question is read and checked when it
    is first asked for (``kg query NAME`` reads one file, ``kg query --list`` all of them); a file that cannot
    be read or whose question is malformed raises ``QueryError`` naming it then."""

    def __init__(self, files: dict[str, tuple[str, tuple]]):
        self._files = files

    def __getitem__(self, name: str) -> NamedQuery:
        path, stamp = self._files[name]
        return _parse_file(path, stamp)

    def __contains__(self, name: object) -> bool:  # Mapping's own would read the file
        return name in self._files

    def __iter__(self):
        return iter(self._files)

    def __len__(self) -> int:
        return len(self._files)

    def __repr__(self) -> str:
        return f"Catalog({', '.join(self._files)})"


_CHECKED: dict[str, tuple[float, dict[str, tuple[str, tuple]]]] = {}


def _folder_files(where: Path) -> dict[str, tuple[str, tuple]]:
    key = str(where)
    now = time.monotonic()
    hit = _CHECKED.get(key)
    if hit is not None and now - hit[0] < 1.0:
        return hit[1]
    if not where.is_dir():
        raise QueryError(f"no folder of named questions at {where}")
    files = {}
    for p in sorted(where.glob("*.rq")):
        st = p.stat()
        files[p.stem] = (str(p), (st.st_mtime_ns, st.st_size))
    _CHECKED[key] = (now, files)
    return files


def load_catalog(folder: str | Path | None = None, *, project: str | Path | None = "queries") -> Catalog:
    """The named questions, by name: those of ``folder`` (default: the built-in ones), plus the project's own
    ``.rq`` files in ``project`` (default: ``queries/`` in the current folder, when it exists; ``None``: none).

    A project question with the name of a built-in one replaces it. A file is read and checked when its
    question is first asked for, and read again when it changes (the folder looked at no more than once a
    second).
    """
    files = dict(_folder_files(Path(folder) if folder is not None else default_folder()))
    if folder is None and project is not None and Path(project).is_dir():
        files.update(_folder_files(Path(project).resolve()))
    return Catalog(files)


def get_named(name: str, catalog: Mapping[str, NamedQuery] | None = None) -> NamedQuery:
    """A named question by name, or ``QueryError`` with the closest names."""
    cat = load_catalog() if catalog is None else catalog
    if name in cat:
        return cat[name]
    import difflib  # only for an unknown name

    close = difflib.get_close_matches(name, list(cat), n=3, cutoff=0.5)
    hint = f"; did you mean {' or '.join(close)}?" if close else ""
    raise QueryError(f"no named question {name!r}{hint} (kg query --list shows them)")


def bind_value(graph: KnowledgeGraph | Store, param: Param, value: object, *,
               notes: list[str] | None = None) -> NamedNode | Literal | BlankNode:
    """A parameter value as the RDF term to bind: names resolved to entities, dates checked.

    A name is matched as ``kg search`` matches it (``kg.query.resolve.lookup`` with ``close``): an id, a
    label or an alias whatever the case, accents and punctuation, else the one closest name; when the
    name given is not exactly the entity's, ``notes`` receives what it was taken as (the CLI prints it).
    """
    if isinstance(value, (NamedNode, Literal, BlankNode)):
        return value
    kind = param.type
    if kind in KINDS:
        text = str(value)
        if notes is None:
            return NamedNode(resolve(graph, text, kind, close=True))
        match = lookup(graph, text, kind, close=True)
        said = note(text, match)
        if said:
            notes.append(f"{param.name}: {said}")
        return NamedNode(match.iri)
    if kind == "date":
        if isinstance(value, date):
            day = value
        else:
            try:
                day = date.fromisoformat(str(value).strip())
            except ValueError:
                raise QueryError(f"parameter {param.name}: expected a date such as 2025-02-07, got {value!r}") from None
        return Literal(day.isoformat(), datatype=NamedNode("http://www.w3.org/2001/XMLSchema#date"))
    if kind == "integer":
        try:
            return Literal(int(str(value)))
        except ValueError:
            raise QueryError(f"parameter {param.name}: expected a whole number, got {value!r}") from None
    return Literal(str(value))


def bind_params(graph: KnowledgeGraph | Store, query: NamedQuery, params: Mapping[str, Any] | None, *,
                partial: bool = False, notes: list[str] | None = None) -> dict:
    """Check the given values against the declared parameters and turn them into terms (``partial``: a
    required parameter may be left out, for showing the text; ``notes``: see ``bind_value``)."""
    values = dict(params or {})
    for name in values:
        query.param(name)
    out = {}
    for p in query.params:
        value = values.get(p.name)
        if value is None or (isinstance(value, str) and not value.strip()):
            if not p.optional and not partial:
                raise QueryError(f"{query.name} needs the parameter {p.name}: {p.description or p.type} "
                                 f"(usage: {query.usage()})")
            continue
        out[p.name] = bind_value(graph, p, value, notes=notes)
    return out


def run_named(graph: KnowledgeGraph | Store, name: str | NamedQuery, params: Mapping[str, Any] | None = None, *,
              catalog: Mapping[str, NamedQuery] | None = None, notes: list[str] | None = None) -> Result:
    """Answer a named question on a graph (or a ``Store``): resolve and bind the parameters (``notes``
    receives what names were taken as, see ``bind_value``), run it.

    >>> import kg
    >>> g = kg.build("data", shacl=False)
    >>> r = run_named(g, "visits-to", {"place": "Iraq"})
    >>> sorted(r.values("visit"))                       # Baghdad is in Iraq
    ['https://w3id.org/diplomatic-kg/id/pezeshkian-visit-to-baghdad-2024-09', \
'https://w3id.org/diplomatic-kg/id/zarif-visit-to-iraq-2025-02']
    """
    query = name if isinstance(name, NamedQuery) else get_named(name, catalog)
    bound = bind_params(graph, query, params, notes=notes)
    # The default graph: the merged view, as every other store holding the export answers from it.
    result = run(graph, query.complete(bound), hide=frozenset(p.name for p in query.params), graphs="merged")
    return canonical(query, result)


def canonical(query: NamedQuery, result: Result) -> Result:
    """The answer as every engine gives it: the items of every list column sorted, an empty list unbound
    (engines join ``GROUP_CONCAT`` in their own order, and give ``""`` or nothing for an empty group), and
    booleans in their canonical form (Virtuoso writes ``"1"^^xsd:boolean`` for true).

    >>> q = parse_named('# title: T\\nSELECT ?e (GROUP_CONCAT(?t; separator="; ") AS ?ts) { ?e ?p ?t } GROUP BY ?e',
    ...                 "t")
    >>> one = Literal("1", datatype=NamedNode("http://www.w3.org/2001/XMLSchema#boolean"))
    >>> rows = [(one, Literal("b; a; c")), (None, Literal(""))]
    >>> r = canonical(q, Result("SELECT", variables=["e", "ts"], rows=rows))
    >>> r.values("ts"), r.values("e")
    (['a; b; c', None], [True, None])
    """
    lists = query.lists
    if result.form != "SELECT":
        return result
    from kg.formats.results import cell

    rows = []
    for row in result.rows:
        out = {}
        for j, n in enumerate(result.variables):
            term = cell(row, j, n)
            if n in lists and isinstance(term, Literal):
                items = term.value.split(lists[n]) if term.value else []
                term = Literal(lists[n].join(sorted(items))) if items else None
            elif isinstance(term, Literal) and term.datatype.value == _BOOLEAN and term.value in ("0", "1"):
                term = Literal(term.value == "1")
            out[n] = term
        rows.append(out)
    return Result("SELECT", variables=result.variables, rows=rows)


__all__ = ["PARAM_TYPES", "NamedQuery", "Param", "bind_params", "bind_value", "default_folder", "get_named",
           "canonical", "load_catalog", "parse_named", "run_named"]
