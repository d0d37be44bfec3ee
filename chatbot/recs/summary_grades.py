"""Grades printed only in a summary table: a row whose first cell names a statement ("Statement 3", "Rec. 7a") and
whose other cells hold its strength ("Strong", "Conditional recommendation", "2C") and certainty ("Low", "Very low")."""

from __future__ import annotations

import re

from chatbot.ingest.readers.pdf_tables import CELL_SEPARATOR
from chatbot.recs.anchors import label_cell_number
from chatbot.recs.grade_codes import CodeLegend, cell_code, document_legend
from chatbot.recs.grading import GRADE, Grade, parse_grade_label
from chatbot.recs.schema import Certainty, Strength, certainty_level

_STRENGTH_CELL = re.compile(r"^(?P<strength>strong|conditional|weak)\b(?:\s+recommendation)?(?:\s+(?:for|against))?$", re.IGNORECASE)
_CERTAINTY_CELL = re.compile(
    r"^(?P<level>very[\s\-\u2010\u2011]+low|low|moderate|high)\b(?:[\s\-]+(?:certainty|quality))?(?:\s+evidence)?\W*$", re.IGNORECASE
)
_LABEL_CELL = re.compile(r"^(?:strong|conditional|weak)\s+recommendation\b", re.IGNORECASE)


def _row_grade(cells: list[str], start: int, end: int, legend: CodeLegend) -> Grade | None:
    """The grade a table row's cells give, or None when no cell is a strength."""
    strength, certainty, labels = Strength.UNKNOWN, Certainty.UNKNOWN, {}
    for cell in cells:
        words = " ".join(cell.split())
        if (coded := cell_code(words, legend)) is not None:
            return Grade(GRADE, start, end, coded[0], coded[1], {"grade": words})
        whole = parse_grade_label(words) if _LABEL_CELL.match(words) else None
        if whole is not None and whole[1] is not Certainty.UNKNOWN:  # "Conditional recommendation, low certainty" in one cell
            return Grade(GRADE, start, end, *whole)
        if strength == Strength.UNKNOWN and (match := _STRENGTH_CELL.match(words)):
            strength = Strength.STRONG if match.group("strength").lower() == "strong" else Strength.CONDITIONAL
            labels["strength"] = words
        elif certainty == Certainty.UNKNOWN and (match := _CERTAINTY_CELL.match(words)):
            certainty = certainty_level(match.group("level"))
            labels["certainty"] = words
    return Grade(GRADE, start, end, strength, certainty, labels) if strength != Strength.UNKNOWN else None


def summary_grades(text: str) -> dict[tuple[int, str | None], Grade]:
    """Each statement's grade from the first table row that names it and gives its strength."""
    found: dict[tuple[int, str | None], Grade] = {}
    offset = 0
    legend = document_legend(text)
    for line in text.splitlines(keepends=True):
        start, offset = offset, offset + len(line)
        if CELL_SEPARATOR not in line:
            continue
        cells = line.strip().split(CELL_SEPARATOR)
        key = label_cell_number(cells[0])
        if key is not None and key not in found and (grade := _row_grade(cells[1:], start, offset, legend)) is not None:
            found[key] = grade
    return found
