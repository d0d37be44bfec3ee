"""How the guard reads negation scope, second-line wording, made-up quotes, details given after their source, and facts."""

from __future__ import annotations

import pytest
from corpora import verdict_and_findings

from chatbot.guard.check import GuardContext
from chatbot.guard.details import details

_found = verdict_and_findings


@pytest.mark.parametrize(
    "text",
    [
        "Not on anticoagulants: no routine heparin prophylaxis during asparaginase.",  # the "not" ends at the colon
        "A young adult who is not bleeding, low fibrinogen or not, gets no routine cryoprecipitate per ASH.",
        "Routine heparin prophylaxis isn't advised during asparaginase; routine fibrinogen replacement isn't either.",
        "The panel doesn't specify which antihistamine to give before pegaspargase.",  # what the guideline leaves unsaid
    ],
)
def test_faithful_negations_pass(ash: GuardContext, text: str) -> None:
    assert _found(ash, text) == ("pass", [])


def test_a_negator_does_not_reach_into_a_clause_of_its_own(cdc: GuardContext) -> None:
    text = "Per CDC, an acute-pain prescription should not exceed what is needed for the days of severe pain."
    assert _found(cdc, text) == ("pass", [])


def test_the_items_option_kept_for_when_its_comparator_has_failed_contradicts_it(cdc: GuardContext) -> None:
    verdict, found = _found(
        cdc, "Per CDC, non-opioid treatments should be saved for chronic pain patients in whom opioids have not worked."
    )
    assert verdict == "fail"
    assert ("direction_contradiction", "CDC-2") in found, found


def test_a_made_up_quote_is_tied_to_the_item_whose_topic_it_claims(ash: GuardContext) -> None:
    verdict, found = _found(ash, 'The guideline puts it plainly: "every young adult on asparaginase should get heparin to prevent clots".')
    assert verdict == "fail"
    assert ("unverifiable_quote", "FL-heparin-vte-prophylaxis") in found, found


@pytest.mark.parametrize(
    ("text", "item"),
    [
        ("Give dasatinib 140 mg once daily with chemotherapy for Ph-positive ALL, as the ASH panel advises.", "FL-ph-positive-tki"),
        (
            "Four years of maintenance chemotherapy on the pediatric-inspired regimen is what ASH lays down.",
            "FL-pediatric-inspired-regimen",
        ),
    ],
)
def test_a_detail_attributed_after_it_is_given_is_checked(ash: GuardContext, text: str, item: str) -> None:
    verdict, found = _found(ash, text)
    assert verdict == "fail"
    assert ("unsupported_detail", item) in found, found


def test_years_are_a_duration_but_ages_in_years_are_not() -> None:
    assert [d.key for d in details("Treat for three years.")] == [("3", "year")]
    assert details("AYAs (15-39 years) and adults over 40 years; a 10-year-old, a 9 year old.") == []


@pytest.mark.parametrize(
    ("text", "verdict"),
    [
        ("Deborah Dowell was first author of the CDC guideline.", "pass"),
        ("Roger Chou was the first author of the CDC guideline.", "fail"),
        ("The guideline's authors include Kathleen Ragan and Grant Baldwin.", "pass"),  # a name before the full stop
        ("CDC's guideline has 14 recommendations, three of them on opioid selection.", "fail"),  # a subset after a wrong total
        ("The guideline was authored by Kathleen Ragan and Roger Chou.", "pass"),
        ("The guideline was authored by Jane Marlowe and Peter Quist.", "fail"),  # "authored by" lists authors
        ("The 2019 CDC Clinical Practice Guideline covers outpatients.", "fail"),  # a capitalised title keeps its year
        ("The NIH's Clinical Practice Guideline for opioids was issued in 2022.", "fail"),  # another body's, capitalised
        ("CDC published the guideline in Nov. 2022.", "pass"),
        ("CDC published the guideline on 4 Mar 2022.", "fail"),  # a month written short
    ],
)
def test_guideline_facts(cdc: GuardContext, text: str, verdict: str) -> None:
    got, found = _found(cdc, text)
    assert got == verdict, found
    assert all(kind == "guideline_fact_mismatch" for kind, _ in found)


def test_a_joint_issuer_named_in_full_is_checked(ash: GuardContext) -> None:
    assert _found(ash, "The guideline was released jointly by ASH and the Nordic Haematology Society.")[0] == "fail"


def test_an_institution_with_a_capital_inside_its_name_is_checked(ash: GuardContext) -> None:
    assert _found(ash, "The frontline guideline's evidence was reviewed at DePaul University.") == (
        "fail",
        [("guideline_fact_mismatch", None)],
    )


def test_strong_in_shorthand_is_read_as_strength(ash: GuardContext) -> None:
    verdict, found = _found(ash, "Premedication before pegaspargase: strong rec per ASH.")
    assert verdict == "warn"
    assert ("strength_overstated", "FL-asparaginase-premedication") in found, found


@pytest.mark.parametrize(
    ("pack", "text"),
    [
        ("cdc", "Per CDC, everyone on long-term opioids should get a yearly eye examination."),
        ("ash", "ASH advises regular blood pressure checks for AYAs receiving asparaginase."),
    ],
)
def test_advice_about_something_no_matched_item_covers_is_unsupported(request: pytest.FixtureRequest, pack: str, text: str) -> None:
    verdict, found = _found(request.getfixturevalue(pack), text)
    assert (verdict, found) == ("warn", [("unsupported_claim", None)])


@pytest.mark.parametrize(
    ("pack", "text"),
    [
        ("cdc", "Per CDC, patients on long-term opioids should be offered naloxone."),
        ("ash", "ASH advises against routine heparin prophylaxis for AYAs receiving asparaginase."),
    ],
)
def test_advice_naming_the_items_own_option_is_compared_with_it(request: pytest.FixtureRequest, pack: str, text: str) -> None:
    assert all(kind != "unsupported_claim" for kind, _ in _found(request.getfixturevalue(pack), text)[1])


@pytest.mark.parametrize(
    "text",
    [
        "Per ASH, blinatumomab is favoured over inotuzumab for relapsed B-ALL in young adults.",
        "The panel prefers ponatinib to imatinib in Ph-positive ALL.",
    ],
)
def test_ranking_two_forms_of_the_items_own_intervention_is_unsupported(ash: GuardContext, text: str) -> None:
    assert ("unsupported_claim", None) in _found(ash, text)[1]


@pytest.mark.parametrize(
    "text",
    [
        "Both panels call for randomised trials on the timing of transplant in first remission.",  # research, not care
        "Per ASH, blina-based reinduction is favoured over chemotherapy for relapsed B-ALL.",  # a compound of corpus words
        "Per ASH, a peds-inspired asp-containing regimen is favoured for newly diagnosed AYAs.",
    ],
)
def test_research_calls_and_compounds_of_known_words_pass(ash: GuardContext, text: str) -> None:
    assert _found(ash, text) == ("pass", [])


def test_shorthand_closing_on_the_issuer_is_read_as_advice(ash: GuardContext, cdc: GuardContext) -> None:
    verdict, found = _found(ash, "AYA in CR1: allo-HSCT routinely per ASH.")
    assert verdict == "fail" and ("direction_contradiction", "FL-allo-hsct-first-remission") in found, found
    assert _found(ash, "CR1 alone isn't, in itself, a reason for allo-HSCT according to ASH.") == ("pass", [])
    assert _found(cdc, "Per CDC, the guideline is about outpatient care.")[0] == "pass"  # the issuer cited first: no shorthand
