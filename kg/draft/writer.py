"""A draft written as commented YAML in the project's own formats: the facts file and the proposed
registry entries. Above every proposal a comment says why it was proposed and how sure the drafter is;
``REVIEW:`` lines say what a person must decide. Strings are written as JSON strings (which YAML reads
as double-quoted scalars), so no text from the article can break the file. Output is deterministic.

>>> q("Shia' “A”")
'"Shia\\' “A”"'
>>> flow(["a", "b"])
'[a, b]'
"""

from __future__ import annotations

import json

from kg.draft.model import Draft, Proposal

HEADER = """\
# DRAFT proposed by `kg draft` from {text} (published {published}),
# for a person to review. Keep, edit or delete each proposal, and add what it missed. The comment above
# each one says why it was proposed and how sure the drafter is (confidence from 0 to 1, most likely
# first); REVIEW: marks what it could not decide. Every evidence sentence is copied verbatim from the
# source text. New persons, organizations and roles are proposed in {entities}:
# add those you accept to entities.yaml, then run `kg validate`.
"""


def q(text: str) -> str:
    """A YAML double-quoted scalar."""
    return json.dumps(text, ensure_ascii=False)


def flow(ids: list[str]) -> str:
    """A flow sequence of ids (ids need no quotes)."""
    return "[" + ", ".join(ids) + "]"


def _one_or_list(ids: list[str]) -> str:
    return ids[0] if len(ids) == 1 else flow(ids)


def _comments(p: Proposal, indent: str) -> list[str]:
    lines = [f"{indent}# confidence {p.confidence:.2f}: " + "; ".join(p.why)]
    lines += [f"{indent}# REVIEW: {r}" for r in p.review]
    return lines


def _evidence(p: Proposal, indent: str) -> list[str]:
    if len(p.evidence) == 1:
        return [f"{indent}evidence: {q(p.evidence[0])}"]
    return [f"{indent}evidence:"] + [f"{indent}  - {q(s)}" for s in p.evidence]


def _ranked(items: list) -> list:
    return sorted(items, key=lambda p: (-round(p.confidence, 2), p.order))


def facts_yaml(draft: Draft, entities_rel: str) -> str:
    """The draft facts file."""
    s = draft.source
    out = [HEADER.format(text=s["text"], published=s["published"], entities=entities_rel).rstrip("\n")]
    if draft.mentioned:
        known = ", ".join(f"{k} ({n})" for k, n in sorted(draft.mentioned.items(), key=lambda x: (-x[1], x[0])))
        out.append("# Found in the text (id, mentions): " + known)
    out += ["", "source:", f"  id: {s['id']}", f"  text: {s['text']}", f"  title: {q(s['title'])}",
            f"  published: {s['published']}"]
    for key in ("dateline", "url", "language"):
        if s.get(key):
            value = s[key] if key == "dateline" else q(s[key])
            note = "  # the dateline of the article" if key == "dateline" else ""
            out.append(f"  {key}: {value}{note}")
    out += ["", "memberships:" if draft.memberships else "memberships: []"]
    for m in _ranked(draft.memberships):
        out += _comments(m, "  ")
        out += [f"  - person: {m.person}", f"    role: {m.role}", f"    organization: {m.organization}"]
        out += _evidence(m, "    ")
    out += ["", "events:" if draft.events else "events: []"]
    for e in _ranked(draft.events):
        out += [""] + _comments(e, "  ")
        out += [f"  - id: {e.id}", f"    type: {e.type}"]
        if e.label:
            out.append(f"    label: {q(e.label)}")
        if e.status != "held":
            out.append(f"    status: {e.status}")
        out.append(f"    participants: {_one_or_list(e.participants)}")
        for key in ("location", "destination", "invited_by", "agreement"):
            value = getattr(e, key)
            if value and (key != "destination" or e.type == "visit"):
                out.append(f"    {key}: {value}")
        if e.part_of:
            out.append(f"    part_of: {_one_or_list(e.part_of)}")
        if e.topics:
            out.append(f"    topics: {flow(e.topics)}")
        out += _date(e.date.yaml_value(), "    ")
        out += _evidence(e, "    ")
    out += ["", "statements:" if draft.statements else "statements: []"]
    for st in _ranked(draft.statements):
        out += [""] + _comments(st, "  ")
        out += [f"  - speaker: {_one_or_list(st.speakers)}", f"    claim: {q(st.claim)}"]
        if st.topics:
            out.append(f"    topics: {flow(st.topics)}")
        if st.at:
            out.append(f"    at: {st.at}")
        if st.according_to:
            out.append(f"    according_to: {st.according_to}")
        out += _evidence(st, "    ")
    return "\n".join(out) + "\n"


def _date(value: str | dict, indent: str) -> list[str]:
    if isinstance(value, str):
        return [f"{indent}date: {q(value)}"]
    return [f"{indent}date:"] + [f"{indent}  {k}: {q(v)}" for k, v in value.items()]


def entities_yaml(draft: Draft, facts_rel: str) -> str:
    """The proposed registry entries, in the registry's format, and the new spellings of known entities."""
    out = [f"# Registry entries proposed by `kg draft` for {facts_rel}. Nothing here is in the registry yet:",
           "# copy the entries you accept into entities.yaml (check first that the person is not there under",
           "# another spelling), fix what is wrong, and add the spellings listed under `aliases` to the entries",
           "# they name."]
    out += ["", "persons:" if draft.persons else "persons: []"]
    for p in _ranked(draft.persons):
        out += _comments(p, "  ") + [f"  # evidence: {q(p.evidence[0])}"]
        out += [f"  - id: {p.id}", f"    label: {q(p.label)}"]
        if p.aliases:
            out.append("    aliases: [" + ", ".join(q(a) for a in p.aliases) + "]")
        if p.country:
            out.append(f"    country: {p.country}")
    for section, kind in (("organizations", "organization"), ("roles", "role")):
        items = [e for e in draft.entities if e.kind == kind]
        out += ["", f"{section}:" if items else f"{section}: []"]
        for e in _ranked(items):
            out += _comments(e, "  ") + [f"  # evidence: {q(e.evidence[0])}"]
            out += [f"  - id: {e.id}", f"    label: {q(e.label)}"]
            if e.country:
                out.append(f"    country: {e.country}")
    out += ["", "# Spellings of known entities met in this article (add each to the entity's aliases):",
            "aliases:" if draft.aliases else "aliases: {}"]
    for ident, names in sorted(draft.aliases.items()):
        out.append(f"  {ident}: [" + ", ".join(q(n) for n in names) + "]")
    return "\n".join(out) + "\n"
