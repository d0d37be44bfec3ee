"""The indexed loose word lookup (answer coverage): the same answers as trying every word of the set in turn."""

from __future__ import annotations

import os

import pytest
from rapidfuzz import fuzz, process
from rapidfuzz.distance import OSA

from chatbot.answer.loose import SHARED_PREFIX, TYPO_SCORE, LooseWords

WORDS = frozenset({"chemotherapy", "prophylaxis", "pain", "asparaginase", "fibrinogen", "transplant", "recommendations", "dose"})


def _every_word(word: str, words: frozenset[str]) -> bool:
    """The lookup written as a loop over every word (how it was before the index)."""
    short = word[:-1] if word.endswith("s") and len(word) > 3 else word
    for other in words:
        if len(short) >= 3 and other.startswith(short):
            return True
        if len(word) >= 4 and abs(len(other) - len(word)) <= 1 and OSA.distance(word, other) <= 1:
            return True
        prefix = len(os.path.commonprefix([word, other]))
        if prefix >= SHARED_PREFIX and prefix >= 0.6 * min(len(word), len(other)):
            return True
    return len(word) >= 5 and process.extractOne(word, list(words), scorer=fuzz.ratio, score_cutoff=TYPO_SCORE) is not None


@pytest.mark.parametrize(
    ("word", "covered"),
    [
        ("chemo", True),  # written short
        ("recs", True),  # short, plural
        ("pian", True),  # two letters swapped
        ("prophylactic", True),  # another ending of a long stem
        ("asparaginse", True),  # a letter dropped
        ("fibrinogn", True),
        ("transplants", True),  # a plural
        ("radiotherapy", False),  # shares an ending, not a stem
        ("haploidentical", False),
        ("do", False),
        ("dosing", False),
    ],
)
def test_loose_lookup(word: str, covered: bool) -> None:
    assert LooseWords(WORDS).covers(word) is covered
    assert _every_word(word, WORDS) is covered


def test_same_as_every_word_on_variants() -> None:
    index = LooseWords(WORDS)
    for base in WORDS:
        for i in range(len(base)):
            for variant in (base[:i], base[:i] + base[i + 1 :], base[:i] + "e" + base[i:], base + "s", base[:i] + "zz"):
                assert index.covers(variant) is _every_word(variant, WORDS), variant
