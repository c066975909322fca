"""One value conversion for every stage: RDF literals <-> plain Python values, and partial dates.

A day is a ``datetime.date``; a month or a year (``xsd:gYearMonth``, ``xsd:gYear``) is a ``PartialDate``,
in the facts, in query results and in the networkx mirror alike.

>>> python_value(Literal("2025-01", datatype=NamedNode(XSD.gYearMonth)))
PartialDate(year=2025, month=1)
>>> month_bounds(2024, 2)
(datetime.date(2024, 2, 1), datetime.date(2024, 2, 29))
"""

from __future__ import annotations

import calendar
import re
from collections.abc import Mapping
from datetime import date, datetime
from decimal import Decimal, InvalidOperation
from typing import Any

from pyoxigraph import BlankNode, Literal, NamedNode, Triple

from kg.errors import QueryError
from kg.vocab import XSD


def bounds_text(lo: object, hi: object) -> str | None:
    """How the bounds of a date read when its day is not known; None when it has none.

    >>> bounds_text(date(2025, 1, 1), date(2025, 1, 31)), bounds_text(None, date(2025, 1, 31))
    ('between 2025-01-01 and 2025-01-31', 'no later than 2025-01-31')
    """
    if lo and hi:
        return str(lo) if lo == hi else f"between {lo} and {hi}"
    if lo:
        return f"no earlier than {lo}"
    if hi:
        return f"no later than {hi}"
    return None


def month_bounds(year: int, month: int) -> tuple[date, date]:
    """The first and last day of a month."""
    return date(year, month, 1), date(year, month, calendar.monthrange(year, month)[1])




class PartialDate:
    """A date known to the month or to the year only (``xsd:gYearMonth``, ``xsd:gYear``): an immutable value,
    equal to another of the same year and month (not a tuple: a value of an attribute is never a list).

    >>> d = PartialDate(2025, 1)
    >>> str(d), d.first_day, d.last_day, str(PartialDate(2024))
    ('2025-01', datetime.date(2025, 1, 1), datetime.date(2025, 1, 31), '2024')
    >>> PartialDate.parse("2024-09"), PartialDate(2024, 9) == PartialDate.parse("2024-09"), d == (2025, 1)
    (PartialDate(year=2024, month=9), True, False)
    >>> import pickle; pickle.loads(pickle.dumps(d)) == d, len({d, PartialDate(2025, 1)})
    (True, 1)
    >>> d.year = 2026
    Traceback (most recent call last):
    AttributeError: a PartialDate cannot be changed
    """

    __slots__ = ("year", "month")
    year: int
    month: int | None

    def __init__(self, year: int, month: int | None = None) -> None:
        object.__setattr__(self, "year", year)
        object.__setattr__(self, "month", month)

    def __setattr__(self, name: str, value: object) -> None:
        raise AttributeError("a PartialDate cannot be changed")

    def __eq__(self, other: object) -> bool:
        if other.__class__ is not PartialDate:
            return NotImplemented
        return (self.year, self.month) == (other.year, other.month)  # type: ignore[attr-defined]

    def __hash__(self) -> int:
        return hash((self.year, self.month))

    def __repr__(self) -> str:
        return f"PartialDate(year={self.year!r}, month={self.month!r})"

    def __reduce__(self) -> tuple:
        return PartialDate, (self.year, self.month)

    def __str__(self) -> str:
        return f"{self.year:04d}" if self.month is None else f"{self.year:04d}-{self.month:02d}"

    @classmethod
    def parse(cls, text: str) -> PartialDate:
        m = re.fullmatch(r"(\d{4})(?:-(\d{2}))?", text)
        if not m or (m.group(2) and not 1 <= int(m.group(2)) <= 12):
            raise ValueError(f"not a year or a year-month: {text!r}")
        return cls(int(m.group(1)), int(m.group(2)) if m.group(2) else None)

    @property
    def first_day(self) -> date:
        return date(self.year, self.month or 1, 1)

    @property
    def last_day(self) -> date:
        return month_bounds(self.year, self.month or 12)[1]

    def literal(self) -> Literal:
        """The RDF literal: ``xsd:gYearMonth`` or ``xsd:gYear``."""
        return Literal(str(self), datatype=NamedNode(XSD.gYear if self.month is None else XSD.gYearMonth))


_INTEGERS = {XSD[t] for t in ("integer", "int", "long", "short", "byte", "nonNegativeInteger", "positiveInteger",
                              "nonPositiveInteger", "negativeInteger", "unsignedInt", "unsignedLong",
                              "unsignedShort", "unsignedByte")}
_CONVERT: dict[str, Any] = {
    XSD.date: date.fromisoformat, XSD.dateTime: datetime.fromisoformat, XSD.decimal: Decimal,
    XSD.double: float, XSD.float: float, XSD.gYearMonth: PartialDate.parse, XSD.gYear: PartialDate.parse,
    XSD.boolean: lambda v: {"true": True, "1": True, "false": False, "0": False}[v],
    **{t: int for t in _INTEGERS},
}


def python_value(term: object) -> object:
    """A term as a plain Python value: IRIs and text as ``str``, numbers, ``date``, ``PartialDate``, ``None``.

    Literals whose lexical form is invalid for their datatype stay text.

    >>> python_value(Literal("2025-01", datatype=NamedNode(XSD.gYearMonth)))
    PartialDate(year=2025, month=1)
    >>> python_value(Literal("2025-02-06", datatype=NamedNode(XSD.date))), python_value(Literal(3))
    (datetime.date(2025, 2, 6), 3)
    >>> python_value(NamedNode("urn:x")), python_value(Literal("hi", language="en")), python_value(None)
    ('urn:x', 'hi', None)
    """
    if isinstance(term, Literal):
        convert = _CONVERT.get(term.datatype.value)
        if convert is not None:
            try:
                return convert(term.value)
            except (ValueError, KeyError, InvalidOperation):
                pass
        return term.value
    if isinstance(term, NamedNode):
        return term.value
    if isinstance(term, BlankNode):
        return "_:" + term.value
    if isinstance(term, Triple):
        return tuple(python_value(t) for t in (term.subject, term.predicate, term.object))
    if isinstance(term, dict):
        return python_value(term_from_json(term))
    return term


def to_term(value: object) -> NamedNode | BlankNode | Literal | Triple:
    """A Python value as an RDF term to bind: terms as they are, ``date``, ``PartialDate``, numbers, text.

    >>> to_term(date(2025, 2, 6))
    <Literal value=2025-02-06 datatype=<NamedNode value=http://www.w3.org/2001/XMLSchema#date>>
    """
    if isinstance(value, (NamedNode, BlankNode, Literal, Triple)):
        return value
    if isinstance(value, PartialDate):
        return value.literal()
    if isinstance(value, datetime):
        return Literal(value.isoformat(), datatype=NamedNode(XSD.dateTime))
    if isinstance(value, date):
        return Literal(value.isoformat(), datatype=NamedNode(XSD.date))
    if isinstance(value, Decimal):
        return Literal(str(value), datatype=NamedNode(XSD.decimal))
    if isinstance(value, (bool, int, float, str)):
        return Literal(value)
    raise QueryError(f"cannot bind {value!r} ({type(value).__name__}) as an RDF term")


def term_from_json(cell: Mapping[str, Any]) -> NamedNode | BlankNode | Literal | Triple:
    """A term of the SPARQL 1.1 JSON results format (``{"type": "uri", "value": ...}``) as a pyoxigraph term.

    >>> term_from_json({"type": "literal", "value": "2025", "datatype": XSD.gYear})
    <Literal value=2025 datatype=<NamedNode value=http://www.w3.org/2001/XMLSchema#gYear>>
    """
    kind = cell.get("type")
    if kind == "uri":
        return NamedNode(cell["value"])
    if kind == "bnode":
        return BlankNode(cell["value"])
    if kind in ("literal", "typed-literal"):
        if cell.get("xml:lang"):
            return Literal(cell["value"], language=cell["xml:lang"])
        dt = cell.get("datatype")
        return Literal(cell["value"], datatype=NamedNode(dt)) if dt else Literal(cell["value"])
    if kind == "triple":
        v = cell["value"]
        return Triple(*(term_from_json(v[k]) for k in ("subject", "predicate", "object")))  # type: ignore[arg-type]
    raise QueryError(f"not a SPARQL JSON term: {cell!r}")


__all__ = ["PartialDate", "month_bounds", "python_value", "term_from_json", "to_term"]
