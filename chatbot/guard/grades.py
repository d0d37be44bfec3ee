"""Whether a strength a text states for an item overstates or understates the grade the set gives it."""

from __future__ import annotations

from chatbot.recs.schema import Recommendation
from chatbot.types import GuardFinding

_STRENGTH_RANK = {"conditional": 1, "strong": 2}


def _weaker(said: str, known: str) -> bool:
    """Whether a stated grade understates the item's: lower than its grade, or the lowest grade for an item whose grade is unknown."""
    if known in _STRENGTH_RANK:
        return _STRENGTH_RANK[said] < _STRENGTH_RANK[known]
    return known == "unknown" and _STRENGTH_RANK[said] == min(_STRENGTH_RANK.values())  # a good practice statement is ungraded


def strength_findings(said: str | None, rec: Recommendation, span: tuple[int, int]) -> list[GuardFinding]:
    """strength_understated or strength_overstated when a stated strength is not the item's."""
    known = rec.strength.value
    if not said or said == known:
        return []
    kind = "strength_understated" if _weaker(said, known) else "strength_overstated"
    return [GuardFinding(kind, f"says {said}; the set says {known.replace('_', ' ')}", rec.id, span)]
