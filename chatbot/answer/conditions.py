"""A condition a question names that the loaded text never names (WordNet's diseases and illnesses): another field's question."""

from __future__ import annotations

import re
from pathlib import Path

from chatbot.answer.vocabulary import CorpusVocabulary
from chatbot.packs.domain import Domain
from chatbot.packs.lexicon import wordnet
from chatbot.packs.synonyms import Thesaurus

MAX_WORDS = 3  # the longest name of a condition looked up ('type 2 diabetes' is looked up as a whole before 'diabetes')
MIN_LETTERS = 4  # shorter words are initialisms and particles, not names of conditions
_WORD = re.compile(r"[a-z][a-z0-9'-]*")


def _named_in(term: str, folded: str) -> bool:
    """Whether the (lowercased) loaded text names the term as a whole word or phrase."""
    return re.search(rf"(?<![\w-]){re.escape(term)}(?![\w-])", folded) is not None


def names_issuer(question: str, domain: Domain) -> bool:
    """Whether the question names the loaded guideline's issuer ('what does cdc suggest'): it asks that guideline."""
    return any(re.search(rf"(?<![\w])(?:{name})(?![\w])", question, re.I) for name in domain.facts.names)


def unnamed_condition(question: str, vocabulary: CorpusVocabulary, thesaurus: Thesaurus, folder: Path | None) -> str | None:
    """The first condition (a disease or illness in WordNet) the question names that is neither a term of the field nor
    named anywhere in the loaded text, longest names first; None without one (or without WordNet)."""
    lexicon = wordnet(folder) if folder is not None else None
    if lexicon is None:
        return None
    words = _WORD.findall(question.lower())
    for size in range(MAX_WORDS, 0, -1):
        for start in range(len(words) - size + 1):
            term = " ".join(words[start : start + size])
            if len(term) < MIN_LETTERS or not lexicon.names_illness(term) or thesaurus.mentions_domain(term):
                continue
            if not _named_in(term, vocabulary.text):
                return term
    return None
