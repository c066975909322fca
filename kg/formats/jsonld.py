"""Deterministic JSON-LD: a flat ``@graph`` of node objects sorted by ``@id``, with the prefixes as ``@context``.

Every value is explicit, so nothing depends on JSON types or a remote context: IRIs are
``{"@id": ...}``, text ``{"@value": ...}`` (with ``@language``), other literals keep their lexical
form and ``@type``. ``rdf:type`` objects that are IRIs go in ``@type``. IRIs are written
``prefix:local`` when the local part is a plain name; a prefix whose name is also the scheme of
an IRI in the data (say a ``time:`` IRI) is left out of the context, since JSON-LD would expand
that IRI as a compact one.

>>> from pyoxigraph import Literal, NamedNode, Triple
>>> from kg.vocab import DKG, ID_NS, RDF_TYPE, XSD
>>> m = NamedNode(ID_NS + "m1")
>>> print(write_jsonld([Triple(m, NamedNode(RDF_TYPE), NamedNode(DKG.Meeting)),
...                     Triple(m, NamedNode(DKG.date), Literal("2025-02", datatype=NamedNode(XSD.gYearMonth)))],
...                    prefixes={"dkg": DKG.date[:-4], "id": ID_NS, "xsd": XSD.date[:-4]}), end="")
{
  "@context": {
    "dkg": "https://w3id.org/diplomatic-kg/ontology#",
    "id": "https://w3id.org/diplomatic-kg/id/",
    "xsd": "http://www.w3.org/2001/XMLSchema#"
  },
  "@graph": [
    {
      "@id": "id:m1",
      "@type": [
        "dkg:Meeting"
      ],
      "dkg:date": [
        {
          "@value": "2025-02",
          "@type": "xsd:gYearMonth"
        }
      ]
    }
  ]
}
"""

from __future__ import annotations

import json
from collections import defaultdict
from collections.abc import Iterable, Mapping

from pyoxigraph import BlankNode, Literal, NamedNode, Quad, Triple

from kg.errors import OutputError
from kg.formats.common import canonical
from kg.formats.rdf import term_nt
from kg.vocab import PREFIXES, RDF_TYPE, XSD, compact

_GEN_DELIMS = frozenset(":/?#[]@")


def write_jsonld(triples: Iterable[Quad | Triple], prefixes: Mapping[str, str] = PREFIXES) -> str:
    """Return deterministic JSON-LD 1.1 for triples (quads must be in the default graph)."""
    quads = canonical(triples)
    iris = {t.value for q in quads for t in (q.subject, q.predicate, q.object) if isinstance(t, NamedNode)}
    iris |= {q.object.datatype.value for q in quads if isinstance(q.object, Literal)}
    schemes = {i.partition(":")[0] for i in iris}
    # JSON-LD 1.1 only expands `term:local` when the term's IRI ends in a gen-delim character.
    context = {name: ns for name, ns in prefixes.items()
               if name not in schemes and name != "_" and ns[-1:] in _GEN_DELIMS}

    def name(iri: str) -> str:
        return compact(iri, context)

    nodes: dict[object, dict[str, list]] = defaultdict(lambda: defaultdict(list))
    for q in quads:
        s, p, o = q.subject, q.predicate.value, q.object
        if p == RDF_TYPE and isinstance(o, NamedNode):
            nodes[s]["@type"].append((term_nt(o), name(o.value)))
        else:
            nodes[s][p].append((term_nt(o), _value(o, name)))
    graph = []
    for s in sorted(nodes, key=lambda t: (isinstance(t, BlankNode), t.value)):
        obj: dict[str, object] = {"@id": _id(s, name)}
        props = nodes[s]
        if "@type" in props:
            obj["@type"] = [v for _, v in sorted(props.pop("@type"))]
        for p in sorted(props):
            obj[name(p)] = [v for _, v in sorted(props[p], key=lambda kv: kv[0])]
        graph.append(obj)
    return json.dumps({"@context": context, "@graph": graph}, ensure_ascii=False, indent=2) + "\n"


def _id(term: NamedNode | BlankNode, name) -> str:
    return f"_:{term.value}" if isinstance(term, BlankNode) else name(term.value)


def _value(o: object, name) -> dict[str, str]:
    if isinstance(o, (NamedNode, BlankNode)):
        return {"@id": _id(o, name)}
    if not isinstance(o, Literal):
        raise OutputError(f"JSON-LD cannot write {o!r}: not an RDF 1.1 term")
    if o.language:
        if o.direction:
            raise OutputError(f"JSON-LD export does not write the base direction of {term_nt(o)[:60]}")
        return {"@value": o.value, "@language": o.language}
    if o.datatype.value == XSD.string:
        return {"@value": o.value}
    return {"@value": o.value, "@type": name(o.datatype.value)}


__all__ = ["write_jsonld"]
