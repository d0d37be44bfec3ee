"""The conversational step around an answer: questions about the last answer, clarifications, suggestions."""

from __future__ import annotations

from dataclasses import replace

from chatbot.answer.retrieval import SearchResult
from chatbot.answer.templates import Templates
from chatbot.conversation.followups import Resolution, clarification_options, followup_summary
from chatbot.recs.schema import Recommendation, RecommendationSet
from chatbot.types import Answer, AnswerStatus

CANDIDATE_HITS = 3
CLOSE_DENSE = 0.05  # a runner-up this close to the best passage is an equally plausible answer
SUGGESTIONS = ("How strong is that recommendation?", "What is the certainty of the evidence?", "Where does it say that?")


def _candidates(search: SearchResult, rec_set: RecommendationSet) -> list[Recommendation]:
    """The distinct items of the top hits that are about as close to the question as the best one."""
    hits = [hit for hit in search.hits[:CANDIDATE_HITS] if hit.passage.recommendation_id]
    best = max((hit.dense_score or 0.0 for hit in hits), default=0.0)
    ids = dict.fromkeys(
        hit.passage.recommendation_id for hit in hits if hit.passage.recommendation_id and (hit.dense_score or 0.0) >= best - CLOSE_DENSE
    )
    return [rec for rec_id in ids if rec_id and (rec := rec_set.get(rec_id)) is not None]


def in_conversation(
    answer: Answer, resolution: Resolution, search: SearchResult, rec_set: RecommendationSet, templates: Templates
) -> Answer:
    """Answer 'how strong is that?' from the set, ask which population applies when it matters, suggest follow-ups."""
    if resolution.asks_about and resolution.previous_ids:
        recs = [rec for rec_id in resolution.previous_ids if (rec := rec_set.get(rec_id)) is not None]
        summary = followup_summary(resolution.asks_about, recs, rec_set.sources)
        return replace(
            answer, status=AnswerStatus.ANSWERED, summary=summary, recommendation_ids=resolution.previous_ids, follow_ups=SUGGESTIONS
        )
    if answer.status is not AnswerStatus.ANSWERED:
        return answer
    options = clarification_options(search.query.corrected, _candidates(search, rec_set), rec_set.domain)
    if options:
        summary = templates.clarification.format(options=" or ".join(options))
        return replace(answer, status=AnswerStatus.NEEDS_CLARIFICATION, summary=summary, clarification_options=options)
    return replace(answer, follow_ups=SUGGESTIONS)
