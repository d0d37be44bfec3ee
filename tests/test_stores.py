"""The store suite, run against SQLite files and a real PostgreSQL server: sessions and state, audit and feedback, Slack."""

from __future__ import annotations

import json
import sqlite3
import threading
from pathlib import Path

import pytest

from chatbot.config import Settings, load_settings, settings_fingerprint
from chatbot.errors import InvalidInput
from chatbot.stores.audit import AuditEntry, Feedback, UnknownAnswer, export_lines
from chatbot.stores.choice import audit_store, session_store, slack_store
from chatbot.stores.sessions import SQLiteSessionStore, Turn


@pytest.fixture(params=["sqlite", "postgres"])
def settings(request: pytest.FixtureRequest, tmp_path: Path) -> Settings:
    """Settings choosing one backend: SQLite files under tmp, or a new database of the throwaway PostgreSQL cluster."""
    url = request.getfixturevalue("database_url") if request.param == "postgres" else None
    return load_settings(data_dir=tmp_path / "data", database_url=url)


def _entry(answer_id: str, when: float, quotes: int = 2) -> AuditEntry:
    return AuditEntry(
        answer_id,
        when,
        "test",
        "s1",
        "q",
        "q",
        "answered",
        [{"id": "p", "document_id": "d", "sha256": "0" * 64}],
        ["FL-x"],
        "v1",
        "f1",
        "pass",
        [],
        12.5,
        quotes,
    )


def test_turns_come_back_in_order_limited_and_to_another_replica(settings: Settings) -> None:
    store = session_store(settings)
    session = store.new_session()
    for number in range(4):
        store.append(Turn(session, 0, f"q{number}", f"r{number}", "answered", ("FL-a",), {"phase": "relapsed_refractory"}))
    assert store.exists(session) and not store.exists("nope")
    recent = store.history(session, 2)
    assert [t.question for t in recent] == ["q2", "q3"] and [t.index for t in recent] == [2, 3]
    assert recent[0].population == {"phase": "relapsed_refractory"} and recent[0].recommendation_ids == ("FL-a",)
    other = session_store(settings)  # a second process's store on the same file or database
    assert [t.question for t in other.history(session, 10)] == ["q0", "q1", "q2", "q3"]
    assert store.history("nope", 5) == []


def test_session_state_is_json_kept_with_the_turns(settings: Settings) -> None:
    store, other = session_store(settings), session_store(settings)
    session = store.new_session()
    assert store.state(session) == {} and store.state("nope") == {}
    state = {"topic": "asparaginase", "facets": {"phase": "newly_diagnosed"}, "turn": 1, "pending": None, "ids": ["FL-a"]}
    store.append(Turn(session, 0, "q", "r", "answered"), state=state)
    assert other.state(session) == state
    other.set_state(session, {"topic": "CNS relapse", "note": "ünïcode ✓"})
    assert store.state(session) == {"topic": "CNS relapse", "note": "ünïcode ✓"}
    store.append(Turn(session, 0, "q2", "r2", "answered"))  # no state given: the state stays
    assert other.state(session)["topic"] == "CNS relapse" and len(other.history(session, 10)) == 2


def test_parallel_appends_from_two_replicas_keep_every_turn(settings: Settings) -> None:
    replicas = [session_store(settings), session_store(settings)]
    sessions = [replicas[0].new_session() for _ in range(3)]

    def talk(replica: int) -> None:
        for number in range(10):
            for session in sessions:
                replicas[replica].append(Turn(session, 0, f"{replica}-{number}", "r", "answered"))

    threads = [threading.Thread(target=talk, args=(replica,)) for replica in (0, 1, 0, 1)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    for session in sessions:
        turns = replicas[1].history(session, 100)
        assert [t.index for t in turns] == list(range(40))
        assert sorted(t.question for t in turns) == sorted(f"{r}-{n}" for r in (0, 1, 0, 1) for n in range(10))


def test_audit_records_feedback_from_another_replica_and_exports(settings: Settings) -> None:
    store, other = audit_store(settings), audit_store(settings)
    store.record(_entry("a1", 1000.0))
    store.record(_entry("a2", 2000.0, quotes=0))
    other.add_feedback(Feedback("a1", "down", "quote 2 does not support the answer", 1))
    with pytest.raises(UnknownAnswer):
        other.add_feedback(Feedback("zzz", "up"))
    with pytest.raises(InvalidInput, match="out of range"):
        other.add_feedback(Feedback("a1", "down", None, 2))
    with pytest.raises(InvalidInput, match="0 quote"):
        other.add_feedback(Feedback("a2", "up", None, 0))
    assert [f.rating for f in store.feedback("a1")] == ["down"] and store.feedback("a2") == []
    rows = [json.loads(line) for line in export_lines(store, 1500.0, "jsonl")]
    assert [r["answer_id"] for r in rows] == ["a2"]
    rows = [json.loads(line) for line in export_lines(other, None, "jsonl")]
    assert [r["answer_id"] for r in rows] == ["a1", "a2"]
    assert rows[0]["feedback"][0]["quote_index"] == 1 and rows[0]["passages"][0]["sha256"] == "0" * 64
    assert rows[0] == {**json.loads(json.dumps(_entry("a1", 1000.0).__dict__)), "feedback": rows[0]["feedback"]}
    csv_lines = "".join(export_lines(store, None, "csv")).splitlines()
    assert csv_lines[0].startswith("answer_id,time,channel") and len(csv_lines) == 3


def test_concurrent_replies_are_all_recorded_and_a_bad_one_fails_alone(settings: Settings) -> None:
    store = audit_store(settings)
    store.record(_entry("taken", 1.0))
    failures: list[BaseException] = []
    go = threading.Barrier(8)

    def reply(number: int) -> None:
        go.wait()
        try:
            store.record(_entry("taken" if number == 3 else f"r{number}", 10.0 + number))
        except Exception as exc:  # noqa: BLE001 - collected for the assertions
            failures.append(exc)

    threads = [threading.Thread(target=reply, args=(n,)) for n in range(8)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    assert len(failures) == 1 and "taken" not in {f"r{n}" for n in range(8)}
    recorded = {e.answer_id for e in audit_store(settings).entries()}
    assert recorded == {"taken"} | {f"r{n}" for n in range(8) if n != 3}


def _record_within(store, entry: AuditEntry, seconds: float) -> BaseException | None:
    """record() on another thread: its error, or None; fails the test when it is still waiting after `seconds`."""
    outcome: list[BaseException | None] = []

    def record() -> None:
        try:
            store.record(entry)
            outcome.append(None)
        except Exception as exc:  # noqa: BLE001 - returned for the assertions
            outcome.append(exc)

    thread = threading.Thread(target=record, daemon=True)
    thread.start()
    thread.join(timeout=seconds)
    assert outcome, "record() still waits: the writer thread is gone"
    return outcome[0]


def test_a_reply_that_cannot_be_stored_fails_alone_and_the_next_one_is_stored(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    from chatbot.errors import StorageUnavailable
    from chatbot.stores.audit import SQLiteAuditStore

    store = SQLiteAuditStore(tmp_path / "audit.sqlite3")
    connections = store._connections
    opened = connections.get

    def broken() -> None:
        raise StorageUnavailable("the disk is full")

    monkeypatch.setattr(connections, "get", broken)
    failure = _record_within(store, _entry("lost", 1.0), 30)
    assert isinstance(failure, StorageUnavailable) and "disk is full" in failure.message
    monkeypatch.setattr(connections, "get", opened)
    assert _record_within(store, _entry("kept", 2.0), 30) is None  # the writer lives on
    assert [e.answer_id for e in store.entries()] == ["kept"]


def test_audit_entries_come_in_time_order_across_pages(settings: Settings) -> None:
    store = audit_store(settings)
    store.PAGE = 3  # the PostgreSQL store reads in pages; several pages here, with ties on time
    times = [5.0, 1.0, 3.0, 3.0, 3.0, 2.0, 4.0, 6.0]
    for number, when in enumerate(times):
        store.record(_entry(f"id{number}", when))
    got = [(e.time, e.answer_id) for e in store.entries()]
    assert [t for t, _ in got] == sorted(times) and len(set(got)) == len(times)
    assert [e.answer_id for e in store.entries(since=3.0)][:3] == ["id2", "id3", "id4"]


def test_a_slack_event_is_claimed_once_across_replicas(settings: Settings) -> None:
    first, second = slack_store(settings), slack_store(settings)
    claims = [first.claim_event("Ev1"), second.claim_event("Ev1"), first.claim_event("Ev1")]
    assert claims == [True, False, False] and second.claim_event("Ev2")
    assert first.session_for("T1", "C1", "1.0") is None
    first.remember("T1", "C1", "1.0", "s1")
    assert second.session_for("T1", "C1", "1.0") == "s1"
    second.remember("T1", "C1", "1.0", "s2")
    assert first.session_for("T1", "C1", "1.0") == "s2" and first.session_for("T1", "C2", "1.0") is None


def test_concurrent_claims_of_one_event_succeed_once(settings: Settings) -> None:
    replicas = [slack_store(settings) for _ in range(2)]
    results: list[bool] = []
    barrier = threading.Barrier(8)

    def claim(number: int) -> None:
        barrier.wait()
        results.append(replicas[number % 2].claim_event("EvSame"))

    threads = [threading.Thread(target=claim, args=(n,)) for n in range(8)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    assert sorted(results) == [False] * 7 + [True]


# --- Schema migrations -------------------------------------------------------------------------


def test_an_old_sqlite_sessions_file_is_migrated_in_place(tmp_path: Path) -> None:
    path = tmp_path / "sessions.sqlite3"
    with sqlite3.connect(path) as old:  # the schema before state and versions existed, with a conversation in it
        old.executescript(
            "CREATE TABLE sessions (id TEXT PRIMARY KEY, created_at REAL NOT NULL);"
            "CREATE TABLE turns (session_id TEXT NOT NULL REFERENCES sessions(id), idx INTEGER NOT NULL, question TEXT NOT NULL,"
            " resolved_question TEXT NOT NULL, status TEXT NOT NULL, recommendation_ids TEXT NOT NULL, population TEXT NOT NULL,"
            " created_at REAL NOT NULL, PRIMARY KEY (session_id, idx));"
            "INSERT INTO sessions VALUES ('old', 1.0);"
            "INSERT INTO turns VALUES ('old', 0, 'q', 'r', 'answered', '[\"FL-a\"]', '{}', 1.0);"
        )
    old.close()
    store = SQLiteSessionStore(path)
    assert [t.question for t in store.history("old", 5)] == ["q"] and store.state("old") == {}
    store.set_state("old", {"topic": "x"})
    assert SQLiteSessionStore(path).state("old") == {"topic": "x"}
    with sqlite3.connect(path) as db:
        assert [row[0] for row in db.execute("SELECT version FROM schema_version ORDER BY version")] == [1, 2]
    db.close()


def test_postgres_schema_is_versioned_and_migrated_once(database_url: str) -> None:
    import psycopg

    from chatbot.stores.postgres import MIGRATIONS, Database

    Database(database_url).close()
    Database(database_url).close()  # a second replica's start: nothing to do
    with psycopg.connect(database_url) as connection:
        versions = connection.execute("SELECT version FROM chatbot_schema ORDER BY version").fetchall()
        assert [v for (v,) in versions] == list(range(1, len(MIGRATIONS) + 1))


def test_replicas_starting_together_migrate_once(database_url: str) -> None:
    from chatbot.stores.postgres import Database

    errors: list[BaseException] = []

    def start() -> None:
        try:
            Database(database_url).close()
        except BaseException as exc:  # noqa: BLE001 - collected for the assertion
            errors.append(exc)

    threads = [threading.Thread(target=start) for _ in range(4)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    assert errors == []


def test_the_settings_fingerprint_leaves_the_database_url_out() -> None:
    sqlite = load_settings()
    postgres = load_settings(database_url="postgresql://chatbot:s3cret@db.example:5432/chatbot")
    assert settings_fingerprint(sqlite) == settings_fingerprint(postgres)  # every reply carries it into the audit trail
