"""ChatbotError and its few subclasses: each carries an HTTP status and a hint for the user."""

from __future__ import annotations


class ChatbotError(Exception):
    """An error a user can act on: message, HTTP status and a hint."""

    code = "chatbot_error"
    status = 500

    def __init__(self, message: str, *, hint: str = "", status: int | None = None) -> None:
        super().__init__(message)
        self.message = message
        self.hint = hint
        if status is not None:
            self.status = status


class ConfigError(ChatbotError):
    """Settings or corpus configuration that cannot be used."""

    code = "config_error"
    status = 500


class ReadError(ChatbotError):
    """A document that cannot be read (corrupt, encrypted, empty, unsupported)."""

    code = "read_error"
    status = 422


class IndexUnavailable(ChatbotError):
    """An index that is missing, stale, mismatched or failed to build."""

    code = "index_unavailable"
    status = 503


class ModelError(ChatbotError):
    """The bundled embedding model is missing or does not match its expected hash."""

    code = "model_error"
    status = 503


class RecommendationSetError(ChatbotError):
    """The structured recommendation set fails its schema or its counts."""

    code = "recommendation_set_error"
    status = 500


class InvalidInput(ChatbotError):
    """A question or text that cannot be processed as given."""

    code = "invalid_input"
    status = 422


class NotFound(ChatbotError):
    """A session, recommendation, document or answer that does not exist."""

    code = "not_found"
    status = 404


class StorageUnavailable(ChatbotError):
    """The sessions or audit store cannot be opened or written (disk full, read-only, missing folder)."""

    code = "storage_unavailable"
    status = 503
