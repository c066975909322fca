"""Deterministic RDF writers: N-Triples, N-Quads, Turtle, TriG .

The same graph gives the same bytes, whatever the order of the input and whatever
labels a parser gave its blank nodes, so outputs can be diffed and committed.  Blank
nodes get labels derived from a hash of their surroundings (``_:b`` + hex), which also
keeps a small edit from relabelling the whole file; every writer labels a given
dataset the same way.  (The one known gap: large, highly regular cycles made only of
blank nodes, see ``_bnode_labels``.)

>>> from pyoxigraph import BlankNode, Literal, NamedNode, Triple
>>> s, p = NamedNode("https://w3id.org/diplomatic-kg/id/x"), NamedNode("https://schema.org/name")
>>> print(write_turtle([Triple(s, p, Literal("Ægir")), Triple(s, p, BlankNode())]), end="")
@prefix id: <https://w3id.org/diplomatic-kg/id/> .
@prefix schema: <https://schema.org/> .
<BLANKLINE>
id:x schema:name "Ægir", [] .
"""

from __future__ import annotations

import re
from collections import Counter, defaultdict
from collections.abc import Iterable, Mapping

from pyoxigraph import BlankNode, DefaultGraph, Literal, NamedNode, Quad, RdfFormat, Store, Triple

from kg.vocab import PREFIXES, RDF, XSD, compact

__all__ = [
    "store_nquads",
    "term_nt",
    "write_nquads",
    "write_ntriples",
    "write_trig",
    "write_turtle",
]

_RDF_TYPE, _RDF_FIRST, _RDF_REST, _RDF_NIL = RDF.type, RDF.first, RDF.rest, RDF.nil
_NIL = NamedNode(_RDF_NIL)
# Local names are written as prefix:local only when kg.vocab.SAFE_LOCAL allows it: deliberately stricter
# than Turtle (no dots, no backslash escapes, which Virtuoso and others mangle).
_PREFIX_NAME = re.compile(r"([A-Za-z]([A-Za-z0-9_.-]*[A-Za-z0-9_-])?)?")
# Short forms only for canonical lexical forms, so that stores which normalise
# numbers on load cannot make a re-exported file differ from the original.
_NATIVE = {
    XSD.integer: re.compile(r"0|-?[1-9][0-9]*"),
    XSD.decimal: re.compile(r"-?(0|[1-9][0-9]*)\.[0-9]*[1-9]|-?[1-9][0-9]*\.0|0\.0"),
    XSD.boolean: re.compile(r"true|false"),
}
_ESCAPES = {i: f"\\u{i:04X}" for i in [*range(0x20), 0x7F]}
_ESCAPES.update({ord("\\"): "\\\\", ord('"'): '\\"', ord("\n"): "\\n", ord("\r"): "\\r", ord("\t"): "\\t"})


# --- N-Triples / N-Quads -------------------------------------------------------------------------


def term_nt(term: NamedNode | BlankNode | Literal) -> str:
    r"""Return the N-Triples form of a term.

    >>> term_nt(Literal('say "hi"\n\tbye\x00', language="en"))
    '"say \\"hi\\"\\n\\tbye\\u0000"@en'
    >>> term_nt(Literal("42", datatype=NamedNode(XSD.integer)))
    '"42"^^<http://www.w3.org/2001/XMLSchema#integer>'
    >>> term_nt(Literal("Αθήνα")), term_nt(NamedNode("urn:x")), term_nt(BlankNode("b1"))
    ('"Αθήνα"', '<urn:x>', '_:b1')
    """
    if isinstance(term, NamedNode):
        return f"<{term.value}>"
    if isinstance(term, BlankNode):
        return f"_:{term.value}"
    if isinstance(term, Literal):
        text = '"' + term.value.translate(_ESCAPES) + '"'
        if term.language:
            # RDF 1.2 base direction: pyoxigraph reads it back, rdflib 7 does not.
            return f"{text}@{term.language}" + (f"--{term.direction}" if term.direction else "")
        if term.datatype.value == XSD.string:
            return text
        return f"{text}^^<{term.datatype.value}>"
    raise ValueError(f"not an RDF 1.1 term, cannot be written: {term!r}")


def _nt_text(item: Quad | Triple) -> str:
    """The N-Triples / N-Quads line of a quad without blank nodes (no final " .").

    pyoxigraph's ``str`` of a quad is its N-Quads form; only its escapes of two control characters differ from
    ``term_nt`` (``\\b`` and ``\\f`` for ``\\u0008`` and ``\\u000C``), so a line with a backslash is written term by
    term instead, and every line stays byte for byte what ``term_nt`` gives.
    """
    text = str(item)
    if "\\" not in text:
        return text
    parts = [term_nt(item.subject), term_nt(item.predicate), term_nt(item.object)]  # type: ignore[arg-type]
    if isinstance(item, Quad) and not isinstance(item.graph_name, DefaultGraph):
        parts.append(term_nt(item.graph_name))  # type: ignore[arg-type]
    return " ".join(parts)


def _has_blank(item: Quad | Triple) -> bool:
    """Whether a quad holds a blank node (and refuse an RDF 1.2 triple term, as ``term_nt`` does)."""
    s, o = type(item.subject), type(item.object)
    if s is BlankNode or o is BlankNode:
        return True
    if s is Triple or o is Triple:
        term_nt(item.object if o is Triple else item.subject)  # type: ignore[arg-type]
    return isinstance(item, Quad) and type(item.graph_name) is BlankNode


def _lines(items: Iterable[Quad | Triple], allow_graphs: bool, keep: set | None = None) -> list[str]:
    """Sorted, duplicate-free lines; quads with blank nodes get the labels of ``_bnode_labels``."""
    lines: set[str] = set()
    blank: set[Quad] = set()
    for item in items:
        kind = type(item)
        if kind is Quad:
            if not allow_graphs or keep is not None:
                g = item.graph_name
                if not allow_graphs and type(g) is not DefaultGraph:
                    raise ValueError(f"a quad in named graph {g} cannot be written as triples")
                if keep is not None and g not in keep:
                    continue
        elif kind is Triple:
            if keep is not None and DefaultGraph() not in keep:
                continue
        else:
            raise TypeError(f"expected a pyoxigraph Quad or Triple, got {item!r}")
        if _has_blank(item):
            blank.add(item if kind is Quad else Quad(item.subject, item.predicate, item.object))
        else:
            lines.add(_nt_text(item) + " .\n")
    if blank:
        labels = _bnode_labels(list(blank))
        lines.update(_nt_line(q, labels) for q in blank)
    return sorted(lines)


def write_nquads(
    quads: Iterable[Quad | Triple], graphs: Iterable[NamedNode | BlankNode | DefaultGraph | str] | None = None
) -> str:
    """Return sorted, duplicate-free N-Quads; ``graphs`` (names, or IRI strings) keeps only those graphs.

    >>> a, p = NamedNode("urn:a"), NamedNode("urn:p")
    >>> g = NamedNode("urn:g")
    >>> print(write_nquads([Quad(a, p, a, g), Quad(a, p, Literal("x")), Quad(a, p, a, g)]), end="")
    <urn:a> <urn:p> "x" .
    <urn:a> <urn:p> <urn:a> <urn:g> .
    >>> write_nquads([Quad(a, p, a, g), Quad(a, p, Literal("x"))], graphs=["urn:g"])
    '<urn:a> <urn:p> <urn:a> <urn:g> .\\n'
    """
    keep = None if graphs is None else {NamedNode(g) if isinstance(g, str) else g for g in graphs}
    return "".join(_lines(quads, True, keep))


_OX_ESCAPE = re.compile(r"\\(.)")
_OX_TO_NT = {"b": "\\u0008", "f": "\\u000C"}


def store_nquads(store: Store, graphs: Iterable[NamedNode | DefaultGraph] | None = None) -> str:
    """``write_nquads`` of the quads of a store (of ``graphs``, default every graph), from Oxigraph's own
    serializer: the store dumps each graph, the lines are sorted once. The same text as ``write_nquads``: a
    graph holding blank nodes is read quad by quad, and its blank nodes labelled with every other one.

    >>> from pyoxigraph import Store
    >>> s = Store(); a, p = NamedNode("urn:a"), NamedNode("urn:p")
    >>> s.extend([Quad(a, p, Literal("b\\x08"), NamedNode("urn:g")), Quad(a, p, a), Quad(BlankNode(), p, a)])
    >>> store_nquads(s) == write_nquads(s)
    True
    """
    names = [DefaultGraph(), *store.named_graphs()] if graphs is None else list(graphs)
    lines: list[str] = []
    blank: list[Quad] = []
    for g in names:
        text = store.dump(format=RdfFormat.N_TRIPLES, from_graph=g).decode("utf-8")
        if "_:" in text or not isinstance(g, (DefaultGraph, NamedNode)):
            for q in store.quads_for_pattern(None, None, None, g):
                if _has_blank(q):
                    blank.append(q)
                else:
                    lines.append(_nt_text(q) + " .\n")
            continue
        if isinstance(g, DefaultGraph):
            chunk = text.splitlines(keepends=True)
        else:
            tail = f" <{g.value}> .\n"
            chunk = [line[:-3] + tail for line in text.splitlines(keepends=True)]
        lines.extend(_OX_ESCAPE.sub(_nt_escape, line) if "\\" in line else line for line in chunk)
    if blank:
        labels = _bnode_labels(blank)
        lines.extend(_nt_line(q, labels) for q in blank)
    lines.sort()
    return "".join(lines)


def _nt_escape(m: re.Match) -> str:
    return _OX_TO_NT.get(m.group(1), m.group(0))


def write_ntriples(triples: Iterable[Quad | Triple]) -> str:
    """Return sorted, duplicate-free N-Triples (quads must be in the default graph).

    Blank node labels depend on the graph, not on the labels given:

    >>> p = NamedNode("urn:p")
    >>> nt = write_ntriples([Triple(BlankNode("x9"), p, BlankNode("x9"))])
    >>> nt == write_ntriples([Triple(BlankNode("other"), p, BlankNode("other"))])
    True
    >>> print(nt, end="")
    _:bce7615c27cc4f109 <urn:p> _:bce7615c27cc4f109 .
    """
    return "".join(_lines(triples, False))


def _nt_line(q: Quad, labels: dict[BlankNode, str]) -> str:
    parts = [_nt(t, labels) for t in (q.subject, q.predicate, q.object)]
    if not isinstance(q.graph_name, DefaultGraph):
        parts.append(_nt(q.graph_name, labels))
    return " ".join(parts) + " .\n"


def _nt(term: object, labels: dict[BlankNode, str]) -> str:
    return f"_:{labels[term]}" if isinstance(term, BlankNode) else term_nt(term)  # type: ignore[arg-type]


# --- blank node labels ---------------------------------------------------------------------------


def _sha1(text: str) -> str:
    import hashlib  # only a graph with blank nodes needs it: loading OpenSSL costs every command milliseconds

    return hashlib.sha1(text.encode("utf-8")).hexdigest()


def _bnode_labels(quads: list[Quad]) -> dict[BlankNode, str]:
    """Label every blank node from a hash of what surrounds it, independent of input order and labels.

    Colour refinement: a node's hash is re-computed from the N-Triples of its quads,
    with neighbouring blank nodes replaced by their hashes, until no class splits.
    Nodes still alike are told apart by singling one out and refining again (see
    ``_colour_component``).  Exact for blank nodes that form trees, which is what RDF
    data holds in practice; for cyclic ones the search is bounded, so a large, highly
    regular cycle of blank nodes could still get labels that depend on the input.
    """
    incident: dict[BlankNode, list[tuple]] = defaultdict(list)
    for q in quads:
        # Everything but blank nodes is encoded once here, not in every refinement round.
        terms = tuple(t if isinstance(t, BlankNode) else _key_part(t) for t in q)
        for b in {t for t in terms if isinstance(t, BlankNode)}:
            incident[b].append(terms)
    colour: dict[BlankNode, str] = {}
    key: dict[BlankNode, tuple[str, int]] = {}
    copies: Counter[str] = Counter()
    for comp in _components(incident):
        colour.update(_colour_component(comp, incident))
        cert = _sha1(" ".join(sorted(colour[b] for b in comp)))
        for b in comp:
            key[b] = (cert, copies[cert])
        copies[cert] += 1
    # Identical components (or, astronomically rarely, a truncated-hash clash) share
    # base labels; number them per component so every label stays unique.
    groups: dict[str, list[BlankNode]] = defaultdict(list)
    for b, c in colour.items():
        groups["b" + c[:16]].append(b)
    labels = {}
    for base, members in groups.items():
        if len(members) == 1:
            labels[members[0]] = base
        else:
            members.sort(key=lambda b: (key[b], colour[b]))
            labels.update({b: f"{base}x{i}" for i, b in enumerate(members)})
    return labels


def _components(incident: dict[BlankNode, list[tuple]]) -> list[list[BlankNode]]:
    seen: set[BlankNode] = set()
    comps = []
    for start in incident:
        if start in seen:
            continue
        seen.add(start)
        comp, todo = [], [start]
        while todo:
            b = todo.pop()
            comp.append(b)
            for terms in incident[b]:
                for t in terms:
                    if isinstance(t, BlankNode) and t not in seen:
                        seen.add(t)
                        todo.append(t)
        comps.append(comp)
    return comps


def _colour_component(comp: list[BlankNode], incident: dict[BlankNode, list[tuple]]) -> dict[BlankNode, str]:
    quads = {terms for b in comp for terms in incident[b]}
    links = [n for terms in quads if (n := len({t for t in terms if isinstance(t, BlankNode)})) > 1]
    # In a tree of blank nodes, nodes that refinement cannot tell apart are symmetric, so
    # singling out any of them gives the same output.  With cycles that can fail (regular
    # graphs), so there every choice is tried and the smallest result kept, within a budget
    # that shrinks with the size of the component (each try refines the whole component).
    is_tree = sum(links) == len(comp) + len(links) - 1
    budget = [0 if is_tree else min(64, 2048 // len(comp))]
    return _resolve(comp, incident, quads, _refine(comp, incident, dict.fromkeys(comp, "")), budget)


def _resolve(
    comp: list[BlankNode],
    incident: dict[BlankNode, list[tuple]],
    quads: set[tuple],
    colour: dict[BlankNode, str],
    budget: list[int],
) -> dict[BlankNode, str]:
    while True:
        classes: dict[str, list[BlankNode]] = defaultdict(list)
        for b in comp:
            classes[colour[b]].append(b)
        tied = [c for c, members in classes.items() if len(members) > 1]
        if not tied:
            return colour
        c = min(tied)
        members = sorted(classes[c], key=lambda b: b.value)
        if all(_swappable(members[0], m, incident) for m in members[1:]):
            # Any permutation of these is an automorphism: single them all out at once.
            colour = _refine(comp, incident, colour | {b: _sha1(f"{c}*{i}") for i, b in enumerate(members)})
        elif budget[0] <= 0:
            colour = _refine(comp, incident, colour | {members[0]: _sha1(f"{c}*0")})
        else:
            break
    best: tuple[list[str], dict[BlankNode, str]] | None = None
    for m in members:
        if budget[0] <= 0 and best:
            break
        budget[0] -= 1
        result = _resolve(comp, incident, quads, _refine(comp, incident, colour | {m: _sha1(f"{c}*0")}), budget)
        cert = sorted(" ".join("_:" + result[t] if isinstance(t, BlankNode) else t for t in q) for q in quads)
        if best is None or cert < best[0]:
            best = (cert, result)
    return best[1]  # type: ignore[index]


def _refine(comp: list[BlankNode], incident: dict[BlankNode, list[tuple]], colour: dict[BlankNode, str]):
    while True:
        sizes = Counter(colour.values())
        new = {}
        for b in comp:
            if sizes[colour[b]] == 1 and colour[b]:
                # Already unique: hashing it again cannot split anything ("" = not hashed yet).
                new[b] = colour[b]
                continue
            lines = sorted(
                " ".join(("_:@" if t == b else "_:b" + colour[t]) if isinstance(t, BlankNode) else t for t in terms)
                for terms in incident[b]
            )
            new[b] = _sha1(colour[b] + "\n" + "\n".join(lines))
        if len(set(new.values())) == len(set(colour.values())):
            return new
        colour = new


def _key_part(term: object) -> str:
    return "" if isinstance(term, DefaultGraph) else term_nt(term)  # type: ignore[arg-type]


def _swappable(a: BlankNode, b: BlankNode, incident: dict[BlankNode, list[tuple]]) -> bool:
    swap = {a: b, b: a}
    quads = set(incident[a]) | set(incident[b])
    return {tuple(swap.get(t, t) for t in terms) for terms in quads} == quads


# --- Turtle / TriG -------------------------------------------------------------------------------


def write_turtle(triples: Iterable[Quad | Triple], prefixes: Mapping[str, str] = PREFIXES) -> str:
    """Return pretty, deterministic Turtle (quads must be in the default graph).

    >>> from kg.vocab import DKG, ID_NS
    >>> m = NamedNode(ID_NS + "meeting-1")
    >>> print(write_turtle([
    ...     Triple(m, NamedNode(DKG.date), Literal("2025-02", datatype=NamedNode(XSD.gYearMonth))),
    ...     Triple(m, NamedNode(RDF.type), NamedNode(DKG.Meeting)),
    ...     Triple(m, NamedNode(DKG.participant), NamedNode(ID_NS + "p(1)")),
    ... ]), end="")
    @prefix dkg: <https://w3id.org/diplomatic-kg/ontology#> .
    @prefix id: <https://w3id.org/diplomatic-kg/id/> .
    @prefix xsd: <http://www.w3.org/2001/XMLSchema#> .
    <BLANKLINE>
    id:meeting-1 a dkg:Meeting ;
        dkg:date "2025-02"^^xsd:gYearMonth ;
        dkg:participant <https://w3id.org/diplomatic-kg/id/p(1)> .
    """
    return _write_pretty(triples, prefixes, allow_graphs=False)


def write_trig(quads: Iterable[Quad | Triple], prefixes: Mapping[str, str] = PREFIXES) -> str:
    """Return pretty, deterministic TriG: default graph first, then one ``<graph> { ... }`` block per graph.

    The blocks are written without the ``GRAPH`` keyword, which TriG 1.1 makes optional and older
    parsers (Raptor's ``rapper``) reject.

    >>> a, g = NamedNode("urn:a"), NamedNode(PREFIXES["id"] + "g")
    >>> one = Literal("1", datatype=NamedNode(XSD.integer))
    >>> print(write_trig([Quad(a, NamedNode(RDF.value), one, g)]), end="")
    @prefix id: <https://w3id.org/diplomatic-kg/id/> .
    @prefix rdf: <http://www.w3.org/1999/02/22-rdf-syntax-ns#> .
    <BLANKLINE>
    id:g {
        <urn:a> rdf:value 1 .
    }
    """
    return _write_pretty(quads, prefixes, allow_graphs=True)


def _write_pretty(items: Iterable[Quad | Triple], prefixes: Mapping[str, str], allow_graphs: bool) -> str:
    for name in prefixes:
        if not _PREFIX_NAME.fullmatch(name):
            raise ValueError(f"not a usable Turtle prefix name: {name!r}")
    writer = _PrettyWriter(items, prefixes, allow_graphs)
    blocks = []
    default = DefaultGraph()
    if default in writer.graphs:
        blocks.append(writer.graph_body(default, ""))
    for g in sorted((g for g in writer.graphs if g != default), key=writer.node_key):
        body = writer.graph_body(g, "    ")
        blocks.append(f"{writer.subject(g)} {{\n{body}}}\n")
    head = "".join(f"@prefix {p}: <{ns}> .\n" for p, ns in prefixes.items() if p in writer.used)
    return "\n".join(([head] if head else []) + blocks)


class _PrettyWriter:
    """Turtle rendering state shared by all graphs of one document (labels, inlining, prefixes).

    The quads are gathered once as graph -> subject -> predicate IRI -> set of objects (a set: duplicates
    vanish there); what depends only on a term (its text, its compact name) is computed once per term.
    """

    def __init__(self, items: Iterable[Quad | Triple], prefixes: Mapping[str, str], allow_graphs: bool):
        self.prefixes = prefixes
        self.used: set[str] = set()
        self.names: dict[str, tuple[str, str | None]] = {}  # IRI -> (its text, the prefix it uses)
        self.texts: dict[object, tuple[tuple[int, str], str]] = {}
        self.text_prefix: dict[object, str] = {}
        self.graphs: dict[object, dict[object, dict[str, set]]] = {}
        blank: set[Quad] = set()
        default = DefaultGraph()
        for item in items:
            kind = type(item)
            if kind is Triple:
                s, p, o, g = item.subject, item.predicate, item.object, default
            elif kind is Quad:
                s, p, o, g = item
                if not allow_graphs and type(g) is not DefaultGraph:
                    raise ValueError(f"a quad in named graph {g} cannot be written as triples")
            else:
                raise TypeError(f"expected a pyoxigraph Quad or Triple, got {item!r}")
            subjects = self.graphs.get(g)
            if subjects is None:
                subjects = self.graphs[g] = {}
            props = subjects.get(s)
            if props is None:
                props = subjects[s] = {}
            objects = props.get(p.value)
            if objects is None:
                objects = props[p.value] = set()
            objects.add(o)
            if type(s) is BlankNode or type(o) is BlankNode or type(g) is BlankNode:
                blank.add(Quad(s, p, o, g))
            elif type(o) is Triple or type(s) is Triple:
                term_nt(o if type(o) is Triple else s)  # an RDF 1.2 triple term: refused there
        self.labels = _bnode_labels(list(blank)) if blank else {}
        as_object: Counter[BlankNode] = Counter()
        graphs_of: dict[BlankNode, set] = defaultdict(set)
        parent: dict[BlankNode, object] = {}
        for s, _, o, g in blank:
            for t in (s, o, g):
                if isinstance(t, BlankNode):
                    graphs_of[t].add(g)
            if isinstance(o, BlankNode):
                as_object[o] += 1
                parent[o] = s
        # `[ ... ]` creates a fresh node, so only nodes referenced once, in one graph,
        # and never naming a graph can be inlined.
        self.inline = {b for b, n in as_object.items() if n == 1 and len(graphs_of[b]) == 1} - set(self.graphs)
        # A cycle of such nodes has no root to hang from: label its smallest member.
        grounded: set[BlankNode] = set()
        for b in sorted(self.inline, key=self.labels.__getitem__):
            path, on_path, n = [], set(), b
            while n in self.inline and n not in grounded and n not in on_path:
                path.append(n)
                on_path.add(n)
                n = parent[n]
            if n in on_path:
                self.inline.discard(min(path[path.index(n) :], key=self.labels.__getitem__))
            grounded.update(path)

    def node_key(self, node: object) -> tuple[int, str]:
        if isinstance(node, BlankNode):
            return (1, self.labels[node])
        return (0, node.value)  # type: ignore[attr-defined]

    def graph_body(self, g: object, indent: str, only: list | None = None) -> str:
        """The blocks of a graph's subjects (of the sorted subjects ``only``), separated by blank lines."""
        subjects = self.graphs[g]
        inline = self.inline
        blocks = []
        if only is not None:
            todo = only
        else:
            todo = sorted((s for s in subjects if s not in inline) if inline else subjects, key=self.node_key)
        for s in todo:
            pairs = self.pairs(g, s, indent)
            blocks.append(f"{indent}{self.subject(s)} " + f" ;\n{indent}    ".join(pairs) + " .\n")
        return "\n".join(blocks)

    def pairs(self, g: object, s: object, indent: str) -> list[str]:
        props = self.graphs[g].get(s, {})
        preds = sorted(props, key=lambda p: (p != _RDF_TYPE, p))
        out = []
        deeper = indent + "    "
        for p in preds:
            objects = sorted(self.object(g, o, deeper) for o in props[p])
            text = ", ".join(text for _, text in objects)
            if len(text) > 100 and "\n" not in text:
                text = f",\n{indent}        ".join(text for _, text in objects)
            out.append(("a" if p == _RDF_TYPE else self.iri(p)) + " " + text)
        return out

    def object(self, g: object, o: object, indent: str) -> tuple[tuple[int, str], str]:
        """Return (sort key, text) for an object written at the given indentation."""
        got = self.texts.get(o)
        if got is not None:
            prefix = self.text_prefix.get(o)
            if prefix is not None:
                self.used.add(prefix)
            return got
        kind = type(o)
        if kind is NamedNode:
            got = (0, o.value), "()" if o.value == _RDF_NIL else self.iri(o.value)  # type: ignore[attr-defined]
            if o.value != _RDF_NIL:  # type: ignore[attr-defined]
                self._remember_prefix(o, o.value)  # type: ignore[attr-defined]
        elif kind is Literal:
            got = self.literal(o)  # type: ignore[arg-type]
            text = got[1]
            if text[0] == '"' and text[-1] != '"' and not o.language:  # type: ignore[attr-defined]
                self._remember_prefix(o, o.datatype.value)  # "..."^^ and its datatype's name
        elif o not in self.inline:
            got = (2, self.labels[o]), f"_:{self.labels[o]}"
        else:  # an inlined blank node: its text depends on where it is
            items = self.list_items(g, o)
            if items is not None:
                text = "( " + " ".join(self.object(g, i, indent)[1] for i in items) + " )"
            else:
                pairs = self.pairs(g, o, indent)
                if not pairs:
                    text = "[]"
                elif len(pairs) == 1 and "\n" not in pairs[0] and len(pairs[0]) <= 80:
                    text = f"[ {pairs[0]} ]"
                else:
                    text = f"[\n{indent}    " + f" ;\n{indent}    ".join(pairs) + f"\n{indent}]"
            return (3, text), text
        self.texts[o] = got
        return got

    def list_items(self, g: object, node: object) -> list | None:
        """The members of a well-formed RDF list starting at an inlined node, else None."""
        items = []
        subjects = self.graphs.get(g, {})
        while node != _NIL:
            props = subjects.get(node, {})
            if node not in self.inline or props.keys() != {_RDF_FIRST, _RDF_REST}:
                return None
            if len(props[_RDF_FIRST]) != 1 or len(props[_RDF_REST]) != 1:
                return None
            items.append(next(iter(props[_RDF_FIRST])))
            node = next(iter(props[_RDF_REST]))
        return items

    def subject(self, node: object) -> str:
        return f"_:{self.labels[node]}" if isinstance(node, BlankNode) else self.iri(node.value)  # type: ignore[attr-defined]

    def literal(self, lit: Literal) -> tuple[tuple[int, str], str]:
        """(sort key, text) of a literal: the key is its N-Triples form (``_nt_text``'s escapes)."""
        nt = str(lit)
        if "\\" in nt:
            nt = term_nt(lit)
        if nt[-1] == '"' or lit.language:  # a plain or language-tagged text
            return (1, nt), nt
        dt = lit.datatype.value
        if dt in _NATIVE and _NATIVE[dt].fullmatch(lit.value):
            return (1, nt), lit.value
        return (1, nt), nt[: len(nt) - len(dt) - 2] + self.iri(dt)

    def iri(self, iri: str) -> str:
        got = self.names.get(iri)
        if got is None:
            name = compact(iri, self.prefixes, default=None)
            got = self.names[iri] = (f"<{iri}>", None) if name is None else (name, name.partition(":")[0])
        if got[1] is not None:
            self.used.add(got[1])
        return got[0]

    def _remember_prefix(self, term: object, iri: str) -> None:
        """The prefix a cached object text uses, added to ``used`` each time the text is reused (a writer can
        render several chunks, each with its own ``used``)."""
        prefix = self.names[iri][1] if iri in self.names else None
        if prefix is not None:
            self.text_prefix[term] = prefix
