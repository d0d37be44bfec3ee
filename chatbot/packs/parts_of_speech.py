"""Which parts of speech WordNet gives a word (Debian's wordnet-base index files), looked up in place."""

from __future__ import annotations

from functools import lru_cache
from pathlib import Path

from chatbot.packs.wordnet_index import SortedIndex

PARTS = ("noun", "verb", "adj", "adv")


@lru_cache(maxsize=8)
def part_index(folder: Path, part: str) -> SortedIndex | None:
    """The index of one part of speech in `folder`, or None when it is not there."""
    return SortedIndex.open(folder / f"index.{part}")


def parts_of_speech(word: str, folder: Path | None) -> frozenset[str]:
    """The parts of speech WordNet lists a word (or its singular) under; empty without WordNet or for a word it lacks."""
    if folder is None:
        return frozenset()
    lower = word.lower()
    forms = [lower, *(lower[: -len(end)] for end in ("es", "s") if lower.endswith(end) and len(lower) > len(end) + 2)]
    found = set()
    for part in PARTS:
        index = part_index(folder, part)
        if index is not None and any(index.fields(form) for form in forms):
            found.add(part)
    return frozenset(found)


# WordNet's rules of detachment (morphy(7WN)): an ending of an inflected verb or adjective and what replaces it.
DETACHMENT = {
    "verb": (("ies", "y"), ("es", "e"), ("es", ""), ("ed", "e"), ("ed", ""), ("ing", "e"), ("ing", ""), ("s", "")),
    "adj": (("er", ""), ("est", ""), ("er", "e"), ("est", "e")),
}


@lru_cache(maxsize=8)
def exception_bases(folder: Path, part: str) -> dict[str, str]:
    """The irregular inflected forms WordNet lists for a part of speech, each with its base ('thinner' -> 'thin',
    'children' -> 'child'); none when the file is missing."""
    path = folder / f"{part}.exc"
    rows = (line.split() for line in path.read_text().splitlines()) if path.is_file() else iter(())
    return {row[0]: row[1] for row in rows if len(row) >= 2}


def base_forms(lower: str, part: str, folder: Path) -> list[str]:
    """The word and the bases it may be an inflected form of ('swabbing': swab), by the exception list and the rules."""
    irregular = exception_bases(folder, part).get(lower)
    ruled = [lower[: -len(end)] + base for end, base in DETACHMENT[part] if lower.endswith(end) and len(lower) > len(end) + 2]
    return list(dict.fromkeys([lower, *([irregular] if irregular else []), *ruled]))


def inflected_parts(word: str, folder: Path | None) -> frozenset[str]:
    """The parts of speech a word is an inflected form of ('coping': a verb's, 'thinner': an adjective's), by WordNet's rules of
    detachment and its exception lists."""
    if folder is None:
        return frozenset()
    lower = word.lower()
    found = set()
    for part, rules in DETACHMENT.items():
        index = part_index(folder, part)
        bases = [lower[: -len(end)] + base for end, base in rules if lower.endswith(end) and len(lower) > len(end) + 1]
        if lower in exception_bases(folder, part) or (index is not None and any(index.fields(base) for base in bases)):
            found.add(part)
    return frozenset(found)


def qualifier_only(word: str, folder: Path | None) -> bool:
    """Whether WordNet knows a word only as an adjective that describes ('concordant', 'upfront'), none pertaining to a noun
    ('testicular': of the testis) and no verb's form ('dosed'): it qualifies an ask rather than names one."""
    if folder is None or parts_of_speech(word, folder) != {"adj"} or "verb" in inflected_parts(word, folder):
        return False
    index = part_index(folder, "adj")
    fields = index.fields(word.lower()) if index is not None else []
    if len(fields) < 4 or not fields[3].isdigit():
        return False
    pointers = fields[4 : 4 + int(fields[3])]
    return b"\\" not in pointers
