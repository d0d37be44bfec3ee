"""How common a word is in English, or in another language: wordfreq's packaged word lists, read directly (importing wordfreq takes about 0.3 s)."""

from __future__ import annotations

import gzip
import importlib.util
from functools import lru_cache
from pathlib import Path

# Words at least this frequent in English (Zipf scale) frame a question; rarer ones are its asks.
COMMON_ZIPF = 3.5
# Verbs at least this frequent say how something is dealt with ('handled', 'addressed') rather than name a step.
EVERYDAY_ZIPF = 4.0
_SUFFIXES = ("ies", "es", "s", "ed", "ing", "ly")
_E_DROPPED = ("ing", "ed")  # endings that take a verb's final 'e' ('sizing', 'dosed')
_CLITICS = ("n't", "'re", "'ll", "'ve", "'m", "'d")  # a possessive ('nurse's') is left out: 'nurses' is no contraction


@lru_cache(maxsize=4)
def common_words(threshold: float = COMMON_ZIPF) -> frozenset[str]:
    """Words of wordfreq's small English list at or above `threshold`."""
    return words_of("en", threshold)


@lru_cache(maxsize=16)
def words_of(language: str, threshold: float) -> frozenset[str]:
    """Words of wordfreq's small list for `language` at or above `threshold` (its cB format: bin i holds Zipf 9 - i/100)."""
    import msgpack

    spec = importlib.util.find_spec("wordfreq")
    if spec is None or spec.origin is None:
        raise ModuleNotFoundError("wordfreq is not installed: its word lists decide which words are common")
    path = Path(spec.origin).parent / "data" / f"small_{language}.msgpack.gz"
    header, *bins = msgpack.unpackb(gzip.decompress(path.read_bytes()), raw=False)
    if not isinstance(header, dict) or header.get("format") != "cB":
        raise ValueError(f"{path}: not a wordfreq cB word list ({header!r})")
    return frozenset(word for index, words in enumerate(bins) if 9 - index / 100 >= threshold for word in words)


# Languages notes are written in beside English (wordfreq lists): a word common in one of them and rare in English is
# that language's word, not a term the guideline lacks ("kein", "disponibles").
OTHER_LANGUAGES = ("de", "es", "fr", "it", "nl", "pt")
RARE_IN_ENGLISH_ZIPF = 3.0


def is_common_word(word: str) -> bool:
    """Whether the word is common in English or, rare in English, common in another language of wordfreq's lists."""
    return is_common_english(word) or is_common_elsewhere(word)


def is_common_elsewhere(word: str) -> bool:
    """Whether the word, no acronym, is common (Zipf 3.5) in another language of wordfreq's lists and rare in English."""
    lower = word.lower()
    if word.isupper() or is_common_english(lower, RARE_IN_ENGLISH_ZIPF):
        return False  # an acronym ("ASCO") is no word of a language
    return any(lower in words_of(language, COMMON_ZIPF) for language in OTHER_LANGUAGES)


def is_common_english(word: str, threshold: float = COMMON_ZIPF) -> bool:
    """Whether the word, or its form without a common ending ('levels', 'checked', 'dosing'), is common in English."""
    lower = word.lower()
    forms = [lower, *(lower[: -len(s)] for s in _SUFFIXES if lower.endswith(s) and len(lower) > len(s) + 3)]
    forms += [lower[: -len(s)] + "e" for s in _E_DROPPED if lower.endswith(s) and len(lower) > len(s) + 2]  # 'dosing': dose
    common = common_words(threshold)
    return any(form in common for form in forms)


def apostrophe_dropped(word: str) -> bool:
    """Whether the word is a common English contraction written without its apostrophe ('theyre', 'theyll'), itself no common word."""
    lower = word.lower()
    common = common_words(COMMON_ZIPF)
    if lower in common:
        return False  # a word in its own right ('shed', 'were')
    for clitic in _CLITICS:
        bare = clitic.replace("'", "")
        if lower.endswith(bare) and len(lower) > len(bare) and lower[: -len(bare)] + clitic in common:
            return True
    return False
