"""The work budget of one document: how much a single input may make the library do.

Every stage is linear in its input (issue 14), so the budget is not what keeps the work fast; it
is what keeps one input's work *bounded*, the same way in the CLI, the library and the API. A real
fact sheet has a few hundred sentences and at most a few hundred claims; the limits are two
orders of magnitude above that and still a small fraction of a second of work per unit. Past a
limit the stage raises ``WorkBudgetError`` (``E-INPUT-BUDGET``, exit 3, HTTP 413) saying which
limit and what to do.
"""

from __future__ import annotations

from dataclasses import dataclass

from .errors import WorkBudgetError
from .read.decode import DEFAULT_MAX_BYTES


@dataclass(frozen=True)
class Budget:
    max_bytes: int = DEFAULT_MAX_BYTES  # the reader's size limit (--max-bytes)
    max_sentences: int = 100_000
    max_claims: int = 50_000
    max_findings: int = 100_000  # consistency findings (each claim carries at most 5 per kind)


DEFAULT_BUDGET = Budget()


def within(what: str, count: int, limit: int, name: str = "input") -> None:
    """Raise ``WorkBudgetError`` when ``count`` of ``what`` is over ``limit``."""
    if count > limit:
        raise WorkBudgetError(
            f"{name} has {count:,} {what}, over the budget of {limit:,} per document (a fact "
            "sheet has a few hundred): split the file into one sheet per file."
        )


__all__ = ["DEFAULT_BUDGET", "Budget", "within"]
