"""Words a text never uses that restate what it says: WordNet's other names of a word, shorthand clipped from a text's
word ('outpt': outpatient) or an acronym's letters from one word ('IV': intravenous), and common English words misspelt ('shud')."""

from __future__ import annotations

import re
from functools import lru_cache
from pathlib import Path

from rapidfuzz import process
from rapidfuzz.distance import OSA

from chatbot.answer.english import apostrophe_dropped, common_words, is_common_english
from chatbot.index.lexical import STOPWORDS
from chatbot.packs.lexicon import wordnet
from chatbot.packs.parts_of_speech import inflected_parts, parts_of_speech

# A word of English this frequent (Zipf) is what a word English never writes this few edits from it was meant to be.
EVERYDAY_ZIPF, MISSPELT_EDITS = 4.5, 2
# An other name every one of whose words is this common names nothing in particular ('side', 'cure', 'time period').
PLAIN_NAME_ZIPF = 4.0
LONG_NAME = 8  # a name this long is found spelt otherwise too
CLIPPED = (3, 6)  # shorthand this long ('mgmt', 'outpt'), clipped from a word at least two letters longer
_WORD = re.compile(r"[a-z][a-z0-9]*")
_VOWELS = "aeiouy"
STEM_LETTERS = 7  # words sharing this many first letters are one word's forms ('intravenous', 'intravenously')
MAX_SOURCES = 2  # an acronym that the words of more stems than this fit is taken from none of them


def misspelt_common(word: str) -> bool:
    """Whether a word English never writes is a very common English word misspelt: its first two letters, then one letter
    wrong, or one or two left out ('shud', 'recomended'; 'heparin' is no 'hearing'), or its apostrophe ('theyre')."""
    lower = word.lower()
    if apostrophe_dropped(lower):
        return True  # a contraction without its apostrophe: 'theyre'
    if len(lower) < 4 or not lower.isalpha() or lower in common_words(0.0):
        return False
    near = [w for w in _everyday() if w[:2] == lower[:2] and len(w) >= len(lower)]
    return any(OSA.distance(lower, w) <= 1 or (len(w) - len(lower) <= MISSPELT_EDITS and _holds(w, lower)) for w in near)


@lru_cache(maxsize=1)
def _everyday() -> tuple[str, ...]:
    """English's very common words (sorted: the same order every run)."""
    return tuple(sorted(common_words(EVERYDAY_ZIPF)))


def other_names(word: str, folder: Path | None, following: str = "") -> tuple[str, ...]:
    """WordNet's other names of a noun in each of its senses ('Keflex': cephalexin; 'urticaria': hives), or of it with
    the word following it ("athlete's foot": tinea pedis), those naming something in particular."""
    lexicon = wordnet(folder) if folder is not None else None
    if lexicon is None:
        return ()
    names: dict[str, None] = {}
    forms = {word.lower(), word.lower().removesuffix("s"), word.lower().removesuffix("es")}
    compound = lexicon.senses(f"{word}_{following}".lower()) if following else ()
    for offset in compound + lexicon.senses(word.lower()):
        for name in lexicon.synset_words(offset):
            parts = [w for w in _WORD.findall(name.lower()) if w not in STOPWORDS]
            if parts and name.lower() not in forms and not all(is_common_english(w, PLAIN_NAME_ZIPF) for w in parts):
                names[name.lower()] = None
    return tuple(names)


def act_names(word: str, folder: Path | None) -> tuple[str, ...]:
    """WordNet's other names of a noun naming an act, and its kinds' names ("prevention": prophylaxis), those naming
    something in particular: a text saying one of them names the act."""
    lexicon = wordnet(folder) if folder is not None else None
    names = lexicon.act_names(word.lower()) if lexicon is not None else []
    return tuple(n.lower() for n in names if not all(is_common_english(w, PLAIN_NAME_ZIPF) for w in _WORD.findall(n.lower())))


def names_a_thing(word: str, folder: Path | None) -> bool:
    """Whether WordNet (in `folder`) knows a word only as a noun, and only as an artefact, a place or a substance (not as the
    form of a verb or an adjective: 'coping', 'thinner')."""
    lexicon = wordnet(folder) if folder is not None else None
    if lexicon is None or parts_of_speech(word, folder) != {"noun"} or inflected_parts(word, folder):
        return False
    return lexicon.names_a_thing(word.lower())


def names_a_procedure(word: str, folder: Path | None) -> bool:
    """Whether a rare word is one WordNet (in `folder`) knows only as a noun naming an act ('hemodialysis'): a procedure a
    patient is on, not a drug they take."""
    lexicon = wordnet(folder) if folder is not None else None
    if lexicon is None or is_common_english(word) or parts_of_speech(word, folder) != {"noun"}:
        return False
    return lexicon.names_an_act(word.lower())


def names_a_person(word: str, folder: Path | None) -> bool:
    """Whether WordNet (in `folder`) knows a word only as a kind of person ("pharmacist", "surgeons")."""
    lexicon = wordnet(folder) if folder is not None else None
    return lexicon is not None and lexicon.names_a_person(word.lower())


def names_in(name: str, folded: str) -> bool:
    """Whether a lowercased text says a name: its words in a row, each a whole word (the last perhaps in the plural)."""
    words = _WORD.findall(name)
    phrase = r"[\s'-]+".join(map(re.escape, words))
    return bool(words) and re.search(rf"\b{phrase}(?:s|es)?\b", folded) is not None


def spelt_in(name: str, words: frozenset[str]) -> bool:
    """Whether a long one-word name is among the words, perhaps spelt up to two letters otherwise ('cephalexin': cefalexin)."""
    if " " in name or len(name) < LONG_NAME:
        return False
    return (
        process.extractOne(
            name, [w for w in words if abs(len(w) - len(name)) <= MISSPELT_EDITS], scorer=OSA.distance, score_cutoff=MISSPELT_EDITS
        )
        is not None
    )


def clipped_shorthand(word: str, lexicon_knows: bool) -> bool:
    """Whether a word can be shorthand clipped from a longer one ('outpt', 'mgmt'): short, in small letters (a capital
    first at most), no vowel after its first two letters, and no word of English or of WordNet."""
    lower = word.lower()
    return (
        CLIPPED[0] <= len(lower) <= CLIPPED[1]
        and word[1:].islower()
        and lower.isalpha()
        and not set(lower[2:]) & set("aeiou")
        and lower not in common_words(0.0)
        and not lexicon_knows
    )


def initials_of(acronym: str, words: frozenset[str]) -> tuple[str, ...]:
    """The words of a text that a short acronym's letters may be taken from ('IV': intravenous, 'PCT': procalcitonin):
    words that English rarely writes, starting with its first letter, each later letter a consonant that opens a syllable
    (right after a vowel), in order; none when words of many stems fit ('CT': cellulitis, cutaneous, catheter ...)."""
    letters = acronym.lower().removesuffix("s") if len(acronym) > 3 else acronym.lower()
    if not acronym.isupper() or not 2 <= len(letters) <= 4 or not letters.isalpha() or set(letters[1:]) & set(_VOWELS):
        return ()
    opening = r"".join(rf"[a-z]*[{_VOWELS}]{letter}" for letter in letters[1:])
    pattern = re.compile(rf"{letters[0]}{opening}[a-z]*")
    fitting = sorted(w for w in words if len(w) >= 3 * len(letters) and pattern.fullmatch(w) and not is_common_english(w))
    stems = {w[:STEM_LETTERS] for w in fitting}
    return tuple(fitting) if len(stems) <= MAX_SOURCES else ()


def clipped_from(word: str, folded: str) -> bool:
    """Whether a text has a word that the shorthand's letters are clipped from, in order and starting with its first
    ('mgmt': management)."""
    lower = word.lower()
    return any(w[0] == lower[0] and len(w) >= len(lower) + 2 and _holds(w, lower) for w in set(_WORD.findall(folded)))


def _holds(whole: str, letters: str) -> bool:
    """Whether `letters` occur in `whole` in order."""
    rest = iter(whole)
    return all(ch in rest for ch in letters)


def spellings(letters: str, folded: str) -> list[str]:
    """The phrases of a lowercased text whose words' first letters are the letters, opening and closing on a word that is no
    stopword: 'quality of life' spells 'qol', but 'the health care' is no spelling of 'thc' ('to help clinicians' is)."""
    pattern = r"\b" + r"[a-z]*[\s-]+".join(re.escape(letter) for letter in letters) + r"[a-z]*\b"
    phrases = [" ".join(m.group(0).replace("-", " ").split()) for m in re.finditer(pattern, folded)]
    return [p for p in phrases if p.split()[0] not in STOPWORDS and p.split()[-1] not in STOPWORDS]


def spelled_out(acronym: str, folded: str) -> bool:
    """Whether the text spells an acronym out: 'RCTs' as 'randomized controlled trials'.

    Two letters are spelled by two words that are not stopwords ('in various' is no spelling of 'IV').
    """
    letters = acronym.lower().removesuffix("s") if len(acronym) > 3 else acronym.lower()
    if len(letters) < 2:
        return False
    pattern = r"\b" + r"[a-z]*[\s-]+".join(re.escape(letter) for letter in letters) + r"[a-z]*"
    if len(letters) > 2:
        return re.search(pattern, folded) is not None
    return any(not set(m.group(0).replace("-", " ").split()) & STOPWORDS for m in re.finditer(pattern, folded))
