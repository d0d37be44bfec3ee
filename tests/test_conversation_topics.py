"""Which topic a turn is about: the items it names most fully, the items under discussion, and readings of the turn alone."""

from __future__ import annotations

from pathlib import Path

import pytest

from chatbot.conversation.context import next_state, specific
from chatbot.conversation.followups import clarification_options, resolve_followup, topic_of
from chatbot.conversation.state import DialogueState, Topic
from chatbot.conversation.topics import topic_index
from chatbot.core import Chatbot
from chatbot.packs.synonyms import load_thesaurus
from chatbot.recs.loading import load_recommendations
from chatbot.types import Answer, AnswerStatus

ROOT = Path(__file__).resolve().parents[1]
ASH, CDC = ROOT / "corpus", ROOT / "packs" / "cdc-opioids-2022"


def _on(pack: Path, topic: Topic) -> tuple[DialogueState, object, object]:
    """A state whose current topic is `topic`, with the pack's items and thesaurus."""
    return DialogueState().after(pack.name, topic, "answered", ""), load_recommendations(pack), load_thesaurus(pack)


def test_naming_counts_the_words_that_name_each_item() -> None:
    index = topic_index(load_recommendations(CDC), load_thesaurus(CDC))
    naming = index.naming("is a naloxone kit part of assessing overdose risk?")
    assert naming["CDC-8"] > naming.get("CDC-9", 0) > 0  # CDC-8 through naloxone and risk assessment, CDC-9 through overdose risk


@pytest.mark.parametrize(
    ("pack", "current", "question"),
    [
        (ASH, "RR-immunotherapy-reinduction", "and versus chemotherapy?"),  # chemotherapy names two items alike
        (CDC, "CDC-11", "and pregabalin alongside?"),
    ],
)
def test_a_turn_naming_the_item_under_discussion_as_fully_as_another_stays_on_it(pack: Path, current: str, question: str) -> None:
    state, rec_set, thesaurus = _on(pack, Topic("the topic", (current,), {}))
    named = topic_index(rec_set, thesaurus).naming(question)
    assert current in named and len(named) > 1
    res = resolve_followup(question, state, rec_set, thesaurus)
    assert not res.new_topic and res.previous_ids == (current,)


def test_a_turn_naming_another_item_more_fully_reads_that_item_first() -> None:
    state, rec_set, thesaurus = _on(CDC, Topic("PDMP", ("CDC-9",), {}))
    res = resolve_followup("and is a naloxone kit part of assessing overdose risk?", state, rec_set, thesaurus)
    assert res.new_topic and "CDC-8" in res.named_ids
    assert res.others[0].startswith(topic_of("", ("CDC-8",), rec_set, thesaurus))  # before the old topic's reading


def test_a_property_question_naming_another_item_by_its_title_is_about_that_item() -> None:
    # the transplant item lists MRD among its keywords; "the MRD one" names the MRD item by its title
    state, rec_set, thesaurus = _on(ASH, Topic("transplant", ("FL-allo-hsct-first-remission",), {"phase": "first_remission"}))
    res = resolve_followup("and how strong is the MRD one?", state, rec_set, thesaurus)
    assert res.asks_about == "strength" and res.previous_ids == ("FL-mrd-guided-therapy",)


def test_a_changed_facet_does_not_move_to_an_item_the_turn_alone_reaches_only_by_elimination(default_bot: Chatbot) -> None:
    first = default_bot.ask("Fibrinogen of 80 on pegaspargase in a 25 year old, not bleeding: should we replace it with cryoprecipitate?")
    assert first.answer.recommendation_ids[0] == "FL-fibrinogen-replacement"
    second = default_bot.ask("suppose she has an ongoing bleed", session_id=first.session_id)
    # the fibrinogen item covers patients without bleeding; no other item is about this patient's bleeding
    assert second.answer.status is AnswerStatus.NOT_FOUND


def test_a_followup_the_item_under_discussion_does_not_cover_is_not_found_and_asks_nothing_settled(default_bot: Chatbot) -> None:
    first = default_bot.ask("Ph+ ALL in a 22 year old: is a TKI advised?")
    assert first.answer.recommendation_ids[0] == "FL-ph-positive-tki"
    second = default_bot.ask("is nilotinib named?", session_id=first.session_id)  # the Ph status is settled: no choice between statuses
    assert second.answer.status is AnswerStatus.NOT_FOUND


def test_a_property_asked_without_naming_an_item_is_about_the_item_under_discussion() -> None:
    state, rec_set, thesaurus = _on(ASH, Topic("blinatumomab", ("RR-immunotherapy-reinduction",), {"phase": "relapsed_refractory"}))
    res = resolve_followup("what certainty of evidence supports that advice?", state, rec_set, thesaurus)
    assert res.asks_about == "certainty" and res.previous_ids == ("RR-immunotherapy-reinduction",)


def test_clarification_does_not_offer_a_facet_the_conversation_has_settled() -> None:
    rec_set = load_recommendations(ASH)
    candidates = [rec_set.get(i) for i in ("FL-ph-positive-tki", "FL-pediatric-inspired-regimen")]
    assert clarification_options("is a TKI added?", candidates, rec_set.domain) == ("Ph-positive", "Ph-negative")
    assert clarification_options("is a TKI added?", candidates, rec_set.domain, {"ph_status": "positive", "age": "30"}) == ()


def test_a_first_topic_not_found_for_the_patient_stays_for_the_next_turn() -> None:
    rec_set, thesaurus = load_recommendations(ASH), load_thesaurus(ASH)
    first = resolve_followup("pediatric-inspired regimen for a newly diagnosed 52 year old?", DialogueState(), rec_set, thesaurus)
    unfound = Answer(AnswerStatus.NOT_FOUND, "outside the age range")
    state = next_state(DialogueState(), first, unfound, first.question, "ash", rec_set, thesaurus)
    assert state.current.words == "pediatric-inspired regimen" and state.current.facets["age"] == "52"
    again = resolve_followup("and for a 30 year old?", state, rec_set, thesaurus)
    assert not again.new_topic and again.question.startswith("pediatric-inspired regimen") and again.facets["age"] == "30"


@pytest.mark.parametrize("question", ["could you quote me the statement?", "quote that", "and the exact wording?"])
def test_asking_for_the_statements_words_is_a_source_question_about_the_item(question: str) -> None:
    state, rec_set, thesaurus = _on(CDC, Topic("taper", ("CDC-5",), {}))
    res = resolve_followup(question, state, rec_set, thesaurus)
    assert res.asks_about == "source" and res.previous_ids == ("CDC-5",)


def test_a_statement_giving_a_new_facet_value_moves_to_the_item_that_states_it(default_bot: Chatbot) -> None:
    first = default_bot.ask("30 year old, newly diagnosed B-ALL, Ph negative: pediatric or adult regimen?")
    assert first.answer.recommendation_ids[0] == "FL-pediatric-inspired-regimen"
    second = default_bot.ask("cytogenetics came back showing a BCR-ABL1 fusion", session_id=first.session_id)
    assert second.answer.status is AnswerStatus.ANSWERED and second.answer.recommendation_ids[0] == "FL-ph-positive-tki"


def test_only_facets_the_pack_tells_items_apart_by_make_an_item_more_specific() -> None:
    ash, cdc = load_recommendations(ASH), load_recommendations(CDC)
    tki = Answer(AnswerStatus.ANSWERED, "", (), ("FL-ph-positive-tki",))
    assert specific(tki, {"ph_status": "positive"}, ("ph_status",), ash) == 2  # ASH offers Ph status as a clarification
    second_remission = {"phase": "remission_after_relapse"}
    transplant = Answer(AnswerStatus.ANSWERED, "", (), ("RR-allo-hsct-after-relapse-remission",))
    reinduction = Answer(AnswerStatus.ANSWERED, "", (), ("RR-immunotherapy-reinduction",))  # relapsed disease, which covers it
    assert specific(transplant, second_remission, ("phase",), ash) > specific(reinduction, second_remission, ("phase",), ash) > 0
    nonopioid = Answer(AnswerStatus.ANSWERED, "", (), ("CDC-2",))
    assert specific(nonopioid, {"pain_duration": "chronic"}, ("pain_duration",), cdc) == 0  # CDC clarifies on no facet
