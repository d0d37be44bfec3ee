"""Builds embed each unique text once and reuse the vectors of unchanged documents from the previous build."""

from __future__ import annotations

from collections.abc import Callable, Sequence
from pathlib import Path

import numpy as np
from corpora import small_corpus
from fakes import HashingEmbedder

from chatbot.config import load_settings
from chatbot.index.build import ensure_index, load_index
from chatbot.recs.loading import load_recommendations

SHARED = "Check the widget count weekly during treatment."
GUIDE = f"# Widget fever\n\n## Treatment\n\nFor invented patients with widget fever, drug X is favoured over drug Y. {SHARED}\n"
OTHER = f"# Gadget pox\n\n## Care\n\nGadget pox is treated with rest and fluids for a week. {SHARED}\n"


class RecordingEmbedder(HashingEmbedder):
    """The hashing embedder, remembering every text it was asked to embed."""

    def __init__(self, name: str = HashingEmbedder.name) -> None:
        super().__init__()
        self.name = name
        self.texts: list[str] = []

    def embed(self, texts: Sequence[str], on_batch: Callable[[int], None] | None = None) -> np.ndarray:
        self.texts += list(texts)
        return super().embed(texts, on_batch)


def _build(settings, embedder: RecordingEmbedder, force: bool = False) -> None:
    ensure_index(settings, load_recommendations(settings.corpus_dir), lambda: embedder, lambda *a: None, lambda m: None, force=force)


def test_each_unique_text_is_embedded_once_and_unchanged_documents_are_reused(tmp_path: Path) -> None:
    corpus = small_corpus(tmp_path / "corpus", {"guide.md": GUIDE.encode(), "other.md": OTHER.encode()})
    settings = load_settings(corpus_dir=corpus, index_dir=tmp_path / "index")
    first = RecordingEmbedder()
    _build(settings, first)
    assert len(first.texts) == len(set(first.texts)) and first.texts.count(SHARED) == 1  # the shared sentence once
    (corpus / "other.md").write_text(OTHER.replace("a week", "ten days"))
    second = RecordingEmbedder()
    _build(settings, second)
    assert second.texts and all("drug X" not in text for text in second.texts)  # the unchanged guide is not embedded again
    assert any("ten days" in text for text in second.texts)
    reused = load_index(settings)

    fresh_settings = load_settings(corpus_dir=corpus, index_dir=tmp_path / "fresh")
    _build(fresh_settings, RecordingEmbedder())
    fresh = load_index(fresh_settings)
    assert [p.text for p in reused.passages] == [p.text for p in fresh.passages]
    assert np.allclose(reused.dense.reconstruct_n(0, reused.dense.ntotal), fresh.dense.reconstruct_n(0, fresh.dense.ntotal))
    assert np.allclose(reused.sentence_vectors, fresh.sentence_vectors)
    assert reused.manifest["counts"]["embedded"] < fresh.manifest["counts"]["embedded"]


def test_vectors_of_another_embedder_are_not_reused(tmp_path: Path) -> None:
    corpus = small_corpus(tmp_path / "corpus", {"guide.md": GUIDE.encode()})
    settings = load_settings(corpus_dir=corpus, index_dir=tmp_path / "index")
    _build(settings, RecordingEmbedder())
    other = RecordingEmbedder(name="another-model")
    _build(settings, other, force=True)
    assert any("drug X" in text for text in other.texts)
    assert load_index(settings).manifest["model"]["embedder"] == "another-model"
