"""Command line: chat, serve and the audit trail."""

from __future__ import annotations

import sys
from pathlib import Path
from typing import Annotated

import typer
from rich.markup import escape
from rich.text import Text

from chatbot.channels.cli.base import app, audit_app, err, loading_embedder, notify, out, progress_bars, run_action
from chatbot.channels.cli.render import print_reply
from chatbot.config import Settings
from chatbot.errors import ChatbotError


@app.command()
def chat() -> None:
    """Talk to the chatbot in the terminal; follow-up questions continue the conversation (/new, /quit)."""

    def action(settings: Settings) -> int:
        embedder = loading_embedder(settings)  # the model loads on another thread while the stages are imported
        from chatbot.core import build_chatbot

        with progress_bars() as progress:
            bot = build_chatbot(settings, embedder=embedder, progress=progress, notify=notify)
        titles = "; ".join(engine.pack.title for engine in bot.engines)
        out.print(f"Ask about: {titles}. /new starts a new conversation, /quit (or Ctrl-D) ends.", highlight=False, markup=False)
        session_id: str | None = None
        while True:
            try:
                question = out.input("[bold cyan]you>[/] ").strip()
            except (EOFError, KeyboardInterrupt):
                out.print()
                return 0
            if question in ("/quit", "/exit"):
                return 0
            if question == "/new":
                session_id = None
                out.print("New conversation.")
                continue
            if not question:
                continue
            try:
                reply = bot.ask(question, session_id=session_id, channel="chat")
            except ChatbotError as exc:
                err.print(f"[red]{escape(exc.message)}[/]")
                continue
            session_id = reply.session_id
            if reply.resolved_question != reply.question:
                out.print(Text(f"(understood as: {reply.resolved_question})", style="dim"))
            print_reply(out, reply, bot.rec_set)

    run_action(action)


@app.command()
def serve(
    host: Annotated[str | None, typer.Option(help="address to bind (default 127.0.0.1, or CHATBOT_HOST)")] = None,
    port: Annotated[int | None, typer.Option(help="port (default 8000, or CHATBOT_PORT)")] = None,
    processes: Annotated[
        int | None, typer.Option(min=1, max=64, help="serving processes forked after loading (default 1, or CHATBOT_SERVE_PROCESSES)")
    ] = None,
) -> None:
    """Serve the HTTP API, the chat widget and the Slack routes on the loaded packs."""
    from chatbot.channels.http.app import run_server
    from chatbot.core import build_chatbot

    def action(settings: Settings) -> int:
        overrides = {k: v for k, v in {"host": host, "port": port, "serve_processes": processes}.items() if v is not None}
        settings = settings.model_copy(update=overrides)
        with progress_bars() as progress:
            bot = build_chatbot(settings, progress=progress, notify=notify)
        bot.prepare()
        notify(f"serving on http://{settings.host}:{settings.port} (Ctrl-C stops)")
        run_server(bot, settings)
        return 0

    run_action(action)


@audit_app.command("export")
def audit_export(
    since: Annotated[str | None, typer.Option(help="only replies from this date or time on (ISO 8601, e.g. 2026-11-24)")] = None,
    fmt: Annotated[str, typer.Option("--format", help="jsonl or csv")] = "jsonl",
    output: Annotated[Path | None, typer.Option(help="write to this file instead of stdout")] = None,
) -> None:
    """Print the audit trail (every reply, with feedback) as JSON lines or CSV."""
    from datetime import datetime

    from chatbot.stores.audit import export_lines
    from chatbot.stores.choice import audit_store

    def action(settings: Settings) -> int:
        if fmt not in ("jsonl", "csv"):
            raise ChatbotError(f"unknown format {fmt!r}", hint="use --format jsonl or --format csv", status=422)
        try:
            start = datetime.fromisoformat(since).timestamp() if since else None
        except ValueError as exc:
            raise ChatbotError(
                f"--since {since!r} is not an ISO date or time", hint="e.g. 2026-11-24 or 2026-11-24T08:00", status=422
            ) from exc
        store = audit_store(settings)
        sink = output.open("w", encoding="utf-8") if output else sys.stdout
        try:
            for line in export_lines(store, start, fmt):
                sink.write(line)
        finally:
            if output:
                sink.close()
        return 0

    run_action(action)
