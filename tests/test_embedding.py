"""The bundled model is hash-checked before loading; a changed or missing file is refused."""

import hashlib
from pathlib import Path

import pytest

from chatbot.config import BUNDLED_MODEL_SHA256
from chatbot.errors import ModelError
from chatbot.index.embedding import WEIGHTS_FILE, bundled_model_dir, file_sha256, verify_model


def test_bundled_weights_match_the_pinned_hash() -> None:
    verify_model(bundled_model_dir(), BUNDLED_MODEL_SHA256)


def test_tampered_weights_are_refused(tmp_path: Path) -> None:
    (tmp_path / WEIGHTS_FILE).write_bytes(b"not the model")
    with pytest.raises(ModelError, match="expected"):
        verify_model(tmp_path, BUNDLED_MODEL_SHA256)


def test_missing_weights_are_refused(tmp_path: Path) -> None:
    with pytest.raises(ModelError, match="not found"):
        verify_model(tmp_path, BUNDLED_MODEL_SHA256)


def test_file_hash_of_a_multi_block_file_equals_the_one_shot_hash(tmp_path: Path) -> None:
    data = bytes(range(256)) * (5 << 12)  # 5 MiB: several read blocks
    path = tmp_path / "blob"
    path.write_bytes(data)
    assert file_sha256(path) == hashlib.sha256(data).hexdigest()
