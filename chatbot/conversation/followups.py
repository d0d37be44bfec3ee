"""Follow-up questions in a conversation: what a question inherits from earlier turns, and clarifying choices."""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import dataclass, replace
from difflib import get_close_matches
from functools import lru_cache

from chatbot.index.lexical import tokenize
from chatbot.packs.domain import Domain
from chatbot.packs.facts import ReportSource
from chatbot.packs.synonyms import SynonymGroup, Thesaurus
from chatbot.recs.population import NamedPopulation, facet_values, named_population, population_conflicts
from chatbot.recs.schema import Kind, Recommendation, RecommendationSet, Status
from chatbot.stores.sessions import Turn

ASKS_ABOUT = ("strength", "certainty", "source", "population")
_GENERIC_WORDS = (
    "therapy treatment treat patient recommendation guideline routine during after before against following "
    "guide care reaction use give need support remission"
)


@lru_cache(maxsize=1)
def _generic() -> frozenset[str]:
    """Stems of words that name no topic (computed on first use, not at import)."""
    return frozenset(tokenize(_GENERIC_WORDS))


_AGE_FALLBACK = re.compile(
    r"\b(?:(?:the )?patient|s?he|they)(?:'s|’s| is| are|'re)\s+(\d{1,2})\b(?!\s*(?:%|mg|units?|months?|weeks?|days?|hours?))", re.IGNORECASE
)
_LEAD = re.compile(r"^(?:\s*(?:and|but|or|so|also|plus|okay|ok|well|then|what about|how about|what if)\b[\s,]*)+", re.IGNORECASE)
_CONNECTOR = re.compile(r"^\s*(?:and|but|or|also|plus|what about|how about|what if)\b", re.IGNORECASE)
_REFERRING = re.compile(
    r"\b(?:it|its|they|them|their|she|he|her|him|his|instead|same)\b|\b(?:that|this) (?:one|recommendation|item|drug|approach)\b"
    r"|\b(?:is|does|was|did|about) (?:that|this)\b",
    re.IGNORECASE,
)
_INTERROGATIVE = re.compile(r"\s*(?:what|what's|which|how|when|where|why|who|should|does|do|is|are|can|could|would|will)\b", re.IGNORECASE)
_GENERAL = re.compile(r"\b(?:recommendations|guidelines|panels)\b", re.IGNORECASE)
_SAME_PATIENT = re.compile(r"\b(?:she|he|they|her|him|his|their|them|this patient|same patients?)\b|\b(?:s?he|they)['’]", re.IGNORECASE)
_ASKS = (
    (
        "source",
        r"\bwhere (?:does|did|do|is|was) (?:it|that|this|they)\b.*\b(?:say|said|come|from|stated|reported|written)\b"
        r"|\bsources?\b|\bcitations?\b|\breferences?\b|\bwhich (?:reports?|articles?|outlets?|papers?)\b|\bwho (?:says|said|reported)\b",
    ),
    (
        "certainty",
        r"\bcertainty\b|\bquality of (?:the )?evidence\b|\blevels? of evidence\b|\bevidence (?:level|quality|grade|type)\b"
        r"|\btype of evidence\b"
        r"|\bhow (?:good|strong|solid) is the evidence\b",
    ),
    (
        "strength",
        r"\bhow strong\b|\bstrength\b|\bgraded\b|\bwhat (?:recommendation )?category\b|\bstrong or (?:weak|conditional)\b|\bis (?:that|it|this) (?:a )?(?:strong|conditional|weak)\b",
    ),
    (
        "population",
        r"\bwho (?:does|do) (?:it|that|this|they) apply to\b|\b(?:what|which) population\b|\bapplies to whom\b|\bwho is (?:it|that|this) for\b",
    ),
)
_ORIGIN = {
    Status.REPORTED: "reported in secondary sources",
    Status.VERIFIED: "verified against the publication",
    Status.PLACEHOLDER: "content not reported",
    Status.EXTRACTED: "extracted from the publication, not yet reviewed",
}


@dataclass(frozen=True)
class Resolution:
    """What a question means in its conversation: the text to search and what it took from earlier turns."""

    question: str
    inherited: tuple[str, ...]
    new_topic: bool
    asks_about: str | None
    previous_ids: tuple[str, ...]


@dataclass(frozen=True)
class _Profile:
    """An item's topic terms: keyword stem sets, title stems and (with a thesaurus) linked synonym groups."""

    phrases: tuple[frozenset[str], ...]
    title: frozenset[str]
    groups: tuple[SynonymGroup, ...] = ()

    def named_by(self, stems: set[str], found: Sequence[SynonymGroup] = ()) -> bool:
        """Whether a question's stems (population removed) or synonym groups name this item's topic."""
        return any(p <= stems for p in self.phrases) or bool(self.title & stems) or any(g in found for g in self.groups)


def _strip_population(text: str, domain: Domain, groups: Sequence[SynonymGroup] = ()) -> str:
    """The text with population phrases (facets, the domain's people words, population synonym groups) blanked out."""
    for _ in range(8):
        spans = named_population(text, domain).spans.values()
        if not spans:
            break
        for start, end in sorted(spans, reverse=True):
            text = text[:start] + " " * (end - start) + text[end:]
    for group in groups:
        for pattern in group.patterns:
            text = pattern.sub(" ", text)
    return domain.people_pattern.sub(" ", text) if domain.people_pattern else text


@lru_cache(maxsize=256)
def _profile(rec: Recommendation, domain: Domain) -> _Profile:
    """The thesaurus-free topic terms of an item; population-only keywords (CR1, relapse, Ph+) are left out."""
    stems = {frozenset(tokenize(_strip_population(k, domain))) for k in rec.keywords}
    phrases = tuple(p for p in stems if p and not p <= _generic())
    return _Profile(phrases, frozenset(tokenize(_strip_population(rec.title, domain))) - _generic())


@dataclass(frozen=True)
class _Index:
    """Topic profiles of a recommendation set with a thesaurus, and the words that count as topic words."""

    profiles: dict[str, _Profile]
    domain: Domain
    population_groups: tuple[SynonymGroup, ...]
    topic_groups: tuple[SynonymGroup, ...]
    vocabulary: frozenset[str]

    def named_ids(self, question: str) -> set[str]:
        """Ids of the items whose topic the question names."""
        stripped = _strip_population(question, self.domain, self.population_groups)
        stems, found = set(tokenize(stripped)), [g for g in self.topic_groups if g.found_in(stripped)]
        stems |= {
            m
            for stem in stems - self.vocabulary
            if len(stem) >= 5
            for m in get_close_matches(stem, self.vocabulary, 3, 0.8)
            if m[0] == stem[0] and abs(len(m) - len(stem)) <= 2
        }  # misspelt topic words ("transplnat")
        return {rec_id for rec_id, profile in self.profiles.items() if profile.named_by(stems, found)}

    def topic_words(self, text: str, any_content: bool = False) -> str:
        """The topic words of a text in their own spelling (any content word when any_content)."""
        stripped = _strip_population(text, self.domain, self.population_groups)
        kept: dict[str, str] = {}
        for word in re.findall(r"[A-Za-z0-9][\w+:/-]*", stripped):
            stems = set(tokenize(word)) - _generic()
            if stems and (any_content or stems & self.vocabulary):
                kept.setdefault(word.lower(), word)
        return " ".join(kept.values())


@lru_cache(maxsize=8)
def _index(rec_set: RecommendationSet, thesaurus: Thesaurus) -> _Index:
    """Profiles of the set's non-placeholder items, with their synonym groups."""
    domain = rec_set.domain
    population = tuple(
        g for g in thesaurus.groups if g.canonical == thesaurus.subject or any(named_population(t, domain).facets for t in g.terms)
    )
    topical = tuple(g for g in thesaurus.groups if g not in population)
    profiles, vocabulary = {}, set()
    for rec in rec_set.items:
        if rec.is_placeholder:
            continue
        keywords = {k.casefold() for k in rec.keywords}
        groups = tuple(g for g in topical if g.found_in(rec.title) or any(t.casefold() in keywords for t in g.terms))
        profiles[rec.id] = replace(_profile(rec, domain), groups=groups)
        vocabulary |= set().union(profiles[rec.id].title, *profiles[rec.id].phrases, *(tokenize(t) for g in groups for t in g.terms))
    return _Index(profiles, domain, population, topical, frozenset(vocabulary - _generic()))


def _named(text: str, domain: Domain) -> NamedPopulation:
    """named_population, plus an age given as "she's 45" or "the patient is 45"."""
    named = named_population(text, domain)
    if named.age is None and (match := _AGE_FALLBACK.search(text)):
        return replace(named, age=int(match.group(1)))
    return named


def _population(turn: Turn, domain: Domain) -> dict[str, str]:
    """The facets in force after a turn: those of its resolved question, updated by Turn.population."""
    return facet_values(named_population(turn.resolved_question or turn.question, domain)) | {k: str(v) for k, v in turn.population.items()}


def _render(facet: str, value: str, domain: Domain) -> str | None:
    """A facet value as words a question can carry ("Ph-positive", "28-year-old"); None when unknown."""
    if facet == "age":
        return f"{value}-year-old" if value.isdigit() else None
    entry = domain.facets[facet].values.get(value) if facet in domain.facets else None
    return entry.words if entry else None


def _leans_on_context(question: str, named_facets: bool, thesaurus: Thesaurus) -> bool:
    """Whether a question leans on the conversation: a connector or pronoun (up to 12 words), or a short question (6 words with a facet)."""
    if thesaurus.other_condition_in(question):
        return False
    words = len(re.findall(r"[\w'’+/-]+", question))
    asking = question.rstrip().endswith("?") or bool(_INTERROGATIVE.match(question))
    return (words <= 12 and bool(_CONNECTOR.match(question) or _REFERRING.search(question))) or (
        asking and words <= (6 if named_facets else 5)
    )


def _core(question: str, named: NamedPopulation, domain: Domain) -> str:
    """The question without leading connectors and final punctuation, an age spelled so named_population reads it."""
    core = _LEAD.sub("", question).strip().rstrip("?.! ")
    if named.age is not None and named_population(core, domain).age is None:
        core = _AGE_FALLBACK.sub(f"{named.age}-year-old", core, count=1)
    return core


def resolve_followup(question: str, history: list[Turn], rec_set: RecommendationSet, thesaurus: Thesaurus) -> Resolution:
    """Resolve a question against the conversation so far: new topic, population change, or a question about the last answer."""
    answered = next((turn for turn in reversed(history) if turn.status == "answered"), None)
    previous_ids = answered.recommendation_ids if answered else ()
    if not history:
        return Resolution(question, (), True, None, previous_ids)
    domain = rec_set.domain
    last, index, named = history[-1], _index(rec_set, thesaurus), _named(question, domain)
    facets = facet_values(named)
    topic_ids = index.named_ids(question)
    refines = bool(topic_ids) and topic_ids <= set(last.recommendation_ids)
    own_topic = bool(topic_ids) and not refines
    asks = next((kind for kind, pattern in _ASKS if re.search(pattern, question, re.IGNORECASE)), None)
    if (
        asks
        and answered
        and not (own_topic or facets or _GENERAL.search(question))
        and (refines or _leans_on_context(question, False, thesaurus))
    ):
        note = f"question about the previous answer ({', '.join(previous_ids) or 'no recommendation'})"
        return Resolution(answered.resolved_question or answered.question, (note,), False, asks, previous_ids)
    carried = {k: words for k, v in _population(last, domain).items() if k not in facets and (words := _render(k, v, domain))}
    population_notes = tuple(f"population: {words}" for words in carried.values())
    clarifying = last.status == "needs_clarification" and bool(facets)
    if (own_topic and not clarifying) or not (refines or clarifying or _leans_on_context(question, bool(facets), thesaurus)):
        if own_topic and carried and _SAME_PATIENT.search(question):
            return Resolution(
                f"{question.strip().rstrip('?.! ')}, {', '.join(carried.values())}", population_notes, True, None, previous_ids
            )
        return Resolution(question, (), True, None, previous_ids)
    previous = last.resolved_question or last.question
    topic = index.topic_words(previous)
    if not topic:
        titles = [rec.title for i in (*last.recommendation_ids, *previous_ids) if (rec := rec_set.get(i)) and not rec.is_placeholder]
        topic = index.topic_words(titles[0]) if titles else index.topic_words(previous, any_content=True)
    rewritten = " ".join(part for part in (topic, _core(question, named, domain)) if part)
    if carried:
        rewritten = f"{rewritten}, {', '.join(carried.values())}"
    notes = ((f"topic from the previous question: {topic}",) if topic else ()) + population_notes
    return Resolution(rewritten, notes, False, None, previous_ids)


def _distinct(facet: str, values: Sequence[str], domain: Domain) -> list[str]:
    """Specific facet values that have a clarification choice, in order, without repeats or values covering one another."""
    spec, picked = domain.facets[facet], list[str]()
    for value in values:
        overlaps = any(value in spec.covered_by(p) or p in spec.covered_by(value) for p in picked)
        entry = spec.values.get(value)
        if entry and entry.option and not overlaps:
            picked.append(value)
    return picked


def _option(facet: str, value: str, domain: Domain) -> str:
    """A facet value as a clarification choice."""
    return domain.facets[facet].values[value].option or value


def clarification_options(question: str, candidates: list[Recommendation], domain: Domain) -> tuple[str, ...]:
    """Choices that resolve a population facet the question leaves open and the best candidates differ by (else ())."""
    named = _named(question, domain)
    stems = set(tokenize(_strip_population(question, domain)))
    top = [c for c in candidates[:3] if not c.is_placeholder and not population_conflicts(named, c.population, c.guideline, domain)]
    plausible = [c for c in top if _profile(c, domain).named_by(stems)] or top
    for facet in domain.clarify:
        values = _distinct(facet, [c.population.facet(facet) for c in plausible], domain)
        if named.facet(facet) is None and len(plausible) >= 2 and len(values) >= 2:
            return tuple(_option(facet, v, domain) for v in values)
    if plausible and not named.facets:
        for facet in (f for f in domain.clarify if domain.facets[f].complement):
            value, complement = plausible[0].population.facet(facet), domain.facets[facet].complement
            if value in complement and all(c.population.facet(facet) == value for c in plausible):
                return (_option(facet, value, domain), _option(facet, complement[value], domain))
    return ()


def _words(value: str) -> str:
    """An enum value as words ('very_low' -> 'very low', 'unknown' -> 'not reported')."""
    return "not reported" if value == "unknown" else value.replace("_", " ")


def followup_summary(asks_about: str, recs: list[Recommendation], catalogue: Sequence[ReportSource] = ()) -> str:
    """The sentence answering how strong / what certainty / where it says / whom it covers, from structured fields."""
    if asks_about not in ASKS_ABOUT:
        raise ValueError(f"unknown asks_about {asks_about!r}: expected strength, certainty, source or population")
    names = {source.id: source.citation() for source in catalogue}
    sentences = []
    for rec in recs:
        strength, certainty, standing = (
            _words(rec.strength.value),
            _words(rec.certainty.value),
            f"{_ORIGIN[rec.status]}, {rec.confidence.value} confidence",
        )
        if rec.labels:
            standing += "; as published: " + ", ".join(f"{name.replace('_', ' ')} {value}" for name, value in rec.labels)
        if asks_about == "strength" and rec.kind == Kind.RECOMMENDATION:
            sentences.append(f"Strength of {rec.id}: {strength} ({standing}). Certainty of evidence: {certainty}.")
        elif asks_about == "strength":
            sentences.append(
                f"{rec.id} is a {_words(rec.kind.value)}, not a graded recommendation ({standing}). "
                f"Strength: {strength}. Certainty of evidence: {certainty}."
            )
        elif asks_about == "certainty":
            sentences.append(f"Certainty of evidence for {rec.id}: {certainty} ({standing}). Strength: {strength}.")
        elif asks_about == "source":
            sentences.append(f"Sources for {rec.id}: {'; '.join(names.get(s, s) for s in rec.sources)} ({standing}).")
        else:
            sentences.append(f"{rec.id} applies to {rec.population.description}.")
    return " ".join(sentences)
