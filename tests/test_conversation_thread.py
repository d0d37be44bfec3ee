"""The thread of a conversation: a property asked in a clause of a longer turn, of the patient under discussion or of an
earlier one; a changed slot that moves off an item found for the old value; a clarification the patient's slots settle."""

from __future__ import annotations

from pathlib import Path

from chatbot.conversation.followups import resolve_followup
from chatbot.conversation.properties import property_words
from chatbot.conversation.state import DialogueState, Topic
from chatbot.core import Chatbot
from chatbot.packs.domain import load_domain
from chatbot.packs.synonyms import load_thesaurus
from chatbot.recs.loading import load_recommendations
from chatbot.recs.population import named_population
from chatbot.types import AnswerStatus

ASH = Path(__file__).resolve().parents[1] / "corpus"


def _resolve(question: str, state: DialogueState):
    return resolve_followup(question, state, load_recommendations(ASH), load_thesaurus(ASH))


def test_a_property_word_is_read_in_full_in_a_short_clause_of_a_longer_turn() -> None:
    words = property_words(load_domain(ASH))
    assert words.asked("right, for the thirty year old we talked about, how certain is that evidence?") == "certainty"
    assert words.asked("is this for certain patients only, those with relapsed disease after two lines?") is None


def test_a_property_naming_the_patient_under_discussion_again_is_about_the_current_item() -> None:
    state = DialogueState("ash", Topic("switch", ("FL-asparaginase-hypersensitivity-switch",), {"age": "31"}), "not_found")
    res = _resolve("fine, for the 31-year-old then, how strong?", state)
    assert (res.asks_about, res.previous_ids) == ("strength", ("FL-asparaginase-hypersensitivity-switch",))


def test_a_property_naming_an_earlier_topics_patient_the_current_item_does_not_cover_is_about_that_topic() -> None:
    first = Topic("transplant", ("FL-allo-hsct-first-remission",), {"phase": "first_remission"})
    state = DialogueState("ash", first, "answered")
    state = state.after(
        "ash", Topic("transplant", ("RR-allo-hsct-after-relapse-remission",), {"phase": "remission_after_relapse"}), "answered", ""
    )
    res = _resolve("what about the CR1 one, how strong?", state)
    assert (res.asks_about, res.previous_ids) == ("strength", ("FL-allo-hsct-first-remission",))


def test_a_hyphenated_remission_phrase_names_the_phase() -> None:
    domain = load_domain(ASH)
    assert named_population("the first-remission one", domain).facet("phase") == "first_remission"
    assert named_population("a second-remission patient", domain).facet("phase") == "remission_after_relapse"


def test_a_new_phase_moves_off_an_item_that_states_the_old_one(default_bot: Chatbot) -> None:
    first = default_bot.ask("reinduction for a 24 year old with relapsed B-ALL: which immunotherapy?")
    assert first.answer.recommendation_ids[:1] == ("RR-immunotherapy-reinduction",)
    then = default_bot.ask("and once she is in CR2?", session_id=first.session_id)
    assert then.answer.recommendation_ids[:1] == ("RR-allo-hsct-after-relapse-remission",)


def test_the_patients_slots_settle_a_facet_a_new_topic_leaves_open(default_bot: Chatbot) -> None:
    first = default_bot.ask("relapsed B-ALL in a 30 year old, is immunotherapy favoured for reinduction?")
    assert first.answer.recommendation_ids[:1] == ("RR-immunotherapy-reinduction",)
    then = default_bot.ask("and a transplant once in remission?", session_id=first.session_id)
    assert then.answer.status is AnswerStatus.ANSWERED
    assert then.answer.recommendation_ids[:1] == ("RR-allo-hsct-after-relapse-remission",)
    fresh = default_bot.ask("Should this patient get a transplant?")
    assert fresh.answer.status is AnswerStatus.NEEDS_CLARIFICATION


def test_an_age_set_off_by_commas_after_a_relative_is_the_relatives_age() -> None:
    state = DialogueState("ash", Topic("regimen", ("FL-pediatric-inspired-regimen",), {"age": "20"}), "answered")
    assert _resolve("and her brother, 44, with the same diagnosis?", state).facets.get("age") == "44"
    assert _resolve("and her dose, 40 mg, daily?", state).facets.get("age") == "20"


def test_applicability_to_an_age_no_item_covers_is_not_found(default_bot: Chatbot) -> None:
    first = default_bot.ask("TKI for a 27 year old with Ph-positive ALL?")
    assert first.answer.recommendation_ids[:1] == ("FL-ph-positive-tki",)
    older = default_bot.ask("does that apply to a 58-year-old?", session_id=first.session_id)
    assert older.answer.status is AnswerStatus.NOT_FOUND
    assert "outside 15-39" in older.answer.summary
    lineage = default_bot.ask("does that apply to T-ALL?", session_id=first.session_id)
    assert lineage.answer.status is AnswerStatus.ANSWERED


def _topic_after(searched: str, item: str) -> str:
    from chatbot.conversation.context import next_state
    from chatbot.types import Answer

    rec_set, thesaurus = load_recommendations(ASH), load_thesaurus(ASH)
    resolution = _resolve(searched, DialogueState())
    answer = Answer(AnswerStatus.ANSWERED, "", (), (item,))
    return next_state(DialogueState(), resolution, answer, searched, "ash", rec_set, thesaurus).current.words


def test_the_topic_is_the_words_naming_the_item_answered_else_the_items_own() -> None:
    assert _topic_after("heparin prophylaxis during asparaginase?", "FL-heparin-vte-prophylaxis") == "heparin prophylaxis asparaginase"
    # words that name another item better (intrathecal chemotherapy) are not the topic of the immunotherapy item
    assert _topic_after("intrathecal chemotherapy or not, B-ALL marrow relapse?", "RR-immunotherapy-reinduction") == "Immunotherapy"


def test_an_everyday_word_telling_apart_a_thing_the_item_names_is_asked() -> None:
    from chatbot.conversation.unsaid import qualifiers

    text = "Weigh urine drug testing before and during long-term opioid therapy."
    assert qualifiers("what about hair testing then?", ["hair", "testing"], text) == {"hair"}
    assert qualifiers("saliva or urine?", ["saliva", "urine"], text) == {"saliva"}
    assert qualifiers("does that include urine?", ["include", "urine"], text) == set()  # the turn's verb
    assert qualifiers("even despite testing?", ["even", "despite", "testing"], text) == set()


def test_a_contracted_who_is_it_for_asks_whom_the_item_covers() -> None:
    words = property_words(load_domain(ASH))
    assert words.asked("so who's that for?") == words.asked("so who is that for?") == "population"


def test_how_sure_asks_the_certainty_and_firm_or_suggestion_the_strength() -> None:
    words = property_words(load_domain(ASH))
    assert words.asked("how confident are the authors in that?") == "certainty"
    assert words.asked("is it a firm one or just a suggestion?") == "strength"
    assert words.asked("any suggestion on the dose?") is None
