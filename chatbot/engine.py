"""One guideline pack's stages over its loaded index: resolve, retrieve, answer, guard; and the choice among packs."""

from __future__ import annotations

import time
from dataclasses import dataclass, replace
from functools import cached_property
from typing import TYPE_CHECKING

from chatbot.answer.templates import Templates, worded_for
from chatbot.config import Settings
from chatbot.conversation.state import DialogueState
from chatbot.guard.check import GuardContext, check_answer, verify_quote
from chatbot.guard.cited import citation_gap, cited_items
from chatbot.packs.loading import Pack
from chatbot.packs.synonyms import Thesaurus
from chatbot.recs.schema import RecommendationSet
from chatbot.types import Answer, AnswerStatus, GuardReport

if TYPE_CHECKING:  # the answering and conversation stages are imported on first answer: `check` never runs them
    from chatbot.answer.compose import AnswerContext
    from chatbot.answer.retrieval import HybridRetriever, SearchResult
    from chatbot.answer.vocabulary import CorpusVocabulary
    from chatbot.conversation.followups import Resolution
    from chatbot.index.embedding import Embedder
    from chatbot.index.store import LoadedIndex
    from chatbot.packs.initialisms import Initialisms


@dataclass(frozen=True)
class PackTurn:
    """One pack's attempt at a question: the answer, its guard report, and how it got there."""

    engine: PackEngine
    answer: Answer
    guard: GuardReport
    search: SearchResult
    resolution: Resolution
    timings_ms: dict[str, float]
    state: DialogueState = DialogueState()  # the dialogue state after this turn
    resolved_question: str = ""  # the question as understood: itself, or the state it was read in

    @property
    def best_score(self) -> float:
        """The best dense score among the hits: how close the pack's text came to the question."""
        return max((hit.dense_score or 0.0 for hit in self.search.hits), default=0.0)


class PackEngine:
    """One guideline pack's loaded index and recommendation set, and the stages built on them."""

    def __init__(
        self, pack: Pack, settings: Settings, index: LoadedIndex, thesaurus: Thesaurus, embedder: Embedder, templates: Templates
    ) -> None:
        self.pack = pack
        self.index = index
        self.settings = settings
        self.rec_set = RecommendationSet.model_validate_json(index.recommendations)  # written by the build, curated + official
        self.thesaurus = thesaurus
        templates = worded_for(templates, self.rec_set.domain.wording)
        self.templates = replace(templates, scope=pack.scope) if pack.scope else templates
        self._embedder = embedder
        self.guard_context = GuardContext.build(self.rec_set, thesaurus, index.passages)

    @cached_property
    def vocabulary(self) -> CorpusVocabulary:
        """The pack's words (made on first use: `check` never needs them)."""
        from chatbot.answer.vocabulary import CorpusVocabulary

        return CorpusVocabulary.from_texts([p.text for p in self.index.passages], self.thesaurus)

    @cached_property
    def initialisms(self) -> Initialisms:
        """The pack's undefined shorthand, read from its own text (made on first use)."""
        from chatbot.packs.initialisms import Initialisms

        known = {term for group in self.thesaurus.groups for term in group.terms} | set(self.thesaurus.domain_terms)
        return Initialisms.from_texts([p.text for p in self.index.passages], known)

    @cached_property
    def retriever(self) -> HybridRetriever:
        """Hybrid search over the pack's index (made on first use)."""
        from chatbot.answer.retrieval import HybridRetriever

        uncurated = frozenset(rec.id for rec in self.rec_set.items if rec.is_uncurated)
        return HybridRetriever(self.index, self._embedder, self.thesaurus, self.vocabulary.words, self.settings, uncurated)

    @cached_property
    def answer_context(self) -> AnswerContext:
        """What composing an answer needs from the pack (made on first use)."""
        from chatbot.answer.candidates import ItemTexts
        from chatbot.answer.compose import AnswerContext
        from chatbot.answer.coverage import AskReader
        from chatbot.answer.excluded_topics import ExcludedTopics
        from chatbot.conversation.properties import GRADES, property_words
        from chatbot.ingest.scope_statements import exclusions_from_json

        texts = [p.text for p in self.index.passages]
        names = (self.pack.title, self.pack.short_name, self.pack.scope or "")
        asks = AskReader(self.thesaurus, self.rec_set.domain, texts, names, self.settings.lexicon_dir)
        item_texts = ItemTexts(self.index.passages, self.rec_set, self.thesaurus, self.settings.lexicon_dir)
        properties = property_words(self.rec_set.domain)

        def asks_grade(question: str) -> bool:
            """Whether the question asks how strong or how certain something is: only an item is graded."""
            return properties.asked(question) in GRADES

        exclusions = exclusions_from_json(self.index.manifest.get("scope_exclusions", []))
        excluded = ExcludedTopics.build(exclusions, self.rec_set, self.index.documents, self.settings.lexicon_dir)
        return AnswerContext(
            self.index, self.rec_set, self.thesaurus, self.vocabulary, self.templates, asks, item_texts, None, asks_grade, excluded
        )

    def prepare_answering(self) -> None:
        """Import the answering stages and make what no question changes: search, answer context, shorthand, vectors."""
        from chatbot.answer import abstention, locate  # noqa: F401  (else imported by the first answer)
        from chatbot.conversation import context, followups, scope, unsaid  # noqa: F401

        _ = self.retriever, self.answer_context, self.initialisms, self.index.sentence_vectors, self.index.dense  # routing reads dense too

    @property
    def corpus_version(self) -> str:
        """Version of the corpus the loaded index was built from."""
        return str(self.index.manifest.get("corpus_version", "unknown"))

    def owns(self, rec_ids: tuple[str, ...]) -> bool:
        """Whether these recommendation ids are this pack's."""
        return bool(rec_ids) and all(self.rec_set.get(rec_id) is not None for rec_id in rec_ids)

    def _search(self, resolution: Resolution, exact_first: bool = False) -> tuple[SearchResult, Answer, str]:
        """Search the turn's first reading; when its item does not fit the state, the first other reading whose item does.

        An item fits when it covers the facet slots and, for a turn that names topics, is one of them. After a changed
        facet it must also keep the other slots, and a reading whose item states the change outright (a facet the pack
        clarifies on) beats a first reading whose item leaves it open; a reading of the turn alone counts only when it
        points at its item first (or, when the first item states the value the turn replaced, states every new value
        exactly; `exact_first`: also when the first item covers a changed slot only by a wider value and the turn tells what
        happens to the patient, not pointing at the item under discussion); when no item fits, the turn is not found. A first reading out of scope
        gives way to the first fitting one when no reading answers with a named item.
        """
        from chatbot.answer.abstention import Abstention, abstain, closest_topics
        from chatbot.answer.compose import compose_answer
        from chatbot.conversation.context import fits, keeps, leads, specific, stated, states_replaced, unfound_on_topic

        facets, changed, rec_set, named = resolution.facets, resolution.changed, self.rec_set, resolution.named_ids
        search = self.retriever.search(resolution.question)
        context = replace(self.answer_context, carried=resolution.topic)
        answer = compose_answer(search, context, self.settings)
        lenient = answer.status is AnswerStatus.OUT_OF_SCOPE  # then any fitting reading beats it, named or not

        def good(candidate: Answer) -> bool:
            named_ok = not named or set(candidate.recommendation_ids[:1]) <= named
            return fits(candidate, facets, rec_set) and named_ok and (not changed or keeps(candidate, facets, changed, rec_set))

        first_good = good(answer)
        if unfound_on_topic(resolution, search, answer):
            return search, answer, resolution.question
        if first_good and not changed:
            return search, answer, resolution.question
        fallback, chosen = (search, answer, resolution.question), None
        # a good first reading gives way to the first other whose item states more of the changed slots; without one, the
        # other whose item states them most closely wins (exactly before by a wider value; the first of equals)
        # an item that states a replaced value exactly was found for the old value: only one stating the new value exactly beats it
        stale = first_good and states_replaced(answer, resolution.replaced, rec_set)
        closeness = specific if stale or exact_first else stated
        first, best = (closeness(answer, facets, changed, rec_set), -1) if first_good else (-1, -1)
        for reading in resolution.others:
            other = self.retriever.search(reading)
            other_answer = compose_answer(other, context, self.settings)
            exact = stale and specific(other_answer, facets, changed, rec_set) == 2 * len(changed)  # states every new value
            if reading in resolution.alone and not leads(other_answer, other) and not exact:
                continue  # the turn alone reached its item only because better ones did not fit: no evidence for it
            if reading in resolution.stating and specific(other_answer, facets, changed, rec_set) != 2 * len(changed):
                continue  # the new values alone count only for an item stating them all
            if good(other_answer) and first_good and closeness(other_answer, facets, changed, rec_set) > first:
                chosen = (other, other_answer, reading)
                break
            if good(other_answer) and not first_good and (score := specific(other_answer, facets, changed, rec_set)) > best:
                chosen, best = (other, other_answer, reading), score
                if not changed:
                    break
            if lenient and fallback[1] is answer and fits(other_answer, facets, rec_set):
                fallback = (other, other_answer, reading)
        if chosen is not None:
            return chosen
        if changed and not first_good and fallback[1].recommendation_ids:  # an item that drops a kept slot
            summary = self.templates.not_found.format(closest_topics="; ".join(closest_topics(search.hits, rec_set)) or "none")
            return search, abstain(Abstention(AnswerStatus.NOT_FOUND, summary), search, rec_set), resolution.question
        return fallback

    def _read(self, reading: str) -> tuple[SearchResult, Answer, str]:
        """One reading searched and answered."""
        from chatbot.answer.compose import compose_answer

        search = self.retriever.search(reading)
        return search, compose_answer(search, self.answer_context, self.settings), reading

    def answer(self, text: str, state: DialogueState) -> PackTurn:
        """Resolve against the dialogue state, retrieve (unless the turn asks about the items already found), answer and guard."""
        import numpy as np

        from chatbot.answer.abstention import Abstention, abstain
        from chatbot.answer.locate import with_source
        from chatbot.answer.retrieval import ExpandedQuery, SearchResult
        from chatbot.answer.vocabulary import content_terms
        from chatbot.conversation.concession import despite_item
        from chatbot.conversation.context import (
            follows_patient,
            in_conversation,
            leaning_on_topic,
            next_state,
            property_answer,
            resolved_text,
            settling_slots,
        )
        from chatbot.conversation.followups import resolve_followup
        from chatbot.conversation.said import said_or_not
        from chatbot.conversation.scope import judged_by_own_words
        from chatbot.conversation.unsaid import beyond_item

        mark = time.perf_counter()
        state = state.for_pack(self.pack.id)
        read = self.initialisms.spelled_out(text)  # shorthand the pack never defines, as the phrase of its text it abbreviates
        resolution = with_cited_titles(resolve_followup(read, state, self.rec_set, self.thesaurus, self.vocabulary.stems), self.rec_set)
        if not content_terms(read, self.vocabulary.background_stems):  # nothing of its own: it can only be about the topic
            resolution = leaning_on_topic(resolution, state, self.rec_set)
        timings = {"resolve": (time.perf_counter() - mark) * 1000}
        mark = time.perf_counter()
        if resolution.asks_about and resolution.previous_ids:
            search = SearchResult(ExpandedQuery(text, text, text, text), (), np.zeros(0, dtype=np.float32))
            answer, searched = property_answer(text, resolution, self.rec_set, self.templates), ""
        elif gap := citation_gap(read, self.guard_context, self.templates):
            search, searched = self.retriever.search(resolution.question), resolution.question
            answer = abstain(Abstention(AnswerStatus.NOT_FOUND, *gap), search, self.rec_set)
            timings.update(search.timings_ms)
        else:
            found = beyond_item(read, resolution, self._search(resolution, follows_patient(read)), self._read, self.answer_context)
            found = despite_item(read, resolution, found, self._read, self.answer_context)
            search, answer, searched = judged_by_own_words(
                read, state, resolution, found, self._read, self.answer_context, self.vocabulary.stems
            )
            search, answer, searched = said_or_not(read, state, resolution, (search, answer, searched), self.answer_context)
            timings.update(search.timings_ms)
            if settled := settling_slots(answer, resolution, search, self.rec_set, state.facets):
                resolution = replace(resolution, facets=resolution.facets | settled)  # the patient's slots answer the open facet
            answer = in_conversation(answer, resolution, search, self.rec_set, self.templates)
        timings["answer"] = (time.perf_counter() - mark) * 1000 - sum(search.timings_ms.values())
        mark = time.perf_counter()
        quotes = tuple(
            with_source(replace(verify_quote(q, self.index.documents), pack=self.pack.short_name), self.index) for q in answer.quotes
        )
        answer = replace(answer, quotes=quotes)
        guard = check_answer(answer, self.guard_context, text)
        timings["guard"] = (time.perf_counter() - mark) * 1000
        after = next_state(state, resolution, answer, searched, self.pack.id, self.rec_set, self.thesaurus)
        resolved = resolved_text(resolution, search, after, self.rec_set)
        return PackTurn(self, answer, guard, search, resolution, timings, after, resolved)


def with_cited_titles(resolution: Resolution, rec_set: RecommendationSet) -> Resolution:
    """A turn that cites items by number or id ('what does recommendation 9 say?') is searched with their titles and advice too."""
    question = resolution.question
    cited = {rec.id: f"{rec.title}: {rec.intervention}" for rec in cited_items(question, rec_set) if not rec.is_placeholder}
    return replace(resolution, question=f"{question} ({'; '.join(cited.values())})") if cited else resolution


_STATUS_RANK = {AnswerStatus.ANSWERED: 0, AnswerStatus.NEEDS_CLARIFICATION: 1, AnswerStatus.NOT_FOUND: 2, AnswerStatus.OUT_OF_SCOPE: 3}


def choose_turn(turns: list[PackTurn], state: DialogueState) -> PackTurn:
    """The pack that answers best: answered first; a follow-up stays with the pack of the items under discussion; then closeness."""
    last_ids = state.item_ids

    def key(turn: PackTurn) -> tuple[int, int, float]:
        follows = turn.engine.owns(last_ids) and (turn.resolution.asks_about is not None or bool(turn.resolution.inherited))
        return (_STATUS_RANK[turn.answer.status], 0 if follows else 1, -turn.best_score)

    return min(turns, key=key)
