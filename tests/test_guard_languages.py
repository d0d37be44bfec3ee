"""Notes written partly in another language: that language's common words name nothing the guideline lacks."""

from __future__ import annotations

import pytest
from corpora import verdict_and_findings

from chatbot.answer.english import is_common_elsewhere
from chatbot.guard.check import GuardContext


@pytest.mark.parametrize(("word", "common"), [("nicht", True), ("nuestra", True), ("ASCO", False), ("kratom", False), ("comments", False)])
def test_words_common_in_another_language_and_rare_in_english(word: str, common: bool) -> None:
    assert is_common_elsewhere(word) is common


def test_a_faithful_note_in_another_language_claims_no_unknown_term(ash: GuardContext) -> None:
    text = "Paciente 30a, LLA-B en recaída → blinatumomab > quimio (ASH R/R)."
    assert "unsupported_claim" not in [kind for kind, _ in verdict_and_findings(ash, text)[1]]


def test_an_unknown_treatment_in_such_a_note_is_still_found(ash: GuardContext) -> None:
    text = "Paciente 30a, LLA-B en recaída → kratom > quimio (ASH R/R)."
    assert "unsupported_claim" in [kind for kind, _ in verdict_and_findings(ash, text)[1]]
