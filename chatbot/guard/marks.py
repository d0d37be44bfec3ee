"""Lists of ticks and crosses ("✔ premedicate ✘ routine cryo"): where they split into entries of their own."""

from __future__ import annotations

import re

_MARK = re.compile(r"[✔✓☑✘✗❌✖]\ufe0e?")
_ENTRY_OPEN = re.compile(r"(?:^|[:\n•(])\s*$")  # a mark right after a heading, a new line or a bullet opens its entry
_LINE = re.compile(r"\n")


def mark_cuts(text: str, start: int, end: int) -> list[int]:
    """Zero-width clause breaks (each position twice) for a sentence holding two or more marks: before each mark when marks
    open the entries ("✔ premedicate ✘ routine cryo"), and at each later line ("+ supportive care"); after each mark when
    they close them ("routine UFH ✘, Erwinia ✔"). None for a single mark, whose entry is the sentence."""
    if _MARK.search(text, start, end) is None:
        return []  # a cheap look first: most sentences hold no mark
    marks = list(_MARK.finditer(text, start, end))
    if len(marks) < 2:
        return []
    if _ENTRY_OPEN.search(text[start : marks[0].start()]) is None:
        return [at for m in marks for at in (m.end(), m.end())]
    lines = [m.end() for m in _LINE.finditer(text, marks[0].end(), end)]
    return [at for at in [m.start() for m in marks] + lines for _ in range(2)]
