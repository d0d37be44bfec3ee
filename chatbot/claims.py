"""Reading claims in free text: clauses, and what each asserts (direction, strength, certainty, scope)."""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import lru_cache

from chatbot.sentences import sentence_spans

# Phrases that turn a statement against something (each flips the polarity once).
_AGAINST = [
    r"(?:recommend\w*|suggest\w*|advis\w*|argu\w*|decid\w*|guidance|caution\w*|counsel\w*|panel|guidelines?|ASH) against",
    r"against (?:the )?(?:routine|use|using|giving|starting|adding|it|them|this)",
    r"(?<!to )(?<!helps )(?<!help )avoid\w*",
    r"discourag\w*",
    r"omit\w*",
    r"withh[oe]ld\w*",
    r"unnecessary",
    r"contraindicated",
    r"forgo\w*",
    r"refrain\w*",
]
# Negators (each flips the polarity once). "no" only where it negates the action, not a finding ("no bleeding").
_NEGATORS = [
    r"(?<!whether or )not(?! only)",
    r"n't",
    r"never",
    r"no (?:need|routine|role|indication|benefit|reason|longer|place|requirement|evidence)",
    r"none",
    r"neither",
    r"false",
    r"untrue",
]
# Phrases that make a statement about doing something.
_FOR = [
    r"recommend\w*",
    r"suggest\w*",
    r"favou?r\w*",
    r"support\w*",
    r"advis\w*",
    r"endors\w*",
    r"should",
    r"must",
    r"prefer\w*",
    r"use[sd]?",
    r"using",
    r"giv(?:e|en|ing)",
    r"receiv\w*",
    r"start\w*",
    r"add(?:ed|ing)?",
    r"offer\w*",
    r"switch\w*",
    r"consider\w*",
    r"indicated",
    r"need(?:s|ed)?",
    r"required?",
    r"benefit\w*",
    r"standard",
    r"reasonable",
    r"appropriate",
    r"proceed\w*",
    r"undergo\w*",
    r"transplant(?:ed)?",
    r"administer\w*",
    r"treat(?:ed|ing)?",
    r"premedicat\w*",
    r"replac\w*",
]
_INDIVIDUALIZED = [r"individuali[sz]\w*", r"shared decision", r"case[- ]by[- ]case", r"tailor\w*", r"personali[sz]\w*", r"weigh\w*"]
# Qualifiers that limit a statement to part of the population ("only in high-risk", "may be considered").
_SCOPE = [
    r"only (?:in|for|when|if)",
    r"except",
    r"unless",
    r"reserved? for",
    r"selected",
    r"high[- ]risk",
    r"higher[- ]risk",
    r"may (?:be|still be)? ?consider\w*",
    r"can be considered",
    r"some patients",
    r"certain patients",
    r"suboptimal",
    r"in some",
]
_STRONG = [r"recommends", r"(?:we|panel|panels|guidelines?|ASH|they|authors) (?:\w+ )?recommend", r"strong(?:ly)?", r"strong recommendation"]
_CONDITIONAL = [r"suggests?", r"suggested", r"conditional(?:ly)?", r"weak(?:ly)?"]
_CERTAINTY = re.compile(
    r"\b(very[- ]low|high|moderate|low)[- ](?:certainty|quality)\b"
    r"|\bcertainty (?:of (?:the )?evidence )?(?:is|was|rated(?: as)?) (very[- ]low|high|moderate|low)\b",
    re.IGNORECASE,
)
_CLAUSE_BREAK = re.compile(r";|,? but |,? whereas |,? while |,? although |,? however,? ", re.IGNORECASE)
_QUOTE = re.compile(r"[\"“]([^\"“”]{20,}?)[\"”]")
_NUMBER = re.compile(
    r"\b(frontline|front-line|first-line|relapsed(?:/refractory)?|refractory|R/R)?\s*"
    r"(?:guideline'?s?\s+)?recommendation\s*(?:#|no\.?|number)?\s*(\d{1,3})\b",
    re.IGNORECASE,
)
_ITEM_ID = re.compile(r"\b(?:FL|RR)-[a-z0-9]+(?:-[a-z0-9]+)*\b")


@lru_cache(maxsize=1)
def _patterns() -> dict[str, re.Pattern[str]]:
    """Each cue family as one compiled alternation on word boundaries."""

    def alternation(parts: list[str]) -> re.Pattern[str]:
        return re.compile(r"(?<![\w-])(?:" + "|".join(parts) + r")(?![\w-])", re.IGNORECASE)

    return {
        "against": alternation(_AGAINST),
        "negator": alternation(_NEGATORS),
        "for": alternation(_FOR),
        "individualized": alternation(_INDIVIDUALIZED),
        "scope": alternation(_SCOPE),
        "strong": alternation(_STRONG),
        "conditional": alternation(_CONDITIONAL),
    }


@dataclass(frozen=True)
class Clause:
    """One clause of a claim: where it is and what it asserts."""

    start: int
    end: int
    text: str
    direction: str | None  # for | against | individualized | None when it asserts no action
    strength: str | None  # strong | conditional | None
    certainty: str | None  # high | moderate | low | very_low | None
    scoped: bool  # limited to part of the population ("only in high-risk", "may be considered")


@dataclass(frozen=True)
class QuotedText:
    """Text presented in quotation marks, with its span in the checked text."""

    start: int
    end: int
    text: str


@dataclass(frozen=True)
class CitedNumber:
    """A recommendation number cited in the text, with the guideline named beside it (if any)."""

    start: int
    end: int
    guideline: str | None
    number: int


def _direction(text: str) -> str | None:
    """for / against / individualized from the clause's cues; negators and against-words each flip."""
    patterns = _patterns()
    if patterns["individualized"].search(text):
        return "individualized"
    flips = len(patterns["against"].findall(text)) + len(patterns["negator"].findall(text))
    if not flips and not patterns["for"].search(text):
        return None
    return "against" if flips % 2 else "for"


def _strength(text: str) -> str | None:
    """The GRADE strength a clause's wording carries, if any."""
    patterns = _patterns()
    if patterns["conditional"].search(text):
        return "conditional"
    if patterns["strong"].search(text):
        return "strong"
    return None


def _certainty(text: str) -> str | None:
    """The certainty of evidence a clause states, if any."""
    match = _CERTAINTY.search(text)
    if not match:
        return None
    level = (match.group(1) or match.group(2)).lower().replace("-", " ")
    return level.replace(" ", "_")


def read_clauses(text: str) -> list[Clause]:
    """Every clause of every sentence, with what it asserts."""
    clauses: list[Clause] = []
    for sentence_start, sentence_end in sentence_spans(text):
        cuts = [sentence_start]
        for match in _CLAUSE_BREAK.finditer(text, sentence_start, sentence_end):
            cuts += [match.start(), match.end()]
        cuts.append(sentence_end)
        for start, end in zip(cuts[::2], cuts[1::2]):
            piece = text[start:end]
            if piece.strip():
                clauses.append(
                    Clause(start, end, piece, _direction(piece), _strength(piece), _certainty(piece), bool(_patterns()["scope"].search(piece)))
                )
    return clauses


def quoted_texts(text: str) -> list[QuotedText]:
    """Passages in quotation marks long enough to be presented as the guideline's words (6+ words)."""
    return [QuotedText(m.start(1), m.end(1), m.group(1)) for m in _QUOTE.finditer(text) if len(m.group(1).split()) >= 6]


def cited_numbers(text: str) -> list[CitedNumber]:
    """Recommendation numbers cited, e.g. 'frontline recommendation 22'."""
    cited = []
    for match in _NUMBER.finditer(text):
        named = (match.group(1) or "").lower()
        guideline = "frontline" if named.startswith(("front", "first")) else ("relapsed_refractory" if named else None)
        cited.append(CitedNumber(match.start(), match.end(), guideline, int(match.group(2))))
    return cited


def cited_item_ids(text: str) -> list[tuple[int, int, str]]:
    """Item ids written out, e.g. 'FL-cranial-irradiation'."""
    return [(m.start(), m.end(), m.group(0)) for m in _ITEM_ID.finditer(text)]
