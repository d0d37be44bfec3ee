"""Placeholder items (known to exist, content unreported): which ones a clause names, and the findings for giving them content."""

from __future__ import annotations

import re

from chatbot.guard.claims import Clause, cited_item_ids
from chatbot.guard.context import GuardContext
from chatbot.recs.schema import Recommendation
from chatbot.types import GuardFinding

_UNREPORTED = re.compile(
    r"\bunreported\b|\bnot (?:yet |been |publicly )*reported (?:\S+ )?recommendations?\b"
    r"|\brecommendations? (?:that|which) (?:were|was|have|has) not (?:\w+ )?(?:been )?(?:\w+ )?reported\b"
    r"|\b(?:remaining|other|unknown) (?:\w+ ){0,2}recommendations\b",
    re.IGNORECASE,
)
_RESEARCH_ONLY = re.compile(r"research[- ]only|only (?:with)?in (?:the context of )?research", re.IGNORECASE)


def named_placeholders(text: str, context: GuardContext) -> list[Recommendation | None]:
    """Placeholder items a clause names: by id, the research-only item by name, unreported ones as None."""
    named: list[Recommendation | None] = [
        rec
        for _, _, item_id in cited_item_ids(text, context.rec_set.domain)
        if (rec := context.rec_set.get(item_id)) and rec.is_placeholder
    ]
    if _RESEARCH_ONLY.search(text):
        named += [rec for rec in context.rec_set.items if rec.kind == "research_only"]
    if _UNREPORTED.search(text) and not named:
        named.append(None)
    return named


def placeholder_findings(placeholders: list[Recommendation | None], clause: Clause) -> list[GuardFinding]:
    """One finding per placeholder item a clause gives content to."""
    message = "the text asserts content for an item whose content was not reported; only the official publication holds it"
    return [
        GuardFinding("placeholder_content", message, rec.id if rec else None, (clause.start, clause.end))
        for rec in dict.fromkeys(placeholders)
    ]
