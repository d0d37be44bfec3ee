"""Forms the claim reader missed: what an item says to avoid, negated modals, comparators, conditions, arrows, years."""

from __future__ import annotations

import pytest
from corpora import verdict_and_findings

from chatbot.guard.check import GuardContext
from chatbot.guard.claims import direction_of, unqualified
from chatbot.guard.negated import heads_rejected

_found = verdict_and_findings


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("opioids should not be stopped suddenly", "against"),
        ("the dose must not be cut fast", "against"),
        ("the dose should not exceed what is needed", "for"),
        ("the supply should not be longer than the pain lasts", "for"),
        ("the guideline asks clinicians not to raise the dose", "against"),
        ("the guideline asks clinicians to raise the dose", "for"),
        ("do not keep raising the dose into the range where any benefit is small", None),
    ],
)
def test_a_negated_modal_or_reporting_verb_and_a_where_clause(text: str, expected: str | None) -> None:
    assert direction_of(text) == expected, text


def test_an_opening_condition_is_dropped_and_a_later_one_ends_the_option() -> None:
    assert unqualified("Per the panel, once harms outweigh benefits, stop the drug").split() == "Per the panel, stop the drug".split()
    assert unqualified("taper the dose unless life is at risk").strip() == "taper the dose"


def test_advice_to_do_what_the_item_says_to_avoid_contradicts_it(cdc: GuardContext) -> None:
    verdict, found = _found(cdc, "If continuing no longer helps, the CDC says to cut the dose fast.")
    assert ("direction_contradiction", "CDC-5") in found, (verdict, found)


@pytest.mark.parametrize(
    "text",
    [
        "CDC says opioids should not be stopped suddenly.",
        "The guideline asks prescribers not to cut doses fast from high levels.",
        "When someone has used opioids for a long time, they should not be stopped suddenly.",
    ],
)
def test_advice_against_what_the_item_says_to_avoid_agrees(cdc: GuardContext, text: str) -> None:
    assert _found(cdc, text) == ("pass", []), text


def test_one_common_word_of_a_comparator_does_not_name_it(ash: GuardContext) -> None:
    assert _found(ash, "Intrathecal chemotherapy remains the preferred approach for isolated CNS relapse.") == ("pass", [])
    verdict, found = _found(ash, "For isolated CNS relapse, other approaches are what ASH prefers.")
    assert ("direction_contradiction", "RR-isolated-cns-relapse") in found, (verdict, found)


def test_a_preference_for_a_less_specific_form_over_the_intervention_contradicts_it(ash: GuardContext) -> None:
    text = "The panel favours systemic chemotherapy over intrathecal chemotherapy for an isolated CNS relapse."
    verdict, found = _found(ash, text)
    assert ("direction_contradiction", "RR-isolated-cns-relapse") in found, (verdict, found)
    assert _found(ash, "Intrathecal chemotherapy is favoured over systemic chemotherapy for an isolated CNS relapse.") == ("pass", [])


def test_a_detail_inside_a_condition_is_checked_against_the_item_it_conditions(cdc: GuardContext) -> None:
    verdict, found = _found(cdc, "Per CDC, naloxone should be offered once the daily dose passes 90 MME.")
    assert ("unsupported_detail", "CDC-8") in found, (verdict, found)


def test_ahead_of_ranks_like_over(ash: GuardContext) -> None:
    text = "For reinduction of relapsed B-ALL, standard chemotherapy comes ahead of blinatumomab in the ASH advice."
    verdict, found = _found(ash, text)
    assert ("direction_contradiction", "RR-immunotherapy-reinduction") in found, (verdict, found)
    assert _found(ash, "For reinduction of relapsed B-ALL, ASH puts blinatumomab ahead of standard chemotherapy.") == ("pass", [])


def test_kept_for_when_it_does_not_work_puts_it_second_with_a_contracted_negation(cdc: GuardContext) -> None:
    text = (
        "Per CDC, opioids should be the first choice for acute pain, with nonopioid medicines kept for patients in whom opioids don't work."
    )
    verdict, found = _found(cdc, text)
    assert ("direction_contradiction", "CDC-1") in found, (verdict, found)


def test_the_case_before_a_shorthand_arrow_names_no_option(cdc: GuardContext) -> None:
    verdict, found = _found(cdc, "Risks > benefits → cut the dose fast (CDC rec 5).")
    assert ("direction_contradiction", "CDC-5") in found, (verdict, found)
    assert _found(cdc, "Risks > benefits → taper gradually (CDC rec 5).") == ("pass", [])


def test_what_a_comparator_goes_without_is_no_comparator_word(cdc: GuardContext) -> None:
    assert _found(cdc, "Opioid plus a benzodiazepine → extra caution with the pair (CDC rec 11).") == ("pass", [])


def test_a_hyphenated_prefix_is_read_as_the_sets_joined_word(cdc: GuardContext) -> None:
    assert "subacut" in cdc.matcher.clause_stems("sub-acute back pain")
    assert "subacut" not in cdc.matcher.clause_stems("acute back pain")


def test_a_denied_shared_decision_is_no_individualized_choice() -> None:
    assert direction_of("everyone in second remission should be transplanted, no shared decision needed") != "individualized"
    assert direction_of("no case-by-case review, transplant everyone") != "individualized"
    assert direction_of("transplant in second remission is a shared decision") == "individualized"
    assert direction_of("the choice is made case by case") == "individualized"


def test_a_year_beside_the_issuer_and_guideline_is_checked_against_its_editions(cdc: GuardContext, ash: GuardContext) -> None:
    assert ("guideline_fact_mismatch", None) in _found(cdc, "The 2021 CDC opioid guideline asks for naloxone offers.")[1]
    assert ("guideline_fact_mismatch", None) in _found(cdc, "See the CDC prescribing guideline 2018 for the details.")[1]
    assert ("guideline_fact_mismatch", None) in _found(ash, "The 2024 ASH guideline on AYA ALL is out.")[1]
    assert _found(cdc, "The 2022 CDC guideline replaced the 2016 CDC guideline on chronic pain.") == ("pass", [])


@pytest.mark.parametrize(
    "text",
    [
        "Honestly, the guideline explicitly tells us not to stop long-term opioids suddenly.",
        "The CDC actually says don't stop opioids suddenly.",
    ],
)
def test_a_negation_whose_first_named_thing_the_item_avoids_agrees_whatever_else_the_sentence_says(cdc: GuardContext, text: str) -> None:
    assert _found(cdc, text) == ("pass", []), text


@pytest.mark.parametrize(
    ("text", "rec_id"),
    [("The CDC guideline says not to offer naloxone.", "CDC-8"), ("The CDC says to stop opioids suddenly.", "CDC-5")],
)
def test_a_negation_of_what_the_item_advises_still_contradicts_it(cdc: GuardContext, text: str, rec_id: str) -> None:
    verdict, found = _found(cdc, text)
    assert ("direction_contradiction", rec_id) in found, (verdict, found)


def test_the_heads_of_negated_phrases_are_read_after_the_arrow_and_against_the_item_and_its_comparator() -> None:
    own, discussed, affirmed = frozenset({"stop"}), frozenset({"abandon"}), frozenset({"taper", "offer"})
    comparator = frozenset({"abrupt", "discontinu"})
    negated = (own, discussed, affirmed, comparator)
    unnamed = frozenset({"just", "opioid"})
    assert heads_rejected("it says not to stop opioids", negated, unnamed)
    assert heads_rejected("don't just abandon patients; warns against abrupt discontinuation", negated, unnamed)
    assert not heads_rejected("it says not to offer a taper", negated, unnamed)  # what the item advises
    assert not heads_rejected("benefits do not outweigh risks → abandon", negated, unnamed)  # the case before the arrow
    assert not heads_rejected("it says to stop opioids", negated, unnamed)  # nothing negated
