"""The ``kg`` command: one thin sub-command per verb, each in its own module of this package.

A sub-command module defines ``register(subparsers)``, which adds its parser and sets
``func=run`` where ``run(args) -> int``. Library exceptions become messages and exit codes here,
and only here: exit 1 for bad input or a failed operation, 2 for bad usage; never a traceback.
"""

from __future__ import annotations

import argparse
import importlib
import sys

from kg.errors import KGError

#: Sub-command modules, in the order ``kg --help`` lists them.
COMMANDS = ("init", "build", "conflicts", "query", "network", "viz", "profile", "draft", "generate", "serve",
            "export")


def parser(only: str | None = None) -> argparse.ArgumentParser:
    """The ``kg`` parser; with ``only`` (a command name), just that sub-command's parser is registered, so that
    running one command imports no other command's module (``kg query`` starts without the server's code)."""
    p = argparse.ArgumentParser(
        prog="kg",
        description="diplomatic-kg: build, query, explore and share a knowledge graph of diplomatic encounters.",
    )
    from kg import __version__

    p.add_argument("--version", action="version", version=f"diplomatic-kg {__version__}")
    sub = p.add_subparsers(dest="command", metavar="COMMAND")
    for name in COMMANDS if only is None else (only,):
        importlib.import_module(f"{__name__}.{name}").register(sub)
    return p


#: Commands registered by a module of another name (any other command: the module of its name).
_MODULE_OF = {"validate": "build", "search": "query", "path": "network", "neighbors": "network",
              "rank": "network", "communities": "network", "push": "export"}


def _command_of(argv: list[str]) -> str | None:
    """The module of the sub-command the arguments run, when it is plain to see (the first argument names a
    command); else None, and every module is registered."""
    name = _MODULE_OF.get(argv[0], argv[0]) if argv else None
    return name if name in COMMANDS else None


def main(argv: list[str] | None = None) -> int:
    """Run the ``kg`` command; return its exit code."""
    p = parser(_command_of(sys.argv[1:] if argv is None else argv))
    args = p.parse_args(argv)
    if not getattr(args, "func", None):
        p.print_help()
        return 2
    try:
        return int(args.func(args) or 0)
    except KGError as e:
        print(f"kg {args.command}: error: {e}", file=sys.stderr)
        return 1
    except KeyboardInterrupt:
        print("interrupted", file=sys.stderr)
        return 130
    except BrokenPipeError:
        return 0


#: What a command leaves to the end of the process once everything it wrote is closed and synced, when it is
#: large (``kg build``: its state, millions of objects, which Python frees one by one: 0.25-0.3 s at 1M quads).
#: The console script then exits without freeing them, or the interpreter's clean-up; ``main()``, which tests
#: and other programs call, never does.
_QUICK: list = []


def exit_quickly(*objects) -> None:
    """Let the console script end this process without freeing ``objects`` or the interpreter's clean-up."""
    _QUICK.append(objects)


#: Whether this process is the ``kg`` command itself (``entry()``), not a program or test calling ``main()``:
#: only then may a command leave work to a detached process (``kg build``: its state) or exit quickly.
_CONSOLE: list[bool] = []


def console() -> bool:
    """True in the ``kg`` command's own process (see ``_CONSOLE``).

    >>> console()
    False
    """
    return bool(_CONSOLE)


def entry() -> None:  # pragma: no cover - the console script
    _CONSOLE.append(True)
    code = main()
    if _QUICK:
        import os

        sys.stdout.flush()
        sys.stderr.flush()
        os._exit(code)
    sys.exit(code)
