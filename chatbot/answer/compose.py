"""Compose an extractive Answer from hits: verbatim quotes with citations, or an abstention."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, replace

import numpy as np

from chatbot.answer.abstention import Abstention, abstain, check_details, check_population, check_relevance, closest_topics
from chatbot.answer.actions import actions
from chatbot.answer.answer_type import AnswerType, asked_type, counted_things, wanted_answer
from chatbot.answer.candidates import LEAD_CANDIDATES, Candidate, ItemTexts, rank_candidates
from chatbot.answer.comparison import not_compared
from chatbot.answer.compounds import compound_asks
from chatbot.answer.coverage import Ask, AskReader, named_only_as_class, uncovered
from chatbot.answer.coverage_judge import CoverageCase, CoverageJudge, Judged
from chatbot.answer.details import missing_details
from chatbot.answer.excluded_topics import ExcludedTopic, ExcludedTopics
from chatbot.answer.item_details import giving_passages
from chatbot.answer.members import member_asks
from chatbot.answer.retrieval import SearchResult
from chatbot.answer.templates import Templates
from chatbot.answer.vocabulary import CorpusVocabulary, content_terms
from chatbot.answer.wanted_nouns import unnamed_wants
from chatbot.config import Settings
from chatbot.index.lexical import tokenize
from chatbot.index.store import LoadedIndex
from chatbot.packs.synonyms import Thesaurus
from chatbot.recs.merging import STATED
from chatbot.recs.schema import Recommendation, RecommendationSet
from chatbot.types import Answer, AnswerStatus, Document, Hit, Quote

LEXICAL_WEIGHT = 0.3
KEEP_RATIO = 0.8
LEAD_WINDOW = 3  # how far down the hits a placeholder named by the question may lead


@dataclass(frozen=True)
class _Candidate:
    """A sentence of a top passage and how well it answers the question."""

    hit: Hit
    start: int
    end: int
    score: float


def citation_section(document: Document, offset: int) -> str:
    """The heading path at an offset, without a document-wide title heading that every section shares."""
    section = document.section_at(offset)
    if section is None:
        return ""
    roots = {s.path[0] for s in document.sections if s.path}
    path = section.path[1:] if len(roots) == 1 and len(section.path) > 1 else section.path
    return " > ".join(path)


def make_quote(document: Document, start: int, end: int, recommendation_id: str | None) -> Quote:
    """A quote sliced from the canonical text by offsets, with its citation."""
    return Quote(
        text=document.text[start:end],
        document_id=document.id,
        document_title=document.title,
        document_kind=document.kind,
        section=citation_section(document, start),
        page=document.page_at(start),
        char_start=start,
        char_end=end,
        recommendation_id=recommendation_id,
        verified=True,
    )


def _overlap(question_tokens: set[str], text: str) -> float:
    """Share of the question's tokens that the text contains."""
    if not question_tokens:
        return 0.0
    return len(question_tokens & set(tokenize(text))) / len(question_tokens)


def _rank_sentences(search: SearchResult, index: LoadedIndex, passages: list[Hit]) -> list[_Candidate]:
    """Score every quotable sentence of the chosen passages against the question (vectors from the index), best first."""
    rows = [(hit, row) for hit in passages for row in index.sentence_rows(hit.passage.id)]
    if not rows:
        return []
    similarities = index.sentence_vectors[[row for _, row in rows]] @ np.asarray(search.query_vector)
    question_tokens = set(tokenize(search.query.lexical_text))
    candidates = []
    for (hit, row), similarity in zip(rows, similarities):
        _, start, end = index.sentences[row]
        text = index.documents[hit.passage.document_id].text[start:end]
        candidates.append(_Candidate(hit, start, end, float(similarity) + LEXICAL_WEIGHT * _overlap(question_tokens, text)))
    return sorted(candidates, key=lambda c: -c.score)


def lead_hit(hits: tuple[Hit, ...], rec_set: RecommendationSet, question: str, background: frozenset[str]) -> Hit:
    """The hit an answer is built on: a placeholder leads only when the question names its topic."""
    asked = {stem for term in content_terms(question, background) for stem in tokenize(term)}

    def placeholder(hit: Hit) -> Recommendation | None:
        rec = rec_set.get(hit.passage.recommendation_id) if hit.passage.recommendation_id else None
        return rec if rec is not None and rec.is_placeholder else None

    def title(hit: Hit) -> str:
        rec = rec_set.get(hit.passage.recommendation_id) if hit.passage.recommendation_id else None
        return rec.title if rec else (hit.passage.section_path[-1] if hit.passage.section_path else "")

    for hit in hits[:LEAD_WINDOW]:
        if asked & {stem for term in content_terms(title(hit)) for stem in tokenize(term)}:
            if placeholder(hit):
                return hit
            break
    return next((hit for hit in hits if placeholder(hit) is None), hits[0])


def _answer_passages(top: Hit, hits: tuple[Hit, ...], settings: Settings) -> list[Hit]:
    """The lead hit plus close runners-up (same recommendation, or nearly as similar)."""
    chosen = [top]
    for hit in [h for h in hits[: settings.answer_passages] if h is not top]:
        same_rec = hit.passage.recommendation_id and hit.passage.recommendation_id == top.passage.recommendation_id
        close = (hit.dense_score or 0) >= (top.dense_score or 0) - 0.05
        if same_rec or (close and not top.passage.recommendation_id):
            chosen.append(hit)
    return chosen


def _published_labels(rec: Recommendation) -> str:
    """The publication's own grading wording, e.g. ' (as published: category A; evidence type 4)'."""
    if not rec.labels:
        return ""
    return " (as published: " + "; ".join(f"{name.replace('_', ' ')} {value}" for name, value in rec.labels) + ")"


def _intervention(rec: Recommendation, documents: dict[str, Document]) -> str:
    """What the item is about: its curated intervention, else (an extracted item) its statement, quoted from the document."""
    document = documents.get(rec.statement.document) if rec.statement else None
    if rec.intervention != STATED or rec.statement is None or document is None:
        return rec.intervention or "this approach"
    words = " ".join(document.text[rec.statement.char_start : rec.statement.char_end].split())
    return f"(as stated: \u201c{words}\u201d)"


def _summary(rec_ids: list[str], rec_set: RecommendationSet, templates: Templates, documents: dict[str, Document]) -> str:
    """One line per matched recommendation, built from its structured fields (or its statement, when uncurated)."""
    lines = []
    for rec_id in rec_ids:
        rec = rec_set.get(rec_id)
        if rec is None:
            continue
        label = f"{rec.title} ({rec.id}{f', recommendation {rec.label}' if rec.number else ''})"
        comparator = f" over {rec.comparator}" if rec.comparator and rec.comparator != "unknown" else ""
        lines.append(
            templates.answered.format(
                label=label,
                direction_phrase=templates.directions.get(rec.direction, rec.direction),
                intervention=_intervention(rec, documents),
                comparator_phrase=comparator,
                strength=rec.strength.replace("_", " "),
                certainty=rec.certainty.replace("_", " ") + _published_labels(rec),
                source_label=f"{templates.statuses.get(rec.status, rec.status)} ({rec.confidence} confidence)",
            )
        )
    return "\n".join(lines)


def _naming_each(asks: tuple[Ask, ...]) -> Callable[[str], bool] | None:
    """Whether a sentence names, in its own words, each agent or product the question names alone (not its class); None
    for a question naming none: a detail it asks with no words of its own ('celecoxib dose for') is of those."""
    own = tuple(replace(ask, classes=()) for ask in asks if ask.specific)
    return (lambda sentence: not uncovered(own, sentence)) if own else None


def _typed_first(
    ranked: list[_Candidate], wanted: AnswerType, search: SearchResult, index: LoadedIndex, others: list[Hit]
) -> list[_Candidate] | None:
    """The sentences that give the kind of answer asked for first; from the next passages when the chosen ones give none."""

    counted = counted_things(search.query.corrected)

    def gives(candidate: _Candidate) -> bool:
        return wanted.given_in(index.documents[candidate.hit.passage.document_id].text[candidate.start : candidate.end], counted)

    typed = [c for c in ranked if gives(c)]
    if not typed:
        typed = [c for c in _rank_sentences(search, index, others) if gives(c)]
    return [*typed, *(c for c in ranked if c not in typed)] if typed else None


@dataclass(frozen=True)
class AnswerContext:
    """What composing an answer draws on besides the search result."""

    index: LoadedIndex
    rec_set: RecommendationSet
    thesaurus: Thesaurus
    vocabulary: CorpusVocabulary
    templates: Templates
    asks: AskReader
    item_texts: ItemTexts
    coverage: CoverageJudge | None = None  # a learned coverage decision to try (eval/experiments/coverage/); None: the rules decide
    asks_grade: Callable[[str], bool] | None = None  # whether a question asks how an item is graded (only items are): items first
    excluded: ExcludedTopics | None = None  # the topics the publications say they do not cover
    carried: str = ""  # topic words a follow-up carries from earlier turns: no evidence of which item this turn asks for


def _uncovered(lead: Candidate, templates: Templates) -> Abstention:
    """A not_found naming the asks that even the best-fitting item leaves open."""
    names = list(dict.fromkeys(ask.name for ask in lead.missing))
    listed = names[0] if len(names) == 1 else ", ".join(names[:-1]) + " and " + names[-1]
    return Abstention(AnswerStatus.NOT_FOUND, templates.uncovered.format(asks=listed), tuple(names))


def _judged(verdict: Judged | None, rules: Abstention | None, templates: Templates, closest: str) -> Abstention | None:
    """The rules' abstention as a coverage judge overrides it: an answer, or a not_found naming the ask it judged uncovered."""
    if verdict is None or verdict.abstain == (rules is not None):
        return rules
    if not verdict.abstain:
        return None
    if verdict.ask:
        return Abstention(AnswerStatus.NOT_FOUND, templates.uncovered.format(asks=verdict.ask), (verdict.ask,))
    return Abstention(AnswerStatus.NOT_FOUND, templates.not_found.format(closest_topics=closest or "none"))


def _excluded(topic: ExcludedTopic, search: SearchResult, context: AnswerContext) -> Answer:
    """A not_found for a topic the guideline says it does not cover, quoting the sentence that says so."""
    exclusion = topic.exclusion
    quote = make_quote(context.index.documents[exclusion.document_id], exclusion.start, exclusion.end, None)
    summary = context.templates.excluded_topic.format(topic=exclusion.topic)
    return Answer(AnswerStatus.NOT_FOUND, summary, (quote,), (), closest_topics(search.hits, context.rec_set), uncovered=(exclusion.topic,))


def _near(search: SearchResult, index: LoadedIndex, settings: Settings) -> dict[int, float]:
    """The passages the dense retriever puts nearest the question (index position -> similarity), as many as the hits."""
    if not len(search.query_vector) or not len(index.passages):
        return {}
    scores, ids = index.dense.search(
        np.asarray(search.query_vector, dtype=np.float32)[None, :], min(settings.retrieve_top_k, len(index.passages))
    )
    return {int(i): float(score) for i, score in zip(ids[0], scores[0]) if i >= 0}


def compose_answer(search: SearchResult, context: AnswerContext, settings: Settings) -> Answer:
    """Pick the sentences that answer the question as verbatim quotes, or abstain with the reason."""
    rec_set, templates = context.rec_set, context.templates
    relevance = check_relevance(search, rec_set, context.thesaurus, context.vocabulary, templates, settings)
    if relevance and relevance.status is AnswerStatus.OUT_OF_SCOPE:
        return abstain(relevance, search, rec_set)
    if context.excluded is not None and (topic := context.excluded.named_in(search.query.corrected)) is not None:
        return _excluded(topic, search, context)
    if relevance:
        return abstain(relevance, search, rec_set)
    question = search.query.corrected
    asks = context.asks.asks(question)
    # Also asks: an action in a verb the pack never uses, and which member of a group the question wants.
    # ... and the nouns a field term makes a compound with ('fentanyl test strips').
    every = asks + context.asks.unused(actions(question)) + member_asks(question, context.thesaurus, context.asks.ubiquitous)
    every += compound_asks(question, asks, context.asks)
    graded = context.asks_grade is not None and context.asks_grade(question)
    near = _near(search, context.index, settings)
    candidates = rank_candidates(search.hits, every, question, rec_set, context.item_texts, near, graded, context.carried)
    hits = tuple(candidate.hit for candidate in candidates)
    lead = lead_hit(hits, rec_set, question, context.vocabulary.background_stems)
    if mismatch := check_population(question, lead, rec_set, templates):
        return abstain(mismatch, search, rec_set, hits)
    chosen = next(candidate for candidate in candidates if candidate.hit is lead)
    if not chosen.missing and (absent := unnamed_wants(question, asks, context.asks, candidates, context.item_texts, chosen)):
        chosen = replace(chosen, missing=absent)  # 'what paperwork': the thing asked for, named by no item retrieved
    judge = context.coverage
    if chosen.missing and judge is None:
        return abstain(_uncovered(chosen, templates), search, rec_set, hits)
    passages = _answer_passages(lead, hits, settings)
    closest = "; ".join(closest_topics(hits, rec_set))
    detail_texts = [hit.passage.text for hit in passages] + context.item_texts.fields(lead)
    about = _naming_each(asks)
    left = missing_details(search.query.corrected, detail_texts, context.thesaurus, about)
    missing = check_details(left, templates)
    if missing is not None and not chosen.missing:  # the item's other passages may give it: they join the answer
        background = context.vocabulary.background_stems
        setting = context.item_texts.population_groups(chosen.rec) if chosen.rec is not None else frozenset()
        extra = giving_passages(
            left,
            asks,
            context.asks.without_setting(question),
            lead,
            passages,
            context.index.passages,
            context.thesaurus,
            background,
            setting,
            about,
        )
        if extra is not None:
            passages, missing = [*passages, *extra], None
    unaddressed = _uncovered(chosen, templates) if chosen.missing else missing
    if judge is not None:
        case = CoverageCase(
            search, every, tuple(candidates), chosen, missing is not None, context.item_texts, context.index, context.vocabulary
        )
        unaddressed = _judged(judge.judge(case), unaddressed, templates, closest)
    if unaddressed:
        return abstain(unaddressed, search, rec_set, hits)
    ranked = _rank_sentences(search, context.index, passages)
    if not ranked:
        return abstain(Abstention(AnswerStatus.NOT_FOUND, templates.not_found.format(closest_topics=closest)), search, rec_set)
    if (wanted := asked_type(question)) is not None:
        typed = _typed_first(ranked, wanted, search, context.index, [hit for hit in hits if hit not in passages])
        if typed is None:
            return abstain(
                Abstention(AnswerStatus.NOT_FOUND, templates.answer_type.format(kind=wanted_answer(wanted, question))),
                search,
                rec_set,
                hits,
            )
        ranked = typed
    kept = [c for c in ranked if c.score >= ranked[0].score * KEEP_RATIO][: settings.answer_max_quotes]
    kept.sort(key=lambda c: (c.hit.passage.document_id, c.start))
    documents = context.index.documents
    quotes = tuple(make_quote(documents[c.hit.passage.document_id], c.start, c.end, c.hit.passage.recommendation_id) for c in kept)
    top_rec = lead.passage.recommendation_id
    rec_ids = list(dict.fromkeys([r for r in [top_rec, *(q.recommendation_id for q in quotes)] if r]))
    top = rec_set.get(top_rec) if top_rec else None
    if top is not None and top.is_placeholder:
        summary = templates.placeholder.format(label=f"{top.title} ({top.id})")
        return Answer(AnswerStatus.NOT_FOUND, summary, quotes, tuple(rec_ids), closest_topics(hits, rec_set))
    uncompared = not_compared(question, asks, top)
    if chosen_between := [(first, second) for first, second, choice in uncompared if choice]:
        return _not_compared(chosen_between, templates, (lead, *hits), rec_set)  # a choice the guideline does not make
    summary = _summary(rec_ids, rec_set, templates, documents)
    for first, second, _ in uncompared:
        summary += "\n" + templates.not_compared.format(first=first, second=second)
    classed = [ask for ask in asks if ask.classes]  # the item's text is gathered only when a class covers an ask
    for member, whole in named_only_as_class(classed, context.item_texts.of(lead, hits)) if classed else ():
        summary += "\n" + templates.class_only.format(cls=whole, member=member)
    return Answer(AnswerStatus.ANSWERED, summary, quotes, tuple(rec_ids), fitting=_fitting(chosen, candidates))


def _not_compared(pairs: list[tuple[str, str]], templates: Templates, hits: tuple[Hit, ...], rec_set: RecommendationSet) -> Answer:
    """A not_found for options the question weighs that the guideline does not set against each other; the answering
    item is listed apart, as related."""
    summary = "\n".join(templates.not_compared.format(first=first, second=second) for first, second in pairs)
    asks = tuple(f"{first} versus {second}" for first, second in pairs)
    return Answer(AnswerStatus.NOT_FOUND, summary, closest_topics=closest_topics(hits, rec_set), uncovered=asks)


def _fitting(chosen: Candidate, candidates: list[Candidate]) -> tuple[str, ...]:
    """The items among the first candidates that fit the question as well as the chosen one (its own first)."""
    alike = [c.rec.id for c in candidates[:LEAD_CANDIDATES] if c.rec is not None and c.fit == chosen.fit]
    return tuple(dict.fromkeys([chosen.rec.id, *alike] if chosen.rec is not None else alike))
