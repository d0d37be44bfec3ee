"""Where numbered statements begin: "Recommendation 3.", "Rec. 7a", "R4", "Statement 12", "Good practice statement:", "GPS 2", "4."."""

from __future__ import annotations

import dataclasses
import re
from dataclasses import dataclass

from chatbot.ingest.labels import LABEL_WORD

# After the number: "." or ":", the end of a heading line, a capital ("Recommendation 3 The panel ..."), a bracket ("R4 [1B] We ...")
# or a table cell's end.
_ANCHOR_TAIL = r"(?:[ \t]*[.:]|[ \t]*$|[ \t]+(?=[A-Z([])|(?=[ \t]\|[ \t]))"
# A section-style number's further levels: "Recommendation 1.1.2", "Practice Point 3.2.1"
_SECTION = r"(?P<section>(?:\.\d{1,3}){1,3}(?!\.?\d))?"
_RECOMMENDATION_ANCHOR = re.compile(
    r"^(?P<label>" + LABEL_WORD + r")(?P<number>\d{1,3})" + _SECTION + r"(?P<part>[a-z])?(?![\w-])" + _ANCHOR_TAIL, re.MULTILINE
)
_GOOD_PRACTICE_ANCHOR = re.compile(
    r"^(?P<wording>(?i:(?:ungraded[ \t]+)?(?:good|best)[ \t\-\u2010\u2011]+practice[ \t]+(?:statement|point)|practice[ \t]+point"
    r"|ungraded(?:[ \t]+(?:consensus[ \t\-\u2010\u2011]+based[ \t]+)?statement)?)|GPS|GPP)"
    r"(?:[ \t]+(?:(?P<number>\d{1,3})" + _SECTION + r"(?P<part>[a-z])?(?![\w-])|(?P<letter>[A-Z])(?=[ \t]*[.:])))?" + _ANCHOR_TAIL,
    re.MULTILINE,
)
# A grade code opening the statement after its number: "13a [1B] We recommend ...", "4 (2C) In adults ...", "5 1A For ..."
_CODE_FIRST = r"(?:[(\[][ \t]*(?i:grade[ \t]*)?[1-4][A-E][ \t]*[)\]]|[1-4][A-E])[ \t]+[A-Z]"
# "4. ...", "4) ...", or a bare label cell "7a For adults ..." (a number then a capital; a numbered item needs a grade label)
_NUMBERED_ANCHOR = re.compile(
    r"^(?P<number>\d{1,3})(?P<part>[a-z])?(?:[.)][ \t]+(?=\S)|[ \t]+(?=[A-Z][a-z])|[ \t]+(?=" + _CODE_FIRST + r"))", re.MULTILINE
)
# A bare section-style number opening a paragraph: "2.1.1 We recommend ...", "3.1.3 (a) We suggest ...", "3.1.3(a) ...", perhaps
# with a good practice label after it ("2.1.3 Good practice statement: ..."). A heading numbered the same way ("2.1 Risk
# assessment") is an anchor too, but gives no statement: it carries no grade. It may run on after a finished sentence (a
# statement at the top of a column that the reader joined to the paragraph before it).
_SECTION_ANCHOR = re.compile(
    r"(?:^|(?<=[.)][ \t]))(?P<number>\d{1,2})(?P<section>(?:\.\d{1,3}){1,3})(?:[ \t]*\((?P<part>[a-h])\))?\.?[ \t]+"
    r"(?:(?P<wording>(?i:good[ \t\-\u2010\u2011]+practice[ \t]+statement))(?=[ \t]*:)|(?=[A-Z(]))",
    re.MULTILINE,
)
# "... at onset. 13b [2C] We suggest ...": a numbered statement with its code first, run on after a finished sentence.
_INLINE_CODED_ANCHOR = re.compile(r"(?<=[.)][ \t])(?P<number>\d{1,3})(?P<part>[a-z])?[ \t]+(?=" + _CODE_FIRST + r")")
# Within a line: "... (label). Recommendation 6b: ..." or "... finished. Recommendation 2. The panel ..." after a finished
# sentence (a boxed statement the reader ran on from the paragraph before it), or "Heading Recommendation 7 (label):".
_INLINE_ANCHOR = re.compile(
    r"(?:(?<=[.)][ \t])|(?<=[.)][ \t]{2})|(?<=\w[ \t])(?=Recommendation[ \t]+\d{1,3}[a-z]?[ \t]*\([^()\n]{3,80}\)[ \t]*:))"
    r"(?P<label>(?i:recommendation))[ \t]+(?P<number>\d{1,3})(?P<part>[a-z])?(?![\w-])"
    r"(?=[ \t]*(?:\([^()\n]{3,80}\)[ \t]*)?:|\.[ \t]+[A-Z])"
)
# "... evidence ⊕⊕○○] Rec. 2 Where CT ...": any label form right after the bracketed grade that closes the statement before
# it (boxed statements the reader ran into one paragraph).
_AFTER_GRADE_ANCHOR = re.compile(
    r"(?<=\][ \t])(?P<label>" + LABEL_WORD + r")(?P<number>\d{1,3})(?P<part>[a-z])?(?![\w-])(?=[ \t]*[.:]?[ \t]+[A-Z])"
)
# "... finished. Good practice statement 1. Adults with ..." (a boxed good practice statement run on from the paragraph before it).
_INLINE_GOOD_PRACTICE_ANCHOR = re.compile(
    r"(?:(?<=[.)][ \t])|(?<=[.)][ \t]{2}))(?P<wording>(?i:good[ \t\-\u2010\u2011]+practice[ \t]+statement))"
    r"[ \t]+(?P<number>\d{1,3})(?P<part>[a-z])?(?![\w-])(?=[ \t]*:|\.[ \t]+[A-Z])"
)
_ANCHOR_PATTERNS = (
    ("recommendation", _RECOMMENDATION_ANCHOR),
    ("recommendation", _INLINE_ANCHOR),
    ("recommendation", _AFTER_GRADE_ANCHOR),
    ("good_practice", _GOOD_PRACTICE_ANCHOR),
    ("good_practice", _INLINE_GOOD_PRACTICE_ANCHOR),
    ("numbered", _NUMBERED_ANCHOR),
    ("numbered", _INLINE_CODED_ANCHOR),
    ("section", _SECTION_ANCHOR),
)
# A paragraph opening with a bare part letter, "(b) Drug X should not be used ...": the next part of the statement before it,
# whose number was printed once ("3.1.3 (a) We suggest ...", "7a ..."); see continued_parts.
_CONTINUED_PART_ANCHOR = re.compile(r"^\((?P<part>[a-h])\)[ \t]+(?=[A-Z])", re.MULTILINE)
LEADING_FILLER = re.compile(r"[\s.:;|–—-]*")
# A table row's first cell naming a statement: "Statement 3", "Rec. 7a", "R4", "12", "2b."
_LABEL_CELL = re.compile(r"^(?:" + LABEL_WORD + r")?(?P<number>\d{1,3})(?P<part>[a-z])?\.?$")


@dataclass(frozen=True)
class Anchor:
    """Where a numbered statement begins: the anchor's start, the statement text's start and its numbering."""

    start: int
    body: int
    number: int | None
    part: str | None
    source: str  # "recommendation" | "good_practice" | "numbered" | "section" (a bare section-style number: "2.1.1")
    wording: str  # the label's words before the number ("Rec.", "Statement", "GPS"), or a section number's good practice label
    section: str = ""  # the whole number as printed when it has section levels ("1.1.2"); none otherwise
    continued: bool = False  # a bare part letter "(b)" taking the number of the part before it; a statement only with a grade

    @property
    def good_practice(self) -> bool:
        """Whether the anchor itself says its statement is good practice ("GPS 2", "2.1.3 Good practice statement: ...")."""
        return self.source == "good_practice" or (self.source == "section" and bool(self.wording))


def find_anchors(text: str) -> list[Anchor]:
    """Every statement anchor at the start of a paragraph, in text order."""
    found: list[Anchor] = []
    for source, pattern in _ANCHOR_PATTERNS:
        for match in pattern.finditer(text):
            number, part = match.group("number"), match.group("part")
            filler = LEADING_FILLER.match(text, match.end())
            body = filler.end() if filler else match.end()
            words = "" if source == "numbered" else match.group("wording" if source in ("good_practice", "section") else "label")
            wording = " ".join((words or "").split())
            letter = match.groupdict().get("letter")  # "Good practice statement A:" counts A, B, C as 1, 2, 3
            number_value = int(number) if number else ord(letter) - ord("A") + 1 if letter else None
            section = f"{number}{match.group('section')}" if match.groupdict().get("section") else ""
            found.append(Anchor(match.start(), body, number_value, part.lower() if part else None, source, wording, section))
    unique = {anchor.start: anchor for anchor in sorted(found, key=lambda anchor: anchor.start, reverse=True)}
    return continued_parts(text, sorted(unique.values(), key=lambda anchor: anchor.start))


def continued_parts(text: str, anchors: list[Anchor]) -> list[Anchor]:
    """The anchors with each "(b)" paragraph that follows part "a" of a numbered statement (then "(c)" after it, ...)."""
    letters = {match.start(): match for match in _CONTINUED_PART_ANCHOR.finditer(text)}
    by_start = {anchor.start: anchor for anchor in anchors}
    merged: list[Anchor] = []
    for start in sorted({*letters, *by_start}):
        if start in by_start:
            merged.append(by_start[start])
            continue
        match = letters[start]
        before = merged[-1] if merged else None
        part = match.group("part")
        if before is None or before.number is None or not before.part or ord(part) != ord(before.part[-1]) + 1:
            continue
        body = LEADING_FILLER.match(text, match.end())
        end = body.end() if body else match.end()
        merged.append(dataclasses.replace(before, start=start, body=end, part=part, continued=True))
    return merged


def label_cell_number(cell: str) -> tuple[int, str | None] | None:
    """The (number, part) a table cell names when it is only a statement label ("Statement 3", "Rec. 7a"), else None."""
    match = _LABEL_CELL.match(" ".join(cell.split()))
    return (int(match.group("number")), match.group("part")) if match else None
