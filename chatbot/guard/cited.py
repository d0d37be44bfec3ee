"""The items a clause cites by number or by id, and why a question citing ones the set cannot show is not found."""

from __future__ import annotations

from typing import TYPE_CHECKING

from chatbot.guard.citations import cited_item_ids, cited_numbers
from chatbot.guard.context import GuardContext
from chatbot.guard.sources import citation_findings
from chatbot.recs.schema import Recommendation, RecommendationSet

if TYPE_CHECKING:
    from chatbot.answer.templates import Templates


def cited_items(text: str, rec_set: RecommendationSet) -> list[Recommendation]:
    """The items a clause cites by number ('Rec 2', 'recommendation 7 of the CDC guideline') or by id ('CDC-7')."""
    cited = cited_numbers(text, rec_set.domain)
    ids = {item_id for _, _, item_id in cited_item_ids(text, rec_set.domain)}
    numbered = [rec for n in cited for rec in rec_set.items if n.names(rec)]
    return numbered + [rec for rec in rec_set.items if rec.id in ids and rec not in numbered]


def _cited_texts(text: str, spans: list[tuple[int, int]]) -> tuple[str, ...]:
    """The cited words at these spans, once each."""
    return tuple(dict.fromkeys(text[start:end].strip() for start, end in spans))


def citation_gap(text: str, context: GuardContext, templates: Templates) -> tuple[str, tuple[str, ...]] | None:
    """Why a turn citing what the set cannot show is not found, and those citations: a number or id it lacks ('recommendation
    14' of twelve), or a number none of its items carries (a digest that gives no numbers); None when all are the set's."""
    if unknown := _cited_texts(text, [f.span for f in citation_findings(text, context) if f.span]):
        return templates.uncovered.format(asks=", ".join(unknown)), unknown
    items = context.rec_set.items
    spans = [(c.start, c.end) for c in cited_numbers(text, context.rec_set.domain) if not any(c.names(r) for r in items)]
    if unnumbered := _cited_texts(text, spans):
        return templates.unseen_terms.format(terms=", ".join(unnumbered)), unnumbered
    return None
