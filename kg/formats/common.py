"""Helpers shared by the writers: canonical blank-node labels and XML character checks (IRI
compaction is ``kg.vocab.compact``).

>>> from pyoxigraph import BlankNode, NamedNode, Triple
>>> p = NamedNode("urn:p")
>>> a = canonical([Triple(BlankNode("x"), p, BlankNode("y"))])
>>> b = canonical([Triple(BlankNode("other"), p, BlankNode("labels"))])
>>> a == b
True
>>> xml_problem("fine\\n\\r\\t text"), xml_problem("bell\\x07")
(None, 'U+0007')
"""

from __future__ import annotations

import re
from collections.abc import Iterable

from pyoxigraph import Quad, RdfFormat, Triple, parse

from kg.formats.rdf import write_nquads, write_ntriples
from kg.vocab import SAFE_LOCAL

# Characters XML 1.0 cannot carry at all, not even as character references.
_NOT_XML = re.compile("[^\t\n\r\u0020-\ud7ff\ue000-\ufffd\U00010000-\U0010ffff]")


def canonical(items: Iterable[Quad | Triple], *, dataset: bool = False) -> list[Quad]:
    """The quads, duplicate-free, sorted, with blank-node labels that depend only on the graph.

    The labels are the ones ``kg.formats.rdf`` writes (``_:b`` + hash), so every export of a graph names its
    blank nodes alike. With ``dataset=False`` the items must be triples (or default-graph quads).
    """
    if dataset:
        text, fmt = write_nquads(items), RdfFormat.N_QUADS
    else:
        text, fmt = write_ntriples(items), RdfFormat.N_TRIPLES
    # pyoxigraph keeps the labels it reads (rename_blank_nodes=False); the lines are already sorted.
    return list(parse(text.encode("utf-8"), format=fmt))


def xml_problem(text: str) -> str | None:
    """The first character XML 1.0 cannot hold (as ``U+XXXX``), or None when the text is fine."""
    m = _NOT_XML.search(text)
    return None if m is None else f"U+{ord(m.group()):04X}"


__all__ = ["SAFE_LOCAL", "canonical", "xml_problem"]
