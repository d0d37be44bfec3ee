"""Request and response models of the HTTP API (its OpenAPI schema); plain pydantic, no web framework."""

from __future__ import annotations

from typing import Annotated, Any, Literal

from pydantic import AfterValidator, BaseModel, ConfigDict, Field

from chatbot.channels.http.limits import control_char_problem

EXAMPLE_QUESTION = "Should a 19 year old with newly diagnosed ALL get a pediatric or an adult regimen?"


def _clean(value: str) -> str:
    """The value, or a validation error naming its first control character (\\n, \\t, \\r allowed)."""
    problem = control_char_problem(value, "the text")
    if problem:
        raise ValueError(f"{problem}; only line breaks and tabs are allowed")
    return value


CleanText = Annotated[str, AfterValidator(_clean)]


class _Request(BaseModel):
    model_config = ConfigDict(extra="forbid")


class ChatRequest(_Request):
    message: CleanText = Field(description="the question", examples=[EXAMPLE_QUESTION])
    session_id: CleanText | None = Field(None, max_length=200, description="continue this conversation; omit to start one")


class CheckRequest(_Request):
    text: CleanText = Field(description="text to check against the recommendation set",
                            examples=["The panel strongly recommends blinatumomab for MRD-positive B-ALL."])


class FeedbackRequest(_Request):
    answer_id: CleanText = Field(max_length=200, description="answer_id of a reply")
    rating: Literal["up", "down"]
    comment: CleanText | None = Field(None, max_length=4000)
    quote_index: int | None = Field(None, ge=0, le=1000, description="0-based index of the rated quote")


class _Open(BaseModel):
    model_config = ConfigDict(extra="allow")


class BoxModel(BaseModel):
    page: int = Field(description="1-based page")
    x0: float = Field(ge=0, le=1, description="left, as a fraction of the page width")
    y0: float = Field(ge=0, le=1, description="top, as a fraction of the page height (origin top-left)")
    x1: float = Field(ge=0, le=1)
    y1: float = Field(ge=0, le=1)


class SourceModel(BaseModel):
    kind: Literal["pdf", "text"] = Field(description="pdf: show pages with boxes; text: show the section")
    page: int | None = Field(description="the first page of the quote (PDF)")
    page_count: int = Field(description="pages in the PDF (0 for text documents)")
    boxes: list[BoxModel] = Field(description="one box per line run of the quote, possibly on several pages")
    section: str
    char_start: int
    char_end: int


class QuoteModel(_Open):
    text: str
    document_id: str
    document_title: str
    document_kind: str
    section: str
    page: int | None
    char_start: int
    char_end: int
    recommendation_id: str | None
    verified: bool
    pack: str = Field("", description="short name of the guideline pack the quoted document belongs to")
    source: SourceModel | None = Field(None, description="where the quote is in its source (GET /v1/documents/{id}/pages/{n})")


class RecommendationModel(_Open):
    id: str
    guideline: str
    number: int | None
    kind: str
    status: str
    direction: str | None
    strength: str | None
    certainty: str | None
    population: dict[str, Any]
    intervention: str | None
    comparator: str | None
    confidence: str | None


class FindingModel(_Open):
    kind: str
    message: str
    recommendation_id: str | None
    span: list[int] | None = None
    text: str | None = None


class GuardModel(_Open):
    verdict: Literal["pass", "warn", "fail"]
    findings: list[FindingModel]


class ReplyModel(_Open):
    answer_id: str
    session_id: str
    question: str
    resolved_question: str
    status: Literal["answered", "not_found", "out_of_scope", "needs_clarification"]
    summary: str
    quotes: list[QuoteModel]
    recommendations: list[RecommendationModel]
    guard: GuardModel
    corpus_version: str
    timings_ms: dict[str, float]


class RecommendationList(BaseModel):
    recommendations: list[RecommendationModel]


class ContextModel(BaseModel):
    document_id: str
    title: str
    kind: str
    quote: str
    before: str
    after: str
    page: int | None
    section: str


class DocumentSourceModel(BaseModel):
    document_id: str
    title: str
    kind: str
    quote: str
    source: SourceModel
    section_text: str | None = Field(description="text documents: the section holding the quote (bounded)")
    section_offset: int | None = Field(description="canonical offset where section_text starts")


class OkModel(BaseModel):
    ok: bool = True


class HealthModel(BaseModel):
    status: Literal["ok"] = "ok"


class ReadyModel(BaseModel):
    status: Literal["ready"] = "ready"
    corpus_version: str
    passages: int
    packs: list[str] = Field(default_factory=list, description="ids of the loaded guideline packs")


class ErrorDetail(BaseModel):
    code: str
    message: str
    hint: str


class ErrorModel(BaseModel):
    error: ErrorDetail


ERRORS = {status: {"model": ErrorModel} for status in (401, 404, 413, 422, 429, 500)}
