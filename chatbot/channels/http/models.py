"""Request and response models of the HTTP API (its OpenAPI schema); plain pydantic, no web framework."""

from __future__ import annotations

from typing import Annotated, Literal

from pydantic import AfterValidator, BaseModel, ConfigDict, Field

from chatbot.channels.http.limits import control_char_problem
from chatbot.reply import RecommendationBody, SourceBody

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


class RecommendationList(BaseModel):
    recommendations: list[RecommendationBody]


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
    source: SourceBody
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


class PackModel(BaseModel):
    id: str
    title: str
    short_name: str = Field(description="names the pack in every citation")
    welcome: str = Field(description="what to ask about, as the chat widget first says it")
    parts: dict[str, str] = Field(default_factory=dict, description="the pack's guidelines: id -> short name")


class PackList(BaseModel):
    packs: list[PackModel]


class ErrorDetail(BaseModel):
    code: str
    message: str
    hint: str


class ErrorModel(BaseModel):
    error: ErrorDetail


ERRORS = {status: {"model": ErrorModel} for status in (401, 404, 413, 422, 429, 500)}
