"""Sentence boundaries as char spans, so that quotes stay exact slices of the canonical text."""

from __future__ import annotations

import re

from chatbot.ingest.table_rows import is_table_row, lines_in

# Words that end with a period without ending a sentence.
_ABBREVIATIONS = frozenset(
    "e.g i.e vs etc al approx fig figs ref refs no nos dr prof mr mrs ms st vol pp p ed eds inc jr sr "
    "jan feb mar apr jun jul aug sep sept oct nov dec cf resp".split()
)
_END = re.compile(r"[.!?](?:[\"'”’)\]]*)(?=\s+|$)")
_PARAGRAPH_BREAK = re.compile(r"\n[ \t]*\n")


_LAST_WORD = re.compile(r"([\w.]+)[.!?][\"'”’)\]]*$")
_NEXT_DIGIT = re.compile(r"\s*\d")
_NEXT_CHARACTER = re.compile(r"\s*(\S)")


def _is_boundary(text: str, end: int, limit: int) -> bool:
    """Whether the punctuation ending at `end` closes a sentence (text read up to `limit`; nothing is copied)."""
    word = _LAST_WORD.search(text, max(0, end - 30), end)
    if word:
        token = word.group(1).lower().rstrip(".")
        if token in _ABBREVIATIONS or (len(token) == 1 and token.isalpha()):
            return False
        if token.replace(".", "").isdigit() and _NEXT_DIGIT.match(text, end, limit):
            return False
    following = _NEXT_CHARACTER.match(text, end, limit)
    return not following or not following.group(1).islower()


def sentence_spans(text: str, start: int = 0, end: int | None = None, *, cells: bool = True) -> list[tuple[int, int]]:
    """Split text[start:end] into sentence spans (absolute offsets), trimmed of surrounding space; a table's rows and cells
    are sentences of their own unless `cells` is False (a passage keeps a table's text in the runs it always had)."""
    end = len(text) if end is None else end
    spans: list[tuple[int, int]] = []
    for block_start, block_end in _blocks(text, start, end, cells):
        cursor = block_start
        for match in _END.finditer(text, block_start, block_end):
            if _is_boundary(text, match.end(), block_end):
                spans.append((cursor, match.end()))
                cursor = match.end()
        spans.append((cursor, block_end))
    return [trimmed for span in spans if (trimmed := _trim(text, *span))]


def _blocks(text: str, start: int, end: int, cells: bool = True) -> list[tuple[int, int]]:
    """Paragraph-like blocks of text[start:end], split at blank lines and at heading-like lines."""
    blocks: list[tuple[int, int]] = []
    cursor = start
    for match in _PARAGRAPH_BREAK.finditer(text, start, end):
        blocks.append((cursor, match.start()))
        cursor = match.end()
    blocks.append((cursor, end))
    rows = [row for block in blocks for row in _split_table_rows(text, *block)] if cells else blocks
    return [piece for block in rows for piece in _split_heading_lines(text, *block)]


def _split_table_rows(text: str, start: int, end: int) -> list[tuple[int, int]]:
    """Cut a block at every line break next to a table row and at every cell border of a row: no sentence runs from one
    row into the next or from a statement's cell into the grade cells beside it."""
    lines = list(lines_in(text, start, end))
    pieces: list[tuple[int, int]] = []
    cursor = start
    for index, (line_start, line_end) in enumerate(lines):
        following = lines[index + 1] if index + 1 < len(lines) else None
        if is_table_row(text[line_start:line_end]):
            for border in re.finditer(r"\|", text[line_start:line_end]):
                pieces.append((cursor, line_start + border.start()))
                cursor = line_start + border.end()
        if following and (is_table_row(text[line_start:line_end]) or is_table_row(text[following[0] : following[1]])):
            pieces.append((cursor, line_end))
            cursor = following[0]
    pieces.append((cursor, end))
    return pieces


def _split_heading_lines(text: str, start: int, end: int) -> list[tuple[int, int]]:
    """Cut a block after any line that ends without punctuation and is followed by a capitalised line."""
    pieces: list[tuple[int, int]] = []
    cursor, previous = start, start - 1
    for match in re.finditer(r"\n", text[start:end]):
        position, newline_before = start + match.start(), previous >= cursor  # only a single line since the last cut can be one
        previous = position
        if newline_before:
            continue
        line = text[cursor:position].strip()
        following = _NEXT_CHARACTER.match(text, position + 1, end)
        if line and len(line) < 120 and not re.search(r"[.,;:\-–(]$", line) and following and following.group(1).isupper():
            if _looks_like_heading(line):
                pieces.append((cursor, position))
                cursor = position + 1
    pieces.append((cursor, end))
    return pieces


def _looks_like_heading(line: str) -> bool:
    """A short line whose words are mostly capitalised, or a list item."""
    if line.startswith("- "):
        return True
    words = [word for word in re.findall(r"[A-Za-z][\w-]*", line) if len(word) > 3]
    return bool(words) and sum(word[0].isupper() for word in words) / len(words) >= 0.6


def _trim(text: str, start: int, end: int) -> tuple[int, int] | None:
    """Shrink a span to exclude leading and trailing whitespace; None when nothing is left."""
    while start < end and text[start].isspace():
        start += 1
    while end > start and text[end - 1].isspace():
        end -= 1
    return (start, end) if start < end else None
