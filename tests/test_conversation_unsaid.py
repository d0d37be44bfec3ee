"""A follow-up that changes nothing and names no item stays on the item under discussion unless the turn alone leads away."""

from __future__ import annotations

import numpy as np

from chatbot.answer.retrieval import ExpandedQuery, SearchResult
from chatbot.conversation.followups import Resolution
from chatbot.conversation.unsaid import Found, unmoved
from chatbot.types import Answer, AnswerStatus, Hit, Passage


def _found(reading: str, *item_ids: str) -> Found:
    """A reading whose hits lead with the items, answered with the first."""
    hits = tuple(Hit(Passage(f"p{n}", "doc", "text", ("S",), 0, 4, recommendation_id=i), 1.0 / (n + 1)) for n, i in enumerate(item_ids))
    search = SearchResult(ExpandedQuery(reading, reading, reading, reading), hits, np.zeros(0, dtype=np.float32))
    return search, Answer(AnswerStatus.ANSWERED, "", (), item_ids[:1]), reading


def _resolution(changed: tuple[str, ...] = ()) -> Resolution:
    """A follow-up on item A: read with its topic, alone ("core") and with A's own topic ("own")."""
    return Resolution("topic core", (), False, None, ("A",), {}, "topic", ("core", "own"), changed, alone=("core",))


def test_a_followup_that_moved_without_reason_returns_to_the_item_under_discussion() -> None:
    readings = {"core": _found("core", "C", "B"), "own": _found("own", "A")}
    kept = unmoved(_resolution(), _found("topic core", "B"), readings.__getitem__)
    assert kept[1].recommendation_ids == ("A",) and kept[2] == "own"


def test_a_followup_moves_when_the_turn_alone_leads_to_the_other_item_or_a_slot_changed() -> None:
    readings = {"core": _found("core", "B", "C"), "own": _found("own", "A")}
    assert unmoved(_resolution(), _found("topic core", "B"), readings.__getitem__)[1].recommendation_ids == ("B",)
    readings["core"] = _found("core", "C")
    changed = unmoved(_resolution(("ph_status",)), _found("topic core", "B"), readings.__getitem__)
    assert changed[1].recommendation_ids == ("B",)
