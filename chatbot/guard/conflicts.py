"""population_conflicts of one clause's population with items, remembered while the same population is asked about; findings deduplicated."""

from __future__ import annotations

import threading

from chatbot.packs.domain import Domain
from chatbot.recs.population import NamedPopulation, population_conflicts
from chatbot.recs.schema import Recommendation
from chatbot.types import GuardFinding

_LAST = threading.local()  # per thread: the population last asked about and its answers by item id


def conflicts(population: NamedPopulation, rec: Recommendation, domain: Domain) -> list[str]:
    """Why an item does not cover the named population (see population_conflicts); one answer per item while the population is the same."""
    memo = getattr(_LAST, "memo", None)
    if memo is None or memo[0] is not population or memo[1] is not domain:
        memo = _LAST.memo = (population, domain, {})
    answers: dict[str, list[str]] = memo[2]
    if rec.id not in answers:
        answers[rec.id] = population_conflicts(population, rec.population, rec.guideline, domain)
    return list(answers[rec.id])


def dedupe(findings: list[GuardFinding]) -> list[GuardFinding]:
    """One finding per (kind, item, span)."""
    unique: dict[tuple, GuardFinding] = {}
    for finding in findings:
        unique.setdefault((finding.kind, finding.recommendation_id, finding.span), finding)  # the first kept, in order
    return list(unique.values())
