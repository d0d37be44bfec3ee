"""The core commands: ingest, ask, check and the recommendation set."""

from __future__ import annotations

import sys
from pathlib import Path
from typing import Annotated

import typer

from chatbot.channels.cli.base import app, err, loading_embedder, no_collections, notify, out, progress_bars, recs_app, run_action
from chatbot.channels.cli.render import print_recommendation, print_recommendations_table, print_reply
from chatbot.config import Settings
from chatbot.errors import ChatbotError


@app.command()
def ingest(
    paths: Annotated[list[Path] | None, typer.Argument(help="extra documents or folders to index beside corpus/sources.yaml")] = None,
    force: Annotated[bool, typer.Option("--force", help="rebuild even when nothing changed")] = False,
) -> None:
    """Read, chunk, embed and index the corpus (only when something changed)."""
    from chatbot.index.build import ensure_index
    from chatbot.index.embedders import load_embedder
    from chatbot.packs.loading import primary_settings
    from chatbot.recs.loading import load_recommendations

    def action(settings: Settings) -> int:
        settings = primary_settings(settings)
        missing = [str(p) for p in paths or [] if not p.exists()]
        if missing:
            raise ChatbotError(f"no such file or folder: {', '.join(missing)}", status=404)
        rec_set = load_recommendations(settings.corpus_dir)
        extra = tuple(str(p.resolve()) for p in paths) if paths else None
        with progress_bars() as progress:
            summary = ensure_index(settings, rec_set, lambda: load_embedder(settings), progress, notify, extra, force)
        if not summary.built:
            out.print(f"Index is up to date ({settings.index_dir}); nothing to do. Use --force to rebuild.")
            return 0
        for failure in summary.failures:
            err.print(f"[yellow]skipped[/] {failure.path}: {failure.message}", highlight=False)
        out.print(
            f"Indexed {summary.documents} document(s) into {summary.passages} passages in {summary.seconds:.1f} s; "
            f"index size {summary.size_bytes / 1024:.0f} KiB at {summary.folder}",
            highlight=False,
        )
        return 1 if summary.failures else 0

    run_action(action)


@app.command()
def ask(
    question: Annotated[str, typer.Argument(help="the question, in quotes")],
    as_json: Annotated[bool, typer.Option("--json", help="print the reply contract as JSON")] = False,
) -> None:
    """Answer a question with verbatim quotes and citations."""
    from chatbot.validation import validate_question

    def action(settings: Settings) -> int:
        validate_question(question, settings)
        embedder = loading_embedder(settings)  # the model loads on another thread while the stages are imported
        from chatbot.core import build_chatbot

        with progress_bars() as progress:
            bot = build_chatbot(settings, embedder=embedder, progress=progress, notify=notify)
        bot.prepare_answering()  # while the model is still loading: the question waits only for the model, if at all
        reply = bot.ask(question)
        if as_json:
            from chatbot.reply import reply_body  # the contract's models are built only for --json

            sys.stdout.write(reply_body(reply, bot.rec_set).model_dump_json(indent=2) + "\n")
        else:
            print_reply(out, reply, bot.rec_set)
        return 0

    with no_collections():
        run_action(action)


@app.command()
def check(
    text: Annotated[str | None, typer.Argument(help="the text to check, in quotes")] = None,
    file: Annotated[Path | None, typer.Option("--file", help="read the text from a file ('-' for stdin)")] = None,
    as_json: Annotated[bool, typer.Option("--json", help="print the guard report as JSON")] = False,
) -> None:
    """Check an answer or any statement against the recommendation set (exit 1 on fail)."""
    from chatbot.channels.cli.render import print_guard_report
    from chatbot.validation import validate_text

    def action(settings: Settings) -> int:
        if (text is None) == (file is None):
            raise ChatbotError(
                "give the text to check, or --file", hint='chatbot check "TEXT" or chatbot check --file answer.txt', status=422
            )
        content = text if text is not None else _read_text_file(file)  # type: ignore[arg-type]  # one of the two is given
        validate_text(content, settings)
        from chatbot.core import build_chatbot

        with progress_bars() as progress:
            bot = build_chatbot(settings, progress=progress, notify=notify)
        report = bot.check(content)
        if as_json:
            from chatbot.reply import guard_body  # the contract's models are built only for --json

            sys.stdout.write(guard_body(report, content).model_dump_json(indent=2) + "\n")
        else:
            print_guard_report(out, report, content)
        return 1 if report.verdict == "fail" else 0

    with no_collections():
        run_action(action)


def _read_text_file(path: Path) -> str:
    """A UTF-8 text file's content, or stdin for '-'; a clear error otherwise."""
    if str(path) == "-":
        return sys.stdin.read()
    try:
        return path.read_text(encoding="utf-8")
    except (OSError, UnicodeDecodeError) as exc:
        raise ChatbotError(f"cannot read {path}: {exc}", hint="pass a UTF-8 text file", status=422) from exc


@recs_app.command("list")
def recs_list(
    guideline: Annotated[str | None, typer.Option(help="one guideline of the pack (a part id of its domain.yaml)")] = None,
) -> None:
    """Show the recommendation set as a table."""
    from chatbot.recs.loading import load_recommendations

    def action(settings: Settings) -> int:
        rec_set = load_recommendations(settings.corpus_dir)
        items = rec_set.by_guideline(guideline) if guideline else rec_set.items
        print_recommendations_table(out, list(items))
        return 0

    run_action(action)


@recs_app.command("show")
def recs_show(rec_id: Annotated[str, typer.Argument(help="recommendation id, e.g. FL-pediatric-inspired-regimen")]) -> None:
    """Show every field of one recommendation."""
    from chatbot.recs.loading import load_recommendations

    def action(settings: Settings) -> int:
        rec_set = load_recommendations(settings.corpus_dir)
        rec = rec_set.get(rec_id)
        if rec is None:
            raise ChatbotError(f"no recommendation with id {rec_id!r}", hint="see `chatbot recs list`", status=404)
        print_recommendation(out, rec)
        return 0

    run_action(action)


@recs_app.command("digest")
def recs_digest() -> None:
    """Regenerate the unofficial digest (corpus/digest/) from the recommendation set after editing it."""
    from chatbot.recs.digest import write_digest

    def action(settings: Settings) -> int:
        path = write_digest(settings.corpus_dir)
        out.print(f"Wrote {path}; run `chatbot ingest` to index it.", highlight=False)
        return 0

    run_action(action)


@recs_app.command("validate")
def recs_validate() -> None:
    """Check the recommendation set's schema, its domain, and its counts against those guidelines.yaml reports."""
    from chatbot.recs.loading import count_problems, load_recommendations

    def action(settings: Settings) -> int:
        rec_set = load_recommendations(settings.corpus_dir)
        problems = count_problems(rec_set)
        for problem in problems:
            err.print(f"[red]✗[/] {problem}", highlight=False)
        if problems:
            return 1
        out.print(f"[green]✓[/] {len(rec_set.items)} items valid; counts match the published totals.")
        return 0

    run_action(action)
