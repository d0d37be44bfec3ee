"""Turns that move a conversation: another person's age, a break from it, a negated facet said again, a comparison, a concession."""

from __future__ import annotations

from pathlib import Path

import pytest

from chatbot.conversation.complement import opposite_values
from chatbot.conversation.concession import concedes
from chatbot.conversation.followups import _named, breaks_off, resolve_followup
from chatbot.conversation.state import DialogueState, Topic
from chatbot.core import Chatbot
from chatbot.packs.domain import load_domain
from chatbot.packs.synonyms import load_thesaurus
from chatbot.recs.loading import load_recommendations
from chatbot.types import AnswerStatus

ASH = Path(__file__).resolve().parents[1] / "corpus"


@pytest.mark.parametrize(
    ("turn", "age"),
    [
        ("and her cousin, 44?", 44),  # set off by a comma, the clause ending there
        ("my aunt is 57 and has the same illness", 57),  # after "is"
        ("their nephew, 36, newly diagnosed", 36),
        ("her fibrinogen is 0.8, bleed risk?", None),  # a measurement, not an age
        ("his count is 12 mg", None),
    ],
)
def test_an_age_said_of_a_relative_is_read(turn: str, age: int | None) -> None:
    assert _named(turn, load_domain(ASH)).age == age


@pytest.mark.parametrize(
    ("turn", "breaks"),
    [
        ("unrelated: what is the billing code for this leukemia?", True),
        ("Unrelated question - any tips for a sore knee?", True),
        ("ok, different patient: newly diagnosed 24 year old, TKI?", True),
        ("a new topic: when is MRD measured?", True),
        ("is an unrelated donor acceptable?", False),  # the word, not a break at the turn's start
        ("what about a different regimen?", False),
    ],
)
def test_a_turn_opening_with_a_break_breaks_off(turn: str, breaks: bool) -> None:
    assert breaks_off(turn) is breaks


def test_a_turn_that_breaks_off_is_read_as_a_first_question() -> None:
    state = DialogueState("corpus", Topic("transplant", ("FL-allo-hsct-first-remission",), {"age": "23"}), "answered")
    res = resolve_followup("different patient: how strong is that?", state, load_recommendations(ASH), load_thesaurus(ASH))
    assert (res.new_topic, res.previous_ids, res.asks_about, res.facets) == (True, (), None, {})


@pytest.mark.parametrize(
    ("turn", "opposite"),
    [
        ("and if she is bleeding?", {"bleeding": "active"}),
        ("what if he starts bleeding", {"bleeding": "active"}),
        ("and if she is not bleeding at all?", {}),  # the slot's own value
        ("is cryo given to prevent bleeding?", {}),  # not said of the patient
    ],
)
def test_a_negated_facet_said_again_without_its_negation_is_the_opposite_value(turn: str, opposite: dict[str, str]) -> None:
    assert opposite_values(turn, {"bleeding": "none"}, load_domain(ASH)) == opposite


def test_a_facet_named_without_negation_has_no_opposite() -> None:
    assert opposite_values("and if she is Ph-positive?", {"ph_status": "negative"}, load_domain(ASH)) == {}


def test_despite_the_item_under_discussion_concedes() -> None:
    names_current = {"the premeds": True, "the weather": False}.__getitem__
    assert concedes("and what if she still reacts despite the premeds?", names_current)
    assert not concedes("and what if she reacts despite the weather?", names_current)
    assert not concedes("she reacts despite the premeds", names_current)  # no condition


def test_a_relative_outside_the_guidelines_ages_is_not_found_not_out_of_scope(default_bot: Chatbot) -> None:
    first = default_bot.ask("Ph+ ALL in a 27 year old, should a TKI be added?")
    assert first.answer.recommendation_ids[0] == "FL-ph-positive-tki"
    for turn in ("and her uncle, 48, who has the same thing?", "his aunt is 61 with the same disease, same answer?"):
        assert default_bot.ask(turn, session_id=first.session_id).answer.status is AnswerStatus.NOT_FOUND


def test_an_unrelated_turn_in_other_words_is_out_of_scope(default_bot: Chatbot) -> None:
    first = default_bot.ask("routine heparin prophylaxis during asparaginase for a 25-year-old?")
    turn = "unrelated: what's the billing code for leukemia in remission?"
    assert default_bot.ask(turn, session_id=first.session_id).answer.status is AnswerStatus.OUT_OF_SCOPE


def test_a_comparison_the_item_does_not_make_is_not_found(default_bot: Chatbot) -> None:
    first = default_bot.ask("relapsed B-ALL in a 24 year old, is inotuzumab advised for reinduction?")
    assert first.answer.recommendation_ids[0] == "RR-immunotherapy-reinduction"
    other = default_bot.ask("is it superior to blinatumomab?", session_id=first.session_id)
    assert other.answer.status is AnswerStatus.NOT_FOUND and "blinatumomab" in other.answer.summary
    comparator = default_bot.ask("better than chemotherapy?", session_id=first.session_id)
    assert comparator.answer.recommendation_ids[:1] == ("RR-immunotherapy-reinduction",)


def test_a_reaction_despite_the_premedication_moves_to_the_switch(default_bot: Chatbot) -> None:
    first = default_bot.ask("should a 20 year old get premedication before pegaspargase?")
    assert first.answer.recommendation_ids[0] == "FL-asparaginase-premedication"
    other = default_bot.ask("and what if she reacts despite the premedication?", session_id=first.session_id)
    assert other.answer.recommendation_ids[:1] == ("FL-asparaginase-hypersensitivity-switch",)


def test_bleeding_said_again_leaves_the_no_bleeding_item(default_bot: Chatbot) -> None:
    first = default_bot.ask("fibrinogen low on pegaspargase and not bleeding: replace it?")
    assert first.answer.recommendation_ids[0] == "FL-fibrinogen-replacement"
    assert default_bot.ask("and if he is bleeding?", session_id=first.session_id).answer.status is AnswerStatus.NOT_FOUND
