"""Evaluation reports: report.md, metrics.json, results.jsonl and a comparison plot."""

from __future__ import annotations

import json
import shutil
from dataclasses import asdict
from pathlib import Path

from chatbot.evaluation.abstention import abstention_lines
from chatbot.evaluation.guard_run import GuardResult, guard_misses
from chatbot.evaluation.run import CONFIGURATIONS, PRIMARY, Configuration, TurnResult, misses

TARGETS = {"recall@5": 0.95, "mrr": 0.85, "status_accuracy": 0.95, "verbatim_rate": 1.0}
TABLE_METRICS = (
    "recall@1",
    "recall@3",
    "recall@5",
    "recall@10",
    "mrr",
    "ndcg@10",
    "status_accuracy",
    "verbatim_rate",
    "citation_completeness",
)
PLOT_METRICS = ("recall@1", "recall@5", "mrr", "ndcg@10", "status_accuracy")


def hard_floor_failures(metrics: dict[str, dict]) -> list[str]:
    """Failures that make the run exit non-zero: a quote not verbatim, or a reply missing a contract field."""
    failures = []
    for name, values in metrics.items():
        if values.get("verbatim_rate", 1.0) < 1.0:
            failures.append(f"{name}: quote verbatim rate {values['verbatim_rate']:.2%} is below 100%")
        if values.get("replies_missing_fields", 0):
            failures.append(f"{name}: {values['replies_missing_fields']} replies miss required fields")
    return failures


def _fmt(value: object) -> str:
    """A metric cell."""
    return f"{value:.3f}" if isinstance(value, float) else ("–" if value is None else str(value))


def _comparison_table(metrics: dict[str, dict], configurations: tuple[Configuration, ...]) -> list[str]:
    """Markdown rows: one per configuration."""
    lines = ["| configuration | " + " | ".join(TABLE_METRICS) + " |", "|---" * (len(TABLE_METRICS) + 1) + "|"]
    for configuration in configurations:
        values = metrics[configuration.name]
        lines.append(f"| {configuration.name} | " + " | ".join(_fmt(values.get(m)) for m in TABLE_METRICS) + " |")
    return lines


def _category_table(values: dict) -> list[str]:
    """Markdown rows: one per gold category, for one configuration."""
    columns = ("questions", "status_accuracy", "recall@1", "recall@5", "mrr")
    lines = ["| category | " + " | ".join(columns) + " |", "|---" * (len(columns) + 1) + "|"]
    for category, row in values["categories"].items():
        lines.append(f"| {category} | " + " | ".join(_fmt(row.get(c)) for c in columns) + " |")
    return lines


def _miss_lines(results: list[TurnResult]) -> list[str]:
    """One line per missed question of the primary configuration, with what came back."""
    lines = []
    for r in misses([r for r in results if r.configuration == PRIMARY]):
        expected = ", ".join(r.expected_ids) or "no ids"
        got = ", ".join(r.ranked_ids[:3]) or "nothing"
        why = [] if r.status_correct else [f"status {r.status} (expected {r.expected_status})"]
        if r.expected_ids and not set(r.expected_ids) & set(r.ranked_ids[:5]):
            why.append("expected ids not in the top 5")
        lines.append(f"- `{r.item_id}`#{r.turn} ({r.category}) “{r.question}” — {'; '.join(why)}; expected {expected}; top: {got}")
    return lines or ["- none"]


def render_markdown(metrics: dict[str, dict], results: list[TurnResult], gold_path: Path, configurations: tuple[Configuration, ...]) -> str:
    """The human report."""
    primary = metrics[PRIMARY]
    target_lines = [
        f"| {name} | {target:.2f} | {_fmt(primary.get(name))} | {'met' if primary.get(name, 0) >= target else 'MISSED'} |"
        for name, target in TARGETS.items()
    ]
    latency = primary["latency_ms"]
    lines = [
        "# Evaluation report",
        "",
        f"Gold set: `{gold_path.name}` — {primary['questions']} questions count for the targets; "
        "multi-turn and ambiguous-population items are reported in their own rows.",
        "",
        "## Configurations compared (same run)",
        "",
        *[f"- **{c.name}**: {c.description}" for c in configurations],
        "",
        *_comparison_table(metrics, configurations),
        "",
        "![comparison](comparison.png)",
        "",
        f"## Targets ({PRIMARY})",
        "",
        "| metric | target | measured | |",
        "|---|---|---|---|",
        *target_lines,
        "",
        "## Abstentions (precision / recall)",
        "",
        *[
            f"- {status}: precision {_fmt(primary.get(status + '_precision'))}, recall {_fmt(primary.get(status + '_recall'))}"
            for status in ("not_found", "out_of_scope", "needs_clarification")
        ],
        "",
        *abstention_lines(results),
        "",
        f"## By category ({PRIMARY})",
        "",
        *_category_table(primary),
        "",
        f"## Latency ({PRIMARY}, ms)",
        "",
        "| stage | p50 | p95 |",
        "|---|---|---|",
        *[f"| {stage} | {v['p50']} | {v['p95']} |" for stage, v in latency.items()],
        "",
        f"## Misses ({PRIMARY})",
        "",
        *_miss_lines(results),
        "",
    ]
    return "\n".join(lines)


GUARD_TARGETS = (("direction_contradiction", "recall", 0.95), ("population_mismatch", "recall", 0.95))


def render_guard_markdown(metrics: dict, results: list[GuardResult]) -> str:
    """The guard section: targets, per-kind table, verdicts, timing and the texts it got wrong."""
    kinds = metrics["kinds"]
    target_rows = [
        f"| {kind} {measure} | {target:.2f} | {_fmt(kinds[kind][measure])} | {'met' if (kinds[kind][measure] or 0) >= target else 'MISSED'} |"
        for kind, measure, target in GUARD_TARGETS
    ]
    precision = metrics["precision"] or 0.0
    median = metrics["check_ms"].get("p50", 0.0)
    target_rows += [
        f"| precision, all kinds | 0.90 | {_fmt(metrics['precision'])} | {'met' if precision >= 0.90 else 'MISSED'} |",
        f"| median check time (ms, benchmark) | 5.00 | {median:.3f} | {'met' if median < 5 else 'MISSED'} |",
    ]
    lines = [
        "## Rules guard",
        "",
        f"{metrics['texts']} labelled texts; verdict accuracy {_fmt(metrics['verdict_accuracy'])}, "
        f"finding precision {_fmt(metrics['precision'])}, recall {_fmt(metrics['recall'])}; "
        f"check time p50 {metrics['check_ms'].get('p50')} ms, p95 {metrics['check_ms'].get('p95')} ms.",
        "",
        "| target | goal | measured | |",
        "|---|---|---|---|",
        *target_rows,
        "",
        "![guard](guard.png)",
        "",
        "| finding kind | expected | found | precision | recall |",
        "|---|---|---|---|---|",
        *[f"| {kind} | {v['expected']} | {v['found']} | {_fmt(v['precision'])} | {_fmt(v['recall'])} |" for kind, v in kinds.items()],
        "",
        "| verdict | precision | recall |",
        "|---|---|---|",
        *[f"| {verdict} | {_fmt(v['precision'])} | {_fmt(v['recall'])} |" for verdict, v in metrics["verdicts"].items()],
        "",
        "### Guard misses",
        "",
    ]
    for result in guard_misses(results):
        expected = ", ".join(f"{k}:{r or '*'}" for k, r in result.expected) or "none"
        found = ", ".join(f"{k}:{r or '-'}" for k, r in result.found) or "none"
        lines.append(
            f"- `{result.case_id}` ({result.category}) “{result.text}” — expected {result.expected_verdict} [{expected}]; got {result.verdict} [{found}]"
        )
    return "\n".join(lines) + "\n"


def plot_guard(metrics: dict, path: Path) -> None:
    """Precision and recall per finding kind."""
    import matplotlib

    matplotlib.use("Agg")
    import matplotlib.pyplot as plt

    kinds = [k for k, v in metrics["kinds"].items() if v["expected"] or v["found"]]
    figure, axis = plt.subplots(figsize=(10, 4.8))
    for offset, measure in ((-0.2, "precision"), (0.2, "recall")):
        values = [metrics["kinds"][k][measure] or 0.0 for k in kinds]
        bars = axis.bar([i + offset for i in range(len(kinds))], values, 0.4, label=measure)
        axis.bar_label(bars, fmt="%.2f", fontsize=7, padding=1)
    axis.set_xticks(range(len(kinds)), [k.replace("_", "\n") for k in kinds], fontsize=8)
    axis.set_ylim(0, 1.18)
    axis.set_title("Rules guard: precision and recall per finding kind")
    axis.legend(loc="upper center", ncol=2, frameon=False)
    figure.tight_layout()
    figure.savefig(path, dpi=120)
    plt.close(figure)


def grouped_bars(rows: dict[str, dict], path: Path, title: str, metrics: tuple[str, ...] = PLOT_METRICS) -> None:
    """Grouped bars: one group per metric, one bar per row (a configuration or a pack)."""
    import matplotlib

    matplotlib.use("Agg")
    import matplotlib.pyplot as plt

    figure, axis = plt.subplots(figsize=(10, 4.8))
    width = 0.8 / max(len(rows), 1)
    for index, (name, values) in enumerate(rows.items()):
        heights = [float(values.get(m) or 0.0) for m in metrics]
        positions = [x + index * width for x in range(len(metrics))]
        bars = axis.bar(positions, heights, width, label=name)
        axis.bar_label(bars, fmt="%.2f", fontsize=7, padding=1)
    axis.set_xticks([x + width * (len(rows) - 1) / 2 for x in range(len(metrics))], metrics)
    axis.set_ylim(0, 1.18)
    axis.set_ylabel("score")
    axis.set_title(title)
    axis.legend(loc="upper center", ncol=min(len(rows), 4), fontsize=8, frameon=False)
    figure.tight_layout()
    figure.savefig(path, dpi=120)
    plt.close(figure)


def plot_comparison(metrics: dict[str, dict], configurations: tuple[Configuration, ...], path: Path) -> None:
    """Grouped bars: one group per metric, one bar per configuration."""
    grouped_bars({c.name: metrics[c.name] for c in configurations}, path, "Retrieval and status metrics by configuration")


PACK_METRICS = ("questions", "recall@1", "recall@5", "mrr", "ndcg@10", "status_accuracy", "verbatim_rate", "citation_completeness")


def write_pack_comparison(by_pack: dict[str, dict], out_dir: Path, latest_dir: Path | None) -> Path:
    """packs.md and packs.png: the primary configuration's metrics for every pack, side by side."""
    out_dir.mkdir(parents=True, exist_ok=True)
    lines = [
        "# Guideline packs side by side",
        "",
        f"Configuration {PRIMARY}; each pack answers its own gold questions with only its own documents loaded. "
        "Retrieval is judged by recommendation ids, or by pages for gold turns that give pages.",
        "",
        "| pack (gold file) | " + " | ".join(PACK_METRICS) + " | p50 ms |",
        "|---" * (len(PACK_METRICS) + 2) + "|",
    ]
    for name, values in by_pack.items():
        latency = values.get("latency_ms", {}).get("total", {}).get("p50")
        lines.append(f"| {name} | " + " | ".join(_fmt(values.get(m)) for m in PACK_METRICS) + f" | {_fmt(latency)} |")
    lines += ["", "![packs](packs.png)", ""]
    (out_dir / "packs.md").write_text("\n".join(lines))
    grouped_bars(by_pack, out_dir / "packs.png", f"Guideline packs side by side ({PRIMARY})")
    if latest_dir is not None:
        latest_dir.mkdir(parents=True, exist_ok=True)
        for name in ("packs.md", "packs.png"):
            shutil.copy(out_dir / name, latest_dir / name)
    return out_dir / "packs.md"


def write_report(
    metrics: dict[str, dict],
    results: list[TurnResult],
    gold_path: Path,
    out_dir: Path,
    latest_dir: Path | None,
    configurations: tuple[Configuration, ...] = CONFIGURATIONS,
    guard: tuple[dict, list[GuardResult]] | None = None,
) -> Path:
    """Write every report file into out_dir (and report, metrics and plots into latest_dir); returns report.md."""
    out_dir.mkdir(parents=True, exist_ok=True)
    body: dict[str, object] = {"gold": str(gold_path), "primary": PRIMARY, "configurations": metrics}
    with (out_dir / "results.jsonl").open("w") as handle:
        for turn in results:
            handle.write(json.dumps(asdict(turn)) + "\n")
    plot_comparison(metrics, configurations, out_dir / "comparison.png")
    markdown = render_markdown(metrics, results, gold_path, configurations)
    copied = ["report.md", "comparison.png", "metrics.json"]
    if guard is not None:
        guard_metrics_, guard_results = guard
        body["guard"] = guard_metrics_
        with (out_dir / "guard_results.jsonl").open("w") as handle:
            for result in guard_results:
                handle.write(json.dumps(asdict(result)) + "\n")
        plot_guard(guard_metrics_, out_dir / "guard.png")
        markdown += "\n" + render_guard_markdown(guard_metrics_, guard_results)
        copied.append("guard.png")
    (out_dir / "metrics.json").write_text(json.dumps(body, indent=2))
    report = out_dir / "report.md"
    report.write_text(markdown)
    if latest_dir is not None:
        latest_dir.mkdir(parents=True, exist_ok=True)
        for name in copied:
            shutil.copy(out_dir / name, latest_dir / name)
    return report
