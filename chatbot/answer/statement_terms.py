"""How much of a question an item's own statement says (title, advice, keywords), each word weighed by how few items use it."""

from __future__ import annotations

import math
import re
from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from pathlib import Path

from chatbot.answer.english import is_common_english
from chatbot.answer.restated import other_names
from chatbot.index.lexical import tokenize
from chatbot.recs.merging import STATED
from chatbot.recs.schema import Recommendation, RecommendationSet

# A word in more than this share of the items' statements tells them apart too little to count ('opioid', 'pain', 'dose').
MAX_ITEM_SHARE = 1 / 3
LONG_STEM = 6  # a stem this long also matches a longer word it begins
_WORD = re.compile(r"[A-Za-z][A-Za-z-]{3,}")


def _own_words(rec: Recommendation) -> str:
    """What the item itself says it is about: its title, advice, comparator and keywords (not its population)."""
    said = [rec.title, rec.intervention if rec.intervention != STATED else "", rec.comparator or "", *rec.keywords]
    return " ".join(said)


@dataclass(frozen=True)
class StatementTerms:
    """Each item's statement stems (its population's facet words left out)."""

    stems: Mapping[str, frozenset[str]]

    @classmethod
    def of(cls, rec_set: RecommendationSet) -> StatementTerms:
        """The statement stems of a set's items (placeholders left out)."""
        facet_words = " ".join(
            f"{value.replace('_', ' ')} {entry.words or ''} {entry.label or ''}"
            for facet in rec_set.domain.facets.values()
            for value, entry in facet.values.items()
        )
        population = frozenset(tokenize(facet_words))
        return cls({rec.id: frozenset(tokenize(_own_words(rec))) - population for rec in rec_set.items if not rec.is_placeholder})

    def states(self, rec_id: str, stem: str) -> bool:
        """Whether an item's statement has a stem, or (a long stem) a word it begins ('gabapentin' of 'gabapentinoids')."""
        own = self.stems.get(rec_id, frozenset())
        return stem in own or (len(stem) >= LONG_STEM and any(word.startswith(stem) for word in own))

    def weight(self, stem: str) -> float:
        """log(items / items stating the stem); nothing for a stem no item states, or more than MAX_ITEM_SHARE of them."""
        stating = sum(self.states(rec_id, stem) for rec_id in self.stems)
        total = len(self.stems)
        return math.log(total / stating) if 0 < stating <= MAX_ITEM_SHARE * total else 0.0

    def said(self, rec_id: str, question_stems: Iterable[str]) -> float:
        """The summed weight of the question's stems that the item's own statement states."""
        return sum(self.weight(stem) for stem in set(question_stems) if self.states(rec_id, stem))


def question_stems(question: str, spans: Iterable[tuple[int, int]], lexicon_dir: Path | None) -> list[str]:
    """The stems of a question without the population it names (`spans`), plus those of WordNet's other names of its
    uncommon words (a brand: 'Tylenol' is acetaminophen)."""
    asked = without_spans(question, spans)
    rare = [word for word in _WORD.findall(asked) if not is_common_english(word.lower())]
    return tokenize(" ".join([asked, *(name for word in rare for name in other_names(word, lexicon_dir))]))


def without_spans(text: str, spans: Iterable[tuple[int, int]]) -> str:
    """The text with the given character spans blanked (a population the question names is not what it asks about)."""
    for start, end in sorted(spans, reverse=True):
        text = text[:start] + " " * (end - start) + text[end:]
    return text
