"""The command line: parse, call one library function, format. No logic lives here.

Commands live in one module per area (knowledge, analytics, scenarios, news); importing
them registers them on the app.
"""

from __future__ import annotations

import sys

import typer

from rechain.cli import analytics, knowledge, news, prices, scenarios  # noqa: F401 - registers the commands
from rechain.cli.shell import app, err
from rechain.errors import RechainError
from rechain.results import plain

__all__ = ["app", "main"]


def main() -> None:
    """Entry point: every error becomes one line on stderr and an exit code
    (1 runtime failure, 2 usage error); no tracebacks for expected failures."""
    try:
        code = app(standalone_mode=False)  # returns typer.Exit's code instead of raising it
        if isinstance(code, int) and code:
            sys.exit(code)
    except RechainError as exc:
        _fail(str(exc), exc.exit_code)
    except typer.Exit as exc:
        sys.exit(exc.exit_code)
    except typer.Abort:
        _fail("aborted", 1)
    except typer.TyperException as exc:  # Typer's own usage errors: unknown option, bad value
        message = exc.format_message() if hasattr(exc, "format_message") else str(exc)
        code = int(getattr(exc, "exit_code", 2))
        if not message.strip():  # help was shown (no command given): nothing more to say
            sys.exit(code)
        _fail(" ".join(message.split()), code)


def _fail(message: str, code: int) -> None:
    err.print(f"rechain: error: {plain(message)}", markup=False, highlight=False, soft_wrap=True)
    sys.exit(code)
