"""What kind of answer a who / how many / when question needs, and whether a sentence gives one (English, no pack's words)."""

from __future__ import annotations

import re
from dataclasses import dataclass

_MONTHS = "January|February|March|April|May|June|July|August|September|October|November|December"
_NUMBER_WORDS = "one|two|three|four|five|six|seven|eight|nine|ten|eleven|twelve|fifteen|twenty|dozen|several|many|few"


@dataclass(frozen=True)
class AnswerType:
    """A kind of answer: how a question asks for it, and how a sentence that gives it looks."""

    name: str
    asked: re.Pattern[str]
    given: re.Pattern[str]

    def given_in(self, text: str) -> bool:
        """Whether a sentence contains an answer of this kind."""
        return self.given.search(text) is not None


ANSWER_TYPES = (
    AnswerType(
        "a person's name",
        re.compile(r"^\W*(?:and\s+)?who(?:m|se)?\b", re.I),  # 'a patient who is on ...' is a description, not a who-question
        re.compile(r"\b[A-Z][a-z]+(?:[-\s][A-Z]\.)*[-\s]+(?:[A-Z]['’][A-Z][a-z]+|[A-Z][a-z]+)\b|\b(?:Dr|Prof)\.?\s+[A-Z]"),
    ),
    AnswerType("a number", re.compile(r"\bhow\s+many\b", re.I), re.compile(rf"\b\d+\b|\b(?:{_NUMBER_WORDS})\b", re.I)),
    AnswerType(
        "a time",
        re.compile(r"^\W*when\b|\bwhat\s+(?:year|date|month|day)\b|\bhow\s+often\b|\bhow\s+soon\b", re.I),
        re.compile(
            rf"\b(?:19|20)\d\d\b|\b(?:{_MONTHS})\b|\b\d+\s*(?:-|to)?\s*\d*\s*(?:hours?|days?|weeks?|months?|years?)\b"
            r"|\b(?:every|daily|weekly|monthly|annually|yearly|end of|after|before|during|within|at least|until|once|twice|regularly)\b",
            re.I,
        ),
    ),
)


# A who-word after a word describes it ('a patient whose test ...'): a clause it opens continues the description.
_RELATIVE = re.compile(r"(?i)\w\s+(?:who|whose|whom)\b")


def asked_type(question: str) -> AnswerType | None:
    """The kind of answer the question's first asking clause needs, or None for open questions.

    'a pt whose test showed X and who now admits Y' describes the patient twice: its second who opens no who-question.
    """
    clauses = re.split(r"(?<=[?.!;,])\s+|\s+(?:and|or)\s+(?=who|how|when|what)", question)
    for position, clause in enumerate(clauses):
        for kind in ANSWER_TYPES:
            relative = kind is ANSWER_TYPES[0] and position > 0 and _RELATIVE.search(clauses[position - 1]) is not None
            if kind.asked.search(clause) and not relative:
                return kind
    return None
