"""Each item's card (what the structured set says of it) embedded as one more text of the item (the `cards` variant and
the combiner's `dcard` feature)."""

from __future__ import annotations

from collections.abc import Callable, Sequence
from functools import cached_property
from typing import TYPE_CHECKING

from chatbot.recs.merging import STATED
from chatbot.recs.schema import Recommendation, RecommendationSet

if TYPE_CHECKING:
    import numpy as np


def card_text(rec: Recommendation) -> str:
    """The item's title, advice, comparator, population, direction detail and remarks, one line each."""
    said = (rec.title, rec.intervention, rec.comparator, rec.population.description, rec.direction_detail, *rec.remarks)
    return "\n".join(" ".join(text.split()) for text in said if text and text != STATED)


class ItemCards:
    """The set's items' cards embedded once (on first use), and the rank each card would take among ranked passages."""

    def __init__(self, rec_set: RecommendationSet, embed: Callable[[Sequence[str]], np.ndarray]) -> None:
        self._items = tuple(rec for rec in rec_set.items if not rec.is_placeholder)
        self._embed = embed

    @cached_property
    def _vectors(self) -> np.ndarray:
        """One normalised vector per card (items x dimension)."""
        return self._embed([card_text(rec) for rec in self._items])

    def ranks(self, query_vector: np.ndarray, scores: Sequence[float], depth: int) -> dict[str, int]:
        """For each item whose card is at least as close to the query as the `depth`-th of the passages' descending
        `scores`, the rank the card would take among them (1 = above every passage)."""
        if not self._items:
            return {}
        closeness = self._vectors @ query_vector
        ordered = list(scores)
        ranks = {}
        for rec, similarity in zip(self._items, closeness):
            rank = 1 + sum(score > similarity for score in ordered)
            if rank <= depth:
                ranks[rec.id] = rank
        return ranks
