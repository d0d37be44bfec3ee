"""Conversations: turns and a JSON state kept per session behind a small store interface (SQLite by default, or PostgreSQL)."""

from __future__ import annotations

import json
import time
import uuid
from dataclasses import dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING, Protocol

from chatbot.stores.sqlite import Connection, ThreadConnections

if TYPE_CHECKING:
    from chatbot.stores.postgres import Database


@dataclass(frozen=True)
class Turn:
    """One question of a conversation and what the bot made of it."""

    session_id: str
    index: int
    question: str
    resolved_question: str
    status: str
    recommendation_ids: tuple[str, ...] = ()
    population: dict[str, str] = field(default_factory=dict)  # facets named so far, e.g. {"ph_status": "positive"}
    created_at: float = 0.0


class SessionStore(Protocol):
    """Where conversations live: SQLite here, PostgreSQL when several replicas share them."""

    def new_session(self) -> str:
        """Create a session and return its id."""
        ...

    def exists(self, session_id: str) -> bool:
        """Whether a session id is known."""
        ...

    def history(self, session_id: str, limit: int) -> list[Turn]:
        """The last `limit` turns, oldest first ([] for a new or unknown session)."""
        ...

    def append(self, turn: Turn, state: dict | None = None) -> None:
        """Record a turn, and replace the session's state when given, in one transaction (committed before this returns)."""
        ...

    def state(self, session_id: str) -> dict:
        """The session's JSON state ({} for a new or unknown session)."""
        ...

    def set_state(self, session_id: str, state: dict) -> None:
        """Replace the session's JSON state."""
        ...


_SCHEMA = """
CREATE TABLE IF NOT EXISTS sessions (id TEXT PRIMARY KEY, created_at REAL NOT NULL);
CREATE TABLE IF NOT EXISTS turns (
    session_id TEXT NOT NULL REFERENCES sessions(id), idx INTEGER NOT NULL, question TEXT NOT NULL,
    resolved_question TEXT NOT NULL, status TEXT NOT NULL, recommendation_ids TEXT NOT NULL,
    population TEXT NOT NULL, created_at REAL NOT NULL, PRIMARY KEY (session_id, idx)
);
"""
_MIGRATIONS = (_SCHEMA, "ALTER TABLE sessions ADD COLUMN state TEXT NOT NULL DEFAULT '{}'")
_TURN_COLUMNS = "session_id, idx, question, resolved_question, status, recommendation_ids, population, created_at"


def _turn(row: tuple) -> Turn:
    """A turn from a row of _TURN_COLUMNS (JSON columns as text or already decoded)."""
    ids, population = (json.loads(value) if isinstance(value, str) else value for value in (row[5], row[6]))
    return Turn(row[0], row[1], row[2], row[3], row[4], tuple(ids), population, row[7])


class SQLiteSessionStore:
    """Sessions and turns in one SQLite file in WAL mode; one connection per thread."""

    def __init__(self, path: Path) -> None:
        self._connections = ThreadConnections(path, _MIGRATIONS)

    def _connect(self) -> Connection:
        """This thread's connection."""
        return self._connections.get()

    def check_writable(self) -> None:
        """StorageUnavailable unless a write can be committed now (readiness)."""
        self._connections.check_writable()

    def new_session(self) -> str:
        """Create a session and return its id."""
        session_id = uuid.uuid4().hex
        with self._connections.write_lock:
            self._connect().execute("INSERT INTO sessions (id, created_at) VALUES (?, ?)", (session_id, time.time()))
        return session_id

    def exists(self, session_id: str) -> bool:
        """Whether a session id is known."""
        row = self._connect().execute("SELECT 1 FROM sessions WHERE id = ?", (session_id,)).fetchone()
        return row is not None

    def history(self, session_id: str, limit: int) -> list[Turn]:
        """The last `limit` turns, oldest first."""
        rows = (
            self._connect()
            .execute(f"SELECT {_TURN_COLUMNS} FROM turns WHERE session_id = ? ORDER BY idx DESC LIMIT ?", (session_id, limit))
            .fetchall()
        )
        return [_turn(row) for row in reversed(rows)]

    def append(self, turn: Turn, state: dict | None = None) -> None:
        """Record a turn with the next index of its session (and its new state)."""
        with self._connections.write_lock:
            self._append(turn, state)

    def _append(self, turn: Turn, state: dict | None) -> None:
        """append's transaction."""
        connection = self._connect()
        connection.execute("BEGIN IMMEDIATE")
        try:
            (count,) = connection.execute("SELECT COUNT(*) FROM turns WHERE session_id = ?", (turn.session_id,)).fetchone()
            connection.execute(
                "INSERT INTO turns VALUES (?, ?, ?, ?, ?, ?, ?, ?)",
                (
                    turn.session_id,
                    count,
                    turn.question,
                    turn.resolved_question,
                    turn.status,
                    json.dumps(list(turn.recommendation_ids)),
                    json.dumps(turn.population),
                    turn.created_at or time.time(),
                ),
            )
            if state is not None:
                connection.execute("UPDATE sessions SET state = ? WHERE id = ?", (json.dumps(state), turn.session_id))
            connection.execute("COMMIT")
        except BaseException:
            connection.execute("ROLLBACK")
            raise

    def state(self, session_id: str) -> dict:
        """The session's JSON state."""
        row = self._connect().execute("SELECT state FROM sessions WHERE id = ?", (session_id,)).fetchone()
        return json.loads(row[0]) if row else {}

    def set_state(self, session_id: str, state: dict) -> None:
        """Replace the session's JSON state."""
        with self._connections.write_lock:
            self._connect().execute("UPDATE sessions SET state = ? WHERE id = ?", (json.dumps(state), session_id))


class PostgresSessionStore:
    """Sessions, turns and state in PostgreSQL, shared by every replica; writes as durable as the SQLite store's (see Database.transaction)."""

    def __init__(self, database: Database) -> None:
        self.database = database

    def new_session(self) -> str:
        """Create a session and return its id."""
        session_id = uuid.uuid4().hex
        with self.database.transaction(durable=False) as connection:
            connection.execute("INSERT INTO sessions (id, created_at) VALUES (%s, %s)", (session_id, time.time()))
        return session_id

    def exists(self, session_id: str) -> bool:
        """Whether a session id is known."""
        with self.database.connection() as connection:
            return connection.execute("SELECT 1 FROM sessions WHERE id = %s", (session_id,)).fetchone() is not None

    def history(self, session_id: str, limit: int) -> list[Turn]:
        """The last `limit` turns, oldest first."""
        with self.database.connection() as connection:
            rows = connection.execute(
                f"SELECT {_TURN_COLUMNS} FROM turns WHERE session_id = %s ORDER BY idx DESC LIMIT %s", (session_id, limit)
            ).fetchall()
        return [_turn(row) for row in reversed(rows)]

    def append(self, turn: Turn, state: dict | None = None) -> None:
        """Record a turn with the next index of its session (the session row locked meanwhile), and its new state."""
        from psycopg.types.json import Jsonb

        with self.database.transaction(durable=False) as connection:
            connection.execute("SELECT 1 FROM sessions WHERE id = %s FOR UPDATE", (turn.session_id,))
            connection.execute(
                f"INSERT INTO turns ({_TURN_COLUMNS}) SELECT %s, COALESCE(MAX(idx) + 1, 0), %s, %s, %s, %s, %s, %s "
                "FROM turns WHERE session_id = %s",
                (
                    turn.session_id,
                    turn.question,
                    turn.resolved_question,
                    turn.status,
                    Jsonb(list(turn.recommendation_ids)),
                    Jsonb(turn.population),
                    turn.created_at or time.time(),
                    turn.session_id,
                ),
            )
            if state is not None:
                connection.execute("UPDATE sessions SET state = %s WHERE id = %s", (Jsonb(state), turn.session_id))

    def state(self, session_id: str) -> dict:
        """The session's JSON state."""
        with self.database.connection() as connection:
            row = connection.execute("SELECT state FROM sessions WHERE id = %s", (session_id,)).fetchone()
        return row[0] if row else {}

    def set_state(self, session_id: str, state: dict) -> None:
        """Replace the session's JSON state."""
        from psycopg.types.json import Jsonb

        with self.database.transaction(durable=False) as connection:
            connection.execute("UPDATE sessions SET state = %s WHERE id = %s", (Jsonb(state), session_id))
