"""Date expressions found in a sentence and resolved with the project's own rules (``kg.facts.dates``).

Past wording ("on Thursday", "last month", "in September 2024", "recently") is kept as written, since
``kg validate`` resolves it the same way. Future wording ("on Monday" in an announcement, "next week",
"tomorrow") is resolved here, forward, and written as a day with the wording kept in ``text``.

>>> from datetime import date
>>> pub = date(2025, 2, 7)   # a Friday
>>> [(d.text, d.expr, d.when.precision) for d in find_dates("He arrived on Wednesday night and left in 2024.", pub)]
[('on Wednesday night', 'on Wednesday night', 'day'), ('in 2024', '2024', 'year')]
>>> d = find_dates("She will travel to Kalvora on Monday.", pub, future=True)[0]
>>> (d.expr, d.when.value)
('2025-02-10', datetime.date(2025, 2, 10))
>>> find_dates("The talks of 12 March were long.", pub)[0].expr
'2024-03-12'
>>> find_dates("She is due to visit Kalvora in January.", pub, future=True)[0].expr
'2026-01'
>>> [(d.text, d.expr) for d in find_dates("She arrived last night and met him this morning.", pub)]
[('last night', '2025-02-06'), ('this morning', '2025-02-07')]
>>> d = find_dates("Earlier this week, she met him.", pub)[0]
>>> (d.expr, d.earliest, d.latest)
(None, '2025-02-03', 'published')
"""

from __future__ import annotations

import calendar
import re
from dataclasses import dataclass
from datetime import date, timedelta

from kg.draft.model import DateP
from kg.facts.dates import When, resolve
from kg.values import month_bounds

_M = "|".join(m for m in calendar.month_name if m)
_D = "|".join(d for d in calendar.day_name)
#: A span of days: "from 3 to 5 March", "3-5 March 2027", "between March 3 and 5".
_RANGE = re.compile(rf"\b(?:(?:from|between) )?(?:(?P<d1>\d{{1,2}})(?:–|-| to | and )(?P<d2>\d{{1,2}}) (?P<m1>{_M})"
                    rf"|(?P<m2>{_M}) (?P<d3>\d{{1,2}})(?:–|-| to | and )(?P<d4>\d{{1,2}}))(?:,? (?P<y>\d{{4}}))?\b")
#: A span of weekdays: "on Tuesday and Wednesday", "from Monday to Wednesday", "between Tuesday and Thursday".
_DAYS_RANGE = re.compile(rf"\b(?:on |from |between )?(?P<w1>{_D})(?: morning| afternoon| evening)?(?: and | to |–|-)"
                         rf"(?:on )?(?P<w2>{_D})\b")
#: A part of a month: "the second half of June", "early May", "mid-July 2029", "late March".
_PART = re.compile(rf"\b(?:(?i:in|during) )?(?:(?i:the) )?"
                   rf"(?:(?P<ph>first|second) half of |(?P<pp>(?i:early|mid|late))[- ])"
                   rf"(?P<pm>{_M})(?:,? (?P<py>\d{{4}}))?\b")
_PATTERNS = [
    _RANGE.pattern,
    _PART.pattern,
    _DAYS_RANGE.pattern,
    rf"\b(?:on )?\d{{1,2}} (?:{_M}),? \d{{4}}\b",
    rf"\b(?:on )?(?:{_M}) \d{{1,2}}, \d{{4}}\b",
    rf"\b(?:in )?(?:{_M}) \d{{4}}\b",
    r"\b\d{4}-\d{2}-\d{2}\b",
    rf"\b(?:on )?\d{{1,2}} (?:{_M})\b",
    rf"\b(?:on )?(?:{_M}) \d{{1,2}}\b(?!,? \d{{4}})",
    rf"\b(?:on |last |next |this )?(?:{_D})(?: (?:morning|afternoon|evening|night))?\b",
    r"\b(?i:earlier|later) (?:this|in the) (?:month|year|week)\b",
    r"\b(?:before|by) the end of (?:the|this) (?:month|year|week)\b",
    r"\b(?i:last|this|next) (?:week|month|year)\b",
    r"\b(?i:yesterday|today|tomorrow|tonight|last night|this morning|this afternoon|this evening)\b",
    rf"\bin (?:{_M})\b",
    r"\bin (?:19|20)\d{2}\b",
    r"\b(?i:recently)\b",
    r"\b(?:(?:in|during|this|next|last) )?(?:the )?(?i:spring|summer|autumn|fall|winter)(?: (?:of )?\d{4}"
    r"| of (?:next|last|this|the following) year)?\b",
]
_SEASONS = {"spring": (3, 5), "summer": (6, 8), "autumn": (9, 11), "fall": (9, 11), "winter": (12, 2)}
_DATE_RE = re.compile("|".join(f"(?:{p})" for p in _PATTERNS))
_MONTHS = {m.lower(): i for i, m in enumerate(calendar.month_name) if m}
_DAYS = {d.lower(): i for i, d in enumerate(calendar.day_name)}


@dataclass(frozen=True)
class Found:
    """A date in a sentence: the words as written, what to write in the facts, and its resolution."""

    text: str
    start: int
    end: int
    expr: str | None  # None: only bounds, in ``earliest`` and ``latest``
    when: When
    earliest: str | None = None
    latest: str | None = None


#: A future verb right after a date, with its subject: "on Monday he is expected in X", "next week, she will".
_AHEAD_AFTER = re.compile(r",?\s+(?:he|she|they|we|I|(?-i:[A-Z])[\w’'-]+)\s+(?:will|(?:is|are|am) (?:expected|due"
                          r"|set|scheduled|to)|(?:plans?|hopes?|intends?|aims?|wants?|expects?) to)\b", re.I)


def find_dates(sentence: str, published: date, *, future: bool | re.Pattern = False) -> list[Found]:
    """Every date expression of ``sentence``; ``future`` resolves weekdays and day-months forward (a pattern:
    for the dates that follow one of its matches, "arrived on Tuesday and is due to leave on Friday")."""
    out = []
    for m in _DATE_RE.finditer(sentence):
        words = m[0]
        ahead = bool(future.search(sentence[_clause_start(sentence, m.start()):m.start()])) \
            if isinstance(future, re.Pattern) else future
        if isinstance(future, re.Pattern) and _AHEAD_AFTER.match(sentence, m.end()):
            ahead = True  # "on Monday he is expected in X": the future told right after the date
        if re.search(r"\ba\s+$", sentence[:m.start()]):
            continue  # "on a Sunday afternoon": not a date
        if re.search(r"(?:Spring|Summer|Autumn|Fall|Winter)$", words) and re.match(r" (?-i:[A-Z])", sentence[m.end():]):
            continue  # "the Convention on Winter Access": a word of a name, not a season
        span = _RANGE.fullmatch(words)
        if span:
            found = _span(span, words, m.start(), m.end(), published, ahead)
            if not ahead and found and (_PUT_OFF.search(sentence) or _WAS_TO.search(sentence)):
                found = _nearest_span(found, _span(span, words, m.start(), m.end(), published, True), published)
            if found:
                out.append(found)
            continue
        part = _PART.fullmatch(words)
        if part:
            out.append(_part_of_month(part, m.start(), m.end(), published, ahead))
            continue
        days = _DAYS_RANGE.fullmatch(words)
        if days:
            found = _weekdays(days, m.start(), m.end(), published, ahead)
            if found:
                out.append(found)
            continue
        expr, when = _resolve(words, published, ahead)
        put_off = bool(_PUT_OFF.search(sentence) and re.search(r"\d", words))  # a day of the month, not a weekday
        if not ahead and (_WAS_TO.search(sentence[:m.start()]) or put_off) and when is not None \
                and when.precision == "day":
            expr, when = _nearest(words, published, expr, when)
        if when is None:
            continue
        if when.precision == "unknown" and expr == words and words.lower() not in ("recently", "next week",
                                                                                 "last week", "this week"):
            out.append(Found(words, m.start(), m.end(), None, when, when.earliest.isoformat(),  # type: ignore[union-attr]
                             "published" if when.latest == published else when.latest.isoformat()))  # type: ignore[union-attr]
        else:
            out.append(Found(words, m.start(), m.end(), expr, when))
    return [_before(sentence, f, published, future) for f in out]


#: A date after "before" ("will meet before the summer", "before 5 June"): a bound, not the time itself.
_BEFORE = re.compile(r"\b(?:before|ahead of|prior to)\s+[\"“‘']?$", re.I)


def _before(sentence: str, f: Found, published: date, future: bool | re.Pattern) -> Found:
    """A date after "before" bounds the event from above instead of placing it within the date.

    "before 5 June" is at the latest 4 June, "before June" at the latest 31 May; a season has no one beginning
    (1 June, or the solstice), so "before the summer" is bounded by the season's end, which never excludes the
    truth. An event told ahead begins no sooner than publication; one told in the past has no lower bound.

    >>> f = find_dates('They would meet "before the summer".', date(2035, 5, 10), future=True)[0]
    >>> (f.text, f.earliest, f.latest)
    ('before the summer', '2035-05-10', '2035-08-31')
    >>> f = find_dates("They had met before 5 June.", date(2035, 6, 9))[0]
    >>> (f.earliest, f.latest)
    (None, '2035-06-04')
    """
    pre = _BEFORE.search(sentence[:f.start])
    w = f.when
    if pre is None or w.earliest is None:
        return f
    fuzzy = re.search(r"(?i:spring|summer|autumn|fall|winter)$", f.text)
    latest = (w.latest if fuzzy else w.earliest - timedelta(days=1)) or w.earliest
    ahead = future is True or (isinstance(future, re.Pattern) and bool(future.search(sentence[:f.start])))
    earliest = published if ahead and published <= latest else None
    words = sentence[pre.start():pre.end()].rstrip("\"“‘' ") + " " + f.text
    return Found(words, pre.start(), f.end, None, When("unknown", None, earliest, latest, words),
                 earliest.isoformat() if earliest else None, latest.isoformat())


#: Where a clause of its own begins: "they agreed to build it, while A and B met on Thursday" (B's Thursday is past).
_CLAUSE_BREAK = re.compile(r",\s+(?:while|whereas|but)\b|;")


def _clause_start(sentence: str, pos: int) -> int:
    """The start of the clause a date at ``pos`` stands in, for the wording that resolves it forward.

    >>> find_dates("They agreed to build it, while she met him on Thursday.", date(2031, 10, 24))[0].text
    'on Thursday'
    """
    breaks = [b.end() for b in _CLAUSE_BREAK.finditer(sentence, 0, pos)]
    return breaks[-1] if breaks else 0


#: A plan told in the past ("was to begin on 20 October", "had been due to arrive on Friday"): the day may be
#: before or after publication.
_WAS_TO = re.compile(r"\b(?:was|were|had been)\s+(?:(?:due|expected|scheduled|set|planned|supposed)\s+)?to\b")


#: A plan put off or called off: its day (or days) of the month may be before or after publication ("The visit on
#: 14 and 15 April has been postponed", published on 11 April: this April's, three days ahead, not last year's); a
#: weekday keeps its tense ("postponed Friday's talks": the Friday gone).
_PUT_OFF = re.compile(r"\b(?:postpone[ds]?|put (?:off|back)|called off|cancell?(?:ed|s)?|deferred)\b", re.I)


def _nearest_span(back: Found, ahead: Found | None, pub: date) -> Found:
    """Of a span read before publication (``back``) and after it (``ahead``), the one nearer to publication.

    >>> find_dates("Her visit on 14 and 15 April has been postponed.", date(2042, 4, 11))[0].earliest
    '2042-04-14'
    >>> find_dates("Her visit on 2 and 3 April has been postponed.", date(2042, 4, 11))[0].earliest
    '2042-04-02'
    """
    if ahead is None or back.earliest is None or ahead.earliest is None or back.earliest == ahead.earliest:
        return back
    lo, hi = date.fromisoformat(ahead.earliest), date.fromisoformat(back.latest or back.earliest)
    return ahead if (lo - pub) < (pub - hi) else back


def _nearest(words: str, pub: date, expr: str, when: When) -> tuple[str, When]:
    """The day of ``words`` nearest to publication, before or after it (a plan told in the past).

    >>> find_dates("The visit he was to begin on 20 October is off.", date(2031, 10, 15))[0].expr
    '2031-10-20'
    >>> find_dates("The visit he was to begin on 2 October is off.", date(2031, 10, 15))[0].expr
    '2031-10-02'
    """
    ahead_expr, ahead = _resolve(words, pub, True)
    if ahead is None or ahead.value is None or when.value is None:
        return expr, when
    return (ahead_expr, ahead) if ahead.value - pub < pub - when.value else (expr, when)


def _span(m: re.Match, words: str, start: int, end: int, pub: date, future: bool) -> Found | None:
    """A span of days as bounds, in the year written, else the nearest before (announced: after) publication.

    >>> f = find_dates("She will visit Sorrin from 3 to 5 March.", date(2027, 2, 15), future=True)[0]
    >>> (f.text, f.earliest, f.latest)
    ('from 3 to 5 March', '2027-03-03', '2027-03-05')
    """
    month = _MONTHS[(m["m1"] or m["m2"]).lower()]
    d1, d2 = (int(m["d1"]), int(m["d2"])) if m["d1"] else (int(m["d3"]), int(m["d4"]))
    years = [int(m["y"])] if m["y"] else ([pub.year, pub.year + 1] if future else [pub.year, pub.year - 1])
    for y in years:
        try:
            lo, hi = date(y, month, d1), date(y, month, d2)
        except ValueError:
            return None
        if lo > hi:
            return None
        if m["y"] or ((hi >= pub) if future else (lo <= pub)):
            return Found(words, start, end, None, When("unknown", None, lo, hi, words), lo.isoformat(),
                         hi.isoformat())
    return None


def _part_of_month(m: re.Match, start: int, end: int, pub: date, future: bool) -> Found:
    """A half or a third of a month as bounds (early: 1-10, mid: 11-20, late: 21 to the end), in the year written,
    else the nearest before (announced: after) publication.

    >>> f = find_dates("Her visit is planned for the second half of June.", date(2029, 6, 2), future=True)[0]
    >>> (f.text, f.earliest, f.latest)
    ('the second half of June', '2029-06-16', '2029-06-30')
    >>> f = find_dates("They met in early March.", date(2029, 2, 1))[0]
    >>> (f.earliest, f.latest)
    ('2028-03-01', '2028-03-10')
    """
    month = _MONTHS[m["pm"].lower()]
    half, part = (m["ph"] or "").lower(), (m["pp"] or "").lower()
    first, last = {"first": (1, 15), "second": (16, 31), "early": (1, 10), "mid": (11, 20)}.get(half or part, (21, 31))
    for y in [int(m["py"])] if m["py"] else ([pub.year, pub.year + 1] if future else [pub.year, pub.year - 1]):
        lo = date(y, month, first)
        hi = date(y, month, min(last, calendar.monthrange(y, month)[1]))
        if m["py"] or ((hi >= pub) if future else (lo <= pub)):
            break
    return Found(m[0], start, end, None, When("unknown", None, lo, hi, m[0]), lo.isoformat(), hi.isoformat())


def _weekdays(m: re.Match, start: int, end: int, pub: date, future: bool) -> Found | None:
    """Two weekdays joined ("on Tuesday and Wednesday") as the bounds from the first to the second, never one day.

    >>> f = find_dates("He was received on Tuesday and Wednesday.", date(2029, 4, 27))[0]   # a Friday
    >>> (f.text, f.earliest, f.latest)
    ('on Tuesday and Wednesday', '2029-04-24', '2029-04-25')
    >>> f = find_dates("She will hold talks from Monday to Wednesday.", date(2029, 4, 27), future=True)[0]
    >>> (f.earliest, f.latest)
    ('2029-04-30', '2029-05-02')
    """
    first, second = _DAYS[m["w1"].lower()], _DAYS[m["w2"].lower()]
    gap = (second - first) % 7
    if future:
        lo = pub + timedelta(days=(first - pub.weekday()) % 7)
    else:
        hi = pub - timedelta(days=(pub.weekday() - second) % 7)
        lo = hi - timedelta(days=gap)
    if future:
        hi = lo + timedelta(days=gap)
    return Found(m[0], start, end, None, When("unknown", None, lo, hi, m[0]), lo.isoformat(), hi.isoformat())


def _resolve(words: str, pub: date, future: bool) -> tuple[str, When | None]:
    low = words.lower()
    bare = re.sub(r"^(on|in) ", "", low)
    bare = re.sub(r"^(earlier|later) in the ", r"\1 this ", bare)  # "later in the week": of the week published
    parts = bare.split()
    season = re.fullmatch(r"(?:(during|this|next|last) )?(?:the )?(spring|summer|autumn|fall|winter)"
                          r"(?: (?:of )?(\d{4})| of (next|last|this|the following) year)?", bare)
    if season:  # "the spring of next year": the season that begins in the year after publication
        year = int(season[3]) if season[3] else (
            pub.year + {"next": 1, "the following": 1, "last": -1, "this": 0}[season[4]] if season[4] else None)
        return words, _season(season[2], year, season[1], pub, future)
    if bare in ("tomorrow", "this morning", "this afternoon", "this evening", "last night"):
        # "this morning": the day of publication; "last night": the day before (written as a day, the wording kept)
        d = pub + timedelta(days={"tomorrow": 1, "last night": -1}.get(bare, 0))
        return d.isoformat(), When("day", d, d, d, words)
    if bare == "earlier this week":
        monday = pub - timedelta(days=pub.weekday())
        return words, When("unknown", None, monday, pub, words)
    end_of = re.fullmatch(r"(?:before|by) the end of (?:the|this) (month|year|week)", bare)
    if end_of:
        bare, parts = f"later this {end_of[1]}", ["later", "this", end_of[1]]
    if bare in ("later this month", "later this year", "later this week"):
        unit = parts[-1]
        if unit == "week":
            last = pub + timedelta(days=6 - pub.weekday())
        elif unit == "month":
            last = month_bounds(pub.year, pub.month)[1]
        else:
            last = date(pub.year, 12, 31)
        return words, When("unknown", None, pub, last, words)
    # a day and a month without a year: the nearest such day before (or, announced, after) publication
    if len(parts) == 2 and (re.fullmatch(r"\d{1,2}", parts[0]) and parts[1] in _MONTHS
                            or re.fullmatch(r"\d{1,2}", parts[1]) and parts[0] in _MONTHS):
        day, month = (int(parts[0]), _MONTHS[parts[1]]) if parts[0].isdigit() else (int(parts[1]), _MONTHS[parts[0]])
        for year in ((pub.year, pub.year + 1) if future else (pub.year, pub.year - 1)):
            try:
                d = date(year, month, day)
            except ValueError:
                return words, None
            if (d >= pub) if future else (d <= pub):
                return d.isoformat(), When("day", d, d, d, words)
        return words, None
    if future:
        name = re.sub(r"^(next |this )", "", bare).split()[0] if bare else ""
        if name in _DAYS:
            # "will meet on Thursday" written on a Thursday: later that day; "next Thursday": a week on
            ahead = (_DAYS[name] - pub.weekday()) % 7 or (7 if bare.startswith("next ") else 0)
            d = pub + timedelta(days=ahead)
            return d.isoformat(), When("day", d, d, d, words)
        if bare in _MONTHS:  # "will visit in May": the May to come (this month's, if it is May)
            month = _MONTHS[bare]
            year = pub.year if month >= pub.month else pub.year + 1
            expr = f"{year}-{month:02d}"
            return expr, resolve(expr, pub)
    expr = re.sub(r"^in ", "", words)
    expr = re.sub(r"^on (?=\d|[A-Z][a-z]+ \d)", "", expr)
    try:
        return expr, resolve(expr, pub)
    except ValueError:
        return words, None


def _season(name: str, year: int | None, which: str | None, pub: date, future: bool) -> When:
    """A season of the northern hemisphere, as bounds: the one named by its year, else the one under way or
    (announced, "next") to come, or ("last", or reported as past) the last one begun before publication.

    >>> w = _season("spring", None, None, date(2027, 2, 10), True); (str(w.earliest), str(w.latest))
    ('2027-03-01', '2027-05-31')
    >>> w = _season("winter", 2026, None, date(2027, 2, 10), False); (str(w.earliest), str(w.latest))
    ('2026-12-01', '2027-02-28')
    """
    first, last = _SEASONS[name]

    def span(y: int) -> tuple[date, date]:
        end_year = y + 1 if last < first else y
        return month_bounds(y, first)[0], month_bounds(end_year, last)[1]

    if year is not None:
        lo, hi = span(year)
    else:
        starts = [span(y) for y in (pub.year - 2, pub.year - 1, pub.year, pub.year + 1)]
        current = [s for s in starts if s[0] <= pub <= s[1]]
        if which == "next" or (future and which != "last" and not current):
            lo, hi = next(s for s in starts if s[0] > pub)
        elif which == "last":
            lo, hi = [s for s in starts if s[1] < pub][-1]
        else:
            lo, hi = current[0] if current else [s for s in starts if s[1] < pub][-1]
    return When("unknown", None, lo, hi, name)



def from_first_day(d: DateP, pub: date) -> DateP:
    """A visit or a conference dated by a span of days ("from 3 to 5 March", "on 7 and 8 April", "from Monday
    to Wednesday") began on the first day and lasted to the last: ``on`` the first day, ``latest`` the last (a
    meeting so dated happened on one of them: its bounds are kept).

    >>> from_first_day(DateP(earliest="2027-03-03", latest="2027-03-05", text="from 3 to 5 March"), date(2027, 3, 1))
    DateP(on='2027-03-03', earliest=None, latest='2027-03-05', text='from 3 to 5 March')
    >>> from_first_day(DateP(earliest="2027-03-01", latest="2027-03-31", text="in March"), date(2027, 3, 1)).on
    """
    if d.on or not (d.earliest and d.latest) or not (_RANGE.search(d.text or "") or _DAYS_RANGE.search(d.text or "")):
        return d
    first, last = resolve(d.earliest, pub), resolve(d.latest, pub)
    if first.precision != "day" or last.precision != "day" or not first.value or not last.value \
            or first.value >= last.value:
        return d
    return DateP(on=d.earliest, latest=d.latest, text=d.text)
