"""Chunking keeps passages as exact slices, within sections, with pages and recommendation links."""

from chatbot.config import load_settings
from chatbot.ingest.chunking import chunk_document
from chatbot.ingest.statement_spans import StatementSpan
from chatbot.types import Document, DocumentKind, PageSpan, Section


def _document() -> Document:
    intro = "Background\nThis invented guideline covers a made-up condition. " + "It has filler sentences here. " * 40
    rec = (
        "Recommendation 1\nThe panel recommends drug X over drug Y for invented disease. "
        "Remarks: the effect was small but consistent. Patients preferred drug X in interviews."
    )
    text = intro + "\n\n" + rec
    rec_start = text.index("Recommendation 1")
    return Document(
        id="doc",
        title="Invented guideline",
        kind=DocumentKind.OFFICIAL,
        path="doc.pdf",
        text=text,
        sha256="0" * 64,
        pages=(PageSpan(1, 0, rec_start - 2), PageSpan(2, rec_start, len(text))),
        sections=(Section(("Background",), 0, rec_start), Section(("Recommendation 1",), rec_start, len(text))),
    )


def _link(path: tuple[str, ...], text: str) -> str | None:
    return "REC-1" if path and path[-1] == "Recommendation 1" else None


def test_passages_are_exact_slices_with_pages_and_sections() -> None:
    document = _document()
    passages = chunk_document(document, load_settings(chunk_max_chars=400, chunk_min_chars=100), _link)
    assert len(passages) >= 3
    for passage in passages:
        assert document.text[passage.char_start : passage.char_end] == passage.text
        assert len(passage.text) <= 400 + 100 or passage.recommendation_id  # a short tail merges into its neighbour
        assert passage.page_start == document.page_at(passage.char_start)
    background = [p for p in passages if p.section_path == ("Background",)]
    assert all(p.page_start == 1 and p.recommendation_id is None for p in background)
    assert len({p.id for p in passages}) == len(passages)


def test_statement_and_remarks_stay_in_one_passage() -> None:
    document = _document()
    passages = chunk_document(document, load_settings(chunk_max_chars=200, chunk_min_chars=0), _link)
    linked = [p for p in passages if p.recommendation_id == "REC-1"]
    assert len(linked) == 1
    assert "recommends drug X" in linked[0].text and "Remarks:" in linked[0].text
    assert linked[0].page_start == 2
    assert linked[0].id == "doc p.2 §Recommendation 1 #1"


def _boxed_document(anchor: str = "Recommendation 2. ") -> tuple[Document, tuple[StatementSpan, ...]]:
    """A GRADE layout read as PDF readers do: statement 2's box lands at the end of statement 1's last subsection."""
    parts = [
        ("Methods", "Methods\nThe panel followed the GRADE approach for every question it took up. "),
        ("A. Acute disease", "A. Acute disease\nRecommendation 1. The panel recommends drug X over no drug X in adults. "),
        ("Remarks", "Remarks\nThe effect of drug X was consistent across the small studies that the panel could find. "),
        ("Remarks", anchor + "The panel suggests drug Z over drug Y in adults with acute disease. "),
        ("Summary of the evidence", "Summary of the evidence\nFour trials compared drug Z with drug Y and found fewer harms. "),
    ]
    text, sections, starts = "", [], []
    for title, body in parts:
        path = (title,) if title in ("Methods", "A. Acute disease") else ("A. Acute disease", title)
        if not sections or sections[-1].path != path:
            sections.append(Section(path, len(text), len(text)))
        starts.append(len(text))
        text += body
    sections = [Section(s.path, s.start, n.start if n else len(text)) for s, n in zip(sections, [*sections[1:], None])]
    one, two = text.index("The panel recommends"), text.index("The panel suggests")
    spans = (StatementSpan("R-1", one, text.index(". ", one) + 1), StatementSpan("R-2", two, text.index(". ", two) + 1))
    document = Document(
        id="doc", title="Invented", kind=DocumentKind.OFFICIAL, path="doc.pdf", text=text, sha256="0" * 64,
        pages=(PageSpan(1, 0, len(text)),), sections=tuple(sections),
    )  # fmt: skip
    return document, spans


def test_the_discussion_after_a_statement_set_inside_the_previous_ones_subsection_is_linked_to_it() -> None:
    document, spans = _boxed_document()
    passages = chunk_document(document, load_settings(chunk_max_chars=400, chunk_min_chars=0), lambda path, text: None, spans)
    summary = next(p for p in passages if p.section_path[-1] == "Summary of the evidence")
    assert summary.recommendation_id == "R-2", [(p.section_path, p.recommendation_id) for p in passages]
    remarks = next(p for p in passages if p.text.startswith("Remarks"))
    assert remarks.recommendation_id == "R-1"
    document, spans = _boxed_document(anchor="As the Rationale puts it, ")
    passages = chunk_document(document, load_settings(chunk_max_chars=400, chunk_min_chars=0), lambda path, text: None, spans)
    summary = next(p for p in passages if p.section_path[-1] == "Summary of the evidence")
    assert summary.recommendation_id is None, "a statement quoted in prose, with no anchor of its own, is no box"


def test_a_section_that_opens_with_one_statement_keeps_the_next_ones_discussion_inside_it() -> None:
    text = (
        "Initiating opioids (Recommendations 1 and 2)\nRecommendation 1. Clinicians should prefer therapy X for pain. "
        + "Therapy X helps many people with pain and has few harms in the trials. " * 3
        + "Recommendation 2. Clinicians should set goals before therapy Y. "
        + "Other section\nThis section discusses an unrelated matter at some length here."
    )
    other = text.index("Other section")
    one, two = text.index("Clinicians should prefer"), text.index("Clinicians should set")
    document = Document(
        id="doc", title="Invented", kind=DocumentKind.OFFICIAL, path="doc.pdf", text=text, sha256="0" * 64,
        pages=(PageSpan(1, 0, len(text)),),
        sections=(Section(("G", "Initiating opioids (Recommendations 1 and 2)"), 0, other), Section(("G", "Other section"), other, len(text))),
    )  # fmt: skip
    spans = (StatementSpan("R-1", one, text.index(". ", one) + 1), StatementSpan("R-2", two, text.index(". ", two) + 1))
    passages = chunk_document(document, load_settings(chunk_max_chars=400, chunk_min_chars=0), lambda path, text: None, spans)
    assert next(p for p in passages if p.section_path[-1] == "Other section").recommendation_id is None


def test_a_statement_run_on_after_the_grade_of_the_one_before_opens_its_own_passage_at_its_label() -> None:
    text = (
        "4. Acute disease\n\nRec. 4 In adults with glimmerfever, we suggest against the routine use of zentoparin. "
        "[Conditional recommendation; moderate certainty of evidence] Rec. 5 In immunocompromised adults with "
        "glimmerfever, we recommend zentoparin. [Strong recommendation; low certainty of evidence]"
    )
    document = Document(
        id="doc", title="Invented", kind=DocumentKind.OFFICIAL, path="doc.pdf", text=text, sha256="0" * 64,
        pages=(PageSpan(1, 0, len(text)),), sections=(Section(("4. Acute disease",), 0, len(text)),),
    )  # fmt: skip
    four, five = text.index("In adults"), text.index("In immunocompromised")
    spans = (StatementSpan("R-4", four, text.index(".", four) + 1), StatementSpan("R-5", five, text.index(".", five) + 1))
    passages = chunk_document(document, load_settings(chunk_max_chars=400, chunk_min_chars=0), lambda path, text: None, spans)
    by_item = {p.recommendation_id: p.text for p in passages if p.recommendation_id}
    assert by_item["R-4"].startswith("Rec. 4") and by_item["R-4"].endswith("moderate certainty of evidence]"), passages
    assert by_item["R-5"].startswith("Rec. 5 In immunocompromised"), "the label opens its statement's passage"


def _summary_table_document() -> tuple[Document, tuple[StatementSpan, ...]]:
    """Two coded statements, each with its discussion, then a summary table repeating both with their grade cells."""
    statements = {"GL-3b": "We suggest against parvocil in adults with grellosis.", "GL-4": "We recommend not using corvaline in adults."}
    text = (
        f"Recommendations\n\n3b [2C] {statements['GL-3b']}\n\nEvidence. Two made-up trials were small.\n\n"
        f"4 [1B] {statements['GL-4']}\n\nEvidence. One invented trial was stopped early.\n\n"
        f"Table 2. Summary of recommendations\n\nNo. | Statement | Direction | Grade\n3b | {statements['GL-3b']} | Against | 2C\n"
        f"4 | {statements['GL-4']} | Against | 1B\n\nAcknowledgements. The invented panel thanks its reviewers."
    )
    spans = [
        StatementSpan(rec_id, at, at + len(words)) for rec_id, words in statements.items() for at in (text.index(words), text.rindex(words))
    ]
    document = Document("g", "g", DocumentKind.OFFICIAL, "g.pdf", text, "0" * 64, sections=(Section(("Recommendations",), 0, len(text)),))
    return document, tuple(sorted(spans, key=lambda span: span.start))


def test_a_summary_table_row_is_linked_to_the_statement_it_names_and_carries_no_other_rows_grade() -> None:
    document, spans = _summary_table_document()
    passages = chunk_document(document, load_settings(chunk_max_chars=400, chunk_min_chars=0), lambda path, text: None, spans)
    row = next(p for p in passages if p.text.startswith("4 | "))
    assert (row.text, row.recommendation_id) == ("4 | We recommend not using corvaline in adults. | Against | 1B", "GL-4")
    for passage in passages:
        if passage.recommendation_id == "GL-4":
            assert "2C" not in passage.text, passage.text
        if passage.recommendation_id == "GL-3b":
            assert "1B" not in passage.text and "corvaline" not in passage.text, passage.text
