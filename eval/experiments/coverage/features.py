"""Features of a question and its lead item at the engine's coverage decision: numbers any pack's engine computes."""

from __future__ import annotations

import re
from collections.abc import Callable, Sequence
from typing import TYPE_CHECKING

from wordfreq import zipf_frequency

from chatbot.answer.coverage_judge import CoverageCase
from chatbot.answer.vocabulary import content_terms
from chatbot.index.lexical import tokenize

if TYPE_CHECKING:
    import numpy as np

    from chatbot.index.store import LoadedIndex
    from chatbot.types import Hit

# The features, in the order the model reads them; every one is a number any pack's engine computes.
FEATURES = (
    "top_dense",  # the best dense similarity among the hits
    "lead_dense",  # the lead item's dense similarity
    "margin",  # the lead's dense similarity less the best of another item
    "lead_rank",  # 1 / (1 + the lead's place among the hits)
    "lexical_rank",  # 1 / the lead's BM25 rank (0 when BM25 missed it)
    "agree",  # whether BM25 and the dense retriever put the same item first
    "asks",  # how many asks the question has
    "missing",  # how many the lead item leaves uncovered
    "missing_share",  # their share of the asks
    "missing_zipf",  # the rarest uncovered ask's English Zipf frequency (7 when none)
    "asks_zipf",  # the rarest ask's Zipf frequency (7 when none)
    "item_sentence_sim",  # the best MiniLM similarity of the question to a sentence of the lead item
    "hit_sentence_sim",  # ... to a sentence of any of the first hits
    "terms",  # how many content words the question has
    "uncovered_terms_share",  # the share of its content words the lead item's text never uses
    "uncovered_terms_zipf",  # the rarest such word's Zipf frequency (7 when none)
    "details_missing",  # whether a detail asked for (a dose, a level) is not given
    "is_item",  # whether the lead is a recommendation (not a passage of no item)
    "facet_matches",  # how many population facets the question names that the item states
    "loose_in_pack",  # how many content words the item never uses that the pack uses elsewhere
    "loose_unseen",  # how many content words the pack never uses at all
    "other_covers",  # whether another of the first hits' items uses every content word the lead leaves out
    "masked_drop",  # how much nearer the question is to the item's sentences than the question without those words
    "loose_word_sim",  # the best similarity of the rarest such word alone to a sentence of the item
)
NONE_ZIPF = 7.0  # the frequency a missing word stands for: as common as English's commonest words


def _rarest(words: Sequence[str]) -> tuple[str, float]:
    """The least frequent word in English and its Zipf frequency ('', NONE_ZIPF when none)."""
    scored = [(w, zipf_frequency(w, "en")) for w in words]
    return min(scored, key=lambda pair: pair[1], default=("", NONE_ZIPF))


def _sentence_similarity(index: LoadedIndex, passage_ids: Sequence[str], vector: np.ndarray) -> float:
    """The best similarity of the question's vector to a quotable sentence of these passages (0 when none)."""
    import numpy as np

    rows = [row for pid in passage_ids for row in index.sentence_rows(pid)]
    if not rows or not len(vector):
        return 0.0
    return float(np.max(index.sentence_vectors[rows] @ np.asarray(vector, dtype=np.float32)))


def coverage_features(case: CoverageCase, embed: Callable[[Sequence[str]], np.ndarray] | None) -> tuple[list[float], str]:
    """The features of a question and the item chosen to answer it, and the rarest content word that item never uses."""
    search, asks, chosen, texts, index = case.search, case.asks, case.chosen, case.texts, case.index
    background, pack_stems = case.vocabulary.background_stems, case.vocabulary.stems
    hits = search.hits
    question = search.query.corrected
    lead = chosen.hit
    lead_item = lead.passage.recommendation_id
    lead_dense = lead.dense_score or 0.0
    top_dense = max((h.dense_score or 0.0 for h in hits), default=0.0)
    other = [h.dense_score or 0.0 for h in hits if not lead_item or h.passage.recommendation_id != lead_item]
    margin = lead_dense - max((s for s in other if lead_item or s != lead_dense), default=0.0)
    by_dense = min(hits, key=lambda h: h.dense_rank or 10**6, default=None)
    by_lexical = min(hits, key=lambda h: h.lexical_rank or 10**6, default=None)
    agree = by_dense is not None and by_lexical is not None and _item(by_dense) == _item(by_lexical)
    missing_words = [w for ask in chosen.missing for w in ask.text.split()]
    ask_words = [w for ask in asks for w in ask.text.split()]
    terms = content_terms(question, background)
    item_text = texts.of(lead, tuple(hits))
    item_stems = set(tokenize(item_text))
    loose = [t for t in terms if not set(tokenize(t)) <= item_stems]
    rarest_term, rarest_zipf = _rarest(loose)
    loose_stems = {stem for t in loose for stem in tokenize(t)}
    others = {_item(h) for h in hits[:10]} - {_item(lead)}
    other_covers = any(loose_stems <= set(tokenize(texts.of(h, tuple(hits)))) for h in hits[:10] if _item(h) in others) if loose else False
    item_passages = [h.passage.id for h in hits if lead_item and h.passage.recommendation_id == lead_item] or [lead.passage.id]
    features = [
        top_dense,
        lead_dense,
        margin,
        1.0 / (1 + chosen.rank),
        1.0 / lead.lexical_rank if lead.lexical_rank else 0.0,
        float(agree),
        float(len(asks)),
        float(len(chosen.missing)),
        len(chosen.missing) / len(asks) if asks else 0.0,
        _rarest(missing_words)[1],
        _rarest(ask_words)[1],
        _sentence_similarity(index, item_passages, search.query_vector),
        _sentence_similarity(index, [h.passage.id for h in hits[:5]], search.query_vector),
        float(len(terms)),
        len(loose) / len(terms) if terms else 0.0,
        rarest_zipf,
        float(case.details_missing),
        float(lead_item is not None),
        float(chosen.matches),
        float(sum(bool(set(tokenize(t)) <= pack_stems) for t in loose)),
        float(sum(not set(tokenize(t)) <= pack_stems for t in loose)),
        float(other_covers),
    ]
    features += _masked(question, loose, rarest_term, index, item_passages, features[11], embed)
    return features, rarest_term


def _masked(
    question: str,
    loose: Sequence[str],
    rarest: str,
    index: LoadedIndex,
    passage_ids: Sequence[str],
    similarity: float,
    embed: Callable[[Sequence[str]], np.ndarray] | None,
) -> list[float]:
    """The similarity the words the item never uses add, and the rarest one's own similarity to the item's sentences."""
    if not loose or embed is None:
        return [0.0, 0.0]
    masked = re.sub("|".join(rf"\b{re.escape(t)}\b" for t in loose), " ", question)
    vectors = embed([masked, rarest])
    return [similarity - _sentence_similarity(index, passage_ids, vectors[0]), _sentence_similarity(index, passage_ids, vectors[1])]


def _item(hit: Hit) -> str:
    """The item id of a hit, or its passage id for a passage of no item."""
    return hit.passage.recommendation_id or hit.passage.id
