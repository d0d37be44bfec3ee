"""The words WordNet gives as a verb's synonyms in its commonest senses ('stop': discontinue, halt, cease) and the nouns
derived from them ('discontinuation'), from data.verb (Debian's wordnet-base), looked up in place."""

from __future__ import annotations

from functools import lru_cache
from pathlib import Path

from chatbot.packs.derivations import derived_nouns, part_files, synset_line
from chatbot.packs.parts_of_speech import base_forms

COMMON_SENSES = 3  # a verb's first senses (WordNet orders them by how often they are used): the act a question means


@lru_cache(maxsize=4096)
def verb_relatives(word: str, folder: Path | None) -> frozenset[str]:
    """The word's synonyms in its first COMMON_SENSES verb senses, with the nouns derived from them;
    empty without WordNet or for a word it does not list as a verb."""
    files = part_files(folder, "verb") if folder is not None else None
    if files is None or folder is None:
        return frozenset()
    index, data = files
    found: set[str] = set()
    for base in base_forms(word.lower(), "verb", folder):
        fields = index.fields(base)
        if not fields:
            continue
        offsets = [f.decode("ascii") for f in fields[-int(fields[2]) :]][:COMMON_SENSES]
        for offset in offsets:
            found.update(name.replace("_", " ") for name in synset_line(data, offset)[0])
    for verb in list(found):
        if " " not in verb:
            found.update(derived_nouns(verb, folder))
    return frozenset(found)
