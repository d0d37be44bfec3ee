"""Recommendation extraction on real publications in ../shared/external/pdfs (numbers and labels only)."""

from __future__ import annotations

import re
from pathlib import Path

import pytest

from chatbot.ingest.readers import read_document
from chatbot.recs.extraction import ExtractedRecommendation, extract_recommendations
from chatbot.types import Document, DocumentKind, SourceRef

pytestmark = pytest.mark.shared

CDC = "cdc-2022-opioid-guideline-rr7103a1.pdf"
ELN = "eln-2020-cml-hochhaus-leukemia.pdf"

# Box 3 of the CDC 2022 guideline (PDF pages 13-14): number -> (recommendation category, evidence type, page).
CDC_BOX3 = {
    1: ("B", "3", 13),
    2: ("A", "2", 13),
    3: ("A", "4", 13),
    4: ("A", "3", 13),
    5: ("B", "4", 13),
    6: ("A", "4", 13),
    7: ("A", "4", 13),
    8: ("A", "4", 14),
    9: ("B", "4", 14),
    10: ("B", "4", 14),
    11: ("B", "3", 14),
    12: ("A", "1", 14),
}
STRENGTH = {"A": "strong", "B": "conditional"}
CERTAINTY = {"1": "high", "2": "moderate", "3": "low", "4": "very_low"}
_LABEL_NEXT = re.compile(r"\s*\(recommendation category: [AB]; evidence type: [1-4]\)")


def _read(folder: Path, name: str) -> Document:
    """A shared PDF read as an official publication."""
    return read_document(SourceRef(name, name, DocumentKind.OFFICIAL, name), folder)


@pytest.fixture(scope="module")
def cdc(shared_pdf_dir: Path) -> tuple[Document, list[ExtractedRecommendation]]:
    """The CDC guideline read once for this module (about 6 s), with its extracted items."""
    document = _read(shared_pdf_dir, CDC)
    return document, extract_recommendations(document)


def test_cdc_all_twelve_numbered_in_order(cdc) -> None:
    _, items = cdc
    assert [(item.number, item.part) for item in items] == [(number, None) for number in range(1, 13)]


def test_cdc_labels_grades_and_pages_match_box_3(cdc) -> None:
    _, items = cdc
    for item in items:
        category, evidence, page = CDC_BOX3[item.number]
        assert item.grading_system == "CDC"
        assert item.labels == {"category": category, "evidence_type": evidence}, item.number
        assert (item.strength, item.certainty) == (STRENGTH[category], CERTAINTY[evidence]), item.number
        assert item.page == page, item.number
        assert (item.kind, item.direction) == ("recommendation", "for"), item.number  # each opens with a positive "should"


def test_cdc_statements_are_whole_sentences_sliced_from_the_text(cdc) -> None:
    document, items = cdc
    for item in items:
        assert item.statement == document.text[item.char_start : item.char_end]
        assert item.statement[0].isupper(), item.number
        assert item.statement[-1].isalnum() or item.statement[-1] == ")", item.number
        assert _LABEL_NEXT.match(document.text, item.char_end), item.number
        assert not re.match(r"\d", item.statement) and "recommendation category" not in item.statement


def test_eln_gives_the_sentences_in_which_its_panel_advises_not_graded(shared_pdf_dir: Path) -> None:
    """ELN 2020 states its recommendations in prose and tables without numbers or grades; the sentences in which its panel
    recommends or advises are the statements it makes in a form of its own (its tables and "should" sentences are not)."""
    document = _read(shared_pdf_dir, ELN)
    assert extract_recommendations(document) == [], "the curated ELN pack, which lists no items, keeps none"
    items = extract_recommendations(document, consensus=True)
    assert [(item.number, item.page) for item in items] == [(1, 3), (2, 3), (3, 7), (4, 7), (5, 12)]
    for item in items:
        assert item.statement == document.text[item.char_start : item.char_end]
        assert re.match(r"(?:\w+, )?the panel (?:recommends|advises) ", item.statement, re.IGNORECASE), item.number
        assert (item.kind, item.direction, item.strength, item.certainty) == ("recommendation", "for", "unknown", "unknown")
        assert item.labels == {"grade": "not graded"}
