"""A PDF's pages read with pypdf in its two passes (layout grid, font runs), long documents split over processes."""

from __future__ import annotations

import io
import logging
import multiprocessing
import os
import re
import threading
import warnings
from collections.abc import Callable, Iterator
from concurrent.futures import ProcessPoolExecutor
from contextlib import contextmanager
from dataclasses import dataclass
from typing import Any

from pypdf import PdfReader
from pypdf.errors import DependencyError, FileNotDecryptedError, PdfReadError, PyPdfError

from chatbot.errors import ReadError

log = logging.getLogger(__name__)

_BOLD_FONT_RE = re.compile(r"bold|black|heavy|semibold|demi|\.B$", re.IGNORECASE)
_PAGES_PER_WORKER = 12  # below this many pages per extra process, starting one costs more than it saves
_PAGE_ERRORS = (PdfReadError, PyPdfError, ValueError, KeyError, TypeError, AttributeError, IndexError)

Line = tuple[str, float, bool]


@dataclass(frozen=True)
class PageText:
    """One page: its layout-grid rows (None and `error` when unreadable) and its lines with font size and boldness."""

    rows: list[str] | None
    lines: list[Line] | None
    error: str | None = None
    encrypted: bool = False


class _ForwardToDebug(logging.Handler):
    """Re-emit pypdf's log records at DEBUG level on our own logger, so nothing reaches stderr."""

    def emit(self, record: logging.LogRecord) -> None:
        log.debug("pypdf: %s", record.getMessage())


@contextmanager
def quiet_pypdf() -> Iterator[None]:
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


def open_pdf(data: bytes, name: str) -> PdfReader:
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


def _page_rows(page) -> list[str]:
    """The page's text as rows of pypdf's fixed-width layout grid."""
    grid = page.extract_text(extraction_mode="layout", layout_mode_space_vertically=True)
    return [row.expandtabs().rstrip() for row in grid.split("\n")]


def _page_lines(page) -> list[Line]:
    """Every text line of the page with its font size and whether its font is bold."""
    lines: list[Line] = []
    parts: list[Line] = []

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


def _merge_parts(parts: list[Line]) -> Line:
    """One line from its text runs: the runs' text, the smallest size, bold only if every run is bold."""
    text = "".join(part[0] for part in parts)
    lettered = [part for part in parts if any(ch.isalpha() for ch in part[0])] or parts
    return text, min(part[1] for part in lettered), all(part[2] for part in lettered)


def _read_page(page) -> PageText:
    """Both passes over one page; an unreadable grid is an error, an unreadable font pass only loses headings."""
    try:
        rows = _page_rows(page)
    except FileNotDecryptedError:
        return PageText(None, None, "is encrypted", encrypted=True)
    except _PAGE_ERRORS as exc:
        return PageText(None, None, f"cannot be read ({exc})")
    try:
        lines: list[Line] | None = _page_lines(page)
    except _PAGE_ERRORS as exc:
        log.debug("font pass failed on a page, no headings from it (%s)", exc)
        lines = None
    return PageText(rows, lines)


def _read_own(reader: PdfReader, numbers: list[int], on_page: Callable[[], None] | None = None) -> list[PageText]:
    """The given pages of an open PDF; `on_page` is called after each."""
    pages: list[PageText] = []
    with quiet_pypdf():
        for number in numbers:
            pages.append(_read_page(reader.pages[number]))
            if on_page is not None:
                on_page()
    return pages


_worker_pages_read: Any = None  # in a worker process: the count of pages read by every worker, shared with the parent


def _share_count(counter: Any) -> None:
    """Worker start-up: keep the shared page count (handed over when the worker is forked)."""
    global _worker_pages_read
    _worker_pages_read = counter


def _count_page() -> None:
    """One more page read by a worker."""
    with _worker_pages_read.get_lock():
        _worker_pages_read.value += 1


def _read_share(data: bytes, name: str, numbers: list[int]) -> list[PageText]:
    """The given pages of the PDF, opened anew (a worker process's share of a long document)."""
    with quiet_pypdf():
        return _read_own(open_pdf(data, name), numbers, _count_page if _worker_pages_read is not None else None)


def _workers(page_count: int) -> int:
    """Processes worth using: one per available core, but only with enough pages each, and only from a single-threaded process.

    Workers are forked: spawned ones would re-run the caller's main script (a script without a
    `__main__` guard would start over); forking beside other threads could copy a lock one of them holds.
    """
    if threading.active_count() > 1:
        return 1
    cores = len(os.sched_getaffinity(0)) if hasattr(os, "sched_getaffinity") else os.cpu_count() or 1
    return max(1, min(cores, page_count // _PAGES_PER_WORKER))


def read_pages(data: bytes, name: str, on_page: Callable[[int, int], None] | None = None) -> list[PageText]:
    """Every page in order; pages are dealt round-robin to worker processes, this process reading the first share.

    `on_page(done, total)` is told, after each page this process reads, how many pages every process has read so far.
    """
    with quiet_pypdf():
        reader = open_pdf(data, name)
        page_count = len(reader.pages)
    workers = _workers(page_count)
    shares = [list(range(first, page_count, workers)) for first in range(workers)]
    context = multiprocessing.get_context("fork")
    read_elsewhere = context.Value("i", 0) if workers > 1 else None
    own = 0

    def report() -> None:
        nonlocal own
        own += 1
        if on_page is not None:
            on_page(own + (read_elsewhere.value if read_elsewhere is not None else 0), page_count)

    if workers == 1:
        return _read_own(reader, shares[0], report)
    results: dict[int, PageText] = {}
    with ProcessPoolExecutor(max_workers=workers - 1, mp_context=context, initializer=_share_count, initargs=(read_elsewhere,)) as pool:
        futures = [(share, pool.submit(_read_share, data, name, share)) for share in shares[1:]]
        results.update(zip(shares[0], _read_own(reader, shares[0], report)))
        for share, future in futures:
            results.update(zip(share, future.result()))
    if on_page is not None:
        on_page(page_count, page_count)
    return [results[number] for number in range(page_count)]
