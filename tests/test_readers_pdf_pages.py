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


def test_a_script_without_a_main_guard_reads_a_long_pdf(tmp_path) -> None:
    import subprocess
    import sys

    from chatbot.config import PROJECT_ROOT

    (tmp_path / "long.pdf").write_bytes(_long_pdf())
    script = tmp_path / "unguarded.py"  # top-level code, as in a quick evaluation script
    script.write_text(
        "from pathlib import Path\n"
        "from chatbot.ingest.readers import pdf_pages\n"
        "pdf_pages._workers = lambda page_count: 2\n"
        f"pages = pdf_pages.read_pages(Path({str(tmp_path / 'long.pdf')!r}).read_bytes(), 'long.pdf')\n"
        "print('PAGES', len(pages))\n"
    )
    result = subprocess.run([sys.executable, str(script)], capture_output=True, text=True, timeout=300, cwd=PROJECT_ROOT)
    assert result.returncode == 0, result.stderr[-2000:]
    assert result.stdout.split() == ["PAGES", str(len(PdfReader(io.BytesIO(_long_pdf())).pages))]


def test_a_process_with_other_threads_reads_in_one_process() -> None:
    import threading

    release = threading.Event()
    other = threading.Thread(target=release.wait)
    other.start()
    try:
        assert pdf_pages._workers(10_000) == 1
    finally:
        release.set()
        other.join()


@pytest.mark.parametrize("workers", [1, 2])
def test_reading_a_long_pdf_reports_its_pages_as_they_are_read(monkeypatch: pytest.MonkeyPatch, workers: int) -> None:
    data = _long_pdf()
    total = len(PdfReader(io.BytesIO(data)).pages)
    monkeypatch.setattr(pdf_pages, "_workers", lambda page_count: workers)
    seen: list[tuple[int, int]] = []
    read_pdf(data, "long.pdf", on_page=lambda done, of: seen.append((done, of)))
    assert {of for _, of in seen} == {total}
    assert seen[-1] == (total, total)
    counts = [done for done, _ in seen]
    assert counts == sorted(counts) and len(set(counts)) >= total // workers  # a step per page read here, never backwards
    assert counts[0] < total  # reported while reading, not only at the end
