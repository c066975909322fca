"""Dates as articles word them: for a true day and a publication day, a wording of the source's text and the
value a curator writes in the facts file (every form of the README's Dates table), true by construction.

``Dates.past(day, published)`` picks among the forms that are true of ``day`` seen from ``published`` (a
weekday only within the week before, "last month" only in the month before...), now and then the least used
one so that a corpus of a few articles already holds every form.

>>> import random
>>> from datetime import date
>>> from kg.facts.dates import resolve
>>> dates = Dates(random.Random(3))
>>> pub = date(2025, 2, 7)
>>> forms = [dates.past(date(2025, 2, 6), pub) for _ in range(40)]
>>> all(resolve(f.value, pub).earliest <= date(2025, 2, 6) for f in forms if resolve(f.value, pub).earliest)
True
>>> f = Form("on-weekday", "on Thursday", "on Thursday", "day"); (f.value, f.text)
('on Thursday', 'on Thursday')
"""

from __future__ import annotations

import calendar
import random
from collections import Counter
from datetime import date, timedelta
from typing import NamedTuple

_PARTS = ("morning", "afternoon", "evening", "night")

#: Every form a generated corpus uses, by precision (the names tests look for).
FORMS = {
    "day": ("iso-day", "day-month-year", "month-day-year", "weekday", "on-weekday", "weekday-part", "last-weekday",
            "today", "yesterday", "published"),
    "month": ("iso-month", "month-year", "last-month", "this-month", "next-month", "month-name",
              "earlier-this-month"),
    "year": ("iso-year", "last-year", "this-year", "earlier-this-year"),
    "unknown": ("last-week", "recently", "unknown"),
}
#: How often a form is chosen when it is true (most articles give days).
_WEIGHTS = {"iso-day": 6, "day-month-year": 3, "month-day-year": 2, "weekday": 3, "on-weekday": 6,
            "weekday-part": 2, "last-weekday": 2, "today": 3, "yesterday": 4, "published": 1, "iso-month": 2,
            "month-year": 3, "last-month": 3, "this-month": 1, "next-month": 2, "month-name": 2,
            "earlier-this-month": 2, "iso-year": 1, "last-year": 2, "this-year": 1, "earlier-this-year": 1,
            "last-week": 2, "recently": 3, "unknown": 1}


class Form(NamedTuple):
    """One wording: ``value`` for the facts file (a ``date``, an ``int`` year or text), ``text`` for the source
    (empty when the source gives no date words), and its precision."""

    name: str
    value: object
    text: str
    precision: str


def _month_name(d: date) -> str:
    return calendar.month_name[d.month]


def _month_index(d: date) -> int:
    return d.year * 12 + d.month - 1


class Dates:
    """Chooses date forms with one random generator, counting how often each was used."""

    def __init__(self, rng: random.Random, least_used: float = 0.3):
        self.rng, self.least_used = rng, least_used
        self.used: Counter[str] = Counter()

    def _choose(self, options: list[Form]) -> Form:
        if self.rng.random() < self.least_used:
            form = min(options, key=lambda f: self.used[f.name])
        else:
            form = self.rng.choices(options, [_WEIGHTS[f.name] for f in options])[0]
        self.used[form.name] += 1
        return form

    def past(self, d: date, pub: date, precisions: tuple[str, ...] = ("day", "month", "year", "unknown")) -> Form:
        """A true wording of day ``d`` (on or before ``pub``), at one of ``precisions``."""
        return self._choose([f for f in past_forms(d, pub) if f.precision in precisions])

    def future(self, d: date, pub: date) -> Form:
        """A true wording of a planned day ``d`` after ``pub``."""
        return self._choose(future_forms(d, pub))

    def day(self, d: date, pub: date) -> Form:
        """A day-precision wording of ``d`` (for the ``on`` and bounds of a date mapping)."""
        return self.past(d, pub, ("day",))


def past_forms(d: date, pub: date) -> list[Form]:
    """Every form of the Dates table that is true of ``d`` as seen on ``pub`` (``d <= pub``).

    >>> [f.name for f in past_forms(date(2025, 2, 6), date(2025, 2, 7))][:7]
    ['iso-day', 'day-month-year', 'month-day-year', 'weekday', 'on-weekday', 'weekday-part', 'last-weekday']
    """
    back = (pub - d).days
    wd, month = calendar.day_name[d.weekday()], _month_name(d)
    out = [Form("iso-day", d, f"on {d.day} {month}", "day"),
           Form("day-month-year", f"{d.day} {month} {d.year}", f"on {d.day} {month} {d.year}", "day"),
           Form("month-day-year", f"{month} {d.day}, {d.year}", f"on {month} {d.day}, {d.year}", "day")]
    if 0 <= back <= 6:
        part = _PARTS[d.toordinal() % 4]
        out += [Form("weekday", wd, f"on {wd}", "day"), Form("on-weekday", f"on {wd}", f"on {wd}", "day"),
                Form("weekday-part", f"{wd} {part}", f"on {wd} {part}", "day")]
    if 1 <= back <= 7:
        out.append(Form("last-weekday", f"last {wd}", f"last {wd}", "day"))
    if back == 0:
        out += [Form("today", "today", "today", "day"), Form("published", "published", "", "day")]
    if back == 1:
        out.append(Form("yesterday", "yesterday", "yesterday", "day"))
    out += [Form("iso-month", f"{d:%Y-%m}", f"in {month} {d.year}", "month"),
            Form("month-year", f"{month} {d.year}", f"in {month} {d.year}", "month")]
    months = _month_index(pub) - _month_index(d)
    if months == 1:
        out.append(Form("last-month", "last month", "last month", "month"))
    if months == 0:
        out += [Form("this-month", "this month", "this month", "month"),
                Form("earlier-this-month", "earlier this month", "earlier this month", "month")]
    if 0 <= months <= 11:
        out.append(Form("month-name", month, f"in {month}", "month"))
    out.append(Form("iso-year", d.year, f"in {d.year}", "year"))
    if d.year == pub.year - 1:
        out.append(Form("last-year", "last year", "last year", "year"))
    if d.year == pub.year:
        out += [Form("this-year", "this year", "this year", "year"),
                Form("earlier-this-year", "earlier this year", "earlier this year", "year")]
    monday = pub - timedelta(days=pub.weekday() + 7)
    if monday <= d <= monday + timedelta(days=6):
        out.append(Form("last-week", "last week", "last week", "unknown"))
    out += [Form("recently", "recently", "recently", "unknown"), Form("unknown", "unknown", "", "unknown")]
    return out


def future_forms(d: date, pub: date) -> list[Form]:
    """The forms true of a planned day ``d`` after ``pub``.

    >>> [f.name for f in future_forms(date(2025, 3, 10), date(2025, 2, 7))]
    ['iso-day', 'day-month-year', 'iso-month', 'month-year', 'next-month']
    """
    month = _month_name(d)
    out = [Form("iso-day", d, f"on {d.day} {month}", "day"),
           Form("day-month-year", f"{d.day} {month} {d.year}", f"on {d.day} {month} {d.year}", "day"),
           Form("iso-month", f"{d:%Y-%m}", f"in {month} {d.year}", "month"),
           Form("month-year", f"{month} {d.year}", f"in {month} {d.year}", "month")]
    months = _month_index(d) - _month_index(pub)
    if months == 1:
        out.append(Form("next-month", "next month", "next month", "month"))
    if months == 0:
        out.append(Form("this-month", "this month", "later this month", "month"))
    return out


__all__ = ["FORMS", "Dates", "Form", "future_forms", "past_forms"]
