"""What a "which X?" turn asks the item to name where the item itself says X was not reported ("which premeds exactly?")."""

from __future__ import annotations

import re

from chatbot.answer.vocabulary import content_terms
from chatbot.index.lexical import tokenize
from chatbot.packs.synonyms import Thesaurus

# a turn asking to name one of a kind ("which premeds exactly?", "and what kind of drugs?"): the few words it names
_WHICH = re.compile(
    r"^\W*(?:(?:and|so|but|ok|okay)\W+)?(?:which\s+|what\s+(?:kinds?|types?|sorts?)\s+of\s+|what\s+(?=(?:[\w'’-]+\s+){1,3}?"
    r"(?:exactly|specifically|would|should|do|does|did|is|are|was|were)\b)(?!about\b|if\b|else\b))((?:[\w'’-]+\s+){0,2}[\w'’-]+)",
    re.IGNORECASE,
)
# a sentence of an item saying that something was not given by its sources ("The premedication agents were not reported.")
_NOT_GIVEN = re.compile(r"\b(?:was|were|is|are)\s+not\s+(?:reported|specified|stated|given|named|described)\b", re.IGNORECASE)
_SENTENCE = re.compile(r"[^.!?]+[.!?]?")


def unreported(turn: str, item_text: str, thesaurus: Thesaurus) -> tuple[str, ...]:
    """The words a "which X?" turn names that the item's text says were not reported (its own sentence saying so)."""
    asked = _WHICH.match(turn)
    if asked is None:
        return ()
    silent = [s for s in _SENTENCE.findall(item_text) if _NOT_GIVEN.search(s)]
    if not silent:
        return ()
    found = []
    for term in content_terms(asked.group(1)):
        stems = set(tokenize(term))
        for sentence in silent:
            named = bool(stems) and stems <= set(tokenize(sentence))
            if named or any(group.found_in(sentence) for group in thesaurus.groups_named_by(term)):
                found.append(term)
                break
    return tuple(found)
