"""Facts about the guidelines as a whole (corpus/guidelines.yaml): schema and loading."""

from __future__ import annotations

import datetime
from enum import StrEnum
from pathlib import Path

from pydantic import BaseModel, ConfigDict, Field, ValidationError, model_validator

from chatbot.errors import RecommendationSetError
from chatbot.yaml_files import describe_errors, read_yaml_mapping

GUIDELINES_FILE = "guidelines.yaml"


class Confidence(StrEnum):
    """high: 2+ independent reputable reports; medium: one reputable report; low: blog or aggregator only."""

    HIGH = "high"
    MEDIUM = "medium"
    LOW = "low"


class _Strict(BaseModel):
    """A frozen model that rejects unknown keys."""

    model_config = ConfigDict(extra="forbid", frozen=True)


class ReportSource(_Strict):
    """A public report about the guidelines that our facts come from."""

    id: str = Field(pattern=r"^[a-z0-9]+(-[a-z0-9]+)*$")
    name: str
    date: datetime.date | None = None
    description: str
    used_for_content: bool

    def citation(self) -> str:
        """Short readable citation, e.g. 'HealthDay, 23 Feb 2026'."""
        return f"{self.name}, {short_date(self.date)}" if self.date else self.name


class Fact(_Strict):
    """One statement in our words, with its confidence and the reports it rests on."""

    text: str
    confidence: Confidence
    sources: tuple[str, ...]


class Publication(_Strict):
    """Who published the guidelines, where and when; identifiers that are not confirmed stay null."""

    publisher: str
    journal: str
    published_online: datetime.date
    press_release: datetime.date
    doi: str | None = None
    pmid: str | None = None
    identifiers_note: str
    confidence: Confidence
    sources: tuple[str, ...]


class Population(_Strict):
    """The population the guidelines address."""

    description: str
    age_min: int
    age_max: int
    confidence: Confidence
    sources: tuple[str, ...]


class GuidelineEntry(_Strict):
    """One guideline of the set (a part in domain.yaml): authorship, counts, scope and notes."""

    id: str = Field(pattern=r"^[a-z0-9]+([-_][a-z0-9]+)*$")
    title: str
    first_author: str
    affiliation: str
    recommendations: int = Field(ge=0)
    research_only: int | None = Field(None, ge=0, description="null: not reported")
    good_practice_statements: str = Field(description="a sentence on the guideline's good practice statements")
    scope: str | None = None
    focus_areas: tuple[str, ...] = ()
    confidence: Confidence
    sources: tuple[str, ...]
    notes: tuple[Fact, ...] = ()


class Panel(_Strict):
    """Who sat on the guideline panels."""

    members: tuple[str, ...]
    confidence: Confidence
    sources: tuple[str, ...]


class ResearchAgenda(_Strict):
    """The research both guidelines call for."""

    items: tuple[str, ...]
    confidence: Confidence
    sources: tuple[str, ...]


class GuidelineFacts(_Strict):
    """Everything in guidelines.yaml."""

    title: str
    publication: Publication
    population: Population
    coverage_note: Fact
    guidelines: tuple[GuidelineEntry, ...]
    panel: Panel
    grade_wording: str
    evidence_limitations: Fact
    research_agenda: ResearchAgenda
    companion_materials: Fact
    sources: tuple[ReportSource, ...]

    @model_validator(mode="after")
    def _consistent(self) -> GuidelineFacts:
        """Source ids are unique and resolve; each guideline appears once."""
        known = [source.id for source in self.sources]
        if len(set(known)) != len(known):
            raise ValueError("source ids must be unique")
        cited = [*self.publication.sources, *self.population.sources, *self.coverage_note.sources]
        cited += [*self.panel.sources, *self.evidence_limitations.sources, *self.research_agenda.sources]
        cited += self.companion_materials.sources
        for entry in self.guidelines:
            cited += [*entry.sources, *(source for note in entry.notes for source in note.sources)]
        unknown = sorted(set(cited) - set(known))
        if unknown:
            raise ValueError(f"unknown source ids: {', '.join(unknown)}")
        ids = [entry.id for entry in self.guidelines]
        if not ids or len(set(ids)) != len(ids):
            raise ValueError(f"guidelines must list each guideline once, got {ids}")
        return self

    def source(self, source_id: str) -> ReportSource:
        """The report with this id (KeyError when unknown)."""
        for source in self.sources:
            if source.id == source_id:
                return source
        raise KeyError(source_id)

    def guideline(self, guideline: str) -> GuidelineEntry:
        """The entry for one guideline."""
        return next(entry for entry in self.guidelines if entry.id == str(guideline))


def short_date(value: datetime.date) -> str:
    """'12 Feb 2026'."""
    return f"{value.day} {value:%b %Y}"


def long_date(value: datetime.date) -> str:
    """'12 February 2026'."""
    return f"{value.day} {value:%B %Y}"


def load_guideline_facts(corpus_dir: Path) -> GuidelineFacts:
    """Read and validate corpus/guidelines.yaml."""
    path = corpus_dir / GUIDELINES_FILE
    data = read_yaml_mapping(path, RecommendationSetError)
    try:
        return GuidelineFacts.model_validate(data)
    except ValidationError as exc:
        raise RecommendationSetError(f"{path.name}: {describe_errors(exc)}", hint=f"fix {path}") from exc
