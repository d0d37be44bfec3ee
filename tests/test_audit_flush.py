"""The SQLite audit trail with a flush interval: every reply is committed before record() returns, and put on disk soon after."""

from __future__ import annotations

import os
import threading
import time
from pathlib import Path

from chatbot.config import load_settings
from chatbot.stores.audit import AuditEntry, SQLiteAuditStore
from chatbot.stores.choice import audit_store
from chatbot.stores.sqlite import ThreadConnections

SYNCHRONOUS = {0: "OFF", 1: "NORMAL", 2: "FULL", 3: "EXTRA"}


def _entry(answer_id: str) -> AuditEntry:
    return AuditEntry(answer_id, time.time(), "test", "s1", "q?", "q?", "answered", [], ["R1"], "v1", "f1", "pass", [], 12.5, 1)


def _synchronous(store: SQLiteAuditStore) -> str:
    return SYNCHRONOUS[store._connect().execute("PRAGMA synchronous").fetchone()[0]]


def test_the_setting_chooses_fsync_per_reply_or_a_flush_interval(tmp_path: Path) -> None:
    every = audit_store(load_settings(data_dir=tmp_path / "a"))
    interval = audit_store(load_settings(data_dir=tmp_path / "b", audit_flush_seconds=1))
    assert isinstance(every, SQLiteAuditStore) and isinstance(interval, SQLiteAuditStore)
    assert _synchronous(every) == "FULL"  # each commit waits for the disk
    assert _synchronous(interval) == "NORMAL"  # each commit is in the write-ahead log; the writer flushes it
    assert load_settings().audit_flush_seconds == 0  # by default a reply's record is on disk before the reply


def test_concurrent_replies_are_all_committed_before_record_returns(tmp_path: Path) -> None:
    store = SQLiteAuditStore(tmp_path / "audit.sqlite3", flush_seconds=30)  # no flush during the test: commits alone
    recorded: list[str] = []
    lock = threading.Lock()

    def writer(number: int) -> None:
        for count in range(25):
            answer_id = f"w{number}-{count}"
            store.record(_entry(answer_id))
            with lock:
                recorded.append(answer_id)

    threads = [threading.Thread(target=writer, args=(n,)) for n in range(4)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    assert store._writer.unflushed  # committed, not yet flushed to disk
    fresh = SQLiteAuditStore(tmp_path / "audit.sqlite3")  # another connection sees every committed reply
    assert sorted(entry.answer_id for entry in fresh.entries()) == sorted(recorded)
    assert len(recorded) == 100
    store.flush()
    assert not store._writer.unflushed


def test_the_writer_flushes_committed_replies_by_itself(tmp_path: Path) -> None:
    store = SQLiteAuditStore(tmp_path / "audit.sqlite3", flush_seconds=0.05)
    store.record(_entry("a1"))
    deadline = time.monotonic() + 30
    while store._writer.unflushed and time.monotonic() < deadline:
        time.sleep(0.01)
    assert not store._writer.unflushed
    assert [entry.answer_id for entry in store.entries()] == ["a1"]


def test_fsync_per_reply_leaves_nothing_to_flush(tmp_path: Path) -> None:
    store = SQLiteAuditStore(tmp_path / "audit.sqlite3")
    store.record(_entry("a1"))
    assert not store._writer.unflushed


def test_a_forked_child_opens_its_own_connection(tmp_path: Path) -> None:
    connections = ThreadConnections(tmp_path / "x.sqlite3", "CREATE TABLE IF NOT EXISTS t (v TEXT)")
    parent = connections.get()
    read_end, write_end = os.pipe()
    pid = os.fork()
    if pid == 0:  # the child: a connection of its own, which can write
        try:
            child = connections.get()
            child.execute("INSERT INTO t VALUES ('child')")
            os.write(write_end, b"new" if child is not parent else b"same")
        finally:
            os._exit(0)
    os.waitpid(pid, 0)
    assert os.read(read_end, 8) == b"new"
    assert connections.get() is parent
    assert parent.execute("SELECT v FROM t").fetchall() == [("child",)]
