"""Deterministic RDF/XML: one ``rdf:Description`` per subject, sorted, every property as an element.

Predicates are written as ``prefix:local`` with the project's prefixes where the local part is an XML
name, else under generated prefixes ``ns1``, ``ns2``... (numbered in the sorted order of their
namespaces). Blank nodes get the labels of ``kg.formats.rdf`` (``rdf:nodeID``). Carriage returns and
tabs are written as character references, so no XML parser normalises them away.

RDF/XML cannot carry everything: a predicate that does not end in an XML name (``<urn:p/1>``)
and text with characters XML 1.0 forbids (most control characters) raise ``OutputError``;
use Turtle or N-Triples for those.

>>> from pyoxigraph import Literal, NamedNode, Triple
>>> from kg.vocab import ID_NS, RDFS
>>> print(write_rdfxml([Triple(NamedNode(ID_NS + "iraq"), NamedNode(RDFS.label), Literal("Iraq & <co>"))]), end="")
<?xml version="1.0" encoding="utf-8"?>
<rdf:RDF
    xmlns:rdf="http://www.w3.org/1999/02/22-rdf-syntax-ns#"
    xmlns:rdfs="http://www.w3.org/2000/01/rdf-schema#">
  <rdf:Description rdf:about="https://w3id.org/diplomatic-kg/id/iraq">
    <rdfs:label>Iraq &amp; &lt;co&gt;</rdfs:label>
  </rdf:Description>
</rdf:RDF>
"""

from __future__ import annotations

import re
from collections import defaultdict
from collections.abc import Iterable, Mapping

from pyoxigraph import BlankNode, Literal, NamedNode, Quad, Triple

from kg.errors import OutputError
from kg.formats.common import canonical, xml_problem
from kg.formats.rdf import term_nt
from kg.vocab import PREFIXES, RDF, XSD

_START = ("A-Z_a-z\u00c0-\u00d6\u00d8-\u00f6\u00f8-\u02ff\u0370-\u037d\u037f-\u1fff\u200c\u200d"
          "\u2070-\u218f\u2c00-\u2fef\u3001-\ud7ff\uf900-\ufdcf\ufdf0-\ufffd\U00010000-\U000effff")
_CHAR = _START + r"\-.0-9\u00b7\u0300-\u036f\u203f\u2040"
#: The longest XML name (NCName) at the end of an IRI: RDF/XML's local part of a property.
_TAIL = re.compile(f"[{_START}][{_CHAR}]*$")
# Names of the RDF/XML syntax itself, which cannot be used as property elements.
_FORBIDDEN = {RDF[n] for n in ("RDF", "Description", "ID", "about", "parseType", "resource", "li", "nodeID",
                               "datatype", "aboutEach", "aboutEachPrefix", "bagID")}
_TEXT = str.maketrans({"&": "&amp;", "<": "&lt;", ">": "&gt;", "\r": "&#13;"})
_ATTR = str.maketrans({"&": "&amp;", "<": "&lt;", ">": "&gt;", '"': "&quot;", "\n": "&#10;", "\r": "&#13;",
                       "\t": "&#9;"})


def _check(text: str, what: str) -> str:
    bad = xml_problem(text)
    if bad:
        raise OutputError(f"RDF/XML cannot hold {what}: it contains the character {bad}, which XML 1.0 forbids "
                          "(export as Turtle or N-Triples instead)")
    return text


def _split(predicate: str) -> tuple[str, str]:
    m = _TAIL.search(predicate)
    # A leading "-", "." or digit cannot start a name: move it to the namespace.
    if m is None or predicate in _FORBIDDEN or m.start() == 0:
        raise OutputError(f"RDF/XML cannot write the predicate <{predicate}>: it does not end in an XML name "
                          "(export as Turtle or N-Triples instead)")
    return predicate[: m.start()], m.group()


def _qnames(predicates: Iterable[str], prefixes: Mapping[str, str]) -> tuple[dict[str, str], dict[str, str]]:
    """Map each predicate to ``prefix:local``; return (qnames, used namespaces by prefix)."""
    by_ns = {ns: name for name, ns in prefixes.items()}
    qnames, extra = {}, set()
    for p in predicates:
        best = None
        for name, ns in prefixes.items():
            local = p[len(ns):]
            if p.startswith(ns) and local and _TAIL.fullmatch(local) and p not in _FORBIDDEN:
                if best is None or len(ns) > len(prefixes[best]):
                    best = name
        if best is not None:
            qnames[p] = (prefixes[best], p[len(prefixes[best]):])
        else:
            ns, local = _split(p)
            _check(ns, f"the namespace of <{p}>")
            if ns not in by_ns:
                extra.add(ns)
            qnames[p] = (ns, local)
    taken = set(prefixes)
    n = 0
    for ns in sorted(extra):
        n += 1
        while f"ns{n}" in taken:
            n += 1
        by_ns[ns] = f"ns{n}"
    used = {by_ns[ns]: ns for ns, _ in qnames.values()}
    used["rdf"] = RDF.type[: -len("type")]
    return {p: f"{by_ns[ns]}:{local}" for p, (ns, local) in qnames.items()}, used


def write_rdfxml(triples: Iterable[Quad | Triple], prefixes: Mapping[str, str] = PREFIXES) -> str:
    """Return deterministic RDF/XML for triples (quads must be in the default graph)."""
    quads = canonical(triples)
    qnames, used = _qnames(sorted({q.predicate.value for q in quads}), prefixes)
    by_subject: dict[object, list[Quad]] = defaultdict(list)
    for q in quads:
        by_subject[q.subject].append(q)
    order = {p: i for i, p in enumerate(prefixes)}
    decls = sorted(used, key=lambda name: (order.get(name, len(order)), name))
    out = ['<?xml version="1.0" encoding="utf-8"?>\n<rdf:RDF']
    out.append("".join(f'\n    xmlns:{name}="{_check(used[name], "a namespace").translate(_ATTR)}"'
                       for name in decls) + ">\n")
    for s in sorted(by_subject, key=lambda t: (isinstance(t, BlankNode), t.value)):
        out.append(f"  <rdf:Description {_node(s, 'about')}>\n")
        for q in sorted(by_subject[s], key=lambda q: (q.predicate.value != RDF.type, q.predicate.value,
                                                      term_nt(q.object))):
            out.append("    " + _property(qnames[q.predicate.value], q.object) + "\n")
        out.append("  </rdf:Description>\n")
    out.append("</rdf:RDF>\n")
    return "".join(out)


def _node(term: NamedNode | BlankNode, attr: str) -> str:
    if isinstance(term, BlankNode):
        return f'rdf:nodeID="{term.value}"'
    return f'rdf:{attr}="{_check(term.value, f"the IRI <{term.value}>").translate(_ATTR)}"'


def _property(qname: str, o: object) -> str:
    if isinstance(o, (NamedNode, BlankNode)):
        return f"<{qname} {_node(o, 'resource')}/>"
    if not isinstance(o, Literal):
        raise OutputError(f"RDF/XML cannot write {o!r}: not an RDF 1.1 term")
    text = _check(o.value, f"the literal {term_nt(o)[:60]}").translate(_TEXT)
    if o.language:
        if o.direction:
            raise OutputError(f"RDF/XML cannot write the base direction of {term_nt(o)[:60]}")
        attr = f' xml:lang="{o.language}"'
    elif o.datatype.value == XSD.string:
        attr = ""
    else:
        attr = f' rdf:datatype="{_check(o.datatype.value, "a datatype IRI").translate(_ATTR)}"'
    return f"<{qname}{attr}>{text}</{qname}>"


__all__ = ["write_rdfxml"]
