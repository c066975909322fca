"""SHACL validation of the merged view (pySHACL), with violations traced back to the facts files."""

from __future__ import annotations

from pathlib import Path

from pyoxigraph import DefaultGraph, NamedNode, RdfFormat, Store, serialize

from kg.errors import Problem
from kg.vocab import ONTOLOGY_GRAPH, RDFS, compact

RDFS_SUBCLASS, RDFS_SUBPROPERTY = RDFS.subClassOf, RDFS.subPropertyOf


def _rdflib_graph(store: Store, graphs: list[NamedNode | DefaultGraph]):
    import rdflib

    g = rdflib.Graph()
    for graph in graphs:
        data = serialize((q.triple for q in store.quads_for_pattern(None, None, None, graph)),
                         format=RdfFormat.N_TRIPLES)
        if data:
            g.parse(data=data.decode("utf-8"), format="nt")
    return g


def check_shapes(store: Store, shapes_path: Path, origins: dict | None = None,
                 focus: list[str] | None = None) -> list[Problem]:
    """Validate the merged view (the default graph) against the shapes; return one Problem per violation.

    ``focus`` (IRIs): check only those nodes (an incremental build: the nodes an edit may have changed; the store
    also holds their neighbours, which are not checked)."""
    import rdflib
    from pyshacl import validate

    data = _rdflib_graph(store, [DefaultGraph()])
    # Only the class and property hierarchy: that is what sh:class needs, and pySHACL's RDFS closure of the
    # whole ontology (annotations, alignments, concept schemes) costs twenty times the check itself.
    ontology = rdflib.Graph()
    for predicate in (RDFS_SUBCLASS, RDFS_SUBPROPERTY):
        for q in store.quads_for_pattern(None, NamedNode(predicate), None, NamedNode(ONTOLOGY_GRAPH)):
            if isinstance(q.object, NamedNode) and isinstance(q.subject, NamedNode):
                ontology.add((rdflib.URIRef(q.subject.value), rdflib.URIRef(predicate), rdflib.URIRef(q.object.value)))
    shapes = rdflib.Graph().parse(str(shapes_path), format="turtle")
    conforms, report, _ = validate(data, shacl_graph=shapes, ont_graph=ontology, inference="rdfs",
                                   allow_warnings=True, advanced=True,
                                   focus_nodes=[rdflib.URIRef(f) for f in focus] if focus else None)
    if conforms:
        return []
    SH = rdflib.Namespace("http://www.w3.org/ns/shacl#")
    problems = []
    origins = origins or {}
    for result in report.subjects(rdflib.RDF.type, SH.ValidationResult):
        focus = report.value(result, SH.focusNode)
        path = report.value(result, SH.resultPath)
        message = report.value(result, SH.resultMessage)
        value = report.value(result, SH.value)
        severity = report.value(result, SH.resultSeverity)
        origin = origins.get(str(focus))
        field = compact(str(path)) if path is not None else "(node)"
        where_file = origin.file if origin else compact(str(focus))
        where_line = origin.line if origin else 0
        prefix = f"{origin.path}: " if origin else ""
        problems.append(Problem(where_file, where_line, f"{prefix}{field}",
                                f"{message or 'a value that conforms to the shapes'} (SHACL, on {compact(str(focus))})",
                                None if value is None else str(value),
                                "warning" if severity in (SH.Warning, SH.Info) else "error"))
    return problems
