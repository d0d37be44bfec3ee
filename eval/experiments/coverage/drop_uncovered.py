"""Ask each held-out single question declined for an uncovered word again without that word, and compare the lead item.

Diagnostic (issue 13): does "the same item stays first without the word" separate false refusals (answerable) from
correct ones (not_addressed_in_domain)? Rows keep ids and numbers, never question text: write them outside the repo.

Usage (from a checkout, PYTHONPATH set to it):
    python eval/experiments/coverage/drop_uncovered.py /tmp/me/drop.jsonl [--packs ash cdc grade] [--grade /tmp/g]
    python eval/experiments/coverage/drop_uncovered.py --table /tmp/me/drop.jsonl
"""

from __future__ import annotations

import argparse
import collections
import json
import re
import sys
import tempfile
from pathlib import Path
from typing import Any

sys.path.insert(0, str(Path(__file__).resolve().parents[1] / "ranking"))
from record import SETS, final_call, pack_settings  # noqa: E402

KEPT = ("answerable", "not_addressed_in_domain")


class Lead:
    """Wraps compose_answer and lead_hit so each composition leaves its search, lead item and outcome."""

    def __init__(self) -> None:
        self.calls: list[dict[str, Any]] = []

    def install(self) -> None:
        from chatbot.answer import compose

        original, lead = compose.compose_answer, compose.lead_hit

        def traced(search: Any, context: Any, settings: Any) -> Any:
            call: dict[str, Any] = {"search": search, "lead": None}
            self.calls.append(call)
            answer = original(search, context, settings)
            call["status"], call["ids"] = str(answer.status), list(answer.recommendation_ids)
            return answer

        def leading(*args: Any, **kwargs: Any) -> Any:
            hit = lead(*args, **kwargs)
            if self.calls:
                self.calls[-1]["lead"] = hit.passage.recommendation_id
            return hit

        compose.compose_answer, compose.lead_hit = traced, leading

    def kept(self, status: str, ids: list[str]) -> tuple[Any, str | None]:
        """The kept composition's search and lead item (the first fused item when it stopped before picking a lead)."""
        call = final_call(self.calls, status, ids)
        if call is None:
            return None, ids[0] if ids else None
        hits = [h.passage.recommendation_id for h in call["search"].hits if h.passage.recommendation_id]
        return call["search"], call["lead"] or (hits[0] if hits else None)


def standing(search: Any, item: str | None) -> tuple[float | None, int | None]:
    """An item's best dense similarity among the fused hits and its 1-based rank among the hits' distinct items."""
    if search is None or item is None:
        return None, None
    items = list(dict.fromkeys(h.passage.recommendation_id for h in search.hits if h.passage.recommendation_id))
    dense = [h.dense_score for h in search.hits if h.passage.recommendation_id == item and h.dense_score is not None]
    return (max(dense) if dense else None), (items.index(item) + 1 if item in items else None)


def without(question: str, words: list[str]) -> str:
    """The question with each uncovered word (and the rest of a word it starts) removed."""
    for word in words:
        question = re.sub(rf"(?i)\b{re.escape(word)}[\w-]*", " ", question)
    return re.sub(r"\s+", " ", question).strip()


def sources(pack: str, grade: Path | None) -> tuple[Any, list[tuple[str, Path]]]:
    """A pack's settings and its (set name, question file) pairs; 'grade' is the uncurated pack built in GRADE_DIR."""
    if pack != "grade":
        return pack_settings(pack), [(name, folder / f"qa-{pack}.jsonl") for name, folder in SETS.items()]
    from chatbot.config import Settings

    assert grade is not None, "--grade DIR is needed for the grade pack"
    settings = Settings(corpus_dir=(grade / "grade-pack").resolve(), packs=(), index_dir=(grade / "index").resolve())
    return settings, [("grade", Path(__file__).resolve().parents[2] / "heldout-grade/qa.jsonl")]


def run(out: Path, packs: list[str], grade: Path | None) -> None:
    from chatbot.conversation.state import DialogueState
    from chatbot.core import build_chatbot, validate_question
    from chatbot.stores.bundle import scratch_stores

    tracer = Lead()
    tracer.install()
    scratch = Path(tempfile.mkdtemp(prefix="drop-"))
    with out.open("w") as sink:
        for pack in packs:
            settings, files = sources(pack, grade)
            bot = build_chatbot(settings, stores=scratch_stores(scratch / pack), load_model_now=True)
            engine = bot.engines[0]

            def ask(text: str, engine: Any = engine, bot: Any = bot) -> tuple[Any, Any, str | None]:
                tracer.calls = []
                done = engine.answer(validate_question(text, bot.settings), DialogueState())
                answer = done.answer
                return (answer, *tracer.kept(str(answer.status), list(answer.recommendation_ids)))

            for name, path in files:
                for line in path.read_text().splitlines():
                    row = json.loads(line)
                    if row.get("category") not in KEPT:
                        continue
                    answer, search, lead = ask(row["question"])
                    if str(answer.status) == "answered" or not answer.uncovered:
                        continue
                    sim, rank = standing(search, lead)
                    stripped = without(row["question"], list(answer.uncovered))
                    again, search2, lead2 = ask(stripped) if stripped != row["question"] else (None, None, None)
                    sim2, rank2 = standing(search2, lead)
                    record = {
                        "set": name, "pack": pack, "id": row["id"], "cat": row["category"],
                        "expected": row.get("expected_ids", []), "uncovered": list(answer.uncovered),
                        "removed": stripped != row["question"], "lead": lead, "lead_sim": sim, "lead_rank": rank,
                        "lead2": lead2, "sim2": sim2, "rank2": rank2,
                        "status2": None if again is None else str(again.status),
                    }  # fmt: skip
                    sink.write(json.dumps(record) + "\n")
            print(f"{pack}: done", file=sys.stderr)


def table(path: Path) -> None:
    """Per author set and pooled: declined for an uncovered word, lead right, same lead without the word, sim change."""
    rows = [json.loads(line) for line in path.read_text().splitlines()]
    groups: dict[tuple[str, str], list[dict[str, Any]]] = collections.defaultdict(list)
    for row in rows:
        groups[(row["pack"] + " " + row["set"], row["cat"])].append(row)
        groups[("pooled", row["cat"])].append(row)
    print(
        "| set | group | declined (uncovered) | lead = expected | word removable | same lead without word "
        "| same lead, still rank 1 | answered without word | median sim change |"
    )
    print("|---|---|---|---|---|---|---|---|---|")
    for (name, cat), group in sorted(groups.items(), key=lambda kv: (kv[0][0] == "pooled", kv[0])):
        right = sum(bool(r["lead"]) and r["lead"] in r["expected"] for r in group)
        removed = sum(r["removed"] for r in group)
        same = sum(bool(r["lead"]) and r["lead2"] == r["lead"] for r in group if r["removed"])
        first = sum(bool(r["lead"]) and r["lead2"] == r["lead"] and r["rank2"] == 1 for r in group if r["removed"])
        answered = sum(r["status2"] == "answered" for r in group)
        drops = sorted(r["sim2"] - r["lead_sim"] for r in group if r["lead_sim"] is not None and r["sim2"] is not None)
        median = f"{drops[len(drops) // 2]:+.3f}" if drops else "-"
        label = "answerable" if cat == "answerable" else "not addressed"
        print(
            f"| {name} | {label} | {len(group)} | {right if cat == 'answerable' else '-'} | {removed} | {same} "
            f"| {first} | {answered} | {median} |"
        )
    for cut in (-0.1, -0.05, -0.02, 0.0, 0.02):
        kept = {c: 0 for c in KEPT}
        for row in rows:
            if row["lead"] and row["lead2"] == row["lead"] and row["sim2"] is not None and row["sim2"] - row["lead_sim"] >= cut:
                kept[row["cat"]] += 1
        print(f"same lead, sim change >= {cut:+}: answerable {kept['answerable']}, not addressed {kept[KEPT[1]]}")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("out", type=Path)
    parser.add_argument("--packs", nargs="+", default=["ash", "cdc"])
    parser.add_argument("--grade", type=Path, help="folder with grade-pack/ and index/ (eval/heldout-grade/README.md)")
    parser.add_argument("--table", action="store_true", help="print the table of an existing run")
    args = parser.parse_args()
    if args.table:
        table(args.out)
    else:
        run(args.out, args.packs, args.grade)


if __name__ == "__main__":
    main()
