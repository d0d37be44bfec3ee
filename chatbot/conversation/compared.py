"""A follow-up asking whether an option beats another ("better than blinatumomab?") where the item under discussion never weighs them."""

from __future__ import annotations

import re

from chatbot.answer.comparison import item_side
from chatbot.answer.compose import AnswerContext
from chatbot.recs.schema import Recommendation

# a comparative before one option ("better than blinatumomab?"): the other option is the one under discussion
_THAN = re.compile(
    r"\b(?:better|worse|safer|riskier|superior|inferior|preferable|preferred|(?:more|less) (?:effective|useful|dangerous))\s+(?:than|to|over)\b",
    re.IGNORECASE,
)


def uncompared(turn: str, rec: Recommendation, context: AnswerContext) -> tuple[str, ...]:
    """The options a turn weighs against the one under discussion ("better than X?") that are not the item's comparator:
    the item sets its intervention against its comparator only, so it cannot say whether one of its options beats another.

    A choice between two options ("imatinib or dasatinib?") is answered by the item that advises their class, with the
    note that it does not compare them (chatbot/answer/comparison.py)."""
    asks = context.asks.asks(turn)
    found = []
    for match in _THAN.finditer(turn):
        option = next((ask for ask in asks if ask.start >= match.end()), None)
        if option is not None and item_side(option, rec) != "comparator":
            found.append(f"a comparison with {option.text}")
    return tuple(dict.fromkeys(found))
