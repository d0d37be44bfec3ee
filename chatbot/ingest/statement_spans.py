"""Where a recommendation's statement occurs in a document (chunking opens a passage there and links it to the statement)."""

from __future__ import annotations

from dataclasses import dataclass


@dataclass(frozen=True)
class StatementSpan:
    """Where a recommendation's statement occurs in a document: a passage starts there and links to it."""

    recommendation_id: str
    start: int
    end: int
