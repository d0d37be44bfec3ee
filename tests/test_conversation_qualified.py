"""A property word qualified by another thing's noun is that thing's ("tablet strength"), not the item's property."""

from __future__ import annotations

import re

from chatbot.conversation.properties import property_words
from chatbot.conversation.qualified import qualified
from chatbot.core import Chatbot


def _strength(question: str) -> bool:
    match = re.search(r"\bstrength\b", question)
    assert match is not None
    return qualified(question, match.start(), match.end())


def test_a_things_strength_is_not_the_items() -> None:
    for question in ("what tablet strength should she take?", "which strength of the patch, 5 or 10?", "the inhaler strength?"):
        assert _strength(question)


def test_the_items_strength_stays_a_property() -> None:
    for question in (
        "strength?",
        "and that one's strength?",
        "the transplant rec - strength?",
        "what's the strength of that dosing recommendation?",
        "same strength as the other one?",
        "what's the GRADE strength?",
        "strength of it?",
    ):
        assert not _strength(question)


def test_a_things_strength_asks_no_property_of_the_item(default_bot: Chatbot) -> None:
    words = property_words(default_bot.rec_set.domain)
    assert words.asked("what tablet strength should she take?") is None  # read as the item's strength before
    assert words.asked("and the strength of that recommendation?") == "strength"
