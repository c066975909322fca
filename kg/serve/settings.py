"""The settings of ``kg serve``, declared once, as data: ``--help``, the docs and ``Settings`` come from here.

A test checks that every setting is in ``docs/serve.md`` and in ``kg serve --help``.

>>> s = Settings(time_limit=1, max_rows=50)
>>> s.time_limit, s.max_rows, s.host, s.port
(1.0, 50, '127.0.0.1', 8000)
>>> Settings(workers=-1)
Traceback (most recent call last):
...
ValueError: workers must be at least 0, got -1
>>> [s.option for s in SETTINGS][:3]
['--host', '--port', '--workers']
"""

from __future__ import annotations

import argparse
import ipaddress
from dataclasses import dataclass
from typing import Any


@dataclass(frozen=True)
class Setting:
    """One setting: its name (``time_limit``), default, type, what it does, the name of its value in
    ``--help``, and the range it must be in."""

    name: str
    default: Any
    type: type
    help: str
    metavar: str = "N"
    minimum: float | None = None
    maximum: float | None = None

    @property
    def option(self) -> str:
        """The command-line option: ``--time-limit``."""
        return "--" + self.name.replace("_", "-")

    def check(self, value: Any) -> Any:
        """``value`` converted to the setting's type; ``ValueError`` if it is not one, or too small."""
        try:
            converted = self.type(value)
        except (TypeError, ValueError):
            raise ValueError(f"{self.name} must be {'a number' if self.type is not str else 'text'}, "
                             f"got {value!r}") from None
        if self.minimum is not None and converted < self.minimum:
            raise ValueError(f"{self.name} must be at least {self.minimum:g}, got {value!r}")
        if self.maximum is not None and converted > self.maximum:
            raise ValueError(f"{self.name} must be at most {self.maximum:g}, got {value!r}")
        return converted


#: Every setting of the server, in the order ``kg serve --help`` shows them.
SETTINGS: tuple[Setting, ...] = (
    Setting("host", "127.0.0.1", str,
            "address to listen on; loopback by default, any other address is reachable from other machines "
            "(a warning is printed)", "ADDRESS"),
    Setting("port", 8000, int, "TCP port to listen on (0: any free port)", "PORT", 0, 65535),
    Setting("workers", 0, int, "query worker processes, each with the store open read-only; this many queries "
            "run at once (0: one per CPU core, at least 2)", "N", 0),
    Setting("time_limit", 10.0, float, "seconds a query may run; a query that takes longer is stopped (its worker "
            "is killed and replaced) and answered with 503", "SECONDS", 0.01),
    Setting("wait_limit", 30.0, float, "seconds a request may wait in the queue for a free worker when all are "
            "busy; after that it is answered with 503 (busy)", "SECONDS", 0.01),
    Setting("max_rows", 10000, int, "rows (or triples) a result may have; a larger result is refused with 400, "
            "never cut short", "N", 1),
    Setting("max_request_bytes", 65536, int, "largest request (query string plus body), in bytes; larger ones "
            "get 413", "BYTES", 256),
    Setting("max_pending", 256, int, "requests that may wait for or hold a worker at once; more get 503 at once",
            "N", 1),
    Setting("max_response_bytes", 32 << 20, int, "largest answer a query may give, in bytes; a larger one is "
            "refused with 400, never cut short", "BYTES", 1024),
    Setting("max_depth", 64, int, "how deep brackets may nest in a query ((, {, [); deeper ones get 400 before "
            "they reach the engine", "N", 1, 10000),
    Setting("worker_memory", 2048, int, "address space of each worker process, in MiB (RLIMIT_AS); a query that "
            "needs more fails and its worker is replaced (0: no limit)", "MIB", 0),
    Setting("request_timeout", 20.0, float, "seconds a client has to send a whole request, and to take the whole "
            "answer; a slower one is disconnected", "SECONDS", 0.1),
    Setting("allowed_hosts", "", str, "host names the server answers to besides the loopback names and --host, "
            "comma-separated (e.g. kg.example.org); a request naming any other host in its Host header gets 421",
            "NAMES"),
    Setting("watch_interval", 1.0, float, "seconds between two looks at the output folder's current link, when "
            "serving kg build generations; a newer complete build is served from then on", "SECONDS", 0.05),
    Setting("cache_mb", 64, int, "MiB of answers kept, by query and generation served, so that a query asked "
            "again is answered without running it (the store served never changes); 0: none", "MIB", 0),
    Setting("cors_origin", "", str, "origin allowed to call the server from a web page of another site "
            "(e.g. https://example.org, or * for any); empty: no CORS headers, browsers refuse cross-site calls",
            "ORIGIN"),
)
_BY_NAME = {s.name: s for s in SETTINGS}


class Settings:
    """The values of every setting: the defaults, overridden by keyword.

    The annotations below only tell type checkers what ``SETTINGS`` declares; a test checks they agree.
    """

    __slots__ = tuple(_BY_NAME)
    host: str
    port: int
    workers: int
    time_limit: float
    wait_limit: float
    max_rows: int
    max_request_bytes: int
    max_pending: int
    max_response_bytes: int
    max_depth: int
    worker_memory: int
    request_timeout: float
    allowed_hosts: str
    watch_interval: float
    cache_mb: int
    cors_origin: str

    def __init__(self, **values: Any):
        unknown = set(values) - set(_BY_NAME)
        if unknown:
            raise TypeError(f"unknown setting(s): {', '.join(sorted(unknown))}")
        for s in SETTINGS:
            object.__setattr__(self, s.name, s.check(values.get(s.name, s.default)))

    def __setattr__(self, name: str, value: Any) -> None:
        raise AttributeError("Settings are read-only: make a new one with replace()")

    def __repr__(self) -> str:
        return "Settings(" + ", ".join(f"{s.name}={getattr(self, s.name)!r}" for s in SETTINGS) + ")"

    def __eq__(self, other: object) -> bool:
        return isinstance(other, Settings) and self.as_dict() == other.as_dict()

    def __hash__(self) -> int:
        return hash(tuple(self.as_dict().items()))

    def as_dict(self) -> dict[str, Any]:
        return {s.name: getattr(self, s.name) for s in SETTINGS}

    def replace(self, **values: Any) -> Settings:
        """A copy with some values changed.

        >>> Settings().replace(port=0).port
        0
        """
        return Settings(**{**self.as_dict(), **values})

    @property
    def worker_count(self) -> int:
        """How many workers to start: ``workers``, or one per CPU core (at least 2) when it is 0.

        >>> Settings(workers=3).worker_count, Settings().worker_count >= 2
        (3, True)
        """
        import os

        return self.workers or max(2, os.cpu_count() or 1)

    def host_allowed(self, host_header: str) -> bool:
        """Whether a Host header names this server: a loopback name or address, ``host``, or one of
        ``allowed_hosts`` (any port). Anything else would let a page of another site, whose name was made to
        point here (DNS rebinding), read the answers.

        >>> s = Settings(allowed_hosts="kg.example.org")
        >>> [s.host_allowed(h) for h in ("localhost:8000", "[::1]", "127.0.0.1", "KG.example.org:80", "evil.test")]
        [True, True, True, True, False]
        """
        name = host_header.strip().lower()
        if name.startswith("["):
            name = name[1:].split("]", 1)[0]
        elif name.count(":") == 1:
            name = name.split(":", 1)[0]
        name = name.rstrip(".")
        if not name:
            return False
        if is_loopback(name):
            return True
        names = {self.host.strip("[]").lower().rstrip(".")}
        names |= {n.strip().lower().rstrip(".") for n in self.allowed_hosts.split(",") if n.strip()}
        return name in names - {"0.0.0.0", "::", ""}

    @property
    def loopback(self) -> bool:
        """Whether ``host`` is a loopback address (or ``localhost``), reachable from this machine only.

        >>> Settings().loopback, Settings(host="::1").loopback, Settings(host="0.0.0.0").loopback
        (True, True, False)
        """
        return is_loopback(self.host)


def is_loopback(host: str) -> bool:
    """Whether a host name or address is loopback only."""
    if host.lower() in ("localhost", "localhost."):
        return True
    try:
        return ipaddress.ip_address(host.strip("[]")).is_loopback
    except ValueError:
        return False


def add_arguments(parser: argparse.ArgumentParser) -> None:
    """Add one option per setting, with its help and default."""
    for s in SETTINGS:
        shown = s.default if s.default != "" else "empty"
        parser.add_argument(s.option, dest=s.name, default=s.default, type=_checker(s), metavar=s.metavar,
                            help=f"{s.help} (default: {shown})")


def _checker(s: Setting):
    def check(text: str) -> Any:
        try:
            return s.check(text)
        except ValueError as e:
            raise argparse.ArgumentTypeError(str(e)) from None

    check.__name__ = s.type.__name__
    return check


def from_args(args: argparse.Namespace) -> Settings:
    """The settings given on the command line (see ``add_arguments``)."""
    return Settings(**{s.name: getattr(args, s.name) for s in SETTINGS})


__all__ = ["SETTINGS", "Setting", "Settings", "add_arguments", "from_args", "is_loopback"]
