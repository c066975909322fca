"""The exceptions diplomatic-kg raises, in one small tree.

::

    KGError                      base of everything raised on purpose
    ├── FactsError               the curated facts are wrong; carries every Problem found
    ├── ShapeError               the built graph does not conform to the SHACL shapes
    ├── QueryError               a query is malformed, refused or failed
    │   ├── UnknownEntityError   a name that matches no entity (with suggestions)
    │   ├── AmbiguousNameError   a name that matches several entities (with the candidates)
    │   ├── QueryTimeout         the server stopped a query that ran past its time limit
    │   └── TooManyRows          a result larger than the server gives out
    ├── OutputError              an output could not be written (nothing was replaced)
    │   └── PushError            a push to a remote store failed (says what was sent, and if partial)
    └── ServerError              the SPARQL server cannot answer
        ├── ServerBusy           no worker became free in time
        └── WorkerFailed         a worker died while answering

Library code raises these; only ``kg.cli`` turns them into messages and exit codes.

>>> p = Problem("data/facts/a.yaml", 12, "events[0].date", "a date such as 2025-02-07", "2025-02-30")
>>> str(p)
"data/facts/a.yaml:12: events[0].date: expected a date such as 2025-02-07, got '2025-02-30'"
"""

from __future__ import annotations

import re
from collections import Counter
from typing import Any, NamedTuple


class Problem(NamedTuple):
    """One thing wrong with the input: where it is, which field, what was expected, what was found (a named
    tuple: immutable and ordered by its fields, without the ``dataclasses`` import every command would pay)."""

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
    """The curated facts have problems; ``problems`` lists all of them, in file order.

    The message shows the first ``SHOWN`` problems in full, then counts the rest by field, so that it stays
    short however many there are:

    >>> e = FactsError([Problem("f.yaml", n, f"events[{n}].participants", "a known id", "x") for n in range(1, 60)]
    ...                + [Problem("f.yaml", 99, "source.title", "a non-empty text", True)])
    >>> print(str(e).splitlines()[0]); print(*str(e).splitlines()[-3:], sep="\\n")
    60 problems in the facts:
      ... and 10 more:
        9 at events[].participants (expected a known id)
        1 at source.title (expected a non-empty text)
    """

    #: How many problems the message shows in full.
    SHOWN = 50
    #: How many fields the count of the others names (then a total for the remaining fields).
    KINDS = 20

    def __init__(self, problems: list[Problem]):
        # A sort key that never compares values of different types (got may be a str, an int, None...).
        self.problems = sorted(problems, key=lambda p: (p.file, p.line, p.field, p.expected, repr(p.got)))
        n = len(self.problems)
        lines = [f"  {_printable(str(p))}" for p in self.problems[:self.SHOWN]]
        rest = self.problems[self.SHOWN:]
        if rest:
            lines.append(f"  ... and {len(rest):,} more:")
            kinds = Counter(_kind(p.field) for p in rest)
            expected = {}
            for p in rest:
                expected.setdefault(_kind(p.field), p.expected)
            ranked = sorted(kinds.items(), key=lambda kv: (-kv[1], kv[0]))
            width = len(f"{ranked[0][1]:,}")
            for kind, count in ranked[:self.KINDS]:
                lines.append(f"    {count:>{width},} at {kind} (expected {_gist(expected[kind])})")
            if len(ranked) > self.KINDS:
                others = ranked[self.KINDS:]
                lines.append(f"    {sum(c for _, c in others):>{width},} at {len(others):,} other fields")
        super().__init__(f"{n:,} problem{'s' if n != 1 else ''} in the facts:\n" + "\n".join(lines))


def _kind(field: str) -> str:
    return _printable(re.sub(r"\[\d+\]", "[]", field))


def _printable(text: str) -> str:
    r"""``text`` with every character a terminal would act on or UTF-8 cannot encode (controls, bidi
    overrides, unpaired surrogates) written as an escape, since a field name (an unknown key) comes from data.

    >>> _printable("events[0].ty\x1b[2Jpe\u202e\ud800")
    'events[0].ty\\x1b[2Jpe\\u202e\\ud800'
    """
    if text.isprintable():
        return text
    return "".join(c if c.isprintable() else c.encode("unicode_escape").decode("ascii") for c in text)


def _gist(expected: str) -> str:
    """What was expected, without the details of one case (suggestions, ids), in at most 100 characters."""
    text = re.sub(r" ?\((?:did you mean|also (?:used )?at|[^()]* is already)[^()]*\)", "", expected)
    return text if len(text) <= 100 else text[:97] + "..."


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


class AmbiguousNameError(QueryError):
    """A name matches several entities of the kind asked for; ``candidates`` lists them."""

    def __init__(self, name: str, candidates: list[Any]):
        self.name = name
        self.candidates = candidates
        listed = "; ".join(str(c) for c in candidates)
        super().__init__(f"{name!r} is ambiguous, it names {len(candidates)} entities: {listed}; use an id")


class QueryTimeout(QueryError):
    """The query ran longer than the time limit; its worker was stopped."""


class TooManyRows(QueryError):
    """The result has more rows (or triples) than the server gives out."""


class PushError(OutputError):
    """A push failed. ``chunks_sent``/``triples_sent`` say what the store accepted before the failure,
    ``remote_count`` how many triples it now holds in the graph (None: unknown), ``partial`` whether the
    remote graph may hold only part of what was meant (False: it was left as it was)."""

    def __init__(self, message: str, *, chunks_sent: int = 0, triples_sent: int = 0, total: int = 0,
                 remote_count: int | None = None, partial: bool = True):
        super().__init__(message)
        self.chunks_sent, self.triples_sent, self.total = chunks_sent, triples_sent, total
        self.remote_count, self.partial = remote_count, partial


class ServerError(KGError):
    """The server cannot answer: its store cannot be opened, or its workers are busy or failing."""


class ServerBusy(ServerError):
    """No worker became free in time, or too many requests are already waiting."""


class WorkerFailed(ServerError):
    """A worker died, or failed unexpectedly, while answering."""
