"""Asks a pack never speaks of: rare qualifiers, actions in words it never uses, keyword-only mentions, short acronyms."""

from __future__ import annotations

from pathlib import Path

from chatbot.answer.actions import actions
from chatbot.answer.candidates import ItemTexts
from chatbot.answer.coverage import AskReader, uncovered
from chatbot.packs.domain import load_domain
from chatbot.packs.synonyms import load_thesaurus
from chatbot.recs.loading import load_recommendations
from chatbot.types import Hit, Passage

PROJECT = Path(__file__).parents[1]
CORPUS = PROJECT / "corpus"
CDC = PROJECT / "packs" / "cdc-opioids-2022"
PLAIN = ["An invented passage about the care of young people.", "A second invented passage on dosing and follow-up."]


def _reader(pack: Path, passages: list[str]) -> AskReader:
    """A pack's ask reader over invented passages (its background and the words it uses)."""
    return AskReader(load_thesaurus(pack), load_domain(pack), passages, ("Invented pack title",))


def test_a_rare_qualifier_the_pack_never_uses_is_an_ask_named_with_what_it_qualifies() -> None:
    question = "Is a syngeneic graft an option for these patients?"
    (ask,) = [a for a in _reader(CORPUS, PLAIN).asks(question) if a.text == "syngeneic"]
    assert ask.name == "syngeneic graft"
    assert uncovered([ask], "Grafts from siblings were studied.")  # the noun alone does not cover the qualifier
    assert not uncovered([ask], "A syngeneic source was rare.")  # the qualifier covers it, whatever noun follows
    used = _reader(CORPUS, [*PLAIN, "Syngeneic grafts were few in the evidence."])
    assert "syngeneic" not in [a.text for a in used.asks(question)]  # a qualifier the pack uses narrows an ask; it is none


def test_an_action_with_a_prefix_is_read_from_the_question() -> None:
    (act,) = actions("After the reaction, can the infusion be re-started at a lower rate?")
    assert act.text == "whether the infusion can be re-started"


def test_an_action_whose_verb_the_pack_never_uses_is_an_ask() -> None:
    acts = actions("Should the doses be halved for smaller patients?")
    assert [a.text for a in _reader(CORPUS, PLAIN).unused(acts)] == ["whether the doses should be halved"]
    assert not _reader(CORPUS, [*PLAIN, "Halving the dose was not studied."]).unused(acts)  # another form of the verb
    assert not _reader(CORPUS, PLAIN).unused(actions("Should the doses be given weekly?"))  # a plain verb asks nothing
    assert not _reader(CORPUS, PLAIN).unused(actions("How should a change of doses be handled?"))  # an everyday verb asks how


def test_an_items_keywords_do_not_cover_one_agent_named_on_its_own() -> None:
    rec_set = load_recommendations(CDC)
    rec = next(rec for rec in rec_set.items if {"Xanax", "gabapentinoids"} <= set(rec.keywords))
    passage = Passage("p", "doc", "Invented passage on caution with sedating drugs.", ("S",), 0, 10, recommendation_id=rec.id)
    texts, hit, reader = ItemTexts((passage,), rec_set), Hit(passage, 1.0, 0.5), _reader(CDC, PLAIN)
    asks = tuple(a for a in reader.asks("Is Xanax the benzodiazepine of most concern?") if a.text == "Xanax")
    assert asks and asks[0].specific
    assert [a.text for a in texts.missing(asks, hit)] == ["Xanax"]  # the item is found by the brand name, but never names it
    member = tuple(a for a in reader.asks("Is gabapentin a worry here?") if a.text == "gabapentin")
    assert member and member[0].classes and not texts.missing(member, hit)  # a class among the keywords still covers its member


def test_a_short_acronym_is_not_found_inside_other_words() -> None:
    asks = [a for a in _reader(CDC, PLAIN).asks("What IV schedule is advised?") if a.text == "IV"]
    assert asks
    assert uncovered(asks, "It is given in various ways to five groups.")  # neither inside 'give' nor spelled as 'in various'
    assert not uncovered(asks, "Intravenous (IV) use was rare.")


def test_a_question_asking_which_member_of_a_group_needs_a_text_naming_one() -> None:
    from chatbot.answer.members import member_asks

    thesaurus = load_thesaurus(CORPUS)
    (ask,) = member_asks("Which TKI would the panel pick for these patients?", thesaurus)
    assert ask.text == "which TKI"
    assert uncovered([ask], "The panel favours adding a tyrosine kinase inhibitor.")  # the group alone names no member
    assert not uncovered([ask], "One source names dasatinib.")
    assert member_asks("Which CAR T-cell product is used first?", thesaurus)[0].text == "which CAR T-cell product"
    assert not member_asks("Is a TKI advised for these patients?", thesaurus)  # no choice asked for
    assert not member_asks("What pegaspargase dose is used?", thesaurus)  # a detail heads the phrase: read as a detail


def test_another_condition_the_text_never_names_is_out_of_scope_one_it_excludes_is_not_found(tmp_path: Path) -> None:
    from chatbot.answer.abstention import other_condition_status
    from chatbot.answer.vocabulary import CorpusVocabulary
    from chatbot.types import AnswerStatus

    (tmp_path / "synonyms.yaml").write_text(
        "groups:\n  - [widget fever, WF]\nsubject: widget fever\nother_conditions: [gadget flu, sprocket pox, GBS]\n"
    )
    thesaurus = load_thesaurus(tmp_path)
    vocabulary = CorpusVocabulary.from_texts(["Widget fever in adults.", "This guideline does not cover Sprocket Pox or GBS."])
    assert other_condition_status("sprocket pox", thesaurus, vocabulary) is AnswerStatus.NOT_FOUND  # excluded by the text
    assert other_condition_status("GBS", thesaurus, vocabulary) is AnswerStatus.NOT_FOUND  # an initialism, as the text writes it
    assert other_condition_status("gadget flu", thesaurus, vocabulary) is AnswerStatus.OUT_OF_SCOPE  # another field entirely


def test_a_disease_the_text_never_names_is_read_from_wordnet_and_a_field_term_or_named_one_is_not(tmp_path: Path) -> None:
    from chatbot.answer.conditions import names_issuer, unnamed_condition
    from chatbot.answer.vocabulary import CorpusVocabulary
    from chatbot.packs.lexicon import wordnet

    folder = Path("/usr/share/wordnet")  # Debian's wordnet-base (`make wordnet`)
    lexicon = wordnet(folder)
    assert lexicon is not None
    assert lexicon.names_illness("strep throat") and lexicon.names_illness("gout")
    assert not lexicon.names_illness("dose")  # its first sense is a quantity, not the slang for an infection
    (tmp_path / "synonyms.yaml").write_text("groups:\n  - [widget fever, WF]\ndomain_terms: [arthritis]\n")
    thesaurus = load_thesaurus(tmp_path)
    vocabulary = CorpusVocabulary.from_texts(["Widget fever in adults with diabetes."])
    assert unnamed_condition("amoxicillin dose for strep throat in adults", vocabulary, thesaurus, folder) == "strep throat"
    assert unnamed_condition("insulin for diabetes?", vocabulary, thesaurus, folder) is None  # the text names it
    assert unnamed_condition("arthritis flare, what now?", vocabulary, thesaurus, folder) is None  # a term of the field
    assert unnamed_condition("strep throat?", vocabulary, thesaurus, None) is None  # without WordNet, nothing is read
    assert names_issuer("gout flare, what does cdc suggest", load_domain(CDC))
    assert not names_issuer("gout flare, what do you suggest", load_domain(CDC))


def test_a_word_whose_linked_noun_the_text_uses_is_named_otherwise() -> None:
    from chatbot.answer.abstention import _named_otherwise
    from chatbot.answer.vocabulary import CorpusVocabulary
    from chatbot.config import load_settings

    settings = load_settings().model_copy(update={"lexicon_dir": Path("/usr/share/wordnet")})
    vocabulary = CorpusVocabulary.from_texts(["Invented passage: urgent dialysis after a missed session.", "No fever."])
    assert _named_otherwise("dialyze", vocabulary, settings)  # WordNet links the verb to dialysis
    assert _named_otherwise("afebrile", vocabulary, settings)  # and the adjective to fever
    assert not _named_otherwise("glaping", vocabulary, settings)
