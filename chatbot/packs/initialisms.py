"""Shorthand a publication never defines, read from its own text: "LTOT" is the initials of "long-term opioid therapy", "benzos"
clips "benzodiazepines", "TMP-SMX" spells "trimethoprim-sulfamethoxazole" part by part, "ACEi" is its "ACE inhibitor"."""

from __future__ import annotations

import re
from collections import Counter
from collections.abc import Iterable
from dataclasses import dataclass, field
from functools import cached_property, lru_cache

from chatbot.ingest.text import english_words, is_word

# An all-capital token of a question ("LTOT", "UDTs"); not part of a hyphenated or slashed term ("CP-CML", "ER/LA").
_TOKEN = re.compile(r"(?<![\w/-])([A-Z]{3,6})(s?)(?![\w/-])")
# Two capitals ("HD"): the initials of one compound word's parts ("hemodialysis": hemo + dialysis), when no phrase has them.
_PAIR = re.compile(r"(?<![\w/-])([A-Z]{2})(s?)(?![\w/-])")
# Capitals with a small letter or "&" between them for a small word of the phrase ("QoL": quality of life, "I&D": incision and
# drainage); the capitals alone are its initials.
_LINKED = re.compile(r"(?<![\w/&-])([A-Z]{1,3}(?:[a-z&][A-Z]{1,3})+)(s?)(?![\w/&-])")
# The initials of a hyphenated term's parts, each part's letters in order ("TMP-SMX": "trimethoprim-sulfamethoxazole").
_HYPHENATED = re.compile(r"(?<![\w/-])([A-Z]{2,5})-([A-Z]{2,5})(s?)(?![\w/-])")
# A drug class named by what it inhibits, with a small "i" ("ACEi", "SGLT2i"): the text's "ACE inhibitor", "SGLT2 inhibitor".
_INHIBITOR = re.compile(r"(?<![\w/-])([A-Z][A-Z0-9]{1,7})i(s?)(?![\w-])")
MIN_TAIL = 4  # letters of the word a compound ends with ("dialysis")
# A word of the text and what comes before it: only spaces, line breaks or hyphens join the words of one phrase.
_WORD = re.compile(r"([^A-Za-z]*)([A-Za-z]+)")
_JOINING = frozenset("of for the and in on to with a an or".split())  # small words an initialism skips (MOUD)
MIN_OCCURRENCES = 3  # a phrase must recur in the text to stand for a token
MIN_CLIPPING = 3  # letters a clipped word keeps ("tox", "benzo", "detox"): fewer open too many words
# A lower-case word of a question that may be clipped ("benzos", "detox"); capitalised ones are names or initialisms.
_CLIPPING = re.compile(r"(?<![\w-])[a-z]{3,}(?![\w-])")
# Function words: no word of an initialism's phrase is one ("bowel movements if" is no BMI).
STOPWORDS = frozenset(
    """a an and are as at be been being but by can could did do does for from had has have how i if in into is it its may me
    might my no nor not of on or our should so than that the their them then there these they this those to was we were what
    when where which while who whom why will with would you your about also any some such""".split()
)


@lru_cache(maxsize=1)
def _stemmer():
    """The Snowball English stemmer (PyStemmer), created on first use."""
    import Stemmer

    return Stemmer.Stemmer("english")


def _key(words: list[str]) -> tuple[str, ...]:
    """A phrase's content words, stemmed: its forms ("urine drug testing", "urine drug tests") share one key."""
    return tuple(_stemmer().stemWords([word for word in words if word not in STOPWORDS]))


def _joint(between: str) -> str:
    """How two words are joined: "-" by a hyphen, " " by spaces or a line break, "" by anything else (no phrase spans it)."""
    if "-" in between:
        return "-" if between.strip(" \n-") == "" and between.count("-") == 1 else ""
    return " " if between.isspace() else ""


def _mostly_capitals(text: str) -> bool:
    """Whether the text is written in capitals (then its capitalised words are not shorthand)."""
    letters = [c for c in text if c.isalpha()]
    return sum(c.isupper() for c in letters) > len(letters) / 2


def _spells(word: str, letters: str) -> bool:
    """Whether a word opens with the letters' first and holds the others in order ("tmp" in "trimethoprim")."""
    if not word.startswith(letters[0]):
        return False
    rest = iter(word[1:])
    return all(letter in rest for letter in letters[1:])


@dataclass
class _Reading:
    """One phrase a token may stand for: its first written form, how often it occurs, and the words just before it."""

    form: str
    joined: bool  # it skips a small word ("medications for opioid use disorder")
    count: int = 0
    before: Counter[str] = field(default_factory=Counter)

    def is_fragment(self) -> bool:
        """Whether it is mostly the tail of a longer term ("use disorder treatment" after "opioid")."""
        word, count = self.before.most_common(1)[0]
        return word not in STOPWORDS and word != "" and count * 2 >= self.count


@dataclass
class Initialisms:
    """Reads a question's shorthand as the phrase of the pack's text whose initials it is, when nothing defines it."""

    texts: tuple[str, ...]
    known: frozenset[str]  # terms the pack already knows (its synonym groups): never re-read
    _found: dict[str, str | None] = field(default_factory=dict, repr=False)

    @classmethod
    def from_texts(cls, texts: Iterable[str], known: Iterable[str] = ()) -> Initialisms:
        """From the pack's passages and the terms its synonym groups hold."""
        return cls(tuple(texts), frozenset(known))

    @cached_property
    def _words(self) -> tuple[list[str], list[str], dict[str, list[int]], frozenset[str]]:
        """The texts' words (lowercased); what joins each to the word before (" ", "-", or "" at a break between phrases);
        positions by initial; the capitalised words as written."""
        words: list[str] = []
        joins: list[str] = []
        written: set[str] = set()
        for text in self.texts:
            pairs = _WORD.findall(text)
            written.update(word for _, word in pairs if word.isupper())
            joins += ["" for _ in pairs[:1]] + [_joint(before) for before, _ in pairs[1:]]
            words += [word.lower() for _, word in pairs]
        by_initial: dict[str, list[int]] = {}
        for position, word in enumerate(words):
            if word not in STOPWORDS:
                by_initial.setdefault(word[0], []).append(position)
        return words, joins, by_initial, frozenset(written)

    def _phrase_at(self, start: int, letters: str) -> tuple[int, bool] | None:
        """Where the phrase spelling `letters` from word `start` ends (exclusive), and whether it skipped a small word."""
        words, joins, _, _ = self._words
        position, joined = start + 1, False
        for letter in letters[1:]:
            if position < len(words) and joins[position] and words[position] in _JOINING and words[position][0] != letter:
                position, joined = position + 1, True
            if position >= len(words) or not joins[position] or words[position][0] != letter or words[position] in STOPWORDS:
                return None
            position += 1
        return position, joined

    def _readings(self, token: str) -> list[_Reading]:
        """The phrases of the texts whose initials spell the token, grouped by their stemmed words."""
        words, joins, by_initial, _ = self._words
        letters = token.lower()
        found: dict[tuple[str, ...], _Reading] = {}
        for start in by_initial.get(letters[0], []):
            if (end := self._phrase_at(start, letters)) is None:
                continue
            form = words[start] + "".join(joins[i] + words[i] for i in range(start + 1, end[0]))
            reading = found.setdefault(_key(words[start : end[0]]), _Reading(form, end[1]))
            reading.count += 1
            reading.before[words[start - 1] if start and joins[start] else ""] += 1
        return list(found.values())

    def long_form(self, token: str, skipping: bool = False) -> str | None:
        """The text's phrase whose initials spell `token` and that recurs, not as the tail of a longer term; None when the
        text uses the token itself. A phrase that skips no small word first, then the most frequent; with `skipping` (the
        token writes a small word between its capitals: "QoL", "I&D"), only a phrase that skips one."""
        key = f"&{token}" if skipping else token
        if key not in self._found:
            readings = [] if token in self._words[3] else self._readings(token)
            usable = [r for r in readings if r.count >= MIN_OCCURRENCES and not r.is_fragment() and (r.joined or not skipping)]
            self._found[key] = min(usable, key=lambda r: (r.joined, -r.count)).form if usable else None
        return self._found[key]

    def compound(self, token: str) -> str | None:
        """The text's one recurring word whose two parts start with the token's letters, the first a combining form rather
        than an English word ("hemo", not "non"), the second a word of the text itself ("HD": "hemodialysis", as "dialysis" is
        a word too); None when a phrase of two words has the initials too, or the text uses the token itself."""
        if f"+{token}" not in self._found:
            found = None
            first, second = token.lower()[0], token.lower()[1]
            if token not in self._words[3] and not any(r.count >= MIN_OCCURRENCES for r in self._readings(token)):
                vocabulary, english = self._vocabulary, english_words()
                counts = Counter(
                    {
                        word: count
                        for word, count in vocabulary.items()
                        if word[0] == first and count >= MIN_OCCURRENCES and word not in STOPWORDS
                        for cut in range(2, len(word) - MIN_TAIL + 1)
                        if word[cut] == second and word[cut:] in vocabulary and not is_word(word[:cut], english)
                    }
                )
                ranked = counts.most_common(2)
                if ranked and (len(ranked) == 1 or ranked[0][1] >= 2 * ranked[1][1]):
                    found = ranked[0][0]
            self._found[f"+{token}"] = found
        return self._found[f"+{token}"]

    @cached_property
    def _vocabulary(self) -> Counter[str]:
        """How often the texts use each word (lowercased)."""
        return Counter(self._words[0])

    def clipped(self, word: str) -> str | None:
        """The text's word that `word` clips ("benzos" -> "benzodiazepines", "detox" -> "detoxification"): the most frequent
        form of the one word family (stem) that the text's longer words opening with it mostly belong to; None for a word of
        the text or of English."""
        lower = word.lower()
        opening = lower[:-1] if lower.endswith("s") else lower
        if f"~{lower}" not in self._found:
            found = None
            vocabulary = self._vocabulary
            if len(opening) >= MIN_CLIPPING and not {lower, opening} & vocabulary.keys() and not is_word(lower, english_words()):
                families: dict[str, Counter[str]] = {}
                for candidate, count in vocabulary.items():
                    if candidate.startswith(opening) and len(candidate) >= len(opening) + 3:
                        families.setdefault(_stemmer().stemWord(candidate), Counter())[candidate] += count
                sizes = sorted((sum(family.values()), stem) for stem, family in families.items())
                if sizes and sizes[-1][0] >= MIN_OCCURRENCES and (len(sizes) == 1 or sizes[-1][0] >= 2 * sizes[-2][0]):
                    found = families[sizes[-1][1]].most_common(1)[0][0]
            self._found[f"~{lower}"] = found
        return self._found[f"~{lower}"]

    def hyphenated(self, first: str, second: str) -> str | None:
        """The text's one hyphenated word whose parts open with each part's first letter and hold its other letters in order
        ("TMP-SMX": "trimethoprim-sulfamethoxazole"); None when the text writes the parts itself or no one word fits best."""
        words, joins, _, written = self._words
        if first in written and second in written:
            return None
        counts = Counter(
            f"{words[i - 1]}-{words[i]}"
            for i in range(1, len(words))
            if joins[i] == "-" and _spells(words[i - 1], first.lower()) and _spells(words[i], second.lower())
        )
        ranked = counts.most_common(2)
        return ranked[0][0] if ranked and (len(ranked) == 1 or ranked[0][1] >= 2 * ranked[1][1]) else None

    @cached_property
    def _inhibitors(self) -> frozenset[str]:
        """What the texts name as inhibited, as written ("ACE" of "ACE inhibitors", "SGLT2" of "SGLT2-inhibitor")."""
        return frozenset(m.group(1) for text in self.texts for m in re.finditer(r"(?<![\w-])([A-Z][A-Z0-9]{1,7})[ -]inhibitor", text))

    def compound_terms(self, text: str) -> list[tuple[int, int, str]]:
        """Where the text's shorthand for a hyphenated term or an inhibitor class is (start, end), and the text's words for it."""
        found = []
        for match in _HYPHENATED.finditer(text):
            if match.group(0) not in self.known and (term := self.hyphenated(match.group(1), match.group(2))) is not None:
                found.append((match.start(), match.end(), term))
        for match in _INHIBITOR.finditer(text):
            if match.group(0) not in self.known and match.group(1) in self._inhibitors:
                found.append((match.start(), match.end(), f"{match.group(1)} inhibitor{match.group(2)}"))
        return sorted(found)

    @cached_property
    def _known_lowered(self) -> frozenset[str]:
        """The known terms lowercased, made once (every question's clippings are looked up in them)."""
        return frozenset(term.lower() for term in self.known)

    def in_question(self, question: str) -> list[tuple[int, int, str]]:
        """Where the question's undefined shorthand is (start, end) and the words of the text it stands for."""
        if _mostly_capitals(question):
            return []
        known = self._known_lowered
        found = []
        for match in _TOKEN.finditer(question):
            if match.group(1) not in self.known and match.group(0) not in self.known:
                if (phrase := self.long_form(match.group(1))) is not None:
                    found.append((match.start(), match.end(), phrase))
        for match in _LINKED.finditer(question):
            capitals = "".join(c for c in match.group(1) if c.isupper())
            if match.group(0) not in self.known and len(capitals) >= 2 and (phrase := self.long_form(capitals, skipping=True)) is not None:
                found.append((match.start(), match.end(), phrase))
        for match in _PAIR.finditer(question):
            if match.group(1) not in self.known and match.group(0) not in self.known:
                if (word := self.compound(match.group(1))) is not None:
                    found.append((match.start(), match.end(), word))
        for match in _CLIPPING.finditer(question):
            if match.group(0).lower() not in known and (word := self.clipped(match.group(0))) is not None:
                found.append((match.start(), match.end(), word))
        return sorted(found + self.compound_terms(question))

    def spelled_out(self, question: str) -> str:
        """The question with each undefined shorthand replaced by the words it stands for ("LTOT pt" -> "long-term opioid
        therapy pt", "benzos" -> "benzodiazepines")."""
        for start, end, words in reversed(self.in_question(question)):
            question = question[:start] + words + question[end:]
        return question
