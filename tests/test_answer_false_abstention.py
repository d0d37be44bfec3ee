"""Answerable questions are not declined for words that are setting, compounds of known words, or details the item gives."""

from __future__ import annotations

from pathlib import Path

import pytest

from chatbot.answer.answer_type import asked_type
from chatbot.answer.candidates import ItemTexts
from chatbot.answer.coverage import AskReader
from chatbot.answer.details import detail_asks, missing_details
from chatbot.answer.item_details import giving_passages
from chatbot.answer.sentences import ask_sentences
from chatbot.answer.vocabulary import CorpusVocabulary, unseen_terms
from chatbot.packs.domain import Domain, load_domain
from chatbot.packs.synonyms import SynonymGroup, Thesaurus, load_thesaurus
from chatbot.recs.loading import load_recommendations
from chatbot.recs.population import named_population
from chatbot.types import Hit, Passage

PROJECT = Path(__file__).parents[1]
CORPUS = PROJECT / "corpus"
CDC = PROJECT / "packs" / "cdc-opioids-2022"
PLAIN = ["An invented passage about the care of young people.", "A second invented passage on dosing and follow-up."]


def _sentences(question: str) -> list[str]:
    return [question[start:end] for start, end in ask_sentences(question)]


def test_without_a_question_mark_the_sentence_a_question_word_opens_asks() -> None:
    assert _sentences("clinic note, sprained wrist, wants zorvatide. what does the guideline advise") == ["what does the guideline advise"]
    assert _sentences("zorvatide for widget fever") == ["zorvatide for widget fever"]  # one sentence: it asks
    assert _sentences("widget fever. zorvatide dosing") == ["widget fever.", "zorvatide dosing"]  # none opens with one: all


def test_a_compound_of_stopwords_and_known_words_or_words_the_text_writes_apart_is_known() -> None:
    texts = ["Routine glimmer prophylaxis is not advised.", "The ZRV::QX2 fusion marks the disease.", "The CSF was clear."]
    thesaurus = Thesaurus((SynonymGroup(("widget fever", "WF")),), ())
    vocabulary = CorpusVocabulary.from_texts(texts, thesaurus)
    assert unseen_terms("Is the no-glimmer-prophylaxis advice strong?", vocabulary, thesaurus) == []
    assert unseen_terms("What about ZRV-QX2 disease?", vocabulary, thesaurus) == []
    assert unseen_terms("Is G-CSF advised?", vocabulary, thesaurus) == ["G-CSF"]  # 'g' and 'csf' are never written together


def test_a_word_joined_from_a_corpus_words_opening_and_another_corpus_word_is_known() -> None:
    texts = ["Routine glimmerwort prophylaxis is not advised.", "Widget fever with zentrosis is rare."]
    thesaurus = Thesaurus((SynonymGroup(("widget fever", "WF")),), ())
    vocabulary = CorpusVocabulary.from_texts(texts, thesaurus)
    assert unseen_terms("Is zentroprophylaxis advised in widget fever?", vocabulary, thesaurus) == []
    assert unseen_terms("Is quorvaprophylaxis advised in widget fever?", vocabulary, thesaurus) == ["quorvaprophylaxis"]


def test_non_before_an_excluded_population_or_another_condition_negates_it() -> None:
    domain = Domain.model_validate({"exclusions": [{"name": "tumour pain", "phrases": ["tumou?r[- ]pain"]}]})
    assert named_population("tumour pain at night", domain).excluded == ("tumour pain",)
    assert named_population("non-tumour pain at night", domain).excluded == ()
    thesaurus = Thesaurus((), (), other_conditions=("tumour pain",))
    assert thesaurus.other_condition_in("for chronic non-tumour pain?") is None
    assert thesaurus.other_condition_in("for tumour pain?") == "tumour pain"


def test_what_a_patient_is_on_after_an_article_is_setting() -> None:
    reader = AskReader(load_thesaurus(CORPUS), load_domain(CORPUS), PLAIN, ("Invented pack title",))
    asks = [a.text for a in reader.asks("A 30yo in first remission on a TKI: is a transplant advised?")]
    assert "TKI" not in asks and "transplant" in asks


def test_a_causative_verb_ends_what_is_tested_and_a_patient_is_not_tested_for(tmp_path: Path) -> None:
    (tmp_path / "synonyms.yaml").write_text(
        "groups:\n  - [widgetase, WDG]\ndetail_requests:\n  - {name: testing, nouns: [assay], verbs: [check, monitor]}\n"
    )
    thesaurus = load_thesaurus(tmp_path)
    assert [a.text for a in detail_asks("When does the panel want WDG checked?", thesaurus)] == ["WDG"]
    assert detail_asks("How often should the registry be checked for older pts?", thesaurus) == ()


def test_a_population_the_item_covers_is_no_ask_one_it_does_not_is() -> None:
    rec_set = load_recommendations(CDC)
    reader = AskReader(load_thesaurus(CDC), load_domain(CDC), PLAIN, ("Invented pack title",))
    asks = tuple(a for a in reader.asks("Is toxicology testing advised in LTOT patients?") if a.text == "LTOT")
    assert asks
    texts = ItemTexts((), rec_set, load_thesaurus(CDC))
    for_all = next(rec for rec in rec_set.items if rec.population.facet("opioid_use") in ("any", "unknown"))
    for_naive = next(rec for rec in rec_set.items if rec.population.facet("opioid_use") == "naive")
    hit = {
        rec.id: Hit(Passage(f"p-{rec.id}", "doc", "Invented text.", ("S",), 0, 14, recommendation_id=rec.id), 1.0) for rec in rec_set.items
    }
    assert not texts.missing(asks, hit[for_all.id])  # an item for every patient covers the patient on long-term therapy
    assert texts.missing(asks, hit[for_naive.id]) == asks  # an item for opioid-naive patients does not


def test_a_detail_another_passage_of_the_item_gives_joins_the_answer(tmp_path: Path) -> None:
    (tmp_path / "synonyms.yaml").write_text(
        "groups:\n  - [widget registry, WR]\ndetail_requests:\n"
        "  - {name: schedule, asks: [how often], requires: '\\bevery\\s+\\d+|\\bannually\\b'}\n"
    )
    thesaurus = load_thesaurus(tmp_path)
    reader = AskReader(thesaurus, Domain.model_validate({}), PLAIN, ("Invented pack title",))
    question = "How often should the WR be reviewed?"
    lead = Hit(Passage("a", "doc", "Clinicians should review the widget registry.", ("S",), 0, 40, recommendation_id="R1"), 1.0)
    other = Passage(
        "b", "doc", "Glimmer levels vary. The widget registry should be reviewed every 3 months.", ("S",), 0, 70, recommendation_id="R1"
    )
    unrelated = Passage("c", "doc", "Zorvatide is given every 2 weeks.", ("S",), 0, 30, recommendation_id="R1")
    missing = missing_details(question, [lead.passage.text], thesaurus)
    assert missing
    asks = reader.asks(question)
    found = giving_passages(missing, asks, question, lead, [lead], (lead.passage, unrelated, other), thesaurus, frozenset())
    assert found is not None and [hit.passage.id for hit in found] == ["b"]  # the schedule sentence names the registry
    assert giving_passages(missing, asks, question, lead, [lead], (lead.passage, unrelated), thesaurus, frozenset()) is None


def test_a_kind_of_person_is_who_asks_not_what_is_asked() -> None:
    wordnet = Path("/usr/share/wordnet")  # Debian's wordnet-base (`make wordnet`)
    if not (wordnet / "index.noun").is_file():
        pytest.skip("WordNet is not installed")
    reader = AskReader(load_thesaurus(CORPUS), load_domain(CORPUS), PLAIN, ("Invented pack title",), wordnet)
    asks = [a.text for a in reader.asks("Pharmacist here: is zorvatide premedication advised?")]
    assert "Pharmacist" not in asks and "zorvatide" in asks


def test_a_second_who_continuing_a_description_opens_no_who_question() -> None:
    described = asked_type("a man whose test showed zorvatide and who now admits misuse — what does the guideline advise?")
    assert described is None
    asked = asked_type("What is the panel, and who chaired it?")
    assert asked is not None and asked.name == "a person's name"


def test_stray_words_of_plain_english_are_not_asks() -> None:
    from chatbot.answer.english import apostrophe_dropped, is_common_english

    wordnet = Path("/usr/share/wordnet")
    reader = AskReader(Thesaurus((SynonymGroup(("zorvatide",)),), ()), Domain(), PLAIN, (), wordnet)
    # a contraction written without its apostrophe is no ask; a word in its own right is not read as one ('shed')
    assert apostrophe_dropped("theyre") and apostrophe_dropped("theyll") and not apostrophe_dropped("shed")
    assert reader.asks("is zorvatide needed if theyre not bleeding?") == reader.asks("is zorvatide needed?")
    # a verb's form that drops its final 'e' is as common as the verb ('dosing': dose)
    assert is_common_english("dosing") and is_common_english("sizing") and not is_common_english("titrating")
    # an adjective that only describes qualifies the ask; one pertaining to a thing ('testicular') names one
    assert [a.text for a in reader.asks("What is the guideline-concordant zorvatide step?")] == ["zorvatide"]
    assert "testicular" in [a.text for a in reader.asks("Is zorvatide given for testicular relapse?")]
