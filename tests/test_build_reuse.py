"""Builds embed each unique text once and take from the previous build the vectors of texts it embedded and unchanged files' documents."""

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


def _fresh_build(corpus: Path, index_dir: Path):
    """The index a first build of the corpus makes, in a folder of its own."""
    settings = load_settings(corpus_dir=corpus, index_dir=index_dir)
    _build(settings, RecordingEmbedder())
    return load_index(settings)


def _assert_same_passages_and_vectors(reused, fresh) -> None:
    """A build that reused vectors holds what a fresh build of the same corpus holds."""
    assert [p.text for p in reused.passages] == [p.text for p in fresh.passages]
    assert np.allclose(reused.dense.reconstruct_n(0, reused.dense.ntotal), fresh.dense.reconstruct_n(0, fresh.dense.ntotal))
    assert np.allclose(reused.sentence_vectors, fresh.sentence_vectors)


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
    reused, fresh = load_index(settings), _fresh_build(corpus, tmp_path / "fresh")
    _assert_same_passages_and_vectors(reused, fresh)
    assert reused.manifest["counts"]["embedded"] < fresh.manifest["counts"]["embedded"]


def test_vectors_of_another_embedder_are_not_reused(tmp_path: Path) -> None:
    corpus = small_corpus(tmp_path / "corpus", {"guide.md": GUIDE.encode()})
    settings = load_settings(corpus_dir=corpus, index_dir=tmp_path / "index")
    _build(settings, RecordingEmbedder())
    other = RecordingEmbedder(name="another-model")
    _build(settings, other, force=True)
    assert any("drug X" in text for text in other.texts)
    assert load_index(settings).manifest["model"]["embedder"] == "another-model"


def _long_guide(care_text: str) -> str:
    """A generated guide with two sections long enough to be passages of their own; only `care_text` varies."""
    dosing = " ".join(f"Dosing step {n} of the invented protocol keeps drug X at {n} widgets per kilogram." for n in range(1, 9))
    return f"# Widget fever\n\n## Dosing\n\n{dosing}\n\n## Care\n\n{care_text}\n"


CARE = " ".join(f"Care rule {n} asks nurses to count the invented widgets {n} times a day." for n in range(1, 9))


def test_a_changed_document_keeps_the_vectors_of_its_unchanged_passages_and_sentences(tmp_path: Path) -> None:
    corpus = small_corpus(tmp_path / "corpus", {"guide.md": _long_guide(CARE).encode()})
    settings = load_settings(corpus_dir=corpus, index_dir=tmp_path / "index")
    first = RecordingEmbedder()
    _build(settings, first)
    dosing_texts = {text for text in first.texts if "Dosing step" in text}
    assert dosing_texts and all("Care rule" not in text for text in dosing_texts)  # the sections are passages of their own

    (corpus / "guide.md").write_text(_long_guide(CARE.replace("nurses", "carers")))  # the file (and its sha256) changes
    second = RecordingEmbedder()
    _build(settings, second)
    assert any("carers" in text for text in second.texts)  # what changed is embedded
    assert not dosing_texts & set(second.texts)  # the unchanged section's passage and sentences are not embedded again
    assert all("Care rule" in text for text in second.texts)
    reused, fresh = load_index(settings), _fresh_build(corpus, tmp_path / "fresh")
    _assert_same_passages_and_vectors(reused, fresh)
    assert reused.manifest["counts"]["embedded"] == len(set(second.texts)) < fresh.manifest["counts"]["embedded"]


def _recorded_build(settings, force: bool = False) -> list[str]:
    """Build with the hashing embedder; the progress stages reported, in order."""
    stages: list[str] = []
    ensure_index(
        settings,
        load_recommendations(settings.corpus_dir),
        RecordingEmbedder,
        lambda stage, done, total: stages.append(stage),
        lambda m: None,
        force=force,
    )
    return stages


def test_a_rebuild_takes_an_unchanged_pdf_and_its_positions_from_the_previous_build(tmp_path: Path, monkeypatch) -> None:
    from guideline_pdfs import cdc_guideline_pdf

    from chatbot.index import reading

    corpus = small_corpus(tmp_path / "corpus", {"guide.pdf": cdc_guideline_pdf().data, "notes.md": GUIDE.encode()})
    settings = load_settings(corpus_dir=corpus, index_dir=tmp_path / "index")
    assert "pages" in _recorded_build(settings)  # the first build reads the PDF page by page
    first = load_index(settings)

    stages = _recorded_build(settings, force=True)  # e.g. after a recommendation or setting changed
    assert "pages" not in stages and "read" in stages  # the unchanged PDF is not parsed again
    second = load_index(settings)
    assert second.documents == first.documents
    assert [p.text for p in second.passages] == [p.text for p in first.passages]
    old, new = first.positions("guide"), second.positions("guide")
    assert old is not None and new is not None and new.page_count == old.page_count
    assert all(np.array_equal(getattr(old, name), getattr(new, name)) for name in ("starts", "ends", "pages", "boxes"))

    monkeypatch.setattr(reading, "reader_version", lambda: "other reading code")  # new reading code reads every file again
    assert "pages" in _recorded_build(settings, force=True)
    (corpus / "guide.pdf").write_bytes(cdc_guideline_pdf().data + b"\n% changed\n")  # so does a changed file
    assert "pages" in _recorded_build(settings)
    assert load_index(settings).documents["guide"].text == first.documents["guide"].text
