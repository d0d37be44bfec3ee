"""Statements graded with alphanumeric codes ("[1B]", "(2C)", "1A") defined in the document's own legend: generated
guidelines in several house styles (invented wording), the legend rules, and a pack made from one of them."""

from __future__ import annotations

from pathlib import Path

import pytest
from coded_style_pdfs import CODED_STYLES, DISCUSSION, RUNNING_HEADER, STATEMENTS, CodedStyle, code, coded_pdf
from house_style_pdfs import FOOTER
from test_cli import invoke

from chatbot.config import load_settings
from chatbot.core import build_chatbot
from chatbot.ingest.readers import read_document
from chatbot.recs.extraction import extract_recommendations
from chatbot.recs.grade_codes import USUAL_LEGEND, document_legend
from chatbot.recs.grading import direction_from_wording, find_grades
from chatbot.recs.schema import Certainty, Direction, Kind, Strength
from chatbot.types import AnswerStatus, Document, DocumentKind, PageSpan, SourceRef


def _document(text: str) -> Document:
    """A one-page official Document of `text`."""
    return Document("t", "t", DocumentKind.OFFICIAL, "t.md", text, "0" * 64, pages=(PageSpan(1, 0, len(text)),))


@pytest.mark.parametrize("style", CODED_STYLES, ids=[style.name for style in CODED_STYLES])
def test_every_coded_style_gives_each_statement_once_with_its_number_direction_and_grade(style: CodedStyle, tmp_path: Path) -> None:
    pdf = coded_pdf(style)
    (tmp_path / "g.pdf").write_bytes(pdf.data)
    document = read_document(SourceRef(id="g", title="g", kind=DocumentKind.OFFICIAL, path="g.pdf"), tmp_path)
    items = extract_recommendations(document, consensus=True)
    found = [(item.number, item.part) for item in items]
    assert sorted(found, key=str) == sorted(((e.number, e.part) for e in pdf.expected), key=str)  # once each, the table adds none
    by_key = {(item.number, item.part): item for item in items}
    for expected in pdf.expected:
        item = by_key[(expected.number, expected.part)]
        assert item.statement == document.text[item.char_start : item.char_end]
        got = (" ".join(item.statement.split()), item.kind.value, item.direction, item.strength, item.certainty)
        assert got == (expected.statement, expected.kind, expected.direction, expected.strength, expected.certainty), (
            style.name,
            expected.number,
        )
        for heading in (RUNNING_HEADER, FOOTER, "Recommendations", "Table 2", *(head for head, _ in DISCUSSION)):
            assert heading not in item.statement


def test_a_legend_gives_the_codes_their_meaning() -> None:
    legend = "Strength: A = strong (we recommend), B = weak (we suggest). Certainty: 1 = high, 2 = moderate, 3 = low, 4 = very low."
    text = f"{legend}\n\n5. We suggest against velmidone for adults with grellosis (B3).\n\nEvidence. Trials were small."
    items = extract_recommendations(_document(text))
    assert [(item.number, item.direction, item.strength, item.certainty) for item in items] == [
        (5, Direction.AGAINST, Strength.CONDITIONAL, Certainty.LOW)
    ]


def test_a_legend_listed_with_spaces_only() -> None:
    legend = document_legend("Grades: 1 strong / we recommend, 2 weak / we suggest; A high, B moderate, C low, D very low.")
    assert legend == USUAL_LEGEND
    assert document_legend("A high proportion of B moderate cases") == USUAL_LEGEND
    custom = document_legend("Codes: A strong, B weak; 1 high, 2 moderate, 3 low, 4 very low.")
    assert dict(custom.strength) == {"A": Strength.STRONG, "B": Strength.CONDITIONAL}
    assert dict(custom.certainty)["3"] is Certainty.LOW


def test_a_legend_in_a_table_and_the_usual_meaning_without_one() -> None:
    table = "Grade | Strength | Wording\n1 | Strong | We recommend\n2 | Conditional | We suggest\nA | High certainty\nB | Moderate\n"
    assert document_legend(table).strength == USUAL_LEGEND.strength
    assert dict(document_legend(table).certainty) == {"A": Certainty.HIGH, "B": Certainty.MODERATE}
    assert document_legend("We recommend fluvantin (1B). Table 1: Strong evidence from two trials.") == USUAL_LEGEND
    grades = find_grades("We recommend fluvantin (1B).")
    assert [(grade.strength, grade.certainty) for grade in grades] == [(Strength.STRONG, Certainty.MODERATE)]


@pytest.mark.parametrize(
    "text",
    [
        "13a [1B] We recommend not using corvaline in adults.",
        "Recommendation 13a [1B] We recommend not using corvaline in adults.",
        "R13a (Grade 1B) We recommend not using corvaline in adults.",
        "13a 1B We recommend not using corvaline in adults.",
        "13a. We recommend not using corvaline in adults (1B).",
        "13a. We recommend not using corvaline in adults. [1B]",
        "13a. We recommend not using corvaline in adults. 1B",
    ],
)
def test_a_code_before_or_after_the_statement(text: str) -> None:
    items = extract_recommendations(_document(f"Background text.\n\n{text}\n\nEvidence. Two small trials."))
    assert [(item.number, item.part, item.direction, item.strength, item.certainty) for item in items] == [
        (13, "a", Direction.AGAINST, Strength.STRONG, Certainty.MODERATE)
    ]
    assert items[0].statement.startswith("We recommend not using corvaline in adults")


def test_separately_graded_parts_run_on_in_one_paragraph() -> None:
    text = "Intro.\n\n2a [1A] We recommend fluvantin for adults with grellosis. 2b [2D] We suggest not routinely adding parvocil.\n\nMore."
    items = extract_recommendations(_document(text))
    assert [(item.number, item.part, item.direction, item.certainty) for item in items] == [
        (2, "a", Direction.FOR, Certainty.HIGH),
        (2, "b", Direction.AGAINST, Certainty.VERY_LOW),
    ]


@pytest.mark.parametrize(
    ("text", "number", "part"),
    [
        ("Practice point 2. Clinicians should weigh every adult with grellosis.", 2, "gps"),
        ("GPP 3: Clinicians should weigh every adult with grellosis.", 3, "gps"),
        ("4. Clinicians should weigh every adult with grellosis (Ungraded).", 4, None),
        ("Ungraded Consensus-Based Statement 5: Clinicians should weigh every adult with grellosis.", 5, "gps"),
        ("Ungraded: Clinicians should weigh every adult with grellosis.", 1, "gps"),
        ("4. Clinicians should weigh every adult with grellosis. [Not graded]", 4, None),
    ],
)
def test_ungraded_good_practice_labels(text: str, number: int, part: str | None) -> None:
    items = extract_recommendations(_document(f"Intro.\n\n{text}\n\nRationale. Weighing is cheap."))
    assert [(item.number, item.part, item.kind) for item in items] == [(number, part, Kind.GOOD_PRACTICE_STATEMENT)]


@pytest.mark.parametrize(
    "statement",
    [
        "We recommend not using corvaline.",
        "We suggest not routinely measuring tessin.",
        "We suggest against parvocil.",
        "We recommend that clinicians not prescribe corvaline.",
        "We suggest that adults with grellosis not be given parvocil.",
    ],
)
def test_against_wordings(statement: str) -> None:
    assert direction_from_wording(statement) is Direction.AGAINST


@pytest.mark.parametrize(
    "statement",
    ["We suggest that adults who do not respond receive parvocil.", "We recommend that fluvantin is not delayed when sepsis is suspected."],
)
def test_a_negation_inside_a_clause_or_far_from_the_verb_is_no_against(statement: str) -> None:
    assert direction_from_wording(statement) is Direction.FOR


@pytest.mark.parametrize("style", CODED_STYLES[:3], ids=[style.name for style in CODED_STYLES[:3]])
def test_each_statement_of_a_coded_pack_posted_as_a_question_returns_its_own_card(
    style: CodedStyle, tmp_path: Path, hashing_model: None
) -> None:
    pdf = coded_pdf(style)
    source = tmp_path / "guideline.pdf"
    source.write_bytes(pdf.data)
    pack = tmp_path / "new-pack"
    result = invoke(
        "pack", "init", str(pack), "--from", str(source), "--id-prefix", "GL", env={"CHATBOT_INDEX_DIR": str(tmp_path / "index")}
    )
    assert result.exit_code == 0, result.output
    bot = build_chatbot(load_settings(corpus_dir=pack, index_dir=tmp_path / "index", data_dir=tmp_path / "data"))
    for expected in pdf.expected:
        rec_id = f"GL-{expected.number}{expected.part or ''}"
        answer = bot.ask(expected.statement).answer
        assert answer.status is AnswerStatus.ANSWERED, (rec_id, answer.summary)
        assert answer.recommendation_ids[0] == rec_id, (rec_id, answer.recommendation_ids)
        card = bot.rec_set.get(rec_id)
        assert card is not None and (card.direction, card.strength, card.certainty) == (
            expected.direction,
            expected.strength,
            expected.certainty,
        )
        others = {code(st, c, style.legend) for n, p, _, _, st, c in STATEMENTS if (n, p) != (expected.number, expected.part)}
        for quote in answer.quotes:  # the quote agrees with the card: under the statements' heading, no other row's grade
            assert quote.section == "Recommendations", (rec_id, quote.section)
            assert quote.recommendation_id != rec_id or not others & set(quote.text.replace("|", " ").split()), (rec_id, quote.text)


def test_a_summary_table_row_completes_a_label_that_gives_only_the_strength() -> None:
    text = (
        "Recommendation 4. We recommend fluvantin for adults with grellosis (strong recommendation).\n\nEvidence. Trials.\n\n"
        "Table 2. Summary\nRecommendation | Strength | Certainty\nRec. 4 | Strong | Moderate\n"
    )
    items = extract_recommendations(_document(text))
    assert [(item.number, item.strength, item.certainty) for item in items] == [(4, Strength.STRONG, Certainty.MODERATE)]


def test_section_style_numbers_are_kept_as_labels_and_counted_in_order_after_plain_ones() -> None:
    text = (
        "Intro.\n\nRecommendation 1.1.1: We recommend fluvantin for adults with grellosis (1B).\n\n"
        "Recommendation 1.1.2: We suggest not using corvaline (2C).\n\nPractice Point 1.1.1: Clinicians should weigh adults.\n\n"
        "Recommendation 3. We suggest parvocil for adults (2B).\n\nEnd."
    )
    items = extract_recommendations(_document(text))
    assert [(item.number, item.part, item.labels.get("number"), item.statement.split()[0]) for item in items] == [
        (1, "gps", "1.1.1", "Clinicians"),
        (3, None, None, "We"),
        (4, None, "1.1.1", "We"),
        (5, None, "1.1.2", "We"),
    ]
    assert items[3].direction is Direction.AGAINST and items[2].strength is Strength.STRONG
