"""The HTTP API: every route and every error in process, a real uvicorn server end to end, fuzzing.

The bot runs on a tmp copy of the project corpus with the HashingEmbedder (thresholds lowered for
it); sessions and the audit trail live in a tmp data dir. In-process requests go through starlette's
TestClient; the real server is uvicorn on a free loopback port in a thread, driven by httpx2.
"""

from __future__ import annotations

import hashlib
import json
import logging
import os
from collections.abc import Iterator
from concurrent.futures import ThreadPoolExecutor

import httpx2 as httpx
import pytest
import schemathesis
from corpora import hashing_bot
from hypothesis import HealthCheck, given
from hypothesis import settings as hypothesis_settings
from schemathesis import GenerationMode
from servers import free_socket, serving
from starlette.testclient import TestClient

from chatbot.channels.http.app import create_app, make_server
from chatbot.channels.http.limits import RateLimited, TokenBucketLimiter, key_hash
from chatbot.core import Chatbot
from chatbot.reply import contract_problems

QUESTION = "Should a 19 year old with newly diagnosed ALL get a pediatric or an adult regimen?"
FOLLOW_UP = "And what about relapsed disease?"
DIGEST_ID = "ash-aya-all-2026-digest"
KEY = "correct horse battery staple"
ERROR_KEYS = {"code", "message", "hint"}


@pytest.fixture(autouse=True)
def _no_ambient_settings(monkeypatch: pytest.MonkeyPatch) -> None:
    """CHATBOT_ variables of the developer's shell must not leak into the settings."""
    for name in [n for n in os.environ if n.startswith("CHATBOT_")]:
        monkeypatch.delenv(name)


@pytest.fixture(scope="module")
def bot(tmp_path_factory: pytest.TempPathFactory) -> Chatbot:
    """A Chatbot on a tmp copy of the project corpus, hashing embedder, tmp sessions and audit."""
    return hashing_bot(tmp_path_factory.mktemp("service"))


def _client(bot: Chatbot, **overrides: object) -> TestClient:
    """An in-process client for an app over `bot` with some HTTP settings changed."""
    settings = bot.settings.model_copy(update=overrides) if overrides else None
    return TestClient(create_app(bot, settings), raise_server_exceptions=False)


@pytest.fixture(scope="module")
def client(bot: Chatbot) -> TestClient:
    return _client(bot)


def _error(response: httpx.Response, status: int, code: str | None = None) -> dict:
    """The error body of a response that must have `status`; it has exactly code, message and hint."""
    assert response.status_code == status, response.text
    assert response.headers["content-type"].startswith("application/json")
    body = response.json()
    assert set(body) == {"error"} and set(body["error"]) == ERROR_KEYS, body
    assert "Traceback" not in response.text
    if code:
        assert body["error"]["code"] == code, body
    return body["error"]


def _audit_ids(bot: Chatbot) -> set[str]:
    return {entry.answer_id for entry in bot.audit.entries()}


# --- Routes ----------------------------------------------------------------------------------------


def test_chat_returns_the_reply_contract_and_is_audited(client: TestClient, bot: Chatbot) -> None:
    response = client.post("/v1/chat", json={"message": QUESTION})
    assert response.status_code == 200, response.text
    body = response.json()
    assert contract_problems(body) == []
    assert body["status"] == "answered"
    assert "FL-pediatric-inspired-regimen" in {r["id"] for r in body["recommendations"]}
    for quote in body["quotes"]:
        assert bot.index.documents[quote["document_id"]].text[quote["char_start"] : quote["char_end"]] == quote["text"]
    entry = next(e for e in bot.audit.entries() if e.answer_id == body["answer_id"])
    assert entry.channel == "http" and entry.session_id == body["session_id"]


def test_chat_continues_a_session_and_rejects_an_unknown_one(client: TestClient, bot: Chatbot) -> None:
    first = client.post("/v1/chat", json={"message": QUESTION}).json()
    second = client.post("/v1/chat", json={"message": FOLLOW_UP, "session_id": first["session_id"]})
    assert second.status_code == 200, second.text
    assert second.json()["session_id"] == first["session_id"]
    assert [t.question for t in bot.sessions.history(first["session_id"], 10)] == [QUESTION, FOLLOW_UP]
    before = len(_audit_ids(bot))
    _error(client.post("/v1/chat", json={"message": QUESTION, "session_id": "no-such-session"}), 404, "not_found")
    assert len(_audit_ids(bot)) == before


def test_check_reports_an_overstated_strength_with_the_checked_words(client: TestClient) -> None:
    text = "The panel strongly recommends blinatumomab for relapsed B-ALL."
    response = client.post("/v1/check", json={"text": text})
    assert response.status_code == 200, response.text
    body = response.json()
    assert body["verdict"] in {"warn", "fail"}
    finding = next(f for f in body["findings"] if f["kind"] == "strength_overstated")
    assert finding["text"] == text[finding["span"][0] : finding["span"][1]]


def test_recommendations_list_and_one(client: TestClient, bot: Chatbot) -> None:
    listed = client.get("/v1/recommendations").json()["recommendations"]
    assert [r["id"] for r in listed] == [r.id for r in bot.rec_set.items]
    one = client.get("/v1/recommendations/FL-pediatric-inspired-regimen")
    assert one.status_code == 200 and one.json()["strength"] == "strong"
    assert _error(client.get("/v1/recommendations/FL-nope"), 404, "not_found")["message"].endswith("'FL-nope'")


def test_document_context_around_a_quote(client: TestClient, bot: Chatbot) -> None:
    quote = client.post("/v1/chat", json={"message": QUESTION}).json()["quotes"][0]
    start, end = quote["char_start"], quote["char_end"]
    response = client.get(f"/v1/documents/{quote['document_id']}/context", params={"start": start, "end": end})
    assert response.status_code == 200, response.text
    body = response.json()
    text = bot.index.documents[quote["document_id"]].text
    assert body["quote"] == quote["text"]
    assert body["before"] == text[max(0, start - 400) : start] and body["after"] == text[end : end + 400]
    assert body["section"] == quote["section"] and body["page"] == quote["page"]
    assert body["kind"] == "digest" and body["document_id"] == DIGEST_ID


@pytest.mark.parametrize("span", [(10, 3), (-1, 4), (0, 10**7)], ids=["reversed", "negative", "past-end"])  # empty: test_hardening_http
def test_document_context_rejects_a_bad_range(client: TestClient, span: tuple[int, int]) -> None:
    response = client.get(f"/v1/documents/{DIGEST_ID}/context", params={"start": span[0], "end": span[1]})
    _error(response, 422)


def test_document_context_unknown_document_and_missing_params(client: TestClient) -> None:
    _error(client.get("/v1/documents/nope/context", params={"start": 0, "end": 5}), 404, "not_found")
    assert "query.end" in _error(client.get(f"/v1/documents/{DIGEST_ID}/context", params={"start": 0}), 422)["message"]


def test_feedback_is_stored_and_unknown_answers_are_404(client: TestClient, bot: Chatbot) -> None:
    answer_id = client.post("/v1/chat", json={"message": QUESTION}).json()["answer_id"]
    response = client.post("/v1/feedback", json={"answer_id": answer_id, "rating": "down", "comment": "wrong page", "quote_index": 0})
    assert response.status_code == 200 and response.json() == {"ok": True}
    [stored] = bot.audit.feedback(answer_id)
    assert (stored.rating, stored.comment, stored.quote_index) == ("down", "wrong page", 0)
    _error(client.post("/v1/feedback", json={"answer_id": "nope", "rating": "up"}), 404, "unknown_answer")
    assert "rating" in _error(client.post("/v1/feedback", json={"answer_id": answer_id, "rating": "meh"}), 422)["message"]


def test_health_readiness_and_openapi(client: TestClient, bot: Chatbot) -> None:
    assert client.get("/healthz").json() == {"status": "ok"}
    ready = client.get("/readyz").json()
    assert ready == {
        "status": "ready",
        "corpus_version": bot.corpus_version,
        "passages": len(bot.index.passages),
        "packs": ["ash-aya-all-2026"],
    }
    schema = client.get("/openapi.json").json()
    assert {"/v1/chat", "/v1/check", "/v1/feedback", "/v1/recommendations/{rec_id}", "/readyz"} <= set(schema["paths"])
    chat = schema["paths"]["/v1/chat"]["post"]
    assert {"200", "401", "413", "422", "429"} <= set(chat["responses"])


def test_readiness_is_503_without_passages(bot: Chatbot, monkeypatch: pytest.MonkeyPatch) -> None:
    client = _client(bot)
    monkeypatch.setattr(bot.engines[0], "index", None)
    _error(client.get("/readyz"), 503, "index_unavailable")


def test_metrics_count_routes_answers_stages_and_verdicts(bot: Chatbot) -> None:
    client = _client(bot)  # a fresh app has a registry of its own
    client.post("/v1/chat", json={"message": QUESTION})
    client.post("/v1/check", json={"text": "The panel strongly recommends blinatumomab for relapsed B-ALL."})
    client.get("/v1/recommendations/FL-nope")
    text = client.get("/metrics").text
    assert 'chatbot_http_requests_total{method="POST",route="/v1/chat",status="200"} 1.0' in text
    assert 'chatbot_http_requests_total{method="GET",route="/v1/recommendations/{rec_id}",status="404"} 1.0' in text
    assert 'chatbot_answers_total{status="answered"} 1.0' in text
    assert 'chatbot_stage_seconds_count{stage="total"} 1.0' in text
    assert 'chatbot_guard_verdicts_total{source="check",verdict="warn"}' in text or 'source="check",verdict="fail"' in text
    assert 'chatbot_http_request_seconds_bucket{le="+Inf",method="POST",route="/v1/check"} 1.0' in text
    assert 'route="/v1/chat"' not in _client(bot).get("/metrics").text  # each app has its own registry


# --- Errors ----------------------------------------------------------------------------------------


def test_unknown_route_and_method_are_json_errors(client: TestClient) -> None:
    _error(client.get("/v2/nothing"), 404, "not_found")
    _error(client.get("/v1/chat"), 405, "method_not_allowed")


@pytest.mark.parametrize(
    ("body", "needle"),
    [
        ({}, "body.message: Field required"),
        ({"message": 42}, "body.message"),
        ({"question": QUESTION}, "body.question"),
        ({"message": "why\u0000"}, "U+0000"),
        ({"message": "bell \u0007 rings"}, "U+0007"),
    ],
    ids=["missing", "not-a-string", "unknown-field", "escaped-nul", "escaped-bell"],
)
def test_invalid_chat_bodies_are_422_with_a_readable_message(client: TestClient, body: dict, needle: str) -> None:
    assert needle in _error(client.post("/v1/chat", json=body), 422, "invalid_request")["message"]


@pytest.mark.parametrize(
    ("raw", "needle"),
    [
        (b'{"message": "caf\xe9"}', "not valid UTF-8"),
        (b'{"message": "line\x01break"}', "U+0001"),
        (b'{"message": ', "not valid JSON"),
    ],
    ids=["latin-1", "raw-control", "truncated-json"],
)
def test_raw_bodies_with_bad_bytes_are_422(client: TestClient, raw: bytes, needle: str) -> None:
    response = client.post("/v1/chat", content=raw, headers={"content-type": "application/json"})
    assert needle in _error(response, 422)["message"]


def test_line_breaks_and_tabs_are_allowed(client: TestClient) -> None:
    response = client.post("/v1/chat", json={"message": "Pediatric regimen\tfor a 19 year old\r\nwith newly diagnosed ALL?"})
    assert response.status_code == 200, response.text


def test_empty_and_too_long_messages_come_from_core(client: TestClient, bot: Chatbot) -> None:
    _error(client.post("/v1/chat", json={"message": "   "}), 422, "invalid_input")
    too_long = "a" * (bot.settings.max_question_chars + 1)
    assert "limit" in _error(client.post("/v1/chat", json={"message": too_long}), 413, "invalid_input")["message"]
    _error(client.post("/v1/check", json={"text": "b" * (bot.settings.max_check_chars + 1)}), 413, "invalid_input")
    _error(client.post("/v1/check", json={"text": ""}), 422, "invalid_input")


def test_bodies_over_the_byte_limit_are_413_by_header_and_by_stream(bot: Chatbot) -> None:
    client = _client(bot, max_body_bytes=1000)
    big = json.dumps({"text": "x" * 2000}).encode()
    _error(client.post("/v1/check", content=big, headers={"content-type": "application/json"}), 413, "payload_too_large")
    chunked = iter([big[:600], big[600:]])  # no Content-Length: the received bytes are counted
    _error(client.post("/v1/check", content=chunked, headers={"content-type": "application/json"}), 413, "payload_too_large")
    assert client.post("/v1/check", json={"text": "The panel suggests a pediatric regimen."}).status_code == 200


def test_unexpected_errors_are_500_without_details_and_logged(
    bot: Chatbot, monkeypatch: pytest.MonkeyPatch, caplog: pytest.LogCaptureFixture
) -> None:
    client = _client(bot)

    def explode(text: str) -> None:
        raise RuntimeError("secret internal detail")

    monkeypatch.setattr(bot, "check", explode)
    with caplog.at_level(logging.ERROR, logger="chatbot.channels.http.app"):
        response = client.post("/v1/check", json={"text": "anything"})
    error = _error(response, 500, "internal_error")
    assert "secret" not in response.text and error["message"] == "an unexpected error occurred"
    assert any("secret internal detail" in (r.exc_text or "") for r in caplog.records)


# --- Safety: keys, rate limit, CORS --------------------------------------------------------------------


def test_api_keys_guard_every_route_but_health(bot: Chatbot) -> None:
    client = _client(bot, api_key_hashes=(key_hash(KEY),))
    assert _error(client.get("/v1/recommendations"), 401, "unauthorized")["hint"].startswith("send the header")
    _error(client.get("/v1/recommendations", headers={"Authorization": "Bearer wrong"}), 401, "unauthorized")
    _error(client.get("/metrics", headers={"Authorization": KEY}), 401, "unauthorized")
    assert client.get("/v1/recommendations", headers={"Authorization": f"Bearer {KEY}"}).status_code == 200
    assert client.get("/healthz").status_code == 200 and client.get("/readyz").status_code == 200


def test_rate_limit_is_per_client_with_retry_after(bot: Chatbot) -> None:
    other = "another key"
    client = _client(bot, rate_limit_per_minute=3, api_key_hashes=(key_hash(KEY), key_hash(other)))
    headers = {"Authorization": f"Bearer {KEY}"}
    assert [client.get("/v1/recommendations", headers=headers).status_code for _ in range(3)] == [200, 200, 200]
    limited = client.get("/v1/recommendations", headers=headers)
    _error(limited, 429, "rate_limited")
    assert int(limited.headers["retry-after"]) in range(1, 21)
    assert client.get("/v1/recommendations", headers={"Authorization": f"Bearer {other}"}).status_code == 200
    assert client.get("/healthz").status_code == 200


def test_token_bucket_refills_with_time() -> None:
    now = [100.0]
    limiter = TokenBucketLimiter(60, clock=lambda: now[0])
    for _ in range(60):
        limiter.take("a")
    with pytest.raises(RateLimited) as raised:
        limiter.take("a")
    assert raised.value.retry_after == 1
    limiter.take("b")
    now[0] += 2.0
    limiter.take("a")
    limiter.take("a")
    with pytest.raises(RateLimited):
        limiter.take("a")
    TokenBucketLimiter(0).take("a")  # 0: no limit


def test_cors_allows_only_the_configured_origins(bot: Chatbot) -> None:
    client = _client(bot, cors_origins=("https://ward.example",))
    preflight = {
        "Origin": "https://ward.example",
        "Access-Control-Request-Method": "POST",
        "Access-Control-Request-Headers": "content-type",
    }
    allowed = client.options("/v1/chat", headers=preflight)
    assert allowed.status_code == 200 and allowed.headers["access-control-allow-origin"] == "https://ward.example"
    denied = client.options("/v1/chat", headers={**preflight, "Origin": "https://evil.example"})
    assert "access-control-allow-origin" not in denied.headers
    error = client.get("/v1/recommendations/FL-nope", headers={"Origin": "https://ward.example"})
    assert error.status_code == 404 and error.headers["access-control-allow-origin"] == "https://ward.example"


# --- A real server -------------------------------------------------------------------------------------


@pytest.fixture(scope="module")
def server(bot: Chatbot) -> Iterator[str]:
    """uvicorn serving the app on a free loopback port in a thread; its base URL."""
    with serving(make_server(bot, log_level="warning"), free_socket()) as base:
        yield base


def test_real_server_two_turn_conversation_is_audited(server: str, bot: Chatbot) -> None:
    with httpx.Client(base_url=server, timeout=30) as http:
        assert http.get("/healthz").json() == {"status": "ok"}
        first = http.post("/v1/chat", json={"message": QUESTION})
        assert first.status_code == 200, first.text
        session_id = first.json()["session_id"]
        second = http.post("/v1/chat", json={"message": FOLLOW_UP, "session_id": session_id})
        assert second.status_code == 200, second.text
        assert second.json()["session_id"] == session_id
        assert http.post("/v1/chat", json={"message": QUESTION, "session_id": "gone"}).status_code == 404
    entries = {e.answer_id: e for e in bot.audit.entries()}
    for reply in (first.json(), second.json()):
        assert entries[reply["answer_id"]].session_id == session_id
        assert entries[reply["answer_id"]].channel == "http"
    assert [t.question for t in bot.sessions.history(session_id, 10)] == [QUESTION, FOLLOW_UP]


CONCURRENT_QUESTIONS = [
    QUESTION,
    "Is blinatumomab recommended for relapsed B-ALL?",
    "What about CNS prophylaxis?",
    "Ph-positive ALL: which tyrosine kinase inhibitor?",
    "Should MRD be measured?",
]


def test_real_server_concurrent_conversations(server: str, bot: Chatbot) -> None:
    before = _audit_ids(bot)

    def converse(_: int) -> tuple[str, list[dict]]:
        replies: list[dict] = []
        session_id = None
        with httpx.Client(base_url=server, timeout=60) as http:
            for question in CONCURRENT_QUESTIONS:
                body = {"message": question} if session_id is None else {"message": question, "session_id": session_id}
                response = http.post("/v1/chat", json=body)
                assert response.status_code == 200, response.text
                replies.append(response.json())
                session_id = replies[0]["session_id"]
        return session_id, replies

    with ThreadPoolExecutor(max_workers=8) as pool:
        results = list(pool.map(converse, range(8)))
    assert len({session_id for session_id, _ in results}) == 8
    for session_id, replies in results:
        assert {r["session_id"] for r in replies} == {session_id}
        assert [t.question for t in bot.sessions.history(session_id, 10)] == CONCURRENT_QUESTIONS
    new = _audit_ids(bot) - before
    answer_ids = {r["answer_id"] for _, replies in results for r in replies}
    assert len(answer_ids) == 40 and new == answer_ids


# --- Property-based fuzzing from the OpenAPI schema ---------------------------------------------------------


@pytest.fixture(scope="module")
def api_schema(bot: Chatbot):
    """The app's own OpenAPI schema, called in process (no network)."""
    return schemathesis.openapi.from_asgi("/openapi.json", create_app(bot))


OPERATIONS = [
    ("POST", "/v1/chat"),
    ("POST", "/v1/check"),
    ("POST", "/v1/feedback"),
    ("GET", "/v1/recommendations"),
    ("GET", "/v1/packs"),
    ("GET", "/v1/recommendations/{rec_id}"),
    ("GET", "/v1/documents/{document_id}/context"),
    ("GET", "/v1/documents/{document_id}/source"),
    ("GET", "/v1/documents/{document_id}/pages/{number}"),
    ("GET", "/v1/documents/{document_id}/file"),
    ("GET", "/healthz"),
    ("GET", "/readyz"),
    ("GET", "/metrics"),
]


def test_every_operation_is_fuzzed(api_schema) -> None:
    listed = {(result.ok().method.upper(), result.ok().path) for result in api_schema.get_all_operations()}
    assert listed == set(OPERATIONS)


# schemathesis' own pytest integration (from_fixture) fails on pytest 9 (`Function._nodeid`), so its
# case strategies run under plain hypothesis here: valid (positive) and invalid (negative) requests.
FUZZ = [(m, p, GenerationMode.POSITIVE) for m, p in OPERATIONS] + [
    (m, p, GenerationMode.NEGATIVE)
    for m, p in OPERATIONS
    if m == "POST" or p.endswith(("/context", "/source", "/{number}"))  # typed input
]


@pytest.mark.parametrize(("method", "path", "mode"), FUZZ, ids=[f"{m} {p} {mode.value}" for m, p, mode in FUZZ])
def test_fuzzed_requests_never_get_a_server_error(api_schema, method: str, path: str, mode: GenerationMode) -> None:
    operation = api_schema[path][method]

    @given(case=operation.as_strategy(mode))
    @hypothesis_settings(max_examples=30, deadline=None, database=None, suppress_health_check=list(HealthCheck))
    def run(case) -> None:
        response = case.call()
        assert response.status_code < 500, (case.method, case.path, case.path_parameters, case.query, case.body, response.text[:300])
        if response.status_code >= 400:
            body = response.json()
            assert set(body) == {"error"} and set(body["error"]) == ERROR_KEYS, body

    run()


def test_slack_and_widget_routes_need_no_api_key(bot: Chatbot) -> None:
    """Slack authenticates by its request signature and the widget pages are public; the API needs the key."""
    settings = bot.settings.model_copy(update={"api_key_hashes": (hashlib.sha256(b"k").hexdigest(),)})
    client = TestClient(create_app(bot, settings))
    assert client.post("/v1/check", json={"text": "x y z"}).status_code == 401
    slack = client.post("/slack/events", content=b"{}", headers={"content-type": "application/json"})
    assert slack.status_code in (401, 503) and slack.json()["error"]["code"] != "unauthorized"


def test_serving_tunes_the_interpreter(bot: Chatbot) -> None:
    """Before serving, what is loaded is frozen out of the collector's generations and the GIL switch interval is the setting."""
    import gc
    import sys

    from chatbot.channels.http.app import tune_interpreter

    before = sys.getswitchinterval()
    try:
        tune_interpreter(bot.settings.model_copy(update={"switch_interval_ms": 2.0}))
        assert sys.getswitchinterval() == pytest.approx(0.002)
        assert gc.get_freeze_count() > 0
    finally:
        gc.unfreeze()
        sys.setswitchinterval(before)


def test_chat_reply_bytes_are_the_contract_models(bot: Chatbot) -> None:
    """/v1/chat and /v1/check write the bytes FastAPI would write for their response models, with a JSON content type."""
    from chatbot.reply import GuardBody, ReplyBody

    client = TestClient(create_app(bot))
    chat = client.post("/v1/chat", json={"message": "Should a 19 year old with ALL get a pediatric regimen?"})
    assert chat.status_code == 200 and chat.headers["content-type"] == "application/json"
    assert ReplyBody.model_validate_json(chat.content).model_dump_json().encode() == chat.content
    check = client.post("/v1/check", json={"text": "Give a pediatric-inspired regimen to AYAs."})
    assert check.status_code == 200 and check.headers["content-type"] == "application/json"
    assert GuardBody.model_validate_json(check.content).model_dump_json().encode() == check.content
