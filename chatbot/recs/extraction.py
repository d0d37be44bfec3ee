"""Find recommendation statements (GRADE or CDC graded) in a read Document, as exact slices of its text.

A statement starts at an anchor at the start of a paragraph ("Recommendation 3.", "Rec. 2a", "R4", "Statement 12",
"Good practice statement:", "GPS 1", a numbered item "4.", or a bare section-style number "2.1.1", "3.1.3 (a)"; see
anchors.py) and ends before its label ("(strong recommendation, moderate certainty ...)", "[Conditional recommendation; low
certainty]", "Strength: strong | Certainty: moderate", "Grade: 2C", "(recommendation category: A; evidence type: 3)", or a
sentence of its own: "This is a strong recommendation based on low-certainty evidence."), which may also open the next
paragraph. A section-style number with no grade after it is a heading ("2.1 Risk assessment"), unless a good practice
label follows it; an abridged statement ("We recommend screening …", a summary table's) is none. A labelled anchor's statement with no label of its own (or a numbered one that advises) takes the grade of the summary
table row that names it, and one whose label lacks the strength or the certainty takes what is missing from that row.
An unnumbered statement followed by a good practice label ("[Ungraded good practice statement]") is one too.
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

from chatbot.ingest.readers.pdf_tables import CELL_SEPARATOR
from chatbot.ingest.sentences import sentence_spans
from chatbot.recs.anchors import LEADING_FILLER, Anchor, find_anchors
from chatbot.recs.consensus import NOT_GRADED, attributed_spans
from chatbot.recs.grading import CDC, GRADE, Grade, direction_from_wording, directive_span, find_grades, research_wording
from chatbot.recs.numbering import number_in_order
from chatbot.recs.schema import GOOD_PRACTICE_PART, Certainty, Direction, Kind, Strength
from chatbot.recs.summary_grades import summary_grades
from chatbot.types import Document

__all__ = ["CDC", "GRADE", "ExtractedRecommendation", "extract_recommendations"]

MAX_STATEMENT_CHARS = 3000
_MIN_STATEMENT_WORDS = 3
_MAX_LABEL_LINE = 300

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
    label_word: str = ""  # the publication's word before the number ("Rec.", "Statement", "R"); none for a bare number


@dataclass(frozen=True)
class _Segment:
    """One part of a statement: its char range, its part marker (if any) and its label (if any)."""

    start: int
    end: int
    marker: str | None
    grade: Grade | None


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
    """The range without surrounding whitespace and trailing commas, semicolons or cell separators."""
    while start < end and text[start].isspace():
        start += 1
    while end > start and (text[end - 1].isspace() or text[end - 1] in ",;|"):  # "|": the end of a table cell
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


def _part_names(anchor: Anchor, segments: list[_Segment]) -> list[str | None]:
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


def _classify(statement: str, anchor: Anchor, grade: Grade | None) -> _Verdict:
    """The verdict for one statement from its anchor, its label and its wording."""
    labels = dict(grade.labels) if grade else {}
    if anchor.good_practice or (grade is not None and grade.good_practice):
        labels.setdefault("kind", anchor.wording if anchor.good_practice and anchor.wording else "good practice statement")
        na = Certainty.NOT_APPLICABLE
        return _Verdict(Kind.GOOD_PRACTICE_STATEMENT, direction_from_wording(statement), Strength.NOT_APPLICABLE, na, labels)
    research = research_wording(statement)
    if research is not None:
        labels["research"] = research
        certainty = grade.certainty if grade else Certainty.NOT_APPLICABLE
        return _Verdict(Kind.RESEARCH_ONLY, Direction.RESEARCH_ONLY, Strength.NOT_APPLICABLE, certainty, labels)
    strength, certainty = (grade.strength, grade.certainty) if grade else (Strength.UNKNOWN, Certainty.UNKNOWN)
    direction = (grade.direction if grade else None) or direction_from_wording(statement)
    return _Verdict(Kind.RECOMMENDATION, direction, strength, certainty, labels)


def _item(document: Document, anchor: Anchor, segment: _Segment, part: str | None) -> ExtractedRecommendation | None:
    """The extracted item for one segment, or None when too short to be a statement."""
    start, end = _trim(document.text, segment.start, segment.end)
    statement = document.text[start:end]
    if len(statement.split()) < _MIN_STATEMENT_WORDS or statement.endswith(("…", "...")):
        return None  # too short, or abridged (a summary table's "We recommend screening every adult …")
    verdict = _classify(statement, anchor, segment.grade)
    if anchor.section:
        verdict.labels["number"] = anchor.section
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
        label_word=anchor.wording if anchor.source == "recommendation" else "",
    )


def _label_first(
    document: Document, anchor: Anchor, grade: Grade, stop: int, page_starts: frozenset[int]
) -> ExtractedRecommendation | None:
    """A statement whose label comes first ("Recommendation 7 (good practice statement): ..."): its first sentence."""
    filler = LEADING_FILLER.match(document.text, grade.end)
    body = filler.end() if filler else grade.end
    strict = _paragraph_end(document.text, body, stop, page_starts, cross_pages=True)
    sentences = sentence_spans(document.text, body, strict)
    if not sentences:
        return None
    # the first finished sentence: one cut by a column or page break goes on past it
    end = next((end for _, end in sentences if _ends_sentence(document.text, end)), sentences[0][1])
    return _item(document, anchor, _Segment(body, end, None, grade), anchor.part)


def _grade_after(text: str, end: int, stop: int) -> list[Grade]:
    """The label that opens the paragraph right after a statement ("... disease.\n\n(Strong recommendation, ...)"), if any."""
    start = end + len(text[end:stop]) - len(text[end:stop].lstrip())
    grades = find_grades(text, start, min(stop, start + _MAX_LABEL_LINE))
    return grades[:1] if grades and grades[0].start == start else []


def _candidates(document: Document) -> Iterator[tuple[ExtractedRecommendation, bool]]:
    """Every complete statement occurrence with whether it carries a label, in text order."""
    text = document.text
    page_starts = frozenset(page.start for page in document.pages)
    anchors = find_anchors(text)
    table = summary_grades(text)
    used: set[int] = set()  # the labels anchored statements took
    for index, anchor in enumerate(anchors):
        next_start = anchors[index + 1].start if index + 1 < len(anchors) else len(text)
        stop = min(next_start, anchor.body + MAX_STATEMENT_CHARS)
        loose = _paragraph_end(text, anchor.body, stop, page_starts, cross_pages=True)
        grades = find_grades(text, anchor.body, loose) or _grade_after(text, loose, stop)
        if anchor.continued and not grades:
            continue  # "(b)" in running text that no grade follows: no statement
        used.update(grade.start for grade in grades)
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
        if anchor.source == "numbered" and (anchor.number, anchor.part) not in table:
            continue
        if anchor.source == "section" and not anchor.good_practice:
            continue  # a heading ("2.1 Risk assessment") or a statement with no grade of its own
        strict = _paragraph_end(text, anchor.body, stop, page_starts, cross_pages=False)
        if CELL_SEPARATOR in text[anchor.start : anchor.body]:  # a table row: the statement is the label's next cell
            cell_end = text.find(CELL_SEPARATOR, anchor.body, strict)
            strict = cell_end if cell_end >= 0 else strict
        graded = table.get((anchor.number, anchor.part)) if not anchor.good_practice and anchor.number else None
        if graded is not None or anchor.good_practice or research_wording(text[anchor.body : strict]):
            item = _item(document, anchor, _Segment(anchor.body, strict, None, graded), anchor.part)
            advises = item is not None and (anchor.source != "numbered" or directive_span(item.statement) is not None)
            if item is not None and advises and _ends_sentence(text, item.char_end):
                yield item, graded is not None
    yield from _unanchored_good_practice(document, used)


def _unanchored_good_practice(document: Document, used: set[int]) -> Iterator[tuple[ExtractedRecommendation, bool]]:
    """Unnumbered good practice statements known by the label after them ("... treatment. [Ungraded good practice statement]")."""
    text = document.text
    for grade in find_grades(text):
        end = len(text[: grade.start].rstrip())
        if not grade.good_practice or grade.start in used or not _ends_sentence(text, end):
            continue
        start = text.rfind("\n\n", 0, end) + 1
        anchor = Anchor(start, start, None, None, "good_practice", "")
        item = _item(document, anchor, _Segment(start, end, None, grade), None)
        if item is not None and directive_span(item.statement) is not None:
            yield item, True


def _completed(item: ExtractedRecommendation, table: dict[tuple[int, str | None], Grade]) -> ExtractedRecommendation:
    """A recommendation whose own label lacks its strength or certainty, completed from the summary table row naming it."""
    row = table.get((item.number, item.part))
    if row is None or item.kind != Kind.RECOMMENDATION:
        return item
    strength = row.strength if item.strength == Strength.UNKNOWN else item.strength
    certainty = row.certainty if item.certainty == Certainty.UNKNOWN else item.certainty
    return dataclasses.replace(item, strength=strength, certainty=certainty, labels={**row.labels, **item.labels})


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
    found = sorted(_candidates(document), key=lambda pair: pair[0].char_start)
    items = number_in_order([item for item, _ in found])
    flags = [has_label for _, has_label in found]
    best: dict[tuple[int, str | None], tuple[tuple[int, int], ExtractedRecommendation]] = {}
    for item, has_label in zip(items, flags):
        rank = (0 if has_label else 1, item.char_start)
        key = (item.number, item.part)
        if key not in best or rank < best[key][0]:
            best[key] = (rank, item)
    table = summary_grades(document.text)
    items = sorted((_completed(item, table) for _, item in best.values()), key=lambda item: (item.number, _part_order(item.part)))
    if items or not consensus:
        return items
    text = document.text
    named = any(anchor.source not in ("numbered", "section") for anchor in find_anchors(text))  # a numbered list may be references
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
