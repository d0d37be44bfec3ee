"""Shorthand that writes a small word between its capitals ("QoL", "I&D") reads as the text's phrase that skips that word."""

from __future__ import annotations

from chatbot.packs.initialisms import Initialisms

TEXTS = [
    "Zorbic and dravel both improved quality of life. Dravel fell short on quality of life at one year.",
    "Quality of life was the main outcome. Incision and drainage of the cyst; incision and drainage again;",
    "incision and drainage once more. Injection devices were used; injection devices failed; injection devices were kept.",
]


def test_capitals_joined_by_a_small_letter_or_ampersand_read_as_a_phrase_that_skips_a_small_word() -> None:
    shorthand = Initialisms.from_texts(TEXTS)
    assert shorthand.in_question("Is QoL better on zorbic?") == [(3, 6, "quality of life")]
    assert shorthand.spelled_out("I&D for a cyst?") == "incision and drainage for a cyst?"  # not "injection devices"


def test_an_initialism_of_capitals_alone_still_prefers_a_phrase_that_skips_no_word() -> None:
    shorthand = Initialisms.from_texts(TEXTS)
    assert shorthand.spelled_out("Were the ID kept?") == "Were the ID kept?"  # two capitals: a compound word, or nothing
    assert shorthand.long_form("ID") == "injection devices"
