"""Guard evaluation: a labelled set of texts, precision and recall per finding kind and verdict, check time."""

from __future__ import annotations

import statistics
import time
from collections import Counter
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path
from typing import Literal

from pydantic import Field

from chatbot.evaluation.gold import StrictModel, raise_problems, read_jsonl
from chatbot.guard.check import FAILING_KINDS, WARNING_KINDS
from chatbot.types import GuardReport

KINDS = tuple(sorted(FAILING_KINDS | WARNING_KINDS))
VERDICTS = ("pass", "warn", "fail")


class ExpectedFinding(StrictModel):
    """A finding a labelled text should produce."""

    kind: Literal[KINDS]  # type: ignore[valid-type]
    recommendation_id: str | None = None


class GuardCase(StrictModel):
    """One labelled text."""

    id: str = Field(min_length=1)
    text: str = Field(min_length=1)
    expected_verdict: Literal["pass", "warn", "fail"]
    expected_findings: tuple[ExpectedFinding, ...] = ()
    category: str
    note: str | None = None


@dataclass(frozen=True)
class GuardResult:
    """What the guard said about one labelled text, and how long it took."""

    case_id: str
    category: str
    text: str
    expected_verdict: str
    verdict: str
    expected: tuple[tuple[str, str | None], ...]
    found: tuple[tuple[str, str | None], ...]
    milliseconds: float


def load_guard_cases(path: Path) -> list[GuardCase]:
    """Read the labelled set; every malformed line is named."""
    items, problems = read_jsonl(path, GuardCase)
    raise_problems(path, problems, len(items))
    return [case for _, case in items]


def run_guard(check: Callable[[str], GuardReport], cases: list[GuardCase], on_case: Callable[[], None] | None = None) -> list[GuardResult]:
    """Check every labelled text, timing each check."""
    results = []
    for case in cases:
        started = time.perf_counter()
        report = check(case.text)
        elapsed = (time.perf_counter() - started) * 1000
        results.append(
            GuardResult(
                case.id,
                case.category,
                case.text,
                case.expected_verdict,
                report.verdict,
                tuple((f.kind, f.recommendation_id) for f in case.expected_findings),
                tuple((f.kind, f.recommendation_id) for f in report.findings),
                elapsed,
            )
        )
        if on_case:
            on_case()
    return results


def _matched(expected: tuple[tuple[str, str | None], ...], found: tuple[tuple[str, str | None], ...]) -> tuple[Counter, Counter, Counter]:
    """(true positives, false positives, false negatives) per kind; an expected item of None matches any item."""
    remaining = list(expected)
    tp: Counter = Counter()
    fp: Counter = Counter()
    for kind, rec_id in dict.fromkeys(found):
        match = next((e for e in remaining if e[0] == kind and (e[1] is None or e[1] == rec_id)), None)
        if match is None:
            fp[kind] += 1
        else:
            tp[kind] += 1
            remaining.remove(match)
    fn = Counter(kind for kind, _ in remaining)
    return tp, fp, fn


def _ratio(numerator: int, denominator: int) -> float | None:
    """A rounded ratio, or None when undefined."""
    return round(numerator / denominator, 4) if denominator else None


def guard_metrics(results: list[GuardResult]) -> dict[str, object]:
    """Precision and recall per finding kind and overall, verdict accuracy and P/R per verdict, check time."""
    tp: Counter = Counter()
    fp: Counter = Counter()
    fn: Counter = Counter()
    for result in results:
        t, f, n = _matched(result.expected, result.found)
        tp, fp, fn = tp + t, fp + f, fn + n
    kinds = {
        kind: {
            "precision": _ratio(tp[kind], tp[kind] + fp[kind]),
            "recall": _ratio(tp[kind], tp[kind] + fn[kind]),
            "expected": tp[kind] + fn[kind],
            "found": tp[kind] + fp[kind],
        }
        for kind in KINDS
    }
    verdicts = {
        verdict: {
            "precision": _ratio(
                sum(r.verdict == verdict == r.expected_verdict for r in results), sum(r.verdict == verdict for r in results)
            ),
            "recall": _ratio(
                sum(r.verdict == verdict == r.expected_verdict for r in results), sum(r.expected_verdict == verdict for r in results)
            ),
        }
        for verdict in VERDICTS
    }
    times = [r.milliseconds for r in results]
    return {
        "texts": len(results),
        "precision": _ratio(sum(tp.values()), sum(tp.values()) + sum(fp.values())),
        "recall": _ratio(sum(tp.values()), sum(tp.values()) + sum(fn.values())),
        "verdict_accuracy": _ratio(sum(r.verdict == r.expected_verdict for r in results), len(results)),
        "kinds": kinds,
        "verdicts": verdicts,
        "check_ms": {"p50": round(statistics.median(times), 3), "p95": round(sorted(times)[int(0.95 * (len(times) - 1))], 3)}
        if times
        else {},
    }


def guard_misses(results: list[GuardResult]) -> list[GuardResult]:
    """Texts whose verdict or findings differ from the labels."""
    return [r for r in results if r.verdict != r.expected_verdict or any(_matched(r.expected, r.found)[i] for i in (1, 2))]
