"""Per author set and pack, the three answering measures of two recordings (record.py) side by side, and conversation
turns right: correct abstention on not-addressed questions, false abstention, expected item first (as score_qa.py).

Usage: python eval/experiments/ranking/measures.py BEFORE.json AFTER.json
"""

from __future__ import annotations

import json
import sys
from typing import Any


def measures(rows: list[dict[str, Any]]) -> tuple[int, int, int, int, int, int, int, int]:
    """(right abstentions, not addressed, false abstentions, answerable, first, with ids, turns right, turns)."""
    qa = [r for r in rows if r["kind"] == "qa"]
    declined = [r for r in qa if r["category"] == "not_addressed_in_domain"]
    answerable = [r for r in qa if r["expected"] == "answered"]
    with_ids = [r for r in answerable if r["expected_ids"]]
    turns = [r for r in rows if r["kind"] == "conv"]

    def good(r: dict[str, Any]) -> bool:
        status = r["status"] == r["expected"] or r["status"] in r["acceptable"]
        return status and (r["status"] != "answered" or not r["expected_ids"] or r["ids"][:1] in [[i] for i in r["expected_ids"]])

    return (
        sum(r["status"] == "not_found" for r in declined),
        len(declined),
        sum(r["status"] != "answered" for r in answerable),
        len(answerable),
        sum(bool(r["status"] == "answered" and r["ids"] and r["ids"][0] in r["expected_ids"]) for r in with_ids),
        len(with_ids),
        sum(good(r) for r in turns),
        len(turns),
    )


def main() -> None:
    before, after = (json.loads(open(path).read()) for path in sys.argv[1:3])
    print("| pack | set | correct abstention | false abstention | item first | conversation turns right |")
    print("|---|---|---|---|---|---|")
    for pack in ("ash", "cdc"):
        for name in ("v1", "v2", "v3", "v4", "v5", "v6"):
            a = measures([r for r in before if r["pack"] == pack and r["set"] == name])
            b = measures([r for r in after if r["pack"] == pack and r["set"] == name])
            cells = [f"{a[i]}/{a[i + 1]} → {b[i]}" for i in (0, 2, 4, 6)]
            print(f"| {pack} | {name} | " + " | ".join(cells) + " |")


if __name__ == "__main__":
    main()
