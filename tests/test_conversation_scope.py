"""A turn's scope in a conversation follows its own words: the pack's words ask about the item under discussion, others not."""

from __future__ import annotations

from chatbot.core import Chatbot
from chatbot.types import AnswerStatus


def test_a_detail_asked_in_a_few_words_is_not_found_about_the_item_under_discussion(default_bot: Chatbot) -> None:
    first = default_bot.ask("Ph+ ALL in a 22 year old: is a TKI advised?")
    assert first.answer.recommendation_ids[0] == "FL-ph-positive-tki"
    dose = default_bot.ask("at what dosage?", session_id=first.session_id)  # too short to reach the pack alone: out of scope before
    assert dose.answer.status is AnswerStatus.NOT_FOUND and "FL-ph-positive-tki" in dose.answer.summary
    back = default_bot.ask("how strong is that?", session_id=first.session_id)
    assert back.answer.recommendation_ids == ("FL-ph-positive-tki",)


def test_a_question_in_another_fields_words_naming_a_patient_is_out_of_scope(default_bot: Chatbot) -> None:
    first = default_bot.ask("routine heparin prophylaxis during asparaginase for a 25-year-old?")
    assert first.answer.recommendation_ids[0] == "FL-heparin-vte-prophylaxis"
    strength = default_bot.ask("how strong is that?", session_id=first.session_id)
    assert strength.answer.recommendation_ids == ("FL-heparin-vte-prophylaxis",)
    for question in (
        "unrelated, but which anticoagulant should my 62 year old dad take for his mechanical heart valve?",
        "another thing: what anticoagulant suits a 70 year old with atrial flutter?",
    ):  # not found before: read as a follow-up about heparin for another age
        assert default_bot.ask(question, session_id=first.session_id).answer.status is AnswerStatus.OUT_OF_SCOPE
    back = default_bot.ask("how strong is that?", session_id=first.session_id)
    assert back.answer.recommendation_ids == ("FL-heparin-vte-prophylaxis",)


def test_a_connected_turn_naming_one_agent_the_pack_never_uses_is_not_out_of_scope(default_bot: Chatbot) -> None:
    first = default_bot.ask("routine heparin prophylaxis during asparaginase for a 25-year-old?")
    other = default_bot.ask("and fondaparinux?", session_id=first.session_id)
    assert other.answer.status is AnswerStatus.NOT_FOUND
