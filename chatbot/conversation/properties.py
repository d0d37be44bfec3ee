"""Questions about a property of the item under discussion (strength, certainty, source, whom it covers), answered from its fields."""

from __future__ import annotations

import re
from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path

from chatbot.answer.english import is_common_english
from chatbot.conversation.qualified import FOLLOWUPS_FILE, qualified
from chatbot.conversation.shorthand import LITERAL, WORD
from chatbot.errors import ConfigError
from chatbot.packs.domain import PROPERTIES, Domain
from chatbot.packs.facts import ReportSource
from chatbot.recs.population import NamedPopulation, population_conflicts
from chatbot.recs.schema import Kind, Recommendation, Status
from chatbot.yaml_files import read_yaml_mapping

SHORT_ASK = 8  # words: a turn this short may shorten a property word ("ev type for that?")
MIN_FORM = 2  # letters a shortened property word keeps
LONG_FORM = 5  # a form this long that a property word starts with is that word's own ("certain" of "certainty")
WHOLE_WORD = 6  # letters of a property word that may be shortened ("evidence", "certainty"; not "type", "does")
CLAUSE = re.compile(r"[^,;:—–]+?(?=\s+-\s+|[,;:—–]|$)")  # a clause: text up to a comma, colon, semicolon or dash
_ESCAPES = re.compile(r"\\[bBwWsSdD]")  # a pattern's escapes, which stand before literal words ("\\bcertainty")
ASKS_ABOUT = PROPERTIES
GRADES = ("strength", "certainty")  # the properties only a graded item has
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
    words: frozenset[str] = frozenset()  # the literal words of the property patterns ("evidence", "certainty")
    own_words: tuple[tuple[str, frozenset[str]], ...] = ()  # each property's own literal words

    def _asked(self, question: str) -> tuple[str, re.Match[str]] | None:
        """The first property whose pattern the question matches, with the match (a property word qualified by another thing's
        noun is that thing's: "tablet strength")."""
        for name, pattern in self.properties:
            match = next((m for m in pattern.finditer(question) if not qualified(question, m.start(), m.end())), None)
            if match is not None:
                return name, match
        return None

    def asked(self, question: str) -> str | None:
        """The property a question asks about, or None (a short turn's shortened property words read in full: "ev type?")."""
        found = self._asked(self.spelled_out(question))
        return found[0] if found else None

    def head(self, question: str) -> str:
        """The words before the property a question asks ("is the naloxone one" of "is the naloxone one for or against X?")."""
        spelled = self.spelled_out(question)
        found = self._asked(spelled)
        return spelled[: found[1].start()] if found else question

    def spelled_out(self, question: str) -> str:
        """A short turn with a shortened or derived form of a property word written out ("ev type" -> "evidence type", "how
        certain is the evidence" -> "how certainty is the evidence"), where the whole word completes a property phrase the turn did not match
        as written: a form no common English word, a form whose property phrase goes on with the turn's next word, or an
        English word of five letters or more beside another word of the same property. Other turns unchanged."""
        if self._asked(question):
            return question
        if len(WORD.findall(question)) <= SHORT_ASK:
            return self._spelled(question)
        # a longer turn asks a property in a short clause of its own ("ok, back to our 25-year-old - how certain is the evidence?")
        for clause in CLAUSE.finditer(question):
            if len(WORD.findall(clause.group(0))) <= SHORT_ASK and (spelled := self._spelled(clause.group(0))) != clause.group(0):
                return question[: clause.start()] + spelled + question[clause.end() :]
        return question

    def _spelled(self, question: str) -> str:
        """A short text with a shortened or derived property word written out (see spelled_out), else unchanged."""
        for match in reversed(list(WORD.finditer(question))):
            token = match.group(0).lower()
            whole = sorted(w for w in self.words if w.startswith(token) and len(w) > len(token) >= MIN_FORM)
            if len(whole) != 1:
                continue
            text = question[: match.start()] + whole[0] + question[match.end() :]
            found = self._asked(text)
            if found is None:
                continue
            phrase_goes_on = found[1].end() > match.start() + len(whole[0]) + 1
            others = {t.lower() for t in WORD.findall(question)} - {token}
            beside = others & dict(self.own_words).get(found[0], frozenset())  # another word of the same property
            if not is_common_english(token) or phrase_goes_on or (len(token) >= LONG_FORM and beside):
                return text
        return question

    def without(self, question: str) -> str:
        """The question with its property and return words blanked (they name no item: "strong or conditional?")."""
        question = self.spelled_out(question)
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
    compiled, words = [], []
    for name in ASKS_ABOUT:
        patterns = (*domain.properties.get(name, ()), *general[name])
        if patterns:
            compiled.append((name, _compile(patterns, f"property {name}")))
            own = frozenset(w.lower() for p in patterns for w in LITERAL.findall(_ESCAPES.sub(" ", p)) if len(w) >= WHOLE_WORD)
            words.append((name, own))
    everything = frozenset().union(*(own for _, own in words))
    return PropertyWords(tuple(compiled), _compile(returns, "returns") if returns else None, everything, tuple(words))


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
    directions: Mapping[str, str] | None = None,
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
        elif asks_about == "direction":
            over = f" over {rec.comparator}" if rec.comparator else ""
            way = (directions or {}).get(rec.direction, rec.direction.value)  # the summaries' wording ("Favours")
            sentences.append(f"Direction of {_name(rec)}: {way} {rec.intervention}{over} ({standing}).")
        elif asks_about == "applicability" and named is not None and domain is not None:
            sentences.append(_applies(rec, named, domain) + ".")
        else:
            sentences.append(f"{_name(rec)} applies to {rec.population.description}.")
    return " ".join(sentences)
