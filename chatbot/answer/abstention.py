"""Why the bot abstains: out of scope, another condition, terms the corpus never mentions, missing details."""

from __future__ import annotations

import re
from dataclasses import dataclass

from chatbot.answer.candidates import within_named
from chatbot.answer.conditions import names_issuer, unnamed_condition
from chatbot.answer.details import DetailAsk
from chatbot.answer.english import is_common_english
from chatbot.answer.restated import other_names
from chatbot.answer.retrieval import SearchResult
from chatbot.answer.spelling_variants import spelling_variants
from chatbot.answer.templates import Templates
from chatbot.answer.vocabulary import CorpusVocabulary, content_terms, unseen_terms
from chatbot.config import Settings
from chatbot.packs.derivations import derived_nouns
from chatbot.packs.synonyms import Thesaurus
from chatbot.recs.population import age_outside, named_population, population_conflicts
from chatbot.recs.schema import RecommendationSet
from chatbot.types import Answer, AnswerStatus, Hit

# A question whose specific terms are at least this share unknown to the corpus is not addressed by it.
UNSEEN_SHARE = 1 / 3
# English words that ask about a study's findings: with one, an unknown coded name ('XYZ 1234') is a named study.
_STUDY_WORDS = re.compile(
    r"\b(?:trials?|stud(?:y|ies)|protocols?|results?|findings?|outcomes?|cohorts?|arms?|published|randomi[sz]ed)\b", re.I
)

# A question about "the guideline" ("does the 2022 guideline recommend ...") asks what the loaded guideline says:
# a term it never mentions is then not addressed by it (not_found), rather than another field's.
_THE_GUIDELINE = re.compile(r"\b(?:the|this|these|your|its)\s+(?:[\w/+-]+\s+){0,3}?guidelines?\b", re.I)


def asks_the_guideline(question: str) -> bool:
    """Whether the question asks what the (loaded) guideline says: 'the guideline', 'the 2022 guidelines'."""
    return _THE_GUIDELINE.search(question) is not None


def named_studies(question: str, unseen: list[str]) -> tuple[str, ...]:
    """Unknown coded names (capitals with a number: 'CALGB 10403', 'AALL0232') in a question about a study's findings."""
    if not _STUDY_WORDS.search(question):
        return ()
    names = []
    for term in unseen:
        if sum(ch.isupper() for ch in term) < 2:
            continue
        coded = re.search(rf"(?<![\w-]){re.escape(term)}(?:[\s-]?\d[\w-]*)?", question)
        if coded and any(ch.isdigit() for ch in coded.group(0)):
            names.append(coded.group(0))
    return tuple(names)


def closest_topics(hits: tuple[Hit, ...], rec_set: RecommendationSet, limit: int = 3) -> tuple[str, ...]:
    """Titles of the recommendations (or sections) nearest to the question."""
    topics: list[str] = []
    for hit in hits:
        rec = rec_set.get(hit.passage.recommendation_id) if hit.passage.recommendation_id else None
        topic = f"{rec.title} ({rec.id})" if rec else (hit.passage.section_path[-1] if hit.passage.section_path else "")
        if topic and topic not in topics:
            topics.append(topic)
    return tuple(topics[:limit])


def _named_otherwise(term: str, vocabulary: CorpusVocabulary, settings: Settings) -> bool:
    """Whether the loaded text uses one of WordNet's other names of a term, perhaps spelt otherwise ('Keflex': cefalexin), or a noun
    WordNet links a verb or an adjective to ('dialyze': dialysis, 'afebrile': fever)."""
    spelt = spelling_variants(term, settings.lexicon_dir)  # 'tumour': tumor, common English, as 'tumour' would be if spelt so
    names = (*other_names(term, settings.lexicon_dir), *derived_nouns(term, settings.lexicon_dir), *spelt)
    return any(vocabulary.mentions(name) or vocabulary.resembles(name, frozenset()) for name in names) or any(map(is_common_english, spelt))


def other_condition_status(condition: str, thesaurus: Thesaurus, vocabulary: CorpusVocabulary) -> AnswerStatus:
    """not_found for a condition the loaded text speaks of (to exclude it, say); out_of_scope for one it never names: another field."""
    spoken_of = thesaurus.other_condition_in_any(condition.lower(), [vocabulary.text])  # the text is lowercased, so the term is too
    return AnswerStatus.NOT_FOUND if spoken_of else AnswerStatus.OUT_OF_SCOPE


@dataclass(frozen=True)
class Abstention:
    """Why the bot will not answer: the status, and the template line that says why."""

    status: AnswerStatus
    summary: str
    uncovered: tuple[str, ...] = ()  # the asks of the question that the loaded text does not address


def abstain(abstention: Abstention, search: SearchResult, rec_set: RecommendationSet, hits: tuple[Hit, ...] | None = None) -> Answer:
    """An abstaining answer; a not_found one names the closest topics (of `hits`, default the search's)."""
    closest = closest_topics(search.hits if hits is None else hits, rec_set) if abstention.status is AnswerStatus.NOT_FOUND else ()
    return Answer(status=abstention.status, summary=abstention.summary, closest_topics=closest, uncovered=abstention.uncovered)


def check_relevance(
    search: SearchResult,
    rec_set: RecommendationSet,
    thesaurus: Thesaurus,
    vocabulary: CorpusVocabulary,
    templates: Templates,
    settings: Settings,
) -> Abstention | None:
    """None when the question is about something the loaded text covers; otherwise why not."""
    question = search.query.corrected
    best = max((hit.dense_score or 0.0 for hit in search.hits), default=0.0)
    in_domain = thesaurus.mentions_domain(question)
    closest = "; ".join(closest_topics(search.hits, rec_set)) or "none"
    out_of_scope = Abstention(AnswerStatus.OUT_OF_SCOPE, templates.out_of_scope.format(scope=templates.scope))
    condition = thesaurus.other_condition_in(question)
    covered = condition and thesaurus.other_condition_in_any(condition, [hit.passage.text for hit in search.hits])
    if condition and not covered and not thesaurus.names_subject(question):
        return Abstention(other_condition_status(condition, thesaurus, vocabulary), templates.other_condition.format(condition=condition))
    if not thesaurus.names_subject(question) and not thesaurus.matching_groups(question) and not names_issuer(question, rec_set.domain):
        if unnamed := unnamed_condition(question, vocabulary, thesaurus, settings.lexicon_dir):  # none of the field's terms
            return Abstention(AnswerStatus.OUT_OF_SCOPE, templates.other_condition.format(condition=unnamed))
    unseen = [term for term in unseen_terms(question, vocabulary, thesaurus) if not _named_otherwise(term, vocabulary, settings)]
    if studies := named_studies(question, unseen):  # a named study the loaded text never mentions: in the field's manner, not found
        return Abstention(AnswerStatus.NOT_FOUND, templates.uncovered.format(asks=", ".join(studies)), studies)
    unseen_named = Abstention(
        AnswerStatus.NOT_FOUND, templates.unseen_terms.format(terms=", ".join(unseen), closest_topics=closest), tuple(unseen)
    )
    if not in_domain and unseen and asks_the_guideline(question):
        out_of_scope = unseen_named  # what the guideline says of a thing it never mentions: not addressed, not another field
    if best < (settings.min_domain_dense_score if in_domain else settings.min_dense_score):
        return Abstention(AnswerStatus.NOT_FOUND, templates.not_found.format(closest_topics=closest)) if in_domain else out_of_scope
    if unseen and not in_domain:
        return out_of_scope  # a question outside the field that names something the corpus never mentions
    if unseen and len(unseen) >= UNSEEN_SHARE * len(content_terms(question, vocabulary.background_stems)):
        return unseen_named
    return None


def check_details(missing: tuple[DetailAsk, ...], templates: Templates) -> Abstention | None:
    """A not_found when the question asks for details (a dose, a level, a schedule) that the answering texts do not give
    (`missing`, from details.missing_details)."""
    if not missing:
        return None
    named = [ask.text for ask in missing if ask.noun is not None or ask.modifiers]
    if named:
        listed = named[0] if len(named) == 1 else ", ".join(named[:-1]) + " and " + named[-1]
        return Abstention(AnswerStatus.NOT_FOUND, templates.uncovered.format(asks=listed), tuple(named))
    name = missing[0].detail.name
    return Abstention(AnswerStatus.NOT_FOUND, templates.missing_detail.format(detail=name), (name,))


def check_population(question: str, top: Hit, rec_set: RecommendationSet, templates: Templates) -> Abstention | None:
    """A not_found when the question names a population that the best-matching item does not cover."""
    named = named_population(question, rec_set.domain)
    rec = rec_set.get(top.passage.recommendation_id) if top.passage.recommendation_id else None
    if rec is None:
        if named.excluded:
            return Abstention(AnswerStatus.NOT_FOUND, templates.excluded_population.format(population=" and ".join(named.excluded)))
        bands = {item.population.age_band for item in rec_set.items}
        if named.age is not None and bands and all(age_outside(named.age, band) for band in bands):
            return Abstention(AnswerStatus.NOT_FOUND, templates.age_outside.format(age=named.age, bands=", ".join(sorted(bands))))
        return None
    reasons = population_conflicts(within_named(named, rec, rec_set.domain), rec.population, rec.guideline, rec_set.domain)
    if not reasons:
        return None
    summary = templates.population_mismatch.format(
        label=f"{rec.title} ({rec.id})", covered=rec.population.description, reasons="; ".join(reasons)
    )
    return Abstention(AnswerStatus.NOT_FOUND, summary)
