"""Frozen values that flow between the pipeline's stages; imports nothing of ours."""

from __future__ import annotations

import bisect
from dataclasses import dataclass, field
from enum import StrEnum


class DocumentKind(StrEnum):
    """Whether a document is the official publication, our unofficial digest, or a document added ad hoc."""

    OFFICIAL = "official"
    DIGEST = "digest"
    ADDED = "added"  # `chatbot ingest PATH` without a sources.yaml entry: provenance unknown


class AnswerStatus(StrEnum):
    """What kind of reply the bot gives."""

    ANSWERED = "answered"
    NOT_FOUND = "not_found"
    OUT_OF_SCOPE = "out_of_scope"
    NEEDS_CLARIFICATION = "needs_clarification"


@dataclass(frozen=True)
class SourceRef:
    """One entry of corpus/sources.yaml: where a document lives and what it is."""

    id: str
    title: str
    kind: DocumentKind
    path: str
    date: str | None = None
    doi: str | None = None
    url: str | None = None
    guideline: str | None = None
    sha256: str | None = None


@dataclass(frozen=True)
class PageSpan:
    """A page's char range [start, end) in a document's canonical text; number is 1-based."""

    number: int
    start: int
    end: int


@dataclass(frozen=True)
class Section:
    """A heading path and the char range [start, end) of its body in the canonical text."""

    path: tuple[str, ...]
    start: int
    end: int

    @property
    def title(self) -> str:
        """The innermost heading, or an empty string for text before the first heading."""
        return self.path[-1] if self.path else ""


@dataclass(frozen=True)
class Document:
    """A read document: canonical text plus page and section maps into it."""

    id: str
    title: str
    kind: DocumentKind
    path: str
    text: str
    sha256: str
    pages: tuple[PageSpan, ...] = ()
    sections: tuple[Section, ...] = ()
    date: str | None = None
    doi: str | None = None
    url: str | None = None

    def page_at(self, offset: int) -> int | None:
        """The 1-based page holding char `offset`, or None for a document without pages."""
        if not self.pages:
            return None
        starts = [page.start for page in self.pages]
        index = max(bisect.bisect_right(starts, offset) - 1, 0)
        return self.pages[index].number

    def section_at(self, offset: int) -> Section | None:
        """The innermost section whose range holds char `offset`."""
        best: Section | None = None
        for section in self.sections:
            if section.start <= offset < section.end:
                if best is None or len(section.path) >= len(best.path):
                    best = section
        return best


@dataclass(frozen=True)
class ReadFailure:
    """A document that could not be read, with a message naming the file."""

    path: str
    message: str


@dataclass(frozen=True)
class Passage:
    """A chunk of a document: text == document.text[char_start:char_end]."""

    id: str
    document_id: str
    text: str
    section_path: tuple[str, ...]
    char_start: int
    char_end: int
    page_start: int | None = None
    page_end: int | None = None
    recommendation_id: str | None = None


@dataclass(frozen=True)
class Hit:
    """A retrieved passage with its scores; ranks are 1-based, None when a retriever missed it."""

    passage: Passage
    fused_score: float
    dense_score: float | None = None
    lexical_score: float | None = None
    dense_rank: int | None = None
    lexical_rank: int | None = None


@dataclass(frozen=True)
class Box:
    """A rectangle on a page as fractions of the page (0-1, origin top-left); page is 1-based."""

    page: int
    x0: float
    y0: float
    x1: float
    y1: float


@dataclass(frozen=True)
class QuoteSource:
    """Where a quote sits in its source: the pages and boxes of a PDF, or the section of a text document."""

    kind: str  # pdf | text
    char_start: int
    char_end: int
    section: str = ""
    page: int | None = None
    page_count: int = 0
    boxes: tuple[Box, ...] = ()


@dataclass(frozen=True)
class Quote:
    """A verbatim slice of a document's canonical text, with its citation."""

    text: str
    document_id: str
    document_title: str
    document_kind: DocumentKind
    section: str
    page: int | None
    char_start: int
    char_end: int
    recommendation_id: str | None
    verified: bool
    pack: str = ""  # short name of the guideline pack the document belongs to
    source: QuoteSource | None = None  # where to show it in the source (set once the quote is verified)


@dataclass(frozen=True)
class GuardFinding:
    """One problem the rules guard found in a checked text."""

    kind: str
    message: str
    recommendation_id: str | None = None
    span: tuple[int, int] | None = None


@dataclass(frozen=True)
class GuardReport:
    """The guard's verdict (pass / warn / fail) and its findings."""

    verdict: str
    findings: tuple[GuardFinding, ...] = ()


@dataclass(frozen=True)
class Answer:
    """What the answer stage composed: quotes and recommendation ids, or an abstention."""

    status: AnswerStatus
    summary: str
    quotes: tuple[Quote, ...] = ()
    recommendation_ids: tuple[str, ...] = ()
    closest_topics: tuple[str, ...] = ()  # related items, shown apart: never an answer
    follow_ups: tuple[str, ...] = ()
    clarification_options: tuple[str, ...] = ()
    uncovered: tuple[str, ...] = ()  # what the question asks that the loaded text does not address
    fitting: tuple[str, ...] = ()  # the items that fit the question as well as the lead (a clarification chooses among them)


@dataclass(frozen=True)
class Reply:
    """The whole reply: the answer plus the guard report and provenance."""

    answer_id: str
    session_id: str
    question: str
    resolved_question: str
    answer: Answer
    guard: GuardReport
    corpus_version: str
    settings_fingerprint: str
    timings_ms: dict[str, float] = field(default_factory=dict)
    retrieved: tuple[Hit, ...] = ()
    pack_id: str = ""
