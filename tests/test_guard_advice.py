"""The guard on what a clause advises: the writer's own plans, advice the matched item does not give, and bounds only discussed."""

from __future__ import annotations

from pathlib import Path

import pytest

from chatbot.guard.check import GuardContext, check_text
from chatbot.packs.synonyms import load_thesaurus
from chatbot.recs.loading import load_recommendations
from chatbot.types import Passage

ROOT = Path(__file__).parents[1]


def _kinds(context: GuardContext, text: str) -> tuple[str, list[tuple[str, str | None]]]:
    report = check_text(text, context)
    return report.verdict, [(f.kind, f.recommendation_id) for f in report.findings]


@pytest.fixture(scope="module")
def cdc_discussing_a_bound() -> GuardContext:
    """The CDC set with one passage of item 6 that discusses a duration the item itself does not set (opioids: every passage's word)."""
    folder = ROOT / "packs" / "cdc-opioids-2022"
    text = "For most acute pain an opioid supply of 5 days or fewer is enough; longer is seldom needed."
    passage = Passage("p1", "d1", text, ("Recommendation 6",), 0, len(text), recommendation_id="CDC-6")
    return GuardContext.build(load_recommendations(folder), load_thesaurus(folder), (passage,))


def test_the_writers_own_plan_is_not_read_as_the_guidelines_claim(ash: GuardContext) -> None:
    assert _kinds(ash, "I'll give cryoprecipitate tonight: her fibrinogen is low and she is oozing from the line site.") == ("pass", [])
    verdict, found = _kinds(ash, "I'll give cryoprecipitate routinely during asparaginase, as the ASH panel advises.")
    assert verdict == "fail" and ("direction_contradiction", "FL-fibrinogen-replacement") in found  # it cites the guideline


def test_advice_naming_none_of_the_matched_items_options_is_an_unsupported_claim(ash: GuardContext) -> None:
    verdict, found = _kinds(ash, "The panel recommends CAR T-cell therapy as consolidation for newly diagnosed AYAs.")
    assert verdict == "warn" and found == [("unsupported_claim", None)]
    assert _kinds(ash, "The ASH panel advises against routine heparin prophylaxis during asparaginase.") == ("pass", [])


def test_advice_naming_another_items_intervention_is_compared_with_that_item(ash: GuardContext) -> None:
    verdict, found = _kinds(ash, "ASH advises fibrinogen concentrate for relapsed B-ALL reinduction.")
    assert verdict == "fail" and {rec_id for _, rec_id in found} == {"FL-fibrinogen-replacement"}


def test_a_bound_the_guideline_only_discusses_is_an_unsupported_detail_when_given_as_its_rule(cdc_discussing_a_bound: GuardContext) -> None:
    assert _kinds(cdc_discussing_a_bound, "CDC limits opioid prescriptions for acute pain to 5 days.") == (
        "fail",
        [("unsupported_detail", "CDC-6")],
    )
    assert _kinds(cdc_discussing_a_bound, "CDC notes that for most acute pain 5 days or fewer is enough.") == ("pass", [])


def test_a_whole_guidelines_scope_is_no_items_advice(ash: GuardContext) -> None:
    text = (
        "The relapse guideline is intended for clinicians who treat AYAs with relapsed ALL and covers transplant and CNS-directed therapy."
    )
    assert _kinds(ash, text) == ("pass", [])
    verdict, found = _kinds(ash, "The ASH recommendation on CR1 transplant also covers patients in second remission.")
    assert verdict == "fail" and found  # an item's scope is still a claim


def test_bleeding_is_a_facet_of_the_ash_population(ash: GuardContext) -> None:
    text = "The panel advises against fibrinogen concentrate for AYAs with active bleeding during asparaginase."
    assert _kinds(ash, text) == ("fail", [("population_mismatch", "FL-fibrinogen-replacement")])
    assert _kinds(ash, "The panel advises against fibrinogen concentrate for AYAs on asparaginase who are not bleeding.") == ("pass", [])


def test_a_negated_obligation_leaves_room_for_an_individualized_decision(ash: GuardContext) -> None:
    assert _kinds(ash, "The relapse guideline does not require transplant for AYAs in a second remission.") == ("pass", [])
    verdict, found = _kinds(ash, "The relapse guideline advises against transplant for AYAs in a second remission.")
    assert verdict == "fail" and ("direction_contradiction", "RR-allo-hsct-after-relapse-remission") in found


def test_the_cue_word_and_an_exception_name_no_option(cdc_discussing_a_bound: GuardContext) -> None:
    context = cdc_discussing_a_bound
    text = "CDC says abrupt discontinuation of long-term opioids should be avoided unless the patient is in immediate danger."
    assert _kinds(context, text) == ("pass", [])  # the item's own wording says "avoiding sudden stops ... except when a danger"
    verdict, found = _kinds(context, "CDC favours abrupt discontinuation of long-term opioids over gradual tapering.")
    assert verdict == "fail" and ("direction_contradiction", "CDC-5") in found
    verdict, found = _kinds(context, "Per CDC, rapid reductions from high doses are encouraged if benefits no longer outweigh risks.")
    assert verdict == "fail" and ("direction_contradiction", "CDC-5") in found  # the condition names no option


_TAPER_DISCUSSION = (
    "When tapering, clinicians should agree a follow-up schedule with the patient and sign off each dose change.",
    "Tapering plans work best when the patient shares in the decision.",
    "Slow tapers of about ten percent a month are tolerated better.",
    "Clinicians should watch for withdrawal and for mood changes during a taper.",
    "Opioid therapy should not be discontinued abruptly unless there is a threat of serious harm.",
)


def _cdc_discussing_item_5(passages: int) -> GuardContext:
    """The CDC set with item 5 discussed in the first `passages` of five passages of its own."""
    folder = ROOT / "packs" / "cdc-opioids-2022"
    found = tuple(
        Passage(f"p{n}", "d1", text, ("Recommendation 5",), 0, len(text), recommendation_id="CDC-5")
        for n, text in enumerate(_TAPER_DISCUSSION[:passages])
    )
    return GuardContext.build(load_recommendations(folder), load_thesaurus(folder), found)


def test_advice_sharing_one_word_with_a_discussed_item_is_an_unsupported_claim() -> None:
    context = _cdc_discussing_item_5(5)
    verdict, found = _kinds(context, "Per CDC, patients on long-term opioids should sign a yearly photo consent.")
    assert verdict == "warn" and found == [("unsupported_claim", None)]  # "sign" is the item's word; the rest names nothing it says
    text = "Per CDC, patients on long-term opioids should sign off each dose change with their clinician."
    assert _kinds(context, text) == ("pass", [])  # the words of the item's own discussion


def test_an_item_known_by_its_record_alone_is_matched_by_one_shared_word() -> None:
    context = _cdc_discussing_item_5(1)  # one passage shows nothing of how a faithful paraphrase words the item
    assert _kinds(context, "Per CDC, patients on long-term opioids should sign a yearly photo consent.") == ("pass", [])


def test_another_issuers_advice_is_no_claim_about_the_guideline(ash: GuardContext) -> None:
    assert _kinds(ash, "The ESMO committee recommends routine cryoprecipitate during asparaginase for every AYA.") == ("pass", [])
    verdict, found = _kinds(ash, "The ASH panel recommends routine cryoprecipitate during asparaginase for every AYA.")
    assert verdict == "fail" and ("direction_contradiction", "FL-fibrinogen-replacement") in found  # the guideline's own voice
