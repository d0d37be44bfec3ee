"""Conversations and the audit trail: every reply recorded with its session (the stores themselves: test_stores.py)."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from corpora import PROJECT_CORPUS
from fakes import HashingEmbedder
from typer.testing import CliRunner

from chatbot.channels.cli.app import app
from chatbot.config import load_settings
from chatbot.core import Chatbot, build_chatbot
from chatbot.errors import NotFound


@pytest.fixture()
def bot(tmp_path: Path) -> Chatbot:
    """A chatbot on the default corpus with the hashing embedder and stores in tmp."""
    settings = load_settings(
        corpus_dir=PROJECT_CORPUS,
        index_dir=tmp_path / "index",
        data_dir=tmp_path / "data",
        min_dense_score=0.05,
        min_domain_dense_score=0.05,
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
