"""Time windows of the graph queries: ``YYYY``, ``YYYY-MM`` or ``YYYY-MM-DD`` bounds, and the graph helper.

A window keeps the events whose ``[dkg:earliestDate, dkg:latestDate]`` bounds overlap it.
"""

from __future__ import annotations

import re
from datetime import date
from typing import TYPE_CHECKING

from kg.errors import QueryError
from kg.values import month_bounds

if TYPE_CHECKING:
    from pyoxigraph import Store

    from kg.graph import KnowledgeGraph


def parse_window(start: object = None, end: object = None) -> tuple[date | None, date | None]:
    """Window bounds as dates: ``start`` at its first day, ``end`` at its last; None is open.

    >>> parse_window("2024", "2025-02")
    (datetime.date(2024, 1, 1), datetime.date(2025, 2, 28))
    >>> parse_window("2025-02-30", None)
    Traceback (most recent call last):
    ...
    kg.errors.QueryError: expected a date such as 2025-02-07, 2025-02 or 2025, got '2025-02-30'
    """
    lo, hi = parse_bound(start), parse_bound(end, end=True)
    if lo and hi and lo > hi:
        raise QueryError(f"the window starts ({lo}) after it ends ({hi})")
    return lo, hi


def parse_bound(value: object, *, end: bool = False) -> date | None:
    """A window bound from a date or ``YYYY``, ``YYYY-MM``, ``YYYY-MM-DD``: a year or month starts on its
    first day, or ends on its last day when ``end`` is true; None stays open.

    >>> parse_bound("2024"), parse_bound("2024", end=True)
    (datetime.date(2024, 1, 1), datetime.date(2024, 12, 31))
    >>> parse_bound("7 Feb")
    Traceback (most recent call last):
    ...
    kg.errors.QueryError: expected a date such as 2025-02-07, 2025-02 or 2025, got '7 Feb'
    """
    if value is None or isinstance(value, date):
        return value
    text = str(value).strip()
    try:
        if re.fullmatch(r"\d{4}", text):
            return date(int(text), 12, 31) if end else date(int(text), 1, 1)
        if m := re.fullmatch(r"(\d{4})-(\d{2})", text):
            return month_bounds(int(m[1]), int(m[2]))[1 if end else 0]
        if re.fullmatch(r"\d{4}-\d{2}-\d{2}", text):
            return date.fromisoformat(text)
    except ValueError:
        pass
    raise QueryError(f"expected a date such as 2025-02-07, 2025-02 or 2025, got {text!r}")


def _kg(graph: KnowledgeGraph | Store) -> KnowledgeGraph:
    from kg.graph import KnowledgeGraph

    return graph if isinstance(graph, KnowledgeGraph) else KnowledgeGraph(graph)
