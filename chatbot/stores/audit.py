"""The audit trail: every reply from every channel, and clinicians' feedback on it (SQLite by default, or PostgreSQL)."""

from __future__ import annotations

import csv
import io
import json
import time
from collections.abc import Iterator
from dataclasses import asdict, dataclass, fields
from pathlib import Path
from typing import TYPE_CHECKING, Protocol

from chatbot.errors import ChatbotError, InvalidInput
from chatbot.stores.group_commit import GroupCommitter
from chatbot.stores.interval_flush import IntervalFlusher
from chatbot.stores.sqlite import Connection, ThreadConnections

if TYPE_CHECKING:
    from chatbot.stores.postgres import Database


class UnknownAnswer(ChatbotError):
    """Feedback for an answer id the audit trail does not hold."""

    code = "unknown_answer"
    status = 404


@dataclass(frozen=True)
class AuditEntry:
    """What was asked, what was answered from which passages, and how it was checked."""

    answer_id: str
    time: float
    channel: str
    session_id: str
    question: str
    resolved_question: str
    status: str
    passages: list[dict]  # [{"id", "document_id", "sha256"}] of the quoted and retrieved passages
    recommendation_ids: list[str]
    corpus_version: str
    settings_fingerprint: str
    guard_verdict: str
    guard_findings: list[dict]
    latency_ms: float
    quote_count: int = 0


def entry_json(entry: AuditEntry) -> dict:
    """The entry as a JSON-ready dict: its values already are JSON (a shallow copy, cheaper than asdict's deep one)."""
    return {f.name: getattr(entry, f.name) for f in fields(entry)}


@dataclass(frozen=True)
class Feedback:
    """A clinician's rating of an answer, optionally of one of its quotes."""

    answer_id: str
    rating: str  # up | down
    comment: str | None = None
    quote_index: int | None = None
    time: float = 0.0


class AuditStore(Protocol):
    """Where replies and feedback are recorded."""

    def record(self, entry: AuditEntry) -> None:
        """Store one reply (committed before this returns)."""
        ...

    def add_feedback(self, feedback: Feedback) -> None:
        """Store feedback; UnknownAnswer when the answer id is not recorded."""
        ...

    def entries(self, since: float | None = None) -> Iterator[AuditEntry]:
        """Recorded replies, oldest first."""
        ...

    def feedback(self, answer_id: str) -> list[Feedback]:
        """Feedback given on one answer."""
        ...


_SCHEMA = """
CREATE TABLE IF NOT EXISTS replies (answer_id TEXT PRIMARY KEY, time REAL NOT NULL, body TEXT NOT NULL);
CREATE INDEX IF NOT EXISTS replies_time ON replies(time);
CREATE TABLE IF NOT EXISTS feedback (
    answer_id TEXT NOT NULL REFERENCES replies(answer_id), rating TEXT NOT NULL, comment TEXT,
    quote_index INTEGER, time REAL NOT NULL
);
"""


class SQLiteAuditStore:
    """Replies and feedback in one SQLite file in WAL mode, committed before record() returns and on disk as `flush_seconds` says.

    `flush_seconds` 0: every reply is on disk (fsync) before record() returns, concurrent replies committed in groups (one
    fsync for all; GroupCommitter); more: committed to the write-ahead log at once (it survives the process being killed)
    and on disk within that many seconds (IntervalFlusher).
    """

    def __init__(self, path: Path, flush_seconds: float = 0.0) -> None:
        self.path = path
        self._connections = ThreadConnections(path, _SCHEMA, synchronous="NORMAL" if flush_seconds > 0 else "FULL")
        self._writer: GroupCommitter | IntervalFlusher = (
            IntervalFlusher(self._connections, flush_seconds) if flush_seconds > 0 else GroupCommitter(self._connections)
        )

    def _connect(self) -> Connection:
        """This thread's connection."""
        return self._connections.get()

    def flush(self) -> None:
        """Put every committed reply on disk now (fsync), before a clean exit."""
        self._writer.flush()

    def check_writable(self) -> None:
        """StorageUnavailable unless a write can be committed now (readiness)."""
        self._connections.check_writable()

    def record(self, entry: AuditEntry) -> None:
        """Store one reply, committed before this returns (on disk too when flush_seconds is 0)."""
        self._writer.write("INSERT INTO replies VALUES (?, ?, ?)", (entry.answer_id, entry.time, json.dumps(entry_json(entry))))

    def add_feedback(self, feedback: Feedback) -> None:
        """Store feedback on a recorded answer."""
        connection = self._connect()
        row = connection.execute(
            "SELECT json_extract(body, '$.quote_count') FROM replies WHERE answer_id = ?", (feedback.answer_id,)
        ).fetchone()
        check_feedback(feedback, None if row is None else row[0] or 0)
        self._writer.write(
            "INSERT INTO feedback VALUES (?, ?, ?, ?, ?)",
            (feedback.answer_id, feedback.rating, feedback.comment, feedback.quote_index, feedback.time or time.time()),
        )

    def entries(self, since: float | None = None) -> Iterator[AuditEntry]:
        """Recorded replies, oldest first."""
        rows = self._connect().execute("SELECT body FROM replies WHERE time >= ? ORDER BY time", (since or 0.0,))
        for (body,) in rows:
            yield AuditEntry(**json.loads(body))

    def feedback(self, answer_id: str) -> list[Feedback]:
        """Feedback given on one answer, oldest first."""
        rows = (
            self._connect()
            .execute("SELECT answer_id, rating, comment, quote_index, time FROM feedback WHERE answer_id = ? ORDER BY time", (answer_id,))
            .fetchall()
        )
        return [Feedback(*row) for row in rows]


def check_feedback(feedback: Feedback, quote_count: int | None) -> None:
    """UnknownAnswer when the answer is not recorded (quote_count None); InvalidInput when quote_index is out of range."""
    if quote_count is None:
        raise UnknownAnswer(f"no answer with id {feedback.answer_id!r} in the audit trail", hint="use the answer_id of a reply")
    if feedback.quote_index is not None and not 0 <= feedback.quote_index < quote_count:
        raise InvalidInput(
            f"quote_index {feedback.quote_index} is out of range: the answer has {quote_count} quote(s)", hint="quote_index counts from 0"
        )


class PostgresAuditStore:
    """Replies and feedback in PostgreSQL, shared by every replica; each write is committed before it returns."""

    PAGE = 500

    def __init__(self, database: Database) -> None:
        self.database = database

    def record(self, entry: AuditEntry) -> None:
        """Store one reply."""
        from psycopg.types.json import Jsonb

        with self.database.connection() as connection:
            connection.execute(
                "INSERT INTO replies (answer_id, time, body) VALUES (%s, %s, %s)", (entry.answer_id, entry.time, Jsonb(entry_json(entry)))
            )

    def add_feedback(self, feedback: Feedback) -> None:
        """Store feedback on a recorded answer, whichever replica recorded it."""
        with self.database.connection() as connection:
            row = connection.execute(
                "SELECT COALESCE((body->>'quote_count')::int, 0) FROM replies WHERE answer_id = %s", (feedback.answer_id,)
            ).fetchone()
            check_feedback(feedback, None if row is None else row[0])
            connection.execute(
                "INSERT INTO feedback (answer_id, rating, comment, quote_index, time) VALUES (%s, %s, %s, %s, %s)",
                (feedback.answer_id, feedback.rating, feedback.comment, feedback.quote_index, feedback.time or time.time()),
            )

    def entries(self, since: float | None = None) -> Iterator[AuditEntry]:
        """Recorded replies, oldest first, read a page at a time (no connection is held between pages)."""
        after: tuple[float, str] = (since or 0.0, "")  # answer ids are never empty: the first page starts at `since`
        while True:
            with self.database.connection() as connection:
                rows = connection.execute(
                    "SELECT time, answer_id, body FROM replies WHERE (time, answer_id) > (%s, %s) ORDER BY time, answer_id LIMIT %s",
                    (*after, self.PAGE),
                ).fetchall()
            for _, _, body in rows:
                yield AuditEntry(**body)
            if len(rows) < self.PAGE:
                return
            after = (rows[-1][0], rows[-1][1])

    def feedback(self, answer_id: str) -> list[Feedback]:
        """Feedback given on one answer, oldest first."""
        with self.database.connection() as connection:
            rows = connection.execute(
                "SELECT answer_id, rating, comment, quote_index, time FROM feedback WHERE answer_id = %s ORDER BY time, id", (answer_id,)
            ).fetchall()
        return [Feedback(*row) for row in rows]


EXPORT_FIELDS = [f for f in AuditEntry.__dataclass_fields__] + ["feedback"]
FORMULA_STARTS = ("=", "+", "-", "@", "\t", "\r")  # what spreadsheets run as a formula (OWASP CSV injection)


def csv_cell(value: object) -> object:
    """A CSV cell a spreadsheet will not run: text starting like a formula gets a leading apostrophe."""
    if isinstance(value, (list, dict)):
        value = json.dumps(value)
    if isinstance(value, str) and value.startswith(FORMULA_STARTS):
        return "'" + value
    return value


def export_lines(store: AuditStore, since: float | None, fmt: str) -> Iterator[str]:
    """The audit trail as JSON lines or CSV rows (with feedback attached), streamed."""
    writer_buffer = io.StringIO()
    writer = csv.DictWriter(writer_buffer, fieldnames=EXPORT_FIELDS) if fmt == "csv" else None
    if writer:
        writer.writeheader()
        yield writer_buffer.getvalue()
    for entry in store.entries(since):
        row = {**asdict(entry), "feedback": [asdict(f) for f in store.feedback(entry.answer_id)]}
        if writer is None:
            yield json.dumps(row, ensure_ascii=False) + "\n"
            continue
        writer_buffer.seek(0)
        writer_buffer.truncate()
        writer.writerow({k: csv_cell(v) for k, v in row.items()})
        yield writer_buffer.getvalue()
