"""The asks a question hides in common words: what a field term makes a compound with, and a vignette a question points back at."""

from __future__ import annotations

from pathlib import Path

import pytest

from chatbot.answer.compounds import compound_asks
from chatbot.answer.coverage import AskReader, uncovered
from chatbot.answer.sentences import ask_sentences
from chatbot.packs.domain import load_domain
from chatbot.packs.parts_of_speech import inflected_parts, parts_of_speech
from chatbot.packs.synonyms import load_thesaurus

CDC = Path(__file__).parents[1] / "packs" / "cdc-opioids-2022"
WORDNET = Path("/usr/share/wordnet")  # Debian's wordnet-base (`make wordnet`)
needs_wordnet = pytest.mark.skipif(not (WORDNET / "index.adj").is_file(), reason="WordNet (wordnet-base) is not installed")


def _reader() -> AskReader:
    texts = ["Invented passage one about nothing in particular.", "Another invented passage."]
    return AskReader(load_thesaurus(CDC), load_domain(CDC), texts, ("Invented pack title",), WORDNET)


def _compounds(question: str) -> list[str]:
    reader = _reader()
    return [ask.name for ask in compound_asks(question, reader.asks(question), reader)]


def _asking(question: str) -> list[str]:
    return [question[start:end] for start, end in ask_sentences(question)]


def test_a_question_that_points_back_asks_about_the_sentence_before_it() -> None:
    assert _asking("A patient chews betel daily. How should that change my prescribing?") == [
        "A patient chews betel daily.",
        "How should that change my prescribing?",
    ]
    assert _asking("My patient chews betel daily. Does the guideline say anything about that?")[0] == "My patient chews betel daily."
    # 'that' opening a question of its own, or a question that does not point back, leaves the vignette as setting
    assert _asking("My patient chews betel daily. Is that something the guideline covers?") == ["Is that something the guideline covers?"]
    assert _asking("My patient chews betel daily. What now?") == ["What now?"]
    # a long description before it is a vignette: setting, whatever points back at it
    vignette = "The ward team wants to start him on betel chewing at home to ease his pain during the night. What about that?"
    assert _asking(vignette) == ["What about that?"]


@needs_wordnet
def test_parts_of_speech_come_from_wordnets_index_files() -> None:
    assert parts_of_speech("sessions", WORDNET) == {"noun"}
    assert {"adj", "noun"} <= parts_of_speech("alternative", WORDNET)
    assert parts_of_speech("Quxlanide", WORDNET) == frozenset()
    assert parts_of_speech("sessions", None) == frozenset()


@needs_wordnet
def test_inflected_forms_are_read_by_wordnets_rules_of_detachment_and_exceptions() -> None:
    assert inflected_parts("coping", WORDNET) == {"verb"}
    assert inflected_parts("thinner", WORDNET) == {"adj"}  # adj.exc: thinner -> thin
    assert inflected_parts("firearms", WORDNET) == frozenset()
    assert inflected_parts("coping", None) == frozenset()


@needs_wordnet
def test_the_nouns_a_field_term_makes_a_compound_with_are_asks() -> None:
    assert _compounds("Should I hand out fentanyl test strips along with naloxone?") == ["fentanyl test strips"]
    assert _compounds("How many naloxone kits should I dispense?") == ["naloxone kits"]
    # a word joining options, an adjective or adverb, a gerund, or a plain English noun heads no compound
    assert _compounds("Is naloxone plus counselling advised?") == []
    assert _compounds("Is naloxone still advised for him?") == []
    assert _compounds("Should naloxone prescribing be routine?") == []
    # shorthand, and a detail's noun (the detail check asks for its value), are no compound's head either
    assert _compounds("naloxone tx for him?") == []
    assert _compounds("What naloxone dose should I give?") == []


@needs_wordnet
def test_an_item_that_never_names_the_compounds_noun_leaves_it_uncovered() -> None:
    reader = _reader()
    question = "Should I hand out fentanyl test strips along with naloxone?"
    strips = compound_asks(question, reader.asks(question), reader)
    assert [ask.text for ask in uncovered(strips, "Offer naloxone when fentanyl exposure is likely.")] == ["strips"]
    assert uncovered(strips, "Fentanyl test strips can be offered with naloxone.") == ()


@needs_wordnet
def test_a_compound_naming_an_act_is_covered_by_a_text_naming_a_kind_of_that_act() -> None:
    reader = _reader()
    question = "Is naloxone prevention during tapering advised?"
    prevention = compound_asks(question, reader.asks(question), reader)
    assert [ask.name for ask in prevention] == ["naloxone prevention"]
    # WordNet's prophylaxis is 'the prevention of disease': an item on prophylaxis speaks of the act asked about
    assert uncovered(prevention, "Routine naloxone prophylaxis is not advised.") == ()
    assert [ask.text for ask in uncovered(prevention, "Naloxone is advised.")] == ["prevention"]
