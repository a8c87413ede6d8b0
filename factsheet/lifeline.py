"""Worker processes end with their parent: a killed ``ingest --jobs 2`` or ``serve`` must not
leave workers running (issue 14).

A daemon thread in the worker notices that its parent changed (it was re-parented: the parent
died) and exits within ``poll_seconds``. (Linux's ``PR_SET_PDEATHSIG`` is not used: it fires when
the *thread* that forked the worker ends, which a server's thread pool does routinely.)
"""

from __future__ import annotations

import os
import threading
import time


def die_with_parent(poll_seconds: float = 1.0) -> None:
    """Call first thing in a worker process."""
    parent = os.getppid()

    def watch() -> None:
        while True:
            time.sleep(poll_seconds)
            if os.getppid() != parent:
                os._exit(1)

    threading.Thread(target=watch, name="factsheet-lifeline", daemon=True).start()


__all__ = ["die_with_parent"]
