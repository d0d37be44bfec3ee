"""A question asking when or how often leads with the retrieved item whose own advice says when, unless the lead's title names
what the question asks about and that item's advice does not."""

from __future__ import annotations

import pytest
from demo_items import demo_item

from chatbot.answer.candidates import Candidate
from chatbot.answer.timing import asks_time, states_time, timed_first
from chatbot.recs.schema import Recommendation
from chatbot.types import Hit, Passage


def _candidate(rec: Recommendation, rank: int, conflicts: tuple[str, ...] = ()) -> Candidate:
    passage = Passage(f"p{rank}", "doc", rec.intervention, (), 0, len(rec.intervention), recommendation_id=rec.id)
    return Candidate(Hit(passage, 1.0 / (rank + 1)), rank, rec, conflicts, (), 0)


URATE = demo_item("D-1", "Lower urate with allopurinol", "starting allopurinol at a low dose and raising it slowly")
CHECKS = demo_item("D-2", "Check urate levels regularly", "measuring serum urate every 4 to 6 weeks while the dose is raised")
FLARES = demo_item("D-3", "Treat flares with colchicine", "giving colchicine at the first sign of a flare")


@pytest.mark.parametrize(
    ("question", "asked"),
    [
        ("so when should we see her again?", True),
        ("after raising the dose, when do I recheck?", True),
        ("how often is it measured?", True),
        ("how soon after the flare?", True),
        ("stop the drug when the flare settles?", False),  # a condition, not a question about a time
        ("how long a course?", False),  # a duration of the treatment itself
        ("when is it safe to stop?", False),  # under what condition, not at what time
    ],
)
def test_a_question_asks_a_time_by_its_question_word(question: str, asked: bool) -> None:
    assert asks_time(question) is asked


def test_an_item_says_when_by_an_interval_or_a_frequency_in_its_own_advice() -> None:
    assert states_time(CHECKS)
    assert not states_time(URATE)
    assert states_time(demo_item("D-4", "Review within 2-4 weeks", "reviewing the plan"))


def test_a_when_question_leads_with_the_item_whose_advice_says_when() -> None:
    window = [_candidate(URATE, 0), _candidate(FLARES, 1)]
    timed = _candidate(CHECKS, 6)
    ranked = timed_first(window, [*window, timed], "on allopurinol now, when should I see him back?")
    assert [c.rec.id for c in ranked if c.rec is not None] == ["D-2", "D-1", "D-3"]


def test_the_lead_stays_when_the_question_is_not_about_a_time_or_the_timed_item_fits_worse() -> None:
    window = [_candidate(URATE, 0), _candidate(FLARES, 1)]
    assert timed_first(window, [*window, _candidate(CHECKS, 6)], "is allopurinol better than febuxostat?") == window
    conflicting = _candidate(CHECKS, 6, conflicts=("children, but the item covers adults",))
    assert timed_first(window, [*window, conflicting], "when should I see him back?") == window


def test_the_lead_stays_when_its_title_names_what_the_question_asks_about_and_the_timed_item_does_not() -> None:
    window = [_candidate(FLARES, 0), _candidate(URATE, 1)]
    timed = _candidate(CHECKS, 6)
    assert timed_first(window, [*window, timed], "how often should I follow up while treating flares?") == window
    # words before the question word are its setting, and the topic words an earlier turn carried name no ask
    moved = timed_first(window, [*window, timed], "after the flare settles, how often should I follow up?", carried="flares")
    assert moved[0] is timed
