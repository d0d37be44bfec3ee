"""The stores a Chatbot writes to, opened once from the settings."""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

from chatbot.config import Settings
from chatbot.stores.audit import AuditStore, SQLiteAuditStore
from chatbot.stores.choice import audit_store, session_store
from chatbot.stores.sessions import SessionStore, SQLiteSessionStore


@dataclass(frozen=True)
class Stores:
    """Conversations and the audit trail (with feedback)."""

    sessions: SessionStore
    audit: AuditStore


def open_stores(settings: Settings) -> Stores:
    """The production stores the settings name: PostgreSQL with CHATBOT_DATABASE_URL, else SQLite files under the data folder."""
    return Stores(session_store(settings), audit_store(settings))


def scratch_stores(folder: Path) -> Stores:
    """Stores of their own in `folder`, for an evaluation run that must not touch production data."""
    folder.mkdir(parents=True, exist_ok=True)
    return Stores(SQLiteSessionStore(folder / "sessions.sqlite3"), SQLiteAuditStore(folder / "audit.sqlite3"))
