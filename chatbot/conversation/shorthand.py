"""Shorthand for the pack's own facet words ("Ph-neg", "6 wks", "MRD pos"), read as the words it abbreviates.

The words come from the phrases of the pack's domain.yaml; a short form is read as the word only where the
word would complete one of those phrases, so a stray "pos" or "rel" elsewhere stays as it was written.
"""

from __future__ import annotations

import re
from functools import lru_cache

from chatbot.packs.domain import Domain
from chatbot.recs.population import named_population

MIN_WORD = 4  # facet words shorter than this are not abbreviated
MIN_PREFIX = 3  # a cut-off form keeps at least this many letters ("neg", "pos")
MIN_SKELETON = 3  # a consonant form too ("wks"; "at" is no form of "acute")
_VOWELS = frozenset("aeiouy")
# a run of letters in a phrase's regular expression that is a literal word: not after a backslash or a letter,
# not followed by a letter or a quantifier (which would make its last letter optional)
LITERAL = re.compile(r"(?<![\\A-Za-z])[A-Za-z]+(?![A-Za-z?*+{])")
WORD = re.compile(r"(?<![A-Za-z])[A-Za-z]+(?![A-Za-z])")  # a run of letters


@lru_cache(maxsize=16)
def facet_vocabulary(domain: Domain) -> frozenset[str]:
    """The literal words of the domain's facet phrases (lower case, MIN_WORD letters or more)."""
    return frozenset(
        word.lower()
        for facet in domain.facets.values()
        for entry in facet.values.values()
        for phrase in entry.phrases
        for word in LITERAL.findall(phrase)
        if len(word) >= MIN_WORD
    )


def _skeleton(token: str, word: str) -> bool:
    """Whether a token keeps the word's first letter, a consonant, then only its consonants in order up to its last one ("wks").

    A word opening with a vowel has no such form: "act" would read as "acute".
    """
    consonants = [c for c in word[1:] if c not in _VOWELS]
    if len(token) < MIN_SKELETON or token[0] != word[0] or word[0] in _VOWELS or not consonants or token[-1] != consonants[-1]:
        return False
    rest = iter(consonants)
    return all(c in rest for c in token[1:])  # a subsequence: each letter found after the one before


def abbreviates(token: str, word: str) -> bool:
    """Whether a token is a short form of a word: its first letters (at least MIN_PREFIX) or its consonant skeleton."""
    token, word = token.lower(), word.lower()
    if token == word or len(token) >= len(word):
        return False
    if len(token) >= MIN_PREFIX and len(word) > MIN_WORD and word.startswith(token):
        return True
    return _skeleton(token, word)


@lru_cache(maxsize=1024)
def _expansions(token: str, domain: Domain) -> tuple[str, ...]:
    """The facet words a token may abbreviate."""
    lower = token.lower()
    if lower in facet_vocabulary(domain):
        return ()
    return tuple(sorted(word for word in facet_vocabulary(domain) if abbreviates(lower, word)))


def _named_pairs(text: str, domain: Domain) -> set[tuple[str, str]]:
    """The (facet, value) pairs a text names."""
    return set(named_population(text, domain).facets.items())


def expand_shorthand(text: str, domain: Domain) -> str:
    """The text with each short form of a facet word written out, where the full word names a facet value the short form did not."""
    if not domain.facets:
        return text
    for match in reversed(list(WORD.finditer(text))):  # from the end, so earlier offsets stay valid
        words = _expansions(match.group(0), domain)
        if not words:
            continue
        before = _named_pairs(text, domain)
        readings = {w: text[: match.start()] + w + text[match.end() :] for w in words}
        gained = {w: frozenset(_named_pairs(t, domain) - before) for w, t in readings.items()}
        fitting = [w for w in words if gained[w]]
        if fitting and len({gained[w] for w in fitting}) == 1:  # every word it may stand for names the same values
            text = readings[max(fitting, key=len)]  # the whole word ("diagnosed", not "diagnos")
    return text
