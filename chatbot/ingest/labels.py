"""The labels that name a numbered statement ("Recommendation 3", "Rec. 7a", "R4", "GPS 2") and where one begins."""

from __future__ import annotations

import re

# The word before a statement's number: "Recommendation 3", "Statement 3", "Rec. 3", "R3" (a capital R right before the digits).
LABEL_WORD = r"(?:(?i:recommendation|statement)[ \t]+(?:#|(?i:no)\.?[ \t]*)?|(?i:rec)\.?[ \t]*#?|R(?=\d))"
_GOOD_PRACTICE_WORD = r"(?:(?i:(?:(?:good|best)[ \t\-\u2010\u2011]+)?practice[ \t]+(?:statement|point))[ \t]+|GPS[ \t]*|GPP[ \t]*)"
# A statement's label and number right before its text ("Recommendation 3.", "Rec. 7a", "R4:", "GPS 2", "Practice point 1.2").
_LABEL_BEFORE = re.compile(r"(?:" + LABEL_WORD + "|" + _GOOD_PRACTICE_WORD + r")\d{1,3}(?:\.\d{1,3}){0,3}[a-z]?[ \t]*[.:]?[ \t]*$")
LABEL_REACH = 40  # characters before a statement's text that its label may take


def label_start(text: str, body: int, floor: int = 0) -> int:
    """Where the label right before a statement's text begins ("Rec. 5 In adults ..."), or the text's own start."""
    match = _LABEL_BEFORE.search(text, max(floor, body - LABEL_REACH), body)
    return match.start() if match else body
