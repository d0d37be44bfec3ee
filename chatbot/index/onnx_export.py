"""Export the local sentence-transformers model to an ONNX graph, offline; the only module that imports torch."""

from __future__ import annotations

import json
import shutil
import uuid
import warnings
from dataclasses import asdict
from pathlib import Path
from typing import Any

from chatbot.errors import ModelError
from chatbot.index.embedding import SentenceTransformerEmbedder, file_sha256
from chatbot.index.onnx_embedding import EXPORT_FORMAT, ExportInfo, OnnxEmbedder

GRAPH_FILE = "model.onnx"
INFO_FILE = "export.json"
OPSET = 17
MIN_COSINE = 0.999
# Texts the fresh export must embed like torch before it is kept (long, short, punctuation, truncation).
CHECK_TEXTS = (
    "How is isolated CNS relapse treated?",
    "Should a 19 year old with newly diagnosed ALL get a pediatric or an adult regimen?",
    "blina or inotuzumab for relapsed B-ALL?",
    "x",
    "The panel suggests (conditional recommendation, low certainty in the evidence of effects ⊕⊕◯◯) " * 20,
)


def read_export(folder: Path, source_sha256: str) -> ExportInfo | None:
    """The export in `folder` made from these weights, or None when there is none (or it is of another model or format)."""
    try:
        data = json.loads((folder / INFO_FILE).read_text())
        info = ExportInfo(**data)
    except (OSError, ValueError, TypeError):
        return None
    if info.format != EXPORT_FORMAT or info.source_sha256 != source_sha256 or not (folder / GRAPH_FILE).is_file():
        return None
    return info


def pooling_config(model_dir: Path) -> tuple[str, bool, int]:
    """(pooling mode, normalise?, max sequence length) from the model's sentence-transformers config files."""
    try:
        modules = json.loads((model_dir / "modules.json").read_text())
        pooling_dir = next(m["path"] for m in modules if m["type"].endswith("Pooling"))
        pooling = json.loads((model_dir / pooling_dir / "config.json").read_text())
        max_seq_length = int(json.loads((model_dir / "sentence_bert_config.json").read_text())["max_seq_length"])
    except (OSError, ValueError, KeyError, StopIteration) as exc:
        raise ModelError(f"cannot read the sentence-transformers config in {model_dir}: {exc}") from exc
    modes = [mode for mode in ("mean", "cls") if pooling.get(f"pooling_mode_{mode}_tokens" if mode == "mean" else "pooling_mode_cls_token")]
    others = [
        key
        for key, value in pooling.items()
        if key.startswith("pooling_mode") and value and key not in ("pooling_mode_mean_tokens", "pooling_mode_cls_token")
    ]
    if len(modes) != 1 or others:
        raise ModelError(f"unsupported pooling in {model_dir}: {pooling}", hint="set CHATBOT_EMBEDDING_BACKEND=torch")
    normalize = any(m["type"].endswith("Normalize") for m in modules)
    return modes[0], normalize, max_seq_length


def _store_optimised(graph: Path) -> None:
    """Replace the traced graph by ONNX Runtime's optimised one (fused attention and layer norms), so sessions start faster.

    Only optimisations that hold on any CPU are stored; the export is checked against torch afterwards either way.
    """
    import onnxruntime

    options = onnxruntime.SessionOptions()
    options.graph_optimization_level = onnxruntime.GraphOptimizationLevel.ORT_ENABLE_EXTENDED
    options.optimized_model_filepath = str(graph.with_suffix(".optimised.onnx"))
    options.log_severity_level = 3
    onnxruntime.InferenceSession(str(graph), options, providers=["CPUExecutionProvider"])
    graph.with_suffix(".optimised.onnx").replace(graph)


def trace_graph(transformer: Any, path: Path) -> None:
    """Trace the transformer (named inputs, its last hidden state out) to an unoptimised ONNX graph at `path`."""
    import torch

    class TokenEmbeddings(torch.nn.Module):
        """The transformer with named inputs, returning its last hidden state."""

        def __init__(self) -> None:
            super().__init__()
            self.inner = transformer

        def forward(self, input_ids, attention_mask, token_type_ids):  # noqa: D102 - torch's hook
            return self.inner(input_ids=input_ids, attention_mask=attention_mask, token_type_ids=token_type_ids).last_hidden_state

    sample = torch.ones(2, 8, dtype=torch.long)
    names = ["input_ids", "attention_mask", "token_type_ids"]
    with torch.no_grad(), warnings.catch_warnings():
        warnings.simplefilter("ignore")  # the tracer's notes on constant shapes; the export is checked against torch after
        torch.onnx.export(
            TokenEmbeddings(),
            (sample, torch.ones_like(sample), torch.zeros_like(sample)),
            str(path),
            input_names=names,
            output_names=["token_embeddings"],
            dynamic_axes={n: {0: "batch", 1: "sequence"} for n in [*names, "token_embeddings"]},
            opset_version=OPSET,
            dynamo=False,
        )


def reference_embedder(model_dir: Path, name: str) -> SentenceTransformerEmbedder:
    """The torch model an export is traced from and checked against (eager attention: sdpa drifts when traced)."""
    return SentenceTransformerEmbedder(model_dir, name, batch_size=32, attn_implementation="eager")


def export_model(model_dir: Path, folder: Path, source_sha256: str, name: str) -> ExportInfo:
    """Export the transformer to `folder` (atomically), check it against torch, and record export.json."""
    import numpy as np

    pooling, normalize, max_seq_length = pooling_config(model_dir)
    reference = reference_embedder(model_dir, name)
    transformer: Any = reference.transformer()
    transformer.eval()
    folder.parent.mkdir(parents=True, exist_ok=True)
    staging = folder.parent / f".{folder.name}.{uuid.uuid4().hex[:8]}.partial"
    staging.mkdir()
    try:
        trace_graph(transformer, staging / GRAPH_FILE)
        _store_optimised(staging / GRAPH_FILE)
        info = ExportInfo(
            file_sha256(staging / GRAPH_FILE),
            source_sha256,
            file_sha256(model_dir / "tokenizer.json"),
            int(reference.dimension),
            max_seq_length,
            pooling,
            normalize,
            0.0,
        )
        exported = OnnxEmbedder(staging, info, model_dir / "tokenizer.json", name)
        cosine = float(np.min(np.sum(exported.embed(list(CHECK_TEXTS)) * reference.embed(list(CHECK_TEXTS)), axis=1)))
        if cosine < MIN_COSINE:
            raise ModelError(
                f"the ONNX export drifted from torch (cosine {cosine:.4f} < {MIN_COSINE})", hint="set CHATBOT_EMBEDDING_BACKEND=torch"
            )
        info = ExportInfo(**{**asdict(info), "min_cosine": round(cosine, 6)})
        (staging / INFO_FILE).write_text(json.dumps(asdict(info), indent=2))
        shutil.rmtree(folder, ignore_errors=True)
        try:
            staging.rename(folder)
        except OSError:  # another process exported at the same time; keep its (equal) export
            if read_export(folder, source_sha256) is None:
                raise
    finally:
        shutil.rmtree(staging, ignore_errors=True)
    return info
