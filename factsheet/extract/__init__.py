"""Claim extraction: a read Document → the typed, normalized, spanned claims of CLAIMS.md.

``extract(document)`` runs the pipeline of claim families (one module each, rules as data
under ``rules/``) and returns the claims sorted by position; a claim's index is its id.
"""

from __future__ import annotations

import sys
import types
from functools import lru_cache

from ..budget import DEFAULT_BUDGET
from ..model import Claim, Document
from . import (
    agreements,
    assistance,
    leaders,
    membership,
    people,
    relations,
    representation,
    statistics,
    trade,
)
from .pipeline import Pipeline, finish

__all__ = ["build_pipeline", "extract"]


@lru_cache(maxsize=1)
def build_pipeline() -> Pipeline:
    return Pipeline([
        relations.COMPONENT,
        leaders.COMPONENT,
        agreements.COMPONENT,
        trade.COMPONENT,
        people.COMPONENT,
        assistance.COMPONENT,
        membership.COMPONENT,
        representation.COMPONENT,
        statistics.COMPONENT,
    ])


def extract(document: Document) -> list[Claim]:
    """Every claim of the sheet, in text order (claims under 0.5 confidence are marked)."""
    ctx = build_pipeline().run(document)
    claims = finish(document, (d for drafts in ctx.produced.values() for d in drafts))
    DEFAULT_BUDGET.check_claims(len(claims), len(document.text), document.source or "input")
    return claims


class _CallableModule(types.ModuleType):
    """``factsheet.extract`` is both this package and the public function: importing the
    package rebinds the name on ``factsheet`` to the module, so the module itself is callable."""

    def __call__(self, document: Document) -> list[Claim]:
        return extract(document)


sys.modules[__name__].__class__ = _CallableModule
