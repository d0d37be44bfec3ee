"""Benchmark: ingest time, index size and warm `ask` latency, as ratios to a same-run baseline.

Run: .venv/bin/python eval/benchmark_ask.py [--repeats N] [--out DIR]
The baseline is one bare embedding of the question (the least any answer must do), timed in the
same run, so the ratios compare across machines. Writes latency.json, latency.md and latency.png to DIR (no query cache).
"""

from __future__ import annotations

import argparse
import json
import statistics
import sys
import tempfile
import time
from pathlib import Path

from rich.console import Console
from rich.table import Table

from chatbot.config import load_settings
from chatbot.core import build_chatbot
from chatbot.index.build import ensure_index
from chatbot.index.embedders import load_embedder
from chatbot.recs.loading import load_recommendations

HERE = Path(__file__).parent


def _percentile(values: list[float], share: float) -> float:
    """The value below which `share` of the values fall (nearest rank)."""
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, max(0, round(share * len(ordered)) - 1))]


def _plot(stage_samples: dict[str, list[float]], baseline: list[float], path: Path) -> None:
    """Box plot of per-stage latency beside the baseline."""
    import matplotlib

    matplotlib.use("Agg")
    import matplotlib.pyplot as plt

    labels = ["baseline: embed question", *stage_samples]
    data = [baseline, *stage_samples.values()]
    figure, axis = plt.subplots(figsize=(9, 4.5))
    axis.boxplot(data, orientation="horizontal", showfliers=True)
    axis.set_yticks(range(1, len(labels) + 1), labels)
    axis.set_xlabel("milliseconds (warm, this machine)")
    axis.set_title("chatbot ask: latency per stage")
    axis.grid(axis="x", alpha=0.3)
    figure.tight_layout()
    figure.savefig(path, dpi=120)
    plt.close(figure)


def main() -> int:
    """Measure, print a table, write JSON and a plot."""
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--repeats", type=int, default=5)
    parser.add_argument("--out", type=Path, default=HERE / "reports" / f"bench-{time.strftime('%Y%m%dT%H%M%S')}")
    args = parser.parse_args()
    console = Console(stderr=True)
    questions = [line.strip() for line in (HERE / "bench_questions.txt").read_text().splitlines() if line.strip()]

    with tempfile.TemporaryDirectory() as index_dir:
        settings = load_settings(index_dir=Path(index_dir), query_cache_size=0)  # the questions repeat: measure uncached
        started = time.perf_counter()
        embedder = load_embedder(settings)
        model_load_s = time.perf_counter() - started
        rec_set = load_recommendations(settings.corpus_dir)
        started = time.perf_counter()
        summary = ensure_index(settings, rec_set, lambda: embedder, lambda *a: None, console.print)
        ingest_s = time.perf_counter() - started
        bot = build_chatbot(settings, embedder=embedder)
        for question in questions:  # warm-up
            bot.ask(question)
        totals: list[float] = []
        stages: dict[str, list[float]] = {}
        baseline: list[float] = []
        for _ in range(args.repeats):
            for question in questions:
                mark = time.perf_counter()
                embedder.embed([question])
                baseline.append((time.perf_counter() - mark) * 1000)
                reply = bot.ask(question)
                totals.append(reply.timings_ms["total"])
                for stage, ms in reply.timings_ms.items():
                    if stage != "total":
                        stages.setdefault(stage, []).append(ms)

    result = {
        "questions": len(questions),
        "repeats": args.repeats,
        "model_load_s": round(model_load_s, 2),
        "ingest_s": round(ingest_s, 2),
        "index_bytes": summary.size_bytes,
        "passages": summary.passages,
        "ask_ms": {"p50": round(statistics.median(totals), 1), "p95": round(_percentile(totals, 0.95), 1)},
        "baseline_ms": {"p50": round(statistics.median(baseline), 1)},
        "ask_to_baseline_ratio_p50": round(statistics.median(totals) / statistics.median(baseline), 2),
        "stages_p50_ms": {stage: round(statistics.median(v), 2) for stage, v in stages.items()},
    }
    args.out.mkdir(parents=True, exist_ok=True)
    (args.out / "latency.json").write_text(json.dumps(result, indent=2))
    _plot(stages | {"total": totals}, baseline, args.out / "latency.png")

    table = Table(title="chatbot ask benchmark (default corpus)")
    table.add_column("measure")
    table.add_column("value", justify="right")
    table.add_row("model load", f"{model_load_s:.2f} s")
    table.add_row("ingest (read+chunk+embed+index)", f"{ingest_s:.2f} s")
    table.add_row("index size", f"{summary.size_bytes / 1024:.0f} KiB ({summary.passages} passages)")
    table.add_row("ask p50 / p95 (warm)", f"{result['ask_ms']['p50']} / {result['ask_ms']['p95']} ms")
    table.add_row("baseline p50 (embed question)", f"{result['baseline_ms']['p50']} ms")
    table.add_row("ask / baseline (p50)", f"{result['ask_to_baseline_ratio_p50']}x")
    Console().print(table)
    (args.out / "latency.md").write_text(
        "# Warm `ask` against the bare query embedding (default corpus, same run)\n\n| measure | value |\n| --- | --- |\n"
        f"| model load | {model_load_s:.2f} s |\n| ingest | {ingest_s:.2f} s |\n| index size | {summary.size_bytes / 1024:.0f} KiB ({summary.passages} passages) |\n"
        f"| ask p50 / p95 (warm) | {result['ask_ms']['p50']} / {result['ask_ms']['p95']} ms |\n| baseline p50 (bare query embedding) | {result['baseline_ms']['p50']} ms |\n"
        f"| ask / baseline (p50) | {result['ask_to_baseline_ratio_p50']}× |\n"
        + "".join(f"| stage {stage} p50 | {ms} ms |\n" for stage, ms in result["stages_p50_ms"].items())
    )
    console.print(f"wrote {args.out / 'latency.json'} and {args.out / 'latency.png'}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
