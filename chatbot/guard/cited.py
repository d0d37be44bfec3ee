"""The items a clause cites by number or by id."""

from __future__ import annotations

from chatbot.guard.claims import cited_item_ids, cited_numbers
from chatbot.recs.schema import Recommendation, RecommendationSet


def cited_items(text: str, rec_set: RecommendationSet) -> list[Recommendation]:
    """The items a clause cites by number ('Rec 2', 'recommendation 7 of the CDC guideline') or by id ('CDC-7')."""
    cited = cited_numbers(text, rec_set.domain)
    ids = {item_id for _, _, item_id in cited_item_ids(text, rec_set.domain)}
    numbered = [rec for n in cited for rec in rec_set.items if rec.number == n.number and n.guideline in (None, rec.guideline)]
    return numbered + [rec for rec in rec_set.items if rec.id in ids and rec not in numbered]
