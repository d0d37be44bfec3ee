"""Negations the guard reads by what they deny: an option named by its negation, a manner or purpose, a limit."""

from __future__ import annotations

import pytest
from corpora import verdict_and_findings

from chatbot.guard.check import GuardContext

_found = verdict_and_findings


@pytest.mark.parametrize(
    "text",
    [
        "Having no routine prophylaxis is the approach ASH favours over routine heparin during asparaginase therapy.",
        "For AYAs on asparaginase, no routine cryoprecipitate is what the panel prefers.",
        "Going without premedication before pegaspargase is an approach the panel did not favour.",
        "Not transplanting routinely in first remission is what the frontline panel prefers.",
        "Continuing therapy without transplantation is favoured in CR1.",
    ],
)
def test_a_negated_option_that_agrees_with_the_item_passes(ash: GuardContext, text: str) -> None:
    assert _found(ash, text) == ("pass", []), text


@pytest.mark.parametrize(
    ("text", "item"),
    [
        ("No premedication before pegaspargase is the approach ASH favours.", "FL-asparaginase-premedication"),
        ("Going without premedication is the option ASH prefers before pegaspargase.", "FL-asparaginase-premedication"),
        ("The panel favours routine heparin prophylaxis during asparaginase.", "FL-heparin-vte-prophylaxis"),
    ],
)
def test_a_negated_option_that_reverses_the_item_still_fails(ash: GuardContext, text: str, item: str) -> None:
    verdict, found = _found(ash, text)
    assert verdict == "fail"
    assert ("direction_contradiction", item) in found, found


def test_an_option_the_panel_favoured_less_is_read_as_against_it(ash: GuardContext) -> None:
    assert _found(ash, "Stopping asparaginase for good is the choice the panel favoured less after an allergic reaction.")[0] == "pass"
    verdict, found = _found(ash, "Switching to recombinant Erwinia is the option the panel favoured less after a reaction to peg.")
    assert ("direction_contradiction", "FL-asparaginase-hypersensitivity-switch") in found, (verdict, found)


def test_is_not_the_option_the_panel_favours_is_against(ash: GuardContext) -> None:
    verdict, found = _found(ash, "Routine heparin during asparaginase is not the option the ASH panel favours.")
    assert verdict == "pass", found
    verdict, found = _found(ash, "Premedication before pegaspargase is not the option the ASH panel favours.")
    assert ("direction_contradiction", "FL-asparaginase-premedication") in found, (verdict, found)


@pytest.mark.parametrize(
    "text",
    [
        "Per CDC, data from the state PDMP should not be used to exclude patients from care.",
        "The guideline adds that toxicology results shouldn't be used punitively.",
    ],
)
def test_a_negated_manner_or_purpose_is_no_contradiction(cdc: GuardContext, text: str) -> None:
    verdict, found = _found(cdc, text)
    assert not any(kind == "direction_contradiction" for kind, _ in found), (text, verdict, found)


@pytest.mark.parametrize(
    ("text", "item"),
    [
        ("Per CDC, clinicians should not check the PDMP before prescribing opioids.", "CDC-9"),
        ("CDC says toxicology testing should not be considered for patients on long-term opioids.", "CDC-10"),
    ],
)
def test_a_negated_option_of_a_cdc_item_still_contradicts_it(cdc: GuardContext, text: str, item: str) -> None:
    verdict, found = _found(cdc, text)
    assert ("direction_contradiction", item) in found, (verdict, found)


def test_a_negation_inside_a_condition_names_no_option(cdc: GuardContext) -> None:
    text = "Before starting opioids for chronic pain, CDC says to plan how to stop them if benefits do not outweigh risks."
    verdict, found = _found(cdc, text)
    assert not any(kind == "direction_contradiction" for kind, _ in found), (verdict, found)


def test_a_statement_that_an_item_s_strength_is_unreported_gives_no_placeholder_content(ash: GuardContext) -> None:
    verdict, found = _found(ash, "ASH favours premedication before pegaspargase, though the strength of that item is unreported.")
    assert not any(kind == "placeholder_content" for kind, _ in found), (verdict, found)


@pytest.mark.parametrize(
    ("text", "item"),
    [
        ("Vaso-occlusive crisis in a 30-year-old seen in clinic: per CDC rec 6, limit the opioid supply.", "CDC-6"),
        ("Adult in the ICU on a hydromorphone drip: per CDC recommendation 8, offer naloxone.", "CDC-8"),
        ("Outpatient receiving chemotherapy for breast cancer: CDC rec 3, immediate-release first.", "CDC-3"),
    ],
)
def test_a_patient_the_guideline_excludes_beside_a_cited_item_is_a_population_mismatch(cdc: GuardContext, text: str, item: str) -> None:
    verdict, found = _found(cdc, text)
    assert verdict == "fail"
    assert ("population_mismatch", item) in found, found


def test_a_cited_item_for_patients_it_covers_passes(cdc: GuardContext) -> None:
    assert _found(cdc, "Adult outpatient with a new ankle sprain: per CDC rec 6, limit the opioid supply.")[0] == "pass"


def test_preferring_the_comparator_for_patients_outside_the_item_is_still_a_reversal(ash: GuardContext) -> None:
    verdict, found = _found(ash, "For a 55-year-old, the ASH panel prefers an adult regimen over a pediatric-inspired one.")
    assert ("direction_contradiction", "FL-pediatric-inspired-regimen") in found, (verdict, found)
    assert ("population_mismatch", "FL-pediatric-inspired-regimen") in found, (verdict, found)


def test_saying_not_to_do_what_the_item_avoids_still_agrees(cdc: GuardContext) -> None:
    text = "My doctor showed me the CDC guideline says not to stop opioids abruptly unless an overdose looks imminent."
    assert not any(kind == "direction_contradiction" for kind, _ in _found(cdc, text)[1])


@pytest.mark.parametrize(
    ("text", "verdict"),
    [
        ("The ASH panel rejected premedication before pegaspargase.", "fail"),
        ("ASH came out against switching to recombinant Erwinia after a peg reaction.", "fail"),
        ("ASH came out against routine heparin prophylaxis during asparaginase.", "pass"),
    ],
)
def test_rejecting_or_coming_out_against_is_against(ash: GuardContext, text: str, verdict: str) -> None:
    got, found = _found(ash, text)
    assert got == verdict, found
    assert verdict == "pass" or any(kind == "direction_contradiction" for kind, _ in found)


def test_a_negated_usefulness_is_against_and_politeness_no_claim(ash: GuardContext) -> None:
    found = _found(ash, "Per ASH, premedication before pegaspargase is not helpful to prevent reactions.")[1]
    assert ("direction_contradiction", "FL-asparaginase-premedication") in found, found
    assert _found(ash, "Thanks for the ASH guideline notes, really helpful.") == ("pass", [])


def test_what_a_preference_puts_second_ends_at_its_punctuation(ash: GuardContext) -> None:
    text = (
        "ASH favours switching to recombinant Erwinia asparaginase over stopping asparaginase, so her later doses were recombinant Erwinia."
    )
    assert _found(ash, text) == ("pass", [])
