"""What an uncurated statement is about, read from its own words: population, intervention and comparator."""

from __future__ import annotations

import re
from dataclasses import dataclass

from chatbot.recs.grading import directive_span

# "In hospitalised adults aged 65 or older, the panel ..." / "For patients already receiving opioids, clinicians ..."
_LEAD = re.compile(r"^(?:In|For|Among|When|Before|After)\s+")
_NEGATION = re.compile(r"^(?:against|not|no)\s+(?:the\s+)?(?:(?:routine\s+)?use\s+of\s+)?", re.IGNORECASE)
_COMPARISON = re.compile(r"\s+(?:over|rather\s+than|instead\s+of|compared\s+with|versus|vs\.?)\s+", re.IGNORECASE)
_MAX_WORDS = 40


@dataclass(frozen=True)
class Description:
    """A statement's parts in its own words; None where the statement does not show them."""

    population: str | None
    intervention: str | None
    comparator: str | None


def _clip(text: str) -> str:
    """At most _MAX_WORDS words, without trailing punctuation."""
    return " ".join(text.split()[:_MAX_WORDS]).rstrip(" ,;:.")


def describe_statement(statement: str) -> Description:
    """Population (a leading "In/For ..., " phrase), intervention (what the directive is about) and comparator ("over ...")."""
    text = " ".join(statement.split())
    directive = directive_span(text)
    if directive is None:
        return Description(None, None, None)
    lead = _LEAD.match(text)
    before = text[: directive[0]]
    population = _clip(before[lead.end() : before.rfind(",")]) if lead and "," in before else None
    action = _NEGATION.sub("", text[directive[1] :].strip())
    parts = _COMPARISON.split(action, maxsplit=1)
    intervention = _clip(parts[0]) or None
    comparator = _clip(parts[1]) if len(parts) > 1 else None
    return Description(population, intervention, comparator or None)
