"""Slack threads mapped to chatbot sessions, and the event ids already handled (SQLite by default, or PostgreSQL)."""

from __future__ import annotations

import time
from pathlib import Path
from typing import TYPE_CHECKING, Protocol

from chatbot.stores.sqlite import Connection, ThreadConnections

if TYPE_CHECKING:
    from chatbot.stores.postgres import Database

EVENT_MEMORY_SECONDS = 24 * 3600

_SCHEMA = """
CREATE TABLE IF NOT EXISTS threads (
    team TEXT NOT NULL, channel TEXT NOT NULL, thread_ts TEXT NOT NULL, session_id TEXT NOT NULL,
    updated_at REAL NOT NULL, PRIMARY KEY (team, channel, thread_ts)
);
CREATE TABLE IF NOT EXISTS events (event_id TEXT PRIMARY KEY, received_at REAL NOT NULL);
"""


class SlackStore(Protocol):
    """Which session a Slack thread continues, and which events were already answered."""

    def claim_event(self, event_id: str) -> bool:
        """True the first time an event id is seen (by any replica), False for a retry of one already handled."""
        ...

    def session_for(self, team: str, channel: str, thread_ts: str) -> str | None:
        """The session a thread continues, if any."""
        ...

    def remember(self, team: str, channel: str, thread_ts: str, session_id: str) -> None:
        """Link a thread to a session."""
        ...


class SQLiteSlackStore:
    """Slack thread -> session id, and the event ids already handled; SQLite in WAL, one connection per thread."""

    def __init__(self, path: Path) -> None:
        self._connections = ThreadConnections(path, _SCHEMA)

    def _connect(self) -> Connection:
        """This thread's connection."""
        return self._connections.get()

    def claim_event(self, event_id: str) -> bool:
        """True the first time an event id is seen, False for a retry of one already handled."""
        connection = self._connect()
        now = time.time()
        connection.execute("DELETE FROM events WHERE received_at < ?", (now - EVENT_MEMORY_SECONDS,))
        cursor = connection.execute("INSERT OR IGNORE INTO events (event_id, received_at) VALUES (?, ?)", (event_id, now))
        return cursor.rowcount == 1

    def session_for(self, team: str, channel: str, thread_ts: str) -> str | None:
        """The session a thread continues, if any."""
        row = (
            self._connect()
            .execute("SELECT session_id FROM threads WHERE team = ? AND channel = ? AND thread_ts = ?", (team, channel, thread_ts))
            .fetchone()
        )
        return row[0] if row else None

    def remember(self, team: str, channel: str, thread_ts: str, session_id: str) -> None:
        """Link a thread to a session."""
        self._connect().execute(
            "INSERT INTO threads VALUES (?, ?, ?, ?, ?) ON CONFLICT (team, channel, thread_ts) "
            "DO UPDATE SET session_id = excluded.session_id, updated_at = excluded.updated_at",
            (team, channel, thread_ts, session_id, time.time()),
        )


class PostgresSlackStore:
    """The same in PostgreSQL: a retry delivered to another replica is still answered once."""

    def __init__(self, database: Database) -> None:
        self.database = database

    def claim_event(self, event_id: str) -> bool:
        """True the first time an event id is seen by any replica."""
        now = time.time()
        with self.database.transaction(durable=False) as connection:
            connection.execute("DELETE FROM slack_events WHERE received_at < %s", (now - EVENT_MEMORY_SECONDS,))
            cursor = connection.execute(
                "INSERT INTO slack_events (event_id, received_at) VALUES (%s, %s) ON CONFLICT (event_id) DO NOTHING", (event_id, now)
            )
            return cursor.rowcount == 1

    def session_for(self, team: str, channel: str, thread_ts: str) -> str | None:
        """The session a thread continues, if any."""
        with self.database.connection() as connection:
            row = connection.execute(
                "SELECT session_id FROM slack_threads WHERE team = %s AND channel = %s AND thread_ts = %s", (team, channel, thread_ts)
            ).fetchone()
        return row[0] if row else None

    def remember(self, team: str, channel: str, thread_ts: str, session_id: str) -> None:
        """Link a thread to a session."""
        with self.database.transaction(durable=False) as connection:
            connection.execute(
                "INSERT INTO slack_threads VALUES (%s, %s, %s, %s, %s) ON CONFLICT (team, channel, thread_ts) "
                "DO UPDATE SET session_id = excluded.session_id, updated_at = excluded.updated_at",
                (team, channel, thread_ts, session_id, time.time()),
            )
