"""Read the curated YAML files, keeping the line of every value, into typed records.

Layout of a data directory::

    data/entities.yaml          the shared registry: persons, organizations, places, roles, topics
    data/facts/*.yaml           one file per source document: source, memberships, events, statements
    data/sources/*.txt          the text of each source document

Every problem is collected (never only the first) and raised together as a ``FactsError``.
"""

from __future__ import annotations

import hashlib
from datetime import date
from pathlib import Path

from kg.errors import FactsError, Problem
from kg.facts.dates import ACCEPTED, When, resolve, resolve_between
from kg.facts.model import (
    AGREEMENT_KINDS,
    EVENT_TYPES,
    PLACE_TYPES,
    STATUSES,
    Delegation,
    Entity,
    Event,
    Facts,
    Membership,
    Ref,
    Source,
    Statement,
)
from kg.facts.reader import Map, Reader, parse_yaml, short

REGISTRY_SECTIONS = {"persons": "person", "organizations": "organization", "places": "place", "roles": "role",
                     "topics": "topic", "agreements": "agreement"}
_COMMON = {"id", "label", "aliases", "description", "same_as"}
ENTITY_FIELDS = {
    "person": _COMMON | {"country"},
    "organization": _COMMON | {"country", "part_of"},
    "place": _COMMON | {"type", "located_in"},
    "role": _COMMON | {"single_holder"},
    "topic": _COMMON | {"broader"},
    "agreement": _COMMON | {"kind"},
}
FACTS_SECTIONS = ("source", "memberships", "events", "statements")
SOURCE_FIELDS = {"id", "text", "title", "published", "retrieved", "dateline", "publisher", "url", "language"}
MEMBERSHIP_FIELDS = {"id", "person", "role", "organization", "state", "acting", "attested", "start", "end",
                     "evidence"}
EVENT_FIELDS = {"id", "type", "label", "participants", "location", "destination", "invited_by",
                "invitation_conveyed_by", "part_of", "topics", "date", "description", "evidence", "status",
                "one_to_one", "delegations", "agreement", "signatories"}
DELEGATION_FIELDS = {"of", "head", "members"}
DATE_FIELDS = {"on", "text", "earliest", "latest"}
STATEMENT_FIELDS = {"id", "speaker", "claim", "about", "topics", "at", "according_to", "evidence"}


def load_facts(data_dir: str | Path) -> Facts:
    """Read and validate a data directory; raise ``FactsError`` listing every problem found.

    >>> import tempfile, pathlib
    >>> d = pathlib.Path(tempfile.mkdtemp())
    >>> _ = (d / "entities.yaml").write_text("persons:\\n  - id: ann\\n    label: Ann\\n")
    >>> load_facts(d).entities["ann"].label
    'Ann'
    """
    from kg.facts.validate import check_references

    data = Path(data_dir)
    problems: list[Problem] = []
    if not data.is_dir():
        raise FactsError([Problem(str(data), 0, "(data directory)", "a directory with entities.yaml and facts/")])
    registry = data / "entities.yaml"
    entities: dict[str, Entity] = {}
    files: list[str] = []
    registry_ok = registry.is_file()
    if registry_ok:
        files.append(str(registry))
        before = len(problems)
        _read_registry(registry, _rel(registry, data), entities, problems)
        registry_ok = not any(p.field == "(syntax)" for p in problems[before:])
    else:
        problems.append(Problem(_rel(registry, data), 0, "(file)", "the registry of entities, entities.yaml"))
    facts_dir = data / "facts"
    paths = sorted(facts_dir.glob("*.yaml")) + sorted(facts_dir.glob("*.yml"))
    files += [str(path) for path in paths]
    sources, memberships, events, statements, found, declared = read_files(paths, data)
    problems += found
    facts = Facts(entities, sources, memberships, events, statements, files=files, declared=declared)
    # Without a readable registry every reference would look unknown: report the cause, not the noise.
    warnings = check_references(facts, problems) if registry_ok else []
    if problems:
        raise FactsError(problems)
    facts.warnings = warnings
    return facts


#: From this many facts files on, ``read_files`` reads the second half in a forked process beside the first.
PARALLEL_FILES = 200


def read_files(paths: list[Path], data: Path, parallel: int | None = None) -> tuple[list, list, list, list, list,
                                                                                     dict]:
    """The records of the facts files ``paths``, in their order: (sources, memberships, events, statements,
    problems, declared). From ``parallel`` files on (default ``PARALLEL_FILES``), on a machine of several
    cores, and when this process runs no other thread (a fork copies none of them, nor their locks), the
    second half is read by a forked process meanwhile: the same records, in the same order, in about half the
    time."""
    import os
    import pickle
    import threading

    from kg.collector import paused

    parallel = PARALLEL_FILES if parallel is None else parallel
    if len(paths) < max(parallel, 2) or (os.cpu_count() or 1) < 2 or threading.active_count() > 1 \
            or not hasattr(os, "fork"):
        with paused():
            return _read_sequentially(paths, data)
    import multiprocessing
    from concurrent.futures import ProcessPoolExecutor
    from concurrent.futures.process import BrokenProcessPool

    half = len(paths) // 2
    try:
        with ProcessPoolExecutor(1, mp_context=multiprocessing.get_context("fork")) as pool:
            later = pool.submit(_read_pickled, paths[half:], data)
            with paused():
                first = _read_sequentially(paths[:half], data)
                second = pickle.loads(later.result())
    except (OSError, BrokenProcessPool):  # no process could be made, or it died: read them all here
        with paused():
            return _read_sequentially(paths, data)
    out = tuple(a + b for a, b in zip(first[:5], second[:5], strict=True))
    return (*out, {**first[5], **second[5]})  # type: ignore[return-value]


def _read_pickled(paths: list[Path], data: Path) -> bytes:
    """``_read_sequentially``, pickled here (in the forked process) so that the caller unpickles it with the
    collector paused: unpickled by the pool with the collector on, it took longer than reading."""
    import pickle

    from kg.collector import paused

    with paused():
        return pickle.dumps(_read_sequentially(paths, data), protocol=pickle.HIGHEST_PROTOCOL)


def _read_sequentially(paths: list[Path], data: Path) -> tuple[list, list, list, list, list, dict]:
    sources: list[Source] = []
    memberships: list[Membership] = []
    events: list[Event] = []
    statements: list[Statement] = []
    problems: list[Problem] = []
    declared: dict[str, str] = {}
    for path in paths:
        _read_facts_file(path, data, sources, memberships, events, statements, problems, declared)
    return sources, memberships, events, statements, problems, declared


def _rel(path: Path, data: Path) -> str:
    try:
        return str(path.relative_to(data.parent)) if data.parent != Path("") else str(path)
    except ValueError:
        return str(path)


def _read_registry(path: Path, rel: str, entities: dict[str, Entity], problems: list[Problem]) -> None:
    doc = parse_yaml(path, rel, problems)
    if doc is None:
        return
    r = Reader(rel, problems)
    top = r.mapping(doc, "", 1, set(REGISTRY_SECTIONS))
    if top is None:
        return
    for section, kind in REGISTRY_SECTIONS.items():
        for i, item, line in r.items(top.get(section), section, r.line_of(top, section)):
            path_ = f"{section}[{i}]"
            m = r.mapping(item, path_, line, ENTITY_FIELDS[kind])
            if m is None:
                continue
            ident, label = r.ident(m, "id", path_), r.text(m, "label", path_, required=True)
            if ident is None or label is None:
                continue
            if ident in entities:
                first = entities[ident]
                r.problem(r.line_of(m, "id"), f"{path_}.id",
                          f"a unique id ({ident!r} is already the {first.kind} at {first.file}:{first.line})", ident)
                continue
            e = Entity(ident, kind, label, rel, line, aliases=r.strings(m, "aliases", path_),
                       description=r.text(m, "description", path_, single_line=False))
            if kind in ("person", "organization"):
                refs = r.refs(m, "country", path_)
                e.country = refs[0][0] if refs else None
                if len(refs) > 1:
                    r.problem(refs[1][1], f"{path_}.country", "one country")
                e.refs = [Ref("country", v, ln, frozenset({"place:country"})) for v, ln in refs]
            if kind == "organization":
                pairs = r.refs(m, "part_of", path_)
                e.part_of = [v for v, _ in pairs]
                e.refs += [Ref("part_of", v, ln, frozenset({"organization"})) for v, ln in pairs]
            if kind == "place":
                ptype = r.text(m, "type", path_, required=True)
                if ptype is not None and ptype not in PLACE_TYPES:
                    r.problem(r.line_of(m, "type"), f"{path_}.type", "one of " + ", ".join(PLACE_TYPES), ptype)
                e.place_type = ptype
                pairs = r.refs(m, "located_in", path_)
                e.located_in = [v for v, _ in pairs]
                e.refs += [Ref("located_in", v, ln, frozenset({"place"})) for v, ln in pairs]
            if kind == "topic":
                pairs = r.refs(m, "broader", path_)
                e.broader = [v for v, _ in pairs]
                e.refs += [Ref("broader", v, ln, frozenset({"topic"})) for v, ln in pairs]
            if kind == "place" and e.place_type == "venue" and not e.located_in:
                r.problem(line, f"{path_}.located_in", "the city a venue is in (a venue needs located_in)")
            if kind == "role":
                e.single_holder = _flag(r, m, "single_holder", path_)
            if kind == "agreement":
                akind = r.text(m, "kind", path_)
                if akind is not None and akind not in AGREEMENT_KINDS:
                    r.problem(r.line_of(m, "kind"), f"{path_}.kind", "one of " + ", ".join(AGREEMENT_KINDS), akind)
                e.agreement_kind = akind
            e.same_as = _same_as(r, m, path_)
            e.path = path_
            entities[ident] = e


def _flag(r: Reader, m: Map, key: str, path: str) -> bool:
    """An optional true/false field (false when absent)."""
    value = m.get(key)
    if value is None:
        return False
    if not isinstance(value, bool):
        r.problem(r.line_of(m, key), f"{path}.{key}", "true or false", short(value))
        return False
    return value


def _same_as(r: Reader, m: Map, path: str) -> list[str]:
    """``same_as: {wikidata: Q796, geonames: 99072, ...}``: identifiers in other knowledge graphs, as IRIs."""
    node = m.get("same_as")
    if node is None:
        return []
    if not isinstance(node, Map):
        r.problem(r.line_of(m, "same_as"), f"{path}.same_as", "a mapping of scheme: identifier "
                  "(wikidata, geonames, viaf, isni)", short(node))
        return []
    from kg.facts.external import check_external

    out = []
    for scheme, value in node.items():
        try:
            out.append(check_external(str(scheme), value))
        except ValueError as e:
            r.problem(r.line_of(node, scheme), f"{path}.same_as.{scheme}", str(e), short(value))
    return out


def _read_date(r: Reader, m: Map, key: str, path: str, published: When | None,
               *, required: bool = False) -> When | None:
    """A date field: a scalar expression, or {on, text, earliest, latest} to give wording and bounds.

    ``on`` is the date at its precision (for an event of several days, its first day); ``earliest`` and
    ``latest`` set the bounds of the whole event (the earliest day of the one, the latest of the other).
    An ``earliest`` without a ``latest`` leaves the end open when ``on`` is a day (the event lasted days).
    Relative wording resolves against the publication date (``published``: a day, or only its bounds).
    """
    line = r.line_of(m, key, r.line_of(m))
    if key not in m or m[key] is None:
        if required:
            r.problem(r.line_of(m), f"{path}.{key}", "a date (write 'unknown' if the source gives none): " + ACCEPTED)
        return None
    node = m[key]

    def one(expr: object, ln: int, field: str) -> When | None:
        try:
            if published is None:
                return resolve(expr, None)
            return resolve_between(expr, published.earliest, published.latest)
        except ValueError as e:
            msg = str(e)
            expected = "a date: " + ACCEPTED if "not a date this tool understands" in msg else f"a real date ({msg})"
            r.problem(ln, field, expected, short(expr))
            return None

    if not isinstance(node, Map):
        return one(node, line, f"{path}.{key}")
    dm = r.mapping(node, f"{path}.{key}", line, DATE_FIELDS)
    if dm is None:
        return None
    base = When("unknown", None, None, None, None)
    if dm.get("on") is not None:
        got = one(dm["on"], r.line_of(dm, "on", line), f"{path}.{key}.on")
        if got is None:
            return None
        base = got
    earliest, latest = base.earliest, base.latest
    for bound in ("earliest", "latest"):
        if dm.get(bound) is None:
            continue
        got = one(dm[bound], r.line_of(dm, bound, line), f"{path}.{key}.{bound}")
        if got is None:
            return None
        # Explicit bounds replace those of `on`: an event that began on Wednesday may last until publication.
        if bound == "earliest":
            earliest = got.earliest
            if dm.get("latest") is None and base.precision == "day":
                latest = None  # `on` is its first day, and the source does not say when it ended
        else:
            latest = got.latest
    text = r.text(dm, "text", f"{path}.{key}") or base.text
    if base.earliest is not None and ((earliest and base.earliest < earliest) or (latest and base.earliest > latest)):
        r.problem(line, f"{path}.{key}", "bounds that contain the date given in `on`",
                  f"{base.earliest} outside {earliest or 'open'}..{latest or 'open'}")
        return None
    if earliest is not None and latest is not None and earliest > latest:
        r.problem(line, f"{path}.{key}", "an earliest bound on or before the latest bound",
                  f"{earliest} > {latest}")
        return None
    return When(base.precision, base.value, earliest, latest, text)


def _evidence(r: Reader, m: Map, path: str) -> list[tuple[str, int]]:
    ev = r.strings_with_lines(m, "evidence", path)
    if not ev and "evidence" not in m:
        r.problem(r.line_of(m), f"{path}.evidence", "the sentence of the source that supports this fact, verbatim")
    return ev


def _read_facts_file(path: Path, data: Path, sources: list[Source], memberships: list[Membership],
                     events: list[Event], statements: list[Statement], problems: list[Problem],
                     declared: dict[str, str]) -> None:
    rel = _rel(path, data)
    doc = parse_yaml(path, rel, problems)
    if doc is None:
        return
    r = Reader(rel, problems)
    top = r.mapping(doc, "", 1, set(FACTS_SECTIONS))
    if top is None:
        return
    if "source" not in top:
        r.problem(1, "source", "a source: section describing the document these facts come from")
        return
    sm = r.mapping(top["source"], "source", r.line_of(top, "source"), SOURCE_FIELDS)
    if sm is None:
        return
    sid = r.ident(sm, "id", "source")
    title = r.text(sm, "title", "source", required=True)
    text_rel = r.text(sm, "text", "source", required=True)
    pub = _read_date(r, sm, "published", "source", None, required=True)
    retrieved_when = _read_date(r, sm, "retrieved", "source", None)
    retrieved = None
    if retrieved_when is not None:
        if retrieved_when.precision != "day":
            r.problem(r.line_of(sm, "retrieved"), "source.retrieved", "the day the source was read, e.g. 2025-03-02",
                      short(sm.get("retrieved")))
        else:
            retrieved = retrieved_when.value
    if pub is not None and pub.text is not None:
        r.problem(r.line_of(sm, "published"), "source.published", "the publication date: a day (2025-02-07), "
                  "a month (2025-02), a year (2025) or unknown", short(sm.get("published")))
        pub = None
    elif pub is not None and pub.precision == "unknown":
        if retrieved is None:
            r.problem(r.line_of(sm, "published"), "source.retrieved", "the day the source was retrieved "
                      "(retrieved: YYYY-MM-DD), since its publication date is unknown")
            pub = None
        else:
            pub = When("unknown", None, None, retrieved, None)
    elif pub is not None and retrieved is not None and pub.earliest and retrieved < pub.earliest:
        r.problem(r.line_of(sm, "retrieved"), "source.retrieved", "a day on or after the publication date",
                  str(retrieved))
    text = None
    if text_rel is not None:
        # The text is published (evidence quotes it, and the evidence check reveals what it holds): only a
        # file of the data folder's sources/ may be read. Decided from the path alone, before any reading.
        from kg.facts.reader import source_text_path

        text_path = source_text_path(data, text_rel)
        if text_path is None:
            r.problem(r.line_of(sm, "text"), "source.text", f"a path relative to {data}, of a file inside "
                      f"{data / 'sources'} (not absolute, and not leading outside through '..' or a link)", text_rel)
        elif not text_path.is_file():
            r.problem(r.line_of(sm, "text"), "source.text",
                      f"the path of the source text relative to {data} (no such file)", text_rel)
        else:
            try:
                text = text_path.read_text(encoding="utf-8")
            except UnicodeDecodeError:
                r.problem(r.line_of(sm, "text"), "source.text", "a UTF-8 text file", text_rel)
            except OSError as e:
                r.problem(r.line_of(sm, "text"), "source.text", "a readable file", f"{text_rel}: {e.strerror}")
    if None in (sid, title, text_rel, pub, text):
        return
    published: When = pub  # type: ignore[assignment]
    day: date | None = published.value if published.precision == "day" else None  # type: ignore[assignment]
    dateline = r.refs(sm, "dateline", "source")
    publisher = r.refs(sm, "publisher", "source")
    src = Source(sid, title, published, text_rel, text, rel, r.line_of(top, "source"),  # type: ignore[arg-type]
                 dateline=dateline[0][0] if dateline else None, publisher=publisher[0][0] if publisher else None,
                 url=r.text(sm, "url", "source"), language=r.text(sm, "language", "source"), retrieved=retrieved)
    src.refs = [Ref("dateline", v, ln, frozenset({"place"})) for v, ln in dateline] + [
        Ref("publisher", v, ln, frozenset({"organization"})) for v, ln in publisher]
    src.path = "source"
    sources.append(src)

    for i, item, line in r.items(top.get("memberships"), "memberships", r.line_of(top, "memberships")):
        p = f"memberships[{i}]"
        m = r.mapping(item, p, line, MEMBERSHIP_FIELDS)
        if m is None:
            continue
        person, role = r.ident(m, "person", p), r.ident(m, "role", p)
        org = r.ident(m, "organization", p, required=False)
        state = r.ident(m, "state", p, required=False)
        if ("organization" in m) == ("state" in m):
            r.problem(line, f"{p}.organization", "either the organization the post is in, or the state "
                      "(state: a country) for a post of a state such as head of state; exactly one of them")
            continue
        ev = _evidence(r, m, p)
        attested = _read_date(r, m, "attested", p, published)
        if attested is not None and attested.precision != "day":
            r.problem(r.line_of(m, "attested"), f"{p}.attested", "a day on which the source shows the role held",
                      short(m.get("attested")))
            continue
        start, end = _read_date(r, m, "start", p, published), _read_date(r, m, "end", p, published)
        ident = r.ident(m, "id", p, required=False)
        acting = _flag(r, m, "acting", p)
        if None in (person, role) or (org is None and state is None):
            continue
        where = org or state
        ms = Membership(ident or f"membership-{person}-{role}-{where}", person, role, org, sid,  # type: ignore[arg-type]
                        attested.value if attested else day, [t for t, _ in ev], rel, line,  # type: ignore[arg-type]
                        start, end, state=state, acting=acting, evidence_lines=[ln for _, ln in ev])
        ms.refs = [Ref("person", person, r.line_of(m, "person"), frozenset({"person"})),  # type: ignore[arg-type]
                   Ref("role", role, r.line_of(m, "role"), frozenset({"role"}))]  # type: ignore[arg-type]
        if org:
            ms.refs.append(Ref("organization", org, r.line_of(m, "organization"), frozenset({"organization"})))
        if state:
            ms.refs.append(Ref("state", state, r.line_of(m, "state"), frozenset({"place:country"})))
        ms.path = p
        memberships.append(ms)

    for i, item, line in r.items(top.get("events"), "events", r.line_of(top, "events")):
        _read_event(r, m_item=item, i=i, line=line, sid=sid, rel=rel, published=published, events=events,
                    declared=declared)

    for i, item, line in r.items(top.get("statements"), "statements", r.line_of(top, "statements")):
        p = f"statements[{i}]"
        m = r.mapping(item, p, line, STATEMENT_FIELDS)
        if m is None:
            continue
        speakers = r.refs(m, "speaker", p)
        if not speakers and "speaker" not in m:
            r.problem(line, f"{p}.speaker", "the id of who expressed the stance (or a list of ids)")
        claim = r.text(m, "claim", p, required=True, single_line=False)
        ev = _evidence(r, m, p)
        at = r.refs(m, "at", p)
        ident = r.ident(m, "id", p, required=False)
        refs = {k: r.refs(m, k, p) for k in ("about", "topics", "according_to")}
        if claim is None or not speakers:
            if ident:
                declared[ident] = "statement"
            continue
        claim = " ".join(claim.split())
        if ident is None:
            digest = hashlib.sha1(f"{sid}\n{' '.join(s for s, _ in speakers)}\n{claim}".encode()).hexdigest()[:10]
            ident = f"statement-{sid}-{digest}"
        st = Statement(ident, [s for s, _ in speakers], claim, sid, [t for t, _ in ev], rel, line,
                       evidence_lines=[ln for _, ln in ev], at=at[0][0] if at else None,
                       **{k: [v for v, _ in pairs] for k, pairs in refs.items()})
        kinds = {"speaker": {"person", "organization"}, "at": {"event"}, "about": {"any"}, "topics": {"topic"},
                 "according_to": {"person", "organization"}}
        st.refs = [Ref("speaker", v, ln, frozenset(kinds["speaker"])) for v, ln in speakers] + [
            Ref("at", v, ln, frozenset(kinds["at"])) for v, ln in at] + [
            Ref(k, v, ln, frozenset(kinds[k])) for k, pairs in refs.items() for v, ln in pairs]
        st.path = p
        statements.append(st)


_EVENT_REF_KINDS = {"participants": {"person", "organization"}, "location": {"place"}, "destination": {"place"},
                    "invited_by": {"person", "organization"}, "invitation_conveyed_by": {"person", "organization"},
                    "part_of": {"event"}, "topics": {"topic"}, "agreement": {"agreement"},
                    "signatories": {"person", "organization"}}


def _read_event(r: Reader, *, m_item: object, i: int, line: int, sid: str, rel: str, published: When,
                events: list[Event], declared: dict[str, str]) -> None:
    """One entry of ``events:``: a full report of an event (with its type), or a *mention* of an event that
    another source describes (no type: only the id and what this source adds)."""
    p = f"events[{i}]"
    m = r.mapping(m_item, p, line, EVENT_FIELDS)
    if m is None:
        return
    ident = r.ident(m, "id", p)
    etype = r.text(m, "type", p)
    mention = "type" not in m
    if etype is not None and etype not in EVENT_TYPES:
        r.problem(r.line_of(m, "type"), f"{p}.type", "one of " + ", ".join(EVENT_TYPES), etype)
        etype = None
    when = _read_date(r, m, "date", p, published, required=not mention)
    ev = _evidence(r, m, p)
    refs = {k: r.refs(m, k, p) for k in _EVENT_REF_KINDS}
    status = r.text(m, "status", p)
    if status is not None and status not in STATUSES:
        r.problem(r.line_of(m, "status"), f"{p}.status", "one of " + ", ".join(STATUSES), status)
        status = None
    delegations = _delegations(r, m, p)
    if ident is None or (not mention and (etype is None or when is None)):
        if ident:  # known, though broken: references to it are not errors of their own
            declared[ident] = "event"
        return
    if len(refs["agreement"]) > 1:
        r.problem(refs["agreement"][1][1], f"{p}.agreement", "one agreement (the one signed)")
    e = Event(ident, etype, sid, when, [t for t, _ in ev], rel, line,
              evidence_lines=[ln for _, ln in ev], label=r.text(m, "label", p),
              description=r.text(m, "description", p, single_line=False),
              status=status if status or mention else "held", one_to_one=_flag(r, m, "one_to_one", p),
              delegations=[d for d, _ in delegations],
              agreement=refs["agreement"][0][0] if refs["agreement"] else None,
              **{k: [v for v, _ in pairs] for k, pairs in refs.items() if k != "agreement"})
    if not mention:
        if etype == "visit" and not e.destination:
            r.problem(line, f"{p}.destination", "the place the visit goes to (a visit needs a destination)")
        if not e.participants and not e.signatories:
            r.problem(line, f"{p}.participants", "at least one participant (person or organization)")
    if e.destination and etype not in ("visit", None):
        r.problem(r.line_of(m, "destination"), f"{p}.destination", "no destination: only visits have one", etype)
    if (e.agreement or e.signatories) and etype not in ("signing", None):
        r.problem(r.line_of(m, "agreement" if e.agreement else "signatories"), f"{p}.agreement",
                  "an agreement and signatories only on a signing (type: signing)", etype)
    if e.one_to_one and len(set(e.participants)) > 2:
        r.problem(r.line_of(m, "participants"), f"{p}.participants",
                  "at most two participants in a one-to-one event", len(set(e.participants)))
    e.participants = list(dict.fromkeys([*e.participants, *e.signatories]))
    e.refs = [Ref(k, v, ln, frozenset(_EVENT_REF_KINDS[k])) for k, pairs in refs.items() for v, ln in pairs]
    for d, dl in delegations:
        e.refs.append(Ref("delegations.of", d.of, dl, frozenset({"place:country", "organization"})))
        e.refs += [Ref("delegations.head" if x == d.head else "delegations.members", x, dl,
                       frozenset({"person", "organization"})) for x in ([d.head] if d.head else []) + d.members]
    e.path = p
    events.append(e)


def _delegations(r: Reader, m: Map, p: str) -> list[tuple[Delegation, int]]:
    out = []
    for j, item, ln in r.items(m.get("delegations"), f"{p}.delegations", r.line_of(m, "delegations")):
        dp = f"{p}.delegations[{j}]"
        dm = r.mapping(item, dp, ln, DELEGATION_FIELDS)
        if dm is None:
            continue
        of = r.ident(dm, "of", dp)
        head = r.ident(dm, "head", dp, required=False)
        members = [v for v, _ in r.refs(dm, "members", dp)]
        if of is None:
            continue
        if head is None and not members:
            r.problem(ln, dp, "a head (head:) or members (members:) of the delegation")
            continue
        out.append((Delegation(of, head, [x for x in members if x != head]), ln))
    return out
