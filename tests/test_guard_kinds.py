"""Which finding kind the guard gives: grades stated for ungraded items, short made-up quotes, details of a cited item."""

from __future__ import annotations

import pytest
from corpora import verdict_and_findings

from chatbot.guard.check import GuardContext
from chatbot.guard.details import details

_found = verdict_and_findings


def test_the_lowest_grade_for_an_item_of_unknown_strength_understates_it(ash: GuardContext) -> None:
    verdict, found = _found(ash, "Premedication before pegaspargase is merely a conditional recommendation from the panel.")
    assert verdict == "warn"
    assert found == [("strength_understated", "FL-asparaginase-premedication")], found


def test_the_highest_grade_for_an_item_of_unknown_strength_overstates_it(ash: GuardContext) -> None:
    verdict, found = _found(ash, "The panel strongly recommends premedication before pegaspargase.")
    assert (verdict, found) == ("warn", [("strength_overstated", "FL-asparaginase-premedication")])


@pytest.mark.parametrize(
    ("text", "item"),
    [
        ('The panel calls routine cryoprecipitate "pointless for most patients".', "FL-fibrinogen-replacement"),
        ('According to ASH, a TKI is "mandatory from day one" in Ph-positive disease.', "FL-ph-positive-tki"),
    ],
)
def test_a_short_made_up_quote_given_as_the_guidelines_fails_on_the_item_its_sentence_is_about(
    ash: GuardContext, text: str, item: str
) -> None:
    verdict, found = _found(ash, text)
    assert verdict == "fail"
    assert ("unverifiable_quote", item) in found, found


@pytest.mark.parametrize(
    "text",
    [
        'In isolated CNS relapse the panel favours "intrathecal (IT) chemotherapy".',
        '"Shared decision-making" is how the R/R guideline settles transplant after relapse remission.',  # capitalised first word
    ],
)
def test_a_short_quote_found_verbatim_passes(ash: GuardContext, text: str) -> None:
    assert _found(ash, text) == ("pass", [])


def test_a_detail_is_checked_against_the_item_the_text_cites_not_its_neighbours(cdc: GuardContext) -> None:
    verdict, found = _found(cdc, "Per CDC rec 3, begin with oxycodone IR 10 mg q4h.")
    assert verdict == "fail"
    assert ("unsupported_detail", "CDC-3") in found, found


def test_a_detail_before_a_shorthand_arrow_describes_the_case(cdc: GuardContext) -> None:
    assert _found(cdc, "Acute ankle sprain, 2 days → NSAID and ice first; opioid only if benefit > risk (CDC rec 1).") == ("pass", [])


@pytest.mark.parametrize(
    ("text", "key"),
    [
        ("UDT q6mo", ("6", "every month")),
        ("oxycodone q4h", ("4", "hour")),
        ("twice a year", ("2", "per year")),
        ("review every 6 months", ("6", "every month")),  # the same schedule in words
        ("labs every other week", ("2", "every week")),
        ("check it every month", ("1", "monthly")),  # once a month, however written
    ],
)
def test_schedule_shorthand_is_read_as_a_detail(text: str, key: tuple[str, str]) -> None:
    assert key in [d.key for d in details(text)]


def test_a_schedule_in_words_replaces_the_period_inside_it() -> None:
    assert [d.key for d in details("Review it every 3 months.")] == [("3", "every month")]


def test_a_schedule_the_cited_item_lacks_is_an_unsupported_detail(cdc: GuardContext) -> None:
    verdict, found = _found(cdc, "Per CDC rec 10, repeat toxicology testing every month.")
    assert ("unsupported_detail", "CDC-10") in found, (verdict, found)


def test_a_year_without_a_count_is_no_schedule() -> None:
    assert details("The guideline came out a year ago.") == []


@pytest.mark.parametrize(
    "text",
    [
        "FL-unreported-06 is the frontline item on growth factor support.",
        "RR-unreported-03: second transplants — avoid them.",
    ],
)
def test_content_given_to_an_unreported_item_named_by_its_id_is_flagged(ash: GuardContext, text: str) -> None:
    verdict, found = _found(ash, text)
    assert verdict == "warn"
    assert [kind for kind, _ in found] == ["placeholder_content"], found


@pytest.mark.parametrize(
    "text",
    [
        "FL-unreported-06 is one of the frontline items whose topic is only in the official publication.",
        "RR-unreported-03 exists, but what it says was not reported.",
        "FL-unreported-06 was published in Blood Advances.",
    ],
)
def test_an_unreported_item_named_by_its_id_without_content_passes(ash: GuardContext, text: str) -> None:
    assert _found(ash, text) == ("pass", [])


def test_advice_under_a_number_the_set_lacks_is_still_compared_with_the_set(ash: GuardContext) -> None:
    verdict, found = _found(ash, "Frontline recommendation 21 favours routine heparin prophylaxis during asparaginase.")
    assert verdict == "fail"
    assert ("unknown_recommendation", None) in found and ("direction_contradiction", "FL-heparin-vte-prophylaxis") in found, found


def test_advice_no_item_holds_under_a_number_the_set_lacks_is_unsupported(cdc: GuardContext) -> None:
    verdict, found = _found(cdc, "CDC recommendation 17 endorses acupuncture vouchers for chronic pain.")
    assert verdict == "fail"
    assert ("unknown_recommendation", "CDC-17") in found and ("unsupported_claim", None) in found, found


def test_another_items_advice_given_to_patients_it_does_not_cover_is_a_population_mismatch(ash: GuardContext) -> None:
    verdict, found = _found(ash, "The panel advises against routine allogeneic transplant for AYAs in CR2.")
    assert verdict == "fail"
    assert ("population_mismatch", "FL-allo-hsct-first-remission") in found, found
    assert ("population_mismatch", "FL-heparin-vte-prophylaxis") not in found, found


@pytest.mark.parametrize(
    "text",
    [
        "Next week's teaching session will cover the AYA ALL guidance.",  # whom a meeting covers, no advice
        "I can't tell whether the panel's advice extends to T-ALL; I'll ask the authors.",  # an embedded question
    ],
)
def test_a_clause_naming_only_the_patients_without_advising_care_passes(ash: GuardContext, text: str) -> None:
    assert _found(ash, text) == ("pass", [])


def test_care_advice_naming_only_the_patients_is_still_a_claim(ash: GuardContext) -> None:
    verdict, found = _found(ash, "Per ASH, AYAs with ALL should be treated only in specialist AYA units.")
    assert verdict == "warn"
    assert ("unsupported_claim", None) in found, found


def test_a_reversal_of_one_item_is_no_population_mismatch_of_its_neighbour(cdc: GuardContext) -> None:
    verdict, found = _found(cdc, "Per CDC, begin with opioids instead of nonopioid therapy for acute low back pain.")
    assert verdict == "fail"
    assert [kind for kind, _ in found] == ["direction_contradiction"], found


@pytest.mark.parametrize(
    ("text", "kind"),
    [
        ("Erwinia after a pegaspargase reaction (conditional).", "strength_understated"),
        ("Switch to Erwinia after peg allergy: conditional rec.", "strength_understated"),
        ("Premed before each peg dose (ASH, strong).", "strength_overstated"),
    ],
)
def test_a_bare_grade_given_as_a_label_is_read(ash: GuardContext, text: str, kind: str) -> None:
    verdict, found = _found(ash, text)
    assert verdict == "warn"
    assert kind in [k for k, _ in found], found


def test_a_grade_label_that_matches_the_item_passes(ash: GuardContext) -> None:
    assert _found(ash, "Newly diagnosed AYAs: pediatric-inspired regimen (strong).") == ("pass", [])


@pytest.mark.parametrize(
    ("text", "verdict"),
    [
        ("The CDC guideline includes a recommendation on ketamine infusions for migraine.", "fail"),
        ("The CDC guideline has a recommendation on naloxone for patients at risk of overdose.", "pass"),
        ("Is there a CDC recommendation on ketamine infusions?", "pass"),  # asked, not claimed
        ("I searched for a CDC recommendation on ketamine and there isn't one.", "pass"),  # denied
    ],
)
def test_a_recommendation_claimed_on_a_topic_no_item_covers_is_unknown(cdc: GuardContext, text: str, verdict: str) -> None:
    got, found = _found(cdc, text)
    assert got == verdict, found
    assert verdict == "pass" or ("unknown_recommendation", None) in found


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("The CDC recommends checking the PDMP before prescribing (category B).", ("pass", [])),
        (
            "The CDC recommends offering naloxone to patients at risk of overdose (category B).",
            ("warn", [("strength_understated", "CDC-8")]),
        ),
    ],
)
def test_the_packs_own_grade_label_outweighs_the_verb(cdc: GuardContext, text: str, expected: tuple) -> None:
    assert _found(cdc, text) == expected
