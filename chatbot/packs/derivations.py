"""The nouns WordNet links a verb or an adjective to ("wheezy": wheeze; "dialyze": dialysis; "afebrile": fever), by its
derivational and pertainym pointers in data.verb and data.adj (Debian's wordnet-base), looked up in place."""

from __future__ import annotations

import mmap
from collections.abc import Callable
from functools import lru_cache
from pathlib import Path

from chatbot.packs.lexicon import wordnet
from chatbot.packs.parts_of_speech import DETACHMENT, base_forms, inflected_parts, part_index, parts_of_speech
from chatbot.packs.wordnet_index import SortedIndex

_TO_NOUN = frozenset({"+", "\\"})  # derivationally related form; pertainym (an adjective pertaining to a noun)


@lru_cache(maxsize=4)
def part_files(folder: Path, part: str) -> tuple[SortedIndex, mmap.mmap] | None:
    """The index and the memory-mapped data file of one part of speech, or None when either is missing."""
    index, data = part_index(folder, part), folder / f"data.{part}"
    if index is None or not data.is_file():
        return None
    with data.open("rb") as handle:
        return index, mmap.mmap(handle.fileno(), 0, access=mmap.ACCESS_READ)


def synset_line(data: mmap.mmap, offset: str) -> tuple[list[str], list[str]]:
    """A synset's words as written (lowercase, marker dropped) and its pointer fields, read at its offset in a data file."""
    end = data.find(b"\n", int(offset))
    fields = data[int(offset) : end].decode("utf-8", errors="replace").split(" | ")[0].split()
    count = int(fields[3], 16)
    at = 4 + 2 * count
    return [fields[4 + 2 * i].lower().split("(")[0] for i in range(count)], fields[at + 1 : at + 1 + 4 * int(fields[at])]


def _noun_offsets(data: mmap.mmap, offset: str, lemma: str) -> list[tuple[str, int]]:
    """The noun synsets (offset, target word number; 0: all its words) that a synset's pointers from `lemma` reach."""
    words, pointers = synset_line(data, offset)
    number = words.index(lemma) + 1 if lemma in words else -1
    found = []
    for i in range(0, len(pointers) - 3, 4):
        symbol, target, pos, link = pointers[i : i + 4]
        source = int(link[:2], 16)
        if symbol in _TO_NOUN and pos == "n" and source in (0, number):
            found.append((target, int(link[2:], 16)))
    return found


@lru_cache(maxsize=2048)
def derived_nouns(word: str, folder: Path | None) -> tuple[str, ...]:
    """The nouns WordNet links a verb or an adjective (or an inflected form of one) to: 'wheezy' -> wheeze, wheeziness;
    'dialyze' -> dialysis, dialyzer; none without WordNet in `folder` or for a word it lists as neither."""
    nouns = wordnet(folder) if folder is not None else None
    if nouns is None:
        return ()
    lower = word.lower()
    names: dict[str, None] = {}
    for part in DETACHMENT:
        files = part_files(folder, part) if folder is not None else None
        if files is None:
            continue
        index, data = files
        for base in base_forms(lower, part, folder) if folder is not None else ():
            fields = index.fields(base)
            for offset in (f.decode("ascii") for f in fields[-int(fields[2]) :]) if fields else ():
                for target, number in _noun_offsets(data, offset, base):
                    targets = nouns.synset_words(target)
                    chosen = targets[number - 1 : number] if 0 < number <= len(targets) else targets
                    names.update(dict.fromkeys(name.lower() for name in chosen))
    return tuple(name for name in names if name != lower)


def describes_a_noun(word: str, folder: Path | None, used: Callable[[str], bool]) -> bool:
    """Whether WordNet lists a word only as an adjective, and not as a verb's form ('intensifying'), linked to a noun that
    `used` accepts ('wheezy': wheeze; 'afebrile': fever): it describes what that noun names."""
    if parts_of_speech(word, folder) != {"adj"} or "verb" in inflected_parts(word, folder):
        return False
    return any(used(noun) for noun in derived_nouns(word.lower(), folder))
