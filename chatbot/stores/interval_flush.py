"""Writes to one SQLite file committed on the caller's thread, the write-ahead log flushed to disk every few seconds.

A commit (synchronous=NORMAL) is in the write-ahead log when write() returns: it survives the process being killed,
and a thread flushes the log to disk (fsync) within `flush_seconds`, so a power cut or an operating-system crash can
lose only the commits of that window; the file stays consistent either way. The caller needs no other thread to be
scheduled (group commit hands each write to a writer thread, worth it only when every commit waits for the disk).
"""

from __future__ import annotations

import atexit
import os
import threading
import time

from chatbot.stores.sqlite import ProcessThread, ThreadConnections


class IntervalFlusher:
    """Single-statement writes committed at once under the process's write lock; their log flushed to disk within `flush_seconds`."""

    def __init__(self, connections: ThreadConnections, flush_seconds: float) -> None:
        self._connections = connections
        self._flush_seconds = flush_seconds
        self._unflushed_since: float | None = None  # when the oldest commit not yet on disk was made
        self._flush_lock = threading.Lock()
        self._flusher = ProcessThread(self._flush_every_interval, f"flush {connections.path.name}")
        atexit.register(self.flush)  # a clean exit leaves nothing to the page cache

    @property
    def unflushed(self) -> bool:
        """Whether a commit is in the write-ahead log but not yet flushed to disk."""
        return self._unflushed_since is not None

    def write(self, sql: str, parameters: tuple = ()) -> None:
        """Execute one statement in its own transaction, committed before this returns (StorageUnavailable if it cannot be)."""
        self._flusher.ensure()
        connection = self._connections.get()
        with self._connections.write_lock:  # this process's writers queue here, not in SQLite's sleeping back-off
            connection.execute("BEGIN IMMEDIATE")
            try:
                connection.execute(sql, parameters)
                connection.execute("COMMIT")
            except BaseException:
                try:
                    connection.execute("ROLLBACK")
                except Exception:  # noqa: BLE001, S110 - already rolled back by SQLite; the first error is the one to report
                    pass
                raise
            if self._unflushed_since is None:
                self._unflushed_since = time.monotonic()

    def flush(self) -> None:
        """Flush the committed write-ahead log to disk now (fsync); nothing to do when every commit is already there."""
        with self._flush_lock:
            if self._unflushed_since is None:
                return
            self._unflushed_since = None  # commits made from here on wait for the next flush
            wal = self._connections.path.with_name(self._connections.path.name + "-wal")
            try:
                descriptor = os.open(wal, os.O_RDONLY)
            except FileNotFoundError:  # checkpointed and removed: SQLite synced the database file itself
                return
            try:
                os.fsync(descriptor)
            finally:
                os.close(descriptor)

    def _flush_every_interval(self) -> None:
        """Flush whatever was committed, once per interval; forever. A failed flush is tried again an interval later."""
        while True:
            time.sleep(self._flush_seconds)
            since = self._unflushed_since
            try:
                self.flush()
            except OSError:
                if self._unflushed_since is None:
                    self._unflushed_since = since
