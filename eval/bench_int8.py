"""Benchmark: would a dynamic int8 graph do? Its query vectors and dense retrieval against the fp32 export, per gold set.

Run: .venv/bin/python eval/bench_int8.py --index-dir DIR [--out DIR]
DIR holds built indexes of the packs (as `chatbot --pack corpus --pack packs/... eval` leaves them). For
each pack's gold questions: the cosine of int8 to fp32 query vectors, how often the dense top-1 passage
and the top-5 set agree, and the time per query of each (the fp32 graph is the baseline, same run).
int8 is only worth taking when every gold set's retrieval stays within 0.005; top-1 agreement below
99.5% already rules that out. Writes int8.json and int8.md to DIR (default eval/reports/bench-int8-<time>/).
"""

from __future__ import annotations

import argparse
import json
import sys
import tempfile
import time
from pathlib import Path

import numpy as np

sys.path.insert(0, str(Path(__file__).resolve().parent))

from benchlib import HERE, PROJECT_ROOT, markdown_table  # noqa: E402

PACKS = [PROJECT_ROOT / "corpus", PROJECT_ROOT / "packs" / "cdc-opioids-2022", PROJECT_ROOT / "packs" / "eln-cml-2020"]


def main() -> int:
    """Quantize the export, compare per gold set, print and write the table."""
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--index-dir", type=Path, required=True)
    parser.add_argument("--out", type=Path, default=HERE / "reports" / f"bench-int8-{time.strftime('%Y%m%dT%H%M%S')}")
    args = parser.parse_args()

    from onnxruntime.quantization import QuantType, quantize_dynamic

    from chatbot.config import load_settings
    from chatbot.evaluation.gold import load_gold
    from chatbot.index.build import load_index
    from chatbot.index.embedders import load_embedder
    from chatbot.index.embedding import file_sha256
    from chatbot.index.onnx_embedding import OnnxEmbedder
    from chatbot.index.onnx_export import GRAPH_FILE, INFO_FILE
    from chatbot.packs.loading import pack_or_default, settings_for_pack

    settings = load_settings(index_dir=args.index_dir, query_cache_size=0)
    fp32 = load_embedder(settings)
    assert isinstance(fp32, OnnxEmbedder)
    rows, results = [], {}
    with tempfile.TemporaryDirectory() as tmp:
        folder = Path(tmp)
        quantize_dynamic(str(settings.onnx_dir / GRAPH_FILE), str(folder / GRAPH_FILE), weight_type=QuantType.QInt8)
        (folder / INFO_FILE).write_text((settings.onnx_dir / INFO_FILE).read_text())
        info = type(fp32.info)(**{**json.loads((folder / INFO_FILE).read_text()), "onnx_sha256": file_sha256(folder / GRAPH_FILE)})
        int8 = OnnxEmbedder(folder, info, fp32._tokenizer_path, fp32.name, cache_size=0)
        for pack_folder in PACKS:
            pack = pack_or_default(pack_folder)
            index = load_index(settings_for_pack(settings, pack))
            questions = []
            for gold_path in pack.gold_files:
                questions += [turn for item in load_gold(gold_path).items for turn in item.as_turns()]
            texts = [turn.question for turn in questions]
            timings = {"fp32": [], "int8": []}
            cosines, top1, top5 = [], [], []
            for text in texts:
                vectors = {}
                for name, embedder in (("fp32", fp32), ("int8", int8)):
                    mark = time.perf_counter()
                    vectors[name] = embedder.embed_query(text)
                    timings[name].append((time.perf_counter() - mark) * 1000)
                cosines.append(float(vectors["fp32"][0] @ vectors["int8"][0]))
                ids = {name: index.dense.search(vector, 5)[1][0].tolist() for name, vector in vectors.items()}
                top1.append(ids["fp32"][0] == ids["int8"][0])
                top5.append(set(ids["fp32"]) == set(ids["int8"]))
            results[pack.id] = {
                "questions": len(texts),
                "cosine_min": round(min(cosines), 4),
                "cosine_mean": round(float(np.mean(cosines)), 4),
                "top1_agreement": round(float(np.mean(top1)), 4),
                "top5_agreement": round(float(np.mean(top5)), 4),
                "fp32_ms_p50": round(float(np.median(timings["fp32"])), 2),
                "int8_ms_p50": round(float(np.median(timings["int8"])), 2),
            }
            r = results[pack.id]
            rows.append(
                [
                    pack.id,
                    r["questions"],
                    r["cosine_min"],
                    r["cosine_mean"],
                    r["top1_agreement"],
                    r["top5_agreement"],
                    r["fp32_ms_p50"],
                    r["int8_ms_p50"],
                ]
            )
    table = markdown_table(
        [
            "pack",
            "gold turns",
            "cosine min",
            "cosine mean",
            "dense top-1 agrees",
            "dense top-5 set agrees",
            "fp32 ms p50 (baseline)",
            "int8 ms p50",
        ],
        rows,
    )
    verdict = "int8 rejected: " if any(r["top1_agreement"] < 0.995 for r in results.values()) else "int8 acceptable on dense top-1: "
    verdict += "the dense top-1 passage changes for " + ", ".join(
        f"{(1 - r['top1_agreement']) * 100:.1f}% of {k}'s questions" for k, r in results.items()
    )
    args.out.mkdir(parents=True, exist_ok=True)
    (args.out / "int8.json").write_text(json.dumps(results, indent=2))
    (args.out / "int8.md").write_text(f"# Dynamic int8 against the fp32 export\n\n{table}\n{verdict}.\n")
    print(table)
    print(verdict)
    return 0


if __name__ == "__main__":
    sys.exit(main())
