"""MiniLM similarity of each uncovered word to the lead item's own words, for every question declined for one (issue 13).

Usage: PYTHONPATH=$PWD python eval/experiments/coverage/word_similarity.py OUT.jsonl PACK... (ash, cdc[=PDF_FOLDER], or a folder holding
`grade-pack/` and `index/` made as in eval/heldout-grade*/README.md, with `--qa` its qa.jsonl: `DIR=QA`); then
`--table OUT.jsonl`. Records keep question ids, not text: write them outside the repository.
"""

from __future__ import annotations

import json
import re
import sys
import tempfile
from collections.abc import Callable, Sequence
from dataclasses import dataclass, field, replace
from pathlib import Path
from typing import Any

import numpy as np

from chatbot.answer.coverage_judge import CoverageCase, Judged
from chatbot.config import load_settings
from chatbot.index.lexical import STOPWORDS

ROOT = Path(__file__).resolve().parents[3]
SETS = ["heldout", *(f"heldout-v{n}" for n in range(2, 9))]
CDC = {"corpus_dir": ROOT / "packs/cdc-opioids-2022", "document_dirs": (ROOT.parent / "shared/external/pdfs",)}
THRESHOLDS = (0.5, 0.55, 0.6, 0.65, 0.7)


@dataclass
class Recorder:
    """A judge that leaves the decision to the rules and remembers the lead item, its uncovered asks and its text."""

    key: str = ""
    seen: dict[str, tuple[str, list[str], str]] = field(default_factory=dict)

    def judge(self, case: CoverageCase) -> Judged | None:
        """Remember the first composition's lead when it leaves asks uncovered."""
        if case.chosen.missing and case.chosen.rec is not None and self.key not in self.seen:
            text = case.texts.of(case.chosen.hit, tuple(c.hit for c in case.candidates))
            self.seen[self.key] = (case.chosen.rec.id, [a.text for a in case.chosen.missing], text)
        return None


@dataclass
class WordVectors:
    """Unit MiniLM vectors of single words, each embedded once."""

    embed: Callable[[Sequence[str]], np.ndarray]
    cache: dict[str, np.ndarray] = field(default_factory=dict)

    def __call__(self, words: list[str]) -> np.ndarray:
        """The words' vectors, one row each."""
        new = [w for w in dict.fromkeys(words) if w not in self.cache]
        for start in range(0, len(new), 256):
            for word, v in zip(new[start : start + 256], self.embed(new[start : start + 256])):
                self.cache[word] = v / (np.linalg.norm(v) or 1.0)
        return np.array([self.cache[w] for w in words])


def _questions(pack: str) -> tuple[Any, list[tuple[str, Path]]]:
    """The settings and the question files of a pack."""
    if pack == "ash":
        return load_settings(), [(s, ROOT / f"eval/{s}/qa-ash.jsonl") for s in SETS]
    if pack.split("=")[0] == "cdc":  # 'cdc=FOLDER': the folder holding the CDC's PDF, when not ../shared/external/pdfs
        documents = (Path(pack.split("=")[1]),) if "=" in pack else CDC["document_dirs"]
        return load_settings(corpus_dir=CDC["corpus_dir"], document_dirs=documents), [(s, ROOT / f"eval/{s}/qa-cdc.jsonl") for s in SETS]
    folder, qa = pack.split("=")
    return load_settings(corpus_dir=Path(folder) / "grade-pack", index_dir=Path(folder) / "index"), [(Path(qa).parent.name, Path(qa))]


def run(out_path: str, packs: list[str]) -> None:
    """Answer every single answerable and not-addressed question; for each declined with a lead, record the similarities."""
    from chatbot.conversation.state import DialogueState
    from chatbot.core import build_chatbot, validate_question
    from chatbot.stores.bundle import scratch_stores

    with open(out_path, "w") as out:
        for pack in packs:
            settings, files = _questions(pack)
            bot = build_chatbot(settings, stores=scratch_stores(Path(tempfile.mkdtemp())), load_model_now=True)
            engine, recorder = bot.engines[0], Recorder()
            vectors = WordVectors(engine._embedder.embed)
            engine.__dict__["answer_context"] = replace(engine.answer_context, coverage=recorder)

            for name, path in files:
                for line in path.read_text().splitlines():
                    row = json.loads(line)
                    category = row.get("category")
                    answerable = row.get("expected_status") == "answered"
                    if "turns" in row or (category != "not_addressed_in_domain" and not answerable):
                        continue
                    recorder.key = row["id"]
                    answer = engine.answer(validate_question(row["question"], bot.settings), DialogueState()).answer
                    if recorder.key not in recorder.seen or answer.status.value != "not_found":
                        continue
                    lead, missing, text = recorder.seen[recorder.key]
                    words = sorted({w for w in re.findall(r"[a-z][a-z-]{3,}", text.lower()) if w not in STOPWORDS})
                    item = vectors(words)
                    best = [(ask, item @ vectors([ask.lower()])[0]) for ask in missing]
                    found = [(ask, float(s.max()), words[int(s.argmax())]) for ask, s in best]
                    cat = "nd" if category == "not_addressed_in_domain" else "ans"
                    record = {"pack": pack, "set": name, "id": row["id"], "cat": cat, "lead": lead, "expected": row.get("expected_ids", [])}
                    out.write(json.dumps({**record, "words": found}) + "\n")


def table(path: str) -> None:
    """Answering when every uncovered word is at least this similar to a word of the item: false refusals fixed, correct ones lost."""
    rows = [json.loads(line) for line in open(path)]
    right_lead = [r for r in rows if r["cat"] == "ans" and r["lead"] in r["expected"]]
    declined = [r for r in rows if r["cat"] == "nd"]

    def least(row: dict[str, Any]) -> float:
        return min(sim for _, sim, _ in row["words"])

    print(f"declined with the right item first: {len(right_lead)}; correctly declined: {len(declined)}")
    print("| similarity at least | false refusals answered | correct refusals lost |\n|---|---|---|")
    for threshold in THRESHOLDS:
        print(f"| {threshold} | {sum(least(r) >= threshold for r in right_lead)} | {sum(least(r) >= threshold for r in declined)} |")


if __name__ == "__main__":
    if sys.argv[1] == "--table":
        table(sys.argv[2])
    else:
        run(sys.argv[1], sys.argv[2:])
