"""Read a PDF with pypdf into canonical text with page spans and font-based heading sections."""

from __future__ import annotations

import io
import logging
import re
import warnings
from collections import Counter
from collections.abc import Iterator
from contextlib import contextmanager

from pypdf import PdfReader
from pypdf.errors import DependencyError, FileNotDecryptedError, PdfReadError, PyPdfError

from chatbot.errors import ReadError
from chatbot.ingest.readers.pdf_lines import heading_key
from chatbot.ingest.readers.pdf_paragraphs import assemble
from chatbot.ingest.readers.structure import ExtractedText

log = logging.getLogger(__name__)

_BOLD_FONT_RE = re.compile(r"bold|black|heavy|semibold|demi|\.B$", re.IGNORECASE)
_MAX_HEADING_WORDS = 20


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
