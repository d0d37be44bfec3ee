"""Follow-up resolution, clarification choices and label summaries, on the real recommendation set and thesaurus."""

from __future__ import annotations

from pathlib import Path

import numpy as np
import pytest

from chatbot.answer.retrieval import ExpandedQuery, SearchResult
from chatbot.answer.templates import load_templates
from chatbot.conversation.context import in_conversation
from chatbot.conversation.followups import Resolution, clarification_options, resolve_followup, topic_of
from chatbot.conversation.properties import followup_summary
from chatbot.conversation.state import DialogueState, Topic
from chatbot.packs.domain import load_domain
from chatbot.packs.synonyms import Thesaurus
from chatbot.recs.population import facet_values, named_population
from chatbot.recs.schema import RecommendationSet
from chatbot.stores.sessions import Turn
from chatbot.types import Answer, AnswerStatus, Hit, Passage

CORPUS = Path(__file__).resolve().parents[1] / "corpus"
DOMAIN = load_domain(CORPUS)


def _state(history: list[Turn], rec_set: RecommendationSet, thesaurus: Thesaurus) -> DialogueState:
    """The dialogue state those turns leave (answered and clarifying turns set the topic)."""
    state = DialogueState()
    for turn in history:
        if turn.status in ("answered", "needs_clarification"):
            words = topic_of(turn.resolved_question, turn.recommendation_ids, rec_set, thesaurus)
            facets = facet_values(named_population(turn.resolved_question, DOMAIN)) | dict(turn.population)
            state = state.after("corpus", Topic(words, turn.recommendation_ids, facets), turn.status, "")
        else:
            state = state.unanswered(turn.status, "")
    return state


def _resolve(question: str, history: list[Turn], rec_set: RecommendationSet, thesaurus: Thesaurus) -> Resolution:
    return resolve_followup(question, _state(history, rec_set, thesaurus), rec_set, thesaurus)


def _turn(question: str, ids: tuple[str, ...] = (), status: str = "answered", resolved: str | None = None, **population: str) -> Turn:
    return Turn("s", 0, question, resolved or question, status, ids, dict(population))


TRANSPLANT_CR1 = _turn(
    "Should AYAs in first remission get an allogeneic transplant?", ("FL-allo-hsct-first-remission",), phase="first_remission"
)
HEPARIN = _turn("routine UFH during asparaginase?", ("FL-heparin-vte-prophylaxis",))
PEDS = _turn(
    "19F, newly diagnosed B-ALL, peds or adult protocol?", ("FL-pediatric-inspired-regimen",), lineage="B", phase="newly_diagnosed"
)
BLINA = _turn(
    "Relapsed B-ALL in a 28 year old, blina or chemo for reinduction?",
    ("RR-immunotherapy-reinduction",),
    lineage="B",
    phase="relapsed_refractory",
)
MRD = _turn("When should MRD be checked in frontline AYA ALL?", ("FL-mrd-guided-therapy",), phase="newly_diagnosed")
CNS = _turn("isolated CNS relapse in a 30yo, how do we treat it?", ("RR-isolated-cns-relapse",), phase="isolated_cns_relapse")


def test_without_history_the_question_is_a_new_topic(rec_set, thesaurus) -> None:
    res = _resolve("and after relapse?", [], rec_set, thesaurus)
    assert (res.question, res.new_topic, res.asks_about, res.inherited, res.previous_ids) == ("and after relapse?", True, None, (), ())


def test_population_change_keeps_the_topic_and_replaces_the_phase(rec_set, thesaurus) -> None:
    res = _resolve("and after relapse?", [TRANSPLANT_CR1], rec_set, thesaurus)
    assert res.question == "allogeneic transplant after relapse"
    assert not res.new_topic and res.asks_about is None
    assert res.inherited == ("topic from the previous question: allogeneic transplant",)
    assert named_population(res.question, DOMAIN).facet("phase") == "relapsed_refractory"


@pytest.mark.parametrize(
    ("question", "facet", "value"),
    [
        ("what about Ph-positive disease?", "ph_status", "positive"),
        ("and for T-ALL?", "lineage", "T"),
        ("after relapse and a new remission?", "phase", "relapsed_refractory"),
        ("what if she's 45?", "age", 45),
        ("what if the patient is 45?", "age", 45),
    ],
)
def test_population_only_followups_inherit_the_topic(rec_set, thesaurus, question, facet, value) -> None:
    res = _resolve(question, [TRANSPLANT_CR1], rec_set, thesaurus)
    assert not res.new_topic
    assert res.question.startswith("allogeneic transplant ")
    named = named_population(res.question, DOMAIN)
    assert (named.age if facet == "age" else named.facet(facet)) == value


def test_a_new_facet_replaces_the_old_one_and_the_others_carry_over(rec_set, thesaurus) -> None:
    res = _resolve("and for T-ALL?", [BLINA], rec_set, thesaurus)
    named = named_population(res.question, DOMAIN)
    assert (named.facet("lineage"), named.facet("phase"), named.age) == ("T", "relapsed_refractory", 28)
    assert "B-ALL" not in res.question and "blina" in res.question
    assert "population: relapsed" in res.inherited and "population: 28-year-old" in res.inherited


def test_facets_carry_over_through_a_chain_of_followups(rec_set, thesaurus) -> None:
    second = _resolve("what about CAR-T?", [BLINA], rec_set, thesaurus)
    assert not second.new_topic and "CAR-T" in second.question and "blina" in second.question
    history = [BLINA, _turn("what about CAR-T?", BLINA.recommendation_ids, resolved=second.question)]
    third = _resolve("and for T-ALL?", history, rec_set, thesaurus)
    named = named_population(third.question, DOMAIN)
    assert (named.facet("lineage"), named.facet("phase")) == ("T", "relapsed_refractory")
    assert "CAR-T" in third.question


@pytest.mark.parametrize(
    ("question", "previous"),
    [
        (
            "and heparin to prevent clots in the same patients?",
            _turn("Do we replace fibrinogen in AYAs on peg-asparaginase?", ("FL-fibrinogen-replacement",)),
        ),
        ("is blinatumomab an option?", TRANSPLANT_CR1),
        ("and transplant?", MRD),
        ("transplnat after second remision?", HEPARIN),
        (
            "could premedication have prevented it?",
            _turn("anaphylaxis to pegaspargase, continue asparaginase?", ("FL-asparaginase-hypersensitivity-switch",)),
        ),
    ],
)
def test_a_question_naming_another_topic_is_a_new_topic(rec_set, thesaurus, question, previous) -> None:
    res = _resolve(question, [previous], rec_set, thesaurus)
    assert (res.question, res.new_topic, res.asks_about, res.inherited) == (question, True, None, ())
    assert res.previous_ids == previous.recommendation_ids


@pytest.mark.parametrize(
    "question",
    ["Who is the first author of the frontline guideline?", "What is the capital of Australia?", "How should AML be treated in adults?"],
)
def test_a_standalone_question_without_a_topic_ignores_history(rec_set, thesaurus, question) -> None:
    res = _resolve(question, [TRANSPLANT_CR1], rec_set, thesaurus)
    assert (res.question, res.new_topic) == (question, True)


def test_a_new_topic_about_the_same_patient_keeps_her_population(rec_set, thesaurus) -> None:
    res = _resolve("once she's in remission, should she be transplanted?", [BLINA], rec_set, thesaurus)
    assert res.new_topic and res.question.startswith("once she's in remission, should she be transplanted")
    assert named_population(res.question, DOMAIN).facet("phase") == "relapsed_refractory"
    assert "population: relapsed" in res.inherited


def test_pronoun_led_question_without_a_topic_keeps_the_previous_topic(rec_set, thesaurus) -> None:
    res = _resolve("what about enoxaparin instead?", [HEPARIN], rec_set, thesaurus)
    assert res.question == "UFH asparaginase enoxaparin instead"
    assert not res.new_topic and res.inherited == ("topic from the previous question: UFH asparaginase",)


def test_without_topic_words_the_previous_item_gives_the_topic(rec_set, thesaurus) -> None:
    res = _resolve("and what should we monitor for?", [CNS], rec_set, thesaurus)
    assert not res.new_topic
    assert res.question.startswith("Intrathecal chemotherapy what should we monitor for")
    assert named_population(res.question, DOMAIN).facet("phase") == "isolated_cns_relapse"


def test_a_question_on_the_previous_item_refines_it(rec_set, thesaurus) -> None:
    res = _resolve(
        "which premeds exactly?", [_turn("could premedication have prevented it?", ("FL-asparaginase-premedication",))], rec_set, thesaurus
    )
    assert res.question == "premedication which premeds exactly" and not res.new_topic


def test_an_answer_to_a_clarification_keeps_the_topic_even_when_it_names_a_drug(rec_set, thesaurus) -> None:
    asked = _turn(
        "Should my patient be transplanted?",
        ("FL-allo-hsct-first-remission", "RR-allo-hsct-after-relapse-remission"),
        "needs_clarification",
    )
    res = _resolve("She relapsed last year and is now in second remission after inotuzumab.", [asked], rec_set, thesaurus)
    assert not res.new_topic and res.question.startswith("transplanted She relapsed")
    assert res.previous_ids == asked.recommendation_ids  # the items the clarification chose between


@pytest.mark.parametrize(
    ("question", "kind"),
    [
        ("how strong is that?", "strength"),
        ("how strong is that recommendation?", "strength"),
        ("is that a graded recommendation?", "strength"),
        ("what's the evidence certainty?", "certainty"),
        ("and the certainty of evidence?", "certainty"),
        ("where does it say that?", "source"),
        ("what's the source?", "source"),
        ("where does that come from?", "source"),
        ("who does it apply to?", "population"),
    ],
)
def test_questions_about_the_previous_answer(rec_set, thesaurus, question, kind) -> None:
    history = [PEDS, _turn("what MRD cutoff counts as positive?", (), "not_found")]
    res = _resolve(question, history, rec_set, thesaurus)
    assert (res.asks_about, res.question, res.new_topic) == (kind, question, False)
    assert res.previous_ids == ("FL-pediatric-inspired-regimen",)


def test_label_question_about_another_item_is_a_new_topic(rec_set, thesaurus) -> None:
    res = _resolve("How strong is the heparin recommendation?", [PEDS], rec_set, thesaurus)
    assert (res.asks_about, res.new_topic, res.question) == (None, True, "How strong is the heparin recommendation?")
    same = _resolve("How strong is the heparin recommendation?", [HEPARIN], rec_set, thesaurus)
    assert (same.asks_about, same.previous_ids) == ("strength", HEPARIN.recommendation_ids)


def test_general_evidence_question_is_not_about_the_previous_answer(rec_set, thesaurus) -> None:
    res = _resolve("How good is the evidence behind the recommendations? Were there many RCTs?", [PEDS], rec_set, thesaurus)
    assert res.asks_about is None and res.question.startswith("How good is the evidence")


def test_label_question_with_nothing_answered_is_not_about_an_answer(rec_set, thesaurus) -> None:
    res = _resolve("how strong is that?", [_turn("Should my patient be transplanted?", (), "needs_clarification")], rec_set, thesaurus)
    assert res.asks_about is None and res.previous_ids == ()


def _recs(rec_set: RecommendationSet, *ids: str) -> list:
    return [rec_set.get(i) for i in ids]


def test_transplant_question_without_phase_offers_both_phases(rec_set) -> None:
    candidates = _recs(rec_set, "FL-allo-hsct-first-remission", "RR-allo-hsct-after-relapse-remission", "FL-mrd-guided-therapy")
    assert clarification_options("Should this patient get a transplant?", candidates, DOMAIN) == (
        "in first remission (CR1)",
        "after relapse, in a new remission",
    )
    assert clarification_options("Should this patient get a transplant?", candidates[1::-1], DOMAIN) == (
        "after relapse, in a new remission",
        "in first remission (CR1)",
    )


def test_tki_question_without_ph_status_offers_both_statuses(rec_set) -> None:
    candidates = _recs(rec_set, "FL-ph-positive-tki", "FL-pediatric-inspired-regimen", "FL-heparin-vte-prophylaxis")
    assert clarification_options("should we add a TKI?", candidates, DOMAIN) == ("Ph-positive", "Ph-negative")
    assert clarification_options("Does my 22-year-old patient need a TKI?", candidates, DOMAIN) == ("Ph-positive", "Ph-negative")


def test_regimen_question_offers_the_phases_of_the_two_regimen_items(rec_set) -> None:
    candidates = _recs(rec_set, "FL-pediatric-inspired-regimen", "RR-immunotherapy-reinduction")
    assert clarification_options("Which chemotherapy regimen should my ALL patient receive?", candidates, DOMAIN) == (
        "newly diagnosed",
        "relapsed/refractory",
    )


@pytest.mark.parametrize(
    ("question", "ids"),
    [
        (
            "Is a transplant advised once a patient is in remission for the first time?",  # the value's own words, in any order
            ("FL-allo-hsct-first-remission", "RR-allo-hsct-after-relapse-remission"),
        ),
        (
            "Should this patient in first remission get a transplant?",
            ("FL-allo-hsct-first-remission", "RR-allo-hsct-after-relapse-remission"),
        ),
        ("transplant after relapse?", ("FL-allo-hsct-first-remission", "RR-allo-hsct-after-relapse-remission")),
        ("should we add a TKI for Ph-positive ALL?", ("FL-ph-positive-tki", "FL-pediatric-inspired-regimen")),
        ("should we add a TKI in newly diagnosed ALL?", ("FL-ph-positive-tki", "FL-pediatric-inspired-regimen")),
        ("blinatumomab or inotuzumab for refractory ALL?", ("RR-immunotherapy-reinduction", "RR-allo-hsct-after-relapse-remission")),
        (
            "Should this patient get a pediatric-inspired regimen?",
            ("FL-pediatric-inspired-regimen", "FL-heparin-vte-prophylaxis", "FL-mrd-guided-therapy"),
        ),
        (
            "Should this patient get a transplant?",
            ("FL-allo-hsct-first-remission", "FL-mrd-guided-therapy", "FL-heparin-vte-prophylaxis", "RR-allo-hsct-after-relapse-remission"),
        ),
        ("Should this patient get a transplant?", ("FL-unreported-01", "FL-allo-hsct-first-remission")),
    ],
)
def test_no_options_when_the_question_names_the_facet_or_one_candidate_is_plausible(rec_set, question, ids) -> None:
    assert clarification_options(question, _recs(rec_set, *ids), DOMAIN) == ()


def test_strength_summary_from_the_structured_fields(rec_set) -> None:
    assert followup_summary("strength", _recs(rec_set, "FL-pediatric-inspired-regimen")) == (
        "Strength of FL-pediatric-inspired-regimen (Pediatric-inspired regimen for newly diagnosed ALL): strong (reported in secondary sources, high confidence). Certainty of evidence: not reported."
    )
    statement = followup_summary("strength", _recs(rec_set, "FL-psychosocial-survivorship"))
    assert statement.startswith(
        "FL-psychosocial-survivorship (Psychosocial support, fertility preservation and survivorship care) is a good practice statement, not a graded recommendation"
    )
    assert "Certainty of evidence: not applicable." in statement


def test_certainty_source_and_population_summaries(rec_set) -> None:
    fibrinogen = _recs(rec_set, "FL-fibrinogen-replacement")
    assert followup_summary("certainty", fibrinogen) == (
        "Certainty of evidence for FL-fibrinogen-replacement (No routine fibrinogen replacement during asparaginase therapy): not reported (reported in secondary sources, medium confidence). Strength: not reported."
    )
    assert (
        followup_summary("source", fibrinogen)
        == "Sources for FL-fibrinogen-replacement (No routine fibrinogen replacement during asparaginase therapy): onclive-frontline-interview (reported in secondary sources, medium confidence)."
    )
    assert "OncLive interview" in followup_summary("source", fibrinogen, rec_set.sources)
    assert followup_summary("population", fibrinogen) == (
        "FL-fibrinogen-replacement (No routine fibrinogen replacement during asparaginase therapy) applies to AYAs (15-39 years) on asparaginase-containing therapy for ALL who have no active bleeding."
    )
    two = followup_summary("strength", _recs(rec_set, "FL-allo-hsct-first-remission", "RR-allo-hsct-after-relapse-remission"))
    assert two.count("Strength of ") == 2 and followup_summary("strength", []) == ""


def test_unknown_label_is_an_error(rec_set) -> None:
    with pytest.raises(ValueError, match="asks_about"):
        followup_summary("dose", _recs(rec_set, "FL-fibrinogen-replacement"))


def _search_on(question: str, *rec_ids: str) -> SearchResult:
    """A search whose first hits are invented passages of these items, all as close to the question."""
    hits = tuple(
        Hit(Passage(f"p{n}", "doc", "Invented text.", ("Section",), 0, 14, recommendation_id=rec_id), 1.0 / (n + 1), dense_score=0.5)
        for n, rec_id in enumerate(rec_ids)
    )
    return SearchResult(ExpandedQuery(question, question, question, question), hits, np.zeros(0, dtype=np.float32))


def test_a_clarification_offers_only_items_that_fit_as_well_as_the_lead(rec_set) -> None:
    question = "Should MRD testing during consolidation decide about a transplant?"
    search = _search_on(question, "FL-allo-hsct-first-remission", "RR-allo-hsct-after-relapse-remission", "FL-mrd-guided-therapy")
    resolution = Resolution(question, (), True, None, ())
    lead = ("FL-mrd-guided-therapy",)
    unranked = in_conversation(Answer(AnswerStatus.ANSWERED, "", recommendation_ids=lead), resolution, search, rec_set, load_templates())
    assert unranked.status is AnswerStatus.NEEDS_CLARIFICATION  # without the ranking's verdict both transplant items are choices
    ranked = Answer(AnswerStatus.ANSWERED, "", recommendation_ids=lead, fitting=lead)  # the transplant items left MRD uncovered
    assert in_conversation(ranked, resolution, search, rec_set, load_templates()).status is AnswerStatus.ANSWERED
