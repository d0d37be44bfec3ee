"""Statements numbered by section in running two-column text ("2.1.1 We recommend ...", "3.1.3 (a) We suggest ..."), graded
in a sentence of their own after them: generated guidelines (invented wording), the grade sentences and the ids."""

from __future__ import annotations

from pathlib import Path

import pytest
from section_numbered_pdfs import SECTION_STYLES, SectionStyle, section_pdf
from section_parts_pdfs import PART_STYLES
from test_cli import invoke

from chatbot.config import load_settings
from chatbot.core import build_chatbot
from chatbot.ingest.readers import read_document
from chatbot.recs.extraction import extract_recommendations
from chatbot.recs.grading import find_grades
from chatbot.recs.schema import Certainty, Strength
from chatbot.types import AnswerStatus, Document, DocumentKind, PageSpan, SourceRef


def _read(data: bytes, folder: Path) -> Document:
    (folder / "g.pdf").write_bytes(data)
    return read_document(SourceRef(id="g", title="g", kind=DocumentKind.OFFICIAL, path="g.pdf"), folder)


def _text_document(text: str) -> Document:
    return Document("g", "g", DocumentKind.OFFICIAL, "g.md", text, "0" * 64, pages=(PageSpan(1, 0, len(text)),))


@pytest.mark.parametrize("style", SECTION_STYLES + PART_STYLES, ids=lambda style: style.name)
def test_every_section_numbered_statement_is_read_with_its_number_part_and_grade(style: SectionStyle, tmp_path: Path) -> None:
    pdf = section_pdf(style)
    document = _read(pdf.data, tmp_path)
    items = extract_recommendations(document, consensus=True)
    got = [
        (item.labels.get("number"), item.part, " ".join(item.statement.split()), item.kind.value)
        + (item.direction.value, item.strength.value, item.certainty.value)
        for item in items
    ]
    kinds = {True: "good_practice_statement", False: "recommendation"}
    want = [(s.number, s.part, s.text, kinds[s.good_practice], s.direction, s.strength, s.certainty) for s in pdf.statements]
    assert got == want
    assert all(item.statement == document.text[item.char_start : item.char_end] for item in items)


@pytest.mark.parametrize(
    ("sentence", "strength", "certainty"),
    [
        ("This is a strong recommendation based on moderate-certainty evidence.", Strength.STRONG, Certainty.MODERATE),
        ("This is a strong recommendation based on very-low-certainty evidence.", Strength.STRONG, Certainty.VERY_LOW),
        (
            "The panel made a conditional recommendation; the certainty of the evidence was rated low.",
            Strength.CONDITIONAL,
            Certainty.LOW,
        ),
        ("(Conditional recommendation; very low certainty of evidence.)", Strength.CONDITIONAL, Certainty.VERY_LOW),
    ],
)
def test_a_grade_sentence_after_the_statement_grades_it(sentence: str, strength: Strength, certainty: Certainty) -> None:
    text = f"We recommend fluvantin for adults with corvitis. {sentence}"
    (grade,) = find_grades(text)
    assert (grade.start, grade.strength, grade.certainty) == (text.index(sentence), strength, certainty)


def test_a_sentence_defining_the_grades_grades_nothing() -> None:
    assert (
        find_grades("Methods. A strong recommendation means that most people would want it; a conditional recommendation does not.") == []
    )


def test_headings_old_numbers_and_abridged_table_rows_are_no_statements() -> None:
    text = (
        "2 Preoperative care\n\n2.1 Risk assessment\n\nThe panel revised former point 12 and recommendation 4 of the 2015 guideline.\n\n"
        "2.1.1 Good practice statement: Clinicians should record the date of …\n\n"
        "2.1.1. Good practice statement: Clinicians should record the date of the last flare in every referral.\n\n"
        "2.1.2 (a) We suggest fluvantin for adults with corvitis. This is a conditional recommendation based on low-certainty evidence.\n\n"
        "2.1.2(b) We recommend against parvocil. The panel made a strong recommendation; the certainty of the evidence was rated low.\n\n"
        "Rationale. Trials were small.\n\n3 Intraoperative care\n\n3.1 Anaesthesia\n\nThe panel met twice."
    )
    items = extract_recommendations(_text_document(text), consensus=True)
    got = [(item.labels.get("number"), item.part, item.kind.value, item.strength.value, item.statement.split()[-1]) for item in items]
    assert got == [
        ("2.1.1", None, "good_practice_statement", "not_applicable", "referral."),
        ("2.1.2", "a", "recommendation", "conditional", "corvitis."),
        ("2.1.2", "b", "recommendation", "strong", "parvocil."),
    ]


def test_section_numbers_keep_their_dots_in_ids_and_plain_numbers_keep_theirs(tmp_path: Path, hashing_model: None) -> None:
    text = (
        "Recommendation 3. We recommend fluvantin for adults with corvitis (strong recommendation, high certainty).\n\n"
        "Recommendation 7a. We suggest parvocil for adults with corvitis (conditional recommendation, low certainty).\n\n"
        "2.1.1 We recommend screening every adult with corvitis. This is a strong recommendation based on low-certainty evidence.\n\n"
        "3.1.3 (a) We suggest warming fluids in long surgery. (Conditional recommendation; very low certainty of evidence.)\n\n"
        "End.\n"
    )
    source = tmp_path / "guideline.md"
    source.write_text(text)
    pack = tmp_path / "pack"
    result = invoke(
        "pack", "init", str(pack), "--from", str(source), "--id-prefix", "R", env={"CHATBOT_INDEX_DIR": str(tmp_path / "index")}
    )
    assert result.exit_code == 0, result.output
    bot = build_chatbot(load_settings(corpus_dir=pack, index_dir=tmp_path / "index", data_dir=tmp_path / "data"))
    assert sorted(item.id for item in bot.rec_set.items) == ["R-2.1.1", "R-3", "R-3.1.3a", "R-7a"]
    assert bot.rec_set.get("R-3.1.3a").label == "3.1.3a"  # type: ignore[union-attr]
    assert bot.rec_set.get("R-2.1.1").strength is Strength.STRONG  # type: ignore[union-attr]


@pytest.mark.parametrize("style", SECTION_STYLES + PART_STYLES, ids=lambda style: style.name)
def test_each_section_numbered_statement_posted_as_a_question_returns_its_own_card(
    style: SectionStyle, tmp_path: Path, hashing_model: None
) -> None:
    pdf = section_pdf(style)
    source = tmp_path / "guideline.pdf"
    source.write_bytes(pdf.data)
    pack = tmp_path / "new-pack"
    result = invoke(
        "pack", "init", str(pack), "--from", str(source), "--id-prefix", "R", env={"CHATBOT_INDEX_DIR": str(tmp_path / "index")}
    )
    assert result.exit_code == 0, result.output
    bot = build_chatbot(load_settings(corpus_dir=pack, index_dir=tmp_path / "index", data_dir=tmp_path / "data"))
    assert sorted(item.id for item in bot.rec_set.items) == sorted(f"R-{s.number}{s.part or ''}" for s in pdf.statements)
    for want in pdf.statements:
        if want.good_practice:
            continue
        rec_id = f"R-{want.number}{want.part or ''}"
        answer = bot.ask(want.text).answer
        assert answer.status is AnswerStatus.ANSWERED, (rec_id, answer.summary)
        assert answer.recommendation_ids[0] == rec_id, (rec_id, answer.recommendation_ids)
        card = bot.rec_set.get(rec_id)
        assert card is not None and (card.direction.value, card.strength.value, card.certainty.value) == (
            want.direction,
            want.strength,
            want.certainty,
        )
