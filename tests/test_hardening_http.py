"""The HTTP service under hostile or unlucky use: issue 12, findings 5-8, 10-12, 15 and 16.

The bot runs on a tmp copy of the project corpus with the HashingEmbedder (as in test_service.py);
real uvicorn servers on loopback where proxies, in-flight requests and index swaps matter.
"""

from __future__ import annotations

import csv
import io
import os
import sqlite3
import threading
import time
from pathlib import Path

import httpx2 as httpx
import pytest
from corpora import hashing_bot
from servers import free_socket, serving
from starlette.testclient import TestClient
from typer.testing import CliRunner

from chatbot.channels.cli.app import app as cli_app
from chatbot.channels.http.app import create_app, make_server
from chatbot.channels.http.limits import key_hash
from chatbot.config import sessions_file
from chatbot.core import Chatbot, ensure_index
from chatbot.recs.loading import load_recommendations
from chatbot.stores.audit import AuditEntry, SQLiteAuditStore, export_lines
from chatbot.stores.sessions import SQLiteSessionStore

QUESTION = "Should a 19 year old with newly diagnosed ALL get a pediatric or an adult regimen?"
DIGEST_ID = "ash-aya-all-2026-digest"
KEY_A, KEY_B = "key of ward A", "key of ward B"
ERROR_KEYS = {"code", "message", "hint"}


@pytest.fixture(autouse=True)
def _no_ambient_settings(monkeypatch: pytest.MonkeyPatch) -> None:
    for name in [n for n in os.environ if n.startswith("CHATBOT_") and n != "CHATBOT_DATA_DIR"]:
        monkeypatch.delenv(name)


@pytest.fixture(scope="module")
def bot(tmp_path_factory: pytest.TempPathFactory) -> Chatbot:
    return hashing_bot(tmp_path_factory.mktemp("hardening"))


def _client(bot: Chatbot, **overrides: object) -> TestClient:
    settings = bot.settings.model_copy(update=overrides) if overrides else None
    return TestClient(create_app(bot, settings), raise_server_exceptions=False)


def _error(response, status: int, code: str | None = None) -> dict:
    assert response.status_code == status, response.text
    body = response.json()
    assert set(body) == {"error"} and set(body["error"]) == ERROR_KEYS, body
    assert "Traceback" not in response.text
    if code:
        assert body["error"]["code"] == code, body
    return body["error"]


def _count(path: Path, table: str) -> int:
    with sqlite3.connect(path) as db:
        return db.execute(f"SELECT COUNT(*) FROM {table}").fetchone()[0]


# --- 7. lone surrogates ---------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("route", "raw"),
    [
        ("/v1/chat", b'{"message": "why \\ud800 not"}'),
        ("/v1/chat", b'{"message": "' + QUESTION.encode() + b'", "session_id": "\\udfff"}'),
        ("/v1/check", b'{"text": "The panel recommends \\ud83d"}'),
        ("/v1/feedback", b'{"answer_id": "\\ud800", "rating": "up"}'),
    ],
    ids=["message", "session_id", "check", "feedback"],
)
def test_lone_surrogates_are_422_and_nothing_is_written(bot: Chatbot, route: str, raw: bytes) -> None:
    client = _client(bot)
    sessions, audit = _count(sessions_file(bot.settings), "sessions"), len(list(bot.audit.entries()))
    response = client.post(route, content=raw, headers={"content-type": "application/json"})
    assert "surrogate" in _error(response, 422)["message"]
    assert _count(sessions_file(bot.settings), "sessions") == sessions and len(list(bot.audit.entries())) == audit


def test_a_surrogate_reaching_the_core_is_refused_before_any_write(bot: Chatbot) -> None:
    from chatbot.errors import InvalidInput

    sessions = _count(sessions_file(bot.settings), "sessions")
    with pytest.raises(InvalidInput, match="surrogate"):
        bot.ask("what about \ud800?", channel="slack")
    assert _count(sessions_file(bot.settings), "sessions") == sessions


# --- 5. bounded metric labels ---------------------------------------------------------------------------


def test_junk_methods_do_not_grow_the_metrics(bot: Chatbot) -> None:
    client = _client(bot)
    for number in range(200):
        client.request(f"JUNK{number}", "/healthz")
    text = client.get("/metrics").text
    assert "JUNK" not in text
    assert 'method="other"' in text and len(text) < 100_000


# --- 6. X-Forwarded-For only from configured proxies ----------------------------------------------------------


def _statuses_with_forwarded_for(bot: Chatbot, **overrides: object) -> list[int]:
    settings = bot.settings.model_copy(update={"rate_limit_per_minute": 2, **overrides})
    with serving(make_server(bot, settings, log_level="warning"), free_socket()) as base, httpx.Client(base_url=base, timeout=30) as http:
        return [http.get("/v1/recommendations", headers={"X-Forwarded-For": f"10.0.0.{n}"}).status_code for n in range(4)]


def test_forwarded_for_from_an_untrusted_peer_does_not_reset_the_rate_limit(bot: Chatbot) -> None:
    assert _statuses_with_forwarded_for(bot) == [200, 200, 429, 429]


def test_forwarded_for_is_honoured_from_a_configured_proxy(bot: Chatbot) -> None:
    assert _statuses_with_forwarded_for(bot, trusted_proxies=("127.0.0.1",)) == [200, 200, 200, 200]


# --- 12. failed authentication is throttled ---------------------------------------------------------------


def test_failed_authentication_counts_against_the_client_limit(bot: Chatbot) -> None:
    client = _client(bot, rate_limit_per_minute=3, api_key_hashes=(key_hash(KEY_A),))
    wrong = {"Authorization": "Bearer guess"}
    statuses = [client.get("/v1/recommendations", headers=wrong).status_code for _ in range(5)]
    assert statuses == [401, 401, 401, 429, 429]


# --- 11. sessions and feedback are bound to their key ---------------------------------------------------------


def test_sessions_and_feedback_are_bound_to_the_key_that_made_them(bot: Chatbot) -> None:
    client = _client(bot, api_key_hashes=(key_hash(KEY_A), key_hash(KEY_B)))
    a, b = {"Authorization": f"Bearer {KEY_A}"}, {"Authorization": f"Bearer {KEY_B}"}
    first = client.post("/v1/chat", json={"message": QUESTION}, headers=a).json()
    _error(client.post("/v1/chat", json={"message": "and relapsed?", "session_id": first["session_id"]}, headers=b), 404)
    _error(client.post("/v1/feedback", json={"answer_id": first["answer_id"], "rating": "down"}, headers=b), 404)
    assert client.post("/v1/chat", json={"message": "and relapsed?", "session_id": first["session_id"]}, headers=a).status_code == 200
    assert client.post("/v1/feedback", json={"answer_id": first["answer_id"], "rating": "up"}, headers=a).status_code == 200


# --- 10. CSV export escapes formulas -------------------------------------------------------------------------


def test_csv_export_escapes_cells_that_spreadsheets_would_run(tmp_path: Path) -> None:
    store = SQLiteAuditStore(tmp_path / "audit.sqlite3")
    hostile = ['=HYPERLINK("http://evil.example")', "+1+1", "-2+3", "@SUM(A1)", "\t=1", "\r=1"]
    for number, question in enumerate(hostile):
        store.record(
            AuditEntry(f"a{number}", float(number + 1), "http", "s", question, question, "answered", [], [], "v", "f", "pass", [], 1.0)
        )
    rows = list(csv.DictReader(io.StringIO("".join(export_lines(store, None, "csv")))))
    assert [row["question"] for row in rows] == ["'" + q for q in hostile]
    assert all(not row["answer_id"].startswith("'") for row in rows)  # harmless cells are left alone


# --- 8. storage failures ---------------------------------------------------------------------------------------


def test_storage_failure_is_503_and_not_ready_until_it_is_fixed(bot: Chatbot, tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    data = tmp_path / "data"
    monkeypatch.setattr(bot, "sessions", SQLiteSessionStore(data / "sessions.sqlite3"))
    monkeypatch.setattr(bot, "audit", SQLiteAuditStore(data / "audit.sqlite3"))
    client = _client(bot)
    aside = tmp_path / "aside"
    data.rename(aside)
    data.write_text("not a folder")  # every new connection now fails to open its database
    try:
        error = _error(client.post("/v1/chat", json={"message": QUESTION}), 503, "storage_unavailable")
        assert error["hint"]
        _error(client.get("/readyz"), 503, "storage_unavailable")
    finally:
        data.unlink()
        aside.rename(data)
    assert client.get("/readyz").status_code == 200
    assert client.post("/v1/chat", json={"message": QUESTION}).status_code == 200


def test_an_unusable_data_folder_is_a_one_line_error_at_start_up(tmp_path: Path) -> None:
    blocker = tmp_path / "file"
    blocker.write_text("x")
    result = CliRunner().invoke(
        cli_app, ["serve"], env={"CHATBOT_DATA_DIR": str(blocker / "data"), "CHATBOT_INDEX_DIR": str(tmp_path / "index")}
    )
    assert result.exit_code == 2
    assert "Traceback" not in result.output and result.exception is None or isinstance(result.exception, SystemExit)
    assert "data" in result.output and "cannot" in result.output.lower()


# --- 16. schema and protocol ----------------------------------------------------------------------------------


def test_405_names_the_allowed_methods_and_head_works_on_get_routes(bot: Chatbot) -> None:
    client = _client(bot)
    response = client.get("/v1/chat")
    _error(response, 405, "method_not_allowed")
    assert response.headers["allow"] == "POST"
    assert "HEAD" in client.post("/healthz").headers["allow"]
    head = client.head("/v1/recommendations")
    assert head.status_code == 200 and head.content == b"" and int(head.headers["content-length"]) > 0
    assert client.head("/healthz").status_code == 200


def test_json_responses_are_not_sniffed(bot: Chatbot) -> None:
    client = _client(bot)
    for response in (client.get("/healthz"), client.get("/v1/recommendations/nope"), client.post("/v1/chat", json={})):
        assert response.headers["x-content-type-options"] == "nosniff"


def test_schema_states_what_the_routes_accept(bot: Chatbot) -> None:
    client = _client(bot)
    schemas = client.get("/openapi.json").json()["components"]["schemas"]
    message = schemas["ChatRequest"]["properties"]["message"]
    assert message["minLength"] == 1 and message["maxLength"] == bot.settings.max_question_chars and "pattern" in message
    assert schemas["CheckRequest"]["properties"]["text"]["maxLength"] == bot.settings.max_check_chars
    quote_index = schemas["FeedbackRequest"]["properties"]["quote_index"]["anyOf"][0]
    assert quote_index["maximum"] == bot.settings.answer_max_quotes - 1


def test_quote_index_must_be_an_integer(bot: Chatbot) -> None:
    client = _client(bot)
    answer_id = client.post("/v1/chat", json={"message": QUESTION}).json()["answer_id"]
    _error(client.post("/v1/feedback", json={"answer_id": answer_id, "rating": "up", "quote_index": False}), 422)
    assert client.post("/v1/feedback", json={"answer_id": answer_id, "rating": "up", "quote_index": 0}).status_code == 200


def test_an_empty_span_is_a_valid_context_request(bot: Chatbot) -> None:
    response = _client(bot).get(f"/v1/documents/{DIGEST_ID}/context", params={"start": 5, "end": 5})
    assert response.status_code == 200 and response.json()["quote"] == ""


@pytest.mark.parametrize("message", ["", " \t ", "bell \u0007"], ids=["empty", "blank", "control"])
def test_messages_the_schema_refuses_are_refused(bot: Chatbot, message: str) -> None:
    import re

    client = _client(bot)
    schema = client.get("/openapi.json").json()["components"]["schemas"]["ChatRequest"]["properties"]["message"]
    assert len(message) < schema["minLength"] or not re.search(schema["pattern"], message)
    _error(client.post("/v1/chat", json={"message": message}), 422)


# --- 15. a new index build is picked up by a running server -------------------------------------------------------

NEW_DOCUMENT = "# Invented addendum\n\n## Gadget care\n\nThe invented addendum says to polish the gadget with a dry cloth every Tuesday.\n"


def test_a_running_server_swaps_to_a_new_build_without_failing_requests(tmp_path: Path) -> None:
    bot = hashing_bot(tmp_path, index_poll_seconds=0.2)
    settings = bot.settings
    statuses: list[int] = []
    stop = threading.Event()

    def hammer(base: str) -> None:
        with httpx.Client(base_url=base, timeout=60) as http:
            while not stop.is_set():
                statuses.append(http.post("/v1/chat", json={"message": QUESTION}).status_code)

    with serving(make_server(bot, settings, log_level="warning"), free_socket()) as base:
        before = httpx.get(f"{base}/readyz").json()["corpus_version"]
        workers = [threading.Thread(target=hammer, args=(base,)) for _ in range(3)]
        for worker in workers:
            worker.start()
        try:
            (settings.corpus_dir / "addendum.md").write_text(NEW_DOCUMENT)
            with (settings.corpus_dir / "sources.yaml").open("a") as handle:
                handle.write("  - {id: invented-addendum, title: Invented addendum, kind: official, path: addendum.md}\n")
            from fakes import HashingEmbedder

            assert ensure_index(settings, load_recommendations(settings.corpus_dir), HashingEmbedder, lambda *a: None, lambda m: None).built
            deadline = time.monotonic() + 30
            ready = httpx.get(f"{base}/readyz").json()
            while ready["corpus_version"] == before and time.monotonic() < deadline:
                time.sleep(0.2)
                ready = httpx.get(f"{base}/readyz").json()
            time.sleep(1.0)  # requests keep flowing across the swap
        finally:
            stop.set()
            for worker in workers:
                worker.join(timeout=60)
        assert ready["corpus_version"] != before
        context = httpx.get(f"{base}/v1/documents/invented-addendum/context", params={"start": 0, "end": 10})
        assert context.status_code == 200, context.text
    assert statuses and set(statuses) == {200}
