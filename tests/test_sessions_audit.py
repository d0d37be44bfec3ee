"""Conversations and the audit trail: SQLite stores, and every reply recorded with its session."""

from __future__ import annotations

import json
import threading
from pathlib import Path

import pytest
from corpora import PROJECT_CORPUS
from fakes import HashingEmbedder
from typer.testing import CliRunner

from chatbot.stores.audit import AuditEntry, Feedback, SQLiteAuditStore, UnknownAnswer, export_lines
from chatbot.channels.cli.app import app
from chatbot.config import load_settings
from chatbot.core import Chatbot, build_chatbot
from chatbot.index.build import ensure_index
from chatbot.errors import InvalidInput, NotFound
from chatbot.index.build import load_index
from chatbot.recs.schema import load_recommendations
from chatbot.stores.sessions import SQLiteSessionStore, Turn
from chatbot.packs.synonyms import load_thesaurus
from chatbot.answer.templates import load_templates


def _entry(answer_id: str, when: float) -> AuditEntry:
    return AuditEntry(answer_id, when, "test", "s1", "q", "q", "answered", [{"id": "p", "document_id": "d", "sha256": "0" * 64}], ["FL-x"], "v1", "f1", "pass", [], 12.5, 2)


def test_session_turns_come_back_in_order_and_limited(tmp_path: Path) -> None:
    store = SQLiteSessionStore(tmp_path / "s.sqlite3")
    session = store.new_session()
    for number in range(4):
        store.append(Turn(session, 0, f"q{number}", f"r{number}", "answered", ("FL-a",), {"phase": "relapsed_refractory"}))
    assert store.exists(session) and not store.exists("nope")
    recent = store.history(session, 2)
    assert [t.question for t in recent] == ["q2", "q3"] and [t.index for t in recent] == [2, 3]
    assert recent[0].population == {"phase": "relapsed_refractory"} and recent[0].recommendation_ids == ("FL-a",)
    reopened = SQLiteSessionStore(tmp_path / "s.sqlite3")
    assert len(reopened.history(session, 10)) == 4


def test_parallel_appends_keep_every_turn(tmp_path: Path) -> None:
    store = SQLiteSessionStore(tmp_path / "s.sqlite3")
    sessions = [store.new_session() for _ in range(4)]

    def talk(session: str) -> None:
        for number in range(10):
            store.append(Turn(session, 0, f"{session}-{number}", "r", "answered"))

    threads = [threading.Thread(target=talk, args=(s,)) for s in sessions]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    for session in sessions:
        turns = store.history(session, 100)
        assert [t.question for t in turns] == [f"{session}-{n}" for n in range(10)]


def test_audit_records_feedback_and_exports(tmp_path: Path) -> None:
    store = SQLiteAuditStore(tmp_path / "a.sqlite3")
    store.record(_entry("a1", 1000.0))
    store.record(_entry("a2", 2000.0))
    store.add_feedback(Feedback("a1", "down", "quote 2 does not support the answer", 1))
    with pytest.raises(UnknownAnswer):
        store.add_feedback(Feedback("zzz", "up"))
    with pytest.raises(InvalidInput, match="out of range"):
        store.add_feedback(Feedback("a1", "down", None, 2))
    rows = [json.loads(line) for line in export_lines(store, 1500.0, "jsonl")]
    assert [r["answer_id"] for r in rows] == ["a2"]
    rows = [json.loads(line) for line in export_lines(store, None, "jsonl")]
    assert rows[0]["feedback"][0]["quote_index"] == 1 and rows[0]["passages"][0]["sha256"] == "0" * 64
    csv_lines = "".join(export_lines(store, None, "csv")).splitlines()
    assert csv_lines[0].startswith("answer_id,time,channel") and len(csv_lines) == 3


@pytest.fixture()
def bot(tmp_path: Path) -> Chatbot:
    """A chatbot on the default corpus with the hashing embedder and stores in tmp."""
    settings = load_settings(
        corpus_dir=PROJECT_CORPUS, index_dir=tmp_path / "index", data_dir=tmp_path / "data", min_dense_score=0.05, min_domain_dense_score=0.05
    )
    return build_chatbot(settings, embedder=HashingEmbedder())


def test_every_reply_is_a_turn_of_its_session_and_an_audit_entry(bot: Chatbot) -> None:
    first = bot.ask("heparin prophylaxis during pegaspargase", channel="http")
    second = bot.ask("and cryoprecipitate?", session_id=first.session_id, channel="http")
    assert second.session_id == first.session_id
    turns = bot.sessions.history(first.session_id, 10)
    assert [t.question for t in turns] == ["heparin prophylaxis during pegaspargase", "and cryoprecipitate?"]
    entries = {e.answer_id: e for e in bot.audit.entries()}
    recorded = entries[first.answer_id]
    assert recorded.channel == "http" and recorded.session_id == first.session_id and recorded.guard_verdict == first.guard.verdict
    assert recorded.passages and all(len(p["sha256"]) == 64 for p in recorded.passages)
    assert recorded.corpus_version == first.corpus_version and recorded.latency_ms > 0


def test_unknown_session_is_refused_and_nothing_recorded(bot: Chatbot) -> None:
    before = len(list(bot.audit.entries()))
    with pytest.raises(NotFound, match="no conversation"):
        bot.ask("heparin?", session_id="not-a-session")
    assert len(list(bot.audit.entries())) == before


def test_audit_export_command(bot: Chatbot, tmp_path: Path) -> None:
    reply = bot.ask("switch to erwinia after peg allergy?", channel="chat")
    env = {"CHATBOT_DATA_DIR": str(bot.settings.data_dir)}
    result = CliRunner().invoke(app, ["audit", "export", "--format", "jsonl"], env=env)
    assert result.exit_code == 0, result.output
    assert reply.answer_id in {json.loads(line)["answer_id"] for line in result.stdout.splitlines()}
    bad = CliRunner().invoke(app, ["audit", "export", "--since", "yesterday"], env=env)
    assert bad.exit_code == 2 and "ISO" in bad.stderr
