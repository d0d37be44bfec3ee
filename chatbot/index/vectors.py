"""A build's vectors: each unique text embedded once, the previous build's vectors reused for the texts it embedded."""

from __future__ import annotations

from collections.abc import Callable, Sequence
from pathlib import Path
from typing import TYPE_CHECKING

from chatbot.errors import IndexUnavailable
from chatbot.index.embedding import Embedder
from chatbot.index.store import load_build, read_manifest
from chatbot.types import Passage

if TYPE_CHECKING:
    import numpy as np


def embedder_key(embedder: Embedder) -> str:
    """What vectors are keyed by besides their text: the embedder's graph (or model) identity."""
    return str(getattr(embedder, "key", embedder.name))


def reusable_vectors(index_dir: Path, key: str, text_of: Callable[[Passage], str]) -> dict[str, np.ndarray]:
    """Embedded text -> vector of every passage and sentence of the previous build, when the same embedder made it.

    A vector depends only on its text and the embedder, so a changed document's unchanged passages and sentences keep theirs.
    """
    manifest = read_manifest(index_dir)
    if not manifest or manifest.get("model", {}).get("embedder") != key:
        return {}
    try:
        previous = load_build(index_dir)
    except IndexUnavailable:
        return {}
    known: dict[str, np.ndarray] = {}
    if previous.passages:
        dense = previous.dense.reconstruct_n(0, previous.dense.ntotal)
        known.update((text_of(passage), dense[row]) for row, passage in enumerate(previous.passages))
    for row, (position, start, end) in enumerate(previous.sentences):
        known[previous.documents[previous.passages[position].document_id].text[start:end]] = previous.sentence_vectors[row]
    return known


def embed_unique(
    embedder: Embedder, texts: Sequence[str], known: dict[str, np.ndarray], on_batch: Callable[[int, int], None] | None = None
) -> tuple[np.ndarray, int]:
    """Vectors of `texts` in order, embedding each text not in `known` once; also how many were embedded."""
    import numpy as np

    fresh = list(dict.fromkeys(text for text in texts if text not in known))
    vectors = embedder.embed(fresh, on_batch=(lambda done: on_batch(done, len(fresh))) if on_batch else None) if fresh else None
    table = dict(known)
    if vectors is not None:
        table.update(zip(fresh, vectors))
    if not texts:
        return np.zeros((0, embedder.dimension), dtype=np.float32), 0
    return np.vstack([table[text] for text in texts]).astype(np.float32), len(fresh)
