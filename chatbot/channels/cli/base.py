"""What every CLI command shares: the Typer apps, the consoles, settings from global options, progress bars."""

from __future__ import annotations

import gc
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import TYPE_CHECKING, Annotated

import typer
from rich.console import Console
from rich.markup import escape

from chatbot.config import Settings, load_settings
from chatbot.errors import ChatbotError

if TYPE_CHECKING:
    from rich.progress import Progress, TaskID

    from chatbot.index.embedding import Embedder

app = typer.Typer(help="Guideline chatbot: verbatim, cited answers from clinical guidelines.", no_args_is_help=True)
recs_app = typer.Typer(help="The structured recommendation set.", no_args_is_help=True)
audit_app = typer.Typer(help="The audit trail of every reply.", no_args_is_help=True)
app.add_typer(recs_app, name="recs")
app.add_typer(audit_app, name="audit")

out = Console()
err = Console(stderr=True)
_overrides: dict[str, object] = {}  # settings given as global options (--pack, --document-dir)


@app.callback()
def main(
    pack: Annotated[
        list[Path] | None, typer.Option("--pack", help="guideline pack folder; repeat to serve several side by side (the first is primary)")
    ] = None,
    document_dir: Annotated[
        list[Path] | None, typer.Option("--document-dir", help="folder searched by file name for pack documents")
    ] = None,
) -> None:
    """Guideline chatbot: verbatim, cited answers from clinical guidelines."""
    _overrides.clear()
    if pack:
        _overrides.update(corpus_dir=pack[0].resolve(), packs=tuple(p.resolve() for p in pack[1:]))
    if document_dir:
        _overrides["document_dirs"] = tuple(d.resolve() for d in document_dir)


def run_action(action: Callable[[Settings], int | None]) -> None:
    """Build settings, run the action, and turn ChatbotError into a message and exit code 2."""
    try:
        code = action(load_settings(**_overrides))
    except ChatbotError as exc:
        err.print(f"[bold red]error:[/] {escape(exc.message)}", highlight=False, markup=True, soft_wrap=True)
        if exc.hint:
            err.print(f"hint: {exc.hint}", highlight=False, markup=False, soft_wrap=True)
        raise typer.Exit(2) from None
    raise typer.Exit(code or 0)


ONE_SHOT = {"process": False}  # set by the console script (entry.py): the process ends when the command does


@contextmanager
def no_collections() -> Iterator[None]:
    """No cycle collections for the rest of a one-shot command's process: it keeps nearly all it makes until it ends (one
    young collection during a cold `ask` walked about 100,000 objects still in use). Elsewhere (the app run in a longer
    process, as tests do) the collector is left alone."""
    if ONE_SHOT["process"]:
        gc.disable()  # not turned back on: enabling it would start the collection this avoids; the process ends next
    yield


def loading_embedder(settings: Settings) -> Embedder:
    """The configured embedder, its model already loading on another thread (for commands that will embed a question)."""
    from chatbot.index.embedders import load_embedder

    embedder = load_embedder(settings)
    start_loading = getattr(embedder, "start_loading", None)
    if start_loading is not None:
        start_loading()
    return embedder


@contextmanager
def progress_bars() -> Iterator[Callable[[str, int, int], None]]:
    """A progress callback that draws one bar per stage on stderr, started on the first update."""
    bars: Progress | None = None
    tasks: dict[str, TaskID] = {}

    def update(stage: str, done: int, total: int) -> None:
        nonlocal bars
        if bars is None:
            from rich.progress import BarColumn, MofNCompleteColumn, Progress, TextColumn, TimeElapsedColumn  # only long work draws bars

            bars = Progress(TextColumn("{task.description:>9}"), BarColumn(), MofNCompleteColumn(), TimeElapsedColumn(), console=err)
            bars.start()
        if stage not in tasks:
            tasks[stage] = bars.add_task(stage, total=max(total, 1))
        bars.update(tasks[stage], completed=done, total=max(total, 1))

    try:
        yield update
    finally:
        if bars is not None:
            bars.stop()


def notify(message: str) -> None:
    """Tell the user, on stderr, what is happening before long work."""
    err.print(message, highlight=False, markup=False)
