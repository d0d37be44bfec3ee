"""Compose an extractive Answer from hits: verbatim quotes with citations, or an abstention."""

from __future__ import annotations

import re
from dataclasses import dataclass

import numpy as np

from chatbot.config import Settings
from chatbot.embedding import Embedder
from chatbot.index_store import LoadedIndex
from chatbot.lexical import tokenize
from chatbot.recommendations import RecommendationSet
from chatbot.retrieval import SearchResult
from chatbot.sentences import sentence_spans
from chatbot.synonyms import Thesaurus
from chatbot.templates import Templates
from chatbot.types import Answer, AnswerStatus, Document, Hit, Quote

LEXICAL_WEIGHT = 0.3
KEEP_RATIO = 0.8
MIN_SENTENCE_WORDS = 5


@dataclass(frozen=True)
class _Candidate:
    """A sentence of a top passage and how well it answers the question."""

    hit: Hit
    start: int
    end: int
    score: float


def citation_section(document: Document, offset: int) -> str:
    """The heading path at an offset, without a document-wide title heading that every section shares."""
    section = document.section_at(offset)
    if section is None:
        return ""
    roots = {s.path[0] for s in document.sections if s.path}
    path = section.path[1:] if len(roots) == 1 and len(section.path) > 1 else section.path
    return " > ".join(path)


def make_quote(document: Document, start: int, end: int, recommendation_id: str | None) -> Quote:
    """A quote sliced from the canonical text by offsets, with its citation."""
    return Quote(
        text=document.text[start:end],
        document_id=document.id,
        document_title=document.title,
        document_kind=document.kind,
        section=citation_section(document, start),
        page=document.page_at(start),
        char_start=start,
        char_end=end,
        recommendation_id=recommendation_id,
        verified=True,
    )


def _sentences(hit: Hit, document: Document) -> list[tuple[int, int]]:
    """Sentence spans of a passage, without headings and fragments."""
    passage = hit.passage
    titles = {title.strip() for title in passage.section_path}
    return [
        (start, end)
        for start, end in sentence_spans(document.text, passage.char_start, passage.char_end)
        if document.text[start:end].strip() not in titles and len(document.text[start:end].split()) >= MIN_SENTENCE_WORDS
    ]


def _overlap(question_tokens: set[str], text: str) -> float:
    """Share of the question's tokens that the text contains."""
    if not question_tokens:
        return 0.0
    return len(question_tokens & set(tokenize(text))) / len(question_tokens)


def _rank_sentences(search: SearchResult, index: LoadedIndex, embedder: Embedder, passages: list[Hit]) -> list[_Candidate]:
    """Score every sentence of the chosen passages against the question, best first."""
    spans = [(hit, start, end) for hit in passages for start, end in _sentences(hit, index.documents[hit.passage.document_id])]
    if not spans:
        return []
    texts = [index.documents[hit.passage.document_id].text[start:end] for hit, start, end in spans]
    similarities = embedder.embed(texts) @ np.asarray(search.query_vector)
    question_tokens = set(tokenize(search.query.lexical_text))
    candidates = [
        _Candidate(hit, start, end, float(similarity) + LEXICAL_WEIGHT * _overlap(question_tokens, text))
        for (hit, start, end), similarity, text in zip(spans, similarities, texts)
    ]
    return sorted(candidates, key=lambda c: -c.score)


def _answer_passages(hits: tuple[Hit, ...], settings: Settings) -> list[Hit]:
    """The top hit plus close runners-up (same recommendation, or nearly as similar)."""
    top = hits[0]
    chosen = [top]
    for hit in hits[1 : settings.answer_passages]:
        same_rec = hit.passage.recommendation_id and hit.passage.recommendation_id == top.passage.recommendation_id
        close = (hit.dense_score or 0) >= (top.dense_score or 0) - 0.05
        if same_rec or (close and not top.passage.recommendation_id):
            chosen.append(hit)
    return chosen


def _summary(rec_ids: list[str], rec_set: RecommendationSet, templates: Templates) -> str:
    """One line per matched recommendation, built from its structured fields."""
    lines = []
    for rec_id in rec_ids:
        rec = rec_set.get(rec_id)
        if rec is None:
            continue
        label = f"{rec.title} ({rec.id}{f', recommendation {rec.number}' if rec.number else ''})"
        comparator = f" over {rec.comparator}" if rec.comparator and rec.comparator != "unknown" else ""
        lines.append(
            templates.answered.format(
                label=label,
                direction_phrase=templates.directions.get(rec.direction, rec.direction),
                intervention=rec.intervention or "this approach",
                comparator_phrase=comparator,
                strength=rec.strength.replace("_", " "),
                certainty=rec.certainty.replace("_", " "),
                source_label=f"{templates.statuses.get(rec.status, rec.status)} ({rec.confidence} confidence)",
            )
        )
    return "\n".join(lines)


def _closest_topics(hits: tuple[Hit, ...], rec_set: RecommendationSet, limit: int = 3) -> tuple[str, ...]:
    """Titles of the recommendations (or sections) nearest to the question."""
    topics: list[str] = []
    for hit in hits:
        rec = rec_set.get(hit.passage.recommendation_id) if hit.passage.recommendation_id else None
        topic = f"{rec.title} ({rec.id})" if rec else (hit.passage.section_path[-1] if hit.passage.section_path else "")
        if topic and topic not in topics:
            topics.append(topic)
    return tuple(topics[:limit])


@dataclass(frozen=True)
class Abstention:
    """Why the bot will not answer: the status, and the template line that says why."""

    status: AnswerStatus
    summary: str


def abstain(abstention: Abstention, search: SearchResult, rec_set: RecommendationSet) -> Answer:
    """An abstaining answer; a not_found one names the closest topics."""
    closest = _closest_topics(search.hits, rec_set) if abstention.status is AnswerStatus.NOT_FOUND else ()
    return Answer(status=abstention.status, summary=abstention.summary, closest_topics=closest)


def check_relevance(search: SearchResult, rec_set: RecommendationSet, thesaurus: Thesaurus, templates: Templates, settings: Settings) -> Abstention | None:
    """None when the best passage is close enough to answer from; otherwise why not."""
    question = search.query.corrected
    best = max((hit.dense_score or 0.0 for hit in search.hits), default=0.0)
    in_domain = thesaurus.mentions_domain(question)
    closest = "; ".join(_closest_topics(search.hits, rec_set)) or "none"
    condition = thesaurus.other_condition_in(question)
    covered = condition and thesaurus.other_condition_in_any(condition, [hit.passage.text for hit in search.hits])
    if condition and not covered and not thesaurus.names_subject(question):
        return Abstention(AnswerStatus.NOT_FOUND, templates.other_condition.format(condition=condition))
    if best >= (settings.min_domain_dense_score if in_domain else settings.min_dense_score):
        return None
    if in_domain:
        return Abstention(AnswerStatus.NOT_FOUND, templates.not_found.format(closest_topics=closest))
    return Abstention(AnswerStatus.OUT_OF_SCOPE, templates.out_of_scope.format(scope=templates.scope))


def check_details(question: str, passages: list[Hit], thesaurus: Thesaurus, templates: Templates, closest: str) -> Abstention | None:
    """A not_found when the question asks for a detail (e.g. dosing) that the passages do not give."""
    for detail in thesaurus.detail_requests:
        if detail.asked_in(question) and not any(detail.given_in(hit.passage.text) for hit in passages):
            return Abstention(AnswerStatus.NOT_FOUND, templates.missing_detail.format(detail=detail.name, closest_topics=closest))
    return None


def compose_answer(
    search: SearchResult,
    index: LoadedIndex,
    rec_set: RecommendationSet,
    thesaurus: Thesaurus,
    embedder: Embedder,
    templates: Templates,
    settings: Settings,
) -> Answer:
    """Pick the sentences that answer the question as verbatim quotes, or abstain with the reason."""
    if abstention := check_relevance(search, rec_set, thesaurus, templates, settings):
        return abstain(abstention, search, rec_set)
    passages = _answer_passages(search.hits, settings)
    closest = "; ".join(_closest_topics(search.hits, rec_set))
    if abstention := check_details(search.query.corrected, passages, thesaurus, templates, closest):
        return abstain(abstention, search, rec_set)
    ranked = _rank_sentences(search, index, embedder, passages)
    if not ranked:
        return abstain(Abstention(AnswerStatus.NOT_FOUND, templates.not_found.format(closest_topics=closest)), search, rec_set)
    kept = [c for c in ranked if c.score >= ranked[0].score * KEEP_RATIO][: settings.answer_max_quotes]
    kept.sort(key=lambda c: (c.hit.passage.document_id, c.start))
    quotes = tuple(
        make_quote(index.documents[c.hit.passage.document_id], c.start, c.end, c.hit.passage.recommendation_id) for c in kept
    )
    top_rec = search.hits[0].passage.recommendation_id
    rec_ids = list(dict.fromkeys([r for r in [top_rec, *(q.recommendation_id for q in quotes)] if r]))
    top = rec_set.get(top_rec) if top_rec else None
    if top is not None and top.status == "placeholder":
        summary = templates.placeholder.format(label=f"{top.title} ({top.id})")
        return Answer(AnswerStatus.NOT_FOUND, summary, quotes, tuple(rec_ids), _closest_topics(search.hits, rec_set))
    return Answer(AnswerStatus.ANSWERED, _summary(rec_ids, rec_set, templates), quotes, tuple(rec_ids))
