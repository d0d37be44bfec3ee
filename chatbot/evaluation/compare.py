"""One gold set on two packs of the same guideline (curated and made by `pack init`): ids matched by statement number."""

from __future__ import annotations

import shutil
from pathlib import Path

from chatbot.evaluation.gold import GoldItem, GoldSet
from chatbot.evaluation.guard_run import ExpectedFinding, GuardCase
from chatbot.recs.schema import RecommendationSet

COMPARE_METRICS = ("status_accuracy", "recall@1", "recall@5", "mrr")
GUARD_METRICS = ("precision", "recall", "verdict_accuracy")


def id_map(source: RecommendationSet, target: RecommendationSet) -> dict[str, str]:
    """Each numbered item of `source` to the item of `target` with the same number and part (the publication's numbering)."""
    by_number: dict[tuple[int, str | None], list[str]] = {}
    for item in target.items:
        if item.number:
            by_number.setdefault((item.number, item.part), []).append(item.id)
    mapping = {}
    for item in source.items:
        matches = by_number.get((item.number, item.part), []) if item.number else []
        if len(matches) == 1:  # a number two guidelines of the target share says nothing
            mapping[item.id] = matches[0]
    return mapping


def _mapped(ids: tuple[str, ...], mapping: dict[str, str]) -> tuple[str, ...]:
    """The ids in the other pack's terms; an id with no counterpart stays as it is (and counts as a miss)."""
    return tuple(mapping.get(i, i) for i in ids)


def remap_gold(gold: GoldSet, mapping: dict[str, str]) -> GoldSet:
    """The gold set with every expected id in the other pack's terms."""
    items = []
    for item in gold.items:
        turns = tuple(t.model_copy(update={"expected_ids": _mapped(t.expected_ids, mapping)}) for t in item.turns)
        update = {"expected_ids": _mapped(item.expected_ids, mapping), "turns": turns}
        items.append(GoldItem.model_validate({**item.model_dump(), **update}))
    return GoldSet(gold.path, tuple(items))


def remap_guard(cases: list[GuardCase], mapping: dict[str, str]) -> list[GuardCase]:
    """The labelled texts with every expected finding's item in the other pack's terms."""
    return [
        case.model_copy(
            update={
                "expected_findings": tuple(
                    ExpectedFinding(kind=f.kind, recommendation_id=mapping.get(f.recommendation_id, f.recommendation_id))
                    if f.recommendation_id
                    else f
                    for f in case.expected_findings
                )
            }
        )
        for case in cases
    ]


def unmatched_ids(gold: GoldSet, mapping: dict[str, str]) -> list[str]:
    """Expected ids of the gold set that the other pack has no numbered counterpart for."""
    wanted = {i for item in gold.items for turn in item.as_turns() for i in turn.expected_ids if not i.startswith("section:")}
    return sorted(wanted - set(mapping))


def _fmt(value: object) -> str:
    """A metric for a table cell."""
    return f"{value:.3f}" if isinstance(value, float) else "—" if value is None else str(value)


def render_compare(rows: dict[str, dict], guard: dict[str, dict | None], gold: Path, unmatched: list[str]) -> str:
    """compare.md: the same gold questions and guard texts on each pack, with the difference from the first."""
    names = list(rows)
    lines = [
        "# One guideline, two packs",
        "",
        f"The gold set {gold.name} asked of each pack (hybrid+synonyms). The expected ids are matched to each pack's "
        "items by the publication's recommendation number and part.",
        "",
        "| metric | " + " | ".join(names) + " | difference |",
        "|---" * (len(names) + 2) + "|",
    ]
    for metric in COMPARE_METRICS:
        values = [rows[name].get(metric) for name in names]
        lines.append(f"| {metric} | " + " | ".join(_fmt(v) for v in values) + f" | {_difference(values)} |")
    for metric in GUARD_METRICS:
        values = [(guard.get(name) or {}).get(metric) for name in names]
        if any(v is not None for v in values):
            lines.append(f"| guard {metric} | " + " | ".join(_fmt(v) for v in values) + f" | {_difference(values)} |")
    if unmatched:
        lines += ["", f"Expected ids with no numbered counterpart in the other pack (counted as misses): {', '.join(unmatched)}."]
    lines += ["", "![compare](compare.png)", ""]
    return "\n".join(lines)


def _difference(values: list) -> str:
    """The second value minus the first, when both exist."""
    if len(values) == 2 and all(isinstance(v, float) for v in values):
        return f"{values[1] - values[0]:+.3f}"
    return "—"


def write_compare(
    rows: dict[str, dict], guard: dict[str, dict | None], gold: Path, unmatched: list[str], out_dir: Path, latest_dir: Path | None
) -> Path:
    """compare.md and compare.png in out_dir (and latest_dir)."""
    from chatbot.evaluation.report import grouped_bars

    out_dir.mkdir(parents=True, exist_ok=True)
    (out_dir / "compare.md").write_text(render_compare(rows, guard, gold, unmatched))
    bars = {
        name: {**{m: rows[name].get(m) for m in COMPARE_METRICS}, **{f"guard {m}": (guard.get(name) or {}).get(m) for m in GUARD_METRICS}}
        for name in rows
    }
    grouped_bars(bars, out_dir / "compare.png", f"One guideline, two packs ({gold.name})", tuple(next(iter(bars.values()))))
    if latest_dir is not None:
        latest_dir.mkdir(parents=True, exist_ok=True)
        for name in ("compare.md", "compare.png"):
            shutil.copy(out_dir / name, latest_dir / name)
    return out_dir / "compare.md"
