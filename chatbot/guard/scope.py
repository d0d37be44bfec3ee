"""Clauses that say whom a guideline or item covers ("applies to", "covers"), not what to do."""

from __future__ import annotations

import re
from functools import lru_cache

from chatbot.guard.claims import direction_of

_SCOPE_VERB = re.compile(r"(?<![\w-])(?:appl(?:y|ies|ied)|extend(?:s|ed)? to|covers?)(?![\w-])", re.IGNORECASE)


@lru_cache(maxsize=1024)  # asked once per clause and item
def states_scope(text: str) -> bool:
    """Whether a clause's only direction cues are verbs of scope: without them it states no direction."""
    return _SCOPE_VERB.search(text) is not None and direction_of(_SCOPE_VERB.sub(" ", text)) is None
