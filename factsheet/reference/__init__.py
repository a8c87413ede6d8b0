"""Reference data: dated public facts the checker stands on.

``build()`` turns the raw sources (``../shared/reference``) into the compact tables shipped in
``factsheet/data/reference/``; ``load_reference()`` loads them (cached) for dated queries.
"""

from __future__ import annotations

# Eager on purpose: a lazy ``build`` wrapper would be replaced by the ``build`` submodule as soon
# as anything imports it. The builders cost ~60 ms of imports (lxml, phonenumbers).
from .build import BuildReport, build
from .store import Answer, Reference, SourceInfo, load_reference

__all__ = ["Answer", "BuildReport", "Reference", "SourceInfo", "build", "load_reference"]
