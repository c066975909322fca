"""Querying the graph: SPARQL, named questions, names of entities, network analysis.

- ``kg.query.sparql``: ``run(graph, text, params)`` -> ``Result`` (SELECT, ASK, CONSTRUCT, DESCRIBE);
- ``kg.query.catalog``: the named questions of ``ontology/queries/*.rq``, ``run_named(graph, name, params)``;
- ``kg.query.resolve``: ids, labels and aliases -> entities (``resolve``, ``lookup``, ``search``);
- ``kg.formats.results``: results as Python values, tables, CSV, TSV, SPARQL JSON/XML, Turtle;
- ``kg.query.network``: paths, neighbours, rankings and communities over the networkx mirrors.

>>> import kg
>>> from kg.query import run_named
>>> g = kg.build("data", shacl=False)
>>> sorted(r["counterpart"] for r in run_named(g, "meetings-of", {"actor": "Sudani"}).to_python())
['https://w3id.org/diplomatic-kg/id/mohammad-javad-zarif']

Importing this package loads the resolver (pyoxigraph, already loaded by ``kg.graph``); the runner,
the catalog and the writers load when one of their names is first used, pandas and networkx only
when needed.
"""

from __future__ import annotations

import importlib
from typing import TYPE_CHECKING, Any

# Loaded at once: the function ``resolve`` must win over the submodule of the same name.
from kg.query.resolve import AmbiguousNameError, Match, lookup, resolve, search

#: Public name -> the module defining it; the others load on first use (PEP 562), so that the
#: resolver does not load the SPARQL runner, nor the runner the catalog.
_EXPORTS = {
    "AmbiguousNameError": "resolve", "Match": "resolve", "lookup": "resolve", "resolve": "resolve",
    "search": "resolve",
    "NamedQuery": "catalog", "Param": "catalog", "load_catalog": "catalog", "run_named": "catalog",
    "PartialDate": "kg.values", "python_value": "kg.values",
    "format_result": "kg.formats.results", "write_result": "kg.formats.results",
    "Result": "sparql", "run": "sparql",
}

if TYPE_CHECKING:
    from kg.formats.results import format_result, write_result
    from kg.query.catalog import NamedQuery, Param, load_catalog, run_named
    from kg.query.sparql import Result, run
    from kg.values import PartialDate, python_value


def __getattr__(name: str) -> Any:
    if name in _EXPORTS:
        where = _EXPORTS[name]
        return getattr(importlib.import_module(where if "." in where else f"{__name__}.{where}"), name)
    raise AttributeError(f"module {__name__!r} has no attribute {name!r}")


__all__ = [
    "AmbiguousNameError",
    "Match",
    "NamedQuery",
    "Param",
    "PartialDate",
    "Result",
    "format_result",
    "load_catalog",
    "lookup",
    "python_value",
    "resolve",
    "run",
    "run_named",
    "search",
    "write_result",
]
