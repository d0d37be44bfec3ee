"""Benchmark: how cost grows with the corpus, for 1k, 10k and 100k synthetic passages (one pack each).

Run: .venv/bin/python eval/bench_scaling.py [--sizes 1000 10000 100000] [--queries N] [--out DIR]
Each size is built in a fresh process (build time, peak memory, index size) and loaded in another
(RSS after loading, warm `ask` p50/p95). The baseline, measured in the same run, is the smallest size:
the table gives each size's ratio to it, and the bare query embedding beside the query latency.
Writes scaling.json, scaling.md and scaling.png to DIR (default eval/reports/bench-scaling-<time>/).
"""

from __future__ import annotations

import argparse
import json
import sys
import tempfile
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))

from benchlib import HERE, child_env, finish, markdown_table, peak_rss_mib, plot_path, rss_mib, run_child, summary_ms  # noqa: E402
from synthetic import questions, write_pack  # noqa: E402

SEED = 100


def _child_build(folder: Path, index_dir: Path, size: int) -> dict:
    """Write the synthetic pack and build its index; time, peak memory, counts and size."""
    from chatbot.config import load_settings
    from chatbot.index.build import ensure_index
    from chatbot.index.embedders import load_embedder
    from chatbot.packs.loading import primary_settings
    from chatbot.recs.loading import load_recommendations

    write_pack(folder, SEED, size)
    settings = primary_settings(load_settings(corpus_dir=folder, index_dir=index_dir))
    embedder = load_embedder(settings)
    started = time.perf_counter()
    summary = ensure_index(settings, load_recommendations(folder), lambda: embedder, lambda *a: None, lambda m: None)
    seconds = time.perf_counter() - started
    manifest = json.loads((summary.folder / "manifest.json").read_text())
    return {
        "build_s": round(seconds, 1),
        "build_peak_mib": peak_rss_mib(),
        "passages": summary.passages,
        "sentences": manifest["counts"]["sentences"],
        "embedded": manifest["counts"]["embedded"],
        "index_mib": round(summary.size_bytes / 2**20, 1),
    }


def _child_query(folder: Path, index_dir: Path, count: int) -> dict:
    """Load the built pack and time `ask` (no query cache) beside the bare query embedding."""
    from chatbot.config import load_settings
    from chatbot.core import build_chatbot

    settings = load_settings(corpus_dir=folder, index_dir=index_dir, query_cache_size=0, min_dense_score=0.0, min_domain_dense_score=0.0)
    started = time.perf_counter()
    bot = build_chatbot(settings)
    load_s = time.perf_counter() - started
    asked = questions(SEED, count)
    for question in asked[:5]:
        bot.ask(question, channel="bench")
    ask_ms, embed_ms = [], []
    for question in asked:
        mark = time.perf_counter()
        bot.embedder.embed([question])
        embed_ms.append((time.perf_counter() - mark) * 1000)
        ask_ms.append(bot.ask(question, channel="bench").timings_ms["total"])
    return {"load_s": round(load_s, 2), "rss_mib": rss_mib()["rss"], "ask_ms": summary_ms(ask_ms), "embed_ms": summary_ms(embed_ms)}


def main() -> int:
    """Build and query each size in child processes; print and write the table and plot."""
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--sizes", type=int, nargs="+", default=[1000, 10000, 100000])
    parser.add_argument("--queries", type=int, default=40)
    parser.add_argument("--out", type=Path, default=HERE / "reports" / f"bench-scaling-{time.strftime('%Y%m%dT%H%M%S')}")
    parser.add_argument("--child", choices=["build", "query"], help=argparse.SUPPRESS)
    parser.add_argument("--folder", type=Path, help=argparse.SUPPRESS)
    parser.add_argument("--index", type=Path, help=argparse.SUPPRESS)
    args = parser.parse_args()
    if args.child == "build":
        print(json.dumps(_child_build(args.folder, args.index, args.sizes[0])))
        return 0
    if args.child == "query":
        print(json.dumps(_child_query(args.folder, args.index, args.queries)))
        return 0

    rows: dict[int, dict] = {}
    with tempfile.TemporaryDirectory() as tmp:
        env = child_env(data_dir=f"{tmp}/data")
        for size in args.sizes:
            folder, index = Path(tmp) / f"pack-{size}", Path(tmp) / f"index-{size}"
            common = ["--folder", str(folder), "--index", str(index), "--sizes", str(size), "--queries", str(args.queries)]
            print(f"{size} passages: building ...", file=sys.stderr, flush=True)
            rows[size] = run_child(Path(__file__), ["--child", "build", *common], env)
            print(f"{size} passages: querying ...", file=sys.stderr, flush=True)
            rows[size] |= run_child(Path(__file__), ["--child", "query", *common], env)
            print(json.dumps(rows[size]), file=sys.stderr, flush=True)
    base = rows[args.sizes[0]]
    table = markdown_table(
        [
            "passages (asked for)",
            "passages",
            "embedded texts",
            "build s",
            "× base",
            "build peak MiB",
            "index MiB",
            "load s",
            "RSS MiB",
            "ask p50 ms",
            "ask p95 ms",
            "× base p95",
            "bare embed p50 ms",
        ],
        [
            [
                size,
                r["passages"],
                r["embedded"],
                r["build_s"],
                round(r["build_s"] / max(base["build_s"], 1e-9), 1),
                r["build_peak_mib"],
                r["index_mib"],
                r["load_s"],
                r["rss_mib"],
                r["ask_ms"]["p50"],
                r["ask_ms"]["p95"],
                round(r["ask_ms"]["p95"] / max(base["ask_ms"]["p95"], 1e-9), 2),
                r["embed_ms"]["p50"],
            ]
            for size, r in rows.items()
        ],
    )
    args.out.mkdir(parents=True, exist_ok=True)
    (args.out / "scaling.json").write_text(json.dumps({str(k): v for k, v in rows.items()}, indent=2))
    (args.out / "scaling.md").write_text(
        f"# Scaling with synthetic passages\n\nBaseline: the {args.sizes[0]}-passage pack, same run.\n\n{table}"
    )
    plt, path = plot_path(args.out, "scaling.png")
    figure, axes = plt.subplots(1, 3, figsize=(13, 4))
    sizes = [rows[s]["passages"] for s in args.sizes]
    axes[0].loglog(sizes, [rows[s]["build_s"] for s in args.sizes], "o-")
    axes[0].set_title("build time, s")
    axes[1].semilogx(sizes, [rows[s]["ask_ms"]["p95"] for s in args.sizes], "o-", label="ask p95")
    axes[1].semilogx(sizes, [rows[s]["embed_ms"]["p50"] for s in args.sizes], "s--", label="bare embed p50 (baseline)")
    axes[1].set_title("query latency, ms")
    axes[1].legend()
    axes[2].semilogx(sizes, [rows[s]["rss_mib"] for s in args.sizes], "o-", label="RSS loaded")
    axes[2].semilogx(sizes, [rows[s]["build_peak_mib"] for s in args.sizes], "s--", label="build peak")
    axes[2].semilogx(sizes, [rows[s]["index_mib"] for s in args.sizes], "^:", label="index on disk")
    axes[2].set_title("memory / size, MiB")
    axes[2].legend()
    for axis in axes:
        axis.set_xlabel("passages")
        axis.grid(alpha=0.3)
    finish(figure, path, table, args.out)
    return 0


if __name__ == "__main__":
    sys.exit(main())
