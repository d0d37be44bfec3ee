"""Statement rows graded by symbols in a right-hand cell ("7a | We suggest … | ↑ ⊕⊕◯◯"): the label and the statement's
lines first, then the symbols on a paragraph of their own, so that the statement reads as one paragraph with its grade
after it instead of symbols strewn through its lines. A part letter wrapped under its number ("10" over "a") joins it, and
a label cell that the statement's own first words repeat ("A | Good practice statement A: …") is left out."""

from __future__ import annotations

import re
import unicodedata
from dataclasses import dataclass

from chatbot.ingest.readers.pdf_tables import Cell, split_cells

_LABEL_CELL = re.compile(r"^(?:\d{1,3}[a-z]?|[A-Z])$")
_PART_CELL = re.compile(r"^[a-z]$")
_ALIGN = 2  # grid columns a continuation line's text may start off the statement's first line
_REPEAT_WORDS = 5  # a label cell the statement's first words repeat is left out


@dataclass
class _GradedRow:
    """A statement row being read: where its label and text start, the label, its lines and its grade cells."""

    label_at: int
    text_at: int
    label: str
    lines: list[str]
    grade: list[str]


def _is_symbols(text: str) -> bool:
    """Whether a cell holds symbols only (arrows, GRADE circles, check marks), no letters or digits."""
    marks = [char for char in text if not char.isspace()]
    return bool(marks) and all(unicodedata.category(char).startswith("S") for char in marks)


def _opening(cells: list[Cell]) -> _GradedRow | None:
    """The statement row a layout row opens: a short label cell, the statement's first line and a symbols-only cell."""
    if len(cells) != 3 or not _LABEL_CELL.match(cells[0].text) or not _is_symbols(cells[2].text):
        return None
    label, text, grade = cells
    return _GradedRow(label.start, text.start, label.text, [text.text], [grade.text])


def _continues(graded: _GradedRow, cells: list[Cell]) -> bool:
    """Read a layout row into the statement row when it goes on with its text (maybe a part letter, maybe grade cells)."""
    texts = [k for k, cell in enumerate(cells) if abs(cell.start - graded.text_at) <= _ALIGN]
    if not texts:
        return False
    first = texts[0]
    before, after = cells[:first], cells[first + 1 :]
    if len(before) > 1 or (before and not _PART_CELL.match(before[0].text)):
        return False
    if any(cell.start < graded.text_at + len(cells[first].text) for cell in after):
        return False
    if before:
        graded.label += before[0].text
    graded.lines.append(cells[first].text)
    graded.grade.extend(cell.text for cell in after)
    return True


def _rendered(graded: _GradedRow) -> list[str]:
    """The statement row as layout rows: label and first line, the other lines, then the grade between blank rows."""
    words = graded.lines[0].split()[:_REPEAT_WORDS]
    repeated = graded.label in (word.strip(":.,;") for word in words)
    label = "" if repeated else graded.label
    head = " " * graded.label_at + label
    first = head + " " * max(1, graded.text_at - len(head)) + graded.lines[0] if label else " " * graded.text_at + graded.lines[0]
    indent = " " * graded.text_at
    return [first, *(indent + line for line in graded.lines[1:]), "", indent + " ".join(graded.grade), ""]


def regroup_graded_rows(rows: list[str]) -> list[str]:
    """A page's layout rows with every symbol-graded statement row regrouped (see the module docstring)."""
    out: list[str] = []
    position = 0
    while position < len(rows):
        graded = _opening(split_cells(rows[position]))
        if graded is None:
            out.append(rows[position])
            position += 1
            continue
        position += 1
        while position < len(rows) and rows[position].strip() and _continues(graded, split_cells(rows[position])):
            position += 1
        out.extend(_rendered(graded))
    return out
