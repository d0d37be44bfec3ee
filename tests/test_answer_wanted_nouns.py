"""The thing a what/which question asks for in a plain noun ('what paperwork'): an ask when it names a thing, not a frame."""

from __future__ import annotations

from pathlib import Path

import pytest

from chatbot.answer.coverage import AskReader
from chatbot.answer.wanted_nouns import wanted_nouns
from chatbot.packs.domain import load_domain
from chatbot.packs.synonyms import load_thesaurus

CDC = Path(__file__).parents[1] / "packs" / "cdc-opioids-2022"
WORDNET = Path("/usr/share/wordnet")  # Debian's wordnet-base (`make wordnet`)
needs_wordnet = pytest.mark.skipif(not (WORDNET / "index.adj").is_file(), reason="WordNet (wordnet-base) is not installed")


def _wanted(question: str) -> list[str]:
    texts = ["Invented passage one about nothing in particular.", "Another invented passage."]
    reader = AskReader(load_thesaurus(CDC), load_domain(CDC), texts, ("Invented pack title",), WORDNET)
    return [ask.name for ask in wanted_nouns(question, reader.asks(question), reader)]


@needs_wordnet
def test_a_plain_noun_heading_a_what_phrase_is_what_the_question_wants() -> None:
    assert _wanted("What paperwork does the guideline require for travel?") == ["paperwork"]
    assert _wanted("what is the documentation that insurers need?") == ["documentation"]


@needs_wordnet
def test_framing_nouns_verbs_detail_nouns_and_compounds_are_not_wanted_things() -> None:
    assert _wanted("What role does tapering play?") == []  # common enough to frame the question
    assert _wanted("Which kind of taper is advised?") == []  # also an adjective
    assert _wanted("What dose (100 vs 140 mg) is advised?") == []  # a detail's noun; the phrase ends at the bracket
    assert _wanted("Which naloxone product should I give?") == []  # a field term's compound: the compound rule reads it


@needs_wordnet
def test_paperwork_institutions_and_money_asked_to_exist_be_needed_or_cost_are_wanted() -> None:
    assert _wanted("Is there a claim form for this visit?") == ["claim form"]
    assert _wanted("Do I need prior authorization for a refill?") == ["prior authorization"]
    assert _wanted("Does the handbook include a consent form to print?") == ["consent form"]
    assert _wanted("How much does the patch cost each month?") == ["cost"]


@needs_wordnet
def test_care_itself_and_the_guidelines_own_words_are_not_wanted_dealings() -> None:
    assert _wanted("Is there any guidance on tapering?") == []  # the guideline's own words: its advice answers them
    assert _wanted("Do I need to check the PDMP first?") == []  # a verb, not a thing needed
    assert _wanted("Is there a point where going up is not worth it?") == []  # a place, not paperwork
    assert _wanted("How much does the dose go up each week?") == []  # 'go' names no money
