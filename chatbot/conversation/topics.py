"""An item's topic words: which items a text names, and the words of a topic (population and subject words left out)."""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import dataclass, replace
from difflib import get_close_matches
from functools import lru_cache

from chatbot.answer.english import is_common_english
from chatbot.index.lexical import tokenize
from chatbot.packs.domain import Domain
from chatbot.packs.synonyms import SynonymGroup, Thesaurus
from chatbot.recs.population import named_population
from chatbot.recs.schema import Recommendation, RecommendationSet

_GENERIC_WORDS = (
    "therapy treatment treat patient recommendation guideline routine during after before against following "
    "guide care reaction use give need support remission item rec"
)


@lru_cache(maxsize=1)
def generic_stems() -> frozenset[str]:
    """Stems of words that name no topic (computed on first use, not at import)."""
    return frozenset(tokenize(_GENERIC_WORDS))


@lru_cache(maxsize=16)
def unnamed_stems(domain: Domain) -> frozenset[str]:
    """Stems that name no topic in a pack: the general ones and those of its subject ("pain", "opioid" in an opioid guideline)."""
    return generic_stems() | frozenset(tokenize(domain.subject))


@dataclass(frozen=True)
class TopicProfile:
    """An item's topic terms: keyword stem sets, title stems and (with a thesaurus) linked synonym groups."""

    phrases: tuple[frozenset[str], ...]
    title: frozenset[str]
    groups: tuple[SynonymGroup, ...] = ()
    group_stems: tuple[frozenset[str], ...] = ()  # the stems of each group's terms, in the groups' order

    def named_by(self, stems: set[str], found: Sequence[SynonymGroup] = (), title: bool = True) -> bool:
        """Whether a question's stems (population removed) or synonym groups name this item's topic (a title word too, when title)."""
        return any(p <= stems for p in self.phrases) or (title and bool(self.title & stems)) or any(g in found for g in self.groups)

    def naming(self, stems: set[str], found: Sequence[SynonymGroup] = (), title: bool = True) -> int:
        """How many of a question's stems name this item (at least 1 when it is named at all, 0 when it is not)."""
        if not self.named_by(stems, found, title):
            return 0
        matched = set().union(*(p for p in self.phrases if p <= stems), self.title & stems if title else set())
        matched |= {stem for g, own in zip(self.groups, self.group_stems, strict=True) if g in found for stem in own & stems}
        return max(1, len(matched))


def strip_population(text: str, domain: Domain, groups: Sequence[SynonymGroup] = ()) -> str:
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
def item_profile(rec: Recommendation, domain: Domain) -> TopicProfile:
    """The thesaurus-free topic terms of an item; population-only keywords (CR1, relapse, Ph+) are left out."""
    stems = {frozenset(tokenize(strip_population(k, domain))) for k in rec.keywords}
    unnamed = unnamed_stems(domain)
    phrases = tuple(frozenset(p - unnamed) for p in stems if p and not p <= unnamed)
    title = {stem for stem in tokenize(strip_population(rec.title, domain)) if not stem.isdigit()}  # "1-4 weeks" names no "1 mg"
    return TopicProfile(phrases, frozenset(title - unnamed))


@dataclass(frozen=True)
class TopicIndex:
    """Topic profiles of a recommendation set with a thesaurus, and the words that count as topic words."""

    profiles: dict[str, TopicProfile]
    domain: Domain
    population_groups: tuple[SynonymGroup, ...]
    topic_groups: tuple[SynonymGroup, ...]
    vocabulary: frozenset[str]

    def named_ids(self, question: str, title: bool = True) -> set[str]:
        """Ids of the items whose topic the question names (by keyword or synonym; by a title word too, when title)."""
        return set(self.naming(question, title))

    def naming(self, question: str, title: bool = True) -> dict[str, int]:
        """The items whose topic the question names, each with how many of its words name it."""
        stems, found = self._stems(question)
        named = {rec_id: profile.naming(stems, found, title) for rec_id, profile in self.profiles.items()}
        return {rec_id: count for rec_id, count in named.items() if count}

    def advised(self, question: str, rec_set: RecommendationSet) -> set[str]:
        """Ids of the items whose own advice (title, intervention, comparator) says a thing the question names, itself or by a
        synonym: the items about it, not those that list it among their keywords ("benzos": the co-prescribing item, not PDMP)."""
        stems, found = self._stems(question)
        said = (stems & self.vocabulary) | {stem for group in found for term in group.terms for stem in tokenize(term)}
        said -= unnamed_stems(self.domain)
        advised = set()
        for rec_id in self.profiles:
            rec = rec_set.get(rec_id)
            if rec is not None and said & set(tokenize(" ".join((rec.title, rec.intervention or "", rec.comparator or "")))):
                advised.add(rec_id)
        return advised

    def titled(self, question: str) -> set[str]:
        """Ids of the items a word of whose title the question names ("the MRD one")."""
        stems = self._stems(question)[0]
        return {rec_id for rec_id, profile in self.profiles.items() if profile.title & stems}

    def _stems(self, question: str) -> tuple[set[str], list[SynonymGroup]]:
        """A question's topic stems (misspellings of topic words corrected) and the topic synonym groups it names."""
        stripped = strip_population(question, self.domain, self.population_groups)
        lowered = stripped.lower()  # once for every group
        stems, found = set(tokenize(stripped)) - unnamed_stems(self.domain), [g for g in self.topic_groups if g.found_in(stripped, lowered)]
        rare = {stem for word in re.findall(r"[A-Za-z]+", stripped) if not is_common_english(word) for stem in tokenize(word)}
        stems |= {
            m
            for stem in (stems & rare) - self.vocabulary  # an English word ("conditional") is no misspelt topic word
            if len(stem) >= 5
            for m in get_close_matches(stem, self.vocabulary, 3, 0.8)
            if m[0] == stem[0] and abs(len(m) - len(stem)) <= 2
        }  # misspelt topic words ("transplnat")
        return stems, found

    def topic_words(self, text: str, any_content: bool = False) -> str:
        """The topic words of a text in their own spelling (any content word when any_content)."""
        stripped = strip_population(text, self.domain, self.population_groups)
        kept: dict[str, str] = {}
        for word in re.findall(r"[A-Za-z0-9][\w+:/-]*", stripped):
            if re.fullmatch(r"\d+[a-z]?", word):
                continue  # a bare number is a statement's numbering ("Recommendation 24"), never a topic
            stems = set(tokenize(word)) - unnamed_stems(self.domain)
            if stems and (any_content or stems & self.vocabulary):
                kept.setdefault(word.lower(), word)
        return " ".join(kept.values())


@lru_cache(maxsize=8)
def topic_index(rec_set: RecommendationSet, thesaurus: Thesaurus) -> TopicIndex:
    """Profiles of the set's non-placeholder items, with their synonym groups."""
    domain = rec_set.domain
    population = tuple(
        g for g in thesaurus.groups if g.canonical == thesaurus.subject or any(named_population(t, domain).facets for t in g.terms)
    )
    unnamed = unnamed_stems(domain)
    topical = tuple(g for g in thesaurus.groups if g not in population and not set(tokenize(g.canonical)) <= unnamed)
    profiles, vocabulary = {}, set()
    for rec in rec_set.items:
        if rec.is_placeholder:
            continue
        keywords = {k.casefold() for k in rec.keywords}
        groups = tuple(g for g in topical if g.found_in(rec.title) or any(t.casefold() in keywords for t in g.terms))
        own = tuple(frozenset(stem for term in g.terms for stem in tokenize(term)) for g in groups)
        profiles[rec.id] = replace(item_profile(rec, domain), groups=groups, group_stems=own)
        vocabulary |= set().union(profiles[rec.id].title, *profiles[rec.id].phrases, *(tokenize(t) for g in groups for t in g.terms))
    return TopicIndex(profiles, domain, population, topical, frozenset(vocabulary - unnamed))


def topic_of(text: str, item_ids: Sequence[str], rec_set: RecommendationSet, thesaurus: Thesaurus) -> str:
    """The topic words of a searched text; without any, those of the first item's title (or the text's content words)."""
    index = topic_index(rec_set, thesaurus)
    if topic := index.topic_words(text):
        return topic
    titles = [rec.title for i in item_ids if (rec := rec_set.get(i)) and not rec.is_placeholder]
    return index.topic_words(titles[0]) if titles else index.topic_words(text, any_content=True)


def names_item(text: str, rec_id: str, rec_set: RecommendationSet, thesaurus: Thesaurus) -> bool:
    """Whether a text's words name an item's topic."""
    return rec_id in topic_index(rec_set, thesaurus).named_ids(text)
