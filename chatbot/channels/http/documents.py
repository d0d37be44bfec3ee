"""The document routes: a quote in context, where it is in its source, PDF pages as images, the original file."""

from __future__ import annotations

from pathlib import Path as FilePath
from typing import Annotated

from fastapi import APIRouter, Path, Query
from fastapi.responses import FileResponse, Response

from chatbot.answer.compose import citation_section
from chatbot.answer.locate import is_pdf, locate
from chatbot.channels.http.models import ContextModel, DocumentSourceModel
from chatbot.config import Settings
from chatbot.core import Chatbot
from chatbot.errors import InvalidInput, NotFound
from chatbot.ingest.page_images import checked_file, page_image
from chatbot.reply import source_body

CONTEXT_CHARS = 400
SECTION_CHARS = 6000  # most of a section the text source view shows around a quote


def documents_router(bot: Chatbot, settings: Settings) -> APIRouter:
    """The /v1/documents routes over the bot's loaded packs."""
    router = APIRouter()

    @router.get("/v1/documents/{document_id}/context", response_model=ContextModel, tags=["documents"])
    def context(document_id: str, start: Annotated[int, Query(ge=0)], end: Annotated[int, Query(ge=0)]) -> dict:
        """The text at [start, end) of a document with the text around it, its page and section."""
        document = bot.document(document_id)
        if document is None:
            raise NotFound(f"no document with id {document_id!r}", hint="use the document_id of a quote")
        if not 0 <= start <= end <= len(document.text):
            raise InvalidInput(
                f"the range [{start}, {end}) is not inside the document (0..{len(document.text)})",
                hint="use the char_start and char_end of a quote (end >= start)",
            )
        return {
            "document_id": document.id,
            "title": document.title,
            "kind": document.kind.value,
            "quote": document.text[start:end],
            "before": document.text[max(0, start - CONTEXT_CHARS) : start],
            "after": document.text[end : end + CONTEXT_CHARS],
            "page": document.page_at(start),
            "section": citation_section(document, start),
        }

    def document_in_range(document_id: str, start: int, end: int):
        """The document and its pack engine, with [start, end) checked to lie inside its text."""
        engine = bot.engine_for_document(document_id)
        if engine is None:
            raise NotFound(f"no document with id {document_id!r}", hint="use the document_id of a quote")
        document = engine.index.documents[document_id]
        if not 0 <= start < end <= len(document.text):
            raise InvalidInput(
                f"the range [{start}, {end}) is not inside the document (0..{len(document.text)})",
                hint="use the char_start and char_end of a quote",
            )
        return engine, document

    def pdf_of(document_id: str):
        """A PDF document and its original file's path; NotFound for other documents."""
        engine = bot.engine_for_document(document_id)
        if engine is None:
            raise NotFound(f"no document with id {document_id!r}", hint="use the document_id of a quote")
        document = engine.index.documents[document_id]
        if not is_pdf(document):
            raise NotFound(
                f"document {document_id!r} is not a PDF: it has no pages to show", hint="use /v1/documents/{id}/source for its section"
            )
        return document, engine.pack.folder / document.path

    @router.get("/v1/documents/{document_id}/source", response_model=DocumentSourceModel, tags=["documents"])
    def source(document_id: str, start: Annotated[int, Query(ge=0)], end: Annotated[int, Query(ge=0)]) -> dict:
        """Where the text at [start, end) is: PDF pages and boxes, or (text documents) the section around it."""
        engine, document = document_in_range(document_id, start, end)
        located = locate(document, engine.index.positions(document.id), start, end)
        body = {
            "document_id": document.id,
            "title": document.title,
            "kind": document.kind.value,
            "quote": document.text[start:end],
            "source": source_body(located),
            "section_text": None,
            "section_offset": None,
        }
        if located.kind == "text":
            section = document.section_at(start)
            lo, hi = (section.start, section.end) if section else (0, len(document.text))
            lo = max(lo, start - SECTION_CHARS // 2) if hi - lo > SECTION_CHARS else lo
            hi = max(min(hi, lo + SECTION_CHARS), end)
            body.update(section_text=document.text[lo:hi], section_offset=lo)
        return body

    @router.get(
        "/v1/documents/{document_id}/pages/{number}",
        tags=["documents"],
        response_class=Response,
        responses={200: {"content": {"image/png": {}}, "description": "the page as PNG"}},
    )
    def page(document_id: str, number: Annotated[int, Path(ge=1, le=100_000, description="1-based page number")]) -> Response:
        """One page of a PDF document rendered as PNG (at most 1200 px wide), cached on disk."""
        document, path = pdf_of(document_id)
        if number > len(document.pages):
            raise NotFound(f"document {document_id!r} has no page {number}", hint=f"pages run from 1 to {len(document.pages)}")
        image = page_image(path, document.sha256, number, settings.data_dir / "pages")
        etag = f'"{document.sha256[:16]}-{number}"'
        return FileResponse(
            image,
            media_type="image/png",
            headers={"Cache-Control": "private, max-age=3600", "ETag": etag, "Cross-Origin-Resource-Policy": "cross-origin"},
        )

    @router.get(
        "/v1/documents/{document_id}/file",
        tags=["documents"],
        response_class=Response,
        responses={200: {"content": {"application/pdf": {}}, "description": "the original PDF"}},
    )
    def original_file(document_id: str) -> Response:
        """The original PDF as indexed (link to it with #page=N)."""
        document, path = pdf_of(document_id)
        checked_file(path, document.sha256)
        return FileResponse(
            path,
            media_type="application/pdf",
            content_disposition_type="inline",
            filename=FilePath(document.path).name,
            headers={"Cache-Control": "private, max-age=3600"},
        )

    return router
