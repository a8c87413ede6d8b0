"""The pages in a real headless Chromium (Debian's /usr/bin/chromium, driven by Playwright).

Open the index, open Peru, see the TPA claim marked contradicted, hover it and see the 2006
evidence, paste a sheet into the form and see its verdicts. Screenshots go to test-artifacts/.
Skips with a message when Chromium or Playwright is missing, except in CI (CI=true) where that fails.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
from conftest import ARTIFACTS, EXAMPLE, chromium, live_server, require_browser

from factsheet.store import open_store
from factsheet.web import create_app

pytestmark = pytest.mark.slow


@pytest.fixture(scope="module")
def base_url(tmp_path_factory: pytest.TempPathFactory) -> Iterator[str]:
    require_browser()
    store = open_store(str(Path(tmp_path_factory.mktemp("browser")) / "browser.db"))
    result = store.add(EXAMPLE.read_bytes(), "peru-2017.txt", check_date=dt.date(2026, 11, 27))
    assert result.status == "new", result.reason
    with live_server(create_app(store=store, cache_seconds=0)) as url:
        yield url
    store.close()


@pytest.fixture(scope="module")
def browser(base_url: str) -> Iterator[Any]:
    with chromium() as b:
        yield b


@pytest.fixture
def page(browser: Any) -> Iterator[Any]:
    context = browser.new_context(viewport={"width": 1280, "height": 900})
    yield context.new_page()
    context.close()


def shot(page: Any, name: str, **options: Any) -> None:
    page.screenshot(path=str(ARTIFACTS / f"{name}.png"), **options)


def test_index_then_peru_then_hover_the_contradicted_tpa_claim(page: Any, base_url: str) -> None:
    page.goto(base_url + "/")
    assert page.title().startswith("Countries")
    peru = page.get_by_role("link", name="Peru", exact=True)
    assert peru.is_visible()
    row = page.locator("table.countries tbody tr", has_text="Peru")
    assert "Bureau of Western Hemisphere Affairs" in row.inner_text()
    shot(page, "index", full_page=True)

    peru.click()
    page.wait_for_url("**/countries/PE")
    assert "U.S. Relations With Peru" in page.locator("h1").inner_text()
    claim = page.locator("mark.claim", has_text="signed in 2009")
    assert claim.count() == 1
    assert claim.get_attribute("data-status") == "contradicted"
    assert claim.locator(".badge").text_content() == "Contradicted"  # a text label, not colour alone
    tip = claim.locator(".tip")
    assert tip.is_hidden()
    shot(page, "sheet", full_page=True)

    claim.evaluate("el => el.scrollIntoView({block: 'start'})")
    page.mouse.wheel(0, -120)
    claim.hover()
    tip.wait_for(state="visible")
    assert "2006" in tip.inner_text()
    shot(page, "sheet-hover-tpa")

    page.mouse.move(0, 0)
    tip.wait_for(state="hidden")
    claim.focus()  # keyboard users get the same tooltip
    tip.wait_for(state="visible")
    assert "2006" in tip.inner_text()


def test_paste_a_sheet_into_the_form_and_see_its_verdicts(page: Any, base_url: str) -> None:
    page.goto(base_url + "/")
    page.get_by_role("link", name="Check a sheet").click()
    page.wait_for_url("**/check")
    sheet = EXAMPLE.read_text(encoding="utf-8").replace("February 2, 2017", "February 9, 2017")
    page.fill("textarea#text", sheet)
    page.fill("input#as_of", "2026-11-27")
    shot(page, "check-form")
    page.get_by_role("button", name="Check").click()
    page.wait_for_selector("mark.claim")
    assert "Check of U.S. Relations With Peru" in page.locator("h1").inner_text()
    assert page.locator('mark.claim[data-status="contradicted"]', has_text="signed in 2009").count() == 1
    assert page.locator(".claims tbody tr").count() > 5
    legend = page.locator(".legend").inner_text()
    assert "Contradicted" in legend and "Supported" in legend
    shot(page, "check-result", full_page=True)


def test_pages_work_without_javascript(browser: Any, base_url: str) -> None:
    context = browser.new_context(java_script_enabled=False)
    page = context.new_page()
    page.goto(base_url + "/")
    page.select_option("select[name=region]", "Bureau of African Affairs")
    page.get_by_role("button", name="Apply").click()
    assert "No country matches" in page.content()
    page.select_option("select[name=region]", "Bureau of Western Hemisphere Affairs")
    page.select_option("select[name=verdict]", "contradicted")
    page.get_by_role("button", name="Apply").click()
    assert page.get_by_role("link", name="Peru", exact=True).is_visible()
    page.goto(base_url + "/reference?country=Peru&on=2017-02-02")
    assert "agreement" in page.content()
    shot(page, "reference", full_page=True)
    context.close()
