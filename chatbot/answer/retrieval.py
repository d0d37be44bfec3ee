"""Hybrid retrieval: spelling correction and synonym expansion, dense + BM25, fused by RRF."""

from __future__ import annotations

import re
import time
from collections.abc import Sequence
from dataclasses import dataclass, field
from functools import lru_cache
from typing import TYPE_CHECKING

from rapidfuzz import fuzz, process

from chatbot.config import Settings
from chatbot.index.embedding import Embedder
from chatbot.index.store import LoadedIndex
from chatbot.ingest.bibliography import is_reference_list
from chatbot.ingest.text import english_words, is_word
from chatbot.packs.synonyms import Thesaurus
from chatbot.types import Hit

if TYPE_CHECKING:
    import numpy as np

POOL_DEPTH = 10  # an item's passage counts for the item only from this high in a ranking: a long discussion has far-down passages
_WORD = re.compile(r"(?<![\w-])[A-Za-z][A-Za-z-]{3,}(?![\w-])")  # a whole word: never the letters of "BCR-ABL1"


@dataclass(frozen=True)
class ExpandedQuery:
    """A question after spelling correction, with the texts each retriever searches."""

    question: str
    corrected: str
    dense_text: str
    lexical_text: str
    corrections: tuple[tuple[str, str], ...] = ()
    expansions: tuple[str, ...] = ()


@dataclass(frozen=True)
class SearchResult:
    """Fused hits plus what was searched and how long each stage took."""

    query: ExpandedQuery
    hits: tuple[Hit, ...]
    query_vector: np.ndarray
    timings_ms: dict[str, float] = field(default_factory=dict)


def _by_score(scores: dict[int, float], tiebreak: dict[int, float]) -> list[tuple[int, float]]:
    """Passages by fused score, ties broken by the tiebreak score, then by position."""
    return sorted(scores.items(), key=lambda pair: (-round(pair[1], 12), -tiebreak.get(pair[0], 0.0), pair[0]))


def fuse(rankings: Sequence[Sequence[int]], k: int, tiebreak: dict[int, float] | None = None) -> list[tuple[int, float]]:
    """Reciprocal rank fusion of ranked id lists: score(d) = sum 1 / (k + rank).

    Equal fused scores are ordered by `tiebreak` (higher first), then by id.
    """
    scores: dict[int, float] = {}
    for ranking in rankings:
        for rank, item in enumerate(ranking, start=1):
            scores[item] = scores.get(item, 0.0) + 1.0 / (k + rank)
    tiebreak = tiebreak or {}
    return _by_score(scores, tiebreak)


def pool_items(
    fused: list[tuple[int, float]],
    rankings: Sequence[Sequence[int]],
    owners: Sequence[str | None],
    pooled: frozenset[str],
    k: int,
    tiebreak: dict[int, float],
) -> list[tuple[int, float]]:
    """Each pooled item's best-fused passage scored with the best rank any passage of that item reached in each ranking.

    An item extracted from the publication has no keywords to lift all its passages in BM25 together, so the dense and
    the lexical retriever often find it through different passages of its discussion; those ranks are fused for the item.
    """
    return lift_leads(fused, best_item_ranks(rankings, owners, pooled), owners, pooled, k, tiebreak)


def best_item_ranks(rankings: Sequence[Sequence[int]], owners: Sequence[str | None], pooled: frozenset[str]) -> dict[str, dict[int, int]]:
    """For each pooled item, the best rank (within POOL_DEPTH) any of its passages reached, by ranking."""
    best: dict[str, dict[int, int]] = {}
    for which, ranking in enumerate(rankings):
        for rank, position in enumerate(ranking, start=1):
            if (owner := owners[position]) in pooled and rank <= POOL_DEPTH:
                best.setdefault(owner, {}).setdefault(which, rank)
    return best


def lift_leads(
    fused: list[tuple[int, float]],
    best: dict[str, dict[int, int]],
    owners: Sequence[str | None],
    pooled: frozenset[str],
    k: int,
    tiebreak: dict[int, float],
) -> list[tuple[int, float]]:
    """Each pooled item's best-fused passage scored at least as the reciprocal-rank fusion of the item's best ranks."""
    scores = dict(fused)
    leads: dict[str, int] = {}
    for position, _ in fused:
        if (owner := owners[position]) in pooled and owner not in leads:
            leads[owner] = position
    for owner, position in leads.items():
        if owner in best:
            scores[position] = max(scores[position], sum(1.0 / (k + rank) for rank in best[owner].values()))
    return _by_score(scores, tiebreak)


def normalised_score_sum(*ranked: Sequence[tuple[int, float]]) -> dict[int, float]:
    """For each id, the sum over retrievers of its score divided by that retriever's best score."""
    total: dict[int, float] = {}
    for results in ranked:
        top = max((score for _, score in results), default=0.0)
        for item, score in results:
            if top > 0:
                total[item] = total.get(item, 0.0) + score / top
    return total


def correct_spelling(text: str, known_words: frozenset[str], terms: Sequence[str], min_score: float) -> tuple[str, list[tuple[str, str]]]:
    """Replace unknown words that closely resemble a field term (e.g. 'blinatumomob')."""
    corrections: list[tuple[str, str]] = []

    def fix(match: re.Match[str]) -> str:
        word = match.group(0)
        if word.lower() in known_words or len(word) < 5 or is_word(word.lower(), english_words()):
            return word
        if "-" in word.strip("-"):  # a compound is corrected part by part: 'pre-pegaspargse' keeps its 'pre-'
            return "-".join(fix_part(part) for part in word.split("-"))
        return fix_part(word)

    def fix_part(word: str) -> str:
        if word.lower() in known_words or len(word) < 5 or is_word(word.lower(), english_words()):
            return word
        best = process.extractOne(word.lower(), terms, scorer=fuzz.ratio, score_cutoff=min_score)
        if best is None:
            return word
        corrections.append((word, best[0]))
        return best[0]

    return _WORD.sub(fix, text), corrections


@lru_cache(maxsize=8)  # a pack's words: the same two sets for every question
def _spelling_words(known_words: frozenset[str], field_words: frozenset[str]) -> tuple[frozenset[str], tuple[str, ...]]:
    """The words spelling leaves alone, and the sorted terms a misspelled word may be corrected to."""
    return known_words | field_words, tuple(sorted(field_words | {w for w in known_words if len(w) >= 6}))


def expand_query(
    question: str,
    thesaurus: Thesaurus,
    known_words: frozenset[str],
    settings: Settings,
    ubiquitous: frozenset[str] = frozenset(),
) -> ExpandedQuery:
    """Correct misspelled field terms, then add each matched group's terms for the retrievers.

    Groups in `ubiquitous` (found in most passages, e.g. ALL in an ALL guideline) tell passages
    apart no better than chance, so the dense query does not repeat them.
    """
    known, terms = _spelling_words(known_words, thesaurus.single_words())
    corrected, corrections = correct_spelling(question, known, terms, settings.fuzzy_min_score)
    if not settings.synonym_expansion:
        return ExpandedQuery(question, corrected, corrected, corrected, tuple(corrections))
    groups = thesaurus.matching_groups(corrected)
    canonical = [
        group.canonical for group in groups if group.canonical.lower() not in corrected.lower() and group.canonical not in ubiquitous
    ]
    dense = corrected + (f" ({'; '.join(canonical)})" if canonical else "")
    lexical = " ".join([corrected, *(term for group in groups for term in group.terms)])
    return ExpandedQuery(question, corrected, dense, lexical, tuple(corrections), tuple(g.canonical for g in groups))


def demote_boilerplate(fused: list[tuple[int, float]], boilerplate: frozenset[int]) -> list[tuple[int, float]]:
    """Move boilerplate passages (near-copies of one another, e.g. placeholders) after all the others.

    Seven identical 'content not reported' sections match a question only by their shared wording,
    never by what one of them is about, so none of them should lead an answer.
    """
    return [pair for pair in fused if pair[0] not in boilerplate] + [pair for pair in fused if pair[0] in boilerplate]


def boilerplate_positions(texts: Sequence[str], owners: Sequence[str | None] | None = None) -> frozenset[int]:
    """Positions of texts that equal another text once digits are masked (a repeat of one statement, same owner, is not)."""
    keys = [re.sub(r"\d+", "#", " ".join(text.split())) for text in texts]
    tags = list(owners) if owners is not None else list(range(len(texts)))
    seen: dict[str, set[object]] = {}
    for key, tag in zip(keys, tags):
        seen.setdefault(key, set()).add(tag if tag is not None else object())
    return frozenset(position for position, key in enumerate(keys) if len(seen[key]) > 1)


def bibliography_positions(texts: Sequence[str]) -> frozenset[int]:
    """Positions of texts that are reference lists (dense with citation markers): they name sources, never answer a question."""
    return frozenset(position for position, text in enumerate(texts) if is_reference_list(text))


def pack_closeness(query_vector: np.ndarray, indexes: Sequence[LoadedIndex]) -> list[float]:
    """For each index, the cosine of its passage nearest to the query (1 x dimension): a joint pre-search over packs."""
    best: list[float] = []
    for index in indexes:
        scores, _ = index.dense.search(query_vector, 1) if len(index.passages) else ([[float("-inf")]], None)
        best.append(float(scores[0][0]))
    return best


class HybridRetriever:
    """Dense (FAISS) and lexical (BM25) search over one loaded index, fused with RRF."""

    def __init__(
        self,
        index: LoadedIndex,
        embedder: Embedder,
        thesaurus: Thesaurus,
        known_words: frozenset[str],
        settings: Settings,
        pooled: frozenset[str] = frozenset(),
    ) -> None:
        """`pooled`: the items whose passages are fused as one (those extracted from the publication without keywords)."""
        self.index = index
        self._pooled = pooled
        self._owners = tuple(p.recommendation_id for p in index.passages)
        texts = [p.text for p in index.passages]
        self._boilerplate = boilerplate_positions(texts, [p.recommendation_id for p in index.passages])
        self._boilerplate |= bibliography_positions(texts)
        self._embedder = embedder
        self._thesaurus = thesaurus
        self._known_words = known_words
        self._settings = settings
        self._ubiquitous = frozenset(g.canonical for g in thesaurus.ubiquitous_groups(texts))

    def embed_query(self, text: str) -> np.ndarray:
        """The query's vector (1 x dimension)."""
        return self._embedder.embed([text])

    def search(self, question: str) -> SearchResult:
        """Top hits for a question under the retriever's settings."""
        settings = self._settings
        timings: dict[str, float] = {}
        started = time.perf_counter()
        query = expand_query(question, self._thesaurus, self._known_words, settings, self._ubiquitous)
        timings["expand"] = (time.perf_counter() - started) * 1000
        dense_ranked: list[tuple[int, float]] = []
        started = time.perf_counter()
        query_vector = self.embed_query(query.dense_text)
        timings["embed"] = (time.perf_counter() - started) * 1000
        if settings.use_dense:
            started = time.perf_counter()
            scores, ids = self.index.dense.search(query_vector, min(settings.candidate_k, len(self.index.passages)))
            dense_ranked = [(int(i), float(s)) for i, s in zip(ids[0], scores[0]) if i >= 0]
            timings["dense"] = (time.perf_counter() - started) * 1000
        lexical_ranked: list[tuple[int, float]] = []
        if settings.use_lexical:
            started = time.perf_counter()
            lexical_ranked = self.index.lexical.search(query.lexical_text, settings.candidate_k)
            timings["lexical"] = (time.perf_counter() - started) * 1000
        started = time.perf_counter()
        tiebreak = normalised_score_sum(dense_ranked, lexical_ranked)
        rankings = [[i for i, _ in dense_ranked], [i for i, _ in lexical_ranked]]
        fused = fuse(rankings, settings.rrf_k, tiebreak)
        if self._pooled:
            fused = pool_items(fused, rankings, self._owners, self._pooled, settings.rrf_k, tiebreak)
        dense_by_id = {i: (rank, score) for rank, (i, score) in enumerate(dense_ranked, start=1)}
        lexical_by_id = {i: (rank, score) for rank, (i, score) in enumerate(lexical_ranked, start=1)}
        fused = demote_boilerplate(fused, self._boilerplate)
        hits = tuple(
            Hit(
                passage=self.index.passages[i],
                fused_score=score,
                dense_score=float(self.index.dense.reconstruct(i) @ query_vector[0]),
                lexical_score=lexical_by_id.get(i, (None, None))[1],
                dense_rank=dense_by_id.get(i, (None, None))[0],
                lexical_rank=lexical_by_id.get(i, (None, None))[0],
            )
            for i, score in fused[: settings.retrieve_top_k]
        )
        timings["fuse"] = (time.perf_counter() - started) * 1000
        return SearchResult(query, hits, query_vector[0], timings)
