"""A detail the chosen passages leave out but another passage of the same item gives ('every 3 months' in its remarks)."""

from __future__ import annotations

import re
from collections.abc import Callable

from chatbot.answer.candidates import outside_population
from chatbot.answer.coverage import Ask, uncovered
from chatbot.answer.details import DetailAsk, given
from chatbot.answer.vocabulary import content_terms
from chatbot.index.lexical import tokenize
from chatbot.packs.synonyms import Thesaurus
from chatbot.types import Hit, Passage

_SENTENCE = re.compile(r"(?<=[.!?;])\s+|\n+")


def _stems(text: str, background: frozenset[str]) -> frozenset[str]:
    """The stems of a text's content words (background words left out)."""
    return frozenset(stem for term in content_terms(text, background) for stem in tokenize(term))


def giving_passages(
    missing: tuple[DetailAsk, ...],
    asks: tuple[Ask, ...],
    question: str,
    lead: Hit,
    chosen: list[Hit],
    passages: tuple[Passage, ...],
    thesaurus: Thesaurus,
    background: frozenset[str],
    setting: frozenset[str] = frozenset(),
    naming: Callable[[str], bool] | None = None,
) -> list[Hit] | None:
    """The lead item's other passages that give every missing detail; None when one is given by none of them.

    A passage gives it in one sentence that also names every ask of the question other than a population the item
    covers (of the groups `setting` names), or, with no such ask, a content word of `question` (given without its
    setting): 'PDMP data should be reviewed ... every 3 months' answers how often the PMP is checked. Those passages
    then join the answer, so the quote can show the detail; a detail asked with no words of its own is of what `naming`
    finds named (see details.given).
    """
    rec_id = lead.passage.recommendation_id
    if not rec_id or not missing:
        return None
    asked = _stems(question, background)
    own = outside_population(asks, setting)
    taken = {hit.passage.id for hit in chosen}

    def gives(ask: DetailAsk, passage: Passage) -> bool:
        """Whether one sentence of the passage gives the detail about what the question asks."""
        for sentence in _SENTENCE.split(passage.text):
            about = not uncovered(own, sentence) if own else bool(asked & _stems(sentence, background))
            if about and given(ask, [sentence], thesaurus, naming):
                return True
        return False

    others = [p for p in passages if p.recommendation_id == rec_id and p.id not in taken]
    found: list[Hit] = []
    for ask in missing:
        giving = next((p for p in others if gives(ask, p)), None)
        if giving is None:
            return None
        if all(hit.passage.id != giving.id for hit in found):
            found.append(Hit(giving, fused_score=lead.fused_score, dense_score=lead.dense_score))
    return found
