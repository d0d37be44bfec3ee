"""Whose claim a clause is: an attribution covers its own clause, not the writer's or their unit's practice beside it; the
names of the guideline's parts and items name no patients; what a preference is over ends where its clause goes on."""

from __future__ import annotations

import pytest
from corpora import verdict_and_findings

from chatbot.guard.check import GuardContext

_found = verdict_and_findings


@pytest.mark.parametrize(
    "text",
    [
        "ASH favours premedicating before pegaspargase and leaves the agents open; on our ward we give loratadine 10 mg and ranitidine 50 mg.",
        "Premedication before pegaspargase fits the ASH guideline, which names no drugs. On our ward the standing orders give diphenhydramine with methylprednisolone.",
    ],
)
def test_local_practice_beside_an_attribution_is_not_read_as_the_guidelines(ash: GuardContext, text: str) -> None:
    assert _found(ash, text) == ("pass", []), text


def test_a_claim_attributed_in_its_own_clause_is_still_checked(ash: GuardContext) -> None:
    verdict, found = _found(ash, "We follow ASH, which recommends routine heparin prophylaxis during asparaginase.")
    assert ("direction_contradiction", "FL-heparin-vte-prophylaxis") in found, (verdict, found)
    verdict, found = _found(ash, "In this talk we review the strong recommendation for routine heparin prophylaxis during asparaginase.")
    assert ("strength_overstated", "FL-heparin-vte-prophylaxis") in found, (verdict, found)  # a grade named: the guideline's content
    verdict, found = _found(ash, "On our unit we give pegaspargase premedication of 40 mg, as the ASH guideline specifies.")
    assert verdict == "fail" and any(kind == "unsupported_detail" for kind, _ in found), (verdict, found)


@pytest.mark.parametrize(
    "text",
    [
        "Impression: isolated CNS relapse, 27F. The ASH R/R guideline prefers intrathecal chemotherapy here; agents per unit protocol.",
        "RR-isolated-cns-relapse: for isolated CNS relapse, intrathecal chemotherapy is the preferred approach.",
    ],
)
def test_a_part_named_as_the_guideline_or_an_item_id_names_no_patients(ash: GuardContext, text: str) -> None:
    assert _found(ash, text) == ("pass", []), text


def test_a_relapse_named_as_the_patients_still_conflicts(ash: GuardContext) -> None:
    verdict, found = _found(ash, "For a relapsed, refractory 30-year-old, ASH favours a pediatric-inspired regimen.")
    assert ("population_mismatch", "FL-pediatric-inspired-regimen") in found, (verdict, found)
