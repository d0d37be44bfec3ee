"""The PDF reader on PDFs generated here with reportlab (two columns, running lines, hyphens)."""

from __future__ import annotations

import io
import random
from pathlib import Path

import pytest
from pypdf import PdfReader, PdfWriter
from reportlab.lib.pagesizes import letter
from reportlab.pdfgen import canvas

from chatbot.errors import ReadError
from chatbot.ingest.readers import read_corpus, read_document
from chatbot.types import DocumentKind, SourceRef

HEADER = "Journal of Invented Studies, Volume 9"
FOOTER = "Invented Press for Testing"
LINES_PER_COLUMN = 18
LEFT_X, RIGHT_X, TOP_Y, STEP = 56, 320, 700, 14
TOPICS = ("apples", "bridges", "clouds", "dunes", "embers", "fjords", "glaciers", "harbours", "islands", "jungles", "kelp")


def _sentence(side: str, page: int, index: int) -> str:
    """An invented sentence that names its column, page and line, with a topic varying by page."""
    season = ("spring", "summer", "autumn", "winter")[page % 4]
    return f"{side} page {page} line {index} on {TOPICS[index % len(TOPICS)]} in {season}."


def _left_lines(page: int) -> list[str]:
    """Left-column lines of a page; page 1 carries a word broken by a hyphen and a broken compound."""
    lines = [_sentence("Left", page, i) for i in range(LINES_PER_COLUMN)]
    if page == 1:
        lines[4] = "The panel wrote a careful recom-"
        lines[5] = "mendation about the dosing schedule."
        lines[8] = "They agreed a long-"
        lines[9] = "term plan for every patient."
    return lines


def _right_lines(page: int) -> list[str]:
    """Right-column lines of a page; page 2 has a heading in the right column."""
    lines = [_sentence("Right", page, i) for i in range(LINES_PER_COLUMN)]
    if page == 2:
        lines[7] = ""
        lines[8] = "Recommendation 2"
        lines[9] = ""
    return lines


def _two_column_pdf(path: Path, pages: int = 3) -> Path:
    """Write a two-column PDF whose content stream interleaves the columns line by line."""
    pdf = canvas.Canvas(str(path), pagesize=letter)
    for page in range(1, pages + 1):
        pdf.setFont("Helvetica", 9)
        pdf.drawString(LEFT_X, 750, HEADER)
        pdf.drawString(LEFT_X, 40, FOOTER)
        pdf.drawString(300, 25, str(page))
        for row, (left, right) in enumerate(zip(_left_lines(page), _right_lines(page))):
            y = TOP_Y - row * STEP
            pdf.setFont("Helvetica", 10)
            pdf.drawString(LEFT_X, y, left)
            if right.startswith("Recommendation"):
                pdf.setFont("Helvetica-Bold", 14)
            pdf.drawString(RIGHT_X, y, right)
        pdf.showPage()
    pdf.save()
    return path


def _source(name: str) -> SourceRef:
    """A SourceRef for a file in the test folder."""
    return SourceRef(id=name.split(".")[0], title=f"Invented {name}", kind=DocumentKind.OFFICIAL, path=name)


@pytest.fixture
def two_column_doc(tmp_path: Path):
    """The generated two-column PDF, read."""
    _two_column_pdf(tmp_path / "two.pdf")
    return read_document(_source("two.pdf"), tmp_path)


def test_columns_come_out_left_then_right_and_pages_in_order(two_column_doc) -> None:
    text = two_column_doc.text
    positions = []
    for page in (1, 2, 3):
        left = [text.index(_sentence("Left", page, i)) for i in (0, 10, 17)]
        right = [text.index(_sentence("Right", page, i)) for i in (0, 10, 17)]
        assert left == sorted(left) and right == sorted(right)
        assert max(left) < min(right)
        positions.extend(left + right)
    assert positions == sorted(positions)


def test_page_at_maps_sentences_to_their_page(two_column_doc) -> None:
    for page in (1, 2, 3):
        for side in ("Left", "Right"):
            sentence = _sentence(side, page, 12)
            assert two_column_doc.page_at(two_column_doc.text.index(sentence)) == page
    assert [span.number for span in two_column_doc.pages] == [1, 2, 3]


def test_running_header_footer_and_page_numbers_are_removed(two_column_doc) -> None:
    text = two_column_doc.text
    assert HEADER not in text
    assert FOOTER not in text
    assert all(line.strip() not in {"1", "2", "3"} for line in text.splitlines())


def test_hyphenated_word_is_joined_and_compound_kept(two_column_doc) -> None:
    text = two_column_doc.text
    assert "careful recommendation about" in text
    assert "a long-term plan" in text
    assert "recom-" not in text and "-\n" not in text


def test_heading_in_right_column_becomes_a_section(two_column_doc) -> None:
    text = two_column_doc.text
    after = text.index(_sentence("Right", 2, 10))
    section = two_column_doc.section_at(after)
    assert section is not None and section.path[-1] == "Recommendation 2"
    assert text[section.start : section.end].startswith("Recommendation 2")
    assert two_column_doc.page_at(section.start) == 2
    before = text.index(_sentence("Left", 2, 3))
    assert two_column_doc.section_at(before).path[-1:] != ("Recommendation 2",)


def test_document_fields_come_from_source_and_bytes(two_column_doc, tmp_path: Path) -> None:
    import hashlib

    assert two_column_doc.id == "two" and two_column_doc.title == "Invented two.pdf"
    assert two_column_doc.sha256 == hashlib.sha256((tmp_path / "two.pdf").read_bytes()).hexdigest()


def test_random_bytes_are_a_read_error_naming_the_file(tmp_path: Path) -> None:
    (tmp_path / "noise.pdf").write_bytes(random.Random(7).randbytes(4000))
    with pytest.raises(ReadError, match="noise.pdf"):
        read_document(_source("noise.pdf"), tmp_path)


def test_truncated_pdf_is_a_read_error(tmp_path: Path) -> None:
    data = _two_column_pdf(tmp_path / "whole.pdf").read_bytes()
    (tmp_path / "cut.pdf").write_bytes(data[: len(data) // 3])
    with pytest.raises(ReadError, match="cut.pdf"):
        read_document(_source("cut.pdf"), tmp_path)


def _encrypted_pdf(path: Path, source: Path) -> Path:
    """A copy of `source` that needs a user password."""
    writer = PdfWriter(clone_from=PdfReader(source))
    writer.encrypt(user_password="invented-secret", owner_password="owner", algorithm="RC4-128")
    buffer = io.BytesIO()
    writer.write(buffer)
    path.write_bytes(buffer.getvalue())
    return path


def test_encrypted_pdf_is_a_read_error_saying_so(tmp_path: Path) -> None:
    _encrypted_pdf(tmp_path / "locked.pdf", _two_column_pdf(tmp_path / "plain.pdf"))
    with pytest.raises(ReadError, match=r"locked\.pdf: the PDF is encrypted"):
        read_document(_source("locked.pdf"), tmp_path)


def _empty_pdf(path: Path) -> Path:
    """A one-page PDF with nothing on the page."""
    pdf = canvas.Canvas(str(path), pagesize=letter)
    pdf.showPage()
    pdf.save()
    return path


def test_pdf_without_text_is_a_read_error(tmp_path: Path) -> None:
    _empty_pdf(tmp_path / "blank.pdf")
    with pytest.raises(ReadError, match=r"blank\.pdf: .*no extractable text"):
        read_document(_source("blank.pdf"), tmp_path)


def test_read_corpus_keeps_good_documents_and_reports_bad_ones(tmp_path: Path) -> None:
    _two_column_pdf(tmp_path / "good.pdf", pages=2)
    _empty_pdf(tmp_path / "blank.pdf")
    (tmp_path / "noise.pdf").write_bytes(b"%PDF-1.4 not really")
    (tmp_path / "notes.md").write_text("# Invented notes\n\nA line.\n", encoding="utf-8")
    sources = [_source(n) for n in ("good.pdf", "blank.pdf", "noise.pdf", "missing.pdf", "notes.md", "data.csv")]
    seen: list[str] = []
    documents, failures = read_corpus(sources, tmp_path, on_progress=lambda s: seen.append(s.path))
    assert [d.path for d in documents] == ["good.pdf", "notes.md"]
    assert [f.path for f in failures] == ["blank.pdf", "noise.pdf", "missing.pdf", "data.csv"]
    assert all(f.message.startswith(f.path) for f in failures)
    assert seen == [s.path for s in sources]


def test_short_columns_are_still_read_column_by_column(tmp_path: Path) -> None:
    """A page with only three lines in each column (e.g. the end of an article) keeps its columns apart."""
    left = ["The left column starts this invented", "paragraph about quiet harbours and", "ends on its third line here."]
    right = ["The right column holds another", "paragraph about distant glaciers", "that closes the page neatly."]
    pdf = canvas.Canvas(str(tmp_path / "short.pdf"), pagesize=letter)
    pdf.setFont("Helvetica", 10)
    for row, (left_line, right_line) in enumerate(zip(left, right)):
        pdf.drawString(LEFT_X, TOP_Y - row * STEP, left_line)
        pdf.drawString(RIGHT_X, TOP_Y - row * STEP, right_line)
    pdf.save()
    text = " ".join(read_document(_source("short.pdf"), tmp_path).text.split())
    assert " ".join(left) in text and " ".join(right) in text
    assert text.index(" ".join(left)) < text.index(" ".join(right))
