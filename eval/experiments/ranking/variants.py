"""Ranking variants tried in the engine (record.py --variant NAME): each changes a freshly built engine in place."""

from __future__ import annotations

import sys
from typing import Any


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


def combiner_loao(engine: Any, covering: bool = False, slots: bool = False, items_first: bool = False) -> None:
    """The learned combiner's top item leads the hits; for each author set, the model trained on the other five
    (features from $COMBINER_FEATURES, written by combiner.py)."""
    import json
    import os
    from dataclasses import replace
    from pathlib import Path

    import numpy as np
    from combiner import Scorer, fit, matrix
    from record import SETS

    current = sys.modules["__main__"].CURRENT  # record.py runs as the main module: its CURRENT is the one it updates

    from chatbot.types import Hit

    data = [q for q in json.loads(Path(os.environ["COMBINER_FEATURES"]).read_text()) if q["items"]]
    models = {held: fit([q for q in data if q["set"] != held]) for held in SETS}
    scorer, retriever = Scorer(engine), engine.retriever
    original = retriever.search

    def search(question: str) -> Any:
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
