"""A follow-up that stays on an item but asks what the item never says: another item that says it, else not found about it."""

from __future__ import annotations

import re
from collections.abc import Callable
from functools import lru_cache

from chatbot.answer.abstention import Abstention, abstain
from chatbot.answer.compose import AnswerContext
from chatbot.answer.coverage import Ask, uncovered
from chatbot.answer.details import missing_details
from chatbot.answer.english import is_common_english
from chatbot.answer.retrieval import SearchResult
from chatbot.answer.vocabulary import content_terms
from chatbot.conversation.context import fits, leads
from chatbot.conversation.followups import Resolution
from chatbot.conversation.properties import FOLLOWUPS_FILE, property_words
from chatbot.conversation.topics import strip_population, topic_index
from chatbot.errors import ConfigError
from chatbot.types import Answer, AnswerStatus
from chatbot.yaml_files import read_yaml_mapping

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


@lru_cache(maxsize=1)
def _framing() -> re.Pattern[str] | None:
    """The general words that ask about the item itself ("rationale", "caveats"), from prompts/followups.yaml."""
    patterns = read_yaml_mapping(FOLLOWUPS_FILE, ConfigError).get("framing") or ()
    try:
        return re.compile("|".join(f"(?:{p})" for p in patterns), re.IGNORECASE) if patterns else None
    except re.error as exc:
        raise ConfigError(f"{FOLLOWUPS_FILE}: invalid framing pattern: {exc}") from exc


def unsaid(turn: str, item_text: str, context: AnswerContext) -> tuple[str, ...]:
    """The turn's own words (no property, population, framing or background words) that the item's text never says, and the
    details it asks for that the text does not give."""
    rec_set, thesaurus = context.rec_set, context.thesaurus
    if not (turn.rstrip().endswith("?") or ASKING.match(turn)):
        return ()  # a statement ("she's in CR1 after induction") tells, it asks for nothing
    text = strip_population(property_words(rec_set.domain).without(turn), rec_set.domain, topic_index(rec_set, thesaurus).population_groups)
    text = _PERSON_VERB.sub(" ", text)
    text = framing.sub(" ", text) if (framing := _framing()) is not None else text
    words = [w for w in content_terms(text, context.vocabulary.background_stems) if not is_common_english(w, FRAMING_ZIPF)]
    asks = [Ask(w, 0, 0, next(iter(thesaurus.groups_named_by(w)), None)) for w in words]
    elliptical = turn if ASKING.match(turn) else f"what {turn.strip()}"
    details = [ask.text for ask in missing_details(elliptical, [item_text], thesaurus)]
    words = [ask.text for ask in uncovered(asks, item_text) if not any(ask.text in detail for detail in details)]
    return tuple(dict.fromkeys(details + words))


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
    """A follow-up answered with the item under discussion that asks what the item never says: the item the turn alone leads
    to when it fits the slots and says it; else not found, naming what the item under discussion does not give."""
    search, answer, searched = found
    if resolution.new_topic or resolution.asks_about or answer.status is not AnswerStatus.ANSWERED or not answer.recommendation_ids:
        return found
    found = unmoved(resolution, found, read)
    search, answer, searched = found
    rec = context.rec_set.get(answer.recommendation_ids[0])
    if rec is None or rec.id not in resolution.previous_ids or (text := item_text(found, context)) is None:
        return found
    missing = unsaid(turn, text, context)
    if not missing:
        return found
    for reading in resolution.alone[:1]:
        other = read(reading)
        other_ids = other[1].recommendation_ids
        if other_ids and other_ids[0] not in resolution.previous_ids and leads(other[1], other[0]):
            other_text = item_text(other, context)
            if fits(other[1], resolution.facets, context.rec_set) and other_text is not None and not unsaid(turn, other_text, context):
                return other
    listed = missing[0] if len(missing) == 1 else ", ".join(missing[:-1]) + " and " + missing[-1]
    summary = context.templates.uncovered.format(asks=f"{listed} in {rec.title} ({rec.id})")
    return search, abstain(Abstention(AnswerStatus.NOT_FOUND, summary, missing), search, context.rec_set), searched
