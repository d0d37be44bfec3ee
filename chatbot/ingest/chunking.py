"""Document -> [Passage]: section- and sentence-aware passages with char and page spans."""

from __future__ import annotations

import re
from collections.abc import Callable
from dataclasses import dataclass

from chatbot.config import Settings
from chatbot.ingest.key_questions import introduced, is_key_question
from chatbot.ingest.labels import label_start
from chatbot.ingest.sentences import sentence_spans
from chatbot.ingest.statement_spans import StatementSpan
from chatbot.ingest.table_rows import is_table_row, row_links
from chatbot.types import Document, Passage, Section

MIN_SENTENCE_WORDS = 5
_NUMBERED_HEADING = re.compile(
    r"^\s*(?:recommendation|statement|good practice statement)\s+\d{1,3}[a-z]?\W*$", re.IGNORECASE
)  # shorter pieces are headings or fragments, never quoted on their own

# Given a section path and a passage's text, the recommendation it states (or None).
RecommendationLinker = Callable[[tuple[str, ...], str], str | None]


@dataclass(frozen=True)
class _Segment:
    """A run of text that belongs to exactly one (innermost) section."""

    path: tuple[str, ...]
    start: int
    end: int


def _segments(document: Document) -> list[_Segment]:
    """Cut the canonical text at every section boundary; each piece keeps its innermost section."""
    cuts = sorted({0, len(document.text)} | {s.start for s in document.sections} | {s.end for s in document.sections})
    segments: list[_Segment] = []
    for start, end in zip(cuts, cuts[1:]):
        section = document.section_at(start)
        segments.append(_Segment(section.path if section else (), start, end))
    return [segment for segment in segments if document.text[segment.start : segment.end].strip()]


def _starts_statement(span: tuple[int, int], breaks: tuple[int, ...]) -> bool:
    """Whether a statement begins inside this sentence span."""
    return any(span[0] <= point < span[1] for point in breaks)


def _ends_statement(span: tuple[int, int], ends: tuple[int, ...]) -> bool:
    """Whether a statement ends inside this sentence span."""
    return any(span[0] < point <= span[1] for point in ends)


def _pack(
    spans: list[tuple[int, int]], max_chars: int, min_chars: int, breaks: tuple[int, ...] = (), ends: tuple[int, ...] = ()
) -> list[tuple[int, int]]:
    """Group consecutive sentence spans into passages of at most max_chars; a statement start opens a new one, its end closes it."""
    groups: list[list[tuple[int, int]]] = []
    for span in spans:
        opens = _starts_statement(span, breaks) or (groups and _ends_statement(groups[-1][-1], ends))
        if groups and span[1] - groups[-1][0][0] <= max_chars and not opens:
            groups[-1].append(span)
        else:
            groups.append([span])
    packed = [(group[0][0], group[-1][1]) for group in groups]
    if len(packed) > 1 and packed[-1][1] - packed[-1][0] < min_chars and not _starts_statement(groups[-1][0], breaks):
        if _ends_statement(groups[-2][-1], ends):
            return packed
        packed[-2:] = [(packed[-2][0], packed[-1][1])]
    return packed


def _cut_at_statements(text: str, spans: list[tuple[int, int]], breaks: tuple[int, ...]) -> list[tuple[int, int]]:
    """Sentence spans cut where a statement (its label) begins inside one ("... evidence ⊕⊕○○] Rec. 5 In adults ..."): the
    piece before it that ends no sentence (the grade closing the statement before) joins the sentence before it."""
    cut: list[tuple[int, int]] = []
    for start, end in spans:
        for point in (point for point in breaks if start < point < end):
            if cut and text[start:point].strip() and not text[start:point].rstrip().endswith((".", "?", "!")):
                cut[-1] = (cut[-1][0], len(text[:point].rstrip()))
            elif text[start:point].strip():
                cut.append((start, len(text[:point].rstrip())))
            start = point
        cut.append((start, end))
    return cut


def _passage_id(document: Document, path: tuple[str, ...], page: int | None, ordinal: int) -> str:
    """Readable id such as 'doc p.7 §Recommendation 3 #2'."""
    title = (path[-1] if path else "front matter")[:60]
    page_part = f" p.{page}" if page is not None else ""
    return f"{document.id}{page_part} §{title} #{ordinal}"


def _statement_in(start: int, end: int, statements: tuple[StatementSpan, ...]) -> str | None:
    """The recommendation whose statement starts first inside [start, end), if any."""
    inside = [s for s in statements if start <= s.start < end or s.start <= start < s.end]
    return min(inside, key=lambda s: s.start).recommendation_id if inside else None


@dataclass(frozen=True)
class _Discussion:
    """A statement and the section it sits in: passages after it in that section (until the next statement) discuss it."""

    span: StatementSpan
    path: tuple[str, ...]


def _discussions(document: Document, statements: tuple[StatementSpan, ...]) -> list[_Discussion]:
    """Each statement with the section that discusses it: its innermost section, or the parent of a heading that only
    names it ("Recommendation 3", whose discussion follows in sibling sections); never the root every section shares."""
    roots = {section.path[:1] for section in document.sections if section.path}
    found: list[_Discussion] = []
    moved: set[int] = set()  # statements set inside a section they do not open (by start)
    for span in sorted(statements, key=lambda s: s.start):
        section = document.section_at(span.start)
        path = section.path if section else ()
        if path and _NUMBERED_HEADING.match(path[-1]):
            path = path[:-1]
        elif section and len(path) > 1 and _set_inside(document, section, span, statements, moved):
            path = path[:-1]  # a boxed statement the reader put at the end of the previous one's last subsection
            moved.add(span.start)
        if path and not (len(path) == 1 and len(roots) == 1):
            found.append(_Discussion(span, path))
    return found


_ANCHOR = re.compile(r"(?:recommendation|statement|good practice statement)\s+\d{1,3}[a-z]?\W*", re.IGNORECASE)
_ANCHORED = re.compile(r"(?:recommendation|statement)\s+\d{1,3}[a-z]?[.:]?\s*$", re.IGNORECASE)  # right before a boxed one
HEADING_WORDS = 12  # words a section may hold before a statement it opens (its heading, an anchor)


def _set_inside(document: Document, section: Section, span: StatementSpan, statements: tuple[StatementSpan, ...], moved: set[int]) -> bool:
    """Whether a statement sits inside a subsection it does not open: right after its anchor ("Recommendation 2."), with
    more than the subsection's heading before it, and every statement before it there set inside it too (a section holding
    two statements opens with one)."""
    if any(section.start <= s.start < span.start and s.start not in moved for s in statements):
        return False
    if not _ANCHORED.search(document.text, max(section.start, span.start - 40), span.start):
        return False  # a statement quoted in prose ("Rationale: ... <statement>") is no box of its own
    rest = _ANCHOR.sub(" ", document.text[section.start : span.start].replace(section.path[-1], " ", 1))
    return len(rest.split()) > HEADING_WORDS


def _discussed(start: int, path: tuple[str, ...], discussions: list[_Discussion], statements: tuple[StatementSpan, ...]) -> str | None:
    """The statement a passage at `start` discusses: the last one before it in its section, with no other statement between
    (a repeat of the same statement, such as a bullet opening with its words, is no other)."""
    before = [d for d in discussions if d.span.start <= start and path[: len(d.path)] == d.path]
    if not before:
        return None
    last = max(before, key=lambda d: d.span.start)
    if any(last.span.start < s.start <= start and s.recommendation_id != last.span.recommendation_id for s in statements):
        return None
    return last.span.recommendation_id


def chunk_document(
    document: Document, settings: Settings, link: RecommendationLinker, statements: tuple[StatementSpan, ...] = ()
) -> list[Passage]:
    """Passages of a document; a short section stating a recommendation stays whole, a statement opens a passage.

    A passage links to the statement it holds, else to its section's heading, else (by position) to the statement its
    key question introduces (see key_questions), else to the statement before it in its section.
    """
    statement_breaks = tuple(label_start(document.text, s.start) for s in statements)  # a statement's passage opens at its label
    rows = row_links(document.text, 0, len(document.text), [(s.recommendation_id, s.start) for s in statements])
    named_rows = {start: rec_id for start, _, rec_id in rows}  # a summary-table row naming a statement is one passage, linked to it

    def outside_rows(point: int) -> bool:
        return not any(start < point <= end for start, end, _ in rows)

    breaks = tuple(sorted({*filter(outside_rows, statement_breaks), *named_rows}))
    ends = tuple(sorted({*filter(outside_rows, (s.end for s in statements)), *(end for _, end, _ in rows)}))
    discussions = _discussions(document, statements)
    passages: list[Passage] = []
    ordinals: dict[tuple[str, ...], int] = {}
    for segment in _segments(document):
        segment_text = document.text[segment.start : segment.end]
        if len(segment_text.split()) < 4:
            continue
        spans = _cut_at_statements(document.text, sentence_spans(document.text, segment.start, segment.end, cells=False), breaks)
        if not spans:
            continue
        recommendation_id = link(segment.path, segment_text)
        if recommendation_id and spans[-1][1] - spans[0][0] <= 2 * settings.chunk_max_chars:
            ranges = [(spans[0][0], spans[-1][1])]  # a short section stating a recommendation stays whole
        else:
            ranges = _pack(spans, settings.chunk_max_chars, settings.chunk_min_chars, breaks, ends)
        for start, end in ranges:
            text = document.text[start:end]
            ordinals[segment.path] = ordinals.get(segment.path, 0) + 1
            page_start = document.page_at(start)
            passages.append(
                Passage(
                    id=_passage_id(document, segment.path, page_start, ordinals[segment.path]),
                    document_id=document.id,
                    text=text,
                    section_path=segment.path,
                    char_start=start,
                    char_end=end,
                    page_start=page_start,
                    page_end=document.page_at(end - 1),
                    recommendation_id=named_rows.get(start, "")
                    or recommendation_id
                    or _statement_in(start, end, statements)
                    or link(segment.path, text)
                    or (None if _all_rows(text) else introduced(document.text, start, end, statements))
                    or (None if _all_rows(text) else _discussed(start, segment.path, discussions, statements)),
                )
            )
    return passages


def _all_rows(text: str) -> bool:
    """Whether every line of a passage is a table row (a table that names no statement discusses none by position)."""
    return all(is_table_row(line) for line in text.splitlines() if line.strip())


def quotable_sentences(passage: Passage, text: str) -> list[tuple[int, int]]:
    """Sentence spans of a passage that can stand as quotes: no headings, no fragments, no key questions ("Question 6.
    Should X vs Y be used?" answers nothing)."""
    titles = {title.strip() for title in passage.section_path}
    return [
        (start, end)
        for start, end in sentence_spans(text, passage.char_start, passage.char_end)
        if text[start:end].strip() not in titles
        and len(text[start:end].split()) >= MIN_SENTENCE_WORDS
        and not is_key_question(text, start, end)
    ]
