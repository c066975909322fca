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
>>> status_of("She accepted an invitation to visit Kalvora.", 30), status_of("They met and agreed to talk.", 5)
('announced', 'held')
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field

from kg.draft.dates import Found
from kg.draft.names import Mention
from kg.draft.text import Sentence

TRIGGERS: list[tuple[str, re.Pattern]] = [
    ("meeting", re.compile(r"\b(?:(?<!was )(?<!were )(?<!been )met(?! by)|meets|meet|meeting"
                           r"|held talks|holds talks|hold talks|holding talks"
                           r"|(?:had|has|have|having|held|hold|holds) (?:an? )?(?:working |private |brief |long |"
                           r"official |bilateral |trilateral |three-way |closed-door |one-on-one |face-to-face "
                           r"|separate |first )?"
                           r"(?:lunch|dinner|breakfast|meeting|talks|discussions|consultations|audience"
                           r"|summit|(?:first |new |another )?round of talks)"
                           r"|paid (?:a )?(?:courtesy )?call on"
                           # the whole run of capitalised words, then not "to" (no possessive quantifier: CPython
                           # before 3.11.5 matches those wrongly)
                           # the verb, not the noun ("a call on A"): after an auxiliary, "to", "and"
                           r"|(?:called|calls|calling|(?:(?<=will )|(?<=would )|(?<=shall )|(?<=to )|(?<=also )"
                           r"|(?<=and )|(?<=then )|(?<=later )|(?<=may )|(?<=might )|(?<=could ))call) on"
                           r"(?=(?:\s+(?-i:[A-Z])[\w’'-]*)+"
                           r"(?![\w’'-]|\s+(?-i:[A-Z])|\s+to\b(?!\s+(?:present|hand|deliver)\b)))"
                           r"|(?:summoned|summons|summon)(?=\s+(?:the\s+|an?\s+)?(?:[\w-]+\s+){0,2}?(?:ambassador"
                           r"|envoy|charg[eé]|(?-i:[A-Z])))"
                           r"|(?:present|hand)(?:ed|s)? (?:the (?:copy|copies) of )?(?:his|her|their) (?:[\w-]+ ){0,2}"
                           r"(?:credentials|letters?)(?: of [\w-]+)? to"
                           r"|(?:gave|gives|granted|grants) an audience to|exchanged views|co-chair(?:ed|s)?"
                           r"|(?:open|opens|opened|opening|begin|begins|began|start|starts|started|launch|launches"
                           r"|launched|resume|resumes|resumed|hold|conduct|conducted)\s+(?:a\s+|the\s+)?(?:new\s+|first"
                           r"\s+|second\s+|third\s+|next\s+|another\s+|fresh\s+|formal\s+)?(?:round\s+of\s+)?"
                           r"(?:bilateral\s+|political\s+|formal\s+|direct\s+|[\w-]+\s+)?(?:consultations"
                           r"|negotiations|talks)(?=\s+(?:on|over|about|with)\b)"
                           r"|(?<=\b(?:his|her|its) )(?:[\w-]+\s+)?(?:consultations|talks|meeting|negotiations)"
                           r"(?=\s+with\b)"
                           r"|(?:toured|tours|touring|inspected|inspects|inspecting)\s+(?:an?\s+|the\s+)?(?:[\w-]+\s+)"
                           r"{0,4}?with(?=\s)"
                           r"|(?:breakfasted|lunched|dined|breakfasts|lunches|dines)(?: together| privately| alone)?"
                           r"|(?:spent|spends|spend|spending) (?:(?:the|an?|most of the|part of the|several|two|three)"
                           r" (?:[\w-]+ )?(?:morning|afternoon|evening|day|hours?)|(?-i:Monday|Tuesday|Wednesday"
                           r"|Thursday|Friday|Saturday|Sunday)(?: morning| afternoon| evening)?)"
                           r"(?: in (?-i:[A-Z])[\w’'-]+)?(?= with\b)"
                           # "was at the trade ministry for an hour with B": a call on B where B works
                           r"|(?:was|were|is|are) at the (?:[\w-]+ ){0,2}(?:ministry|palace|residence|embassy|office"
                           r"|chancellery|headquarters)(?: for (?:an hour|a morning|an afternoon|(?:two|three|several)"
                           r" hours|talks))?(?= with\b)"
                           r"|(?:compared|compares|compare|comparing) notes(?= with\b)"
                           # "spent more than three hours with B", "spent the morning with B": a meeting
                           r"|(?:spent|spends|spend|spending) (?:(?:more than|nearly|almost|about|over|some|another) )?"
                           r"(?:an hour|a morning|an afternoon|an evening|a day|the (?:morning|afternoon|evening|day)"
                           r"|(?:\w+ )?(?:two|three|four|five|several|many|\d+) (?:hours|days))(?= with\b)"
                           r"|(?:farewell|courtesy|introductory|protocol|first) call on"
                           r"|over (?:an? )?(?:working |private |long |quiet |early )?(?:lunch|dinner|breakfast)"
                           r"|(?<=\bfor )(?:an? )?(?:working |private |long |quiet |early |late )?(?:lunch|dinner"
                           r"|breakfast)(?= with\b)"
                           r"|(?:kept|keeps|keep|had|has) (?:an? |his |her |their )?appointment(?= with\b)"
                           r"|talks|sat down|conferred|joined"
                           # "the two ministers (had) first discussed X in May": an earlier meeting of a group
                           r"|(?:had (?:first |already )?|first )discussed(?= )"
                           r"(?!(?:[^.;]{0,60}?)\b(?:by|over the|on the) (?:tele)?phone))"
                           r"\b(?:\s+(?:with|between))?", re.I)),
    ("phone-call", re.compile(r"\b(?:(?:tele)?phone (?:call|conversation)|spoke by (?:tele)?phone|(?:tele)?phoned|rang"
                              r"|video ?call|video[- ]?conference|videoconference|virtual meeting"
                              r"|(?:by|over the|via|on the) (?:tele)?phone|(?:by|via) video(?: link)?"
                              r"|called(?= (?-i:[A-Z]))"
                              # "A also spoke on Monday with B", after a call: another call (``detect``)
                              r"|also (?:spoke|talked)(?= (?:[\w-]+ ){0,3}?(?:with|to) ))\b(?:\s+(?:with|from))?",
                              re.I)),
    ("arrival", re.compile(r"\b(?:arrived|arrives|arrive|arriving|landed|lands|touched down"
                           r"|(?:is|are) (?:next |also )?(?:due|expected) in(?= (?-i:[A-Z])))(?:\s+in\b)?"
                           r"|\b(?:flew|flies|fly|flown) in\b", re.I)),
    ("visit", re.compile(r"\b(?:visited|visits|visit to|visiting|visit|trip to|trip(?= (?:of|by) )|tour of|journey to"
                         r"|stopover in"
                         r"|(?<=\b(?:his|her|its) )stop (?:in|at)|stopped (?:off |over )?(?:in|at)(?= (?-i:[A-Z]))"
                         r"|(?:first|next|second|third|last|final|only|latest) (?:stop|port of call)"
                         r" (?:was|is|will be|would be)"
                         r"|(?:led|leads|leading|heads|headed|heading) (?:an? |the |his |her )?(?:[\w-]+ ){0,2}"
                         r"delegation to|(?:is|was|are|were|will be|would be|shall be|am)"
                         r" (?:currently |now |back |again )?in(?= (?-i:[A-Z])"
                         r"[^,;.]*? (?:for|on) (?:talks|consultations|meetings|an? (?:[\w-]+ )?visit)))\b"
                         # "A invited B to Kalvora in May": B's visit, A's invitation (``detect``)
                         r"|\binvit(?:ed|es)\s+[^,;.]{1,60}?\s+to(?=\s+(?-i:[A-Z]))"
                         r"|\b(?:travel(?:l?ed|l?ing|s)?|fl(?:ew|y|ies|ying|own)|head(?:ed|s|ing)?|w(?:ent|ill go)"
                         r"|go(?:es|ing)?|continu(?:ed|es|ing|e)|proceed(?:ed|s|ing)?|journey(?:ed|s|ing)?|dr(?:ove|ive"
                         r"|ives|iving)|sail(?:ed|s|ing)?|rush(?:ed|es)?)(?: (?:on|onwards?|overland|directly|straight"
                         r"|later|then|south|north|east|west|abroad))*(?: (?:to|into|for(?= [A-Z])))\b"
                         r"|\b(?:cross(?:ed|es|ing)?|slipp(?:ed|ing)|mov(?:ed|es|ing))(?: (?:over|back|later))*"
                         r"(?: (?:the|a) (?:[\w-]+ )?(?:border|frontier|bridge|strait|river))? into\b"
                         r"|\b(?:set(?:s|ting)? (?:off|out)|left|leav(?:es|e|ing)|depart(?:ed|s|ing)?|bound|en route"
                         r"|on (?:his|her|their) way)(?: [A-Z][\w’'-]+){0,2}(?: (?:again|later|today))? (?:for|to)\b"
                         # "I will come to X in December", the speaker's way of telling a journey (in the first
                         # person only; not "came to power in X")
                         r"|(?:(?<=\b(?-i:I) )|(?<=\b(?-i:we|We) ))"
                         r"(?:(?:will|would|shall|can|could|hope to|plan to|want to) )?"
                         r"c(?:ame|ome) (?:back |here |again )?to(?= (?-i:[A-Z]))",
                         re.I)),
    ("reception", re.compile(r"\b(?:host|hosts|hosted|hosting|give|gives|gave|giving|throw|throws|threw)"
                             r" (?:an? )?(?:[\w-]+ ){0,2}(?:reception|dinner|banquet|lunch|luncheon)"
                             r"(?: (?:for|in honou?r of))?"
                             r"|\b(?:received|receives|receive|welcomed|welcomes|welcome|hosted|hosts|greeted"
                             # "signed by A, B and their host, C": a host named in a list, not a reception
                             r"|(?<!and their )(?<!and the )(?<!and his )(?<!and her )(?<!and its )host)\b"
                             r"|\b(?:was|were|been|being) met\b(?=[^,;.]{0,50}\bby\b)"
                             r"|\b(?:reception|welcome ceremony|welcoming ceremony) (?:for|in honou?r of)\b",
                             re.I)),
    ("signing", re.compile(r"\b(?:signed|signs|sign|signing|inked|inks|sealed|seals"
                           r"|(?:put|puts|putting) (?:their|his|her) (?:names?|signatures?) to)\b", re.I)),
    ("joint-statement", re.compile(r"\bjoint (?:statement|declaration|communiqu[eé])\b", re.I)),
    ("press-conference", re.compile(r"\b(?:joint )?(?:press|news) (?:conference|briefing|appearance)\b"
                                    # "Speaking to reporters with B at her side, A said": a press conference
                                    r"|\b(?:speaking|spoke|speaks|talking|talked) to (?:reporters|journalists"
                                    r"|the press)(?= (?:alongside|together with|with) )", re.I)),
    ("conference", re.compile(r"\b(?:attended|attends|attend|attending|addressed|took part in|participated in"
                              r"|opened|on the (?:sidelines|margins|fringes) of|at|to|for)\s+(?:the\s+|an?\s+)?"
                              # "The ministerial conference of the X Council was held in Y on 3 and 4 March"
                              r"|^\s*(?:The|A|An)\s+(?=[^,;.]{0,40}?\b(?:conference|summit|forum|congress)\b[^,;.]{0,60}?"
                              r"\s(?:was|were)\s+(?:held|convened)\b)",
                              re.I)),
]
CONFERENCE_WORDS = re.compile(r"\b(?:(?i:conference|summit|forum|congress|symposium)|Dialogue|Assembly|Meeting)\b"
                              r"|\b(?i:meeting|session|ministerial|plenary) of (?:the )?(?-i:[A-Z])")
AGREEMENT_WORDS = re.compile(r"\b(?:agreements?|memorand(?:um|a)|accords?|treat(?:y|ies)|deals?|declarations?|charters?"
                             r"|protocols?|pacts?|conventions?)\b", re.I)
#: An agreement told before, named by what it is: "The document was signed by A and B", "the texts were signed".
SIGNED_DOCUMENT = re.compile(r"\b(?:[Tt]he|[Tt]his|[Tt]hat|[Bb]oth) (?:documents?|texts?)\s+(?:was|were|is|are|will be"
                             r"|would be|had been|has been|have been)\s+(?:\w+ly\s+)?signed\b")
FUTURE = re.compile(r"\b(?:will|shall|is to|are to|is expected to|are expected to|is scheduled to|are scheduled to"
                    r"|plans? to|planned|is due to|are due to|is set to|are set to|upcoming|next week|tomorrow"
                    r"|would travel|would visit|would meet|would attend|would sign|would hold|is expected|are expected"
                    r"|would (?:open|begin|start|resume|launch|host|pay|be held|take place|sit|convene)|to be held"
                    r"|(?:is|are) (?:scheduled|planned|slated|set|due) for|(?:is|are) (?:next |also )?due in"
                    r"|preparations for|preparing for|invited|invites|has invited|have invited"
                    r"|ahead of|(?:am|is|are) going to)\b", re.I)
#: "asked (agreed, decided) to postpone the visit": a decision, or a request, to put it off or call it off.
_DECIDED = r"|\b(?:asked|agreed|decided|requested|chose|had) to (?:"
POSTPONED = re.compile(r"\b(?:postponed|delayed|put off|rescheduled)\b" + _DECIDED + r"postpone|delay|put off)\b",
                       re.I)
CANCELLED = re.compile(r"\b(?:cancel+ed|called off|scrapped)\b" + _DECIDED + r"cancel|call off)\b", re.I)
#: "did not take place", "could not be held": the event told before it was to be and was not (cancelled).
_NOT_HELD = re.compile(r"\b(?:did|could|would) not (?:take place|be held|go ahead)\b|\bnever took place\b", re.I)
REPORTING = re.compile(
    r"\b(?:said|says|stressed|stresses|emphasi[sz]ed|emphasi[sz]es|reaffirmed|reaffirms|reiterated|reiterates"
    r"|expressed|expresses|underscored|underscores|highlighted|highlights|described|describes|briefed|told"
    r"|stated|states|noted|notes|urged|urges|warned|warns|affirmed|affirms|pledged|pledges|insisted|insists"
    r"|added|praised|praises|condemned|condemns|called for|calls for|announced|assured|voiced|welcomed"
    r"|underlined|underlines|underlining|emphasi[sz]ing|stressing|highlighting|underscoring|reaffirming|noting"
    r"|saying|advocating|calling for|replied|explained|argued|acknowledged|conveyed"
    r"|called(?=(?:\s+[\w’'-]+){1,5}\s+[“\"])"  # 'called the ambassador "a friend"': a quoted judgement
    r"|urging|warning|pledging|expressing|reiterating|describing|assuring|insisting)\b")
PRONOUNS = re.compile(r"\b(?:he|she|He|She|[Tt]he (?:(?i:minister|president|prime minister|premier|chancellor"
                      r"|ambassador|speaker|secretary-general|envoy|governor|mayor|foreign minister)))\b")
GROUP = re.compile(r"\b(?:[Bb]oth (?:sides|men|women|leaders|ministers|presidents|premiers|delegations"
                   r"|officials|envoys|heads of state|foreign ministers|prime ministers|parties)"
                   r"|They|they|[Tt]he (?:two|three|four|visiting) (?i:sides|officials|leaders|ministers|men|women"
                   r"|delegations|presidents|heads|envoys|premiers|counterparts|foreign ministers|prime ministers"
                   r"|heads of state|parties|delegation heads)"  # "the two Ministers" of formal prose too
                   r"|[Tt]he (?:delegations|sides|parties|leaders|ministers|counterparts)"
                   r"|[Tt]he (?:[Pp]residents|[Hh]eads of [Ss]tate))\b")
#: Words that put an event in the future, or make it only an intention, when they govern its verb:
#: "accepted an invitation to visit", "agreed to meet again", "plans to travel", "is due to sign".
_INTENT = (r"\b(?:agreed|agrees|agree|plans?|planning|planned|intends?|intending|intended|hopes?|hoping"
           r"|hoped|aims?|aiming|promised|promises|pledged|pledges|offered|offers|decided|decides"
           r"|is due|are due|was due|were due|is set|are set|is scheduled|are scheduled|is expected"
           r"|are expected|is slated|are slated|is to|are to|was to|were to"
           r"|(?:an |the )?invitations? (?:from|of|to) [^.;]{1,160}?|(?:an |the )?invitations?"
           # "accepted an invitation, handed to him by A, to visit": the aside inside the intention
           r"(?:,\s+(?:handed|delivered|conveyed|extended|passed|sent|brought)\s+[^,;.]{1,60},)?"
           r"|invited [\w’' -]{1,40}?|looks? forward|looking forward|prepar(?:es|ed|ing)|wants?|wished"
           r"|wishes|would like|proposed|proposes|ready)\s+to\s+")
INTENT = re.compile(_INTENT + r"(?:(?:\w+ly|also|again|soon|then|pay|make|hold|have|be|personally|an?|state|official"
                              r"|working|return) )*$", re.I)
#: What resolves the dates after it forward ("is due to arrive on Monday": the Monday to come).
#: "postponed until May", "put off to June": the new date, ahead (not "postponed last week, they met on Friday").
_POSTPONED_TO = r"\b(?:postponed|delayed|put off|rescheduled)\b(?:\s+[\w-]+){0,2}?\s+(?:until|till|to|for)\b"
AHEAD = re.compile(f"(?:{FUTURE.pattern})|(?:{_INTENT})|(?:{_POSTPONED_TO})", re.I)
_GAP_OK = {"and", "the", "with", "of", "members", "representatives", "a", "an", "delegation", "officials", "from",
           "his", "her", "their", "counterpart", "counterparts", "both", "as", "well", "also", "top", "senior",
           "then", "between", "its", "envoy", "host"}


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


#: A relative clause between commas ("A and B, whose talks were postponed last week, met ..."): its words of
#: postponing or cancelling tell of the event inside it, not of the main clause's.
_RELATIVE = re.compile(r",\s+(?:who|whose|which|whom)\b[^,;]*,")


def _applies(rx: re.Pattern, text: str, pos: int) -> bool:
    """Whether a match of ``rx`` tells of the event whose trigger is at ``pos``: not one in a relative clause
    that does not hold the trigger.

    >>> t = "A and B, whose talks were postponed last week, met on Friday."
    >>> _applies(POSTPONED, t, t.index("met")), _applies(POSTPONED, t, t.index("talks"))
    (False, True)
    """
    asides = [(r.start(), r.end()) for r in _RELATIVE.finditer(text)]
    for m in rx.finditer(text):
        inside = [(a, b) for a, b in asides if a <= m.start() < b]
        if not inside or any(a <= pos < b for a, b in inside):
            return True
    return False


def status_of(text: str, pos: int) -> str:
    """held, announced, postponed or cancelled, from the words of the sentence."""
    if _applies(CANCELLED, text, pos) or _NOT_HELD.search(text, pos):
        return "cancelled"
    if _applies(POSTPONED, text, pos):
        return "postponed"
    if FUTURE.search(text[:pos + 15]) or INTENT.search(text[:pos]):
        return "announced"
    if re.search(r"(?i)\b(?:an?|the)\s+(?:[\w-]+\s+)?$", text[:pos]) and re.match(
            r"(?i)(?:meeting|talks|summit|visit|trip|(?:tele)?phone call|signing)\b[^,;]*?\b(?:is|are) (?:scheduled"
            r"|planned|slated|set|due|expected) (?:for|to)\b", text[pos:]):
        return "announced"  # the event as a noun: "a meeting between A and B is scheduled for Friday"
    return "held"


def masked(p: Parsed, a: int, b: int) -> str:
    """The text between ``a`` and ``b`` with titles and dates blanked out."""
    chars = list(p.text[a:b])
    for s, e in [*p.title_spans, *((d.start, d.end) for d in p.dates)]:
        for k in range(max(s, a), min(e, b)):
            chars[k - a] = " "
    return "".join(chars)


#: Words that may stand before a title without being part of it ("the newly appointed Ambassador of X, Y").
TITLE_MODIFIERS = {"new", "newly", "recently", "appointed", "elected", "named", "incoming", "outgoing", "visiting",
                   "acting", "interim", "designate", "former", "long-serving", "veteran", "powerful", "influential",
                   "current", "then", "re-elected", "newly-appointed", "newly-elected", "recently-appointed",
                   "country’s", "country's", "nation’s", "nation's"}
_VENUE = re.compile(r"\b(?:in|at|inside|near)\s+(?:the\s+|an?\s+)?$")
_COUNTERPART = re.compile(r"\s+counterparts?\b")
#: The nouns whose "of" leads to the actor a verb is done to: "received the letters of credence of X",
#: "accepted the credentials of X", "welcomed a delegation led by X".
_OBJECT_OF = re.compile(r"\b(?:(?:the|his|her)\s+)?(?:copies\s+of\s+(?:the\s+)?)?(?:letters?\s+of\s+credence"
                        r"|credentials|letters?\s+of\s+recall)\s+(?:of|from)\b|\bled\s+by\b", re.I)


_WHO_ASIDE = re.compile(r"^\s*,\s+who\s+[^,;()]{1,60},")


#: A possessive between a name and the person it qualifies: "Belmora's Ivo Santer".
_OWNED = re.compile(r"[’']s\s+")


def _gap_ok(p: Parsed, a: int, b: int) -> bool:
    """Whether only linking words stand between ``a`` and ``b``: besides those of ``_GAP_OK``, a place the
    verb happened in ("had breakfast in Orvik with X", "met in Kalvora on Monday with X") and the words that
    qualify a title ("received the newly appointed Ambassador of Belmora, X")."""
    gap = masked(p, a, b)
    if ";" in gap or "(" in gap:
        return False
    if re.fullmatch(r"\s*,?\s*and\s+on\s+(?:the\s+)?", gap):
        return True  # "will call on A and on B": the preposition said again before the second
    chars = list(gap)
    for m in p.places():
        if a <= m.start and m.end <= b and _VENUE.search(p.text[:m.start]):
            for k in range(m.start, m.end):
                chars[k - a] = " "
    for m in p.mentions:  # "her Varnian counterpart X": the demonym qualifies "counterpart"
        if m.demonym and a <= m.start and m.end <= b and _COUNTERPART.match(p.text, m.end):
            for k in range(m.start, m.end):
                chars[k - a] = " "
        if a <= m.start and _OWNED.fullmatch(p.text, m.end, b):  # "B and Belmora's C": the country qualifies C
            for k in range(m.start, b):
                chars[k - a] = " "
        if m.kind == "place" and m.end <= b and re.fullmatch(r"\s+of\s+", p.text[a:m.start]):
            for k in range(a, m.end):  # "A of Belmora, B and C": the country is A's
                chars[k - a] = " "
        posted = re.search(r"(?i)\b(?:ambassador|envoy|high commissioner)\b[^,;]*?\s(to\s+(?:the\s+)?)$",
                           p.text[a:m.start]) if m.kind == "place" and a <= m.start and m.end <= b else None
        if posted:  # "and the Ambassador of X to the Republic of Y, Mr C": the title of the post, C's
            for k in range(a + posted.start(), m.end):
                chars[k - a] = " "
    gap = "".join(chars)
    for g in _WHO_ASIDE.finditer(gap):  # "by A, who chaired the talks, B and C": the aside is A's
        chars[g.start():g.end()] = " " * (g.end() - g.start())
    for g in _OBJECT_OF.finditer(gap):  # "received the letters of credence of X": the object behind "of"
        chars[g.start():g.end()] = " " * (g.end() - g.start())
    words = re.findall(r"[\w’'-]+", "".join(chars).lower())
    titled = any(a <= s <= b for s, _ in p.title_spans) or any(x.start == b for x in p.descriptors)
    return all(w in _GAP_OK or w in ("in", "at", "there", "again", "later", "separately", "privately", "briefly")
               or (titled and w in TITLE_MODIFIERS) for w in words)


#: A passive: "X was received by Y", "X was welcomed at the airport by Y" (the verb's subject is the guest).
PASSIVE = re.compile(r"\b(?:was|were|been|being|be|is|are)\s+(?:\w+ly\s+)?$", re.I)
#: Between a passive verb and "by": up to two of a place, a time ("last Thursday", "that evening"), an adverb.
BY_AGENT = re.compile(r"(?:\s+(?:at|in|on|outside|upon)\s+[^,;.]{0,40}?"
                      r"|\s+(?:that|this|the same|the next|the following) (?:morning|afternoon|evening|night|day)"
                      r"|\s+(?:last|on) (?:Monday|Tuesday|Wednesday|Thursday|Friday|Saturday|Sunday|week|month)"
                      r"|\s+with (?:full )?(?:military |state )?honou?rs"  # "welcomed with military honours by"
                      r"|\s+(?:later|afterwards|yesterday|today|also|personally|warmly)){0,2}\s+by\s+")


#: A document named, then "signed by" after a comma (a participle): "- Memorandum on X, signed by A and B;".
_SIGNED_AFTER_NAME = re.compile(r"\b(?:[Aa]greements?|[Mm]emorand(?:um|a)(?: of [Uu]nderstanding)?|[Aa]ccords?"
                                r"|[Tt]reat(?:y|ies)|[Pp]rotocols?|[Cc]onventions?|[Dd]eclarations?)\b[^,;.]{0,120},\s*$")


def passive_agent(p: Parsed, t: re.Match) -> int | None:
    """Where the agent of a passive trigger begins ("was received by Y": at Y), else None.

    >>> from kg.draft.text import Sentence
    >>> s = "Ada was welcomed at the airport by Bo."
    >>> p = Parsed(Sentence(s, 0, len(s), 0, 0), [], [], [])
    >>> t = TRIGGERS[4][1].search(s)
    >>> s[passive_agent(p, t):]
    'Bo.'
    """
    if not (PASSIVE.search(p.text[:t.start()]) or re.match(r"(?i)(?:was|were|been|being) ", t[0])
            or _SIGNED_AFTER_NAME.search(p.text[:t.start()]) and t[0].lower() == "signed"):
        return None
    by = BY_AGENT.match(p.text, t.end())
    return by.end() if by else None


#: A call told through an object of the verb: "discussed X with B by phone", "told B in a telephone call".
_CALL_ADVERBIAL = re.compile(r"(?i)\b(?:by|over the|on the|via|in an?|during an?)\s+(?:(?:brief|short|long|lengthy|late"
                             r"|hour-long|\w+-minute)\s+)?(?:tele)?(?:phone|video)")


#: A verb of saying whose object is a clause, not a person: "A said (that) B had spoken to C".
_SAID = re.compile(r"\b(?:said|says|added|stated|noted|explained|confirmed|recalled|revealed)\s+(?:that\s+)?")


def clause_actors(p: Parsed, pos: int) -> list[Mention]:
    """The actors of the clause that ends at ``pos`` (subject and objects of its verb), in order: from the
    sentence's subject on, without those in a title or governed by "according to"; after a verb of saying
    whose clause has a subject of its own ("A said B had spoken to C by phone": B and C)."""
    first = first_actor(p)
    start = first[0].start if first and first[0].start < pos else 0
    heard = [m.end() for m in _SAID.finditer(p.text, start, pos)
             if any(a.start >= m.end() and a.end <= pos for a in p.actors())]
    start = heard[-1] if heard else start
    return [m for m in p.actors() if start <= m.start and m.end <= pos
            and not re.search(r"(?i)according to\s+(?:\w+\s+){0,4}$", p.text[:m.start])]


def objects_after(p: Parsed, pos: int) -> list[Mention]:
    """The actors listed right after ``pos`` ("with A, B and members of C"); an organization as a venue
    ("met at the Foreign Ministry with X") is passed over."""
    out: list[Mention] = []
    last = pos
    acts = p.actors()
    for k, m in enumerate(acts):
        if m.start < pos:
            continue
        if k + 1 < len(acts) and acts[k + 1].kind == "person" and _OWNED.fullmatch(p.text, m.end, acts[k + 1].start):
            continue  # "Belmora's C": C, not Belmora
        if not _gap_ok(p, last, m.start):
            break
        if m.kind == "organization" and _VENUE.search(p.text[:m.start]) and not out:
            last = m.end
            continue
        if m.kind == "organization" and _VENUE.search(p.text[:m.start]) and re.match(
                r"\s+(?:[\w-]+\s+){0,2}(?:meeting|conference|summit|session|forum|ministerial)\b", p.text[m.end:]):
            break  # "met B over breakfast at an X ministerial meeting": where, not whom
        out.append(m)
        last = m.end
    return out


#: "A and her Varnian counterpart, B": the words between two coordinated persons.
#: A title between them is blanked out by ``masked``: "A and her deputy, B", "A and his foreign minister, B" are
#: coordinated through the possessive alone (the title is B's, the possessive A's).
_COUNTERPART_OF = (r"(?:(?:his|her|their)\s+(?:(?:[A-Z][\w’'-]+\s+)?(?:counterparts?|opposite numbers?)\s*,?\s*"
                   r"|\s*,?\s*))?")


#: "according to (the) X": X is the source of what is told, not the one doing it.
_ACCORDING_TO = re.compile(r"(?i)\baccording to\s+(?:the\s+)?$")


def subjects_before(p: Parsed, pos: int) -> list[Mention]:
    """The actors coordinated right before ``pos`` ("A and B met"), or the last one before it; never the source
    of an aside ("B, who, according to the Council, expressed ...": B)."""
    before = [m for m in p.actors() if m.end <= pos and not _ACCORDING_TO.search(p.text, 0, m.start)]
    if not before:
        return []
    group = [before[-1]]
    for m in reversed(before[:-1]):
        between = masked(p, m.end, group[0].start)
        if "," in between and any(m.end <= d.start and d.end <= group[0].start for d in p.dates):
            break  # "talks with A, and on Friday she is expected in X": a clause of its own, not "A and she"
        if re.fullmatch(r"\s*,?\s*and\s*(?:the\s+)?" + _COUNTERPART_OF, between) or m.start == group[0].start or (
                len(group) >= 2 and re.fullmatch(r"\s*,\s*", between)):  # "A, B, C and D met": after an "and"
            group.insert(0, m)
        else:
            break
    return group


def _pronoun_between(p: Parsed, a: int, b: int) -> re.Match | None:
    """A pronoun ("he", "the minister") between ``a`` and ``b`` that is no title of a name before it: in "A and
    B, the prime minister of X, spoke" the apposition is B's title, and the subjects stay A and B."""
    for m in PRONOUNS.finditer(p.text, a, b):
        if not any(s <= m.start() < e for s, e in p.title_spans):
            return m
    return None


def pronoun_subject(p: Parsed, first: Mention) -> bool:
    """Whether a pronoun ("he", "the envoy") is the sentence's subject before its first named actor, in the same
    clause ("The next day the envoy was back in X for talks with B"): the one it stands for stays the last
    subject, not B; "When he arrived, B said": B (a comma parts the clauses)."""
    pron = list(PRONOUNS.finditer(p.text, 0, first.start))
    return bool(pron) and not re.search(r"[,;:]", p.text[pron[0].end():first.start]) and not re.search(
        r"[,;:]|\b(?:and|but|while|when|after|before|as)\s", p.text[:pron[0].start()])


#: What stands before an actor that is not the subject of its sentence: a preposition ("At the invitation
#: of X, Y ...", "according to X") or, after it, a possessive ("X's office said").
_NOT_SUBJECT_BEFORE = re.compile(r"(?i)\b(?:of|from|by|to|according to|with|for)\s+(?:the\s+)?"
                                 # a form of address between ("by Her Excellency Mrs. A"): still governed
                                 r"(?:(?:his|her) (?:excellency|majesty|(?:royal )?highness)\s+"
                                 r"|(?:the\s+)?hon(?:ourable|orable|\.)\s+|(?:mr|mrs|ms|dr)\.?\s+)*$")
_POSSESSIVE = re.compile(r"[’']s?\b")


def first_actor(p: Parsed) -> list[Mention]:
    """The sentence's subject: its first actor, with those coordinated to it ("A and B"); not one governed
    by a preposition ("At the invitation of A, B visited ...") nor a possessive ("A's office said")."""
    acts = p.actors()
    while len(acts) > 1 and (_NOT_SUBJECT_BEFORE.search(p.text[:acts[0].start])
                             or _POSSESSIVE.match(p.text, acts[0].end)):
        acts = acts[1:]
    if acts and (_NOT_SUBJECT_BEFORE.search(p.text[:acts[0].start]) or _POSSESSIVE.match(p.text, acts[0].end)):
        return []
    group, listed = acts[:1], 1  # listed: the members up to the last "and" ("A, B, C and D": all four)
    for m in acts[1:]:
        between = masked(p, group[-1].end, m.start)
        if re.fullmatch(r"\s*,?\s*and\s+(?:the\s+)?" + _COUNTERPART_OF, between) or m.start == group[-1].start:
            group.append(m)  # (the same words standing for several: "the four ministers")
            listed = len(group)
        elif re.fullmatch(r"\s*,\s*", between):
            group.append(m)
        else:
            break
    group = group[:listed]
    return group


def reporting_verbs(p: Parsed) -> list[re.Match]:
    return list(REPORTING.finditer(p.text))


def claim_of(text: str, verb: re.Match) -> str:
    """The reported speech: a quotation, the clause after "that", else the sentence as written."""
    rest = text[verb.end():]
    # "told B in a telephone call on Monday that ...": the words up to "that" name the listener and the occasion
    words = 9 if verb[0] in ("told", "said", "says", "assured") else 2
    m = re.match(rf"\s+(?:[\w’'-]+\s+){{0,{words}}}?that\s+(.+)", rest)
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
    pron = _pronoun_between(p, before[-1].end if before else 0, pos)
    if before and not pron:
        return [m.id for m in before]
    if pron:
        first = first_actor(p)
        if first and first[0].end <= pron.start():
            return [first[0].id]
        return list(last)
    return []
