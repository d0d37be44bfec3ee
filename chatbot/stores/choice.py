"""The stores the settings choose: PostgreSQL when CHATBOT_DATABASE_URL is set, else SQLite files under the data folder."""

from __future__ import annotations

from chatbot.config import Settings, audit_file, sessions_file
from chatbot.stores.audit import AuditStore, PostgresAuditStore, SQLiteAuditStore
from chatbot.stores.sessions import PostgresSessionStore, SessionStore, SQLiteSessionStore
from chatbot.stores.slack import PostgresSlackStore, SlackStore, SQLiteSlackStore


def _database(settings: Settings):
    """The process's PostgreSQL database for these settings (checked and migrated on first use)."""
    from chatbot.stores.postgres import shared_database

    return shared_database(settings.database_url or "", settings.database_pool_size)


def session_store(settings: Settings) -> SessionStore:
    """Where conversations live."""
    return PostgresSessionStore(_database(settings)) if settings.database_url else SQLiteSessionStore(sessions_file(settings))


def audit_store(settings: Settings) -> AuditStore:
    """Where replies and feedback are recorded."""
    if settings.database_url:
        return PostgresAuditStore(_database(settings))
    return SQLiteAuditStore(audit_file(settings), settings.audit_flush_seconds)


def slack_store(settings: Settings) -> SlackStore:
    """Where Slack threads and handled events are kept."""
    return PostgresSlackStore(_database(settings)) if settings.database_url else SQLiteSlackStore(settings.data_dir / "slack.sqlite3")
