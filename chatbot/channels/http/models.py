"""Request and response models of the HTTP API (its OpenAPI schema); plain pydantic, no web framework."""

from __future__ import annotations

from typing import Annotated, Any, Literal

from pydantic import AfterValidator, BaseModel, BeforeValidator, ConfigDict, Field, WithJsonSchema

from chatbot.channels.http.limits import control_char_problem
from chatbot.reply import RecommendationBody, SourceBody

MAX_QUOTE_INDEX = 1000  # the schema shows the configured bound (answer_max_quotes - 1); see apply_limits
EXAMPLE_QUESTION = "Should a 19 year old with newly diagnosed ALL get a pediatric or an adult regimen?"


def _clean(value: str) -> str:
    """The value, or a validation error naming its first control character (\\n, \\t, \\r allowed)."""
    problem = control_char_problem(value, "the text")
    if problem:
        raise ValueError(f"{problem}; only line breaks and tabs are allowed")
    return value


# What _clean accepts, as a JSON-schema pattern: no control character but \t \n \r. Lone surrogates (refused too)
# are not Unicode characters, so no pattern can name them (Rust and ECMA regex engines refuse \ud800 in a class).
_REFUSED = "\\x00-\\x08\\x0b\\x0c\\x0e-\\x1f\\x7f-\\x9f"
CLEAN_PATTERN = f"^[^{_REFUSED}]*$"
# ... and at least one character that is not white space (the core refuses blank questions and texts).
NOT_BLANK_PATTERN = f"^[^{_REFUSED}]*[^\\s{_REFUSED}][^{_REFUSED}]*$"


def clean_text(max_length: int | None = None, not_blank: bool = False) -> Any:
    """A str type refused (422) with control characters or lone surrogates, its JSON schema saying the same."""
    schema: dict[str, Any] = {"type": "string", "pattern": NOT_BLANK_PATTERN if not_blank else CLEAN_PATTERN}
    if not_blank:
        schema["minLength"] = 1
    if max_length is not None:
        schema["maxLength"] = max_length
        return Annotated[str, AfterValidator(_clean), Field(max_length=max_length), WithJsonSchema(schema)]
    return Annotated[str, AfterValidator(_clean), WithJsonSchema(schema)]


def _whole_number(value: object) -> object:
    """2.0 is an integer in JSON Schema; true, "2" and 2.5 stay what they are (refused by strict validation)."""
    return int(value) if isinstance(value, float) and value.is_integer() else value


QuoteIndex = Annotated[
    int,
    BeforeValidator(_whole_number),
    Field(ge=0, le=MAX_QUOTE_INDEX),
    WithJsonSchema({"type": "integer", "minimum": 0, "maximum": MAX_QUOTE_INDEX}),
]


class _Request(BaseModel):
    model_config = ConfigDict(extra="forbid", strict=True)  # strict: `quote_index: false` or "3" is not an integer


class ChatRequest(_Request):
    message: clean_text(not_blank=True) = Field(  # type: ignore[valid-type]
        description="the question (at most max_question_chars characters)", examples=[EXAMPLE_QUESTION]
    )
    session_id: clean_text(200) | None = Field(None, description="continue this conversation; omit to start one")  # type: ignore[valid-type]


class CheckRequest(_Request):
    text: clean_text(not_blank=True) = Field(  # type: ignore[valid-type]
        description="text to check against the recommendation set (at most max_check_chars characters)",
        examples=["The panel strongly recommends blinatumomab for MRD-positive B-ALL."],
    )


class FeedbackRequest(_Request):
    answer_id: clean_text(200) = Field(description="answer_id of a reply")  # type: ignore[valid-type]
    rating: Literal["up", "down"]
    comment: clean_text(4000) | None = Field(None)  # type: ignore[valid-type]
    quote_index: QuoteIndex | None = Field(None, description="0-based index of the rated quote (below the answer's quote count)")


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


ERRORS: dict[int | str, dict[str, Any]] = {status: {"model": ErrorModel} for status in (400, 401, 404, 405, 413, 422, 429, 500, 503)}


def apply_limits(schema: dict, settings: Any) -> None:
    """Write the configured limits into an OpenAPI schema: question and text lengths, the highest quote index."""
    components = schema.get("components", {}).get("schemas", {})
    limits = {("ChatRequest", "message"): settings.max_question_chars, ("CheckRequest", "text"): settings.max_check_chars}
    for (model, field), limit in limits.items():
        components[model]["properties"][field]["maxLength"] = limit
    quote_index = components["FeedbackRequest"]["properties"]["quote_index"]
    for option in quote_index.get("anyOf", [quote_index]):
        if option.get("type") == "integer":
            option["maximum"] = settings.answer_max_quotes - 1
