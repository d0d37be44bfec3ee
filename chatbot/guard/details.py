"""Details a text attributes to the guideline (doses, durations, thresholds, schedules) and whether the guideline holds them."""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import lru_cache

from chatbot.guard.citations import cited_item_ids
from chatbot.packs.domain import Domain
from chatbot.packs.scan import Scan

# Units a dose, duration, threshold or schedule is given in, each folded to one key.
_UNITS = {
    r"mg/m[2²]|mg/m\^?2|mg per (?:square )?m(?:eter|etre)?2?": "mg/m2",
    r"mg/kg": "mg/kg",
    r"mg/dl": "mg/dl",
    r"g/l": "g/l",
    r"(?:iu|units?)/m[2²]": "iu/m2",
    r"mcg|µg|μg|micrograms?": "mcg",
    r"mg|milligrams?": "mg",
    r"iu|international units": "iu",
    r"mme(?:/d(?:ay)?)?|morphine milligram equivalents?": "mme",
    r"%|percent|per cent": "%",
    r"minutes?|mins?": "minute",
    r"hours?|hrs?|h": "hour",
    r"days?": "day",
    r"weeks?|wks?": "week",
    r"months?": "month",
    r"years?|yrs?": "year",
    r"cycles?|courses?|doses?": "cycle",
}
_NUMBER_WORDS = {"one": "1", "two": "2", "three": "3", "four": "4", "five": "5", "six": "6", "seven": "7", "eight": "8"}
_NUMBER_WORDS |= {"nine": "9", "ten": "10", "twelve": "12", "once": "1", "twice": "2", "thrice": "3"}
_NUMBER = r"(\d+(?:[.,]\d+)*|" + "|".join(_NUMBER_WORDS) + r")"
_UNIT_PATTERNS = tuple((re.compile(pattern), key) for pattern, key in _UNITS.items())  # compiled once
_UNIT = "|".join(f"(?:{u})" for u in _UNITS)
_MEASURE = re.compile(rf"(?<![\w.]){_NUMBER}\s?-?\s?({_UNIT})(?![a-z])", re.IGNORECASE)
# A count of units dispensed ("12 tablets", "8 hydrocodone tablets"): a quantity as much as a dose is.
_DISPENSED = re.compile(rf"(?<![\w.]){_NUMBER}\s(?:[A-Za-z-]+\s)?(?:tablets?|tabs|pills?|capsules?)\b", re.IGNORECASE)
_DISPENSED_WORD = re.compile(r"tab|pill|capsule", re.IGNORECASE)  # a cheap look first
_DAY_NUMBER = re.compile(r"\b(day|week|cycle)\s+(\d{1,3})\b", re.IGNORECASE)  # "on day 29"
_FREQUENCY = re.compile(
    r"\b(?:(once|twice|thrice|\d+ times)\s+)?(daily|weekly|monthly|fortnightly|a day|a week|a month|a year)\b", re.IGNORECASE
)
# Prescription shorthand for "every N hours/days/weeks/months" ("q6h", "q3mo", "q 4 wk"), keyed as the words are.
_EVERY = re.compile(r"\bq\s?(\d{1,3})\s?(h|hrs?|d|wks?|mos?)\b", re.IGNORECASE)
# A schedule in words ("every 6 months", "every other week", "every month"): how often, not how long.
_EVERY_WORDS = re.compile(rf"\bevery\s+(?:(other|{_NUMBER})\s?-?\s?)?(day|week|month|year)s?\b", re.IGNORECASE)
_ONCE_PER = {"day": "daily", "week": "weekly", "month": "monthly", "year": "per year"}  # "every month" is "monthly"
_EVERY_UNITS = {"h": "hour", "hr": "hour", "hrs": "hour", "d": "day", "wk": "week", "wks": "week", "mo": "month", "mos": "month"}
# What makes "a week" a length of time rather than a rate: a preposition or bound of duration just before it ("for at least
# a week", "less than a week"); "within a week" says by when, and stays as it was read.
_LASTING = re.compile(r"\b(?:for|over|than|least|most|about|around|under)\s+$", re.IGNORECASE)
_NAME_BEFORE = re.compile(r"\b[A-Z][a-z]+\s+(?:(?:and|of|&)\s+)?$")  # a capitalised word just before: part of a name
_COMPARATOR = re.compile(r"[<>≤≥]=?\s?" + _NUMBER, re.IGNORECASE)
_SIGN = re.compile(r"[<>≤≥]")  # what a threshold opens with: a cheap look first
_DIGIT = re.compile(r"\d")
_AGE = re.compile(r"\b(?:aged?|ages)\s*$|^\s*(?:years? old|years? of age|-year-old|-?\s*olds?\b)", re.IGNORECASE)
# Generic cues that a sentence reports what a guideline says (its issuer's names come from the pack's domain).
_ATTRIBUTION = [
    r"\b(?:per|according to|in) (?:the )?(?:guidelines?|guidance|panels?|recommendations?)\b",
    *(rf"\b{word}" for word in (r"guidelines?\b", r"guidance\b", r"panels?\b", r"recommend\w*", r"suggest\w*", r"advis\w*", r"specif\w*")),
    *(rf"\b{word}" for word in (r"says?\b", r"said\b", r"states?\b", r"sets?\b", r"caps?\b", r"limits?\b")),
    r"\brec(?:ommendation)?\s*#?\d+\b",
]


@dataclass(frozen=True)
class Detail:
    """A dose, duration, threshold or schedule in the text: where it is and its key (number and unit)."""

    start: int
    end: int
    key: tuple[str, str]


def _number(word: str) -> str:
    """'2,500' -> '2500', 'two' -> '2'."""
    word = word.lower()
    return _NUMBER_WORDS.get(word, word.replace(",", ""))


@lru_cache(maxsize=256)
def _unit(word: str) -> str:
    """The key of a unit as written."""
    lowered = word.lower().replace("²", "2")
    return next((key for pattern, key in _UNIT_PATTERNS if pattern.fullmatch(lowered)), lowered)


def _years_are_age(number: str) -> bool:
    """Whether a count of years reads as an age: more than ten (treatment is not given for decades)."""
    try:
        return float(number) > 10
    except ValueError:
        return True


def details(text: str) -> list[Detail]:
    """Every dose, duration, threshold and schedule in a text (ages left out)."""
    return list(_details(text) if len(text) <= _REMEMBERED else _read_details(text))


_REMEMBERED = 1000  # texts up to this long (a checked text, its clauses) are read once; an index build's passages are not kept


@lru_cache(maxsize=1024)
def _details(text: str) -> tuple[Detail, ...]:
    """details, remembered: a check reads the whole text, then each clause holding a detail twice, and each clause's periods."""
    return _read_details(text)


def _read_details(text: str) -> tuple[Detail, ...]:
    """The details of a text, read afresh."""
    found = []
    rates = set()  # where each measure ends, ages too: a rate's period ("20% a week") follows one
    for m in _MEASURE.finditer(text):
        rates.add(m.end())
        if _AGE.search(text[max(0, m.start() - 6) : m.start()]) or _AGE.search(text[m.end() : m.end() + 12]):
            continue
        key = (_number(m.group(1)), _unit(m.group(2)))
        if key[1] == "year" and _years_are_age(key[0]):
            continue  # "15-39 years", "over 65 years": an age, not how long to treat
        found.append(Detail(m.start(), m.end(), key))
    digits = _DIGIT.search(text) is not None  # a day number and a "q6h" need one
    found += [Detail(m.start(), m.end(), (m.group(2), m.group(1).lower())) for m in _DAY_NUMBER.finditer(text)] if digits else []
    if _DISPENSED_WORD.search(text):
        found += [Detail(m.start(), m.end(), (_number(m.group(1)), "tablet")) for m in _DISPENSED.finditer(text)]
    for m in _FREQUENCY.finditer(text):
        if not m.group(1) and m.group(2).lower() == "a year":
            continue  # "a year ago", "within a year": a time, not how often
        if (
            not m.group(1)
            and m.group(2).lower().startswith("a ")
            and text[: m.start()].rstrip()
            and len(text[: m.start()].rstrip()) in rates
        ):
            continue  # "20% a week": the period of a rate ("20% per week"), kept by the measure, not a schedule of its own
        if m.group(2)[0].isupper() and _NAME_BEFORE.search(text[: m.start()]):
            continue  # "Morbidity and Mortality Weekly Report": a word of a name, not a schedule
        count = _number(m.group(1).split()[0]) if m.group(1) else "1"
        if not m.group(1) and m.group(2).lower().startswith("a ") and _LASTING.search(text[: m.start()]):
            found.append(Detail(m.start(), m.end(), ("1", m.group(2)[2:].lower())))  # "for at least a week": how long, as "1 week"
            continue
        found.append(Detail(m.start(), m.end(), (count, m.group(2).lower().replace("a ", "per "))))
    if _SIGN.search(text):
        found += [Detail(m.start(), m.end(), (_number(m.group(1)), "threshold")) for m in _COMPARATOR.finditer(text)]
    found += (
        [Detail(m.start(), m.end(), _every(m.group(1), _EVERY_UNITS[m.group(2).lower()])) for m in _EVERY.finditer(text)] if digits else []
    )
    if "very" in text:  # "every 6 months": the schedule stands for the period inside it
        for m in _EVERY_WORDS.finditer(text):
            count = "2" if (m.group(1) or "").lower() == "other" else _number(m.group(1) or "1")
            found = [d for d in found if not m.start() <= d.start < m.end()]
            found.append(Detail(m.start(), m.end(), _every(count, m.group(3).lower())))
    return tuple(found)


def _every(count: str, unit: str) -> tuple[str, str]:
    """The key of a schedule "every <count> <unit>", written in words or as shorthand ("q3mo"): once a unit is "monthly"."""
    if unit not in _ONCE_PER:
        return count, unit  # "q6h": every six hours, keyed as hours are
    return ("1", _ONCE_PER[unit]) if count == "1" else (count, f"every {unit}")


def detail_keys(texts: list[str]) -> frozenset[tuple[str, str]]:
    """The keys of every detail the given texts (an item's fields and passages) hold; thresholds also by their bare number."""
    keys = {d.key for text in texts for d in details(text)}
    return frozenset(keys | {(number, "threshold") for number, _ in keys})


def _with_names(cues: list[str], domain: Domain) -> Scan:
    """The cues, and the names of this pack's issuer and parts as whole words, as one alternation searched in one scan."""
    names = [*domain.facts.names, *(p for part in domain.parts.values() for p in part.phrases)]
    extra = "|".join(f"(?:{n})" for n in names)
    named = [rf"(?<![\w-])(?:{extra})(?![\w-])", rf"(?<![\w-])(?:{extra})-[a-z]+ed\b"]  # "ASH", "ASH-endorsed"
    return Scan("", cues + (named if extra else []), "", re.IGNORECASE)


@lru_cache(maxsize=16)
def _attribution(domain: Domain) -> Scan:
    """Generic attribution cues plus the names of this pack's issuer and parts."""
    return _with_names(_ATTRIBUTION, domain)


_CITES = [r"\b(?:per|according to)\b", r"\bguidelines?\b", r"\bpanels?\b", r"\brec(?:ommendation)?s?\s*#?\d+\b"]


@lru_cache(maxsize=16)
def _citing(domain: Domain) -> Scan:
    """Words that name the guideline as a source: its issuer's and parts' names, 'guideline', 'panel', 'per', a recommendation number."""
    return _with_names(_CITES, domain)


# A source denied ("Local add-on, NOT from ASH: we give ..."): what follows is said not to be the guideline's.
_DENIED_SOURCE = re.compile(r"\b(?:not|n[’']t)\s+(?:from|per|by|according to)\s+(?:the\s+)?[\w/-]+(?:['’]s)?", re.IGNORECASE)


@lru_cache(maxsize=2048)  # one check asks about the same sentence once per clause
def cites_guideline(sentence: str, domain: Domain) -> bool:
    """Whether a sentence names the guideline (or its issuer) as a source, beyond advising in its own voice (a source it
    denies, "not from ASH", is none)."""
    return _citing(domain).search(_DENIED_SOURCE.sub(" ", sentence)) is not None


@lru_cache(maxsize=2048)  # one check asks about the same sentence once per clause
def attributed(sentence: str, domain: Domain) -> bool:
    """Whether a sentence presents what it says as the guideline's (not where it denies the source)."""
    return _attribution(domain).search(_DENIED_SOURCE.sub(" ", sentence)) is not None


@lru_cache(maxsize=2048)  # one check asks about the same sentence once per clause
def attribution_removed(text: str, domain: Domain) -> str:
    """The text without its attribution cues and the issuer's names ('CDC 2022 recommends' -> ' 2022 ')."""
    return _attribution(domain).sub(" ", text)


def attributed_detail(sentence: str, domain: Domain) -> bool:
    """Whether a detail at `position` is given as the guideline's: a cue anywhere in its sentence, before it or after it
    ("Premedicate with 100 mg ..., as the guideline specifies"; "600 mg daily is the dose the guideline gives")."""
    return attributed(sentence, domain)


_PRONOUN = re.compile(r"\b(?:it|they|its|their)\b", re.IGNORECASE)  # "It also says ...": the guideline named before


def names_source(sentence: str, before: str, domain: Domain) -> bool:
    """Whether a sentence names the guideline as its source: by name, number or id, or by a pronoun for a guideline an
    earlier sentence named; a cue verb alone ("state law limits ... to 5 days", "our protocol sets ...") reports another's rule."""
    return (
        cites_guideline(sentence, domain)
        or bool(cited_item_ids(sentence, domain))
        or (_PRONOUN.search(sentence) is not None and cites_guideline(before, domain))
    )


def unsupported(found: list[Detail], supported: frozenset[tuple[str, str]]) -> list[Detail]:
    """The details whose key the guideline does not hold (a threshold also counts as held when its number is)."""
    return [d for d in found if d.key not in supported and not (d.key[1] == "threshold" and (d.key[0], "%") in supported)]
