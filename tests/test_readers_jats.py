"""The JATS reader: title, abstract, nested sec sections, lists, tables, figures; malformed XML."""

from __future__ import annotations

import pytest

from chatbot.errors import ReadError
from chatbot.ingest.readers.jats import read_jats

INVENTED = """<?xml version="1.0" encoding="UTF-8"?>
<!DOCTYPE article [<!ENTITY secret SYSTEM "file:///etc/hostname">]>
<article xmlns:xlink="http://www.w3.org/1999/xlink">
<front><article-meta><title-group><article-title>An invented trial of teal pills</article-title></title-group>
<abstract><sec><title>Background</title><p>Teal pills were invented.</p></sec></abstract></article-meta></front>
<body>
<sec><title>Methods</title><p>We tested <italic>teal</italic> pills.&secret;</p>
  <sec><title>Dosing</title><p>One pill a day.</p>
    <list><list-item><p>Morning dose</p></list-item><list-item><p>Evening dose</p></list-item></list>
  </sec>
</sec>
<sec><title>Results</title>
  <table-wrap><label>Table 1</label><caption><p>Invented outcomes</p></caption>
    <table><thead><tr><th>Arm</th><th>Events</th></tr></thead><tbody><tr><td>Teal</td><td>3</td></tr></tbody></table>
  </table-wrap>
  <fig><label>Figure 1</label><caption><p>Invented curve.</p></caption><graphic xlink:href="f1.png"/></fig>
</sec>
</body>
<back><ref-list><ref><mixed-citation>Invented reference to skip.</mixed-citation></ref></ref-list></back>
</article>"""


@pytest.fixture
def doc():
    """The invented JATS article, read."""
    return read_jats(INVENTED.encode(), "article.nxml")


def test_title_abstract_and_body_text_are_read(doc) -> None:
    assert doc.text.startswith("An invented trial of teal pills")
    assert "Teal pills were invented." in doc.text
    assert "We tested teal pills." in doc.text


def test_entities_are_not_resolved_and_references_skipped(doc) -> None:
    assert "Invented reference to skip." not in doc.text
    assert "/etc/hostname" not in doc.text


def test_nested_sections_have_paths_and_ranges(doc) -> None:
    by_path = {s.path: s for s in doc.sections}
    assert ("Abstract", "Background") in by_path
    assert ("Methods", "Dosing") in by_path and ("Results",) in by_path
    methods = by_path[("Methods",)]
    body = doc.text[methods.start : methods.end]
    assert "One pill a day." in body and "Invented outcomes" not in body
    dosing = by_path[("Methods", "Dosing")]
    assert doc.text[dosing.start : dosing.end].strip() == "Dosing\n\nOne pill a day.\n\n- Morning dose\n- Evening dose"


def test_tables_and_figures_become_text(doc) -> None:
    assert "Table 1 Invented outcomes\nArm | Events\nTeal | 3" in doc.text
    assert "Figure 1 Invented curve." in doc.text


@pytest.mark.parametrize("data", [b"<article><body><p>unclosed</body>", b"", b"not xml at all"])
def test_malformed_xml_is_a_read_error(data: bytes) -> None:
    with pytest.raises(ReadError, match="broken.xml"):
        read_jats(data, "broken.xml")
