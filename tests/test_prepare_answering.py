"""`ask` makes the answering stages while the model loads: preparing embeds nothing and changes no reply."""

from __future__ import annotations

from dataclasses import replace
from pathlib import Path

from fakes import HashingEmbedder

from chatbot.config import load_settings
from chatbot.core import build_chatbot
from chatbot.stores.bundle import scratch_stores

QUESTIONS = (
    "Should a 19 year old with newly diagnosed ALL get a pediatric or an adult regimen?",
    "blina or inotuzumab for relapsed B-ALL?",
)


def test_preparing_embeds_nothing_and_changes_no_reply(tmp_path: Path) -> None:
    settings = load_settings(index_dir=tmp_path / "index")
    build_chatbot(settings, embedder=HashingEmbedder(), stores=scratch_stores(tmp_path / "build"))  # the index, once
    embedder = HashingEmbedder()
    prepared = build_chatbot(settings, embedder=embedder, stores=scratch_stores(tmp_path / "prepared"))
    engine = prepared.engines[0]
    made_lazily = ("retriever", "answer_context", "initialisms")
    assert not any(name in vars(engine) for name in made_lazily) and "dense" not in vars(engine.index)
    calls = embedder.calls
    prepared.prepare_answering()
    assert embedder.calls == calls  # nothing waits for the model
    assert all(name in vars(engine) for name in made_lazily)
    assert {"dense", "sentence_vectors"} <= set(vars(engine.index))
    plain = build_chatbot(settings, embedder=HashingEmbedder(), stores=scratch_stores(tmp_path / "plain"))
    for question in QUESTIONS:
        after, before = prepared.ask(question), plain.ask(question)
        same = {"answer_id": "", "session_id": "", "timings_ms": {}}
        assert replace(after, **same) == replace(before, **same)
