"""A turn's scope in a conversation, judged by its own words: the pack's words ask about the item under discussion, others not."""

from __future__ import annotations

import re
from collections.abc import Callable

from chatbot.answer.abstention import Abstention, abstain
from chatbot.answer.compose import AnswerContext
from chatbot.answer.details import detail_asks
from chatbot.answer.english import is_common_english
from chatbot.answer.vocabulary import content_terms
from chatbot.conversation.connection import pack_stems, speaks_of_pack
from chatbot.conversation.followups import Resolution, breaks_off
from chatbot.conversation.said import asks_if_said
from chatbot.conversation.state import DialogueState, facet_words
from chatbot.conversation.topics import topic_of
from chatbot.conversation.unsaid import ASKING, Found, item_text, unsaid
from chatbot.index.lexical import tokenize
from chatbot.types import AnswerStatus

_LEAD = re.compile(r"^(?:\s*(?:and|but|or|so|also|plus|okay|ok|well|then|fine|what about|how about)\b[\s,.]*)+", re.IGNORECASE)


# a turn with this many content words the pack never uses, not common in English, is a question of its own ("and
# enoxaparin?" is not; nor "what about her brother, 41, who has the same thing?", whose words any conversation uses)
FOREIGN = 2
# a demonstrative before a few words ("that first prescription"): the turn points back at something said before
_POINTING = re.compile(r"\b(?:that|this|these|those|the same)\s+((?:[\w'’-]+\s+){0,2}?[\w'’-]+)", re.IGNORECASE)

# a bare choice between two things ("X or Y?"): elliptical, it can only be asked of the item under discussion
_CHOICE = re.compile(
    r"^\W*(?:(?:and|so|but)\s+)?(?:[\w'’+/-]+\s+){0,2}?[\w'’+/-]+\s+(?:or|vs\.?|versus)\s+(?:[\w'’+/-]+\s*){1,3}\W*$", re.I
)


def points_back(turn: str, known: frozenset[str]) -> bool:
    """Whether a turn points back at the item under discussion: a demonstrative before a word of the pack ("before that
    first prescription"), whatever else it asks in another field's words."""
    return any(not known.isdisjoint(tokenize(match.group(1).split()[-1])) for match in _POINTING.finditer(turn))


def _own_words(turn: str, context: AnswerContext, text_stems: frozenset[str]) -> tuple[bool, int]:
    """Whether a turn's words, the details it asks for ("what dose?") set aside, are the pack's (its items, field terms or
    text), or it has no other content words; and how many of its content words, not common in English, the pack never uses."""
    rec_set, thesaurus = context.rec_set, context.thesaurus
    rest = turn if ASKING.match(turn) else f"what {turn.strip()}"
    for ask in detail_asks(rest, thesaurus):
        rest = re.sub(rf"\b{re.escape(ask.text)}\w*", " ", rest, flags=re.IGNORECASE)
    terms, known = content_terms(rest, context.vocabulary.background_stems), pack_stems(rec_set, thesaurus) | text_stems
    foreign = sum(1 for term in terms if known.isdisjoint(tokenize(term)) and not is_common_english(term))
    if thesaurus.other_condition_in(turn):
        return False, max(foreign, FOREIGN)
    return not terms or speaks_of_pack(rest, rec_set, thesaurus, text_stems), foreign


def judged_by_own_words(
    turn: str,
    state: DialogueState,
    resolution: Resolution,
    found: Found,
    read: Callable[[str], Found],
    context: AnswerContext,
    text_stems: frozenset[str],
) -> Found:
    """In a conversation with an item under discussion, a turn's scope follows its own words, not its bare text's closeness.

    Not found for a turn with words the pack never uses (FOREIGN of them) that, read alone, is outside the pack: out of scope
    ("what statin for high LDL?"; "and enoxaparin?" stays not found), unless it points back at the item
    under discussion ("pharmacogenomic testing before that prescription?" stays not found). Out of scope for a turn in
    the pack's words ("what dose?", "slowly?") or a bare choice ("X or Y?"), which is too short to reach the pack alone:
    read with the topic, answered by the item under discussion, or not found naming what it lacks. A turn that breaks off
    ("unrelated: ...") is out of scope unless its words are the pack's.
    """
    search, answer, searched = found
    if state.empty or not state.item_ids or resolution.asks_about:
        return found
    own, foreign = _own_words(turn, context, text_stems)
    if breaks_off(turn):  # "unrelated: ...": about the guideline only in the pack's own words
        if own:
            return found
        out = Abstention(AnswerStatus.OUT_OF_SCOPE, context.templates.out_of_scope.format(scope=context.templates.scope))
        return search, abstain(out, search, context.rec_set), searched
    known = pack_stems(context.rec_set, context.thesaurus) | text_stems
    if answer.status is AnswerStatus.NOT_FOUND and not own and foreign >= FOREIGN and not points_back(turn, known):
        alone = read(turn)
        return alone if alone[1].status is AnswerStatus.OUT_OF_SCOPE else found
    if answer.status is not AnswerStatus.OUT_OF_SCOPE or not (own or _CHOICE.match(turn) or asks_if_said(turn)):
        return found
    rec_set = context.rec_set
    topic = state.current.words or topic_of("", state.item_ids, rec_set, context.thesaurus)
    core = _LEAD.sub("", turn).strip().rstrip("?.! ")
    reading = ", ".join(p for p in (f"{topic} {core}".strip(), *facet_words(state.facets, rec_set.domain)) if p)
    on_topic = read(reading)
    other_search, other_answer, _ = on_topic
    rec = rec_set.get(state.item_ids[0])
    if rec is None:
        return found
    lead = other_answer.recommendation_ids[0] if other_answer.recommendation_ids else None
    if other_answer.status is AnswerStatus.ANSWERED and lead in state.item_ids:
        text = item_text(on_topic, context)
        missing = unsaid(turn, text, context) if text is not None else ()
        if not missing:
            return on_topic
    elif other_answer.status is AnswerStatus.NOT_FOUND:
        hit = next((h for h in other_search.hits if h.passage.recommendation_id == rec.id), None)
        text = context.item_texts.of(hit, other_search.hits) if hit is not None else None
        missing = unsaid(turn, text, context) if text is not None else ()
    else:
        return found
    if not missing:
        return other_search, other_answer, reading
    listed = missing[0] if len(missing) == 1 else ", ".join(missing[:-1]) + " and " + missing[-1]
    summary = context.templates.uncovered.format(asks=f"{listed} in {rec.title} ({rec.id})")
    return other_search, abstain(Abstention(AnswerStatus.NOT_FOUND, summary, missing), other_search, rec_set), reading
