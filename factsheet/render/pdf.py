"""PDF through WeasyPrint, an optional extra: ``pip install 'factsheet[pdf]'``."""

from __future__ import annotations

from typing import TYPE_CHECKING

from ..errors import UsageError

if TYPE_CHECKING:
    from .sheet import Sheet


class PdfUnavailableError(UsageError):
    code = "E-USAGE-PDF"


def available() -> bool:
    try:
        import weasyprint  # noqa: F401
    except Exception:  # ImportError, or OSError when its system libraries are missing
        return False
    return True


def to_pdf(sheet: Sheet) -> bytes:
    """The sheet's HTML view printed to PDF bytes."""
    try:
        import weasyprint
    except Exception as exc:
        raise PdfUnavailableError(
            "PDF output needs WeasyPrint: pip install 'factsheet[pdf]' (and its system libraries, "
            f"pango); {type(exc).__name__}: {exc}"
        ) from None
    return bytes(weasyprint.HTML(string=sheet.to_html()).write_pdf())
