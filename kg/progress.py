"""Progress of a long build: the stage running, on one refreshed line of stderr when stderr is a terminal
(silent otherwise), and how long each stage took, for the summary.

>>> import io
>>> p = Progress(stream=io.StringIO())      # not a terminal: nothing is shown
>>> with p.stage("read"):
...     p.note("3 files")
>>> list(p.times), p.stream.getvalue()
(['read'], '')
"""

from __future__ import annotations

import sys
import time
from collections.abc import Iterator
from contextlib import contextmanager
from typing import TextIO

#: The stages of a build, in order (the summary lists those that ran).
STAGES = ("read", "merge", "quads", "store", "infer", "shapes", "write")


class Progress:
    """Times the stages of a build; shows them as they run when ``stream`` is a terminal."""

    def __init__(self, stream: TextIO | None = None, *, show: bool | None = None):
        self.stream = stream if stream is not None else sys.stderr
        isatty = getattr(self.stream, "isatty", None)
        self.show = show if show is not None else bool(isatty and isatty())
        self.times: dict[str, float] = {}
        self._current = ""
        self._start = time.perf_counter()

    @contextmanager
    def stage(self, name: str) -> Iterator[None]:
        """A stage; one begun inside another counts apart from it (the outer stage's time is its own).

        >>> p = Progress(show=False)
        >>> with p.stage("write"):
        ...     with p.stage("shapes"):
        ...         pass
        >>> sorted(p.times) == ["shapes", "write"] and p._current == ""
        True
        """
        t0 = time.perf_counter()
        outer, self._current = self._current, name
        self._line(f"{name}...")
        try:
            yield
        finally:
            took = time.perf_counter() - t0
            self.times[name] = self.times.get(name, 0.0) + took
            if outer:
                self.times[outer] = self.times.get(outer, 0.0) - took
            self._current = outer

    def note(self, text: str) -> None:
        """What the current stage is at (files read, quads written...)."""
        self._line(f"{self._current}: {text}" if self._current else text)

    def _line(self, text: str) -> None:
        if self.show:
            elapsed = time.perf_counter() - self._start
            self.stream.write(f"\r\x1b[K[{elapsed:6.1f} s] {text}")
            self.stream.flush()

    def done(self) -> None:
        """Clear the progress line."""
        if self.show:
            self.stream.write("\r\x1b[K")
            self.stream.flush()

    def summary(self) -> str:
        """``read 0.12 s, merge 0.01 s, ...`` in pipeline order."""
        names = [s for s in STAGES if s in self.times] + [s for s in self.times if s not in STAGES]
        return ", ".join(f"{n} {self.times[n]:.2f} s" for n in names)


__all__ = ["STAGES", "Progress"]
