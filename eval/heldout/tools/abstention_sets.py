"""Ask every held-out single question (v1-v11, ASH and CDC) in one process and write a row per question (JSONL).

Usage: PYTHONPATH=$PWD python eval/heldout/tools/abstention_sets.py OUT.jsonl [ash] [cdc]
then:  python eval/heldout/tools/abstention_sets.py --score BEFORE.jsonl [AFTER.jsonl]
Counts per set: correct abstention (not_addressed_in_domain declined as not_found), false abstention (answerable not
answered), expected item first (answerable with expected ids, answered with one of them first) and out of scope
(out_of_scope questions declined as out_of_scope; out_of_population rows are written, "oop", but not counted); with
AFTER, every reply whose status or first items changed is listed, marked better or worse where a count moved.
"""

import collections
import json
import pathlib
import sys
import tempfile

SETS = ["heldout", "heldout-v2", "heldout-v3", "heldout-v4", "heldout-v5", "heldout-v6", "heldout-v7", "heldout-v8", "heldout-v9", "heldout-v10", "heldout-v11"]
KEPT = {"not_addressed_in_domain": "nd", "out_of_scope": "oos", "out_of_population": "oop"}
CDC = {"corpus_dir": "packs/cdc-opioids-2022", "document_dirs": "../shared/external/pdfs"}


def run(out_path: str, packs: list[str]) -> None:
    from chatbot.config import load_settings
    from chatbot.core import build_chatbot
    from chatbot.index.embedders import load_embedder
    from chatbot.stores.bundle import scratch_stores

    base = load_settings()
    embedder = load_embedder(base)
    with open(out_path, "w") as out:
        for pack in packs:
            overrides: dict[str, object] = {}
            if pack == "cdc":
                overrides = {
                    "corpus_dir": pathlib.Path(CDC["corpus_dir"]).resolve(),
                    "packs": (),
                    "document_dirs": (pathlib.Path(CDC["document_dirs"]).resolve(),),
                }
            bot = build_chatbot(
                base.model_copy(update=overrides), embedder=embedder, stores=scratch_stores(pathlib.Path(tempfile.mkdtemp()))
            )
            for folder in SETS:
                for line in open(f"eval/{folder}/qa-{pack}.jsonl"):
                    item = json.loads(line)
                    category = item.get("category")
                    if "turns" in item or (category not in KEPT and item["expected_status"] != "answered"):
                        continue
                    reply = bot.ask(item["question"], channel="eval")
                    row = {
                        "set": "v1" if folder == "heldout" else folder.removeprefix("heldout-"),
                        "pack": pack,
                        "id": item["id"],
                        "cat": KEPT.get(category, "ans") if item["expected_status"] != "answered" else "ans",
                        "expected": item.get("expected_ids", []),
                        "status": reply.answer.status.value,
                        "ids": list(reply.answer.recommendation_ids[:2]),
                        "uncovered": list(reply.answer.uncovered),
                    }
                    out.write(json.dumps(row) + "\n")


def item_first(row: dict) -> bool:
    """Whether an answerable question was answered with one of its expected items first."""
    return row["status"] == "answered" and bool(row["ids"]) and row["ids"][0] in row["expected"]


def counts(path: str) -> dict[tuple[str, str], list[int]]:
    """Per (pack, set): correct abstentions, not addressed, false abstentions, answerable, item first, with expected ids,
    declined as out of scope, out of scope."""
    table: dict[tuple[str, str], list[int]] = collections.defaultdict(lambda: [0] * 8)
    for row in map(json.loads, open(path)):
        cell = table[(row["pack"], row["set"])]
        if row["cat"] == "nd":
            cell[0] += row["status"] == "not_found"
            cell[1] += 1
        elif row["cat"] == "ans":
            cell[2] += row["status"] != "answered"
            cell[3] += 1
            if row["expected"]:
                cell[4] += item_first(row)
                cell[5] += 1
        elif row["cat"] == "oos":
            cell[6] += row["status"] == "out_of_scope"
            cell[7] += 1
    return table


def verdict(old: dict, new: dict) -> str:
    """How one reply changed: better or worse where a count moved (abstention or item first), else changed."""
    if old["cat"] == "nd":
        moved = (new["status"] == "not_found") - (old["status"] == "not_found")
    elif old["cat"] == "oos":
        moved = (new["status"] == "out_of_scope") - (old["status"] == "out_of_scope")
    elif old["cat"] == "oop":
        moved = 0
    else:
        moved = (new["status"] == "answered") - (old["status"] == "answered") or item_first(new) - item_first(old)
    return "better" if moved > 0 else "worse" if moved < 0 else "changed"


def changes(before: str, after: str) -> list[str]:
    """One line per reply whose status or first two items differ between two runs."""
    old = {(r["pack"], r["set"], r["id"]): r for r in map(json.loads, open(before))}
    lines = []
    for new in map(json.loads, open(after)):
        was = old.get((new["pack"], new["set"], new["id"]))
        if was is not None and (was["status"], was["ids"]) != (new["status"], new["ids"]):
            lines.append(
                f"{verdict(was, new)} {new['pack']} {new['set']} {new['id']} ({new['cat']}, expected {new['expected']}): "
                f"{was['status']} {was['ids']} -> {new['status']} {new['ids']}"
            )
    return lines


def score(before: str, after: str | None) -> None:
    first, second = counts(before), counts(after) if after else None
    head = "| pack | set | correct abstention | false abstention | item first | out of scope |"
    print(head + (" after: correct | after: false | after: item first | after: out of scope |" if second else ""))
    print("|---|---|---|---|---|---|" + ("---|---|---|---|" if second else ""))
    for key in sorted(first):
        a = first[key]
        line = f"| {key[0]} | {key[1]} | {a[0]}/{a[1]} | {a[2]}/{a[3]} | {a[4]}/{a[5]} | {a[6]}/{a[7]} |"
        if second:
            b = second[key]
            line += f" {b[0]}/{b[1]} | {b[2]}/{b[3]} | {b[4]}/{b[5]} | {b[6]}/{b[7]} |"
        print(line)
    if after:
        print("\n".join(changes(before, after)))


if __name__ == "__main__":
    if sys.argv[1] == "--score":
        score(sys.argv[2], sys.argv[3] if len(sys.argv) > 3 else None)
    else:
        run(sys.argv[1], sys.argv[2:] or ["ash", "cdc"])
