"""Terms of a question that the corpus never mentions (and that are not common English or typos)."""

from chatbot.answer.vocabulary import CorpusVocabulary, content_terms, unseen_terms
from chatbot.packs.synonyms import SynonymGroup, Thesaurus

TEXTS = [
    "For invented widget fever in adults, zorvatide is favoured over watchful waiting.",
    "Widget fever in adults: measure the glimmer index with a multi-agent panel.",
    "Adults with widget fever should rest.",
]
THESAURUS = Thesaurus((SynonymGroup(("widget fever", "WF")), SynonymGroup(("zorvatide", "ZRV"))), ("fever",))


def _vocabulary() -> CorpusVocabulary:
    return CorpusVocabulary.from_texts(TEXTS, THESAURUS)


def test_a_drug_the_corpus_never_names_is_unseen() -> None:
    assert unseen_terms("Is pelumab better than zorvatide for widget fever?", _vocabulary(), THESAURUS) == ["pelumab"]


def test_common_words_typos_field_terms_and_joined_compounds_are_known() -> None:
    vocabulary = _vocabulary()
    assert unseen_terms("Should adults take zorvatde for a long journey?", vocabulary, THESAURUS) == []
    assert unseen_terms("Is a multiagent panel used with ZRV?", vocabulary, THESAURUS) == []


def test_acronyms_and_unknown_compounds_count() -> None:
    vocabulary = _vocabulary()
    assert unseen_terms("Is QXT needed for glimmer-like fever?", vocabulary, THESAURUS) == ["QXT", "glimmer-like"]


def test_terms_of_groups_found_in_most_passages_carry_no_topic() -> None:
    vocabulary = _vocabulary()  # "widget fever" is in every passage; "zorvatide" in one
    assert content_terms("widget fever adults zorvatide") == ["widget", "fever", "adults", "zorvatide"]
    assert content_terms("widget fever adults zorvatide", vocabulary.background_stems) == ["adults", "zorvatide"]
