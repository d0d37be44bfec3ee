"""PostgreSQL for several replicas: one checked connection pool per process, and the schema migrated at start-up."""

from __future__ import annotations

import logging
import threading
from collections.abc import Iterator
from contextlib import contextmanager
from typing import Any

from chatbot.errors import ChatbotError, ConfigError

log = logging.getLogger("chatbot.stores.postgres")

SCHEMES = ("postgresql://", "postgres://")
CONNECT_TIMEOUT_SECONDS = 5
WAIT_SECONDS = 5
# Any constant: replicas starting together take this advisory lock, so one migrates and the others wait.
MIGRATION_LOCK = 0x63686174626F74
MIGRATIONS: tuple[tuple[str, str], ...] = (
    (
        "sessions, turns, replies, feedback, Slack threads and events",
        """
CREATE TABLE sessions (id TEXT PRIMARY KEY, created_at DOUBLE PRECISION NOT NULL, state JSONB NOT NULL DEFAULT '{}'::jsonb);
CREATE TABLE turns (
    session_id TEXT NOT NULL REFERENCES sessions(id), idx INTEGER NOT NULL, question TEXT NOT NULL,
    resolved_question TEXT NOT NULL, status TEXT NOT NULL, recommendation_ids JSONB NOT NULL,
    population JSONB NOT NULL, created_at DOUBLE PRECISION NOT NULL, PRIMARY KEY (session_id, idx)
);
CREATE TABLE replies (answer_id TEXT PRIMARY KEY, time DOUBLE PRECISION NOT NULL, body JSONB NOT NULL);
CREATE INDEX replies_time ON replies(time);
CREATE TABLE feedback (
    id BIGSERIAL PRIMARY KEY, answer_id TEXT NOT NULL REFERENCES replies(answer_id), rating TEXT NOT NULL,
    comment TEXT, quote_index INTEGER, time DOUBLE PRECISION NOT NULL
);
CREATE INDEX feedback_answer ON feedback(answer_id, time);
CREATE TABLE slack_threads (
    team TEXT NOT NULL, channel TEXT NOT NULL, thread_ts TEXT NOT NULL, session_id TEXT NOT NULL,
    updated_at DOUBLE PRECISION NOT NULL, PRIMARY KEY (team, channel, thread_ts)
);
CREATE TABLE slack_events (event_id TEXT PRIMARY KEY, received_at DOUBLE PRECISION NOT NULL);
CREATE INDEX slack_events_received ON slack_events(received_at);
""",
    ),
)


class DatabaseUnavailable(ChatbotError):
    """PostgreSQL cannot be reached (down, restarting, out of connections) while serving a request."""

    code = "database_unavailable"
    status = 503


def redacted(url: str) -> str:
    """The URL as host:port/dbname with its user, never its password."""
    from psycopg.conninfo import conninfo_to_dict

    try:
        parts = conninfo_to_dict(url)
    except Exception:  # noqa: BLE001 - a malformed URL is reported by the caller
        return "(unparsable URL)"
    user = f"{parts['user']}@" if parts.get("user") else ""
    return f"postgresql://{user}{parts.get('host', 'localhost')}:{parts.get('port', 5432)}/{parts.get('dbname', '')}"


def _first_line(exc: BaseException) -> str:
    """An exception's message on one line (libpq's are several)."""
    lines = [line.strip() for line in str(exc).splitlines() if line.strip()]
    return "; ".join(lines[:2]) or type(exc).__name__


def migrate(connection: Any) -> int:
    """Bring the schema to the latest version under an advisory lock; returns the version. ConfigError when it cannot."""
    import psycopg

    latest = len(MIGRATIONS)
    with connection.transaction():
        connection.execute("SELECT pg_advisory_xact_lock(%s)", (MIGRATION_LOCK,))
        connection.execute(
            "CREATE TABLE IF NOT EXISTS chatbot_schema (version INTEGER PRIMARY KEY, description TEXT NOT NULL, "
            "applied_at TIMESTAMPTZ NOT NULL DEFAULT now())"
        )
        current = connection.execute("SELECT COALESCE(MAX(version), 0) FROM chatbot_schema").fetchone()[0]
        if current > latest:
            raise ConfigError(f"the database has chatbot schema version {current}, newer than this chatbot's {latest}: upgrade the chatbot")
        for version, (description, script) in enumerate(MIGRATIONS, start=1):
            if version <= current:
                continue
            try:
                with connection.transaction():
                    connection.execute(script)
            except psycopg.Error as exc:
                raise ConfigError(
                    f"cannot create the chatbot's tables (schema version {version}): {_first_line(exc)}; "
                    "is CHATBOT_DATABASE_URL the chatbot's own database?"
                ) from None
            connection.execute("INSERT INTO chatbot_schema (version, description) VALUES (%s, %s)", (version, description))
    return latest


class Database:
    """A PostgreSQL database: checked and migrated when opened, then a pool of autocommit connections."""

    def __init__(self, url: str, pool_size: int = 10) -> None:
        import psycopg
        from psycopg_pool import ConnectionPool

        if not url.startswith(SCHEMES):
            raise ConfigError(f"CHATBOT_DATABASE_URL must start with postgresql:// (got {url.split(':', 1)[0]}://...)")
        self.url = url
        self.label = redacted(url)
        try:
            with psycopg.connect(url, autocommit=True, connect_timeout=CONNECT_TIMEOUT_SECONDS) as connection:
                self.schema_version = migrate(connection)
        except psycopg.Error as exc:
            raise ConfigError(f"cannot use the database {self.label}: {_first_line(exc)}") from None
        # A request waits at most WAIT_SECONDS for a connection (then 503). Reconnection gives up after a few seconds
        # instead of backing off for minutes, so the first request after the database is back opens a new connection.
        self.pool = ConnectionPool(
            url,
            min_size=1,
            max_size=max(1, pool_size),
            open=True,
            timeout=WAIT_SECONDS,
            reconnect_timeout=3,
            name="chatbot",
            kwargs={"autocommit": True, "connect_timeout": CONNECT_TIMEOUT_SECONDS},
            check=ConnectionPool.check_connection,
        )

    @contextmanager
    def connection(self) -> Iterator[Any]:
        """A pooled connection; a lost or unreachable database becomes DatabaseUnavailable (503; the details go to the log only)."""
        import psycopg
        from psycopg_pool import PoolTimeout

        try:
            with self.pool.connection() as connection:
                yield connection
        except (psycopg.OperationalError, PoolTimeout) as exc:
            log.warning("the database %s is unavailable: %s", self.label, _first_line(exc))
            raise DatabaseUnavailable("the database is unavailable, so nothing can be recorded", hint="try again in a moment") from exc

    @contextmanager
    def transaction(self, durable: bool = True) -> Iterator[Any]:
        """A pooled connection inside one transaction; `durable=False` commits without waiting for the disk.

        Like SQLite's synchronous=NORMAL for the session files: a crash of the database server can lose
        the last fraction of a second of such commits, never their consistency. Any durable commit that
        follows (an audit record) flushes the log up to itself, so the turns of an answered reply are on
        disk before the reply leaves.
        """
        with self.connection() as connection, connection.transaction():
            if not durable:
                connection.execute("SET LOCAL synchronous_commit TO OFF")
            yield connection

    def close(self) -> None:
        """Close every pooled connection."""
        self.pool.close()


_open: dict[tuple[str, int], Database] = {}
_open_lock = threading.Lock()


def shared_database(url: str, pool_size: int) -> Database:
    """The process's one Database for a URL (sessions, audit and Slack share its pool)."""
    with _open_lock:
        database = _open.get((url, pool_size))
        if database is None:
            database = _open[(url, pool_size)] = Database(url, pool_size)
        return database


def close_shared(url: str) -> None:
    """Close and forget the process's Database for a URL (tests; a process otherwise keeps it until exit)."""
    with _open_lock:
        for key in [key for key in _open if key[0] == url]:
            _open.pop(key).close()
