"""Shared pieces of the CLI: error reporting, output formats, JSON printing."""

from __future__ import annotations

import functools
import json
import sys
from collections.abc import Callable
from typing import Any, TypeVar

import click

from ..errors import FactsheetError
from ..read import DEFAULT_MAX_BYTES

F = TypeVar("F", bound=Callable[..., Any])


def handle_errors(func: F) -> F:
    """Turn a FactsheetError into one line on stderr and its exit code: never a traceback."""

    @functools.wraps(func)
    def wrapper(*args: Any, **kwargs: Any) -> Any:
        try:
            return func(*args, **kwargs)
        except FactsheetError as exc:
            click.echo(f"error[{exc.code}]: {exc.message}", err=True)
            sys.exit(exc.exit_code)
        except BrokenPipeError:  # `factsheet … | head`
            sys.exit(0)

    return wrapper  # type: ignore[return-value]


def format_option(*choices: str, default: str | None = None) -> Callable[[F], F]:
    return click.option(
        "--format",
        "fmt",
        type=click.Choice(choices),
        default=default or choices[0],
        show_default=True,
        help="Output format.",
    )


def print_json(data: Any) -> None:
    click.echo(json.dumps(data, ensure_ascii=False, indent=2, default=str))


def read_sheet(file: str, *, max_bytes: int = DEFAULT_MAX_BYTES, force: bool = False,
               url: str | None = None) -> Any:
    """The Document of FILE, or of standard input for "-": how every command reads a sheet."""
    from pathlib import Path

    from ..errors import UsageError
    from ..read import read
    from ..read.decode import read_capped

    if file != "-" and Path(file).is_dir():
        raise UsageError(f"{file} is a directory: give one sheet file (.txt, .md or .html); to take "
                         f"a folder of sheets, use `factsheet ingest {file}`.", code="E-USAGE-DIRECTORY")
    if file == "-":
        raw = read_capped(sys.stdin.buffer, max_bytes)
        return read(raw, max_bytes=max_bytes, force=force, url=url)
    return read(file, max_bytes=max_bytes, force=force, url=url)


def max_bytes_option(func: F) -> F:
    """``--max-bytes``: the size limit of every command that reads sheets."""
    return click.option(
        "--max-bytes", type=click.IntRange(min=1), default=DEFAULT_MAX_BYTES, show_default=True,
        help="Refuse files larger than this many bytes.",
    )(func)


def reader_options(func: F) -> F:
    """``--force`` and ``--max-bytes``: how every command that reads one sheet reads it."""
    func = max_bytes_option(func)
    return click.option(
        "--force", is_flag=True, help="Read an HTML page even if it holds no fact sheet."
    )(func)
