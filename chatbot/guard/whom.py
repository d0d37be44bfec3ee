"""Whom a clause names, and the population findings for the items it is about (or, for a whole guideline's scope, all)."""

from __future__ import annotations

import re
from dataclasses import replace
from functools import lru_cache

from chatbot.guard.claims import Clause
from chatbot.guard.conflicts import conflicts
from chatbot.guard.context import GuardContext
from chatbot.guard.voice import names_blanked
from chatbot.packs.domain import Domain
from chatbot.recs.population import NamedPopulation, named_population, phrased_values
from chatbot.recs.schema import Recommendation
from chatbot.types import GuardFinding

_UNLIKE = re.compile(r"\bunlike [^,]+,", re.IGNORECASE)
population_of = lru_cache(maxsize=4096)(named_population)  # a text's population, read once per text
_WHO = re.compile(r"\b(?:for|in|among|with|to)\b", re.IGNORECASE)


def clause_population(clause: Clause, setting: str, context: GuardContext) -> NamedPopulation:
    """Who a clause is about: its preferred side, then the patients named after what it rejects, then the setting."""
    domain = context.rec_set.domain
    blanked = names_blanked(clause.text, domain)  # the guideline's and items' names name no patients
    rejected = blanked[len(clause.preferred) :]
    who = _WHO.search(rejected)
    after = population_of(rejected[who.start() :], domain) if who else NamedPopulation()
    preferred = names_blanked(_UNLIKE.sub(" ", clause.preferred), domain)
    named = population_of(preferred, domain).merged_over(after).merged_over(population_of(names_blanked(setting, domain), domain))
    named = named if blanked == clause.text else named.merged_over(population_of(clause.text, domain))  # a part named: when nothing else
    if not any(_lengths(facet, domain) for facet in named.facets):
        return named
    listed = [facet for facet, values in phrased_values(clause.text, domain).items() if len(values) > 1 and _lengths(facet, domain)]
    if any(facet in named.facets for facet in listed):  # "acute, subacute and chronic pain": no one span of time is its patients'
        named = replace(named, facets={facet: value for facet, value in named.facets.items() if facet not in listed})
    return named


def _lengths(facet: str, domain: Domain) -> bool:
    """Whether a facet's values are spans of time (days ranges: acute, subacute, chronic), one after another: a text naming
    two of them spans them, where two values of another facet ("marrow and CNS relapse") name one combined population."""
    return any(value.days is not None for value in domain.facets[facet].values.values())


def population_findings(clause: Clause, setting: str, matches: list[Recommendation], context: GuardContext) -> list[GuardFinding]:
    """population_mismatch for the items a clause is about, whatever else it claims."""
    population = clause_population(clause, setting, context)
    findings = []
    for rec in matches:
        if reasons := conflicts(population, rec, context.rec_set.domain):
            message = f"{'; '.join(reasons)} (covers: {rec.population.description})"
            findings.append(GuardFinding("population_mismatch", message, rec.id, (clause.start, clause.end)))
    return findings


def scope_findings(clause: Clause, context: GuardContext) -> list[GuardFinding]:
    """For a whole guideline's scope: population_mismatch when the patients it names are outside every item's."""
    items = [rec for rec in context.rec_set.items if not rec.is_placeholder]
    population = clause_population(clause, "", context)
    if not items or any(not conflicts(population, rec, context.rec_set.domain) for rec in items):
        return []
    best = next((m.rec for m in context.matcher.match(clause.text) if m.rec in items), items[0])
    return population_findings(clause, "", [best], context)
