"""The HTTP service's safety checks: API keys, per-client rate limit, body size and body bytes.

Plain ASGI (no web framework imported here): `RequestGuard` wraps the app, rejects a request before
it reaches a route, and hands every rejection to the service's one error renderer.
"""

from __future__ import annotations

import hashlib
import hmac
import logging
import math
import threading
import time
import unicodedata
from collections.abc import Awaitable, Callable, MutableMapping
from typing import Any

from chatbot.config import Settings
from chatbot.errors import ChatbotError, InvalidInput

log = logging.getLogger("chatbot.channels.http.app")

Scope = MutableMapping[str, Any]
Message = MutableMapping[str, Any]
Receive = Callable[[], Awaitable[Message]]
Send = Callable[[Message], Awaitable[None]]
ASGIApp = Callable[[Scope, Receive, Send], Awaitable[None]]
# exception -> (status, JSON body bytes, extra headers)
ErrorRenderer = Callable[[BaseException], tuple[int, bytes, list[tuple[bytes, bytes]]]]
# (scope, status, seconds) after each request
Observer = Callable[[Scope, int, float], None]

ALLOWED_CONTROLS = "\n\t\r"  # \r too: pasted Windows text arrives as \r\n
EXEMPT_PATHS = frozenset({"/healthz", "/readyz"})
OWNER_STATE = "api_key_hash"  # request.state attribute: the accepted key's hash ("" when no keys are configured)
# Routes that authenticate themselves (Slack's request signature) or serve the public widget pages.
KEYLESS_PREFIXES = ("/slack/",)
KEYLESS_PATHS = frozenset({"/", "/widget.js", "/widget.css", "/glance"})


def _needs_key(path: str) -> bool:
    """Whether a route is behind the API keys and the per-client rate limit."""
    return path not in EXEMPT_PATHS and path not in KEYLESS_PATHS and not path.startswith(KEYLESS_PREFIXES)


class Unauthorized(ChatbotError):
    """A missing or unknown API key."""

    code = "unauthorized"
    status = 401


class RateLimited(ChatbotError):
    """Too many requests from one client; `retry_after` is in whole seconds."""

    code = "rate_limited"
    status = 429

    def __init__(self, message: str, *, retry_after: int, hint: str = "") -> None:
        super().__init__(message, hint=hint)
        self.retry_after = retry_after


class PayloadTooLarge(ChatbotError):
    """A request body over the configured limit."""

    code = "payload_too_large"
    status = 413


def key_hash(key: str) -> str:
    """The sha256 hex of an API key, as settings.api_key_hashes holds it."""
    return hashlib.sha256(key.encode()).hexdigest()


def authenticate(authorization: str | None, accepted: tuple[str, ...]) -> str | None:
    """The presented key's hash when it is accepted; None when no key is needed; else Unauthorized."""
    if not accepted:
        return None
    scheme, _, key = (authorization or "").partition(" ")
    if scheme.lower() != "bearer" or not key.strip():
        raise Unauthorized("an API key is required", hint="send the header 'Authorization: Bearer <key>'")
    presented = key_hash(key.strip())
    if not any(hmac.compare_digest(presented, known.lower()) for known in accepted):
        raise Unauthorized("the API key is not accepted", hint="check the key with the service's operator")
    return presented


class TokenBucketLimiter:
    """`per_minute` requests per client, refilled continuously, bursts up to `per_minute`."""

    def __init__(self, per_minute: int, clock: Callable[[], float] = time.monotonic, max_clients: int = 10_000) -> None:
        self.capacity = float(per_minute)
        self.rate = per_minute / 60.0
        self.clock = clock
        self.max_clients = max_clients
        self._buckets: dict[str, tuple[float, float]] = {}  # client -> (tokens, last refill)
        self._lock = threading.Lock()

    def take(self, client: str) -> None:
        """Spend one token of `client`, or raise RateLimited with the seconds until one is back."""
        if self.capacity <= 0:
            return
        with self._lock:
            now = self.clock()
            tokens, last = self._buckets.get(client, (self.capacity, now))
            tokens = min(self.capacity, tokens + (now - last) * self.rate)
            if tokens < 1.0:
                self._buckets[client] = (tokens, now)
                wait = max(1, math.ceil((1.0 - tokens) / self.rate))
                raise RateLimited(
                    f"more than {int(self.capacity)} requests a minute from this client",
                    retry_after=wait,
                    hint=f"retry after {wait} seconds",
                )
            self._buckets[client] = (tokens - 1.0, now)
            if len(self._buckets) > self.max_clients:
                self._forget_idle(now)

    def _forget_idle(self, now: float) -> None:
        """Drop buckets that have refilled completely (they hold no state worth keeping)."""
        full = [c for c, (t, last) in self._buckets.items() if t + (now - last) * self.rate >= self.capacity]
        for client in full:
            del self._buckets[client]


def check_body(body: bytes) -> None:
    """InvalidInput for a body that is not UTF-8 or holds raw control characters."""
    try:
        text = body.decode("utf-8")
    except UnicodeDecodeError as exc:
        raise InvalidInput(f"the request body is not valid UTF-8 (byte {exc.start})", hint="send the JSON body encoded as UTF-8") from None
    check_no_controls(text, "the request body")


def control_char_problem(text: str, what: str) -> str | None:
    """A message naming the first control character (other than \\n, \\t, \\r) or lone surrogate in `text`, or None."""
    for position, char in enumerate(text):
        category = unicodedata.category(char)
        if category == "Cs":
            return f"{what} contains the lone surrogate U+{ord(char):04X} at position {position} (not a character)"
        if char not in ALLOWED_CONTROLS and category == "Cc":
            return f"{what} contains the control character U+{ord(char):04X} at position {position}"
    return None


def check_no_controls(text: str, what: str) -> str:
    """`text` unchanged, or InvalidInput naming its first control character."""
    problem = control_char_problem(text, what)
    if problem:
        raise InvalidInput(problem, hint="remove control characters; only line breaks and tabs are allowed")
    return text


def _header(scope: Scope, name: bytes) -> str | None:
    """A request header's value (latin-1), or None."""
    for key, value in scope.get("headers", []):
        if key.lower() == name:
            return value.decode("latin-1")
    return None


class RequestGuard:
    """ASGI middleware: key, rate limit and body checks before the app; errors rendered as JSON."""

    def __init__(self, app: ASGIApp, settings: Settings, render: ErrorRenderer, observe: Observer | None = None) -> None:
        self.app = app
        self.settings = settings
        self.render = render
        self.observe = observe
        self.limiter = TokenBucketLimiter(settings.rate_limit_per_minute)

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] != "http":
            await self.app(scope, receive, send)
            return
        started = time.perf_counter()
        status = {"code": 500, "started": False}

        async def tracking_send(message: Message) -> None:
            if message["type"] == "http.response.start":
                status["code"], status["started"] = message["status"], True
            await send(message)

        try:
            receive = await self._admit(scope, receive)
            await self.app(scope, receive, tracking_send)
        except Exception as exc:  # noqa: BLE001 - every error leaves as the JSON error body
            if status["started"]:
                log.exception("error after the response started")
                raise
            if not isinstance(exc, ChatbotError):
                log.exception("unexpected error on %s %s", scope.get("method"), scope.get("path"))
            await self._send_error(exc, tracking_send)
        finally:
            if self.observe:
                self.observe(scope, status["code"], time.perf_counter() - started)

    async def _admit(self, scope: Scope, receive: Receive) -> Receive:
        """Run the checks; return a receive that replays the (checked) body."""
        if _needs_key(scope["path"]):
            address = (scope.get("client") or ("unknown", 0))[0]
            try:
                key = authenticate(_header(scope, b"authorization"), self.settings.api_key_hashes)
            except Unauthorized:
                self.limiter.take(f"address {address}")  # failed attempts spend the address's tokens: 429 once used up
                raise
            scope.setdefault("state", {})[OWNER_STATE] = key or ""
            self.limiter.take(key or f"address {address}")
        body = await self._read_body(scope, receive)
        if body:
            check_body(body)
        replayed = False

        async def replay() -> Message:
            nonlocal replayed
            if not replayed:
                replayed = True
                return {"type": "http.request", "body": body, "more_body": False}
            return await receive()

        return replay

    async def _read_body(self, scope: Scope, receive: Receive) -> bytes:
        """The whole body, refused as soon as the declared or received size passes the limit."""
        limit = self.settings.max_body_bytes
        declared = _header(scope, b"content-length")
        too_large = PayloadTooLarge(f"the request body is larger than {limit} bytes", hint="send a shorter body")
        if declared is not None and declared.strip().isdigit() and int(declared) > limit:
            raise too_large
        chunks, size = [], 0
        while True:
            message = await receive()
            if message["type"] != "http.request":
                break
            chunk = message.get("body", b"")
            size += len(chunk)
            if size > limit:
                raise too_large
            chunks.append(chunk)
            if not message.get("more_body", False):
                break
        return b"".join(chunks)

    async def _send_error(self, exc: BaseException, send: Send) -> None:
        """The rendered error as a complete response."""
        status, body, headers = self.render(exc)
        headers = [(b"content-type", b"application/json"), (b"content-length", str(len(body)).encode()), *headers]
        await send({"type": "http.response.start", "status": status, "headers": headers})
        await send({"type": "http.response.body", "body": body})
