"""Pure layout helpers for PDF text laid out on a fixed-width grid: running lines, columns, paragraphs."""

from __future__ import annotations

import math
import re
from collections import Counter
from collections.abc import Collection
from dataclasses import dataclass

_EDGE_LINES = 3
_MIN_GUTTER = 2
_MIN_COLUMN_GAP = 5
_MIN_COLUMN_ROWS = 3  # side-by-side rows needed to call a page two-column (short last-page columns count)
_PAGE_NUMBER_RE = re.compile(r"^\W*(?:page\s*)?\d{1,4}(?:\s*(?:of|/)\s*\d{1,4})?\W*$", re.IGNORECASE)
_LIST_MARKER_RE = re.compile(r"^(?:[•▪◦●■–—-]\s|\(?\d{1,2}[.)]\s|\(?[a-z][.)]\s)")
_SENTENCE_END = (".", ":", "?", "!", ".)", ".”", '."')


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
        drop = {
            i
            for i, key in _edge_rows(rows).items()
            if key in repeated or _PAGE_NUMBER_RE.match(rows[i].strip())
        }
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
    gaps = sorted(
        len(a) - len(a.rstrip()) + len(b) - len(b.lstrip()) for a, b in zip(left, right) if a.strip() and b.strip()
    )
    return not gaps or gaps[len(gaps) // 2] >= _MIN_COLUMN_GAP


def column_blocks(rows: list[str]) -> list[list[list[str]]]:
    """Rows grouped into blocks in reading order; each block is a list of columns, each a list of rows."""
    gutter = find_gutter(rows)
    if gutter is None:
        return [[rows]]
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

    for index, row in enumerate(rows):
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
        if cut is None or _is_isolated_one_sided(rows, index, gutter):
            flush_columns()
            spanning.append(row)
            continue
        flush_spanning()
        left.append(row[:cut])
        right.append(row[cut:])
    flush_spanning()
    flush_columns()
    return blocks


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
