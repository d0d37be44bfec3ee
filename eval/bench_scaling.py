"""Benchmark: how cost grows with the corpus, for 1k, 10k and 100k synthetic passages (one pack each).

Run: .venv/bin/python eval/bench_scaling.py [--sizes 1000 10000 100000] [--queries N] [--embedder model|hashing] [--out DIR]
Each size is built in a fresh process (build time, peak memory, index size) and loaded in another
(RSS after loading, warm `ask` p50/p95). The baseline, measured in the same run, is the smallest size:
the table gives each size's ratio to it, and the bare query embedding beside the query latency.
`--embedder hashing` swaps the model for word hashing (same dimension) so that 100k passages build in
minutes on two cores: the table then shows the index's own costs, and beside them the model's embedding
time for the same texts estimated from its rate on synthetic passages and sentences measured in this run.
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


def _child_rate(count: int) -> dict:
    """The bundled model's seconds per synthetic passage and per sentence (batched, as a build embeds them)."""
    import random

    from synthetic import section

    from chatbot.config import load_settings
    from chatbot.index.embedders import load_embedder

    rng = random.Random(SEED)
    drugs = [f"drug{number}mab" for number in range(12)]
    passages = [" ".join(section(rng, "invented fever", drugs)) for _ in range(count)]
    sentences = [sentence for passage in passages for sentence in passage.split(". ")][: count * 3]
    embedder = load_embedder(load_settings())
    embedder.embed(passages[:8])
    rates = {}
    for name, texts in (("passage", passages), ("sentence", sentences)):
        started = time.perf_counter()
        embedder.embed(texts)
        rates[f"s_per_{name}"] = (time.perf_counter() - started) / len(texts)
    return rates


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


def _model_seconds(row: dict, rate: dict) -> float:
    """The model's estimated embedding time for a build's texts: its passages and its other (sentence) texts."""
    sentences = max(row["embedded"] - row["passages"], 0)
    return round(row["passages"] * rate["s_per_passage"] + sentences * rate["s_per_sentence"], 1)


def main() -> int:
    """Build and query each size in child processes; print and write the table and plot."""
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--sizes", type=int, nargs="+", default=[1000, 10000, 100000])
    parser.add_argument("--queries", type=int, default=40)
    parser.add_argument("--embedder", choices=["model", "hashing"], default="model", help="hashing: the index's costs without the model")
    parser.add_argument("--out", type=Path, default=HERE / "reports" / f"bench-scaling-{time.strftime('%Y%m%dT%H%M%S')}")
    parser.add_argument("--child", choices=["build", "query", "rate"], help=argparse.SUPPRESS)
    parser.add_argument("--folder", type=Path, help=argparse.SUPPRESS)
    parser.add_argument("--index", type=Path, help=argparse.SUPPRESS)
    args = parser.parse_args()
    if args.child == "build":
        print(json.dumps(_child_build(args.folder, args.index, args.sizes[0])))
        return 0
    if args.child == "rate":
        print(json.dumps(_child_rate(args.queries)))
        return 0
    if args.child == "query":
        print(json.dumps(_child_query(args.folder, args.index, args.queries)))
        return 0

    rows: dict[int, dict] = {}
    with tempfile.TemporaryDirectory() as tmp:
        env = child_env(data_dir=f"{tmp}/data", **({"embedder": "synthetic:word_hashing_embedder"} if args.embedder == "hashing" else {}))
        rate = (
            run_child(Path(__file__), ["--child", "rate", "--queries", "200"], child_env(data_dir=f"{tmp}/data"))
            if args.embedder == "hashing"
            else {}
        )
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
            *(["model embed s (estimated)"] if rate else []),
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
                *([_model_seconds(r, rate)] if rate else []),
            ]
            for size, r in rows.items()
        ],
    )
    args.out.mkdir(parents=True, exist_ok=True)
    (args.out / "scaling.json").write_text(
        json.dumps({"embedder": args.embedder, "model_rate": rate, "sizes": {str(k): v for k, v in rows.items()}}, indent=2)
    )
    embedder_note = (
        "Embedder: word hashing (384 dimensions) in place of the model, so build and query times are the index's own;"
        f" the model's rate measured in this run ({rate['s_per_passage'] * 1000:.1f} ms a passage, {rate['s_per_sentence'] * 1000:.1f} ms"
        " a sentence, batched) gives the last column's estimate of the embedding time a real build adds."
        if rate
        else "Embedder: the bundled model (ONNX Runtime)."
    )
    (args.out / "scaling.md").write_text(
        f"# Scaling with synthetic passages\n\nBaseline: the {args.sizes[0]}-passage pack, same run. {embedder_note}\n\n{table}"
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
