"""Population facets named in a text (age, lineage, Ph status, phase, MRD) and conflicts with an item's population."""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from functools import lru_cache

from chatbot.recs.schema import Lineage, MrdStatus, Phase, PhStatus, Population

# Phrases that name a facet value; matched case-insensitively on word boundaries.
_LINEAGE = {
    Lineage.B: [r"B-ALL", r"B[- ]cell", r"B[- ]lineage", r"precursor B", r"B-lymphoblastic"],
    Lineage.T: [r"T-ALL", r"T[- ]cell ALL", r"T[- ]cell acute", r"T[- ]lineage", r"T-lymphoblastic"],
}
_PH = {
    PhStatus.POSITIVE: [r"Ph\+", r"Ph[- ]positive", r"Philadelphia[- ](?:chromosome[- ])?positive", r"BCR[:-]+ABL1?[- ]?(?:positive|fusion|\+)"],
    PhStatus.NEGATIVE: [r"Ph-(?![A-Za-z])", r"Ph[- ]negative", r"Philadelphia[- ](?:chromosome[- ])?negative", r"BCR[:-]+ABL1?[- ]?negative"],
}
_PHASE = {
    Phase.RELAPSED_REFRACTORY: [
        r"(?:combined|concurrent|simultaneous)? ?(?:bone )?marrow and CNS relapse",
        r"systemic relapse",
        r"(?:bone )?marrow relapse",
        r"relapsed",
        r"refractory",
        r"R/R",
        r"relapse",
        r"salvage",
        r"re-?induction",
    ],
    Phase.ISOLATED_CNS_RELAPSE: [r"isolated CNS relapse", r"isolated (?:central nervous system|CNS) (?:relapse|recurrence)", r"CNS relapse"],
    Phase.REMISSION_AFTER_RELAPSE: [r"second (?:complete )?remission", r"CR2", r"remission after (?:a )?relapse", r"back (?:in|into) remission"],
    Phase.FIRST_REMISSION: [r"first (?:complete )?remission", r"CR1"],
    Phase.NEWLY_DIAGNOSED: [r"newly diagnosed", r"new(?:ly)? diagnos\w*", r"front-?line", r"upfront", r"first-line", r"de novo"],
}
_MRD = {
    MrdStatus.POSITIVE: [r"MRD[- ]?positive", r"MRD\+", r"(?:measurable|minimal) residual disease[- ]positive", r"MRD (?:is |was )?(?:still )?(?:positive|detectable)"],
    MrdStatus.NEGATIVE: [r"MRD[- ]?negative", r"MRD-(?![A-Za-z])", r"(?:measurable|minimal) residual disease[- ]negative", r"MRD (?:is |was )?(?:negative|undetectable)"],
}
_AGE = [
    r"\b(\d{1,2})[- ]?(?:year|yr)s?[- ]?old\b",
    r"\b(?:patients?|adults?|people) (?:aged )?(?:over|above|older than) (\d{2})\b",
    r"\b(\d{1,2})\s?(?:yo|y/o|y\.o\.)\b",
    r"\baged? (\d{1,2})\b",
    r"\b(\d{1,2})\s?[MF]\b",
    r"\b[MF]\s?(\d{1,2})\b",
    r"\b(\d{1,2})-year-old\b",
]
# Words that place a patient outside the AYA range without a number (a representative age).
_AGE_WORDS = [
    (r"\b(?:young )?child(?:ren)?\b(?![- ]inspired)|\binfants?\b|\btoddlers?\b", 8),
    (r"\belderly\b|\bolder adults\b|\bgeriatric\b", 70),
]
# For an item's phase, the phases a text may name and still be covered by it.
PHASES_COVERED = {
    Phase.NEWLY_DIAGNOSED: frozenset({Phase.NEWLY_DIAGNOSED, Phase.FIRST_REMISSION}),
    Phase.FIRST_REMISSION: frozenset({Phase.FIRST_REMISSION, Phase.NEWLY_DIAGNOSED}),
    Phase.RELAPSED_REFRACTORY: frozenset({Phase.RELAPSED_REFRACTORY, Phase.ISOLATED_CNS_RELAPSE, Phase.REMISSION_AFTER_RELAPSE}),
    Phase.REMISSION_AFTER_RELAPSE: frozenset({Phase.REMISSION_AFTER_RELAPSE, Phase.RELAPSED_REFRACTORY}),
    Phase.ISOLATED_CNS_RELAPSE: frozenset({Phase.ISOLATED_CNS_RELAPSE}),
}


@dataclass(frozen=True)
class NamedPopulation:
    """The facets a text names (None where it names none)."""

    age: int | None = None
    lineage: Lineage | None = None
    ph_status: PhStatus | None = None
    phase: Phase | None = None
    mrd: MrdStatus | None = None
    spans: dict[str, tuple[int, int]] = field(default_factory=dict)


@lru_cache(maxsize=1)
def _compiled() -> dict[str, list[tuple[object, re.Pattern[str]]]]:
    """Each facet's (value, pattern) pairs, most specific first."""

    def compile_all(table: dict) -> list[tuple[object, re.Pattern[str]]]:
        return [(value, re.compile(rf"(?<![\w]){p}", re.IGNORECASE)) for value, patterns in table.items() for p in patterns]

    return {"lineage": compile_all(_LINEAGE), "ph_status": compile_all(_PH), "phase": compile_all(_PHASE), "mrd": compile_all(_MRD)}


def _first(text: str, pairs: list[tuple[object, re.Pattern[str]]]) -> tuple[object, tuple[int, int]] | None:
    """The value named first in the text; at the same position the more specific (earlier listed) pattern wins."""
    best: tuple[int, int, object, tuple[int, int]] | None = None
    for order, (value, pattern) in enumerate(pairs):
        if (match := pattern.search(text)) and (best is None or (match.start(), order) < best[:2]):
            best = (match.start(), order, value, match.span())
    return (best[2], best[3]) if best else None


def named_population(text: str) -> NamedPopulation:
    """The population facets a question or claim names."""
    found: dict[str, object] = {}
    spans: dict[str, tuple[int, int]] = {}
    for facet, pairs in _compiled().items():
        if hit := _first(text, pairs):
            found[facet], spans[facet] = hit
    for pattern in _AGE:
        if match := re.search(pattern, text, re.IGNORECASE):
            over = re.search(r"over|above|older", match.group(0), re.IGNORECASE)
            found["age"], spans["age"] = int(match.group(1)) + (1 if over else 0), match.span()
            break
    else:
        for pattern, age in _AGE_WORDS:
            if match := re.search(pattern, text, re.IGNORECASE):
                found["age"], spans["age"] = age, match.span()
                break
    return NamedPopulation(spans=spans, **found)


def _age_range(band: str) -> tuple[int, int] | None:
    """'15-39' -> (15, 39); None when unknown."""
    match = re.fullmatch(r"(\d+)-(\d+)", band)
    return (int(match.group(1)), int(match.group(2))) if match else None


def age_outside(age: int, band: str) -> bool:
    """Whether an age lies outside a known age band ('15-39'); False when the band is unknown."""
    limits = _age_range(band)
    return limits is not None and not limits[0] <= age <= limits[1]


def _phases_conflict(named: Phase, covered: Phase) -> bool:
    """Whether a named phase lies outside what an item's phase covers (isolated CNS relapse is narrow)."""
    if covered in (Phase.ANY, Phase.UNKNOWN) or named in (Phase.ANY, Phase.UNKNOWN):
        return False
    return named not in PHASES_COVERED.get(covered, frozenset({covered}))


# The phases a guideline's items cover when an item leaves its phase open.
GUIDELINE_PHASES = {
    "frontline": Phase.NEWLY_DIAGNOSED,
    "relapsed_refractory": Phase.RELAPSED_REFRACTORY,
}


def population_conflicts(named: NamedPopulation, population: Population, guideline: str | None = None) -> list[str]:
    """Readable reasons why an item's population does not cover the one a text names (empty when it does).

    An item that leaves its phase open still belongs to its guideline: a frontline item does not
    cover relapsed disease, nor a relapsed/refractory item newly diagnosed disease.
    """
    reasons: list[str] = []
    if named.age is not None and age_outside(named.age, population.age_band):
        reasons.append(f"age {named.age} is outside {population.age_band} years")
    if named.lineage and population.lineage in (Lineage.B, Lineage.T) and named.lineage != population.lineage:
        reasons.append(f"{named.lineage.value}-lineage disease, but the item covers {population.lineage.value}-ALL")
    if named.ph_status and population.ph_status in (PhStatus.POSITIVE, PhStatus.NEGATIVE) and named.ph_status != population.ph_status:
        reasons.append(f"Ph-{named.ph_status.value} disease, but the item covers Ph-{population.ph_status.value} disease")
    covered = population.phase
    if covered in (Phase.ANY, Phase.UNKNOWN) and guideline in GUIDELINE_PHASES:
        covered = GUIDELINE_PHASES[guideline]
    if named.phase and _phases_conflict(named.phase, covered):
        part = "" if covered == population.phase else f" ({guideline.replace('_', '/')} guideline)"
        reasons.append(f"{named.phase.value.replace('_', ' ')} disease, but the item covers {covered.value.replace('_', ' ')} disease{part}")
    if named.mrd and population.mrd in (MrdStatus.POSITIVE, MrdStatus.NEGATIVE) and named.mrd != population.mrd:
        reasons.append(f"MRD-{named.mrd.value}, but the item covers MRD-{population.mrd.value}")
    return reasons
