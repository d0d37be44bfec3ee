"""Population facets named in free text, read with a pack's domain, and conflicts with an item's population."""

import pytest

from chatbot.config import PROJECT_ROOT
from chatbot.packs.domain import Domain, load_domain
from chatbot.recs.population import named_population, population_conflicts
from chatbot.recs.schema import Population

# An invented field, declared in code: the engine knows only what a domain gives it.
DOMAIN = Domain.model_validate(
    {
        "facets": {
            "marker": {
                "conflict": "marker-{named} disease, but the item covers marker-{covered} disease",
                "complement": {"positive": "negative", "negative": "positive"},
                "values": {
                    "positive": {"phrases": [r"ZX\+", r"ZX[- ]positive"], "words": "ZX-positive", "option": "ZX-positive"},
                    "negative": {"phrases": [r"ZX-(?![A-Za-z])", r"ZX[- ]negative"], "words": "ZX-negative", "option": "ZX-negative"},
                },
            },
            "stage": {
                "conflict": "{named} disease, but the item covers {covered} disease",
                "values": {
                    "spread": {"phrases": ["spread", "metastatic"], "covers": ["local_recurrence"]},
                    "local_recurrence": {"phrases": ["local recurrence"]},
                    "early": {"phrases": ["early", "newly found"], "covers": ["in_remission"]},
                    "in_remission": {"phrases": ["in remission"], "covers": ["early"]},
                },
            },
        },
        "age_words": [{"pattern": r"\bchild(?:ren)?\b", "age": 8}],
        "exclusions": [{"name": "pregnancy", "phrases": [r"pregnan\w*"]}],
        "parts": {"first": {"title": "First care", "short_name": "first-care", "defaults": {"stage": "early"}}},
    }
)


def _population(**facets: str) -> Population:
    values = {"age_band": "18-60", "marker": "any", "stage": "any", "description": "invented"}
    return Population(**{**values, **facets})


@pytest.mark.parametrize(
    ("text", "facets", "age"),
    [
        ("22M, ZX+ and metastatic", {"marker": "positive", "stage": "spread"}, 22),
        ("ZX- disease in remission", {"marker": "negative", "stage": "in_remission"}, None),
        ("a local recurrence in a 45-year-old", {"stage": "local_recurrence"}, 45),
        ("what do all patients need", {}, None),
        ("Referral: Mr K, 52, with metastatic disease", {"stage": "spread"}, 52),
        ("Ms W (33) is in remission", {"stage": "in_remission"}, 33),
        ("pt 61 y, ZX+", {"marker": "positive"}, 61),
        ("Mr K, who was seen in 2 weeks", {}, None),
        ("patient 5 mg daily", {}, None),
    ],
)
def test_named_facets(text: str, facets: dict, age: int | None) -> None:
    named = named_population(text, DOMAIN)
    assert (named.facets, named.age) == (facets, age)
    for facet in facets:
        start, end = named.spans[facet]
        assert text[start:end].strip()


def test_conflicts_name_each_facet_outside_the_item() -> None:
    item = _population(marker="positive", stage="early")
    reasons = population_conflicts(named_population("12 year old, ZX-negative, metastatic", DOMAIN), item, None, DOMAIN)
    assert reasons == [
        "age 12 is outside 18-60 years",
        "marker-negative disease, but the item covers marker-positive disease",
        "spread disease, but the item covers early disease",
    ]


def test_covered_values_and_open_facets_do_not_conflict() -> None:
    assert population_conflicts(named_population("in remission", DOMAIN), _population(stage="early"), None, DOMAIN) == []
    assert population_conflicts(named_population("ZX+ metastatic, 30 years old", DOMAIN), _population(), None, DOMAIN) == []
    assert population_conflicts(named_population("a local recurrence", DOMAIN), _population(stage="spread"), None, DOMAIN) == []
    assert population_conflicts(named_population("metastatic", DOMAIN), _population(stage="local_recurrence"), None, DOMAIN)


def test_a_part_default_applies_when_the_item_leaves_the_facet_open() -> None:
    reasons = population_conflicts(named_population("metastatic", DOMAIN), _population(), "first", DOMAIN)
    assert reasons == ["spread disease, but the item covers early disease (first-care guideline)"]


def test_excluded_populations_and_ages_in_words() -> None:
    named = named_population("during pregnancy, in children", DOMAIN)
    assert (named.excluded, named.age) == (("pregnancy",), 8)
    assert population_conflicts(named, _population(age_band="unknown"), None, DOMAIN) == ["pregnancy, which the guideline excludes"]


def test_an_empty_domain_names_only_ages() -> None:
    named = named_population("a ZX+ 30 year old in remission", Domain())
    assert (named.facets, named.age, named.excluded) == ({}, 30, ())


def test_the_domain_refuses_values_it_does_not_declare() -> None:
    with pytest.raises(ValueError, match="unknown values"):
        Domain.model_validate({"facets": {"stage": {"values": {"early": {"covers": ["late"]}}}}})
    assert DOMAIN.facet_problems({"stage": "late", "colour": "red"}) == [
        "stage: 'late' is not one of ['spread', 'local_recurrence', 'early', 'in_remission', 'any', 'unknown']",
        "unknown facet 'colour' (the pack's domain.yaml declares ['marker', 'stage'])",
    ]
    assert Domain().facet_problems({"colour": "red"}) == []


def test_the_first_value_named_is_read_the_same_with_the_facet_screen() -> None:
    """A facet's phrases screened by one pattern give the value each pattern tried in turn gives (leftmost, then most specific)."""
    from chatbot.recs.population import _first, _phrases, _screens

    phrases, screens = _phrases(DOMAIN), _screens(DOMAIN)
    for text in [
        "ZX- spread after local recurrence",
        "local recurrence, ZX+ and spread",
        "ZX negative metastatic",
        "nothing named",
        "ZX-positive",
    ]:
        for facet, pairs in phrases.items():
            assert _first(text, pairs, screens[facet]) == _first(text, pairs), (facet, text)


@pytest.mark.parametrize(
    ("text", "age"),
    [
        ("my nephew is 27 and the team spoke of a children's protocol", 27),  # a stated age beats an age word
        ("she just turned 31; which plan fits her?", 31),
        ("a woman in her forties with ZX+ disease", 45),
        ("adults in their 20s", 25),
        ("widgetase 2500 units/m2 in a child", 8),  # 'm2' is a unit, not a man aged 2
        ("her pain is 6/10 today", None),
        ("the patient is 40 mg a day on it", None),
        ("Ph+ disease, 33F, relapsed", 33),
        ("14-y/o with ZX+ disease", 14),
        ("a 44 y.o. in remission", 44),
        ("has ZX+ disease but is 44, so which plan?", 44),
        ("the plan is fine and was 20 mg daily", None),
    ],
)
def test_ages_in_plain_english(text: str, age: int | None) -> None:
    assert named_population(text, DOMAIN).age == age


def test_the_default_pack_excludes_other_blood_cancers() -> None:
    domain = load_domain(PROJECT_ROOT / "corpus")
    assert named_population("a 25-year-old with AML on induction", domain).excluded == ("another leukemia or blood cancer",)
    assert named_population("a 25-year-old with B-ALL on induction, treated like lymphoblastic lymphoma", domain).excluded == ()
