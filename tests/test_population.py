"""Population facets named in free text, and conflicts with an item's population."""

import pytest

from chatbot.recs.population import named_population, population_conflicts
from chatbot.recs.schema import Lineage, MrdStatus, Phase, PhStatus, Population


def _population(**facets: str) -> Population:
    values = {"age_band": "15-39", "lineage": "any", "ph_status": "any", "phase": "any", "mrd": "any", "description": "invented"}
    return Population(**{**values, **facets})


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("22M, Ph+ B-ALL, day 29 MRD positive", {"age": 22, "lineage": Lineage.B, "ph_status": PhStatus.POSITIVE, "mrd": MrdStatus.POSITIVE}),
        ("Ph- T-ALL in CR1", {"lineage": Lineage.T, "ph_status": PhStatus.NEGATIVE, "phase": Phase.FIRST_REMISSION}),
        ("a 45-year-old with relapsed disease", {"age": 45, "phase": Phase.RELAPSED_REFRACTORY}),
        ("now MRD-negative in second remission after relapse", {"mrd": MrdStatus.NEGATIVE, "phase": Phase.REMISSION_AFTER_RELAPSE}),
        ("isolated CNS relapse", {"phase": Phase.ISOLATED_CNS_RELAPSE}),
        ("BCR::ABL1 fusion on FISH, newly diagnosed", {"ph_status": PhStatus.POSITIVE, "phase": Phase.NEWLY_DIAGNOSED}),
        ("what do all patients need", {}),
    ],
)
def test_named_facets(text: str, expected: dict) -> None:
    named = named_population(text)
    found = {k: v for k, v in vars(named).items() if v is not None and k != "spans"}
    assert found == expected
    for facet in expected:
        start, end = named.spans[facet]
        assert text[start:end].strip()


def test_conflicts_name_each_facet_outside_the_item() -> None:
    ph_positive_frontline = _population(ph_status="positive", phase="newly_diagnosed", lineage="B")
    reasons = population_conflicts(named_population("12 year old, Ph-negative T-ALL, relapsed"), ph_positive_frontline)
    assert len(reasons) == 4
    assert any("age 12" in r for r in reasons) and any("Ph-negative" in r for r in reasons)
    assert any("T-lineage" in r for r in reasons) and any("relapsed refractory" in r for r in reasons)


def test_no_conflict_within_one_guideline_part_or_with_open_facets() -> None:
    frontline = _population(phase="newly_diagnosed")
    assert population_conflicts(named_population("in first remission"), frontline) == []
    assert population_conflicts(named_population("relapsed Ph+ T-ALL, 30 years old"), _population()) == []
    relapse = _population(phase="remission_after_relapse")
    assert population_conflicts(named_population("after a relapse"), relapse) == []
    assert population_conflicts(named_population("newly diagnosed"), relapse)


def test_isolated_cns_relapse_covers_nothing_broader() -> None:
    cns = _population(phase="isolated_cns_relapse")
    assert population_conflicts(named_population("isolated CNS relapse"), cns) == []
    assert population_conflicts(named_population("a bone marrow relapse"), cns)
    assert population_conflicts(named_population("isolated CNS relapse"), _population(phase="relapsed_refractory")) == []


def test_ages_in_words() -> None:
    assert named_population("in children with ALL").age == 8
    assert named_population("adults over 40").age == 41
    assert named_population("a pediatric-inspired regimen").age is None
