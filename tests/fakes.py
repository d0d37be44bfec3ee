"""Small deterministic stand-ins for unit tests (the real model is used in integration tests)."""

from __future__ import annotations

import hashlib
import re
from collections.abc import Callable, Sequence

import numpy as np


def hashing_embedder(settings: object = None) -> HashingEmbedder:
    """A factory for CHATBOT_EMBEDDER=fakes:hashing_embedder (the CLI in tests, without the real model)."""
    return HashingEmbedder()


class HashingEmbedder:
    """Bag-of-words vectors by hashing lowercased words: deterministic and instant."""

    name = "hashing-test-embedder"
    dimension = 64

    def __init__(self, fail_after: int | None = None) -> None:
        self.calls = 0
        self._fail_after = fail_after

    def embed(self, texts: Sequence[str], on_batch: Callable[[int], None] | None = None) -> np.ndarray:
        """One normalised vector per text; raises after `fail_after` calls to simulate a crash."""
        self.calls += 1
        if self._fail_after is not None and self.calls > self._fail_after:
            raise RuntimeError("simulated failure while embedding")
        vectors = np.zeros((len(texts), self.dimension), dtype=np.float32)
        for row, text in enumerate(texts):
            for word in re.findall(r"\w+", text.lower()):
                vectors[row, int(hashlib.md5(word.encode()).hexdigest(), 16) % self.dimension] += 1.0
        norms = np.linalg.norm(vectors, axis=1, keepdims=True)
        if on_batch:
            on_batch(len(texts))
        return vectors / np.where(norms == 0, 1, norms)
