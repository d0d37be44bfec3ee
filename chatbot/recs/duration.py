"""How long something has lasted, read from a text ("2 months", "only a week old", "past three months") as days."""

from __future__ import annotations

import re

_NUMBERS = {"a": 1, "an": 1, "one": 1, "two": 2, "three": 3, "four": 4, "five": 5, "six": 6, "seven": 7, "eight": 8, "nine": 9}
_NUMBERS |= {"last": 1, "ten": 10, "eleven": 11, "twelve": 12, "few": 3, "a few": 3, "several": 3, "couple of": 2, "a couple of": 2}
_UNITS = {"d": 1, "day": 1, "w": 7, "wk": 7, "week": 7, "mo": 30, "month": 30, "yr": 365, "year": 365}
_NUMBER = r"\d+(?:\.\d+)?|(?:" + "|".join(sorted(_NUMBERS, key=len, reverse=True)) + r")\b"  # a word: whole ("and" is no "an d")
# A length of time: not a range's end ("1-4 weeks"), a schedule ("every 3 months", "within 4 weeks", "for up to 3 days"), an
# age ("45 years old", "a 2-month-old") or a rate ("twice a day"); "more than" / "past" put it just beyond the number,
# "less than" / "under" just short of it.
_DURATION = re.compile(
    rf"(?:(?<![\w.-])|(?<=\bx))(?<!to )(?<!every )(?<!within )(?<!each )(?<!per )(?<!next )(?<!up to )"
    rf"(?<!once )(?<!twice )(?<!times )(?<!mg )(?<!MME )"  # a rate ("twice a day", "50 MME a day"), not a length
    rf"(?:(?P<more>more than|longer than|over|past|beyond|at least)\s+|(?P<less>less than|under|fewer than)\s+)?"
    rf"(?P<n>{_NUMBER})[\s-]?(?P<unit>days?|d|weeks?|wks?|w|months?|mos?|years?|yrs?)\b"
    rf"(?P<old>[\s-]*(?:olds?|of age)\b)?",
    re.IGNORECASE,
)


def durations(text: str) -> list[tuple[float, tuple[int, int]]]:
    """Every length of time the text gives, in days, with where it is named; an age's "a week old" of pain counts, a person's
    "45 years old" does not."""
    found = []
    for match in _DURATION.finditer(text):
        number, unit = match.group("n").lower(), match.group("unit").lower().rstrip("s")
        if match.group("old") and _UNITS[unit] >= _UNITS["mo"]:
            continue  # a person's age
        count = float(number) if number[0].isdigit() else float(_NUMBERS[number])
        days = count * _UNITS[unit]
        days += 1 if match.group("more") else -1 if match.group("less") else 0
        found.append((days, match.span()))
    return found


def in_range(days: float, bounds: tuple[float, float | None]) -> bool:
    """Whether a duration lies in [from, to) days (to None: no upper bound)."""
    low, high = bounds
    return days >= low and (high is None or days < high)
