"""Checks that need all the files at once: ids, references, evidence, cycles of events (merging what
several sources say of one event is ``kg.builder.merge``).

Problems are appended to the caller's list (every one is reported, not just the first);
warnings, which do not stop a build, are returned.
"""

from __future__ import annotations

from collections import defaultdict

from kg.errors import Problem
from kg.facts.model import Facts
from kg.names import QUOTE_FOLD as _QUOTES
from kg.names import name_key, normalize_space


def _kind_ok(kind: str, place_type: str | None, allowed: frozenset[str]) -> bool:
    return "any" in allowed or kind in allowed or (kind == "place" and f"place:{place_type}" in allowed)


def _describe(allowed: frozenset[str]) -> str:
    if "any" in allowed:
        return "the id of an entity, event or statement"
    names = sorted(a.replace("place:country", "country (a place of type country)") for a in allowed)
    return "the id of " + (" or ".join(f"a {n}" if n[0] not in "aeiou" else f"an {n}" for n in names))


def check_references(facts: Facts, problems: list[Problem], edited: set[str] | None = None) -> list[Problem]:
    """Check ids, references, evidence and event merges; return warnings.

    ``edited`` (an incremental build): the facts files (as records name them) whose evidence is checked; the
    others' was checked by the build before against the same source texts. Every file's is checked when two
    sources share an id (then a text may not be the one it was).
    """
    warnings: list[Problem] = []
    kinds: dict[str, tuple[str, str | None, str, int]] = {}  # id -> (kind, place type, file, line)
    for e in facts.entities.values():
        kinds[e.id] = (e.kind, e.place_type, e.file, e.line)

    def claim(ident: str, kind: str, file: str, line: int, field: str) -> None:
        if ident in kinds and kinds[ident][0] != kind:
            k, _, f, ln = kinds[ident]
            expected = f"a unique id ({ident!r} is already the {k} at {f}:{ln})"
            problems.append(Problem(file, line, field, expected, ident))
        elif ident not in kinds:
            kinds[ident] = (kind, None, file, line)

    for ident, kind in facts.declared.items():
        kinds.setdefault(ident, (kind, None, "", 0))
    seen_sources: dict[str, tuple[str, int]] = {}
    for s in facts.sources:
        if s.id in seen_sources:
            f, ln = seen_sources[s.id]
            problems.append(Problem(s.file, s.line, "source.id", f"a unique source id (also used at {f}:{ln})", s.id))
        seen_sources[s.id] = (s.file, s.line)
        claim(s.id, "source", s.file, s.line, "source.id")

    per_file: dict[tuple[str, str], int] = {}
    for ev in facts.events:
        if (ev.file, ev.id) in per_file:
            problems.append(Problem(ev.file, ev.line, f"{ev.path}.id",
                                    f"a unique event id in this file (also at line {per_file[(ev.file, ev.id)]})",
                                    ev.id))
        per_file[(ev.file, ev.id)] = ev.line
        claim(ev.id, "event", ev.file, ev.line, f"{ev.path}.id")
    seen_st: dict[str, tuple[str, int]] = {}
    for st in facts.statements:
        if st.id in seen_st:
            f, ln = seen_st[st.id]
            problems.append(Problem(st.file, st.line, f"{st.path}.id",
                                    f"a unique statement id (also at {f}:{ln}; two statements with the same "
                                    "speaker and claim need distinct ids)", st.id))
        seen_st[st.id] = (st.file, st.line)
        claim(st.id, "statement", st.file, st.line, f"{st.path}.id")
    for ms in facts.memberships:
        claim(ms.id, "membership", ms.file, ms.line, f"{ms.path}.id")

    referenced: set[str] = set()
    suggestions = _Suggestions(kinds)
    records = [*facts.entities.values(), *facts.sources, *facts.memberships, *facts.events, *facts.statements]
    for rec in records:
        for ref in rec.refs:
            referenced.add(ref.id)
            if ref.id not in kinds:
                problems.append(Problem(rec.file, ref.line, f"{rec.path}.{ref.field}",
                                        _describe(ref.kinds) + " defined in entities.yaml or a facts file"
                                        + suggestions.suffix(ref.id, ref.kinds), ref.id))
                continue
            kind, ptype, _, _ = kinds[ref.id]
            if not _kind_ok(kind, ptype, ref.kinds):
                problems.append(Problem(rec.file, ref.line, f"{rec.path}.{ref.field}",
                                        f"{_describe(ref.kinds)}, but {ref.id!r} is a {kind}", ref.id))
    if edited is not None and len(seen_sources) == len(facts.sources):
        _check_evidence(facts, problems, edited)
    else:
        _check_evidence(facts, problems)
    _check_part_of_cycles(facts, problems)
    warnings += registry_warnings(facts.entities, referenced)
    _check_spans(facts, problems)
    return warnings


def registry_warnings(entities: dict, referenced: set[str], aliases: list[Problem] | None = None) -> list[Problem]:
    """The warnings of ``check_references`` about the registry: names that identify several entities
    (``aliases``, if known: ``alias_warnings(entities)``), and entities that no record refers to
    (``referenced``: every id some record refers to)."""
    warnings = list(alias_warnings(entities) if aliases is None else aliases)
    for e in entities.values():
        if e.id not in referenced:
            warnings.append(Problem(e.file, e.line, f"{e.path}.id",
                                    f"an entity that some fact refers to; no fact mentions {e.id!r}",
                                    severity="warning"))
    return warnings


def alias_warnings(entities: dict) -> list[Problem]:
    """The names of the registry that identify several entities, as warnings (they depend on the registry
    alone: an incremental build keeps them from build to build)."""
    warnings: list[Problem] = []
    by_alias: dict[str, list[str]] = defaultdict(list)
    for e in entities.values():
        for name in {name_key(n) for n in [e.label, *e.aliases]}:
            by_alias[name].append(e.id)
    for name, ids in sorted(by_alias.items()):
        if len(ids) > 1:
            first = entities[ids[0]]
            warnings.append(Problem(first.file, first.line, "aliases",
                                    f"names that identify one entity; {name!r} names {', '.join(ids)}",
                                    severity="warning"))
    return warnings


def _check_spans(facts: Facts, problems: list[Problem]) -> None:
    """A membership cannot end before it starts."""
    for ms in facts.memberships:
        lo = ms.start.earliest if ms.start else None
        hi = ms.end.latest if ms.end else None
        if lo is not None and hi is not None and hi < lo:
            problems.append(Problem(ms.file, ms.line, f"{ms.path}.end", "an end on or after the start",
                                    f"start {ms.start.earliest}..{ms.start.latest}, "  # type: ignore[union-attr]
                                    f"end {ms.end.earliest}..{ms.end.latest}"))  # type: ignore[union-attr]


#: Unknown ids that get "did you mean" suggestions; later ones get none, so that reporting stays linear.
MAX_SUGGESTED = 200


class _Suggestions:
    """Close known ids for unknown ones, through an index of trigrams: each unknown id is compared (with
    difflib) only with the few known ids sharing the most of its rarest trigrams, and only the first
    ``MAX_SUGGESTED`` unknown ids are looked up, so that 200,000 unknown ids cost no more than 200.

    >>> s = _Suggestions({"abdul-latif-rashid": ("person", None, "", 0), "iraq": ("place", "country", "", 0)})
    >>> s.suffix("abdul-latif-rashd", frozenset({"person"})), s.suffix("abdul-latif-rashd", frozenset({"place"}))
    (' (did you mean abdul-latif-rashid?)', '')
    """

    BUDGET = 20_000  # postings read per lookup
    SHORTLIST = 30  # known ids compared with difflib per lookup

    def __init__(self, kinds: dict):
        self.kinds = kinds
        self.index: dict[str, list[str]] | None = None
        self.asked = 0

    @staticmethod
    def grams(ident: str) -> set[str]:
        padded = f"^{ident}$"
        return {padded[i:i + 3] for i in range(len(padded) - 2)}

    def suffix(self, ident: str, allowed: frozenset[str]) -> str:
        """`` (did you mean a, b?)`` for an unknown id, or an empty string."""
        import difflib
        from collections import Counter

        if self.asked >= MAX_SUGGESTED:
            return ""
        self.asked += 1
        if self.index is None:
            self.index = defaultdict(list)
            for known in self.kinds:
                for g in self.grams(known):
                    self.index[g].append(known)
        postings = sorted((self.index.get(g, []) for g in self.grams(ident)), key=len)
        counts: Counter[str] = Counter()
        read = 0
        for ids in postings:
            if read and read + len(ids) > self.BUDGET:
                break
            counts.update(ids)
            read += len(ids)
        shortlist = [k for k, _ in sorted(counts.items(), key=lambda kv: (-kv[1], kv[0]))
                     if _kind_ok(self.kinds[k][0], self.kinds[k][1], allowed)][:self.SHORTLIST]
        close = difflib.get_close_matches(ident, shortlist, n=3, cutoff=0.6)
        return f" (did you mean {', '.join(close)}?)" if close else ""


def _check_evidence(facts: Facts, problems: list[Problem], files: set[str] | None = None) -> None:
    """Every evidence sentence occurs in its source's text (of the records of ``files`` only, when given)."""
    texts = {s.id: normalize_space(s.text) for s in facts.sources if files is None or s.file in files}
    loose: dict[str, str] = {}  # a text with its quotes and dashes folded, made when a sentence is not in it
    for rec in [*facts.memberships, *facts.events, *facts.statements]:
        if files is not None and rec.file not in files:
            continue
        text = texts.get(rec.source)
        if text is None:
            continue
        for i, sentence in enumerate(rec.evidence):
            line = rec.evidence_lines[i] if i < len(rec.evidence_lines) else rec.line
            if sentence in text:
                continue
            if rec.source not in loose:
                loose[rec.source] = text.translate(_QUOTES)
            hint = ("the sentence exactly as the source has it (it differs only in quote or dash characters: "
                    "copy them from the source)" if sentence.translate(_QUOTES) in loose[rec.source]
                    else "a sentence that occurs verbatim in the source text")
            problems.append(Problem(rec.file, line, f"{rec.path}.evidence", hint, sentence))


def _check_part_of_cycles(facts: Facts, problems: list[Problem], parents: dict[str, set[str]] | None = None,
                          events=None) -> None:
    """Events that contain themselves through ``part_of``: of ``events`` (default: every one of ``facts``), with
    ``parents``, each event's ``part_of`` across every report (default: those of ``facts``)."""
    if parents is None:
        parents = defaultdict(set)
        for ev in facts.events:
            parents[ev.id].update(ev.part_of)
    for ev in facts.events if events is None else events:
        seen, stack = set(), list(ev.part_of)
        while stack:
            p = stack.pop()
            if p == ev.id:
                problems.append(Problem(ev.file, ev.line, f"{ev.path}.part_of",
                                        "events that do not contain themselves (part_of makes a cycle)", ev.id))
                break
            if p not in seen:
                seen.add(p)
                stack.extend(parents.get(p, ()))
