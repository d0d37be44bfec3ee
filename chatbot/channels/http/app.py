"""The HTTP API: create_app(bot) -> FastAPI; routes only translate HTTP <-> core. run_server() for `chatbot serve`.

Only the channels import FastAPI and starlette; uvicorn and prometheus_client are used here alone. The safety checks
are plain ASGI in limits.py; the request models are plain pydantic in models.py, the reply in chatbot/reply.py.
"""

from __future__ import annotations

import gc
import json
import logging
import socket
import sys

from fastapi import FastAPI, Request
from fastapi.exceptions import RequestValidationError
from fastapi.middleware.cors import CORSMiddleware
from fastapi.openapi.utils import get_openapi
from fastapi.responses import Response
from prometheus_client import CONTENT_TYPE_LATEST, CollectorRegistry, Counter, Histogram, generate_latest
from pydantic import BaseModel
from starlette.exceptions import HTTPException as StarletteHTTPException
from starlette.routing import Match

from chatbot.channels.http.documents import documents_router
from chatbot.channels.http.limits import OWNER_STATE, RateLimited, RequestGuard, Scope
from chatbot.channels.http.models import (
    ERRORS,
    ChatRequest,
    CheckRequest,
    ErrorModel,
    FeedbackRequest,
    HealthModel,
    OkModel,
    PackList,
    ReadyModel,
    RecommendationList,
    apply_limits,
)
from chatbot.channels.http.ownership import bind, unbind
from chatbot.channels.http.protocol import HeadAndHeaders
from chatbot.channels.http.reload import IndexWatcher
from chatbot.channels.slack.routes import slack_router
from chatbot.channels.widget.routes import widget_router
from chatbot.config import Settings
from chatbot.core import Chatbot, PackEngine
from chatbot.errors import ChatbotError, IndexUnavailable, NotFound
from chatbot.reply import GuardBody, RecommendationBody, ReplyBody, guard_body, recommendation_body, reply_body
from chatbot.stores.audit import Feedback

log = logging.getLogger("chatbot.channels.http.app")

LATENCY_BUCKETS = (0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1.0, 2.5, 5.0, 10.0)
KNOWN_METHODS = frozenset({"GET", "HEAD", "POST", "PUT", "PATCH", "DELETE", "OPTIONS"})


# --- The one error renderer ------------------------------------------------------------------------


def _validation_message(exc: RequestValidationError) -> str:
    """Pydantic's errors as one readable line: `body.message: Field required; ...`."""
    parts = []
    for error in exc.errors()[:5]:
        if error.get("type") == "json_invalid":
            detail = (error.get("ctx") or {}).get("error", "decode error")
            parts.append(f"the body is not valid JSON ({detail} at character {error.get('loc', ('', '?'))[-1]})")
            continue
        where = ".".join(str(part) for part in error.get("loc", ()))
        message = str(error.get("msg", "invalid")).removeprefix("Value error, ")
        parts.append(f"{where}: {message}" if where else message)
    return "; ".join(parts) or "the request is invalid"


def render_error(exc: BaseException) -> tuple[int, bytes, list[tuple[bytes, bytes]]]:
    """Any exception as (status, `{"error": {code, message, hint}}` bytes, extra headers)."""
    headers: list[tuple[bytes, bytes]] = []
    if isinstance(exc, ChatbotError):
        status, code, message, hint = exc.status, exc.code, exc.message, exc.hint
        if isinstance(exc, RateLimited):
            headers.append((b"retry-after", str(exc.retry_after).encode()))
    elif isinstance(exc, RequestValidationError):
        status, code, message, hint = 422, "invalid_request", _validation_message(exc), "see the request schema at /docs"
    elif isinstance(exc, StarletteHTTPException):
        status = exc.status_code
        code = {404: "not_found", 405: "method_not_allowed"}.get(status, "http_error")
        message = {404: "no such route", 405: "method not allowed on this route"}.get(status, str(exc.detail))
        hint = "see the routes at /docs"
        allow = (exc.headers or {}).get("Allow")
        if status == 405 and allow:
            headers.append((b"allow", _allowed_methods(allow).encode()))
    else:
        status, code, message, hint = 500, "internal_error", "an unexpected error occurred", "the error was logged; try again later"
    body = json.dumps({"error": {"code": code, "message": message, "hint": hint}}).encode()
    return status, body, headers


def _allowed_methods(allow: str) -> str:
    """A route's Allow header; GET routes answer HEAD too."""
    methods = [m.strip() for m in allow.split(",") if m.strip()]
    return ", ".join(methods + (["HEAD"] if "GET" in methods and "HEAD" not in methods else []))


async def handle_error(request: Request, exc: Exception) -> Response:
    """The one exception handler: every error leaves as the same JSON shape."""
    if not isinstance(exc, (ChatbotError, RequestValidationError, StarletteHTTPException)):
        log.exception("unexpected error on %s %s", request.method, request.url.path)
    status, body, headers = render_error(exc)
    return Response(body, status_code=status, media_type="application/json", headers={k.decode(): v.decode() for k, v in headers})


# --- Metrics -----------------------------------------------------------------------------------------


class Metrics:
    """Prometheus metrics in a registry of this app's own."""

    def __init__(self) -> None:
        self.registry = CollectorRegistry()
        self.requests = Counter("chatbot_http_requests", "HTTP requests", ["method", "route", "status"], registry=self.registry)
        self.latency = Histogram(
            "chatbot_http_request_seconds", "HTTP request latency", ["method", "route"], buckets=LATENCY_BUCKETS, registry=self.registry
        )
        self.stages = Histogram(
            "chatbot_stage_seconds", "Latency of each answer stage", ["stage"], buckets=LATENCY_BUCKETS, registry=self.registry
        )
        self.answers = Counter("chatbot_answers", "Replies by answer status", ["status"], registry=self.registry)
        self.verdicts = Counter("chatbot_guard_verdicts", "Guard verdicts", ["source", "verdict"], registry=self.registry)

    def reply(self, body: ReplyBody) -> None:
        """Count one chat reply and its stage timings."""
        self.answers.labels(body.status).inc()
        self.verdicts.labels("chat", body.guard.verdict).inc()
        for stage, ms in body.timings_ms.items():
            self.stages.labels(stage).observe(ms / 1000)


def _method_label(scope: Scope) -> str:
    """The request method as a bounded label value: a known method, or 'other'."""
    method = str(scope.get("method", ""))
    return method if method in KNOWN_METHODS else "other"


def _route_label(app: FastAPI, scope: Scope) -> str:
    """The route template a request matched (bounded label values), or 'unmatched'."""
    chosen = scope.get("route")  # the router's own first full match, when it is one of the app's routes: no search
    if chosen is not None and any(route is chosen for route in app.router.routes) and chosen.matches(scope)[0] is Match.FULL:
        return getattr(chosen, "path", "unmatched")
    for route in app.router.routes:
        match, _ = route.matches(scope)
        if match is Match.FULL:
            return getattr(route, "path", "unmatched")
    return "unmatched"


# --- The app -----------------------------------------------------------------------------------------


def _owner(request: Request) -> str:
    """The hash of the API key the request was admitted with ("" without API keys)."""
    return str(request.scope.get("state", {}).get(OWNER_STATE, ""))


def _openapi_with_limits(app: FastAPI, settings: Settings) -> dict:
    """The OpenAPI schema with this service's configured limits, so that the schema refuses what the routes refuse."""
    if app.openapi_schema is None:
        schema = get_openapi(title=app.title, version=app.version, description=app.description, routes=app.routes)
        apply_limits(schema, settings)
        app.openapi_schema = schema
    return app.openapi_schema


def create_app(bot: Chatbot, settings: Settings | None = None) -> FastAPI:
    """The HTTP API over one Chatbot; `settings` (default bot.settings) gives keys, limits and CORS."""
    settings = settings or bot.settings
    metrics = Metrics()
    app = FastAPI(
        title="Guideline chatbot API",
        version="1",
        responses=ERRORS,
        description="Verbatim, cited answers from the loaded clinical guidelines, and a rules guard.",
    )
    app.state.bot, app.state.metrics = bot, metrics
    for kind in (ChatbotError, RequestValidationError, StarletteHTTPException):
        app.add_exception_handler(kind, handle_error)

    watcher = IndexWatcher(bot, settings.index_poll_seconds)
    app.state.index_watcher = watcher

    def observe(scope: Scope, status: int, seconds: float) -> None:
        route, method = _route_label(app, scope), _method_label(scope)
        metrics.requests.labels(method, route, str(status)).inc()
        metrics.latency.labels(method, route).observe(seconds)
        watcher.maybe_check()  # after the response: a new index build is loaded aside and swapped in

    app.add_middleware(RequestGuard, settings=settings, render=render_error, observe=observe)
    if settings.cors_origins:  # outside the guard, so that errors and preflights carry the CORS headers
        app.add_middleware(
            CORSMiddleware,
            allow_origins=list(settings.cors_origins),
            allow_methods=["GET", "POST"],
            allow_headers=["Authorization", "Content-Type"],
            expose_headers=["Retry-After"],
        )
    app.add_middleware(HeadAndHeaders)  # outermost: HEAD as GET, nosniff on every response
    app.openapi = lambda: _openapi_with_limits(app, settings)  # type: ignore[method-assign]

    app.include_router(slack_router(bot, settings), include_in_schema=False)  # Slack talks to it, not API clients
    app.include_router(widget_router())
    app.include_router(documents_router(bot, settings))

    @app.post("/v1/chat", response_model=ReplyBody, tags=["chat"])
    def chat(request: ChatRequest, http: Request) -> Response:
        """Ask a question; pass the returned session_id to continue the conversation (with the same API key)."""
        owner = _owner(http)
        session_id = request.session_id
        if session_id is not None:
            session_id = unbind(session_id, owner, "conversation", "omit session_id to start a new conversation")
        reply = bot.ask(request.message, session_id=session_id, channel="http")
        body = reply_body(reply, bot.rec_set)
        metrics.reply(body)
        body = body.model_copy(update={"session_id": bind(body.session_id, owner), "answer_id": bind(body.answer_id, owner)})
        return json_response(body)

    @app.post("/v1/check", response_model=GuardBody, tags=["guard"])
    def check(request: CheckRequest) -> Response:
        """Check free text against the recommendation set (direction, strength, population, quotes)."""
        body = guard_body(bot.check(request.text), request.text)
        metrics.verdicts.labels("check", body.verdict).inc()
        return json_response(body)

    @app.get("/v1/packs", response_model=PackList, tags=["recommendations"])
    def packs() -> dict:
        """The loaded guideline packs: names, their guidelines, and what to ask about."""
        return {"packs": [pack_json(engine) for engine in bot.engines]}

    @app.get("/v1/recommendations", response_model=RecommendationList, tags=["recommendations"])
    def recommendations() -> dict:
        """The structured recommendation set."""
        return {"recommendations": [recommendation_body(r) for r in bot.rec_set.items]}

    @app.get("/v1/recommendations/{rec_id}", response_model=RecommendationBody, tags=["recommendations"])
    def recommendation(rec_id: str) -> RecommendationBody:
        """One recommendation by id (e.g. FL-pediatric-inspired-regimen)."""
        rec = bot.rec_set.get(rec_id)
        if rec is None:
            raise NotFound(f"no recommendation with id {rec_id!r}", hint="list the ids at /v1/recommendations")
        return recommendation_body(rec)

    @app.post("/v1/feedback", response_model=OkModel, tags=["chat"])
    def feedback(request: FeedbackRequest, http: Request) -> dict:
        """Rate an answer (or one of its quotes) up or down; only with the API key that asked."""
        answer_id = unbind(request.answer_id, _owner(http), "answer", "use the answer_id of a reply to this API key")
        bot.audit.add_feedback(Feedback(answer_id, request.rating, request.comment, request.quote_index))
        return {"ok": True}

    @app.get("/healthz", response_model=HealthModel, tags=["operations"])
    def healthz() -> dict:
        """The process is up."""
        return {"status": "ok"}

    @app.get("/readyz", response_model=ReadyModel, tags=["operations"], responses={503: {"model": ErrorModel}})
    def readyz() -> dict:
        """Every pack's index is loaded and has passages, and the stores can be written."""
        empty = [engine.pack.id for engine in bot.engines if engine.index is None or not engine.index.passages]
        if empty:
            raise IndexUnavailable(f"no index is loaded for pack(s) {', '.join(empty)}", hint="run `chatbot ingest`")
        for store in (bot.sessions, bot.audit):
            probe = getattr(store, "check_writable", None)
            if probe is not None:
                probe()
        passages = sum(len(engine.index.passages) for engine in bot.engines)
        return {"status": "ready", "corpus_version": bot.corpus_version, "passages": passages, "packs": [e.pack.id for e in bot.engines]}

    @app.get("/metrics", tags=["operations"], response_class=Response)
    def prometheus_metrics() -> Response:
        """Prometheus text exposition of this process's metrics."""
        return Response(generate_latest(metrics.registry), media_type=CONTENT_TYPE_LATEST)

    return app


def json_response(body: BaseModel) -> Response:
    """A reply the contract's model has built and checked, as the JSON bytes FastAPI would write, serialised here once.

    Returned from a sync route it is written on the worker thread: FastAPI neither validates it again (another hop to
    the thread pool) nor serialises it on the event loop, which every connection shares.
    """
    return Response(body.model_dump_json(by_alias=True), media_type="application/json")


def pack_json(engine: PackEngine) -> dict:
    """A pack as GET /v1/packs shows it."""
    domain, pack = engine.rec_set.domain, engine.pack
    welcome = domain.wording.get("welcome") or f"Ask about {pack.title}."
    return {
        "id": pack.id,
        "title": pack.title,
        "short_name": pack.short_name,
        "welcome": welcome,
        "parts": {part_id: part.short_name for part_id, part in domain.parts.items()},
    }


def make_server(bot: Chatbot, settings: Settings | None = None, log_level: str = "info"):
    """A uvicorn.Server for the app on settings.host:settings.port (not started).

    Forwarded headers (X-Forwarded-For/-Proto) are believed only from settings.trusted_proxies (none by default).
    """
    import uvicorn

    settings = settings or bot.settings
    config = uvicorn.Config(
        create_app(bot, settings),
        host=settings.host,
        port=settings.port,
        log_level=log_level,
        access_log=log_level == "debug",
        lifespan="off",
        proxy_headers=bool(settings.trusted_proxies),
        forwarded_allow_ips=list(settings.trusted_proxies) or None,
    )
    return uvicorn.Server(config)


def run_server(bot: Chatbot, settings: Settings | None = None, sock: socket.socket | None = None) -> None:
    """Serve until interrupted (used by `chatbot serve`); `sock` serves on an already bound socket.

    With settings.serve_processes > 1 the loaded bot is forked into that many processes serving one socket.
    """
    from chatbot.channels.http.workers import serve_processes

    settings = settings or bot.settings
    server = make_server(bot, settings)  # the app and its stores made once, before any fork: one process migrates each file
    tune_interpreter(settings)
    serve_processes(lambda bound: server.run(sockets=[bound] if bound else None), bot, settings, sock)


def tune_interpreter(settings: Settings) -> None:
    """Before serving: freeze what is loaded out of the garbage collector's reach, and shorten the GIL's switch interval.

    The packs, indexes and app live as long as the process, so collections need not walk them again; a request thread
    back from the embedding (which releases the GIL), or the event loop, waits at most `switch_interval_ms` for the GIL.
    """
    gc.collect()
    gc.freeze()
    sys.setswitchinterval(settings.switch_interval_ms / 1000)
