"""graph.trig and graph.ttl assembled from pieces, so that a build rewrites only the pieces that changed.

The deterministic writers (``kg.formats.rdf``) sort subjects within a graph and write one block per subject,
blocks separated by a blank line, after one ``@prefix`` line per prefix used. A run of consecutive subjects of
one graph (a *chunk*) written alone is therefore the same text as in the whole document, as long as the graph
has no blank nodes (their labels and inlining depend on the whole graph: such a graph is one chunk). A
``Layout`` records, for every graph, its chunks (subjects, prefixes used, where their text lies in the
previous files); ``write`` renders the chunks whose subjects changed, copies the others from the previous
files, and returns the documents as their pieces (``Pieces``, written without being joined in memory) and
the new layout. ``tests/test_incremental.py`` checks the result against ``KnowledgeGraph.to_trig`` /
``to_turtle`` of the same store.

>>> from pyoxigraph import Literal, Quad, Store
>>> s = Store(); a, p = NamedNode("https://w3id.org/diplomatic-kg/id/a"), NamedNode("urn:p")
>>> s.add(Quad(a, p, Literal("x")))
>>> trig, ttl, layout = write(s, None, None, None)
>>> print(ttl.join().decode(), end="")
@prefix id: <https://w3id.org/diplomatic-kg/id/> .
<BLANKLINE>
id:a <urn:p> "x" .
"""

from __future__ import annotations

from collections import defaultdict
from dataclasses import dataclass, field

from pyoxigraph import BlankNode, DefaultGraph, NamedNode, Quad, Store

from kg.vocab import PREFIXES

#: Subjects per chunk when a graph is laid out anew.
CHUNK = 50
DEFAULT = ""  # the default graph, as a key


@dataclass
class Chunk:
    """A run of consecutive subjects of one graph, and where its text lies in the previous files.

    >>> c = Chunk.of(["urn:a", "urn:b"]); c.subjects, c.first, Chunk.of([]).subjects
    (['urn:a', 'urn:b'], 'urn:a', [])
    """

    # Its subjects (sorted IRIs, which hold no newline) as one string: a corpus's layout is thousands of chunks of
    # 50 subjects, and a fresh build read 175,812 strings from its state (30 ms) where 4,485 take 7 ms; an edit
    # splits only the chunks it touches.
    names: str
    prefixes: frozenset[str] = frozenset()
    trig: tuple[int, int] = (0, 0)  # offset and length of its text in graph.trig
    ttl: tuple[int, int] = (0, 0)  # and in graph.ttl (default graph only)
    text: bytes | None = None  # when rendered in this build

    @classmethod
    def of(cls, subjects: list[str], prefixes: frozenset[str] = frozenset(), text: bytes | None = None) -> Chunk:
        return cls("\n".join(subjects), prefixes, text=text)

    @property
    def subjects(self) -> list[str]:
        return self.names.split("\n") if self.names else []

    @property
    def first(self) -> str:
        return self.names.partition("\n")[0]


@dataclass
class GraphLayout:
    opener: str = ""  # "id:g {\n" for a named graph
    whole: bool = False  # blank nodes: rendered as one chunk, always whole
    chunks: list[Chunk] = field(default_factory=list)


Layout = dict[str, GraphLayout]


def _term(key: str) -> NamedNode | DefaultGraph:
    return DefaultGraph() if key == DEFAULT else NamedNode(key)


def _split(text: str, named: bool) -> tuple[frozenset[str], str, str]:
    """(prefixes used, the graph's opening line, the body) of a document holding one graph."""
    prefixes: set[str] = set()
    rest = text
    if text.startswith("@prefix "):
        head, _, rest = text.partition("\n\n")
        prefixes = {line.split()[1][:-1] for line in head.splitlines()}
    if not named:
        return frozenset(prefixes), "", rest
    opener, _, body = rest.partition("\n")
    if not opener.endswith(" {") or not body.endswith("}\n"):
        raise ValueError(f"unexpected TriG block: {rest[:80]!r}")
    return frozenset(prefixes), opener + "\n", body[:-2]


def _render(quads: list[Quad], key: str) -> tuple[frozenset[str], str, str]:
    from kg.formats.rdf import write_trig, write_turtle

    if key == DEFAULT:
        return _split(write_turtle(quads, prefixes=PREFIXES), False)
    return _split(write_trig(quads, prefixes=PREFIXES), True)


def _by_subject(store: Store, key: str, subjects: list[str] | None = None) -> tuple[dict[str, list[Quad]], bool]:
    """The quads of a graph by subject IRI (of the given subjects only), and whether blank nodes occur."""
    graph = _term(key)
    out: dict[str, list[Quad]] = defaultdict(list)
    blank = False
    if subjects is None:
        for q in store.quads_for_pattern(None, None, None, graph):
            if isinstance(q.subject, BlankNode) or isinstance(q.object, BlankNode):
                blank = True
                out[""].append(q)
            else:
                out[q.subject.value].append(q)
    else:
        for s in subjects:
            for q in store.quads_for_pattern(NamedNode(s), None, None, graph):
                blank = blank or isinstance(q.object, BlankNode)
                out[s].append(q)
    return out, blank


def _layout_graph(store: Store, key: str, renderer=None) -> GraphLayout | None:
    from kg.formats.chunks import Renderer, graph_name

    graph = _term(key)
    g = GraphLayout()
    named: frozenset[str] = frozenset()
    if key != DEFAULT:
        text, prefix = graph_name(graph, PREFIXES)
        g.opener = f"{text} {{\n"
        named = frozenset([prefix]) if prefix is not None else frozenset()
    # Each chunk's text from the graph's N-Triples lines (every term's text made once per graph); a chunk's
    # prefixes are those its text uses, and the graph's name.
    renderer = renderer or Renderer(PREFIXES)
    chunks = renderer.chunks(store, graph, "" if key == DEFAULT else "    ", CHUNK, named)
    if chunks is None:
        return _layout_whole(store, key)
    if not chunks:
        return None
    g.chunks = [Chunk.of(subjects, frozenset(used), text.encode("utf-8")) for subjects, used, text in chunks]
    return g


def _layout_whole(store: Store, key: str) -> GraphLayout:
    """A graph with blank nodes: one chunk, rendered whole."""
    quads, _ = _by_subject(store, key)
    g = GraphLayout(whole=True)
    chunk = Chunk.of(sorted(s for s in quads if s))
    _fill(g, chunk, [q for qs in quads.values() for q in qs], key)
    g.chunks.append(chunk)
    return g


def _fill(g: GraphLayout, chunk: Chunk, quads: list[Quad], key: str) -> None:
    prefixes, opener, body = _render(quads, key)
    chunk.prefixes, chunk.text = prefixes, body.encode("utf-8")
    if key != DEFAULT:
        g.opener = opener


def _update_graph(store: Store, key: str, old: GraphLayout, changed: set[str]) -> GraphLayout | None:
    if old.whole:
        return _layout_graph(store, key)
    quads, blank = _by_subject(store, key, sorted(changed))
    if blank:
        return _layout_graph(store, key)
    present = {s for s, qs in quads.items() if qs}
    import bisect

    g = GraphLayout(old.opener)
    firsts = [c.first for c in old.chunks]

    # A chunk holds the subjects from its first to the next chunk's first: a changed subject can only be in the
    # chunk whose range holds it, and goes there if it is new.
    new_in: dict[int, list[str]] = defaultdict(list)
    for s in present:
        new_in[max(bisect.bisect_right(firsts, s) - 1, 0)].append(s)
    hit = {bisect.bisect_right(firsts, s) - 1 for s in changed} - {-1}
    for i, c in enumerate(old.chunks):
        had = c.subjects if i in hit or i in new_in else []
        if i not in new_in and changed.isdisjoint(had):
            g.chunks.append(c)
            continue
        subjects = sorted((set(had) - changed) | set(new_in.get(i, ())))
        if not subjects:
            continue
        chunk = Chunk.of(subjects)
        todo = [q for s in subjects for q in (quads[s] if s in quads else
                                               store.quads_for_pattern(NamedNode(s), None, None, _term(key)))]
        _fill(g, chunk, todo, key)
        g.chunks.append(chunk)
    if not old.chunks and present:
        chunk = Chunk.of(sorted(present))
        _fill(g, chunk, [q for s in chunk.subjects for q in quads[s]], key)
        g.chunks.append(chunk)
    return g if g.chunks else None


def write(store: Store, layout: Layout | None, old_trig: bytes | None, old_ttl: bytes | None,
          changed: dict[str, set[str] | None] | None = None) -> tuple[Pieces, Pieces, Layout]:
    """graph.trig and graph.ttl of ``store`` (as ``Pieces``, which may be views of ``old_trig`` and
    ``old_ttl``: keep those until written), and their layout. With a previous ``layout`` (and the files it
    describes), ``changed`` names, per graph key (``""`` for the default graph, else the graph IRI), the
    subjects whose quads changed (None: lay the graph out again); graphs not named are copied, graphs that no
    longer exist dropped."""
    from kg.formats.chunks import Renderer

    graphs = [DEFAULT, *sorted(g.value for g in store.named_graphs() if isinstance(g, NamedNode))]
    new: Layout = {}
    renderer = Renderer(PREFIXES)  # every term's text made once for all the graphs laid out anew
    for key in graphs:
        if layout is None or key not in layout:
            got = _layout_graph(store, key, renderer)
        elif changed is not None and key in changed and changed[key] is None:
            got = _layout_graph(store, key, renderer)
        elif changed is not None and key in changed:
            got = _update_graph(store, key, layout[key], changed[key])  # type: ignore[arg-type]
        else:
            got = layout[key]
        if got is not None:
            new[key] = got
    return _assemble(new, old_trig, old_ttl)


def _add_text(p: Pieces, c: Chunk, old: memoryview | None, where: tuple[int, int]) -> int:
    """Add a chunk's text to ``p``: rendered in this build, else the range of the previous file where it lies;
    its length."""
    if c.text is not None:
        p.add(c.text)
        return len(c.text)
    assert old is not None
    p.view(old, where[0], where[1])
    return where[1]


def _head(used: set[str]) -> bytes:
    return "".join(f"@prefix {p}: <{ns}> .\n" for p, ns in PREFIXES.items() if p in used).encode("utf-8")


class Pieces:
    r"""A document as the pieces it is made of (bytes, or ranges of the previous file's bytes), never joined in
    memory: ``write`` streams them to a file. ``size`` is their length so far (the offset of the next piece).

    A range that follows the previous one in the same file, and bytes that the file holds right after the
    previous range, extend that range: the chunks an edit did not touch, with the separators and graph openers
    between them, are then a few long ranges of the previous file (at 1M quads, 9,000 pieces become a handful),
    written and hashed without being copied or joined, the GIL released all along.

    >>> old = memoryview(b"xx<c> .\n\n<d> .\n")
    >>> p = Pieces(); p.add(b"<a> <b> "); p.view(old, 2, 6); p.add(b"\n"); p.view(old, 9, 7)
    >>> p.size, p.join(), len(p.parts)
    (22, b'<a> <b> <c> .\n\n<d> .\n', 2)
    """

    def __init__(self) -> None:
        self.parts: list[bytes | memoryview] = []
        self.size = 0
        self._range: tuple[memoryview, int, int] | None = None  # the last part, when it is a range of a file

    def add(self, b: bytes) -> None:
        r = self._range
        if r is not None and r[0][r[2]:r[2] + len(b)] == b:
            self._extend(r[0], r[1], r[2] + len(b))
        else:
            self.parts.append(b)
            self._range = None
        self.size += len(b)

    def view(self, old: memoryview, start: int, length: int) -> None:
        """Add the ``length`` bytes of ``old`` from ``start``."""
        r = self._range
        if r is not None and r[0] is old and r[2] == start:
            self._extend(old, r[1], start + length)
        else:
            self.parts.append(old[start:start + length])
            self._range = (old, start, start + length)
        self.size += length

    def _extend(self, old: memoryview, start: int, end: int) -> None:
        self.parts[-1] = old[start:end]
        self._range = (old, start, end)

    def join(self) -> bytes:
        return b"".join(self.parts)

    def write(self, path) -> str:
        """Write the document to ``path``; its SHA-256, hex. Hashing and writing release the GIL, and in a thread
        beside Python work each call then waits for the GIL again (up to the switch interval, 5 ms): the small
        pieces go out joined in batches of about ``BATCH`` bytes (9,000 pieces took 0.8 s where 100 MB in
        batches take a few calls), the long ranges of the previous file as they are."""
        import hashlib

        h = hashlib.sha256()
        with open(path, "wb") as f:
            batch: list[bytes | memoryview] = []
            size = 0
            for part in self.parts:
                if len(part) >= BATCH:
                    _out(h, f, batch)
                    _out(h, f, [part])
                    batch, size = [], 0
                    continue
                batch.append(part)
                size += len(part)
                if size >= BATCH:
                    _out(h, f, batch)
                    batch, size = [], 0
            _out(h, f, batch)
        return h.hexdigest()


#: About how many bytes ``Pieces.write`` joins before it hashes and writes them.
BATCH = 16 << 20


def _out(h, f, batch: list[bytes | memoryview]) -> None:
    if not batch:
        return
    data = batch[0] if len(batch) == 1 else b"".join(batch)
    h.update(data)
    f.write(data)


def _assemble(layout: Layout, old_trig: bytes | None, old_ttl: bytes | None) -> tuple[Pieces, Pieces, Layout]:
    trig_view = memoryview(old_trig) if old_trig is not None else None
    ttl_view = memoryview(old_ttl) if old_ttl is not None else None
    # The merged view's chunks are the same text in both files: without the previous graph.ttl, the Turtle
    # document takes them from where they lay in the previous graph.trig.
    ttl_from = [c.ttl if ttl_view is not None else c.trig for c in layout[DEFAULT].chunks] if DEFAULT in layout else []
    used = {p for g in layout.values() for c in g.chunks for p in c.prefixes}
    out, ttl = Pieces(), Pieces()
    head = _head(used)
    blocks_started = False
    if head:
        out.add(head)
    for key, g in layout.items():
        if head or blocks_started:
            out.add(b"\n")
        blocks_started = True
        if key != DEFAULT:
            out.add(g.opener.encode("utf-8"))
        for i, c in enumerate(g.chunks):
            if i:
                out.add(b"\n")
            at = out.size
            c.trig = (at, _add_text(out, c, trig_view, c.trig))
        if key != DEFAULT:
            out.add(b"}\n")
    if DEFAULT in layout:
        g = layout[DEFAULT]
        head = _head({p for c in g.chunks for p in c.prefixes})
        if head:
            ttl.add(head + b"\n")
        for i, c in enumerate(g.chunks):
            if i:
                ttl.add(b"\n")
            at = ttl.size
            c.ttl = (at, _add_text(ttl, c, ttl_view if ttl_view is not None else trig_view, ttl_from[i]))
    for g in layout.values():
        for c in g.chunks:
            c.text = None
    return out, ttl, layout


__all__ = ["CHUNK", "Chunk", "GraphLayout", "Layout", "Pieces", "write"]
