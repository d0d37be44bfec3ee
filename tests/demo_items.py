"""Invented items for tests that need a recommendation of no real guideline (a demo gout guideline)."""

from __future__ import annotations

from chatbot.recs.schema import Recommendation


def demo_item(rec_id: str, title: str, intervention: str, use: str | None = None) -> Recommendation:
    """A verified, strong recommendation of the demo guideline for adults with gout (`use`: the population's use facet)."""
    population = {"description": "adults with gout", **({"use": use} if use else {})}
    return Recommendation.model_validate(
        {
            "id": rec_id,
            "guideline": "demo",
            "kind": "recommendation",
            "title": title,
            "population": population,
            "intervention": intervention,
            "comparator": None,
            "direction": "for",
            "strength": "strong",
            "certainty": "low",
            "status": "verified",
            "confidence": "high",
            "sources": ["demo"],
        }
    )
