"""Read a PDF with pypdf into canonical text with page spans and font-based heading sections."""

from __future__ import annotations

import io
import logging
import re
import warnings
from collections import Counter
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass, replace
from enum import Enum

from pypdf import PdfReader
from pypdf.errors import DependencyError, FileNotDecryptedError, PdfReadError, PyPdfError

from chatbot.errors import ReadError
from chatbot.ingest.readers.pdf_layout import (
    Line,
    column_blocks,
    column_lines,
    heading_key,
    is_heading_line,
    paragraphs,
    remove_running_lines,
)
from chatbot.ingest.readers.pdf_tables import CELL_SEPARATOR, TableSpan, find_tables, is_caption, read_table
from chatbot.ingest.text import join_line_end_hyphens, normalize_text, word_counts
from chatbot.ingest.readers.structure import ExtractedText, HeadingMark, sections_from_marks
from chatbot.types import PageSpan

log = logging.getLogger(__name__)

PAGE_SEPARATOR = "\n\n"
_BOLD_FONT_RE = re.compile(r"bold|black|heavy|semibold|demi|\.B$", re.IGNORECASE)
_MAX_HEADING_WORDS = 20
_CONTROL_RE = re.compile("[\x00-\x08\x0e-\x1f\x7f-\x9f]")  # glyphs without a character (e.g. bullets as U+0081)


class _ForwardToDebug(logging.Handler):
    """Re-emit pypdf's log records at DEBUG level on our own logger, so nothing reaches stderr."""

    def emit(self, record: logging.LogRecord) -> None:
        log.debug("pypdf: %s", record.getMessage())


@contextmanager
def _quiet_pypdf() -> Iterator[None]:
    """Route pypdf's logging and warnings away from stderr for the duration of a read."""
    pypdf_log = logging.getLogger("pypdf")
    handler = _ForwardToDebug()
    saved_propagate = pypdf_log.propagate
    pypdf_log.addHandler(handler)
    pypdf_log.propagate = False
    try:
        with warnings.catch_warnings():
            warnings.simplefilter("ignore")
            yield
    finally:
        pypdf_log.removeHandler(handler)
        pypdf_log.propagate = saved_propagate


def _open(data: bytes, name: str) -> PdfReader:
    """A PdfReader for the bytes, decrypted with the empty password when needed; ReadError otherwise."""
    try:
        reader = PdfReader(io.BytesIO(data))
    except (PdfReadError, PyPdfError, ValueError, KeyError, TypeError, OSError) as exc:
        raise ReadError(f"{name}: not a readable PDF ({exc})", hint="check the file is a complete PDF") from exc
    if reader.is_encrypted:
        try:
            decrypted = reader.decrypt("")
        except (DependencyError, NotImplementedError, PdfReadError) as exc:
            raise ReadError(f"{name}: the PDF is encrypted ({exc}); supply an unencrypted copy") from exc
        if not decrypted:
            raise ReadError(f"{name}: the PDF is encrypted; supply an unencrypted copy", hint="remove the password")
    return reader


def _page_rows(reader: PdfReader, name: str) -> list[list[str]]:
    """Each page's text as rows of pypdf's fixed-width layout grid."""
    pages: list[list[str]] = []
    try:
        for page in reader.pages:
            grid = page.extract_text(extraction_mode="layout", layout_mode_space_vertically=True)
            pages.append([row.expandtabs().rstrip() for row in grid.split("\n")])
    except FileNotDecryptedError as exc:
        raise ReadError(f"{name}: the PDF is encrypted; supply an unencrypted copy") from exc
    except (PdfReadError, PyPdfError, ValueError, KeyError, TypeError, AttributeError, IndexError) as exc:
        raise ReadError(f"{name}: page {len(pages) + 1} cannot be read ({exc})") from exc
    return pages


def _visitor_lines(reader: PdfReader) -> list[tuple[str, float, bool]]:
    """Every text line of the document with its font size and whether its font is bold."""
    lines: list[tuple[str, float, bool]] = []
    for page in reader.pages:
        parts: list[tuple[str, float, bool]] = []

        def visit(text: str, cm: list[float], tm: list[float], font: dict | None, size: float) -> None:
            scale = (tm[0] ** 2 + tm[1] ** 2) ** 0.5 * (cm[0] ** 2 + cm[1] ** 2) ** 0.5
            name = str((font or {}).get("/BaseFont", ""))
            pieces = text.split("\n")
            for index, piece in enumerate(pieces):
                if piece.strip():
                    parts.append((piece, round(size * scale, 1), bool(_BOLD_FONT_RE.search(name))))
                if index < len(pieces) - 1 and parts:
                    lines.append(_merge_parts(parts))
                    parts.clear()

        page.extract_text(visitor_text=visit)
        if parts:
            lines.append(_merge_parts(parts))
    return lines


def _merge_parts(parts: list[tuple[str, float, bool]]) -> tuple[str, float, bool]:
    """One line from its text runs: the runs' text, the smallest size, bold only if every run is bold."""
    text = "".join(part[0] for part in parts)
    lettered = [part for part in parts if any(ch.isalpha() for ch in part[0])] or parts
    return text, min(part[1] for part in lettered), all(part[2] for part in lettered)


def heading_levels(lines: list[tuple[str, float, bool]]) -> dict[str, int]:
    """Heading line keys mapped to a level (0 = largest): short runs of lines larger than body text or bold."""
    sizes: Counter[float] = Counter()
    for text, size, _ in lines:
        sizes[size] += len(text)
    if not sizes:
        return {}
    body = sizes.most_common(1)[0][0]
    candidates: dict[str, float] = {}
    group: list[tuple[str, float]] = []

    def close_group() -> None:
        joined = " ".join(text.strip() for text, _ in group)
        words = joined.split()
        if words and len(words) <= _MAX_HEADING_WORDS and (words[0][0].isupper() or words[0][0].isdigit()):
            if not joined.rstrip().endswith((".", ",", ";")) and any(c.isalpha() for c in joined):
                for text, rank in group:
                    key = heading_key(text)
                    if len(key) >= 3:
                        candidates[key] = max(candidates.get(key, 0.0), rank)
        group.clear()

    previous_style: tuple[float, bool] | None = None
    for text, size, bold in lines:
        is_heading = size >= body * 1.15 or (bold and size >= body * 0.95)
        style = (size, bold)
        if not is_heading or style != previous_style:
            close_group()
        if is_heading:
            group.append((text, size + (0.5 if bold else 0.0)))
        previous_style = style if is_heading else None
    close_group()
    ranked = sorted(set(candidates.values()), reverse=True)
    return {key: ranked.index(rank) for key, rank in candidates.items()}


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
        if para.kind is ParaKind.PROSE and index + 1 < len(paras) and paras[index + 1].kind is ParaKind.TABLE
        and is_caption(para.text)
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


def read_pdf(data: bytes, name: str) -> ExtractedText:
    """Read PDF bytes; ReadError (naming the file `name`) when corrupt, encrypted or without text."""
    with _quiet_pypdf():
        reader = _open(data, name)
        if len(reader.pages) == 0:
            raise ReadError(f"{name}: the PDF has no pages")
        rows = _page_rows(reader, name)
        if not any(row.strip() for page in rows for row in page):
            raise ReadError(f"{name}: the PDF has no extractable text (scanned images?); supply a PDF with a text layer")
        try:
            levels = heading_levels(_visitor_lines(reader))
        except (PdfReadError, PyPdfError, ValueError, KeyError, TypeError, AttributeError, IndexError) as exc:
            log.debug("%s: font pass failed, no headings (%s)", name, exc)
            levels = {}
    result = assemble(rows, levels)
    if not result.text.strip():
        raise ReadError(f"{name}: the PDF has no extractable text; supply a PDF with a text layer")
    return result
