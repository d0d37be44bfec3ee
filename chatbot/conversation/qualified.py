"""A property word qualified by another thing's noun ("nasal spray strength", "strength of the patch"): that thing's, not the item's."""

from __future__ import annotations

import re
from functools import lru_cache

from chatbot.answer.english import is_common_english
from chatbot.config import PROJECT_ROOT
from chatbot.errors import ConfigError
from chatbot.index.lexical import STOPWORDS
from chatbot.yaml_files import read_yaml_mapping

FOLLOWUPS_FILE = PROJECT_ROOT / "prompts" / "followups.yaml"  # the general follow-up words (properties.py and others read it)
EVERYDAY = 5.0  # Zipf frequency of words too common to name a thing ("same", "overall", "again")
_BEFORE = re.compile(r"(?<![\w'’-])([^\W\d_][\w'’-]*)\s+$")  # the word just before, with only spaces between
_OF_PHRASE = re.compile(r"^\s+of\s+((?:[\w'’-]+\s+){0,3}?[\w'’-]+)\s*(?=[,;:?!.—–]|\s+-\s+|$|\s+(?:or|and|for|in|with)\b)", re.I)


@lru_cache(maxsize=8)
def followup_pattern(key: str) -> re.Pattern[str] | None:
    """One alternation of the general patterns listed under `key` in prompts/followups.yaml (None when there are none)."""
    patterns = read_yaml_mapping(FOLLOWUPS_FILE, ConfigError).get(key) or ()
    try:
        return re.compile("|".join(f"(?:{p})" for p in patterns), re.IGNORECASE) if patterns else None
    except re.error as exc:
        raise ConfigError(f"{FOLLOWUPS_FILE}: invalid {key} pattern: {exc}") from exc


@lru_cache(maxsize=1)
def _item_nouns() -> frozenset[str]:
    """The general nouns that name an item or its basis, from prompts/followups.yaml."""
    nouns = read_yaml_mapping(FOLLOWUPS_FILE, ConfigError).get("item_nouns") or ()
    return frozenset(str(noun).lower() for noun in nouns)


def _names_a_thing(word: str) -> bool:
    """Whether a word names a thing other than the item: no function word, item noun, possessive or everyday word."""
    lower = word.lower()
    if lower in STOPWORDS or lower in _item_nouns() or lower.endswith(("'s", "’s")) or lower.isdigit():
        return False
    return not is_common_english(lower, EVERYDAY)


def qualified(question: str, start: int, end: int) -> bool:
    """Whether the single property word at question[start:end] is another thing's: a noun just before it ("nasal spray
    strength") or the head of its of-phrase ("strength of nasal spray") names a thing other than the item."""
    if " " in question[start:end].strip():
        return False  # a property phrase ("how strong", "quality of evidence") is the item's
    before = _BEFORE.search(question[:start])
    if before is not None and _names_a_thing(before.group(1)):
        return True
    after = _OF_PHRASE.match(question[end:])
    return after is not None and _names_a_thing(after.group(1).split()[-1])
