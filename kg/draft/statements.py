"""Statements (who said what, at which event, according to whom) and links to events already in the graph.

>>> from kg.draft.events import claim_of, REPORTING
>>> t = "Moravec said that the two governments were close to a deal."
>>> claim_of(t, REPORTING.search(t))
'The two governments were close to a deal.'
"""

from __future__ import annotations

import re
from datetime import date

from kg.draft import events as ev
from kg.draft.clause_dates import asides
from kg.draft.model import Draft, EventP, StatementP

_ACCORDING = re.compile(r"\bAccording to\b[^,]*", re.I)


#: A reporting verb whose subject is an office or aides: "his office said", "Keld's spokesman said".
_OFFICE = re.compile(r"\b(?:his|her|their|its|[A-Z][\w-]+[’']s)\s+(?:own\s+|press\s+)?(?:office|spokes(?:man|woman"
                     r"|person)|aides?|press service|ministry|government|staff|team)\s+(?:\w+ly\s+)?$")


def _group(t: str) -> str:
    return "meeting" if t in ("meeting", "talks") else t


def statements(parsed: list[ev.Parsed], draft: Draft) -> None:
    last: list[str] = []
    by_sentence: dict[str, list[EventP]] = {}
    for e in draft.events:
        for s in e.evidence:
            by_sentence.setdefault(s, []).append(e)
    history: list[EventP] = []
    for p in parsed:
        here = by_sentence.get(p.text, [])
        done: set[tuple] = set()
        acc = re.match(r"\s*According to ([^,]+),\s+(.{12,})", p.text)
        who = [m for m in p.actors() if acc and m.kind == "person" and acc.start(1) <= m.start < acc.end(1)]
        if acc and who and not ev.reporting_verbs(p):  # "According to X, the talks were productive."
            claim = acc[2].strip().rstrip(".")
            st = StatementP(speakers=[who[0].id], claim=claim[:1].upper() + claim[1:] + ".", order=p.sentence.index,
                            evidence=[p.text], confidence=0.7, why=["“According to …,”: what that person said"],
                            topics=sorted({m.id for m in p.mentions if m.kind == "topic"}))
            draft.statements.append(st)
        for v in ev.reporting_verbs(p):
            word = v[0]
            pre = p.text[max(0, v.start() - 25):v.start()]
            if word.endswith("ing"):
                first = ev.first_actor(p)
                speakers = [m.id for m in first if m.end <= v.start()] or (list(last) if ev.PRONOUNS.search(
                    p.text[:v.start()]) else [])
            elif ev.GROUP.search(pre):
                pool = here or history[-1:]
                # the meeting's own parties, not those who joined it ("were joined by their ministers")
                speakers = list(getattr(pool[-1], "core", pool[-1].participants)) if pool else []
            elif re.search(r",\s+who\s+(?:\w+\s+){0,2}$", pre):
                names = [m for m in p.actors() if m.end <= v.start() and m.kind == "person"]
                speakers = [names[-1].id] if names else []
            else:
                speakers = ev.subject(p, v.start(), last)
            claim, according = None, None
            after = [m for m in p.actors() if m.start >= v.end() and not p.text[v.end():m.start].strip()]
            if (word in ("said", "says") or (word == "told" and re.search(r"[”\"],?\s*$", p.text[:v.start()]))) \
                    and after and after[0].kind == "person":  # "A told B that": B listens
                speakers = [after[0].id]  # '"...," said Rosa Ibeleth'
            elif word in ("said", "says") and not p.text[v.end():].strip(" .\"”'"):
                comma = p.text.rfind(",", 0, v.start())  # "..., a spokesman for the X government said."
                clause = [m for m in p.actors() if comma < m.start < v.start()] if comma > 0 else []
                if comma > 0 and not any(m.kind == "person" for m in clause):
                    subject = [m.id for m in ev.first_actor(p) if m.end <= comma]
                    speakers = subject or [m.id for m in clause]
                    according = clause[-1].id if clause and subject else None
                    claim = p.text[:comma].strip(" \"“”") + "."
            if re.search(r"\band\s+(?:\w+ly\s+|also\s+|then\s+)?$", p.text[:v.start()]) and not ev.GROUP.search(pre):
                first = [m.id for m in ev.first_actor(p) if m.end <= v.start()]
                speakers = first or speakers  # "A briefed B on X and stressed that": A stressed it
            outside = [(a, b) for a, b in asides(p.text) if not a <= v.start() < b]
            said = [m for m in p.actors() if m.id in speakers and m.end <= v.start()]
            if said and all(any(a <= m.start < b for a, b in outside) for m in said):
                lead = [m for m in p.actors() if m.end <= said[0].start
                        and not any(a <= m.start < b for a, b in outside)]
                speakers = [lead[-1].id] if lead else speakers  # "A, who met B, says ...": A
            tail = p.text[v.end():]
            if here and word in ("said", "says", "added", "told reporters") and re.fullmatch(
                    r"(?:\s+(?:on|in|late|early)\s+[\w ]{0,20}?)?\s*[.”\"']*\s*", tail) \
                    and "statement" not in tail and p.text.rfind(",", 0, v.start()) > 0:
                continue  # "A met B on Monday, a spokesman said": the source of an event told, not a claim
            if ev.PASSIVE.search(p.text[:v.start()]):
                continue  # "was welcomed by": a reception, not something said
            if _OFFICE.search(p.text[:v.start()]) and not re.match(r"\s+in\s+an?\s+(?:\w+\s+)?statement",
                                                                     p.text[v.end():]):
                continue  # "..., his office said": the report's source ("said in a statement": a statement)
            if word.endswith("s") and word not in ("says",) and re.search(
                    r"\b(?:member|the|all|some|two|three|many|its|their|our|his|her|press|[a-z]+al)\s+$",
                    p.text[:v.start()]):
                continue  # "all member states", "the notes": a noun, not a verb
            speakers = [s for s in speakers if s]
            if not speakers or tuple(speakers) in done:
                continue
            done.add(tuple(speakers))
            claim = claim or ev.claim_of(p.text, v)
            st = StatementP(speakers=speakers, claim=claim, order=p.sentence.index, evidence=[p.text],
                            confidence=0.8 if claim != p.text.strip() else 0.6,
                            why=[f"reporting verb “{word}”"],
                            topics=sorted({m.id for m in p.mentions if m.kind == "topic"}))
            if claim == p.text.strip():
                st.review.append("the claim is the whole sentence: reword it as what was said")
            st.according_to = according
            acc = _ACCORDING.search(p.text)
            if acc and not according:
                orgs = [m for m in p.actors() if m.kind == "organization" and acc.start() <= m.start < acc.end()]
                if orgs:
                    st.according_to = orgs[0].id
            for e in reversed(here + history[-3:]):
                if set(speakers) <= set(e.participants):
                    st.at = e.id
                    break
            draft.statements.append(st)
        for e in here:
            if e in history:
                history.remove(e)
            history.append(e)
        subj = ev.first_actor(p)
        if subj and subj[0].kind == "person":
            last = [subj[0].id]


def link_existing(draft: Draft, existing: list, pub: date) -> None:
    for e in draft.events:
        w = e.date.when(pub)
        for x in existing:
            if _group(x.type) != _group(e.type) or set(x.participants) != set(e.participants):
                continue
            lo = max(d for d in (w.earliest, x.when.earliest, date.min) if d)
            hi = min(d for d in (w.latest, x.when.latest, date.max) if d)
            if lo <= hi:
                e.same_as = x.id
                e.why.append(f"the same as {x.id}, already in the graph (same type, participants, dates)")
                break
    rename = {e.id: e.same_as for e in draft.events if e.same_as}
    for e in draft.events:
        e.id = rename.get(e.id, e.id)
        e.part_of = [rename.get(i, i) for i in e.part_of]
    for s in draft.statements:
        s.at = rename.get(s.at, s.at) if s.at else None
