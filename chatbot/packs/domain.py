"""A pack's domain (domain.yaml): population facets and their phrases, excluded populations, parts, wording."""

from __future__ import annotations

import re
from functools import cached_property
from pathlib import Path
from typing import Literal

from pydantic import BaseModel, ConfigDict, Field, ValidationError, model_validator

from chatbot.errors import ConfigError
from chatbot.packs.fact_sheet import FactSheet
from chatbot.yaml_files import describe_errors, read_yaml_mapping

DOMAIN_FILE = "domain.yaml"
OPEN_VALUES = ("any", "unknown")
PROPERTIES = ("source", "certainty", "strength", "applicability", "population", "direction")


class _Strict(BaseModel):
    """A frozen model that rejects unknown keys."""

    model_config = ConfigDict(extra="forbid", frozen=True)


class FacetValue(_Strict):
    """One value of a population facet and the words around it."""

    phrases: tuple[str, ...] = Field((), description="regular expressions that name the value (case-insensitive)")
    label: str | None = Field(None, description="the value in reasons ('B' in 'B-cell disease'); default: the id in words")
    words: str | None = Field(None, description="the value inside a question or a state line ('Ph-positive')")
    option: str | None = Field(None, description="the value as a clarification choice")
    covers: tuple[str, ...] = Field((), description="other values of the facet that an item with this value also covers")
    days: tuple[float, float | None] | None = Field(
        None, description="a length of time in [from, to) days names this value ('2 months' -> subacute); to null: no end"
    )


class Facet(_Strict):
    """A population facet: its values (most specific first) and how a conflict reads."""

    values: dict[str, FacetValue]
    conflict: str = Field("{named}, but the item covers {covered}", description="reason template with {named} and {covered}")
    complement: dict[str, str] = Field({}, description="value -> its opposite, offered together when a question leaves the facet open")

    def label(self, value: str) -> str:
        """A value as a reason shows it."""
        entry = self.values.get(value)
        return entry.label if entry and entry.label else value.replace("_", " ")

    def covered_by(self, value: str) -> frozenset[str]:
        """The values an item with `value` covers (itself included)."""
        entry = self.values.get(value)
        return frozenset({value, *(entry.covers if entry else ())})


class AgeWord(_Strict):
    """Words that place a patient at a representative age without a number ('children' -> 8)."""

    pattern: str
    age: int = Field(ge=0, le=130)


class Exclusion(_Strict):
    """A population the guideline excludes from its scope (e.g. cancer-related pain)."""

    name: str = Field(min_length=1)
    phrases: tuple[str, ...] = Field(min_length=1)


class Part(_Strict):
    """One guideline of the pack (e.g. first-line and relapsed disease): its names, id prefix and facet defaults."""

    title: str = Field(min_length=1)
    short_name: str = Field(min_length=1)
    id_prefix: str = Field("", pattern=r"^([A-Z][A-Z0-9]*)?$")
    defaults: dict[str, str] = Field({}, description="facet values an item of this part has when it leaves them open")
    phrases: tuple[str, ...] = Field((), description="regular expressions that name the part in a text")
    citation_words: tuple[str, ...] = Field(
        (), description="the words its publication puts before a statement's number ('Statement', 'Rec.'), found by pack init"
    )


class Grading(_Strict):
    """The pack's own words for GRADE's strength and certainty ('category A' = strong, 'type 4' = very low)."""

    strength: dict[Literal["strong", "conditional"], tuple[str, ...]] = Field({}, description="value -> regular expressions")
    certainty: dict[Literal["high", "moderate", "low", "very_low"], tuple[str, ...]] = Field({}, description="value -> regular expressions")


class Domain(_Strict):
    """What the engine must know about a guideline's field; every part of it is optional."""

    subject: str = Field("", description="the patients and condition, in words ('adults with pain')")
    facets: dict[str, Facet] = {}
    clarify: tuple[str, ...] = Field((), description="facets offered as clarification choices, in order")
    age_words: tuple[AgeWord, ...] = ()
    people: tuple[str, ...] = Field((), description="phrases naming the guideline's patients or condition: neither a facet nor a topic")
    exclusions: tuple[Exclusion, ...] = ()
    parts: dict[str, Part] = {}
    wording: dict[str, str] = Field({}, description="templates of prompts/templates.yaml this pack words its own way")
    facts: FactSheet = FactSheet()
    grading: Grading = Grading()
    properties: dict[str, tuple[str, ...]] = Field(
        {},
        description="the pack's own words for asking about an item's property (its grading scale's names), beside prompts/followups.yaml",
    )

    __hash__ = object.__hash__  # hashed by identity (its mappings are not hashable), so caches can key on it (in C: asked per cached call)

    @model_validator(mode="after")
    def _consistent(self) -> Domain:
        """Clarified facets, complements, covers and part defaults name facets and values that exist."""
        for name in self.clarify:
            if name not in self.facets:
                raise ValueError(f"clarify names an unknown facet {name!r}")
        for name, facet in self.facets.items():
            named = [*(v for entry in facet.values.values() for v in entry.covers), *facet.complement, *facet.complement.values()]
            if unknown := sorted({v for v in named if v not in facet.values}):
                raise ValueError(f"facet {name}: covers or complement refer to unknown values {unknown}")
            for pattern in (p for entry in facet.values.values() for p in entry.phrases):
                _check_pattern(pattern)
        for part_id, part in self.parts.items():
            for name, value in part.defaults.items():
                if name not in self.facets or value not in self.facets[name].values:
                    raise ValueError(f"part {part_id}: default {name}={value!r} is not a facet value")
        if unknown_parts := sorted({a.part for a in self.facts.authors if a.part and a.part not in self.parts}):
            raise ValueError(f"facts: authors name unknown parts {unknown_parts}")
        sheet = self.facts
        for pattern in (*self.people, *(w.pattern for w in self.age_words), *(p for e in self.exclusions for p in e.phrases)):
            _check_pattern(pattern)
        if unknown := sorted(set(self.properties) - set(PROPERTIES)):
            raise ValueError(f"properties names unknown properties {unknown} (known: {', '.join(PROPERTIES)})")
        graded = [p for table in (self.grading.strength, self.grading.certainty) for ps in table.values() for p in ps]
        asked = [p for patterns in self.properties.values() for p in patterns]
        for pattern in (*sheet.names, *sheet.publishers, *sheet.journals, *sheet.institutions, *graded, *asked):
            _check_pattern(pattern)
        return self

    def facet_problems(self, facets: dict[str, str]) -> list[str]:
        """Why an item's population facets do not fit this domain (empty when they do, or when it declares no facets yet)."""
        if not self.facets:
            return []
        problems = []
        for name, value in facets.items():
            if name not in self.facets:
                problems.append(f"unknown facet {name!r} (the pack's domain.yaml declares {sorted(self.facets) or 'none'})")
            elif value not in self.facets[name].values and value not in OPEN_VALUES:
                problems.append(f"{name}: {value!r} is not one of {[*self.facets[name].values, *OPEN_VALUES]}")
        return problems

    def id_prefix(self, part: str) -> str | None:
        """The id prefix of a part's items ('FL'), or None for a part the domain does not declare."""
        entry = self.parts.get(part)
        return entry.id_prefix or None if entry else None

    def part_name(self, part: str | None) -> str:
        """A part's short name ('relapsed/refractory'), or the id in words."""
        entry = self.parts.get(part or "")
        return entry.short_name if entry else (part or "").replace("_", " ")

    @cached_property
    def people_pattern(self) -> re.Pattern[str] | None:
        """One pattern for the people and condition words, or None."""
        return re.compile("|".join(f"(?:{p})" for p in self.people)) if self.people else None


def _check_pattern(pattern: str) -> None:
    """A ValueError naming a pattern that is not a valid regular expression."""
    try:
        re.compile(pattern)
    except re.error as exc:
        raise ValueError(f"invalid pattern {pattern!r}: {exc}") from exc


def load_domain(pack_folder: Path) -> Domain:
    """The pack's domain.yaml, or an empty domain when the pack has none."""
    path = pack_folder / DOMAIN_FILE
    if not path.is_file():
        return Domain()
    data = read_yaml_mapping(path, ConfigError)
    try:
        return Domain.model_validate(data)
    except ValidationError as exc:
        raise ConfigError(f"{path}: {describe_errors(exc)}", hint="see corpus/domain.yaml for the format") from exc
