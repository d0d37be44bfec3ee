"""Follow-up questions in a conversation: what a question inherits from earlier turns, and clarifying choices."""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import dataclass, field, replace

from chatbot.answer.english import is_common_english
from chatbot.answer.facet_reading import worded_values
from chatbot.answer.vocabulary import GENERIC_TERMS, STOPWORDS, content_terms
from chatbot.conversation.complement import opposite_values
from chatbot.conversation.connection import speaks_of_pack
from chatbot.conversation.properties import SHORT_ASK, property_words
from chatbot.conversation.qualified import followup_pattern
from chatbot.conversation.shorthand import expand_shorthand
from chatbot.conversation.state import DialogueState, Topic, facet_words
from chatbot.conversation.tailored import new_values_reading
from chatbot.conversation.topics import TopicIndex, item_profile, names_item, strip_population, topic_index, topic_of, unnamed_stems
from chatbot.index.lexical import tokenize
from chatbot.packs.domain import Domain
from chatbot.packs.synonyms import Thesaurus
from chatbot.recs.population import NamedPopulation, facet_values, named_population, population_conflicts
from chatbot.recs.schema import Recommendation, RecommendationSet

NAMED_READINGS = 2  # a turn naming at most this many new items is also searched with each one's own topic words
__all__ = ["Resolution", "breaks_off", "clarification_options", "names_item", "resolve_followup", "topic_of"]

# an age said of a person: "she's 45", "the patient is 45", or of a relative, set off by a comma or after "is", the clause
# ending there ("her sister, 41, also ...", "what about her uncle, 41?", "his sister is 52 with the same diagnosis")
_AGE_FALLBACK = re.compile(
    r"(?:\b(?:(?:the )?patient|s?he|they)(?:'s|’s| is| are|'re| was| were)\s+"
    r"|\b(?:his|her|their|my|our|your)\s+[a-z]+(?:,\s*|\s+(?:is|was)\s+)(?=\d{1,2}\s*(?:[,;?!.]|$|(?:with|who|and)\b)))"
    r"(\d{1,2})\b(?![.,]\d)(?!\s*(?:%|mg|units?|months?|weeks?|days?|hours?))",
    re.IGNORECASE,
)
_LEAD = re.compile(r"^(?:\s*(?:and|but|or|so|also|plus|okay|ok|well|then|what about|how about|what if)\b[\s,]*)+", re.IGNORECASE)
_CONNECTOR = re.compile(r"^\s*(?:and|but|or|also|plus|what about|how about|what if)\b", re.IGNORECASE)
_REFERRING = re.compile(
    r"\b(?:it|its|they|them|their|she|he|her|him|his|instead|same)\b|\b(?:that|this) (?:one|recommendation|item|drug|approach)\b"
    r"|\b(?:is|does|was|did|about) (?:that|this)\b|\b(?:that|this)\W*$",  # "what goes into that?"
    re.IGNORECASE,
)
# "it" beside a copula is also English's dummy subject ("what time is it?", "is it raining?"): there it refers back only in a
# turn that names an item, facet or property, that the pack's words connect by a word rarer than everyday ones ("time" is in
# any text), or that has no words of its own ("is it?"); "does it recommend" always refers
_DUMMY_IT = re.compile(r"\b(?:is|was)\s+it\b|\bit\s+(?:is|was)\b|\bit(?:'s|’s)", re.IGNORECASE)  # beside a copula only
EVERYDAY = 5.0  # Zipf frequency of words too common to tie an "it" to the pack
_AMBIENT_IT = re.compile(r"^\s*(?:what|which|how) [a-z]+ (?:is|was) it\W*$", re.IGNORECASE)  # "what time is it?", "how far is it?"
_GUIDELINE_TALK = GENERIC_TERMS - STOPWORDS  # words of talk about a guideline: beside them "it" is the item ("was it the panel's?")
# a question ending on its question word asks about something said before ("compared with what?", "for how long?")
_ELLIPTICAL = re.compile(r"\b(?:what|which|whom?|when|where|why|how(?: long| much| many| often)?)\W*$", re.IGNORECASE)
_INTERROGATIVE = re.compile(r"\s*(?:what|what's|which|how|when|where|why|who|should|does|do|is|are|can|could|would|will)\b", re.IGNORECASE)
_GENERAL = re.compile(r"\b(?:recommendations|guidelines|panels)\b", re.IGNORECASE)
# "they" of the guideline's authors ("what do they recommend?"), which refers to no patient and no item
_AUTHORS_THEY = re.compile(
    r"\bthey(?:['’]ve| have| had)? (?:also |even |still )?(?:recommend|suggest|say|said|address|mention|cover|advise|discuss|name|list|"
    r"propose|state|endorse|favou?r|prefer|call|rate|grade|give|talk|comment|weigh|think|want)\w*",
    re.IGNORECASE,
)
_DEMONSTRATIVE = re.compile(r"\b(?:that|this|the)\s+(?:[\w-]+\s+){0,3}?(?:one|recommendation|rec|item|advice|statement)\b", re.IGNORECASE)
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
    alone: tuple[str, ...] = ()  # readings of the turn without the topic: their item counts only when they point at it first
    replaced: dict[str, str] = field(default_factory=dict)  # the values the changed facets had before this turn
    stating: tuple[str, ...] = ()  # readings whose item counts only when it states every new value exactly


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


def breaks_off(question: str) -> bool:
    """Whether a turn opens by breaking off from the conversation ("unrelated: ...", "different patient: ...")."""
    pattern = followup_pattern("breaks")
    return bool(pattern and pattern.search(question))


def _leans_on_context(question: str, named_facets: bool, thesaurus: Thesaurus, connected: bool, it_refers: bool = True) -> bool:
    """Whether a question leans on the conversation: a connector, pronoun or final question word (up to 12 words), or a
    short question (6 words with a facet) that connects to the pack (a property, facet, pack term or word of its text)."""
    if thesaurus.other_condition_in(question):
        return False
    words = len(re.findall(r"[\w'’+/-]+", question))
    question = _AUTHORS_THEY.sub("", question)
    asking = question.rstrip().endswith("?") or bool(_INTERROGATIVE.match(question))
    said = question if it_refers else _DUMMY_IT.sub(" ", question)
    refers = bool(_CONNECTOR.match(question) or _REFERRING.search(said) or _ELLIPTICAL.search(question))
    return (words <= 12 and refers) or (asking and connected and words <= (6 if named_facets else 5))


def _core(question: str, named: NamedPopulation, domain: Domain) -> str:
    """The question without leading connectors and final punctuation, an age spelled so named_population reads it."""
    core = _LEAD.sub("", question).strip().rstrip("?.! ")
    if named.age is not None and named_population(core, domain).age is None:
        core = _AGE_FALLBACK.sub(f"{named.age}-year-old", core, count=1)
    return core


def _earlier(
    question: str, state: DialogueState, topic_ids: set[str], named: NamedPopulation, index: TopicIndex, back: bool
) -> Topic | None:
    """The earlier topic a question returns to: the one whose items it names, else whose words or facets it shares.

    A "back to …" whose words tell no earlier topic apart returns to the latest one.
    """
    if topic_ids:  # items it names decide: an earlier topic that holds none of them is not the one it returns to
        return next((t for t in state.earlier if topic_ids & set(t.item_ids)), None)
    stems = set(tokenize(strip_population(question, index.domain))) - unnamed_stems(index.domain)
    said = facet_values(named)

    def score(topic: Topic) -> int:
        shared = len(stems & set(tokenize(topic.words)))
        return 2 * shared + sum(1 for k, v in said.items() if topic.facets.get(k) == v and state.facets.get(k) != v)

    best = max(state.earlier, key=score, default=None)
    if best is not None and score(best) > 0:
        return best
    return state.earlier[0] if back and state.earlier else None


def _about(asks: str, state: DialogueState, earlier: Topic | None, back: bool, topic_ids: set[str], facets: dict[str, str]) -> Topic | None:
    """The topic a property question is about: the current one, an earlier one it returns to, or None (search instead).

    Facet values the current slots already hold ("for the 22yo", of the 22-year-old under discussion) keep the current topic.
    """
    own_topic = bool(topic_ids - set(state.item_ids))
    if back and earlier is not None:
        return earlier
    restated = all(state.facets.get(name) == value for name, value in facets.items())
    if state.item_ids and (topic_ids & set(state.item_ids) or (not own_topic and (back or asks == "applicability" or restated))):
        return state.current
    if not state.item_ids and not own_topic:  # the last turn gave no item (a passage's answer): the last topic that had one
        return next((topic for topic in state.earlier if topic.item_ids), None)
    return earlier if own_topic else None


def _uncovered(named: NamedPopulation, item_ids: tuple[str, ...], rec_set: RecommendationSet) -> bool:
    """Whether a named population's facets conflict with every one of the items (none when there are no items)."""
    recs = [rec for rec_id in item_ids if (rec := rec_set.get(rec_id)) is not None]
    return bool(recs) and all(population_conflicts(named, rec.population, rec.guideline, rec_set.domain) for rec in recs)


SHORT_TURN = 6  # words: a turn this short that names the items under discussion and another one alike leans on the former


def _holds(naming: dict[str, int], item_ids: tuple[str, ...], question: str, advised: set[str]) -> bool:
    """Whether a turn stays on the items under discussion: it names them more fully than any other item, or as fully when short,
    unless only the other item's own advice says what it names (`advised`; the items under discussion list it as a keyword)."""
    current = max((n for i, n in naming.items() if i in item_ids), default=0)
    other = max((n for i, n in naming.items() if i not in item_ids), default=0)
    elsewhere = not advised & set(item_ids) and bool(advised & {i for i, n in naming.items() if n == other and i not in item_ids})
    return current > other or (current == other > 0 and len(re.findall(r"[\w'’+/-]+", question)) <= SHORT_TURN and not elsewhere)


def _strongest(ids: set[str], naming: dict[str, int]) -> list[str]:
    """At most NAMED_READINGS of the items, most fully named first; when more are named, those named most fully, if few enough."""
    ranked = sorted(ids, key=lambda i: (-naming.get(i, 0), i))
    if len(ranked) > NAMED_READINGS:
        ranked = [i for i in ranked if naming.get(i, 0) == naming.get(ranked[0], 0)]
    return ranked if len(ranked) <= NAMED_READINGS else []


def resolve_followup(
    question: str, state: DialogueState, rec_set: RecommendationSet, thesaurus: Thesaurus, text_stems: frozenset[str] = frozenset()
) -> Resolution:
    """Read a turn against the dialogue state: a question about an item's property, a return, a follow-up, or a new topic.

    A turn continues the conversation only when it connects to it (see _leans_on_context; `text_stems` are the stems of the
    pack's text); one that does not is a new question, which the scope check then judges on its own.
    """
    domain = rec_set.domain
    question = expand_shorthand(question, domain)  # "Ph-neg" read as "Ph-negative" wherever the pack's phrases need it
    named = _named(question, domain)
    facets = facet_values(named)
    if state.empty or breaks_off(question):  # nothing said yet, or a turn that leaves it behind: a first question
        return Resolution(question, (), True, None, (), facets)
    facets |= {k: v for k, v in opposite_values(question, state.facets, domain).items() if k not in facets}  # "she IS bleeding"
    index, words = topic_index(rec_set, thesaurus), property_words(domain)
    asks, back = words.asked(question), words.goes_back(question)
    # what a direction is asked of follows it ("for or against a short course?"): the advice, not an item's name; so does the
    # setting or patient an applicability question asks about ("does that apply in consolidation too?"): the item is "that"
    naming = index.naming(words.without(words.head(question) if asks in ("direction", "applicability") else question))
    topic_ids = set(naming)
    # a property question is about every item it names; another turn stays on the topic it names as fully as any other
    # a property asked of "that <words> recommendation" naming it and others alike is about it, unless the words are the
    # title of another item only ("the MRD one" after the transplant item, whose keywords hold MRD)
    current, by_title = set(state.item_ids), index.titled(words.without(question)) if asks else set()
    pointed = bool(topic_ids & current) and bool(_DEMONSTRATIVE.search(question)) and (not by_title or bool(by_title & current))
    refines = bool(topic_ids) and (
        (topic_ids <= current or pointed) if asks else _holds(naming, state.item_ids, question, index.advised(question, rec_set))
    )
    own_topic = bool(topic_ids) and not refines
    if asks and own_topic and by_title and not by_title & set(state.item_ids):
        topic_ids = (by_title & topic_ids) or topic_ids  # naming the item under discussion and another by its title: the other one
    if asks == "applicability" and not (facets or named.excluded):
        asks = "population"
    # a property asked of a patient the items under discussion do not cover ("the first-remission one, is that strong?")
    elsewhere = bool(asks) and bool(facets) and _uncovered(named, state.item_ids, rec_set)
    earlier = _earlier(question, state, topic_ids, named, index, back) if (back or own_topic or elsewhere) and state.earlier else None
    elsewhere = elsewhere and earlier is not None
    named_any, speaks = bool(asks or facets or named.excluded or topic_ids), speaks_of_pack(question, rec_set, thesaurus, text_stems)
    connected, terms = (named_any or speaks) and not _AMBIENT_IT.match(question), content_terms(question)
    talk = any(w in _GUIDELINE_TALK and not is_common_english(w, EVERYDAY) for w in re.findall(r"[a-z]+", question.lower()))
    it_refers = not terms or talk or (connected and (named_any or not all(is_common_english(t, EVERYDAY) for t in terms)))
    leans = _leans_on_context(question, False, thesaurus, connected, it_refers)
    referential = back or refines or leans or asks == "applicability"  # its patterns refer to the item ("does that apply")
    # a property asked without naming any item can only be about the items under discussion ("what certainty supports that advice?")
    # a short elliptical property question naming one item and no patient ("ev type of the naloxone one?") is about that
    # item; a whole question ("how strong is the heparin recommendation?") is searched as a new topic
    elliptical = not _INTERROGATIVE.match(_LEAD.sub("", question)) and len(re.findall(r"[\w'’+/-]+", question)) <= SHORT_ASK
    one_named = own_topic and len(topic_ids) == 1 and not facets and elliptical
    if asks and not _GENERAL.search(question) and (referential or not topic_ids or (earlier is not None and own_topic) or one_named):
        about = _about(asks, state, earlier, back or elsewhere, topic_ids, facets)
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
    # a statement naming a patient's facet and no topic ("suppose the karyotype shows BCR-ABL1 fusion") changes a slot of the topic
    stated = not (question.rstrip().endswith("?") or _INTERROGATIVE.match(question))
    slot_only = stated and bool(facets) and not topic_ids and not thesaurus.other_condition_in(question)
    if (own_topic and not clarifying) or not (
        refines or clarifying or slot_only or _leans_on_context(question, bool(facets), thesaurus, connected, it_refers)
    ):
        core = _core(question, named, domain)
        leaning = f"{state.current.words} {core}" if own_topic and leans and state.current.words else None
        same = own_topic and bool(carried) and bool(_SAME_PATIENT.search(_AUTHORS_THEY.sub("", question)))
        tail = facet_words(carried, domain) if same else []
        # a few items named beside the ones under discussion: each one's own topic with the turn ("switching" -> the switch item)
        new = (topic_ids - set(state.item_ids)) & index.named_ids(words.without(question), title=False)  # by keyword or synonym
        fresh = _strongest(new, naming)
        readings = tuple(", ".join((f"{topic_of('', (i,), rec_set, thesaurus)} {core}", *tail)) for i in fresh)
        if same:
            searched = f"{question.strip().rstrip('?.! ')}, {', '.join(tail)}"
            others = (question, *readings, *((", ".join((leaning, *tail)),) if leaning else ()))
            return Resolution(searched, notes, True, None, state.item_ids, carried | facets, "", others, changed, frozenset(topic_ids))
        others = readings + ((leaning,) if leaning else ())  # the items it names most fully before the old topic
        # a patient's slot it changes, spelled out: the item stating the new value ("been on it for years" -> long-term therapy);
        # the slots alone only for a turn naming no item by keyword or synonym (else they would answer what it did not ask)
        spelled = ", ".join(facet_words({k: facets[k] for k in changed}, domain)) if state.item_ids else ""
        unnamed = not index.named_ids(words.without(question), title=False)
        others += ((f"{core}, {spelled}",) + ((spelled,) if unnamed else ())) if spelled else ()
        return Resolution(question, (), True, None, state.item_ids, facets, "", others, changed, frozenset(topic_ids))
    topic = state.current.words or topic_of("", state.item_ids, rec_set, thesaurus)
    core = _core(question, named, domain)
    tail = facet_words(carried, domain)
    searched = ", ".join(p for p in (" ".join(p for p in (topic, core) if p), *tail) if p)
    alone: tuple[str, ...] = (core,) if core and topic else ()  # the turn alone: the slots it leaves are checked, not searched
    titled = topic_of("", state.item_ids, rec_set, thesaurus)  # the item's own topic, without words earlier turns added
    own = (", ".join(p for p in (f"{titled} {core}", *tail) if p),) if titled and titled != topic else ()
    # a changed facet: the item's topic with the slots spelled out finds its sibling for the new value (acute -> chronic pain)
    sibling = (", ".join((titled, *facet_words(carried | facets, domain))),) if changed and titled else ()
    notes = ((f"topic from the previous question: {topic}",) if topic else ()) + notes
    # the changed slots alone, spelled out: the item stating the new value, if the search points at it ("Ph-positive" -> TKI)
    slots_only = (", ".join(facet_words({k: facets[k] for k in changed} | carried, domain)),) if changed and state.item_ids else ()
    bare = tuple(r for r in new_values_reading({k: facets[k] for k in changed}, carried, state.item_ids, rec_set) if r not in slots_only)
    others = tuple(r for r in slots_only if r) + sibling + alone + own + bare
    replaced = {k: state.facets[k] for k in changed if k in state.facets}
    alone += slots_only
    return Resolution(
        searched, notes, False, None, state.item_ids, carried | facets, topic, others, changed, alone=alone, replaced=replaced, stating=bare
    )


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


def clarification_options(
    question: str, candidates: list[Recommendation], domain: Domain, known: dict[str, str] | None = None
) -> tuple[str, ...]:
    """Choices that resolve a population facet the question leaves open and the best candidates differ by (else ()).

    `known` holds the facet slots the conversation has already settled: they are not asked again.
    """
    named = _named(question, domain)
    settled = {k: v for k, v in (known or {}).items() if k in domain.facets}
    worded = worded_values(question, domain, frozenset(named.facets) | frozenset(settled))  # 'in remission the first time'
    named = replace(named, facets=settled | worded | named.facets)
    stems = set(tokenize(strip_population(question, domain)))
    top = [c for c in candidates[:3] if not c.is_placeholder and not population_conflicts(named, c.population, c.guideline, domain)]
    plausible = [c for c in top if item_profile(c, domain).named_by(stems)] or top
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
