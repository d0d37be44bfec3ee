"""How the guard reads items cited by id, options that are themselves a "no", lists and ticks, what an item itself advises
against, hedged strength, and facts about authors, journal, issuer name and year."""

from __future__ import annotations

from pathlib import Path

import pytest
from corpora import pack_guard_context, verdict_and_findings

from chatbot.guard.check import GuardContext
from chatbot.types import Passage

ROOT = Path(__file__).parents[1]


_found = verdict_and_findings


def test_an_item_cited_by_its_id_is_graded(cdc: GuardContext) -> None:
    found = _found(cdc, "CDC-7 is category B with type 3 evidence.")[1]
    assert ("strength_understated", "CDC-7") in found and ("certainty_mismatch", "CDC-7") in found
    assert _found(cdc, "CDC-12 rests on type 4 evidence.")[1] == [("certainty_mismatch", "CDC-12")]


@pytest.mark.parametrize(
    "text",
    [
        "The guideline favours no routine prophylaxis over routine unfractionated heparin in AYAs on asparaginase.",
        "Stopping asparaginase after a pegaspargase allergy is not what ASH favours.",  # "not what" negates the cue after it
        "ASH doesn't endorse routine cryoprecipitate: non-bleeding AYAs on asparaginase don't need routine replacement.",
        "ASH AYA guideline: routine UFH ✘, routine cryo ✘, Erwinia after peg allergy ✔.",
        "ASH does not recommend a specific premedication regimen.",  # leaves the choice open; not against premedication
        "ASH sides with premedication for AYAs on pegaspargase, though it's unclear how strongly.",
        "“Shared decision-making” guides transplant after relapse remission, per ASH.",  # a few quoted words are read
    ],
)
def test_faithful_shorthand_and_comparators_pass(ash: GuardContext, text: str) -> None:
    assert _found(ash, text) == ("pass", [])


@pytest.mark.parametrize(
    ("text", "item"),
    [
        ("ASH favours routine heparin over no prophylaxis in AYAs on asparaginase.", "FL-heparin-vte-prophylaxis"),
        ("Switching to Erwinia after a pegaspargase allergy is not what ASH favours.", "FL-asparaginase-hypersensitivity-switch"),
        ("ASH AYA guideline: routine UFH ✔, routine cryo ✘, Erwinia after peg allergy ✔.", "FL-heparin-vte-prophylaxis"),
    ],
)
def test_reversed_shorthand_and_comparators_contradict(ash: GuardContext, text: str, item: str) -> None:
    assert ("direction_contradiction", item) in _found(ash, text)[1]


def test_against_what_the_item_itself_advises_against_agrees(cdc: GuardContext) -> None:
    assert _found(cdc, "Sudden stops and fast cuts from high doses: avoid them under CDC-5.") == ("pass", [])
    assert ("direction_contradiction", "CDC-5") in _found(cdc, "CDC-5: avoid tapering.")[1]  # what the item advises


@pytest.mark.parametrize(
    ("text", "verdict"),
    [
        ("First author of the R/R guideline is Adam DuVall.", "fail"),
        ("The frontline guideline was led by Kristen O'Dwyer.", "fail"),
        ("The frontline guideline was led by Adam S. DuVall.", "pass"),
        ("The frontline recommendations appeared in the journal Blood on 11 February 2026.", "fail"),
        ("The frontline recommendations appeared in Blood Advances on 11 February 2026.", "pass"),
        ("ASH (the American Society of Clinical Oncology) advises against routine cryoprecipitate.", "fail"),
        ("ASH (the American Society of Hematology) advises against routine cryoprecipitate.", "pass"),
        ("Heads up: ASH AYA guideline (2025): no routine UFH.", "fail"),
        ("Heads up: ASH AYA guideline (2026): no routine UFH.", "pass"),
        ("Frontline: 15 recs; R/R: 9 recs.", "fail"),
    ],
)
def test_facts_in_shorthand_and_by_name(ash: GuardContext, text: str, verdict: str) -> None:
    found = _found(ash, text)
    assert found[0] == verdict, found
    assert all(kind == "guideline_fact_mismatch" for kind, _ in found[1])


def test_a_publisher_after_a_capitalised_verb_is_checked(cdc: GuardContext) -> None:
    assert _found(cdc, "Published by the FDA in 2022, the guideline has twelve recommendations.")[1] == [("guideline_fact_mismatch", None)]


@pytest.mark.parametrize(
    "text",
    [
        "The guideline does apply to opioid prescriptions written at discharge, even though it doesn't cover inpatient care.",
        "The recommendations are voluntary and are not meant to be applied as hard limits by payers.",
        "CDC used the GRADE approach; each statement gets a category and an evidence type.",
        "Rec 1 is a category B recommendation supported by type 3 evidence.",  # "supported by ... evidence" grades
    ],
)
def test_scope_method_and_shorthand_statements_pass(cdc: GuardContext, text: str) -> None:
    assert _found(cdc, text) == ("pass", [])


def test_a_scope_verb_still_compares_the_population(cdc: GuardContext) -> None:
    assert ("population_mismatch", "CDC-6") in _found(cdc, "Rec 6 applies to 12-year-olds after surgery.")[1]


def test_shorthand_for_the_packs_own_phrase_is_no_unknown_term() -> None:
    text = "Low back pain is common. For low back pain, try exercise. Low back pain often improves."
    passages = tuple(Passage(f"p{n}", "doc", text, ("S",), 0, len(text)) for n in range(3))
    context = pack_guard_context(ROOT / "packs" / "cdc-opioids-2022", passages)
    assert context.explains("LBP") and not context.explains("QXZ")
    assert _found(context, "For LBP, CDC recommends exercise.") == ("pass", [])
    assert _found(context, "For QXZ, CDC recommends exercise.")[0] == "warn"


@pytest.mark.parametrize(
    ("text", "kind", "item"),
    [
        ("Per ASH, skip premedication before pegaspargase.", "direction_contradiction", "FL-asparaginase-premedication"),
        ("ASH may lean towards transplanting everyone in first remission.", "direction_contradiction", "FL-allo-hsct-first-remission"),
        ("ASH insists, in its firmest wording, that every AYA on pegaspargase be premedicated.", "strength_overstated", None),
        ("ASH gives a recommendation for a pediatric-inspired regimen (certainty: high).", "certainty_mismatch", None),
    ],
)
def test_plain_verbs_of_advice_strength_and_certainty_are_read(ash: GuardContext, text: str, kind: str, item: str | None) -> None:
    assert any(k == kind and item in (None, rec) for k, rec in _found(ash, text)[1]), _found(ash, text)


def test_an_item_reported_as_saying_something_is_compared(cdc: GuardContext) -> None:
    assert ("population_mismatch", "CDC-1") in _found(cdc, "A 14-year-old after tonsillectomy: CDC rec 1 says NSAIDs first.")[1]


def test_for_what_the_item_itself_advises_against_contradicts_it(cdc: GuardContext) -> None:
    assert ("direction_contradiction", "CDC-5") in _found(cdc, "Benefits don't outweigh risks → stop opioids suddenly (CDC-5).")[1]
    assert _found(cdc, "Use particular caution with concurrent opioid and benzodiazepine prescribing (CDC Rec 11).") == ("pass", [])
    assert ("direction_contradiction", "CDC-12") in _found(cdc, "Rec 12: detoxification alone is fine for OUD.")[1]


def test_a_concept_the_matched_items_own_keywords_name_is_its_advice(cdc: GuardContext) -> None:
    assert _found(cdc, "Consider UDT.") == ("pass", [])


def test_a_list_of_ticks_and_crosses_is_read_entry_by_entry(ash: GuardContext, cdc: GuardContext) -> None:
    listed = "Peg summary (ASH):\n✔ premedicate before peg\n✘ routine UFH\n+ careful administration"
    assert _found(ash, listed) == ("pass", [])
    assert _found(cdc, "Long-acting ✗ to start, immediate-release ✓ (CDC rec 3)") == ("pass", [])
    assert ("direction_contradiction", "CDC-3") in _found(cdc, "Immediate-release ✗ to start, long-acting ✓ (CDC rec 3)")[1]


def test_entries_open_or_close_with_their_mark() -> None:
    from chatbot.guard.marks import mark_cuts

    opening, closing = "Plan: ✔ A ✘ B", "A ✘, B ✔"
    assert mark_cuts(opening, 0, len(opening)) == [6, 6, 10, 10]
    assert mark_cuts(closing, 0, len(closing)) == [3, 3, 8, 8]
    assert mark_cuts("A ✔", 0, 3) == []
