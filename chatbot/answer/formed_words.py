"""Words WordNet lacks that are two words it knows written together ('timeframe': time frame; 'timepoints': time points)."""

from __future__ import annotations

from functools import lru_cache
from pathlib import Path

from chatbot.packs.parts_of_speech import inflected_parts, parts_of_speech

MIN_PART = 3  # letters of each word a joined word is read as made of ('timeframe': time, frame)


def _known(word: str, folder: Path) -> bool:
    """Whether WordNet knows the word or the word it is an inflected form of."""
    return bool(parts_of_speech(word, folder) or inflected_parts(word, folder))


@lru_cache(maxsize=4096)
def formed_from(word: str, folder: Path | None) -> tuple[str, ...]:
    """The two known words an unknown word joins ('timeframe': time, frame); () for a word WordNet knows, one it cannot read
    as two words joined, or without WordNet.

    A prefix is not taken off: it adds a meaning of its own ('rechallenge' is a challenge again, which a text may not say).
    """
    lower = word.lower()
    if folder is None or not lower.isalpha() or len(lower) < 2 * MIN_PART or _known(lower, folder):
        return ()
    for cut in range(MIN_PART, len(lower) - MIN_PART + 1):
        left, right = lower[:cut], lower[cut:]
        if _known(left, folder) and _known(right, folder):
            return left, right
    return ()
