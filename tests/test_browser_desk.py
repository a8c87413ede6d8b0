"""The editor's desk in a real headless Chromium (Debian's /usr/bin/chromium, driven by Playwright).

The stale queue, a country page with its timeline, the index picture and search, each at desktop
and phone widths, with screenshots in test-artifacts/ and an accessibility check per page: axe-core
(the copy shipped by the axe-playwright-python package) must find no serious or critical
violation. Skips with a message without Chromium or Playwright, fails instead in CI (CI=true).
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
from conftest import ARTIFACTS, EXAMPLE, chromium, live_server, require_browser

from factsheet.store import open_store
from factsheet.store.recheck import recheck
from factsheet.web import create_app

WIDTHS = {"desktop": (1280, 900), "phone": (390, 844)}

pytestmark = pytest.mark.slow


def _axe_script() -> str | None:
    try:
        import axe_playwright_python
    except ImportError:
        return None
    path = Path(axe_playwright_python.__file__).with_name("axe.min.js")
    return path.read_text(encoding="utf-8") if path.exists() else None


@pytest.fixture(scope="module")
def base_url(tmp_path_factory: pytest.TempPathFactory) -> Iterator[str]:
    require_browser("Chromium, Playwright and axe-core", None if _axe_script() else
                    "axe-playwright-python (axe-core) is not installed (pip install -e '.[test]')")
    store = open_store(str(Path(tmp_path_factory.mktemp("desk")) / "desk.db"))
    assert store.add(EXAMPLE.read_bytes(), "peru-2017.txt", check_date=dt.date(2017, 3, 1)).status == "new"
    assert recheck(store, check_date=dt.date(2026, 11, 27)).rechecked == 1
    with live_server(create_app(store=store, cache_seconds=0)) as url:
        yield url
    store.close()


@pytest.fixture(scope="module")
def browser(base_url: str) -> Iterator[Any]:
    with chromium() as b:
        yield b


@pytest.fixture(params=list(WIDTHS))
def page(browser: Any, request: pytest.FixtureRequest) -> Iterator[Any]:
    width, height = WIDTHS[request.param]
    # bypass_csp: the pages allow no script (their CSP says so); the test injects axe-core itself
    context = browser.new_context(viewport={"width": width, "height": height}, bypass_csp=True)
    p = context.new_page()
    p.width_name = request.param
    yield p
    context.close()


def serious_violations(page: Any) -> list[str]:
    """axe-core's serious and critical findings on the page (landmarks, labels, contrast, …)."""
    page.add_script_tag(content=_axe_script())
    result = page.evaluate("axe.run(document, {resultTypes: ['violations']})")
    return [f"{v['id']} ({v['impact']}): {v['help']} — {[n['target'] for n in v['nodes']][:3]}"
            for v in result["violations"] if v.get("impact") in ("serious", "critical")]


def shot(page: Any, name: str) -> None:
    page.screenshot(path=str(ARTIFACTS / f"desk-{name}-{page.width_name}.png"), full_page=True)


def fits(page: Any) -> bool:
    """Nothing wider than the viewport (the timeline scrolls inside its own box)."""
    return bool(page.evaluate("document.documentElement.scrollWidth <= window.innerWidth + 1"))


def test_the_stale_queue(page: Any, base_url: str) -> None:
    page.goto(base_url + "/stale")
    assert page.title().startswith("Stale claims")
    rows = page.locator("table.stale tbody tr")
    assert rows.count() >= 2
    first = rows.nth(0).inner_text()
    assert "contradicted" in first and "2006" in first  # most urgent first, with the corrected sentence
    amb = page.locator("table.stale tbody tr", has_text="Nichols")
    assert "October 14, 2017" in amb.inner_text() and "Perkins" in amb.inner_text()
    assert fits(page)
    shot(page, "stale")
    assert serious_violations(page) == []
    page.select_option("select[name=bureau]", "Bureau of African Affairs")
    page.get_by_role("button", name="Apply").click()
    page.wait_for_url("**/stale?bureau=*")
    assert page.locator("table.stale").count() == 0 and "No stale claims" in page.inner_text("main")


def test_a_country_page_with_its_timeline(page: Any, base_url: str) -> None:
    page.goto(base_url + "/countries/PE")
    # a drawing per width: the whole history on a desktop, the last decades at phone width
    shown, hidden = ("tl-wide", "tl-narrow") if page.width_name == "desktop" else ("tl-narrow", "tl-wide")
    svg = page.locator(f".timeline svg.{shown}")
    assert svg.is_visible() and page.locator(f".timeline svg.{hidden}").is_hidden()
    assert svg.locator("a").count() > 10  # chiefs of mission, leaders, agreements, the edition
    lanes = svg.locator("text.lane").all_text_contents()
    assert {"U.S. chiefs of mission", "Heads of state", "Sheet editions"} <= set(lanes)
    labels = svg.locator("text").evaluate_all("els => els.map(e => e.getBoundingClientRect().height)")
    assert min(labels) >= 9, "the drawing's words stay readable at this width"
    edition = svg.locator('a[href^="/documents/"]')
    assert edition.count() == 1
    # its accessible name (from its <title>) says what it is
    assert page.get_by_role("link", name="Sheet editions: edition 1, 2017-02-02", exact=False).count() >= 1
    assert fits(page)
    page.locator(".timeline-section").screenshot(path=str(ARTIFACTS / f"desk-timeline-{page.width_name}.png"))
    shot(page, "country")
    assert serious_violations(page) == []
    edition.click()
    page.wait_for_url("**/documents/*")
    assert "U.S. Relations With Peru" in page.locator("h1").inner_text()


def test_the_index_picture(page: Any, base_url: str) -> None:
    page.goto(base_url + "/")
    tile = page.locator(".tiles a", has_text="Peru")
    assert tile.is_visible()
    assert "stale" in tile.inner_text()  # colour plus words
    assert (tile.get_attribute("class") or "").startswith("age-") and tile.get_attribute("class") != "age-0"
    assert fits(page)
    shot(page, "index")
    assert serious_violations(page) == []
    tile.click()
    page.wait_for_url("**/countries/PE")


def test_search_from_the_header(page: Any, base_url: str) -> None:
    page.goto(base_url + "/stale")
    page.fill("header input[name=q]", "Peruvian")
    page.locator("header form.search button").click()
    page.wait_for_url("**/search?q=Peruvian")
    assert page.get_by_role("link", name="Peru").first.is_visible()
    page.goto(base_url + "/search?q=Nichols")
    assert page.locator("ul.results li", has_text="Brian A. Nichols").count() >= 1
    assert fits(page)
    shot(page, "search")
    assert serious_violations(page) == []


def test_docs_work_offline(page: Any, base_url: str) -> None:
    """Swagger UI's files come from the server itself: block every other host and it still renders."""
    page.route("**/*", lambda route: route.continue_() if route.request.url.startswith(base_url) else route.abort())
    page.goto(base_url + "/docs")
    page.wait_for_selector(".swagger-ui .opblock", timeout=15000)
    assert page.locator(".opblock", has_text="/api/stale").count() >= 1
