"""Recommendation extraction on generated guideline PDFs (invented wording) and on small texts built here."""

from __future__ import annotations

from pathlib import Path

import pytest
from guideline_pdfs import CONSENSUS, REC1, GeneratedPdf, cdc_guideline_pdf, consensus_pdf, grade_guideline_pdf

from chatbot.ingest.readers import read_document
from chatbot.recs.extraction import ExtractedRecommendation, extract_recommendations
from chatbot.types import Document, DocumentKind, PageSpan, SourceRef

CHECKED_FIELDS = ("page", "kind", "direction", "strength", "certainty", "labels", "grading_system")


def _read(pdf: GeneratedPdf, folder: Path) -> Document:
    """The generated PDF written to `folder` and read as an official publication."""
    (folder / "guideline.pdf").write_bytes(pdf.data)
    source = SourceRef(id="invented", title="Invented guideline", kind=DocumentKind.OFFICIAL, path="guideline.pdf")
    return read_document(source, folder)


@pytest.fixture(scope="module")
def grade_case(tmp_path_factory: pytest.TempPathFactory) -> tuple[GeneratedPdf, Document, list[ExtractedRecommendation]]:
    """The GRADE-style PDF, its Document and what the extractor finds in it."""
    pdf = grade_guideline_pdf()
    document = _read(pdf, tmp_path_factory.mktemp("grade"))
    return pdf, document, extract_recommendations(document)


@pytest.fixture(scope="module")
def cdc_case(tmp_path_factory: pytest.TempPathFactory) -> tuple[GeneratedPdf, Document, list[ExtractedRecommendation]]:
    """The CDC-style PDF, its Document and what the extractor finds in it."""
    pdf = cdc_guideline_pdf()
    document = _read(pdf, tmp_path_factory.mktemp("cdc"))
    return pdf, document, extract_recommendations(document)


def _by_key(items: list[ExtractedRecommendation]) -> dict[tuple[int, str | None], ExtractedRecommendation]:
    """Items keyed by (number, part), asserting the key is unique."""
    keyed = {(item.number, item.part): item for item in items}
    assert len(keyed) == len(items)
    return keyed


def _assert_matches_expected(pdf: GeneratedPdf, document: Document, items: list[ExtractedRecommendation]) -> None:
    """Every expected item found with its fields, nothing extra, every statement an exact slice."""
    found = _by_key(items)
    assert list(found) == [(item.number, item.part) for item in pdf.expected]
    for expected in pdf.expected:
        item = found[(expected.number, expected.part)]
        for name in CHECKED_FIELDS:
            assert getattr(item, name) == getattr(expected, name), (expected.number, expected.part, name)
        assert item.statement == document.text[item.char_start : item.char_end]
        assert " ".join(item.statement.split()) == expected.statement
        assert item.page == document.page_at(item.char_start)


def test_grade_pdf_items_match_the_generated_truth(grade_case) -> None:
    _assert_matches_expected(*grade_case)


def test_grade_pdf_covers_every_grade_and_kind(grade_case) -> None:
    pdf, _, _ = grade_case
    graded = [item for item in pdf.expected if item.kind == "recommendation"]
    assert {item.certainty for item in graded} == {"high", "moderate", "low", "very_low"}
    assert {item.strength for item in graded} == {"strong", "conditional"}
    assert {item.direction for item in graded} == {"for", "against"}
    assert {item.kind for item in pdf.expected} == {"recommendation", "good_practice_statement", "research_only"}
    assert {item.part for item in pdf.expected} >= {"a", "b", "i", "ii"}


def test_spans_leave_out_numbering_labels_and_running_lines(grade_case) -> None:
    pdf, _, items = grade_case
    for item in items:
        assert not item.statement.startswith(("Recommendation", "Good practice", "("))
        assert "recommendation," not in item.statement and "certainty in the evidence" not in item.statement
        assert pdf.header not in item.statement and pdf.footer not in item.statement
        assert item.statement == item.statement.strip()


def test_statement_across_a_page_break_is_one_span(grade_case) -> None:
    _, document, items = grade_case
    item = _by_key(items)[(5, None)]
    assert item.page == 1 and document.page_at(item.char_end - 1) == 2
    assert "\n\n" in item.statement


def test_statement_across_a_column_break_is_one_span(grade_case) -> None:
    pdf, _, items = grade_case
    expected = next(e for e in pdf.expected if (e.number, e.part) == (3, None))
    assert " ".join(_by_key(items)[(3, None)].statement.split()) == expected.statement


def test_first_labelled_occurrence_wins_over_summary_and_later_repeat(grade_case) -> None:
    _, document, items = grade_case
    first, repeat = document.text.index(REC1), document.text.rindex(REC1)
    assert first != repeat and document.page_at(repeat) == 3
    assert _by_key(items)[(1, None)].char_start == first


def test_cdc_pdf_items_match_the_generated_truth(cdc_case) -> None:
    _assert_matches_expected(*cdc_case)


def test_cdc_body_repeat_and_numbered_references_add_nothing(cdc_case) -> None:
    _, document, items = cdc_case
    assert [item.number for item in items] == [1, 2, 3, 4]
    assert all(item.page == 1 for item in items)
    assert "References" in document.text


# --- Small texts built here: wording variants that the PDFs above do not carry ---------------------


def _doc(*pages: str) -> Document:
    """A Document whose pages are the given texts joined by blank lines."""
    spans: list[PageSpan] = []
    offset = 0
    for number, page in enumerate(pages, start=1):
        if number > 1:
            offset += 2
        spans.append(PageSpan(number, offset, offset + len(page)))
        offset += len(page)
    text = "\n\n".join(pages)
    return Document("t", "t", DocumentKind.OFFICIAL, "t.md", text, "0" * 64, pages=tuple(spans))


def _only(text: str) -> ExtractedRecommendation:
    """The single item extracted from a one-page text."""
    items = extract_recommendations(_doc(text))
    assert len(items) == 1, items
    return items[0]


def _label(strength: str, certainty: str) -> str:
    """An ASH-style label parenthesis."""
    return f"({strength} recommendation, {certainty} certainty in the evidence of effects)"


def test_weak_and_hyphenated_certainty_variant() -> None:
    item = _only(
        "Recommendation 7. In children with glimmerfever, we suggest oral rather than intravenous zentoparin "
        "(weak recommendation, low-certainty evidence)."
    )
    assert (item.strength, item.certainty, item.direction) == ("conditional", "low", "for")
    assert item.labels == {"strength": "weak recommendation", "certainty": "low-certainty evidence"}
    assert item.statement.startswith("In children") and item.statement.endswith("zentoparin")
    unicode_hyphen = _only(
        "Recommendation 8. We recommend a daily diary for teenagers (strong recommendation, very low\u2010certainty evidence)."
    )
    assert (unicode_hyphen.strength, unicode_hyphen.certainty) == ("strong", "very_low")


def test_certainty_symbols_are_dropped_from_labels_and_read_when_words_are_missing() -> None:
    worded = _only(
        "Recommendation 1. The panel suggests against nightly orbiclast for adults with glimmerfever "
        "(conditional recommendation, moderate certainty in the evidence of effects ⊕⊕⊕◯)."
    )
    assert worded.labels["certainty"] == "moderate certainty in the evidence of effects"
    assert (worded.direction, worded.certainty) == ("against", "moderate")
    symbols = _only("Recommendation 2. The panel recommends a glimmer index at every visit (strong recommendation ⊕⊕◯◯).")
    assert (symbols.strength, symbols.certainty) == ("strong", "low")


def test_numbered_good_practice_statement_and_good_practice_label() -> None:
    text = (
        "Good practice statement 2. Clinicians should explain the invented dosing diary to every family.\n\n"
        "Recommendation 3. Clinicians should not stop zentoparin during a mild fever spike (good practice statement)."
    )
    items = extract_recommendations(_doc(text))
    kinds = [(item.number, item.part, item.kind) for item in items]
    assert kinds == [(2, "gps", "good_practice_statement"), (3, None, "good_practice_statement")]
    assert items[0].labels == {"kind": "Good practice statement"} and items[0].statement.endswith("family.")
    assert items[1].labels == {"kind": "good practice statement"} and items[1].direction == "against"
    assert all(item.strength == "not_applicable" and item.certainty == "not_applicable" for item in items)


def test_graded_research_only_item_keeps_its_certainty() -> None:
    item = _only(
        "Recommendation 8. The panel suggests quillotrine for refractory glimmerfever only in the context of "
        f"a randomized trial {_label('conditional', 'very low')}."
    )
    assert (item.kind, item.direction, item.strength) == ("research_only", "research_only", "not_applicable")
    assert item.certainty == "very_low" and item.labels["strength"] == "conditional recommendation"
    assert item.labels["research"] == "only in the context of a randomized trial"


def test_either_option_is_individualized_and_lettered_inline_parts() -> None:
    either = _only(f"Recommendation 9. The panel suggests either velmidone or kestravir for teenagers {_label('conditional', 'low')}.")
    assert either.direction == "individualized"
    text = (
        f"Recommendation 10. For adults with glimmerfever, the panel (a) recommends daily zentoparin {_label('strong', 'high')}; "
        f"and (b) suggests against weekly lumazide {_label('conditional', 'very low')}."
    )
    first, second = extract_recommendations(_doc(text))
    assert (first.part, first.direction, first.certainty) == ("a", "for", "high")
    assert (second.part, second.direction, second.certainty) == ("b", "against", "very_low")
    assert second.statement == "suggests against weekly lumazide"


def test_mentions_and_labels_after_a_finished_paragraph_are_not_items() -> None:
    text = (
        f"As Recommendation 3. explains, the panel recommends zentoparin {_label('strong', 'high')}.\n\n"
        "Recommendation 4. The panel recommends an invented test.\n\n"
        f"Later trials of the test were small {_label('conditional', 'low')}.\n\n"
        "Recommendation 6 of the old guideline was used only in the context of research.\n\n"
        "Good practice statement wording was debated by the invented panel."
    )
    assert extract_recommendations(_doc(text)) == []


def test_a_statement_run_on_from_the_paragraph_before_it_is_found() -> None:
    text = (
        "Harms were rare in the invented trials. Recommendation 2. The panel recommends daily zentoparin for adults with "
        f"glimmerfever {_label('strong', 'moderate')}.\n\n"
        "Oral lumazide is covered in Recommendation 5. Recommendation 3. The panel suggests against weekly lumazide "
        f"{_label('conditional', 'low')}. Recommendation 4 for other options was not graded."
    )
    items = extract_recommendations(_doc(text))
    assert [(item.number, item.direction, item.strength) for item in items] == [(2, "for", "strong"), (3, "against", "conditional")]
    assert items[0].statement.startswith("The panel recommends daily zentoparin") and items[1].statement.endswith("weekly lumazide")


def test_label_across_a_page_break_after_a_full_stop_is_still_found() -> None:
    document = _doc(
        "Recommendation 5. The panel suggests lumazide for adults in remission.",
        f"The dose is lowered when counts fall {_label('conditional', 'low')}.",
    )
    (item,) = extract_recommendations(document)
    assert item.page == 1 and item.statement.endswith("when counts fall")
    assert item.statement == document.text[item.char_start : item.char_end]


def test_document_without_statements_gives_nothing() -> None:
    assert extract_recommendations(_doc("1. An invented list item without a grade.\n\n2. Another one.")) == []


def test_recommends_no_and_not_read_as_against_but_no_more_than_is_a_limit() -> None:
    worded = {
        "the panel recommends no routine orbiclast for contacts": "against",
        "we recommend not starting kestravir during a fever spike": "against",
        "the panel suggests no glimmer index before the first dose": "against",
        "clinicians should prescribe no more than three days of velmidone": "for",
        "the panel recommends no more than two doses of zentoparin a day": "for",
    }
    for number, (statement, direction) in enumerate(worded.items(), start=1):
        item = _only(f"Recommendation {number}. For adults with glimmerfever, {statement} {_label('strong', 'low')}.")
        assert item.direction == direction, statement


def test_separately_graded_clause_in_the_same_paragraph_is_its_own_part() -> None:
    text = (
        f"Recommendation 6a: For adults with glimmer pain, the panel suggests a warm compress {_label('conditional', 'moderate')}. "
        f"Recommendation 6b: For adults with glimmer pain, the panel recommends against orbiclast {_label('strong', 'low')}.\n\n"
        "Summary of the evidence For recommendation 6b: no invented trials were found."
    )
    first, second = extract_recommendations(_doc(text))
    assert (first.number, first.part, first.direction, first.strength) == (6, "a", "for", "conditional")
    assert (second.number, second.part, second.direction, second.strength) == (6, "b", "against", "strong")
    assert first.statement.endswith("a warm compress") and second.statement.endswith("against orbiclast")


def test_good_practice_label_before_the_statement_under_a_run_in_heading() -> None:
    text = (
        "Routine glimmer checks Recommendation 7 (good practice statement):\n\n"
        "Every adult with glimmerfever should have a glimmer index recorded at each visit. "
        "Summary of the evidence The invented panel did not review trials for this statement."
    )
    item = _only(text)
    assert (item.number, item.part, item.kind) == (7, None, "good_practice_statement")
    assert item.statement == "Every adult with glimmerfever should have a glimmer index recorded at each visit."


def test_a_consensus_paper_gives_the_sentences_its_authors_advise_in_numbered_in_order_and_not_graded(tmp_path: Path) -> None:
    document = _read(consensus_pdf(), tmp_path)
    assert extract_recommendations(document) == [], "only when asked: a pack that chose no items keeps none"
    items = extract_recommendations(document, consensus=True)
    assert [(item.number, item.part) for item in items] == [(n, None) for n in CONSENSUS]
    for item in items:
        assert item.statement == document.text[item.char_start : item.char_end]
        assert " ".join(item.statement.split()) == CONSENSUS[item.number], item.number
        assert (item.labels["grade"], item.grading_system, item.certainty) == ("not graded", "not graded", "unknown")
    assert [(item.kind, item.direction, item.strength) for item in items] == [
        ("recommendation", "for", "unknown"),
        ("recommendation", "for", "unknown"),
        ("recommendation", "against", "unknown"),
        ("research_only", "research_only", "not_applicable"),
    ]


def test_boxed_statements_run_into_one_paragraph_after_their_bracketed_grades_are_each_found() -> None:
    text = (
        "3. Diagnosis\n\nRec. 1 In adults with suspected glimmerfever, we recommend a zentoparin scan to confirm it. "
        "[Strong recommendation; moderate certainty of evidence] Rec. 2 Where a scan is not available, we suggest "
        "ultrasonography instead. [Conditional recommendation; low certainty of evidence] Rec. 3 We suggest against "
        "measuring serum velmidone. [Conditional recommendation; very low certainty of evidence]"
    )
    items = extract_recommendations(_doc(text))
    assert [(item.number, item.label_word) for item in items] == [(1, "Rec."), (2, "Rec."), (3, "Rec.")]
    assert [(item.strength, item.certainty, item.direction) for item in items] == [
        ("strong", "moderate", "for"),
        ("conditional", "low", "for"),
        ("conditional", "very_low", "against"),
    ]
    assert items[1].statement.startswith("Where a scan") and items[1].statement.endswith("instead.")
