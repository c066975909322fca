"""Events and statements, read from each sentence by trigger words around the actors the gazetteer found.

A trigger ("met with", "visited", "arrived in", "held a phone call with", "attended the ... Conference",
"signed") gives the type; the actors before it are its subject (a pronoun is the previous sentence's
subject), the actors listed after it its counterparts; the date is the one of its sentence; future
wording ("will visit", "is expected to") makes it announced. A reporting verb ("stressed that",
"reiterated", "emphasizing") gives a statement by the actor before it.

>>> TRIGGERS[0][0], bool(TRIGGERS[0][1].search("Zarif met with Rashid"))
('meeting', True)
>>> status_of("The minister will visit Kalvora next week.", 18)
'announced'
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field

from kg.draft.dates import Found
from kg.draft.names import Mention
from kg.draft.text import Sentence

TRIGGERS: list[tuple[str, re.Pattern]] = [
    ("meeting", re.compile(r"\b(?:met(?! by)|meets|meet|meeting|held talks|holds talks|hold talks|holding talks"
                           r"|(?:had|has|have|having|held|hold|holds) (?:an? )?(?:working |private |brief |long |"
                           r"official )?(?:lunch|dinner|breakfast|meeting|talks|discussions|consultations|audience)"
                           r"|paid (?:a )?(?:courtesy )?call on"
                           r"|present(?:ed|s)? (?:his|her|their) (?:[\w-]+ ){0,2}(?:credentials|letters?)"
                           r"(?: of [\w-]+)? to"
                           r"|talks|sat down|conferred|joined)\b(?:\s+(?:with|between))?", re.I)),
    ("phone-call", re.compile(r"\b(?:(?:tele)?phone (?:call|conversation)|spoke by (?:tele)?phone|phoned"
                              r"|video call)\b(?:\s+with)?", re.I)),
    ("arrival", re.compile(r"\b(?:arrived|arrives|arrive|arriving|landed|lands)(?:\s+in\b)?"
                           r"|\b(?:flew|flies|fly|flown) in\b", re.I)),
    ("visit", re.compile(r"\b(?:visited|visits|visit to|visiting|visit|traveled to|travelled to|travels to"
                         r"|travel to|trip to|tour of|flew to|flies to|fly to|headed to|heads to|went to)\b", re.I)),
    ("reception", re.compile(r"\b(?:host|hosts|hosted|hosting|give|gives|gave|giving|throw|throws|threw)"
                             r" (?:an? )?(?:[\w-]+ ){0,2}(?:reception|dinner|banquet|lunch|luncheon)"
                             r"(?: (?:for|in honou?r of))?"
                             r"|\b(?:received|receives|receive|welcomed|welcomes|welcome|hosted|hosts|host)\b"
                             r"|\b(?:reception|welcome ceremony|welcoming ceremony) (?:for|in honou?r of)\b",
                             re.I)),
    ("signing", re.compile(r"\b(?:signed|signs|sign|signing)\b", re.I)),
    ("joint-statement", re.compile(r"\bjoint (?:statement|declaration|communiqu[eé])\b", re.I)),
    ("press-conference", re.compile(r"\b(?:joint )?(?:press|news) conference\b", re.I)),
    ("conference", re.compile(r"\b(?:attended|attends|attend|attending|addressed|took part in|participated in"
                              r"|opened|at|to)\s+(?:the\s+|an?\s+)?", re.I)),
]
CONFERENCE_WORDS = re.compile(r"\b(?:(?i:conference|summit|forum|congress|symposium)|Dialogue|Assembly|Meeting)\b")
AGREEMENT_WORDS = re.compile(r"\b(?:agreement|memorandum|accord|treaty|deal|declaration|protocol|pact)\b", re.I)
FUTURE = re.compile(r"\b(?:will|shall|is to|are to|is expected to|are expected to|is scheduled to|are scheduled to"
                    r"|plans? to|planned|is due to|are due to|is set to|are set to|upcoming|next week|tomorrow"
                    r"|would travel|would visit|would meet|would attend|would sign|would hold|is expected|are expected"
                    r"|preparations for|preparing for|invited|invites|has invited|have invited"
                    r"|ahead of)\b", re.I)
POSTPONED = re.compile(r"\b(?:postponed|delayed|put off|rescheduled)\b", re.I)
CANCELLED = re.compile(r"\b(?:cancel+ed|called off|scrapped)\b", re.I)
REPORTING = re.compile(
    r"\b(?:said|says|stressed|stresses|emphasi[sz]ed|emphasi[sz]es|reaffirmed|reaffirms|reiterated|reiterates"
    r"|expressed|expresses|underscored|underscores|highlighted|highlights|described|describes|briefed|told"
    r"|stated|states|noted|notes|urged|urges|warned|warns|affirmed|affirms|pledged|pledges|insisted|insists"
    r"|added|praised|praises|condemned|condemns|called for|calls for|announced|assured|voiced|welcomed"
    r"|underlined|underlines|underlining|emphasi[sz]ing|stressing|highlighting|underscoring|reaffirming|noting"
    r"|saying|advocating|calling for"
    r"|urging|warning|pledging|expressing|reiterating|describing|assuring|insisting)\b")
PRONOUNS = re.compile(r"\b(?:he|she|He|She|[Tt]he (?:Minister|President|Prime Minister|Premier|Chancellor|Ambassador"
                      r"|Speaker|Secretary-General|Envoy|Governor|Mayor))\b")
GROUP = re.compile(r"\b(?:both sides|both men|both women|They|they|[Tt]he two (?:sides|officials|leaders|ministers|men"
                   r"|women|delegations|presidents|heads|envoys|premiers|counterparts))\b")
_GAP_OK = {"and", "the", "with", "of", "members", "representatives", "a", "an", "delegation", "officials", "from",
           "his", "her", "their", "counterpart", "counterparts", "both", "as", "well", "also", "top", "senior",
           "then", "between", "its", "envoy"}


@dataclass
class Parsed:
    """One sentence, analysed: its mentions, titles, dates."""

    sentence: Sentence
    mentions: list[Mention]
    title_spans: list[tuple[int, int]]  # parts of titles (roles, their countries and organizations)
    dates: list[Found]
    descriptors: list[Mention] = field(default_factory=list)  # "the Iranian Vice President" -> a person
    dateline: str | None = None  # the place of the article's dateline

    @property
    def text(self) -> str:
        return self.sentence.text

    def actors(self) -> list[Mention]:
        """Persons and organizations that are not part of somebody's title, in order."""
        out = [m for m in self.mentions if m.kind in ("person", "organization")
               and not any(a <= m.start and m.end <= b for a, b in self.title_spans if m.kind != "person")]
        return sorted(out + self.descriptors, key=lambda m: m.start)

    def places(self) -> list[Mention]:
        return [m for m in self.mentions if m.kind == "place" and not m.demonym
                and not any(a <= m.start and m.end <= b for a, b in self.title_spans)]


def status_of(text: str, pos: int) -> str:
    """held, announced, postponed or cancelled, from the words of the sentence."""
    if CANCELLED.search(text):
        return "cancelled"
    if POSTPONED.search(text):
        return "postponed"
    if FUTURE.search(text[:pos + 15]):
        return "announced"
    return "held"


def masked(p: Parsed, a: int, b: int) -> str:
    """The text between ``a`` and ``b`` with titles and dates blanked out."""
    chars = list(p.text[a:b])
    for s, e in [*p.title_spans, *((d.start, d.end) for d in p.dates)]:
        for k in range(max(s, a), min(e, b)):
            chars[k - a] = " "
    return "".join(chars)


def _gap_ok(p: Parsed, a: int, b: int) -> bool:
    gap = masked(p, a, b)
    words = re.findall(r"[\w’']+", gap.lower())
    return all(w in _GAP_OK for w in words) and ";" not in gap and "(" not in gap


def objects_after(p: Parsed, pos: int) -> list[Mention]:
    """The actors listed right after ``pos`` ("with A, B and members of C")."""
    out: list[Mention] = []
    last = pos
    for m in p.actors():
        if m.start < pos:
            continue
        if not _gap_ok(p, last, m.start):
            break
        out.append(m)
        last = m.end
    return out


def subjects_before(p: Parsed, pos: int) -> list[Mention]:
    """The actors coordinated right before ``pos`` ("A and B met"), or the last one before it."""
    before = [m for m in p.actors() if m.end <= pos]
    if not before:
        return []
    group = [before[-1]]
    for m in reversed(before[:-1]):
        if re.fullmatch(r"\s*,?\s*and\s*", masked(p, m.end, group[0].start)):
            group.insert(0, m)
        else:
            break
    return group


def first_actor(p: Parsed) -> list[Mention]:
    """The sentence's subject: its first actor, with those coordinated to it ("A and B")."""
    acts = p.actors()
    group = acts[:1]
    for m in acts[1:]:
        if re.fullmatch(r"\s*,?\s*and\s+(?:the\s+)?", p.text[group[-1].end:m.start]):
            group.append(m)
        else:
            break
    return group


def reporting_verbs(p: Parsed) -> list[re.Match]:
    return list(REPORTING.finditer(p.text))


def claim_of(text: str, verb: re.Match) -> str:
    """The reported speech: a quotation, the clause after "that", else the sentence as written."""
    rest = text[verb.end():]
    m = re.match(r"\s+(?:\w+\s+){0,2}?that\s+(.+)", rest)
    if m:
        claim = m[1].strip().rstrip(".")
        return claim[:1].upper() + claim[1:] + "."
    q = re.match(r"\s*[“\"]([^”\"]{8,})[”\"]", text)
    if q:
        return q[1].strip().rstrip(",")
    said = re.match(r"\s+(\w.{12,})", rest) if verb[0] in ("said", "says") else None
    if said:
        claim = said[1].strip().rstrip(".")
        return claim[:1].upper() + claim[1:] + "."
    q = re.search(r"[“\"]([^”\"]{8,})[”\"]", rest)
    if q:
        return q[1].strip().rstrip(",")
    return text.strip()


def unnamed_speaker(text: str, verb: re.Match) -> bool:
    """True when the word before the verb is a common noun ("diplomats described", "officials said")."""
    words = re.findall(r"[\w’']+", text[:verb.start()])
    while words and (words[-1].endswith("ly") or words[-1] in ("also", "further", "then", "had", "have", "has")):
        words.pop()
    return bool(words) and words[-1].islower() and words[-1] not in ("he", "she", "they", "who", "and", "sides")


def subject(p: Parsed, pos: int, last: list[str]) -> list[str]:
    """The actors doing what is said at ``pos``: those before it, or whom a pronoun stands for."""
    before = subjects_before(p, pos)
    pron = PRONOUNS.search(p.text, before[-1].end if before else 0, pos)
    if before and not pron:
        return [m.id for m in before]
    if pron:
        first = first_actor(p)
        if first and first[0].end <= pron.start():
            return [first[0].id]
        return list(last)
    return []
