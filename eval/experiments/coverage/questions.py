"""Answer every single-turn held-out question of v1-v5 (qa-ash, qa-cdc) with a coverage judge in the engine, and record
each reply with the features the judge saw (the first composition of the question is the one its lead item comes from).

Used by train.py (features under the rules alone) and loao.py (replies under each fold's model).
"""

from __future__ import annotations

import json
import tempfile
from collections.abc import Callable, Sequence
from dataclasses import dataclass, field, replace
from pathlib import Path
from typing import Any

from features import coverage_features

from chatbot.answer.coverage_judge import CoverageCase, Judged

ROOT = Path(__file__).resolve().parents[3]
SETS = {
    "v1": ROOT / "eval/heldout",
    "v2": ROOT / "eval/heldout-v2",
    "v3": ROOT / "eval/heldout-v3",
    "v4": ROOT / "eval/heldout-v4",
    "v5": ROOT / "eval/heldout-v5",
}
# What the model learns: answerable questions (0) against in-domain questions the guideline does not address (1).
LABELS = {"answered": 0, "not_addressed_in_domain": 1}


def label(row: dict[str, Any]) -> int | None:
    """1 for a question the guideline does not address, 0 for an answerable one, None for the others (scope, population)."""
    if row["category"] == "not_addressed_in_domain":
        return 1
    return 0 if row["expected_status"] == "answered" else None


@dataclass
class Recorder:
    """A judge that remembers the features of each composition and asks `decide` (None: the rules decide)."""

    decide: Callable[[str, Sequence[float]], bool | None] = lambda key, features: None
    key: str = ""
    seen: dict[str, list[list[float]]] = field(default_factory=dict)
    embed: Callable[[Sequence[str]], Any] | None = None  # the pack's sentence embedder
    vectors: dict[str, list[float]] = field(default_factory=dict)

    def judge(self, case: CoverageCase) -> Judged | None:
        """Record, then decide as told."""
        features, rarest = coverage_features(case, self.embed)
        self.seen.setdefault(self.key, []).append(features)
        self.vectors.setdefault(self.key, [float(v) for v in case.search.query_vector])  # the question's MiniLM vector
        verdict = self.decide(self.key, features)
        return None if verdict is None else Judged(verdict, rarest)


def pack_settings(pack: str) -> Any:
    """The settings the held-out runners use for a pack."""
    from chatbot.config import Settings

    if pack == "ash":
        return Settings()
    return Settings(
        corpus_dir=(ROOT / "packs/cdc-opioids-2022").resolve(), document_dirs=((ROOT.parent / "shared/external/pdfs").resolve(),)
    )


def run(recorder: Recorder, packs: Sequence[str] = ("ash", "cdc"), sets: Sequence[str] = tuple(SETS)) -> list[dict[str, Any]]:
    """Every question of the sets answered by its pack's engine (a fresh session each), with the features recorded."""
    from chatbot.conversation.state import DialogueState
    from chatbot.core import build_chatbot, validate_question
    from chatbot.stores.bundle import scratch_stores

    scratch = Path(tempfile.mkdtemp(prefix="coverage-"))
    records = []
    for pack in packs:
        bot = build_chatbot(pack_settings(pack), stores=scratch_stores(scratch / pack), load_model_now=True)
        engine = bot.engines[0]
        recorder.embed = engine._embedder.embed
        engine.__dict__["answer_context"] = replace(engine.answer_context, coverage=recorder)
        for name in sets:
            for line in (SETS[name] / f"qa-{pack}.jsonl").read_text().splitlines():
                row = json.loads(line)
                recorder.key = f"{name}/{row['id']}"
                answer = engine.answer(validate_question(row["question"], bot.settings), DialogueState()).answer
                records.append(
                    {
                        "set": name,
                        "pack": pack,
                        "id": row["id"],
                        "category": row["category"],
                        "expected": row["expected_status"],
                        "acceptable": row.get("acceptable_statuses", []),
                        "expected_ids": row.get("expected_ids", []),
                        "label": label(row),
                        "status": str(answer.status),
                        "ids": list(answer.recommendation_ids),
                        "uncovered": list(answer.uncovered),
                        "features": recorder.seen.get(recorder.key, []),
                        "vector": recorder.vectors.get(recorder.key, []),
                    }
                )
    return records


def measures(rows: Sequence[dict[str, Any]]) -> tuple[float, float, float, str]:
    """Correct abstention on not-addressed questions, false abstention, expected item first (as score_qa.py counts them)."""
    declined = [r for r in rows if r["category"] == "not_addressed_in_domain"]
    answerable = [r for r in rows if r["expected"] == "answered"]
    with_ids = [r for r in answerable if r["expected_ids"]]
    right = sum(r["status"] == "not_found" for r in declined)
    false = sum(r["status"] != "answered" for r in answerable)
    first = sum(bool(r["status"] == "answered" and r["ids"] and r["ids"][0] in r["expected_ids"]) for r in with_ids)
    a, b, c = right / max(1, len(declined)), false / max(1, len(answerable)), first / max(1, len(with_ids))
    return a, b, c, f"{a:.3f} / {b:.3f} / {c:.3f}  ({right}/{len(declined)}, {false}/{len(answerable)}, {first}/{len(with_ids)})"
