"""Group commit for one SQLite file: a writer thread commits the writes of concurrent callers together, one fsync per batch.

Each caller still waits until its own write is durable, so nothing is acknowledged before it is on disk;
callers never meet SQLite's lock back-off (sleeps of up to seconds when writers collide).
"""

from __future__ import annotations

import queue
from concurrent.futures import Future
from dataclasses import dataclass, field

from chatbot.stores.sqlite import ProcessThread, ThreadConnections

MAX_BATCH = 256


@dataclass
class _Write:
    """One caller's statement and the future it waits on."""

    sql: str
    parameters: tuple
    done: Future = field(default_factory=Future)


class GroupCommitter:
    """Runs callers' single-statement writes on one thread, many to a transaction; a failing statement fails only its caller."""

    def __init__(self, connections: ThreadConnections) -> None:
        self._connections = connections
        self._queue: queue.SimpleQueue[_Write] = queue.SimpleQueue()
        self._writer = ProcessThread(self._run, f"group-commit {connections.path.name}")

    unflushed = False  # every commit is on disk before its caller returns (SQLite's synchronous=FULL)

    def flush(self) -> None:
        """Nothing to flush: each commit was on disk before its caller returned."""

    def write(self, sql: str, parameters: tuple = ()) -> None:
        """Execute one statement and return once it is committed; its own error (StorageUnavailable) is raised here."""
        write = _Write(sql, parameters)
        self._writer.ensure()
        self._queue.put(write)
        write.done.result()

    def _run(self) -> None:
        """Take what is queued, commit it as one transaction, wake its callers; forever."""
        while True:
            batch = [self._queue.get()]
            while len(batch) < MAX_BATCH:
                try:
                    batch.append(self._queue.get_nowait())
                except queue.Empty:
                    break
            try:
                self._commit(batch)
            except Exception as exc:  # noqa: BLE001 - a fault here must not leave callers waiting for ever
                for write in batch:
                    if not write.done.done():
                        write.done.set_exception(exc)

    def _commit(self, batch: list[_Write]) -> None:
        """One transaction for the batch, a savepoint per write so that one bad write does not undo the others."""
        try:
            connection = self._connections.get()
            connection.execute("BEGIN IMMEDIATE")
        except Exception as exc:  # noqa: BLE001 - every caller learns why (StorageUnavailable); the writer lives on
            for write in batch:
                write.done.set_exception(exc)
            return
        failed: dict[int, BaseException] = {}
        for position, write in enumerate(batch):
            try:
                connection.execute("SAVEPOINT one_write")
                connection.execute(write.sql, write.parameters)
                connection.execute("RELEASE one_write")
            except Exception as exc:  # noqa: BLE001 - handed to the caller below
                failed[position] = exc
                try:
                    connection.execute("ROLLBACK TO one_write")
                    connection.execute("RELEASE one_write")
                except Exception:  # noqa: BLE001, S110 - the COMMIT below reports a broken transaction
                    pass
        try:
            connection.execute("COMMIT")
        except Exception as exc:  # noqa: BLE001
            try:
                connection.execute("ROLLBACK")
            except Exception:  # noqa: BLE001, S110 - already rolled back by SQLite
                pass
            failed = dict.fromkeys(range(len(batch)), exc)
        for position, write in enumerate(batch):
            if position in failed:
                write.done.set_exception(failed[position])
            else:
                write.done.set_result(None)
