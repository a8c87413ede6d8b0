"""Hostile and careless input (issue 14): every input ends with a result or the project's own
error, through read → extract → check and through ``POST /api/check``, and the work grows in
proportion to the input.

The reproducers of ``../shared/hostile`` run when that folder is present; the project's own
generators (tests/hostile_inputs.py) always run. Growth tests grow an adversarial input 4× and
compare what each stage did: deterministic counts (sentences, claims, findings, evidence) and
the CPU time per call (best of three timings of at least 50 ms each), as ratios — never against a wall-clock limit. Linear work gives a
ratio near 4, quadratic work near 16; the bound is 8.
"""

from __future__ import annotations

import datetime as dt
import gc
import json
import time
from collections.abc import Callable
from pathlib import Path
from typing import Any

import pytest
from fastapi.testclient import TestClient
from hostile_inputs import GENERATORS
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from factsheet.check import check
from factsheet.check.consistency import MAX_FINDINGS_PER_CLAIM
from factsheet.errors import FactsheetError
from factsheet.extract import extract
from factsheet.read import read
from factsheet.reference import load_reference
from factsheet.web import create_app

AS_OF = dt.date(2026, 11, 27)
GROWTH_BOUND = 8.0


@pytest.fixture(scope="module")
def reference() -> Any:
    return load_reference()


def pipeline(raw: bytes, reference: Any) -> dict[str, Any]:
    """read → extract → check; what each stage produced, or the project's error."""
    try:
        doc = read(raw, force=True)
        claims = extract(doc)
        verdicts = check(doc, claims, reference, AS_OF)
    except FactsheetError as exc:
        return {"error": exc.code, "message": exc.message}
    findings = sum(len(v.findings) for v in verdicts)
    evidence = sum(len(v.at_publication.evidence) + len(v.now.evidence) for v in verdicts)
    report = len(json.dumps([v.to_json() for v in verdicts]))
    return {"sentences": len(doc.sentences), "claims": len(claims), "findings": findings,
            "evidence": evidence, "report": report, "verdicts": verdicts}


def assert_bounded(raw: bytes, result: dict[str, Any]) -> None:
    if "error" in result:
        assert result["error"].startswith("E-") and "\n" not in result["message"]
        return
    for verdict in result["verdicts"]:  # each claim carries a bounded number of findings
        sheet = [e for e in verdict.at_publication.evidence if e.source == "sheet"]
        assert len(sheet) <= 4 * MAX_FINDINGS_PER_CLAIM
    # the report grows with the input, not with its square
    assert result["report"] <= 60 * len(raw) + 200_000


# -- the reproducers and the generators through the library -----------------------------------


def shared_inputs() -> list[Path]:
    folder = Path(__file__).resolve().parent.parent.parent / "shared" / "hostile"
    return sorted(p for p in folder.glob("*") if p.name != "README.md") if folder.is_dir() else []


def test_shared_reproducers(shared: Path, reference: Any) -> None:
    files = sorted(p for p in (shared / "hostile").glob("*") if p.name != "README.md")
    if not files:
        pytest.skip("../shared/hostile is absent")
    for path in files:
        raw = path.read_bytes()
        assert_bounded(raw, pipeline(raw, reference))


@pytest.mark.parametrize("name", sorted(GENERATORS))
def test_generated_inputs_end_with_a_result_or_our_error(name: str, reference: Any) -> None:
    generate, size = GENERATORS[name]
    raw = generate(size)
    assert_bounded(raw, pipeline(raw, reference))


def test_the_comment_run_is_no_longer_exponential() -> None:
    # 30 comments took over 120 s (each one more doubled it); now they are skipped in one pass
    from factsheet.read.html import looks_like_html

    assert looks_like_html("<!-- a -->" * 300 + "<html><body><p>x</p></body></html>")
    assert not looks_like_html("<!-- a -->" * 300 + "x")
    assert not looks_like_html("<!-- a -->" * 30 + "<!-- not closed")
    doc = read(b"<!-- a -->" * 300 + b"<html><body><h1>U.S. Relations With Peru</h1>"
               b"</body></html>", force=True)
    assert doc.media_type == "html" and doc.country == "PE"


def test_noncharacters_in_a_tail_are_dropped_not_raised() -> None:
    from factsheet.read.html import extract_article

    page = extract_article("<html><body><main><p>Peru <b>and</b>\uffff the United States\ufffe "
                           "established relations\ud800 in 1827.</p></main></body></html>")
    assert "1827" in page.text and not {"\uffff", "\ufffe", "\ud800"} & set(page.text)


def test_attributes_of_a_flooded_element_are_dropped() -> None:
    from factsheet.read.html import MAX_ATTRIBUTES, extract_article

    attrs = " ".join(f"a{i}=1" for i in range(MAX_ATTRIBUTES + 10))
    page = extract_article(f"<html><body><p {attrs}>kept text</p><p class=x>more</p></body></html>")
    assert "kept text" in page.text and "more" in page.text


# -- growth: 4× the input, about 4× the work -------------------------------------------------


MIN_TIMED = 0.05  # seconds of CPU per timing: a few-millisecond run is mostly clock and noise


def _cpu(func: Callable[[], Any]) -> tuple[float, Any]:
    """CPU seconds per call, best of three timings, each repeating ``func`` until it has run for
    at least MIN_TIMED (as ``timeit``'s autorange does): a single run of the small input took
    4 ms, so one scheduler hiccup could double the measured growth of a linear stage."""
    best, out = float("inf"), None
    for _ in range(3):
        gc.collect()  # a collection owed by the previous stage is not this one's work
        calls, started = 0, time.process_time()
        while True:
            out = func()
            calls += 1
            spent = time.process_time() - started
            if spent >= MIN_TIMED:
                break
        best = min(best, spent / calls)
    return best, out


def _stages(raw: bytes, reference: Any) -> dict[str, tuple[float, float]]:
    """stage → (CPU seconds, a count of what it produced)."""
    t_read, doc = _cpu(lambda: read(raw, force=True))
    t_extract, claims = _cpu(lambda: extract(doc))
    t_check, verdicts = _cpu(lambda: check(doc, claims, reference, AS_OF))
    evidence = sum(len(v.at_publication.evidence) for v in verdicts)
    return {"read": (t_read, len(doc.sentences) + len(doc.text) / 100),
            "extract": (t_extract, len(claims)),
            "check": (t_check, evidence + len(verdicts))}


GROWN = [name for name in sorted(GENERATORS) if name not in ("html_noncharacters", "html_lone_surrogates")]


@pytest.mark.slow
@pytest.mark.parametrize("name", GROWN)
def test_work_grows_linearly(name: str, reference: Any, monkeypatch: pytest.MonkeyPatch) -> None:
    from factsheet import extract as extract_package
    from factsheet.budget import Budget
    from factsheet.extract import pipeline

    # the stages themselves must be linear: the density bound of the budget (which refuses the
    # densest floods) is lifted here so that it does not hide their growth
    lifted = Budget(claims_per_kchar=10**6)
    monkeypatch.setattr(pipeline, "DEFAULT_BUDGET", lifted)
    monkeypatch.setattr(extract_package, "DEFAULT_BUDGET", lifted)
    generate, size = GENERATORS[name]
    extract(read(generate(size // 16 or 1), force=True))  # warm the rules
    # a quarter of the quick size, then the quick size: both within the work budget. This VM's
    # speed drifts by a third from minute to minute, so a stage whose time ratio exceeds the bound
    # is measured again, up to three times, and judged by its lowest ratio: linear work (≈4) passes
    # within those tries, quadratic work (≈16) fails every one of them.
    small_raw, large_raw = generate(size // 4 or 1), generate(size)
    lowest: dict[str, float] = {}
    for _ in range(3):
        small, large = _stages(small_raw, reference), _stages(large_raw, reference)
        for stage in ("read", "extract", "check"):
            (t1, n1), (t4, n4) = small[stage], large[stage]
            assert n4 <= 4.5 * max(n1, 1), f"{name} {stage}: output grew {n4 / max(n1, 1):.1f}×"
            if t4 > 0.02:  # below that fixed costs dominate the ratio
                lowest[stage] = min(lowest.get(stage, float("inf")), t4 / max(t1, 1e-4))
        if all(ratio < GROWTH_BOUND for ratio in lowest.values()):
            break
    for stage, ratio in lowest.items():
        assert ratio < GROWTH_BOUND, f"{name} {stage}: work grew {ratio:.1f}× for 4× the input"


def test_growth_test_catches_quadratic_work() -> None:
    """The measure above tells a quadratic function from a linear one (it can fail)."""
    def quadratic(n: int) -> int:
        return sum(1 for i in range(n) for j in range(n) if i ^ j == 0)

    t1, _ = _cpu(lambda: quadratic(300))
    t4, _ = _cpu(lambda: quadratic(1200))
    assert t4 / t1 > GROWTH_BOUND


# -- the work budget --------------------------------------------------------------------------


def test_work_budget_is_one_error_everywhere() -> None:
    from factsheet.budget import DEFAULT_BUDGET
    from factsheet.errors import WorkBudgetError

    raw = b"U.S. Relations With Peru\n\n" + b"Peru grows. " * (DEFAULT_BUDGET.max_sentences + 10)
    with pytest.raises(WorkBudgetError, match="split the file") as info:
        read(raw)
    assert info.value.code == "E-INPUT-BUDGET" and info.value.exit_code == 3


# -- foreign exceptions at the edges ----------------------------------------------------------

_NASTY = st.sampled_from(["\uffff", "\ufffe", "\ud800", "\udfff", "\x00", "\x0b", "\x1b", "\x7f",
                          "\ufdd0", "\U0010ffff", "\u200b", "<!--", "-->", "<", ">", "&#0;",
                          "&#xFFFF;", "&#55296;", "<p ", " a=\"", "\"", "</p>", "<![CDATA[",
                          "\r", "U.S. Relations With Peru", "$1 billion", "1827"])


@settings(max_examples=150, deadline=None, database=None, suppress_health_check=list(HealthCheck))
@given(parts=st.lists(st.one_of(_NASTY, st.text(max_size=12)), max_size=40),
       encoding=st.sampled_from(["utf-8", "utf-16", "utf-16-le", "latin-1"]))
def test_fuzz_html_with_noncharacters_surrogates_and_controls(parts: list[str], encoding: str) -> None:
    markup = "<html><body><h1>U.S. Relations With Peru</h1><p>" + "".join(parts) + "</p></body></html>"
    raw = markup.encode(encoding, errors="surrogatepass" if encoding.startswith("utf") else "replace")
    try:
        doc = read(raw, force=True)
        extract(doc)
    except FactsheetError as exc:
        assert exc.code.startswith("E-")


# -- through the API --------------------------------------------------------------------------


@pytest.fixture(scope="module")
def client(tmp_path_factory: pytest.TempPathFactory) -> Any:
    from factsheet.store import open_store

    store = open_store(str(tmp_path_factory.mktemp("hostile") / "kb.db"))
    app = create_app(store=store, cache_seconds=0)
    with TestClient(app) as c:
        yield c
    store.close()


def _post(client: Any, raw: bytes, kind: str = "text/plain") -> Any:
    response = client.post("/api/check", content=raw, headers={"content-type": kind})
    assert response.status_code in (200, 413, 422, 503), response.text[:300]
    body = response.json()
    if response.status_code != 200:
        assert set(body) == {"error"} and body["error"]["code"].startswith("E-")
    return response


def test_api_checks_generated_inputs(client: Any) -> None:
    for name in sorted(GENERATORS):
        generate, size = GENERATORS[name]
        kind = "text/html" if name.startswith("html") else "text/plain"
        _post(client, generate(size // 2 or 1), kind)
    assert client.get("/api/countries").status_code == 200


def test_api_checks_shared_reproducers(shared: Path, client: Any) -> None:
    files = sorted(p for p in (shared / "hostile").glob("*") if p.name != "README.md")
    if not files:
        pytest.skip("../shared/hostile is absent")
    for path in files:
        _post(client, path.read_bytes(), "text/html" if path.suffix == ".html" else "text/plain")


def test_api_budget_is_413(client: Any) -> None:
    from factsheet.budget import DEFAULT_BUDGET

    raw = b"U.S. Relations With Peru\n\n" + b"Peru grows. " * (DEFAULT_BUDGET.max_sentences + 10)
    response = _post(client, raw)
    assert response.status_code == 413 and response.json()["error"]["code"] == "E-INPUT-BUDGET"


def test_api_check_out_of_time_is_503_and_the_server_recovers(tmp_path: Path) -> None:
    from factsheet.store import open_store

    store = open_store(str(tmp_path / "kb.db"))
    app = create_app(store=store, cache_seconds=0, check_seconds=0.001)
    raw = GENERATORS["alternating_ambassadors"][0](400)
    with TestClient(app) as c:
        response = c.post("/api/check", content=raw, headers={"content-type": "text/plain"})
        assert response.status_code == 503
        assert response.json()["error"]["code"] in ("E-WEB-CHECK-TIMEOUT", "E-WEB-CHECK-STOPPED")
        assert "retry-after" in response.headers
        app.state.backend.checks.seconds = 60
        ok = c.post("/api/check?as_of=2026-11-27", content=b"U.S. Relations With Peru\n\nThe "
                    b"United States established diplomatic relations with Peru in 1827.\n",
                    headers={"content-type": "text/plain"})
        assert ok.status_code == 200, ok.text
    store.close()


def test_api_store_out_of_time_is_503(tmp_path: Path) -> None:
    from factsheet.store import open_store

    store = open_store(str(tmp_path / "kb.db"))
    app = create_app(store=store, cache_seconds=0, check_seconds=0.001, token="t")
    raw = GENERATORS["alternating_ambassadors"][0](400)
    with TestClient(app) as c:
        response = c.post("/api/documents", content=raw,
                          headers={"content-type": "text/plain", "authorization": "Bearer t"})
        assert response.status_code == 503, response.text
        assert store.stats()["documents"] == 0
    store.close()


def test_claims_over_the_budget_are_refused_during_extraction() -> None:
    from factsheet.budget import DEFAULT_BUDGET
    from factsheet.errors import WorkBudgetError
    from factsheet.extract import build_pipeline

    generate, _ = GENERATORS["trade_same_year"]  # one claim per sentence
    doc = read(generate(DEFAULT_BUDGET.max_claims + 10), force=True)
    with pytest.raises(WorkBudgetError, match="claims or more") as info:
        build_pipeline().run(doc)  # as the first draft over the limit is made, before the check
    assert info.value.code == "E-INPUT-BUDGET"
    within = read(generate(DEFAULT_BUDGET.max_claims // 2), force=True)
    assert len(extract(within)) == DEFAULT_BUDGET.max_claims // 2
    # one claim found again and again in a sentence is one claim, as in the result
    same = ", ".join(["$1.5 billion in 2015"] * (DEFAULT_BUDGET.max_claims + 10))
    doc = read(("U.S. Relations With Peru\n\nBilateral Economic Relations\n\nU.S. exports to "
                f"Peru were {same}.\n").encode(), force=True)
    assert len(extract(doc)) == 1


def test_claims_are_bounded_by_the_texts_length() -> None:
    """A text denser in claims than any sheet is refused while it is extracted, saying why; a
    short document may always have the floor's number."""
    from factsheet.budget import DEFAULT_BUDGET
    from factsheet.errors import WorkBudgetError
    from factsheet.extract import build_pipeline

    generate, _ = GENERATORS["money_run"]  # about 140 claims per 1,000 characters
    doc = read(generate(1300), force=True)
    allowed = DEFAULT_BUDGET.claims_allowed(len(doc.text))
    assert DEFAULT_BUDGET.min_claims < allowed < 1300 < DEFAULT_BUDGET.max_claims
    with pytest.raises(WorkBudgetError, match="per 1,000, at least 250") as info:
        build_pipeline().run(doc)
    assert f"over the budget of {allowed:,} for its {len(doc.text):,} characters" in str(info.value)
    short = read(generate(DEFAULT_BUDGET.min_claims - 10), force=True)  # far denser, but short
    assert len(extract(short)) == DEFAULT_BUDGET.min_claims - 10


def test_the_density_bound_is_far_above_real_and_rendered_sheets(shared: Path, reference: Any) -> None:
    """Real pages, our own sheets and sheets the tool writes itself stay under two thirds of the
    density bound (budget.py says the densest known have 13 claims per 1,000 characters)."""
    from factsheet.budget import DEFAULT_BUDGET
    from factsheet.render import render_sheet

    root = Path(__file__).resolve().parent
    texts = [p.read_bytes() for p in [*(shared / "corpus" / "sheets").glob("*.txt"),
                                      *(shared / "seeds").glob("*.txt"),
                                      *(root / "fixtures" / "sheets").glob("*.txt")]]
    from factsheet.errors import UnknownCountryError

    for iso in sorted(reference.countries)[::7]:
        try:
            sheet = render_sheet(iso, "2017-01-25", reference)
        except UnknownCountryError:  # the sources name some places no sheet covers
            continue
        texts += [sheet.render("text").encode(), sheet.render("html").encode()]
    densest = 0.0
    for raw in texts:
        doc = read(raw, force=True)
        densest = max(densest, len(extract(doc)) * 1000 / max(len(doc.text), 1))
    assert 5 < densest < DEFAULT_BUDGET.claims_per_kchar * 2 / 3


def test_the_budget_is_far_above_real_sheets(shared: Path) -> None:
    """The limits are justified by real sheets (budget.py): the longest of the corpus, the seed
    and the fixtures stay under a fiftieth of each."""
    from factsheet.budget import DEFAULT_BUDGET

    root = Path(__file__).resolve().parent
    files = [*(shared / "corpus" / "sheets").glob("*.txt"), *(shared / "seeds").glob("*.txt"),
             *(root / "fixtures" / "sheets").glob("*")]
    most_sentences = most_claims = 0
    for path in files:
        doc = read(path.read_bytes(), force=True)
        most_sentences = max(most_sentences, len(doc.sentences))
        most_claims = max(most_claims, len(extract(doc)))
    assert most_sentences * 50 < DEFAULT_BUDGET.max_sentences
    assert most_claims * 50 < DEFAULT_BUDGET.max_claims
