"""factsheet: keep "U.S. Relations With <Country>" fact sheets true.

The public API is small and re-exported here; everything else is private to its module.
"""

from __future__ import annotations

__version__ = "0.1.0"

from .errors import FactsheetError
from .model import Assessment, Claim, Document, Evidence, Fact, Section, Verdict
from .read import read

__all__ = [
    "Assessment",
    "Claim",
    "Document",
    "Evidence",
    "Fact",
    "FactsheetError",
    "Section",
    "Verdict",
    "__version__",
    "read",
]
