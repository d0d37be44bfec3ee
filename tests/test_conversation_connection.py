"""A turn continues the conversation only when it connects to it; an unrelated turn is a new question for the scope check."""

from __future__ import annotations

from pathlib import Path

import pytest

from chatbot.conversation.connection import speaks_of_pack
from chatbot.conversation.followups import resolve_followup
from chatbot.conversation.state import DialogueState, Topic
from chatbot.conversation.unsaid import unsaid
from chatbot.core import Chatbot
from chatbot.index.lexical import tokenize
from chatbot.packs.synonyms import load_thesaurus
from chatbot.recs.loading import load_recommendations
from chatbot.types import AnswerStatus

ROOT = Path(__file__).resolve().parents[1]
ASH, CDC = ROOT / "corpus", ROOT / "packs" / "cdc-opioids-2022"
ON_ITEM = {ASH: ("FL-ph-positive-tki", "TKI"), CDC: ("CDC-1", "nonopioid therapies acute pain")}
UNRELATED = ["what's the weather tomorrow?", "who won the chess final?", "any good pasta recipes?", "how do I renew a passport?"]
UNRELATED += ["what time is it?", "is it snowing?"]  # "it" as English's dummy subject refers to no item


def _resolve(pack: Path, question: str, text_stems: frozenset[str] = frozenset()):
    """The turn read after an answer on the pack's item of ON_ITEM."""
    item, words = ON_ITEM[pack]
    state = DialogueState().after(pack.name, Topic(words, (item,), {}), "answered", "")
    return resolve_followup(question, state, load_recommendations(pack), load_thesaurus(pack), text_stems)


@pytest.mark.parametrize("pack", [ASH, CDC])
@pytest.mark.parametrize("question", UNRELATED)
def test_a_short_turn_unrelated_to_the_pack_is_a_new_question(pack: Path, question: str) -> None:
    res = _resolve(pack, question)
    assert res.new_topic and not res.asks_about and res.question == question and not res.others


@pytest.mark.parametrize(
    ("pack", "question", "asks"),
    [
        (ASH, "how strong is that?", "strength"),
        (ASH, "where does it say that?", "source"),
        (CDC, "evidence type?", "certainty"),
        (CDC, "how solid is the evidence?", "certainty"),
        (ASH, "where's that stated?", "source"),
        (CDC, "where's it written?", "source"),
    ],
)
def test_a_property_question_stays_on_the_item(pack: Path, question: str, asks: str) -> None:
    res = _resolve(pack, question)
    assert res.asks_about == asks and res.previous_ids == (ON_ITEM[pack][0],)


@pytest.mark.parametrize(
    ("pack", "question"),
    [
        (ASH, "and if she reacts anyway?"),  # a connector and a pronoun
        (ASH, "is ponatinib mentioned?"),  # a field term of the item's synonym group
        (ASH, "what about a 45 year old?"),  # a facet value
        (ASH, "compared with what?"),  # ends on its question word: about something said before
        (ASH, "versus which?"),
        (CDC, "and for acute pain?"),
        (CDC, "for how long?"),
        (CDC, "in a 70 year old?"),
        (CDC, "how long then?"),  # a word of the pack's items
        (ASH, "any exceptions to that?"),  # a demonstrative closing the turn refers back
        (CDC, "why this?"),
        (ASH, "which concrete measures does it list?"),  # "it" as the subject of a verb is no dummy
        (ASH, "was it the panel's own idea?"),  # a copula's "it" in talk about the guideline is the item
        (CDC, "is it guideline advice or just custom?"),
    ],
)
def test_a_turn_that_connects_to_the_conversation_continues_it(pack: Path, question: str) -> None:
    res = _resolve(pack, question)
    assert not res.new_topic and res.previous_ids == (ON_ITEM[pack][0],)


def test_a_word_of_the_packs_text_connects_a_short_turn() -> None:
    rec_set, thesaurus = load_recommendations(ASH), load_thesaurus(ASH)
    assert not speaks_of_pack("any cheaper options nearby?", rec_set, thesaurus)
    assert speaks_of_pack("any cheaper options nearby?", rec_set, thesaurus, frozenset(tokenize("cheaper")))
    assert _resolve(ASH, "any cheaper options nearby?").new_topic
    assert not _resolve(ASH, "any cheaper options nearby?", frozenset(tokenize("cheaper"))).new_topic


def test_an_unrelated_turn_after_an_answer_is_declined_and_the_topic_stays(default_bot: Chatbot) -> None:
    first = default_bot.ask("Ph+ ALL in a 22 year old: is a TKI advised?")
    assert first.answer.recommendation_ids[0] == "FL-ph-positive-tki"
    for question in ("what's the weather tomorrow?", "any good pasta recipes?"):
        unrelated = default_bot.ask(question, session_id=first.session_id)
        assert unrelated.answer.status is AnswerStatus.OUT_OF_SCOPE and not unrelated.answer.recommendation_ids
    back = default_bot.ask("how strong is that?", session_id=first.session_id)
    assert back.answer.status is AnswerStatus.ANSWERED and back.answer.recommendation_ids == ("FL-ph-positive-tki",)


def test_a_followup_asking_what_the_item_never_says_is_not_found_about_that_item(default_bot: Chatbot) -> None:
    first = default_bot.ask("Ph+ ALL in a 22 year old: is a TKI advised?")
    assert first.answer.recommendation_ids[0] == "FL-ph-positive-tki"
    dose = default_bot.ask("imatinib dose?", session_id=first.session_id)  # the item names imatinib, never a dose
    assert dose.answer.status is AnswerStatus.NOT_FOUND and not dose.answer.recommendation_ids
    assert "FL-ph-positive-tki" in dose.answer.summary and "imatinib dose" in dose.answer.uncovered
    time = default_bot.ask("what time is it?", session_id=first.session_id)
    assert time.answer.status is AnswerStatus.OUT_OF_SCOPE
    back = default_bot.ask("how strong is that?", session_id=first.session_id)
    assert back.answer.recommendation_ids == ("FL-ph-positive-tki",)


@pytest.mark.parametrize(
    ("turn", "missing"),
    [
        ("imatinib dose?", ("imatinib dose",)),  # a noun phrase alone asks "what is the imatinib dose?"
        ("any adjustment for hepatic impairment?", ("adjustment", "hepatic", "impairment")),
        ("what about dasatinib instead?", ()),  # the item says it
        ("anything they emphasize about imatinib?", ()),  # the verb after a person frames the turn
        ("she is on imatinib after induction", ()),  # a statement asks for nothing
        ("what exactly is meant by that?", ()),  # common words frame it
        ("what's the rationale for that?", ()),  # a general word that asks about the item itself
    ],
)
def test_the_words_of_a_followup_that_an_items_text_never_says(default_bot: Chatbot, turn: str, missing: tuple[str, ...]) -> None:
    text = "Imatinib or dasatinib is added to multiagent chemotherapy for Ph-positive ALL."
    assert unsaid(turn, text, default_bot.engines[0].answer_context) == missing


def test_a_recommendation_number_the_digest_never_gives_is_not_found(default_bot: Chatbot) -> None:
    answer = default_bot.ask("What does recommendation 3 say?").answer  # the default digest numbers none of its items
    assert answer.status is AnswerStatus.NOT_FOUND and answer.uncovered == ("recommendation 3",), answer
    assert not answer.quotes
