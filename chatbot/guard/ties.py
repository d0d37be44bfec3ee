"""Which of several equally matched items a clause is about: one whose advice it does not contradict."""

from __future__ import annotations

from collections.abc import Mapping

from chatbot.recs.schema import Recommendation
from chatbot.types import GuardFinding


def uncontradicted(matches: list[Recommendation], read: Mapping[str, list[GuardFinding]]) -> list[Recommendation]:
    """Of items matched equally well, those whose direction the clause does not contradict, when there are any.

    A clause that contradicts one tied item and agrees with another is about the one it agrees with: items whose
    statements open with the same words ("3a", "3b") tie on their terms alone. Grading and population do not decide a
    tie: "recommends" is said of either strength, and whose patients a clause names is weighed before (`_compatible`).
    """
    kept = [rec for rec in matches if not any(f.kind == "direction_contradiction" for f in read[rec.id])]
    return kept if kept and len(matches) > 1 else matches
