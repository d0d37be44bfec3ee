"""A marker and its status ('CD19-positive', 'JAK2+'): letters with a number, read as describing the patient's disease."""

from __future__ import annotations

import re

# 'CD19-positive', 'JAK2+': a marker (letters with a number) and its status describe the disease, as 'Ph-positive' does.
_MARKER_STATUS = re.compile(
    r"(?<![\w-])(?=[A-Za-z][\w:-]*?\d)[A-Za-z][A-Za-z0-9]*(?:[-:]+[A-Za-z0-9]+)*?(?:\+(?!\w)|[- ](?:positive|negative|pos|neg)\b)",
    re.IGNORECASE,
)


def marker_spans(text: str) -> list[tuple[int, int]]:
    """The spans of the text's markers named with their status."""
    return [m.span() for m in _MARKER_STATUS.finditer(text)]


def without_markers(text: str) -> str:
    """The text with its markers named with their status blanked out (same length)."""
    return _MARKER_STATUS.sub(lambda m: " " * len(m.group(0)), text)
