"""Faithful texts the guard used to flag: content said to be unreported, counts that are no counts, names, scope, grading."""

from __future__ import annotations

import pytest
from corpora import verdict_and_findings

from chatbot.guard.check import GuardContext
from chatbot.guard.details import details

_found = verdict_and_findings


@pytest.mark.parametrize(
    "text",
    [
        "The relapsed guideline holds one recommendation meant only for research; its content has not been reported.",
        "R/R guideline: 8 recommendations, plus 1 research-only rec (content NR).",
        "FL-unreported-03 is a placeholder: the item exists but its topic has not been publicly described.",
    ],
)
def test_an_item_named_by_what_is_missing_is_given_no_content(ash: GuardContext, text: str) -> None:
    assert [kind for kind, _ in _found(ash, text)[1]].count("placeholder_content") == 0


def test_content_given_to_the_research_only_item_is_still_found(ash: GuardContext) -> None:
    verdict, found = _found(ash, "The research-only recommendation is about CAR-T cell consolidation in second remission.")
    assert ("placeholder_content", "RR-research-only") in found, found


@pytest.mark.parametrize(
    "text",
    [
        "Slide 4 - Rec 9: look at PDMP data before prescribing.",  # a slide number and a cited item
        "Start low (CDC '22 rec 4).",  # a year written short
        "The guideline grades with two recommendation categories, A and B.",  # a kind of recommendation, no count
        "Five more recs are covered in the next session.",  # a subset
    ],
)
def test_numbers_near_rec_that_count_no_recommendations(cdc: GuardContext, text: str) -> None:
    assert "guideline_fact_mismatch" not in [kind for kind, _ in _found(cdc, text)[1]]


def test_a_count_of_recommendations_is_still_checked(cdc: GuardContext) -> None:
    assert ("guideline_fact_mismatch", None) in _found(cdc, "The CDC guideline has 14 recommendations.")[1]


def test_a_count_goes_with_the_part_named_last(ash: GuardContext) -> None:
    text = "- Two guidelines: frontline + relapsed/refractory\n- Frontline: 15 recommendations plus good practice statements"
    assert "guideline_fact_mismatch" not in [kind for kind, _ in _found(ash, text)[1]]
    together = "The frontline and relapsed guidelines have 15 recommendations between them."
    assert ("guideline_fact_mismatch", None) in _found(ash, together)[1]


def test_the_writers_own_guideline_is_not_dated_as_this_one(ash: GuardContext) -> None:
    assert "guideline_fact_mismatch" not in [kind for kind, _ in _found(ash, "Our unit guideline (2019) is older.")[1]]
    assert ("guideline_fact_mismatch", None) in _found(ash, "The ASH guideline (2019) is older.")[1]


def test_a_frequency_word_inside_a_name_and_a_week_that_lasts() -> None:
    assert details("as the Morbidity and Mortality Weekly Report printed it") == []
    assert [d.key for d in details("after taking it for at least a week")] == [("1", "week")]
    assert [d.key for d in details("twice a week")] == [("2", "per week")]


def test_a_detail_goes_with_the_item_cited_in_its_own_stretch_of_shorthand(cdc: GuardContext) -> None:
    held = "IR first (Rec 3) -> lowest effective dose (Rec 4) -> follow up within 1-4 weeks (Rec 7)"
    assert "unsupported_detail" not in [kind for kind, _ in _found(cdc, held)[1]]
    invented = "IR first (Rec 3) -> lowest effective dose (Rec 4) -> follow up at 9 weeks (Rec 7)"
    assert ("unsupported_detail", "CDC-7") in _found(cdc, invented)[1]


def test_a_grading_clause_grades_the_item_in_hand(cdc: GuardContext) -> None:
    assert _found(cdc, "CDC-3: IR over ER/LA - category A, but the evidence is only type 4.") == ("pass", [])
    verdict, found = _found(cdc, "CDC-3: IR over ER/LA - category A, but the evidence is type 1.")
    assert found == [("certainty_mismatch", "CDC-3")], found


def test_a_possessive_names_no_patients(ash: GuardContext) -> None:
    text = "ASH favours plans modelled on children's protocols for adolescents and young adults with new ALL."
    assert "population_mismatch" not in [kind for kind, _ in _found(ash, text)[1]]


@pytest.mark.parametrize(
    "text",
    [
        "The guideline doesn't apply to sickle cell pain; other guidance covers it.",
        "The CDC Guideline for Prescribing Opioids for Pain applies to adult outpatients with acute, subacute or chronic pain.",
    ],
)
def test_a_whole_guidelines_scope_is_no_items_claim(cdc: GuardContext, text: str) -> None:
    assert _found(cdc, text) == ("pass", [])


def test_a_scope_outside_every_item_is_a_population_mismatch(cdc: GuardContext) -> None:
    verdict, found = _found(cdc, "The CDC guideline applies to outpatients aged 12 and older.")  # and a wrong age fact
    assert verdict == "fail" and sorted({kind for kind, _ in found}) == ["guideline_fact_mismatch", "population_mismatch"], found


def test_the_noun_replacement_names_an_option_and_advises_nothing(ash: GuardContext) -> None:
    text = "Day 10 on asparaginase, fibrinogen low, not bleeding. Plan: no replacement, recheck tomorrow."
    assert "direction_contradiction" not in [kind for kind, _ in _found(ash, text)[1]]
    verb = "ASH guidelines say routine cryoprecipitate replaces fibrinogen lost during asparaginase."
    assert ("direction_contradiction", "FL-fibrinogen-replacement") in _found(ash, verb)[1]


def test_a_pronoun_saying_whom_a_guideline_covers_is_no_treatment_claim(ash: GuardContext) -> None:
    assert _found(ash, "Ask your team how it applies to you.") == ("pass", [])


def test_a_compound_with_a_short_english_part_is_a_known_word(ash: GuardContext) -> None:
    text = "The guideline asks teams to plan long-term follow-up for young people treated for ALL."
    assert ("unsupported_claim", None) not in _found(ash, text)[1]


def test_an_age_range_given_as_whom_the_guideline_is_for_is_checked(ash: GuardContext) -> None:
    assert ("guideline_fact_mismatch", None) in _found(ash, "The ASH guidelines for 13 to 25 year olds favour MRD testing.")[1]


def test_a_denied_source_attributes_nothing(ash: GuardContext) -> None:
    local = "Our own add-on, not from ASH: we give dexamethasone 6 mg daily for five days. ASH favours premedication."
    assert "unsupported_detail" not in [kind for kind, _ in _found(ash, local)[1]]
    attributed = "Per ASH, premedicate with dexamethasone 6 mg daily for five days."
    assert "unsupported_detail" in [kind for kind, _ in _found(ash, attributed)[1]]


def test_the_time_between_two_publication_events_is_no_schedule(ash: GuardContext) -> None:
    assert _found(ash, "The press release came out in February 2026, two days after the guidelines appeared online.") == ("pass", [])


def test_advice_with_no_subject_opening_a_sentence_is_the_writers(ash: GuardContext) -> None:
    note = "The protocol change runs against ASH, which favours switching to recombinant Erwinia. Recommend declining the change."
    assert _found(ash, note) == ("pass", [])
    assert ("direction_contradiction", "FL-heparin-vte-prophylaxis") in _found(ash, "Recommend routine UFH prophylaxis per ASH.")[1]


def test_a_strength_verb_with_no_subject_is_the_writers_word(ash: GuardContext) -> None:
    found = _found(ash, "Suggest we follow ASH here: a TKI add-on if the FISH comes back Ph-positive.")[1]
    assert not [kind for kind, _ in found if kind.startswith("strength")], found
    assert ("strength_understated", "FL-ph-positive-tki") in _found(ash, "ASH suggests adding a TKI for Ph-positive AYAs.")[1]


def test_a_strength_verb_said_of_the_body_text_grades_nothing(cdc: GuardContext) -> None:
    found = _found(cdc, "CDC Rec 7: category A. Its text suggests a review every 3 months for most long-term patients.")[1]
    assert not [kind for kind, _ in found if kind.startswith("strength")], found


@pytest.mark.parametrize(
    "text",
    [
        "FYI the ASH panel favours premedication before each pegaspargase dose.",  # a word common in English
        "Upfront TKI with chemotherapy is what ASH favours for Ph+ AYAs.",  # a word the domain names patients by
    ],
)
def test_an_everyday_or_domain_word_the_corpus_lacks_claims_nothing(ash: GuardContext, text: str) -> None:
    assert "unsupported_claim" not in [kind for kind, _ in _found(ash, text)[1]]


def test_a_domain_word_lets_the_clause_be_compared_with_its_item(ash: GuardContext) -> None:
    found = _found(ash, "ASH advises against adding a TKI upfront in Ph+ AYAs.")[1]
    assert ("direction_contradiction", "FL-ph-positive-tki") in found, found


def test_a_rare_word_the_set_lacks_is_still_unsupported(cdc: GuardContext) -> None:
    found = _found(cdc, "FYI the CDC favours hyperbaric sessions for chronic pain.")[1]
    assert ("unsupported_claim", None) in found, found
