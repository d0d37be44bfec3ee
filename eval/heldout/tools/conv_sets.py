"""Every author's conversation set (v1-v11) of one pack in one process, production configuration: turn accuracy by
position, property follow-ups, and per-turn results (JSON) to diff two versions of the code.

    PYTHONPATH=$PWD python eval/heldout/tools/conv_sets.py ash|cdc OUT_DIR [heldout heldout-v2 ...]
"""

import json
import pathlib
import sys

from chatbot.config import PROJECT_ROOT, Settings
from chatbot.core import build_chatbot
from chatbot.evaluation.gold import load_gold
from chatbot.evaluation.run import CONFIGURATIONS, PRIMARY, run_configuration
from chatbot.index.embedders import load_embedder
from chatbot.stores.bundle import scratch_stores

SETS = ["heldout", "heldout-v2", "heldout-v3", "heldout-v4", "heldout-v5", "heldout-v6", "heldout-v7", "heldout-v8", "heldout-v9", "heldout-v10", "heldout-v11"]
KEEP = {"question", "expected_status", "expected_ids", "acceptable_statuses", "note"}


def main() -> None:
    pack, out = sys.argv[1], pathlib.Path(sys.argv[2])
    out.mkdir(parents=True, exist_ok=True)
    if pack == "ash":
        settings = Settings()
    else:
        pdfs = PROJECT_ROOT.parent / "shared/external/pdfs"
        settings = Settings(corpus_dir=PROJECT_ROOT / "packs/cdc-opioids-2022", document_dirs=(pdfs,))
    bot = build_chatbot(settings, embedder=load_embedder(settings), stores=scratch_stores(out / f"stores-{pack}"))
    configuration = next(c for c in CONFIGURATIONS if c.name == PRIMARY)
    for name in sys.argv[3:] or SETS:
        conversations = [json.loads(line) for line in open(PROJECT_ROOT / "eval" / name / f"conv-{pack}.jsonl")]
        rows = [
            {"id": c["id"], "category": "multi_turn", "turns": [{k: v for k, v in t.items() if k in KEEP} for t in c["turns"]]}
            for c in conversations
        ]
        gold = out / f"{name}-{pack}.gold.jsonl"
        gold.write_text("".join(json.dumps(r) + "\n" for r in rows))
        prop = {(c["id"], n): t.get("property") for c in conversations for n, t in enumerate(c["turns"], 1)}
        records = []
        for r in run_configuration(bot, load_gold(gold), configuration):
            first = bool(r.answer_ids) and r.answer_ids[0] in r.expected_ids
            ok = r.status_correct and (r.status != "answered" or not r.expected_ids or first)
            records.append(
                {"id": r.item_id, "turn": r.turn, "q": r.question, "exp": r.expected_status, "got": r.status, "eids": r.expected_ids,
                 "aids": r.answer_ids, "ok": ok, "rq": r.resolved_question, "prop": prop.get((r.item_id, r.turn))}
            )  # fmt: skip
        (out / f"{name}-{pack}.json").write_text(json.dumps(records, indent=0))
        by_turn: dict[int, list[bool]] = {}
        for x in records:
            by_turn.setdefault(x["turn"], []).append(x["ok"])
        done = {(x["id"], x["turn"]): x["ok"] for x in records}
        props = [x for x in records if x["prop"]]
        after_right = [x for x in props if done.get((x["id"], x["turn"] - 1))]
        print(
            name,
            pack,
            " ".join(f"t{t}={sum(v) / len(v):.3f}({len(v)})" for t, v in sorted(by_turn.items())),
            f"all={sum(x['ok'] for x in records)}/{len(records)}",
            f"props={sum(x['ok'] for x in props)}/{len(props)} ({sum(x['ok'] for x in after_right)}/{len(after_right)})",
            flush=True,
        )


if __name__ == "__main__":
    main()
