"""Tables in PDFs generated here with reportlab: rows come back as lines of cells joined by " | ".

Every drug name, dose and sentence below is invented. Three layouts: a table across a one-column page,
a table inside the right column of a two-column page, and a table across both columns of a
two-column page (the gutter must not cut it in half).
"""

from __future__ import annotations

import re
import textwrap
from dataclasses import dataclass
from pathlib import Path

import pytest
from reportlab.lib.pagesizes import letter
from reportlab.pdfgen import canvas

from chatbot.ingest.readers import read_document
from chatbot.ingest.readers.pdf_table_rows import table_rows
from chatbot.ingest.readers.pdf_tables import CELL_SEPARATOR, find_tables, split_cells
from chatbot.types import Document, DocumentKind, SourceRef

LEFT_X, RIGHT_X, TOP_Y, STEP = 56, 320, 720, 14
HEADER = "Invented Journal of Shimmer Medicine"
FOOTER = "Invented Press for Testing"

# A table: column x positions and rows; a row is a list of lines, each line the cells drawn on it.
# A cell drawn on a line of its own under a row continues that row's cell (a multi-line cell).


@dataclass(frozen=True)
class DrawnTable:
    """An invented table as drawn: caption, column x positions, rows of lines of cells, and the rows expected back."""

    caption: str
    xs: tuple[int, ...]
    lines: tuple[tuple[str, ...], ...]
    expected: tuple[str, ...]


WIDE_TABLE = DrawnTable(
    caption="Table 2 Invented dosing of the glimmer syndrome treatments.",
    xs=(56, 190, 300, 440),
    lines=(
        ("Drug", "Daily dose", "Schedule", "Response at 12 weeks"),
        ("Zorvatide", "40 mg", "once daily", "62%"),
        ("Pelumab", "200 mg", "every eight weeks", "48%"),
        ("", "", "by slow infusion", ""),
        ("Lumicream", "2 g", "twice daily", "35%"),
        ("Quintarol", "15 mg", "at night", "NA"),
    ),
    expected=(
        "Drug | Daily dose | Schedule | Response at 12 weeks",
        "Zorvatide | 40 mg | once daily | 62%",
        "Pelumab | 200 mg | every eight weeks by slow infusion | 48%",
        "Lumicream | 2 g | twice daily | 35%",
        "Quintarol | 15 mg | at night | NA",
    ),
)

COLUMN_TABLE = DrawnTable(
    caption="Table 3 Invented sparkle scores by agent.",
    xs=(320, 410, 480),
    lines=(
        ("Agent", "Score", "Relapse"),
        ("Zorvatide", "4.2", "12%"),
        ("Pelumab", "3.9", "rare, mostly"),
        ("", "", "after infusions"),
        ("Lumicream", "2.7", "20%"),
    ),
    expected=(
        "Agent | Score | Relapse",
        "Zorvatide | 4.2 | 12%",
        "Pelumab | 3.9 | rare, mostly after infusions",
        "Lumicream | 2.7 | 20%",
    ),
)

SPANNING_TABLE = DrawnTable(
    caption="Table 4 Invented milestones for glimmer syndrome.",
    xs=(56, 170, 330, 460),
    lines=(
        ("Time point", "On track", "Review", "Switch"),
        ("4 weeks", "<20 flares", "20-40 flares", ">40 flares"),
        ("8 weeks", "<10 flares", "10-20 flares", ">20 flares or new"),
        ("", "", "", "sparkle deposits"),
        ("16 weeks", "<5 flares", "5-10 flares", ">10 flares"),
    ),
    expected=(
        "Time point | On track | Review | Switch",
        "4 weeks | <20 flares | 20-40 flares | >40 flares",
        "8 weeks | <10 flares | 10-20 flares | >20 flares or new sparkle deposits",
        "16 weeks | <5 flares | 5-10 flares | >10 flares",
    ),
)

WIDE_BEFORE = (
    "Glimmer syndrome is an invented disorder that makes the skin shimmer after sunset, and this invented "
    "panel compared four treatments in two invented trials. The doses below were agreed after a long debate "
    "about the night shifts of the invented infusion nurses."
)
WIDE_AFTER = (
    "Pelumab infusions took longer than planned because the invented pumps were slow. The panel asked the "
    "invented pharmacists to prepare the cream in small tubes, so that every patient could carry one."
)
LEFT_PROSE = (
    "The left column describes the invented sparkle score, which counts shimmering patches on the forearm. "
    "Nurses counted the patches twice, once at dusk and once at midnight, and wrote both counts in a diary. "
    "The higher count of the two was kept as the score for that visit."
)
RIGHT_BEFORE = "Scores fell with every agent in the invented trials, as the table shows."
RIGHT_AFTER = "Relapses were counted only when the shimmering came back for a whole week."


def _wrapped(text: str, width: int) -> list[str]:
    """The lines a paragraph is drawn on."""
    return textwrap.wrap(text, width)


def _sentences(text: str) -> list[str]:
    """A paragraph's sentences, as the reader should give them back."""
    return [s for s in re.split(r"(?<=\.)\s+(?=[A-Z])", text) if s]


def _draw_prose(pdf: canvas.Canvas, x: int, y: float, text: str, width: int) -> float:
    """Draw a wrapped paragraph from y downwards; the y below it (after a blank row)."""
    pdf.setFont("Helvetica", 10)
    for line in _wrapped(text, width):
        pdf.drawString(x, y, line)
        y -= STEP
    return y - STEP


def _draw_table(pdf: canvas.Canvas, table: DrawnTable, y: float) -> float:
    """Draw a caption and a table from y downwards; the y below it (after a blank row)."""
    pdf.setFont("Helvetica-Bold", 9)
    pdf.drawString(table.xs[0], y, table.caption)
    y -= STEP * 1.5
    pdf.setFont("Helvetica", 9)
    for cells in table.lines:
        for x, cell in zip(table.xs, cells):
            if cell:
                pdf.drawString(x, y, cell)
        y -= 12
    return y - STEP


def _running_lines(pdf: canvas.Canvas, number: int) -> None:
    """Header, footer and page number."""
    pdf.setFont("Helvetica", 9)
    pdf.drawString(LEFT_X, 755, HEADER)
    pdf.drawString(LEFT_X, 40, FOOTER)
    pdf.drawString(300, 25, str(number))


def _filler(side: str, page: int, count: int) -> list[str]:
    """Invented column lines that keep a two-column page two-column."""
    return [f"{side} filler line {index} of page {page} about quiet dunes." for index in range(count)]


def write_tables_pdf(path: Path) -> Path:
    """Page 1: a table across a one-column page; page 2: a table in the right column; page 3: across both."""
    pdf = canvas.Canvas(str(path), pagesize=letter)
    _running_lines(pdf, 1)
    y = _draw_prose(pdf, LEFT_X, TOP_Y, WIDE_BEFORE, 95)
    y = _draw_table(pdf, WIDE_TABLE, y)
    _draw_prose(pdf, LEFT_X, y, WIDE_AFTER, 95)
    pdf.showPage()

    _running_lines(pdf, 2)
    y = _draw_prose(pdf, LEFT_X, TOP_Y, LEFT_PROSE, 46)
    for line in _filler("Left", 2, 14):
        pdf.drawString(LEFT_X, y, line)
        y -= STEP
    y = _draw_prose(pdf, RIGHT_X, TOP_Y, RIGHT_BEFORE, 46)
    y = _draw_table(pdf, COLUMN_TABLE, y)
    y = _draw_prose(pdf, RIGHT_X, y, RIGHT_AFTER, 46)
    for line in _filler("Right", 2, 10):
        pdf.drawString(RIGHT_X, y, line)
        y -= STEP
    pdf.showPage()

    _running_lines(pdf, 3)
    y = _draw_table(pdf, SPANNING_TABLE, TOP_Y)
    pdf.setFont("Helvetica", 10)
    for row, (left, right) in enumerate(zip(_filler("Left", 3, 16), _filler("Right", 3, 16))):
        pdf.drawString(LEFT_X, y - row * STEP, left)
        pdf.drawString(RIGHT_X, y - row * STEP, right)
    pdf.showPage()
    pdf.save()
    return path


@pytest.fixture(scope="module")
def document(tmp_path_factory: pytest.TempPathFactory) -> Document:
    """The generated PDF with tables, read."""
    folder = tmp_path_factory.mktemp("tables")
    write_tables_pdf(folder / "tables.pdf")
    return read_document(SourceRef("tables", "Invented tables", DocumentKind.OFFICIAL, "tables.pdf"), folder)


def _page_text(document: Document, number: int) -> str:
    """The canonical text of one page."""
    span = next(page for page in document.pages if page.number == number)
    return document.text[span.start : span.end]


def _table_lines(text: str) -> list[str]:
    """The lines of a page that are table rows (they hold the cell separator)."""
    return [line for line in text.split("\n") if CELL_SEPARATOR in line]


@pytest.mark.parametrize(("page", "table"), [(1, WIDE_TABLE), (2, COLUMN_TABLE), (3, SPANNING_TABLE)])
def test_rows_come_back_as_lines_of_cells_in_order(document: Document, page: int, table: DrawnTable) -> None:
    text = _page_text(document, page)
    assert _table_lines(text) == list(table.expected)
    assert "\n".join(table.expected) in text


@pytest.mark.parametrize(("page", "table"), [(1, WIDE_TABLE), (2, COLUMN_TABLE), (3, SPANNING_TABLE)])
def test_caption_is_its_own_paragraph_right_before_the_rows(document: Document, page: int, table: DrawnTable) -> None:
    text = _page_text(document, page)
    assert f"\n\n{table.caption}\n\n{table.expected[0]}\n" in text or text.startswith(f"{table.caption}\n\n")
    assert text.index(table.caption) < text.index(table.expected[0])


def test_prose_around_a_wide_table_is_intact(document: Document) -> None:
    text = _page_text(document, 1)
    for sentence in _sentences(WIDE_BEFORE) + _sentences(WIDE_AFTER):
        assert sentence in text, sentence
    assert text.index(_sentences(WIDE_BEFORE)[-1]) < text.index(WIDE_TABLE.caption)
    assert text.index(WIDE_TABLE.expected[-1]) < text.index(_sentences(WIDE_AFTER)[0])
    assert HEADER not in document.text and FOOTER not in document.text


def test_two_column_page_reads_left_column_then_right_column_with_its_table(document: Document) -> None:
    text = _page_text(document, 2)
    for sentence in _sentences(LEFT_PROSE):
        assert sentence in text, sentence
    left_end = text.index(_filler("Left", 2, 14)[-1])
    assert left_end < text.index(RIGHT_BEFORE) < text.index(COLUMN_TABLE.caption)
    assert text.index(COLUMN_TABLE.expected[-1]) < text.index(RIGHT_AFTER) < text.index(_filler("Right", 2, 10)[0])
    assert all(CELL_SEPARATOR not in line for line in text.split("\n") if "filler" in line or "invented" in line)


def test_full_width_table_is_not_cut_by_the_gutter_and_columns_follow(document: Document) -> None:
    text = _page_text(document, 3)
    lefts, rights = _filler("Left", 3, 16), _filler("Right", 3, 16)
    positions = [text.index(line) for line in lefts] + [text.index(line) for line in rights]
    assert positions == sorted(positions)
    assert text.index(SPANNING_TABLE.expected[-1]) < positions[0]


def test_table_text_is_on_its_page_and_no_empty_cells(document: Document) -> None:
    for page, table in ((1, WIDE_TABLE), (2, COLUMN_TABLE), (3, SPANNING_TABLE)):
        offset = document.text.index(table.expected[1])
        assert document.page_at(offset) == page
    assert not re.search(r"\|\s*\|", document.text)
    assert not re.search(r"(^|\n)\s*\||\|\s*($|\n)", document.text)


# --- The pure helpers on hand-made grid rows ------------------------------------------------------


def test_split_cells_keeps_justified_prose_whole_and_splits_table_rows() -> None:
    assert len(split_cells("the   panel   met   four   times   in   an   invented   city")) == 1
    assert len(split_cells("spaced  words  after  a  full  stop.  Then  more")) == 1
    cells = split_cells("Zorvatide      40 mg     once daily      62%")
    assert [cell.text for cell in cells] == ["Zorvatide", "40 mg", "once daily", "62%"]
    assert [cell.text for cell in split_cells("Optimal    Warning                 Failure")] == ["Optimal", "Warning", "Failure"]


def test_numbered_and_bulleted_lists_are_not_tables() -> None:
    rows = [f"{n}.    Invented reference number {n} about sparkles and dunes" for n in range(1, 8)]
    assert find_tables(rows) == []
    authors = ["A. Zor1   ● B. Pel2   ● C. Lum3   ● D. Qui4"] * 4
    assert find_tables(authors) == []


def test_continuation_rows_merge_into_their_cells_but_value_rows_do_not() -> None:
    body = [
        "Study           Agent            5 years     10 years",
        "Trial Alpha,    Zorvatide        68          81",
        "[12, 13]",
        "                Pelumab          53          72",
        "Trial Beta      Lumicream",
        "                twice daily      42          NA",
    ]
    assert table_rows(body) == (
        ("Study", "Agent", "5 years", "10 years"),
        ("Trial Alpha,\n[12, 13]", "Zorvatide", "68", "81"),
        ("Pelumab", "53", "72"),
        ("Trial Beta", "Lumicream\ntwice daily", "42", "NA"),
    )
