"""Whether a strength a text states for an item overstates or understates the grade the set gives it."""

from __future__ import annotations

import re
from functools import lru_cache

from chatbot.packs.domain import Domain
from chatbot.recs.schema import Recommendation, Status
from chatbot.types import GuardFinding

_STRENGTH_RANK = {"conditional": 1, "strong": 2}


def _weaker(said: str, known: str) -> bool:
    """Whether a stated grade understates the item's: lower than its grade, or the lowest grade for an item whose grade is unknown."""
    if known in _STRENGTH_RANK:
        return _STRENGTH_RANK[said] < _STRENGTH_RANK[known]
    return known == "unknown" and _STRENGTH_RANK[said] == min(_STRENGTH_RANK.values())  # a good practice statement is ungraded


def strength_findings(said: str | None, rec: Recommendation, span: tuple[int, int]) -> list[GuardFinding]:
    """strength_understated or strength_overstated when a stated strength is not the item's (none for an item read from the
    publication without a strength: nothing known could contradict it)."""
    known = rec.strength.value
    if not said or said == known or (known == "unknown" and rec.status is Status.EXTRACTED):
        return []
    kind = "strength_understated" if _weaker(said, known) else "strength_overstated"
    return [GuardFinding(kind, f"says {said}; the set says {known.replace('_', ' ')}", rec.id, span)]


# A grade as the subject of a verb that defines it ("category A means ...", "'suggests' = conditional"): the scale, no item.
_DEFINING = r"(?:means?|meant|refers? to|indicates?|(?:is|are) defined as|stands? for|denotes?|signif(?:y|ies)|=)"
_GENERIC_GRADES = (r"strong", r"conditional", r"weak", r"(?:very[- ])?(?:low|moderate|high)[- ]certainty", r"GRADE")


@lru_cache(maxsize=16)
def _definition(domain: Domain) -> re.Pattern[str]:
    """A grade word (GRADE's or the pack's own, domain.yaml grading) followed within five words by a defining verb."""
    own = [p for table in (domain.grading.strength, domain.grading.certainty) for patterns in table.values() for p in patterns]
    grades = "|".join(f"(?:{p})" for p in (*_GENERIC_GRADES, *own))
    return re.compile(rf"(?<![\w-])(?:{grades})['’\"]?(?:\s+[\w'’-]+){{0,5}}?\s*{_DEFINING}(?![\w-])", re.IGNORECASE)


def defines_grade(text: str, domain: Domain) -> bool:
    """Whether a clause defines a grade of the scale ("category B means individual decisions") rather than grading an item."""
    return _definition(domain).search(text) is not None
