"""Which recommendation a clause is about: weighted overlap of its terms with each item's profile."""

from __future__ import annotations

import math
import re
from dataclasses import dataclass

from chatbot.lexical import tokenize
from chatbot.recommendations import Recommendation, RecommendationSet
from chatbot.retrieval import boilerplate_positions, correct_spelling
from chatbot.synonyms import Thesaurus
from chatbot.vocabulary import GENERIC_TERMS

MIN_SCORE = 1.5  # summed term weights a clause needs to be about an item
MIN_MARGIN = 1.15  # the best item must beat the runner-up by this factor, or both are reported
FUZZY_SCORE = 85.0
_WORD = re.compile(r"[a-z][a-z0-9]+")


@dataclass(frozen=True)
class Match:
    """An item a clause is about, and how strongly."""

    rec: Recommendation
    score: float


def _profile_text(rec: Recommendation) -> str:
    """The words that say what an item is about: title, intervention, comparator, keywords."""
    return " ".join([rec.title, rec.intervention, rec.comparator or "", *rec.keywords])


class RecommendationMatcher:
    """Scores clauses against every item's term profile, weighting terms that few items share."""

    def __init__(self, rec_set: RecommendationSet, thesaurus: Thesaurus, background: frozenset[str] = frozenset()) -> None:
        self._thesaurus = thesaurus
        background_groups = [g for g in thesaurus.groups if f"group:{g.canonical}" in background or g.canonical == thesaurus.subject]
        self._background = frozenset(
            {f"group:{g.canonical}" for g in background_groups} | {stem for g in background_groups for term in g.terms for stem in tokenize(term)}
        )
        generic = {stem for word in GENERIC_TERMS for stem in tokenize(word)}
        self._profiles: dict[str, frozenset[str]] = {}
        surface: set[str] = set(thesaurus.single_words())
        boilerplate = boilerplate_positions([rec.title for rec in rec_set.items])
        for position, rec in enumerate(rec_set.items):
            if position in boilerplate:  # placeholders that differ only by number have no topic to match
                continue
            text = _profile_text(rec)
            self._profiles[rec.id] = self._features(text) - generic
            surface.update(_WORD.findall(text.lower()))
        shared = {stem for stem in set().union(*self._profiles.values()) if self._df(stem) > len(self._profiles) / 2}
        self._profiles = {rec_id: stems - shared for rec_id, stems in self._profiles.items()}
        count = len(self._profiles)
        self._weights = {stem: math.log((count + 1) / self._df(stem)) for stem in set().union(*self._profiles.values())}
        self._recs = {rec.id: rec for rec in rec_set.items}
        self._surface = frozenset(surface)
        self._terms = sorted(w for w in surface if len(w) >= 5)

    def _df(self, stem: str) -> int:
        """How many item profiles hold a stem."""
        return sum(stem in stems for stems in self._profiles.values())

    def _features(self, text: str) -> frozenset[str]:
        """Stems of the text plus one 'group:<canonical>' concept per synonym group it names (background dropped)."""
        stems = {stem for stem in tokenize(text) if len(stem) > 1}
        concepts = {f"group:{group.canonical}" for group in self._thesaurus.matching_groups(text)}
        return frozenset(stems | concepts) - self._background

    def clause_stems(self, text: str) -> frozenset[str]:
        """A clause's features after spelling correction of field terms."""
        corrected, _ = correct_spelling(text, self._surface, self._terms, FUZZY_SCORE)
        return self._features(corrected)

    def match(self, text: str) -> list[Match]:
        """The items a clause is about, best first: one, or several when they score alike."""
        stems = self.clause_stems(text)
        scored = sorted(
            ((sum(self._weights[s] for s in stems & profile), rec_id) for rec_id, profile in self._profiles.items()),
            reverse=True,
        )
        if not scored or scored[0][0] < MIN_SCORE:
            return []
        best = scored[0][0]
        return [Match(self._recs[rec_id], score) for score, rec_id in scored if score >= MIN_SCORE and score * MIN_MARGIN >= best]

    def has_topic(self, text: str) -> bool:
        """Whether a clause names any term that some item's profile holds."""
        return bool(self.clause_stems(text) & set(self._weights))
