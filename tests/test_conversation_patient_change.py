"""A new-topic turn that changes the patient's slot is also searched with the new value spelled out; in a pack that offers no
clarification an item stating that value exactly is the more specific; an adverb offered as an alternative asks for nothing."""

from __future__ import annotations

from pathlib import Path

import pytest

from chatbot.conversation.context import specific
from chatbot.conversation.followups import resolve_followup
from chatbot.conversation.state import DialogueState, Topic
from chatbot.conversation.unsaid import qualifiers
from chatbot.packs.domain import load_domain
from chatbot.packs.synonyms import load_thesaurus
from chatbot.recs.loading import load_recommendations
from chatbot.recs.population import named_population
from chatbot.types import Answer, AnswerStatus

CDC = Path(__file__).resolve().parents[1] / "packs" / "cdc-opioids-2022"
WORDNET = Path("/usr/share/wordnet")


@pytest.mark.parametrize(
    "text",
    ["what if they've been on it for years?", "someone who's been on 180 MME for years", "he's been on them a year now",
     "has been on tramadol for 2 yrs", "once someone's been on it long term"],
)  # fmt: skip
def test_time_on_a_drug_a_dose_or_it_of_a_year_or_more_is_long_term_use(text: str) -> None:
    assert named_population(text, load_domain(CDC)).facet("opioid_use") == "long_term"


def test_a_week_on_it_is_no_long_term_use() -> None:
    assert named_population("she has been on it for a week", load_domain(CDC)).facet("opioid_use") is None


def test_without_clarification_facets_only_an_item_stating_the_value_exactly_is_more_specific() -> None:
    rec_set = load_recommendations(CDC)

    def score(item: str, facets: dict[str, str]) -> int:
        return specific(Answer(AnswerStatus.ANSWERED, "", (), (item,)), facets, tuple(facets), rec_set)

    assert score("CDC-5", {"opioid_use": "long_term"}) > score("CDC-4", {"opioid_use": "long_term"}) == 0  # CDC-4 leaves it open
    assert score("CDC-2", {"pain_duration": "chronic"}) == 0  # subacute or chronic: an item for a wider group, not this change


def _after_starting_dose() -> DialogueState:
    return DialogueState("cdc", Topic("starting dose", ("CDC-4",), {"opioid_use": "naive"}), "answered")


def test_a_new_topic_changing_the_patients_slot_is_also_searched_with_the_new_value() -> None:
    question = "what if they've been on it for years and I want to lower it?"
    resolution = resolve_followup(question, _after_starting_dose(), load_recommendations(CDC), load_thesaurus(CDC))
    assert resolution.new_topic and resolution.changed == ("opioid_use",)
    assert resolution.others[-2:] == ("they've been on it for years and I want to lower it, already on long-term opioids",
                                      "already on long-term opioids")  # fmt: skip


def test_the_new_value_alone_is_no_reading_of_a_turn_naming_an_item() -> None:
    question = "and if she has been on it for years, should I check the PDMP?"
    resolution = resolve_followup(question, _after_starting_dose(), load_recommendations(CDC), load_thesaurus(CDC))
    assert resolution.changed == ("opioid_use",) and "already on long-term opioids" not in resolution.others


@pytest.mark.skipif(not (WORDNET / "index.adv").exists(), reason="WordNet (wordnet-base) is not installed")
def test_an_adverb_offered_as_an_alternative_qualifies_no_thing() -> None:
    text = "Tapering gradually; avoiding sudden stops of opioids."
    turn = "so it favours going slowly rather than stopping abruptly?"
    assert qualifiers(turn, ["favours", "going", "slowly", "stopping", "abruptly"], text, WORDNET) == set()
    assert qualifiers("saliva or urine?", ["saliva", "urine"], "urine testing", WORDNET) == {"saliva"}
