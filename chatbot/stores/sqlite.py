"""One SQLite file shared by threads: a connection per thread, WAL mode, waiting for locks instead of failing."""

from __future__ import annotations

import sqlite3
import threading
from collections.abc import Sequence
from pathlib import Path

from chatbot.errors import ConfigError


def migrate(connection: sqlite3.Connection, migrations: Sequence[str]) -> None:
    """Apply the migrations (scripts, version = position + 1) this file has not had yet, recording each in schema_version."""
    connection.execute("BEGIN IMMEDIATE")
    try:
        connection.execute("CREATE TABLE IF NOT EXISTS schema_version (version INTEGER PRIMARY KEY, applied_at REAL NOT NULL)")
        (current,) = connection.execute("SELECT COALESCE(MAX(version), 0) FROM schema_version").fetchone()
        if current > len(migrations):
            raise ConfigError(f"{connection_path(connection)} has schema version {current}, newer than this chatbot's {len(migrations)}",
                              hint="upgrade the chatbot, or point the setting at another file")
        for version, script in enumerate(migrations, start=1):
            if version > current:
                for statement in filter(str.strip, script.split(";")):
                    connection.execute(statement)
                connection.execute("INSERT INTO schema_version VALUES (?, julianday('now'))", (version,))
        connection.execute("COMMIT")
    except BaseException:
        connection.execute("ROLLBACK")
        raise


def connection_path(connection: sqlite3.Connection) -> str:
    """The file a connection is open on."""
    return next((row[2] for row in connection.execute("PRAGMA database_list") if row[1] == "main"), "?")


class ThreadConnections:
    """Per-thread connections to one SQLite file (autocommit; callers open transactions they need)."""

    def __init__(self, path: Path, migrations: str | Sequence[str], synchronous: str = "NORMAL") -> None:
        path.parent.mkdir(parents=True, exist_ok=True)
        self.path = path
        self._synchronous = synchronous
        self._local = threading.local()
        migrate(self.get(), [migrations] if isinstance(migrations, str) else migrations)

    def get(self) -> sqlite3.Connection:
        """This thread's connection, opened on first use."""
        connection = getattr(self._local, "connection", None)
        if connection is None:
            connection = sqlite3.connect(self.path, timeout=30, isolation_level=None)
            connection.execute("PRAGMA journal_mode=WAL")
            connection.execute(f"PRAGMA synchronous={self._synchronous}")
            self._local.connection = connection
        return connection
