"""Run every round's single-turn held-out questions (qa-ash, qa-cdc of v1-v4) in one process and print the three
abstention measures per set; optionally compare with an earlier run's records and list the replies that changed.

One engine per pack answers each question as `chatbot ask` does (a fresh session), so the figures match the
`chatbot eval` runners' (checked on v1 qa-ash and v4 qa-ash/qa-cdc) in about two minutes instead of forty.

Usage (from a checkout, with PYTHONPATH set to it):
    python eval/heldout/tools/probe_qa.py /tmp/me/after.json [--compare /tmp/me/before.json] [--packs ash cdc]
Records keep the question text, so write them outside the repository.
"""

from __future__ import annotations

import argparse
import json
import tempfile
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parents[3]
SETS = {"v1": ROOT / "eval/heldout", "v2": ROOT / "eval/heldout-v2", "v3": ROOT / "eval/heldout-v3", "v4": ROOT / "eval/heldout-v4"}


def run(packs: list[str]) -> list[dict[str, Any]]:
    """Every question of the sets answered by its pack's engine."""
    from chatbot.config import Settings
    from chatbot.conversation.state import DialogueState
    from chatbot.core import build_chatbot, validate_question
    from chatbot.stores.bundle import scratch_stores

    scratch = Path(tempfile.mkdtemp(prefix="probe-qa-"))
    cdc = Settings(
        corpus_dir=(ROOT / "packs/cdc-opioids-2022").resolve(), document_dirs=((ROOT.parent / "shared/external/pdfs").resolve(),)
    )
    settings = {"ash": Settings(), "cdc": cdc}
    records = []
    for pack in packs:
        bot = build_chatbot(settings[pack], stores=scratch_stores(scratch / pack), load_model_now=True)
        engine = bot.engines[0]
        for name, folder in SETS.items():
            for line in (folder / f"qa-{pack}.jsonl").read_text().splitlines():
                row = json.loads(line)
                answer = engine.answer(validate_question(row["question"], bot.settings), DialogueState()).answer
                records.append(
                    {
                        "set": name,
                        "pack": pack,
                        "id": row["id"],
                        "category": row["category"],
                        "question": row["question"],
                        "expected": row["expected_status"],
                        "acceptable": row.get("acceptable_statuses", []),
                        "expected_ids": row.get("expected_ids", []),
                        "status": str(answer.status),
                        "ids": list(answer.recommendation_ids),
                        "uncovered": list(answer.uncovered),
                    }
                )
    return records


def measures(rows: list[dict[str, Any]]) -> str:
    """Correct abstention on not-addressed questions, false abstention and expected item first (as score_qa.py counts them)."""
    declined = [r for r in rows if r["category"] == "not_addressed_in_domain"]
    answerable = [r for r in rows if r["expected"] == "answered"]
    with_ids = [r for r in answerable if r["expected_ids"]]
    right = sum(r["status"] == "not_found" for r in declined)
    false = sum(r["status"] != "answered" for r in answerable)
    first = sum(bool(r["status"] == "answered" and r["ids"] and r["ids"][0] in r["expected_ids"]) for r in with_ids)
    figures = f"{right / max(1, len(declined)):.3f} / {false / max(1, len(answerable)):.3f} / {first / max(1, len(with_ids)):.3f}"
    return f"{figures}  ({right}/{len(declined)}, {false}/{len(answerable)}, {first}/{len(with_ids)})"


def good(record: dict[str, Any]) -> bool:
    """Whether a reply has an accepted status and, when answered, an expected first item."""
    status_ok = record["status"] == record["expected"] or record["status"] in record["acceptable"]
    item_ok = record["status"] != "answered" or not record["expected_ids"] or record["ids"][:1] in [[i] for i in record["expected_ids"]]
    return status_ok and item_ok


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("out", type=Path)
    parser.add_argument("--compare", type=Path)
    parser.add_argument("--packs", nargs="+", default=["ash", "cdc"])
    args = parser.parse_args()
    records = run(args.packs)
    args.out.write_text(json.dumps(records, indent=0))
    before = json.loads(args.compare.read_text()) if args.compare else None
    for pack in args.packs:
        for name in SETS:
            now = measures([r for r in records if r["set"] == name and r["pack"] == pack])
            if before is not None:
                now = measures([r for r in before if r["set"] == name and r["pack"] == pack]) + "  ->  " + now
            line = f"{name} qa-{pack}: {now}"
            print(line)
    earlier = {r["id"]: r for r in before or []}
    for record in records:
        old = earlier.get(record["id"])
        if old is not None and (old["status"], old["ids"][:1]) != (record["status"], record["ids"][:1]):
            tag = "fixed" if good(record) and not good(old) else "broke" if good(old) and not good(record) else "changed"
            print(f"  {tag} {record['id']}: {old['status']} {old['ids'][:1]} -> {record['status']} {record['ids'][:1]}")


if __name__ == "__main__":
    main()
