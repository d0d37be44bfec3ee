"""Index builds: rebuild only on change, failures leave the old index, mismatches are detected."""

from __future__ import annotations

from pathlib import Path

import pytest
from corpora import small_corpus
from fakes import HashingEmbedder

from chatbot.config import Settings, load_settings
from chatbot.core import ensure_index
from chatbot.errors import IndexUnavailable
from chatbot.index.build import freshness, gather_inputs, load_index
from chatbot.index.store import current_build
from chatbot.recs.loading import load_recommendations

GUIDE = """# Invented guideline on widget fever

## Treatment

### Use of drug X (FL-pediatric-inspired-regimen)

For invented patients with widget fever, drug X is favoured over drug Y. The effect was small but consistent.

## Monitoring

Check the widget count weekly during treatment. Stop checking once the count is normal twice.
"""


def _settings(tmp_path: Path, **overrides: object) -> Settings:
    corpus = tmp_path / "corpus"
    if not corpus.exists():
        small_corpus(corpus, {"guide.md": GUIDE.encode(), "broken.pdf": b"%PDF-1.7 this is not really a pdf"})
    return load_settings(corpus_dir=corpus, index_dir=tmp_path / "index", **overrides)


def _ensure(settings: Settings, embedder: HashingEmbedder, force: bool = False):
    messages: list[str] = []
    rec_set = load_recommendations(settings.corpus_dir)
    summary = ensure_index(settings, rec_set, lambda: embedder, lambda *a: None, messages.append, force=force)
    return summary, messages


def test_builds_once_and_skips_when_nothing_changed(tmp_path: Path) -> None:
    settings = _settings(tmp_path)
    first, messages = _ensure(settings, HashingEmbedder())
    assert first.built and first.documents == 1 and first.passages >= 2
    assert [f.path for f in first.failures] and "broken.pdf" in first.failures[0].path
    assert "no index" in messages[0]
    second, _ = _ensure(settings, HashingEmbedder())
    assert not second.built
    loaded = load_index(settings)
    linked = [p for p in loaded.passages if p.recommendation_id == "FL-pediatric-inspired-regimen"]
    assert len(linked) == 1 and "drug X is favoured" in linked[0].text
    assert loaded.manifest["counts"]["passages"] == len(loaded.passages)


def test_changed_document_or_setting_makes_the_index_stale(tmp_path: Path) -> None:
    settings = _settings(tmp_path)
    _ensure(settings, HashingEmbedder())
    (settings.corpus_dir / "guide.md").write_text(GUIDE.replace("weekly", "daily"))
    state = freshness(settings, gather_inputs(settings))
    assert state.state == "stale" and any("guide.md changed" in reason for reason in state.reasons)
    smaller = _settings(tmp_path, chunk_max_chars=300)
    state = freshness(smaller, gather_inputs(smaller))
    assert any("chunk_max_chars" in reason for reason in state.reasons)
    rebuilt, _ = _ensure(settings, HashingEmbedder())
    assert rebuilt.built
    assert "daily" in " ".join(p.text for p in load_index(settings).passages)


def test_failed_build_leaves_previous_index_loadable(tmp_path: Path) -> None:
    settings = _settings(tmp_path)
    _ensure(settings, HashingEmbedder())
    before = current_build(settings.index_dir)
    (settings.corpus_dir / "guide.md").write_text(GUIDE + "\nA new paragraph that changes the fingerprint.\n")
    with pytest.raises(RuntimeError, match="simulated failure"):
        _ensure(settings, HashingEmbedder(fail_after=0))
    assert current_build(settings.index_dir) == before
    assert "new paragraph" not in " ".join(p.text for p in load_index(settings).passages)
    assert not [p for p in (settings.index_dir / "builds").iterdir() if p.name.endswith(".partial")]


def test_no_readable_document_keeps_the_old_index(tmp_path: Path) -> None:
    settings = _settings(tmp_path)
    _ensure(settings, HashingEmbedder())
    before = current_build(settings.index_dir)
    (settings.corpus_dir / "guide.md").unlink()
    with pytest.raises(IndexUnavailable, match="no document could be read"):
        _ensure(settings, HashingEmbedder())
    assert current_build(settings.index_dir) == before


def test_index_from_another_model_is_refused(tmp_path: Path) -> None:
    settings = _settings(tmp_path)
    _ensure(settings, HashingEmbedder())
    other = _settings(tmp_path, model_sha256="f" * 64)
    with pytest.raises(IndexUnavailable, match="another embedding model"):
        load_index(other)
    assert any("model_sha256" in reason for reason in freshness(other, gather_inputs(other)).reasons)


def test_missing_index_is_reported(tmp_path: Path) -> None:
    with pytest.raises(IndexUnavailable, match="no index"):
        load_index(_settings(tmp_path))


def test_forced_rebuilds_in_quick_succession_each_take_over(tmp_path: Path) -> None:
    settings = _settings(tmp_path)
    builds = []
    for _ in range(3):
        summary, _ = _ensure(settings, HashingEmbedder(), force=True)
        assert summary.built
        builds.append(current_build(settings.index_dir))
    assert len(set(builds)) == 3 and current_build(settings.index_dir) == builds[-1]
    assert len(list((settings.index_dir / "builds").iterdir())) <= 2


def test_an_unreadable_bm25_index_is_reported_when_first_searched(tmp_path: Path) -> None:
    settings = _settings(tmp_path)
    _ensure(settings, HashingEmbedder())
    loaded = load_index(settings)  # BM25 files are read on the first search, not here
    (current_build(settings.index_dir) / "bm25" / "vocab.index.json").write_text("{not json")
    with pytest.raises(IndexUnavailable, match="BM25 index .* is unreadable"):
        loaded.lexical.search("drug X", 5)


def test_a_fresh_index_never_reads_the_curated_set(tmp_path: Path) -> None:
    """Given what loads the set instead of the set, only a build calls it: a fresh index's command skips reading the YAML."""
    settings = _settings(tmp_path)
    calls: list[int] = []

    def curated():
        calls.append(1)
        return load_recommendations(settings.corpus_dir)

    built = ensure_index(settings, curated, HashingEmbedder, lambda *a: None, lambda m: None)
    assert built.built and calls == [1]
    assert not ensure_index(settings, curated, HashingEmbedder, lambda *a: None, lambda m: None).built
    assert calls == [1]  # fresh: the loader was not called
    assert ensure_index(settings, curated, HashingEmbedder, lambda *a: None, lambda m: None, force=True).built and calls == [1, 1]
