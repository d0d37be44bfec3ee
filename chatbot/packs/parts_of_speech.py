"""Which parts of speech WordNet gives a word (Debian's wordnet-base index files), looked up in place by binary search."""

from __future__ import annotations

import mmap
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path

PARTS = ("noun", "verb", "adj", "adv")


@dataclass(frozen=True)
class _Index:
    """One part of speech's sorted index file, memory-mapped, and where its entries begin (after the licence)."""

    lines: mmap.mmap
    start: int

    def holds(self, lemma: str) -> bool:
        """Whether the index lists the lemma."""
        key, lines = lemma.encode("utf-8"), self.lines
        low, high = self.start, len(lines)
        while low < high:
            middle = (low + high) // 2
            begin = max(lines.rfind(b"\n", low, middle) + 1, low)
            end = lines.find(b"\n", middle)
            end = len(lines) if end == -1 else end
            first = lines[begin:end].split(b" ", 1)[0]
            if first == key:
                return True
            if first < key:
                low = end + 1
            else:
                high = begin
        return False


@lru_cache(maxsize=8)
def _index(folder: Path, part: str) -> _Index | None:
    """The index of one part of speech in `folder`, or None when it is not there."""
    path = folder / f"index.{part}"
    if not path.is_file():
        return None
    with path.open("rb") as handle:
        lines = mmap.mmap(handle.fileno(), 0, access=mmap.ACCESS_READ)
    start = 0
    while lines[start : start + 1] == b" ":
        start = lines.find(b"\n", start) + 1
    return _Index(lines, start)


def parts_of_speech(word: str, folder: Path | None) -> frozenset[str]:
    """The parts of speech WordNet lists a word (or its singular) under; empty without WordNet or for a word it lacks."""
    if folder is None:
        return frozenset()
    lower = word.lower()
    forms = [lower, *(lower[: -len(end)] for end in ("es", "s") if lower.endswith(end) and len(lower) > len(end) + 2)]
    found = set()
    for part in PARTS:
        index = _index(folder, part)
        if index is not None and any(index.holds(form) for form in forms):
            found.add(part)
    return frozenset(found)
