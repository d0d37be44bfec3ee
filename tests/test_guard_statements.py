"""The guard on details and facts a text attributes to the guideline: unsupported_detail and guideline_fact_mismatch."""

from __future__ import annotations

import pytest
from corpora import verdict_and_findings

from chatbot.guard.check import GuardContext
from chatbot.guard.details import details

_kinds = verdict_and_findings


def test_details_are_read_with_their_units() -> None:
    keys = [d.key for d in details("Give 1,250 IU/m² twice weekly for two 21-day cycles, then on day 15 if MRD ≥0.1%.")]
    assert ("1250", "iu/m2") in keys and ("2", "weekly") in keys and ("21", "day") in keys
    assert ("15", "day") in keys and ("0.1", "threshold") in keys
    assert details("A 24-year-old, aged 24 years, 16 years old.") == []


@pytest.mark.parametrize(
    ("text", "item"),
    [
        ("The panel recommends imatinib 400 mg daily alongside chemotherapy for Ph-positive ALL.", "FL-ph-positive-tki"),
        ("Per ASH, heparin prophylaxis is only needed once the platelet count is above 50 000 and fibrinogen below 1.5 g/L.", None),
        ("ASH: inotuzumab for relapsed B-ALL, three 28-day cycles before transplant.", "RR-immunotherapy-reinduction"),
    ],
)
def test_a_dose_or_schedule_attributed_to_the_guideline_that_it_lacks_fails(ash: GuardContext, text: str, item: str | None) -> None:
    verdict, found = _kinds(ash, text)
    assert verdict == "fail"
    assert any(kind == "unsupported_detail" and (item is None or rec == item) for kind, rec in found), found


@pytest.mark.parametrize(
    "text",
    [
        "Our 19-year-old had 2,500 IU/m² of pegaspargase on day 4 of our local protocol.",  # the team's own detail, not the guideline's
        "ASH defines AYAs as patients aged 15 to 39 years.",
    ],
)
def test_details_not_attributed_to_the_guideline_pass(ash: GuardContext, text: str) -> None:
    assert "unsupported_detail" not in [kind for kind, _ in _kinds(ash, text)[1]]


@pytest.mark.parametrize(
    "text",
    [
        "The frontline guideline has 13 recommendations.",
        "Together the two guidelines hold 20 recommendations.",
        "The relapsed/refractory guideline has three research-only recommendations.",
        "The guidelines were published in Blood in June 2026.",
        "The guidelines were published by ASCO.",
        "The first author of the frontline guideline is Kristen O'Dwyer.",
        "These guidelines define AYAs as patients aged 16 to 30.",
    ],
)
def test_wrong_facts_about_the_guideline_fail(ash: GuardContext, text: str) -> None:
    assert _kinds(ash, text) == ("fail", [("guideline_fact_mismatch", None)])


@pytest.mark.parametrize(
    "text",
    [
        "The frontline guideline has 15 recommendations and the relapsed/refractory one has 8 plus one research-only recommendation.",
        "Eight frontline recommendations have been described publicly.",
        "The guidelines appeared online in Blood Advances on 11 February 2026.",
        "Adam S. DuVall is the first author of the frontline guideline.",
    ],
)
def test_right_facts_about_the_guideline_pass(ash: GuardContext, text: str) -> None:
    assert "guideline_fact_mismatch" not in [kind for kind, _ in _kinds(ash, text)[1]]


def test_facts_and_citations_come_from_each_packs_data(cdc: GuardContext) -> None:
    assert _kinds(cdc, "The CDC guideline contains 12 recommendations.")[0] == "pass"
    assert _kinds(cdc, "The CDC guideline contains 9 recommendations.") == ("fail", [("guideline_fact_mismatch", None)])
    assert _kinds(cdc, "It was written by Dowell, Smith and Chou.")[1] == [("guideline_fact_mismatch", None)]
    assert ("unknown_recommendation", "CDC-19") in _kinds(cdc, "Recommendation 19 of the CDC guideline covers naloxone.")[1]


@pytest.mark.parametrize(
    ("text", "finding"),
    [
        (
            "Newly diagnosed AYA B-ALL → hyper-CVAD > pediatric-inspired regimen.",
            ("direction_contradiction", "FL-pediatric-inspired-regimen"),
        ),
        ("CR1 AYA → allo-HSCT for everyone.", ("direction_contradiction", "FL-allo-hsct-first-remission")),
        ("The panel only weakly favours a pediatric-inspired regimen for newly diagnosed AYAs.", ("strength_understated", None)),
        # an unknown term beside the item's intervention still gets the population check
        ("Blinatumomab plus zorbatinib is preferred for 8-year-old children with relapsed B-ALL.", ("population_mismatch", None)),
    ],
)
def test_shorthand_and_understatement_are_read(ash: GuardContext, text: str, finding: tuple[str, str | None]) -> None:
    found = _kinds(ash, text)[1]
    assert any(kind == finding[0] and finding[1] in (None, rec) for kind, rec in found), found


def test_items_cited_by_number_are_graded_in_the_packs_own_words(cdc: GuardContext) -> None:
    assert _kinds(cdc, "Rec 2 is category B.") == ("warn", [("strength_understated", "CDC-2")])
    assert _kinds(cdc, "Rec 8: category A, evidence type 4.") == ("pass", [])
    assert _kinds(cdc, "Recommendation 1 of the CDC guideline rests on type 1 evidence.")[1] == [("certainty_mismatch", "CDC-1")]


@pytest.mark.parametrize(
    ("text", "finding"),
    [
        (
            "Patients with isolated CNS relapse should receive cranial irradiation rather than intrathecal chemotherapy.",
            ("direction_contradiction", "RR-isolated-cns-relapse"),
        ),
        ("For relapsed B-ALL, give standard chemotherapy instead of blinatumomab or inotuzumab.", ("direction_contradiction", None)),
        (
            "The panel favours blinatumomab or inotuzumab over chemotherapy for AYAs with relapsed T-ALL.",
            ("population_mismatch", "RR-immunotherapy-reinduction"),
        ),
        ("It says 10-year-olds with relapsed B-ALL should get blinatumomab.", ("population_mismatch", "RR-immunotherapy-reinduction")),
        (
            "ASH recommends a pediatric-inspired regimen for newly diagnosed AYAs and also recommends transplant for every patient in CR1.",
            ("direction_contradiction", "FL-allo-hsct-first-remission"),
        ),
    ],
)
def test_reversals_patients_after_the_comparator_and_second_verbs_are_read(ash: GuardContext, text: str, finding: tuple) -> None:
    found = _kinds(ash, text)[1]
    assert any(kind == finding[0] and finding[1] in (None, rec) for kind, rec in found), found


def test_a_claim_whose_subject_is_the_issuer_is_judged_by_what_it_advises(ash: GuardContext) -> None:
    verdict, found = _kinds(ash, "ASH recommends zorbatinib maintenance after induction.")
    assert verdict == "warn" and ("unsupported_claim", None) in found


@pytest.mark.parametrize(
    ("text", "item"),
    [
        ("Per CDC, children with acute pain should get immediate-release opioids rather than extended-release opioids.", "CDC-3"),
        ("For cancer-related pain, CDC says to offer naloxone when opioids are prescribed.", "CDC-8"),
        ("Rec 6 says patients with chronic pain should get no more than the expected duration.", "CDC-6"),
    ],
)
def test_population_checks_come_from_the_cdc_packs_domain(cdc: GuardContext, text: str, item: str) -> None:
    assert ("population_mismatch", item) in _kinds(cdc, text)[1]


@pytest.mark.parametrize(
    ("pack", "text"),
    [
        ("cdc", "The CDC opioid guideline applies to outpatients aged 14 and older."),  # an open-ended age against age_min alone
        ("ash", "The ASH guidelines are written for people aged 12 to 45."),  # "written for" in a sentence naming the guideline
    ],
)
def test_an_age_range_given_as_the_guidelines_is_checked_against_its_facts(pack: str, text: str, request: pytest.FixtureRequest) -> None:
    verdict, found = _kinds(request.getfixturevalue(pack), text)
    assert ("guideline_fact_mismatch", None) in found, (verdict, found)


@pytest.mark.parametrize(
    ("pack", "text"),
    [
        ("cdc", "The CDC opioid guideline applies to outpatients aged 18 and older."),
        ("cdc", "Our pharmacy plan covers members aged 14 and older."),  # no guideline named: another body's scope
        ("ash", "The ASH guidelines are written for people aged 15 to 39."),
    ],
)
def test_the_guidelines_own_age_range_or_another_bodys_is_no_fact_mismatch(pack: str, text: str, request: pytest.FixtureRequest) -> None:
    assert _kinds(request.getfixturevalue(pack), text) == ("pass", []), text
