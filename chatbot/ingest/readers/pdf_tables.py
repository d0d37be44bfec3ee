"""Tables on a fixed-width layout grid: runs of rows split into cells by wide gaps, read back as one line per row.

A column of layout rows (see pdf_layout) is scanned for runs of rows whose text breaks into two or more
cells at wide runs of spaces. Such a run, with at least a few multi-cell rows, is a table: its caption
("Table 3 ...") above it or beside it in its own narrow column, its body and the notes under it are
returned separately. The body becomes logical rows: a layout row that only continues cells of the row
above (a multi-line cell) is merged into it. pypdf's grid places cells of one text object relative to
each other, so columns are matched by order first and by position only for rows with missing cells.
"""

from __future__ import annotations

import re
from collections import Counter
from collections.abc import Sequence
from dataclasses import dataclass

CELL_SEPARATOR = " | "
_MIN_CELL_GAP = 3  # spaces: a narrower gap is a word space, even in justified text
_WIDE_GAP = 6  # spaces: a gap this wide separates cells even when every gap in the row is wide
_MIN_TABLE_ROWS = 3  # multi-cell rows that make a table (one fewer when a caption sits above or beside it)
_MIN_UNCAPTIONED_ROWS = 4  # multi-cell rows that make a table without a caption
_GRID_SHARE = 0.75  # without a caption: share of body rows with several cells, and of those with one cell count
_CAPTIONED_GRID_SHARE = 0.4  # with a caption: share of body rows with several cells
_MAX_CAPTION_ROWS = 4
_MAX_NOTE_ROWS = 12
_CAPTION_RE = re.compile(r"^(?:Table|TABLE|Box|BOX)(?:\s+[A-Z]?\d{1,3}[A-Za-z]?\b|\s*[.:])")
_LIST_MARKER_RE = re.compile(r"^(?:[•▪◦●■–—-]|\(?\d{1,3}[.)]|\(?[a-z][.)])$")
_NUMBERED_ITEM_RE = re.compile(r"^\[?\d{1,3}[.\]]\s")
_NUMBER_RE = re.compile(r"\[?\d{1,3}\]?")
_BULLETS = frozenset("●•▪◦■")


@dataclass(frozen=True)
class Cell:
    """A run of text in a layout row: grid columns [start, end) and its text."""

    start: int
    end: int
    text: str


@dataclass(frozen=True)
class TableSpan:
    """Where a table lies in a column's rows: [start, end) ranges of its caption, body and notes."""

    caption: tuple[int, int]
    body: tuple[int, int]
    notes: tuple[int, int]

    @property
    def start(self) -> int:
        """The first row of the table (its caption when it has one above)."""
        return self.caption[0]

    @property
    def end(self) -> int:
        """The row after the table's last row (its last note)."""
        return self.notes[1]


@dataclass(frozen=True)
class Table:
    """A table read from layout rows: caption text (maybe empty) and rows of non-empty cells.

    A cell's text keeps the line breaks of a multi-line cell, so that the reader can join words broken
    at a line end the same way as in prose.
    """

    caption: str
    rows: tuple[tuple[str, ...], ...]


def is_caption(text: str) -> bool:
    """Whether a line opens a table or box caption ("Table 3 ...", "BOX 2. ...", "TABLE. ...")."""
    return bool(_CAPTION_RE.match(text.strip()))


def split_cells(row: str) -> list[Cell]:
    """A row's cells: text split at gaps of 3+ spaces, unless every gap is that wide (justified text)."""
    tokens = [(m.start(), m.end()) for m in re.finditer(r"\S+", row)]
    if not tokens:
        return []
    gaps = [b[0] - a[1] for a, b in zip(tokens, tokens[1:])]
    word_gap = 1 if any(gap >= _WIDE_GAP for gap in gaps) else min(gaps, default=0)
    cells: list[Cell] = []
    start = tokens[0][0]
    for index, gap in enumerate(gaps):
        if gap >= _MIN_CELL_GAP and gap >= word_gap + 2:
            cells.append(Cell(start, tokens[index][1], row[start : tokens[index][1]]))
            start = tokens[index + 1][0]
    cells.append(Cell(start, tokens[-1][1], row[start : tokens[-1][1]]))
    if len(cells) >= 2 and _LIST_MARKER_RE.match(cells[0].text):
        cells[:2] = [Cell(cells[0].start, cells[1].end, row[cells[0].start : cells[1].end])]
    return cells


def is_table_row(cells: list[Cell]) -> bool:
    """Whether a row's cells look like table cells: two or more, not a numbered or bulleted inline list."""
    if len(cells) < 2:
        return False
    if len(cells) % 2 == 0 and all(_NUMBER_RE.fullmatch(cell.text) for cell in cells[0::2]):
        return False
    return sum(cell.text[:1] in _BULLETS for cell in cells[1:]) < 0.5 * (len(cells) - 1)


def _is_inner_row(cells: list[Cell], margin: int, width: int) -> bool:
    """A one-cell row that can sit inside a table: indented to a later column, or short."""
    if len(cells) != 1:
        return False
    cell = cells[0]
    return cell.start > margin + 4 or (cell.end - cell.start) < 0.6 * width


def _caption_start(rows: Sequence[str], body_start: int, floor: int) -> int | None:
    """The row of a caption a few rows above a table body (single blank rows allowed between), or None."""
    index, seen = body_start - 1, 0
    while index >= floor and seen < _MAX_CAPTION_ROWS:
        if rows[index].strip():
            if is_caption(rows[index]):
                return index
            seen += 1
        elif index == floor or not rows[index - 1].strip():
            return None
        index -= 1
    return None


def _note_end(rows: Sequence[str], body_end: int) -> int:
    """The row after the notes under a table: the rows up to the next blank row (a few at most)."""
    index = body_end
    while index < len(rows) and rows[index].strip() and index - body_end < _MAX_NOTE_ROWS:
        if is_caption(rows[index]):
            break
        index += 1
    return index


def side_caption_rows(rows: Sequence[str], start: int, end: int) -> int:
    """How many rows from `start` carry a caption in a narrow column left of the table (0 if none)."""
    first = split_cells(rows[start])
    if len(first) < 2 or not is_caption(first[0].text):
        return 0
    count = 0
    for index in range(start, end):
        cells = split_cells(rows[index])
        if not cells or abs(cells[0].start - first[0].start) > 1 or cells[0].end >= first[1].start:
            break
        count += 1
        if cells[0].text.rstrip().endswith("."):
            break
    return count


def is_strong_grid(cell_rows: list[list[Cell]], rows_in_body: int) -> bool:
    """Whether rows make a table without a caption: many multi-cell rows, mostly one cell count, no prose."""
    multi = [cells for cells in cell_rows if is_table_row(cells)]
    if len(multi) < _MIN_UNCAPTIONED_ROWS or len(multi) < _GRID_SHARE * rows_in_body:
        return False
    counts = Counter(len(cells) for cells in multi)
    texts = [cell.text for cells in cell_rows for cell in cells]
    lowercase = sum(text[:1].islower() for text in texts)
    listed = sum(bool(_NUMBERED_ITEM_RE.match(cells[0].text)) for cells in cell_rows if cells)
    leaders = sum(any(cell.text.endswith("...") for cell in cells) for cells in multi)
    return (
        counts.most_common(1)[0][1] >= _GRID_SHARE * len(multi)
        and lowercase <= 0.1 * len(texts)
        and listed < 2
        and leaders < 0.5 * len(multi)
    )


def is_captioned_grid(cell_rows: list[list[Cell]], rows_in_body: int) -> bool:
    """Whether multi-cell rows under (or beside) a caption make a table: a few of them, not too sparse."""
    multi = sum(1 for cells in cell_rows if is_table_row(cells))
    return multi >= _MIN_TABLE_ROWS - 1 and multi >= _CAPTIONED_GRID_SHARE * rows_in_body


def _scan_body(cells: list[list[Cell]], start: int, margin: int, width: int) -> tuple[int, int]:
    """From a multi-cell row: (the first row the scan did not take, the row after the table body).

    The scan runs over multi-cell rows, short or indented one-cell rows (continued cells) and single
    blank rows followed by more of the table; the body ends at its last multi-cell row, plus the
    indented lines that continue that row.
    """
    table_margin = cells[start][0].start
    last_multi, stop = start, len(cells)
    for probe in range(start + 1, len(cells)):
        row = cells[probe]
        if is_table_row(row):
            last_multi = probe
            table_margin = min(table_margin, row[0].start)
            continue
        if not row:
            after = cells[probe + 1] if probe + 1 < len(cells) else []
            if is_table_row(after) or (after and after[0].start > table_margin + 4):
                continue
        elif _is_inner_row(row, margin, width) and not is_caption(row[0].text):
            continue
        stop = probe
        break
    end = last_multi + 1
    while end < len(cells) and len(cells[end]) == 1 and cells[end][0].start > table_margin + 4:
        end += 1
    return stop, end


def _accepts(rows: Sequence[str], cells: list[list[Cell]], body: tuple[int, int], caption: int | None) -> bool:
    """Whether a scanned body is a table: a few multi-cell rows with a caption, a strong grid without."""
    body_cells = [c for c in cells[body[0] : body[1]] if c]
    if caption is not None or side_caption_rows(rows, body[0], body[1]):
        return is_captioned_grid(body_cells, len(body_cells))
    return is_strong_grid(body_cells, len(body_cells))


def find_tables(rows: Sequence[str]) -> list[TableSpan]:
    """The tables in one column of layout rows, top to bottom."""
    cells = [split_cells(row) for row in rows]
    filled = [c for c in cells if c]
    if not filled:
        return []
    margin = min(c[0].start for c in filled)
    width = max(c[-1].end for c in filled) - margin
    spans: list[TableSpan] = []
    index = floor = 0
    while index < len(rows):
        if not is_table_row(cells[index]):
            index += 1
            continue
        scanned, body_end = _scan_body(cells, index, margin, width)
        caption = _caption_start(rows, index, floor)
        if _accepts(rows, cells, (index, body_end), caption):
            notes_end = _note_end(rows, body_end)
            caption_range = (caption, index) if caption is not None else (index, index)
            spans.append(TableSpan(caption_range, (index, body_end), (body_end, notes_end)))
            index = floor = notes_end
        else:
            index = max(scanned, index + 1)
    return spans
