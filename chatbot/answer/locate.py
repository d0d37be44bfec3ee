"""Where a quote sits in its source document: page boxes for a PDF, the section and offsets for text."""

from __future__ import annotations

from dataclasses import replace
from pathlib import Path

from chatbot.answer.compose import citation_section
from chatbot.index.store import LoadedIndex
from chatbot.ingest.positions import DocumentPositions
from chatbot.types import Document, Quote, QuoteSource


def is_pdf(document: Document) -> bool:
    """Whether a document was read from a PDF (it has pages to show)."""
    return bool(document.pages) and Path(document.path).suffix.lower() == ".pdf"


def locate(document: Document, positions: DocumentPositions | None, start: int, end: int) -> QuoteSource:
    """The source view of the text at [start, end): its PDF pages and boxes, or its section."""
    section = citation_section(document, start)
    if not is_pdf(document):
        return QuoteSource("text", start, end, section)
    boxes = tuple(positions.boxes_for(start, end)) if positions is not None else ()
    page = boxes[0].page if boxes else document.page_at(start)
    page_count = positions.page_count if positions is not None else len(document.pages)
    return QuoteSource("pdf", start, end, section, page, page_count, boxes)


def with_source(quote: Quote, index: LoadedIndex) -> Quote:
    """The quote with its source view, when its document is in the index."""
    document = index.documents.get(quote.document_id)
    if document is None:
        return quote
    return replace(quote, source=locate(document, index.positions(document.id), quote.char_start, quote.char_end))
