"""A follow-up saying the item under discussion did not settle the case ("what if it fails anyway?"): the next item."""

from __future__ import annotations

import re
from collections.abc import Callable

from chatbot.answer.compose import AnswerContext
from chatbot.conversation.context import fits
from chatbot.conversation.followups import Resolution
from chatbot.conversation.state import facet_words
from chatbot.conversation.topics import topic_of
from chatbot.conversation.unsaid import Found
from chatbot.types import AnswerStatus

# a condition granted in spite of what was advised: "and what if it fails anyway?", "suppose she reacts regardless"
_CONCESSIVE = re.compile(
    r"\b(?:anyway|anyhow|regardless|nonetheless|nevertheless|even so|(?:despite|in spite of) (?:that|this|it|them|those))\b",
    re.IGNORECASE,
)
_CONDITIONAL = re.compile(r"^\W*(?:(?:and|but|so|ok|okay)\W+)*(?:what\s+)?(?:if|suppose|supposing)\b", re.IGNORECASE)


def concedes(turn: str) -> bool:
    """Whether a turn is a condition granted in spite of the advice just given ("what if it fails anyway?")."""
    return bool(_CONDITIONAL.search(turn) and _CONCESSIVE.search(turn))


def despite_item(turn: str, resolution: Resolution, found: Found, read: Callable[[str], Found], context: AnswerContext) -> Found:
    """A conceding follow-up answered with the item under discussion: that item did not settle the case, so the search's
    next item that fits the slots, read with the turn, answers it (else the answer stands)."""
    search, answer, _ = found
    current = resolution.previous_ids
    if resolution.new_topic or resolution.asks_about or not current or not concedes(turn):
        return found
    if answer.status is not AnswerStatus.ANSWERED or answer.recommendation_ids[:1] != current[:1]:
        return found
    rec_set = context.rec_set
    ids = dict.fromkeys(h.passage.recommendation_id for h in search.hits if h.passage.recommendation_id)
    following = next((i for i in ids if i and i not in current and (rec := rec_set.get(i)) and not rec.is_placeholder), None)
    if following is None:
        return found
    words = topic_of("", (following,), rec_set, context.thesaurus)
    other = read(", ".join((f"{words} {turn.strip()}", *facet_words(resolution.facets, rec_set.domain))))  # not the old topic's words
    if other[1].recommendation_ids[:1] == (following,) and fits(other[1], resolution.facets, rec_set):
        return other
    return found
