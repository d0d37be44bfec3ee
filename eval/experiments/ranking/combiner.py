"""A small learned combiner of general item-level features, validated leaving one author out (v1-v7).

For every single question and first conversation turn of v1-v7 that expects an item (both packs), each item of the pack
gets general features computed from the pack's own text: its best passage's and its card's MiniLM similarity to the
question, the mean of its two best passages, its BM25 best passage (over the best overall), its dense, lexical and
fused rank among the units (items and unlinked passages), facet matches and population conflicts, the asks its text
leaves uncovered, and the wordfreq-rarity-weighted share of the question's words its text uses. A conditional logistic
model (features taken relative to each question's best) picks the top item; it is trained on five authors' sets and
tested on the sixth, for each sixth. Compared with the engine's lead item (record.py's trace) and plain item-level RRF.

Usage: python eval/experiments/ranking/combiner.py BASE_RECORDS.json FEATURES.json [--reuse]
Feature records keep ids, not text.
"""

from __future__ import annotations

import argparse
import json
import sys
from pathlib import Path
from typing import Any

import numpy as np
from record import SETS, pack_settings, questions

FEATURES = ("dmax", "dcard", "dmean2", "bmax", "rr_dense", "rr_lex", "rrf", "facets", "conflict", "missing", "rare_share")


class Scorer:
    """One pack's item-level features for any searched query (what the engine's search returns)."""

    def __init__(self, engine: Any) -> None:
        from cards import ItemCards, card_text

        from chatbot.index.lexical import tokenize

        self.engine = engine
        index, rec_set = engine.index, engine.rec_set
        self.vectors = np.vstack([index.dense.reconstruct(i) for i in range(len(index.passages))])
        owners = [p.recommendation_id for p in index.passages]
        self.units: dict[str, list[int]] = {}
        for position, owner in enumerate(owners):
            self.units.setdefault(owner or f"p{position}", []).append(position)
        self.items = [rec for rec in rec_set.items if not rec.is_placeholder]
        self.card_vectors = ItemCards(rec_set, engine._embedder.embed)._vectors
        texts = {rec.id: [card_text(rec), " ".join(rec.keywords)] for rec in self.items}
        for p in index.passages:
            if p.recommendation_id in texts:
                texts[p.recommendation_id].append(p.text)
        self.tokens = {rid: set(tokenize("\n".join(parts))) for rid, parts in texts.items()}

    def rows(self, query: Any, qv: np.ndarray) -> list[dict[str, Any]]:
        """Every item's features for an expanded query and its vector."""
        from wordfreq import zipf_frequency

        from chatbot.answer.candidates import matched_facets, within_named
        from chatbot.answer.vocabulary import content_terms
        from chatbot.index.lexical import tokenize
        from chatbot.recs.population import named_population, population_conflicts
        from chatbot.types import Hit

        engine = self.engine
        index, rec_set, context, units = engine.index, engine.rec_set, engine.answer_context, self.units
        dense = self.vectors @ qv
        lexical = dict(index.lexical.search(query.lexical_text, len(index.passages)))
        top_lex = max(lexical.values(), default=1.0) or 1.0
        unit_dense = {u: max(dense[p] for p in ps) for u, ps in units.items()}
        unit_lex = {u: max(lexical.get(p, 0.0) for p in ps) for u, ps in units.items()}
        rank_d = {u: r for r, u in enumerate(sorted(unit_dense, key=lambda u: -unit_dense[u]), start=1)}
        rank_l = {u: r for r, u in enumerate(sorted(unit_lex, key=lambda u: -unit_lex[u]), start=1)}
        question = query.corrected
        named = named_population(question, rec_set.domain)
        asks = context.asks.asks(question)
        words = list(content_terms(question, engine.vocabulary.background_stems))
        weights = {w: max(0.0, 7.0 - zipf_frequency(w.lower(), "en")) for w in words}
        total = sum(weights.values()) or 1.0
        rows = []
        for rec, cv in zip(self.items, self.card_vectors):
            positions = units.get(rec.id, [])
            if not positions:
                continue
            best = sorted((float(dense[p]) for p in positions), reverse=True)
            lead = max(positions, key=lambda p: dense[p])
            hit = Hit(passage=index.passages[lead], fused_score=0.0)
            missing = context.item_texts.missing(asks, hit, ()) if asks else ()
            conflicts = population_conflicts(within_named(named, rec, rec_set.domain), rec.population, rec.guideline, rec_set.domain)
            used = sum(weight for w, weight in weights.items() if set(tokenize(w)) <= self.tokens[rec.id])
            rows.append(
                {
                    "item": rec.id,
                    "lead": lead,
                    "dmax": best[0],
                    "dcard": float(cv @ qv),
                    "dmean2": sum(best[:2]) / len(best[:2]),
                    "bmax": unit_lex[rec.id] / top_lex,
                    "rr_dense": 1 / (60 + rank_d[rec.id]),
                    "rr_lex": 1 / (60 + rank_l[rec.id]),
                    "rrf": 1 / (60 + rank_d[rec.id]) + 1 / (60 + rank_l[rec.id]),
                    "facets": len(matched_facets(named, rec, rec_set.domain)),
                    "conflict": float(bool(conflicts)),
                    "missing": len(missing),
                    "rare_share": used / total,
                }
            )
        return rows


def item_features(packs: list[str]) -> list[dict[str, Any]]:
    """Per question or first turn: the features of every item of its pack."""
    import tempfile

    from chatbot.answer.retrieval import expand_query
    from chatbot.core import build_chatbot, validate_question
    from chatbot.stores.bundle import scratch_stores

    out = []
    scratch = Path(tempfile.mkdtemp(prefix="combiner-"))
    for pack in packs:
        bot = build_chatbot(pack_settings(pack), stores=scratch_stores(scratch / pack), load_model_now=True)
        engine = bot.engines[0]
        scorer, retriever = Scorer(engine), engine.retriever
        for item in questions(pack, list(SETS)):
            turn = item["turns"][0]
            if turn["expected_status"] != "answered" or not turn.get("expected_ids"):
                continue
            if item["kind"] == "qa" and item["category"] not in ("answerable", "population_cue", "head_to_head"):
                continue
            text = engine.initialisms.spelled_out(validate_question(turn["question"], bot.settings))
            query = expand_query(text, engine.thesaurus, engine.vocabulary.words, bot.settings, retriever._ubiquitous)
            rows = scorer.rows(query, retriever.embed_query(query.dense_text)[0])
            out.append(
                {
                    "set": item["set"],
                    "pack": pack,
                    "id": item["id"],
                    "kind": item["kind"],
                    "expected_ids": turn["expected_ids"],
                    "items": rows,
                }
            )
        print(f"{pack}: {sum(o['pack'] == pack for o in out)} questions", file=sys.stderr)
    return out


def fit(questions_: list[dict[str, Any]]) -> tuple[Any, Any]:
    """The scaler and the balanced logistic model over these questions' items."""
    from sklearn.linear_model import LogisticRegression
    from sklearn.preprocessing import StandardScaler

    xs, ys = zip(*(matrix(q) for q in questions_))
    scaler = StandardScaler().fit(np.vstack(xs))
    model = LogisticRegression(C=1.0, class_weight="balanced", max_iter=2000).fit(scaler.transform(np.vstack(xs)), np.concatenate(ys))
    return scaler, model


def matrix(question: dict[str, Any]) -> tuple[np.ndarray, np.ndarray]:
    """Each item's features less the question's best of each (so a model compares items within a question), and labels."""
    x = np.array([[row[f] for f in FEATURES] for row in question["items"]], dtype=float)
    x = x - x.max(axis=0, keepdims=True)
    y = np.array([row["item"] in question["expected_ids"] for row in question["items"]], dtype=float)
    return x, y


def top(question: dict[str, Any], score: np.ndarray) -> str:
    """The item with the highest score."""
    return question["items"][int(np.argmax(score))]["item"]


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("base", type=Path)
    parser.add_argument("features", type=Path)
    parser.add_argument("--reuse", action="store_true")
    parser.add_argument("--export", action="store_true", help="print the model trained on all six sets as Python constants")
    args = parser.parse_args()
    if not args.reuse:
        args.features.write_text(json.dumps(item_features(["ash", "cdc"])))
    data = json.loads(args.features.read_text())
    base = {(r["set"], r["id"]): r for r in json.loads(args.base.read_text()) if r["turn"] == 1}
    print("| held-out author | pack | n | engine's lead | engine answers it first | item RRF | dense max | combiner (other five) |")
    print("|---|---|---|---|---|---|---|---|")
    totals: dict[str, list[int]] = {}
    for held in SETS:
        scaler, model = fit([q for q in data if q["set"] != held and q["items"]])
        for pack in ("ash", "cdc"):
            test = [q for q in data if q["set"] == held and q["pack"] == pack and q["items"]]
            counts = [0, 0, 0, 0, 0]
            for q in test:
                record = base.get((q["set"], q["id"]))
                trace = (record or {}).get("trace") or {}
                lead = trace.get("lead") or next((h for h in trace.get("hits", []) if not h.startswith("passage:")), None)
                x, _ = matrix(q)
                expected = set(q["expected_ids"])
                counts[0] += lead in expected
                counts[1] += bool(record and record["status"] == "answered" and record["ids"][:1] and record["ids"][0] in expected)
                counts[2] += top(q, np.array([r["rrf"] for r in q["items"]])) in expected
                counts[3] += top(q, np.array([r["dmax"] for r in q["items"]])) in expected
                counts[4] += top(q, model.decision_function(scaler.transform(x))) in expected
            n = len(test)
            totals.setdefault(pack, [0] * 6)
            totals[pack] = [a + b for a, b in zip(totals[pack], [n, *counts])]
            print(f"| {held} | {pack} | {n} | " + " | ".join(str(c) for c in counts) + " |")
    for pack, (n, *counts) in totals.items():
        print(f"| all | {pack} | {n} | " + " | ".join(str(c) for c in counts) + " |")
    scaler, model = fit([q for q in data if q["items"]])
    if args.export:
        print("FEATURES =", FEATURES)
        print("MEANS =", tuple(round(float(v), 6) for v in scaler.mean_))
        print("SCALES =", tuple(round(float(v), 6) for v in scaler.scale_))
        print("WEIGHTS =", tuple(round(float(v), 6) for v in model.coef_[0]))
    print("\nweights (all six, standardised):", {f: round(float(w), 2) for f, w in zip(FEATURES, model.coef_[0])})


if __name__ == "__main__":
    main()
