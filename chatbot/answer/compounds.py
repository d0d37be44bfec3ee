"""What a field term names in a compound: the nouns after it ('fentanyl test strips', 'acupuncture sessions') are asks too."""

from __future__ import annotations

import re

from chatbot.answer.coverage import Ask, AskReader
from chatbot.answer.english import is_common_english
from chatbot.answer.restated import act_names
from chatbot.answer.sentences import ask_sentences
from chatbot.answer.vocabulary import GENERIC_TERMS
from chatbot.index.lexical import STOPWORDS, tokenize
from chatbot.packs.parts_of_speech import parts_of_speech

# A noun this common in English (Zipf) names nothing in particular ('test' of 'test strips'): the compound's next noun does.
PLAIN_NOUN_ZIPF = 4.5
MIN_LETTERS = 4  # a shorter word is shorthand ('tx'), not a noun WordNet would know it as
MAX_NOUNS = 3  # nouns read after the term
_WORD = re.compile(r"[A-Za-z][A-Za-z'-]*")
# English words that join options or name a patient, not a thing the term makes a compound with ('TKI plus chemo').
_NOT_HEADS = frozenset({"plus", "versus", "pt", "pts"})


def _head_noun(word: str, reader: AskReader) -> bool | None:
    """True for a noun that can head the compound, False for a plain one to pass over, None for a word that ends it."""
    lower = word.lower()
    if lower in STOPWORDS or lower in GENERIC_TERMS or lower in _NOT_HEADS or lower.endswith(("ly", "ing")) or len(lower) < MIN_LETTERS:
        return None
    parts = parts_of_speech(lower, reader.lexicon)
    if "noun" not in parts or parts & {"adj", "adv"}:
        return None
    stems = set(tokenize(lower))
    if not stems or stems <= reader.background or is_common_english(lower, PLAIN_NOUN_ZIPF) or stems & _detail_stems(reader):
        return False  # a detail's noun ('dose') asks for a value: the detail check reads it
    return True


def _detail_stems(reader: AskReader) -> frozenset[str]:
    """The stems of the nouns that name a kind of detail in the pack ('dose', 'level', 'schedule')."""
    return frozenset(stem for detail in reader.thesaurus.detail_requests for noun in detail.nouns for stem in tokenize(noun))


def compound_asks(question: str, asks: tuple[Ask, ...], reader: AskReader) -> tuple[Ask, ...]:
    """The nouns that follow a field term in an asking sentence, each an ask named with the term ('fentanyl test strips').

    A term a question names as part of something more particular (a kit, a level, a session of it) is not what the
    question asks about on its own: an item that speaks of the term but never of that thing does not answer it.
    """
    taken = reader.masked(question) + [(ask.start, ask.end) for ask in asks]
    found: list[Ask] = []
    for start, end in ask_sentences(question):
        for ask in asks:
            if ask.group is None or ask.quantity or not start <= ask.start < end:
                continue
            position, nouns = ask.end, 0
            for match in _WORD.finditer(question, ask.end, end):
                if question[position : match.start()].strip() or nouns >= MAX_NOUNS:
                    break
                if any(match.start() < e and s < match.end() for s, e in taken):
                    break
                head = _head_noun(match.group(0), reader)
                if head is None:
                    break
                position, nouns = match.end(), nouns + 1
                if head:
                    label = " ".join(question[ask.start : match.end()].split())
                    aliases = act_names(match.group(0), reader.lexicon)  # 'clot prevention': a text on prophylaxis names it
                    found.append(Ask(match.group(0), match.start(), match.end(), label=label, aliases=aliases))
    return tuple(found)
