"""A build's vectors: each unique text embedded once, unchanged documents' vectors taken from the previous build."""

from __future__ import annotations

from collections.abc import Callable, Sequence
from pathlib import Path
from typing import TYPE_CHECKING

from chatbot.errors import IndexUnavailable
from chatbot.index.embedding import Embedder
from chatbot.index.store import load_build, read_manifest
from chatbot.types import Document, Passage

if TYPE_CHECKING:
    import numpy as np


def embedder_key(embedder: Embedder) -> str:
    """What vectors are keyed by besides their text: the embedder's graph (or model) identity."""
    return str(getattr(embedder, "key", embedder.name))


def reusable_vectors(index_dir: Path, documents: Sequence[Document], key: str, text_of: Callable[[Passage], str]) -> dict[str, np.ndarray]:
    """Embedded text -> vector of the current build's documents whose sha256 is unchanged, when it was made by the same embedder."""
    manifest = read_manifest(index_dir)
    if not manifest or manifest.get("model", {}).get("embedder") != key:
        return {}
    try:
        previous = load_build(index_dir)
    except IndexUnavailable:
        return {}
    hashes = {d.id: d.sha256 for d in documents}
    unchanged = {doc_id for doc_id, old in previous.documents.items() if hashes.get(doc_id) == old.sha256}
    if not unchanged:
        return {}
    known: dict[str, np.ndarray] = {}
    rows = [row for row, passage in enumerate(previous.passages) if passage.document_id in unchanged]
    if rows:
        dense = previous.dense.reconstruct_n(0, previous.dense.ntotal)
        known.update((text_of(previous.passages[row]), dense[row]) for row in rows)
    for row, (position, start, end) in enumerate(previous.sentences):
        document_id = previous.passages[position].document_id
        if document_id in unchanged:
            known[previous.documents[document_id].text[start:end]] = previous.sentence_vectors[row]
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
