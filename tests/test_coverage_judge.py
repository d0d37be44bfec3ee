"""The coverage-judge seam: a learned decision tried in the engine (eval/experiments/coverage/) sees the rules' case and can
override their abstention either way; without a judge, or when it defers, the rules decide as before."""

from __future__ import annotations

import sys
from dataclasses import replace
from pathlib import Path

from chatbot.answer.compose import compose_answer
from chatbot.answer.coverage_judge import CoverageCase, Judged
from chatbot.types import AnswerStatus

UNADDRESSED = "What asparaginase activity level should be checked after an Erwinia switch?"
ANSWERED = "Is premedication recommended before pegaspargase?"


class Fixed:
    """A judge that gives one verdict and keeps the cases it saw."""

    def __init__(self, verdict: Judged | None) -> None:
        self.verdict = verdict
        self.cases: list[CoverageCase] = []

    def judge(self, case: CoverageCase) -> Judged | None:
        self.cases.append(case)
        return self.verdict


def _answer(bot, question: str, judge: Fixed | None):
    engine = bot.engines[0]
    return compose_answer(engine.retriever.search(question), replace(engine.answer_context, coverage=judge), engine.settings)


def test_a_judge_that_defers_leaves_the_rules_reply_and_sees_what_they_found(default_bot) -> None:
    cases = {}
    for question in (UNADDRESSED, ANSWERED):
        judge = Fixed(None)
        assert _answer(default_bot, question, judge) == _answer(default_bot, question, None)
        (cases[question],) = judge.cases
    declined, answered = _answer(default_bot, UNADDRESSED, None), _answer(default_bot, ANSWERED, None)
    assert declined.status is AnswerStatus.NOT_FOUND and declined.uncovered  # the rules decline, naming the ask
    assert cases[UNADDRESSED].chosen.missing or cases[UNADDRESSED].details_missing  # ... and the judge saw why
    assert cases[ANSWERED].chosen.hit.passage.recommendation_id == answered.recommendation_ids[0]  # the lead it answers with
    assert not cases[ANSWERED].chosen.missing and not cases[ANSWERED].details_missing


def test_a_judge_that_abstains_where_the_rules_answer_gives_not_found_naming_its_ask(default_bot) -> None:
    assert _answer(default_bot, ANSWERED, None).status is AnswerStatus.ANSWERED
    reply = _answer(default_bot, ANSWERED, Fixed(Judged(abstain=True, ask="infusion timing")))
    assert reply.status is AnswerStatus.NOT_FOUND
    assert reply.uncovered == ("infusion timing",) and "infusion timing" in reply.summary
    assert reply.closest_topics and not reply.quotes  # related items shown apart, nothing quoted as an answer


def test_a_judge_that_answers_overrides_an_uncovered_ask(default_bot) -> None:
    reply = _answer(default_bot, UNADDRESSED, Fixed(Judged(abstain=False)))
    assert reply.status is AnswerStatus.ANSWERED and reply.quotes and not reply.uncovered


def test_the_experiments_features_are_numbers_for_every_name(default_bot) -> None:
    sys.path.insert(0, str(Path(__file__).resolve().parents[1] / "eval" / "experiments" / "coverage"))
    from features import FEATURES, coverage_features

    judge = Fixed(None)
    _answer(default_bot, UNADDRESSED, judge)
    features, rarest = coverage_features(judge.cases[0], default_bot.engines[0]._embedder.embed)
    assert len(features) == len(FEATURES) and all(isinstance(value, float) for value in features)
    named = dict(zip(FEATURES, features))
    assert named["missing"] + named["details_missing"] >= 1  # the rules' own finding is among the features
    assert 0.0 < named["item_sentence_sim"] <= 1.0 and rarest
