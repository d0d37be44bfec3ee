"""Where a PDF's canonical text sits on its pages: pdfium's character boxes aligned to the reader's text.

The PDF reader builds canonical text with pypdf (reading order, running lines removed, hyphens joined,
tables flattened). pdfium (pypdfium2) gives every character of a page with its box. Both streams are
folded to letters and digits (NFKC, casefold) page by page and aligned with an LCS diff (rapidfuzz's
Indel opcodes); runs the diff leaves unmatched (blocks in another order, table cells) are then looked
up among pdfium's unmatched characters. Each canonical word (split where it changes line, as in
"recom-" / "mendation") becomes a piece: its [start, end) offsets, page and box (fractions of the page,
origin top-left). A quote's boxes are the pieces it covers, merged into one box per line run.
"""

from __future__ import annotations

import logging
import re
import threading
import unicodedata
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path
from typing import TYPE_CHECKING, Any

from chatbot.types import Box, Document, PageSpan

if TYPE_CHECKING:
    import numpy as np

log = logging.getLogger(__name__)

MIN_RUN = 3  # shorter equal runs of the diff are chance matches
MIN_MOVED_RUN = 12  # unmatched canonical runs this long are searched for elsewhere on the page
MOVED_RUN_SCORE = 85.0
SCALE = 65535  # boxes are stored as uint16 fractions of the page
LINE_GAP = 0.025  # a horizontal gap wider than this (fraction of the page width) starts a new box
_WORD_RE = re.compile(r"\S+")

# pdfium is not thread-safe: every call into it, here and when rendering pages, holds this lock.
PDFIUM_LOCK = threading.RLock()


@dataclass(frozen=True)
class DocumentPositions:
    """Pieces of a document's canonical text with their page boxes, sorted by start offset."""

    starts: np.ndarray  # int32 canonical offsets
    ends: np.ndarray  # int32
    pages: np.ndarray  # uint16, 1-based
    boxes: np.ndarray  # uint16 (n, 4): x0, y0, x1, y1 as fractions * SCALE, origin top-left
    page_count: int
    coverage: float  # share of the canonical text's letters and digits that have a box

    def save(self, path: Path) -> None:
        """Write the positions as one compressed .npz file."""
        import numpy as np

        with path.open("wb") as handle:
            np.savez_compressed(
                handle,
                starts=self.starts,
                ends=self.ends,
                pages=self.pages,
                boxes=self.boxes,
                meta=np.array([self.page_count, self.coverage], dtype=np.float64),
            )

    @classmethod
    def load(cls, path: Path) -> DocumentPositions:
        """Read positions written by save()."""
        import numpy as np

        with np.load(path) as data:
            meta = data["meta"]
            return cls(data["starts"], data["ends"], data["pages"], data["boxes"], int(meta[0]), float(meta[1]))

    def boxes_for(self, start: int, end: int) -> list[Box]:
        """The boxes of the text at [start, end): one per line run, in reading order."""
        import numpy as np

        first = int(np.searchsorted(self.ends, start, side="right"))
        last = int(np.searchsorted(self.starts, end, side="left"))
        pieces = zip(  # the pieces' values as Python numbers, read once (not one numpy scalar at a time)
            self.starts[first:last].tolist(),
            self.ends[first:last].tolist(),
            self.pages[first:last].tolist(),
            self.boxes[first:last].tolist(),
        )
        merged: list[_Corners] = []
        for piece_start, piece_end, page, corners in pieces:
            box = _clipped(piece_start, piece_end, page, corners, start, end)
            if box is None:
                continue
            if merged and _same_line(merged[-1], box):
                previous = merged[-1]
                merged[-1] = (page, min(previous[1], box[1]), min(previous[2], box[2]), max(previous[3], box[3]), max(previous[4], box[4]))
            else:
                merged.append(box)
        return [Box(page, round(x0, 4), round(y0, 4), round(x1, 4), round(y1, 4)) for page, x0, y0, x1, y1 in merged]


_Corners = tuple[int, float, float, float, float]  # page, x0, y0, x1, y1 of a box being merged


def _clipped(piece_start: int, piece_end: int, page: int, corners: list[int], start: int, end: int) -> _Corners | None:
    """A piece's box (corners as stored), narrowed in proportion when [start, end) covers only part of it."""
    if piece_end <= start or piece_start >= end:
        return None
    x0, y0, x1, y1 = (float(v) / SCALE for v in corners)
    length = piece_end - piece_start
    left = (max(start, piece_start) - piece_start) / length
    right = (min(end, piece_end) - piece_start) / length
    return (page, x0 + left * (x1 - x0), y0, x0 + right * (x1 - x0), y1)


def _same_line(previous: _Corners, box: _Corners) -> bool:
    """Whether a box continues the previous one's line: same page, overlapping rows, a little to the right."""
    page, x0, y0, _, y1 = box
    if previous[0] != page:
        return False
    overlap = min(previous[4], y1) - max(previous[2], y0)
    height = min(previous[4] - previous[2], y1 - y0)
    if height <= 0 or overlap < 0.5 * height:
        return False
    return previous[3] - 0.5 * height <= x0 <= previous[3] + LINE_GAP


@lru_cache(maxsize=4096)
def fold(char: str) -> str:
    """A character's letters and digits after NFKC and casefolding (ligatures become letters; the rest vanishes)."""
    return "".join(c for c in unicodedata.normalize("NFKC", char).casefold() if c.isalnum())


@dataclass
class _PageChars:
    """One page's pdfium characters folded: the stream, each stream char's pdfium index, and the page frame."""

    stream: str
    index: list[int]
    textpage: Any  # pypdfium2.PdfTextPage
    frame: tuple[float, float, float, float]  # left, bottom, right, top
    rotation: int


def _page_chars(page) -> _PageChars:
    """pdfium's characters of a page folded into one stream."""
    from pypdfium2 import raw

    textpage = page.get_textpage()
    unicode_of, handle = raw.FPDFText_GetUnicode, textpage.raw
    chars = [fold(chr(unicode_of(handle, i) or 32)) for i in range(textpage.count_chars())]
    index = [i for i, folded in enumerate(chars) for _ in folded]
    return _PageChars("".join(chars), index, textpage, tuple(page.get_bbox()), page.get_rotation() % 360)


def _canonical_stream(text: str, span: PageSpan) -> tuple[str, list[int]]:
    """A page's canonical text folded, with each stream char's canonical offset."""
    chars = [fold(char) for char in text[span.start : span.end]]
    return "".join(chars), [offset for offset, folded in enumerate(chars, start=span.start) for _ in folded]


def align(canonical: str, pdf: str) -> list[int]:
    """For each char of `canonical`, the index of the same char in `pdf`, or -1: LCS diff, then moved runs."""
    from rapidfuzz.distance import Indel

    matched = [-1] * len(canonical)
    taken = [False] * len(pdf)

    def take(c_start: int, p_start: int, length: int) -> None:
        for k in range(length):
            matched[c_start + k] = p_start + k
            taken[p_start + k] = True

    for op in Indel.opcodes(canonical, pdf):
        if op.tag == "equal" and op.src_end - op.src_start >= MIN_RUN:
            take(op.src_start, op.dest_start, op.src_end - op.src_start)
    for c_start, c_end in sorted(_unmatched_runs(matched), key=lambda r: r[0] - r[1]):
        _place_moved_run(canonical, pdf, c_start, c_end, taken, take)
    return matched


def _unmatched_runs(matched: list[int]) -> list[tuple[int, int]]:
    """Runs of unmatched canonical chars at least MIN_MOVED_RUN long."""
    runs: list[tuple[int, int]] = []
    start = None
    for position, value in enumerate([*matched, 0]):
        if value < 0 and start is None:
            start = position
        elif value >= 0 and start is not None:
            if position - start >= MIN_MOVED_RUN:
                runs.append((start, position))
            start = None
    return runs


def _place_moved_run(canonical: str, pdf: str, c_start: int, c_end: int, taken: list[bool], take) -> None:
    """Find an unmatched canonical run among pdfium's unmatched chars: exactly, else by its best fuzzy window."""
    from rapidfuzz import fuzz
    from rapidfuzz.distance import Indel

    run = canonical[c_start:c_end]
    free = "".join("\0" if used else char for char, used in zip(pdf, taken))
    found = free.find(run)
    if found >= 0:
        take(c_start, found, len(run))
        return
    window = fuzz.partial_ratio_alignment(run, free, score_cutoff=MOVED_RUN_SCORE)
    if window is None:
        return
    for op in Indel.opcodes(run, free[window.dest_start : window.dest_end]):
        if op.tag == "equal" and op.src_end - op.src_start >= MIN_RUN:
            take(c_start + op.src_start, window.dest_start + op.dest_start, op.src_end - op.src_start)


def _fraction_boxes(chars: _PageChars, pdf_indices: list[int]) -> dict[int, tuple[float, float, float, float]]:
    """pdfium chars' loose boxes as (x0, y0, x1, y1) fractions of the rendered page, origin top-left, by char index."""
    import numpy as np
    from pypdfium2 import raw

    rect, handle, loose_box = raw.FS_RECTF(), chars.textpage.raw, raw.FPDFText_GetLooseCharBox
    found: list[float] = []
    for pdf_index in pdf_indices:
        if not loose_box(handle, pdf_index, rect):
            raise ValueError(f"pdfium has no box for character {pdf_index}")
        found += (rect.left, rect.bottom, rect.right, rect.top)
    corners = np.array(found, dtype=np.float64).reshape(-1, 4)  # left, bottom, right, top in PDF units
    frame_left, frame_bottom, frame_right, frame_top = chars.frame
    width, height = frame_right - frame_left or 1.0, frame_top - frame_bottom or 1.0
    x0, x1 = (corners[:, 0] - frame_left) / width, (corners[:, 2] - frame_left) / width
    y0, y1 = (frame_top - corners[:, 3]) / height, (frame_top - corners[:, 1]) / height
    if chars.rotation == 90:
        x0, y0, x1, y1 = 1 - y1, x0, 1 - y0, x1
    elif chars.rotation == 180:
        x0, y0, x1, y1 = 1 - x1, 1 - y1, 1 - x0, 1 - y0
    elif chars.rotation == 270:
        x0, y0, x1, y1 = y0, 1 - x1, y1, 1 - x0
    fractions = np.minimum(np.maximum(np.stack([x0, y0, x1, y1], axis=1), 0.0), 1.0).tolist()
    return dict(zip(pdf_indices, map(tuple, fractions)))


def _new_line(previous: tuple[float, float, float, float], box: tuple[float, float, float, float]) -> bool:
    """Whether the next char of a word sits on another line than the previous one."""
    middle = (box[1] + box[3]) / 2
    return not previous[1] <= middle <= previous[3] or box[0] < previous[0] - 0.002


Piece = tuple[int, int, int, tuple[float, float, float, float]]  # start, end, page, box


def _page_pieces(text: str, span: PageSpan, chars: _PageChars, mapping: dict[int, int]) -> list[Piece]:
    """(start, end, page, box) of every word piece of a page that has boxes."""
    pieces: list[Piece] = []
    boxes = _fraction_boxes(chars, sorted(set(mapping.values())))  # each pdfium char's box read once, in one pass
    for word in _WORD_RE.finditer(text, span.start, span.end):
        current: list = []  # [start, end, box] of the piece being grown
        for offset in range(word.start(), word.end()):
            pdf_index = mapping.get(offset)
            if pdf_index is None:
                continue
            box = boxes[pdf_index]
            if current and not _new_line(current[2], box):
                previous = current[2]
                current[1] = offset + 1
                current[2] = (min(previous[0], box[0]), min(previous[1], box[1]), max(previous[2], box[2]), max(previous[3], box[3]))
                continue
            if current:
                pieces.append((current[0], current[1], span.number, current[2]))
            current = [offset, offset + 1, box]
        if current:
            pieces.append((current[0], current[1], span.number, current[2]))
    return pieces


def _widen_to_words(pieces: list[Piece], text: str) -> list[Piece]:
    """Each word's first and last piece stretched over its leading and trailing punctuation, in offsets only."""
    widened: list[Piece] = []
    for index, (start, end, page, box) in enumerate(pieces):
        while start > 0 and not text[start - 1].isspace() and (not widened or widened[-1][1] < start):
            start -= 1
        limit = pieces[index + 1][0] if index + 1 < len(pieces) else len(text)
        while end < limit and not text[end].isspace():
            end += 1
        widened.append((start, end, page, box))
    return widened


def extract_positions(path: Path, text: str, pages: tuple[PageSpan, ...]) -> DocumentPositions:
    """Align the PDF at `path` with its canonical text page by page; pieces with their boxes."""
    import numpy as np
    import pypdfium2 as pdfium

    pieces: list[Piece] = []
    letters = mapped = 0
    with PDFIUM_LOCK:
        document = pdfium.PdfDocument(str(path))
        try:
            page_count = len(document)
            for span in pages:
                if span.number > page_count:
                    continue
                page = document[span.number - 1]
                chars = _page_chars(page)
                canonical, offsets = _canonical_stream(text, span)
                matched = align(canonical, chars.stream)
                mapping: dict[int, int] = {}
                for position, target in enumerate(matched):
                    if target >= 0:
                        mapping.setdefault(offsets[position], chars.index[target])
                letters += len(canonical)
                mapped += sum(1 for target in matched if target >= 0)
                pieces += _page_pieces(text, span, chars, mapping)
                chars.textpage.close()
                page.close()
        finally:
            document.close()
    pieces = _widen_to_words(pieces, text)
    boxes = np.array([[round(v * SCALE) for v in piece[3]] for piece in pieces], dtype=np.uint16).reshape(-1, 4)
    return DocumentPositions(
        starts=np.array([p[0] for p in pieces], dtype=np.int32),
        ends=np.array([p[1] for p in pieces], dtype=np.int32),
        pages=np.array([p[2] for p in pieces], dtype=np.uint16),
        boxes=boxes,
        page_count=page_count,
        coverage=mapped / letters if letters else 0.0,
    )


def document_positions(
    documents: Sequence[Document], base_dir: Path, on_document: Callable[[int, int], None] | None = None
) -> dict[str, DocumentPositions]:
    """Positions of every PDF document (paths relative to `base_dir`); a PDF pdfium cannot read gets none."""
    found: dict[str, DocumentPositions] = {}
    pdfs = [d for d in documents if d.pages and Path(d.path).suffix.lower() == ".pdf"]
    for number, document in enumerate(pdfs, start=1):
        try:
            found[document.id] = extract_positions(base_dir / document.path, document.text, document.pages)
        except Exception as exc:  # noqa: BLE001 - highlights are a convenience: a PDF pdfium rejects still ingests
            log.warning("%s: no character positions (%s: %s)", document.path, type(exc).__name__, exc)
        if on_document is not None:
            on_document(number, len(pdfs))
    return found
