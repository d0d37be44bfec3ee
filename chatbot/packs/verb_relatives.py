"""The words WordNet gives as a verb's synonyms in its commonest senses ('stop': discontinue, halt, cease) and the nouns
derived from them ('discontinuation'), from data.verb (Debian's wordnet-base), looked up in place."""

from __future__ import annotations

import mmap
from functools import lru_cache
from pathlib import Path

from chatbot.packs.derivations import _bases, _files, derived_nouns

COMMON_SENSES = 3  # a verb's first senses (WordNet orders them by how often they are used): the act a question means


def _synset_words(data: mmap.mmap, offset: str) -> list[str]:
    """A verb synset's words ('give_up' -> 'give up')."""
    start = int(offset)
    fields = data[start : data.find(b"\n", start)].decode("utf-8", errors="replace").split(" | ")[0].split()
    return [fields[4 + 2 * i].lower().split("(")[0].replace("_", " ") for i in range(int(fields[3], 16))]


@lru_cache(maxsize=4096)
def verb_relatives(word: str, folder: Path | None) -> frozenset[str]:
    """The word's synonyms in its first COMMON_SENSES verb senses, with the nouns derived from them;
    empty without WordNet or for a word it does not list as a verb."""
    files = _files(folder, "verb") if folder is not None else None
    if files is None or folder is None:
        return frozenset()
    index, data = files
    found: set[str] = set()
    for base in _bases(word.lower(), "verb", folder):
        fields = index.fields(base)
        if not fields:
            continue
        offsets = [f.decode("ascii") for f in fields[-int(fields[2]) :]][:COMMON_SENSES]
        for offset in offsets:
            found.update(_synset_words(data, offset))
    for verb in list(found):
        if " " not in verb:
            found.update(derived_nouns(verb, folder))
    return frozenset(found)
