"""Statement extraction across house styles: generated GRADE guidelines (invented wording) labelled, graded and laid out
in many ways, and small texts for the rules behind them."""

from __future__ import annotations

from pathlib import Path

import pytest
from house_style_pdfs import METHODS, STATEMENTS, HousePdf, Style, house_pdf
from house_styles import STYLES

from chatbot.ingest.readers import read_document
from chatbot.recs.consensus import attributed_spans
from chatbot.recs.extraction import extract_recommendations
from chatbot.recs.grading import find_grades
from chatbot.recs.schema import Certainty, Strength
from chatbot.recs.summary_grades import summary_grades
from chatbot.types import Document, DocumentKind, PageSpan, SourceRef

STATEMENTS_WITH_CLAUSES = (
    STATEMENTS[0][0],
    STATEMENTS[2][0],
)  # "For children with ..., we suggest", "In patients with ..., the panel recommends"


def _found(pdf: HousePdf, folder: Path) -> dict[tuple[int, str | None], tuple[str, str, str, str, str]]:
    """What extraction finds in the PDF: (number, part) -> (statement, kind, direction, strength, certainty)."""
    (folder / "guideline.pdf").write_bytes(pdf.data)
    document = read_document(SourceRef(id="house", title="House", kind=DocumentKind.OFFICIAL, path="guideline.pdf"), folder)
    items = extract_recommendations(document, consensus=True)
    found = {}
    for item in items:
        assert item.statement == document.text[item.char_start : item.char_end]
        found[(item.number, item.part)] = (" ".join(item.statement.split()), item.kind.value, item.direction, item.strength, item.certainty)
    assert len(found) == len(items)
    return found


@pytest.mark.parametrize("style", STYLES, ids=[style.name for style in STYLES])
def test_every_house_style_gives_each_statement_with_its_own_number_and_grade(style: Style, tmp_path: Path) -> None:
    pdf = house_pdf(style)
    found = _found(pdf, tmp_path)
    assert sorted(found, key=str) == sorted(((e.number, e.part) for e in pdf.expected), key=str)
    for expected in pdf.expected:
        assert found[(expected.number, expected.part)] == (
            expected.statement,
            expected.kind,
            expected.direction,
            expected.strength,
            expected.certainty,
        ), (style.name, expected.number, expected.part)


@pytest.mark.parametrize(
    ("label", "strength", "certainty"),
    [
        ("[Conditional recommendation; low certainty of evidence ⊕⊕◯◯]", Strength.CONDITIONAL, Certainty.LOW),
        ("Strength: strong | Certainty: moderate", Strength.STRONG, Certainty.MODERATE),
        ("Quality of evidence: very low; Strength of recommendation: conditional", Strength.CONDITIONAL, Certainty.VERY_LOW),
        ("(Strong recommendation, moderate-quality evidence)", Strength.STRONG, Certainty.MODERATE),
        ("Grade: 2C", Strength.CONDITIONAL, Certainty.LOW),
        ("(Grade 1A)", Strength.STRONG, Certainty.HIGH),
        ("Conditional recommendation, very low certainty of evidence", Strength.CONDITIONAL, Certainty.VERY_LOW),
    ],
)
def test_grade_labels_in_many_wordings(label: str, strength: Strength, certainty: Certainty) -> None:
    text = f"The panel suggests a made-up drug. {label}"
    grades = find_grades(text)
    assert [(grade.strength, grade.certainty) for grade in grades] == [(strength, certainty)]
    assert text[grades[0].start : grades[0].end].strip("()[]") == label.strip("()[]")


def test_a_summary_table_row_grades_the_statement_its_first_cell_names() -> None:
    text = "Recommendation | Strength | Certainty\nStatement 3 | Conditional | Very low\nRec. 7a | Strong recommendation | High\n4 | 2B\n"
    grades = summary_grades(text)
    assert {key: (grade.strength, grade.certainty) for key, grade in grades.items()} == {
        (3, None): (Strength.CONDITIONAL, Certainty.VERY_LOW),
        (7, "a"): (Strength.STRONG, Certainty.HIGH),
        (4, None): (Strength.CONDITIONAL, Certainty.MODERATE),
    }


def test_consensus_statements_start_at_their_population_clause_and_quoted_wording_is_no_statement() -> None:
    text = (
        'A strong recommendation ("we recommend") means that most people would choose it; a conditional one ("we suggest")'
        " means that many would not. For adults with duskpox who have a fever, we suggest pelvatrin rather than oxabrine."
        " Levels vary; the panel advises against restarting velmidone."
    )
    assert [text[start:end] for start, end in attributed_spans(text)] == [
        "For adults with duskpox who have a fever, we suggest pelvatrin rather than oxabrine.",
        "the panel advises against restarting velmidone.",
    ]


def _document(text: str) -> Document:
    """A one-page official Document of `text`."""
    return Document("t", "t", DocumentKind.OFFICIAL, "t.md", text, "0" * 64, pages=(PageSpan(1, 0, len(text)),))


def test_a_good_practice_statement_run_on_from_the_paragraph_before_it_keeps_its_number() -> None:
    text = (
        "Discussion of the evidence.\n\nMedical therapy should start while dialysis is arranged. Good practice statement 2. Adults with"
        " duskpox should have their weight recorded at every visit.\n\nMore discussion follows here."
    )
    items = extract_recommendations(_document(text))
    assert [(item.number, item.part, item.statement) for item in items] == [
        (2, "gps", "Adults with duskpox should have their weight recorded at every visit.")
    ]


def test_a_bare_grade_line_is_a_label_but_a_grade_defined_in_methods_is_not() -> None:
    methods = "Strong recommendation: most informed people would choose the recommended course.\n\n"
    assert find_grades(methods) == []
    text = (
        methods + "Recommendation 4. We suggest pelvatrin for duskpox.\nConditional recommendation, low certainty of evidence\n\nRemarks."
    )
    items = extract_recommendations(_document(text))
    assert [(item.number, item.statement, item.strength, item.certainty) for item in items] == [
        (4, "We suggest pelvatrin for duskpox.", Strength.CONDITIONAL, Certainty.LOW)
    ]


def test_a_consensus_paper_with_methods_that_define_the_wording_gives_whole_statements(tmp_path: Path) -> None:
    from guideline_pdfs import GeneratedPdf, _Block, _build

    fever, relapse = STATEMENTS_WITH_CLAUSES
    pdf: GeneratedPdf = _build(
        [
            _Block("Invented consensus statement on duskpox", heading=True, size=14),
            _Block(f"Methods. {METHODS}"),
            _Block("Fever", heading=True),
            _Block(f"Fever is common in duskpox. {fever} Doses vary."),
            _Block("Relapse", heading=True),
            _Block(relapse),
        ]
    )
    (tmp_path / "c.pdf").write_bytes(pdf.data)
    document = read_document(SourceRef(id="c", title="c", kind=DocumentKind.OFFICIAL, path="c.pdf"), tmp_path)
    assert [item.statement for item in extract_recommendations(document, consensus=True)] == [fever, relapse]
