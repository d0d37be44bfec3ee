"""Table rows in canonical text ("4 | We recommend ... | Against | 1B") and the statement a row names by its label."""

from __future__ import annotations

import re
from collections.abc import Iterator, Sequence

from chatbot.ingest.readers.pdf_tables import CELL_SEPARATOR

LABEL_TAIL = 16  # characters a label may take after the number a row gives ("[1B] ", ". ", " 1A ")


def is_table_row(line: str) -> bool:
    """A line whose cells are set apart by " | " (a table row as the readers write it)."""
    return CELL_SEPARATOR in line or line.lstrip().startswith("| ") or line.rstrip().endswith(" |")


def lines_in(text: str, start: int, end: int) -> Iterator[tuple[int, int]]:
    """The (start, end) offsets of each line of text[start:end]."""
    cursor = start
    while cursor <= end:
        stop = text.find("\n", cursor, end)
        stop = end if stop < 0 else stop
        yield cursor, stop
        cursor = stop + 1


def _first_cell(line: str) -> str:
    """A row's first cell when it is short and holds a number (a label such as "4", "3a", "GPP 1"), else ""."""
    cell = line.split(CELL_SEPARATOR, 1)[0].strip() if CELL_SEPARATOR in line else ""
    return cell if cell and len(cell) <= 25 and any(ch.isdigit() for ch in cell) else ""


def _labelled(text: str, cell: str, statement_start: int) -> bool:
    """Whether the statement starting at `statement_start` is printed right after the label `cell` (at its line's start or
    after a sentence's end, then at most a grade code or a full stop)."""
    line_start = text.rfind("\n", 0, statement_start) + 1
    window = max(line_start, statement_start - len(cell) - LABEL_TAIL - 3)
    opening = r"(?:^|[.!?)\]]\s+)" if window == line_start else r"[.!?)\]]\s+"
    pattern = rf"{opening}{re.escape(cell)}(?![A-Za-z0-9])[^\n]{{0,{LABEL_TAIL}}}$"
    return bool(re.search(pattern, text[window:statement_start], re.IGNORECASE))


def row_links(text: str, start: int, end: int, statements: Sequence[tuple[str, int]]) -> list[tuple[int, int, str]]:
    """The table rows of text[start:end] whose first cell is the label of exactly one statement (id, start): (row start,
    row end, that statement's id)."""
    found: list[tuple[int, int, str]] = []
    for line_start, line_end in lines_in(text, start, end):
        cell = _first_cell(text[line_start:line_end])
        named = {rec_id for rec_id, at in statements if cell and not line_start <= at < line_end and _labelled(text, cell, at)}
        if len(named) == 1:
            found.append((line_start, line_end, named.pop()))
    return found
