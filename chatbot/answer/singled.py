"""Items that a rare population value and an act the question names single out, though retrieval left them out."""

from __future__ import annotations

import re
from collections.abc import Iterable
from pathlib import Path

from chatbot.answer.facet_reading import ReadPopulation
from chatbot.index.lexical import tokenize
from chatbot.packs.verb_relatives import verb_relatives
from chatbot.recs.schema import Recommendation, RecommendationSet

_WORD = re.compile(r"[a-z]{3,}")


def _act_text(rec: Recommendation) -> str:
    """What the item says is done: its title, intervention and comparator."""
    return " ".join([rec.title, rec.intervention, rec.comparator or ""])


def asked_acts(question: str, read: ReadPopulation, folder: Path | None) -> frozenset[str]:
    """The stems of the verbs the question names outside its population's words, with their WordNet synonyms."""
    text = question.lower()
    for start, end in read.named.spans.values():
        text = text[:start] + " " * (end - start) + text[end:]
    stems: set[str] = set()
    for word in dict.fromkeys(_WORD.findall(text)):
        if relatives := verb_relatives(word, folder):
            stems.update(tokenize(" ".join(relatives)))
    return frozenset(stems)


def acted_items(
    question: str,
    read: ReadPopulation,
    rec_set: RecommendationSet,
    rare: frozenset[tuple[str, str]],
    present: Iterable[Recommendation],
    folder: Path | None,
) -> frozenset[str]:
    """Ids of the items not `present` that state a rare value the question names and whose own act words, those no present item
    says, include a verb the question names (or a synonym): 'taper' a dose for a patient already on long-term opioids."""
    present = list(present)
    named = [(name, value) for name, value in rare if read.names_value(name, value)]
    if not named:
        return frozenset()
    said = set(tokenize(" ".join(_act_text(rec) for rec in present)))
    found = set()
    asked: frozenset[str] | None = None
    for rec in rec_set.items:
        if rec in present or rec.is_placeholder or not any(rec.population.facet(name) == value for name, value in named):
            continue
        asked = asked_acts(question, read, folder) if asked is None else asked
        if asked & (set(tokenize(_act_text(rec))) - said):
            found.add(rec.id)
    return frozenset(found)
