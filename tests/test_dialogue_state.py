"""Dialogue state as data: slots and items per turn, property follow-ups from the state, the state in the session store."""

from __future__ import annotations

from pathlib import Path

import pytest

from chatbot.config import load_settings
from chatbot.conversation.context import keeps, next_state
from chatbot.conversation.followups import Resolution, resolve_followup, topic_of
from chatbot.conversation.properties import property_words
from chatbot.conversation.state import DialogueState, Topic, render
from chatbot.core import Chatbot, build_chatbot
from chatbot.packs.domain import Domain, load_domain
from chatbot.packs.synonyms import load_thesaurus
from chatbot.recs.loading import load_recommendations
from chatbot.stores.bundle import open_stores
from chatbot.types import Answer, AnswerStatus

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
    assert res.question.startswith("pediatric-inspired regimen") and "she's Ph-positive" in res.others
    assert res.others[0] == "Ph-positive, B-ALL, 19-year-old"  # the slots alone: the item that states the new value
    assert res.others[1] == "Pediatric-inspired regimen, B-ALL, 19-year-old, Ph-positive"  # the item's topic with the new slot: its sibling


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


def _on(pack: str, *topics: Topic) -> DialogueState:
    """A state whose topics were answered in this order (the last one is current)."""
    state = DialogueState()
    for topic in topics:
        state = state.after(pack, topic, "answered", "")
    return state


def _read(pack: str, question: str, state: DialogueState):
    return resolve_followup(question, state, load_recommendations(PACKS[pack]), load_thesaurus(PACKS[pack]))


def test_the_packs_subject_words_name_no_topic_so_a_changed_facet_looks_for_the_sibling_item() -> None:
    state = _on("cdc", Topic("acute", ("CDC-1",), {"pain_duration": "acute"}))
    res = _read("cdc", "and what if the pain has been there for 6 months?", state)  # "pain" is in every CDC item
    assert not res.new_topic and res.named_ids == frozenset() and res.changed == ("pain_duration",)
    assert res.others[:2] == ("chronic pain", "Favor nonopioid options, chronic pain")  # the slot alone; CDC-1's topic with it


def test_they_of_the_guidelines_authors_refers_to_no_patient_or_item() -> None:
    res = _read("ash", "do they say anything about exercise?", _on("ash", Topic("regimen", ("FL-pediatric-inspired-regimen",), {})))
    assert res.new_topic and res.question == "do they say anything about exercise?" and res.others == ()


def test_going_back_without_telling_words_returns_to_the_latest_earlier_topic() -> None:
    state = _on(
        "ash",
        Topic("blinatumomab", ("RR-immunotherapy-reinduction",), {"phase": "relapsed_refractory"}),
        Topic("CNS", ("RR-isolated-cns-relapse",), {"phase": "relapsed_refractory"}),
    )
    res = _read("ash", "going back - where is that reported?", state)
    assert (res.asks_about, res.previous_ids) == ("source", ("RR-immunotherapy-reinduction",))


@pytest.mark.parametrize(
    ("question", "current", "asks", "about"),
    [
        ("is it strong or conditional?", "FL-asparaginase-hypersensitivity-switch", "strength", "FL-asparaginase-hypersensitivity-switch"),
        ("back to the heparin one: how strong?", "FL-pediatric-inspired-regimen", "strength", "FL-heparin-vte-prophylaxis"),
    ],
)
def test_grading_words_name_no_item_and_a_property_of_one_named_item_is_about_it(question, current, asks, about) -> None:
    res = _read("ash", question, _on("ash", Topic("words", (current,), {})))
    assert (res.asks_about, res.previous_ids) == (asks, (about,))


def test_a_turn_naming_another_item_is_also_searched_with_that_items_own_topic() -> None:
    rec_set, thesaurus = load_recommendations(PACKS["ash"]), load_thesaurus(PACKS["ash"])
    state = _on("ash", Topic("premedicate", ("FL-asparaginase-premedication",), {"age": "20"}))
    res = resolve_followup("she reacted badly to it anyway, should we switch her?", state, rec_set, thesaurus)
    assert res.named_ids == {"FL-asparaginase-hypersensitivity-switch"}
    own = topic_of("", ("FL-asparaginase-hypersensitivity-switch",), rec_set, thesaurus)
    reading = f"{own} she reacted badly to it anyway, should we switch her, 20-year-old"
    assert reading in res.others  # the named item's own reading comes before the old topic's
    assert res.others.index(reading) < res.others.index("premedicate she reacted badly to it anyway, should we switch her, 20-year-old")


def test_a_conversation_follows_a_named_switch_grading_words_and_a_return(bot: Chatbot) -> None:
    first = bot.ask("Pegaspargase in induction for a 20 year old: premedicate to avoid reactions?")
    assert first.answer.recommendation_ids[0] == "FL-asparaginase-premedication"
    ask = lambda text: bot.ask(text, session_id=first.session_id)  # noqa: E731
    switch = ask("she reacted badly to it anyway, should we switch her?")
    assert switch.answer.recommendation_ids[0] == "FL-asparaginase-hypersensitivity-switch"
    assert switch.resolved_question.startswith("Topic: Switching") and "20-year-old" in switch.resolved_question
    grade = ask("is it strong or conditional?")
    assert grade.answer.recommendation_ids == ("FL-asparaginase-hypersensitivity-switch",) and grade.retrieved == ()
    back = ask("going back - what's the source for that?")
    assert back.answer.recommendation_ids == ("FL-asparaginase-premedication",) and back.retrieved == ()
    assert "asking about the source of FL-asparaginase-premedication" in back.resolved_question


def test_a_followup_that_moves_to_another_item_takes_that_items_topic_words() -> None:
    rec_set, thesaurus = load_recommendations(PACKS["ash"]), load_thesaurus(PACKS["ash"])
    state = _on("ash", Topic("MRD transplant", ("FL-allo-hsct-first-remission",), {"phase": "first_remission"}))
    resolution = Resolution("MRD transplant she relapses later", (), False, None, state.item_ids, {"phase": "relapsed_refractory"})
    moved = Answer(AnswerStatus.ANSWERED, "s", (), ("RR-immunotherapy-reinduction",))
    after = next_state(state, resolution, moved, "MRD transplant she relapses later", "ash", rec_set, thesaurus)
    assert after.current.words == topic_of("", ("RR-immunotherapy-reinduction",), rec_set, thesaurus) != "MRD transplant"
    assert render(after, rec_set.domain) == f"Topic: {after.current.words}; population: relapsed"


@pytest.mark.parametrize(
    ("question", "slot", "value"),
    [
        ("She relapsed last year and is now in second remission.", "phase", "remission_after_relapse"),  # named last: her state now
        ("what if she were 16?", "age", "16"),
        ("after relapse, in a new remission", "phase", "remission_after_relapse"),  # the domain's own clarification choice
    ],
)
def test_a_turn_sets_the_slot_it_names_last(question: str, slot: str, value: str) -> None:
    state = _on("ash", Topic("transplant", ("FL-allo-hsct-first-remission",), {"phase": "first_remission", "age": "30"}))
    assert _read("ash", question, state).facets[slot] == value


def test_a_drug_naming_one_item_by_keyword_gets_that_items_reading_whatever_numbers_it_gives() -> None:
    rec_set, thesaurus = load_recommendations(PACKS["cdc"]), load_thesaurus(PACKS["cdc"])
    question = "she also takes alprazolam 1 mg twice a day - any issue?"  # "1" is no topic word of "Reassess within 1-4 weeks"
    res = resolve_followup(question, _on("cdc", Topic("dose", ("CDC-4",), {})), rec_set, thesaurus)
    assert "CDC-11" in res.named_ids and "CDC-7" not in res.named_ids
    assert any(reading.startswith(topic_of("", ("CDC-11",), rec_set, thesaurus)) for reading in res.others)


@pytest.mark.parametrize(
    ("item", "kept"),
    [
        ("RR-immunotherapy-reinduction", True),  # states the relapsed phase it keeps
        ("RR-allo-hsct-after-relapse-remission", False),  # remission after relapse only overlaps "relapsed"
        ("FL-psychosocial-survivorship", True),  # any phase
    ],
)
def test_after_a_changed_facet_an_item_must_keep_the_other_slots(item: str, kept: bool) -> None:
    rec_set = load_recommendations(PACKS["ash"])
    answer = Answer(AnswerStatus.ANSWERED, "s", (), (item,))
    assert keeps(answer, {"phase": "relapsed_refractory", "lineage": "T"}, ("lineage",), rec_set) is kept


def test_the_same_question_for_a_population_no_item_covers_is_not_found(bot: Chatbot) -> None:
    first = bot.ask("Relapsed B-ALL in a 25 year old: is blinatumomab preferred for reinduction?")
    assert first.answer.recommendation_ids[0] == "RR-immunotherapy-reinduction"
    other = bot.ask("and if it were T-ALL?", session_id=first.session_id)  # the transplant item only overlaps "relapsed"
    assert other.answer.status is AnswerStatus.NOT_FOUND, other.answer.recommendation_ids


def test_a_clarification_choice_and_a_turn_without_content_words_stay_on_the_topic(bot: Chatbot) -> None:
    first = bot.ask("Should my patient be transplanted?")
    assert first.answer.status is AnswerStatus.NEEDS_CLARIFICATION
    choice = bot.ask("after relapse, in a new remission", session_id=first.session_id)  # the domain's option for that phase
    assert choice.answer.recommendation_ids[0] == "RR-allo-hsct-after-relapse-remission"
    basis = bot.ask("on what is the decision based?", session_id=first.session_id)  # out of scope alone: no word of its own
    assert basis.answer.status is AnswerStatus.ANSWERED
    assert basis.answer.recommendation_ids[0] == "RR-allo-hsct-after-relapse-remission"
    assert "in remission after relapse" in basis.resolved_question
    off = bot.ask("what is the capital of France?", session_id=first.session_id)  # words of its own: never read with the topic
    assert off.answer.status is AnswerStatus.OUT_OF_SCOPE


def test_after_a_clarification_a_question_naming_another_item_is_a_new_topic(bot: Chatbot) -> None:
    first = bot.ask("Should my patient be transplanted?")
    assert first.answer.status is AnswerStatus.NEEDS_CLARIFICATION
    other = bot.ask(  # it names a facet (no bleeding), but it answers no clarification: it asks about another item
        "Different question: should we give cryoprecipitate to replace fibrinogen during asparaginase when there is no bleeding?",
        session_id=first.session_id,
    )
    assert other.answer.status is AnswerStatus.ANSWERED
    assert other.answer.recommendation_ids[0] == "FL-fibrinogen-replacement"
