"""The pretty writer's blocks of one graph, rendered from the graph's N-Triples lines.

``kg.formats.rdf``'s ``_PrettyWriter`` turns pyoxigraph terms into Turtle; for a whole corpus most of its time
goes into making a Python object of every term of every quad. A graph without blank nodes needs none of that:
the engine dumps the graph as N-Triples (one ``<s> <p> object .`` line per triple, each term in its
N-Triples form), and the blocks are made from those strings, each distinct term's text once. The text is the
same, byte for byte, as ``_PrettyWriter.graph_body`` gives (``tests/test_formats_chunks.py`` compares them on
every kind of term); a graph with a blank node or a triple term gets ``None`` here and goes the general way.

>>> from pyoxigraph import Literal, NamedNode, Quad, Store
>>> s = Store(); x = NamedNode("https://w3id.org/diplomatic-kg/id/x")
>>> s.add(Quad(x, NamedNode("https://schema.org/name"), Literal("X")))
>>> s.add(Quad(x, NamedNode("http://www.w3.org/1999/02/22-rdf-syntax-ns#type"), NamedNode("urn:C")))
>>> [(subjects, used, text)] = graph_chunks(s, DefaultGraph(), "", 200, PREFIXES)
>>> subjects, sorted(used)
(['https://w3id.org/diplomatic-kg/id/x'], ['id', 'schema'])
>>> print(text, end="")
id:x a <urn:C> ;
    schema:name "X" .
"""

from __future__ import annotations

from collections.abc import Mapping

from pyoxigraph import DefaultGraph, Literal, NamedNode, RdfFormat, Store, parse

from kg.formats.rdf import _NATIVE, _RDF_NIL, _RDF_TYPE, term_nt
from kg.vocab import PREFIXES, compact

__all__ = ["Renderer", "graph_chunks", "graph_name"]


class _Names:
    """Each IRI's text (compact name or ``<iri>``) and the prefix it uses, made once."""

    def __init__(self, prefixes: Mapping[str, str]):
        self.prefixes = prefixes
        self.cache: dict[str, tuple[str, str | None]] = {}

    def __call__(self, iri: str) -> tuple[str, str | None]:
        got = self.cache.get(iri)
        if got is None:
            name = compact(iri, self.prefixes, default=None)
            got = self.cache[iri] = (f"<{iri}>", None) if name is None else (name, name.partition(":")[0])
        return got


def _literal(nt: str, names: _Names) -> tuple[tuple[int, str], str, str | None]:
    """(sort key, text, prefix used) of a literal given in pyoxigraph's N-Triples form, as
    ``_PrettyWriter.literal`` writes it (its key is ``term_nt``'s form, which differs from the engine's only in
    two escapes: so a literal with a backslash is read back and written by ``term_nt``)."""
    if "\\" in nt:
        lit = next(iter(parse(f"<urn:x> <urn:x> {nt} .", format=RdfFormat.N_TRIPLES))).object
        nt = term_nt(lit)
        value, language, dt = lit.value, lit.language, lit.datatype.value
    else:
        end = nt.rindex('"')
        value, tail = nt[1:end], nt[end + 1:]
        language = tail[1:] if tail.startswith("@") else None
        dt = tail[3:-1] if tail.startswith("^^") else None
    if nt[-1] == '"' or language:
        return (1, nt), nt, None
    assert dt is not None
    if dt in _NATIVE and _NATIVE[dt].fullmatch(value):
        return (1, nt), value, None
    text, prefix = names(dt)
    return (1, nt), nt[: len(nt) - len(dt) - 2] + text, prefix


def _lines(store: Store, graph) -> dict[str, dict[str, list[str]]] | None:
    """subject IRI -> predicate IRI -> the objects' N-Triples forms; None when a blank node or a triple term
    occurs."""
    text = store.dump(format=RdfFormat.N_TRIPLES, from_graph=graph).decode("utf-8")
    if ("_:" in text or "<<" in text) and not _plain(store, graph):  # else only inside literals
        return None
    subjects: dict[str, dict[str, list[str]]] = {}
    last, props = None, {}
    # Split at "\n" only: a literal may hold other line breaks unescaped (U+2028, U+0085...). The engine writes a
    # subject's lines together: one lookup per subject.
    for line in text.split("\n")[:-1]:
        s, p, o = line.split(" ", 2)
        if s != last:
            last = s
            props = subjects.get(s[1:-1]) or subjects.setdefault(s[1:-1], {})
        p = p[1:-1]
        objects = props.get(p)
        if objects is None:
            props[p] = [o[:-2]]
        else:
            objects.append(o[:-2])
    return subjects


def _plain(store: Store, graph) -> bool:
    """Whether no subject or object of ``graph`` is a blank node or a triple term."""
    return all(type(q.subject) is NamedNode and type(q.object) in (NamedNode, Literal)
               for q in store.quads_for_pattern(None, None, None, graph))


class Renderer:
    """What the blocks of one document share: each IRI's and each object's text, made once for all graphs."""

    def __init__(self, prefixes: Mapping[str, str] = PREFIXES):
        self.names = _Names(prefixes)
        self.objects: dict[str, tuple[tuple[int, str], str, str | None]] = {}
        self.predicates: dict[str, tuple[str, str | None]] = {_RDF_TYPE: ("a", None)}

    def _object(self, o: str) -> tuple[tuple[int, str], str, str | None]:
        if o[0] == "<":
            iri = o[1:-1]
            name, pre = ("()", None) if iri == _RDF_NIL else self.names(iri)
            t = ((0, iri), name, pre)
        else:
            t = _literal(o, self.names)
        self.objects[o] = t
        return t

    def chunks(self, store: Store, graph, indent: str, size: int,
               used: frozenset[str] = frozenset()) -> list[tuple[list[str], set[str], str]] | None:
        """The blocks of ``graph``'s subjects in runs of ``size`` subjects: (the subjects' IRIs, the prefixes the
        text uses, with ``used``, the text). None for a graph with a blank node or a triple term."""
        subjects = _lines(store, graph)
        if subjects is None:
            return None
        names, objects, predicates = self.names, self.objects, self.predicates
        more = f" ;\n{indent}    "
        wrap = f",\n{indent}        "
        out = []
        order = sorted(subjects)
        for i in range(0, len(order), size):
            group = order[i:i + size]
            chunk_used = set(used)
            add = chunk_used.add
            blocks = []
            for s in group:
                props = subjects[s]
                text, prefix = names(s)
                if prefix is not None:
                    add(prefix)
                ps = sorted(props)
                if _RDF_TYPE in props:
                    ps.remove(_RDF_TYPE)
                    ps.insert(0, _RDF_TYPE)
                pairs = []
                for p in ps:
                    os_ = props[p]
                    if len(os_) == 1:
                        t = objects.get(os_[0]) or self._object(os_[0])
                        if t[2] is not None:
                            add(t[2])
                        joined = t[1]
                    else:
                        got = []
                        for o in os_:
                            t = objects.get(o) or self._object(o)
                            if t[2] is not None:
                                add(t[2])
                            got.append(t)
                        got.sort()
                        joined = ", ".join(t[1] for t in got)
                        if len(joined) > 100 and "\n" not in joined:
                            joined = wrap.join(t[1] for t in got)
                    name, pre = predicates.get(p) or predicates.setdefault(p, names(p))
                    if pre is not None:
                        add(pre)
                    pairs.append(name + " " + joined)
                blocks.append(f"{indent}{text} " + more.join(pairs) + " .\n")
            out.append((group, chunk_used, "\n".join(blocks)))
        return out


def graph_chunks(store: Store, graph, indent: str, size: int, prefixes: Mapping[str, str] = PREFIXES,
                 used: frozenset[str] = frozenset()) -> list[tuple[list[str], set[str], str]] | None:
    """``Renderer(prefixes).chunks(...)``: the blocks of one graph."""
    return Renderer(prefixes).chunks(store, graph, indent, size, used)


def graph_name(graph: NamedNode | DefaultGraph, prefixes: Mapping[str, str] = PREFIXES) -> tuple[str, str | None]:
    """A named graph's text in its opening line and the prefix it uses.

    >>> graph_name(NamedNode("https://w3id.org/diplomatic-kg/id/seed"))
    ('id:seed', 'id')
    """
    return _Names(prefixes)(graph.value)  # type: ignore[union-attr]
