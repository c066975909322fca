"""Run SPARQL 1.1 queries on the Oxigraph store: SELECT, ASK, CONSTRUCT and DESCRIBE.

The prefixes of ``kg.vocab.PREFIXES`` are predeclared, so ``dkg:Meeting`` needs no ``PREFIX`` line.
Parameters are bound as RDF terms through Oxigraph's ``substitutions``, never pasted into the text.

Which graphs a query sees as its default graph (``graphs=``, see ``GRAPHS``):

- ``"merged"`` (the default): the store's default graph, the merged view: the registry and every fact merged
  across sources, each triple once (set semantics), as any other store holding an export answers;
- ``"all"``: the merged view with the ontology and the inferred RDFS triples (super-classes such as
  ``dkg:Event``, super-properties, the ``dkg:locatedIn`` closure);
- ``"union"``: Oxigraph's union of every graph: a fact comes once per source graph that holds it.

``GRAPH ?g { ... }`` always reaches every named graph, e.g. to ask which source says what (a source's graph
is named by the source's IRI).

``SERVICE`` is refused unless ``allow_service=True``: it is found by ``kg.query.scan``, which cuts the
text as Oxigraph's grammar does, so ``"SERVICE"`` in a literal is data. A malformed query raises ``QueryError``
with the parser's line and column.

>>> import kg
>>> g = kg.build("data", shacl=False)
>>> r = run(g, "SELECT ?who WHERE { ?m a dkg:Meeting ; dkg:participant ?who } ORDER BY ?who LIMIT 1")
>>> r.variables, r.to_python()
(['who'], [{'who': 'https://w3id.org/diplomatic-kg/id/abdul-latif-rashid'}])
>>> run(g, "ASK { id:baghdad dkg:locatedIn id:iraq }").boolean
True
>>> run(g, "SELECT * { SERVICE <http://example.org/sparql> { ?s ?p ?o } }")  # doctest: +ELLIPSIS
Traceback (most recent call last):
...
kg.errors.QueryError: SERVICE is refused at line 1, column 12: queries cannot reach the network ...
"""

from __future__ import annotations

import re
from collections.abc import Iterator, Mapping
from typing import TYPE_CHECKING, Any

from pyoxigraph import (
    DefaultGraph,
    NamedNode,
    QueryBoolean,
    QueryResultsFormat,
    QuerySolutions,
    Store,
    Triple,
    Variable,
    parse_query_results,
)

from kg.errors import QueryError
from kg.formats.results import cell
from kg.query.scan import FORMS, Scan, line_col, scan, tokens
from kg.values import PartialDate, python_value, to_term
from kg.vocab import INFERRED_GRAPH, ONTOLOGY_GRAPH, PREFIXES

if TYPE_CHECKING:
    from kg.graph import KnowledgeGraph

_DECLARED = frozenset(PREFIXES)  # the prefixes Oxigraph is given: the scanner must know them too
#: Which graphs a query sees as its default graph, by name (``--graphs``).
GRAPHS = {
    "merged": "the merged view: every asserted fact once (the default graph)",
    "all": "the merged view, the ontology and the inferred (RDFS) triples",
    "union": "every graph at once, as Oxigraph's union: a fact comes once per graph that holds it",
}

# -- results --------------------------------------------------------------------------------------------


class Result:
    """The result of a query, kept in the engine's own terms and converted only when asked.

    ``form`` is SELECT, ASK, CONSTRUCT or DESCRIBE. SELECT: ``variables`` and ``rows`` (``QuerySolution``
    objects, indexable by variable name, fetched lazily and cached). ASK: ``boolean``. CONSTRUCT and
    DESCRIBE: ``triples``. Iterating gives the rows or the triples. ``to_python()`` and
    ``to_dataframe()`` convert. The writers of ``kg.formats.results`` take any of these.
    """

    def __init__(self, form: str, *, variables: list[str] | None = None, rows: Any = None,
                 boolean: bool | None = None, triples: Any = None):
        self.form = form
        self.variables = list(variables or [])
        self.boolean = boolean
        self._source = iter(rows if rows is not None else triples if triples is not None else ())
        self._items: list[Any] = []
        self._done = False

    @classmethod
    def from_engine(cls, answer: Any, form: str | None = None, hide: frozenset[str] = frozenset()) -> Result:
        """Wrap what ``Store.query`` (or ``pyoxigraph.parse_query_results``) returned."""
        if isinstance(answer, QueryBoolean):
            return cls("ASK", boolean=bool(answer))
        if isinstance(answer, QuerySolutions):
            names = [v.value for v in answer.variables if v.value not in hide]
            return cls("SELECT", variables=names, rows=answer)
        return cls(form if form in ("CONSTRUCT", "DESCRIBE") else "CONSTRUCT", triples=answer)

    @classmethod
    def from_json(cls, data: Mapping[str, Any] | str | bytes) -> Result:
        """Read SPARQL 1.1 JSON results (a parsed dict, or its text), e.g. from a remote endpoint."""
        import json

        raw = json.dumps(data).encode() if isinstance(data, Mapping) else data
        try:
            return cls.from_engine(parse_query_results(raw, format=QueryResultsFormat.JSON))
        except SyntaxError as e:
            raise QueryError(f"malformed SPARQL JSON results: {e}") from e

    def _fill(self) -> list[Any]:
        if not self._done:
            try:
                self._items.extend(self._source)
            except (OSError, RuntimeError, SyntaxError) as e:
                raise QueryError(f"the query failed: {e}") from e
            self._done = True
        return self._items

    def __iter__(self) -> Iterator[Any]:
        if self._done:
            return iter(self._items)
        return self._stream()

    def _stream(self) -> Iterator[Any]:
        i = 0
        while True:
            if i < len(self._items):
                yield self._items[i]
            elif self._done:
                return
            else:
                try:
                    self._items.append(next(self._source))
                except StopIteration:
                    self._done = True
                    return
                except (OSError, RuntimeError) as e:
                    raise QueryError(f"the query failed: {e}") from e
                continue
            i += 1

    def __len__(self) -> int:
        return int(self.boolean is not None) if self.form == "ASK" else len(self._fill())

    def __repr__(self) -> str:
        if self.form == "ASK":
            return f"<Result ASK {self.boolean}>"
        what = f"{len(self)} rows of {', '.join(self.variables)}" if self.form == "SELECT" else f"{len(self)} triples"
        return f"<Result {self.form}: {what}>"

    @property
    def rows(self) -> list[Any]:
        """Every row (SELECT), as the engine gave them: ``row["name"]`` is a term or ``None``."""
        return self._fill() if self.form == "SELECT" else []

    @property
    def triples(self) -> list[Triple]:
        """Every triple (CONSTRUCT, DESCRIBE)."""
        return self._fill() if self.form in ("CONSTRUCT", "DESCRIBE") else []

    def to_python(self) -> Any:
        """Plain Python values: a list of dicts per row (SELECT), a bool (ASK), or (s, p, o) tuples.

        ``str`` for IRIs and text, ``int``, ``float``, ``Decimal``, ``bool``, ``datetime.date``,
        ``PartialDate`` for months and years, ``None`` when unbound.
        """
        if self.form == "ASK":
            return self.boolean
        if self.form != "SELECT":
            return [python_value(t) for t in self._fill()]
        names = self.variables
        return [{n: python_value(cell(row, i, n)) for i, n in enumerate(names)} for row in self._fill()]

    def to_dataframe(self) -> Any:
        """The rows as a pandas ``DataFrame`` of Python values (triples: subject, predicate, object).

        pandas is optional: without it this raises ``ImportError`` saying how to install it.
        """
        try:
            import pandas as pd
        except ImportError as e:
            raise ImportError("Result.to_dataframe() needs pandas, which is not installed: "
                              "pip install pandas (or use Result.to_python())") from e
        if self.form == "ASK":
            raise QueryError("an ASK query has no rows to put in a DataFrame; read Result.boolean")
        if self.form == "SELECT":
            return pd.DataFrame(self.to_python(), columns=self.variables)
        return pd.DataFrame(self.to_python(), columns=["subject", "predicate", "object"])

    def values(self, name: str) -> list[Any]:
        """One column as Python values.

        >>> from pyoxigraph import Literal
        >>> Result("SELECT", variables=["x"], rows=[(Literal(1),), (None,)]).values("x")
        [1, None]
        """
        i = self.variables.index(name)
        return [python_value(cell(r, i, name)) for r in self._fill()]


# -- running --------------------------------------------------------------------------------------------


def _store(graph: KnowledgeGraph | Store) -> Store:
    return graph if isinstance(graph, Store) else graph.store


def _dataset(store: Store, graphs: str) -> dict[str, Any]:
    if graphs not in GRAPHS:
        raise QueryError(f"unknown graphs {graphs!r}: expected one of {', '.join(GRAPHS)}")
    if graphs == "union":
        return {"use_default_graph_as_union": True}
    if graphs == "all":
        return {"default_graph": [DefaultGraph(), NamedNode(ONTOLOGY_GRAPH), NamedNode(INFERRED_GRAPH)]}
    return {}


_ERROR_AT = re.compile(r"error at (\d+):(\d+): (.*)", re.DOTALL)
_PREFIX_BEFORE = re.compile(r"([A-Za-z][\w.\-]*)?:[\w.\-]*$")


_EXPECTED_ITEM = re.compile(r'"(?:[^"\\]|\\.)*"|\[(?:\'(?:[^\'\\]|\\.)*\'|[^\]\'])*\]|[^,\[\]"]+')


def _tidy(what: str) -> str:
    """Drop the character classes from the parser's list of what it expected: keep the words."""
    head = "expected one of "
    if not what.startswith(head):
        return what
    items = [i.strip() for i in _EXPECTED_ITEM.findall(what[len(head):])]
    words = [i for i in items if i and not i.startswith("[")]
    more = ", or a name character" if len(words) < len([i for i in items if i]) else ""
    return (head + ", ".join(words) + more) if words else "unexpected text"


def syntax_message(text: str, error: Exception) -> str:
    """The parser's message, with line and column, the line itself and a caret.

    >>> print(syntax_message("SELECT ?x\\nWHERE { ?x }", SyntaxError("error at 2:12: expected ...")))
    malformed query: line 2, column 12: expected ...
      WHERE { ?x }
                 ^
    """
    message = str(error)
    m = _ERROR_AT.match(message)
    if not m:
        return f"malformed query: {message}"
    line, col, what = int(m.group(1)), int(m.group(2)), m.group(3).strip()
    lines = text.splitlines() or [""]
    source = lines[line - 1] if 0 < line <= len(lines) else ""
    if "Prefix not found" in what:
        p = _PREFIX_BEFORE.search(source[: max(col - 1, 0)].rstrip())
        name = (p.group(1) or "") if p else "?"
        what = f"unknown prefix {name}: (predeclared: {', '.join(PREFIXES)})"
    else:
        what = _tidy(what)
    caret = " " * (min(col, len(source) + 1) - 1) + "^"
    return f"malformed query: line {line}, column {col}: {what}\n  {source}\n  {caret}"


def run(graph: KnowledgeGraph | Store, text: str, params: Mapping[str, object] | None = None, *,
        graphs: str = "merged", allow_service: bool = False, hide: frozenset[str] = frozenset()) -> Result:
    """Run a SPARQL query on a graph (or a pyoxigraph ``Store``); return a ``Result``.

    ``params`` bind variables to values (terms, or Python values made terms by ``to_term``); in a SELECT,
    Oxigraph needs each bound variable in the projection (``SELECT *`` will do). ``hide`` leaves
    variables out of ``Result.variables`` (the bound parameters, for display).

    >>> import kg
    >>> g = kg.build("data", shacl=False)
    >>> from pyoxigraph import NamedNode
    >>> iran = NamedNode("https://w3id.org/diplomatic-kg/id/iran")
    >>> run(g, "SELECT ?c ?x { ?c dkg:locatedIn ?x }", {"x": iran}).values("c")
    ['https://w3id.org/diplomatic-kg/id/tehran']
    >>> run(g, "SELECT ?x WHERE { ?x a dkg:Meeting")
    Traceback (most recent call last):
    ...
    kg.errors.QueryError: malformed query: line 1, column 35: expected one of ...
      SELECT ?x WHERE { ?x a dkg:Meeting
                                        ^
    """
    found = scan(text, _DECLARED)
    if found.service_at is not None and not allow_service:
        line, col = line_col(text, found.service_at)
        raise QueryError(f"SERVICE is refused at line {line}, column {col}: queries cannot reach the network "
                         "(allow_service=True, or kg query --allow-service, allows it)")
    subs = {Variable(k): to_term(v) for k, v in params.items()} if params else None
    store = _store(graph)
    try:
        answer = store.query(text, prefixes=PREFIXES, substitutions=subs, **_dataset(store, graphs))
    except SyntaxError as e:
        raise QueryError(syntax_message(text, e)) from e
    except RuntimeError as e:
        m = re.search(r"variable \?(\S+) in its SELECT projection", str(e))
        if m:
            raise QueryError(f"the parameter ?{m.group(1)} must be in the SELECT clause to be bound "
                             "(Oxigraph binds parameters through the projection; SELECT * will do)") from e
        raise QueryError(f"the query failed: {e}") from e
    except OSError as e:
        raise QueryError(f"the query failed: {e}") from e
    return Result.from_engine(answer, found.form, hide)

__all__ = ["FORMS", "GRAPHS", "PartialDate", "Result", "Scan", "line_col", "run", "scan", "syntax_message", "tokens"]
