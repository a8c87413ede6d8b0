"""The per-user data directory that holds pulled reference tables, and which set is active.

``refdata pull`` never writes into the installed package: it builds a new set of tables under
``<data dir>/reference/sets/<id>/`` and then points ``state.json`` at it, keeping the set that
was active before as ``previous`` for ``refdata rollback``. ``previous`` may be ``None``: the
shipped tables. Every command loads the active set when there is one, else the shipped tables.

The data directory is ``--data-dir``, else ``$FACTSHEET_DATA_DIR``, else
``$XDG_DATA_HOME/factsheet``, else ``~/.local/share/factsheet``. ``state.json`` is replaced with
``os.replace``, so a reader sees either the old or the new pointer, never half of one.
"""

from __future__ import annotations

import contextlib
import datetime as dt
import json
import os
import shutil
import tempfile
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from ..errors import ReferenceDataError
from ._format import DATA_DIR

STATE_FILE = "state.json"


def data_dir(override: Path | str | None = None) -> Path:
    """The per-user data directory (not created here)."""
    if override:
        return Path(override).expanduser()
    if os.environ.get("FACTSHEET_DATA_DIR"):
        return Path(os.environ["FACTSHEET_DATA_DIR"]).expanduser()
    base = os.environ.get("XDG_DATA_HOME") or str(Path.home() / ".local" / "share")
    return Path(base) / "factsheet"


def reference_root(override: Path | str | None = None) -> Path:
    return data_dir(override) / "reference"


@dataclass(frozen=True)
class State:
    """Which pulled set is active (None: the shipped tables) and which one came before."""

    current: str | None
    previous: str | None
    changed: str | None = None  # when the pointer last moved (ISO, UTC)

    def to_json(self) -> dict[str, Any]:
        return {"current": self.current, "previous": self.previous, "changed": self.changed}


def read_state(override: Path | str | None = None) -> State | None:
    """The pointer file, or None when nothing was ever pulled (or it is unreadable)."""
    path = reference_root(override) / STATE_FILE
    try:
        data = json.loads(path.read_text(encoding="utf-8"))
    except (OSError, ValueError):
        return None
    if not isinstance(data, dict):
        return None
    current, previous = data.get("current"), data.get("previous")
    return State(current if isinstance(current, str) else None,
                 previous if isinstance(previous, str) else None,
                 data.get("changed") if isinstance(data.get("changed"), str) else None)


def set_path(name: str, override: Path | str | None = None) -> Path:
    return reference_root(override) / "sets" / name


def active_tables(override: Path | str | None = None) -> Path:
    """The folder every command loads: the active pulled set if it is complete, else the
    shipped tables inside the package."""
    state = read_state(override)
    if state and state.current:
        folder = set_path(state.current, override)
        if (folder / "manifest.json").is_file():
            return folder
    return DATA_DIR


def active_origin(override: Path | str | None = None) -> str:
    """``"pulled"`` or ``"shipped"``: where :func:`active_tables` points."""
    return "shipped" if active_tables(override) == DATA_DIR else "pulled"


def new_set_name() -> str:
    return dt.datetime.now(dt.UTC).strftime("%Y%m%dT%H%M%S%fZ")


def write_state(state: State, override: Path | str | None = None) -> None:
    """Replace the pointer atomically (write a temporary file, fsync, rename)."""
    root = reference_root(override)
    root.mkdir(parents=True, exist_ok=True)
    fd, tmp = tempfile.mkstemp(prefix=".state-", dir=root)
    try:
        with os.fdopen(fd, "w", encoding="utf-8") as handle:
            json.dump(state.to_json(), handle, indent=2)
            handle.write("\n")
            handle.flush()
            os.fsync(handle.fileno())
        os.replace(tmp, root / STATE_FILE)
    except BaseException:
        Path(tmp).unlink(missing_ok=True)
        raise


def now_iso() -> str:
    return dt.datetime.now(dt.UTC).replace(microsecond=0).isoformat()


def activate(name: str, override: Path | str | None = None) -> State:
    """Make set ``name`` the active one; the active one becomes ``previous``; sets that are
    neither are removed (two complete sets are kept, never more)."""
    old = read_state(override)
    state = State(name, old.current if old else None, now_iso())
    write_state(state, override)
    prune(state, override)
    return state


def rollback(override: Path | str | None = None) -> State:
    """Swap ``current`` and ``previous`` (``None`` = the shipped tables)."""
    state = read_state(override)
    if state is None:
        raise ReferenceDataError(
            f"nothing to roll back: no reference tables were pulled into {reference_root(override)}; "
            f"`factsheet refdata pull` installs a newer set", code="E-REFDATA-ROLLBACK")
    if state.previous is not None and not (set_path(state.previous, override) / "manifest.json").is_file():
        raise ReferenceDataError(
            f"the previous reference set {state.previous} is missing from {reference_root(override)}; "
            f"run `factsheet refdata pull` again", code="E-REFDATA-ROLLBACK")
    if state.current is None and state.previous is None:
        raise ReferenceDataError("nothing to roll back: the shipped tables are active and no pulled set "
                                 "is kept", code="E-REFDATA-ROLLBACK")
    swapped = State(state.previous, state.current, now_iso())
    write_state(swapped, override)
    return swapped


def prune(state: State, override: Path | str | None = None) -> None:
    """Remove sets that are neither current nor previous (also those of interrupted pulls)."""
    sets = reference_root(override) / "sets"
    keep = {state.current, state.previous}
    if sets.is_dir():
        for child in sets.iterdir():
            if child.name not in keep:
                shutil.rmtree(child, ignore_errors=True)


@contextlib.contextmanager
def locked(override: Path | str | None = None) -> Iterator[None]:
    """One pull or rollback at a time per data directory (an advisory lock on POSIX)."""
    root = reference_root(override)
    root.mkdir(parents=True, exist_ok=True)
    handle = (root / ".lock").open("a+")
    try:
        try:
            import fcntl
        except ImportError:  # not POSIX: no lock, the atomic pointer still protects readers
            yield
            return
        try:
            fcntl.flock(handle.fileno(), fcntl.LOCK_EX | fcntl.LOCK_NB)
        except OSError:
            raise ReferenceDataError(
                f"another `factsheet refdata pull` or `rollback` is running on {root}; wait for it to "
                f"finish", code="E-REFDATA-BUSY") from None
        try:
            yield
        finally:
            fcntl.flock(handle.fileno(), fcntl.LOCK_UN)
    finally:
        handle.close()
