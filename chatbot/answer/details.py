"""Details a question asks for (a dose, a level, a schedule, a test) and whether the answering text gives them."""

from __future__ import annotations

import re
from collections.abc import Callable
from dataclasses import dataclass

from chatbot.answer.sentences import ask_sentences, names_patient
from chatbot.answer.vocabulary import GENERIC_TERMS
from chatbot.index.lexical import STOPWORDS, tokenize
from chatbot.packs.synonyms import DetailRequest, Thesaurus

MAX_MODIFIERS = 4  # words between 'what'/'which' and the detail noun: 'what asparaginase activity level'
_WORD = re.compile(r"[A-Za-z0-9][A-Za-z0-9/+^.-]*(?<![.])|'s\b")
_WH = frozenset({"what", "which"})
# English: a copula and an article after 'what' open the same noun phrase ('what is the dose', "what's the dose").
_COPULA_ARTICLE = [[verb, article] for verb in ("'s", "is", "are", "was", "were") for article in ("the", "a", "an")]
_SENTENCE = re.compile(r"(?<=[.!?;])\s+|\n+")
MAX_OBJECT = 3
_ARTICLES = frozenset({"the", "a", "an", "their", "his", "her", "its", "my", "your", "our", "this", "these", "those", "any"})
_PASSIVE = frozenset({"be", "been", "being", "is", "are", "was", "were", "get", "got"})
_POSSESSIVES = frozenset({"their", "his", "her", "my", "your", "our", "its"})
# Words after which a verb takes its object ('should check X'), or before what a causative verb has done ('want X checked').
_TAKERS = frozenset(
    {
        "to",
        "should",
        "must",
        "can",
        "could",
        "would",
        "will",
        "we",
        "i",
        "you",
        "they",
        "do",
        "have",
        "has",
        "had",
        "get",
        "want",
        "wants",
        "need",
        "needs",
    }
)


@dataclass(frozen=True)
class DetailAsk:
    """A detail the question asks for: its kind, its words as asked, and the words that say what it is of."""

    detail: DetailRequest
    text: str
    modifiers: tuple[str, ...] = ()
    noun: str | None = None  # the noun that named it in a what/which phrase (None: one of the kind's asking phrases)


def _noun_of(word: str, nouns: tuple[str, ...]) -> str | None:
    """The detail noun a word is (singular or plural), if any."""
    lower = word.lower()
    return next((noun for noun in nouns if lower in (noun, noun + "s", noun + "es")), None)


def _of_grading(words: list[re.Match[str]], position: int) -> bool:
    """Whether the noun at a position is followed by 'of' and a word of any guideline's grading ('level of evidence')."""
    after = [w.group(0).lower() for w in words[position + 1 : position + 3]]
    return len(after) == 2 and after[0] == "of" and after[1] in GENERIC_TERMS


def _named(sentence: str, detail: DetailRequest) -> DetailAsk | None:
    """The what/which phrase of a sentence headed by one of the detail's nouns ('what fibrinogen target')."""
    words = list(_WORD.finditer(sentence))
    for index, match in enumerate(words):
        if match.group(0).lower() not in _WH:
            continue
        first = index + 1
        if [w.group(0).lower() for w in words[first : first + 2]] in _COPULA_ARTICLE:
            first += 2  # "what's the maximum daily dose" reads as "what maximum daily dose"
        for position in range(first, min(first + 1 + MAX_MODIFIERS, len(words))):
            word = words[position].group(0)
            if (noun := _noun_of(word, detail.nouns)) is not None:
                if _of_grading(words, position):
                    return None  # 'what level of evidence': the item's grading, not a detail
                phrase = sentence[words[first].start() : words[position].end()]
                modifiers = tuple(
                    w.group(0) for w in words[first:position] if w.group(0).lower() not in GENERIC_TERMS and tokenize(w.group(0))
                )
                return DetailAsk(detail, phrase, modifiers, noun)
            if word.lower() in STOPWORDS or word.startswith("'"):
                break  # 'what is', 'which of': the phrase ended before any detail noun
    return None


def _forms(verb: str) -> tuple[frozenset[str], frozenset[str]]:
    """A verb's active forms ('check', 'checking', 'checks') and its participle ('checked', 'screened')."""
    stem = verb[:-1] if verb.endswith("e") else verb
    return frozenset({verb, verb + "s", stem + "ing"}), frozenset({stem + "ed"})


def _object(words: list[str], start: int, step: int) -> list[str]:
    """Up to three words from a position on (forwards or backwards) before a function word ends them, articles skipped."""
    found: list[str] = []
    position = start
    while 0 <= position < len(words) and len(found) < MAX_OBJECT:
        word = words[position]
        if word.lower() in STOPWORDS or word.lower() in _TAKERS or word.lower() in GENERIC_TERMS:
            if found or word.lower() not in _ARTICLES:
                break
        elif found and step > 0 and (word.lower().endswith("ing") or not word.isalpha()):
            break  # 'check the PDMP b4 writing ...': the thing checked ended before a gerund or a token that is no word
        else:
            found.append(word)
        position += step
    return found[::-1] if step < 0 else found


def _acted_on(sentence: str, detail: DetailRequest) -> DetailAsk | None:
    """What a detail verb acts on in a sentence: 'have their X checked', 'should X be monitored', 'check the X', 'screened for X'."""
    words = [w.group(0) for w in _WORD.finditer(sentence)]
    lowered = [w.lower() for w in words]
    for verb in detail.verbs:
        active, participle = _forms(verb)
        for position, word in enumerate(lowered):
            before = lowered[position - 1] if position else ""
            if word in participle and position + 1 < len(words) and lowered[position + 1] == "for":
                target = _object(words, position + 2, 1)
                if names_patient(" ".join(target)):
                    continue  # 'checked for chronic opioid pts': for whom it is done, not what is tested
            elif word in participle and before in _PASSIVE:
                target = _object(words, position - 2, -1)
            elif word in participle:
                target = _object(words, position - 1, -1)
            elif word in active and (before in _TAKERS or (word.endswith("ing") and before in STOPWORDS)):
                target = _object(words, position + 1, 1)
            else:
                continue
            kept = tuple(w for w in target if w.lower() not in GENERIC_TERMS and tokenize(w))
            if kept:
                return DetailAsk(detail, " ".join(kept), kept)
    return None


def _asks_for(detail: DetailRequest, sentence: str) -> bool:
    """Whether a sentence uses one of the detail's asking phrases other than of what a patient already has ('their dose')."""
    for start, _ in detail.asked_at(sentence):
        before = [w.lower() for w in re.findall(r"[A-Za-z']+", sentence[:start])[-2:]]
        if not any(word in _POSSESSIVES or word.endswith("'s") for word in before):
            return True
    return False


def detail_asks(question: str, thesaurus: Thesaurus) -> tuple[DetailAsk, ...]:
    """The details a question asks for: by a kind's asking phrase anywhere, or by a noun heading an asking sentence's what/which phrase."""
    found: list[DetailAsk] = []
    sentences = [question[start:end] for start, end in ask_sentences(question)]
    for detail in thesaurus.detail_requests:
        named = next((ask for sentence in sentences if (ask := _named(sentence, detail) or _acted_on(sentence, detail)) is not None), None)
        if named is not None:
            found.append(named)
        elif detail.asks and any(_asks_for(detail, sentence) for sentence in sentences):  # a vignette's 'first dose' is setting
            found.append(DetailAsk(detail, detail.name))
    return tuple(found)


def _mentions(sentence: str, word: str, thesaurus: Thesaurus) -> bool:
    """Whether a sentence names a word: its stems, or another term of the word's synonym group."""
    stems = tokenize(word)
    folded = sentence.lower()
    if stems and all(stem in folded for stem in stems):
        return True
    return any(group.found_in(sentence) for group in thesaurus.groups_named_by(word))


def given(ask: DetailAsk, texts: list[str], thesaurus: Thesaurus, about: Callable[[str], bool] | None = None) -> bool:
    """Whether one sentence of the texts gives the detail (its value, or its noun when the kind has no value) with the words it is of.

    A detail asked with no words of its own ('dose for', 'what dose') is of what else the question names on its own (`about`:
    whether a sentence names it, e.g. one agent of a class): a sentence giving another agent's dose gives none.
    """
    plain = ask.noun is None and not ask.modifiers
    if plain and about is None:
        return any(ask.detail.given_in(text) for text in texts)
    for text in texts:
        for sentence in _SENTENCE.split(text):
            if ask.noun is None and not plain:
                value = True  # what a detail verb acts on: naming it is enough
            elif ask.noun is None or ask.detail.requires is not None:
                value = ask.detail.given_in(sentence)
            else:
                value = _mentions(sentence, ask.noun, thesaurus)
            if not value or (about is not None and not ask.modifiers and not about(sentence)):
                continue
            if all(_mentions(sentence, word, thesaurus) for word in ask.modifiers):
                return True
    return False


def missing_details(
    question: str, texts: list[str], thesaurus: Thesaurus, about: Callable[[str], bool] | None = None
) -> tuple[DetailAsk, ...]:
    """The details the question asks for that no sentence of the texts gives (of what `about` finds named, when given)."""
    return tuple(ask for ask in detail_asks(question, thesaurus) if not given(ask, texts, thesaurus, about))
