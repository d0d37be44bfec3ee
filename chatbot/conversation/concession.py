"""A follow-up saying the item under discussion did not settle the case ("what if it fails anyway?"): the next item."""

from __future__ import annotations

import re
from collections.abc import Callable

from chatbot.answer.compose import AnswerContext
from chatbot.conversation.context import fits
from chatbot.conversation.followups import Resolution
from chatbot.conversation.state import facet_words
from chatbot.conversation.topics import topic_index, topic_of
from chatbot.conversation.unsaid import Found
from chatbot.types import AnswerStatus

# a condition granted in spite of what was advised: "and what if it fails anyway?", "suppose she reacts regardless"
_CONCESSIVE = re.compile(
    r"\b(?:anyway|anyhow|regardless|nonetheless|nevertheless|even so|(?:despite|in spite of) (?:that|this|it|them|those))\b",
    re.IGNORECASE,
)
# "despite" before a few words ("despite premeds", "despite the premedication"): conceding when they name the item under discussion
_DESPITE = re.compile(r"\b(?:despite|in spite of)\s+((?:[\w'’-]+\s+){0,2}?[\w'’-]+)(?=\W*$|\s*[,;.?!]|\s+(?:and|but|or)\b)", re.I)
_CONDITIONAL = re.compile(r"^\W*(?:(?:and|but|so|ok|okay)\W+)*(?:what\s+)?(?:if|suppose|supposing)\b", re.IGNORECASE)


def concedes(turn: str, names_current: Callable[[str], bool] = lambda _: False) -> bool:
    """Whether a turn is a condition granted in spite of the advice just given ("what if it fails anyway?", "and if she
    still reacts despite premeds?" when `names_current` says the words after "despite" name the item under discussion)."""
    if not _CONDITIONAL.search(turn):
        return False
    return bool(_CONCESSIVE.search(turn)) or any(names_current(match.group(1)) for match in _DESPITE.finditer(turn))


def despite_item(turn: str, resolution: Resolution, found: Found, read: Callable[[str], Found], context: AnswerContext) -> Found:
    """A conceding follow-up answered with the item under discussion: that item did not settle the case, so the search's
    next item that fits the slots, read with the turn, answers it (else the answer stands)."""
    search, answer, _ = found
    current, rec_set = resolution.previous_ids, context.rec_set
    if resolution.new_topic or resolution.asks_about or not current:
        return found
    index = topic_index(rec_set, context.thesaurus)

    def names_current(words: str) -> bool:
        """Whether the words name an item under discussion ("premeds")."""
        return bool(set(index.naming(words)) & set(current))

    if not concedes(turn, names_current):
        return found
    if answer.status is not AnswerStatus.ANSWERED or answer.recommendation_ids[:1] != current[:1]:
        return found
    ids = dict.fromkeys(h.passage.recommendation_id for h in search.hits if h.passage.recommendation_id)
    following = next((i for i in ids if i and i not in current and (rec := rec_set.get(i)) and not rec.is_placeholder), None)
    if following is None:
        return found
    words = topic_of("", (following,), rec_set, context.thesaurus)
    # not the old topic's words, nor the advice conceded ("despite premeds")
    rest = _DESPITE.sub(lambda m: " " if names_current(m.group(1)) else m.group(0), turn).strip()
    other = read(", ".join((f"{words} {rest}", *facet_words(resolution.facets, rec_set.domain))))
    if other[1].recommendation_ids[:1] == (following,) and fits(other[1], resolution.facets, rec_set):
        return other
    return found
