"""Ask the held-out CDC questions of v1-v11 (qa-cdc) of a pack made by `pack init`, in one process, and print status
accuracy, R@1, R@5 and MRR per author set (production configuration, ids matched to the pack's items by number as
`chatbot eval --compare-pack` does).

Usage (from a checkout, with PYTHONPATH set to it):
    python eval/heldout/tools/heldout_uncurated.py /tmp/unc-pack /tmp/me/heldout.json
Records keep the question text, so write them outside the repository.
"""

from __future__ import annotations

import json
import sys
import tempfile
from pathlib import Path

ROOT = Path(__file__).resolve().parents[3]
SETS = {f"v{n}": ROOT / ("eval/heldout" if n == 1 else f"eval/heldout-v{n}") for n in range(1, 12)}
CAT = {"not_addressed_in_domain": "not_addressed", "head_to_head": "full_sentence", "population_cue": "vignette"}
CAT |= {"out_of_population": "not_addressed", "answerable": "full_sentence", "out_of_scope": "out_of_scope"}
KEEP = ("question", "expected_status", "expected_ids", "acceptable_statuses")


def converted(folder: Path, out: Path) -> Path:
    """The set's qa-cdc.jsonl in the gold format (as convert.py writes it)."""
    rows = []
    for line in (folder / "qa-cdc.jsonl").read_text().splitlines():
        d = json.loads(line)
        row = {k: d[k] for k in KEEP if k in d} | {"id": d["id"]}
        row["category"] = "ambiguous_population" if d["expected_status"] == "needs_clarification" else CAT[d["category"]]
        rows.append(row)
    out.write_text("".join(json.dumps(r) + "\n" for r in rows))
    return out


def main(pack_dir: Path, out: Path) -> None:
    """Every set asked of one bot of the pack; the table printed, the records written to `out`."""
    from chatbot.config import load_settings
    from chatbot.core import build_chatbot
    from chatbot.evaluation.compare import id_map, remap_gold
    from chatbot.evaluation.gold import load_gold
    from chatbot.evaluation.run import CONFIGURATIONS, PRIMARY, run_configuration, summarise
    from chatbot.recs.loading import load_recommendations
    from chatbot.stores.bundle import scratch_stores

    scratch = Path(tempfile.mkdtemp(prefix="heldout-unc-"))
    curated = load_recommendations(ROOT / "packs/cdc-opioids-2022")
    bot = build_chatbot(load_settings(corpus_dir=pack_dir.resolve()), stores=scratch_stores(scratch / "stores"))
    mapping = id_map(curated, bot.rec_set)
    primary = next(c for c in CONFIGURATIONS if c.name == PRIMARY)
    records, lines = [], ["| set | questions | status | R@1 | R@5 | MRR |", "| --- | --- | --- | --- | --- | --- |"]
    for name, folder in SETS.items():
        gold = remap_gold(load_gold(converted(folder, scratch / f"{name}.jsonl"), frozenset(r.id for r in curated.items)), mapping)
        results = run_configuration(bot, gold, primary)
        m = summarise(results)
        lines.append(
            f"| {name} | {len(results)} | {m['status_accuracy']:.3f} | {m['recall@1']:.3f} | {m['recall@5']:.3f} | {m['mrr']:.3f} |"
        )
        records += [
            {"set": name, "id": r.item_id, "status": r.status, "ranked": list(r.ranked_ids[:5]), "expected": list(r.expected_ids)}
            for r in results
        ]
    out.write_text(json.dumps(records, indent=1))
    print("\n".join(lines))


if __name__ == "__main__":
    main(Path(sys.argv[1]), Path(sys.argv[2]))
