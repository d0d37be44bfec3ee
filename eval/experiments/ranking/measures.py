"""Per author set and pack, the three answering measures of two recordings (record.py) side by side, and conversation
turns right: correct abstention on not-addressed questions, false abstention, expected item first (as score_qa.py).

Usage: python eval/experiments/ranking/measures.py BEFORE.json AFTER.json
"""

from __future__ import annotations

import json
import sys
from typing import Any

from record import SETS


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
        for name in SETS:
            a = measures([r for r in before if r["pack"] == pack and r["set"] == name])
            b = measures([r for r in after if r["pack"] == pack and r["set"] == name])
            cells = [f"{a[i]}/{a[i + 1]} → {b[i]}" for i in (0, 2, 4, 6)]
            print(f"| {pack} | {name} | " + " | ".join(cells) + " |")
    print()
    print(bar(before, after))


def bar(before: list[dict[str, Any]], after: list[dict[str, Any]]) -> str:
    """The brief's bar: item first up on at least four sets (per pack, and both packs together), none down by more than
    one; false and correct abstention not worse in total, and on no set by more than one."""
    lines = [
        "| packs | item first per set (before → after) | sets up | worst | false abst. | correct abst. | worst set (false, correct) | turns right |"
    ]
    lines.append("|---|---|---|---|---|---|---|---|")
    for packs in (("ash",), ("cdc",), ("ash", "cdc")):
        firsts, falses, corrects, moves, turns = [], [0, 0], [0, 0], [], [0, 0]
        for name in SETS:
            a = measures([r for r in before if r["pack"] in packs and r["set"] == name])
            b = measures([r for r in after if r["pack"] in packs and r["set"] == name])
            firsts.append((a[4], b[4]))
            falses, corrects = [falses[0] + a[2], falses[1] + b[2]], [corrects[0] + a[0], corrects[1] + b[0]]
            moves.append((b[2] - a[2], a[0] - b[0]))
            turns = [turns[0] + a[6], turns[1] + b[6]]
        cells = " / ".join(f"{x}→{y}" for x, y in firsts)
        up, worst = sum(y > x for x, y in firsts), min(y - x for x, y in firsts)
        lines.append(
            f"| {'+'.join(packs)} | {cells} | {up} | {worst:+d} | {falses[0]} → {falses[1]} | {corrects[0]} → {corrects[1]} |"
            f" {max(m[0] for m in moves):+d}, {max(m[1] for m in moves):+d} | {turns[0]} → {turns[1]} |"
        )
    return "\n".join(lines)


if __name__ == "__main__":
    main()
