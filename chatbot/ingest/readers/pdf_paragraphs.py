"""Paragraphs of a PDF page: prose, tables and captions, joined across column and page breaks, then assembled into canonical text."""

from __future__ import annotations

import re
from collections import Counter
from dataclasses import dataclass, replace
from enum import Enum

from chatbot.ingest.readers.pdf_layout import Line, column_blocks, remove_running_lines
from chatbot.ingest.readers.pdf_lines import column_lines, heading_key, is_heading_line, paragraphs
from chatbot.ingest.readers.pdf_table_rows import read_table
from chatbot.ingest.readers.pdf_tables import CELL_SEPARATOR, TableSpan, find_tables, is_caption
from chatbot.ingest.readers.structure import ExtractedText, HeadingMark, sections_from_marks
from chatbot.ingest.text import join_line_end_hyphens, normalize_text, word_counts
from chatbot.types import PageSpan

PAGE_SEPARATOR = "\n\n"
_CONTROL_RE = re.compile("[\x00-\x08\x0e-\x1f\x7f-\x9f]")  # glyphs without a character (e.g. bullets as U+0081)


class ParaKind(Enum):
    """What a paragraph of a page is: running text, or a table's caption, rows or notes."""

    PROSE = "prose"
    CAPTION = "caption"
    TABLE = "table"
    NOTE = "note"


@dataclass(frozen=True)
class Para:
    """A paragraph of a page: text lines joined by newlines, or (for a table) rows of cell texts."""

    kind: ParaKind
    text: str = ""
    rows: tuple[tuple[str, ...], ...] = ()


def _trimmed(lines: list[Line | None]) -> list[Line | None]:
    """Lines without the blank rows at either end."""
    start, end = 0, len(lines)
    while start < end and lines[start] is None:
        start += 1
    while end > start and lines[end - 1] is None:
        end -= 1
    return lines[start:end]


def _prose(lines: list[Line | None], headings: set[str]) -> list[Para]:
    """Prose paragraphs from lines."""
    return [Para(ParaKind.PROSE, text) for text in paragraphs(lines, headings)]


def _table_paras(column: list[str], lines: list[Line | None], span: TableSpan, headings: set[str]) -> list[Para]:
    """A table's caption, rows and notes as paragraphs."""
    table = read_table(column, span)
    result = [Para(ParaKind.CAPTION, table.caption)] if table.caption else []
    if table.rows:
        result.append(Para(ParaKind.TABLE, rows=table.rows))
    notes = _trimmed(lines[span.notes[0] : span.notes[1]])
    result.extend(Para(ParaKind.NOTE, text) for text in paragraphs(notes, headings))
    return result


def _block_paragraphs(block: list[list[str]], headings: set[str]) -> list[Para]:
    """A block's paragraphs: prose flowing from column to column, tables cut out where they stand."""
    result: list[Para] = []
    flowing: list[Line | None] = []
    for column in block:
        lines = column_lines(column)
        cursor = 0
        for span in find_tables(column):
            flowing.extend(_trimmed(lines[cursor : span.start]))
            result.extend(_prose(flowing, headings))
            flowing = []
            result.extend(_table_paras(column, lines, span, headings))
            cursor = span.end
        flowing.extend(_trimmed(lines[cursor:]))
    result.extend(_prose(flowing, headings))
    return result


def _page_paragraphs(rows: list[str], headings: set[str]) -> list[Para]:
    """A page's paragraphs in reading order: blocks top to bottom, columns left to right, flowing across columns."""
    result: list[Para] = []
    for block in column_blocks(rows):
        result.extend(_block_paragraphs(block, headings))
    return _rejoin_hyphen_breaks(_label_captions(result), headings)


def _label_captions(paras: list[Para]) -> list[Para]:
    """A prose paragraph opening with "Table N" right before a table is that table's caption."""
    return [
        replace(para, kind=ParaKind.CAPTION)
        if para.kind is ParaKind.PROSE and index + 1 < len(paras) and paras[index + 1].kind is ParaKind.TABLE and is_caption(para.text)
        else para
        for index, para in enumerate(paras)
    ]


def _rejoin_hyphen_breaks(paras: list[Para], headings: set[str]) -> list[Para]:
    """Merge prose split mid-sentence by a block break or a table: the table then follows the whole paragraph.

    The next paragraph continues the previous one when it starts lowercase, or the previous ends "letter-".
    """
    merged: list[Para] = []
    for para in paras:
        target = _continued(merged, para, headings)
        if target is None:
            merged.append(para)
        else:
            merged[target] = replace(merged[target], text=f"{merged[target].text}\n{para.text}")
    return merged


def _continued(merged: list[Para], para: Para, headings: set[str]) -> int | None:
    """The index of the prose paragraph that `para` continues (past any table in between), or None."""
    if para.kind is not ParaKind.PROSE:
        return None
    index = len(merged) - 1
    while index >= 0 and merged[index].kind in (ParaKind.CAPTION, ParaKind.TABLE, ParaKind.NOTE):
        index -= 1
    if index < 0 or merged[index].kind is not ParaKind.PROSE:
        return None
    previous = merged[index].text
    continues = (re.search(r"[A-Za-z]-$", previous) and para.text[:1].isalpha()) or (
        para.text[:1].islower() and previous and not previous.endswith((".", ":", "?", "!"))
    )
    if continues and not is_heading_line(para.text.split("\n")[0], headings) and not _is_heading_para(previous, headings):
        return index
    return None


def _is_heading_para(para: str, headings: set[str]) -> bool:
    """Whether a paragraph is a heading."""
    return bool(para) and is_heading_line(para.split("\n")[0], headings)


def _reflow(paragraph: str) -> str:
    """A paragraph's remaining line breaks turned into single spaces."""
    return " ".join(line.strip() for line in paragraph.split("\n") if line.strip())


def _clean(text: str) -> str:
    """Text normalised, with control characters (unmapped glyphs) dropped."""
    return normalize_text(_CONTROL_RE.sub("", text))


def _normalized(para: Para) -> Para:
    """A paragraph with its text (or every table cell) normalised."""
    if para.kind is not ParaKind.TABLE:
        return replace(para, text=_clean(para.text))
    return replace(para, rows=tuple(tuple(_clean(cell) for cell in row) for row in para.rows))


def _plain(para: Para) -> str:
    """A paragraph's words as plain text (table cells one per line), for counting words."""
    if para.kind is not ParaKind.TABLE:
        return para.text
    return "\n".join(cell for row in para.rows for cell in row)


def _render(para: Para, counts: Counter[str]) -> str:
    """A paragraph's canonical text: prose reflowed; a table one line per row, cells joined by " | "."""
    if para.kind is not ParaKind.TABLE:
        return _reflow(join_line_end_hyphens(para.text, counts))
    lines: list[str] = []
    for row in para.rows:
        cells = [flowed for cell in row if (flowed := _reflow(join_line_end_hyphens(cell, counts)))]
        if cells:
            lines.append(CELL_SEPARATOR.join(cells))
    return "\n".join(lines)


def assemble(
    page_rows: list[list[str]],
    levels: dict[str, int],
) -> ExtractedText:
    """Canonical text, page spans and sections from layout rows and heading levels."""
    pages = remove_running_lines([[row if row.strip() else "" for row in rows] for rows in page_rows])
    page_paragraphs = [[_normalized(p) for p in _page_paragraphs(rows, set(levels))] for rows in pages]
    counts = word_counts("\n\n".join(_plain(p) for paras in page_paragraphs for p in paras))
    text_parts: list[str] = []
    spans: list[PageSpan] = []
    marks: list[HeadingMark] = []
    offset = 0
    for number, paras in enumerate(page_paragraphs, start=1):
        if text_parts:
            text_parts.append(PAGE_SEPARATOR)
            offset += len(PAGE_SEPARATOR)
        start = offset
        for para in paras:
            flowed = _render(para, counts)
            if not flowed:
                continue
            if offset > start:
                text_parts.append("\n\n")
                offset += 2
            first_line = para.text.split("\n")[0]
            if para.kind is ParaKind.PROSE and is_heading_line(first_line, levels):
                marks.append(HeadingMark(offset, flowed, levels[heading_key(first_line)]))
            text_parts.append(flowed)
            offset += len(flowed)
        spans.append(PageSpan(number, start, offset))
    text = "".join(text_parts)
    return ExtractedText(text, tuple(spans), sections_from_marks(marks, len(text)))
