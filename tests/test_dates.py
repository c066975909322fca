"""Dates at their real precision, with bounds relative to the publication date."""

from datetime import date

import pytest

from kg.facts.dates import resolve

PUB = date(2025, 2, 7)  # a Friday, the seed article's publication day


@pytest.mark.parametrize(
    ("expr", "precision", "literal", "earliest", "latest"),
    [
        (date(2025, 2, 6), "day", ("2025-02-06", "date"), date(2025, 2, 6), date(2025, 2, 6)),
        ("2025-02-06", "day", ("2025-02-06", "date"), date(2025, 2, 6), date(2025, 2, 6)),
        ("2025-01", "month", ("2025-01", "gYearMonth"), date(2025, 1, 1), date(2025, 1, 31)),
        ("2024-02", "month", ("2024-02", "gYearMonth"), date(2024, 2, 1), date(2024, 2, 29)),
        (2024, "year", ("2024", "gYear"), date(2024, 1, 1), date(2024, 12, 31)),
        ("2024", "year", ("2024", "gYear"), date(2024, 1, 1), date(2024, 12, 31)),
        ("September 2024", "month", ("2024-09", "gYearMonth"), date(2024, 9, 1), date(2024, 9, 30)),
        ("6 February 2025", "day", ("2025-02-06", "date"), date(2025, 2, 6), date(2025, 2, 6)),
        ("February 6, 2025", "day", ("2025-02-06", "date"), date(2025, 2, 6), date(2025, 2, 6)),
        ("Thursday", "day", ("2025-02-06", "date"), date(2025, 2, 6), date(2025, 2, 6)),
        ("on Thursday", "day", ("2025-02-06", "date"), date(2025, 2, 6), date(2025, 2, 6)),
        ("Wednesday night", "day", ("2025-02-05", "date"), date(2025, 2, 5), date(2025, 2, 5)),
        ("Friday", "day", ("2025-02-07", "date"), PUB, PUB),
        ("last Friday", "day", ("2025-01-31", "date"), date(2025, 1, 31), date(2025, 1, 31)),
        ("Saturday", "day", ("2025-02-01", "date"), date(2025, 2, 1), date(2025, 2, 1)),
        ("today", "day", ("2025-02-07", "date"), PUB, PUB),
        ("yesterday", "day", ("2025-02-06", "date"), date(2025, 2, 6), date(2025, 2, 6)),
        ("published", "day", ("2025-02-07", "date"), PUB, PUB),
        ("last month", "month", ("2025-01", "gYearMonth"), date(2025, 1, 1), date(2025, 1, 31)),
        ("next month", "month", ("2025-03", "gYearMonth"), date(2025, 3, 1), date(2025, 3, 31)),
        ("this month", "month", ("2025-02", "gYearMonth"), date(2025, 2, 1), date(2025, 2, 28)),
        ("earlier this month", "month", ("2025-02", "gYearMonth"), date(2025, 2, 1), PUB),
        ("last year", "year", ("2024", "gYear"), date(2024, 1, 1), date(2024, 12, 31)),
        ("September", "month", ("2024-09", "gYearMonth"), date(2024, 9, 1), date(2024, 9, 30)),
        ("January", "month", ("2025-01", "gYearMonth"), date(2025, 1, 1), date(2025, 1, 31)),
        ("last week", "unknown", None, date(2025, 1, 27), date(2025, 2, 2)),
        ("recently", "unknown", None, None, PUB),
        ("unknown", "unknown", None, None, None),
    ],
)
def test_resolve(expr, precision, literal, earliest, latest):
    w = resolve(expr, PUB)
    assert (w.precision, w.literal(), w.earliest, w.latest) == (precision, literal, earliest, latest)


def test_relative_wording_is_kept_and_absolute_is_not():
    assert resolve("last month", PUB).text == "last month"
    assert resolve("2025-01", PUB).text is None


def test_last_month_in_january_is_december_of_the_previous_year():
    assert resolve("last month", date(2025, 1, 15)).literal() == ("2024-12", "gYearMonth")


@pytest.mark.parametrize(
    ("expr", "message"),
    [
        ("2025-02-30", "February 2025 has 28 days"),
        ("2025-13", "there is no month 13"),
        ("2025-13-01", "there is no month 13"),
        ("31 April 2025", "April 2025 has 30 days"),
        ("the day after the summit", "not a date this tool understands"),
        (True, "must be text or a number"),
        (1.5, "must be text or a number"),
    ],
)
def test_bad_dates_are_refused_with_a_reason(expr, message):
    with pytest.raises(ValueError, match=message):
        resolve(expr, PUB)


def test_relative_date_needs_a_publication_date():
    with pytest.raises(ValueError, match="relative to a publication date"):
        resolve("Thursday", None)
