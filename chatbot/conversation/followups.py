"""Follow-up questions in a conversation: what a question inherits from earlier turns, and clarifying choices."""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import dataclass, field, replace
from difflib import get_close_matches
from functools import lru_cache

from chatbot.answer.english import is_common_english
from chatbot.conversation.properties import property_words
from chatbot.conversation.state import DialogueState, Topic, facet_words
from chatbot.index.lexical import tokenize
from chatbot.packs.domain import Domain
from chatbot.packs.synonyms import SynonymGroup, Thesaurus
from chatbot.recs.population import NamedPopulation, facet_values, named_population, population_conflicts
from chatbot.recs.schema import Recommendation, RecommendationSet

NAMED_READINGS = 2  # a turn naming at most this many new items is also searched with each one's own topic words
_GENERIC_WORDS = (
    "therapy treatment treat patient recommendation guideline routine during after before against following "
    "guide care reaction use give need support remission"
)


@lru_cache(maxsize=1)
def _generic() -> frozenset[str]:
    """Stems of words that name no topic (computed on first use, not at import)."""
    return frozenset(tokenize(_GENERIC_WORDS))


@lru_cache(maxsize=16)
def _unnamed(domain: Domain) -> frozenset[str]:
    """Stems that name no topic in a pack: the general ones and those of its subject ("pain", "opioid" in an opioid guideline)."""
    return _generic() | frozenset(tokenize(domain.subject))


_AGE_FALLBACK = re.compile(
    r"\b(?:(?:the )?patient|s?he|they)(?:'s|’s| is| are|'re| was| were)\s+(\d{1,2})\b(?!\s*(?:%|mg|units?|months?|weeks?|days?|hours?))",
    re.IGNORECASE,
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
# "they" of the guideline's authors ("what do they recommend?"), which refers to no patient and no item
_AUTHORS_THEY = re.compile(
    r"\bthey(?:['’]ve| have| had)? (?:also |even |still )?(?:recommend|suggest|say|said|address|mention|cover|advise|discuss|name|list|"
    r"propose|state|endorse|favou?r|prefer|call|rate|grade|give|talk|comment|weigh|think|want)\w*",
    re.IGNORECASE,
)
_SAME_PATIENT = re.compile(r"\b(?:she|he|they|her|him|his|their|them|this patient|same patients?)\b|\b(?:s?he|they)['’]", re.IGNORECASE)


@dataclass(frozen=True)
class Resolution:
    """What a question means in its conversation: the text to search and what it took from earlier turns."""

    question: str
    inherited: tuple[str, ...]
    new_topic: bool
    asks_about: str | None
    previous_ids: tuple[str, ...]
    facets: dict[str, str] = field(default_factory=dict)  # the facet slots after this turn
    topic: str = ""  # the topic words carried into the search ("" for a new topic)
    others: tuple[str, ...] = ()  # other readings to search, in order, when the first does not fit the state (see engine._search)
    changed: tuple[str, ...] = ()  # the facets this turn gives a new value
    named_ids: frozenset[str] = frozenset()  # the items whose topic a new-topic turn names (its other reading must answer one)


@dataclass(frozen=True)
class _Profile:
    """An item's topic terms: keyword stem sets, title stems and (with a thesaurus) linked synonym groups."""

    phrases: tuple[frozenset[str], ...]
    title: frozenset[str]
    groups: tuple[SynonymGroup, ...] = ()

    def named_by(self, stems: set[str], found: Sequence[SynonymGroup] = (), title: bool = True) -> bool:
        """Whether a question's stems (population removed) or synonym groups name this item's topic (a title word too, when title)."""
        return any(p <= stems for p in self.phrases) or (title and bool(self.title & stems)) or any(g in found for g in self.groups)


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
    unnamed = _unnamed(domain)
    phrases = tuple(frozenset(p - unnamed) for p in stems if p and not p <= unnamed)
    title = {stem for stem in tokenize(_strip_population(rec.title, domain)) if not stem.isdigit()}  # "1-4 weeks" names no "1 mg"
    return _Profile(phrases, frozenset(title - unnamed))


@dataclass(frozen=True)
class _Index:
    """Topic profiles of a recommendation set with a thesaurus, and the words that count as topic words."""

    profiles: dict[str, _Profile]
    domain: Domain
    population_groups: tuple[SynonymGroup, ...]
    topic_groups: tuple[SynonymGroup, ...]
    vocabulary: frozenset[str]

    def named_ids(self, question: str, title: bool = True) -> set[str]:
        """Ids of the items whose topic the question names (by keyword or synonym; by a title word too, when title)."""
        stripped = _strip_population(question, self.domain, self.population_groups)
        stems, found = set(tokenize(stripped)) - _unnamed(self.domain), [g for g in self.topic_groups if g.found_in(stripped)]
        rare = {stem for word in re.findall(r"[A-Za-z]+", stripped) if not is_common_english(word) for stem in tokenize(word)}
        stems |= {
            m
            for stem in (stems & rare) - self.vocabulary  # an English word ("conditional") is no misspelt topic word
            if len(stem) >= 5
            for m in get_close_matches(stem, self.vocabulary, 3, 0.8)
            if m[0] == stem[0] and abs(len(m) - len(stem)) <= 2
        }  # misspelt topic words ("transplnat")
        return {rec_id for rec_id, profile in self.profiles.items() if profile.named_by(stems, found, title)}

    def topic_words(self, text: str, any_content: bool = False) -> str:
        """The topic words of a text in their own spelling (any content word when any_content)."""
        stripped = _strip_population(text, self.domain, self.population_groups)
        kept: dict[str, str] = {}
        for word in re.findall(r"[A-Za-z0-9][\w+:/-]*", stripped):
            if re.fullmatch(r"\d+[a-z]?", word):
                continue  # a bare number is a statement's numbering ("Recommendation 24"), never a topic
            stems = set(tokenize(word)) - _unnamed(self.domain)
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
    unnamed = _unnamed(domain)
    topical = tuple(g for g in thesaurus.groups if g not in population and not set(tokenize(g.canonical)) <= unnamed)
    profiles, vocabulary = {}, set()
    for rec in rec_set.items:
        if rec.is_placeholder:
            continue
        keywords = {k.casefold() for k in rec.keywords}
        groups = tuple(g for g in topical if g.found_in(rec.title) or any(t.casefold() in keywords for t in g.terms))
        profiles[rec.id] = replace(_profile(rec, domain), groups=groups)
        vocabulary |= set().union(profiles[rec.id].title, *profiles[rec.id].phrases, *(tokenize(t) for g in groups for t in g.terms))
    return _Index(profiles, domain, population, topical, frozenset(vocabulary - unnamed))


def _named(text: str, domain: Domain) -> NamedPopulation:
    """named_population, plus an age given as "she's 45" or "the patient is 45".

    A facet named twice takes the value named last, the patient's state now ("relapsed last year, now in second remission").
    """
    named = named_population(text, domain)
    facets = dict(named.facets)
    for facet in facets:
        offset = named.spans[facet][1] if facet in named.spans else len(text)
        while (later := named_population(text[offset:], domain)).facet(facet) is not None:
            facets[facet], offset = later.facets[facet], offset + later.spans[facet][1]
    chosen = text.strip().casefold()  # a clarification choice reads as the value it offers
    facets |= {f: v for f, spec in domain.facets.items() for v, e in spec.values.items() if e.option and e.option.casefold() == chosen}
    named = replace(named, facets=facets)
    if named.age is None and (match := _AGE_FALLBACK.search(text)):
        return replace(named, age=int(match.group(1)))
    return named


def _leans_on_context(question: str, named_facets: bool, thesaurus: Thesaurus) -> bool:
    """Whether a question leans on the conversation: a connector or pronoun (up to 12 words), or a short question (6 words with a facet)."""
    if thesaurus.other_condition_in(question):
        return False
    words = len(re.findall(r"[\w'’+/-]+", question))
    question = _AUTHORS_THEY.sub("", question)
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


def topic_of(text: str, item_ids: Sequence[str], rec_set: RecommendationSet, thesaurus: Thesaurus) -> str:
    """The topic words of a searched text; without any, those of the first item's title (or the text's content words)."""
    index = _index(rec_set, thesaurus)
    if topic := index.topic_words(text):
        return topic
    titles = [rec.title for i in item_ids if (rec := rec_set.get(i)) and not rec.is_placeholder]
    return index.topic_words(titles[0]) if titles else index.topic_words(text, any_content=True)


def names_item(text: str, rec_id: str, rec_set: RecommendationSet, thesaurus: Thesaurus) -> bool:
    """Whether a text's words name an item's topic."""
    return rec_id in _index(rec_set, thesaurus).named_ids(text)


def _earlier(question: str, state: DialogueState, topic_ids: set[str], named: NamedPopulation, index: _Index, back: bool) -> Topic | None:
    """The earlier topic a question returns to: the one whose items it names, else whose words or facets it shares.

    A "back to …" whose words tell no earlier topic apart returns to the latest one.
    """
    if topic_ids:  # items it names decide: an earlier topic that holds none of them is not the one it returns to
        return next((t for t in state.earlier if topic_ids & set(t.item_ids)), None)
    stems = set(tokenize(_strip_population(question, index.domain))) - _unnamed(index.domain)
    said = facet_values(named)

    def score(topic: Topic) -> int:
        shared = len(stems & set(tokenize(topic.words)))
        return 2 * shared + sum(1 for k, v in said.items() if topic.facets.get(k) == v and state.facets.get(k) != v)

    best = max(state.earlier, key=score, default=None)
    if best is not None and score(best) > 0:
        return best
    return state.earlier[0] if back and state.earlier else None


def _about(asks: str, state: DialogueState, earlier: Topic | None, back: bool, topic_ids: set[str], facets: bool) -> Topic | None:
    """The topic a property question is about: the current one, an earlier one it returns to, or None (search instead)."""
    own_topic = bool(topic_ids - set(state.item_ids))
    if back and earlier is not None:
        return earlier
    if state.item_ids and (topic_ids & set(state.item_ids) or (not own_topic and (back or asks == "applicability" or not facets))):
        return state.current
    return earlier if own_topic else None


def resolve_followup(question: str, state: DialogueState, rec_set: RecommendationSet, thesaurus: Thesaurus) -> Resolution:
    """Read a turn against the dialogue state: a question about an item's property, a return, a follow-up, or a new topic."""
    domain = rec_set.domain
    named = _named(question, domain)
    facets = facet_values(named)
    if state.empty:
        return Resolution(question, (), True, None, (), facets)
    index, words = _index(rec_set, thesaurus), property_words(domain)
    topic_ids = index.named_ids(words.without(question))
    refines = bool(topic_ids) and topic_ids <= set(state.item_ids)
    own_topic = bool(topic_ids) and not refines
    asks, back = words.asked(question), words.goes_back(question)
    if asks == "applicability" and not (facets or named.excluded):
        asks = "population"
    earlier = _earlier(question, state, topic_ids, named, index, back) if (back or own_topic) and state.earlier else None
    leans = _leans_on_context(question, False, thesaurus)
    referential = back or refines or leans or asks == "applicability"  # its patterns refer to the item ("does that apply")
    if asks and not _GENERAL.search(question) and (referential or (earlier is not None and own_topic)):
        about = _about(asks, state, earlier, back, topic_ids, bool(facets))
        if about is None and own_topic and len(topic_ids) == 1:  # about the one item it names, which no topic held yet
            about = Topic(topic_of("", tuple(topic_ids), rec_set, thesaurus), tuple(topic_ids), state.facets)
        if about is not None:
            kept = about.facets if asks == "applicability" else about.facets | facets
            note = f"question about {', '.join(about.item_ids)}"
            return Resolution(question, (note,), False, asks, about.item_ids, kept, about.words)
    carried = {k: v for k, v in state.facets.items() if k not in facets}
    changed = tuple(k for k, v in facets.items() if state.facets.get(k) != v)
    notes = tuple(f"population: {w}" for w in facet_words(carried, domain))
    if earlier is not None and back:
        carried = {k: v for k, v in earlier.facets.items() if k not in facets}
        core = _core(question, named, domain)
        searched = ", ".join(p for p in (" ".join(p for p in (earlier.words, core) if p), *facet_words(carried, domain)) if p)
        return Resolution(searched, (f"back to: {earlier.words}",), False, None, earlier.item_ids, carried | facets, earlier.words)
    # naming another item, it answers the clarification only with a value of a facet the domain clarifies on
    clarifying = state.last_status == "needs_clarification" and bool(set(facets) & set(domain.clarify) if own_topic else facets)
    if (own_topic and not clarifying) or not (refines or clarifying or _leans_on_context(question, bool(facets), thesaurus)):
        core = _core(question, named, domain)
        leaning = f"{state.current.words} {core}" if own_topic and leans and state.current.words else None
        same = own_topic and bool(carried) and bool(_SAME_PATIENT.search(_AUTHORS_THEY.sub("", question)))
        tail = facet_words(carried, domain) if same else []
        # a few items named beside the ones under discussion: each one's own topic with the turn ("switching" -> the switch item)
        new = (topic_ids - set(state.item_ids)) & index.named_ids(words.without(question), title=False)  # by keyword or synonym
        fresh = sorted(new) if len(new) <= NAMED_READINGS else []
        readings = tuple(", ".join((f"{topic_of('', (i,), rec_set, thesaurus)} {core}", *tail)) for i in fresh)
        if same:
            searched = f"{question.strip().rstrip('?.! ')}, {', '.join(tail)}"
            others = (question, *((", ".join((leaning, *tail)),) if leaning else ()), *readings)
            return Resolution(searched, notes, True, None, state.item_ids, carried | facets, "", others, changed, frozenset(topic_ids))
        others = ((leaning,) if leaning else ()) + readings
        return Resolution(question, (), True, None, state.item_ids, facets, "", others, changed, frozenset(topic_ids))
    topic = state.current.words or topic_of("", state.item_ids, rec_set, thesaurus)
    core = _core(question, named, domain)
    tail = facet_words(carried, domain)
    searched = ", ".join(p for p in (" ".join(p for p in (topic, core) if p), *tail) if p)
    alone = (core,) if core and topic else ()  # the turn alone: the slots it leaves are checked, not searched
    titled = topic_of("", state.item_ids, rec_set, thesaurus)  # the item's own topic, without words earlier turns added
    own = (", ".join(p for p in (f"{titled} {core}", *tail) if p),) if titled and titled != topic else ()
    # a changed facet: the item's topic with the slots spelled out finds its sibling for the new value (acute -> chronic pain)
    sibling = (", ".join((titled, *facet_words(carried | facets, domain))),) if changed and titled else ()
    notes = ((f"topic from the previous question: {topic}",) if topic else ()) + notes
    return Resolution(searched, notes, False, None, state.item_ids, carried | facets, topic, sibling + alone + own, changed)


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
