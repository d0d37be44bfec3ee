"""Lines of a PDF column and the paragraphs and headings they make."""

from __future__ import annotations

import re
from collections.abc import Collection

from chatbot.ingest.readers.pdf_layout import Line

_LIST_MARKER_RE = re.compile(r"^(?:[•▪◦●■–—-]\s|\(?\d{1,2}[.)]\s|\(?[a-z][.)]\s)")
_SENTENCE_END = (".", ":", "?", "!", ".)", ".”", '."')


def column_lines(rows: list[str]) -> list[Line | None]:
    """A column's rows as Lines indented from the column's left edge; None marks a blank row."""
    indents = [len(row) - len(row.lstrip(" ")) for row in rows if row.strip()]
    margin = min(indents, default=0)
    return [Line(len(row) - len(row.lstrip(" ")) - margin, " ".join(row.split())) if row.strip() else None for row in rows]


def paragraphs(lines: list[Line | None], headings: set[str]) -> list[str]:
    """Lines joined into paragraphs: breaks at blank rows, headings, list markers and indented first lines."""
    result: list[str] = []
    current: list[str] = []
    previous: Line | None = None

    def flush() -> None:
        if current:
            result.append("\n".join(current))
            current.clear()

    for line in lines:
        if line is None:
            flush()
            previous = None
            continue
        is_heading = is_heading_line(line.text, headings)
        previous_heading = previous is not None and is_heading_line(previous.text, headings)
        if is_heading != previous_heading or (previous is not None and _starts_paragraph(previous, line)):
            flush()
        current.append(line.text)
        previous = line
    flush()
    return result


def _starts_paragraph(previous: Line, line: Line) -> bool:
    """Whether `line` opens a new paragraph after `previous` within one column."""
    if _LIST_MARKER_RE.match(line.text):
        return True
    return previous.text.endswith(_SENTENCE_END) and line.indent != previous.indent


def heading_key(text: str) -> str:
    """A line's identity for matching heading lines between extraction passes."""
    return re.sub(r"[\W_]+", "", text).lower()


def is_heading_line(text: str, headings: Collection[str]) -> bool:
    """Whether a line is one of the document's heading lines (and does not end like a sentence)."""
    return heading_key(text) in headings and not text.endswith((".", ",", ";"))
