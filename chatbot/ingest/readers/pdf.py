"""Read a PDF with pypdf into canonical text with page spans and font-based heading sections."""

from __future__ import annotations

from collections import Counter
from collections.abc import Callable

from chatbot.errors import ReadError
from chatbot.ingest.readers.pdf_grade_rows import regroup_graded_rows
from chatbot.ingest.readers.pdf_lines import heading_key
from chatbot.ingest.readers.pdf_pages import read_pages
from chatbot.ingest.readers.pdf_paragraphs import assemble
from chatbot.ingest.readers.structure import ExtractedText

_MAX_HEADING_WORDS = 20


def _runs_on(following: str) -> bool:
    """Whether the line after a bold run goes on with its sentence (starts in lower case): the run opened a paragraph."""
    stripped = following.lstrip()
    return bool(stripped) and stripped[0].islower()


def _next_text(lines: list[tuple[str, float, bool]], position: int, body: float) -> str:
    """The text of the first line from `position` on that is not in small print (running heads and feet between pages)."""
    return next((text for text, size, _ in lines[position:] if size >= body * 0.95 and text.strip()), "")


def _paragraph_runs(group: list[tuple[str, float]]) -> list[list[tuple[str, float]]]:
    """A run of same-styled lines cut after each line under half the longest one's width that ends no sentence and is
    followed by a capitalised line: a short line ends its paragraph (a bold heading set right above a bold statement)."""
    longest = max((len(text.strip()) for text, _ in group), default=0)
    runs: list[list[tuple[str, float]]] = [[]]
    for position, (text, rank) in enumerate(group):
        runs[-1].append((text, rank))
        following = group[position + 1][0].lstrip() if position + 1 < len(group) else ""
        short = len(text.strip()) < longest / 2 and not text.rstrip().endswith((".", ",", ";", ":"))
        if short and (following[:1].isupper() or following[:1].isdigit()):
            runs.append([])
    return [run for run in runs if run]


def heading_levels(lines: list[tuple[str, float, bool]]) -> dict[str, int]:
    """Heading line keys mapped to a level (0 = largest): short runs of lines larger than body text or bold, that neither end
    like a sentence or a run-in label (".", ",", ";", ":") nor go on in the next line's lower case."""
    sizes: Counter[float] = Counter()
    for text, size, _ in lines:
        sizes[size] += len(text)
    if not sizes:
        return {}
    body = sizes.most_common(1)[0][0]
    candidates: dict[str, float] = {}
    group: list[tuple[str, float]] = []

    def close_run(run: list[tuple[str, float]], following: str) -> None:
        joined = " ".join(text.strip() for text, _ in run)
        words = joined.split()
        if words and len(words) <= _MAX_HEADING_WORDS and (words[0][0].isupper() or words[0][0].isdigit()) and not _runs_on(following):
            if not joined.rstrip().endswith((".", ",", ";", ":")) and any(c.isalpha() for c in joined):
                for text, rank in run:
                    key = heading_key(text)
                    if len(key) >= 3:
                        candidates[key] = max(candidates.get(key, 0.0), rank)

    def close_group(following: str = "") -> None:
        runs = _paragraph_runs(group)
        for run, after in zip(runs, runs[1:]):
            close_run(run, after[0][0])
        if runs:
            close_run(runs[-1], following)
        group.clear()

    previous_style: tuple[float, bool] | None = None
    for position, (text, size, bold) in enumerate(lines):
        is_heading = size >= body * 1.15 or (bold and size >= body * 0.95)
        style = (size, bold)
        if not is_heading or style != previous_style or (group and group[-1][0].rstrip().endswith(".")):
            close_group(_next_text(lines, position, body))
        if is_heading:
            group.append((text, size + (0.5 if bold else 0.0)))
        previous_style = style if is_heading else None
    close_group()
    ranked = sorted(set(candidates.values()), reverse=True)
    return {key: ranked.index(rank) for key, rank in candidates.items()}


def read_pdf(data: bytes, name: str, on_page: Callable[[int, int], None] | None = None) -> ExtractedText:
    """Read PDF bytes; ReadError (naming the file `name`) when corrupt, encrypted or without text; `on_page(done, total)` as pages are read."""
    pages = read_pages(data, name, on_page)
    if not pages:
        raise ReadError(f"{name}: the PDF has no pages")
    for number, page in enumerate(pages, start=1):
        if page.encrypted:
            raise ReadError(f"{name}: the PDF is encrypted; supply an unencrypted copy")
        if page.rows is None:
            raise ReadError(f"{name}: page {number} {page.error}")
    rows = [regroup_graded_rows(page.rows or []) for page in pages]
    if not any(row.strip() for page_rows in rows for row in page_rows):
        raise ReadError(f"{name}: the PDF has no extractable text (scanned images?); supply a PDF with a text layer")
    lines = [line for page in pages for line in page.lines or []]
    levels = heading_levels(lines) if all(page.lines is not None for page in pages) else {}
    result = assemble(rows, levels)
    if not result.text.strip():
        raise ReadError(f"{name}: the PDF has no extractable text; supply a PDF with a text layer")
    return result
