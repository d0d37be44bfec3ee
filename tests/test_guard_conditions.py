"""A negation inside a condition clause, and the guideline as the subject of "to be": neither is advice against an item."""

from __future__ import annotations

import pytest
from corpora import verdict_and_findings

from chatbot.guard.check import GuardContext
from chatbot.guard.claims import direction_of

_found = verdict_and_findings


def test_a_negation_inside_a_condition_says_when_not_what() -> None:
    assert direction_of("clinicians should set goals and plan an exit if no benefit") == "for"
    assert direction_of("set goals and a stopping plan if there is no benefit, then recommend a trial") == "for"
    assert direction_of("a higher dose is not recommended if there is no benefit") == "against"  # the advice's own negation counts
    assert direction_of("if there is no benefit, avoid continuing") == "against"


@pytest.mark.parametrize(
    "text",
    [
        "The CDC guideline is voluntary and is not meant to be applied as a fixed standard for opioid dosing, tapering or naloxone.",
        "The CDC says its recommendations are not meant to be applied as hard caps on opioid doses, tapering or benzodiazepine co-prescribing by insurers.",
    ],
)
def test_what_the_guideline_is_is_no_advice_against_an_item(cdc: GuardContext, text: str) -> None:
    assert _found(cdc, text)[0] == "pass", text


@pytest.mark.parametrize(
    "text",
    [
        "The CDC guideline is not in favour of offering naloxone to patients at risk of overdose.",
        "The CDC guideline is clear that naloxone should never be offered.",
    ],
)
def test_a_guideline_said_to_be_against_an_item_still_contradicts_it(cdc: GuardContext, text: str) -> None:
    assert _found(cdc, text)[0] == "fail", text
