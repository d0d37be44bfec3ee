"""A follow-up that stays on an item but asks what the item never says: another item that says it, else not found about it."""

from __future__ import annotations

import re
from collections.abc import Callable
from pathlib import Path

from chatbot.answer.abstention import Abstention, abstain
from chatbot.answer.compose import AnswerContext
from chatbot.answer.coverage import Ask, uncovered
from chatbot.answer.details import missing_details
from chatbot.answer.english import common_words, is_common_english
from chatbot.answer.formed_words import formed_from
from chatbot.answer.retrieval import SearchResult
from chatbot.answer.vocabulary import content_terms
from chatbot.conversation.compared import uncompared
from chatbot.conversation.context import fits, leads
from chatbot.conversation.followups import Resolution
from chatbot.conversation.properties import property_words
from chatbot.conversation.qualified import followup_pattern
from chatbot.conversation.topics import strip_population, topic_index
from chatbot.conversation.unreported import unreported
from chatbot.index.lexical import tokenize
from chatbot.packs.parts_of_speech import parts_of_speech
from chatbot.types import Answer, AnswerStatus

# Words at least this frequent in English frame a turn ("exactly", "ongoing", "time") rather than ask for something.
FRAMING_ZIPF = 4.3
# A turn with no verb of asking ("blina dose?") is the noun phrase of "what is the …?".
ASKING = re.compile(
    r"^\s*(?:and\s+|but\s+|so\s+)?(?:what|what's|which|how|when|where|why|who|should|does|do|is|are|can|could|would|will|if|any)\b",
    re.IGNORECASE,
)
# The verb after a person ("do they emphasize", "should I give") says how the turn asks, not what about.
_PERSON_VERB = re.compile(r"\b(?:I|you|we|they|s?he|it)\s+(?:\w+ly\s+)?[A-Za-z-]+", re.IGNORECASE)
Found = tuple[SearchResult, Answer, str]
EVERYDAY = 5.0  # Zipf frequency of words too common to name a thing a turn tells apart ("above", "time")
# English prepositions (a closed class) go before a thing without naming a kind of it ("despite premeds")
_PREPOSITIONS = frozenset(
    "about above across after against along amid among around before behind below beneath beside besides between beyond "
    "despite down during except inside into like near off onto outside over past per since through throughout toward towards "
    "under underneath unlike until upon versus via within without".split()
)
_AUXILIARY = re.compile(r"\b(?:does|do|did|will|would|can|could|should|is|are)\s+(?:that|this|it|they|he|she|I|you|we)")


def unsaid(turn: str, item_text: str, context: AnswerContext) -> tuple[str, ...]:
    """The turn's own words (no property, population, framing or background words) that the item's text never says, the
    details it asks for that the text does not give, and what a "which X?" turn asks that the text says was not reported."""
    rec_set, thesaurus = context.rec_set, context.thesaurus
    if not (turn.rstrip().endswith("?") or ASKING.match(turn)):
        return ()  # a statement ("she's in CR1 after induction") tells, it asks for nothing
    text = strip_population(property_words(rec_set.domain).without(turn), rec_set.domain, topic_index(rec_set, thesaurus).population_groups)
    text = _PERSON_VERB.sub(" ", text)
    text = framing.sub(" ", text) if (framing := followup_pattern("framing")) is not None else text
    terms = content_terms(text, context.vocabulary.background_stems)
    lexicon = context.asks.lexicon
    words = [w for w in terms if not framing_word(w, lexicon) or w in qualifiers(text, terms, item_text, lexicon)]
    asks = [Ask(w, 0, 0, next(iter(thesaurus.groups_named_by(w)), None)) for w in words]
    elliptical = turn if ASKING.match(turn) else f"what {turn.strip()}"
    details = [ask.text for ask in missing_details(elliptical, [item_text], thesaurus)]
    words = [ask.text for ask in uncovered(asks, item_text) if not any(ask.text in detail for detail in details)]
    return tuple(dict.fromkeys(details + words + list(unreported(turn, item_text, thesaurus))))


def framing_word(word: str, lexicon: Path | None) -> bool:
    """Whether a word is framing-common in English, or WordNet lacks it but it joins two such words ('timeframe'): written
    apart they would frame the turn too, naming no thing the item must say."""
    if is_common_english(word, FRAMING_ZIPF):
        return True
    parts = formed_from(word, lexicon)
    return bool(parts) and all(is_common_english(part, FRAMING_ZIPF) for part in parts)


def qualifiers(text: str, terms: list[str], item_text: str, lexicon: Path | None = None) -> set[str]:
    """Everyday words of a turn that tell apart a thing the item's text names: one just before a word of the text ("hair
    testing" when the text says testing) or offered as its alternative ("hair or urine?"), the text lacking the word itself.

    The thing must be named by a word rarer than everyday English ("above" is no thing); a preposition ("despite premeds"),
    a word a subject and auxiliary go before, the turn's verb ("does that include CAR-T?"), and a word WordNet (in `lexicon`)
    knows only as an adverb, which tells how something is done ("going slowly rather than stopping"), qualify nothing.
    """
    said = set(tokenize(item_text))
    everyday = common_words(EVERYDAY)
    in_text = {term for term in terms if not said.isdisjoint(tokenize(term)) and term.lower() not in everyday}
    found = set()
    for term in set(terms) - in_text:
        word = re.escape(term)
        if term.lower() in _PREPOSITIONS or re.search(rf"{_AUXILIARY.pattern}\s+{word}\b", text, re.IGNORECASE):
            continue
        if parts_of_speech(term, lexicon) == {"adv"}:
            continue
        near = rf"\b{word}\s+(?:(?:or|vs\.?|versus|instead of|rather than)\s+)?([\w-]+)|([\w-]+)\s+(?:or|vs\.?|versus)\s+{word}\b"
        if any((match.group(1) or match.group(2)).lower() in in_text for match in re.finditer(near, text, re.IGNORECASE)):
            found.add(term)
    return found


def item_text(found: Found, context: AnswerContext) -> str | None:
    """The text of the item an answer leads with (None without one)."""
    search, answer, _ = found
    rec_id = answer.recommendation_ids[0] if answer.recommendation_ids else None
    hit = next((h for h in search.hits if rec_id and h.passage.recommendation_id == rec_id), None)
    return None if hit is None else context.item_texts.of(hit, search.hits)


def unmoved(resolution: Resolution, found: Found, read: Callable[[str], Found]) -> Found:
    """A follow-up that changes no slot and names no item, read with its topic, stays on the item under discussion: it moves
    to another item only when the turn read alone leads to that item too (else a reading that answers with the item)."""
    moved = found[1].recommendation_ids[0]
    if resolution.changed or not resolution.previous_ids or moved in resolution.previous_ids:
        return found
    for reading in resolution.alone[:1]:
        alone = read(reading)
        if alone[1].recommendation_ids[:1] == (moved,) and leads(alone[1], alone[0]):
            return found
    for reading in (r for r in resolution.others if r not in resolution.alone):
        other = read(reading)
        if other[1].status is AnswerStatus.ANSWERED and other[1].recommendation_ids[:1] == resolution.previous_ids[:1]:
            return other
    return found


def beyond_item(turn: str, resolution: Resolution, found: Found, read: Callable[[str], Found], context: AnswerContext) -> Found:
    """A follow-up answered with the item under discussion that asks what the item never says, or a comparison it does not
    make: the item the turn alone leads to when it fits the slots and says it; else not found, naming what the item under
    discussion does not give."""
    search, answer, searched = found
    if resolution.new_topic or resolution.asks_about or answer.status is not AnswerStatus.ANSWERED or not answer.recommendation_ids:
        return found
    found = unmoved(resolution, found, read)
    search, answer, searched = found
    rec = context.rec_set.get(answer.recommendation_ids[0])
    if rec is None or rec.id not in resolution.previous_ids or (text := item_text(found, context)) is None:
        return found
    missing = unsaid(turn, text, context) + uncompared(turn, rec, context)
    if not missing:
        return found
    for reading in resolution.alone[:1]:
        other = read(reading)
        other_ids = other[1].recommendation_ids
        if other_ids and other_ids[0] not in resolution.previous_ids and leads(other[1], other[0]):
            other_text = item_text(other, context)
            other_rec = context.rec_set.get(other_ids[0])
            if fits(other[1], resolution.facets, context.rec_set) and other_text is not None and other_rec is not None:
                if not unsaid(turn, other_text, context) and not uncompared(turn, other_rec, context):
                    return other
    listed = missing[0] if len(missing) == 1 else ", ".join(missing[:-1]) + " and " + missing[-1]
    summary = context.templates.uncovered.format(asks=f"{listed} in {rec.title} ({rec.id})")
    return search, abstain(Abstention(AnswerStatus.NOT_FOUND, summary, missing), search, context.rec_set), searched
