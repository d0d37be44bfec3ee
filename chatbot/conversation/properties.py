"""Questions about a property of the item under discussion (strength, certainty, source, whom it covers), answered from its fields."""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path

from chatbot.config import PROJECT_ROOT
from chatbot.errors import ConfigError
from chatbot.packs.domain import PROPERTIES, Domain
from chatbot.packs.facts import ReportSource
from chatbot.recs.population import NamedPopulation, population_conflicts
from chatbot.recs.schema import Kind, Recommendation, Status
from chatbot.yaml_files import read_yaml_mapping

FOLLOWUPS_FILE = PROJECT_ROOT / "prompts" / "followups.yaml"
ASKS_ABOUT = PROPERTIES
_ORIGIN = {
    Status.REPORTED: "reported in secondary sources",
    Status.VERIFIED: "verified against the publication",
    Status.PLACEHOLDER: "content not reported",
    Status.EXTRACTED: "extracted from the publication, not yet reviewed",
}


@dataclass(frozen=True)
class PropertyWords:
    """The compiled property patterns (general ones first, then a pack's own) and the words that return to an earlier topic."""

    properties: tuple[tuple[str, re.Pattern[str]], ...]
    returns: re.Pattern[str] | None

    def asked(self, question: str) -> str | None:
        """The property a question asks about, or None."""
        return next((name for name, pattern in self.properties if pattern.search(question)), None)

    def without(self, question: str) -> str:
        """The question with its property and return words blanked (they name no item: "strong or conditional?")."""
        for _, pattern in self.properties:
            question = pattern.sub(" ", question)
        return self.returns.sub(" ", question) if self.returns else question

    def goes_back(self, question: str) -> bool:
        """Whether a question returns to an earlier topic ("back to ...")."""
        return bool(self.returns and self.returns.search(question))


def _compile(patterns: Sequence[str], where: str) -> re.Pattern[str]:
    """One case-insensitive pattern for a list; ConfigError naming the file for a bad one."""
    try:
        return re.compile("|".join(f"(?:{p})" for p in patterns), re.IGNORECASE)
    except re.error as exc:
        raise ConfigError(f"{where}: invalid pattern: {exc}") from exc


@lru_cache(maxsize=4)
def _general(path: Path = FOLLOWUPS_FILE) -> tuple[dict[str, tuple[str, ...]], tuple[str, ...]]:
    """The general property and return patterns of prompts/followups.yaml (read on first use)."""
    data = read_yaml_mapping(path, ConfigError)
    properties = data.get("properties") or {}
    unknown = sorted(set(properties) - set(ASKS_ABOUT))
    if unknown or not isinstance(properties, dict):
        raise ConfigError(f"{path}: unknown properties {unknown}; expected some of {list(ASKS_ABOUT)}")
    return {name: tuple(properties.get(name) or ()) for name in ASKS_ABOUT}, tuple(data.get("returns") or ())


@lru_cache(maxsize=16)
def property_words(domain: Domain) -> PropertyWords:
    """The property patterns for a pack: its domain's own words are tried before the general ones of the same property."""
    general, returns = _general()
    compiled = []
    for name in ASKS_ABOUT:
        patterns = (*domain.properties.get(name, ()), *general[name])
        if patterns:
            compiled.append((name, _compile(patterns, f"property {name}")))
    return PropertyWords(tuple(compiled), _compile(returns, "returns") if returns else None)


def _words(value: str) -> str:
    """An enum value as words ('very_low' -> 'very low', 'unknown' -> 'not reported')."""
    return "not reported" if value == "unknown" else value.replace("_", " ")


def _name(rec: Recommendation) -> str:
    """An item as a property answer names it: id and title."""
    return f"{rec.id} ({rec.title})"


def _applies(rec: Recommendation, named: NamedPopulation, domain: Domain) -> str:
    """Whether an item covers the population a follow-up names, with the reasons when it does not."""
    conflicts = population_conflicts(named, rec.population, rec.guideline, domain)
    if conflicts:
        return f"{_name(rec)} does not cover that population: {'; '.join(conflicts)}. It applies to {rec.population.description}"
    return f"{_name(rec)} applies to {rec.population.description}; nothing in its population excludes the one named"


def followup_summary(
    asks_about: str,
    recs: list[Recommendation],
    catalogue: Sequence[ReportSource] = (),
    named: NamedPopulation | None = None,
    domain: Domain | None = None,
) -> str:
    """The sentence answering how strong / what certainty / where it says / whom it covers, naming the item it is about."""
    if asks_about not in ASKS_ABOUT:
        raise ValueError(f"unknown asks_about {asks_about!r}: expected one of {', '.join(ASKS_ABOUT)}")
    names = {source.id: source.citation() for source in catalogue}
    sentences = []
    for rec in recs:
        strength, certainty = _words(rec.strength.value), _words(rec.certainty.value)
        standing = f"{_ORIGIN[rec.status]}, {rec.confidence.value} confidence"
        if rec.labels:
            standing += "; as published: " + ", ".join(f"{name.replace('_', ' ')} {value}" for name, value in rec.labels)
        if asks_about == "strength" and rec.kind == Kind.RECOMMENDATION:
            sentences.append(f"Strength of {_name(rec)}: {strength} ({standing}). Certainty of evidence: {certainty}.")
        elif asks_about == "strength":
            sentences.append(
                f"{_name(rec)} is a {_words(rec.kind.value)}, not a graded recommendation ({standing}). "
                f"Strength: {strength}. Certainty of evidence: {certainty}."
            )
        elif asks_about == "certainty":
            sentences.append(f"Certainty of evidence for {_name(rec)}: {certainty} ({standing}). Strength: {strength}.")
        elif asks_about == "source":
            where = ""
            if rec.statement is not None:
                where = f"; the statement is in {rec.statement.document}" + (f", page {rec.statement.page}" if rec.statement.page else "")
            sentences.append(f"Sources for {_name(rec)}: {'; '.join(names.get(s, s) for s in rec.sources)}{where} ({standing}).")
        elif asks_about == "applicability" and named is not None and domain is not None:
            sentences.append(_applies(rec, named, domain) + ".")
        else:
            sentences.append(f"{_name(rec)} applies to {rec.population.description}.")
    return " ".join(sentences)
