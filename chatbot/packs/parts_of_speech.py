"""Which parts of speech WordNet gives a word (Debian's wordnet-base index files), looked up in place."""

from __future__ import annotations

from functools import lru_cache
from pathlib import Path

from chatbot.packs.wordnet_index import SortedIndex

PARTS = ("noun", "verb", "adj", "adv")


@lru_cache(maxsize=8)
def _index(folder: Path, part: str) -> SortedIndex | None:
    """The index of one part of speech in `folder`, or None when it is not there."""
    return SortedIndex.open(folder / f"index.{part}")


def parts_of_speech(word: str, folder: Path | None) -> frozenset[str]:
    """The parts of speech WordNet lists a word (or its singular) under; empty without WordNet or for a word it lacks."""
    if folder is None:
        return frozenset()
    lower = word.lower()
    forms = [lower, *(lower[: -len(end)] for end in ("es", "s") if lower.endswith(end) and len(lower) > len(end) + 2)]
    found = set()
    for part in PARTS:
        index = _index(folder, part)
        if index is not None and any(index.fields(form) for form in forms):
            found.add(part)
    return frozenset(found)
