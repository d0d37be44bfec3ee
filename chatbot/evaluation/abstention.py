"""The abstention section of a pack's report: declining what the guideline does not address, answering what it does."""

from __future__ import annotations

from dataclasses import dataclass

from chatbot.evaluation.run import PRIMARY, TurnResult

NOT_ADDRESSED = "not_addressed"
RETRIEVAL_ONLY = ("page:", "section:")  # expected pages or sections judge retrieval; answers name items
DECLINES = ("not_found", "out_of_scope")
# (metric, goal, whether higher is better)
ABSTENTION_TARGETS = (("correct_abstention", 0.95, True), ("false_abstention", 0.03, False), ("item_first", 0.95, True))


@dataclass(frozen=True)
class AbstentionCounts:
    """The three abstention figures of one pack's gold set, and the turns that missed them with why."""

    not_addressed: int
    declined: int
    answerable: int
    falsely_declined: int
    with_ids: int
    item_first: int
    missed: tuple[tuple[TurnResult, str], ...]

    def rates(self) -> dict[str, float | None]:
        """correct_abstention, false_abstention and item_first as shares (None when nothing counts)."""

        def share(part: int, whole: int) -> float | None:
            return round(part / whole, 4) if whole else None

        return {
            "correct_abstention": share(self.declined, self.not_addressed),
            "false_abstention": share(self.falsely_declined, self.answerable),
            "item_first": share(self.item_first, self.with_ids),
        }


def _answerable(result: TurnResult) -> bool:
    """Expected to be answered, and no decline would be acceptable."""
    return result.expected_status == "answered" and not set(result.acceptable_statuses) & set(DECLINES)


def abstention_counts(results: list[TurnResult]) -> AbstentionCounts:
    """Count the primary configuration's single questions (conversations are reported elsewhere)."""
    rows = [r for r in results if r.configuration == PRIMARY and r.counts_for_targets]
    not_addressed = [r for r in rows if r.category == NOT_ADDRESSED and r.expected_status == "not_found"]
    answerable = [r for r in rows if _answerable(r)]
    with_ids = [r for r in answerable if r.expected_ids and not any(i.startswith(RETRIEVAL_ONLY) for i in r.expected_ids)]
    missed: list[tuple[TurnResult, str]] = []
    missed += [
        (r, f"{r.status}, not not_found" if r.status in DECLINES else f"answered with {', '.join(r.answer_ids) or 'passages only'}")
        for r in not_addressed
        if not r.status_correct
    ]
    falsely = [r for r in answerable if r.status in DECLINES]
    missed += [(r, f"declined: {r.reason}") for r in falsely]
    first = [r for r in with_ids if r.status == "answered" and r.answer_ids[:1] and r.answer_ids[0] in r.expected_ids]
    missed += [
        (r, f"first item {r.answer_ids[0] if r.answer_ids else 'none'}, expected {', '.join(r.expected_ids)}")
        for r in with_ids
        if r not in first and r.status == "answered"
    ]
    return AbstentionCounts(
        len(not_addressed),
        sum(r.status_correct for r in not_addressed),
        len(answerable),
        len(falsely),
        len(with_ids),
        len(first),
        tuple(missed),
    )


def abstention_lines(results: list[TurnResult]) -> list[str]:
    """The report section: the figures against their targets, then every miss with its reason."""
    counts = abstention_counts(results)
    rates = counts.rates()
    shown = {
        "correct_abstention": f"{counts.declined}/{counts.not_addressed}",
        "false_abstention": f"{counts.falsely_declined}/{counts.answerable}",
        "item_first": f"{counts.item_first}/{counts.with_ids}",
    }
    rows = []
    for name, goal, higher in ABSTENTION_TARGETS:
        value = rates[name]
        met = "–" if value is None else ("met" if (value >= goal if higher else value <= goal) else "MISSED")
        rows.append(
            f"| {name.replace('_', ' ')} | {'≥' if higher else '≤'} {goal:.2f} | {shown[name]} = {'–' if value is None else f'{value:.3f}'} | {met} |"
        )
    misses = [f"- `{r.item_id}` “{r.question}” — {why}" for r, why in counts.missed] or ["- none"]
    return [
        f"## Abstention ({PRIMARY})",
        "",
        "Correct abstention: not-addressed questions declined; false abstention: answerable questions declined; "
        "item first: answered questions whose first item is an expected one.",
        "",
        "| figure | target | measured | |",
        "|---|---|---|---|",
        *rows,
        "",
        *misses,
    ]
