"""The HTML reader: headings as sections, paragraphs, list items, tables; scripts and nav dropped."""

from __future__ import annotations

import pytest

from chatbot.errors import ReadError
from chatbot.ingest.readers.html import read_html

INVENTED = """<!doctype html><html><head><title>t</title><style>p {color: red}</style></head>
<body><nav><a href="/">Home menu</a></nav>
<h1>Invented guideline</h1>
<p>Opening <b>paragraph</b> text.</p>
<h2>Dosing</h2>
<p>Give the made-up drug.</p>
<ul><li>Item one</li><li>Item <em>two</em></li></ul>
<table><caption>Table 1 Invented doses</caption>
<tr><th>Age</th><th>Dose</th></tr><tr><td>12-17</td><td>5 mg</td></tr></table>
<script>var hidden = "script text";</script>
<h2>Monitoring</h2><div>Loose div text without a paragraph.</div>
</body></html>"""


@pytest.fixture
def doc():
    """The invented HTML, read."""
    return read_html(INVENTED.encode(), "page.html")


def test_scripts_styles_and_nav_are_dropped(doc) -> None:
    assert "script text" not in doc.text and "color" not in doc.text and "Home menu" not in doc.text


def test_paragraphs_list_items_and_loose_text_are_kept(doc) -> None:
    assert "Opening paragraph text." in doc.text
    assert "- Item one\n- Item two" in doc.text
    assert "Loose div text without a paragraph." in doc.text


def test_table_rows_are_cells_joined_with_pipes(doc) -> None:
    assert "Table 1 Invented doses" in doc.text
    assert "Age | Dose\n12-17 | 5 mg" in doc.text


def test_headings_become_nested_sections_with_bodies(doc) -> None:
    paths = [s.path for s in doc.sections]
    assert paths == [("Invented guideline",), ("Invented guideline", "Dosing"), ("Invented guideline", "Monitoring")]
    dosing = doc.sections[1]
    body = doc.text[dosing.start : dosing.end]
    assert body.startswith("Dosing") and "12-17 | 5 mg" in body and "Loose div" not in body


def test_html_without_text_is_a_read_error() -> None:
    with pytest.raises(ReadError, match="empty.html"):
        read_html(b"<html><body><script>x()</script></body></html>", "empty.html")
