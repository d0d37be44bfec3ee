"""Statements cited by number or id: 'Rec. 7b', 'Statement 4', 'first-line recommendation 22', 'FL-cranial-irradiation'."""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import lru_cache

from chatbot.packs.domain import Domain
from chatbot.recs.schema import Recommendation

_DIGIT = re.compile(r"\d")
# The label words every pack understands; a pack adds the words its publication puts before its numbers (domain.yaml).
_BUILT_IN_WORDS = r"recommendation|rec\b\.?|(?-i:R)(?=\d)"


@dataclass(frozen=True)
class CitedNumber:
    """A recommendation number cited in the text, with its letter part ('7b') and the guideline named beside it (if any)."""

    start: int
    end: int
    guideline: str | None
    number: int
    letter: str | None = None
    printed: str | None = None  # a section-style number as written ("4.2.1"); `number` is then its first component

    def names(self, rec: Recommendation, any_part: bool = False) -> bool:
        """Whether this citation names the item: by its section-style number as printed when both have one, else by its number,
        and by its letter part if cited (unless `any_part`), in the guideline named beside it (none named: any)."""
        printed = dict(rec.labels).get("number") if self.printed else None
        same = self.printed == printed if printed and "." in printed else self.number == rec.number
        return same and self.guideline in (None, rec.guideline) and (any_part or self.letter in (None, rec.part))


def _label_words(domain: Domain) -> str:
    """The words that label a statement's number: the built-in ones and the publication's own (each part's citation words)."""
    own = sorted({word for part in domain.parts.values() for word in part.citation_words}, key=len, reverse=True)
    extra = [rf"(?-i:{re.escape(w)})(?=\d)" if len(w) == 1 else rf"{re.escape(w.rstrip('.'))}\b\.?" for w in own]
    return "|".join([_BUILT_IN_WORDS, *extra])


@lru_cache(maxsize=16)
def _citation_patterns(domain: Domain) -> tuple[re.Pattern[str], re.Pattern[str] | None]:
    """A pattern for recommendation numbers cited with an optional part name, and one for item ids, from the domain's parts."""
    words = [p for part in domain.parts.values() for p in part.phrases]
    part = f"({'|'.join(words)})" if words else "()"
    number = re.compile(
        rf"\b{part}?\s*(?:guideline'?s?\s+)?(?:{_label_words(domain)})\s*(?:#|no\.?|number)?\s*(\d{{1,3}}(?:\.\d{{1,3}})*)((?-i:[a-z]))?\b"
        rf"(?:\s+(?:of|in|from)\s+the\s+{part})?"
        rf"|\b{part}?\s*(?:guideline'?s?\s+)?(\d{{1,3}})(?:st|nd|rd|th)\s+recommendation\b",
        re.IGNORECASE,
    )
    prefixes = sorted({p.id_prefix for p in domain.parts.values() if p.id_prefix})
    item_id = re.compile(rf"\b(?:{'|'.join(prefixes)})-[a-z0-9]+(?:-[a-z0-9]+)*\b") if prefixes else None
    return number, item_id


@lru_cache(maxsize=16)
def _labelled(domain: Domain) -> re.Pattern[str]:
    """The label words alone: every citation by number holds one ("recommendation" in "3rd recommendation" too), a cheap look first."""
    return re.compile(_label_words(domain), re.IGNORECASE)


def _part_named(word: str, domain: Domain) -> str | None:
    """The part whose phrases name `word` ('first-line' -> the part 'first_line'), or None."""
    return next(
        (part_id for part_id, part in domain.parts.items() if any(re.fullmatch(p, word, re.IGNORECASE) for p in part.phrases)), None
    )


def cited_numbers(text: str, domain: Domain) -> list[CitedNumber]:
    """Recommendation numbers cited, e.g. 'first-line recommendation 22' or 'Rec. 7b', with the part and letter they name."""
    cited: list[CitedNumber] = []
    if not _DIGIT.search(text) or not _labelled(domain).search(text):
        return cited  # every citation has a number and a label word
    for match in _citation_patterns(domain)[0].finditer(text):
        before, number, letter, after, ordinal_before, ordinal = match.groups()
        named = before or after or ordinal_before or ""
        guideline = _part_named(named, domain) if named else None
        written = number or ordinal
        printed = written if "." in written else None  # "4.2.1a": a section-style number
        first = int(written.split(".")[0])
        cited.append(CitedNumber(match.start(), match.end(), guideline, first, letter.lower() if letter else None, printed))
    return cited


def cited_item_ids(text: str, domain: Domain) -> list[tuple[int, int, str]]:
    """Item ids written out with one of the domain's id prefixes, e.g. 'FL-cranial-irradiation'."""
    return list(_cited_item_ids(text, domain)) if "-" in text else []  # every id holds a hyphen


@lru_cache(maxsize=1024)
def _cited_item_ids(text: str, domain: Domain) -> tuple[tuple[int, int, str], ...]:
    """cited_item_ids, remembered: a check asks it of the same clause for placeholders, citations and details."""
    pattern = _citation_patterns(domain)[1]
    return tuple((m.start(), m.end(), m.group(0)) for m in pattern.finditer(text)) if pattern else ()
