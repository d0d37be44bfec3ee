"""A follow-up asking whether the guideline says something is about the guideline: never out of scope, answered only by an item saying it."""

from __future__ import annotations

from chatbot.conversation.said import asks_if_said
from chatbot.conversation.unreported import unreported
from chatbot.core import Chatbot
from chatbot.types import AnswerStatus


def test_turns_asking_whether_the_guideline_says_something_are_recognised() -> None:
    for turn in (
        "does it mention dental care?",
        "any mention of yoga?",
        "do they address school attendance?",
        "Does the guideline say anything about diet?",
    ):
        assert asks_if_said(turn)
    for turn in ("does that apply to older adults?", "how strong is that?", "what dose?", "which one?"):
        assert not asks_if_said(turn)


def test_asking_whether_the_guideline_mentions_another_fields_thing_is_not_found_not_out_of_scope(default_bot: Chatbot) -> None:
    first = default_bot.ask("routine heparin prophylaxis during asparaginase for a 25-year-old?")
    assert first.answer.recommendation_ids[0] == "FL-heparin-vte-prophylaxis"
    for question in ("does it mention influenza vaccination?", "any mention of orthodontic braces?"):  # out of scope before
        assert default_bot.ask(question, session_id=first.session_id).answer.status is AnswerStatus.NOT_FOUND
    back = default_bot.ask("how strong is that?", session_id=first.session_id)
    assert back.answer.recommendation_ids == ("FL-heparin-vte-prophylaxis",)


def test_which_asks_what_the_item_says_was_not_reported(default_bot: Chatbot) -> None:
    thesaurus = default_bot.engines[0].thesaurus
    text = "Give a bridging infusion before surgery. The infusion products and timing were not reported."
    assert unreported("which products exactly?", text, thesaurus) == ("products",)
    assert unreported("and what kind of timing?", text, thesaurus) == ("timing",)
    assert unreported("what about infusion products?", text, thesaurus) == ()  # a new topic, not a pick among kinds
    assert unreported("which products exactly?", "Give a bridging infusion before surgery.", thesaurus) == ()


def test_a_which_follow_up_the_item_says_its_sources_never_named_is_not_found(default_bot: Chatbot) -> None:
    first = default_bot.ask("is premedication advised before pegaspargase for a 20 year old?")
    assert first.answer.recommendation_ids[0] == "FL-asparaginase-premedication"
    agents = default_bot.ask("which agents exactly?", session_id=first.session_id)  # answered with the item before
    assert agents.answer.status is AnswerStatus.NOT_FOUND and "agents" in agents.answer.summary
