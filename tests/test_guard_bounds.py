"""Forms the guard reads from the set's own structure: the bound a comparator is measured against names no comparator."""

from __future__ import annotations

import pytest
from corpora import verdict_and_findings

from chatbot.guard.check import GuardContext
from chatbot.guard.claims import direction_of

_found = verdict_and_findings


@pytest.mark.parametrize(
    "text",
    [
        "Per CDC, the quantity dispensed for acute pain should match the expected duration of severe pain (rec 6).",
        "Sprained wrist, opioid truly needed → supply ≤ expected duration of severe pain (CDC R6).",
    ],
)
def test_the_bound_a_comparator_is_measured_against_names_no_comparator(cdc: GuardContext, text: str) -> None:
    assert _found(cdc, text) == ("pass", []), text


@pytest.mark.parametrize(
    "text",
    [
        "CDC rec 6: give a generous supply for acute pain, to be safe.",
        "Rec 6 favours a supply that lasts beyond the expected period of severe pain, just in case.",
        "For acute pain, CDC recommends prescribing larger quantities than the expected duration of severe pain (rec 6).",
    ],
)
def test_a_supply_past_the_bound_still_contradicts(cdc: GuardContext, text: str) -> None:
    verdict, found = _found(cdc, text)
    assert ("direction_contradiction", "CDC-6") in found, (verdict, found)


@pytest.mark.parametrize(
    "text",
    [
        "Main points for relapse: immunotherapy-based reinduction and, when the relapse stays in the CNS, intrathecal chemotherapy, per ASH.",
        "Relapse limited to the CNS, 25M → intrathecal chemo (ASH R/R preferred).",
        "When the relapse involves only the CNS, the R/R panel prefers intrathecal chemotherapy.",
    ],
)
def test_a_wider_group_named_is_no_conflict_with_an_item_on_a_subgroup(ash: GuardContext, text: str) -> None:
    verdict, found = _found(ash, text)
    assert ("population_mismatch", "RR-isolated-cns-relapse") not in found, (verdict, found)


@pytest.mark.parametrize(
    "text",
    [
        "For a bone marrow relapse, intrathecal chemotherapy alone is the approach ASH prefers.",
        "In an isolated testicular relapse, the R/R panel prefers intrathecal chemotherapy.",
    ],
)
def test_a_relapse_at_another_site_still_conflicts(ash: GuardContext, text: str) -> None:
    verdict, found = _found(ash, text)
    assert ("population_mismatch", "RR-isolated-cns-relapse") in found, (verdict, found)


@pytest.mark.parametrize(
    "text",
    [
        "After a relapse and a new remission, ASH says transplant vs no transplant should be individualised.",
        "In CR2 the panel says allo-HSCT versus continued therapy ought to be tailored to each patient.",
        "Plan: allo once she is in remission, an individual decision per ASH.",
    ],
)
def test_a_choice_left_to_each_case_is_no_categorical_claim(ash: GuardContext, text: str) -> None:
    verdict, found = _found(ash, text)
    assert not [f for f in found if f[0] == "direction_contradiction"], (verdict, found)


def test_a_negated_individual_decision_is_still_categorical(ash: GuardContext) -> None:
    text = "In a second remission ASH wants every fit AYA transplanted, no individual decision needed."
    verdict, found = _found(ash, text)
    assert ("direction_contradiction", "RR-allo-hsct-after-relapse-remission") in found, (verdict, found)


@pytest.mark.parametrize(
    ("pack", "text"),
    [
        (
            "cdc",
            "For acute pain, per CDC, you use nonopioid therapies first and only go to an opioid if expected benefits outweigh the risks.",
        ),
        (
            "ash",
            "MDT: 27F, second relapse of T-ALL. Reinduction with nelarabine. Allo discussed once in remission, an individual decision per ASH.",
        ),
    ],
)
def test_of_tied_items_the_one_whose_patients_are_named_is_meant(request: pytest.FixtureRequest, pack: str, text: str) -> None:
    verdict, found = _found(request.getfixturevalue(pack), text)
    assert verdict == "pass", (verdict, found)


@pytest.mark.parametrize(
    "text",
    [
        "AYA in first remission → allo-HSCT not routine (ASH frontline).",
        "UFH as VTE prophylaxis during asparaginase → not routinely, per ASH.",
    ],
)
def test_not_routine_as_the_predicate_of_arrow_shorthand_is_against(ash: GuardContext, text: str) -> None:
    assert _found(ash, text) == ("pass", []), _found(ash, text)


def test_not_routinely_in_worded_advice_is_left_to_the_negator() -> None:
    assert direction_of("transplant is not routinely recommended in CR1") == "against"
    assert direction_of("in CR1 transplant is not routine, and TKIs are added for Ph-positive disease") == "for"  # worded cue: as before


@pytest.mark.parametrize(
    "text",
    [
        "Urine drug testing is not mandated by CDC; for patients on long-term opioids it asks clinicians to weigh benefits and risks.",
        "CDC rec 12: offer or arrange medication for OUD. The prescriber doesn't have to be the one who prescribes it.",
    ],
)
def test_a_necessity_denied_is_no_advice_against(cdc: GuardContext, text: str) -> None:
    verdict, found = _found(cdc, text)
    assert not [f for f in found if f[0] == "direction_contradiction"], (verdict, found)


def test_a_necessity_denied_states_no_direction_but_a_must_not_does() -> None:
    assert direction_of("drug testing is not mandated") is None
    assert direction_of("drug testing must not be used to dismiss patients") == "against"


def test_a_question_left_open_inside_a_statement_advises_nothing(ash: GuardContext) -> None:
    text = "Left to future trials: establishing which AYAs can safely skip transplantation in first remission."
    assert _found(ash, text) == ("pass", []), _found(ash, text)
    assert direction_of("trials to work out who can safely skip transplant") is None
    assert direction_of("the panel advises against routine transplant in CR1") == "against"


@pytest.mark.parametrize(
    ("pack", "text"),
    [
        ("cdc", "CDC advises starting with immediate-relaese opioids rather than ER/LA products."),
        ("ash", "New B-ALL at 20 → peadiatric-inspired regimen (ASH, strong rec)."),
    ],
)
def test_a_compound_with_a_misspelt_part_is_no_unknown_topic(request: pytest.FixtureRequest, pack: str, text: str) -> None:
    verdict, found = _found(request.getfixturevalue(pack), text)
    assert not [f for f in found if f[0] == "unsupported_claim"], (verdict, found)


@pytest.mark.parametrize(
    ("text", "verdict"),
    [
        ("Self-test. True or false: ASH favours routine heparin prophylaxis during asparaginase. Answer: false.", "pass"),
        ("True or false: ASH favours routine heparin prophylaxis during asparaginase. Answer: true.", "fail"),
        ("T/F: ASH favours routine heparin prophylaxis during asparaginase.", "pass"),
    ],
)
def test_a_statement_posed_for_judgement_is_read_with_its_verdict(ash: GuardContext, text: str, verdict: str) -> None:
    assert _found(ash, text)[0] == verdict, _found(ash, text)


def test_what_a_whether_asks_is_no_advice(cdc: GuardContext) -> None:
    text = (
        "The CDC recommendations fall into four groups: whether to start opioids, which opioid and dose, how long and follow-up, and harms."
    )
    assert _found(cdc, text) == ("pass", []), _found(cdc, text)
    assert direction_of("clinicians should decide whether to start opioids") == "individualized"


@pytest.mark.parametrize(
    "text",
    [
        "The relapsed/refractory guideline holds one recommendation reserved for research; its content is not public.",
        "Public reports mention no recommendation on asparaginase activity monitoring.",
    ],
)
def test_one_item_named_is_no_count_of_the_guidelines_recommendations(ash: GuardContext, text: str) -> None:
    verdict, found = _found(ash, text)
    assert ("guideline_fact_mismatch", None) not in found, (verdict, found)


def test_a_wrong_count_is_still_a_fact_mismatch(ash: GuardContext) -> None:
    verdict, found = _found(ash, "The frontline guideline has 9 recommendations.")
    assert ("guideline_fact_mismatch", None) in found, (verdict, found)


@pytest.mark.parametrize(
    "text",
    [
        "Per the CDC, clinicians should avoid going above 90 MME/day.",  # a negated excess right before its detail
        "The CDC guideline caps dosing at 90 MME/day.",  # the item's keywords name 90 MME; its statement sets no bound
    ],
)
def test_a_bound_only_the_items_keywords_name_is_unsupported(cdc: GuardContext, text: str) -> None:
    verdict, found = _found(cdc, text)
    assert ("unsupported_detail", "CDC-4") in found, (verdict, found)


@pytest.mark.parametrize(
    "text",
    [
        "The CDC guideline sets no hard ceiling; 50 MME/day is a point to pause and reassess, not a cap.",
        "The CDC says to avoid raising the dose above levels where benefit shrinks, and to reassess before 50 MME/day.",
    ],
)
def test_a_denied_cap_or_an_excess_with_no_detail_after_it_is_no_bound(cdc: GuardContext, text: str) -> None:
    assert _found(cdc, text) == ("pass", []), text


def test_a_bound_reported_of_a_source_that_is_not_the_guideline_is_not_its_detail(cdc: GuardContext) -> None:
    assert _found(cdc, "County rules limit a first acute-pain opioid prescription to a 4-day supply.") == ("pass", [])


@pytest.mark.parametrize(
    "text",
    [
        "The CDC guideline came out in 2022. For acute pain it limits opioid prescriptions to a 4-day supply.",  # a pronoun for it
        "CDC-6 caps acute opioid prescriptions at 4 days.",  # named by its id
    ],
)
def test_a_bound_whose_source_is_the_guideline_by_pronoun_or_id_is_still_its_detail(cdc: GuardContext, text: str) -> None:
    verdict, found = _found(cdc, text)
    assert ("unsupported_detail", "CDC-6") in found, (verdict, found)
