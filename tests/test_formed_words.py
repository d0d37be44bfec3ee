"""Words WordNet lacks that join two words it knows ('timeframe') are read as those words, not as unknown asks."""

from __future__ import annotations

from pathlib import Path

import pytest

from chatbot.answer.coverage import AskReader
from chatbot.answer.formed_words import formed_from
from chatbot.conversation.unsaid import framing_word
from chatbot.packs.domain import load_domain
from chatbot.packs.synonyms import load_thesaurus

PROJECT = Path(__file__).parents[1]
CORPUS = PROJECT / "corpus"
WORDNET = Path("/usr/share/wordnet")  # Debian's wordnet-base (`make wordnet`)
needs_wordnet = pytest.mark.skipif(not (WORDNET / "index.noun").is_file(), reason="WordNet (wordnet-base) is not installed")


@needs_wordnet
def test_a_joined_word_is_read_as_the_words_it_is_made_of_a_prefixed_one_is_not() -> None:
    assert formed_from("timeframe", WORDNET) == ("time", "frame")
    assert formed_from("timepoints", WORDNET) == ("time", "points")
    assert formed_from("rechallenge", WORDNET) == ()  # a prefix adds a meaning of its own: a challenge again
    assert formed_from("check", WORDNET) == ()  # WordNet knows it: nothing to take apart
    assert formed_from("pegaspargase", WORDNET) == ()  # a drug's name is no compound of English words
    assert formed_from("timeframe", None) == ()


@needs_wordnet
def test_a_word_made_of_common_words_frames_a_follow_up_rather_than_asks() -> None:
    assert framing_word("timeframe", WORDNET) and framing_word("timepoints", WORDNET)
    assert not framing_word("pegaspargase", WORDNET) and not framing_word("rechallenge", WORDNET)
    assert not framing_word("timeframe", None)  # without WordNet the word stays as rare as it is


@needs_wordnet
def test_a_question_asks_for_no_joined_common_words_the_pack_never_uses() -> None:
    reader = AskReader(load_thesaurus(CORPUS), load_domain(CORPUS), ["Invented passage.", "Another one."], (), WORDNET)
    asks = [ask.text for ask in reader.asks("Within what timeframe should I rechallenge with pegaspargase?")]
    assert "timeframe" not in asks
    assert "pegaspargase" in asks and "rechallenge" in asks
