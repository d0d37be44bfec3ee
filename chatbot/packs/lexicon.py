"""Other names of the drugs a publication names, from WordNet's noun database (Debian's wordnet-base): "naloxone" is also
"Narcan", and "benzodiazepine" is what "alprazolam", "Xanax" and its other kinds are."""

from __future__ import annotations

import mmap
import re
from collections.abc import Collection, Iterable
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path

from chatbot.packs.parts_of_speech import exception_bases
from chatbot.packs.wordnet_index import SortedIndex

_WORD = re.compile(r"[a-z][a-z-]{3,}")
MAX_KINDS = 40  # a word with more kinds than this is a broad class ("drug"), not a group of other names
RARE, COMMON = 3.0, 3.5  # Zipf frequencies: a word rarer than RARE is looked up; a name as common as COMMON is no synonym ("hit")
ENGLISH_WORDS, NEAR_SCORE = 30000, 85.0  # one of English's commonest words this close to a name (rapidfuzz ratio) rules it out
DRUG = frozenset({"drug", "medicine", "medication"})  # a sense under one of these names a drug: only those get other names
ILLNESS = frozenset({"disease", "illness"})  # a sense under one of these names a condition: a field of medicine of its own
MAX_DEPTH = 12  # hypernyms climbed to find one
# WordNet's lexicographer files of a condition (noun.state), a procedure (noun.act), a substance and a body part: a rare word's
# only sense in one of them has its synonyms too ("albuminuria" is "proteinuria", "hemodialysis" "haemodialysis")
PLAIN_FILES = frozenset({"04", "08", "26", "27"})
SUBSTANCE = "27"
PEOPLE = frozenset({"person"})  # a sense under this names a kind of person, whatever its lexicographer file
PERSON = "18"  # WordNet's lexicographer file noun.person: kinds of people ("pharmacist", "surgeon")
ACT = "04"  # noun.act: acts and their nominalisations ("prevention", whose kinds include "prophylaxis")
# noun.artifact, noun.location, noun.substance: a word whose every sense is one names a thing ("firearm", "Texas", "vitamin")
THING_FILES = frozenset({"06", "15", SUBSTANCE})
# noun.communication, noun.group, noun.possession: a code, a form or a rule, an institution, a cost or an insurance
DEALINGS_FILES = frozenset({"10", "14", "21"})
CLASS_COMMON = 4.0  # a statement's word rarer than this (Zipf) gathers its kinds named after it ("dextroglucose": glucose)


def _lemma(word: str) -> str:
    """A WordNet lemma as written ("narcotic_antagonist" -> "narcotic antagonist"), its marker ("(a)") dropped."""
    return re.sub(r"\(\w+\)$", "", word).replace("_", " ")


@dataclass
class WordNet:
    """WordNet's noun index and synsets in a folder holding index.noun and data.noun, memory-mapped: a word is looked up in
    place (the index is sorted), so a first lookup does not read the whole database."""

    folder: Path
    _index: SortedIndex
    _data: mmap.mmap

    @classmethod
    def read(cls, folder: Path) -> WordNet | None:
        """The database in `folder`, or None when it is not there."""
        index, data = SortedIndex.open(folder / "index.noun"), folder / "data.noun"
        if index is None or not data.is_file():
            return None
        with data.open("rb") as data_file:
            data_map = mmap.mmap(data_file.fileno(), 0, access=mmap.ACCESS_READ)
        return cls(folder, index, data_map)

    def _offsets(self, lemma: str) -> tuple[str, ...]:
        """The synset offsets the sorted index lists for a lemma, or ()."""
        fields = self._index.fields(lemma)
        return tuple(field.decode("ascii") for field in fields[-int(fields[2]) :]) if fields else ()

    def _synset(self, offset: str) -> tuple[list[str], list[str], list[str]]:
        """A synset's words, the offsets of its hyponyms (kinds of it; not instances, which are names) and of its hypernyms."""
        end = self._data.find(b"\n", int(offset))
        fields = self._data[int(offset) : end].decode("utf-8", errors="replace").split(" | ")[0].split()
        count = int(fields[3], 16)
        words = [_lemma(fields[4 + 2 * i]) for i in range(count)]
        pointers = fields[4 + 2 * count + 1 :]
        linked = [(pointers[i], pointers[i + 1]) for i in range(0, len(pointers) - 3, 4) if pointers[i + 2] == "n"]
        return words, [o for kind, o in linked if kind == "~"], [o for kind, o in linked if kind in ("@", "@i")]

    def synset_words(self, offset: str) -> list[str]:
        """A synset's words."""
        return self._synset(offset)[0]

    def _file(self, offset: str) -> str:
        """The lexicographer file a synset belongs to ("26": noun.state)."""
        return self._data[int(offset) : int(offset) + 16].decode("ascii", errors="replace").split()[1]

    def plain_names(self, word: str) -> list[str]:
        """The other words of a word's one noun sense when it names a condition, procedure, substance or body part."""
        senses = self.senses(word)
        if len(senses) != 1 or self._file(senses[0]) not in PLAIN_FILES:
            return []
        return [name for name in self._synset(senses[0])[0] if name.lower() not in (word, word.rstrip("s"))]

    def named_kinds(self, word: str) -> list[str]:
        """The words of a substance's kinds that one of them names after it ("dextroglucose" is a glucose; "glucosamine" is not)."""
        names: dict[str, None] = {}
        for offset in (o for o in self.senses(word) if self._file(o) == SUBSTANCE):
            for kind in self._synset(offset)[1]:
                kind_names = self._synset(kind)[0]
                if any(name.lower().replace(" ", "").endswith(word.rstrip("s")) for name in kind_names):
                    names.update(dict.fromkeys(kind_names))
        return list(names)

    def _is_drug(self, offset: str) -> bool:
        """Whether a sense is a kind of drug or medicine (some hypernym of it is named so)."""
        return self._is_kind(offset, DRUG)

    def names_illness(self, term: str) -> bool:
        """Whether a term's first (commonest) noun sense is a kind of disease or illness ('strep throat', 'gout'; not 'dose')."""
        senses = self.senses(term.replace(" ", "_"))
        return bool(senses) and self._is_kind(senses[0], ILLNESS)

    def _is_kind(self, offset: str, kinds: frozenset[str]) -> bool:
        """Whether a sense or one of its hypernyms is named by one of `kinds`."""
        seen, layer = set(), [offset]
        for _ in range(MAX_DEPTH):
            if not layer:
                return False
            words = [self._synset(o) for o in layer]
            if any(kinds & set(names) for names, _, _ in words):
                return True
            seen.update(layer)
            layer = [up for _, _, ups in words for up in ups if up not in seen]
        return False

    def names_a_person(self, word: str) -> bool:
        """Whether every noun sense of a word is a kind of person ("pharmacist"): who asks or is treated, not what is asked."""
        senses = self.senses(word)
        return bool(senses) and all(self._file(offset) == PERSON for offset in senses)

    def names_an_act(self, word: str) -> bool:
        """Whether every noun sense of a word is an act ("hemodialysis"): a procedure, not a drug or a thing."""
        senses = self.senses(word)
        return bool(senses) and all(self._file(offset) == ACT for offset in senses)

    def names_a_thing(self, word: str) -> bool:
        """Whether every noun sense of a word is an artefact, a place or a substance ("firearms", "Texas", "testosterone")."""
        senses = self.senses(word)
        return bool(senses) and all(self._file(offset) in THING_FILES for offset in senses)

    def names_dealings(self, word: str) -> bool:
        """Whether a word's commonest noun sense is a communication, a group or a possession ("code", "law", "cost"): the
        paperwork, institutions and money around care rather than care itself."""
        senses = self.senses(word)
        return bool(senses) and self._file(senses[0]) in DEALINGS_FILES

    def act_names(self, word: str) -> list[str]:
        """The other words of a noun's senses that are acts, and the words of those acts' kinds ("prevention": "bar",
        "prophylaxis"): a text naming a kind of an act names the act."""
        names: dict[str, None] = {}
        for offset in (o for o in self.senses(word) if self._file(o) == ACT):
            words, kinds, _ = self._synset(offset)
            names.update(dict.fromkeys(words))
            for kind in kinds:
                names.update(dict.fromkeys(self._synset(kind)[0]))
        return [name for name in names if name.lower() not in (word, word.rstrip("s"))]

    def senses(self, word: str) -> tuple[str, ...]:
        """The noun senses of a word or of its singular ("benzodiazepines" -> "benzodiazepine")."""
        for form in (word, word[:-1] if word.endswith("s") else "", word[:-2] if word.endswith("es") else ""):
            if form and (offsets := self._offsets(form)):
                return offsets
        return ()

    def other_names(self, word: str, used: Collection[str] = (), kinds_too: bool = True) -> list[str]:
        """The other words of each of a noun's senses that is a drug, and those of its kinds (their names and brands) unless a
        name of that kind is among the words `used` by the publication (then it is a drug of its own there)."""
        names: dict[str, None] = {}
        for offset in self.senses(word):
            if not self._is_drug(offset):
                continue  # "tapers" are candles too, "hepatic" a liverwort
            words, kinds, _ = self._synset(offset)
            names.update(dict.fromkeys(words))
            for kind in kinds if kinds_too and len(kinds) <= MAX_KINDS else ():
                kind_names = self._synset(kind)[0]
                if not {name.lower() for name in kind_names} & set(used):  # a kind the text names itself is no other name
                    names.update(dict.fromkeys(kind_names))
        return [name for name in names if name.lower() not in (word, word.rstrip("s"))]


@lru_cache(maxsize=1)
def _english() -> tuple[str, ...]:
    """English's commonest words (wordfreq), those an English word misspelt may stand for."""
    from wordfreq import top_n_list

    return tuple(top_n_list("en", ENGLISH_WORDS))


def _usable(name: str, zipf: float) -> bool:
    """Whether a name can stand for its drug in a question: one word, not a common English one ("hit"), and none that an
    English word misspelt would be read as ("Empirin" for "empiric": spelling correction reads a question by the pack's terms)."""
    from rapidfuzz import fuzz, process

    if " " in name or zipf >= COMMON:
        return False
    near = process.extract(name.lower(), _english(), scorer=fuzz.ratio, score_cutoff=NEAR_SCORE, limit=2)
    return all(word == name.lower() for word, _, _ in near)


def _names(lexicon: WordNet, word: str, used: Collection[str], classes: Collection[str]) -> list[str]:
    """A publication's word's other names: a rare drug's (and a class's kinds), a rare condition's or procedure's synonyms,
    and the kinds named after a statement's word; a phrase ("ACE inhibitor") is looked up as a drug when a word of it is rare."""
    from wordfreq import zipf_frequency

    zipf = min(max(zipf_frequency(form, "en") for form in (part, part.removesuffix("s"))) for part in word.split())
    key = word.replace(" ", "_")
    names = lexicon.other_names(key, used, word in classes) if zipf < RARE else []
    if zipf < RARE and " " not in word:
        names += lexicon.plain_names(key)
    if word in classes and zipf < CLASS_COMMON:
        names += lexicon.named_kinds(key)
    return [name for name in dict.fromkeys(names) if _usable(name, zipf_frequency(name, "en"))]


def lexicon_groups(words: Iterable[str], used: Collection[str], folder: Path, classes: Collection[str] = ()) -> list[list[str]]:
    """For each of a publication's words and phrases that WordNet knows, the word and its other names that are not common
    English words, as a synonym group (none when `folder` holds no WordNet): a rare drug's other names, a rare condition's
    or procedure's synonyms; a word of `classes` (what its statements advise about) also gathers the names of its kinds:
    advice on benzodiazepines covers Xanax, advice on glucose dextrose."""
    lexicon = wordnet(folder)
    if lexicon is None:
        return []
    groups: dict[tuple[str, ...], list[str]] = {}
    for word in sorted(words, key=lambda w: w not in classes):  # a class first: its group is named after it
        if not _WORD.fullmatch(word) and not all(_WORD.fullmatch(part) or part.isalpha() for part in word.split()):
            continue
        if not lexicon.senses(word.replace(" ", "_")):
            continue
        names = _names(lexicon, word, used, classes)
        if names:
            # "analgesic" and "analgesics" make one group, and so do a class and a kind of it the text names ("alprazolam")
            found = next((g for g in groups.values() if {n.lower() for n in [word, *names]} & {n.lower() for n in g}), None)
            group = found if found is not None else groups.setdefault(lexicon.senses(word.replace(" ", "_")), [])
            group += [name for name in [word, *names] if name not in group]
    return list(groups.values())


@lru_cache(maxsize=2)
def wordnet(folder: Path) -> WordNet | None:
    """WordNet's noun database in `folder`, read once."""
    return WordNet.read(folder)


def names_people(word: str, folder: Path | None, plural: bool = False) -> bool:
    """Whether a word's commonest noun sense is a kind of person ("children", "recipients", "individuals"): who is treated,
    not what is done; with `plural`, only a plural form ("diabetic" may qualify a foot); False without WordNet in `folder`."""
    lexicon = wordnet(folder) if folder is not None else None
    if folder is None or lexicon is None or word.isupper():  # an acronym ("ACE") is no person
        return False
    plurals = exception_bases(folder, "noun")  # "children" -> "child"
    lower = word.lower()
    if plural and lower not in plurals and not lower.endswith("s"):
        return False
    senses = lexicon.senses(plurals.get(lower, lower[:-3] + "man" if lower.endswith("men") else lower))
    return bool(senses) and lexicon._is_kind(senses[0], PEOPLE)
