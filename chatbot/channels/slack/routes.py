"""The Slack channel: slack_router(bot, settings) -> APIRouter with /slack/events, /slack/commands and /slack/interactions.

The only module that imports slack_sdk. Every request is verified with Slack's SignatureVerifier over
the raw body, acknowledged at once, and answered in a worker thread with chat.postMessage (Block Kit
from slack_blocks.py). A thread of the conversation maps to one chatbot session; event ids already
handled (Slack's retries) are not answered twice. Both live in the Slack store (stores/slack.py).
"""

from __future__ import annotations

import hashlib
import json
import logging
import re
import threading
import time
import weakref
from concurrent.futures import ThreadPoolExecutor
from urllib.parse import parse_qs

from fastapi import APIRouter, Request
from fastapi.responses import JSONResponse
from slack_sdk import WebClient
from slack_sdk.errors import SlackApiError
from slack_sdk.signature import SignatureVerifier
from slack_sdk.webhook import WebhookClient

from chatbot.channels.slack.blocks import escape, fallback_text, reply_blocks
from chatbot.channels.slack.interactions import Choice, read_choice
from chatbot.config import Settings
from chatbot.core import Chatbot
from chatbot.errors import ChatbotError
from chatbot.reply import reply_body
from chatbot.stores.choice import slack_store

log = logging.getLogger("chatbot.channels.slack.routes")

MAX_AGE_SECONDS = 5 * 60
USER_SUBTYPES = frozenset({None, "thread_broadcast", "file_share"})  # other subtypes: edits, joins, bots
MENTION = re.compile(r"<@[UW][A-Z0-9]+(?:\|[^>]*)?>")
TIMESTAMP = re.compile(r"[0-9]{1,12}")  # ASCII digits only: int() must never see 4,300 digits or Arabic-Indic ones
USER_ID = re.compile(r"[UW][A-Z0-9]{1,30}")
STRING_FIELDS = ("type", "event_id", "team_id", "challenge")
EVENT_STRING_FIELDS = ("type", "text", "channel", "channel_type", "ts", "thread_ts", "user", "subtype", "bot_id", "team")


def _error(status: int, code: str, message: str, hint: str) -> JSONResponse:
    return JSONResponse({"error": {"code": code, "message": message, "hint": hint}}, status_code=status)


def _has_surrogate(value: object) -> bool:
    """Whether any string (or key) in a parsed JSON value holds a lone surrogate; iterative, any depth."""
    stack = [value]
    while stack:
        item = stack.pop()
        if isinstance(item, str):
            if any("\ud800" <= char <= "\udfff" for char in item):
                return True
        elif isinstance(item, dict):
            stack += [*item.keys(), *item.values()]
        elif isinstance(item, list):
            stack += item
    return False


def payload_problem(payload: object) -> str | None:
    """Why a signed Events API body cannot be handled (wrong shapes, lone surrogates), or None."""
    if not isinstance(payload, dict):
        return "the body is not a JSON object"
    wrong = [k for k in STRING_FIELDS if payload.get(k) is not None and not isinstance(payload[k], str)]
    event = payload.get("event")
    if event is not None and not isinstance(event, dict):
        return "`event` is not an object"
    wrong += [
        f"event.{k}" for k in EVENT_STRING_FIELDS if isinstance(event, dict) and event.get(k) is not None and not isinstance(event[k], str)
    ]
    authorizations = payload.get("authorizations")
    if authorizations is not None and not (isinstance(authorizations, list) and all(isinstance(a, dict) for a in authorizations)):
        wrong.append("authorizations")
    if wrong:
        return f"{', '.join(wrong)} must be a string" if "authorizations" not in wrong else "`authorizations` is not a list of objects"
    if _has_surrogate(payload):
        return "the body contains a lone surrogate (not a character)"
    return None


def question_text(text: str) -> str:
    """The message without its <@U…> mentions, whitespace collapsed."""
    return " ".join(MENTION.sub(" ", text or "").split())


def _is_from_a_bot(event: dict, payload: dict) -> bool:
    """The bot's own messages, other bots' messages and edits/joins (any subtype) are not questions."""
    if event.get("bot_id") or event.get("bot_profile") or event.get("subtype") not in USER_SUBTYPES:
        return True
    own = {a.get("user_id") for a in payload.get("authorizations") or [] if a.get("is_bot")}
    return event.get("user") is not None and event.get("user") in own


class SlackChannel:
    """Answers Slack questions in worker threads; one conversation per Slack thread."""

    def __init__(self, bot: Chatbot, settings: Settings, workers: int = 4) -> None:
        self.bot, self.settings = bot, settings
        self.store = slack_store(settings)
        base_url = settings.slack_api_url if settings.slack_api_url.endswith("/") else settings.slack_api_url + "/"
        self.client = WebClient(token=settings.slack_bot_token, base_url=base_url, timeout=10)
        self.verifier = SignatureVerifier(settings.slack_signing_secret) if settings.slack_signing_secret else None
        self.executor = ThreadPoolExecutor(max_workers=workers, thread_name_prefix="slack")
        self._locks: weakref.WeakValueDictionary = weakref.WeakValueDictionary()
        self._locks_guard = threading.Lock()

    def refusal(self, body: bytes, headers) -> JSONResponse | None:
        """503 when Slack is not configured, 401 for a missing, stale or wrong signature; None when valid."""
        if self.verifier is None:
            return _error(
                503,
                "slack_not_configured",
                "the Slack integration is not configured",
                "set CHATBOT_SLACK_SIGNING_SECRET (and CHATBOT_SLACK_BOT_TOKEN) and restart",
            )
        timestamp, signature = headers.get("x-slack-request-timestamp"), headers.get("x-slack-signature")
        if not timestamp or not signature or not TIMESTAMP.fullmatch(timestamp.strip()):
            return _error(
                401, "invalid_signature", "the request is not signed by Slack", "send X-Slack-Signature and X-Slack-Request-Timestamp"
            )
        if abs(time.time() - int(timestamp.strip())) > MAX_AGE_SECONDS:
            return _error(
                401,
                "invalid_signature",
                "the request timestamp is more than 5 minutes old",
                "check the clock; replayed requests are refused",
            )
        if not self.verifier.is_valid(body, timestamp, signature):
            return _error(401, "invalid_signature", "the Slack signature does not match", "check the app's signing secret")
        return None

    def _thread_lock(self, key: tuple[str, str, str]) -> threading.Lock:
        with self._locks_guard:
            lock = self._locks.get(key)
            if lock is None:
                lock = self._locks[key] = threading.Lock()
            return lock

    def answer(
        self, team: str, channel: str, thread_ts: str | None, text: str, response_url: str | None = None, asker: str | None = None
    ) -> None:
        """Ask the bot and post the reply (in `thread_ts`, or as a new message whose thread then continues)."""
        key = (team, channel, thread_ts or "")
        lock = self._thread_lock(key)
        with lock:
            try:
                self._answer(team, channel, thread_ts, text, response_url, asker)
            except Exception:  # noqa: BLE001 - a worker thread must never die with a traceback in Slack
                log.exception("Slack answer failed for %s/%s", channel, thread_ts)

    def _answer(self, team, channel, thread_ts, text, response_url, asker) -> None:
        session_id = self.store.session_for(team, channel, thread_ts) if thread_ts else None
        if session_id and not self.bot.sessions.exists(session_id):
            session_id = None
        prefix = f"<@{asker}> asked: _{escape(text)}_\n" if asker and USER_ID.fullmatch(asker) else ""
        try:
            reply = self.bot.ask(text, session_id=session_id, channel="slack")
        except ChatbotError as exc:
            message = f":information_source: {escape(exc.message)}" + (f" ({escape(exc.hint)})" if exc.hint else "")
            self.post(channel, thread_ts, prefix + message, None, response_url)
            return
        except Exception:  # noqa: BLE001
            log.exception("the chatbot failed on a Slack question")
            self.post(channel, thread_ts, prefix + ":x: Sorry, something went wrong answering that. Try again later.", None, response_url)
            return
        body = reply_body(reply, self.bot.rec_set)
        blocks = reply_blocks(body, self.settings.widget_url)
        if prefix:
            blocks = [{"type": "context", "elements": [{"type": "mrkdwn", "text": prefix.strip()}]}, *blocks]
        posted_ts = self.post(channel, thread_ts, fallback_text(body), blocks, response_url)
        if root := thread_ts or posted_ts:
            self.store.remember(team, channel, root, reply.session_id)

    def choose(self, choice: Choice) -> None:
        """Answer a clarification choice in its thread, continuing the thread's session."""
        self.answer(choice.team, choice.channel, choice.thread_ts, choice.text, choice.response_url, choice.user)

    def post(
        self, channel: str, thread_ts: str | None, text: str, blocks: list[dict] | None, response_url: str | None = None
    ) -> str | None:
        """chat.postMessage; falls back to the slash command's response_url. Returns the posted ts."""
        try:
            result = self.client.chat_postMessage(
                channel=channel, thread_ts=thread_ts, text=text, blocks=blocks, unfurl_links=False, unfurl_media=False
            )
            return result.get("ts")
        except SlackApiError as exc:
            log.warning("chat.postMessage to %s failed: %s", channel, exc.response.get("error"))
            if response_url:
                WebhookClient(response_url, timeout=10).send(text=text, blocks=blocks, response_type="in_channel")
            return None

    def on_event(self, payload: dict) -> None:
        """Queue an answer for an app_mention or a direct message; ignore everything else."""
        event = payload.get("event") or {}
        kind = event.get("type")
        if kind == "message" and event.get("channel_type") != "im":
            return
        if kind not in ("app_mention", "message") or _is_from_a_bot(event, payload):
            return
        team = payload.get("team_id") or event.get("team") or ""
        channel = event.get("channel")
        if not channel or not event.get("ts"):
            return
        thread_ts = event.get("thread_ts") or event["ts"]
        self.executor.submit(self.answer, team, channel, thread_ts, question_text(event.get("text", "")))


def slack_router(bot: Chatbot, settings: Settings | None = None) -> APIRouter:
    """POST /slack/events (Events API) and POST /slack/commands (`/guideline <question>`)."""
    settings = settings or bot.settings
    slack = SlackChannel(bot, settings)
    router = APIRouter(tags=["slack"])
    router.slack = slack  # type: ignore[attr-defined]  # lets the lead shut the executor down or tests inspect it

    @router.post("/slack/events", include_in_schema=True)
    async def events(request: Request) -> JSONResponse:
        """Slack Events API: url_verification, app_mention, and direct messages (message.im)."""
        body = await request.body()
        refused = slack.refusal(body, request.headers)
        if refused is not None:
            return refused
        try:
            payload = json.loads(body)
        except (ValueError, RecursionError):
            return _error(400, "invalid_request", "the body is not JSON", "Slack sends events as JSON")
        problem = payload_problem(payload)
        if problem:
            return _error(
                400,
                "invalid_request",
                f"the event cannot be handled: {problem}",
                "Slack's Events API sends a JSON object as documented at api.slack.com/apis/events-api",
            )
        if payload.get("type") == "url_verification":
            return JSONResponse({"challenge": payload.get("challenge", "")})
        if payload.get("type") != "event_callback":
            return JSONResponse({"ok": True})
        event_id = payload.get("event_id")
        if event_id and not slack.store.claim_event(event_id):
            log.info("Slack retry %s of event %s ignored", request.headers.get("x-slack-retry-num"), event_id)
            return JSONResponse({"ok": True, "duplicate": True})
        slack.on_event(payload)
        return JSONResponse({"ok": True})

    @router.post("/slack/commands")
    async def commands(request: Request) -> JSONResponse:
        """The slash command `/guideline <question>`: acknowledged at once, answered in the channel."""
        body = await request.body()
        refused = slack.refusal(body, request.headers)
        if refused is not None:
            return refused
        try:
            form = {k: v[0] for k, v in parse_qs(body.decode("utf-8"), keep_blank_values=True).items()}
        except UnicodeDecodeError:
            return _error(400, "invalid_request", "the body is not UTF-8 form data", "Slack sends slash commands as a UTF-8 form")
        text = question_text(form.get("text", ""))
        command = escape(form.get("command") or "/guideline")
        if not text:
            return JSONResponse(
                {
                    "response_type": "ephemeral",
                    "text": f"Usage: `{command} <question>`, e.g. `{command} How is isolated CNS relapse treated?`",
                }
            )
        replay = "command:" + hashlib.sha256(request.headers.get("x-slack-request-timestamp", "").encode() + b":" + body).hexdigest()
        if not slack.store.claim_event(replay):  # the same signed request again (a replay or a client retry)
            log.info("repeated slash command ignored")
            return JSONResponse({"response_type": "ephemeral", "text": "Already on it: this command was received before."})
        slack.executor.submit(
            slack.answer,
            form.get("team_id", ""),
            form.get("channel_id", ""),
            None,
            text,
            form.get("response_url") or None,
            form.get("user_id") or None,
        )
        return JSONResponse({"response_type": "ephemeral", "text": f"Looking up: _{escape(text)}_ …"})

    @router.post("/slack/interactions")
    async def interactions(request: Request) -> JSONResponse:
        """A clarification button pressed: the choice continues the conversation of the message's thread."""
        body = await request.body()
        refused = slack.refusal(body, request.headers)
        if refused is not None:
            return refused
        choice = read_choice(body)
        if isinstance(choice, str):
            return _error(400, "invalid_request", f"the interaction cannot be handled: {choice}", "Slack sends block actions as a form")
        if choice is None:
            return JSONResponse({"ok": True})
        replay = "action:" + hashlib.sha256(request.headers.get("x-slack-request-timestamp", "").encode() + b":" + body).hexdigest()
        if slack.store.claim_event(replay):
            slack.executor.submit(slack.choose, choice)
        return JSONResponse({"ok": True})

    return router
