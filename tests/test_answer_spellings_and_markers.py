"""A word spelt the other side of the Atlantic reads as the word it spells, and a marker's status describes the patient."""

from __future__ import annotations

from pathlib import Path

from chatbot.answer.abstention import _named_otherwise
from chatbot.answer.coverage import AskReader, uncovered
from chatbot.answer.spelling_variants import spelling_variants
from chatbot.answer.vocabulary import CorpusVocabulary
from chatbot.config import Settings
from chatbot.packs.domain import load_domain
from chatbot.packs.synonyms import load_thesaurus

PROJECT = Path(__file__).parents[1]
CORPUS = PROJECT / "corpus"
WORDNET = Path("/usr/share/wordnet")  # Debian's wordnet-base (`make wordnet`)
PASSAGES = ["Invented passage about widget care in young people.", "Another invented passage on follow-up."]


def _reader() -> AskReader:
    return AskReader(load_thesaurus(CORPUS), load_domain(CORPUS), PASSAGES, ("Invented pack title",), WORDNET)


def test_a_wordnet_synonym_with_the_same_consonants_is_another_spelling() -> None:
    assert spelling_variants("tumour", WORDNET) == ("tumor",)
    assert spelling_variants("tumours", WORDNET) == ("tumor",)  # the plural's own singular is not another spelling
    assert "edema" in spelling_variants("oedema", WORDNET)
    assert spelling_variants("titre", WORDNET) == ("titer",)
    assert spelling_variants("triple", WORDNET) == ()  # 'treble' has other consonants: another word
    assert spelling_variants("case", WORDNET) == ()  # too short to tell 'cause' from a spelling
    assert spelling_variants("tumour", None) == ()


def test_a_rare_spelling_of_a_common_word_asks_nothing_and_a_rare_one_is_covered_by_its_other_spelling() -> None:
    reader = _reader()
    assert "tumour" not in [a.text for a in reader.asks("Before the tumour board meets: is zorvatide advised?")]
    asks = [a for a in reader.asks("Is zorvatide advised for oedema?") if a.text == "oedema"]
    assert asks and not uncovered(asks, "Zorvatide is advised for edema of the legs.")
    assert uncovered(asks, "Zorvatide is advised for widget fever.")


def test_a_marker_with_its_status_describes_the_patient_and_asks_nothing() -> None:
    reader = _reader()
    for question in ("Is zorvatide advised in relapsed QX19-positive disease?", "Is zorvatide advised in QX22+ disease?"):
        asks = [a.text for a in reader.asks(question)]
        assert "zorvatide" in asks and not any("QX" in ask for ask in asks)
    assert "QX19" in [a.text for a in reader.asks("Should QX19 be measured before zorvatide?")]  # the marker itself asked about


def test_a_word_the_text_never_writes_is_named_otherwise_when_its_other_spelling_is_common_or_written() -> None:
    vocabulary = CorpusVocabulary.from_texts(["Invented passage: edema of the legs is watched.", "Another invented passage."])
    settings = Settings(lexicon_dir=WORDNET)
    assert _named_otherwise("tumour", vocabulary, settings)  # 'tumor' is common English
    assert _named_otherwise("oedema", vocabulary, settings)  # the text writes 'edema'
    assert not _named_otherwise("anaemia", vocabulary, settings)  # 'anemia' is neither common nor written
