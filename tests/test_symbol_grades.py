"""Statements graded by symbols alone in a table row's last cell (arrows for strength, ⊕ circles for certainty): a
generated guideline (invented wording), the grade reader on its own, and a pack made from the guideline."""

from __future__ import annotations

from pathlib import Path

import pytest
from symbol_grade_pdfs import symbol_grade_pdf
from test_cli import invoke

from chatbot.config import load_settings
from chatbot.core import build_chatbot
from chatbot.ingest.key_questions import introduced, is_key_question
from chatbot.ingest.readers import read_document
from chatbot.ingest.statement_spans import StatementSpan
from chatbot.recs.extraction import extract_recommendations
from chatbot.recs.grading import find_grades
from chatbot.recs.schema import Certainty, Direction, Strength
from chatbot.types import AnswerStatus, DocumentKind, SourceRef


def test_every_symbol_graded_row_gives_its_statement_number_direction_and_grade(tmp_path: Path) -> None:
    data, expected = symbol_grade_pdf()
    (tmp_path / "g.pdf").write_bytes(data)
    document = read_document(SourceRef(id="g", title="g", kind=DocumentKind.OFFICIAL, path="g.pdf"), tmp_path)
    items = extract_recommendations(document, consensus=True)
    found = {(item.number, item.part): item for item in items}
    assert sorted(found, key=str) == sorted(((e.number, e.part) for e in expected), key=str)
    for want in expected:
        item = found[(want.number, want.part)]
        assert item.statement == document.text[item.char_start : item.char_end]
        got = (" ".join(item.statement.split()), item.kind.value, item.direction, item.strength, item.certainty)
        assert got == (want.statement, want.kind, want.direction, want.strength, want.certainty), (want.number, want.part)
        assert not {"↑", "↓", "⊕", "◯", "✓"} & set(item.statement)


@pytest.mark.parametrize(
    ("label", "direction", "strength", "certainty"),
    [
        ("↑↑ ⊕⊕⊕⊕", Direction.FOR, Strength.STRONG, Certainty.HIGH),
        ("↑\n⊕⊕◯◯", Direction.FOR, Strength.CONDITIONAL, Certainty.LOW),
        ("↓ ⊕⊕⊕◯", Direction.AGAINST, Strength.CONDITIONAL, Certainty.MODERATE),
        ("⇓⇓ ⨁◯◯◯", Direction.AGAINST, Strength.STRONG, Certainty.VERY_LOW),
    ],
)
def test_arrows_and_circles_are_a_grade(label: str, direction: Direction, strength: Strength, certainty: Certainty) -> None:
    (grade,) = find_grades(f"We suggest fluvantin.\n\n{label}\n\nEvidence. Trials were small.")
    assert (grade.direction, grade.strength, grade.certainty) == (direction, strength, certainty)


def test_arrows_defined_in_words_are_no_grade() -> None:
    assert find_grades("Key. ↑↑ strong recommendation for; ⊕⊕⊕⊕ high certainty of evidence.") == []


def test_each_statement_of_a_symbol_graded_pack_posted_as_a_question_returns_its_own_card(tmp_path: Path, hashing_model: None) -> None:
    data, expected = symbol_grade_pdf()
    source = tmp_path / "guideline.pdf"
    source.write_bytes(data)
    pack = tmp_path / "new-pack"
    result = invoke(
        "pack", "init", str(pack), "--from", str(source), "--id-prefix", "GL", env={"CHATBOT_INDEX_DIR": str(tmp_path / "index")}
    )
    assert result.exit_code == 0, result.output
    bot = build_chatbot(load_settings(corpus_dir=pack, index_dir=tmp_path / "index", data_dir=tmp_path / "data"))
    for want in expected:
        if want.kind != "recommendation":
            continue
        rec_id = f"GL-{want.number}{want.part or ''}"
        answer = bot.ask(want.statement).answer
        assert answer.status is AnswerStatus.ANSWERED, (rec_id, answer.summary)
        assert answer.recommendation_ids[0] == rec_id, (rec_id, answer.recommendation_ids)
        card = bot.rec_set.get(rec_id)
        assert card is not None and (card.direction, card.strength, card.certainty) == (want.direction, want.strength, want.certainty)


def test_the_text_under_a_key_question_introduces_the_statement_after_it_not_the_one_before() -> None:
    text = (
        "3 We recommend early fluvantin for adults with marrowlag.\n\n↑↑ ⊕⊕⊕⊕\n\n"
        "Question 4. Should pelvatrin vs no treatment be used in adults with a rash?\n\n"
        "Evidence summary. Two invented trials of pelvatrin found faster healing of the rash.\n\n"
        "4 We suggest pelvatrin for adults with marrowlag and a rash.\n\n↑ ⊕⊕◯◯\n\n"
        "Remarks. The panel noted the trials were small."
    )
    spans = (StatementSpan("GL-3", 2, 56), StatementSpan("GL-4", text.index("4 We") + 2, text.index("rash.\n\n↑ ") + 5))
    grade_line = text.index("↑↑")
    evidence = text.index("Evidence summary")
    remarks = text.index("Remarks")
    assert introduced(text, evidence, evidence + 80, spans) == "GL-4"
    assert introduced(text, grade_line, evidence + 80, spans) == "GL-4"  # opens with the row above's grade line
    assert introduced(text, remarks, len(text), spans) is None  # after its statements: the statement before it discusses it
    question = text.index("Should pelvatrin")
    assert is_key_question(text, question, text.index("?") + 1)  # a question is no quote
    assert not is_key_question(text, evidence, text.index("rash.") + 5)
