"""What kind of answer a who / how many / when question needs, and whether a sentence gives one (English, no pack's words)."""

from __future__ import annotations

import re
from dataclasses import dataclass

from chatbot.index.lexical import tokenize

_MONTHS = "January|February|March|April|May|June|July|August|September|October|November|December"
# A calendar date or a year (a publication's received / accepted / published dates, a citation's year): no clinical time.
_DATES = re.compile(
    rf"\b(?:\d{{1,2}}\s+(?:{_MONTHS})\s+(?:19|20)\d\d|(?:{_MONTHS})\s+\d{{1,2}},?\s+(?:19|20)\d\d"
    rf"|(?:{_MONTHS})\s+(?:19|20)\d\d|(?:19|20)\d\d[a-z]?(?:\s*[;:]\s*\d+(?:\([\w\s-]+\))?(?:\s*:\s*\d+(?:[-–]\d+)?)?)?)\b",
    re.I,
)
# A numbered reference to the sources ('... (39).', '[12, 14]'): the sentence reports what a study or another body found —
# the number of sessions a trial gave, the days' supply states allow — not how many the guideline advises.
_REFERENCE = re.compile(r"[(\[]\d{1,3}(?:\s?[,–-]\s?\d{1,3})*[)\]]")
_NUMBER_WORDS = "one|two|three|four|five|six|seven|eight|nine|ten|eleven|twelve|fifteen|twenty|dozen|several|many|few"


@dataclass(frozen=True)
class AnswerType:
    """A kind of answer: how a question asks for it, and how a sentence that gives it looks."""

    name: str
    asked: re.Pattern[str]
    given: re.Pattern[str]
    not_given: re.Pattern[str] | None = None  # what looks like an answer but is none (a publication date for a clinical time)

    def given_in(self, text: str, counted: tuple[str, ...] = ()) -> bool:
        """Whether a sentence contains an answer of this kind; of a number, one that counts a thing asked about if any."""
        if counted and self.name == "a number":
            return _REFERENCE.search(text) is None and any(_counts(text, thing) for thing in counted)
        if self.not_given is not None:
            text = self.not_given.sub(" ", text)
        return self.given.search(text) is not None


ANSWER_TYPES = (
    AnswerType(
        "a person's name",
        re.compile(r"^\W*(?:and\s+)?who(?:m|se)?\b", re.I),  # 'a patient who is on ...' is a description, not a who-question
        re.compile(r"\b[A-Z][a-z]+(?:[-\s][A-Z]\.)*[-\s]+(?:[A-Z]['’][A-Z][a-z]+|[A-Z][a-z]+)\b|\b(?:Dr|Prof)\.?\s+[A-Z]"),
    ),
    AnswerType("a number", re.compile(r"\bhow\s+many\b", re.I), re.compile(rf"\b\d+\b|\b(?:{_NUMBER_WORDS})\b", re.I)),
    AnswerType(
        "a date",  # of the guideline itself: when it was published, issued or updated, what year
        re.compile(
            r"\bwhat\s+(?:year|date|month|day)\b"
            r"|^\W*when\b.*\b(?:publish(?:ed)?|issued|released|updated|revised|approved|endorsed|written|c[oa]me\s+out)\b",
            re.I,
        ),
        re.compile(rf"\b(?:19|20)\d\d\b|\b(?:{_MONTHS})\b", re.I),
    ),
    AnswerType(
        "a time",  # in the care of a patient: a delay, a duration, a moment relative to an event; a calendar date is none
        re.compile(r"^\W*when\b|\bhow\s+often\b|\bhow\s+soon\b", re.I),
        re.compile(
            rf"\b\d+\s*(?:-|to)?\s*\d*\s*(?:hours?|days?|weeks?|months?|years?)\b|\b(?:{_MONTHS})\b"
            r"|\b(?:every|daily|weekly|monthly|annually|yearly|end of|after|before|during|within|at least|until|once|twice|regularly)\b",
            re.I,
        ),
        _DATES,
    ),
)


# A who-word after a word describes it ('a patient whose test ...'): a clause it opens continues the description.
_RELATIVE = re.compile(r"(?i)\w\s+(?:who|whose|whom)\b")


def _describes(before: str, clause: str) -> bool:
    """Whether a who-clause describes what the clause before it names: 'a patient who ...', or '..., who are ...' that
    asks nothing (no question mark)."""
    return _RELATIVE.search(before) is not None or (before.rstrip().endswith(",") and not clause.rstrip().endswith("?"))


def asked_type(question: str) -> AnswerType | None:
    """The kind of answer the question's first asking clause needs, or None for open questions.

    'a pt whose test showed X and who now admits Y' describes the patient twice: its second who opens no who-question.
    """
    clauses = re.split(r"(?<=[?.!;,])\s+|\s+(?:and|or)\s+(?=who|how|when|what)", question)
    for position, clause in enumerate(clauses):
        for kind in ANSWER_TYPES:
            relative = kind is ANSWER_TYPES[0] and position > 0 and _describes(clauses[position - 1], clause)
            if kind.asked.search(clause) and not relative:
                return kind
    return None


# 'how many naloxone kits' counts kits: the first plural word within a few words of 'how many', and any it is or-ed with.
_COUNTED = re.compile(r"(?i)\bhow\s+many\s+(?:[\w/-]+\s+){0,3}?([a-z]{3,}s)\b((?:\s+or\s+[a-z]{3,}s\b)*)")
_WORD = re.compile(r"[A-Za-z]+|\d+(?:\.\d+)?")
_RATE = frozenset({"per", "each", "every", "a", "an"})  # '380 mg per injection' measures each one, it does not count them
_COUNT_REACH = 4  # a number counts a thing named within this many words after it ('three 5-mg oxycodone pills')


def counted_words(question: str) -> tuple[str, ...]:
    """The words naming what a how-many question counts, as written ('How many doses or kits ...?' -> ('doses', 'kits'))."""
    match = _COUNTED.search(question)
    if match is None:
        return ()
    return (match.group(1), *re.findall(r"[a-z]+s\b", match.group(2), re.I))


def counted_things(question: str) -> tuple[str, ...]:
    """The things a how-many question counts, as stems ('How many naloxone kits ...?' -> ('kit',)); () for none."""
    return tuple(dict.fromkeys(stem for word in counted_words(question) for stem in tokenize(word)))


def wanted_answer(kind: AnswerType, question: str) -> str:
    """The answer a question wants, for a reply that says it is not given ('a number of kits')."""
    words = counted_words(question) if kind.name == "a number" else ()
    return f"{kind.name} of {' or '.join(words)}" if words else kind.name


def _counts(text: str, thing: str) -> bool:
    """Whether a sentence gives a number of the thing: a number with the thing's word close after it ('4–7 days')."""
    words = _WORD.findall(text)
    for position, word in enumerate(words):
        if word[0].isdigit() or re.fullmatch(_NUMBER_WORDS, word, re.I):
            following = [later.lower() for later in words[position + 1 : position + 1 + _COUNT_REACH]]
            if any(later.startswith(thing) and _RATE.isdisjoint(following[:place]) for place, later in enumerate(following)):
                return True
    return False
