"""The ``factsheet`` command: a thin layer over the library.

Sub-commands live one module each in this package and are imported only when invoked, so
``factsheet --help`` and every command start fast.
"""

from __future__ import annotations

import importlib
import sys
from typing import Any

import click

from .. import __version__

# name → "module:attribute" under factsheet.cli; each module owns its command.
COMMANDS: dict[str, str] = {
    "read": "read:read_cmd",
    "extract": "extract:extract_cmd",
    "eval": "evaluate:eval_cmd",
    "refdata": "refdata:refdata_group",
    "check": "check:check_cmd",
    "ingest": "store:ingest_cmd",
    "query": "store:query_cmd",
    "countries": "store:countries_cmd",
    "history": "store:history_cmd",
    "export": "store:export_cmd",
    "recheck": "desk:recheck_cmd",
    "stale": "desk:stale_cmd",
    "update": "render:update_cmd",
    "render": "render:render_cmd",
    "diff": "render:diff_cmd",
    "serve": "serve:serve_cmd",
}


class LazyGroup(click.Group):
    def main(self, *args: Any, standalone_mode: bool = True, **kwargs: Any) -> Any:
        """Click's own errors (a bad option value, a missing argument, an unknown command) as
        one ``error[E-USAGE]: …`` line and exit 2, like every other error of the CLI."""
        if not standalone_mode:
            return super().main(*args, standalone_mode=False, **kwargs)  # type: ignore[call-overload]
        try:
            code = super().main(*args, standalone_mode=False, **kwargs)  # type: ignore[call-overload]
        except click.exceptions.NoArgsIsHelpError as exc:
            click.echo(exc.ctx.get_help() if exc.ctx else "", err=True)
            sys.exit(2)
        except click.ClickException as exc:
            message = " ".join(exc.format_message().split())
            if isinstance(exc, click.UsageError) and exc.ctx is not None:
                message += f" (see `{exc.ctx.command_path} --help`)"
            click.echo(f"error[E-USAGE]: {message}", err=True)
            sys.exit(2 if isinstance(exc, click.UsageError) else exc.exit_code)
        except click.exceptions.Abort:
            click.echo("error[E-ABORTED]: interrupted.", err=True)
            sys.exit(130)
        sys.exit(code if isinstance(code, int) else 0)

    def list_commands(self, ctx: click.Context) -> list[str]:
        return sorted(name for name in COMMANDS if self._load(name) is not None)

    def get_command(self, ctx: click.Context, cmd_name: str) -> click.Command | None:
        return self._load(cmd_name)

    @staticmethod
    def _load(name: str) -> click.Command | None:
        target = COMMANDS.get(name)
        if target is None:
            return None
        module_name, attr = target.split(":")
        try:
            module = importlib.import_module(f"{__name__}.{module_name}")
        except ModuleNotFoundError as exc:
            if exc.name == f"{__name__}.{module_name}":
                return None  # not built yet
            raise
        command: Any = getattr(module, attr, None)
        return command if isinstance(command, click.Command) else None


@click.group(cls=LazyGroup, context_settings={"help_option_names": ["-h", "--help"]})
@click.version_option(__version__, prog_name="factsheet")
def main() -> None:
    """Keep State Department "U.S. Relations With <Country>" fact sheets true.

    Read a sheet, extract its claims, check them against dated public reference data, keep them
    in a knowledge base, and write an up-to-date sheet. Every command that prints data takes
    --format json. Exit codes: 0 ok, 1 a check found contradicted or inconsistent claims,
    2 usage error, 3 unreadable input or not a fact sheet, 4 reference data problem, 5 database
    problem.
    """
