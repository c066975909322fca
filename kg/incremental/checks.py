"""The checks and the merge of an incremental build, from what the state keeps of every facts file (its
``summary``: the ids it claims, the ids it refers to, its ``part_of`` links) and the records of the few files
the edit touches, with the verdict and the results ``check_references`` and ``merge`` give on every file.

The build before passed every check, so an edit can only break what involves the edited files:

- ids: an id claimed with two kinds, a source or statement id claimed twice: checked over every file's
  claims (a few tuples per file, not records);
- references: those of the edited files, and those of the files that refer to an id whose kind the edit
  changed or removed (their records read again);
- evidence and the days of memberships: the edited files';
- ``part_of`` cycles: only a link the edit added can close one, so they are looked for from its events.

When any of these finds a problem, the caller runs ``check_references`` on every file, for its messages.
The merge merges again the events and memberships the edit touches (with the records of every file that
reports them); the conflicts of the others are the previous build's, kept by event and by membership; posts
with a single holder are checked again from every membership's ``Holder``. The conflicts come out in the
order a full merge gives them. ``tests/test_incremental.py`` compares every output with a full build's.

>>> s = summarize({"sources": [], "events": [], "statements": [], "memberships": [], "declared": {}})
>>> s["refs"], s["part_of"]
(frozenset(), ())
"""

from __future__ import annotations

from collections import defaultdict
from dataclasses import dataclass, field

from kg.builder.merge import CONFLICT_KINDS, Conflict, Merged, merge_some, post_holder_conflicts, single_roles
from kg.facts.model import Facts
from kg.facts.validate import _check_evidence, _check_part_of_cycles, _check_spans, _kind_ok, registry_warnings

_CLAIMED = (("sources", "source"), ("events", "event"), ("statements", "statement"), ("memberships", "membership"))
#: The kinds of conflict that concern one membership (``Conflict.concerns`` is its id); the others but
#: ``post-holder`` concern one event.
_OF_MEMBERSHIP = frozenset({"membership", "membership-dates"})
assert _OF_MEMBERSHIP <= CONFLICT_KINDS.keys()


def summarize(records: dict) -> dict:
    """What the checks of the next incremental builds read of a facts file's ``records`` (``_read_file``)."""
    out: dict = {name: tuple(r.id for r in records[name]) for name, _ in _CLAIMED}
    out["refs"] = frozenset(ref.id for name, _ in _CLAIMED for r in records[name] for ref in r.refs)
    out["part_of"] = tuple((e.id, tuple(e.part_of)) for e in records["events"] if e.part_of)
    out["declared"] = bool(records["declared"])
    return out


@dataclass
class Index:
    """Over every facts file, in the order ``load_facts`` reads them: the order of first report of each event
    and membership (a full merge's order), the files that report each, and the kind of every claimed id."""

    events: dict[str, list[str]] = field(default_factory=dict)  # event id -> the keys of the files reporting it
    memberships: dict[str, list[str]] = field(default_factory=dict)
    kinds: dict[str, str] = field(default_factory=dict)

    def files_of(self, events: set[str], memberships: set[str]) -> set[str]:
        out = {k for i in events for k in self.events.get(i, ())}
        return out | {k for i in memberships for k in self.memberships.get(i, ())}


def index(keys: list[str], summaries: dict[str, dict], entity_kinds: dict[str, str]) -> Index | None:
    """The ``Index`` of the files ``keys``, or None when an id is claimed with two kinds (or as an entity's) or
    a source or statement id twice."""
    ix = Index()
    kinds, once = ix.kinds, set()
    for key in keys:
        s = summaries[key]
        for name, kind in _CLAIMED:
            for i in s[name]:
                if kinds.setdefault(i, kind) != kind or i in entity_kinds:
                    return None
        for i in (*s["sources"], *s["statements"]):
            if i in once:
                return None
            once.add(i)
        for i in s["events"]:
            got = ix.events.setdefault(i, [])
            if not got or got[-1] != key:
                got.append(key)
        for i in s["memberships"]:
            got = ix.memberships.setdefault(i, [])
            if not got or got[-1] != key:
                got.append(key)
    return ix


def check(facts: Facts, edited: dict[str, dict], rechecked: list[dict], summaries: dict[str, dict],
          ix: Index, changed: set[str], edited_files: set[str], aliases: list | None = None) -> list | None:
    """The warnings ``check_references`` gives on every file, or None when it would find a problem.

    ``facts``: the registry and the records of the ``edited`` files (by key) and of the files that refer to an
    id in ``changed`` (``rechecked``, records by file); ``edited_files``: the edited files as records name
    them; ``aliases``: ``kg.facts.validate.alias_warnings`` of the registry, if known."""
    entities = facts.entities
    if any(ref.id in changed for e in entities.values() for ref in e.refs):
        return None
    for records in [*edited.values(), *rechecked]:
        for name, _ in _CLAIMED:
            for rec in records[name]:
                for ref in rec.refs:
                    e = entities.get(ref.id)
                    kind, ptype = (e.kind, e.place_type) if e is not None else (ix.kinds.get(ref.id), None)
                    if kind is None or not _kind_ok(kind, ptype, ref.kinds):
                        return None
    for records in edited.values():
        if records["declared"] or len(set(e.id for e in records["events"])) != len(records["events"]):
            return None
    problems: list = []
    _check_evidence(facts, problems, edited_files)
    _check_spans(facts, problems)
    parents: dict[str, set[str]] = defaultdict(set)
    for s in summaries.values():
        for ident, part_of in s["part_of"]:
            parents[ident].update(part_of)
    _check_part_of_cycles(facts, problems, parents, [e for r in edited.values() for e in r["events"]])
    if problems:
        return None
    referenced = {ref.id for e in entities.values() for ref in e.refs}
    for s in summaries.values():
        referenced |= s["refs"]
    return registry_warnings(entities, referenced, aliases)


def groups(conflicts: list[Conflict]) -> dict[str, dict[str, list[Conflict]]]:
    """A merge's conflicts by what they concern: ``e`` (an event), ``m`` (a membership); those of posts with a
    single holder are left out (they are checked again from the holders)."""
    out: dict[str, dict[str, list[Conflict]]] = {"e": {}, "m": {}}
    for c in conflicts:
        if c.kind != "post-holder":
            out["m" if c.kind in _OF_MEMBERSHIP else "e"].setdefault(c.concerns, []).append(c)
    return out


def merge_edit(facts: Facts, ix: Index, events: set[str], memberships: set[str], before: dict,
               holders: dict) -> Merged:
    """The merge of every file, from the previous build's conflicts (``before``, by ``groups``) and
    ``Holder``s, with the ``events`` and ``memberships`` the edit touches merged again from ``facts`` (which
    holds every report of them). Its events and memberships are those merged again; its conflicts and holders,
    every file's."""
    part = merge_some(facts, [i for i in ix.events if i in events], [i for i in ix.memberships if i in memberships])
    by = {"e": {k: v for k, v in before["e"].items() if k not in events},
          "m": {k: v for k, v in before["m"].items() if k not in memberships}}
    for kind, got in groups(part.conflicts).items():
        by[kind].update(got)
    held = {k: v for k, v in holders.items() if k not in memberships}
    held.update(part.holders)
    held = {i: held[i] for i in ix.memberships if i in held}  # in the order of a full merge
    conflicts = [c for i in ix.events for c in by["e"].get(i, ())]
    conflicts += [c for i in ix.memberships for c in by["m"].get(i, ())]
    conflicts += post_holder_conflicts(held.values(), single_roles(facts.entities))
    return Merged(part.events, part.memberships, conflicts, held)


__all__ = ["Index", "check", "groups", "index", "merge_edit", "summarize"]
