"""Answer every held-out question and conversation turn of v1-v7 that expects an item (answerable, population cue,
head-to-head; conversation turns expecting an answer) and record, per reply, where the expected item was lost.

For each reply the last composition that produced it is traced: the items of the fused hits in order, the items of the
ranked candidates, the lead item, and which check (relevance, population, uncovered asks, details, answer type) made
it abstain. Records keep ids, never question text: write them outside the repository.

Usage (from a checkout, PYTHONPATH set to it):
    python eval/experiments/ranking/record.py /tmp/me/base.json [--packs ash cdc] [--sets v1 .. v7]
"""

from __future__ import annotations

import argparse
import json
import sys
import tempfile
from collections.abc import Callable
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parents[3]
SETS = {
    "v1": ROOT / "eval/heldout",
    "v2": ROOT / "eval/heldout-v2",
    "v3": ROOT / "eval/heldout-v3",
    "v4": ROOT / "eval/heldout-v4",
    "v5": ROOT / "eval/heldout-v5",
    "v6": ROOT / "eval/heldout-v6",
    "v7": ROOT / "eval/heldout-v7",
}
CATEGORIES = ("answerable", "population_cue", "head_to_head")
CURRENT = {"set": ""}  # the author set being answered (a leave-one-author-out variant picks its fold's model by it)
CHECKS = ("check_relevance", "check_population", "check_details", "_uncovered")


class Tracer:
    """Wraps compose_answer and its checks so that each composition leaves a record of how it went."""

    def __init__(self) -> None:
        self.calls: list[dict[str, Any]] = []

    def install(self) -> None:
        """Patch the answer module's names (the engine imports compose_answer at call time)."""
        from chatbot.answer import compose

        original = compose.compose_answer
        for name in CHECKS:
            setattr(compose, name, self._check(name, getattr(compose, name)))
        compose.rank_candidates = self._ranked(compose.rank_candidates)
        compose.lead_hit = self._lead(compose.lead_hit)

        def traced(search: Any, context: Any, settings: Any) -> Any:
            record: dict[str, Any] = {"hits": [_owner(h) for h in search.hits], "checks": [], "candidates": None, "lead": None}
            self.calls.append(record)
            answer = original(search, context, settings)
            record["status"], record["ids"], record["summary"] = str(answer.status), list(answer.recommendation_ids), answer.summary
            return answer

        compose.compose_answer = traced

    def _check(self, name: str, check: Callable[..., Any]) -> Callable[..., Any]:
        def wrapped(*args: Any, **kwargs: Any) -> Any:
            found = check(*args, **kwargs)
            if found is not None and self.calls:
                self.calls[-1]["checks"].append((name, found.summary))
            return found

        return wrapped

    def _ranked(self, rank: Callable[..., Any]) -> Callable[..., Any]:
        def wrapped(*args: Any, **kwargs: Any) -> Any:
            candidates = rank(*args, **kwargs)
            if self.calls:
                self.calls[-1]["candidates"] = [_owner(c.hit) for c in candidates]
                self.calls[-1]["missing"] = [bool(c.missing) for c in candidates]
            return candidates

        return wrapped

    def _lead(self, lead: Callable[..., Any]) -> Callable[..., Any]:
        def wrapped(*args: Any, **kwargs: Any) -> Any:
            hit = lead(*args, **kwargs)
            if self.calls:
                self.calls[-1]["lead"] = _owner(hit)
            return hit

        return wrapped


def _owner(hit: Any) -> str:
    """The item a hit belongs to, or its passage id when it belongs to none."""
    return hit.passage.recommendation_id or f"passage:{hit.passage.id}"


def pack_settings(pack: str) -> Any:
    """The settings the held-out runners use for a pack."""
    from chatbot.config import Settings

    if pack == "ash":
        return Settings()
    pdfs = (ROOT.parent / "shared/external/pdfs").resolve()
    if not pdfs.exists():
        pdfs = Path("/work/shared/external/pdfs")
    return Settings(corpus_dir=(ROOT / "packs/cdc-opioids-2022").resolve(), document_dirs=(pdfs,))


def questions(pack: str, sets: list[str]) -> list[dict[str, Any]]:
    """Every single question and conversation of the sets: (set, id, turns), each turn with its expectation."""
    items = []
    for name in sets:
        for line in (SETS[name] / f"qa-{pack}.jsonl").read_text().splitlines():
            row = json.loads(line)
            items.append({"set": name, "id": row["id"], "kind": "qa", "category": row["category"], "turns": [row]})
        for line in (SETS[name] / f"conv-{pack}.jsonl").read_text().splitlines():
            row = json.loads(line)
            items.append({"set": name, "id": row["id"], "kind": "conv", "category": row.get("category", ""), "turns": row["turns"]})
    return items


def final_call(calls: list[dict[str, Any]], status: str, ids: list[str]) -> dict[str, Any] | None:
    """The composition whose outcome the reply kept (the last with its status and items; else the first)."""
    for call in reversed(calls):
        if call.get("status") == status and call.get("ids") == ids:
            return call
    for call in reversed(calls):
        if call.get("status") == status:
            return call
    return calls[0] if calls else None


def run(packs: list[str], sets: list[str], setup: Callable[[Any], None] | None = None) -> list[dict[str, Any]]:
    """Answer every turn with its pack's engine, the dialogue state carried as the session store carries it."""
    from chatbot.conversation.state import DialogueState
    from chatbot.core import build_chatbot, validate_question
    from chatbot.stores.bundle import scratch_stores

    tracer = Tracer()
    tracer.install()
    scratch = Path(tempfile.mkdtemp(prefix="ranking-"))
    records = []
    for pack in packs:
        bot = build_chatbot(pack_settings(pack), stores=scratch_stores(scratch / pack), load_model_now=True)
        engine = bot.engines[0]
        if setup is not None:
            setup(engine)
        for item in questions(pack, sets):
            CURRENT["set"] = item["set"]
            state = DialogueState()
            for number, turn in enumerate(item["turns"], start=1):
                tracer.calls = []
                done = engine.answer(validate_question(turn["question"], bot.settings), state)
                state = DialogueState.from_dict(done.state.as_dict())
                answer = done.answer
                status, ids = str(answer.status), list(answer.recommendation_ids)
                call = final_call(tracer.calls, status, ids)
                records.append(
                    {
                        "set": item["set"],
                        "pack": pack,
                        "id": item["id"],
                        "kind": item["kind"],
                        "turn": number,
                        "category": item["category"] if item["kind"] == "qa" else "turn",
                        "property": turn.get("property"),
                        "expected": turn["expected_status"],
                        "acceptable": turn.get("acceptable_statuses", []),
                        "expected_ids": turn.get("expected_ids", []),
                        "status": status,
                        "ids": ids,
                        "searched": bool(tracer.calls),
                        "trace": None if call is None else {k: v for k, v in call.items() if k != "summary"},
                        "cause_summary": None if call is None else _template_of(call.get("summary", ""), engine.templates),
                        "reply_template": _template_of(answer.summary, engine.templates),
                    }
                )
        print(f"{pack}: {sum(r['pack'] == pack for r in records)} replies", file=sys.stderr)
    return records


def _template_of(summary: str, templates: Any) -> str:
    """The name of the template line a summary was written from (its text before the first placeholder)."""
    names = [
        "not_found", "missing_detail", "unseen_terms", "uncovered", "answer_type", "population_mismatch", "age_outside",
        "excluded_population", "other_condition", "clarification", "out_of_scope", "placeholder",
    ]  # fmt: skip
    for name in names:
        head = str(getattr(templates, name, "") or "").split("{")[0].strip()
        if head and summary.startswith(head[:40]):
            return name
    return "answered" if summary else ""


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("out", type=Path)
    parser.add_argument("--packs", nargs="+", default=["ash", "cdc"])
    parser.add_argument("--sets", nargs="+", default=list(SETS))
    parser.add_argument("--variant", default="", help="a function name in variants.py that changes an engine before the run")
    args = parser.parse_args()
    setup = None
    if args.variant:
        import variants

        setup = getattr(variants, args.variant)
    records = run(args.packs, args.sets, setup)
    args.out.write_text(json.dumps(records))


if __name__ == "__main__":
    main()
