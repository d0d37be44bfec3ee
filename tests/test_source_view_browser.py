"""The widget's source view in Chromium: the cited page with the quote's boxes over its words, in one click.

Boxes are measured in the browser (highlight rectangles relative to the rendered page image) and compared
with where the words were drawn (the generated two-column PDF) or with the PDF's own text under them
(the CDC guideline, read from ../shared/external/pdfs). Screenshots go to test-artifacts/.
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from pathlib import Path

import pytest
from corpora import small_corpus
from fakes import HashingEmbedder
from guideline_pdfs import REC5
from servers import free_socket, serving
from source_checks import (
    check_against_drawn,
    sentence_across_pages,
    similarity,
    text_under,
)
from test_source_positions import PDF_QUESTION, Setup, setup, span_of  # noqa: F401 - setup is a fixture
from test_widget_browser import ARTIFACTS, QUESTION, TIMEOUT_MS, _ask, browser  # noqa: F401 - browser is a fixture

from chatbot.channels.http.app import create_app
from chatbot.config import load_settings
from chatbot.core import Chatbot, build_chatbot

pytestmark = pytest.mark.browser

try:
    from playwright.sync_api import Browser, BrowserContext, Page, expect
except ImportError:  # pragma: no cover - the dev extra installs it
    pass

CDC_PDF = "cdc-2022-opioid-guideline-rr7103a1.pdf"
CDC_QUESTION = "Should clinicians offer naloxone when prescribing opioids?"
MEASURE = """() => Array.from(document.querySelectorAll('.gcw-viewer .gcw-sheet')).flatMap(sheet => {
    const img = sheet.querySelector('img').getBoundingClientRect();
    return Array.from(sheet.querySelectorAll('.gcw-hl')).map(mark => {
        const r = mark.getBoundingClientRect();
        return [Number(sheet.dataset.page), (r.left - img.left) / img.width, (r.top - img.top) / img.height,
                (r.right - img.left) / img.width, (r.bottom - img.top) / img.height];
    });
})"""


def _app_server(bot: Chatbot) -> Iterator[str]:
    import uvicorn

    server = uvicorn.Server(uvicorn.Config(create_app(bot), log_level="warning", lifespan="off"))
    with serving(server, free_socket()) as url:
        yield url


@pytest.fixture(scope="module")
def api(setup: Setup) -> Iterator[str]:  # noqa: F811
    """uvicorn serving the generated two-column PDF and the digest."""
    yield from _app_server(setup.bot)


@pytest.fixture(scope="module")
def cdc(shared_pdf_dir: Path, tmp_path_factory: pytest.TempPathFactory) -> Iterator[tuple[str, Chatbot, Path]]:
    """uvicorn serving the CDC guideline (read in place), indexed with the hashing embedder."""
    root = tmp_path_factory.mktemp("cdc-source")
    corpus = small_corpus(root / "corpus", {"cdc.pdf": shared_pdf_dir / CDC_PDF}, {"cdc": "CDC opioid prescribing guideline 2022"})
    settings = load_settings(
        corpus_dir=corpus,
        index_dir=root / "index",
        data_dir=root / "data",
        min_dense_score=0.05,
        min_domain_dense_score=0.05,
        rate_limit_per_minute=0,
    )
    bot = build_chatbot(settings, embedder=HashingEmbedder())
    for url in _app_server(bot):
        yield url, bot, shared_pdf_dir / CDC_PDF


@pytest.fixture
def context(browser: Browser) -> Iterator[BrowserContext]:  # noqa: F811
    ctx = browser.new_context(viewport={"width": 1100, "height": 900})
    ctx.set_default_timeout(TIMEOUT_MS)
    yield ctx
    ctx.close()


@pytest.fixture
def page(context: BrowserContext) -> Iterator[Page]:
    """A page that fails the test on a JavaScript error, a CSP violation or a request off the API's origin."""
    page = context.new_page()
    problems: list[str] = []
    page.on("pageerror", lambda exc: problems.append(str(exc)))
    page.on("console", lambda message: problems.append(message.text) if "Content Security Policy" in message.text else None)
    page.on(
        "request", lambda request: problems.append(request.url) if not re.match(r"^(http://127\.0\.0\.1:\d+/|data:)", request.url) else None
    )
    yield page
    assert not problems, problems


def _open_source(page: Page, quote) -> None:
    """Click a quote's "Show in source" and wait until the page images and highlights are shown."""
    quote.get_by_role("button", name="Show in source").click()
    expect(page.locator(".gcw-viewer[data-ready]")).to_be_visible()


def _in_view(page: Page, selector: str) -> bool:
    return page.evaluate(
        """sel => {
        const mark = document.querySelector(sel).getBoundingClientRect();
        const body = document.querySelector('.gcw-viewer-body').getBoundingClientRect();
        return mark.top >= body.top && mark.bottom <= body.bottom;
    }""",
        selector,
    )


def _api_boxes(source: dict) -> list[tuple]:
    return [(b["page"], b["x0"], b["y0"], b["x1"], b["y1"]) for b in source["boxes"]]


def _close_to(measured: list, expected: list, tolerance: float = 0.005) -> bool:
    return len(measured) == len(expected) and all(
        m[0] == e[0] and all(abs(a - b) <= tolerance for a, b in zip(m[1:], e[1:])) for m, e in zip(measured, expected)
    )


# --- The generated two-column PDF ----------------------------------------------------------------------


def test_one_click_from_an_answer_to_the_highlighted_page(page: Page, api: str, setup: Setup) -> None:  # noqa: F811
    page.goto(api + "/")
    with page.expect_response(lambda r: r.url.endswith("/v1/chat")) as response:
        _ask(page, PDF_QUESTION)
    reply = response.value.json()
    index = next(i for i, q in enumerate(reply["quotes"]) if q["document_id"] == "glimmer")
    quote = reply["quotes"][index]
    button_quote = page.locator(f'.gcw-bot .gcw-quote[data-quote-index="{index}"]')
    _open_source(page, button_quote)
    viewer = page.get_by_role("dialog")
    measured = page.evaluate(MEASURE)
    assert _close_to(measured, _api_boxes(quote["source"]))
    check_against_drawn(measured, setup.pdf.words, quote["text"])
    assert _in_view(page, ".gcw-hl")
    first, count = quote["source"]["page"], quote["source"]["page_count"]
    assert first < count
    expect(viewer.locator(".gcw-viewer-where")).to_contain_text(f"p. {first} of {count}")
    link = viewer.get_by_role("link", name=f"Open the PDF at p. {first}")
    assert link.get_attribute("href") == f"{api}/v1/documents/glimmer/file#page={first}"
    download = page.request.get(f"{api}/v1/documents/glimmer/file")
    assert download.status == 200 and download.body() == setup.pdf.data
    page.screenshot(path=str(ARTIFACTS / "source-two-column.png"))
    # Next and previous pages; the highlight belongs to the quote's page only.
    viewer.get_by_role("button", name="Next page ›").click()
    expect(page.locator(".gcw-viewer[data-ready] .gcw-sheet")).to_have_attribute("data-page", str(first + 1))
    assert page.evaluate(MEASURE) == []
    for number in range(first + 1, count):
        viewer.get_by_role("button", name="Next page ›").click()
        expect(page.locator(".gcw-viewer[data-ready] .gcw-sheet")).to_have_attribute("data-page", str(number + 1))
    expect(viewer.get_by_role("button", name="Next page ›")).to_be_disabled()
    for number in range(count - 1, 0, -1):
        viewer.get_by_role("button", name="‹ Previous page").click()
        expect(page.locator(".gcw-viewer[data-ready] .gcw-sheet")).to_have_attribute("data-page", str(number))
    expect(viewer.get_by_role("button", name="‹ Previous page")).to_be_disabled()
    # Escape closes the view and gives the focus back to the button that opened it.
    page.keyboard.press("Escape")
    expect(viewer).to_be_hidden()
    expect(button_quote.get_by_role("button", name="Show in source")).to_be_focused()


def test_a_quote_across_a_page_break_highlights_on_both_pages(page: Page, api: str, setup: Setup) -> None:  # noqa: F811
    start, end = span_of(setup.bot.index.documents["glimmer"].text, REC5)
    page.goto(f"{api}/?source=glimmer&start={start}&end={end}")  # the link a Slack citation carries
    expect(page.locator(".gcw-viewer[data-ready]")).to_be_visible()
    expect(page.locator(".gcw-sheet")).to_have_count(2)
    measured = page.evaluate(MEASURE)
    assert {box[0] for box in measured} == {1, 2}
    check_against_drawn(measured, setup.pdf.words, REC5)
    expect(page.locator(".gcw-viewer-where")).to_contain_text("pp. 1–2 of 3")
    page.screenshot(path=str(ARTIFACTS / "source-page-break.png"))


def test_the_source_view_works_by_keyboard(page: Page, api: str) -> None:
    page.goto(api + "/")
    _ask(page, PDF_QUESTION)
    button = page.locator(".gcw-bot .gcw-quote").first.get_by_role("button", name="Show in source")
    button.focus()
    page.keyboard.press("Enter")
    expect(page.locator(".gcw-viewer[data-ready]")).to_be_visible()
    close = page.get_by_role("button", name="Close the source view")
    expect(close).to_be_focused()
    for _ in range(6):  # Tab cycles inside the dialog
        page.keyboard.press("Tab")
        assert page.evaluate("document.querySelector('.gcw-viewer').contains(document.activeElement)")
    page.locator(".gcw-viewer-body").focus()
    shown = page.locator(".gcw-sheet").first.get_attribute("data-page")
    page.keyboard.press("ArrowRight" if shown == "1" else "ArrowLeft")
    expect(page.locator(".gcw-viewer[data-ready] .gcw-sheet")).not_to_have_attribute("data-page", shown)
    page.keyboard.press("Escape")
    expect(button).to_be_focused()


def test_highlights_come_back_after_a_reload(page: Page, api: str, setup: Setup) -> None:  # noqa: F811
    page.goto(api + "/")
    _ask(page, PDF_QUESTION)
    _open_source(page, page.locator(".gcw-bot .gcw-quote").first)
    before = page.evaluate(MEASURE)
    page.reload()
    requests: list[str] = []
    page.on("request", lambda request: requests.append(request.url))
    _open_source(page, page.locator(".gcw-bot .gcw-quote").first)
    assert _close_to(page.evaluate(MEASURE), before, 0.001)
    assert not [url for url in requests if "/source" in url or "/v1/chat" in url]  # the boxes came with the stored reply


def test_a_text_document_shows_its_section_with_the_quote_highlighted(page: Page, api: str) -> None:
    page.goto(api + "/")
    with page.expect_response(lambda r: r.url.endswith("/v1/chat")) as response:
        _ask(page, QUESTION)
    quotes = response.value.json()["quotes"]
    index = next(i for i, q in enumerate(quotes) if q["document_id"] == "digest")
    _open_source(page, page.locator(f'.gcw-bot .gcw-quote[data-quote-index="{index}"]'))
    expect(page.locator(".gcw-section-quote")).to_have_text(quotes[index]["text"])
    expect(page.locator(".gcw-viewer-where")).to_have_text("§ " + quotes[index]["source"]["section"])
    expect(page.get_by_role("button", name="Next page ›")).to_be_hidden()
    assert _in_view(page, ".gcw-section-quote")


def test_the_source_view_fits_a_phone(browser: Browser, api: str, setup: Setup) -> None:  # noqa: F811
    ctx = browser.new_context(viewport={"width": 375, "height": 740}, device_scale_factor=2, is_mobile=True, has_touch=True)
    ctx.set_default_timeout(TIMEOUT_MS)
    try:
        page = ctx.new_page()
        start, end = span_of(setup.bot.index.documents["glimmer"].text, REC5)
        page.goto(f"{api}/?source=glimmer&start={start}&end={end}")
        expect(page.locator(".gcw-viewer[data-ready]")).to_be_visible()
        box = page.locator(".gcw-viewer-box").bounding_box()
        assert box and box["x"] >= 0 and box["width"] <= 375
        assert page.evaluate("document.documentElement.scrollWidth") <= 375
        check_against_drawn(page.evaluate(MEASURE), setup.pdf.words, REC5)
        assert _in_view(page, ".gcw-hl")
        page.screenshot(path=str(ARTIFACTS / "source-phone.png"))
    finally:
        ctx.close()


# --- The CDC guideline ---------------------------------------------------------------------------------


@pytest.mark.shared
def test_cdc_answer_highlights_the_quote_over_the_pdfs_own_text(page: Page, cdc: tuple[str, Chatbot, Path]) -> None:
    api, bot, path = cdc
    page.goto(api + "/")
    with page.expect_response(lambda r: r.url.endswith("/v1/chat")) as response:
        _ask(page, CDC_QUESTION)
    quote = response.value.json()["quotes"][0]
    _open_source(page, page.locator(".gcw-bot .gcw-quote").first)
    measured = page.evaluate(MEASURE)
    assert measured and _close_to(measured, _api_boxes(quote["source"]))
    assert similarity(quote["text"], text_under(measured, path)) >= 95
    assert _in_view(page, ".gcw-hl")
    page.screenshot(path=str(ARTIFACTS / "source-cdc.png"))

    document = bot.index.documents["cdc"]
    start, end = sentence_across_pages(document.text, document.pages)
    page.goto(f"{api}/?source=cdc&start={start}&end={end}")
    expect(page.locator(".gcw-viewer[data-ready]")).to_be_visible()
    expect(page.locator(".gcw-sheet")).to_have_count(2)
    measured = page.evaluate(MEASURE)
    assert len({box[0] for box in measured}) == 2
    assert similarity(document.text[start:end], text_under(measured, path)) >= 95
    page.screenshot(path=str(ARTIFACTS / "source-cdc-page-break.png"))
