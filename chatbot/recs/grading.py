"""Grading systems: the label parentheses of GRADE and CDC statements, and direction / research wording."""

from __future__ import annotations

import re
from collections.abc import Iterator
from dataclasses import dataclass, field

from chatbot.recs.grade_codes import coded_grades, document_legend
from chatbot.recs.schema import Certainty, Direction, Strength, certainty_level

GRADE = "GRADE"
CDC = "CDC"

_MAX_LABEL = 240
_DASH = r"[\s\-\u2010\u2011\u2013]"  # a space or a hyphen (ASCII, Unicode, non-breaking) or an en dash
# "(strong recommendation, moderate certainty in the evidence of effects ⊕⊕⊕◯)", "(weak recommendation, low-certainty evidence)"
# in parentheses or brackets: "[Conditional recommendation; low certainty of evidence ⊕⊕◯◯]"
_GRADE_LABEL = re.compile(
    r"[(\[]\s*(?P<body>(?:strong|conditional|weak)\s+recommendation\b[^()\[\]]{0,%d}?)\s*[)\]]" % _MAX_LABEL, re.IGNORECASE
)
_GRADE_PARTS = re.compile(
    r"(?P<strength>(?:strong|conditional|weak)\s+recommendation)(?:\s*[,;:]\s*|\s+based\s+on\s+|\s+)?(?P<rest>.*)",
    re.IGNORECASE | re.DOTALL,
)
# A label printed bare after a finished sentence, to the end of its line: "... oxabrine. Conditional recommendation, low certainty of evidence"
_BARE_LABEL = re.compile(
    r"(?:(?<=[.!?][ \t])|(?<=[.!?]\n)|^)(?P<body>(?:strong|conditional|weak)[ \t]+recommendation\b[^.()\[\]\n]{0,120}?)[ \t]*\.?[ \t]*$",
    re.IGNORECASE | re.MULTILINE,
)
# A grade given in a sentence of its own after a finished one: "This is a strong recommendation based on moderate-certainty
# evidence.", "The panel made a conditional recommendation; the certainty of the evidence was rated low." (a certainty is needed)
_GRADE_SENTENCE = re.compile(
    r"(?:(?<=[.!?][ \t])|(?<=[.!?]\n)|^)(?P<body>(?!(?i:strong|conditional|weak)\b)[A-Z][^.!?()\[\]\n]{0,60}?"
    r"\b(?i:strong|conditional|weak)[ \t\n]+(?i:recommendation)\b(?:[^.!?()\[\]\n]|\n(?!\n)){0,160}?)\.(?=\s|$)",
    re.MULTILINE,
)
# "(Good practice statement)", "[Ungraded good practice point]", an ungraded statement: "(Ungraded)", "[Not graded]"
_GOOD_PRACTICE_LABEL = re.compile(
    r"[(\[]\s*(?P<body>(?:ungraded\s+)?(?:good|best)" + _DASH + r"+practice\s+(?:statement|point)"
    r"|ungraded(?:\s+(?:consensus" + _DASH + r"+based\s+)?statement)?|not\s+graded)\s*[)\]]",
    re.IGNORECASE,
)
_STRENGTH_WORDS = re.compile(r"\b(?:strong|conditional|weak)\s+recommendation\b", re.IGNORECASE)
_LEVEL_WORDS = r"(?P<level>very" + _DASH + r"+low|low|moderate|high)"
# "Strength: strong | Certainty: moderate", "Strength of recommendation: Conditional; Quality of evidence: Low"
_KEYED_STRENGTH = re.compile(
    r"\bstrength(?:\s+of\s+(?:the\s+)?recommendation)?\s*[:=]\s*(?P<strength>strong|conditional|weak)\b", re.IGNORECASE
)
_KEYED_CERTAINTY = re.compile(
    r"\b(?:certainty|quality|level)(?:\s+of\s+(?:the\s+)?evidence)?\s*[:=]\s*" + _LEVEL_WORDS + r"\b", re.IGNORECASE
)
_KEYED_GAP = re.compile(r"[ \t]*[|;,./]?[ \t]*")
# "(recommendation category: A; evidence type: 3)"
_CDC_LABEL = re.compile(
    r"\(\s*(?P<body>recommendation\s+category:?\s*(?P<category>[AB])\s*[;,]\s*evidence\s+type:?\s*(?P<type>[1-4]))\s*\)",
    re.IGNORECASE,
)
_LEVEL = r"\b(very" + _DASH + r"+low|low|moderate|high)\b"
_LEVEL_BEFORE = re.compile(_LEVEL + _DASH + r"*(?:certainty|quality)", re.IGNORECASE)
_LEVEL_AFTER = re.compile(r"(?:certainty|quality)\b[^,;]*?" + _LEVEL, re.IGNORECASE)
_SYMBOL_FULL = "⊕⨁"
# A grade in symbols only: one or two arrows (two: strong) then four GRADE circles ("↑↑ ⊕⊕⊕◯", "↓ ⊕⊕◯◯")
_SYMBOL_GRADE = re.compile(r"(?<!\S)(?P<arrows>[↑↓⇑⇓⬆⬇]{1,2})[ \t\n]*(?P<circles>[⊕⨁◯○⊖]{4})(?!\S)")
_DOWN_ARROWS = "↓⇓⬇"
_TRAILING_NON_WORD = re.compile(r"[\W_]+$")
_LEADING_NON_WORD = re.compile(r"^[\W_]+")

_SYMBOL_LEVELS = {4: Certainty.HIGH, 3: Certainty.MODERATE, 2: Certainty.LOW, 1: Certainty.VERY_LOW}
CDC_STRENGTH = {"A": Strength.STRONG, "B": Strength.CONDITIONAL}
CDC_CERTAINTY = {"1": Certainty.HIGH, "2": Certainty.MODERATE, "3": Certainty.LOW, "4": Certainty.VERY_LOW}

# A directive verb phrase; negative alternatives come first so "recommends against" (or "suggests that clinicians not
# prescribe") wins over "recommends".
_DIRECTIVE = re.compile(
    r"\b(?P<neg>(?:recommends?|suggests?|advises?)\s+(?:against|not|no(?!\s+(?:more|less|longer|later|sooner|fewer)\b)"
    r"|that\s+(?:(?!(?:who|which|that|if|when|is|are|was|were|be|do|does|did|can|could|should|will|would|may|might|must|has|have)\b)(?:[\w-]+|\([^()]{1,40}\))\s+){1,6}?(?:(?:do|does|is|are|should|must|will|would|can|may)\s+)?(?:not|never)(?!\s+only\b)(?=\s+(?:be\s+)?\w+))"
    r"|should\s+(?:\w+\s+)?not|must\s+not|should\s+avoid|does\s+not\s+recommend"
    r"|(?:is|are)\s+not\s+(?:recommended|suggested))\b"
    r"|(?:^|(?<=[.;:]\s))(?P<imperative>Do\s+not|Avoid)\b"
    r"|\b(?P<pos>recommends?|suggests?|advises?|should|must|(?:is|are)\s+(?:recommended|suggested))\b",
    re.IGNORECASE,
)
# A negated verb of holding back after a recommending verb or as an imperative ("do not delay X", "we recommend not
# withholding X", "we recommend that X is not stopped abruptly"): the statement is for X, given without the delay, the
# withholding or the stop.
_PRIVATIVE = re.compile(r"\s+(?:be(?:ing)?\s+)?(?:delay|withh[eo]ld|stop|discontinu|interrupt|postpon|defer|omit|ceas)\w*\b", re.IGNORECASE)
_EITHER = re.compile(r"\s+(?:\w+\s+){0,2}?either\b", re.IGNORECASE)
_RESEARCH = re.compile(
    r"\bonly\s+(?:with)?in\s+the\s+(?:context|setting)\s+of\s+(?:a\s+|an\s+)?(?:[\w-]+\s+){0,3}?"
    r"(?:trials?|research|stud(?:y|ies)|protocols?)\b|\bresearch" + _DASH + r"+only\b",
    re.IGNORECASE,
)


@dataclass(frozen=True)
class Grade:
    """A label parenthesis found in the text: where it is, what it grades and its original wording."""

    system: str
    start: int
    end: int
    strength: Strength
    certainty: Certainty
    labels: dict[str, str] = field(default_factory=dict)
    good_practice: bool = False
    direction: Direction | None = None  # when the label itself gives it (arrows up or down); else the wording decides


def _squash(text: str) -> str:
    """Whitespace runs (line and page breaks included) turned into single spaces."""
    return " ".join(text.split())


def _strip_symbols(text: str) -> str:
    """The wording without the leading/trailing symbols (⊕⊕◯◯, dashes, stray punctuation)."""
    return _LEADING_NON_WORD.sub("", _TRAILING_NON_WORD.sub("", text)).strip()


def certainty_from_wording(text: str) -> Certainty:
    """GRADE certainty from words ("very low certainty", "certainty: low") or, failing that, the ⊕ count."""
    match = _LEVEL_BEFORE.search(text) or _LEVEL_AFTER.search(text)
    if match:
        return certainty_level(match.group(1))
    return _SYMBOL_LEVELS.get(sum(text.count(symbol) for symbol in _SYMBOL_FULL), Certainty.UNKNOWN)


def parse_grade_label(body: str) -> tuple[Strength, Certainty, dict[str, str]]:
    """Strength, certainty and original wording from the inside of a GRADE label parenthesis."""
    match = _GRADE_PARTS.match(_squash(body))
    if match is None:
        return Strength.UNKNOWN, Certainty.UNKNOWN, {}
    strength_words = match.group("strength")
    strength = Strength.STRONG if strength_words.lower().startswith("strong") else Strength.CONDITIONAL
    labels = {"strength": strength_words}
    rest = _strip_symbols(match.group("rest"))
    certainty = certainty_from_wording(match.group("rest"))
    if rest:
        labels["certainty"] = rest
    return strength, certainty, labels


def _sentence_grade(body: str) -> tuple[Strength, Certainty, dict[str, str]]:
    """Strength, certainty and wording from a grade sentence ("This is a strong recommendation based on ...")."""
    words = _STRENGTH_WORDS.search(body)
    return parse_grade_label(body[words.start() :]) if words else (Strength.UNKNOWN, Certainty.UNKNOWN, {})


def _grade_labels(text: str, start: int, end: int) -> Iterator[Grade]:
    """GRADE strength/certainty and good practice label parentheses in text[start:end]."""
    for match in _GRADE_LABEL.finditer(text, start, end):
        strength, certainty, labels = parse_grade_label(match.group("body"))
        yield Grade(GRADE, match.start(), match.end(), strength, certainty, labels)
    for match in _BARE_LABEL.finditer(text, start, end):
        strength, certainty, labels = parse_grade_label(match.group("body"))
        if certainty is not Certainty.UNKNOWN:  # "Strong recommendation: most people ..." defines a grade, it labels nothing
            yield Grade(GRADE, match.start(), match.end(), strength, certainty, labels)
    for match in _GRADE_SENTENCE.finditer(text, start, end):
        strength, certainty, labels = _sentence_grade(match.group("body"))
        if certainty is not Certainty.UNKNOWN:  # "A strong recommendation means ..." defines a grade, it labels nothing
            yield Grade(GRADE, match.start(), match.end(), strength, certainty, labels)
    for match in _GOOD_PRACTICE_LABEL.finditer(text, start, end):
        labels = {"kind": _squash(match.group("body"))}
        na = Strength.NOT_APPLICABLE
        yield Grade(GRADE, match.start(), match.end(), na, Certainty.NOT_APPLICABLE, labels, good_practice=True)


def _keyed_labels(text: str, start: int, end: int) -> Iterator[Grade]:
    """Key-value labels: "Strength: strong", with "Certainty: moderate" (or "Quality of evidence: ...") right before or after it."""
    for match in _KEYED_STRENGTH.finditer(text, start, end):
        first, last = match.start(), match.end()
        labels = {"strength": _squash(match.group(0))}
        gap = _KEYED_GAP.match(text, last)
        after = _KEYED_CERTAINTY.match(text, gap.end() if gap else last, end)
        before = next(
            (m for m in _KEYED_CERTAINTY.finditer(text, max(start, first - 80), first) if _KEYED_GAP.fullmatch(text, m.end(), first)), None
        )
        level = after or before
        if level is not None:
            first, last = min(first, level.start()), max(last, level.end())
            labels["certainty"] = _squash(level.group(0))
        certainty = certainty_level(level.group("level")) if level else Certainty.UNKNOWN
        strength = Strength.STRONG if match.group("strength").lower() == "strong" else Strength.CONDITIONAL
        yield Grade(GRADE, first, last, strength, certainty, labels)


def _coded_labels(text: str, start: int, end: int) -> Iterator[Grade]:
    """GRADE's number-letter codes ("Grade: 2C", "[1B]") read with the document's own legend (the usual: 1 strong, A high)."""
    for code in coded_grades(text, start, end, document_legend(text)):
        yield Grade(GRADE, code.start, code.end, code.strength, code.certainty, {"grade": code.wording})


def _symbol_labels(text: str, start: int, end: int) -> Iterator[Grade]:
    """Grades printed as symbols alone: arrows for the strength (two: strong, one: conditional), ⊕ circles for the certainty."""
    for match in _SYMBOL_GRADE.finditer(text, start, end):
        strength = Strength.STRONG if len(match.group("arrows")) == 2 else Strength.CONDITIONAL
        arrows, circles = match.group("arrows"), match.group("circles")
        direction = Direction.AGAINST if arrows[0] in _DOWN_ARROWS else Direction.FOR
        labels = {"strength": arrows, "certainty": circles}
        yield Grade(GRADE, match.start(), match.end(), strength, certainty_from_wording(circles), labels, direction=direction)


def _cdc_labels(text: str, start: int, end: int) -> Iterator[Grade]:
    """CDC "(recommendation category: A; evidence type: 3)" parentheses in text[start:end]."""
    for match in _CDC_LABEL.finditer(text, start, end):
        category, evidence = match.group("category").upper(), match.group("type")
        labels = {"category": category, "evidence_type": evidence}
        yield Grade(CDC, match.start(), match.end(), CDC_STRENGTH[category], CDC_CERTAINTY[evidence], labels)


def find_grades(text: str, start: int = 0, end: int | None = None) -> list[Grade]:
    """Every label parenthesis of a supported grading system in text[start:end], in text order."""
    stop = len(text) if end is None else end
    found = [
        *_grade_labels(text, start, stop),
        *_keyed_labels(text, start, stop),
        *_coded_labels(text, start, stop),
        *_symbol_labels(text, start, stop),
        *_cdc_labels(text, start, stop),
    ]
    return sorted(found, key=lambda grade: grade.start)


def direction_from_wording(statement: str) -> Direction:
    """The first directive decides: "recommends/suggests against/not/no", "should not", "avoid", "do not" -> against (but "do
    not delay X", "we recommend that clinicians do not stop X abruptly" -> for); else for."""
    match = _DIRECTIVE.search(statement)
    if match is None:
        return Direction.FOR
    if match.group("neg") or match.group("imperative"):
        words = match.group(0).lower().split()
        # only a recommending verb or an imperative negating the stop: "recommends against withholding X", "X should not be
        # stopped" keep the publication's "against"
        held_back = words[-1] != "against" and (match.group("imperative") or words[0].startswith(("recommend", "suggest", "advise")))
        return Direction.FOR if held_back and _PRIVATIVE.match(statement, match.end()) else Direction.AGAINST
    if _EITHER.match(statement, match.end()):
        return Direction.INDIVIDUALIZED
    return Direction.FOR


def research_wording(statement: str) -> str | None:
    """The words that make a statement research-only ("only in the context of a clinical trial"), or None."""
    match = _RESEARCH.search(statement)
    return _squash(match.group(0)) if match else None


def directive_span(statement: str) -> tuple[int, int] | None:
    """Where the first directive verb phrase ("recommends against", "should", "suggests") is, or None."""
    match = _DIRECTIVE.search(statement)
    if match is None:
        return None
    end = match.end()
    negated = match.group("neg") or ""
    # "recommends against" keeps "against" out of what it is about; "recommends no X" keeps X.
    if negated and negated.split()[-1].lower() in ("no", "not"):
        end = match.start() + negated.rfind(negated.split()[-1])
    return match.start(), end


def grading_words(systems: set[str]) -> dict[str, object]:
    """domain.yaml's `grading:` and `properties:` for statements graded in a system with its own words (CDC's categories).

    GRADE's words are the engine's own; an empty dict when no other system is used.
    """
    if CDC not in systems:
        return {}
    strength = {s.value: [f"(?:recommendation )?category {c}", rf"cat\.? {c}"] for c, s in CDC_STRENGTH.items()}
    certainty = {c.value: [f"(?:evidence )?type {n}(?! diabetes)", f"type-{n} evidence"] for n, c in CDC_CERTAINTY.items()}
    properties = {"strength": [r"\b(?:recommendation )?category\b", r"\bcat(?:egory)?\.? ?[AB]\b"], "certainty": [r"\bevidence type\b"]}
    return {"grading": {"strength": strength, "certainty": certainty}, "properties": properties}
