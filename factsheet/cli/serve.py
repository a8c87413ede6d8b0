"""``factsheet serve``: the web pages and the JSON API over a store, with uvicorn."""

from __future__ import annotations

import os

import click

from ._common import handle_errors

#: idle keep-alive connections are closed after 5 s, and a shutdown waits at most 10 s for
#: requests in flight; a request head must arrive within 10 s (web/protocol.py); a request body
#: that stalls is cut by the app after 30 s (web/hardening.py)
KEEP_ALIVE_SECONDS, SHUTDOWN_SECONDS = 5, 10


@click.command("serve")
@click.option("--db", "db", metavar="PATH|URL", default=None,
              help="Store to serve: an SQLite path or a postgresql:// URL "
                   "[default: FACTSHEET_DB, else ./factsheet.db].")
@click.option("--create", is_flag=True,
              help="Create an empty knowledge base at --db when none exists (to fill through "
                   "POST /api/documents); without it a missing database is an error.")
@click.option("--host", default="127.0.0.1", show_default=True,
              help="Interface to listen on; the default serves only this machine.")
@click.option("--port", type=click.IntRange(0, 65535), default=8000, show_default=True, help="Port to listen on.")
@click.option("--cache-seconds", type=click.FloatRange(min=0), default=1.0, show_default=True,
              help="Reuse a GET response for this long (0: off). Writes through the server clear it; "
                   "sheets ingested by another process show within this time.")
@click.option("--memo-entries", type=click.IntRange(min=0), default=64, show_default=True,
              help="Decoded documents and rendered sheet bodies kept in memory, keyed by their "
                   "immutable content, so never stale (0: none).")
@click.option("--workers", type=click.IntRange(1, 64), default=1, show_default=True,
              help="Server processes (each with its own caches; a write clears only its own "
                   "process's response cache, the others' expire within 2 x --cache-seconds).")
@click.option("--check-workers", type=click.IntRange(0, 16), default=1, show_default=True,
              help="Processes that check posted sheets (0: in the server's threads, no time limit).")
@click.option("--check-seconds", type=click.FloatRange(min=0.1), default=30.0, show_default=True,
              help="A check of a posted sheet running longer is stopped and answered 503.")
@handle_errors
def serve_cmd(db: str | None, create: bool, host: str, port: int, cache_seconds: float, memo_entries: int,
              workers: int, check_workers: int, check_seconds: float) -> None:
    """Serve the pages (/) and the JSON API (/api, docs at /docs) over the store.

    Reads are public. Storing sheets through POST /api/documents needs FACTSHEET_TOKEN set in the
    server's environment and sent by clients as 'Authorization: Bearer <token>'; without it,
    writes are disabled.
    """
    import uvicorn

    from ..store.engine import resolve
    from ..store.store import require_existing
    from ..web import create_app
    from ..web.app import ENV_CACHE, ENV_CHECK_SECONDS, ENV_CHECK_WORKERS, ENV_DB, ENV_MEMO
    from ..web.protocol import UVICORN_OPTIONS

    db = db or os.environ.get("FACTSHEET_DB") or None
    if not create:  # a mistyped --db is an error, not an empty site (the other reading commands)
        target = resolve(db)
        require_existing(target, f", or start an empty one with `factsheet serve --create --db "
                                 f"{target.display}`")
    writes = "enabled (token set)" if os.environ.get("FACTSHEET_TOKEN") else "disabled (FACTSHEET_TOKEN unset)"
    click.echo(f"factsheet serving http://{host}:{port}/  (API docs /docs; writes {writes})", err=True)
    if workers > 1:
        # uvicorn starts each worker from an import string: the settings travel in the environment
        os.environ.update({
            ENV_DB: db or "",
            ENV_CACHE: str(cache_seconds),
            ENV_MEMO: str(memo_entries),
            ENV_CHECK_WORKERS: str(check_workers),
            ENV_CHECK_SECONDS: str(check_seconds),
        })
        uvicorn.run("factsheet.web.app:app_from_env", factory=True, host=host, port=port,
                    workers=workers, log_level="info", timeout_keep_alive=KEEP_ALIVE_SECONDS,
                    timeout_graceful_shutdown=SHUTDOWN_SECONDS, **UVICORN_OPTIONS)
        return
    app = create_app(store=db, cache_seconds=cache_seconds,
                     memo_entries=memo_entries, check_workers=check_workers,
                     check_seconds=check_seconds)
    uvicorn.run(app, host=host, port=port, log_level="info", timeout_keep_alive=KEEP_ALIVE_SECONDS,
                timeout_graceful_shutdown=SHUTDOWN_SECONDS, **UVICORN_OPTIONS)
