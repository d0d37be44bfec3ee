"""Lengths of time read as days, and a facet value named by the range of days its domain gives it."""

from pathlib import Path

import pytest

from chatbot.packs.domain import Domain
from chatbot.recs.duration import durations
from chatbot.recs.population import named_population

# An invented field: how long a rash has lasted, in ranges of days.
DOMAIN = Domain.model_validate(
    {
        "facets": {
            "rash": {
                "values": {
                    "fresh": {"phrases": ["fresh rash"], "days": [0, 14], "words": "fresh rash"},
                    "lasting": {"phrases": ["lasting rash"], "days": [14, 180], "words": "lasting rash"},
                    "old": {"phrases": ["old rash"], "days": [180, None], "words": "old rash"},
                }
            }
        }
    }
)
CDC = Path(__file__).resolve().parents[1] / "packs" / "cdc-opioids-2022"


@pytest.mark.parametrize(
    ("text", "days"),
    [
        ("a rash for 2 months", 60),
        ("only a week old", 7),
        ("x5d", 5),
        ("it drags on past three months", 91),
        ("less than a month", 29),
        ("it started last week", 7),
        ("a couple of days", 2),
    ],
)
def test_a_length_of_time_is_read_in_days(text: str, days: float) -> None:
    assert [d for d, _ in durations(text)] == [days]


@pytest.mark.parametrize(
    "text",
    ["a 45 years old man", "a 2-month-old", "twice a day", "50 MME a day", "every 3 months", "within 1-4 weeks", "and do", "8 mg"],
)
def test_ages_rates_schedules_and_ranges_are_no_length_of_time(text: str) -> None:
    assert durations(text) == []


@pytest.mark.parametrize(
    ("text", "value"),
    [("a rash for 3 days", "fresh"), ("a rash for 3 weeks", "lasting"), ("rash for a year", "old"), ("an old rash for 3 days", "old")],
)
def test_a_facet_value_is_named_by_its_range_of_days_after_its_phrases(text: str, value: str) -> None:
    assert named_population(text, DOMAIN).facet("rash") == value


def test_a_facet_without_ranges_is_not_named_by_a_length_of_time() -> None:
    assert named_population("a rash for 3 days", Domain()).facets == {}


def test_a_length_of_time_names_the_facet_only_said_of_what_it_measures() -> None:
    assert named_population("a fever for 3 days", DOMAIN).facet("rash") is None  # the values' words share "rash"
    assert named_population("what if it has lasted 3 weeks?", DOMAIN).facet("rash") == "lasting"  # "it": the topic


@pytest.mark.parametrize(
    ("text", "value"),
    [
        ("Pain for 2 months after a car crash - opioids or not?", "subacute"),
        ("and if the pain were only a few days old?", "acute"),
        ("what if it has gone on past three months?", "chronic"),
        ("knee pain for 8 wks now, opioids?", "subacute"),
        ("reassess within 1-4 weeks?", None),
        ("for a patient whose opioid dose I raised last week, what now?", None),  # a length of no pain
    ],
)
def test_the_cdc_packs_pain_duration_follows_its_definitions_in_days(text: str, value: str | None) -> None:
    from chatbot.packs.domain import load_domain

    assert named_population(text, load_domain(CDC)).facet("pain_duration") == value
