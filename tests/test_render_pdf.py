"""PDF through WeasyPrint (an optional extra): skipped when it is not installed."""

from __future__ import annotations

import pytest
from test_render_fakes import FakeReference

from factsheet.render import render_sheet
from factsheet.render.pdf import available, to_pdf


@pytest.mark.skipif(not available(), reason="weasyprint (the pdf extra) is not installed")
def test_pdf_bytes() -> None:
    data = to_pdf(render_sheet("PE", "2026-11-27", FakeReference()))
    assert data.startswith(b"%PDF-") and len(data) > 1000


def test_pdf_without_weasyprint_is_a_usage_error(monkeypatch: pytest.MonkeyPatch) -> None:
    import sys

    from factsheet.errors import UsageError

    monkeypatch.setitem(sys.modules, "weasyprint", None)  # import fails as when not installed
    with pytest.raises(UsageError, match="pip install 'factsheet\\[pdf\\]'"):
        to_pdf(render_sheet("PE", "2026-11-27", FakeReference()))
