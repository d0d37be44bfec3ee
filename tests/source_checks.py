"""Checks that highlight boxes lie over a quote's words: against drawn words, or against the PDF's own text under them."""

from __future__ import annotations

import re
from collections.abc import Sequence
from itertools import pairwise
from pathlib import Path

from guideline_pdfs import DrawnWord

from chatbot.ingest.positions import fold

Frac = tuple[int, float, float, float, float]  # page, x0, y0, x1, y1


def folded(text: str) -> str:
    """Letters and digits only, casefolded (what the comparison looks at)."""
    return "".join(fold(char) for char in text)


def quote_words(words: Sequence[DrawnWord], quote: str) -> tuple[int, int]:
    """[first, last) indices of the drawn words that spell `quote` (whitespace-insensitive)."""
    target = quote.split()
    texts = [w.text for w in words]
    for start in range(len(texts) - len(target) + 1):
        if texts[start : start + len(target)] == target:
            return start, start + len(target)
    raise AssertionError(f"quote not drawn: {quote[:60]!r}")


def _inside(box: Frac, page: int, x: float, y: float) -> bool:
    return box[0] == page and box[1] <= x <= box[3] and box[2] <= y <= box[4]


def check_against_drawn(boxes: Sequence[Frac], words: Sequence[DrawnWord], quote: str) -> None:
    """Every word of the quote has its centre in a box; no other word does; every box holds a quote word."""
    first, last = quote_words(words, quote)
    assert boxes, "no highlight boxes"
    for index, word in enumerate(words):
        centre = ((word.x0 + word.x1) / 2, (word.y0 + word.y1) / 2)
        covered = any(_inside(box, word.page, *centre) for box in boxes)
        if first <= index < last:
            assert covered, f"quote word {word.text!r} on page {word.page} is not highlighted"
        else:
            assert not covered, f"word {word.text!r} on page {word.page} outside the quote is highlighted"
    for box in boxes:
        assert any(_inside(box, w.page, (w.x0 + w.x1) / 2, (w.y0 + w.y1) / 2) for w in words[first:last]), f"stray box {box}"


def text_under(boxes: Sequence[Frac], pdf_path: Path) -> str:
    """The PDF's own text (pdfium, by position) inside the middle band of each box, in box order."""
    import pypdfium2 as pdfium

    document = pdfium.PdfDocument(str(pdf_path))
    try:
        parts = []
        for page_number, x0, y0, x1, y1 in boxes:
            page = document[page_number - 1]
            left, bottom, right, top = page.get_bbox()
            width, height = right - left, top - bottom
            middle = top - (y0 + y1) / 2 * height
            band = (y1 - y0) * height * 0.15
            textpage = page.get_textpage()
            parts.append(textpage.get_text_bounded(left + x0 * width + 0.5, middle - band, left + x1 * width - 0.5, middle + band))
        return " ".join(parts)
    finally:
        document.close()


def similarity(a: str, b: str) -> float:
    """rapidfuzz ratio of the folded texts (0-100)."""
    from rapidfuzz import fuzz

    return fuzz.ratio(folded(a), folded(b))


def sentence_across_pages(text: str, pages) -> tuple[int, int]:
    """[start, end) of a sentence that starts on one page and ends on the next (prose, not a heading)."""
    for before, after in pairwise(pages):
        tail = text[before.start : before.end]
        head = text[after.start : after.end]
        if not tail or tail.rstrip()[-1:] in ".:?!" or not head[:1].islower():
            continue
        start = before.start + max(tail.rfind(". ") + 2, tail.rfind("\n") + 1)
        end_match = re.search(r"\.(\s|$)", head)
        if end_match and end_match.start() < 400 and before.end - start > 40:
            return start, after.start + end_match.start() + 1
    raise AssertionError("no sentence runs across a page break")
