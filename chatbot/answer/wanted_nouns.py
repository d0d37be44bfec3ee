"""The thing a question asks for, named by a plain noun: a what/which phrase's ('what paperwork'), and the paperwork, institution
or money said to exist, be needed, included or got, or asked the price of ('is there a billing code', 'how much does it cost')."""

from __future__ import annotations

import re
from functools import lru_cache

from chatbot.answer.candidates import LEAD_CANDIDATES, Candidate, ItemTexts
from chatbot.answer.coverage import Ask, AskReader, uncovered
from chatbot.answer.english import is_common_english
from chatbot.answer.sentences import ask_sentences
from chatbot.answer.vocabulary import GENERIC_TERMS
from chatbot.index.lexical import STOPWORDS, tokenize
from chatbot.packs.lexicon import wordnet
from chatbot.packs.parts_of_speech import inflected_parts, parts_of_speech
from chatbot.packs.synonyms import Thesaurus

# A noun this common in English (Zipf) frames a question ('what role', 'which kind', 'what product') rather than name a thing.
FRAMING_ZIPF = 4.5
MAX_WORDS = 5  # words read after 'what'/'which' before the phrase is taken to have ended
_WORD = re.compile(r"[A-Za-z][A-Za-z'-]*")
_WH = frozenset({"what", "which"})
_COPULA = frozenset({"is", "are", "'s", "was", "were"})
_ARTICLES = frozenset({"the", "a", "an"})
# Words that open a noun phrase naming what a question asks to exist, be needed, be included or be got ('is there a ...').
_OBJECT_FRAMES = (("is", "there"), ("are", "there"), ("need",), ("needs",), ("include",), ("includes",), ("get",))
_DETERMINERS = frozenset({"a", "an", "any", "some"})
# What a guideline's own words are called ('is there any guidance on tapering'): the item's advice answers those.
_OWN_WORDS = frozenset({"guidance", "advice", "stance", "view", "views", "wording", "statement", "statements"})
# 'how much does naloxone cost': a verb asked of the topic, whose noun is what the question wants
_HOW_MUCH = re.compile(r"\bhow\s+much\s+(?:does|do|did|will|would)\s+", re.I)


def _phrase(words: list[re.Match[str]], first: int) -> list[re.Match[str]]:
    """The words of the what/which phrase from a position on ('what are the recommended settings' reads 'recommended settings')."""
    lowered = [w.group(0).lower() for w in words]
    if lowered[first : first + 1] and lowered[first] in _COPULA and lowered[first + 1 : first + 2] and lowered[first + 1] in _ARTICLES:
        first += 2
    run: list[re.Match[str]] = []
    for match in words[first : first + MAX_WORDS]:
        if match.group(0).lower() in STOPWORDS or (run and match.string[run[-1].end() : match.start()].strip()):
            break  # a function word, or anything but a space ('dose (100 vs 140 mg)'), ends the phrase
        run.append(match)
    return run


def _dealings_noun(word: str, reader: AskReader) -> bool:
    """Whether a word names paperwork, an institution or money ('code', 'law', 'cost'; a verb too), not a verb's inflection."""
    lower = word.lower()
    lexicon = wordnet(reader.lexicon) if reader.lexicon is not None else None
    if lexicon is None or lower in GENERIC_TERMS or lower in STOPWORDS or inflected_parts(lower, reader.lexicon):
        return False
    return lexicon.names_dealings(lower) and not set(tokenize(lower)) & _detail_stems(reader.thesaurus)


def _framed_objects(words: list[re.Match[str]], index: int) -> list[re.Match[str]]:
    """The noun phrase after an existential, needing, including or getting frame at `index` ('is there a billing code')."""
    lowered = [w.group(0).lower() for w in words]
    for frame in _OBJECT_FRAMES:
        if tuple(lowered[index : index + len(frame)]) == frame:
            first = index + len(frame)
            first += lowered[first : first + 1] != [] and lowered[first] in _DETERMINERS
            return _phrase(words, first) if first < len(words) and lowered[first] not in _COPULA else []
    return []


def _thing_noun(word: str, reader: AskReader) -> bool:
    """Whether a word can only be a noun (no verb, adjective or form of one) and is rarer in English than framing nouns."""
    lower = word.lower()
    if lower in GENERIC_TERMS or not tokenize(lower) or not is_common_english(lower):
        return False  # a rare word is an ask already
    if parts_of_speech(lower, reader.lexicon) != {"noun"} or inflected_parts(lower, reader.lexicon):
        return False
    return not is_common_english(lower, FRAMING_ZIPF) and not set(tokenize(lower)) & _detail_stems(reader.thesaurus)


@lru_cache(maxsize=4)
def _detail_stems(thesaurus: Thesaurus) -> frozenset[str]:
    """The stems of the nouns a pack's detail requests ask for (a dose, a duration): those ask for a value, read elsewhere."""
    return frozenset(stem for detail in thesaurus.detail_requests for noun in detail.nouns for stem in tokenize(noun))


def wanted_nouns(question: str, asks: tuple[Ask, ...], reader: AskReader) -> tuple[Ask, ...]:
    """The noun heading each asking sentence's what/which phrase, when it names a thing rather than frames the question, and
    the noun of paperwork, an institution or money (WordNet's communication, group and possession nouns) heading a phrase said
    to exist, be needed, included or got, or asked the amount of ('how much does it cost').

    A question asking 'what paperwork' wants paperwork: an item that never speaks of paperwork does not answer it, however
    well it covers the question's other words. A noun right after a field term makes a compound with it (the compound
    and member rules read it), and a detail's noun asks for a value (the detail check reads it).
    """
    taken = reader.masked(question) + [(ask.start, ask.end) for ask in asks]
    found: list[Ask] = []
    for start, end in ask_sentences(question):
        words = list(_WORD.finditer(question, start, end))
        for index, match in enumerate(words):
            framed = match.group(0).lower() not in _WH
            run = _framed_objects(words, index) if framed else _phrase(words, index + 1)
            if not run:
                continue
            head = run[-1]
            before = run[-2] if len(run) > 1 else None
            if any(s < head.end() and head.start() < e for s, e in taken):
                continue
            if before is not None and any(s < before.end() and before.start() < e for s, e in taken):
                continue  # 'what asparaginase product': a field term's compound
            if head.group(0).lower() in _OWN_WORDS:
                continue
            # a what/which phrase wants a rare thing; a phrase said to exist, be needed, included or got wants paperwork too
            wanted = _dealings_noun(head.group(0), reader) if framed else _thing_noun(head.group(0), reader)
            if wanted and not any(ask.text.lower() == head.group(0).lower() for ask in asks):
                label = " ".join(w.group(0) for w in run if w.group(0).lower() not in GENERIC_TERMS)
                found.append(Ask(head.group(0), head.start(), head.end(), label=label))
        for opening in _HOW_MUCH.finditer(question, start, end):
            after = list(_WORD.finditer(question, opening.end(), end))[1 : MAX_WORDS + 1]  # the topic's first word is no verb
            asked = (w for w in after if "verb" in parts_of_speech(w.group(0), reader.lexicon) and _dealings_noun(w.group(0), reader))
            if (verb := next(asked, None)) is not None:
                found.append(Ask(verb.group(0), verb.start(), verb.end()))
    return tuple(found)


def unnamed_wants(
    question: str, asks: tuple[Ask, ...], reader: AskReader, candidates: list[Candidate], texts: ItemTexts, chosen: Candidate
) -> tuple[Ask, ...]:
    """The things the question asks for that none of the first candidates names: no item retrieved speaks of them; paperwork,
    an institution or money ('a billing code', 'what it costs') the chosen item itself must name.

    They never rank the candidates (an item naming 'precautions' in passing is no better an answer): they only decline.
    """
    first = candidates[:LEAD_CANDIDATES]
    hits = tuple(candidate.hit for candidate in candidates)
    wanted = wanted_nouns(question, asks, reader)

    def unnamed(ask: Ask) -> bool:
        if _thing_noun(ask.text, reader):
            return bool(first) and all(uncovered([ask], texts.of(c.hit, hits)) for c in first)
        return not set(tokenize(ask.text)) <= set(tokenize(texts.of(chosen.hit, hits)))  # a word of its own ('form', not 'formulation')

    return tuple(ask for ask in wanted if unnamed(ask))
