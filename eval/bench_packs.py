"""Benchmark: 1, 5 and 20 packs loaded side by side (the default pack plus synthetic ones), with and without routing.

Run: .venv/bin/python eval/bench_packs.py [--counts 1 5 20] [--passages N] [--repeats N] [--out DIR]
The synthetic packs are generated in code (eval/synthetic.py) and indexed once in a tmp folder; each
configuration is then loaded in a fresh process, which asks the benchmark questions (no query cache)
and reports warm `ask` p50/p95, the packs each question was routed to, load time and RSS. The
baseline is one pack, in the same run; "no routing" sets a route margin and pack cap so wide that every pack answers.
Writes packs.json, packs.md and packs.png to DIR (default eval/reports/bench-packs-<time>/).
"""

from __future__ import annotations

import argparse
import json
import statistics
import sys
import tempfile
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))

from benchlib import HERE, PROJECT_ROOT, child_env, finish, markdown_table, plot_path, rss_mib, run_child, summary_ms  # noqa: E402
from synthetic import write_pack  # noqa: E402

NO_ROUTING = 100.0  # a route margin every pack is within


def _settings(root: Path, count: int, margin: float | None):
    """Settings with the default pack first and count - 1 synthetic packs."""
    from chatbot.config import load_settings

    packs = tuple(sorted((root / "packs").iterdir()))[: count - 1]
    extra = {"route_margin": margin, "route_max_packs": 1000} if margin is not None else {}
    return load_settings(corpus_dir=PROJECT_ROOT / "corpus", packs=packs, index_dir=root / "index", query_cache_size=0, **extra)


def _child(root: Path, count: int, margin: float | None, repeats: int) -> dict:
    """Load `count` packs and time `ask` over the benchmark questions."""
    from chatbot.conversation.state import DialogueState
    from chatbot.core import build_chatbot

    settings = _settings(root, count, margin)
    started = time.perf_counter()
    bot = build_chatbot(settings)
    load_s = time.perf_counter() - started
    questions = [line.strip() for line in (HERE / "bench_questions.txt").read_text().splitlines() if line.strip()]
    for question in questions:
        bot.ask(question, channel="bench")
    ask_ms, routed, embed_ms = [], [], []
    for _ in range(repeats):
        for question in questions:
            mark = time.perf_counter()
            bot.embedder.embed([question])
            embed_ms.append((time.perf_counter() - mark) * 1000)
            reply = bot.ask(question, channel="bench")
            ask_ms.append(reply.timings_ms["total"])
            routed.append(len(bot.route(question, DialogueState())))
    return {
        "packs": len(bot.engines),
        "load_s": round(load_s, 2),
        "rss_mib": rss_mib()["rss"],
        "ask_ms": summary_ms(ask_ms),
        "embed_ms": summary_ms(embed_ms),
        "routed_mean": round(statistics.fmean(routed), 2),
        "latencies_ms": [round(v, 2) for v in ask_ms],
    }


def main() -> int:
    """Build the packs, run each configuration in a child, print and write the table and plot."""
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--counts", type=int, nargs="+", default=[1, 5, 20])
    parser.add_argument("--passages", type=int, default=40, help="passages per synthetic pack")
    parser.add_argument("--repeats", type=int, default=2)
    parser.add_argument("--out", type=Path, default=HERE / "reports" / f"bench-packs-{time.strftime('%Y%m%dT%H%M%S')}")
    parser.add_argument("--child", type=Path, help=argparse.SUPPRESS)
    parser.add_argument("--margin", type=float, default=None, help=argparse.SUPPRESS)
    args = parser.parse_args()
    if args.child:
        print(json.dumps(_child(args.child, args.counts[0], args.margin, args.repeats)))
        return 0

    from chatbot.core import build_chatbot

    results: dict[str, dict] = {}
    with tempfile.TemporaryDirectory() as tmp:
        root = Path(tmp)
        for number in range(1, max(args.counts)):
            write_pack(root / "packs" / f"synthetic-{number:02d}", seed=number, passages=args.passages)
        env = child_env(data_dir=f"{tmp}/data")
        print(f"indexing {max(args.counts) - 1} synthetic packs ...", file=sys.stderr, flush=True)
        build_chatbot(_settings(root, max(args.counts), None))
        runs = [(f"{count} pack{'s' if count > 1 else ''}", count, None) for count in args.counts]
        runs.append((f"{max(args.counts)} packs, no routing", max(args.counts), NO_ROUTING))
        for name, count, margin in runs:
            print(f"timing {name} ...", file=sys.stderr, flush=True)
            extra = ["--margin", str(margin)] if margin is not None else []
            results[name] = run_child(Path(__file__), ["--child", tmp, "--counts", str(count), "--repeats", str(args.repeats), *extra], env)
    base = results[runs[0][0]]
    table = markdown_table(
        [
            "configuration",
            "packs loaded",
            "packs answering (mean)",
            "load s",
            "RSS MiB",
            "ask p50 ms",
            "ask p95 ms",
            "p95 × one pack",
            "bare embed p50 ms",
        ],
        [
            [
                name,
                r["packs"],
                r["routed_mean"],
                r["load_s"],
                r["rss_mib"],
                r["ask_ms"]["p50"],
                r["ask_ms"]["p95"],
                round(r["ask_ms"]["p95"] / base["ask_ms"]["p95"], 2),
                r["embed_ms"]["p50"],
            ]
            for name, r in results.items()
        ],
    )
    args.out.mkdir(parents=True, exist_ok=True)
    (args.out / "packs.json").write_text(json.dumps(results, indent=2))
    (args.out / "packs.md").write_text(
        f"# Packs loaded side by side\n\nBaseline: one pack, same run. Target: 20 packs p95 ≤ 2× one pack.\n\n{table}"
    )
    plt, path = plot_path(args.out, "packs.png")
    figure, axis = plt.subplots(figsize=(9, 4))
    names = list(results)
    axis.boxplot([results[n]["latencies_ms"] for n in names], orientation="horizontal")
    axis.set_yticks(range(1, len(names) + 1), names)
    axis.set_xlabel("warm ask latency, ms (no query cache)")
    axis.grid(axis="x", alpha=0.3)
    finish(figure, path, table, args.out)
    return 0


if __name__ == "__main__":
    sys.exit(main())
