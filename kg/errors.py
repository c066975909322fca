"""The exceptions diplomatic-kg raises, in one small tree.

::

    KGError                      base of everything raised on purpose
    ├── FactsError               the curated facts are wrong; carries every Problem found
    ├── ShapeError               the built graph does not conform to the SHACL shapes
    ├── QueryError               a query is malformed, refused or failed
    │   └── UnknownEntityError   a name that matches no entity (with suggestions)
    └── OutputError              an output could not be written (nothing was replaced)

Library code raises these; only ``kg.cli`` turns them into messages and exit codes.

>>> p = Problem("data/facts/a.yaml", 12, "events[0].date", "a date such as 2025-02-07", "2025-02-30")
>>> str(p)
"data/facts/a.yaml:12: events[0].date: expected a date such as 2025-02-07, got '2025-02-30'"
"""

from __future__ import annotations

from dataclasses import dataclass


@dataclass(frozen=True, order=True)
class Problem:
    """One thing wrong with the input: where it is, which field, what was expected, what was found."""

    file: str
    line: int
    field: str
    expected: str
    got: object = None
    severity: str = "error"

    def __str__(self) -> str:
        where = f"{self.file}:{self.line}" if self.line else self.file
        got = "" if self.got is None else f", got {self.got!r}"
        return f"{where}: {self.field}: expected {self.expected}{got}"


class KGError(Exception):
    """Base class of every error diplomatic-kg raises on purpose."""


class FactsError(KGError):
    """The curated facts have problems; ``problems`` lists all of them, in file order."""

    def __init__(self, problems: list[Problem]):
        self.problems = sorted(problems)
        n = len(self.problems)
        lines = "\n".join(f"  {p}" for p in self.problems)
        super().__init__(f"{n} problem{'s' if n != 1 else ''} in the facts:\n{lines}")


class ShapeError(KGError):
    """The built graph violates SHACL shapes; ``problems`` says where each violation comes from."""

    def __init__(self, problems: list[Problem]):
        self.problems = sorted(problems)
        n = len(self.problems)
        lines = "\n".join(f"  {p}" for p in self.problems)
        super().__init__(f"{n} SHACL violation{'s' if n != 1 else ''}:\n{lines}")


class QueryError(KGError):
    """A query is malformed, refused (e.g. SERVICE) or failed while running."""


class UnknownEntityError(QueryError):
    """A name matches no entity; ``suggestions`` holds close matches as (id, label) pairs."""

    def __init__(self, name: str, suggestions: list[tuple[str, str]] | None = None):
        self.name = name
        self.suggestions = suggestions or []
        msg = f"no entity is called {name!r}"
        if self.suggestions:
            msg += "; did you mean " + ", ".join(f"{label} ({ident})" for ident, label in self.suggestions) + "?"
        super().__init__(msg)


class OutputError(KGError):
    """An output could not be written; the previous outputs were left as they were."""
