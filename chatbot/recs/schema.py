"""The structured recommendation set: items, populations, gradings, and the checks a set must pass (loading: recs/loading.py)."""

from __future__ import annotations

import re
from enum import StrEnum
from functools import cached_property

from pydantic import BaseModel, ConfigDict, Field, field_validator, model_validator

from chatbot.packs.domain import Domain
from chatbot.packs.facts import (
    Confidence,
    GuidelineFacts,
    ReportSource,
    load_guideline_facts,
)

__all__ = [
    "Confidence",
    "GuidelineFacts",
    "Kind",
    "Recommendation",
    "RecommendationSet",
    "linked_recommendation_id",
    "load_guideline_facts",
]

RECOMMENDATIONS_DIR = "recommendations"
GOOD_PRACTICE_PART = "gps"  # the part an extracted good practice statement's id carries ("R-1gps": numbered apart)
_ID_PATTERN = r"[A-Z][A-Z0-9]*-[a-z0-9]+(?:[-.][a-z0-9]+)*"  # a section-style number keeps its dots: "R-2.1.1"
_HEADING_ID = re.compile(rf"\(({_ID_PATTERN})\)\s*$")


class Kind(StrEnum):
    """What sort of item the guideline states."""

    RECOMMENDATION = "recommendation"
    GOOD_PRACTICE_STATEMENT = "good_practice_statement"
    RESEARCH_ONLY = "research_only"


class Direction(StrEnum):
    """Which way the item points."""

    FOR = "for"
    AGAINST = "against"
    INDIVIDUALIZED = "individualized"
    RESEARCH_ONLY = "research_only"
    UNKNOWN = "unknown"


class Strength(StrEnum):
    """GRADE strength: 'recommends' = strong, 'suggests' = conditional."""

    STRONG = "strong"
    CONDITIONAL = "conditional"
    NOT_APPLICABLE = "not_applicable"
    UNKNOWN = "unknown"


class Certainty(StrEnum):
    """GRADE certainty of the evidence."""

    HIGH = "high"
    MODERATE = "moderate"
    LOW = "low"
    VERY_LOW = "very_low"
    NOT_APPLICABLE = "not_applicable"
    UNKNOWN = "unknown"


_LEVEL_SEPARATORS = re.compile(r"[\s\-\u2010\u2011\u2013]+")  # spaces, hyphens (ASCII, Unicode, non-breaking), en dashes


def certainty_level(word: str) -> Certainty:
    """The certainty a level word names ("very-low", "Very low", "Moderate")."""
    return Certainty(_LEVEL_SEPARATORS.sub("_", word.strip().lower()))


class Status(StrEnum):
    """reported: from secondary sources; verified: reviewed against the publication; placeholder: content unknown;
    extracted: read from the publication by `chatbot recs extract`, not yet reviewed."""

    REPORTED = "reported"
    VERIFIED = "verified"
    PLACEHOLDER = "placeholder"
    EXTRACTED = "extracted"


class _Strict(BaseModel):
    """A frozen model that rejects unknown keys."""

    model_config = ConfigDict(extra="forbid", frozen=True)


class Population(BaseModel):
    """The population an item applies to: an age band, the pack's facets (domain.yaml), and a description in our words."""

    model_config = ConfigDict(extra="allow", frozen=True)

    age_band: str = Field("unknown", pattern=r"^(\d{1,3}-\d{1,3}|unknown)$")
    description: str = Field(min_length=1)

    @model_validator(mode="after")
    def _facets_are_words(self) -> Population:
        """Every facet value is a string (checked against the pack's domain when the set loads)."""
        for name, value in self.facets.items():
            if not isinstance(value, str):
                raise ValueError(f"population facet {name} must be a string, got {value!r}")
        return self

    @property
    def facets(self) -> dict[str, str]:
        """The facets named beside the age band and description (stage, phase, ...)."""
        return dict(self.model_extra or {})

    def facet(self, name: str) -> str:
        """A facet's value; 'unknown' when the item does not give it."""
        return (self.__pydantic_extra__ or {}).get(name, "unknown")  # model_extra, without the property's call

    def facets_unknown(self) -> bool:
        """Whether every facet other than the age band is unknown."""
        return all(value == "unknown" for value in self.facets.values())


class StatementRef(_Strict):
    """Where an official statement sits: document id, page, and its char span in the canonical text."""

    document: str
    page: int | None = Field(None, ge=1)
    char_start: int | None = Field(None, ge=0)
    char_end: int | None = Field(None, ge=0)


class Recommendation(_Strict):
    """One item of a guideline: a recommendation, a good practice statement or a research-only item."""

    id: str = Field(pattern=rf"^{_ID_PATTERN}$")
    guideline: str = Field(pattern=r"^[a-z0-9]+([-_][a-z0-9]+)*$")
    number: int | None = Field(None, ge=1)
    part: str | None = Field(
        None, pattern=r"^([a-z]|[ivx]+|gps)$", description="letter or roman part; 'gps' for a numbered good practice statement"
    )
    kind: Kind
    title: str = Field(min_length=1)
    population: Population
    intervention: str = Field(min_length=1)
    comparator: str | None
    direction: Direction
    direction_detail: str | None = None
    strength: Strength
    certainty: Certainty
    remarks: tuple[str, ...] = ()
    status: Status
    confidence: Confidence
    sources: tuple[str, ...] = Field(min_length=1)
    keywords: tuple[str, ...] = ()
    labels: tuple[tuple[str, str], ...] = Field((), description="the publication's own grading wording, as (name, wording)")
    statement: StatementRef | None = None

    @field_validator("labels", mode="before")
    @classmethod
    def _labels_from_mapping(cls, value: object) -> object:
        """Labels are written as a mapping in YAML and kept as hashable pairs."""
        return tuple((str(k), str(v)) for k, v in value.items()) if isinstance(value, dict) else value

    @property
    def label(self) -> str:
        """Number and part as the publication prints them, e.g. '3a'; empty when unnumbered."""
        if not self.number:
            return ""
        number = dict(self.labels).get("number") or self.number  # a section-style number as printed: "2.1.1"
        return f"good practice statement {number}" if self.part == "gps" else f"{number}{self.part or ''}"

    @property
    def is_placeholder(self) -> bool:
        """Known to exist, content unknown."""
        return self.status == Status.PLACEHOLDER

    @property
    def is_uncurated(self) -> bool:
        """Extracted from the publication and given no keywords by anyone (its own text is all that is known of it)."""
        return self.status is Status.EXTRACTED and not self.keywords

    @model_validator(mode="after")
    def _coherent(self) -> Recommendation:
        """Kind and placeholder rules (id prefixes and facets are checked against the pack's domain at load)."""
        research = self.kind == Kind.RESEARCH_ONLY
        if research != (self.direction == Direction.RESEARCH_ONLY):
            raise ValueError("kind research_only and direction research_only go together")
        if research and self.strength != Strength.NOT_APPLICABLE:
            raise ValueError("a research_only item has strength not_applicable")
        if self.kind == Kind.RECOMMENDATION and Strength.NOT_APPLICABLE in (self.strength, self.certainty):
            raise ValueError("a graded recommendation cannot have strength or certainty not_applicable")
        if self.kind == Kind.GOOD_PRACTICE_STATEMENT and self.strength in (Strength.STRONG, Strength.CONDITIONAL):
            raise ValueError("a good practice statement is not graded: strength must be not_applicable or unknown")
        if "-unreported-" in self.id and not self.is_placeholder:
            raise ValueError("an 'unreported' id must have status placeholder")
        if self.is_placeholder:
            self._check_placeholder()
        return self

    def _check_placeholder(self) -> None:
        """A placeholder claims nothing beyond its existence and its kind."""
        research = self.kind == Kind.RESEARCH_ONLY
        expected = {
            "intervention": "unknown",
            "comparator": "unknown",
            "direction": Direction.RESEARCH_ONLY if research else Direction.UNKNOWN,
            "strength": Strength.NOT_APPLICABLE if research else Strength.UNKNOWN,
            "certainty": Certainty.UNKNOWN,
        }
        wrong = [f"{name}={getattr(self, name)!s}" for name, value in expected.items() if getattr(self, name) != value]
        if wrong:
            raise ValueError(f"placeholder {self.id} must not state content: {', '.join(wrong)}")
        if not self.population.facets_unknown() or self.direction_detail or self.keywords:
            raise ValueError(
                f"placeholder {self.id} must not state content: population facets must be unknown, "
                "direction_detail empty and keywords empty"
            )


class RecommendationSet(_Strict):
    """A pack's items, the report sources, the counts the reports give, and the domain they are read in."""

    items: tuple[Recommendation, ...]
    sources: tuple[ReportSource, ...]
    expected_counts: tuple[tuple[str, Kind, int], ...] = ()
    domain: Domain = Domain()

    @model_validator(mode="after")
    def _resolved(self) -> RecommendationSet:
        """Ids are unique and every cited source is known and usable for content."""
        problems = _duplicate_problems(self.items) + [
            problem for item in self.items for problem in source_problems(item, self.sources) + domain_problems(item, self.domain)
        ]
        if problems:
            raise ValueError("; ".join(problems))
        return self

    def __hash__(self) -> int:
        """The set's value hash, worked out once: caches key on the set, and hashing every item per lookup cost more than the lookup."""
        return self._value_hash

    @cached_property
    def _value_hash(self) -> int:
        """Hash of the fields' values (the set is frozen, so it never changes)."""
        return hash((self.items, self.sources, self.expected_counts, self.domain))

    def get(self, rec_id: str) -> Recommendation | None:
        """The item with this id, or None."""
        return self._by_id.get(rec_id)

    @cached_property
    def _by_id(self) -> dict[str, Recommendation]:
        """Each id's first item, looked up once per set."""
        by_id: dict[str, Recommendation] = {}
        for item in self.items:
            by_id.setdefault(item.id, item)
        return by_id

    def by_guideline(self, guideline: str) -> tuple[Recommendation, ...]:
        """The items of one guideline, in file order."""
        return tuple(item for item in self.items if item.guideline == str(guideline))

    def by_number(self, guideline: str, number: int, part: str | None = None) -> Recommendation | None:
        """The item with this number (and part) in this guideline, or None (numbers are mostly unknown)."""
        return next((item for item in self.by_guideline(guideline) if item.number == number and item.part == part), None)


def source_problems(item: Recommendation, sources: tuple[ReportSource, ...]) -> list[str]:
    """Sources an item cites that are unknown or flagged not to be used for content."""
    by_id = {source.id: source for source in sources}
    problems = [f"{item.id}: unknown source id {sid!r}" for sid in item.sources if sid not in by_id]
    problems += [
        f"{item.id}: source {sid!r} is flagged not used for content"
        for sid in item.sources
        if sid in by_id and not by_id[sid].used_for_content
    ]
    return problems


def domain_problems(item: Recommendation, domain: Domain) -> list[str]:
    """Where an item disagrees with its pack's domain: id prefix of its part, population facets."""
    prefix = domain.id_prefix(item.guideline)
    problems = (
        [f"{item.id}: id must start with {prefix}- for guideline {item.guideline}"]
        if prefix and not item.id.startswith(f"{prefix}-")
        else []
    )
    return problems + [f"{item.id}: population {problem}" for problem in domain.facet_problems(item.population.facets)]


def _duplicate_problems(items: tuple[Recommendation, ...]) -> list[str]:
    """One message per id used more than once."""
    ids = [item.id for item in items]
    return [f"duplicate id {rec_id}" for rec_id in sorted({i for i in ids if ids.count(i) > 1})]


def linked_recommendation_id(section_title: str, rec_set: RecommendationSet) -> str | None:
    """The id in a heading that ends with '(<rec id>)', when that id is in the set."""
    match = _HEADING_ID.search(section_title)
    if match and rec_set.get(match.group(1)) is not None:
        return match.group(1)
    return None
