"""Dates at their real precision: a day, a month, a year, or only bounds.

Curators write what the article says; this module turns it into a value with a
precision and the tightest ``[earliest, latest]`` bounds that the publication date allows.

>>> pub = date(2025, 2, 7)          # a Friday
>>> w = resolve("Thursday", pub); (w.precision, w.value, w.text)
('day', datetime.date(2025, 2, 6), 'Thursday')
>>> resolve("last month", pub).literal()
('2025-01', 'gYearMonth')
>>> w = resolve("recently", pub); (w.precision, w.earliest, w.latest)
('unknown', None, datetime.date(2025, 2, 7))
>>> resolve("September 2024", pub).literal()
('2024-09', 'gYearMonth')
>>> resolve("2025-02-30", pub)
Traceback (most recent call last):
...
ValueError: February 2025 has 28 days
>>> resolve("yesterday", date(1, 1, 1))
Traceback (most recent call last):
...
ValueError: 'yesterday' falls outside the calendar, years 0001 to 9999
"""

from __future__ import annotations

import calendar
import re
from dataclasses import dataclass, replace
from datetime import date, datetime, timedelta

from kg.values import month_bounds

PRECISIONS = ("day", "month", "year", "unknown")

_WEEKDAYS = {name.lower(): i for i, name in enumerate(calendar.day_name)}
_MONTHS = {name.lower(): i for i, name in enumerate(calendar.month_name) if name}
_MONTHS.update({name.lower(): i for i, name in enumerate(calendar.month_abbr) if name})
_PARTS_OF_DAY = ("morning", "afternoon", "evening", "night")

#: The forms a date may take, shown in error messages and documented in the README.
ACCEPTED = (
    "a day (2025-02-06, 6 February 2025, February 6, 2025), a month (2025-01, January 2025), "
    "a year (2024), or wording relative to the publication date: today, yesterday, a weekday "
    "(Thursday, on Wednesday night, last Monday), this/last/next week|month|year, earlier this "
    "month|year, a month name alone (September), recently, published, unknown"
)


@dataclass(frozen=True)
class When:
    """A resolved date: ``value`` is a ``date`` (day), ``(year, month)`` (month), ``int`` (year) or None."""

    precision: str
    value: object
    earliest: date | None
    latest: date | None
    text: str | None = None

    def literal(self) -> tuple[str, str] | None:
        """The lexical form and XSD datatype name of the value, or None when the precision is unknown."""
        if self.precision == "day":
            return self.value.isoformat(), "date"  # type: ignore[union-attr]
        if self.precision == "month":
            y, m = self.value  # type: ignore[misc]
            return f"{y:04d}-{m:02d}", "gYearMonth"
        if self.precision == "year":
            return f"{self.value:04d}", "gYear"
        return None

    def rank(self) -> int:
        """Higher is more precise: day 3, month 2, year 1, unknown 0."""
        return 3 - PRECISIONS.index(self.precision)


def _day(d: date, text: str | None) -> When:
    return When("day", d, d, d, text)


def _month(y: int, m: int, text: str | None) -> When:
    first, last = month_bounds(y, m)
    return When("month", (y, m), first, last, text)


def _year(y: int, text: str | None) -> When:
    if not 1 <= y <= 9999:
        raise ValueError(f"{text or y!r} falls outside the calendar, years 0001 to 9999")
    return When("year", y, date(y, 1, 1), date(y, 12, 31), text)


def _plus(d: date, days: int, text: str) -> date:
    """``d`` moved by ``days``; a ValueError (not an OverflowError) past either end of the calendar."""
    try:
        return d + timedelta(days=days)
    except OverflowError:
        raise ValueError(f"{text!r} falls outside the calendar, years 0001 to 9999") from None


def _check_day(y: int, m: int, d: int, raw: str) -> date:
    if not 1 <= m <= 12:
        raise ValueError(f"there is no month {m}")
    days = calendar.monthrange(y, m)[1]
    if not 1 <= d <= days:
        raise ValueError(f"{calendar.month_name[m]} {y} has {days} days")
    return date(y, m, d)


def _shift_month(y: int, m: int, delta: int, text: str = "") -> tuple[int, int]:
    k = y * 12 + (m - 1) + delta
    if not 1 <= k // 12 <= 9999:
        raise ValueError(f"{text!r} falls outside the calendar, years 0001 to 9999")
    return k // 12, k % 12 + 1


def resolve(expr: object, published: date | None) -> When:
    """Resolve a date as written by a curator against the publication date of its source.

    ``expr`` may be a ``datetime.date`` (YAML turns 2025-02-06 into one), an ``int`` year or a string.
    Raises ``ValueError`` with a message fit for the user when the expression is not understood or is
    not a real date.
    """
    if isinstance(expr, datetime):
        expr = expr.date()
    if isinstance(expr, date):
        return _day(expr, None)
    if isinstance(expr, bool) or not isinstance(expr, (int, str)):
        what = "a list" if isinstance(expr, list) else "a mapping" if isinstance(expr, dict) else type(expr).__name__
        raise ValueError(f"a date must be text or a number (a year), not {what}")
    if isinstance(expr, int):
        if not 1000 <= expr <= 9999:  # a year is written with four digits
            raise ValueError(f"{expr!r} is not a date this tool understands; write {ACCEPTED}")
        return _year(expr, None)
    raw = expr
    s = " ".join(expr.strip().split())
    low = s.lower()

    # ASCII digits only: "\d" would also read other scripts' digits, or superscripts, as a year
    m = re.fullmatch(r"([0-9]{4})-([0-9]{2})-([0-9]{2})", s)
    if m:
        return _day(_check_day(int(m[1]), int(m[2]), int(m[3]), raw), None)
    m = re.fullmatch(r"([0-9]{4})-([0-9]{2})", s)
    if m:
        if not 1 <= int(m[2]) <= 12:
            raise ValueError(f"there is no month {int(m[2])}")
        return _month(int(m[1]), int(m[2]), None)
    if re.fullmatch(r"[0-9]{4}", s):
        return _year(int(s), None)  # "0000" is refused there: the calendar has no year 0
    words = low.replace(",", " ").split()
    # 6 February 2025 / February 6, 2025 / February 2025
    day, year = re.compile(r"[0-9]{1,2}"), re.compile(r"[0-9]{4}")
    if len(words) == 3 and day.fullmatch(words[0]) and words[1] in _MONTHS and year.fullmatch(words[2]):
        return _day(_check_day(int(words[2]), _MONTHS[words[1]], int(words[0]), raw), s)
    if len(words) == 3 and words[0] in _MONTHS and day.fullmatch(words[1]) and year.fullmatch(words[2]):
        return _day(_check_day(int(words[2]), _MONTHS[words[0]], int(words[1]), raw), s)
    if len(words) == 2 and words[0] in _MONTHS and year.fullmatch(words[1]):
        return _month(int(words[1]), _MONTHS[words[0]], s)
    if low == "unknown":
        return When("unknown", None, None, None, None)

    if published is None:
        raise ValueError(f"{raw!r} is relative to a publication date, and the source has none")
    return _relative(low, s, published)


def resolve_between(expr: object, first: date | None, last: date | None) -> When:
    """Resolve a date against a publication day known only to lie in ``[first, last]`` (a month, a year,
    or only a retrieval day: ``first`` None): the honest bounds of every day it could mean.

    A date that does not depend on the publication day is resolved as it is; a relative one is resolved
    against both ends, and keeps its value only when both agree.

    >>> w = resolve_between("last month", date(2025, 1, 1), date(2025, 1, 31)); w.literal()
    ('2024-12', 'gYearMonth')
    >>> w = resolve_between("Thursday", date(2025, 1, 1), date(2025, 1, 31)); (w.precision, w.earliest, w.latest)
    ('unknown', datetime.date(2024, 12, 26), datetime.date(2025, 1, 30))
    >>> w = resolve_between("recently", None, date(2025, 3, 2)); (w.precision, w.earliest, w.latest)
    ('unknown', None, datetime.date(2025, 3, 2))
    """
    if first is not None and first == last:
        return resolve(expr, first)
    try:
        return resolve(expr, None)
    except ValueError as e:
        if "relative to a publication date" not in str(e):
            raise
    if last is None:
        raise ValueError(f"{expr!r} is relative to a publication date, and the source gives neither its "
                         "publication date nor the day it was retrieved")
    hi = resolve(expr, last)
    lo = resolve(expr, first) if first is not None else None
    if lo is not None and (lo.precision, lo.value) == (hi.precision, hi.value) and lo.precision != "unknown":
        return When(hi.precision, hi.value, lo.earliest, hi.latest, hi.text)
    return When("unknown", None, lo.earliest if lo is not None else None, hi.latest, hi.text)


def _relative(low: str, s: str, pub: date) -> When:
    words = low.split()
    if words and words[0] in ("on", "in"):
        words = words[1:]
    if words and words[-1] in _PARTS_OF_DAY:
        words = words[:-1]
    phrase = " ".join(words)
    if phrase in ("published", "publication date", "today", "tonight", "this morning", "this evening"):
        return _day(pub, None if phrase == "published" else s)
    if phrase in ("yesterday", "last night"):
        return _day(_plus(pub, -1, s), s)
    if phrase in ("recently", "earlier", "lately", "previously"):
        return When("unknown", None, None, pub, s)
    last = phrase.startswith("last ")
    name = phrase[5:] if last else phrase
    if name in _WEEKDAYS:
        back = (pub.weekday() - _WEEKDAYS[name]) % 7
        if last and back == 0:
            back = 7
        return _day(_plus(pub, -back, s), s)
    if phrase in _MONTHS:  # a month name alone: the latest such month up to publication
        y, mo = pub.year, _MONTHS[phrase]
        if mo > pub.month:
            y, mo = _shift_month(y, mo, -12, s)
        return _month(y, mo, s)
    table = {"this": 0, "last": -1, "next": 1}
    if len(words) == 2 and words[0] in table:
        delta = table[words[0]]
        if words[1] == "month":
            y, mo = _shift_month(pub.year, pub.month, delta, s)
            return _month(y, mo, s)
        if words[1] == "year":
            return _year(pub.year + delta, s)
        if words[1] == "week":
            monday = _plus(pub, 7 * delta - pub.weekday(), s)
            return When("unknown", None, monday, _plus(monday, 6, s), s)
    if phrase == "earlier this month":
        return replace(_month(pub.year, pub.month, s), latest=pub)
    if phrase == "earlier this year":
        return replace(_year(pub.year, s), latest=pub)
    raise ValueError(f"{s!r} is not a date this tool understands; write {ACCEPTED}")
