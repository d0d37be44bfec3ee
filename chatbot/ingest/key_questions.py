"""Key-question headings ("Question 6. Should X vs Y be used …?", "KQ 2: …?"): the text under one, up to its first
statement, introduces the statements that answer it, so it is linked to the first of them rather than to the statement
before it."""

from __future__ import annotations

import re
from collections.abc import Sequence

from chatbot.ingest.statement_spans import StatementSpan

# A paragraph opening with a numbered question that it asks: "Question 6. Should …?", "Key question 2: What …?", "KQ3. …?"
_QUESTION_HEADING = re.compile(
    r"^(?:key[ \t]+)?(?:question|KQ)[ \t]*\d{1,3}[a-z]?[.:)](?:[^\n?]|\n(?!\n)){10,300}\?", re.IGNORECASE | re.MULTILINE
)
_QUESTION_LABEL = re.compile(r"(?:^|\n)(?:key[ \t]+)?(?:question|KQ)[ \t]*\d{1,3}[a-z]?[.:)][ \t]*$", re.IGNORECASE)
_LEFTOVER_WORDS = 4  # a grade or label line of the row above may open the passage before the heading
_REACH = 2500  # characters from a question's heading to its first statement: further away, it introduces nothing


def is_key_question(text: str, start: int, end: int) -> bool:
    """Whether text[start:end] is the question of a key-question heading ("Question 6. Should …?"): no quote, it asks."""
    return text[start:end].rstrip().endswith("?") and _QUESTION_LABEL.search(text, max(0, start - 20), start) is not None


def _leftover(text: str) -> bool:
    """Whether a passage's text before a heading is only a short line left over from the row above ("↑ ⊕⊕◯◯", "✓ not graded")."""
    return "\n" not in text.strip() and len(text.split()) <= _LEFTOVER_WORDS


def introduced(text: str, start: int, end: int, statements: Sequence[StatementSpan]) -> str | None:
    """The statement the passage text[start:end] introduces: the first one after the key-question heading it sits under
    (or opens with), when no statement lies between that heading and the passage and no other heading between the
    passage and the statement."""
    headings = [match.start() for match in _QUESTION_HEADING.finditer(text, max(0, start - _REACH), end + _REACH)]
    above = [heading for heading in headings if heading <= start or (heading < end and _leftover(text[start:heading]))]
    if not above:
        return None
    heading = above[-1]
    start = max(start, heading)
    if any(heading <= s.start <= start for s in statements):
        return None
    after = [s for s in statements if s.start > start]
    if not after:
        return None
    first = min(after, key=lambda s: s.start)
    if first.start - heading > _REACH or any(start < other < first.start for other in headings):
        return None
    return first.recommendation_id
