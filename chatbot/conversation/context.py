"""The conversational step around an answer: properties of the items under discussion, clarifications, the next state."""

from __future__ import annotations

import re
from dataclasses import replace

from chatbot.answer.retrieval import SearchResult
from chatbot.answer.templates import Templates
from chatbot.conversation.followups import Resolution, clarification_options, topic_of
from chatbot.conversation.properties import followup_summary
from chatbot.conversation.shorthand import expand_shorthand
from chatbot.conversation.state import DialogueState, Topic, facet_words, render
from chatbot.conversation.topics import topic_index
from chatbot.packs.synonyms import Thesaurus
from chatbot.recs.population import NamedPopulation, age_outside, named_population, population_conflicts
from chatbot.recs.schema import Recommendation, RecommendationSet
from chatbot.types import Answer, AnswerStatus

CANDIDATE_HITS = 3
CLOSE_DENSE = 0.05  # a runner-up this close to the best passage is an equally plausible answer
SUGGESTIONS = ("How strong is that recommendation?", "What is the certainty of the evidence?", "Where does it say that?")


def _candidates(search: SearchResult, rec_set: RecommendationSet) -> list[Recommendation]:
    """The distinct items of the top hits that are about as close to the question as the best one."""
    hits = [hit for hit in search.hits[:CANDIDATE_HITS] if hit.passage.recommendation_id]
    best = max((hit.dense_score or 0.0 for hit in hits), default=0.0)
    ids = dict.fromkeys(
        hit.passage.recommendation_id for hit in hits if hit.passage.recommendation_id and (hit.dense_score or 0.0) >= best - CLOSE_DENSE
    )
    return [rec for rec_id in ids if rec_id and (rec := rec_set.get(rec_id)) is not None]


def slots(facets: dict[str, str]) -> NamedPopulation:
    """Facet slots as the population they name."""
    age = facets.get("age", "")
    return NamedPopulation(int(age) if age.isdigit() else None, {k: v for k, v in facets.items() if k != "age"})


def fits(answer: Answer, facets: dict[str, str], rec_set: RecommendationSet) -> bool:
    """Whether an answer is answered by an item whose population covers the state's facet slots."""
    if answer.status is not AnswerStatus.ANSWERED or not answer.recommendation_ids:
        return False
    rec = rec_set.get(answer.recommendation_ids[0])
    return rec is not None and not population_conflicts(slots(facets), rec.population, rec.guideline, rec_set.domain)


def specific(answer: Answer, facets: dict[str, str], names: tuple[str, ...], rec_set: RecommendationSet) -> int:
    """How closely the answer's item states the named facets: 2 for each it states exactly, 1 for each it covers by a wider
    value, 0 for each it leaves open. Only the facets the pack offers as clarification count: its items are told apart by them.
    A pack that offers none tells its items apart by every facet, stated exactly (a wider value is an item for everyone).
    """
    rec = rec_set.get(answer.recommendation_ids[0]) if answer.recommendation_ids else None
    if rec is None:
        return 0
    domain = rec_set.domain
    score = 0
    for name in (n for n in names if n in (domain.clarify or domain.facets)):
        stated, wanted = rec.population.facet(name), facets.get(name)
        wider = domain.clarify and wanted in domain.facets[name].covered_by(stated)
        score += 2 if stated == wanted else 1 if wider else 0
    return score


def stated(answer: Answer, facets: dict[str, str], names: tuple[str, ...], rec_set: RecommendationSet) -> int:
    """How many of the named facets the answer's item states, exactly or by a wider value (of those the pack clarifies on)."""
    return sum(1 for name in names if specific(answer, facets, (name,), rec_set) > 0)


def states_replaced(answer: Answer, replaced: dict[str, str], rec_set: RecommendationSet) -> bool:
    """Whether the answer's item states exactly a facet value the turn replaced (an item for the patient as they were)."""
    rec = rec_set.get(answer.recommendation_ids[0]) if answer.recommendation_ids else None
    return rec is not None and any(rec.population.facet(name) == value for name, value in replaced.items())


def _first_item(search: SearchResult) -> str | None:
    """The item of the search's best hit that belongs to one."""
    return next((hit.passage.recommendation_id for hit in search.hits if hit.passage.recommendation_id), None)


def leads(answer: Answer, search: SearchResult) -> bool:
    """Whether the answer's item is the search's best item hit: the search points at it, not merely leaves it after others failed."""
    return bool(answer.recommendation_ids) and answer.recommendation_ids[0] == _first_item(search)


def unfound_on_topic(resolution: Resolution, search: SearchResult, answer: Answer) -> bool:
    """Whether a follow-up that changes no slot, read with its topic, finds the item under discussion and that item does not
    cover what it asks ("is nilotinib named?"): then it is not found, whatever the turn read alone might match."""
    unfound = answer.status is AnswerStatus.NOT_FOUND and not resolution.new_topic and not resolution.changed
    return unfound and bool(resolution.previous_ids) and _first_item(search) in resolution.previous_ids


_ITEM_PRONOUN = re.compile(r"\b(?:it|that|this)\b", re.IGNORECASE)  # "what do they advise about it then?": the item
_PATIENT = re.compile(r"\b(?:she|he|her|him|his|(?:the|this|my|our) (?:patient|pt))\b", re.IGNORECASE)  # not "they": the authors


def follows_patient(question: str) -> bool:
    """Whether a turn tells what happens to the patient ("and if he relapses later?") without pointing back at the item under
    discussion ("it", "that"): then the patient's new state, not the item's topic, decides which item answers."""
    return _PATIENT.search(question) is not None and _ITEM_PRONOUN.search(question) is None


def keeps(answer: Answer, facets: dict[str, str], changed: tuple[str, ...], rec_set: RecommendationSet) -> bool:
    """Whether the answer's item keeps the slots a turn did not change: states them, leaves them open or covers them more widely.

    An item for another value that merely overlaps the slot (remission after relapse for a relapsed patient) does not keep it.
    """
    rec = rec_set.get(answer.recommendation_ids[0]) if answer.recommendation_ids else None
    if rec is None:
        return False
    for name, value in facets.items():
        spec = rec_set.domain.facets.get(name)
        stated = rec.population.facet(name)
        if name in changed or spec is None or stated in ("unknown", "any", value):
            continue
        if not (value in spec.covered_by(stated) and stated not in spec.covered_by(value)):
            return False
    return True


def leaning_on_topic(resolution: Resolution, state: DialogueState, rec_set: RecommendationSet) -> Resolution:
    """A new-topic turn without a single content word ("what should the decision be based on?") also read with the topic.

    The reading carries the patient's slots; it is searched when the turn alone finds no fitting item (engine._search).
    """
    if not resolution.new_topic or resolution.others or not state.item_ids or not state.current.words:
        return resolution
    facets = state.facets | resolution.facets
    reading = ", ".join((f"{state.current.words} {resolution.question.strip().rstrip('?.! ')}", *facet_words(facets, rec_set.domain)))
    return replace(resolution, others=(reading,), facets=facets)


def property_answer(question: str, resolution: Resolution, rec_set: RecommendationSet, templates: Templates) -> Answer:
    """Answer "how strong is that?" (or certainty, source, whom it covers) from the items of the state, without a search."""
    asks = resolution.asks_about or "strength"
    recs = [rec for rec_id in resolution.previous_ids if (rec := rec_set.get(rec_id)) is not None]
    named = named_population(expand_shorthand(question, rec_set.domain), rec_set.domain)
    summary = followup_summary(asks, recs, rec_set.sources, named, rec_set.domain, templates.directions)
    if asks == "applicability" and named.age is not None and beyond_every_item(named.age, rec_set):
        return Answer(AnswerStatus.NOT_FOUND, summary, ())  # no item of the guideline covers that age, let alone this one
    return Answer(AnswerStatus.ANSWERED, summary, (), resolution.previous_ids, follow_ups=SUGGESTIONS)


def beyond_every_item(age: int, rec_set: RecommendationSet) -> bool:
    """Whether an age lies outside the age band of every item the pack describes (a person the guideline does not cover)."""
    bands = [rec.population.age_band for rec in rec_set.items if not rec.is_placeholder]
    return bool(bands) and all(age_outside(age, band) for band in bands)


def settling_slots(
    answer: Answer, resolution: Resolution, search: SearchResult, rec_set: RecommendationSet, patient: dict[str, str]
) -> dict[str, str]:
    """The conversation's slots (`patient`) that settle a facet a turn leaves open and a clarification would ask ("and once in
    remission, transplant?" about a relapsed patient), when the answer's item fits them; else {}."""
    domain = rec_set.domain
    settled = {k: v for k, v in patient.items() if k in domain.clarify and k not in resolution.facets}
    if answer.status is not AnswerStatus.ANSWERED or not settled or not fits(answer, settled, rec_set):
        return {}
    candidates = _candidates(search, rec_set)
    if not clarification_options(search.query.corrected, candidates, domain, resolution.facets):
        return {}
    return settled if not clarification_options(search.query.corrected, candidates, domain, resolution.facets | settled) else {}


def in_conversation(
    answer: Answer, resolution: Resolution, search: SearchResult, rec_set: RecommendationSet, templates: Templates
) -> Answer:
    """Ask which population applies when equally close items differ by an open facet; suggest follow-ups."""
    if answer.status is not AnswerStatus.ANSWERED:
        return answer
    candidates = _candidates(search, rec_set)
    if answer.fitting:  # items the ranking set back (another population, an ask left uncovered) are no choice to offer
        candidates = [rec for rec in candidates if rec.id in answer.fitting]
    options = clarification_options(search.query.corrected, candidates, rec_set.domain, resolution.facets)
    if options:
        summary = templates.clarification.format(options=" or ".join(options))
        return replace(answer, status=AnswerStatus.NEEDS_CLARIFICATION, summary=summary, clarification_options=options)
    return replace(answer, follow_ups=SUGGESTIONS)


def next_state(
    state: DialogueState,
    resolution: Resolution,
    answer: Answer,
    searched: str,
    pack_id: str,
    rec_set: RecommendationSet,
    thesaurus: Thesaurus,
) -> DialogueState:
    """The state after a turn: a property question keeps its items; an answer or a clarification sets the topic; others keep it."""
    status = answer.status.value
    if resolution.asks_about and answer.status is AnswerStatus.ANSWERED and not searched:
        topic = Topic(resolution.topic, resolution.previous_ids, resolution.facets)
        return state.after(pack_id, topic, status, answer.summary, resolution.asks_about)
    if answer.status in (AnswerStatus.ANSWERED, AnswerStatus.NEEDS_CLARIFICATION) and (answer.recommendation_ids or searched):
        ids = answer.recommendation_ids
        words = topic_of(searched, ids, rec_set, thesaurus)
        if ids and not names_best(words, ids[0], rec_set, thesaurus):
            words = topic_of("", ids[:1], rec_set, thesaurus)  # words naming another item better are not its topic: the item's own
        return state.after(pack_id, Topic(words, answer.recommendation_ids, resolution.facets), status, answer.summary)
    after = state.unanswered(status, answer.summary)
    if answer.status is AnswerStatus.NOT_FOUND and searched and not (state.item_ids or state.current.words):
        # nothing under discussion yet: the topic not found for this patient stays, so "and for a 30 year old?" can ask it again
        if words := topic_words(searched, rec_set, thesaurus):
            return replace(after, pack=pack_id, current=Topic(words, (), resolution.facets))
    return after


def names_best(text: str, rec_id: str, rec_set: RecommendationSet, thesaurus: Thesaurus) -> bool:
    """Whether a text's words name an item's topic, and as fully as they name any other item's."""
    naming = topic_index(rec_set, thesaurus).naming(text)
    return naming.get(rec_id, 0) > 0 and naming[rec_id] == max(naming.values())


def topic_words(text: str, rec_set: RecommendationSet, thesaurus: Thesaurus) -> str:
    """The words of a text that name an item's topic (none: "")."""
    return topic_index(rec_set, thesaurus).topic_words(text)


def resolved_text(resolution: Resolution, search: SearchResult, state: DialogueState, rec_set: RecommendationSet) -> str:
    """What the reply says the question was understood as: the corrected question when it stands alone, else the state."""
    if resolution.new_topic and not resolution.inherited:
        return search.query.corrected
    return render(state, rec_set.domain, resolution.asks_about or "")
