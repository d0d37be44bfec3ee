"""The ONNX export embeds like torch (cosine >= 0.999), is hash-checked, batches in order and caches queries."""

from __future__ import annotations

import json
import random
import re
import shutil
from pathlib import Path

import numpy as np
import pytest

from chatbot.config import BUNDLED_MODEL_SHA256, PROJECT_ROOT, load_settings
from chatbot.errors import ModelError
from chatbot.index.embedders import load_embedder
from chatbot.index.onnx_embedding import BATCH_TOKENS, OnnxEmbedder, QueryCache, length_batches
from chatbot.index.onnx_export import GRAPH_FILE, read_export
from chatbot.index.ort_graph import RUNTIME_FILE

pytestmark = pytest.mark.model


@pytest.fixture(scope="module")
def onnx_embedder() -> OnnxEmbedder:
    """The project's export (made from the bundled weights on first use)."""
    embedder = load_embedder(load_settings())
    assert isinstance(embedder, OnnxEmbedder)
    embedder.embed(["loaded"])  # the load-ready ORT-format copy is made beside the graph on the first load
    return embedder


@pytest.fixture(scope="module")
def torch_embedder():
    """The library of record: sentence-transformers on torch."""
    return load_embedder(load_settings(embedding_backend="torch"))


def _sample() -> list[str]:
    """A fixed sample of gold questions (every pack) and corpus passages (the digest's paragraphs)."""
    questions = [
        json.loads(line).get("question") or json.loads(line)["turns"][0]
        for path in [*PROJECT_ROOT.glob("corpus/gold/*.jsonl"), *PROJECT_ROOT.glob("packs/*/gold.jsonl")]
        for line in path.read_text().splitlines()
        if line.strip()
    ]
    paragraphs = [
        p.strip() for path in PROJECT_ROOT.glob("corpus/digest/*.md") for p in re.split(r"\n\s*\n", path.read_text()) if len(p.strip()) > 40
    ]
    rng = random.Random(17)
    return rng.sample([q for q in questions if isinstance(q, str)], 25) + rng.sample(paragraphs, 25)


def test_onnx_vectors_match_torch_on_questions_and_passages(onnx_embedder: OnnxEmbedder, torch_embedder) -> None:
    texts = _sample()
    cosines = np.sum(onnx_embedder.embed(texts) * torch_embedder.embed(texts), axis=1)
    assert cosines.min() >= 0.999, (cosines.min(), texts[int(cosines.argmin())])
    assert onnx_embedder.info.min_cosine >= 0.999 and onnx_embedder.dimension == torch_embedder.dimension == 384


def test_a_length_sorted_batch_keeps_the_order_of_its_texts(onnx_embedder: OnnxEmbedder) -> None:
    texts = ["short", "a considerably longer sentence about asparaginase and fibrinogen " * 8, "a medium sentence about relapse"]
    together = onnx_embedder.embed(texts)
    alone = np.vstack([onnx_embedder.embed_query(text) for text in texts])
    assert np.allclose(together, alone, atol=1e-4)
    assert np.allclose(np.linalg.norm(together, axis=1), 1.0, atol=1e-5)


def test_build_batches_are_length_sorted_and_small_enough_to_stay_in_a_cores_cache() -> None:
    lengths = [256, 12, 40, 256, 12, 90, 300, 30, 12, 12]
    batches = length_batches(lengths)
    assert sorted(i for batch in batches for i in batch) == list(range(len(lengths)))
    assert [lengths[batch[0]] for batch in batches] == sorted(lengths[batch[0]] for batch in batches)
    assert all(len(batch) == 1 or len(batch) * max(lengths[i] for i in batch) <= BATCH_TOKENS for batch in batches)
    assert BATCH_TOKENS <= 512  # a batch's activations (tokens x 1536 floats in the feed-forward layer) fit a 2 MB L2
    assert [len(batch) for batch in length_batches([10] * 100, budget=10_000, most=64)] == [64, 36]


def test_repeated_queries_come_from_the_bounded_cache(onnx_embedder: OnnxEmbedder) -> None:
    first = onnx_embedder.embed_query("premeds pegaspargase")
    again = onnx_embedder.embed_query("premeds pegaspargase")
    assert np.shares_memory(first, again)  # the same cached vector, not a second run
    cache = QueryCache(2)
    for text in ("a", "b", "c"):
        cache.put(text, np.ones(3, dtype=np.float32))
    assert cache.get("a") is None and cache.get("c") is not None and len(cache) == 2
    cache.get("b")
    cache.put("d", np.ones(3, dtype=np.float32))
    assert cache.get("c") is None and cache.get("b") is not None  # least recently used goes first


def _append_to_graphs(folder: Path) -> None:
    """Damage the exported graph and its load-ready ORT-format copy alike (one byte appended to each)."""
    for name in (GRAPH_FILE, RUNTIME_FILE):
        with (folder / name).open("ab") as handle:
            handle.write(b"\0")


def test_a_changed_graph_is_refused_before_it_is_used(onnx_embedder: OnnxEmbedder, tmp_path: Path) -> None:
    folder = tmp_path / "model"
    shutil.copytree(onnx_embedder._folder, folder)
    _append_to_graphs(folder)
    info = read_export(folder, BUNDLED_MODEL_SHA256)
    assert info is not None and read_export(folder, "0" * 64) is None  # an export of other weights is not used
    tampered = OnnxEmbedder(folder, info, onnx_embedder._tokenizer_path, "all-MiniLM-L6-v2")
    with pytest.raises(ModelError, match="expected"):
        tampered.embed(["any question"])
    assert not tampered.loaded


def test_a_truncated_graph_is_refused_by_its_hash(onnx_embedder: OnnxEmbedder, tmp_path: Path) -> None:
    folder = tmp_path / "model"
    shutil.copytree(onnx_embedder._folder, folder)
    for graph in (folder / GRAPH_FILE, folder / RUNTIME_FILE):
        graph.write_bytes(graph.read_bytes()[: graph.stat().st_size // 3])
    info = read_export(folder, BUNDLED_MODEL_SHA256)
    assert info is not None
    truncated = OnnxEmbedder(folder, info, onnx_embedder._tokenizer_path, "all-MiniLM-L6-v2")
    with pytest.raises(ModelError, match="expected"):
        truncated.embed(["any question"])
    assert not truncated.loaded


def test_a_model_loaded_ahead_is_ready_and_a_bad_one_still_fails_at_the_first_query(onnx_embedder: OnnxEmbedder, tmp_path: Path) -> None:
    ahead = OnnxEmbedder(onnx_embedder._folder, onnx_embedder.info, onnx_embedder._tokenizer_path, "all-MiniLM-L6-v2")
    ahead.start_loading()
    vector = ahead.embed(["blina or inotuzumab for relapsed B-ALL?"])
    assert ahead.loaded and np.allclose(vector, onnx_embedder.embed(["blina or inotuzumab for relapsed B-ALL?"]), atol=1e-6)
    folder = tmp_path / "model"
    shutil.copytree(onnx_embedder._folder, folder)
    _append_to_graphs(folder)
    tampered = OnnxEmbedder(folder, onnx_embedder.info, onnx_embedder._tokenizer_path, "all-MiniLM-L6-v2")
    tampered.start_loading()  # the failure is not lost on the other thread: the first query meets it
    with pytest.raises(ModelError, match="expected"):
        tampered.embed(["any question"])
    assert not tampered.loaded


def test_the_stored_graph_is_already_optimised(onnx_embedder: OnnxEmbedder) -> None:
    import onnx

    operators = {node.op_type for node in onnx.load(str(onnx_embedder._folder / GRAPH_FILE)).graph.node}
    assert {"BiasGelu", "FusedMatMul"} <= operators and "Erf" not in operators, sorted(operators)  # fused at export


def test_tracing_and_storing_the_graph_again_gives_the_export_byte_for_byte(onnx_embedder: OnnxEmbedder, tmp_path: Path) -> None:
    from chatbot.index.embedding import bundled_model_dir, file_sha256
    from chatbot.index.onnx_export import _store_optimised, reference_embedder, trace_graph

    transformer = reference_embedder(bundled_model_dir(), "all-MiniLM-L6-v2").transformer()
    transformer.eval()  # type: ignore[attr-defined]
    trace_graph(transformer, tmp_path / GRAPH_FILE)  # what eval/bench_graph.py stores other ways
    _store_optimised(tmp_path / GRAPH_FILE)
    assert file_sha256(tmp_path / GRAPH_FILE) == onnx_embedder.info.onnx_sha256


def test_a_tokenizer_other_than_the_exports_is_refused_after_the_graph_is_checked(onnx_embedder: OnnxEmbedder, tmp_path: Path) -> None:
    other = tmp_path / "tokenizer.json"
    other.write_text(onnx_embedder._tokenizer_path.read_text().replace('"[UNK]"', '"[UNKNOWN]"', 1))
    mismatched = OnnxEmbedder(onnx_embedder._folder, onnx_embedder.info, other, "all-MiniLM-L6-v2")
    with pytest.raises(ModelError, match="not the tokenizer the model was exported with"):
        mismatched.embed(["any question"])
    assert not mismatched.loaded
    folder = tmp_path / "model"  # both wrong: the graph's hash is what is reported (the tokenizer loads beside the session)
    shutil.copytree(onnx_embedder._folder, folder)
    _append_to_graphs(folder)
    both = OnnxEmbedder(folder, onnx_embedder.info, other, "all-MiniLM-L6-v2")
    with pytest.raises(ModelError, match="expected"):
        both.embed(["any question"])
    assert not both.loaded
