"""Population-aware ranking of candidate items (a facet value few items state singles its item out) and non-human patients."""

from __future__ import annotations

from pathlib import Path

import pytest

from chatbot.answer.candidates import ItemTexts, rank_candidates, rare_values
from chatbot.answer.coverage import AskReader
from chatbot.packs.domain import Domain, load_domain
from chatbot.packs.synonyms import load_thesaurus
from chatbot.recs.loading import load_recommendations
from chatbot.recs.population import NON_HUMAN, named_population, population_conflicts
from chatbot.recs.schema import Population, RecommendationSet
from chatbot.types import Hit, Passage

PROJECT = Path(__file__).parents[1]
CORPUS = PROJECT / "corpus"
CDC = PROJECT / "packs" / "cdc-opioids-2022"


def _hits(rec_ids: list[str]) -> tuple[Hit, ...]:
    """One invented passage per item, in retrieval order."""
    passages = [Passage(f"p{n}", "doc", f"Invented text {n}.", ("Section",), 0, 10, recommendation_id=i) for n, i in enumerate(rec_ids)]
    return tuple(Hit(passage=p, fused_score=1.0 / (n + 1)) for n, p in enumerate(passages))


def _first(rec_set: RecommendationSet, rec_ids: list[str], question: str) -> str | None:
    hits = _hits(rec_ids)
    ranked = rank_candidates(hits, (), question, rec_set, ItemTexts(tuple(h.passage for h in hits), rec_set))
    return ranked[0].rec.id if ranked[0].rec else None


def test_values_few_items_state_are_rare() -> None:
    ash, cdc = load_recommendations(CORPUS), load_recommendations(CDC)
    assert ("ph_status", "positive") in rare_values(ash) and ("phase", "newly_diagnosed") not in rare_values(ash)
    assert ("opioid_use", "long_term") in rare_values(cdc) and ("pain_duration", "acute") not in rare_values(cdc)


@pytest.mark.parametrize(
    ("pack", "retrieved", "question", "expected"),
    [
        (
            CORPUS,
            ["FL-pediatric-inspired-regimen", "FL-ph-positive-tki"],
            "A 30-year-old with Ph-positive ALL: what is advised?",
            "FL-ph-positive-tki",
        ),
        (CDC, ["CDC-4", "CDC-5"], "What does the guideline advise for a patient on long-term opioid therapy at a high dose?", "CDC-5"),
        (CDC, ["CDC-2", "CDC-3"], "Prescribing for an opioid-naive adult with back pain: what is advised?", "CDC-3"),
    ],
)
def test_a_rare_facet_value_the_question_names_puts_its_item_first(pack: Path, retrieved: list[str], question: str, expected: str) -> None:
    assert _first(load_recommendations(pack), retrieved, question) == expected


def test_a_common_facet_value_alone_does_not_reorder_the_items() -> None:
    cdc = load_recommendations(CDC)
    assert _first(cdc, ["CDC-9", "CDC-2"], "Should the PDMP be checked for a patient with chronic pain?") == "CDC-9"


@pytest.mark.parametrize(
    "text",
    ["Can I prescribe tramadol for my dog's arthritis?", "What dose suits our old cat?", "Is this used in veterinary practice?"],
)
def test_a_non_human_patient_is_outside_every_guidelines_population(text: str) -> None:
    named = named_population(text, Domain())
    assert named.excluded == (NON_HUMAN,)
    population = Population(age_band="18-120", description="adults")
    assert population_conflicts(named, population, None, Domain()) == [f"{NON_HUMAN}, which the guideline excludes"]


@pytest.mark.parametrize("text", ["A cat bite on the hand of a 40-year-old", "a PET scan", "We need to vet this plan.", "hot dogs"])
def test_animals_that_are_not_the_patient_are_no_exclusion(text: str) -> None:
    assert named_population(text, Domain()).excluded == ()


def test_inpatient_care_is_outside_the_outpatient_guideline_but_a_discharge_prescription_is_not() -> None:
    domain = load_domain(CDC)
    assert named_population("Hydromorphone dosing for an inpatient on the surgical ward?", domain).excluded == ("inpatient care",)
    assert named_population("What opioid supply at discharge from inpatient care?", domain).excluded == ()


def test_an_english_contraction_is_read_without_its_clitic() -> None:
    reader = AskReader(load_thesaurus(CDC), load_domain(CDC), ["Invented passage one.", "Another invented passage."], ("Title",))
    asks = [ask.text for ask in reader.asks("Which adults who'll need opioids after a fracture should get naloxone?")]
    assert "who'll" not in asks and "naloxone" in asks


def test_a_rare_value_that_only_covers_the_named_one_does_not_single_its_item_out() -> None:
    ash = load_recommendations(CORPUS)  # the first-remission item covers newly diagnosed patients, as many items do
    question = "For a newly diagnosed 20 year old with ALL, is a pediatric-inspired regimen still favoured?"
    assert _first(ash, ["FL-pediatric-inspired-regimen", "FL-allo-hsct-first-remission"], question) == "FL-pediatric-inspired-regimen"


def test_a_rare_value_does_not_move_the_answer_to_another_guideline_part() -> None:
    ash = load_recommendations(CORPUS)  # B lineage is stated only by the relapse part's reinduction item
    question = "A 19-year-old man with B-ALL: which treatment approach is advised?"
    assert _first(ash, ["FL-pediatric-inspired-regimen", "RR-immunotherapy-reinduction"], question) == "FL-pediatric-inspired-regimen"


def test_a_rare_value_named_after_a_wider_one_still_singles_its_item_out() -> None:
    ash = load_recommendations(CORPUS)  # relapsed (named first) and the remission after it (named last)
    question = "My brother, 30, relapsed last spring and is now back in remission: what is advised?"
    assert _first(ash, ["RR-immunotherapy-reinduction", "RR-allo-hsct-after-relapse-remission"], question) == (
        "RR-allo-hsct-after-relapse-remission"
    )


def test_a_value_named_in_its_own_words_ranks_like_one_named_by_a_phrase() -> None:
    ash = load_recommendations(CORPUS)  # 'in first remission', in other words and order
    question = "She went into remission after her first block of chemotherapy; is a transplant advised?"
    assert _first(ash, ["RR-allo-hsct-after-relapse-remission", "FL-allo-hsct-first-remission"], question) == (
        "FL-allo-hsct-first-remission"
    )


def test_a_question_on_how_an_item_is_graded_puts_items_before_other_passages() -> None:
    ash = load_recommendations(CORPUS)
    front = Passage("front", "doc", "Invented front matter on the panel's methods.", ("Methods",), 0, 10)
    item = _hits(["FL-pediatric-inspired-regimen"])[0]
    hits = (Hit(passage=front, fused_score=2.0), item)
    texts = ItemTexts(tuple(h.passage for h in hits), ash)
    question = "How strong is the advice on the regimen?"
    assert rank_candidates(hits, (), question, ash, texts)[0].rec is None
    assert rank_candidates(hits, (), question, ash, texts, items_first=True)[0].rec is ash.get("FL-pediatric-inspired-regimen")
