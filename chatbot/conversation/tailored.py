"""A changed slot after an item written for a population: the new values alone, searched for the item that states them."""

from __future__ import annotations

from chatbot.conversation.state import facet_words
from chatbot.recs.schema import RecommendationSet


def written_for_population(item_ids: tuple[str, ...], rec_set: RecommendationSet) -> bool:
    """Whether the items under discussion are written for a population: each states a value of some facet of the pack."""
    recs = [rec for rec_id in item_ids if (rec := rec_set.get(rec_id)) is not None]
    facets = rec_set.domain.facets
    return bool(recs) and all(any(rec.population.facet(name) not in ("unknown", "any") for name in facets) for rec in recs)


def new_values_reading(
    new: dict[str, str], carried: dict[str, str], item_ids: tuple[str, ...], rec_set: RecommendationSet
) -> tuple[str, ...]:
    """The changed slots spelled out without the carried ones, when the items under discussion are written for a population.

    The carried slots pull a search back to items for the patient as they were ("acute pain" to the acute-pain items after
    "on opioids for years"); without them the search finds the item stating the new value. An item for everyone (it states
    no facet) still holds for the new value, so none is read then. Its item counts only when it states every new value.
    """
    if not (new and carried and written_for_population(item_ids, rec_set)):
        return ()
    return (", ".join(facet_words(new, rec_set.domain)),)
