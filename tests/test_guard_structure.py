"""Structure the guard reads beyond a sentence's words: bulleted lists and their headings, a consequence in the writer's
voice, and another body named as the guideline's issuer."""

from __future__ import annotations

import pytest
from corpora import verdict_and_findings

from chatbot.guard.check import GuardContext
from chatbot.guard.claims import read_clauses

_found = verdict_and_findings


def test_a_consequence_in_the_writers_voice_is_a_clause_of_its_own(ash: GuardContext) -> None:
    text = "ASH advises against routine heparin prophylaxis during asparaginase, so we will not start it unless she clots."
    assert _found(ash, text) == ("pass", []), _found(ash, text)
    assert len(read_clauses(text)) == 2


def test_a_consequence_not_in_the_writers_voice_stays_in_its_clause() -> None:
    assert len(read_clauses("She is in second remission, so a transplant is not indicated.")) == 1


def test_each_bullet_is_an_entry_of_its_own(ash: GuardContext) -> None:
    text = (
        "Isolated CNS relapse (ASH): • intrathecal chemotherapy is preferred • agents and schedule not given by ASH → follow the protocol"
    )
    assert _found(ash, text)[0] != "fail", _found(ash, text)
    assert [c.text.lstrip("• ")[:12] for c in read_clauses(text)][1:] == ["intrathecal ", "agents and s"]


def test_a_heading_before_bullets_asserts_nothing() -> None:
    clauses = read_clauses("Before starting opioids for chronic pain:\n• agree goals\n• plan an exit")
    assert clauses[0].direction is None


@pytest.mark.parametrize(
    "text",
    [
        "The guideline was developed by the American Chronic Pain Society.",
        "The opioid guideline issued by the World Health Organization recommends offering naloxone.",
        "Per the FDA's opioid guideline, naloxone should be offered.",
        "This is a joint CDC/AMA guideline.",
    ],
)
def test_another_body_named_as_issuer_is_a_fact_mismatch(cdc: GuardContext, text: str) -> None:
    assert ("guideline_fact_mismatch", None) in _found(cdc, text)[1], _found(cdc, text)


@pytest.mark.parametrize(
    "text",
    [
        "The guideline was published by the Centers for Disease Control and Prevention.",
        "CDC's 2022 guideline has twelve recommendations.",
    ],
)
def test_the_issuer_itself_is_no_fact_mismatch(cdc: GuardContext, text: str) -> None:
    assert ("guideline_fact_mismatch", None) not in _found(cdc, text)[1], _found(cdc, text)


def test_a_count_of_tablets_is_a_detail() -> None:
    from chatbot.guard.details import details

    assert [d.key for d in details("give at most 10 oxycodone tablets")] == [("10", "tablet")]
    assert [d.key for d in details("a supply of six pills")] == [("6", "tablet")]


def test_a_tablet_count_the_item_does_not_set_is_unsupported(cdc: GuardContext) -> None:
    verdict, found = _found(cdc, "Per CDC recommendation 6, an acute-pain prescription should hold at most 10 tablets.")
    assert ("unsupported_detail", "CDC-6") in found, (verdict, found)


def test_a_record_of_what_was_done_is_no_claim(ash: GuardContext) -> None:
    assert _found(ash, "Pegaspargase given over one hour this morning. Observations stable.") == ("pass", [])


def test_a_record_in_a_sentence_citing_the_guideline_is_still_checked(ash: GuardContext) -> None:
    assert _found(ash, "Routine heparin prophylaxis was given to every AYA on asparaginase, as the ASH guideline advises.")[0] == "fail"


def test_guidance_is_an_attribution_not_the_advised_thing(cdc: GuardContext) -> None:
    from chatbot.guard.details import attribution_removed

    assert "guidance" not in attribution_removed("National CDC guidance asks us to prescribe little", cdc.rec_set.domain)


def test_a_rare_cue_word_naming_the_items_option_is_that_option(ash: GuardContext) -> None:
    text = "Asparaginase care (ASH 2026)\n• Erwinia switch after a peg reaction\n• Premedication favoured (agents unnamed)"
    assert _found(ash, text) == ("pass", []), _found(ash, text)


def test_a_strength_given_to_an_unreported_item_is_checked_too(ash: GuardContext) -> None:
    found = _found(ash, "FL-unreported-02 strongly recommends weekly bone density scans.")[1]
    assert ("placeholder_content", "FL-unreported-02") in found and ("strength_overstated", "FL-unreported-02") in found, found


def test_advice_given_as_an_item_the_set_lacks_is_unsupported(ash: GuardContext) -> None:
    verdict, found = _found(ash, "Per ASH item FL-cns-boost, AYAs with isolated CNS relapse should get intrathecal chemotherapy.")
    assert ("unknown_recommendation", None) in found and ("unsupported_claim", None) in found, (verdict, found)


def test_no_x_needed_is_against_x() -> None:
    from chatbot.guard.claims import direction_of

    assert direction_of("no follow-up visit needed after a dose increase") == "against"
    assert direction_of("no extra caution required with benzodiazepines") == "against"


def test_an_issuer_compound_attributes(ash: GuardContext) -> None:
    from chatbot.guard.details import attributed

    assert attributed("The ASH-backed schedule is 5 mg twice daily.", ash.rec_set.domain)
    assert not attributed("The CASH-flow schedule is 5 mg twice daily.", ash.rec_set.domain)


@pytest.mark.parametrize(
    "text",
    [
        "The 2022 version also covers acute and subacute pain.",
        "The 2022 update replaced the earlier guideline on chronic pain and widened its scope.",
    ],
)
def test_what_a_whole_edition_covers_is_no_items_advice(cdc: GuardContext, text: str) -> None:
    assert _found(cdc, text) == ("pass", []), _found(cdc, text)


def test_an_answer_right_after_its_question_is_read_with_it(ash: GuardContext) -> None:
    verdict, found = _found(ash, "Q: Which imatinib dose does ASH give for Ph+ AYAs?\nA: 600 mg once daily")
    assert ("unsupported_detail", "FL-ph-positive-tki") in found, (verdict, found)
    assert _found(ash, "Q: Which imatinib dose does ASH give for Ph+ AYAs?")[0] == "pass"


def test_the_reason_given_for_advice_does_not_choose_its_item(cdc: GuardContext) -> None:
    verdict, found = _found(cdc, "CDC advises against offering naloxone to patients on opioids because it may encourage risky use.")
    assert ("direction_contradiction", "CDC-8") in found and ("direction_contradiction", "CDC-12") not in found, (verdict, found)


def test_and_the_panel_also_opens_a_clause() -> None:
    assert len(read_clauses("Transplant is advised against, and the panel also favours premedication.")) == 2


@pytest.mark.parametrize(
    ("text", "fact"),
    [
        ("Relapsed/refractory guideline (first author DuVall).", True),
        ("Relapsed/refractory guideline (first author O'Dwyer).", False),
        ("Jane Roe, lead author of the relapsed/refractory guideline, spoke on Monday.", True),
    ],
)
def test_an_author_named_by_surname_or_in_apposition_is_checked(ash: GuardContext, text: str, fact: bool) -> None:
    found = _found(ash, text)[1]
    assert (("guideline_fact_mismatch", None) in found) is fact, found


def test_a_clause_naming_several_spans_of_time_of_one_facet_places_its_patients_in_none(cdc: GuardContext) -> None:
    text = "The CDC guideline's twelve recommendations cover acute, subacute and chronic pain in adult outpatients."
    assert _found(cdc, text) == ("pass", [])
    verdict, found = _found(cdc, "For acute pain, CDC rec 7 says to see the patient again within 1-4 weeks of starting opioids.")
    assert ("population_mismatch", "CDC-7") in found, (verdict, found)
