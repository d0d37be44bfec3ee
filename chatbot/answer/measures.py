"""Amounts a question gives ('a 2.5 cm abscess', 'potassium 5.6') and the ranges a statement sets ('4 cm or larger',
'between 5.1 and 5.9 mmol/L'): whether a statement's own range leaves out the question's amount."""

from __future__ import annotations

import re
from dataclasses import dataclass

from chatbot.index.lexical import STOPWORDS

_NUMBER = r"(\d+(?:\.\d+)?)"
# A unit right after a number: letters, µ, % and a slash ('mmol/L', 'cm', '%', 'mg/day'); a hyphen may join it ('2.5-cm').
_UNIT = r"(?:[\s-]?((?:[a-zA-Zµ]+(?:/[a-zA-Z]+)?)|%))?"
_AMOUNT = re.compile(rf"(?<![\w.]){_NUMBER}{_UNIT}(?![\w/])")
# English comparisons that bound a range from one side: '4 cm or larger', 'smaller than 4 cm', '≥ 6.5 mmol/L'.
_AT_LEAST_AFTER = re.compile(
    rf"(?<![\w.]){_NUMBER}{_UNIT}\s+(?:or|and)\s+(?:higher|more|greater|larger|above|over|bigger|longer|older)\b", re.IGNORECASE
)
_AT_LEAST_BEFORE = re.compile(
    rf"(?:\b(?:at\s+least|(?:higher|more|greater|larger|bigger|longer)\s+than|above|over|exceeding)|≥|>=?)\s*{_NUMBER}{_UNIT}(?![\w/])",
    re.IGNORECASE,
)
_AT_MOST_AFTER = re.compile(
    rf"(?<![\w.]){_NUMBER}{_UNIT}\s+(?:or|and)\s+(?:lower|less|fewer|smaller|below|under|shorter|younger)\b", re.IGNORECASE
)
_AT_MOST_BEFORE = re.compile(
    rf"(?:\b(?:at\s+most|(?:lower|less|fewer|smaller|shorter)\s+than|below|under)|≤|<=?)\s*{_NUMBER}{_UNIT}(?![\w/])", re.IGNORECASE
)
_BETWEEN = re.compile(rf"\bbetween\s+{_NUMBER}{_UNIT}\s+and\s+{_NUMBER}{_UNIT}(?![\w/])", re.IGNORECASE)
MAGNITUDE = 3.0  # an amount with no unit is read against a range when within this factor of its bounds (same kind of value)


@dataclass(frozen=True)
class Range:
    """A range a statement sets: its bounds (None where open) and its unit ('' when none is written)."""

    low: float | None
    high: float | None
    unit: str

    def holds(self, value: float) -> bool:
        """Whether the range holds a value (bounds included)."""
        return (self.low is None or value >= self.low) and (self.high is None or value <= self.high)

    def comparable(self, value: float, unit: str) -> bool:
        """Whether an amount is of the kind this range bounds: the same unit, or no unit and the same order of magnitude."""
        if unit and self.unit:
            return _unit(unit) == _unit(self.unit)
        if unit or not self.unit:
            return False
        bounds = [bound for bound in (self.low, self.high) if bound]
        return bool(bounds) and all(bound / MAGNITUDE <= value <= bound * MAGNITUDE for bound in bounds)


def _unit(unit: str) -> str:
    """A unit compared as written, in small letters and singular ('years' is 'year')."""
    lower = unit.lower()
    return lower[:-1] if lower.endswith("s") and len(lower) > 2 else lower


def ranges(statement: str) -> list[Range]:
    """The ranges a statement sets."""
    found = [Range(float(m.group(1)), float(m.group(3)), _written(m.group(4) or m.group(2))) for m in _BETWEEN.finditer(statement)]
    for pattern, low in ((_AT_LEAST_AFTER, True), (_AT_LEAST_BEFORE, True), (_AT_MOST_AFTER, False), (_AT_MOST_BEFORE, False)):
        for match in pattern.finditer(statement):
            bound, unit = float(match.group(1)), _written(match.group(2))
            found.append(Range(bound, None, unit) if low else Range(None, bound, unit))
    return found


def amounts(question: str) -> list[tuple[float, str]]:
    """The amounts a question gives, each with its unit ('' when none; a word such as 'in' after a number is none)."""
    return [(float(m.group(1)), _written(m.group(2))) for m in _AMOUNT.finditer(question)]


def _written(unit: str | None) -> str:
    """A unit as written after a number; none for an English word that only follows it ('5.8 in my patient')."""
    return "" if unit is None or unit.lower() in STOPWORDS else unit


def leaves_out(question: str, statement: str) -> bool:
    """Whether the statement sets a range for a kind of amount the question gives and none of its ranges hold that amount."""
    given = amounts(question)
    if not given:  # most questions give none: the statement's ranges are not read
        return False
    set_ranges = ranges(statement)
    verdicts = [
        any(r.holds(value) for r in comparable)
        for value, unit in given
        if (comparable := [r for r in set_ranges if r.comparable(value, unit)])
    ]
    return bool(verdicts) and not any(verdicts)
