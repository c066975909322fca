"""What an edit of some facts files changes in the dataset, computed from those files' records alone.

Every quad of the dataset has one owner, so an edit only needs the owners it touches:

- a source's named graph is written from its facts file alone;
- in the default graph (the merged view), an event, a membership or a statement, with its derivation and
  delegation nodes, is written from the reports of it (in every file that reports it), the registry and the
  sources of those reports; a source document node from its file; an entity from the registry, except its
  ``prov:wasDerivedFrom`` links to the sources that mention it, each owned by that source;
- the conflicts graph from the merge of everything (it is small: replaced whole).

``restricted`` rebuilds the owners an edit touches with ``kg.builder.quads.build_dataset`` on the records
that write them (so incremental and full builds share one definition of the dataset), and ``owned`` picks
their quads out of a store or of that partial dataset.

>>> a = Affected(events={"e1"}, sources={"s1"})
>>> sorted(a.base_iris())
['https://w3id.org/diplomatic-kg/id/e1', 'https://w3id.org/diplomatic-kg/id/s1']
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass, field

from pyoxigraph import DefaultGraph, NamedNode, Quad, RdfFormat, Store, parse

from kg.builder.merge import Merged
from kg.builder.quads import DEFAULT, Dataset, Origin, build_dataset, iri
from kg.facts.model import Facts
from kg.vocab import CONFLICTS_GRAPH, DKG, PROV

_DERIVED_BY = (NamedNode(PROV.qualifiedDerivation), NamedNode(DKG.delegation))
_FROM = NamedNode(PROV.wasDerivedFrom)


@dataclass
class Affected:
    """The ids of the records whose quads an edit may change, and the ids of the sources edited."""

    events: set[str] = field(default_factory=set)
    memberships: set[str] = field(default_factory=set)
    statements: set[str] = field(default_factory=set)
    sources: set[str] = field(default_factory=set)

    def add_records(self, records: dict) -> None:
        """Add the records of one facts file (``{"sources": [...], "events": [...], ...}``)."""
        self.sources.update(s.id for s in records["sources"])
        self.events.update(e.id for e in records["events"])
        self.memberships.update(m.id for m in records["memberships"])
        self.statements.update(s.id for s in records["statements"])

    def base_iris(self) -> set[str]:
        return {iri(i) for ids in (self.events, self.memberships, self.statements, self.sources) for i in ids}

    def source_graphs(self) -> set[str]:
        return {iri(s) for s in self.sources}


def restricted(facts: Facts, merged: Merged, aff: Affected) -> tuple[Dataset, dict[str, Origin]]:
    """The dataset of the affected records only: every report of the affected events and memberships, the
    affected statements, the sources of all of them and every conflict (not the registry's own quads: an
    incremental build keeps the registry). Only the quads of ``owned`` are complete in it."""
    from kg.builder.merge import Merged as _Merged

    events = [e for e in facts.events if e.id in aff.events]
    memberships = [m for m in facts.memberships if m.id in aff.memberships]
    statements = [s for s in facts.statements if s.id in aff.statements]
    used = {r.source for r in [*events, *memberships, *statements]} | aff.sources
    sub = Facts(facts.entities, [s for s in facts.sources if s.id in used], memberships, events, statements)
    part = _Merged({k: v for k, v in merged.events.items() if k in aff.events},
                   {k: v for k, v in merged.memberships.items() if k in aff.memberships}, merged.conflicts)
    return build_dataset(sub, part, registry=False)


def _derived(store: Store, subjects: Iterable[str]) -> set[str]:
    out = set()
    default = DefaultGraph()
    for s in subjects:
        node = NamedNode(s)
        for p in _DERIVED_BY:
            out.update(q.object.value for q in store.quads_for_pattern(node, p, None, default)
                       if isinstance(q.object, NamedNode))
    return out


def owned_in_store(store: Store, aff: Affected, entity_iris: set[str]) -> set[Quad]:
    """The quads the affected owners hold in ``store`` (a previous build)."""
    out: set[Quad] = set()
    for g in [*aff.source_graphs(), CONFLICTS_GRAPH]:
        out.update(store.quads_for_pattern(None, None, None, NamedNode(g)))
    base = aff.base_iris()
    default = DefaultGraph()
    for s in base | _derived(store, base):
        out.update(store.quads_for_pattern(NamedNode(s), None, None, default))
    for g in aff.source_graphs():
        out.update(q for q in store.quads_for_pattern(None, _FROM, NamedNode(g), default)
                   if q.subject.value in entity_iris)
    return out


def owned_in_dataset(ds: Dataset, aff: Affected, entity_iris: set[str], unchanged_sources: set[str]) -> set[Quad]:
    """The quads the affected owners hold in the restricted dataset ``ds`` (``restricted``); ``entity_iris``:
    the registry's subjects, ``unchanged_sources``: the IRIs of the other sources ``ds`` holds."""
    graphs = aff.source_graphs() | {CONFLICTS_GRAPH}
    text = "".join(f"{x[:-3]} <{g}> .\n" for g in sorted(graphs) for x in dict.fromkeys(ds.graphs.get(g, ())))
    mine = aff.source_graphs()
    link = f"> <{PROV.wasDerivedFrom}> <"
    keep = []
    for x in dict.fromkeys(ds.graphs.get(DEFAULT, ())):
        subject = x[1:x.index(">")]
        if subject in entity_iris:
            if x[len(subject) + 1:].startswith(link) and x[:-3].rsplit(" ", 1)[-1][1:-1] in mine:
                keep.append(x)
        elif subject not in unchanged_sources:
            keep.append(x)
    return set(parse(text + "".join(keep), format=RdfFormat.N_QUADS))


__all__ = ["Affected", "owned_in_dataset", "owned_in_store", "restricted"]
