"""What the loaded corpus mentions, and the specific terms of a question that it never mentions."""

from __future__ import annotations

import bisect
import re
import unicodedata
from dataclasses import dataclass, field
from functools import cached_property, lru_cache

from rapidfuzz import fuzz, process

from chatbot.index.lexical import STOPWORDS, tokenize
from chatbot.ingest.text import english_words, is_word
from chatbot.packs.synonyms import Thesaurus

_SURFACE_WORD = re.compile(r"[a-z0-9]+(?:-[a-z0-9]+)*")
_QUESTION_TERM = re.compile(r"[A-Za-z][A-Za-z0-9]*(?:-[A-Za-z0-9]+)*")
MIN_TERM_LENGTH = 4
TYPO_SCORE = 80.0
# Words that carry no topic of their own in a question about a guideline.
GENERIC_TERMS = frozenset(
    """recommend recommended recommends recommendation recommendations guideline guidelines panel ash say says
    patient patients treatment treat treated therapy regimen regimens manage managed management should would could does what which
    when where with year years old give given used using best first next need needed during after before within
    without there their them then than approach approaches decision decisions option options low high moderate
    certainty evidence quality based basis routine routinely""".split()
)


@dataclass(frozen=True)
class CorpusVocabulary:
    """Lowercased surface words (hyphenated compounds also joined), stems and text of every indexed passage."""

    words: frozenset[str]
    stems: frozenset[str]
    text: str
    background_stems: frozenset[str] = frozenset()
    known_memo: dict[tuple[str, frozenset[str]], bool] = field(default_factory=dict, compare=False, hash=False, repr=False)

    @classmethod
    def from_texts(cls, texts: list[str], thesaurus: Thesaurus | None = None) -> CorpusVocabulary:
        """Build from passage texts; terms of groups found in most passages become background."""
        folded = unicodedata.normalize("NFKC", "\n".join(texts)).lower()
        compounds = _SURFACE_WORD.findall(folded)
        words = {part for word in compounds for part in word.split("-")} | {w.replace("-", "") for w in compounds}
        groups = thesaurus.ubiquitous_groups(texts) if thesaurus else []
        background = frozenset(stem for group in groups for term in group.terms for stem in tokenize(term))
        return cls(frozenset(words | set(compounds)), frozenset(tokenize(folded)), folded, background)

    def mentions(self, term: str) -> bool:
        """Whether the corpus has the term: a compound as written or joined, a word by its stem."""
        lower = term.lower()
        if "-" in lower:
            return lower in self.words or lower.replace("-", "") in self.words
        return lower in self.words or all(stem in self.stems for stem in tokenize(lower))

    @cached_property
    def _words_by_length(self) -> dict[int, list[str]]:
        """The corpus words of MIN_TERM_LENGTH letters or more, by length."""
        by_length: dict[int, list[str]] = {}
        for w in self.words:
            if len(w) >= MIN_TERM_LENGTH:
                by_length.setdefault(len(w), []).append(w)
        return by_length

    @cached_property
    def _runs(self) -> list[str]:
        """Every run of word characters and hyphens in the corpus text, sorted (for prefix look-ups)."""
        return sorted(set(re.findall(r"[\w-]+", self.text)))

    def opens_a_word(self, prefix: str) -> bool:
        """Whether some corpus word (hyphens included) starts with the lowercase `prefix` followed by a letter."""
        runs = self._runs
        return bisect.bisect_left(runs, prefix + "a") < bisect.bisect_left(runs, prefix + "{")

    @cached_property
    def _near_memo(self) -> dict[tuple[int, frozenset[str]], tuple[str, ...]]:
        """resembles' candidates by word length and extra words (made once per pair)."""
        return {}

    def resembles(self, word: str, extra: frozenset[str]) -> bool:
        """Whether a word looks like a misspelling of a corpus word or a field term (any one close enough will do)."""
        candidates = self._near_memo.get((len(word), extra))
        if candidates is None:
            near = range(len(word) - 3, len(word) + 4)
            found = {w for length in near for w in self._words_by_length.get(length, ())}
            found |= {w for w in extra if len(w) >= MIN_TERM_LENGTH and abs(len(w) - len(word)) <= 3}
            candidates = self._near_memo[(len(word), extra)] = tuple(sorted(found))
        return process.extractOne(word.lower(), candidates, scorer=fuzz.ratio, score_cutoff=TYPO_SCORE) is not None


def _is_known(term: str, vocabulary: CorpusVocabulary, field_terms: frozenset[str], dictionary: frozenset[str]) -> bool:
    """Common English, a field term, in the corpus, or a typo of one of them (compounds part by part)."""
    lower = term.lower()
    if lower in field_terms or vocabulary.mentions(term) or is_word(lower, dictionary):
        return True
    if len(lower) >= 3 and vocabulary.opens_a_word(lower):
        return True  # written short: 'x-neg' for the corpus's 'x-negative'
    parts = [part for part in lower.split("-") if part]
    if len(parts) > 1:  # a compound the corpus never uses is known when its parts are ordinary (stopwords too), one a real word
        english = [part for part in parts if len(part) > 2 and is_word(part, dictionary)]
        ordinary = all(part in field_terms or len(part) == 1 or part in english or part in STOPWORDS for part in parts)
        return (bool(english) and ordinary) or _written_apart(parts, vocabulary)
    return not term.isupper() and (vocabulary.resembles(lower, field_terms) or _joined_from_corpus(lower, vocabulary))


JOINED_HEAD, JOINED_TAIL = 5, 6  # shortest opening and closing parts of a word joined from two corpus words


def _joined_from_corpus(word: str, vocabulary: CorpusVocabulary) -> bool:
    """Whether a word is a corpus word's opening joined to another corpus word ('thromboprophylaxis': thrombo-sis, prophylaxis)."""
    return any(
        vocabulary.mentions(word[cut:]) and vocabulary.opens_a_word(word[:cut])
        for cut in range(JOINED_HEAD, len(word) - JOINED_TAIL + 1)
        if word[cut:].isalpha()
    )


def _written_apart(parts: list[str], vocabulary: CorpusVocabulary) -> bool:
    """Whether the corpus writes a compound's words (stopwords aside) one after another: 'BCR::ABL1', 'heparin prophylaxis'."""
    words = [part for part in parts if part not in STOPWORDS]
    if len(words) < 2:
        return False
    return re.search(r"(?<![a-z0-9])" + r"[\W_]+".join(map(re.escape, words)) + r"(?![a-z0-9])", vocabulary.text) is not None


@lru_cache(maxsize=8192)
def _word_stems(term: str) -> frozenset[str]:
    """One word's stems, remembered (the same words come back question after question)."""
    return frozenset(tokenize(term))


def content_terms(question: str, background_stems: frozenset[str] = frozenset()) -> list[str]:
    """The words of a question that carry its topic: no stopwords, generic or background words; acronyms count."""
    return [
        term
        for term in _QUESTION_TERM.findall(question)
        if (len(term) >= MIN_TERM_LENGTH or (len(term) >= 2 and term.isupper()))
        and term.lower() not in STOPWORDS
        and term.lower() not in GENERIC_TERMS
        and not ((stems := _word_stems(term)) and stems <= background_stems)
    ]


def unseen_terms(question: str, vocabulary: CorpusVocabulary, thesaurus: Thesaurus) -> list[str]:
    """Content terms of the question that are not common English, not field terms and absent from the corpus."""
    field_terms = thesaurus.single_words()
    dictionary = english_words()
    terms = content_terms(question, vocabulary.background_stems)
    memo = vocabulary.known_memo  # the corpus text is searched and fuzzy-matched per term: each term's answer is remembered
    for term in terms:
        if (term, field_terms) not in memo:
            if len(memo) > 65536:
                memo.clear()
            memo[(term, field_terms)] = _is_known(term, vocabulary, field_terms, dictionary)
    return [term for term in terms if not memo[(term, field_terms)]]
