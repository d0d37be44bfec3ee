"""A table body read back as logical rows: cells matched to columns, multi-line cells merged."""

from __future__ import annotations

import re
import statistics
from collections.abc import Sequence

from chatbot.ingest.readers.pdf_tables import Cell, Table, TableSpan, is_table_row, side_caption_rows, split_cells

_VALUE_RE = re.compile(r"^(?:[<>≤≥~±+−–-]\s?)?\d[\d.,]*\s?%?(?:\s?\(\d[\d.,]*%?\))?$|^(?:NA|N/A|NR|—|–|-)$")
_OPEN_END_MARKS = (",", ";", ":", "/", "-", "–", "—", "(", "+", "×")
_OPEN_END_WORDS = frozenset({"and", "or", "of", "the", "with", "for", "in", "to", "a", "an"})


def _anchors(cell_rows: list[list[Cell]]) -> list[float]:
    """Each column's typical start: the median start over the rows with the most cells."""
    columns = max(len(cells) for cells in cell_rows)
    full = [cells for cells in cell_rows if len(cells) == columns]
    return [statistics.median(cells[k].start for cells in full) for k in range(columns)]


def _assign(cells: list[Cell], anchors: list[float]) -> list[int]:
    """Column index of each cell: by order when the row is full, else the nearest anchors in order."""
    columns = len(anchors)
    if len(cells) == columns:
        return list(range(columns))
    if len(cells) > columns:
        nearest = [min(range(columns), key=lambda k: abs(anchors[k] - cell.start)) for cell in cells]
        return [max(nearest[: i + 1]) for i in range(len(nearest))]
    # fewer cells than columns: strictly increasing columns with the least total distance (small DP)
    count = len(cells)
    best: dict[tuple[int, int], tuple[float, list[int]]] = {}
    for k in range(columns):
        best[(0, k)] = (abs(anchors[k] - cells[0].start), [k])
    for i in range(1, count):
        for k in range(i, columns):
            options = [best[(i - 1, j)] for j in range(i - 1, k) if (i - 1, j) in best]
            if options:
                cost, path = min(options, key=lambda option: option[0])
                best[(i, k)] = (cost + abs(anchors[k] - cells[i].start), path + [k])
    finals = [best[(count - 1, k)] for k in range(count - 1, columns) if (count - 1, k) in best]
    return min(finals, key=lambda option: option[0])[1]


def _is_value(text: str) -> bool:
    """Whether a cell holds a stand-alone value (a number, a percentage, NA) that never wraps."""
    return bool(_VALUE_RE.match(text.strip()))


def _ends_open(text: str) -> bool:
    """Whether a cell's text ends as if it continues on the next line."""
    words = text.split()
    return bool(words) and (words[-1].endswith(_OPEN_END_MARKS) or words[-1].lower() in _OPEN_END_WORDS)


def _is_continuation(row: dict[int, str], previous: dict[int, list[str]] | None) -> bool:
    """Whether a layout row continues the cells of the logical row above it."""
    if previous is None:
        return False
    shared = [k for k in row if k in previous]
    if any(_is_value(row[k]) and _is_value(previous[k][-1]) for k in shared):
        return False
    if 0 not in row:
        return len(previous) >= 2 or (0 in previous and _ends_open(previous[0][-1]))
    if row[0].lstrip()[:1].islower() and len(row) < len(previous):
        return True
    return set(row) == {0} and len(previous) >= 2 and 0 in previous and _ends_open(previous[0][-1])


def _leads_next(row: dict[int, str], following: dict[int, str] | None) -> bool:
    """Whether a partial row is the first line of the row below (text cells over a row of values)."""
    if following is None or 0 in row or 0 in following or any(_is_value(text) for text in row.values()):
        return False
    return set(row) < set(following) and any(_is_value(following[k]) for k in following if k not in row)


def _placed_rows(cell_rows: list[list[Cell]], anchors: list[float]) -> list[dict[int, str]]:
    """Each non-blank layout row as {column index: cell text}."""
    placed: list[dict[int, str]] = []
    for cells in cell_rows:
        if cells:
            row: dict[int, str] = {}
            for cell, column in zip(cells, _assign(cells, anchors)):
                row[column] = f"{row[column]} {cell.text}" if column in row else cell.text
            placed.append(row)
    return placed


def _merged_rows(placed: list[dict[int, str]]) -> list[dict[int, list[str]]]:
    """Layout rows merged into logical rows: continuations join the row above, lead-in lines the row below."""
    logical: list[dict[int, list[str]]] = []
    carried: dict[int, str] = {}
    for index, row in enumerate(placed):
        following = placed[index + 1] if index + 1 < len(placed) else None
        if carried:
            row = {**carried, **{k: f"{carried[k]}\n{text}" if k in carried else text for k, text in row.items()}}
            carried = {}
        previous = logical[-1] if logical else None
        if _leads_next(row, following):
            carried = row
        elif previous is not None and _is_continuation(row, previous):
            for column, text in row.items():
                previous.setdefault(column, []).append(text)
        else:
            logical.append({column: [text] for column, text in row.items()})
    if carried:
        logical.append({column: [text] for column, text in carried.items()})
    return logical


def table_rows(body: Sequence[str]) -> tuple[tuple[str, ...], ...]:
    """A table body's logical rows (non-empty cells, left to right); multi-line cells merged."""
    cell_rows = [split_cells(row) for row in body]
    multi = [cells for cells in cell_rows if is_table_row(cells)]
    if not multi:
        return tuple((cells[0].text,) for cells in cell_rows if cells)
    logical = _merged_rows(_placed_rows(cell_rows, _anchors(multi)))
    return tuple(tuple("\n".join(parts[k]) for k in sorted(parts)) for parts in logical)


def read_table(rows: Sequence[str], span: TableSpan) -> Table:
    """The caption and logical rows of a table found by find_tables."""
    body = list(rows[span.body[0] : span.body[1]])
    caption_lines = [row.strip() for row in rows[span.caption[0] : span.caption[1]] if row.strip()]
    side = side_caption_rows(body, 0, len(body))
    if side:
        for index in range(side):
            first = split_cells(body[index])[0]
            caption_lines.append(first.text)
            body[index] = " " * first.end + body[index][first.end :]
    caption = "\n".join(caption_lines)
    return Table(caption, tuple(row for row in table_rows(body) if row))
