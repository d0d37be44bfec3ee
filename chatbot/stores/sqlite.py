"""One SQLite file shared by threads: a connection per thread, WAL mode, waiting for locks instead of failing."""

from __future__ import annotations

import sqlite3
import threading
from pathlib import Path


class ThreadConnections:
    """Per-thread connections to one SQLite file (autocommit; callers open transactions they need)."""

    def __init__(self, path: Path, schema: str, synchronous: str = "NORMAL") -> None:
        path.parent.mkdir(parents=True, exist_ok=True)
        self.path = path
        self._synchronous = synchronous
        self._local = threading.local()
        self.get().executescript(schema)

    def get(self) -> sqlite3.Connection:
        """This thread's connection, opened on first use."""
        connection = getattr(self._local, "connection", None)
        if connection is None:
            connection = sqlite3.connect(self.path, timeout=30, isolation_level=None)
            connection.execute("PRAGMA journal_mode=WAL")
            connection.execute(f"PRAGMA synchronous={self._synchronous}")
            self._local.connection = connection
        return connection
