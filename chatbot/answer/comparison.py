"""Options a question weighs against each other, and whether the answering item compares them."""

from __future__ import annotations

import re

from chatbot.answer.coverage import Ask
from chatbot.recs.schema import Recommendation

# "X and/or Y" joins options rather than weighing them
_CONNECTOR = re.compile(r"\b(?:(?<!and/)or|vs\.?|versus|over|instead of|rather than|compared (?:with|to)|better than)(?!\w)", re.IGNORECASE)
MAX_WORDS_BETWEEN = 5


def compared_options(question: str, asks: tuple[Ask, ...]) -> list[tuple[Ask, Ask]]:
    """Neighbouring asks joined by 'or', 'vs', 'over', 'instead of' ... (synonyms of one term are not options)."""
    pairs = []
    for first, second in zip(asks, asks[1:]):
        between = question[first.end : second.start]
        if not _CONNECTOR.search(between) or len(between.split()) > MAX_WORDS_BETWEEN:
            continue
        if first.group is not None and first.group is second.group and not (first.specific and second.specific):
            continue
        pairs.append((first, second))
    return pairs


def item_side(ask: Ask, rec: Recommendation) -> str:
    """Whether the item's intervention or comparator names the option (empty when neither does)."""
    words = frozenset(re.findall(r"[a-z][a-z0-9]+", f"{rec.intervention} {rec.comparator or ''}".lower()))
    if ask.covered_by(rec.intervention, words):
        return "intervention"
    if rec.comparator and ask.covered_by(rec.comparator, words):
        return "comparator"
    return ""


def _named(ask: Ask) -> str:
    """An option as the summary names it: a field term by its canonical form ('blina' -> its full name)."""
    return ask.group.canonical if ask.group is not None and not ask.specific else ask.text


def not_compared(question: str, asks: tuple[Ask, ...], rec: Recommendation | None) -> list[tuple[str, str]]:
    """The pairs of options the question compares that the item does not set against each other."""
    if rec is None:
        return []
    return [
        (_named(first), _named(second))
        for first, second in compared_options(question, asks)
        if {item_side(first, rec), item_side(second, rec)} != {"intervention", "comparator"}
    ]
