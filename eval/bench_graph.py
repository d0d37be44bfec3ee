"""Benchmark: ways to store the fp32 graph, by CPU per query and per build batch, each checked against torch.

Run: .venv/bin/python eval/bench_graph.py --index-dir DIR [--rounds 3] [--batch-texts 400] [--out DIR]
DIR holds built indexes of the packs (as `chatbot --pack corpus --pack packs/... eval` leaves them): their gold
questions are the queries and a length-spread sample of the CDC pack's passages and sentences the build batches.
Every variant is the same traced graph stored another way and run as the product runs it (OnnxEmbedder: an
ORT-format copy, one thread): the stored export (the baseline), the trace with ONNX Runtime's basic or all
optimisations stored, and `onnxruntime.transformers.optimizer` (model_type bert) with all its fusions, with
attention fusion only, and without it. CPU is the querying thread's own (time.thread_time) and the process's for
the batches (one worker thread), the variants interleaved round by round, so other load slows them alike. Writes graph.json and graph.md to DIR
(default eval/reports/bench-graph-<time>/).
"""

from __future__ import annotations

import argparse
import json
import statistics
import sys
import tempfile
import time
from dataclasses import asdict, replace
from pathlib import Path
from typing import Any

sys.path.insert(0, str(Path(__file__).resolve().parent))

from benchlib import HERE, PROJECT_ROOT, markdown_table  # noqa: E402

PACKS = [PROJECT_ROOT / "corpus", PROJECT_ROOT / "packs" / "cdc-opioids-2022", PROJECT_ROOT / "packs" / "eln-cml-2020"]
BATCH_PACK = "cdc-opioids-2022"
# name -> (ONNX Runtime level the graph is stored at, transformer fusions to turn off; None: no transformer optimizer)
VARIANTS: dict[str, tuple[str, tuple[str, ...] | None]] = {
    "traced, basic": ("ORT_ENABLE_BASIC", None),
    "traced, all": ("ORT_ENABLE_ALL", None),
    "bert fusions, all": ("ORT_ENABLE_BASIC", ()),
    "bert fusions, attention only": (
        "ORT_ENABLE_BASIC",
        ("enable_skip_layer_norm", "enable_bias_skip_layer_norm", "enable_embed_layer_norm"),
    ),
    "bert fusions, no attention": ("ORT_ENABLE_BASIC", ("enable_attention",)),
}


def _store(source: Path, folder: Path, level: str, fusions_off: tuple[str, ...] | None, heads: int, hidden: int) -> None:
    """Write `folder/model.onnx`: the traced graph through the transformer optimizer (unless None), then ORT at `level`."""
    import onnxruntime

    folder.mkdir()
    graph = folder / "model.onnx"
    if fusions_off is None:
        graph.write_bytes(source.read_bytes())
    else:
        from onnxruntime.transformers import optimizer
        from onnxruntime.transformers.fusion_options import FusionOptions

        options = FusionOptions("bert")
        for flag in fusions_off:
            setattr(options, flag, False)
        model = optimizer.optimize_model(
            str(source), model_type="bert", num_heads=heads, hidden_size=hidden, opt_level=0, use_gpu=False, optimization_options=options
        )
        model.save_model_to_file(str(graph))
    session_options = onnxruntime.SessionOptions()
    session_options.graph_optimization_level = getattr(onnxruntime.GraphOptimizationLevel, level)
    session_options.optimized_model_filepath = str(folder / "optimised.onnx")
    session_options.log_severity_level = 3
    onnxruntime.InferenceSession(str(graph), session_options, providers=["CPUExecutionProvider"])
    (folder / "optimised.onnx").replace(graph)


def _texts(settings) -> tuple[dict[str, list[str]], list[str]]:
    """Each pack's gold questions (every turn), and the CDC pack's passages and sentences to batch."""
    from chatbot.evaluation.gold import load_gold
    from chatbot.index.build import load_index
    from chatbot.packs.loading import pack_or_default, settings_for_pack

    queries: dict[str, list[str]] = {}
    batch: list[str] = []
    for folder in PACKS:
        pack = pack_or_default(folder)
        queries[pack.id] = [turn.question for path in pack.gold_files for item in load_gold(path).items for turn in item.as_turns()]
        if pack.id == BATCH_PACK:
            index = load_index(settings_for_pack(settings, pack))
            batch = [p.text for p in index.passages] + [index.passages[p].text[start:end] for p, start, end in index.sentences]
    return queries, sorted(set(batch), key=len)


def _spread(texts: list[str], count: int) -> list[str]:
    """`count` texts taken evenly from a list sorted by length (all when it is shorter)."""
    step = max(1, len(texts) // count)
    return texts[::step][:count]


def main() -> int:
    """Store each variant, time it round by round, compare its vectors with torch; print and write the table."""
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--index-dir", type=Path, required=True)
    parser.add_argument("--rounds", type=int, default=3)
    parser.add_argument("--batch-texts", type=int, default=400)
    parser.add_argument("--out", type=Path, default=HERE / "reports" / f"bench-graph-{time.strftime('%Y%m%dT%H%M%S')}")
    args = parser.parse_args()

    import numpy as np

    from chatbot.config import load_settings
    from chatbot.index.embedders import load_embedder
    from chatbot.index.embedding import bundled_model_dir, file_sha256
    from chatbot.index.onnx_embedding import OnnxEmbedder
    from chatbot.index.onnx_export import INFO_FILE, reference_embedder, trace_graph

    settings = load_settings(index_dir=args.index_dir, query_cache_size=0, embed_threads=1)  # one batch at a time
    stored = load_embedder(settings)
    assert isinstance(stored, OnnxEmbedder)
    queries, batch_pool = _texts(settings)
    batch = _spread(batch_pool, args.batch_texts)
    all_queries = [q for texts in queries.values() for q in texts]
    model_dir = settings.model_dir or bundled_model_dir()
    reference = reference_embedder(model_dir, settings.model_name)
    torch_vectors = {"queries": reference.embed(all_queries), "batch": reference.embed(batch)}
    config = json.loads((model_dir / "config.json").read_text())
    embedders = {"stored export (baseline)": stored}
    with tempfile.TemporaryDirectory() as tmp:
        traced = Path(tmp) / "traced.onnx"
        transformer = reference.transformer()
        transformer.eval()  # type: ignore[attr-defined]
        trace_graph(transformer, traced)
        for position, (name, (level, fusions_off)) in enumerate(VARIANTS.items()):
            folder = Path(tmp) / f"variant{position}"
            _store(traced, folder, level, fusions_off, config["num_attention_heads"], config["hidden_size"])
            info = replace(stored.info, onnx_sha256=file_sha256(folder / "model.onnx"))
            (folder / INFO_FILE).write_text(json.dumps(asdict(info)))
            embedders[name] = OnnxEmbedder(folder, info, model_dir / "tokenizer.json", settings.model_name, build_threads=1, cache_size=0)
        cpu: dict[str, dict[str, list[float]]] = {name: {"query_ms": [], "batch_s": []} for name in embedders}
        vectors: dict[str, dict[str, np.ndarray]] = {}
        for name, embedder in embedders.items():  # loads each session and warms it
            vectors[name] = {"queries": np.vstack([embedder.embed_query(q) for q in all_queries]), "batch": embedder.embed(batch)}
        for _ in range(args.rounds):
            for name, embedder in embedders.items():
                mark = time.thread_time()
                for question in all_queries:
                    embedder.embed_query(question)
                cpu[name]["query_ms"].append((time.thread_time() - mark) * 1000 / len(all_queries))
                mark = time.process_time()  # the batches run on the embedder's worker thread; nothing else runs here
                embedder.embed(batch)
                cpu[name]["batch_s"].append(time.process_time() - mark)
    results: dict[str, dict[str, Any]] = {}
    base = "stored export (baseline)"
    for name in embedders:
        cosines = {part: np.sum(vectors[name][part] * torch_vectors[part], axis=1) for part in ("queries", "batch")}
        same = {part: bool(np.array_equal(vectors[name][part], vectors[base][part])) for part in ("queries", "batch")}
        results[name] = {
            "query_cpu_ms": round(statistics.median(cpu[name]["query_ms"]), 2),
            "batch_cpu_s": round(statistics.median(cpu[name]["batch_s"]), 2),
            "rounds": cpu[name],
            "cosine_to_torch_min": round(float(min(c.min() for c in cosines.values())), 6),
            "same_bits_as_baseline": same["queries"] and same["batch"],
        }
    rows = [
        [
            name,
            r["query_cpu_ms"],
            f"{r['query_cpu_ms'] / results[base]['query_cpu_ms']:.3f}",
            r["batch_cpu_s"],
            f"{r['batch_cpu_s'] / results[base]['batch_cpu_s']:.3f}",
            r["cosine_to_torch_min"],
            "yes" if r["same_bits_as_baseline"] else "no",
        ]
        for name, r in results.items()
    ]
    table = markdown_table(
        ["graph", "CPU ms per query", "× baseline", f"CPU s, {len(batch)} build texts", "× baseline", "cosine to torch, min", "same bits"],
        rows,
    )
    summary = {
        "queries": {pack: len(texts) for pack, texts in queries.items()},
        "batch_texts": len(batch),
        "rounds": args.rounds,
        "results": results,
    }
    args.out.mkdir(parents=True, exist_ok=True)
    (args.out / "graph.json").write_text(json.dumps(summary, indent=2))
    (args.out / "graph.md").write_text(
        f"# The fp32 graph stored several ways\n\nBaseline: the stored export, same run ({args.rounds} interleaved rounds, medians; "
        f"{len(all_queries)} gold questions one at a time, {len(batch)} of the {BATCH_PACK} pack's passages and sentences in build batches).\n\n"
        f"{table}"
    )
    print(table)
    return 0


if __name__ == "__main__":
    sys.exit(main())
