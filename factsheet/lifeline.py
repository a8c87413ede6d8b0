"""Worker processes end with their parent: a killed ``ingest --jobs 2`` or ``serve`` must not
leave workers running (issue 14).

On Linux the kernel sends the worker SIGTERM when its parent dies (``PR_SET_PDEATHSIG``);
elsewhere, and as a backstop, a daemon thread notices that the parent changed and exits.
"""

from __future__ import annotations

import contextlib
import os
import signal
import sys
import threading
import time

_PR_SET_PDEATHSIG = 1


def die_with_parent(poll_seconds: float = 1.0) -> None:
    """Call first thing in a worker process."""
    parent = os.getppid()
    if sys.platform.startswith("linux"):
        with contextlib.suppress(Exception):
            import ctypes

            libc = ctypes.CDLL(None, use_errno=True)
            libc.prctl(_PR_SET_PDEATHSIG, signal.SIGTERM, 0, 0, 0)
    if os.getppid() != parent:  # the parent died before the signal was armed
        os._exit(1)

    def watch() -> None:
        while True:
            time.sleep(poll_seconds)
            if os.getppid() != parent:
                os._exit(1)

    threading.Thread(target=watch, name="factsheet-lifeline", daemon=True).start()


__all__ = ["die_with_parent"]
