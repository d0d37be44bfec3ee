"""Answer only what the guideline addresses: question asks and their coverage, population-aware ranking, comparisons, answer types."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest
from rich.console import Console

from chatbot.answer.abstention import asks_the_guideline
from chatbot.answer.answer_type import asked_type, counted_things, wanted_answer
from chatbot.answer.candidates import within_named
from chatbot.answer.comparison import asks_to_choose, compared_options
from chatbot.answer.coverage import Ask, AskReader, uncovered
from chatbot.answer.restated import initials_of
from chatbot.channels.cli.render import print_reply
from chatbot.channels.slack.blocks import reply_blocks
from chatbot.config import load_settings
from chatbot.core import Chatbot, build_chatbot
from chatbot.evaluation.abstention import abstention_counts, abstention_lines
from chatbot.evaluation.run import TurnResult
from chatbot.packs.domain import load_domain
from chatbot.packs.synonyms import load_thesaurus
from chatbot.recs.loading import load_recommendations
from chatbot.recs.population import named_population
from chatbot.reply import reply_body
from chatbot.types import AnswerStatus

PROJECT = Path(__file__).parents[1]
CORPUS = PROJECT / "corpus"
CDC = PROJECT / "packs" / "cdc-opioids-2022"
WORDNET = Path("/usr/share/wordnet")  # Debian's wordnet-base (`make wordnet`)


def _reader(pack: Path, passages: list[str] | None = None) -> AskReader:
    """The asks of a pack read with its own synonyms and domain (a few invented passages as its background)."""
    texts = passages or ["Invented passage one about nothing in particular.", "Another invented passage."]
    return AskReader(load_thesaurus(pack), load_domain(pack), texts, ("Invented pack title",))


def _asks(pack: Path, question: str) -> list[str]:
    return [ask.text for ask in _reader(pack).asks(question)]


# --- what a question asks ---------------------------------------------------------------------------------


def test_rare_words_and_field_terms_are_asks_population_words_are_not() -> None:
    asks = _asks(CORPUS, "For a 24 year old with newly diagnosed Ph-positive ALL, should nadir trough levels guide pegaspargase?")
    assert "nadir" in asks and "pegaspargase" in asks
    assert not {"Ph-positive", "ALL", "newly", "diagnosed", "year", "old", "guide", "should"} & set(asks)


def test_only_the_asking_sentence_gives_asks_a_vignette_is_setting() -> None:
    asks = _asks(CORPUS, "A 20-year-old had urticaria and bronchospasm on pegaspargase. How should asparaginase continue?")
    assert "urticaria" not in asks and "bronchospasm" not in asks


def test_a_vignette_a_dash_sets_before_a_wh_question_is_setting() -> None:
    assert "stridor" not in _asks(CORPUS, "Rash and stridor an hour into his infusion, he is 22 - what should follow?")
    assert "stridor" not in _asks(CORPUS, "My patient had stridor on the last dose \u2014 which recommendation applies?")
    # a clause naming no patient, one that itself asks, or a question not opened by a wh-word stays the ask
    assert "Stridor" in _asks(CORPUS, "Stridor an hour into the infusion - what should follow?")
    assert "stridor" in _asks(CORPUS, "Which drug for stridor \u2014 hydrocortisone or famotidine \u2014 in a 22 year old?")
    assert "stridor" in _asks(CORPUS, "Rash and stridor in a 22 year old - is premedication advised?")


def test_a_specific_member_of_a_class_must_itself_be_covered() -> None:
    reader = _reader(CORPUS)
    (ask,) = [a for a in reader.asks("Is nilotinib the right TKI?") if a.text == "nilotinib"]
    assert ask.specific
    text = "The panel favors adding a tyrosine kinase inhibitor (TKI); one report names imatinib."
    assert [a.text for a in uncovered([ask], text)] == ["nilotinib"]
    (general,) = [a for a in reader.asks("Is a TKI advised?") if a.text == "TKI"]
    assert not uncovered([general], text)


def test_coverage_tolerates_short_forms_other_endings_and_spelled_out_acronyms() -> None:
    reader = _reader(CORPUS)
    text = "Prophylaxis with chemotherapy; randomized controlled trials were few; multi-agent regimens."
    for question in ("Is chemo prophylactic here?", "Were there RCTs?", "Is a multiagent protocol used?"):
        assert not uncovered(reader.asks(question), text), question


def test_a_word_of_the_same_family_covers_an_ask_whose_stem_the_text_spells_otherwise() -> None:
    reader = AskReader(load_thesaurus(CORPUS), load_domain(CORPUS), ["Invented passage.", "Another one."], (), WORDNET)
    text = "Advise caregivers to keep infants away from glimmersmoke and glaping aerosol."
    assert [a.text for a in reader.asks("Dad glapes indoors: does it matter?")] == ["glapes"]
    assert not uncovered(reader.asks("Dad glapes indoors: does it matter?"), text), "'glapes' and 'glaping' are one word"
    assert [a.text for a in uncovered(reader.asks("Dad glapes indoors: does it matter?"), "Keep infants warm.")] == ["glapes"]


def test_a_word_the_text_never_uses_is_covered_when_it_restates_the_text() -> None:
    reader = AskReader(load_thesaurus(CORPUS), load_domain(CORPUS), ["Invented passage.", "Another one."], (), WORDNET)
    text = "Oral cefalexin is advised for the outpatient; management of hives and of interdigital tinea pedis is supportive."
    for question in ("Is Keflex advised?", "Is this for the outpt?", "What is the mgmt of urticaria?", "Is athlete's foot treated?"):
        assert reader.asks(question) and not uncovered(reader.asks(question), text), question
    assert [a.text for a in reader.asks("how long shud cefalexin be advised?")] == ["cefalexin"], "a common word misspelt asks nothing"
    assert [a.text for a in uncovered(reader.asks("Is Keflex advised for the outpt?"), "Oral penicillin is advised.")] == [
        "Keflex",
        "outpt",
    ]
    # a rare word near a common one is no misspelling of it; WordNet's wider names (heparin: anticoagulant) cover nothing
    assert [a.text for a in uncovered(reader.asks("Is heparin advised?"), "Anticoagulants are advised; hearing aids.")] == ["heparin"]


def test_a_verb_or_a_describing_word_is_read_through_the_nouns_wordnet_links_it_to() -> None:
    passages = ["Invented passage on crackles or wheeze in infants.", "Another invented passage."]
    reader = AskReader(load_thesaurus(CORPUS), load_domain(CORPUS), passages, (), WORDNET)
    # a verb's noun covers it: a text on dialysis says what 'dialyzed' asks; one that never names it does not
    question = "Should he be dialyzed today?"
    assert [a.text for a in reader.asks(question)] == ["dialyzed"]
    assert not uncovered(reader.asks(question), "Urgent dialysis is advised after a missed session.")
    assert [a.text for a in uncovered(reader.asks(question), "Keep infants warm.")] == ["dialyzed"]
    # an adjective alone, of a noun the pack uses ('wheezy': wheeze), describes the patient: it narrows, it asks nothing
    assert [a.text for a in reader.asks("Is a bronchodilator advised for a wheezy infant?")] == ["bronchodilator"]
    # a verb's form WordNet also lists as an adjective ('intensifying': intensity) still asks
    reader = AskReader(load_thesaurus(CORPUS), load_domain(CORPUS), ["Invented passage on dose intensity.", "Another one."], (), WORDNET)
    assert "intensifying" in [a.text for a in reader.asks("Is intensifying the bronchodilator advised?")]


def test_a_common_word_naming_a_thing_the_pack_never_names_is_an_ask() -> None:
    passages = ["Invented passage about opioid tapering in Texas clinics.", "Another invented passage on tapering."]
    reader = AskReader(load_thesaurus(CDC), load_domain(CDC), passages, (), WORDNET)
    # a substance, an artefact or a place the text never names is what the question asks about, however common the word
    assert [a.text for a in reader.asks("Should I check testosterone during tapering?")] == ["testosterone"]
    assert [a.text for a in reader.asks("Is tapering different in Florida?")] == ["Florida"]
    # one the text names narrows nothing new; a word that is also a verb or has other senses ('phone') asks nothing
    assert reader.asks("Is tapering different in Texas?") == ()
    assert reader.asks("Can tapering be discussed by phone?") == ()
    # nor a form of a verb or an adjective that WordNet also lists as a thing ('coping', 'thinner')
    assert reader.asks("Is a blood thinner advised during tapering?") == ()


def test_an_acronym_is_not_covered_by_another_one_letter_off() -> None:
    reader = _reader(CDC)
    text = "Tramadol and serotonin and norepinephrine reuptake inhibitor (SNRI) antidepressants are options."
    assert [a.text for a in uncovered(reader.asks("Is tramadol with an SSRI a concern?"), text)] == ["SSRI"]
    assert not uncovered(reader.asks("Is tramadol with an SNRI a concern?"), text)


def test_amounts_asked_about_must_be_in_the_text() -> None:
    reader = _reader(CDC)
    asks = reader.asks("Should the spray be the 2 mg or the 6 mg one?")
    assert [a.text for a in asks if a.quantity] == ["2 mg", "6 mg"]
    assert [a.text for a in uncovered(asks, "A 2 mg dose was studied.")] == ["6 mg"]


def test_words_common_in_the_pack_are_background_not_asks() -> None:
    passages = [f"Passage {n} mentions hydrocodone prescribing." for n in range(10)]
    assert "hydrocodone" not in [a.text for a in _reader(CDC, passages).asks("Is hydrocodone preferred?")]
    assert "hydrocodone" in [a.text for a in _reader(CDC).asks("Is hydrocodone preferred?")]


def test_a_decade_of_life_is_the_patients_age_not_an_ask() -> None:
    assert "thirties" not in _asks(CORPUS, "What survivorship care is advised for adults treated for ALL in their thirties?")


def test_an_acronym_the_pack_spells_out_in_plain_words_is_setting() -> None:
    passages = [
        "Adults with sore upper back were seen.",
        "For sore upper back, exercise helps.",
        "Total marrow irradiation was not studied.",
        "Total marrow irradiation is out of scope.",
        *(f"Unrelated passage number {n}." for n in range(5)),
    ]
    reader = _reader(CORPUS, passages)
    asks = [ask.text for ask in reader.asks("For SUB in a 30 year old, is TMI advised?")]
    assert "SUB" not in asks  # spelled out twice, in common English words only
    assert "TMI" in asks  # its spelling holds a rare word ('irradiation'): still asked about


def test_compared_options_and_answer_types() -> None:
    reader = _reader(CORPUS)
    question = "blinatumomab or inotuzumab for relapsed B-ALL?"
    assert [(a.text, b.text) for a, b in compared_options(question, reader.asks(question))] == [("blinatumomab", "inotuzumab")]
    assert not compared_options("cryo or fibrinogen concentrate?", reader.asks("cryo or fibrinogen concentrate?"))  # one group
    assert asked_type("Who co-chaired the panel?").name == "a person's name"  # type: ignore[union-attr]
    assert asked_type("How many items are there?").name == "a number"  # type: ignore[union-attr]
    assert asked_type("Is a TKI advised?") is None
    statement = "We suggest nerve stimulation for adults with a BMI below 32, who are intolerant of the mask."
    assert asked_type(statement) is None  # a who-clause after a comma that asks nothing describes the adults
    assert asked_type("One more thing, who chaired the panel?").name == "a person's name"  # type: ignore[union-attr]


def test_a_narrower_item_is_not_a_population_conflict() -> None:
    rec_set = load_recommendations(CORPUS)
    cns = rec_set.get("RR-isolated-cns-relapse")
    assert cns is not None
    named = named_population("relapsed ALL in a 20 year old", rec_set.domain)
    assert named.facet("phase") == "relapsed_refractory"
    assert within_named(named, cns, rec_set.domain).facet("phase") is None


# --- the abstention section of the eval report ------------------------------------------------------------


def _turn(
    item: str, category: str, expected: str, status: str, expected_ids: tuple[str, ...] = (), ids: tuple[str, ...] = ()
) -> TurnResult:
    return TurnResult(
        "hybrid+synonyms",
        item,
        category,
        1,
        f"question {item}",
        expected,
        (),
        expected_ids,
        status,
        "",
        (),
        ids,
        0,
        0,
        0,
        (),
        "pass",
        reason=f"reason {item}",
    )


def test_abstention_section_counts_and_lists_misses_with_reasons() -> None:
    results = [
        _turn("n1", "not_addressed", "not_found", "not_found"),
        _turn("n2", "not_addressed", "not_found", "answered", ids=("X",)),
        _turn("a1", "full_sentence", "answered", "answered", ("X",), ("X",)),
        _turn("a2", "full_sentence", "answered", "not_found", ("X",)),
        _turn("a3", "vignette", "answered", "answered", ("X",), ("Y",)),
        _turn("a4", "about", "answered", "answered", ("section:Panel",)),  # judged by retrieval, not by item
    ]
    counts = abstention_counts(results)
    assert counts.rates() == {"correct_abstention": 0.5, "false_abstention": 0.25, "item_first": 0.3333}
    text = "\n".join(abstention_lines(results))
    assert "## Abstention" in text and "MISSED" in text
    assert "`n2`" in text and "declined: reason a2" in text and "first item Y, expected X" in text


# --- the real pipeline on the default corpus (real model, real FAISS) -------------------------------------

NEWS = """# Panel news (an invented article added for a test)

## Who led the panels

The frontline guideline panel was co-chaired by two members of the society, who steered the frontline guideline panel's work
over two years of meetings. Maria Invented and Tom Example shared that role.
"""


@pytest.fixture(scope="module")
def bot(tmp_path_factory: pytest.TempPathFactory) -> Chatbot:
    """The default corpus plus an added news document, indexed with the real model in a temporary folder."""
    root = tmp_path_factory.mktemp("coverage")
    corpus = root / "corpus"
    shutil.copytree(CORPUS, corpus, ignore=shutil.ignore_patterns("official", "gold"))
    (corpus / "panel-news.md").write_text(NEWS)
    with (corpus / "sources.yaml").open("a") as handle:
        handle.write("\n  - {id: panel-news, title: Panel news, kind: added, path: panel-news.md}\n")
    return build_chatbot(load_settings(corpus_dir=corpus, index_dir=root / "index", data_dir=root / "data"))


@pytest.mark.model
def test_a_covered_term_does_not_capture_an_uncovered_ask(bot: Chatbot) -> None:
    reply = bot.ask("Is ponatinib the TKI to add for Ph-positive ALL in AYAs?")
    assert reply.answer.status is AnswerStatus.NOT_FOUND
    assert reply.answer.uncovered == ("ponatinib",)
    assert reply.answer.summary.startswith("The loaded guidelines do not address ponatinib")
    assert not reply.answer.quotes
    assert any("FL-ph-positive-tki" in topic for topic in reply.answer.closest_topics)
    body = reply_body(reply, bot.rec_set)
    assert body.uncovered == ["ponatinib"]
    blocks = str(reply_blocks(body))
    assert "Not addressed by the loaded guidelines" in blocks and "Related, not an answer" in blocks
    console = Console(record=True, width=120)
    print_reply(console, reply, bot.rec_set)
    printed = console.export_text()
    assert "Not addressed by the loaded guidelines: ponatinib" in printed and "Related, not an answer:" in printed


@pytest.mark.model
def test_the_thing_a_what_question_wants_must_be_named_by_a_retrieved_item(bot: Chatbot) -> None:
    reply = bot.ask("What paperwork does the guideline require before pegaspargase for AYAs?")
    assert reply.answer.status is AnswerStatus.NOT_FOUND
    assert reply.answer.uncovered == ("paperwork",)


@pytest.mark.model
def test_population_cues_steer_the_ranking(bot: Chatbot) -> None:
    reply = bot.ask("A 17-year-old has just been found to have newly diagnosed Ph-positive ALL. What is advised?")
    assert reply.answer.status is AnswerStatus.ANSWERED
    assert reply.answer.recommendation_ids[0] == "FL-ph-positive-tki"


@pytest.mark.model
def test_a_hyphenated_population_word_is_not_cut_by_spelling_correction(bot: Chatbot) -> None:
    reply = bot.ask("Reinduction for a 26-year-old whose B-lineage ALL has come back: what is favoured?")
    assert reply.answer.status is AnswerStatus.ANSWERED, reply.answer.summary
    assert reply.answer.recommendation_ids[0] == "RR-immunotherapy-reinduction"


@pytest.mark.model
def test_options_the_guideline_does_not_compare_are_said_so(bot: Chatbot) -> None:
    reply = bot.ask("blinatumomab or inotuzumab for relapsed B-ALL, which is preferred?")
    assert reply.answer.status is AnswerStatus.NOT_FOUND  # the choice asked for is not made: the item is related, not an answer
    assert "RR-immunotherapy-reinduction" in reply.answer.closest_topics[0]
    assert "do not compare blinatumomab with inotuzumab" in reply.answer.summary
    assert reply.answer.uncovered and "blinatumomab versus inotuzumab" in reply.answer.uncovered[0]
    same = bot.ask("pediatric-inspired regimen or hyper-CVAD for a 20 year old with new ALL, which is preferred?")
    assert same.answer.status is AnswerStatus.ANSWERED and "do not compare" not in same.answer.summary  # the item compares them
    listed = bot.ask("what role do blinatumomab or inotuzumab have in relapsed B-ALL?")  # both together, no choice asked
    assert listed.answer.status is AnswerStatus.ANSWERED
    short = bot.ask("peds-inspired vs hyper-CVAD for AYA ALL?")  # the item's sides name the options in other words
    assert short.answer.status is AnswerStatus.ANSWERED and "do not compare" not in short.answer.summary


@pytest.mark.model
def test_a_who_question_quotes_the_added_document_that_names_the_person(bot: Chatbot) -> None:
    reply = bot.ask("Who co-chaired the frontline guideline panel?")
    assert reply.answer.status is AnswerStatus.ANSWERED
    named = [q for q in reply.answer.quotes if "Maria Invented" in q.text]
    assert named and named[0].document_kind.value == "added"
    blocks = str(reply_blocks(reply_body(reply, bot.rec_set)))
    assert "added document" in blocks


def test_common_english_words_are_those_wordfreq_rates_common() -> None:
    from wordfreq import top_n_list, zipf_frequency

    from chatbot.answer.english import COMMON_ZIPF, common_words

    words = top_n_list("en", 60_000, wordlist="large")[5_000:]
    common = common_words()
    assert {w for w in words if w in common} == {w for w in words if zipf_frequency(w, "en") >= COMMON_ZIPF}
    assert any(zipf_frequency(w, "en") < COMMON_ZIPF for w in words)  # the sample reaches past the threshold


def test_a_word_is_common_in_any_plain_form() -> None:
    from chatbot.answer.english import is_common_english

    assert is_common_english("levels") and is_common_english("Checked")
    assert not is_common_english("asparaginase") and not is_common_english("pegaspargase")


@pytest.mark.model
def test_a_detail_the_item_does_not_hold_is_not_answered_with_it(bot: Chatbot) -> None:
    reply = bot.ask("What asparaginase activity level should be checked after an Erwinia switch?")
    assert reply.answer.status is AnswerStatus.NOT_FOUND
    assert reply.answer.uncovered == ("asparaginase activity level",)
    assert reply.answer.summary.startswith("The loaded guidelines do not address asparaginase activity level")
    assert any("FL-asparaginase-hypersensitivity-switch" in topic for topic in reply.answer.closest_topics)
    switch = bot.ask("After a pegaspargase reaction, should we switch to Erwinia asparaginase?")
    assert switch.answer.status is AnswerStatus.ANSWERED
    assert switch.answer.recommendation_ids[0] == "FL-asparaginase-hypersensitivity-switch"
    grading = bot.ask("What level of evidence supports the pediatric-inspired regimen?")
    assert grading.answer.status is AnswerStatus.ANSWERED
    sugar = bot.ask("Should AYAs on pegaspargase have their blood sugar checked?")
    assert sugar.answer.status is AnswerStatus.NOT_FOUND and sugar.answer.uncovered == ("blood sugar",)
    mrd = bot.ask("When should MRD be checked in frontline therapy?")
    assert mrd.answer.status is AnswerStatus.ANSWERED and mrd.answer.recommendation_ids[0] == "FL-mrd-guided-therapy"


@pytest.mark.model
def test_classes_passing_mentions_and_named_studies(bot: Chatbot) -> None:
    member = bot.ask("Should a 24-year-old with newly diagnosed Ph-positive ALL get dasatinib?")
    assert member.answer.status is AnswerStatus.ANSWERED and member.answer.recommendation_ids[0] == "FL-ph-positive-tki"
    assert "itself" not in member.answer.summary  # the item's text names dasatinib
    unnamed = bot.ask("Should a 24-year-old with newly diagnosed Ph-positive ALL get ponatinib?")
    assert unnamed.answer.status is AnswerStatus.ANSWERED and unnamed.answer.recommendation_ids[0] == "FL-ph-positive-tki"
    assert "not ponatinib itself" in unnamed.answer.summary  # it advises on the class only: said plainly
    restart = bot.ask("Can asparaginase be restarted after an episode of pancreatitis in an AYA?")
    assert restart.answer.status is AnswerStatus.NOT_FOUND
    assert restart.answer.uncovered == ("whether asparaginase can be restarted",)
    study = bot.ask("What were the results of CALGB 10403?")
    assert study.answer.status is AnswerStatus.NOT_FOUND and study.answer.uncovered == ("CALGB 10403",)


def test_an_item_whose_near_passage_covers_the_asks_joins_the_first_hits() -> None:
    from chatbot.answer.candidates import ItemTexts, rank_candidates
    from chatbot.types import Hit, Passage

    rec_set = load_recommendations(CORPUS)
    lead_ids = [rec.id for rec in rec_set.items if not rec.is_placeholder][:6]
    filler = [
        Passage(f"p{n}", "doc", f"Invented text number {n} about care.", ("S",), 0, 10, recommendation_id=rid)
        for n, rid in enumerate(lead_ids[:5])
    ]
    naming = Passage("far", "doc", "Patients with quuxitis were included in the evidence.", ("S",), 0, 10, recommendation_id=lead_ids[5])
    texts = ItemTexts((*filler, naming), rec_set)
    reader = _reader(CORPUS)
    question = "Does the guidance apply to quuxitis?"
    asks = reader.asks(question)
    hits = tuple(Hit(passage, 1.0 / (n + 1), 0.5) for n, passage in enumerate(filler))
    assert rank_candidates(hits, asks, question, rec_set, texts)[0].missing  # without the near passages: nothing covers
    first = rank_candidates(hits, asks, question, rec_set, texts, near={5: 0.6})[0]
    assert first.rec is not None and first.rec.id == lead_ids[5] and not first.missing
    assert rank_candidates(hits, asks, question, rec_set, texts, near={0: 0.6})[0].missing  # a near passage that does not name it


@pytest.mark.model
def test_a_non_human_patient_is_declined_with_that_reason(bot: Chatbot) -> None:
    reply = bot.ask("Should my dog with relapsed B-ALL get blinatumomab?")
    assert reply.answer.status is AnswerStatus.NOT_FOUND
    assert "non-human patients" in reply.answer.summary and not reply.answer.quotes


def test_an_acronym_the_text_never_defines_is_read_as_the_one_word_its_letters_open() -> None:
    words = frozenset({"oral", "intravenous", "administration", "procalcitonin", "zentoparin", "diverticulitis"})
    assert initials_of("IV", words) == ("intravenous",)
    assert initials_of("PCT", words) == ("procalcitonin",)
    assert initials_of("MRI", words) == (), "a later letter that is a vowel opens no syllable"
    many = frozenset({"cellulitis", "cutaneous", "catheter", "cotrimoxazole"})
    assert initials_of("CT", many) == (), "letters that words of many stems fit stand for none of them"
    assert initials_of("Iv", words) == ()


def test_a_number_answers_how_many_only_when_it_counts_the_thing_asked_about() -> None:
    counted = counted_things("How many zorvatide kits or vials should I dispense per patient?")
    assert counted == ("kit", "vial")
    number = asked_type("How many zorvatide kits should I dispense?")
    assert number is not None and number.name == "a number"
    assert not number.given_in("One observational study of zorvatide kits found fewer visits (7).", counted)
    assert number.given_in("Dispense two zorvatide kits to each patient.", counted)
    assert number.given_in("Most patients used three 5-mg zorvatide tablets or less.", counted_things("how many zorvatide tabs?"))
    assert number.given_in("Dispense it for 4–7 days.", counted_things("How many days of zorvatide?"))
    sessions = counted_things("How many zorvatide sessions should I order?")
    assert number.given_in("Three zorvatide sessions are usually enough.", sessions)
    assert not number.given_in("One trial evaluated one session of zorvatide (39).", sessions)  # a study's number, cited
    assert not number.given_in("Costs ran $25 per visit for a 6- to 12-session course [12, 14].", sessions)
    assert counted_things("How many MME is a high dose?") == ()  # nothing plural counted: any number answers
    assert number.given_in("Doses of 50 MME or more are high.", counted_things("How many MME is a high dose?"))
    assert not number.given_in("It is given as 380 mg per zorvatide kit.", counted)  # a rate measures each kit, it counts none
    assert wanted_answer(number, "How many zorvatide doses or kits?") == "a number of doses or kits"
    assert wanted_answer(number, "How many MME is a high dose?") == "a number"


def test_words_opening_or_closing_on_a_stopword_spell_no_acronym_of_the_setting() -> None:
    passages = [
        "The team of the health care service met.",
        "Ask the health care team first.",
        "Their quality of life improved.",
        "Quality of life matters.",
        *(f"Unrelated passage number {n}." for n in range(5)),
    ]
    asks = [ask.text for ask in _reader(CORPUS, passages).asks("Is THC or QOL a concern?")]
    assert "THC" in asks  # 'the health care' opens on a stopword: no spelling of it
    assert "QOL" not in asks  # a stopword inside ('quality of life') still spells one, in common words


def test_a_procedure_the_patient_is_on_is_asked_about_unlike_a_drug_they_take() -> None:
    reader = AskReader(load_thesaurus(CORPUS), load_domain(CORPUS), ["Invented passage.", "Another one."], (), WORDNET)
    assert "hemodialysis" in [a.text for a in reader.asks("Which drug is safest in patients on hemodialysis?")]
    assert "zorvatide" not in [a.text for a in reader.asks("Which drug is safest in patients on zorvatide?")]  # a drug: setting


def test_a_question_can_ask_what_the_guideline_says() -> None:
    assert asks_the_guideline("Does the frontline guideline recommend zorvatide?")
    assert asks_the_guideline("what do the ASH AYA guidelines say about vexoprine")
    assert not asks_the_guideline("Write me a cover letter for a nursing job")
    assert not asks_the_guideline("Are guidelines ever wrong?")  # no guideline in particular


@pytest.mark.model
def test_an_unknown_ask_about_the_guideline_is_not_found_not_out_of_scope(bot: Chatbot) -> None:
    reply = bot.ask("Does the guideline recommend zorvatide genotyping before vexoprine?")
    assert reply.answer.status is AnswerStatus.NOT_FOUND, reply.answer.summary


@pytest.mark.model
def test_a_question_about_the_guideline_naming_nothing_unknown_stays_out_of_scope(bot: Chatbot) -> None:
    assert bot.ask("Does the guideline say anything about pizza?").answer.status is AnswerStatus.OUT_OF_SCOPE


def _options(question: str, first: str, second: str) -> tuple[Ask, Ask]:
    one, two = question.index(first), question.index(second)
    return Ask(first, one, one + len(first)), Ask(second, two, two + len(second))


def test_a_choice_is_asked_by_vs_or_by_or_with_a_choice_word_not_by_a_list_or_against_a_third() -> None:
    for question in ("zorvatide vs quellimab for widget fever?", "zorvatide or quellimab: which is preferred?"):
        assert asks_to_choose(question, *_options(question, "zorvatide", "quellimab"))
    for question in ("what role do zorvatide or quellimab have?", "zorvatide or quellimab over plain care?"):
        assert not asks_to_choose(question, *_options(question, "zorvatide", "quellimab"))
    question = "Is zorvatide favoured over plain supportive care to reinduce?"  # the second ask is what both are for
    assert not asks_to_choose(question, *_options(question, "zorvatide", "reinduce"))
