"""A long PDF's pages read in worker processes give exactly what one process reads."""

from __future__ import annotations

import io

import pytest
from guideline_pdfs import cdc_guideline_pdf, grade_guideline_pdf
from pypdf import PdfReader, PdfWriter

from chatbot.ingest.readers import pdf_pages
from chatbot.ingest.readers.pdf import read_pdf


def _long_pdf() -> bytes:
    """Generated guidelines appended into one document of a dozen pages."""
    writer = PdfWriter()
    for generated in (grade_guideline_pdf(), cdc_guideline_pdf(), grade_guideline_pdf(), cdc_guideline_pdf()):
        writer.append(PdfReader(io.BytesIO(generated.data)))
    out = io.BytesIO()
    writer.write(out)
    return out.getvalue()


@pytest.mark.parametrize("workers", [2, 3])
def test_pages_split_over_processes_read_as_in_one(monkeypatch: pytest.MonkeyPatch, workers: int) -> None:
    data = _long_pdf()
    monkeypatch.setattr(pdf_pages, "_workers", lambda page_count: 1)
    alone = read_pdf(data, "long.pdf")
    monkeypatch.setattr(pdf_pages, "_workers", lambda page_count: workers)
    split = read_pdf(data, "long.pdf")
    assert len(PdfReader(io.BytesIO(data)).pages) > workers
    assert split == alone
    assert len(alone.pages) == len(PdfReader(io.BytesIO(data)).pages)


def test_short_documents_stay_in_one_process() -> None:
    assert pdf_pages._workers(3) == 1
    assert pdf_pages._workers(10_000) >= 1
