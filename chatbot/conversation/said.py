"""A follow-up asking whether the guideline says something ("does it mention X?"): never out of scope, answered only by an item that says X."""

from __future__ import annotations

from chatbot.answer.abstention import Abstention, abstain, closest_topics
from chatbot.answer.compose import AnswerContext
from chatbot.conversation.followups import Resolution
from chatbot.conversation.qualified import followup_pattern
from chatbot.conversation.state import DialogueState
from chatbot.conversation.unsaid import Found, item_text, unsaid
from chatbot.types import AnswerStatus


def asks_if_said(turn: str) -> bool:
    """Whether a turn asks whether the guideline says something ("any mention of cranial radiation?")."""
    pattern = followup_pattern("said")
    return bool(pattern and pattern.search(turn))


def said_or_not(turn: str, state: DialogueState, resolution: Resolution, found: Found, context: AnswerContext) -> Found:
    """In a conversation, a turn asking whether the guideline says X asks about the guideline's own content: answered only by
    an item whose text says X, else not found naming what it lacks (out of scope never: the turn is about the guideline)."""
    search, answer, searched = found
    if state.empty or not state.item_ids or resolution.asks_about or not asks_if_said(turn):
        return found
    if answer.status is AnswerStatus.ANSWERED:
        text = item_text(found, context)
        missing = unsaid(turn, text, context) if text is not None else ()
        rec = context.rec_set.get(answer.recommendation_ids[0]) if answer.recommendation_ids else None
        if not missing or rec is None:
            return found
        listed = missing[0] if len(missing) == 1 else ", ".join(missing[:-1]) + " and " + missing[-1]
        summary = context.templates.uncovered.format(asks=f"{listed} in {rec.title} ({rec.id})")
        return search, abstain(Abstention(AnswerStatus.NOT_FOUND, summary, missing), search, context.rec_set), searched
    if answer.status is AnswerStatus.OUT_OF_SCOPE:
        closest = "; ".join(closest_topics(search.hits, context.rec_set)) or "none"
        summary = context.templates.not_found.format(closest_topics=closest)
        return search, abstain(Abstention(AnswerStatus.NOT_FOUND, summary), search, context.rec_set), searched
    return found
