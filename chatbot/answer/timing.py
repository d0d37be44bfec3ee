"""Questions that ask when or how often something is done, and the items whose own advice says when (English, no pack's words)."""

from __future__ import annotations

import re
from typing import Protocol, TypeVar

from chatbot.index.lexical import tokenize
from chatbot.recs.schema import Recommendation

# "when should I …", "so when do we …", "how often …", "how soon …": a question word asking for a moment or a frequency, the
# "when" followed by the auxiliary of a question (not the "when" of a condition: "stop when the pain ends")
_ASKS_TIME = re.compile(
    r"\bwhen\s+(?:should|shall|do|does|did|can|could|would|will|must|to)\b|\bhow\s+(?:often|soon|frequently)\b", re.IGNORECASE
)
# a time the advice itself gives: an interval in units of time ("within 1 to 4 weeks") or a frequency ("at regular intervals")
_STATES_TIME = re.compile(
    r"\b\d+(?:\s*(?:-|–|to)\s*\d+)?\s*(?:hours?|days?|weeks?|months?|years?)\b"
    r"|\b(?:every|daily|weekly|monthly|annually|yearly|regularly|intervals?)\b",
    re.IGNORECASE,
)


class Ranked(Protocol):
    """A candidate answer: its item (None for a passage) and how well it fits the question (lower is better)."""

    @property
    def rec(self) -> Recommendation | None:
        """The candidate's item, None for a passage of no item."""

    @property
    def fit(self) -> tuple[int, int]:
        """How well it fits: population conflicts first, then uncovered asks (lower is better)."""


R = TypeVar("R", bound=Ranked)


def asks_time(question: str) -> bool:
    """Whether a question asks when or how often something is done ("so when should we see her again?", "how often is it measured?")."""
    return _ASKS_TIME.search(question) is not None


def states_time(rec: Recommendation) -> bool:
    """Whether an item's own advice (its title or intervention) says when or how often it is done."""
    return _STATES_TIME.search(f"{rec.title}\n{rec.intervention}") is not None


def timed_first(window: list[R], candidates: list[R], question: str, carried: str = "") -> list[R]:
    """The window with the first retrieved item whose advice says when put first, for a question asking when, if it fits as well
    as the window's lead (no population conflict, no more uncovered asks) and the lead's title names nothing of the question
    after the question word that the item's advice does not ("how often … during the taper?": the tapering item); else the window.

    `carried`: a follow-up's topic words from earlier turns, which name the item under discussion, not what this turn asks.
    """
    asking = _ASKS_TIME.search(question)
    if not window or asking is None:
        return window
    pick = next((c for c in candidates if c.rec is not None and not c.rec.is_placeholder and states_time(c.rec)), None)
    lead = window[0]
    if pick is None or pick.rec is None or pick.fit > lead.fit or pick is lead:
        return window
    asked = set(tokenize(question[asking.start() :])) - set(tokenize(carried))  # what the question word asks about follows it
    if lead.rec is not None and asked & set(tokenize(lead.rec.title)) - set(tokenize(f"{pick.rec.title} {pick.rec.intervention}")):
        return window
    return [pick, *(c for c in window if c is not pick)]
