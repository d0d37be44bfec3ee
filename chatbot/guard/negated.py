"""What an item's own words advise against ("avoiding sudden stops", "not as a punishment"), so that a clause against it agrees."""

from __future__ import annotations

import re
from functools import lru_cache

from chatbot.guard.claims import ARROW, option_words
from chatbot.index.lexical import tokenize

# A negation and the short phrase it governs (up to eight words, none past the end of that phrase).
_NEGATED_PHRASE = re.compile(
    r"(?<![\w-])(?:not|no|never|avoid\w*|without|rather than|instead of|against|discourag\w*|(?:\w+)n[’']t)\s+"
    r"(?!(?:more|greater|longer|higher|larger|exceed\w*)\b)((?:[^\s.;:,()→]+\s*){1,8})",  # "no more than X" advises X
    re.IGNORECASE,
)
_NO_PHRASE = re.compile(r"(?<![\w-])(?:no|without)\s+(?:[^\s.;:,()→]+\s*){1,6}", re.IGNORECASE)
_NEGATOR = re.compile(r"\b(?:not|no|never|\w+n[’']t)\b", re.IGNORECASE)
SHARE = 0.75  # the share of a clause's topic words that must be among what the item advises against, one in its own fields


def negated_stems(texts: list[str]) -> frozenset[str]:
    """The stems of the phrases the texts negate or advise against."""
    return frozenset(stem for text in texts for m in _NEGATED_PHRASE.finditer(text) for stem in tokenize(m.group(1)))


def avoided_phrases(text: str) -> list[str]:
    """The phrases a text says to avoid or do without ("avoiding sudden stops"); "against" left out, often a preposition
    ("prophylaxis against thrombosis")."""
    return [m.group(1) for m in _NEGATED_PHRASE.finditer(text) if not m.group(0).lower().startswith("against")]


def affirmed_text(text: str) -> str:
    """A text without the phrases it negates ("prescribe no greater quantity than needed" -> "prescribe")."""
    return _NEGATED_PHRASE.sub(" ", text)


def unnegated_options(text: str) -> str:
    """A text without the options it names only to deny them ("no greater quantity", "without cryoprecipitate"); a negated
    verb ("does not endorse stopping") still names its option, the direction having read the negation."""
    return _NO_PHRASE.sub(" ", text)


def affirmed_stems(text: str) -> frozenset[str]:
    """The stems of what a text advises outright: its words outside the phrases it negates."""
    return frozenset(tokenize(affirmed_text(text)))


@lru_cache(maxsize=1024)  # asked once per clause and item
def _topic(phrase: str, said: str) -> frozenset[str]:
    """The stems of what a clause is for (outside the phrases it negates) or against, cues and negators left out."""
    words = _NEGATOR.sub(" ", option_words(phrase if said == "against" else affirmed_text(phrase)))
    return frozenset(stem for stem in tokenize(words) if len(stem) > 2 and not any(c.isdigit() for c in stem))


def _naming(text: str, unnamed: frozenset[str]) -> list[str]:
    """The stems of a text's words that can name an option, in order: cues, `unnamed` stems, short words and numbers left out."""
    return [s for s in tokenize(option_words(text)) if len(s) > 2 and s not in unnamed and not any(c.isdigit() for c in s)]


def _heads(phrase: str, unnamed: frozenset[str]) -> list[str]:
    """The first naming word of each thing a phrase's advice negates ("NOT to stop opioids abruptly" -> stop); the case
    before a shorthand arrow is no advice ("benefits don't outweigh risks -> stop")."""
    advice = ARROW.split(phrase)[-1]
    return [named[0] for m in _NEGATED_PHRASE.finditer(advice) if (named := _naming(m.group(1), unnamed))]


def heads_rejected(phrase: str, negated: tuple[frozenset[str], ...], unnamed: frozenset[str]) -> bool:
    """Whether every thing a clause is against, read by its first naming word, is what the item's own fields advise against
    or its comparator names ("NOT to stop opioids abruptly": "avoiding sudden stops") and none is what its intervention advises."""
    own, discussed, affirmed, comparator = negated
    heads = _heads(phrase, unnamed)
    return bool(heads) and all(head in own | comparator | discussed and head not in affirmed for head in heads)


def rejected_by_item(
    phrase: str, said: str, negated: tuple[frozenset[str], ...], ignored: frozenset[str], idle: frozenset[str] = frozenset()
) -> bool:
    """Whether what a clause is for or against (when for, its words outside the phrases it negates) is what the item itself
    advises against: most of its topic words among the item's negated phrases, one of them in its own fields, and none
    among what its intervention advises (words naming patients, the issuer or nothing in particular left out); a topic of
    only `idle` words (English's commonest: "take particular care") names nothing to reject."""
    topic = _topic(phrase, said) - ignored
    own, discussed, affirmed, _ = negated
    if not topic or topic & affirmed or topic <= idle:  # "discourages offering naloxone": against what the item itself advises
        return False
    return topic <= discussed or (bool(topic & own) and len(topic & (own | discussed)) >= SHARE * len(topic))
