"""A facet said again without the negation that named its slot ("and if she IS bleeding?" after "not bleeding"): the opposite value."""

from __future__ import annotations

import re
from functools import lru_cache

from chatbot.packs.domain import Domain

# a phrase that names a value by negating something ("not bleeding", "without active bleeding", "non-bleeding")
_NEGATED = re.compile(r"^(?:no|not|never|without|non|isn\S{1,6}t|aren\S{1,6}t|doesn\S{1,6}t)(?:-\?|-|\s+)", re.IGNORECASE)
# what is said of the patient: the word after a verb of being or beginning ("she is bleeding", "starts bleeding")
_SAID_OF = r"\b(?:is|are|was|were|be|been|becomes?|became|starts?|started|begins?|began|keeps?|kept)\s+"
_NEGATIVE = re.compile(r"\b(?:no|not|never|without)\b|n['’]t\b", re.IGNORECASE)


@lru_cache(maxsize=16)
def _unnegated(domain: Domain) -> dict[str, dict[str, re.Pattern[str]]]:
    """For each facet value a complement opposes, what its negated phrases say without the negation, said of the patient."""
    found: dict[str, dict[str, re.Pattern[str]]] = {}
    for name, facet in domain.facets.items():
        for value, entry in facet.values.items():
            cores = [_NEGATED.sub("", phrase, count=1) for phrase in entry.phrases if _NEGATED.match(phrase)]
            if cores and value in facet.complement:
                found.setdefault(name, {})[value] = re.compile(_SAID_OF + f"(?:{'|'.join(cores)})", re.IGNORECASE)
    return found


def opposite_values(question: str, slots: dict[str, str], domain: Domain) -> dict[str, str]:
    """The facets whose slot holds a value named by negation that the question says without it ("she IS bleeding" after
    "not bleeding"): the slot's complement. A negation before it ("she is still not bleeding") says the slot's own value."""
    opposite = {}
    for name, patterns in _unnegated(domain).items():
        value = slots.get(name)
        pattern = patterns.get(value) if value is not None else None
        match = pattern.search(question) if pattern is not None else None
        if match is not None and value is not None and not _NEGATIVE.search(match.group(0)):
            opposite[name] = domain.facets[name].complement[value]
    return opposite
