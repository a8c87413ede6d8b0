"""The web layer: a JSON API and server-rendered pages over the library (``create_app``)."""

from __future__ import annotations

from typing import Any

__all__ = ["create_app"]


def create_app(store: Any = None, reference: Any = None, **options: Any) -> Any:
    """Build the FastAPI app (imported lazily: FastAPI is not needed to use the library)."""
    from .app import create_app as build

    return build(store=store, reference=reference, **options)
