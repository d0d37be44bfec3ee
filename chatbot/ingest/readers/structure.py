"""Building canonical text block by block, with heading marks turned into nested Sections."""

from __future__ import annotations

from dataclasses import dataclass, field

from chatbot.ingest.text import normalize_text
from chatbot.types import PageSpan, Section

BLOCK_SEPARATOR = "\n\n"


@dataclass(frozen=True)
class ExtractedText:
    """What a reader extracts from a file: canonical text, page spans (PDF only) and sections."""

    text: str
    pages: tuple[PageSpan, ...] = ()
    sections: tuple[Section, ...] = ()


@dataclass(frozen=True)
class HeadingMark:
    """A heading found at `offset` in the canonical text, with its title and level (smaller = outer)."""

    offset: int
    title: str
    level: int


def sections_from_marks(marks: list[HeadingMark], length: int) -> tuple[Section, ...]:
    """Nested sections: each runs from its heading line to the next heading of the same or an outer level."""
    sections: list[Section] = []
    first = marks[0].offset if marks else length
    if first > 0:
        sections.append(Section((), 0, first))
    stack: list[HeadingMark] = []
    for index, mark in enumerate(marks):
        while stack and stack[-1].level >= mark.level:
            stack.pop()
        stack.append(mark)
        end = next((m.offset for m in marks[index + 1 :] if m.level <= mark.level), length)
        sections.append(Section(tuple(m.title for m in stack), mark.offset, end))
    return tuple(s for s in sections if s.end > s.start)


@dataclass
class TextBuilder:
    """Accumulates normalised blocks separated by blank lines and records heading marks."""

    parts: list[str] = field(default_factory=list)
    marks: list[HeadingMark] = field(default_factory=list)
    length: int = 0

    def add_block(self, text: str, *, tight: bool = False) -> int | None:
        """Append a block (after a blank line, or a single newline when `tight`); its offset, or None if empty."""
        block = normalize_text(text).strip()
        if not block:
            return None
        if self.parts:
            separator = "\n" if tight else BLOCK_SEPARATOR
            self.parts.append(separator)
            self.length += len(separator)
        offset = self.length
        self.parts.append(block)
        self.length += len(block)
        return offset

    def add_heading(self, title: str, level: int) -> None:
        """Append a heading line and mark the start of its section."""
        clean = " ".join(normalize_text(title).split())
        offset = self.add_block(clean)
        if offset is not None:
            self.marks.append(HeadingMark(offset, clean, level))

    def build(self) -> ExtractedText:
        """The canonical text and its sections."""
        text = "".join(self.parts)
        return ExtractedText(text, (), sections_from_marks(self.marks, len(text)))
