"""Command line: eval."""

from __future__ import annotations

from pathlib import Path
from typing import Annotated

import typer

from chatbot.cli import _notify, _progress_bars, _run, app, err, out
from chatbot.config import PROJECT_ROOT, Settings
from chatbot.errors import ChatbotError

DEFAULT_GOLD = PROJECT_ROOT / "corpus" / "gold" / "ash-aya-all-2026.jsonl"
DEFAULT_GUARD_SET = PROJECT_ROOT / "eval" / "guard" / "claims.jsonl"
REPORTS_DIR = PROJECT_ROOT / "eval" / "reports"


@app.command("eval")
def evaluate(
    gold: Annotated[Path, typer.Option(help="gold question set (JSONL)")] = DEFAULT_GOLD,
    report_dir: Annotated[Path | None, typer.Option(help="where to write the report (default eval/reports/<time>)")] = None,
    latest: Annotated[bool, typer.Option(help="also copy report.md, metrics.json and the plot to eval/reports/latest")] = True,
    config: Annotated[list[str] | None, typer.Option(help="configurations to run (default: all)")] = None,
    guard_set: Annotated[Path | None, typer.Option("--guard", help="labelled texts for the rules guard (JSONL)")] = DEFAULT_GUARD_SET,
    skip_guard: Annotated[bool, typer.Option("--no-guard", help="do not evaluate the rules guard")] = False,
) -> None:
    """Score the chatbot against a gold question set; exits 1 when a hard floor fails."""
    import time

    from chatbot.core import build_chatbot
    from chatbot.eval_report import hard_floor_failures, write_report
    from chatbot.evaluation import CONFIGURATIONS, PRIMARY, run_configuration, summarise
    from chatbot.gold import load_gold
    from chatbot.guard_eval import guard_metrics, load_guard_cases, run_guard
    from chatbot.recommendations import load_recommendations
    from chatbot.render import print_eval_table

    def action(settings: Settings) -> int:
        known = frozenset(rec.id for rec in load_recommendations(settings.corpus_dir).items)
        gold_set = load_gold(gold, known)
        guard_cases = None if skip_guard or guard_set is None else load_guard_cases(guard_set)
        chosen = tuple(c for c in CONFIGURATIONS if not config or c.name in config)
        unknown = sorted(set(config or ()) - {c.name for c in CONFIGURATIONS})
        if unknown or PRIMARY not in {c.name for c in chosen}:
            names = ", ".join(c.name for c in CONFIGURATIONS)
            raise ChatbotError(f"configurations must include {PRIMARY}; unknown: {', '.join(unknown) or 'none'}", hint=f"choose from {names}", status=422)
        with _progress_bars() as progress:
            bot = build_chatbot(settings, progress, _notify)
            turns = sum(len(item.as_turns()) for item in gold_set.items)
            results, metrics = [], {}
            for configuration in chosen:
                done = 0

                def tick() -> None:
                    nonlocal done
                    done += 1
                    progress(configuration.name, done, turns)

                configuration_results = run_configuration(bot, gold_set, configuration, tick)
                results += configuration_results
                metrics[configuration.name] = summarise(configuration_results)
            guard = None
            if guard_cases is not None:
                checked = 0

                def tick_guard() -> None:
                    nonlocal checked
                    checked += 1
                    progress("guard", checked, len(guard_cases))

                guard_results = run_guard(bot.check, guard_cases, tick_guard)
                guard = (guard_metrics(guard_results), guard_results)
        out_dir = report_dir or REPORTS_DIR / time.strftime("%Y%m%dT%H%M%S")
        report = write_report(metrics, results, gold, out_dir, REPORTS_DIR / "latest" if latest else None, chosen, guard)
        print_eval_table(out, metrics, chosen)
        if guard is not None:
            summary = guard[0]
            out.print(
                f"Guard: {summary['texts']} texts, verdict accuracy {summary['verdict_accuracy']}, precision {summary['precision']}, "
                f"recall {summary['recall']}, median check {summary['check_ms']['p50']} ms",
                highlight=False,
            )
        out.print(f"Report: {report}", highlight=False)
        failures = hard_floor_failures(metrics)
        for failure in failures:
            err.print(f"[bold red]hard floor failed:[/] {failure}", highlight=False)
        return 1 if failures else 0

    _run(action)
