"""Reference data: dated public facts the checker stands on.

``build()`` turns the raw sources (``../shared/reference``) into the compact tables shipped in
``factsheet/data/reference/``; ``load_reference()`` loads them (cached) for dated queries.
"""

from __future__ import annotations

from .build import BuildReport, build
from .store import Answer, Reference, SourceInfo, load_reference

__all__ = ["Answer", "BuildReport", "Reference", "SourceInfo", "build", "load_reference"]
