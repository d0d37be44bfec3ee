"""Command line: eval (the run itself lives in chatbot.evaluation.suite)."""

from __future__ import annotations

from pathlib import Path
from typing import Annotated

import typer

from chatbot.channels.cli.base import app, err, out, progress_bars, run_action
from chatbot.config import Settings


@app.command("eval")
def evaluate(
    gold: Annotated[Path | None, typer.Option(help="gold question set (JSONL); default: each pack's gold files from its pack.yaml")] = None,
    report_dir: Annotated[Path | None, typer.Option(help="where to write the report (default eval/reports/<time>, not committed)")] = None,
    refresh_latest: Annotated[
        bool, typer.Option("--refresh-latest", help="also copy the reports to the committed eval/reports/latest")
    ] = False,
    config: Annotated[list[str] | None, typer.Option(help="configurations to run (default: all)")] = None,
    guard_set: Annotated[
        Path | None, typer.Option("--guard", help="labelled texts for the rules guard (JSONL), checked on the primary pack")
    ] = None,
    skip_guard: Annotated[bool, typer.Option("--no-guard", help="do not evaluate the rules guard")] = False,
    compare_pack: Annotated[
        Path | None,
        typer.Option(
            "--compare-pack",
            help="another pack of the first pack's guideline (e.g. one made by `pack init`): its gold and guard texts are asked of it "
            "too, ids matched by recommendation number, and compare.md shows both side by side",
        ),
    ] = None,
) -> None:
    """Score each loaded pack against its gold questions; with several packs, the report shows them side by side."""
    import time

    from chatbot.channels.cli.render import print_eval_table
    from chatbot.evaluation.suite import DEFAULT_GUARD_SET, REPORTS_DIR, EvalPlan, run_evaluation

    def action(settings: Settings) -> int:
        plan = EvalPlan(
            report_dir=report_dir or REPORTS_DIR / time.strftime("%Y%m%dT%H%M%S"),
            gold=gold,
            configurations=tuple(config or ()),
            guard_set=None if skip_guard else (guard_set or DEFAULT_GUARD_SET),
            refresh_latest=refresh_latest,
            compare_pack=compare_pack.resolve() if compare_pack else None,
        )
        with progress_bars() as progress:
            outcome = run_evaluation(settings, plan, progress)
        for pack in outcome.packs:
            out.print(f"[bold]{pack.pack.short_name}[/] — {pack.gold.name}", highlight=False)
            print_eval_table(out, pack.metrics, outcome.configurations)
            out.print(f"Report: {pack.report}", highlight=False)
            if pack.guard is not None:
                g = pack.guard
                out.print(
                    f"Guard: {g['texts']} texts, verdict accuracy {g['verdict_accuracy']}, precision {g['precision']}, "
                    f"recall {g['recall']}, median check {g['check_ms']['p50']} ms",
                    highlight=False,
                )
        if outcome.side_by_side:
            out.print(f"Packs side by side: {outcome.side_by_side}", highlight=False)
        if outcome.compared:
            out.print(f"One guideline, two packs: {outcome.compared}", highlight=False)
        for failure in outcome.failures:
            err.print(f"[bold red]hard floor failed:[/] {failure}", highlight=False)
        return 1 if outcome.failures else 0

    run_action(action)
