"""The audit trail: every reply from every channel, and clinicians' feedback on it (SQLite, WAL)."""

from __future__ import annotations

import csv
import io
import json
import sqlite3
import time
from collections.abc import Iterator
from dataclasses import asdict, dataclass
from pathlib import Path
from typing import Protocol

from chatbot.errors import ChatbotError, InvalidInput
from chatbot.stores.sqlite import ThreadConnections


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
    """Replies and feedback in one SQLite file in WAL mode; one connection per thread."""

    def __init__(self, path: Path) -> None:
        self.path = path
        self._connections = ThreadConnections(path, _SCHEMA, synchronous="FULL")

    def _connect(self) -> sqlite3.Connection:
        """This thread's connection."""
        return self._connections.get()

    def check_writable(self) -> None:
        """StorageUnavailable unless a write can be committed now (readiness)."""
        self._connections.check_writable()

    def record(self, entry: AuditEntry) -> None:
        """Store one reply."""
        self._connect().execute("INSERT INTO replies VALUES (?, ?, ?)", (entry.answer_id, entry.time, json.dumps(asdict(entry))))

    def add_feedback(self, feedback: Feedback) -> None:
        """Store feedback on a recorded answer."""
        connection = self._connect()
        row = connection.execute("SELECT body FROM replies WHERE answer_id = ?", (feedback.answer_id,)).fetchone()
        if row is None:
            raise UnknownAnswer(f"no answer with id {feedback.answer_id!r} in the audit trail", hint="use the answer_id of a reply")
        quotes = json.loads(row[0]).get("quote_count", 0)
        if feedback.quote_index is not None and not 0 <= feedback.quote_index < quotes:
            raise InvalidInput(f"quote_index {feedback.quote_index} is out of range: the answer has {quotes} quote(s)", hint="quote_index counts from 0")
        connection.execute(
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
        rows = self._connect().execute(
            "SELECT answer_id, rating, comment, quote_index, time FROM feedback WHERE answer_id = ? ORDER BY time", (answer_id,)
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
