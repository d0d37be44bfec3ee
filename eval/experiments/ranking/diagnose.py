"""Where each miss of a recording (record.py) fails: per author set and pack, a count per cause.

A question or turn that expects an item misses when the reply is not `answered` with an expected item first. Its cause:
- absent: no expected item among the traced composition's hits or candidates at all;
- before ranking/<check>: refused (relevance) before any candidate was chosen;
- below: an expected item is a candidate but another leads: `below/passage leads` when a passage linked to no item
  leads, `below/fused` when another item was already above it in the fused hits, `below/reranked` when the
  candidates' reordering moved it down;
- abstains/<check>: an expected item leads but the reply abstains; the check that made it (relevance, population,
  uncovered asks, details, answer type) or the conversation's clarification;
- other: an expected item leads and the reply answers, but with another item first (a conversation's choice);
- no-search: a follow-up answered from the dialogue state without a search (its item came from an earlier turn).

Usage: python eval/experiments/ranking/diagnose.py RECORDS.json [--compare BEFORE.json] [--list]
"""

from __future__ import annotations

import argparse
import json
from collections import Counter
from pathlib import Path
from typing import Any

from record import SETS

CATEGORIES = ("answerable", "population_cue", "head_to_head")
CHECK_NAMES = {
    "check_relevance": "relevance",
    "check_population": "population",
    "_uncovered": "uncovered asks",
    "check_details": "details",
}


def wanted(record: dict[str, Any]) -> bool:
    """Whether the record expects an answer with an item (single questions of the three categories, or a turn)."""
    if record["expected"] != "answered" or not record["expected_ids"]:
        return False
    return record["kind"] == "conv" or record["category"] in CATEGORIES


def right(record: dict[str, Any]) -> bool:
    """Answered with an expected item first."""
    return record["status"] == "answered" and bool(record["ids"]) and record["ids"][0] in record["expected_ids"]


def cause(record: dict[str, Any]) -> str:
    """Why a miss missed (see the module docstring)."""
    trace, expected = record["trace"], set(record["expected_ids"])
    if trace is None:
        return "no-search"
    if trace.get("lead") is None and trace["checks"]:  # refused before any item was chosen
        return "before ranking/" + CHECK_NAMES.get(trace["checks"][-1][0], trace["checks"][-1][0])
    candidates = trace.get("candidates") or trace["hits"]
    lead = trace.get("lead") or (candidates[0] if candidates else None)
    if lead not in expected:
        if not expected & (set(candidates) | set(trace["hits"])):
            return "absent"
        if lead is not None and lead.startswith("passage:"):
            return "below/passage leads"
        first_item = next((owner for owner in trace["hits"] if not owner.startswith("passage:")), None)
        return "below/reranked" if first_item in expected else "below/fused"
    if record["status"] != "answered":
        if trace["checks"]:
            return "abstains/" + CHECK_NAMES.get(trace["checks"][-1][0], trace["checks"][-1][0])
        template = record.get("reply_template") or record.get("cause_summary") or "?"
        return "abstains/" + {"answer_type": "answer type", "clarification": "clarification"}.get(template, template)
    return "other"


def table(records: list[dict[str, Any]]) -> tuple[list[str], dict[tuple[str, str], Counter[str]]]:
    """Counts per (set, group) of each cause, with the totals under 'n' and 'right'."""
    counts: dict[tuple[str, str], Counter[str]] = {}
    for record in records:
        if not wanted(record):
            continue
        group = (
            f"qa-{record['pack']}"
            if record["kind"] == "qa"
            else f"conv-{record['pack']} t1"
            if record["turn"] == 1
            else f"conv-{record['pack']} t2+"
        )
        counter = counts.setdefault((record["set"], group), Counter())
        counter["n"] += 1
        if right(record):
            counter["right"] += 1
        else:
            counter[cause(record)] += 1
    causes = sorted({c for counter in counts.values() for c in counter} - {"n", "right"})
    return causes, counts


def markdown(records: list[dict[str, Any]]) -> str:
    """The cause table, one row per author set and group, with totals per group."""
    causes, counts = table(records)
    lines = ["| set | group | n | right | " + " | ".join(causes) + " |", "|" + "---|" * (4 + len(causes))]
    groups = sorted({g for _, g in counts})
    for group in groups:
        total: Counter[str] = Counter()
        for (name, g), counter in sorted(counts.items()):
            if g != group:
                continue
            total.update(counter)
            lines.append(
                f"| {name} | {g} | {counter['n']} | {counter['right']} | " + " | ".join(str(counter[c] or "") for c in causes) + " |"
            )
        lines.append(
            f"| **all** | **{group}** | {total['n']} | {total['right']} | " + " | ".join(str(total[c] or "") for c in causes) + " |"
        )
    return "\n".join(lines)


COMPACT = ("absent", "below", "refused before ranking", "first, abstains", "other", "no-search")


def compact(detail: str) -> str:
    """A cause in one of the COMPACT groups."""
    if detail.startswith("below"):
        return "below"
    if detail.startswith("before ranking"):
        return "refused before ranking"
    if detail.startswith("abstains"):
        return "first, abstains"
    return detail


def compact_table(records: list[dict[str, Any]]) -> str:
    """Per pack, kind (single questions, first turns, later turns) and author set: n, right and the COMPACT causes."""
    lines = ["| pack | kind | set | n | right | " + " | ".join(COMPACT) + " |", "|" + "---|" * (5 + len(COMPACT))]
    for pack in ("ash", "cdc"):
        for kind in ("qa", "turn 1", "turns 2+"):
            for name in (*SETS, "all"):
                counts: Counter[str] = Counter()
                for r in records:
                    rkind = "qa" if r["kind"] == "qa" else "turn 1" if r["turn"] == 1 else "turns 2+"
                    if r["pack"] != pack or rkind != kind or not wanted(r) or name not in ("all", r["set"]):
                        continue
                    counts["n"] += 1
                    counts["right" if right(r) else compact(cause(r))] += 1
                cells = " | ".join(str(counts[c]) for c in COMPACT)
                lines.append(f"| {pack} | {kind} | {name} | {counts['n']} | {counts['right']} | {cells} |")
    return "\n".join(lines)


def first_rates(records: list[dict[str, Any]]) -> dict[tuple[str, str], tuple[int, int]]:
    """Expected item first on single questions (as score_qa.py counts it), per (pack, set): (right, n)."""
    rates: dict[tuple[str, str], tuple[int, int]] = {}
    for record in records:
        if record["kind"] != "qa" or record["expected"] != "answered" or not record["expected_ids"]:
            continue
        good, n = rates.get((record["pack"], record["set"]), (0, 0))
        rates[(record["pack"], record["set"])] = (good + right(record), n + 1)
    return rates


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("records", type=Path)
    parser.add_argument("--compare", type=Path)
    parser.add_argument("--compact", action="store_true", help="the causes in six groups, per pack, kind and set")
    parser.add_argument("--list", action="store_true", help="list each miss: set, id, turn, cause, expected, got")
    args = parser.parse_args()
    records = json.loads(args.records.read_text())
    print(compact_table(records) if args.compact else markdown(records))
    if args.list:
        for record in records:
            if wanted(record) and not right(record):
                lead = (record["trace"] or {}).get("lead")
                print(
                    record["set"],
                    record["id"],
                    record["turn"],
                    cause(record),
                    record["expected_ids"],
                    record["status"],
                    record["ids"][:2],
                    lead,
                )
    if args.compare:
        before = json.loads(args.compare.read_text())
        old, new = first_rates(before), first_rates(records)
        print("\n| pack | set | item first before | after |\n|---|---|---|---|")
        for key in sorted(new):
            print(f"| {key[0]} | {key[1]} | {old.get(key, (0, 0))[0]}/{old.get(key, (0, 0))[1]} | {new[key][0]}/{new[key][1]} |")
        earlier = {(r["set"], r["id"], r["turn"]): r for r in before}
        for record in records:
            was = earlier.get((record["set"], record["id"], record["turn"]))
            if was is None or not wanted(record) or right(was) == right(record):
                continue
            print(
                ("fixed" if right(record) else "broke"),
                record["set"],
                record["id"],
                record["turn"],
                was["ids"][:1],
                "->",
                record["ids"][:1],
                record["status"],
            )


if __name__ == "__main__":
    main()
