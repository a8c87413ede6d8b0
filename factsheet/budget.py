"""The work budget of one document: how much a single input may make the library do.

Every stage is linear in its input (issue 14), so the budget is not what keeps the work fast; it
is what keeps one input's work *bounded*, the same way in the CLI, the library and the API, and
what refuses early a file that is no fact sheet. The limits come from real sheets: the longest
of the corpus, the seed and the fixtures (up to 10 KB) have at most 36 sentences and 22 claims; a
long Background Note (60 KB) has some 600 sentences and a few hundred claims. The limits are
about 15 times that: 10,000 sentences (checked when the sheet is read, before any extraction)
and 2,000 claims (counted as the extraction finds them, a claim found again in its sentence
once, so that a sheet of 20,000 different dollar amounts is refused at the 2,001st, before the
later families and the check).

Claims are also bounded by the text's length, so that the work of a document stays
proportional to its size, whatever its kind of claims: at most 25 per 1,000 characters, and any
document may have 250. The densest texts known (our own short fixture sheets and rendered sheets,
every sentence a claim) have 13 per 1,000 characters; real pages 1 to 9. Past that density a
text is a list of figures, not a sheet (a run of 1,300 dollar amounts in 9 KB is 140 per 1,000).
Past a limit the stage raises ``WorkBudgetError`` (``E-INPUT-BUDGET``, exit 3, HTTP 413) saying
which limit and what to do.
"""

from __future__ import annotations

from dataclasses import dataclass

from .errors import WorkBudgetError
from .read.decode import DEFAULT_MAX_BYTES


@dataclass(frozen=True)
class Budget:
    max_bytes: int = DEFAULT_MAX_BYTES  # the reader's size limit (--max-bytes)
    max_sentences: int = 10_000
    max_claims: int = 2_000  # counted during extraction (extract/pipeline.draft)
    max_findings: int = 50_000  # consistency findings (each claim carries at most 5 per kind)
    claims_per_kchar: int = 25  # claims per 1,000 characters of the read text
    min_claims: int = 250  # what any document may have, however short

    def claims_allowed(self, chars: int) -> int:
        """The claims a text of ``chars`` characters may make (the density and the total bound)."""
        return min(self.max_claims, max(self.min_claims, self.claims_per_kchar * chars // 1000))

    def claims_basis(self, chars: int) -> str | None:
        """How the claims bound of a text was set, with what to do (None: the per-document one),
        for the error: the user sees which bound was hit."""
        if self.claims_allowed(chars) == self.max_claims:
            return None
        return (f"for its {chars:,} characters of text ({self.claims_per_kchar} per 1,000, at least "
                f"{self.min_claims:,}; the densest sheets have 13 per 1,000): a text this dense in "
                "claims is a list of figures, not a sheet; check the sheet's own text.")

    def check_claims(self, count: int, chars: int, name: str = "input", what: str = "claims") -> None:
        """Raise ``WorkBudgetError`` when ``count`` claims are more than a text of ``chars``
        characters may make (the basis, a sentence, is written only for the error)."""
        allowed = self.claims_allowed(chars)
        if count > allowed:
            within(what, count, allowed, name, self.claims_basis(chars))


DEFAULT_BUDGET = Budget()


def within(what: str, count: int, limit: int, name: str = "input", basis: str | None = None) -> None:
    """Raise ``WorkBudgetError`` when ``count`` of ``what`` is over ``limit`` (``basis``: how the
    limit was set and what to do, when not the per-document default)."""
    if count > limit:
        raise WorkBudgetError(
            f"{name} has {count:,} {what}, over the budget of {limit:,} "
            + (basis or "per document (a fact sheet has a few hundred): split the file into one "
               "sheet per file.")
        )


__all__ = ["DEFAULT_BUDGET", "Budget", "within"]
