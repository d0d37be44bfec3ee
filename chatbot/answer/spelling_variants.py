"""A word's other spellings: its WordNet synonyms with the same consonants, a vowel or two otherwise ('tumour': tumor; 'oedema': edema)."""

from __future__ import annotations

import re
from functools import lru_cache
from pathlib import Path

from rapidfuzz.distance import OSA

from chatbot.packs.lexicon import wordnet

MAX_EDITS = 2  # letters a spelling variant differs by ('leukaemia': leukemia; 'titre': titer)
MIN_LENGTH = 5  # shorter words whose vowels differ are other words ('case', 'cause')
LETTERS_PER_EDIT = 4  # a variant differs by at most one letter in this many ('cure' is no spelling of 'care')


@lru_cache(maxsize=4096)
def spelling_variants(word: str, folder: Path | None) -> tuple[str, ...]:
    """The one-word names WordNet gives a word's senses that spell it a letter or two otherwise; () without WordNet."""
    lexicon = wordnet(folder) if folder is not None else None
    lower = word.lower()
    if lexicon is None or not lower.isalpha():
        return ()
    bases = {lower, lower.removesuffix("s"), lower.removesuffix("es")}  # a plural's own singular is no other spelling
    found: dict[str, None] = {}
    for offset in lexicon.senses(lower):
        for name in lexicon.synset_words(offset):
            other = name.lower()
            if other.isalpha() and other not in bases and any(_respelt(base, other) for base in bases):
                found[other] = None
    return tuple(found)


def _respelt(word: str, other: str) -> bool:
    """Whether two words differ only in a vowel or two ('tumour', 'leukaemia') or a vowel's place ('titre'): same consonants."""
    edits = OSA.distance(word, other)
    return (
        min(len(word), len(other)) >= MIN_LENGTH
        and edits <= MAX_EDITS
        and edits * LETTERS_PER_EDIT <= min(len(word), len(other))
        and _consonants(word) == _consonants(other)
    )


def _consonants(word: str) -> str:
    """The word's consonants in order."""
    return re.sub(r"[aeiouy]", "", word)
