"""Conversations: turns kept per session behind a small store interface (SQLite, WAL, by default)."""

from __future__ import annotations

import json
import sqlite3
import time
import uuid
from dataclasses import dataclass, field
from pathlib import Path
from typing import Protocol

from chatbot.stores.sqlite import ThreadConnections


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

    def append(self, turn: Turn) -> None:
        """Record a turn (committed before this returns)."""
        ...


_SCHEMA = """
CREATE TABLE IF NOT EXISTS sessions (id TEXT PRIMARY KEY, created_at REAL NOT NULL);
CREATE TABLE IF NOT EXISTS turns (
    session_id TEXT NOT NULL REFERENCES sessions(id), idx INTEGER NOT NULL, question TEXT NOT NULL,
    resolved_question TEXT NOT NULL, status TEXT NOT NULL, recommendation_ids TEXT NOT NULL,
    population TEXT NOT NULL, created_at REAL NOT NULL, PRIMARY KEY (session_id, idx)
);
"""


class SQLiteSessionStore:
    """Sessions and turns in one SQLite file in WAL mode; one connection per thread."""

    def __init__(self, path: Path) -> None:
        self._connections = ThreadConnections(path, _SCHEMA)

    def _connect(self) -> sqlite3.Connection:
        """This thread's connection."""
        return self._connections.get()

    def check_writable(self) -> None:
        """StorageUnavailable unless a write can be committed now (readiness)."""
        self._connections.check_writable()

    def new_session(self) -> str:
        """Create a session and return its id."""
        session_id = uuid.uuid4().hex
        self._connect().execute("INSERT INTO sessions (id, created_at) VALUES (?, ?)", (session_id, time.time()))
        return session_id

    def exists(self, session_id: str) -> bool:
        """Whether a session id is known."""
        row = self._connect().execute("SELECT 1 FROM sessions WHERE id = ?", (session_id,)).fetchone()
        return row is not None

    def history(self, session_id: str, limit: int) -> list[Turn]:
        """The last `limit` turns, oldest first."""
        rows = self._connect().execute(
            "SELECT session_id, idx, question, resolved_question, status, recommendation_ids, population, created_at "
            "FROM turns WHERE session_id = ? ORDER BY idx DESC LIMIT ?",
            (session_id, limit),
        ).fetchall()
        return [
            Turn(row[0], row[1], row[2], row[3], row[4], tuple(json.loads(row[5])), json.loads(row[6]), row[7])
            for row in reversed(rows)
        ]

    def append(self, turn: Turn) -> None:
        """Record a turn with the next index of its session."""
        connection = self._connect()
        connection.execute("BEGIN IMMEDIATE")
        try:
            (count,) = connection.execute("SELECT COUNT(*) FROM turns WHERE session_id = ?", (turn.session_id,)).fetchone()
            connection.execute(
                "INSERT INTO turns VALUES (?, ?, ?, ?, ?, ?, ?, ?)",
                (turn.session_id, count, turn.question, turn.resolved_question, turn.status,
                 json.dumps(list(turn.recommendation_ids)), json.dumps(turn.population), turn.created_at or time.time()),
            )
            connection.execute("COMMIT")
        except BaseException:
            connection.execute("ROLLBACK")
            raise
