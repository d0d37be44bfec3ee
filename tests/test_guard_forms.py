"""Forms of a claim the guard reads by their shape: a grade being defined, a rate's period, short quotations, "no longer",
a negated modal before a noun predicate."""

from __future__ import annotations

import pytest
from corpora import verdict_and_findings

from chatbot.guard.check import GuardContext
from chatbot.guard.claims import direction_of
from chatbot.guard.details import details

_found = verdict_and_findings


def test_a_grade_being_defined_grades_no_item(cdc: GuardContext) -> None:
    text = "In CDC's scheme, category A means the advice fits most patients, whereas category B means choices differ between patients."
    assert _found(cdc, text) == ("pass", []), text


def test_a_grade_given_to_an_item_is_still_checked(cdc: GuardContext) -> None:
    verdict, found = _found(cdc, "Recommendation 9, on checking the PDMP, is category A.")
    assert ("strength_overstated", "CDC-9") in found, (verdict, found)


def test_the_period_of_a_rate_is_part_of_the_rate() -> None:
    assert [d.key for d in details("cut the dose by 20% a week")] == [d.key for d in details("cut the dose by 20% per week")]
    assert ("2", "per month") in [d.key for d in details("review twice a month")]  # a schedule of its own stays one


def test_a_short_quotation_given_as_the_guidelines_words_is_verified(ash: GuardContext) -> None:
    verdict, found = _found(ash, 'Per ASH, routine heparin during asparaginase is "never advisable".')
    assert verdict == "fail" and any(kind == "unverifiable_quote" for kind, _ in found), (verdict, found)


def test_no_longer_negates_what_follows() -> None:
    assert direction_of("routine transplantation in CR1 is no longer recommended") == "against"
    assert direction_of("opioids should be given for no longer than three days") == "for"
    assert direction_of("ER/LA opioids must not be the kind of product a new patient is started on") == "against"


@pytest.mark.parametrize(
    ("text", "verdict"),
    [
        ("An adult-type regimen such as hyper-CVAD should not be the regimen that newly diagnosed AYAs get, per ASH.", "pass"),
        ("An adult-type regimen such as hyper-CVAD should be the regimen that newly diagnosed AYAs get, per ASH.", "fail"),
    ],
)
def test_a_negated_modal_before_a_noun_predicate_is_against(ash: GuardContext, text: str, verdict: str) -> None:
    assert _found(ash, text)[0] == verdict, _found(ash, text)


def test_details_inside_a_quotation_the_corpus_lacks_are_checked(ash: GuardContext) -> None:
    verdict, found = _found(ash, 'The ASH panel wants premedication to be "hydrocortisone 150 mg before every single pegaspargase dose".')
    kinds = {kind for kind, _ in found}
    assert verdict == "fail" and {"unverifiable_quote", "unsupported_detail"} <= kinds, (verdict, found)


@pytest.mark.parametrize(
    "text",
    [
        "Certainty of evidence for the advice against routine cryoprecipitate: low.",  # the level after a colon, the item between
        "No routine cryoprecipitate in AYAs on asparaginase (very low CoE).",  # GRADE's initialism
        "No routine cryoprecipitate in AYAs on asparaginase: certainty of evidence high per ASH.",
    ],
)
def test_certainty_of_evidence_in_grades_own_name_and_initialism(ash: GuardContext, text: str) -> None:
    verdict, found = verdict_and_findings(ash, text)
    assert ("certainty_mismatch", "FL-fibrinogen-replacement") in found, (verdict, found)
