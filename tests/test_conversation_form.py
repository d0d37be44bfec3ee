"""Follow-ups read by their form: property words however shortened, which item a property is asked of, conceded conditions."""

from __future__ import annotations

from pathlib import Path

import pytest

from chatbot.conversation.concession import concedes
from chatbot.conversation.followups import resolve_followup
from chatbot.conversation.properties import followup_summary, property_words
from chatbot.conversation.scope import points_back
from chatbot.conversation.state import DialogueState, Topic
from chatbot.core import Chatbot
from chatbot.packs.domain import load_domain
from chatbot.packs.synonyms import load_thesaurus
from chatbot.recs.loading import load_recommendations
from chatbot.types import AnswerStatus

ROOT = Path(__file__).resolve().parents[1]
PACKS = {"ash": ROOT / "corpus", "cdc": ROOT / "packs" / "cdc-opioids-2022"}


@pytest.mark.parametrize("pack", sorted(PACKS))
@pytest.mark.parametrize(
    ("question", "asks"),
    [
        ("for or against?", "direction"),
        ("and which direction does it point?", "direction"),
        ("ev type on it?", "certainty"),  # a shortened property word whose phrase goes on with the next word
        ("how certain is that evidence?", "certainty"),  # a derived form beside another property word
        ("cert?", "certainty"),  # a form that is no English word
        ("anyone excluded from it?", "population"),
        ("is that for certain patients only?", None),  # "certain" alone stays an English word
        ("so what about the next step?", None),  # "so" is no shortened "source"
        ("was that backed by randomised trials?", "certainty"),  # the kind of study behind it: the evidence asked about
        ("is this one derived from cohort studies or RCTs?", "certainty"),
        ("what did the trials show about dosing?", None),  # what studies found is no property of the item
    ],
)
def test_property_words_are_read_by_their_form(pack: str, question: str, asks: str | None) -> None:
    assert property_words(load_domain(PACKS[pack])).asked(question) == asks


def test_a_long_turn_is_not_read_for_shortened_property_words() -> None:
    words = property_words(load_domain(PACKS["ash"]))
    assert words.asked("what does the ev type of the trials tell us about how we should treat her today?") is None


def test_the_direction_summary_names_the_item_and_which_way_it_points() -> None:
    rec_set = load_recommendations(PACKS["cdc"])
    rec = rec_set.get("CDC-11")
    assert rec is not None
    summary = followup_summary("direction", [rec])
    assert summary.startswith(f"Direction of CDC-11 ({rec.title}): {rec.direction.value} ")


def _resolve(pack: str, question: str, state: DialogueState):
    return resolve_followup(question, state, load_recommendations(PACKS[pack]), load_thesaurus(PACKS[pack]))


def _on(pack: str, item: str, words: str = "words") -> DialogueState:
    return DialogueState(pack, Topic(words, (item,), {}), "answered")


def test_a_direction_asked_of_the_item_by_its_own_words_is_answered_from_the_state() -> None:
    res = _resolve("cdc", "summing up: is the benzodiazepine item for or against?", _on("cdc", "CDC-11"))
    assert (res.asks_about, res.previous_ids) == ("direction", ("CDC-11",))


def test_the_words_after_for_or_against_are_the_advice_not_another_item() -> None:
    res = _resolve("cdc", "is the rec for or against starting with immediate-release opioids?", _on("cdc", "CDC-2"))
    assert (res.asks_about, res.previous_ids) == ("direction", ("CDC-2",))


def test_that_recommendation_named_by_words_it_shares_with_another_is_the_item_under_discussion() -> None:
    state = _on("ash", "RR-allo-hsct-after-relapse-remission", "allo")
    res = _resolve("ash", "what certainty backs that transplant statement?", state)
    assert (res.asks_about, res.previous_ids) == ("certainty", ("RR-allo-hsct-after-relapse-remission",))


def test_a_short_property_turn_naming_one_other_item_is_about_that_item() -> None:
    res = _resolve("cdc", "ev type of the naloxone one?", _on("cdc", "CDC-9"))
    assert (res.asks_about, res.previous_ids) == ("certainty", ("CDC-8",))


def test_after_a_turn_without_an_item_a_property_is_about_the_last_topic_that_had_one() -> None:
    state = _on("ash", "FL-heparin-vte-prophylaxis", "heparin")
    state = state.after("corpus", Topic("asparaginase activity", (), {}), "answered", "a passage's answer")
    res = _resolve("ash", "how strong?", state)
    assert (res.asks_about, res.previous_ids) == ("strength", ("FL-heparin-vte-prophylaxis",))


@pytest.mark.parametrize(
    ("turn", "conceding"),
    [
        ("and if a reaction happens anyway?", True),
        ("what if the pain persists regardless?", True),
        ("suppose it fails in spite of that?", True),
        ("and if she is 30?", False),  # a condition, nothing conceded
        ("should we give it anyway?", False),  # conceded, but no condition
    ],
)
def test_a_condition_granted_in_spite_of_the_advice_concedes(turn: str, conceding: bool) -> None:
    assert concedes(turn) is conceding


def test_a_turn_pointing_back_at_a_word_of_the_pack_points_back() -> None:
    rec_set, thesaurus = load_recommendations(PACKS["cdc"]), load_thesaurus(PACKS["cdc"])
    from chatbot.conversation.connection import pack_stems

    known = pack_stems(rec_set, thesaurus)
    assert points_back("what about pharmacogenomic panels before that first prescription?", known)
    assert not points_back("unrelated: which statin suits my father's cholesterol?", known)


def test_a_conceded_reaction_after_premedication_moves_to_the_next_item(default_bot: Chatbot) -> None:
    first = default_bot.ask("Premedication before pegaspargase for a 21 year old?")
    assert first.answer.recommendation_ids[0] == "FL-asparaginase-premedication"
    then = default_bot.ask("and what if she has a reaction regardless?", session_id=first.session_id)
    assert then.answer.status is AnswerStatus.ANSWERED
    assert then.answer.recommendation_ids[0] == "FL-asparaginase-hypersensitivity-switch"
    grade = default_bot.ask("for or against?", session_id=first.session_id)
    assert grade.answer.recommendation_ids == ("FL-asparaginase-hypersensitivity-switch",) and grade.retrieved == ()
    assert grade.answer.summary.startswith("Direction of FL-asparaginase-hypersensitivity-switch")


def test_a_bare_choice_in_another_fields_words_is_asked_of_the_item_under_discussion(default_bot: Chatbot) -> None:
    first = default_bot.ask("a 30 year old with relapsed ALL is now in second remission: allogeneic transplant?")
    assert first.answer.recommendation_ids[0] == "RR-allo-hsct-after-relapse-remission"
    choice = default_bot.ask("busulfan or TBI?", session_id=first.session_id)  # read alone it is out of scope
    assert choice.answer.status is AnswerStatus.NOT_FOUND
    assert "RR-allo-hsct-after-relapse-remission" in choice.answer.summary
