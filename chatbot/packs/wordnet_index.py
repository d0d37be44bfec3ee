"""One of WordNet's sorted index files (Debian's wordnet-base), memory-mapped: a lemma's line found by binary search."""

from __future__ import annotations

import mmap
from dataclasses import dataclass
from pathlib import Path


@dataclass(frozen=True)
class SortedIndex:
    """An index file's lines, memory-mapped, and where its entries begin (after the licence lines, which open with spaces)."""

    lines: mmap.mmap
    start: int

    @classmethod
    def open(cls, path: Path) -> SortedIndex | None:
        """The index at `path`, or None when it is not there."""
        if not path.is_file():
            return None
        with path.open("rb") as handle:
            lines = mmap.mmap(handle.fileno(), 0, access=mmap.ACCESS_READ)
        start = 0
        while lines[start : start + 1] == b" ":
            start = lines.find(b"\n", start) + 1
        return cls(lines, start)

    def fields(self, lemma: str) -> list[bytes]:
        """The fields of the lemma's line (the lemma first), or [] when the index does not list it."""
        key, lines = lemma.encode("utf-8"), self.lines
        low, high = self.start, len(lines)
        while low < high:
            middle = (low + high) // 2
            begin = max(lines.rfind(b"\n", low, middle) + 1, low)  # the line holding `middle`
            end = lines.find(b"\n", middle)
            end = len(lines) if end == -1 else end
            fields = lines[begin:end].split()
            if fields and fields[0] == key:
                return fields
            if fields and fields[0] < key:
                low = end + 1
            else:
                high = begin
        return []
