"""Questions about a topic the guideline says it does not cover: declined as not found, with its own sentence as evidence."""

from __future__ import annotations

import re
from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from pathlib import Path

from chatbot.answer.english import is_common_english
from chatbot.index.lexical import tokenize
from chatbot.ingest.scope_statements import ScopeExclusion
from chatbot.packs.domain import Domain
from chatbot.packs.lexicon import names_people
from chatbot.recs.population import named_population
from chatbot.recs.schema import RecommendationSet
from chatbot.types import Document

# A topic's head ends where its first preposition begins: "caffeine for apnoea" is about caffeine, "surgery as a treatment" about surgery.
_PREPOSITION = re.compile(r"(?i)\s+(?:for|in|with|without|after|before|during|of|on|to|among|at|from|by|under|over|than|as)\s+")
_AGE = re.compile(r"(?i)\b(?:aged|younger|older|under|over)\b|\d+\s*(?:years?|months?|weeks?|days?)\b|<\s*\d")
_WORD = re.compile(r"[A-Za-z]+")
EVERYDAY_ZIPF = 4.5  # a topic whose unstated words are all this common in English ('long-term', 'physical activity') is too vague


@dataclass(frozen=True)
class ExcludedTopic:
    """A topic the guideline leaves out, and the word stems of its head a question must name (every one of them)."""

    exclusion: ScopeExclusion
    keys: frozenset[str]


def _is_population(topic: str, domain: Domain, lexicon: Path | None) -> bool:
    """Whether an excluded 'topic' is a population (children, transplant recipients, an age): the population checks decline it."""
    named = named_population(topic, domain)
    if named.age is not None or named.excluded or named.facets or _AGE.search(topic):
        return True
    head = _WORD.findall(_PREPOSITION.split(topic, maxsplit=1)[0])[-1:]  # the head noun, or any plural, names people
    return any(names_people(word, lexicon, plural=word not in head) for word in _WORD.findall(topic))


def stated_stems(rec_set: RecommendationSet, documents: Mapping[str, Document]) -> frozenset[str]:
    """The word stems of every item's statement (its span in the document, else its title and intervention)."""
    texts: list[str] = []
    for rec in rec_set.items:
        ref = rec.statement
        document = documents.get(ref.document) if ref is not None else None
        if ref is not None and document is not None and ref.char_start is not None and ref.char_end is not None:
            texts.append(document.text[ref.char_start : ref.char_end])
        texts += [rec.title, rec.intervention, rec.comparator or ""]
    return frozenset(stem for text in texts for stem in tokenize(text))


class ExcludedTopics:
    """The topics a pack's publications say they do not cover, each keyed by the words of its head."""

    def __init__(self, topics: tuple[ExcludedTopic, ...]) -> None:
        self.topics = topics

    @classmethod
    def build(
        cls,
        exclusions: Iterable[ScopeExclusion],
        rec_set: RecommendationSet,
        documents: Mapping[str, Document],
        lexicon: Path | None,
    ) -> ExcludedTopics:
        """Topics from the index's exclusions: populations left to the population checks, and a topic whose head's words
        items' statements use dropped (the guideline does speak to it, whatever its scope section says)."""
        stated = stated_stems(rec_set, documents)
        topics = []
        for exclusion in exclusions:
            if _is_population(exclusion.topic, rec_set.domain, lexicon):
                continue
            head = _PREPOSITION.split(exclusion.topic, maxsplit=1)[0]
            words = {word: stem for word in _WORD.findall(head) for stem in tokenize(word) if len(stem) > 2}
            # kept when a word of it that no statement uses is not everyday English ('long-term management' is too vague)
            if any(stem not in stated and not is_common_english(word, EVERYDAY_ZIPF) for word, stem in words.items()):
                topics.append(ExcludedTopic(exclusion, frozenset(words.values())))
        return cls(tuple(topics))

    def named_in(self, question: str) -> ExcludedTopic | None:
        """The excluded topic a question names by all its key words (the one with most keys first), or None."""
        asked = set(tokenize(question))
        named = [topic for topic in self.topics if topic.keys <= asked]
        return max(named, key=lambda topic: len(topic.keys), default=None)
