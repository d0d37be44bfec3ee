"""A set of words indexed for loose lookup: a word written short ('chemo'), with another ending or one letter off."""

from __future__ import annotations

import os
from bisect import bisect_left
from functools import lru_cache

from rapidfuzz import fuzz, process
from rapidfuzz.distance import OSA

TYPO_SCORE = 85.0
SHARED_PREFIX = 8  # 'prophylactic' and 'prophylaxis' name one thing


class LooseWords:
    """Words sorted (a prefix's words are one run) and by their first SHARED_PREFIX letters, so a lookup tries only the candidates."""

    def __init__(self, words: frozenset[str]) -> None:
        self.words = list(words)
        self._sorted = sorted(words)
        self._by_opening: dict[str, list[str]] = {}
        for word in self.words:
            if len(word) >= SHARED_PREFIX:
                self._by_opening.setdefault(word[:SHARED_PREFIX], []).append(word)

    def covers(self, word: str) -> bool:
        """Whether a word of the set spells this one out: starts with it, is one edit from it, shares a long stem, or is a close typo."""
        short = word[:-1] if word.endswith("s") and len(word) > 3 else word
        if len(short) >= 3:
            at = bisect_left(self._sorted, short)
            if at < len(self._sorted) and self._sorted[at].startswith(short):
                return True
        if len(word) >= 4 and process.extractOne(word, self.words, scorer=OSA.distance, score_cutoff=1) is not None:
            return True  # one letter off or two swapped: 'pian'
        for other in self._by_opening.get(word[:SHARED_PREFIX], ()) if len(word) >= SHARED_PREFIX else ():
            if len(os.path.commonprefix([word, other])) >= 0.6 * min(len(word), len(other)):
                return True
        return len(word) >= 5 and process.extractOne(word, self.words, scorer=fuzz.ratio, score_cutoff=TYPO_SCORE) is not None


@lru_cache(maxsize=1024)  # a pack's texts are looked up question after question
def loose_words(words: frozenset[str]) -> LooseWords:
    """The index of a set of words, made once per set."""
    return LooseWords(words)
