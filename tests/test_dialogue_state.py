"""Dialogue state as data: slots and items per turn, property follow-ups from the state, the state in the session store."""

from __future__ import annotations

from pathlib import Path

import pytest

from chatbot.config import load_settings
from chatbot.conversation.followups import resolve_followup
from chatbot.conversation.properties import property_words
from chatbot.conversation.state import DialogueState, Topic, render
from chatbot.core import Chatbot, build_chatbot
from chatbot.packs.domain import Domain, load_domain
from chatbot.packs.synonyms import load_thesaurus
from chatbot.recs.loading import load_recommendations
from chatbot.stores.bundle import open_stores
from chatbot.types import AnswerStatus

ROOT = Path(__file__).resolve().parents[1]
PACKS = {"ash": ROOT / "corpus", "cdc": ROOT / "packs" / "cdc-opioids-2022", "eln": ROOT / "packs" / "eln-cml-2020"}


def test_the_state_survives_json_and_malformed_state_reads_as_empty() -> None:
    state = DialogueState("corpus", Topic("TKI", ("FL-ph-positive-tki",), {"ph_status": "positive", "age": "19"}), "answered", "s")
    state = state.after("corpus", Topic("transplant", ("FL-allo-hsct-first-remission",), {"phase": "first_remission"}), "answered", "t")
    again = DialogueState.from_dict(state.as_dict())
    assert again == state and again.earlier[0].item_ids == ("FL-ph-positive-tki",)
    for junk in (None, [], {"current": "x", "earlier": "y"}, {"current": {"item_ids": "FL-x", "facets": [1]}}):
        assert DialogueState.from_dict(junk).item_ids == ()


def test_the_state_reads_as_topic_and_population() -> None:
    rec_set = load_recommendations(PACKS["ash"])
    state = DialogueState("corpus", Topic("TKI", ("FL-ph-positive-tki",), {"ph_status": "positive", "age": "19"}), "answered")
    assert render(state, rec_set.domain) == "Topic: TKI; population: Ph-positive, 19-year-old"
    assert render(state, rec_set.domain, "strength").endswith("asking about the strength of FL-ph-positive-tki")


@pytest.mark.parametrize(
    ("pack", "item", "question", "asks"),
    [
        ("ash", "FL-pediatric-inspired-regimen", "how strong?", "strength"),
        ("ash", "RR-immunotherapy-reinduction", "does that apply to T-ALL?", "applicability"),
        ("cdc", "CDC-5", "is that a category A rec?", "strength"),  # the pack's own grading words (domain.yaml)
        ("cdc", "CDC-12", "evidence type?", "certainty"),
        ("cdc", "CDC-11", "does that apply to cancer pain pts?", "applicability"),
    ],
)
def test_property_followups_are_about_the_items_of_the_state(pack: str, item: str, question: str, asks: str) -> None:
    rec_set = load_recommendations(PACKS[pack])
    state = DialogueState(pack, Topic("topic words", (item,), {}), "answered")
    res = resolve_followup(question, state, rec_set, load_thesaurus(PACKS[pack]))
    assert (res.asks_about, res.previous_ids) == (asks, (item,))


def test_back_to_an_earlier_topic_asks_about_its_items() -> None:
    rec_set, thesaurus = load_recommendations(PACKS["ash"]), load_thesaurus(PACKS["ash"])
    state = DialogueState(
        "corpus", Topic("allogeneic transplant", ("FL-allo-hsct-first-remission",), {"phase": "first_remission"}), "answered"
    )
    state = state.after(
        "corpus", Topic("transplant", ("RR-allo-hsct-after-relapse-remission",), {"phase": "remission_after_relapse"}), "answered", ""
    )
    res = resolve_followup("back to CR1 - how strong was that one?", state, rec_set, thesaurus)
    assert (res.asks_about, res.previous_ids) == ("strength", ("FL-allo-hsct-first-remission",))


def test_a_changed_facet_offers_the_search_without_the_old_topic_and_keeps_the_other_slots() -> None:
    rec_set, thesaurus = load_recommendations(PACKS["ash"]), load_thesaurus(PACKS["ash"])
    facets = {"ph_status": "negative", "lineage": "B", "age": "19"}
    state = DialogueState("corpus", Topic("pediatric-inspired regimen", ("FL-pediatric-inspired-regimen",), facets), "answered")
    res = resolve_followup("what if she's Ph-positive?", state, rec_set, thesaurus)
    assert res.facets == {"ph_status": "positive", "lineage": "B", "age": "19"} and res.changed == ("ph_status",)
    assert res.question.startswith("pediatric-inspired regimen") and res.others[0] == "she's Ph-positive"


@pytest.mark.parametrize("pack", sorted(PACKS))
@pytest.mark.parametrize(
    ("question", "asks"),
    [("how strong?", "strength"), ("what certainty?", "certainty"), ("where does it say that?", "source"), ("evidence type?", "certainty")],
)
def test_every_pack_reads_the_general_property_words(pack: str, question: str, asks: str) -> None:
    assert property_words(load_domain(PACKS[pack])).asked(question) == asks


def test_a_pack_property_word_must_name_a_known_property() -> None:
    with pytest.raises(ValueError, match="unknown properties"):
        Domain.model_validate({"properties": {"dose": ["mg"]}})


@pytest.fixture(scope="module")
def bot(tmp_path_factory: pytest.TempPathFactory, postgres_cluster) -> Chatbot:
    """A chatbot on the default corpus whose sessions live in a real PostgreSQL database."""
    settings = load_settings(
        corpus_dir=PACKS["ash"], index_dir=tmp_path_factory.mktemp("index"), database_url=postgres_cluster.new_database()
    )
    return build_chatbot(settings)


def test_a_new_facet_selects_another_item_and_properties_follow_it(bot: Chatbot) -> None:
    first = bot.ask("19 year old, newly diagnosed Ph-negative B-ALL: pediatric-inspired or adult regimen?")
    assert first.answer.recommendation_ids[0] == "FL-pediatric-inspired-regimen"
    second = bot.ask("what if she's Ph-positive?", session_id=first.session_id)
    assert second.answer.recommendation_ids[0] == "FL-ph-positive-tki"
    assert second.resolved_question.startswith("Topic: ") and "Ph-positive" in second.resolved_question
    assert "Ph-negative" not in second.resolved_question
    third = bot.ask("how strong is that?", session_id=first.session_id)
    assert third.answer.status is AnswerStatus.ANSWERED and third.retrieved == ()  # from the state, no search
    assert third.answer.recommendation_ids == ("FL-ph-positive-tki",) and "FL-ph-positive-tki" in third.answer.summary
    fourth = bot.ask("does that apply to T-ALL?", session_id=first.session_id)
    assert fourth.answer.recommendation_ids == ("FL-ph-positive-tki",) and fourth.retrieved == ()
    state = DialogueState.from_dict(bot.sessions.state(first.session_id))
    assert state.item_ids == ("FL-ph-positive-tki",) and state.facets["ph_status"] == "positive"
    assert state.earlier[0].item_ids == ("FL-pediatric-inspired-regimen",)


def test_another_replica_continues_the_conversation_from_the_stored_state(bot: Chatbot) -> None:
    first = bot.ask("Relapsed B-ALL in a 28 year old, blinatumomab or chemotherapy for reinduction?")
    assert first.answer.recommendation_ids[0] == "RR-immunotherapy-reinduction"
    replica = Chatbot(bot.settings, bot.engines, open_stores(bot.settings), bot.embedder)  # new store connections, same database
    reply = replica.ask("does that apply to T-ALL?", session_id=first.session_id)
    assert reply.answer.recommendation_ids == ("RR-immunotherapy-reinduction",)
    assert "does not cover" in reply.answer.summary and "T" in reply.answer.summary
    fresh = replica.ask("does that apply to T-ALL?")  # without the stored state there is nothing to apply
    assert fresh.retrieved != () and fresh.resolved_question == "does that apply to T-ALL?"
