"""Several packs: a question is routed to the packs it concerns before the full answer runs."""

from __future__ import annotations

import shutil
from pathlib import Path

from corpora import PROJECT_CORPUS
from fakes import HashingEmbedder

from chatbot.config import load_settings
from chatbot.conversation.state import DialogueState
from chatbot.core import build_chatbot
from chatbot.types import AnswerStatus

TOPICS = {
    "gadget-pox": (
        "Gadget pox",
        "Gadget pox is treated with rest and fluids. Children with gadget pox should stay home for a week. "
        "Fever from gadget pox responds to paracetamol.",
    ),
    "widget-fever": (
        "Widget fever",
        "Widget fever needs drug X for ten days. Drug X is favoured over drug Y for widget fever. "
        "Check the widget count weekly during widget fever treatment.",
    ),
}


def _pack(folder: Path, pack_id: str, title: str, text: str) -> Path:
    """A one-document pack about an invented topic."""
    folder.mkdir(parents=True)
    (folder / "pack.yaml").write_text(f"id: {pack_id}\ntitle: {title}\nshort_name: {title}\nscope: {title.lower()}\n")
    (folder / "guide.md").write_text(f"# {title}\n\n## Care\n\n{text}\n\n## Follow-up\n\n{text}\n")
    (folder / "sources.yaml").write_text(f"documents:\n  - {{id: {pack_id}-guide, title: {title} guide, kind: official, path: guide.md}}\n")
    (folder / "synonyms.yaml").write_text("groups: []\n")
    return folder


def test_questions_go_only_to_the_packs_they_concern_and_follow_ups_stay(tmp_path: Path, monkeypatch) -> None:
    ash = tmp_path / "ash"
    shutil.copytree(PROJECT_CORPUS, ash, ignore=shutil.ignore_patterns("official"))
    packs = tuple(_pack(tmp_path / pack_id, pack_id, title, text) for pack_id, (title, text) in TOPICS.items())
    settings = load_settings(
        corpus_dir=ash,
        packs=packs,
        index_dir=tmp_path / "index",
        data_dir=tmp_path / "data",
        min_dense_score=0.05,
        min_domain_dense_score=0.05,
    )
    bot = build_chatbot(settings, embedder=HashingEmbedder())
    answered: list[str] = []
    for engine in bot.engines:
        original = engine.answer
        monkeypatch.setattr(engine, "answer", lambda *args, _e=engine, _o=original: answered.append(_e.pack.id) or _o(*args))

    reply = bot.ask("How long should children with gadget pox stay home, and does paracetamol help the fever?")
    assert reply.pack_id == "gadget-pox" and answered == ["gadget-pox"]
    answered.clear()
    ash_reply = bot.ask("Should AYAs with newly diagnosed ALL get a pediatric-inspired regimen?")
    assert ash_reply.pack_id == "ash-aya-all-2026" and ash_reply.answer.status is AnswerStatus.ANSWERED
    assert "gadget-pox" not in answered and "widget-fever" not in answered
    answered.clear()
    follow = bot.ask("and how strong is that?", session_id=ash_reply.session_id)
    assert "ash-aya-all-2026" in answered and follow.pack_id == "ash-aya-all-2026"  # the conversation's pack stays in
    assert "route" in follow.timings_ms


def test_a_wide_margin_lets_every_pack_answer(tmp_path: Path, monkeypatch) -> None:
    packs = tuple(_pack(tmp_path / pack_id, pack_id, title, text) for pack_id, (title, text) in TOPICS.items())
    settings = load_settings(
        corpus_dir=packs[0], packs=packs[1:], index_dir=tmp_path / "index", data_dir=tmp_path / "data", route_margin=10.0
    )

    def routed(**overrides: object) -> list[str]:
        bot = build_chatbot(settings.model_copy(update=overrides), embedder=HashingEmbedder())
        return [e.pack.id for e in bot.route("gadget pox fever", DialogueState())]

    assert routed() == ["gadget-pox", "widget-fever"]
    assert routed(route_margin=0.0) == ["gadget-pox"]
    assert routed(route_max_packs=1) == ["gadget-pox"]
