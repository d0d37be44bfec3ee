"""Ranking variants tried in the engine (record.py --variant NAME): each changes a freshly built engine in place."""

from __future__ import annotations

import sys
from typing import Any


def no_units(engine: Any) -> None:
    """The engine without its unit ranking (the base these variants were measured against)."""
    if hasattr(engine.settings, "unit_ranking"):
        engine.retriever._settings = engine.settings.model_copy(update={"unit_ranking": False})


def pool_all(engine: Any) -> None:
    """Every item's passages fused as one (the pooling uncurated items get), within the first ten of each ranking."""
    engine.retriever._pooled = frozenset(rec.id for rec in engine.rec_set.items)


def pool_all_deep(engine: Any) -> None:
    """Every item pooled, from anywhere in each retriever's candidates."""
    from chatbot.answer import retrieval

    retrieval.POOL_DEPTH = 50
    pool_all(engine)


def cards(engine: Any) -> None:
    """Every item pooled, and its card (title, advice, comparator, population, remarks) one more of its texts in the dense
    ranking: the rank the card would take among the dense candidates counts as the item's dense rank when better."""
    from cards import ItemCards

    from chatbot.answer import retrieval

    retriever = engine.retriever
    item_cards = ItemCards(engine.rec_set, engine._embedder.embed)
    retriever._pooled = frozenset(owner for owner in retriever._owners if owner)
    seen: dict[str, Any] = {}
    embed = retriever.embed_query

    def remembered(text: str) -> Any:
        seen["vector"] = embed(text)
        return seen["vector"]

    def pool_with_cards(fused: Any, rankings: Any, owners: Any, pooled: Any, k: int, tiebreak: Any) -> Any:
        """retrieval.pool_items, with each item's dense rank the better of its best passage's and its card's."""
        vector = seen["vector"][0]
        scores = [float(engine.index.dense.reconstruct(i) @ vector) for i in rankings[0]]
        card_ranks = item_cards.ranks(vector, scores, retrieval.POOL_DEPTH)
        best = retrieval.best_item_ranks(rankings, owners, pooled)
        for owner, rank in card_ranks.items():
            if owner in pooled:
                best.setdefault(owner, {})[0] = min(best.get(owner, {}).get(0, rank), rank)
        return retrieval.lift_leads(fused, best, owners, pooled, k, tiebreak)

    retriever.embed_query = remembered
    retrieval.pool_items = pool_with_cards


def combiner_loao_covering(engine: Any) -> None:
    """As combiner_loao, but the combiner's item leads only when it leaves no more asks uncovered than the first hit's item."""
    combiner_loao(engine, covering=True)


def combiner_loao_slots(engine: Any) -> None:
    """As combiner_loao, but passages linked to no item keep their places: the combiner's item takes the first item's."""
    combiner_loao(engine, slots=True)


def combiner_loao_items_first(engine: Any) -> None:
    """As combiner_loao_slots, except where the engine already wants an item's advice before passages (the question has
    asks, or describes a patient: `rank_candidates`' items_first): there the combiner's item leads outright."""
    combiner_loao(engine, slots=True, items_first=True)


def combiner_loao_units_gate(engine: Any) -> None:
    """As combiner_loao, but where the unit ranking (units_lead's rule, as built in units-engine.patch, which must be
    applied) puts a passage linked to no item first, that passage leads: the units decide item or passage, the combiner
    which item."""
    combiner_loao(engine, units_gate=True)


def combiner_loao(engine: Any, covering: bool = False, slots: bool = False, items_first: bool = False, units_gate: bool = False) -> None:
    """The learned combiner's top item leads the hits; for each author set, the model trained on the other five
    (features from $COMBINER_FEATURES, written by combiner.py)."""
    import json
    import os
    from dataclasses import replace
    from pathlib import Path

    import numpy as np
    from combiner import Scorer, fit, matrix
    from record import SETS

    no_units(engine)
    current = sys.modules["__main__"].CURRENT  # record.py runs as the main module: its CURRENT is the one it updates

    from chatbot.types import Hit

    data = [q for q in json.loads(Path(os.environ["COMBINER_FEATURES"]).read_text()) if q["items"]]
    models = {held: fit([q for q in data if q["set"] != held]) for held in SETS}
    scorer, retriever = Scorer(engine), engine.retriever
    original = retriever.search

    plain = retriever._settings

    def search(question: str) -> Any:
        if units_gate:
            retriever._settings = plain.model_copy(update={"unit_ranking": True})
            try:
                by_units = original(question)
            finally:
                retriever._settings = plain
            if by_units.hits and by_units.hits[0].passage.recommendation_id is None:
                return by_units
        result = original(question)
        rows = scorer.rows(result.query, np.asarray(result.query_vector))
        if not rows or not result.hits:
            return result
        scaler, model = models[current["set"]]
        x, _ = matrix({"items": rows, "expected_ids": []})
        best = rows[int(np.argmax(model.decision_function(scaler.transform(x))))]
        first = next((r for r in rows if r["item"] == result.hits[0].passage.recommendation_id), None)
        if covering and first is not None and best["missing"] > first["missing"]:
            return result
        mine = [h for h in result.hits if h.passage.recommendation_id == best["item"]]
        if not mine:
            passage = engine.index.passages[best["lead"]]
            mine = [Hit(passage=passage, fused_score=result.hits[0].fused_score, dense_score=best["dmax"])]
        wants_items = False
        if items_first:
            from chatbot.answer.candidates import describes_patient
            from chatbot.recs.population import named_population

            question, domain = result.query.corrected, engine.rec_set.domain
            asks = engine.answer_context.asks.asks(question)
            wants_items = bool(asks) or describes_patient(question, named_population(question, domain), domain)
        if slots and not wants_items:
            at = next((i for i, h in enumerate(result.hits) if h.passage.recommendation_id), len(result.hits))
            rest = [h for h in result.hits if h not in mine]
            hits = (*rest[:at], *mine, *rest[at:])[: len(result.hits)]
            return replace(result, hits=tuple(hits))
        hits = (*mine, *(h for h in result.hits if h not in mine))[: len(result.hits)]
        return replace(result, hits=hits)

    retriever.search = search


def units_lead(engine: Any) -> None:
    """Units are items (card and passages) and passages linked to no item; the first unit by RRF of a dense and a lexical
    unit ranking leads the hits (its passages first), the rest keep their order."""
    _units(engine, regroup=False)


def units_order(engine: Any) -> None:
    """As units_lead, but every hit is regrouped by its unit's place in the unit ranking."""
    _units(engine, regroup=True)


def units_lead_nocard(engine: Any) -> None:
    """As units_lead without cards (items ranked by their best passage): what the cards add."""
    _units(engine, regroup=False, with_cards=False)


def units3_lead(engine: Any) -> None:
    """As units_lead, with three unit rankings: card (unlinked passages by their own closeness), best passage, lexical."""
    _units(engine, regroup=False, three=True)


def units_cardonly_lead(engine: Any) -> None:
    """As units_lead, but an item's closeness is its card's alone (the best of many passages favours items with many)."""
    _units(engine, regroup=False, card_only=True)


def _units(engine: Any, regroup: bool, with_cards: bool = True, three: bool = False, card_only: bool = False) -> None:
    """The unit ranking (a fixed rule: no constant besides the engine's rrf_k) put in front of the engine's hits."""
    from dataclasses import replace

    import numpy as np
    from cards import ItemCards

    from chatbot.answer import retrieval
    from chatbot.types import Hit

    retriever, settings = engine.retriever, engine.settings
    if hasattr(settings, "unit_ranking"):  # the engine's own unit ranking (when built in) is what these variants replace
        retriever._settings = settings.model_copy(update={"unit_ranking": False})
    item_cards = ItemCards(engine.rec_set, engine._embedder.embed)
    owners, passages = retriever._owners, engine.index.passages
    skip = retriever._boilerplate
    original = retriever.search

    def search(question: str) -> Any:
        result = original(question)
        if not result.hits:
            return result
        vector = np.asarray(result.query_vector, dtype=np.float32)
        scores, ids = engine.index.dense.search(vector[None, :], min(settings.candidate_k, len(passages)))
        dense: dict[str, float] = {}
        lead_of: dict[str, tuple[int, float]] = {}
        for position, score in zip(ids[0], scores[0]):
            if position < 0 or position in skip:
                continue
            unit = owners[position] or f"p{position}"
            if card_only and owners[position]:
                lead_of.setdefault(unit, (int(position), float(score)))
                continue
            if float(score) > dense.get(unit, -2.0):
                dense[unit] = float(score)
                lead_of.setdefault(unit, (int(position), float(score)))
        card = {u: v for u, v in dense.items() if engine.rec_set.get(u) is None}
        if with_cards and item_cards._items:
            for rec, similarity in zip(item_cards._items, item_cards._vectors @ vector):
                card[rec.id] = float(similarity)
                if not three and float(similarity) > dense.get(rec.id, -2.0):
                    dense[rec.id] = float(similarity)
        lexical: dict[str, float] = {}
        for position, score in engine.index.lexical.search(result.query.lexical_text, settings.candidate_k):
            if position in skip:
                continue
            unit = owners[position] or f"p{position}"
            lexical.setdefault(unit, float(score))
        dense_order = sorted(dense, key=lambda u: -dense[u])[: settings.candidate_k]
        lexical_order = sorted(lexical, key=lambda u: -lexical[u])[: settings.candidate_k]
        tiebreak_units = {**{u: 0.0 for u in dense}, **{u: 0.0 for u in lexical}}
        top_d, top_l = max(dense.values(), default=1.0), max(lexical.values(), default=1.0)
        for u in tiebreak_units:
            tiebreak_units[u] = dense.get(u, 0.0) / (top_d or 1.0) + lexical.get(u, 0.0) / (top_l or 1.0)
        fused: dict[str, float] = {}
        orders = [dense_order, lexical_order]
        if three:
            orders.append(sorted(card, key=lambda u: -card[u])[: settings.candidate_k])
        for order in orders:
            for rank, unit in enumerate(order, start=1):
                fused[unit] = fused.get(unit, 0.0) + 1.0 / (settings.rrf_k + rank)
        ranked = sorted(fused, key=lambda u: (-round(fused[u], 12), -tiebreak_units.get(u, 0.0), u))
        place = {u: i for i, u in enumerate(ranked)}

        def unit_of(hit: Hit) -> str:
            return hit.passage.recommendation_id or f"p{position_of[hit.passage.id]}"

        hits = list(result.hits)
        if not ranked:
            return result
        first = ranked[0]
        mine = [h for h in hits if unit_of(h) == first]
        if not mine:
            position = _best_passage(first, owners, lead_of, engine, vector)
            if position is None:
                return result
            p = passages[position]
            mine = [Hit(passage=p, fused_score=hits[0].fused_score, dense_score=float(engine.index.dense.reconstruct(position) @ vector))]
        if regroup:
            rest = sorted((h for h in hits if h not in mine), key=lambda h: place.get(unit_of(h), len(place)))
        else:
            rest = [h for h in hits if h not in mine]
        return replace(result, hits=tuple([*mine, *rest])[: len(hits)])

    position_of = {p.id: i for i, p in enumerate(passages)}
    retriever.search = search
    _ = retrieval


def _best_passage(unit: str, owners: Any, lead_of: dict[str, tuple[int, float]], engine: Any, vector: Any) -> int | None:
    """The unit's passage closest to the query (an unlinked unit is its own passage)."""
    if unit.startswith("p") and unit[1:].isdigit() and not any(o == unit for o in owners):
        return int(unit[1:])
    if unit in lead_of:
        return lead_of[unit][0]
    mine = [i for i, o in enumerate(owners) if o == unit]
    if not mine:
        return None
    return max(mine, key=lambda i: float(engine.index.dense.reconstruct(i) @ vector))
