"""The Markdown reader: plain text, heading sections with paths and ranges."""

from __future__ import annotations

from pathlib import Path

import pytest

from chatbot.errors import ReadError
from chatbot.ingest.readers import read_document
from chatbot.ingest.readers.markdown import read_markdown
from chatbot.types import DocumentKind, SourceRef

INVENTED = """# Frontline care

Intro text with **bold**, *italic*, `code` and a [link](https://example.org/x).

## Regimen choice

Prefer the **invented** regimen for most teens.

- first option
- second *option*

### Dosing detail (FL-dose)

Give the invented dose weekly.

## Follow-up

| Visit | Week |
|-------|------|
| first | 2 |

# Appendix

Closing words.
"""


@pytest.fixture
def doc():
    """The invented Markdown read into canonical text."""
    return read_markdown(INVENTED.encode(), "notes.md")


def _section(extracted, path: tuple[str, ...]):
    """The section with exactly this path."""
    return next(s for s in extracted.sections if s.path == path)


def test_inline_markup_is_removed(doc) -> None:
    assert "Intro text with bold, italic, code and a link." in doc.text
    assert "**" not in doc.text and "](" not in doc.text and "`" not in doc.text


def test_lists_become_dash_lines_and_paragraphs_blank_separated(doc) -> None:
    assert "most teens.\n\n- first option\n- second option" in doc.text


def test_table_rows_are_pipe_joined(doc) -> None:
    assert "Visit | Week\nfirst | 2" in doc.text


def test_sections_follow_the_heading_hierarchy(doc) -> None:
    paths = [s.path for s in doc.sections]
    assert paths == [
        ("Frontline care",),
        ("Frontline care", "Regimen choice"),
        ("Frontline care", "Regimen choice", "Dosing detail (FL-dose)"),
        ("Frontline care", "Follow-up"),
        ("Appendix",),
    ]


def test_section_ranges_hold_heading_and_body_up_to_next_same_level(doc) -> None:
    regimen = doc.text[slice(*_range(_section(doc, ("Frontline care", "Regimen choice"))))]
    assert regimen.startswith("Regimen choice\n\nPrefer the invented regimen")
    assert "Give the invented dose weekly." in regimen
    assert "Follow-up" not in regimen
    detail = _section(doc, ("Frontline care", "Regimen choice", "Dosing detail (FL-dose)"))
    assert doc.text[detail.start : detail.end].strip() == "Dosing detail (FL-dose)\n\nGive the invented dose weekly."
    top = _section(doc, ("Frontline care",))
    assert "Visit | Week" in doc.text[top.start : top.end] and "Closing" not in doc.text[top.start : top.end]


def _range(section) -> tuple[int, int]:
    """A section's (start, end)."""
    return section.start, section.end


def test_read_document_has_no_pages_and_source_fields(tmp_path: Path) -> None:
    (tmp_path / "notes.md").write_text(INVENTED, encoding="utf-8")
    source = SourceRef("n1", "Invented notes", DocumentKind.DIGEST, "notes.md", date="2026-01-01")
    document = read_document(source, tmp_path)
    assert document.pages == () and document.page_at(0) is None
    assert (document.id, document.kind, document.date) == ("n1", DocumentKind.DIGEST, "2026-01-01")
    assert document.section_at(document.text.index("Give the invented")).title == "Dosing detail (FL-dose)"


def test_text_before_the_first_heading_has_an_empty_path() -> None:
    extracted = read_markdown(b"Preface line.\n\n# Heading\n\nBody.\n", "p.md")
    assert extracted.sections[0].path == () and extracted.text[: extracted.sections[0].end].strip() == "Preface line."


@pytest.mark.parametrize("data", [b"", b"   \n\n", b"\xff\xfe\xfa not utf-8 \xc3"])
def test_empty_or_undecodable_markdown_is_a_read_error(data: bytes) -> None:
    with pytest.raises(ReadError, match="bad.md"):
        read_markdown(data, "bad.md")
