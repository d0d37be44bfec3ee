"""The reply contract, written once: pydantic models for `ask --json`, `POST /v1/chat`, its OpenAPI schema, Slack and evaluation."""

from __future__ import annotations

from typing import Any, Literal

from pydantic import BaseModel, ConfigDict, Field, ValidationError

from chatbot.recs.schema import Recommendation, RecommendationSet
from chatbot.types import GuardReport, Hit, Quote, QuoteSource, Reply


class _Body(BaseModel):
    """A response body: every field declared, nothing else."""

    model_config = ConfigDict(extra="forbid")


class BoxBody(_Body):
    """A rectangle on a page as fractions of the page (0-1, origin top-left); page is 1-based."""

    page: int = Field(ge=1)
    x0: float = Field(ge=0, le=1)
    y0: float = Field(ge=0, le=1)
    x1: float = Field(ge=0, le=1)
    y1: float = Field(ge=0, le=1)


class SourceBody(_Body):
    """Where a quote sits in its source: for a PDF its first page and boxes; for a text document its section and offsets."""

    kind: Literal["pdf", "text"]
    page: int | None
    page_count: int
    boxes: list[BoxBody]
    section: str
    char_start: int
    char_end: int


class QuoteBody(_Body):
    """One verbatim quote with its citation."""

    text: str
    document_id: str
    document_title: str
    document_kind: str
    section: str
    page: int | None
    char_start: int
    char_end: int
    recommendation_id: str | None
    verified: bool = Field(description="text == the document's canonical text[char_start:char_end], checked before the reply left")
    pack: str = Field("", description="short name of the guideline pack the quoted document belongs to")
    source: SourceBody | None = Field(None, description="where to show the quote in its source (page boxes, or section)")


class RecommendationBody(_Body):
    """The structured fields of one recommendation."""

    id: str
    guideline: str
    number: int | None
    part: str | None
    kind: str
    status: str
    title: str
    direction: str
    strength: str
    certainty: str
    population: dict[str, Any] = Field(description="age_band, description and the pack's facets (its domain.yaml)")
    intervention: str
    comparator: str | None
    confidence: str
    sources: list[str]
    labels: dict[str, str] = Field(description="the publication's own grading wording")
    statement: dict[str, Any] | None = Field(description="where the official statement sits (document, page, char span)")


class FindingBody(_Body):
    """One finding of the rules guard, with the checked text's span (and its words, for /v1/check)."""

    kind: str
    message: str
    recommendation_id: str | None
    span: list[int] | None = None
    text: str | None = None


class GuardBody(_Body):
    """The rules guard's verdict and findings."""

    verdict: Literal["pass", "warn", "fail"]
    findings: list[FindingBody]


class HitBody(_Body):
    """One retrieved passage: where it is and how it ranked."""

    rank: int
    passage_id: str
    document_id: str
    recommendation_id: str | None
    section: str
    page: int | None
    score: float
    dense_score: float | None
    lexical_score: float | None


class ReplyBody(_Body):
    """The whole reply."""

    answer_id: str
    session_id: str
    question: str
    resolved_question: str
    status: Literal["answered", "not_found", "out_of_scope", "needs_clarification"]
    summary: str
    quotes: list[QuoteBody]
    recommendations: list[RecommendationBody]
    closest_topics: list[str] = Field(description="related items, not an answer (shown apart)")
    uncovered: list[str] = Field([], description="what the question asks that the loaded guidelines do not address")
    follow_ups: list[str]
    clarification_options: list[str]
    guard: GuardBody
    retrieved: list[HitBody]
    corpus_version: str
    pack: str = Field(description="id of the pack that answered")
    settings_fingerprint: str
    timings_ms: dict[str, float]


def quote_body(quote: Quote) -> QuoteBody:
    """One quote with its citation."""
    return QuoteBody(
        text=quote.text,
        document_id=quote.document_id,
        document_title=quote.document_title,
        document_kind=quote.document_kind.value,
        section=quote.section,
        page=quote.page,
        char_start=quote.char_start,
        char_end=quote.char_end,
        recommendation_id=quote.recommendation_id,
        verified=quote.verified,
        pack=quote.pack,
        source=source_body(quote.source),
    )


def source_body(source: QuoteSource | None) -> SourceBody | None:
    """Where a quote is in its source, or None."""
    if source is None:
        return None
    return SourceBody(
        kind=source.kind,
        page=source.page,
        page_count=source.page_count,
        section=source.section,
        char_start=source.char_start,
        char_end=source.char_end,
        boxes=[BoxBody(page=b.page, x0=b.x0, y0=b.y0, x1=b.x1, y1=b.y1) for b in source.boxes],
    )


def guard_body(report: GuardReport, text: str | None = None) -> GuardBody:
    """A guard report; with the checked text, each finding also carries the words it points at."""
    findings = [
        FindingBody(
            kind=f.kind,
            message=f.message,
            recommendation_id=f.recommendation_id,
            span=list(f.span) if f.span else None,
            text=text[f.span[0] : f.span[1]] if text is not None and f.span else None,
        )
        for f in report.findings
    ]
    return GuardBody(verdict=report.verdict, findings=findings)


def hit_body(hit: Hit, rank: int) -> HitBody:
    """One retrieved passage and its scores."""
    passage = hit.passage
    return HitBody(
        rank=rank,
        passage_id=passage.id,
        document_id=passage.document_id,
        recommendation_id=passage.recommendation_id,
        section=" > ".join(passage.section_path),
        page=passage.page_start,
        score=round(hit.fused_score, 6),
        dense_score=None if hit.dense_score is None else round(hit.dense_score, 4),
        lexical_score=None if hit.lexical_score is None else round(hit.lexical_score, 4),
    )


def recommendation_body(rec: Recommendation) -> RecommendationBody:
    """The structured fields of one recommendation."""
    return RecommendationBody(
        id=rec.id,
        guideline=rec.guideline,
        number=rec.number,
        part=rec.part,
        kind=rec.kind.value,
        status=rec.status.value,
        title=rec.title,
        direction=rec.direction.value,
        strength=rec.strength.value,
        certainty=rec.certainty.value,
        population=rec.population.model_dump(mode="json"),
        intervention=rec.intervention,
        comparator=rec.comparator,
        confidence=rec.confidence.value,
        sources=list(rec.sources),
        labels=dict(rec.labels),
        statement=rec.statement.model_dump(mode="json") if rec.statement else None,
    )


def reply_body(reply: Reply, rec_set: RecommendationSet) -> ReplyBody:
    """The whole reply as the contract's model."""
    answer = reply.answer
    recs = [rec for rec_id in answer.recommendation_ids if (rec := rec_set.get(rec_id)) is not None]
    return ReplyBody(
        answer_id=reply.answer_id,
        session_id=reply.session_id,
        question=reply.question,
        resolved_question=reply.resolved_question,
        status=answer.status.value,
        summary=answer.summary,
        quotes=[quote_body(q) for q in answer.quotes],
        recommendations=[recommendation_body(r) for r in recs],
        closest_topics=list(answer.closest_topics),
        uncovered=list(answer.uncovered),
        follow_ups=list(answer.follow_ups),
        clarification_options=list(answer.clarification_options),
        guard=guard_body(reply.guard),
        retrieved=[hit_body(hit, rank) for rank, hit in enumerate(reply.retrieved, start=1)],
        corpus_version=reply.corpus_version,
        pack=reply.pack_id,
        settings_fingerprint=reply.settings_fingerprint,
        timings_ms={stage: round(ms, 2) for stage, ms in reply.timings_ms.items()},
    )


def contract_problems(body: object) -> list[str]:
    """Where a JSON body departs from the reply contract, as dotted paths with the reason (empty when it holds)."""
    try:
        ReplyBody.model_validate(body)
    except ValidationError as exc:
        return [f"{'.'.join(str(part) for part in error['loc'])}: {error['msg']}" for error in exc.errors()]
    return []
