"""Text a checked text presents in quotation marks: long enough, it stands for the guideline's own words."""

from __future__ import annotations

import re
from dataclasses import dataclass

QUOTE = re.compile(r"[\"“]([^\"“”]{12,}?)[\"”]")  # from two short words ("never advisable") up
QUOTED_WORDS = 6  # a quotation this long is the guideline's words standing in for a claim; shorter ones sit inside the writer's


@dataclass(frozen=True)
class QuotedText:
    """Text presented in quotation marks, with its span in the checked text."""

    start: int
    end: int
    text: str


def quoted_texts(text: str, min_words: int = QUOTED_WORDS) -> list[QuotedText]:
    """Passages in quotation marks of at least `min_words` words (6+: long enough to stand for the guideline's words)."""
    return [QuotedText(m.start(1), m.end(1), m.group(1)) for m in QUOTE.finditer(text) if len(m.group(1).split()) >= min_words]
