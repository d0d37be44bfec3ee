"""The PDF reader on real publications in ../shared/external/pdfs (structure and properties only)."""

from __future__ import annotations

import re
from pathlib import Path

import pytest

from chatbot.ingest.readers import read_document
from chatbot.ingest.text import word_counts
from chatbot.types import Document, DocumentKind, SourceRef

pytestmark = pytest.mark.shared

CDC = "cdc-2022-opioid-guideline-rr7103a1.pdf"
ELN = "eln-2020-cml-hochhaus-leukemia.pdf"
HINDAWI = "hindawi-2010-tully-heart-failure-programmes.pdf"
BMC = ("bmc-2010-datta-dvt-prophylaxis-trauma-excerpt.pdf", "bmc-hsr-2014-agyeman-duah-quality-improvement.pdf")
RECOMMENDATION_RE = re.compile(r"^(\d{1,2})\. .*\(recommendation category: [AB]; evidence type: [1-4]\)\.?$")
_cache: dict[str, Document] = {}


def _read(folder: Path, name: str) -> Document:
    """Read a shared PDF once per test session."""
    if name not in _cache:
        _cache[name] = read_document(SourceRef(name, name, DocumentKind.OFFICIAL, name), folder)
    return _cache[name]


def test_every_pdf_reads_without_noise(shared_pdf_dir: Path, capfd: pytest.CaptureFixture[str]) -> None:
    names = sorted(path.name for path in shared_pdf_dir.glob("*.pdf"))
    assert names
    for name in names:
        _cache.pop(name, None)
        document = _read(shared_pdf_dir, name)
        out, err = capfd.readouterr()
        assert (out, err) == ("", ""), name
        assert document.pages and len(document.text) > 1000
        assert [page.number for page in document.pages] == list(range(1, len(document.pages) + 1))


@pytest.mark.parametrize("name", [CDC, ELN, HINDAWI, *BMC])
def test_no_ligatures_glyph_names_or_line_end_hyphens(shared_pdf_dir: Path, name: str) -> None:
    text = _read(shared_pdf_dir, name).text
    assert not re.search("[\ufb00-\ufb06]", text)
    assert not re.search(r"/uni[0-9A-Fa-f]{4}|/C\d+\b|/f_[fil]", text)
    assert not re.search(r"[A-Za-z]-\n+[a-z]", text) and "\u00ad" not in text


@pytest.mark.parametrize("name", [CDC, ELN, HINDAWI, *BMC])
def test_no_word_left_broken_when_the_document_uses_it_whole(shared_pdf_dir: Path, name: str) -> None:
    text = _read(shared_pdf_dir, name).text
    counts = word_counts(text)
    broken = [m.group(0) for m in re.finditer(r"\b([A-Za-z]+)- ([a-z]+)\b", text) if counts[(m[1] + m[2]).lower()]]
    assert broken == []


def test_cdc_running_header_and_page_numbers_are_gone(shared_pdf_dir: Path) -> None:
    document = _read(shared_pdf_dir, CDC)
    assert "MMWR / November 4, 2022 / Vol. 71" not in document.text
    assert not [p for p in document.text.split("\n\n") if re.fullmatch(r"\d{1,3}", p.strip())]


@pytest.mark.parametrize("name", BMC)
def test_bmc_page_counters_are_gone(shared_pdf_dir: Path, name: str) -> None:
    assert not re.search(r"Page \d+ of \d+", _read(shared_pdf_dir, name).text)


def test_cdc_box3_recommendations_come_back_whole_and_in_order(shared_pdf_dir: Path) -> None:
    document = _read(shared_pdf_dir, CDC)
    box = [page for page in document.pages if page.number in (13, 14)]
    found: list[tuple[int, int, str]] = []
    for page in box:
        for match in re.finditer(r"[^\n]+", document.text[page.start : page.end]):
            paragraph = RECOMMENDATION_RE.match(match.group(0))
            if paragraph:
                found.append((int(paragraph.group(1)), page.number, match.group(0)))
    assert [number for number, _, _ in found] == list(range(1, 13))
    assert all(page == (13 if number <= 7 else 14) for number, page, _ in found)
    for _, _, statement in found:
        assert statement.count("recommendation category") == 1
        assert "Continued on the next page" not in statement and "MMWR" not in statement


def test_cdc_compounds_broken_at_line_end_keep_their_hyphen(shared_pdf_dir: Path) -> None:
    text = _read(shared_pdf_dir, CDC).text
    for compound in ("immediate-release", "extended-release", "long-acting"):
        assert compound in text
        assert compound.replace("-", "") not in text.lower()


def test_cdc_recommendation_headings_are_sections(shared_pdf_dir: Path) -> None:
    document = _read(shared_pdf_dir, CDC)
    titles = {section.title for section in document.sections}
    assert {f"Recommendation {n}" for n in range(1, 13)} <= titles


def test_hindawi_reads_with_pages(shared_pdf_dir: Path) -> None:
    document = _read(shared_pdf_dir, HINDAWI)
    assert len(document.pages) == 6 and all(page.end > page.start for page in document.pages)


def test_eln_heading_is_followed_by_its_own_paragraph(shared_pdf_dir: Path) -> None:
    document = _read(shared_pdf_dir, ELN)
    section = next(s for s in document.sections if s.title == "Baseline prognostic factors")
    heading, _, body = document.text[section.start : section.end].partition("\n\n")
    assert heading == section.title and document.page_at(section.start) == 3
    first_paragraph = body.split("\n\n")[0]
    assert first_paragraph[0].isupper() and first_paragraph.rstrip().endswith(".") and len(first_paragraph) > 400
