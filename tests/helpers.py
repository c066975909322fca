"""Helpers shared by the tests (one place for them)."""

from __future__ import annotations

import shutil
from collections.abc import Iterable
from datetime import date
from pathlib import Path

from pyoxigraph import NamedNode, Quad, Store

from kg.vocab import CONFLICTS_GRAPH, INFERRED_GRAPH, ONTOLOGY_GRAPH, PREFIXES

_NOT_ASSERTED = {ONTOLOGY_GRAPH, INFERRED_GRAPH, CONFLICTS_GRAPH}

#: The project's prefixes as Turtle @prefix lines, for the small graphs the tests write.
TURTLE_PREFIXES = "".join(f"@prefix {p}: <{ns}> .\n" for p, ns in PREFIXES.items())


def as_built(quads: Iterable[Quad]) -> list[Quad]:
    """Quads laid out as a build writes them: as given, plus the triples of the registry and source graphs
    once in the default graph (the merged view).

    >>> q = Quad(NamedNode("urn:a"), NamedNode("urn:p"), NamedNode("urn:b"), NamedNode("urn:g"))
    >>> [str(x.graph_name) for x in as_built([q, q])]
    ['<urn:g>', '<urn:g>', 'DEFAULT']
    """
    quads = list(quads)
    merged = dict.fromkeys(Quad(q.subject, q.predicate, q.object) for q in quads
                           if isinstance(q.graph_name, NamedNode) and q.graph_name.value not in _NOT_ASSERTED)
    return quads + list(merged)


def built_store(quads: Iterable[Quad]) -> Store:
    """A store holding ``as_built(quads)``."""
    store = Store()
    store.extend(as_built(quads))
    return store


#: The invented registry of the drafter's benchmark; the drafter's tests draft invented sentences against it.
DRAFT_REGISTRY = Path(__file__).resolve().parent.parent / "benchmarks" / "draft" / "registry.yaml"


def draft_invented(folder: Path, text: str, pub: date = date(2027, 3, 10)):
    """Draft ``text`` (invented sentences) against the invented registry without its persons, except Lena Varosh
    and Tomas Keld (written to ``folder`` as ``entities.yaml``)."""
    from kg.draft.drafter import analyse
    from kg.facts.load import load_facts

    shutil.copy(DRAFT_REGISTRY, folder / "entities.yaml")
    ents = {k: v for k, v in load_facts(folder).entities.items()
            if v.kind != "person" or k in ("lena-varosh", "tomas-keld")}
    return analyse(text, pub, ents, [], {"published": str(pub)})



def draft_events(d) -> list[tuple[str, tuple[str, ...]]]:
    """A draft's events as (type, participants in order)."""
    return [(e.type, tuple(e.participants)) for e in d.events]


def dated_events(d, pub: date = date(2027, 3, 10)) -> set[tuple]:
    """A draft's events as (type, participants in order, earliest day against ``pub``, status)."""
    return {(e.type, tuple(e.participants), str(e.date.when(pub).earliest), e.status) for e in d.events}


def draft_posts(d) -> set[tuple[str, str, str]]:
    """A draft's memberships as (person, role, organization)."""
    return {(m.person, m.role, m.organization) for m in d.memberships}
