"""The SHACL check of the merged view: the shapes compiled to SPARQL queries, run on the Oxigraph store itself.

``compile_shapes`` turns ``ontology/shapes.ttl`` into one ``SELECT`` per constraint (a ``Check``), whose rows
are the violations (``?this``, and ``?value`` / ``?path`` where SHACL reports them); ``check_shapes`` runs them
on the default graph (the merged view) and the conflicts graph, and traces each violation back to the facts
file and line that wrote its focus node (the build's origins).

The semantics are those the build had with pySHACL and RDFS inference over the ontology's hierarchy: a class
(``sh:targetClass``, ``sh:class``) includes its subclasses, and a property path includes its sub-properties
(``dkg:signatory`` counts as a ``dkg:participant``), both read from the ontology graph of the store. Only the
features the shapes use are compiled (the list is in ``_PROPERTY_KEYS`` and ``_NODE_KEYS``); any other SHACL
term in a shapes file is refused with an error naming it, never silently ignored. Measured against pySHACL
and pyshacl-turbo in docs/speed.md.

>>> from pyoxigraph import Literal, NamedNode, Quad, Store
>>> from kg.resources import ontology_files
>>> from kg.builder import load_ontology
>>> onto, shapes = ontology_files()
>>> s = Store(); load_ontology(s, onto)
>>> from kg.vocab import DKG, ID_NS, RDF_TYPE
>>> s.add(Quad(NamedNode(ID_NS + "m"), NamedNode(RDF_TYPE), NamedNode(DKG.Meeting)))
>>> for message in sorted({p.expected.split(" (SHACL")[0] for p in check_shapes(s, shapes)})[:3]: print(message)
a fact needs a qualified derivation naming its source and sentence
a fact needs at least one evidence sentence
a fact needs its source (prov:wasDerivedFrom a dkg:SourceDocument)
"""

from __future__ import annotations

import re
from collections import defaultdict
from dataclasses import dataclass
from pathlib import Path

from pyoxigraph import BlankNode, DefaultGraph, Literal, NamedNode, RdfFormat, Store, parse

from kg.errors import Problem, ShapeError
from kg.vocab import CONFLICTS_GRAPH, ONTOLOGY_GRAPH, RDF, RDF_TYPE, RDFS, XSD, compact

SH = "http://www.w3.org/ns/shacl#"
_DEFAULT_MESSAGE = "a value that conforms to the shapes"
#: What a property shape may say (anything else is refused).
_PROPERTY_KEYS = {SH + k for k in ("path", "minCount", "maxCount", "class", "datatype", "in", "minLength", "or",
                                   "node", "lessThanOrEquals", "message", "severity", "name", "description",
                                   "minInclusive", "maxInclusive", "minExclusive", "maxExclusive")}
#: The range constraints, as the comparison a conforming value passes.
_RANGES = {SH + "minInclusive": ">=", SH + "maxInclusive": "<=", SH + "minExclusive": ">", SH + "maxExclusive": "<"}
_PROPERTY_KEYS |= {RDFS.comment, RDFS.label}
#: What a node shape may say.
_NODE_KEYS = {RDF_TYPE, RDFS.comment, RDFS.label, SH + "targetClass", SH + "property", SH + "sparql",
              SH + "severity", SH + "declare"}
_SPARQL_KEYS = {SH + "select", SH + "message", SH + "prefixes", SH + "severity", RDFS.comment}
#: Lexical forms of the datatypes a cast cannot check in Oxigraph (well-formed values, as pySHACL requires).
_LEXICAL = {XSD.gYear: r"^-?[0-9]{4,}(Z|[+-][0-9]{2}:[0-9]{2})?$",
            XSD.gYearMonth: r"^-?[0-9]{4,}-(0[1-9]|1[0-2])(Z|[+-][0-9]{2}:[0-9]{2})?$"}
_CASTABLE = {XSD.date, XSD.boolean, XSD.integer, XSD.decimal, XSD.dateTime, XSD.double, XSD.float}


class ShapesUnsupported(ValueError):
    """A shapes file uses a SHACL feature this compiler does not translate."""


@dataclass(frozen=True)
class Check:
    """One compiled constraint: a SELECT whose rows (``?this``, maybe ``?value``, ``?path``) are violations."""

    shape: str
    query: str
    message: str
    severity: str
    path: str | None
    #: The variables the query selects (``this``, and ``value``, ``path`` when it reports them).
    selects: tuple[str, ...] = ("this",)


class _Graph:
    """The shapes graph as subject -> predicate -> objects (document order)."""

    def __init__(self, path: Path):
        self.props: dict[object, dict[str, list]] = defaultdict(lambda: defaultdict(list))
        for t in parse(path=str(path), format=RdfFormat.TURTLE):
            self.props[t.subject][t.predicate.value].append(t.object)

    def one(self, node: object, key: str):
        values = self.props.get(node, {}).get(key, [])
        return values[0] if values else None

    def items(self, node: object) -> list:
        """The members of an RDF list."""
        out = []
        while not (isinstance(node, NamedNode) and node.value == RDF.nil):
            out.append(self.one(node, RDF.first))
            node = self.one(node, RDF.rest)
            if node is None:
                raise ShapesUnsupported("an RDF list without rdf:nil in the shapes")
        return out


class _Hierarchy:
    """Subclasses and sub-properties from the store's ontology graph (reflexive, transitive)."""

    def __init__(self, store: Store):
        self.below: dict[str, dict[str, set[str]]] = {RDFS.subClassOf: defaultdict(set),
                                                      RDFS.subPropertyOf: defaultdict(set)}
        onto = NamedNode(ONTOLOGY_GRAPH)
        for predicate, below in self.below.items():
            for q in store.quads_for_pattern(None, NamedNode(predicate), None, onto):
                if isinstance(q.subject, NamedNode) and isinstance(q.object, NamedNode):
                    below[q.object.value].add(q.subject.value)

    def closure(self, predicate: str, top: str) -> list[str]:
        below, seen, todo = self.below[predicate], {top}, [top]
        while todo:
            for sub in below.get(todo.pop(), ()):
                if sub not in seen:
                    seen.add(sub)
                    todo.append(sub)
        return sorted(seen)

    def classes(self, top: str) -> list[str]:
        return self.closure(RDFS.subClassOf, top)

    def path(self, prop: str) -> str:
        """The property path matching a property or any of its sub-properties."""
        return "|".join(f"<{p}>" for p in self.closure(RDFS.subPropertyOf, prop))


def _nt(term: object) -> str:
    return str(term)  # pyoxigraph's str() of a term is its N-Triples form


def _int(term: object, what: str) -> int:
    if not isinstance(term, Literal) or not term.value.isdigit():
        raise ShapesUnsupported(f"{what} must be a non-negative integer, got {term}")
    return int(term.value)


def _distinct(names: list[str]) -> str:
    return " && ".join(f"!sameTerm({a}, {b})" for i, a in enumerate(names) for b in names[i + 1:]) or "true"


class _Compiler:
    def __init__(self, shapes: _Graph, hierarchy: _Hierarchy):
        self.g, self.h = shapes, hierarchy
        self.fresh = 0

    def var(self, stem: str) -> str:
        self.fresh += 1
        return f"?{stem}{self.fresh}"

    def check_keys(self, node: object, allowed: set[str], what: str) -> None:
        extra = sorted(set(self.g.props.get(node, {})) - allowed)
        if extra:
            raise ShapesUnsupported(f"{what} {node} uses {', '.join(compact(e) for e in extra)}, which the SHACL "
                                    "compiler of kg.builder.shapes does not translate")

    # -- value conditions (a SPARQL expression true when ?value violates) ---------------------------------
    def datatype_ok(self, dt: str, v: str) -> str:
        if dt == RDF.langString:
            return f'(isLiteral({v}) && lang({v}) != "")'
        ok = f"isLiteral({v}) && datatype({v}) = <{dt}>"
        if dt in _CASTABLE:
            ok += f" && COALESCE(isLiteral(<{dt}>(STR({v}))), false)"
        elif dt in _LEXICAL:
            ok += f' && REGEX(STR({v}), "{_LEXICAL[dt]}")'
        return f"({ok})"

    def class_ok(self, cls: str, v: str) -> str:
        t = self.var("type")
        return f"EXISTS {{ {v} a {t} . VALUES {t} {{ {' '.join(f'<{c}>' for c in self.h.classes(cls))} }} }}"

    def member_ok(self, member: object, v: str) -> str:
        """Whether ``v`` conforms to one member of an ``sh:or`` (a shape of value constraints)."""
        parts = []
        for key, values in self.g.props.get(member, {}).items():
            for o in values:
                if key == SH + "datatype":
                    parts.append(self.datatype_ok(o.value, v))
                elif key == SH + "class":
                    parts.append(self.class_ok(o.value, v))
                else:
                    raise ShapesUnsupported(f"sh:or member {member} uses {compact(key)}")
        return "(" + (" && ".join(parts) or "true") + ")"

    def value_violations(self, ps: object, this: str, v: str) -> list[str]:
        """The expressions, one per value constraint of a property shape, true when ``v`` violates it."""
        out = []
        for key, values in self.g.props[ps].items():
            for o in values:
                if key == SH + "class":
                    out.append("!" + self.class_ok(o.value, v))
                elif key == SH + "datatype":
                    out.append("!" + self.datatype_ok(o.value, v))
                elif key == SH + "in":
                    out.append("!(" + " || ".join(f"sameTerm({v}, {_nt(x)})" for x in self.g.items(o)) + ")")
                elif key == SH + "minLength":
                    out.append(f"(isBlank({v}) || STRLEN(STR({v})) < {_int(o, 'sh:minLength')})")
                elif key == SH + "or":
                    out.append("!(" + " || ".join(self.member_ok(m, v) for m in self.g.items(o)) + ")")
                elif key == SH + "lessThanOrEquals":
                    w = self.var("other")
                    out.append(f"EXISTS {{ {this} {self.h.path(o.value)} {w} "
                               f"FILTER (COALESCE(!({v} <= {w}), true)) }}")
                elif key == SH + "node":
                    out.append(self.node_violated(o, v))
                elif key in _RANGES:  # a value that cannot be compared violates it too
                    out.append(f"COALESCE(!({v} {_RANGES[key]} {_nt(o)}), true)")
        return out

    def count_violations(self, ps: object, this: str) -> list[str]:
        """Group patterns, one per count constraint, that match when ``this`` violates it."""
        path = self.h.path(self.g.one(ps, SH + "path").value)
        out = []
        low, high = self.g.one(ps, SH + "minCount"), self.g.one(ps, SH + "maxCount")
        if low is not None and _int(low, "sh:minCount") > 0:
            vs = [self.var("v") for _ in range(_int(low, "sh:minCount"))]
            out.append(f"FILTER NOT EXISTS {{ {' . '.join(f'{this} {path} {x}' for x in vs)} "
                       f"FILTER ({_distinct(vs)}) }}")
        if high is not None:
            vs = [self.var("v") for _ in range(_int(high, "sh:maxCount") + 1)]
            out.append(f"FILTER EXISTS {{ {' . '.join(f'{this} {path} {x}' for x in vs)} "
                       f"FILTER ({_distinct(vs)}) }}")
        return out

    def node_violated(self, shape: object, v: str) -> str:
        """An expression true when ``v`` does not conform to a node shape (``sh:node``)."""
        self.check_keys(shape, _NODE_KEYS - {SH + "targetClass", SH + "sparql"}, "the node shape")
        parts = []
        for ps in self.g.props[shape].get(SH + "property", []):
            self.property_shape_keys(ps)
            parts += [f"EXISTS {{ {p} }}" for p in self.count_violations(ps, v)]
            x = self.var("x")
            conds = self.value_violations(ps, v, x)
            if conds:
                parts.append(f"EXISTS {{ {v} {self.h.path(self.g.one(ps, SH + 'path').value)} {x} "
                             f"FILTER ({' || '.join(conds)}) }}")
        return "(" + (" || ".join(parts) or "false") + ")"

    def property_shape_keys(self, ps: object) -> None:
        self.check_keys(ps, _PROPERTY_KEYS, "the property shape")
        path = self.g.one(ps, SH + "path")
        if not isinstance(path, NamedNode):
            raise ShapesUnsupported(f"the property shape {ps} has a path that is not one property: {path}")

    # -- checks -------------------------------------------------------------------------------------------
    def severity(self, *nodes: object) -> str:
        for n in nodes:
            s = self.g.one(n, SH + "severity")
            if s is not None:
                return "warning" if s.value in (SH + "Warning", SH + "Info") else "error"
        return "error"

    def checks(self) -> list[Check]:
        out = []
        shapes = sorted((s for s, p in self.g.props.items() if SH + "targetClass" in p), key=str)
        for shape in shapes:
            self.check_keys(shape, _NODE_KEYS, "the node shape")
            types = sorted({c for t in self.g.props[shape][SH + "targetClass"] for c in self.h.classes(t.value)})
            focus = f"?this a ?focusType . VALUES ?focusType {{ {' '.join(f'<{t}>' for t in types)} }}"
            for ps in self.g.props[shape].get(SH + "property", []):
                self.property_shape_keys(ps)
                path = self.g.one(ps, SH + "path").value
                message = self.g.one(ps, SH + "message")
                message = message.value if message is not None else _DEFAULT_MESSAGE
                severity = self.severity(ps, shape)
                for pattern in self.count_violations(ps, "?this"):
                    out.append(Check(str(shape), f"SELECT DISTINCT ?this WHERE {{ {focus} {pattern} }}", message,
                                     severity, path))
                conds = self.value_violations(ps, "?this", "?value")
                if conds:
                    query = (f"SELECT DISTINCT ?this ?value WHERE {{ {focus} ?this {self.h.path(path)} ?value "
                             f"FILTER ({' || '.join(conds)}) }}")
                    out.append(Check(str(shape), query, message, severity, path, ("this", "value")))
            for c in self.g.props[shape].get(SH + "sparql", []):
                out.append(self.sparql(shape, c, focus))
        return out

    def sparql(self, shape: object, c: object, focus: str) -> Check:
        """A SPARQL-based constraint: ``$this`` becomes the focus nodes, joined at the top of its WHERE."""
        self.check_keys(c, _SPARQL_KEYS, "the SPARQL constraint")
        text = self.g.one(c, SH + "select").value.replace("$this", "?this")
        m = re.search(r"\bWHERE\s*\{", text, re.IGNORECASE)
        if m is None:
            raise ShapesUnsupported(f"the SPARQL constraint of {shape} has no WHERE {{ ... }}")
        prefixes = []
        for p in self.g.props.get(c, {}).get(SH + "prefixes", []):
            for d in self.g.props.get(p, {}).get(SH + "declare", []):
                name, ns = self.g.one(d, SH + "prefix").value, self.g.one(d, SH + "namespace").value
                prefixes.append(f"PREFIX {name}: <{ns}>")
        query = "\n".join(prefixes) + "\n" + text[:m.end()] + f" {focus} " + text[m.end():]
        message = self.g.one(c, SH + "message")
        selects = tuple(re.findall(r"[?$](\w+)", text[:m.start()]))
        return Check(str(shape), query, message.value if message is not None else _DEFAULT_MESSAGE,
                     self.severity(c, shape), None, selects)


def compile_shapes(shapes_path: Path, store: Store) -> list[Check]:
    """The shapes as SPARQL checks, with the class and property hierarchy of the store's ontology graph.

    Raises ``ShapesUnsupported`` when the shapes use a SHACL feature the compiler does not translate.
    """
    return _Compiler(_Graph(Path(shapes_path)), _Hierarchy(store)).checks()


def _text(term: object) -> str:
    return term.value if isinstance(term, (NamedNode, Literal, BlankNode)) else str(term)


def check_shapes(store: Store, shapes_path: Path, origins: dict | None = None,
                 focus: list[str] | None = None) -> list[Problem]:
    """Validate the merged view (the default graph) and the conflicts graph against the shapes; return one
    Problem per violation (per focus node and value), sorted, each at the facts file and line of its focus
    node when the build knows it (``origins``).

    ``focus`` (IRIs): check only those nodes (an incremental build: the nodes an edit may have changed), each
    query restricted to them by a ``VALUES`` block (``restricted``): the same rows as the whole check's of those
    nodes, in the time of a few lookups.

    >>> from pyoxigraph import Quad
    >>> from kg.resources import ontology_files
    >>> from kg.builder import load_ontology
    >>> from kg.vocab import DKG, ID_NS
    >>> onto, shapes = ontology_files(); s = Store(); load_ontology(s, onto)
    >>> for n in ("a", "b"): s.add(Quad(NamedNode(ID_NS + n), NamedNode(RDF_TYPE), NamedNode(DKG.Meeting)))
    >>> everything = check_shapes(s, shapes)
    >>> only_a = check_shapes(s, shapes, focus=[ID_NS + "a"])
    >>> only_a == [p for p in everything if p.expected.endswith("(SHACL, on id:a)")] != []
    True
    """
    origins = origins or {}
    graphs = [DefaultGraph(), NamedNode(CONFLICTS_GRAPH)]
    problems = set()
    wanted = set(focus) if focus is not None else None
    if wanted is not None and not wanted:
        return []
    foci = sorted(wanted) if wanted is not None else []
    for check in compile_shapes(shapes_path, store):
        query = check.query if wanted is None else restricted(check.query, foci)
        for row in store.query(query, default_graph=graphs):
            if wanted is not None and row["this"].value not in wanted:
                continue
            focus, path = row["this"], check.path
            value = row["value"] if "value" in check.selects else None
            if path is None:  # a SPARQL constraint of a node shape: its ?path if any, its ?value or the focus
                path = row["path"].value if "path" in check.selects and row["path"] is not None else None
                value = value if value is not None else focus
            origin = origins.get(focus.value) if isinstance(focus, NamedNode) else None
            field = compact(path) if path is not None else "(node)"
            shown = compact(_text(focus))
            problems.add(Problem(origin.file if origin else shown, origin.line if origin else 0,
                                 f"{origin.path}: {field}" if origin else field,
                                 f"{check.message} (SHACL, on {shown})",
                                 None if value is None else _text(value), check.severity))
    return sorted(problems, key=lambda p: (p.file, p.line, p.field, p.expected, str(p.got)))


def restricted(query: str, foci: list[str]) -> str:
    """A compiled check's ``query`` restricted to the focus nodes ``foci`` (IRIs): a ``VALUES ?this`` block first
    in its WHERE, so that the engine starts from them. ``?this`` is bound in every row of a check (its first
    pattern is the focus's type), so the rows are exactly those of the whole query whose ``?this`` is one of
    ``foci``. The IRIs are written by pyoxigraph (``NamedNode`` refuses any that could not be one).

    >>> print(restricted("SELECT ?this WHERE { ?this a ?t }", ["https://example.org/a"]))
    SELECT ?this WHERE { VALUES ?this { <https://example.org/a> } ?this a ?t }
    """
    m = re.search(r"\bWHERE\s*\{", query, re.IGNORECASE)
    if m is None:
        raise ValueError(f"a check without WHERE {{ ... }}: {query}")
    values = " ".join(str(NamedNode(f)) for f in foci)
    return f"{query[:m.end()]} VALUES ?this {{ {values} }}{query[m.end():]}"


def enforce(problems: list[Problem]) -> list[Problem]:
    """The warnings among the problems the shapes found, or ``ShapeError`` listing the errors."""
    errors = [p for p in problems if p.severity == "error"]
    if errors:
        raise ShapeError(errors)
    return [p for p in problems if p.severity != "error"]


__all__ = ["Check", "ShapesUnsupported", "check_shapes", "compile_shapes", "enforce", "restricted"]
