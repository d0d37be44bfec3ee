"""Command line: eval."""

from __future__ import annotations

from pathlib import Path
from typing import Annotated

import typer

from chatbot.channels.cli.base import notify, progress_bars, run_action, app, err, out
from chatbot.config import PROJECT_ROOT, Settings
from chatbot.errors import ChatbotError

DEFAULT_GUARD_SET = PROJECT_ROOT / "eval" / "guard" / "claims.jsonl"
REPORTS_DIR = PROJECT_ROOT / "eval" / "reports"


@app.command("eval")
def evaluate(
    gold: Annotated[Path | None, typer.Option(help="gold question set (JSONL); default: each pack's gold files from its pack.yaml")] = None,
    report_dir: Annotated[Path | None, typer.Option(help="where to write the report (default eval/reports/<time>)")] = None,
    latest: Annotated[bool, typer.Option(help="also copy report.md, metrics.json and the plots to eval/reports/latest")] = True,
    config: Annotated[list[str] | None, typer.Option(help="configurations to run (default: all)")] = None,
    guard_set: Annotated[Path | None, typer.Option("--guard", help="labelled texts for the rules guard (JSONL), checked on the primary pack")] = DEFAULT_GUARD_SET,
    skip_guard: Annotated[bool, typer.Option("--no-guard", help="do not evaluate the rules guard")] = False,
) -> None:
    """Score each loaded pack against its gold questions; with several packs, the report shows them side by side."""
    import time

    from chatbot.core import build_chatbot
    from chatbot.evaluation.report import hard_floor_failures, write_pack_comparison, write_report
    from chatbot.evaluation.run import CONFIGURATIONS, PRIMARY, run_configuration, summarise
    from chatbot.evaluation.gold import load_gold
    from chatbot.evaluation.guard_run import guard_metrics, load_guard_cases, run_guard
    from chatbot.packs.loading import pack_folders, pack_or_default
    from chatbot.channels.cli.render import print_eval_table

    def action(settings: Settings) -> int:
        chosen = tuple(c for c in CONFIGURATIONS if not config or c.name in config)
        unknown = sorted(set(config or ()) - {c.name for c in CONFIGURATIONS})
        if unknown or PRIMARY not in {c.name for c in chosen}:
            names = ", ".join(c.name for c in CONFIGURATIONS)
            raise ChatbotError(f"configurations must include {PRIMARY}; unknown: {', '.join(unknown) or 'none'}", hint=f"choose from {names}", status=422)
        packs = [pack_or_default(folder) for folder in pack_folders(settings)]
        runs = [(packs[0], gold)] if gold else [(pack, path) for pack in packs for path in pack.gold_files]
        if not runs:
            raise ChatbotError("no gold questions to run", hint="pass --gold FILE or list gold files in pack.yaml", status=422)
        out_dir = report_dir or REPORTS_DIR / time.strftime("%Y%m%dT%H%M%S")
        by_pack: dict[str, dict] = {}
        failures: list[str] = []
        for number, (pack, gold_path) in enumerate(runs):
            pack_settings = settings.model_copy(update={"corpus_dir": pack.folder, "packs": ()})
            with_guard = number == 0 and not skip_guard and guard_set is not None
            where = Path() if number == 0 else Path("packs") / f"{pack.id}-{gold_path.stem}"  # the first run keeps the usual place
            latest_dir = REPORTS_DIR / "latest" / where if latest else None
            metrics, report = _evaluate_pack(pack_settings, gold_path, chosen, guard_set if with_guard else None, out_dir / where, latest_dir)
            by_pack[f"{pack.short_name} ({gold_path.name})"] = metrics[PRIMARY]
            out.print(f"[bold]{pack.short_name}[/] — {gold_path.name}", highlight=False)
            print_eval_table(out, metrics, chosen)
            out.print(f"Report: {report}", highlight=False)
            failures += [f"{pack.id}: {failure}" for failure in hard_floor_failures(metrics)]
        if len(runs) > 1:
            side_by_side = write_pack_comparison(by_pack, out_dir, REPORTS_DIR / "latest" if latest else None)
            out.print(f"Packs side by side: {side_by_side}", highlight=False)
        for failure in failures:
            err.print(f"[bold red]hard floor failed:[/] {failure}", highlight=False)
        return 1 if failures else 0

    def _evaluate_pack(settings: Settings, gold_path: Path, chosen, guard_path: Path | None, out_dir: Path, latest_dir: Path | None):
        """Run one pack's gold file under every configuration (and the guard set); write its report."""
        with progress_bars() as progress:
            bot = build_chatbot(settings, progress, notify)
            gold_set = load_gold(gold_path, frozenset(rec.id for rec in bot.rec_set.items))
            guard_cases = load_guard_cases(guard_path) if guard_path else None
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
        report = write_report(metrics, results, gold_path, out_dir, latest_dir, chosen, guard)
        if guard is not None:
            summary = guard[0]
            out.print(
                f"Guard: {summary['texts']} texts, verdict accuracy {summary['verdict_accuracy']}, precision {summary['precision']}, "
                f"recall {summary['recall']}, median check {summary['check_ms']['p50']} ms",
                highlight=False,
            )
        return metrics, report

    run_action(action)
