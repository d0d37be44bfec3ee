"""The chat widget in a real browser: Playwright drives Debian's Chromium against a real uvicorn server.

The bot runs on a tmp copy of the project corpus with the HashingEmbedder (as in test_service.py).
A second tiny HTTP server on another port plays a third-party page that embeds the widget with one
script tag, so the panel talks to the API cross-origin (allowed by the app's cors_origins).
Screenshots go to test-artifacts/ at the repository root.

Chromium comes from the system (`make browser` installs it); no browser is downloaded. Without
/usr/bin/chromium these tests skip, except under CI, where they fail.
"""

from __future__ import annotations

import http.server
import json
import os
import threading
from collections.abc import Iterator
from pathlib import Path

import pytest
from corpora import hashing_bot
from servers import free_socket, serving

from chatbot.channels.http.app import create_app
from chatbot.core import Chatbot

pytestmark = pytest.mark.browser


CHROMIUM = Path("/usr/bin/chromium")
CHROMIUM_ARGS = [
    "--no-sandbox",
    "--disable-gpu",
    "--disable-dev-shm-usage",
    "--disable-background-networking",
    "--disable-component-update",
    "--no-first-run",
    "--disable-sync",
]
ARTIFACTS = Path(__file__).resolve().parents[1] / "test-artifacts"
QUESTION = "Should a 19 year old with newly diagnosed ALL get a pediatric or an adult regimen?"
FOLLOW_UP = "And what about relapsed disease?"
TRANSPLANT = "Should this patient get a transplant?"
TIMEOUT_MS = 20_000


def _unavailable(reason: str) -> None:
    if os.environ.get("CI"):
        pytest.fail(f"{reason} but CI is set: the browser tests are required (run `make browser`)")
    pytest.skip(reason)


try:
    from playwright.sync_api import Browser, BrowserContext, Page, Route, expect, sync_playwright
except ImportError:  # pragma: no cover - the dev extra installs it
    sync_playwright = None


# --- Servers -----------------------------------------------------------------------------------------


class _EmbeddingPage(http.server.BaseHTTPRequestHandler):
    """A third-party page that embeds the widget with one script tag."""

    api = ""

    def do_GET(self) -> None:  # noqa: N802 - http.server's naming
        body = (
            f"<!doctype html><html lang='en'><head><meta charset='utf-8'>"
            f"<meta name='viewport' content='width=device-width, initial-scale=1'><title>Hospital intranet</title></head>"
            f"<body style='font-family: serif; margin: 2rem'><h1>Haematology ward handbook</h1>"
            f"<p>An unrelated page on another origin that embeds the guideline chatbot.</p>"
            f'<script src="{self.api}/widget.js"></script></body></html>'
        ).encode()
        self.send_response(200)
        self.send_header("Content-Type", "text/html; charset=utf-8")
        self.send_header("Content-Length", str(len(body)))
        self.end_headers()
        self.wfile.write(body)

    def log_message(self, *args: object) -> None:
        pass


@pytest.fixture(scope="module")
def bot(tmp_path_factory: pytest.TempPathFactory) -> Chatbot:
    """A Chatbot on a tmp copy of the project corpus, hashing embedder, tmp sessions and audit."""
    return hashing_bot(tmp_path_factory.mktemp("widget"))


@pytest.fixture(scope="module")
def servers(bot: Chatbot) -> Iterator[tuple[str, str]]:
    """(API origin, other origin): uvicorn serving the app + widget, and a page embedding the widget."""
    import uvicorn

    api_sock = free_socket()
    api = f"http://127.0.0.1:{api_sock.getsockname()[1]}"
    handler = type("Page", (_EmbeddingPage,), {"api": api})
    other = http.server.ThreadingHTTPServer(("127.0.0.1", 0), handler)
    other_origin = f"http://127.0.0.1:{other.server_address[1]}"
    other_thread = threading.Thread(target=other.serve_forever, daemon=True)
    other_thread.start()

    app = create_app(bot, bot.settings.model_copy(update={"cors_origins": (other_origin,)}))
    server = uvicorn.Server(uvicorn.Config(app, log_level="warning", lifespan="off"))
    with serving(server, api_sock):
        yield api, other_origin
    other.shutdown()
    other.server_close()


@pytest.fixture(scope="module")
def browser() -> Iterator[Browser]:
    if sync_playwright is None:
        _unavailable("playwright is not installed (pip install -e '.[dev]')")
    if not CHROMIUM.exists():
        _unavailable(f"{CHROMIUM} is missing (install it with `make browser` or `apt-get install chromium`)")
    ARTIFACTS.mkdir(exist_ok=True)
    with sync_playwright() as playwright:
        chromium = playwright.chromium.launch(executable_path=str(CHROMIUM), args=CHROMIUM_ARGS, headless=True)
        yield chromium
        chromium.close()


@pytest.fixture
def context(browser: Browser) -> Iterator[BrowserContext]:
    """A fresh browser profile (empty localStorage) per test."""
    ctx = browser.new_context(viewport={"width": 1100, "height": 900})
    ctx.set_default_timeout(TIMEOUT_MS)
    yield ctx
    ctx.close()


@pytest.fixture
def page(context: BrowserContext) -> Iterator[Page]:
    """A page in that profile; an uncaught JavaScript error fails the test."""
    page = context.new_page()
    errors: list[str] = []
    page.on("pageerror", lambda exc: errors.append(str(exc)))
    yield page
    assert not errors, f"JavaScript errors: {errors}"


def _ask(page: Page, question: str) -> None:
    """Type a question in the labelled box and press Enter; wait for the new answer or error."""
    before = page.locator(".gcw-bot, .gcw-error").count()
    box = page.get_by_label("Your question")
    box.fill(question)
    box.press("Enter")
    expect(page.locator(".gcw-bot, .gcw-error")).to_have_count(before + 1)


def _stored(page: Page, key: str) -> object:
    return page.evaluate(
        """key => {
        for (let i = 0; i < localStorage.length; i++) {
            const name = localStorage.key(i);
            if (name.startsWith('gcw:') && name.endsWith(':' + key)) return JSON.parse(localStorage.getItem(name));
        }
        return null;
    }""",
        key,
    )


# --- The full-page chat -----------------------------------------------------------------------------


def test_an_answer_shows_quotes_with_citation_chips_and_recommendation_badges(page: Page, servers: tuple[str, str]) -> None:
    api, _ = servers
    page.goto(api + "/")
    expect(page.get_by_role("log", name="Conversation")).to_be_visible()
    _ask(page, QUESTION)
    answer = page.locator(".gcw-bot").last
    expect(answer.locator(".gcw-summary")).not_to_be_empty()
    quote = answer.locator(".gcw-quote").first
    expect(quote.locator("blockquote")).not_to_be_empty()
    expect(quote.locator(".gcw-chip-digest")).to_have_text("Unofficial digest")
    expect(quote.locator(".gcw-chip-doc")).not_to_be_empty()
    expect(quote.locator(".gcw-chip-section")).to_contain_text("§")
    card = answer.locator('.gcw-rec[data-rec-id="FL-pediatric-inspired-regimen"]')
    expect(card).to_be_visible()
    expect(card.locator(".gcw-badge.gcw-direction-for")).to_have_text("For")
    expect(card.locator(".gcw-badge.gcw-strength-strong")).to_have_text("Strength: strong")
    expect(card.locator(".gcw-badge.gcw-certainty-unknown")).to_have_text("Certainty: unknown")
    expect(answer.get_by_role("button", name="Thumbs up: helpful answer")).to_be_visible()
    page.screenshot(path=str(ARTIFACTS / "widget-answer.png"), full_page=True)


def test_an_uncovered_ask_is_named_and_related_items_are_shown_apart(page: Page, servers: tuple[str, str]) -> None:
    api, _ = servers
    page.goto(api + "/")
    _ask(page, "Is ponatinib the TKI to add for Ph-positive ALL in AYAs?")
    answer = page.locator(".gcw-bot").last
    expect(answer.locator(".gcw-reply-not_found")).to_be_visible()
    expect(answer.locator(".gcw-uncovered")).to_have_text("Not addressed by the loaded guidelines: ponatinib")
    related = answer.get_by_role("note", name="Related, not an answer")
    expect(related.locator(".gcw-related-title")).to_have_text("Related, not an answer:")
    expect(related.locator("li").first).not_to_be_empty()
    expect(answer.locator(".gcw-quote")).to_have_count(0)


def test_a_follow_up_continues_the_same_session(page: Page, servers: tuple[str, str], bot: Chatbot) -> None:
    api, _ = servers
    page.goto(api + "/")
    _ask(page, QUESTION)
    session = _stored(page, "session")
    assert session
    with page.expect_request(lambda r: r.url.endswith("/v1/chat")) as request:
        _ask(page, FOLLOW_UP)
    assert json.loads(request.value.post_data)["session_id"] == session
    assert _stored(page, "session") == session
    assert [t.question for t in bot.sessions.history(session, 10)] == [QUESTION, FOLLOW_UP]
    # Suggested follow-ups are buttons that ask them.
    suggestions = page.locator(".gcw-followups .gcw-option")
    if suggestions.count():
        text = suggestions.first.inner_text()
        suggestions.first.click()
        expect(page.locator(".gcw-bot")).to_have_count(3)
        expect(page.locator(".gcw-user").last).to_contain_text(text)
        assert [t.question for t in bot.sessions.history(session, 10)][-1] == text


def test_clarification_options_are_buttons_that_send_the_choice(page: Page, servers: tuple[str, str]) -> None:
    api, _ = servers
    page.goto(api + "/")
    _ask(page, TRANSPLANT)
    if not page.locator(".gcw-clarify .gcw-option").count():
        # The hashing embedder did not ask back: make the service's reply a clarification request.
        options = ["Transplant in first remission for high-risk ALL", "Transplant for relapsed or refractory ALL"]

        def clarify(route: Route) -> None:
            response = route.fetch()
            body = response.json()
            if body.get("question") == TRANSPLANT:
                body.update(
                    status="needs_clarification",
                    summary="Which situation do you mean?",
                    quotes=[],
                    recommendations=[],
                    clarification_options=options,
                    follow_ups=[],
                )
            route.fulfill(response=response, json=body)

        page.route("**/v1/chat", clarify)
        _ask(page, TRANSPLANT)
    answer = page.locator(".gcw-bot").last
    expect(answer.get_by_role("group", name="Which did you mean?")).to_be_visible()
    buttons = answer.locator(".gcw-clarify .gcw-option")
    assert buttons.count() >= 2
    choice = buttons.first.inner_text()
    before = page.locator(".gcw-bot, .gcw-error").count()
    with page.expect_request(lambda r: r.url.endswith("/v1/chat")) as request:
        buttons.first.click()
    assert json.loads(request.value.post_data)["message"] == choice
    expect(page.locator(".gcw-bot, .gcw-error")).to_have_count(before + 1)
    expect(page.locator(".gcw-user").last).to_contain_text(choice)


def test_thumbs_down_opens_a_comment_box_and_records_the_comment(page: Page, servers: tuple[str, str], bot: Chatbot) -> None:
    api, _ = servers
    page.goto(api + "/")
    _ask(page, QUESTION)
    answer = page.locator(".gcw-bot").last
    answer_id = answer.get_attribute("data-answer-id")
    box = answer.get_by_role("textbox", name="What was wrong with this answer? (optional)")
    expect(box).to_be_hidden()
    answer.get_by_role("button", name="Thumbs down: unhelpful answer").click()
    expect(box).to_be_visible()
    expect(box).to_be_focused()
    assert bot.audit.feedback(answer_id) == []  # nothing is sent before the comment box is sent
    box.fill("The quote is about Ph-negative disease only.")
    with page.expect_request(lambda r: r.url.endswith("/v1/feedback")) as request:
        answer.get_by_role("button", name="Send feedback").click()
    assert json.loads(request.value.post_data) == {
        "answer_id": answer_id,
        "rating": "down",
        "comment": "The quote is about Ph-negative disease only.",
    }
    expect(answer.locator(".gcw-feedback-note")).to_have_text("Thanks for your feedback.")
    expect(box).to_be_hidden()
    expect(answer.get_by_role("button", name="Thumbs down: unhelpful answer")).to_have_attribute("aria-pressed", "true")
    assert [(f.rating, f.comment) for f in bot.audit.feedback(answer_id)] == [("down", "The quote is about Ph-negative disease only.")]


def test_thumbs_down_without_a_comment_and_thumbs_up_send_the_rating_alone(page: Page, servers: tuple[str, str], bot: Chatbot) -> None:
    api, _ = servers
    page.goto(api + "/")
    _ask(page, QUESTION)
    answer = page.locator(".gcw-bot").last
    answer_id = answer.get_attribute("data-answer-id")
    answer.get_by_role("button", name="Thumbs down: unhelpful answer").click()
    answer.get_by_role("button", name="Cancel").click()
    expect(answer.get_by_role("textbox", name="What was wrong with this answer? (optional)")).to_be_hidden()
    answer.get_by_role("button", name="Thumbs down: unhelpful answer").click()
    answer.get_by_role("button", name="Send feedback").click()
    expect(answer.locator(".gcw-feedback-note")).to_have_text("Thanks for your feedback.")
    answer.get_by_role("button", name="Thumbs up: helpful answer").click()
    expect(answer.get_by_role("button", name="Thumbs up: helpful answer")).to_have_attribute("aria-pressed", "true")
    assert [(f.rating, f.comment) for f in bot.audit.feedback(answer_id)] == [("down", None), ("up", None)]


def test_a_reload_keeps_the_conversation_and_the_session(page: Page, servers: tuple[str, str]) -> None:
    api, _ = servers
    page.goto(api + "/")
    _ask(page, QUESTION)
    session = _stored(page, "session")
    summary = page.locator(".gcw-bot .gcw-summary").last.inner_text()
    page.reload()
    expect(page.locator(".gcw-bot")).to_have_count(1)
    expect(page.locator(".gcw-user")).to_contain_text(QUESTION)
    expect(page.locator(".gcw-bot .gcw-summary")).to_have_text(summary)
    expect(page.locator(".gcw-bot .gcw-quote").first).to_be_visible()
    with page.expect_request(lambda r: r.url.endswith("/v1/chat")) as request:
        _ask(page, FOLLOW_UP)
    assert json.loads(request.value.post_data)["session_id"] == session
    page.get_by_role("button", name="New chat").click()
    expect(page.locator(".gcw-bot")).to_have_count(0)
    assert _stored(page, "session") is None


def test_show_in_context_shows_the_text_around_the_quote(page: Page, servers: tuple[str, str]) -> None:
    api, _ = servers
    page.goto(api + "/")
    _ask(page, QUESTION)
    quote = page.locator(".gcw-bot .gcw-quote").first
    text = quote.locator("blockquote").inner_text()
    button = quote.get_by_role("button", name="Show in context")
    button.click()
    context = quote.locator(".gcw-context")
    expect(context.locator("mark")).to_have_text(text)
    assert (context.locator(".gcw-before").inner_text() + context.locator(".gcw-after").inner_text()).strip()
    expect(context.locator(".gcw-context-cite")).not_to_be_empty()
    expect(quote.get_by_role("button", name="Hide context")).to_have_attribute("aria-expanded", "true")
    quote.get_by_role("button", name="Hide context").click()
    expect(context).to_be_hidden()


@pytest.mark.parametrize(
    ("status", "headers", "body", "expected"),
    [
        (
            500,
            {},
            {"error": {"code": "internal_error", "message": "an unexpected error occurred", "hint": "try again later"}},
            "an unexpected error occurred",
        ),
        (
            429,
            {"Retry-After": "7"},
            {"error": {"code": "rate_limited", "message": "too many requests", "hint": "wait"}},
            "Please wait 7 seconds",
        ),
        (502, {}, "<html>Bad gateway</html>", "HTTP 502"),
        (None, {}, None, "Could not reach the guideline service"),
    ],
)
def test_errors_appear_as_messages_in_the_panel(
    page: Page, servers: tuple[str, str], status: int | None, headers: dict, body: object, expected: str
) -> None:
    api, _ = servers

    def fail(route: Route) -> None:
        if status is None:
            route.abort("connectionrefused")
        elif isinstance(body, str):
            route.fulfill(status=status, headers=headers, body=body, content_type="text/html")
        else:
            route.fulfill(status=status, headers=headers, json=body)

    page.route("**/v1/chat", fail)
    page.goto(api + "/")
    _ask(page, QUESTION)
    error = page.locator(".gcw-error").last
    expect(error).to_contain_text(expected)
    expect(error).to_have_attribute("role", "alert")
    expect(page.locator(".gcw-user")).to_contain_text(QUESTION)
    if status == 500:
        page.screenshot(path=str(ARTIFACTS / "widget-error.png"))


# --- Recommendations at a glance --------------------------------------------------------------------


def test_glance_lists_every_recommendation_and_filters_narrow_them(page: Page, servers: tuple[str, str], bot: Chatbot) -> None:
    api, _ = servers
    page.goto(api + "/glance")
    cards = page.locator(".gcw-grid-item:visible")
    expect(cards).to_have_count(25)
    assert len(bot.rec_set.items) == 25
    expect(page.locator(".gcw-count")).to_have_text("Showing 25 of 25 recommendations")
    page.screenshot(path=str(ARTIFACTS / "widget-glance.png"), full_page=True)

    page.get_by_label("Guideline").select_option("relapsed_refractory")
    expect(cards).to_have_count(sum(r.guideline == "relapsed_refractory" for r in bot.rec_set.items))
    page.get_by_label("Direction").select_option("for")
    expected = sum(r.guideline == "relapsed_refractory" and r.direction == "for" for r in bot.rec_set.items)
    expect(cards).to_have_count(expected)
    assert 0 < expected < 9
    page.get_by_role("button", name="Clear filters").click()
    expect(cards).to_have_count(25)
    page.get_by_label("Strength").select_option("strong")
    expect(cards).to_have_count(1)
    expect(cards.first.locator(".gcw-rec")).to_have_attribute("data-rec-id", "FL-pediatric-inspired-regimen")
    page.get_by_role("button", name="Clear filters").click()
    page.get_by_label("Kind").select_option("research_only")
    expect(cards).to_have_count(1)
    page.get_by_role("button", name="Clear filters").click()
    page.get_by_label("Status").select_option("placeholder")
    expect(cards).to_have_count(sum(r.status == "placeholder" for r in bot.rec_set.items))
    page.get_by_role("button", name="Clear filters").click()
    page.get_by_label("Search", exact=True).fill("pediatric-inspired")
    expect(cards).to_have_count(1)
    page.get_by_label("Search", exact=True).fill("no such thing at all")
    expect(cards).to_have_count(0)
    expect(page.locator(".gcw-count")).to_have_text("Showing 0 of 25 recommendations")


# --- Embedded in another origin's page, and on a phone -----------------------------------------------


def test_the_widget_embedded_in_another_origin_chats_with_the_api(page: Page, servers: tuple[str, str]) -> None:
    api, other = servers
    assert api != other
    page.goto(other + "/")
    launcher = page.get_by_role("button", name="Open the guideline chatbot")
    launcher.click()
    dialog = page.get_by_role("dialog", name="Guideline chatbot")
    expect(dialog).to_be_visible()
    with page.expect_response(lambda r: r.url == api + "/v1/chat") as response:
        _ask(page, QUESTION)
    assert response.value.status == 200
    assert response.value.headers.get("access-control-allow-origin") == other
    answer = dialog.locator(".gcw-bot").last
    expect(answer.locator(".gcw-quote").first).to_be_visible()
    expect(answer.locator(".gcw-chip-digest").first).to_have_text("Unofficial digest")
    page.screenshot(path=str(ARTIFACTS / "widget-embedded.png"))
    # Escape closes the panel and gives the focus back to the launcher.
    page.keyboard.press("Escape")
    expect(dialog).to_be_hidden()
    expect(launcher).to_be_focused()


def test_phone_width_is_readable_without_horizontal_scrolling(browser: Browser, servers: tuple[str, str]) -> None:
    api, other = servers
    ctx = browser.new_context(viewport={"width": 375, "height": 740}, device_scale_factor=2, is_mobile=True, has_touch=True)
    ctx.set_default_timeout(TIMEOUT_MS)
    try:
        page = ctx.new_page()
        page.goto(api + "/")
        _ask(page, QUESTION)
        expect(page.locator(".gcw-bot .gcw-quote").first).to_be_visible()
        assert page.evaluate("document.documentElement.scrollWidth") <= 375
        page.screenshot(path=str(ARTIFACTS / "widget-phone.png"))
        page.screenshot(path=str(ARTIFACTS / "widget-phone-full.png"), full_page=True)
        embedded = ctx.new_page()
        embedded.goto(other + "/")
        embedded.get_by_role("button", name="Open the guideline chatbot").click()
        panel = embedded.get_by_role("dialog", name="Guideline chatbot")
        expect(panel).to_be_visible()
        box = panel.bounding_box()
        assert box and box["width"] <= 375 and box["x"] >= 0
        embedded.screenshot(path=str(ARTIFACTS / "widget-phone-embedded.png"))
    finally:
        ctx.close()
