"""The memory-mapped ORT-format copy of the exported graph: the same vectors, checked by hash, made again when damaged."""

from __future__ import annotations

import json
import shutil
from pathlib import Path

import numpy as np
import pytest

from chatbot.config import load_settings
from chatbot.errors import ModelError
from chatbot.index.embedders import load_embedder
from chatbot.index.embedding import file_sha256
from chatbot.index.onnx_embedding import OnnxEmbedder
from chatbot.index.onnx_export import GRAPH_FILE
from chatbot.index.ort_graph import RECORD_FILE, RUNTIME_FILE

pytestmark = pytest.mark.model

TEXTS = [
    "Should a 19 year old with newly diagnosed ALL get a pediatric or an adult regimen?",
    "blina or inotuzumab for relapsed B-ALL?",
    "x",
    "The panel suggests (conditional recommendation, low certainty in the evidence of effects) " * 12,
]


@pytest.fixture(scope="module")
def reference() -> tuple[OnnxEmbedder, np.ndarray]:
    """The project's export and the vectors a session over model.onnx itself gives (the loading before the copy)."""
    embedder = load_embedder(load_settings())
    assert isinstance(embedder, OnnxEmbedder)
    embedder.embed(["loaded"])
    import onnxruntime

    from chatbot.index.ort_graph import _unmapped

    plain = OnnxEmbedder(embedder._folder, embedder.info, embedder._tokenizer_path, "all-MiniLM-L6-v2", cache_size=0)
    from concurrent.futures import ThreadPoolExecutor

    with ThreadPoolExecutor(2) as pool:
        plain._session_ = _unmapped(onnxruntime, embedder._folder / GRAPH_FILE, embedder.info.onnx_sha256, pool)
    plain._tokenizer = plain._load_tokenizer()
    return embedder, np.vstack([plain.embed(TEXTS), plain.embed_query(TEXTS[0])])


def _copy(embedder: OnnxEmbedder, tmp_path: Path) -> Path:
    """A copy of the export's folder to damage."""
    folder = tmp_path / "model"
    shutil.copytree(embedder._folder, folder)
    return folder


def _vectors(embedder: OnnxEmbedder, folder: Path) -> tuple[OnnxEmbedder, np.ndarray]:
    """A fresh embedder over `folder` and its vectors of TEXTS (batched) and the first text (as a query)."""
    fresh = OnnxEmbedder(folder, embedder.info, embedder._tokenizer_path, "all-MiniLM-L6-v2", cache_size=0)
    return fresh, np.vstack([fresh.embed(TEXTS), fresh.embed_query(TEXTS[0])])


def _record_matches(folder: Path) -> bool:
    """Whether model.ort's hash is the one its record names."""
    return json.loads((folder / RECORD_FILE).read_text())["sha256"] == file_sha256(folder / RUNTIME_FILE)


def test_the_mapped_copy_gives_the_same_bits_as_the_graph_itself(reference, tmp_path: Path) -> None:
    embedder, expected = reference
    fresh, vectors = _vectors(embedder, _copy(embedder, tmp_path))
    assert fresh._session()._model_path.endswith(RUNTIME_FILE)  # the ORT-format copy is what runs
    assert np.array_equal(vectors, expected)


def test_a_missing_copy_is_made_from_the_graph(reference, tmp_path: Path) -> None:
    embedder, expected = reference
    folder = _copy(embedder, tmp_path)
    (folder / RUNTIME_FILE).unlink()
    (folder / RECORD_FILE).unlink()
    _, vectors = _vectors(embedder, folder)
    assert np.array_equal(vectors, expected) and _record_matches(folder)


@pytest.mark.parametrize("damage", ["append", "truncate", "flip"])
def test_a_damaged_copy_is_made_again_never_used(reference, tmp_path: Path, damage: str) -> None:
    embedder, expected = reference
    folder = _copy(embedder, tmp_path)
    runtime = folder / RUNTIME_FILE
    data = bytearray(runtime.read_bytes())
    if damage == "append":
        data += b"\0"
    elif damage == "truncate":
        data = data[: len(data) // 2]
    else:  # one weight's byte changed: the file still loads, only its hash tells
        data[len(data) // 2] ^= 0xFF
    runtime.write_bytes(bytes(data))
    assert not _record_matches(folder)
    _, vectors = _vectors(embedder, folder)
    assert np.array_equal(vectors, expected) and _record_matches(folder)


def test_a_copy_made_by_another_onnxruntime_is_made_again(reference, tmp_path: Path) -> None:
    embedder, expected = reference
    folder = _copy(embedder, tmp_path)
    record = json.loads((folder / RECORD_FILE).read_text())
    (folder / RECORD_FILE).write_text(json.dumps({**record, "onnxruntime": "0.0.1"}))
    _, vectors = _vectors(embedder, folder)
    assert np.array_equal(vectors, expected) and _record_matches(folder)
    assert json.loads((folder / RECORD_FILE).read_text())["onnxruntime"] == record["onnxruntime"]


def test_a_damaged_graph_cannot_stand_in_for_a_damaged_copy(reference, tmp_path: Path) -> None:
    embedder, _ = reference
    folder = _copy(embedder, tmp_path)
    for name in (GRAPH_FILE, RUNTIME_FILE):
        data = bytearray((folder / name).read_bytes())
        data[len(data) // 2] ^= 0xFF
        (folder / name).write_bytes(bytes(data))
    fresh = OnnxEmbedder(folder, embedder.info, embedder._tokenizer_path, "all-MiniLM-L6-v2")
    with pytest.raises(ModelError, match="expected"):
        fresh.embed(TEXTS)
    assert not fresh.loaded


def test_an_intact_copy_answers_though_the_graph_it_was_made_from_is_gone(reference, tmp_path: Path) -> None:
    embedder, expected = reference
    folder = _copy(embedder, tmp_path)
    (folder / GRAPH_FILE).write_bytes(b"")  # only the checked copy is read at load
    fresh, vectors = _vectors(embedder, folder)
    assert np.array_equal(vectors, expected)
    (folder / RUNTIME_FILE).write_bytes(b"")  # and with neither intact, nothing is used
    again = OnnxEmbedder(folder, embedder.info, embedder._tokenizer_path, "all-MiniLM-L6-v2")
    with pytest.raises(ModelError, match="expected"):
        again.embed(TEXTS)
