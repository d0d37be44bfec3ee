"""A changed slot after an item written for a population also searches the new value alone; a short turn naming what only
another item's own advice says moves to that item."""

from __future__ import annotations

from pathlib import Path

import pytest

from chatbot.conversation.followups import Resolution, resolve_followup
from chatbot.conversation.state import DialogueState, Topic
from chatbot.conversation.topics import topic_index
from chatbot.packs.synonyms import Thesaurus, load_thesaurus
from chatbot.recs.loading import load_recommendations
from chatbot.recs.schema import RecommendationSet

CDC = Path(__file__).resolve().parents[1] / "packs" / "cdc-opioids-2022"


@pytest.fixture(scope="module")
def rec_set() -> RecommendationSet:
    return load_recommendations(CDC)


@pytest.fixture(scope="module")
def thesaurus() -> Thesaurus:
    return load_thesaurus(CDC)


def _after(item: str, words: str, facets: dict[str, str]) -> DialogueState:
    return DialogueState().after("cdc", Topic(words, (item,), facets), "answered", "")


def _resolve(question: str, state: DialogueState, rec_set: RecommendationSet, thesaurus: Thesaurus) -> Resolution:
    return resolve_followup(question, state, rec_set, thesaurus)


def test_an_item_written_for_a_population_gives_way_to_the_new_value_alone(rec_set, thesaurus) -> None:
    state = _after("CDC-6", "supply after surgery", {"pain_duration": "acute"})  # the acute-pain item states its pain duration
    resolution = _resolve("what if she has been on opioids for years?", state, rec_set, thesaurus)
    assert resolution.changed == ("opioid_use",)
    assert "already on long-term opioids" in resolution.others  # the new value without the carried acute pain
    assert "already on long-term opioids" not in resolution.alone  # its item need not be the search's first
    assert resolution.stating == ("already on long-term opioids",)  # but it must state the new value (engine._search)


def test_an_item_for_everyone_keeps_the_new_value_with_the_carried_slots(rec_set, thesaurus) -> None:
    state = _after("CDC-9", "PDMP", {"pain_duration": "acute"})  # the monitoring item states no facet: it holds for anyone
    resolution = _resolve("what if she has been on opioids for years?", state, rec_set, thesaurus)
    assert resolution.changed == ("opioid_use",)
    assert "already on long-term opioids" not in resolution.others


def test_the_items_whose_own_advice_says_what_a_turn_names(rec_set, thesaurus) -> None:
    index = topic_index(rec_set, thesaurus)
    assert index.advised("and benzodiazepines?", rec_set) == {"CDC-11"}  # the monitoring item lists them only as a keyword
    assert index.advised("and diazepam?", rec_set) == {"CDC-11"}  # by its synonym group


def test_a_short_turn_naming_what_only_another_items_advice_says_moves_to_it(rec_set, thesaurus) -> None:
    state = _after("CDC-9", "PDMP", {})
    resolution = _resolve("and diazepam?", state, rec_set, thesaurus)
    assert resolution.new_topic
    assert "CDC-11" in resolution.named_ids


def test_a_short_turn_naming_the_items_own_advice_stays_on_it(rec_set, thesaurus) -> None:
    state = _after("CDC-11", "benzodiazepines", {})
    resolution = _resolve("and diazepam?", state, rec_set, thesaurus)
    assert not resolution.new_topic
