"""One SQLite file shared by threads: a connection per thread, WAL mode, waiting for locks instead of failing.

Every SQLite or file-system error leaves as StorageUnavailable (503 over HTTP, one line on the command line).
"""

from __future__ import annotations

import os
import sqlite3
import threading
import time
from collections.abc import Callable, Sequence
from pathlib import Path

from chatbot.errors import ConfigError, StorageUnavailable

_HINT = "check that the data folder exists, is writable and its disk is not full (CHATBOT_DATA_DIR)"


def migrate(connection: sqlite3.Connection | Connection, migrations: Sequence[str]) -> None:
    """Apply the migrations (scripts, version = position + 1) this file has not had yet, recording each in schema_version."""
    connection.execute("BEGIN IMMEDIATE")
    try:
        connection.execute("CREATE TABLE IF NOT EXISTS schema_version (version INTEGER PRIMARY KEY, applied_at REAL NOT NULL)")
        (current,) = connection.execute("SELECT COALESCE(MAX(version), 0) FROM schema_version").fetchone()
        if current > len(migrations):
            raise ConfigError(
                f"{connection_path(connection)} has schema version {current}, newer than this chatbot's {len(migrations)}",
                hint="upgrade the chatbot, or point the setting at another file",
            )
        for version, script in enumerate(migrations, start=1):
            if version > current:
                for statement in filter(str.strip, script.split(";")):
                    connection.execute(statement)
                connection.execute("INSERT INTO schema_version VALUES (?, julianday('now'))", (version,))
        connection.execute("COMMIT")
    except BaseException:
        connection.execute("ROLLBACK")
        raise


def connection_path(connection: sqlite3.Connection | Connection) -> str:
    """The file a connection is open on."""
    return next((row[2] for row in connection.execute("PRAGMA database_list") if row[1] == "main"), "?")


def storage_error(path: Path, exc: BaseException) -> StorageUnavailable:
    """A StorageUnavailable naming the file and the cause."""
    cause = getattr(exc, "strerror", None) or str(exc) or type(exc).__name__
    return StorageUnavailable(f"cannot use the data store {path}: {cause}", hint=_HINT)


class Connection:
    """A sqlite3 connection whose errors become StorageUnavailable."""

    def __init__(self, raw: sqlite3.Connection, path: Path) -> None:
        self._raw, self._path = raw, path

    def execute(self, sql: str, parameters: tuple = ()) -> sqlite3.Cursor:
        try:
            return self._raw.execute(sql, parameters)
        except sqlite3.Error as exc:
            raise storage_error(self._path, exc) from exc

    def executescript(self, script: str) -> sqlite3.Cursor:
        try:
            return self._raw.executescript(script)
        except sqlite3.Error as exc:
            raise storage_error(self._path, exc) from exc


class ThreadConnections:
    """Per-thread connections to one SQLite file (autocommit; callers open transactions they need)."""

    def __init__(self, path: Path, migrations: str | Sequence[str], synchronous: str = "NORMAL") -> None:
        try:
            path.parent.mkdir(parents=True, exist_ok=True)
        except OSError as exc:
            raise storage_error(path, exc) from exc
        self.path = path
        self._synchronous = synchronous
        self._local = threading.local()
        self.write_lock = threading.Lock()  # this process's writers queue here, not in SQLite's sleeping lock back-off
        migrate(self.get(), [migrations] if isinstance(migrations, str) else migrations)

    def get(self) -> Connection:
        """This thread's connection, opened on first use (again in a forked child: SQLite connections must not cross a fork)."""
        connection = getattr(self._local, "connection", None)
        if connection is None or self._local.pid != os.getpid():
            try:
                raw = sqlite3.connect(self.path, timeout=30, isolation_level=None)
                raw.execute("PRAGMA journal_mode=WAL")
                raw.execute(f"PRAGMA synchronous={self._synchronous}")
            except sqlite3.Error as exc:
                raise storage_error(self.path, exc) from exc
            connection = self._local.connection = Connection(raw, self.path)
            self._local.pid = os.getpid()
        return connection

    def check_writable(self) -> None:
        """Commit one tiny write; StorageUnavailable when the file cannot be written now."""
        connection = self.get()
        connection.execute("CREATE TABLE IF NOT EXISTS readiness_probe (id INTEGER PRIMARY KEY, at REAL NOT NULL)")
        connection.execute("INSERT OR REPLACE INTO readiness_probe VALUES (1, ?)", (time.time(),))


class ProcessThread:
    """A daemon thread started on first use in each process (a forked child starts its own)."""

    def __init__(self, target: Callable[[], None], name: str) -> None:
        self._target, self._name = target, name
        self._lock = threading.Lock()
        self._owner_pid = 0  # the process whose thread runs

    def ensure(self) -> None:
        """Start the thread unless this process already runs it."""
        if self._owner_pid == os.getpid():
            return
        with self._lock:
            if self._owner_pid != os.getpid():
                threading.Thread(target=self._target, name=self._name, daemon=True).start()
                self._owner_pid = os.getpid()
