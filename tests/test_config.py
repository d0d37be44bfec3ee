"""Settings: one object, environment prefix CHATBOT_, unknown keys fail, fingerprints are stable."""

import pytest

from chatbot.config import fingerprint, load_settings, settings_fingerprint
from chatbot.errors import ConfigError


def test_environment_overrides_defaults(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("CHATBOT_CHUNK_MAX_CHARS", "900")
    assert load_settings().chunk_max_chars == 900


def test_unknown_environment_key_fails(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("CHATBOT_CHUNK_SIZE", "900")
    with pytest.raises(ConfigError, match="CHATBOT_CHUNK_SIZE"):
        load_settings()


def test_invalid_value_fails_clearly(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("CHATBOT_RETRIEVE_TOP_K", "zero")
    with pytest.raises(ConfigError, match="retrieve_top_k"):
        load_settings()


def test_fingerprints_change_with_what_shapes_the_index() -> None:
    base = load_settings()
    assert settings_fingerprint(base) == settings_fingerprint(load_settings())
    assert fingerprint(base.index_fingerprint_fields()) != fingerprint(load_settings(chunk_max_chars=600).index_fingerprint_fields())
    assert fingerprint(base.index_fingerprint_fields()) == fingerprint(load_settings(retrieve_top_k=3).index_fingerprint_fields())
