"""Pure layout helpers for PDF text laid out on a fixed-width grid: running lines, columns, full-width tables,
paragraphs."""

from __future__ import annotations

import math
import re
from collections import Counter
from dataclasses import dataclass

from chatbot.ingest.readers.pdf_tables import Cell, is_caption, is_captioned_grid, is_strong_grid, is_table_row, split_cells

_EDGE_LINES = 3
_MIN_GUTTER = 2
_MIN_COLUMN_GAP = 5
_MIN_COLUMN_ROWS = 3  # side-by-side rows needed to call a page two-column (short last-page columns count)
_PAGE_NUMBER_RE = re.compile(r"^\W*(?:page\s*)?\d{1,4}(?:\s*(?:of|/)\s*\d{1,4})?\W*$", re.IGNORECASE)
_MIN_WIDE_TABLE_ROWS = 3  # table-like rows that make a full-width table on a two-column page
_MAX_TABLE_ROW_GAP = 2  # other rows allowed between two table-like rows of one full-width table
_PROSE_LINE_WORDS = 6  # words in a half row's last cell that make it a line of running text
_PROSE_SHARE = 0.6  # share of a half's rows that must be long single lines for that half to be running text


@dataclass(frozen=True)
class Line:
    """One line of a column: its indentation (grid cells from the column's left edge) and text."""

    indent: int
    text: str


def running_line_key(row: str) -> str:
    """A row's identity for running header/footer detection: digits masked, spacing and edge numbers dropped."""
    key = re.sub(r"\d+", "#", " ".join(row.split()))
    return key.strip(" #").lower()


def _edge_rows(rows: list[str]) -> dict[int, str]:
    """The first and last few non-blank rows of a page, each keyed by position ("top"/"bottom") and text."""
    filled = [i for i, row in enumerate(rows) if row.strip()]
    edges = {i: f"bottom:{running_line_key(rows[i])}" for i in filled[-_EDGE_LINES:]}
    edges.update({i: f"top:{running_line_key(rows[i])}" for i in filled[:_EDGE_LINES]})
    return edges


def remove_running_lines(pages: list[list[str]]) -> list[list[str]]:
    """Drop headers, footers and bare page numbers: edge rows whose masked text repeats across pages."""
    counts: Counter[str] = Counter()
    for rows in pages:
        counts.update(set(_edge_rows(rows).values()))
    threshold = max(2, math.ceil(0.3 * len(pages)))
    repeated = {key for key, n in counts.items() if not key.endswith(":") and n >= threshold and len(pages) >= 2}
    cleaned: list[list[str]] = []
    for rows in pages:
        drop = {i for i, key in _edge_rows(rows).items() if key in repeated or _PAGE_NUMBER_RE.match(rows[i].strip())}
        cleaned.append([row for i, row in enumerate(rows) if i not in drop])
    return cleaned


def _gap_spans(row: str) -> list[tuple[int, int]]:
    """The [start, end) spans of runs of at least two spaces between text in a row."""
    return [(m.start(), m.end()) for m in re.finditer(r" {%d,}" % _MIN_GUTTER, row) if m.start() > 0 and m.end() < len(row)]


def find_gutter(rows: list[str]) -> int | None:
    """The grid column between two text columns, or None for a single-column page."""
    width = max((len(row) for row in rows), default=0)
    filled = [row for row in rows if row.strip()]
    if width < 40 or len(filled) < _MIN_COLUMN_ROWS:
        return None
    scores = [0] * width
    for row in filled:
        for start, end in _gap_spans(row):
            for col in range(start, end):
                scores[col] += 1
    low, high = int(width * 0.3), int(width * 0.7)
    best = max(range(low, high), key=lambda col: scores[col], default=None)
    if best is None or scores[best] < max(_MIN_COLUMN_ROWS, 0.3 * len(filled)):
        return None
    return best


def _split_point(row: str, gutter: int) -> int | None:
    """Where a row splits into left and right columns, or None when its text crosses the gutter."""
    if len(row) <= gutter or not row[:gutter].strip():
        return gutter
    for start, end in _gap_spans(row):
        if start - 3 <= gutter < end + 3:
            return max(start, min(gutter, end - 1))
    return None


def _is_isolated_one_sided(rows: list[str], index: int, gutter: int) -> bool:
    """A lone one-column row between blank rows (e.g. "Continued on the next page") ends a column block."""
    row = rows[index]
    before = rows[index - 1] if index > 0 else ""
    after = rows[index + 1] if index + 1 < len(rows) else ""
    return bool(row.strip()) and not before.strip() and not after.strip() and not row[gutter:].strip()


def _is_real_gutter(left: list[str], right: list[str]) -> bool:
    """Whether rows split in two are real columns: the typical gap between the halves is wide, not a word space."""
    gaps = sorted(len(a) - len(a.rstrip()) + len(b) - len(b.lstrip()) for a, b in zip(left, right) if a.strip() and b.strip())
    return not gaps or gaps[len(gaps) // 2] >= _MIN_COLUMN_GAP


def _half_cells(row: str, cut: int) -> tuple[list[Cell], list[Cell]]:
    """The cells left and right of a split point, at their positions in the whole row."""
    return split_cells(row[:cut]), split_cells(" " * cut + row[cut:])


def _is_table_like(row: str, gutter: int) -> bool:
    """Whether a row has table cells at page level: several cells within a half, or across the gutter."""
    cut = _split_point(row, gutter)
    if cut is None:
        return is_table_row(split_cells(row))
    left, right = _half_cells(row, cut)
    return is_table_row(left) or is_table_row(right)


def _table_like_runs(rows: list[str], gutter: int) -> list[tuple[int, int]]:
    """[start, end) runs of rows with at least a few table-like rows, each close to the next."""
    marks = [i for i, row in enumerate(rows) if row.strip() and _is_table_like(row, gutter)]
    runs: list[list[int]] = []
    for index in marks:
        between = rows[runs[-1][-1] + 1 : index] if runs else []
        blanks = sum(1 for row in between if not row.strip())
        if runs and len(between) <= _MAX_TABLE_ROW_GAP and blanks <= 1:
            runs[-1].append(index)
        else:
            runs.append([index])
    return [(run[0], run[-1] + 1) for run in runs if len(run) >= _MIN_WIDE_TABLE_ROWS]


def _half_is_prose(cell_rows: list[list[Cell]], margin: int, edge: int) -> bool:
    """Whether one half of some rows reads as a column of running text: mostly lines filling the column."""
    filled = [cells for cells in cell_rows if cells]
    if not filled:
        return True
    return sum(_fills_column(cells, margin, edge) for cells in filled) >= _PROSE_SHARE * len(filled)


def _fills_column(cells: list[Cell], margin: int, edge: int) -> bool:
    """Whether a half row is a line of running text: many words in its last cell, or one long line from the margin."""
    last = cells[-1]
    if len(last.text.split()) >= _PROSE_LINE_WORDS:
        return True
    return len(cells) == 1 and last.start <= margin + 4 and last.end - margin >= 0.6 * (edge - margin)


def _spans_both_columns(rows: list[str], gutter: int, margins: tuple[int, int, int, int]) -> bool:
    """Whether a run of table-like rows is one table across the page rather than a table beside text."""
    left_margin, left_edge, right_margin, right_edge = margins
    lefts: list[list[Cell]] = []
    rights: list[list[Cell]] = []
    crossing = 0
    for row in rows:
        if not row.strip():
            continue
        cut = _split_point(row, gutter)
        if cut is None:
            crossing += is_table_row(split_cells(row))
            continue
        left, right = _half_cells(row, cut)
        lefts.append(left)
        rights.append(right)
    if crossing >= max(2, len(lefts)):
        return True
    return not _half_is_prose(lefts, left_margin, left_edge) and not _half_is_prose(rights, right_margin, right_edge)


def _column_margins(rows: list[str], gutter: int) -> tuple[int, int, int, int]:
    """Left column's margin and right edge, right column's margin and right edge, from rows that split."""
    left_starts: list[int] = []
    left_ends: list[int] = []
    right_starts: list[int] = []
    for row in rows:
        cut = _split_point(row, gutter) if row.strip() else None
        if cut is None:
            continue
        if row[:cut].strip():
            left_starts.append(len(row) - len(row.lstrip(" ")))
            left_ends.append(len(row[:cut].rstrip()))
        if row[cut:].strip():
            right_starts.append(cut + len(row[cut:]) - len(row[cut:].lstrip(" ")))
    edge = max((len(row) for row in rows), default=0)
    return min(left_starts, default=0), max(left_ends, default=gutter), min(right_starts, default=gutter), edge


def _with_caption_above(rows: list[str], start: int) -> int:
    """A full-width table's first row, moved up to its caption when one sits just above (a blank between)."""
    for index in (start - 1, start - 2):
        if index >= 0 and is_caption(rows[index]):
            return index
        if index >= 0 and rows[index].strip():
            break
    return start


def _with_continuations(rows: list[str], start: int, end: int) -> int:
    """A full-width table's end, moved down over the indented lines that continue its last row's cells."""
    margin = min(len(row) - len(row.lstrip(" ")) for row in rows[start:end] if row.strip())
    while end < len(rows) and rows[end].strip() and len(rows[end]) - len(rows[end].lstrip(" ")) > margin + 4:
        end += 1
    return end


def _is_table_run(rows: list[str], start: int, end: int) -> bool:
    """Whether a run of table-like rows is a table: under or beside a caption, or a strong grid of cells."""
    cells = [split_cells(row) for row in rows[start:end] if row.strip()]
    if _with_caption_above(rows, start) < start or (is_caption(cells[0][0].text) and len(cells[0]) >= 2):
        return is_captioned_grid(cells, len(cells))
    return is_strong_grid(cells, len(cells))


def full_width_tables(rows: list[str], gutter: int) -> list[tuple[int, int]]:
    """[start, end) row ranges of tables laid across both columns of a two-column page, in order, disjoint."""
    margins = _column_margins(rows, gutter)
    ranges: list[tuple[int, int]] = []
    for start, end in _table_like_runs(rows, gutter):
        if _is_table_run(rows, start, end) and _spans_both_columns(rows[start:end], gutter, margins):
            start, end = _with_caption_above(rows, start), _with_continuations(rows, start, end)
            if ranges and start < ranges[-1][1]:
                previous = ranges.pop()
                start, end = previous[0], max(end, previous[1])
            ranges.append((start, end))
    return ranges


def column_blocks(rows: list[str]) -> list[list[list[str]]]:
    """Rows grouped into blocks in reading order; each block is a list of columns, each a list of rows.

    A table laid across both columns is a block of its own, so that the gutter never cuts it in half.
    """
    gutter = find_gutter(rows)
    if gutter is None:
        return [[rows]]
    tables = dict(full_width_tables(rows, gutter))
    if tables:
        covered = {i for start, end in tables.items() for i in range(start, end)}
        if find_gutter(["" if i in covered else row for i, row in enumerate(rows)]) is None:
            return [[rows]]  # the "gutter" was a gap between table columns on a one-column page
    blocks: list[list[list[str]]] = []
    left: list[str] = []
    right: list[str] = []
    spanning: list[str] = []
    blank_run = 0

    def flush_columns() -> None:
        if any(r.strip() for r in left + right):
            if _is_real_gutter(left, right):
                blocks.append([list(left), list(right)])
            else:
                blocks.append([[a + b for a, b in zip(left, right)]])
        left.clear()
        right.clear()

    def flush_spanning() -> None:
        if spanning:
            blocks.append([list(spanning)])
        spanning.clear()

    index = 0
    while index < len(rows):
        row = rows[index]
        if index in tables:
            flush_spanning()
            flush_columns()
            blocks.append([rows[index : tables[index]]])
            index = tables[index]
            blank_run = 0
            continue
        index += 1
        if not row.strip():
            blank_run += 1
            flush_spanning()
            if blank_run == 2:
                flush_columns()
            left.append("")
            right.append("")
            continue
        blank_run = 0
        cut = _split_point(row, gutter)
        if cut is None or _is_isolated_one_sided(rows, index - 1, gutter):
            flush_columns()
            spanning.append(row)
            continue
        flush_spanning()
        left.append(row[:cut])
        right.append(row[cut:])
    flush_spanning()
    flush_columns()
    return blocks
