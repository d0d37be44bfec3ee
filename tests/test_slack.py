"""The Slack channel end to end: signed requests in, chat.postMessage calls out to a fake Slack Web API.

Requests are signed here with hmac directly (independently of slack_sdk's verifier). The fake Web API
is a real http.server on a free loopback port that records every call. The bot runs on a tmp copy of
the project corpus with the HashingEmbedder, as in test_service.py.
"""

from __future__ import annotations

import hashlib
import hmac
import json
import sqlite3
import threading
import time
import uuid
from collections.abc import Iterator
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from urllib.parse import parse_qs, urlencode

import pytest
from corpora import hashing_bot
from starlette.testclient import TestClient

from chatbot.channels.http.app import create_app
from chatbot.channels.slack.blocks import reply_blocks
from chatbot.channels.slack.routes import question_text
from chatbot.core import Chatbot
from chatbot.reply import ReplyBody

SECRET = "8f742231b10e8888abcd99yyyzzz85a5"
BOT_USER = "UBOT0001"
QUESTION = "Should a 19 year old with newly diagnosed ALL get a pediatric or an adult regimen?"
FOLLOW_UP = "And what about relapsed disease?"
ERROR_KEYS = {"code", "message", "hint"}


class FakeSlack:
    """A Slack Web API on 127.0.0.1 that records chat.postMessage calls and answers ok."""

    def __init__(self) -> None:
        self.calls: list[dict] = []
        self.lock = threading.Lock()
        fake = self

        class Handler(BaseHTTPRequestHandler):
            def do_POST(self) -> None:  # noqa: N802 - http.server's name
                raw = self.rfile.read(int(self.headers.get("content-length") or 0)).decode()
                if self.headers.get("content-type", "").startswith("application/json"):
                    body = json.loads(raw or "{}")
                else:
                    body = {k: v[0] for k, v in parse_qs(raw).items()}
                    if isinstance(body.get("blocks"), str):
                        body["blocks"] = json.loads(body["blocks"])
                method = self.path.rsplit("/", 1)[-1]
                ts = f"{time.time():.6f}"
                with fake.lock:
                    fake.calls.append({"method": method, "body": body, "auth": self.headers.get("authorization"), "ts": ts})
                answer = json.dumps({"ok": True, "ts": ts, "channel": body.get("channel")}).encode()
                self.send_response(200)
                self.send_header("content-type", "application/json")
                self.send_header("content-length", str(len(answer)))
                self.end_headers()
                self.wfile.write(answer)

            def log_message(self, *args: object) -> None:
                pass

        self.server = ThreadingHTTPServer(("127.0.0.1", 0), Handler)
        self.url = f"http://127.0.0.1:{self.server.server_address[1]}/api/"
        threading.Thread(target=self.server.serve_forever, daemon=True).start()

    def posts(self, **match: str) -> list[dict]:
        with self.lock:
            return [
                c["body"] for c in self.calls if c["method"] == "chat.postMessage" and all(c["body"].get(k) == v for k, v in match.items())
            ]

    def wait_for(self, count: int = 1, timeout: float = 15.0, **match: str) -> list[dict]:
        """Poll (bounded) until `count` matching posts were made."""
        deadline = time.monotonic() + timeout
        while time.monotonic() < deadline:
            found = self.posts(**match)
            if len(found) >= count:
                return found
            time.sleep(0.05)
        raise AssertionError(f"expected {count} chat.postMessage calls matching {match}, got {self.posts(**match)}")


@pytest.fixture(scope="module")
def fake_slack() -> Iterator[FakeSlack]:
    fake = FakeSlack()
    yield fake
    fake.server.shutdown()
    fake.server.server_close()


@pytest.fixture(scope="module")
def bot(tmp_path_factory: pytest.TempPathFactory) -> Chatbot:
    """A Chatbot on a tmp copy of the project corpus, hashing embedder, tmp sessions and audit."""
    return hashing_bot(tmp_path_factory.mktemp("slack"))


def _app(bot: Chatbot, **overrides: object) -> TestClient:
    settings = bot.settings.model_copy(update=overrides)
    app = create_app(bot, settings)
    return TestClient(app, raise_server_exceptions=False)


@pytest.fixture(scope="module")
def client(bot: Chatbot, fake_slack: FakeSlack) -> TestClient:
    return _app(
        bot, slack_signing_secret=SECRET, slack_bot_token="xoxb-test", slack_api_url=fake_slack.url, widget_url="https://chat.example.org/"
    )


def _signed(body: str, secret: str = SECRET, age: int = 0, **extra: str) -> dict[str, str]:
    """Slack's signature computed here: v0= + hex hmac_sha256(secret, 'v0:{ts}:{body}')."""
    ts = str(int(time.time()) - age)
    digest = hmac.new(secret.encode(), f"v0:{ts}:{body}".encode(), hashlib.sha256).hexdigest()
    return {"X-Slack-Request-Timestamp": ts, "X-Slack-Signature": f"v0={digest}", **extra}


def _event(event: dict, event_id: str | None = None) -> str:
    return json.dumps(
        {
            "token": "unused",
            "team_id": "T0001",
            "api_app_id": "A0001",
            "type": "event_callback",
            "event_id": event_id or f"Ev{uuid.uuid4().hex[:10]}",
            "event_time": int(time.time()),
            "event": event,
            "authorizations": [{"team_id": "T0001", "user_id": BOT_USER, "is_bot": True}],
        }
    )


def _post_event(client: TestClient, body: str, **headers: str):
    return client.post("/slack/events", content=body, headers={"content-type": "application/json", **_signed(body), **headers})


def _channel() -> str:
    return f"C{uuid.uuid4().hex[:8].upper()}"


def _mention(channel: str, text: str, ts: str, thread_ts: str | None = None) -> dict:
    event = {"type": "app_mention", "user": "U0HUMAN", "text": f"<@{BOT_USER}> {text}", "ts": ts, "channel": channel}
    if thread_ts:
        event["thread_ts"] = thread_ts
    return event


def _blocks_of_type(post: dict, kind: str) -> list[dict]:
    return [b for b in post.get("blocks") or [] if b["type"] == kind]


def _error(response, status: int) -> dict:
    assert response.status_code == status, response.text
    body = response.json()
    assert set(body) == {"error"} and set(body["error"]) == ERROR_KEYS, body
    return body["error"]


# --- Tests -----------------------------------------------------------------------------------------


def test_url_verification_echoes_the_challenge(client: TestClient) -> None:
    body = json.dumps({"token": "x", "challenge": "3eZbrw1aBm2rZgRNFdxV2595E9CY3gmdALWMmHkvFXO7tYXAYM8P", "type": "url_verification"})
    response = _post_event(client, body)
    assert response.status_code == 200
    assert response.json() == {"challenge": "3eZbrw1aBm2rZgRNFdxV2595E9CY3gmdALWMmHkvFXO7tYXAYM8P"}


def test_mention_is_answered_in_its_thread_with_quotes_and_citations(client: TestClient, bot: Chatbot, fake_slack: FakeSlack) -> None:
    channel = _channel()
    started = time.monotonic()
    response = _post_event(client, _event(_mention(channel, QUESTION, "1700000000.000100")))
    assert response.status_code == 200 and time.monotonic() - started < 3
    (post,) = fake_slack.wait_for(channel=channel)
    assert post["thread_ts"] == "1700000000.000100"
    assert {c["auth"] for c in fake_slack.calls if c["body"].get("channel") == channel} == {"Bearer xoxb-test"}
    assert post["text"]
    quotes = [e for b in _blocks_of_type(post, "rich_text") for e in b["elements"] if e["type"] == "rich_text_quote"]
    assert quotes, post["blocks"]
    quoted_text = quotes[0]["elements"][0]["text"]
    assert any(quoted_text in doc.text for doc in bot.index.documents.values())
    citations = " ".join(e["text"] for b in _blocks_of_type(post, "context") for e in b["elements"])
    assert "FL-pediatric-inspired-regimen" in citations
    assert "<https://chat.example.org/?source=" in citations  # each citation opens the widget's source view
    sections = " ".join(b["text"]["text"] for b in _blocks_of_type(post, "section"))
    assert "direction:" in sections and "strength:" in sections and "certainty:" in sections
    entry = list(bot.audit.entries())[-1]
    assert entry.channel == "slack" and entry.question == QUESTION  # the mention was stripped


def test_second_mention_in_the_thread_continues_the_session(client: TestClient, bot: Chatbot, fake_slack: FakeSlack) -> None:
    channel, root = _channel(), "1700000001.000200"
    _post_event(client, _event(_mention(channel, QUESTION, root)))
    fake_slack.wait_for(1, channel=channel)
    _post_event(client, _event(_mention(channel, FOLLOW_UP, "1700000002.000300", thread_ts=root)))
    posts = fake_slack.wait_for(2, channel=channel)
    assert all(p["thread_ts"] == root for p in posts)
    with sqlite3.connect(bot.settings.data_dir / "slack.sqlite3") as db:
        rows = db.execute("SELECT session_id FROM threads WHERE channel = ? AND thread_ts = ?", (channel, root)).fetchall()
    (session_id,) = {row[0] for row in rows}
    assert [t.question for t in bot.sessions.history(session_id, 10)] == [QUESTION, FOLLOW_UP]


def test_direct_message_is_answered(client: TestClient, fake_slack: FakeSlack) -> None:
    channel = "D" + _channel()[1:]
    event = {"type": "message", "channel_type": "im", "user": "U0HUMAN", "text": QUESTION, "ts": "1700000003.000400", "channel": channel}
    assert _post_event(client, _event(event)).status_code == 200
    (post,) = fake_slack.wait_for(channel=channel)
    assert post["thread_ts"] == "1700000003.000400" and _blocks_of_type(post, "rich_text")


def test_channel_messages_without_mention_are_ignored(client: TestClient, fake_slack: FakeSlack) -> None:
    channel = _channel()
    event = {"type": "message", "channel_type": "channel", "user": "U0HUMAN", "text": QUESTION, "ts": "1700000003.5", "channel": channel}
    assert _post_event(client, _event(event)).status_code == 200
    time.sleep(0.5)
    assert fake_slack.posts(channel=channel) == []


def test_slash_command_answers_in_the_channel(client: TestClient, bot: Chatbot, fake_slack: FakeSlack) -> None:
    channel = _channel()
    body = urlencode(
        {
            "token": "x",
            "team_id": "T0001",
            "channel_id": channel,
            "user_id": "U0HUMAN",
            "command": "/guideline",
            "text": QUESTION,
            "response_url": "http://127.0.0.1:9/unused",
            "trigger_id": "1.2.3",
        }
    )
    response = client.post("/slack/commands", content=body, headers={"content-type": "application/x-www-form-urlencoded", **_signed(body)})
    assert response.status_code == 200 and response.json()["response_type"] == "ephemeral"
    (post,) = fake_slack.wait_for(channel=channel)
    assert post.get("thread_ts") is None and _blocks_of_type(post, "rich_text")
    assert "U0HUMAN" in json.dumps(post["blocks"])  # who asked is shown
    # A mention in the thread under the posted answer continues the slash command's conversation.
    posted_ts = next(c["ts"] for c in fake_slack.calls if c["body"].get("channel") == channel)
    _post_event(client, _event(_mention(channel, FOLLOW_UP, "1800000000.000001", thread_ts=posted_ts)))
    follow = fake_slack.wait_for(2, channel=channel)[1]
    assert follow["thread_ts"] == posted_ts
    with sqlite3.connect(bot.settings.data_dir / "slack.sqlite3") as db:
        (session_id,) = db.execute("SELECT session_id FROM threads WHERE channel = ?", (channel,)).fetchone()
    assert [t.question for t in bot.sessions.history(session_id, 10)] == [QUESTION, FOLLOW_UP]


def test_empty_question_is_answered_with_a_short_message(client: TestClient, fake_slack: FakeSlack) -> None:
    channel = _channel()
    _post_event(client, _event(_mention(channel, "   ", "1700000004.000500")))
    (post,) = fake_slack.wait_for(channel=channel)
    assert "empty" in post["text"] and "Traceback" not in post["text"] and not post.get("blocks")


def test_a_retry_of_a_handled_event_is_not_answered_twice(client: TestClient, bot: Chatbot, fake_slack: FakeSlack) -> None:
    channel = _channel()
    body = _event(_mention(channel, QUESTION, "1700000005.000600"), event_id="EvRETRY0001")
    assert _post_event(client, body).status_code == 200
    fake_slack.wait_for(channel=channel)
    audited = len(list(bot.audit.entries()))
    retry = _post_event(client, body, **{"X-Slack-Retry-Num": "1", "X-Slack-Retry-Reason": "http_timeout"})
    assert retry.status_code == 200
    time.sleep(0.5)
    assert len(fake_slack.posts(channel=channel)) == 1 and len(list(bot.audit.entries())) == audited


def test_bad_signature_is_refused_without_answering(client: TestClient, bot: Chatbot, fake_slack: FakeSlack) -> None:
    channel = _channel()
    body = _event(_mention(channel, QUESTION, "1700000006.000700"))
    audited = len(list(bot.audit.entries()))
    headers = {"content-type": "application/json", **_signed(body, secret="not-the-secret")}
    assert _error(client.post("/slack/events", content=body, headers=headers), 401)["code"] == "invalid_signature"
    tampered = {"content-type": "application/json", **_signed(body)}
    _error(client.post("/slack/events", content=body.replace("19 year", "91 year"), headers=tampered), 401)
    _error(client.post("/slack/events", content=body, headers={"content-type": "application/json"}), 401)
    _error(
        client.post(
            "/slack/commands",
            content="text=hi",
            headers={"content-type": "application/x-www-form-urlencoded", **_signed("text=hi", secret="wrong")},
        ),
        401,
    )
    time.sleep(0.5)
    assert fake_slack.posts(channel=channel) == [] and len(list(bot.audit.entries())) == audited


def test_stale_timestamp_is_refused(client: TestClient, fake_slack: FakeSlack) -> None:
    channel = _channel()
    body = _event(_mention(channel, QUESTION, "1700000007.000800"))
    headers = {"content-type": "application/json", **_signed(body, age=6 * 60)}
    assert "5 minutes" in _error(client.post("/slack/events", content=body, headers=headers), 401)["message"]
    time.sleep(0.3)
    assert fake_slack.posts(channel=channel) == []


def test_no_signing_secret_means_503(bot: Chatbot, fake_slack: FakeSlack) -> None:
    unconfigured = _app(bot, slack_api_url=fake_slack.url)
    body = json.dumps({"type": "url_verification", "challenge": "abc"})
    for path in ("/slack/events", "/slack/commands"):
        error = _error(unconfigured.post(path, content=body, headers=_signed(body)), 503)
        assert "not configured" in error["message"] and "SIGNING_SECRET" in error["hint"]


def test_bot_messages_are_ignored(client: TestClient, bot: Chatbot, fake_slack: FakeSlack) -> None:
    channel = "D" + _channel()[1:]
    audited = len(list(bot.audit.entries()))
    own = {"type": "message", "channel_type": "im", "user": BOT_USER, "text": QUESTION, "ts": "1700000008.1", "channel": channel}
    other_bot = {**own, "user": "U0OTHER", "bot_id": "B0001", "ts": "1700000008.2"}
    subtype = {**own, "user": None, "subtype": "bot_message", "bot_id": "B0002", "ts": "1700000008.3"}
    mention_by_bot = {**_mention(channel, QUESTION, "1700000008.4"), "bot_id": "B0003"}
    for event in (own, other_bot, subtype, mention_by_bot):
        assert _post_event(client, _event(event)).status_code == 200
    time.sleep(0.5)
    assert fake_slack.posts(channel=channel) == [] and len(list(bot.audit.entries())) == audited


def test_blocks_show_guard_warnings_clarifications_and_escape_mrkdwn() -> None:
    rec = {
        "id": "FL-x",
        "guideline": "g",
        "number": None,
        "part": None,
        "kind": "recommendation",
        "status": "reported",
        "title": "T",
        "direction": "for",
        "strength": "conditional",
        "certainty": "low",
        "population": {},
        "intervention": "X",
        "comparator": None,
        "confidence": "high",
        "sources": [],
        "labels": {},
        "statement": None,
    }
    quote = {
        "text": "We suggest X.",
        "document_id": "d",
        "document_title": "Digest",
        "document_kind": "digest",
        "section": "Frontline",
        "page": 3,
        "char_start": 0,
        "char_end": 13,
        "recommendation_id": "FL-x",
        "verified": True,
    }
    fields = {
        "summary": "Use <regimen> & more",
        "status": "needs_clarification",
        "corpus_version": "v1",
        "answer_id": "a1",
        "session_id": "s",
        "question": "q",
        "resolved_question": "q",
        "closest_topics": [],
        "follow_ups": [],
        "clarification_options": ["Ph-positive B-ALL", "Ph-negative B-ALL"],
        "recommendations": [rec],
        "quotes": [quote],
        "guard": {
            "verdict": "warn",
            "findings": [{"kind": "strength_overstated", "message": "claims a strong rec", "recommendation_id": None}],
        },
        "retrieved": [],
        "pack": "p",
        "settings_fingerprint": "f",
        "timings_ms": {},
    }
    body = ReplyBody.model_validate(fields)
    blocks = reply_blocks(body)
    text = json.dumps(blocks)
    assert "&lt;regimen&gt; &amp; more" in text and "<regimen>" not in text
    assert "Guard verdict: warn" in text and "strength_overstated" in text
    assert "1. Ph-positive B-ALL" in text and "2. Ph-negative B-ALL" in text
    assert "p. 3" in text and "Digest" in text and "`FL-x`" in text
    passed = ReplyBody.model_validate({**fields, "guard": {"verdict": "pass", "findings": []}})
    assert "Guard verdict" not in json.dumps(reply_blocks(passed))
    long = ReplyBody.model_validate({**fields, "summary": "x" * 5000})
    assert all(len(b["text"]["text"]) <= 3000 for b in reply_blocks(long) if b["type"] == "section")


def test_mentions_are_stripped_from_the_question() -> None:
    assert question_text("<@U123ABC> what about <@W99|bob> CNS relapse?  ") == "what about CNS relapse?"


# --- Issue 12, finding 4: malformed input is a 4xx, slash commands answered once, markup escaped ----------


ODD_TIMESTAMPS = {"superscript-two": "170000000\u00b2", "4400-digits": "1" * 4400, "exponent": "17e8", "blank": " "}


def test_odd_timestamps_are_401_before_the_signature_is_checked(bot: Chatbot, fake_slack: FakeSlack) -> None:
    """Sent over a real socket: header bytes arrive as latin-1, so '\u00b2' (isdigit() is true) reaches the route."""
    import http.client

    from servers import free_socket, serving

    from chatbot.channels.http.app import make_server

    settings = bot.settings.model_copy(update={"slack_signing_secret": SECRET, "slack_api_url": fake_slack.url})
    body = json.dumps({"type": "url_verification", "challenge": "abc"})
    with serving(make_server(bot, settings, log_level="warning"), free_socket()) as base:
        for name, timestamp in ODD_TIMESTAMPS.items():
            connection = http.client.HTTPConnection(base.removeprefix("http://"), timeout=30)
            headers = {"content-type": "application/json", **_signed(body), "X-Slack-Request-Timestamp": timestamp}
            connection.request("POST", "/slack/events", body=body, headers=headers)
            response = connection.getresponse()
            payload = json.loads(response.read())
            connection.close()
            assert response.status == 401, (name, payload)
            assert payload["error"]["code"] == "invalid_signature", name


MALFORMED_EVENTS = {
    "array-body": "[1, 2, 3]",
    "string-body": '"event_callback"',
    "event-is-a-list": json.dumps({"type": "event_callback", "event_id": "Ev1", "event": [1, 2]}),
    "event-id-is-an-object": json.dumps({"type": "event_callback", "event_id": {"a": 1}, "event": {"type": "app_mention"}}),
    "lone-surrogate": '{"type": "event_callback", "event_id": "Ev\\ud800", "event": {"type": "app_mention", "text": "hi \\udfff",'
    ' "channel": "C1", "ts": "1.2"}}',
    "text-is-a-number": json.dumps(
        {
            "type": "event_callback",
            "event_id": "EvNum",
            "team_id": "T1",
            "event": {"type": "app_mention", "text": 42, "channel": "C1", "ts": "1.2", "user": "U1"},
        }
    ),
}


@pytest.mark.parametrize("body", list(MALFORMED_EVENTS.values()), ids=list(MALFORMED_EVENTS))
def test_malformed_signed_events_are_400(client: TestClient, body: str) -> None:
    error = _error(_post_event(client, body), 400)
    assert error["code"] == "invalid_request" and error["hint"]


def _command(channel: str, user: str = "U0HUMAN", command: str = "/guideline") -> str:
    return urlencode(
        {
            "token": "x",
            "team_id": "T0001",
            "channel_id": channel,
            "user_id": user,
            "command": command,
            "text": QUESTION,
            "response_url": "http://127.0.0.1:9/unused",
            "trigger_id": "1.2.3",
        }
    )


def test_the_same_signed_slash_command_twice_is_answered_once(client: TestClient, fake_slack: FakeSlack) -> None:
    channel = _channel()
    body = _command(channel)
    headers = {"content-type": "application/x-www-form-urlencoded", **_signed(body)}
    assert client.post("/slack/commands", content=body, headers=headers).status_code == 200
    assert client.post("/slack/commands", content=body, headers=headers).status_code == 200
    fake_slack.wait_for(1, channel=channel)
    time.sleep(1.0)
    assert len(fake_slack.posts(channel=channel)) == 1


def test_user_id_and_command_cannot_inject_markup(client: TestClient, fake_slack: FakeSlack) -> None:
    channel = _channel()
    body = _command(channel, user="U1> <!channel> <https://evil.example|click")
    response = client.post("/slack/commands", content=body, headers={"content-type": "application/x-www-form-urlencoded", **_signed(body)})
    assert response.status_code == 200
    (post,) = fake_slack.wait_for(channel=channel)
    shown = json.dumps(post["blocks"])
    assert "<!channel>" not in shown and "<https://evil" not in shown
    usage = _command(channel, command="/g <!here>").replace(urlencode({"text": QUESTION}), "text=")
    reply = client.post("/slack/commands", content=usage, headers={"content-type": "application/x-www-form-urlencoded", **_signed(usage)})
    assert reply.status_code == 200 and "<!here>" not in reply.json()["text"]


def _interaction(channel: str, thread_ts: str, value: str, action_id: str = "clarify-0") -> str:
    """A block_actions payload as Slack posts it when a button of a message in a thread is pressed."""
    payload = {
        "type": "block_actions",
        "team": {"id": "T0001", "domain": "example"},
        "user": {"id": "U0HUMAN"},
        "channel": {"id": channel},
        "container": {"type": "message", "channel_id": channel, "message_ts": "1700000200.000900", "thread_ts": thread_ts},
        "message": {"ts": "1700000200.000900", "thread_ts": thread_ts, "text": "Which applies?"},
        "response_url": "https://hooks.slack.invalid/actions/T0001/1/x",
        "actions": [{"type": "button", "action_id": action_id, "block_id": "clarify", "value": value, "action_ts": "1700000201.1"}],
    }
    return urlencode({"payload": json.dumps(payload)})


def _post_interaction(client: TestClient, body: str, **headers: str):
    return client.post(
        "/slack/interactions", content=body, headers={"content-type": "application/x-www-form-urlencoded", **_signed(body), **headers}
    )


def test_clarification_choices_are_interactive_buttons() -> None:
    body = ReplyBody.model_validate(
        {
            "answer_id": "a",
            "session_id": "s",
            "question": "q",
            "resolved_question": "q",
            "status": "needs_clarification",
            "summary": "Which applies?",
            "clarification_options": ["in first remission (CR1)", "after relapse, in a new remission"],
            "guard": {"verdict": "pass", "findings": []},
            "corpus_version": "v1",
            "settings_fingerprint": "f",
            "quotes": [],
            "recommendations": [],
            "closest_topics": [],
            "follow_ups": [],
            "retrieved": [],
            "pack": "p",
            "timings_ms": {},
        }
    )
    (actions,) = [b for b in reply_blocks(body) if b["type"] == "actions"]
    assert [(e["type"], e["value"], e["text"]["text"]) for e in actions["elements"]] == [
        ("button", "in first remission (CR1)", "in first remission (CR1)"),
        ("button", "after relapse, in a new remission", "after relapse, in a new remission"),
    ]
    assert len({e["action_id"] for e in actions["elements"]}) == 2


def test_a_pressed_clarification_button_continues_the_threads_conversation(client: TestClient, bot: Chatbot, fake_slack: FakeSlack) -> None:
    channel, root = _channel(), "1700000300.000100"
    _post_event(client, _event(_mention(channel, "Should this patient get a transplant?", root)))
    fake_slack.wait_for(1, channel=channel)
    body = _interaction(channel, root, "in first remission (CR1)")
    signed = _signed(body)  # sent again below as the very same request, as Slack retries it
    assert _post_interaction(client, body, **signed).json() == {"ok": True}
    posts = fake_slack.wait_for(2, channel=channel)
    assert posts[1]["thread_ts"] == root and "U0HUMAN" in json.dumps(posts[1]["blocks"])
    with sqlite3.connect(bot.settings.data_dir / "slack.sqlite3") as db:
        (session_id,) = db.execute("SELECT session_id FROM threads WHERE channel = ? AND thread_ts = ?", (channel, root)).fetchone()
    turns = bot.sessions.history(session_id, 10)
    assert [t.question for t in turns] == ["Should this patient get a transplant?", "in first remission (CR1)"]
    assert bot.sessions.state(session_id)["last_status"] == turns[-1].status  # the choice was read in the thread's state
    assert _post_interaction(client, body, **signed).status_code == 200  # the same signed request again is not answered twice
    time.sleep(0.5)
    assert len(fake_slack.posts(channel=channel)) == 2


def test_interactions_are_signed_and_checked(client: TestClient, fake_slack: FakeSlack) -> None:
    channel = _channel()
    body = _interaction(channel, "1700000400.000100", "Ph-positive")
    refused = client.post(
        "/slack/interactions", content=body, headers={"content-type": "application/x-www-form-urlencoded", **_signed(body, secret="wrong")}
    )
    assert _error(refused, 401)["code"] == "invalid_signature"
    assert _error(_post_interaction(client, "payload=%7Bnot+json"), 400)["code"] == "invalid_request"
    assert _error(_post_interaction(client, _interaction(channel, "1700000400.000100", "")), 400)["code"] == "invalid_request"
    other = _interaction(channel, "1700000400.000100", "x", action_id="something-else")
    assert _post_interaction(client, other).json() == {"ok": True}
    time.sleep(0.5)
    assert fake_slack.posts(channel=channel) == []
