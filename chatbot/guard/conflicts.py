"""population_conflicts of one clause's population with items, remembered while the same population is asked about; findings deduplicated."""

from __future__ import annotations

import threading

from chatbot.answer.candidates import within_named
from chatbot.packs.domain import Domain
from chatbot.recs.population import NamedPopulation, named_population, population_conflicts
from chatbot.recs.schema import Recommendation
from chatbot.types import GuardFinding

_LAST = threading.local()  # per thread: the population last asked about and its answers by item id


def conflicts(population: NamedPopulation, rec: Recommendation, domain: Domain) -> list[str]:
    """Why an item does not cover the named population (see population_conflicts); one answer per item while the population is the same.

    A wider group named ("relapsed disease") is no conflict with an item on a subgroup of it (isolated CNS relapse), as in answering.
    """
    memo = getattr(_LAST, "memo", None)
    if memo is None or memo[0] is not population or memo[1] is not domain:
        memo = _LAST.memo = (population, domain, {})
    answers: dict[str, list[str]] = memo[2]
    if rec.id not in answers:
        answers[rec.id] = population_conflicts(within_named(population, rec, domain), rec.population, rec.guideline, domain)
    return list(answers[rec.id])


def dedupe(findings: list[GuardFinding]) -> list[GuardFinding]:
    """One finding per (kind, item, span)."""
    unique: dict[tuple, GuardFinding] = {}
    for finding in findings:
        unique.setdefault((finding.kind, finding.recommendation_id, finding.span), finding)  # the first kept, in order
    return list(unique.values())


def names_two_values(text: str, domain: Domain) -> bool:
    """Whether a text names two values of one facet ("the CR1 item also covers second remission"): which one it means is open."""
    named = named_population(text, domain)
    for facet, (start, end) in named.spans.items():
        if facet in named.facets:
            other = named_population(text[:start] + " " * (end - start) + text[end:], domain).facet(facet)
            if other is not None and other != named.facets[facet]:
                return True
    return False
