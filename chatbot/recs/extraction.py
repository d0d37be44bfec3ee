"""Find recommendation statements (GRADE or CDC graded) in a read Document, as exact slices of its text.

A statement starts at an anchor at the start of a paragraph ("Recommendation 3.", "Recommendation 2a",
"Good practice statement:", or a numbered item "4.") and ends before its label parenthesis
("(strong recommendation, moderate certainty ...)", "(recommendation category: A; evidence type: 3)").
It may run on across page and column breaks, but not past a finished sentence that ends a paragraph
(a page break after a full stop is crossed while looking for the label). Good practice statements and
research-only items may be unlabelled; then the statement ends at the end of its paragraph. Several
labels in one statement, each after a part marker "(i)", "(ii)" or "(a)", "(b)", give one item per part.
Good practice statements introduced by the words "Good practice statement" keep their own numbering
(their number, or their order of appearance when unnumbered) and get part "gps", so that (number, part)
stays unique next to the recommendations. Asked to (`pack init`, and a pack whose items cite it), a document with none
of these (a consensus paper) gives the sentences in which its authors recommend ("The panel recommends ..."),
numbered in order of appearance and not graded.
"""

from __future__ import annotations

import dataclasses
import re
from collections.abc import Iterator
from dataclasses import dataclass, field

from chatbot.ingest.sentences import sentence_spans
from chatbot.recs.consensus import NOT_GRADED, attributed_spans
from chatbot.recs.grading import CDC, GRADE, Grade, direction_from_wording, find_grades, research_wording
from chatbot.recs.schema import Certainty, Direction, Kind, Strength
from chatbot.types import Document

__all__ = ["CDC", "GRADE", "ExtractedRecommendation", "extract_recommendations"]

GOOD_PRACTICE_PART = "gps"
MAX_STATEMENT_CHARS = 3000
_MIN_STATEMENT_WORDS = 3

# After the number: "." or ":", the end of a heading line, or a capital ("Recommendation 3 The panel ...").
_ANCHOR_TAIL = r"(?:[ \t]*[.:]|[ \t]*$|[ \t]+(?=[A-Z(]))"
_RECOMMENDATION_ANCHOR = re.compile(r"^(?i:recommendation)[ \t]+(?P<number>\d{1,3})(?P<part>[a-z])?(?![\w-])" + _ANCHOR_TAIL, re.MULTILINE)
_GOOD_PRACTICE_ANCHOR = re.compile(
    r"^(?P<wording>(?i:good[ \t\-\u2010\u2011]+practice[ \t]+statement))"
    r"(?:[ \t]+(?P<number>\d{1,3})(?P<part>[a-z])?(?![\w-]))?" + _ANCHOR_TAIL,
    re.MULTILINE,
)
_NUMBERED_ANCHOR = re.compile(r"^(?P<number>\d{1,3})(?P<part>[a-z])?[.)][ \t]+(?=\S)", re.MULTILINE)
# Within a line: "... (label). Recommendation 6b: ..." or "... finished. Recommendation 2. The panel ..." after a finished
# sentence (a boxed statement the reader ran on from the paragraph before it), or "Heading Recommendation 7 (label):".
_INLINE_ANCHOR = re.compile(
    r"(?:(?<=[.)][ \t])|(?<=[.)][ \t]{2})|(?<=\w[ \t])(?=Recommendation[ \t]+\d{1,3}[a-z]?[ \t]*\([^()\n]{3,80}\)[ \t]*:))"
    r"(?i:recommendation)[ \t]+(?P<number>\d{1,3})(?P<part>[a-z])?(?![\w-])"
    r"(?=[ \t]*(?:\([^()\n]{3,80}\)[ \t]*)?:|\.[ \t]+[A-Z])"
)
_ANCHOR_PATTERNS = (
    ("recommendation", _RECOMMENDATION_ANCHOR),
    ("recommendation", _INLINE_ANCHOR),
    ("good_practice", _GOOD_PRACTICE_ANCHOR),
    ("numbered", _NUMBERED_ANCHOR),
)
_LEADING_FILLER = re.compile(r"[\s.:;–—-]*")
_PARAGRAPH_BREAK = re.compile(r"\n+")
_SENTENCE_END = re.compile(r"[.?!][\"'”’)\]]*$")
_PART_MARKER = re.compile(r"(?:(?<=\s)|(?<=^))\((?P<marker>viii|vii|vi|iv|ix|v|x|i{1,3}|[a-h])\)\s+")
_ROMAN = ("i", "ii", "iii", "iv", "v", "vi", "vii", "viii", "ix", "x")


@dataclass(frozen=True)
class ExtractedRecommendation:
    """One graded statement found in a document; statement == document.text[char_start:char_end]."""

    number: int
    part: str | None
    statement: str
    page: int | None
    char_start: int
    char_end: int
    kind: Kind
    direction: Direction
    strength: Strength
    certainty: Certainty
    labels: dict[str, str] = field(default_factory=dict)
    grading_system: str = GRADE


@dataclass(frozen=True)
class _Anchor:
    """Where a numbered statement begins: the anchor's start, the statement text's start and its numbering."""

    start: int
    body: int
    number: int | None
    part: str | None
    source: str  # "recommendation" | "good_practice" | "numbered"
    wording: str


@dataclass(frozen=True)
class _Segment:
    """One part of a statement: its char range, its part marker (if any) and its label (if any)."""

    start: int
    end: int
    marker: str | None
    grade: Grade | None


def _anchors(text: str) -> list[_Anchor]:
    """Every statement anchor at the start of a paragraph, in text order."""
    found: list[_Anchor] = []
    for source, pattern in _ANCHOR_PATTERNS:
        for match in pattern.finditer(text):
            number, part = match.group("number"), match.group("part")
            filler = _LEADING_FILLER.match(text, match.end())
            body = filler.end() if filler else match.end()
            wording = " ".join(match.group("wording").split()) if source == "good_practice" else ""
            number_value = int(number) if number else None
            found.append(_Anchor(match.start(), body, number_value, part.lower() if part else None, source, wording))
    unique = {anchor.start: anchor for anchor in sorted(found, key=lambda anchor: anchor.start, reverse=True)}
    return sorted(unique.values(), key=lambda anchor: anchor.start)


def _ends_sentence(text: str, offset: int) -> bool:
    """Whether the text just before `offset` ends a sentence."""
    return bool(_SENTENCE_END.search(text[max(offset - 4, 0) : offset]))


def _paragraph_end(text: str, start: int, stop: int, page_starts: frozenset[int], *, cross_pages: bool) -> int:
    """The end of the logical paragraph from `start`: the first break after a finished sentence (or `stop`)."""
    for match in _PARAGRAPH_BREAK.finditer(text, start, stop):
        if not _ends_sentence(text, match.start()):
            continue
        if cross_pages and match.end() in page_starts:
            continue
        return match.start()
    return stop


def _trim(text: str, start: int, end: int) -> tuple[int, int]:
    """The range without surrounding whitespace and trailing commas or semicolons."""
    while start < end and text[start].isspace():
        start += 1
    while end > start and (text[end - 1].isspace() or text[end - 1] in ",;"):
        end -= 1
    return start, end


def _segments(text: str, body: int, grades: list[Grade]) -> list[_Segment]:
    """The labelled parts of a statement: the first label, then each further label preceded by a part marker."""
    segments: list[_Segment] = []
    start = body
    for index, grade in enumerate(grades):
        marker = _PART_MARKER.search(text, start, grade.start)
        if index > 0 and marker is None:
            break
        segment_start = start
        if marker is not None and (index > 0 or not text[start : marker.start()].strip()):
            segment_start = marker.end()
        segments.append(_Segment(segment_start, grade.start, marker.group("marker") if marker else None, grade))
        start = grade.end
    return segments


def _part_names(anchor: _Anchor, segments: list[_Segment]) -> list[str | None]:
    """Each segment's part: the anchor's letter for a single segment, else the markers ("i", "ii" or "a", "b")."""
    if len(segments) == 1:
        return [anchor.part]
    markers = [segment.marker for segment in segments]
    if markers[0] is None:
        markers[0] = "i" if markers[1] in _ROMAN else "a"
    return [f"{anchor.part or ''}{marker}" for marker in markers]


@dataclass(frozen=True)
class _Verdict:
    """What one statement is: kind, direction, strength, certainty and the original label wording."""

    kind: Kind
    direction: Direction
    strength: Strength
    certainty: Certainty
    labels: dict[str, str]


def _classify(statement: str, anchor: _Anchor, grade: Grade | None) -> _Verdict:
    """The verdict for one statement from its anchor, its label and its wording."""
    labels = dict(grade.labels) if grade else {}
    if anchor.source == "good_practice" or (grade is not None and grade.good_practice):
        labels.setdefault("kind", anchor.wording or "good practice statement")
        na = Certainty.NOT_APPLICABLE
        return _Verdict(Kind.GOOD_PRACTICE_STATEMENT, direction_from_wording(statement), Strength.NOT_APPLICABLE, na, labels)
    research = research_wording(statement)
    if research is not None:
        labels["research"] = research
        certainty = grade.certainty if grade else Certainty.NOT_APPLICABLE
        return _Verdict(Kind.RESEARCH_ONLY, Direction.RESEARCH_ONLY, Strength.NOT_APPLICABLE, certainty, labels)
    strength = grade.strength if grade else Strength.UNKNOWN
    certainty = grade.certainty if grade else Certainty.UNKNOWN
    return _Verdict(Kind.RECOMMENDATION, direction_from_wording(statement), strength, certainty, labels)


def _item(document: Document, anchor: _Anchor, segment: _Segment, part: str | None) -> ExtractedRecommendation | None:
    """The extracted item for one segment, or None when too short to be a statement."""
    start, end = _trim(document.text, segment.start, segment.end)
    statement = document.text[start:end]
    if len(statement.split()) < _MIN_STATEMENT_WORDS:
        return None
    verdict = _classify(statement, anchor, segment.grade)
    if anchor.source == "good_practice":
        part = f"{GOOD_PRACTICE_PART}{part or ''}"
    return ExtractedRecommendation(
        number=anchor.number or 0,
        part=part,
        statement=statement,
        page=document.page_at(start),
        char_start=start,
        char_end=end,
        kind=verdict.kind,
        direction=verdict.direction,
        strength=verdict.strength,
        certainty=verdict.certainty,
        labels=verdict.labels,
        grading_system=segment.grade.system if segment.grade else GRADE,
    )


def _label_first(
    document: Document, anchor: _Anchor, grade: Grade, stop: int, page_starts: frozenset[int]
) -> ExtractedRecommendation | None:
    """A statement whose label comes first ("Recommendation 7 (good practice statement): ..."): its first sentence."""
    filler = _LEADING_FILLER.match(document.text, grade.end)
    body = filler.end() if filler else grade.end
    strict = _paragraph_end(document.text, body, stop, page_starts, cross_pages=True)
    sentences = sentence_spans(document.text, body, strict)
    if not sentences:
        return None
    return _item(document, anchor, _Segment(body, sentences[0][1], None, grade), anchor.part)


def _candidates(document: Document) -> Iterator[tuple[ExtractedRecommendation, bool]]:
    """Every complete statement occurrence with whether it carries a label, in text order."""
    text = document.text
    page_starts = frozenset(page.start for page in document.pages)
    anchors = _anchors(text)
    for index, anchor in enumerate(anchors):
        next_start = anchors[index + 1].start if index + 1 < len(anchors) else len(text)
        stop = min(next_start, anchor.body + MAX_STATEMENT_CHARS)
        loose = _paragraph_end(text, anchor.body, stop, page_starts, cross_pages=True)
        grades = find_grades(text, anchor.body, loose)
        if grades and not text[anchor.body : grades[0].start].strip():
            item = _label_first(document, anchor, grades[0], stop, page_starts)
            if item is not None:
                yield item, True
            continue
        if grades:
            segments = _segments(text, anchor.body, grades)
            for segment, part in zip(segments, _part_names(anchor, segments)):
                item = _item(document, anchor, segment, part)
                if item is not None:
                    yield item, True
            continue
        if anchor.source == "numbered":
            continue
        strict = _paragraph_end(text, anchor.body, stop, page_starts, cross_pages=False)
        if anchor.source == "good_practice" or research_wording(text[anchor.body : strict]):
            item = _item(document, anchor, _Segment(anchor.body, strict, None, None), anchor.part)
            if item is not None and _ends_sentence(text, item.char_end):
                yield item, False


def _number_good_practice(items: list[ExtractedRecommendation]) -> list[ExtractedRecommendation]:
    """Unnumbered good practice statements numbered by order of first appearance of their wording."""
    order: dict[str, int] = {}
    numbered: list[ExtractedRecommendation] = []
    for item in items:
        if item.number == 0 and item.kind == Kind.GOOD_PRACTICE_STATEMENT:
            key = " ".join(item.statement.lower().split())
            order.setdefault(key, len(order) + 1)
            item = dataclasses.replace(item, number=order[key])
        numbered.append(item)
    return numbered


def _part_order(part: str | None) -> tuple[int, int, str]:
    """Sort key for a part: none first, then roman numerals or letters by value, then anything else."""
    if part is None:
        return (0, 0, "")
    if part in _ROMAN:
        return (1, _ROMAN.index(part) + 1, part)
    if len(part) == 1 and part.isalpha():
        return (1, ord(part) - ord("a") + 1, part)
    return (2, 0, part)


def extract_recommendations(document: Document, consensus: bool = False) -> list[ExtractedRecommendation]:
    """The document's recommendations, one per (number, part): the first labelled occurrence, else the first one.

    With `consensus`, a document with no numbered or graded statement gives the sentences in which its authors advise.
    """
    found = list(_candidates(document))
    items = _number_good_practice([item for item, _ in found])
    flags = [has_label for _, has_label in found]
    best: dict[tuple[int, str | None], tuple[tuple[int, int], ExtractedRecommendation]] = {}
    for item, has_label in zip(items, flags):
        rank = (0 if has_label else 1, item.char_start)
        key = (item.number, item.part)
        if key not in best or rank < best[key][0]:
            best[key] = (rank, item)
    items = sorted((item for _, item in best.values()), key=lambda item: (item.number, _part_order(item.part)))
    if items or not consensus:
        return items
    text = document.text
    named = any(anchor.source != "numbered" for anchor in _anchors(text))  # a numbered list may be references
    if named or find_grades(text, 0, len(text)):
        return items  # anchors or grade labels but no statement read: not a consensus paper
    return _attributed(document)


def _attributed(document: Document) -> list[ExtractedRecommendation]:
    """A document with no numbered statement: the sentences in which its authors recommend, numbered in order, not graded."""
    items: list[ExtractedRecommendation] = []
    for start, end in attributed_spans(document.text):
        statement = document.text[start:end]
        research = research_wording(statement)
        kind, direction = (
            (Kind.RESEARCH_ONLY, Direction.RESEARCH_ONLY) if research else (Kind.RECOMMENDATION, direction_from_wording(statement))
        )
        strength = Strength.NOT_APPLICABLE if research else Strength.UNKNOWN
        page = document.page_at(start)
        labels = {"grade": NOT_GRADED, **({"research": research} if research else {})}
        items.append(
            ExtractedRecommendation(
                len(items) + 1, None, statement, page, start, end, kind, direction, strength, Certainty.UNKNOWN, labels, NOT_GRADED
            )
        )
    return items
