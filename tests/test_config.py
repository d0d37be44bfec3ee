"""Settings: one object, environment prefix CHATBOT_, unknown keys fail, fingerprints are stable."""

import json
from pathlib import Path

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


def test_list_settings_are_read_as_json_lists(monkeypatch: pytest.MonkeyPatch, tmp_path: Path) -> None:
    monkeypatch.setenv("CHATBOT_CORS_ORIGINS", '["https://a.example", "https://b.example"]')
    monkeypatch.setenv("CHATBOT_PACKS", json.dumps([str(tmp_path / "one"), str(tmp_path / "two")]))
    settings = load_settings()
    assert settings.cors_origins == ("https://a.example", "https://b.example")
    assert settings.packs == (tmp_path / "one", tmp_path / "two")


def test_a_list_setting_that_is_not_json_fails_clearly(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("CHATBOT_API_KEY_HASHES", "abc,def")
    with pytest.raises(ConfigError, match="CHATBOT_API_KEY_HASHES must be a JSON list"):
        load_settings()


def test_explicit_settings_win_over_the_environment(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("CHATBOT_RETRIEVE_TOP_K", "7")
    monkeypatch.setenv("CHATBOT_USE_DENSE", "false")
    settings = load_settings(retrieve_top_k=4)
    assert settings.retrieve_top_k == 4 and settings.use_dense is False
