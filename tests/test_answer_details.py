"""Details a question asks for (a level, a dose, a schedule, a test) must be given by the answering text; reference lists never lead."""

from __future__ import annotations

from pathlib import Path

from chatbot.answer.details import detail_asks, given, missing_details
from chatbot.answer.retrieval import bibliography_positions
from chatbot.packs.synonyms import Thesaurus, load_thesaurus

PROJECT = Path(__file__).parents[1]
CORPUS = PROJECT / "corpus"
CDC = PROJECT / "packs" / "cdc-opioids-2022"


def _thesaurus(tmp_path: Path) -> Thesaurus:
    """A small invented thesaurus: one field group and detail kinds with and without a value pattern."""
    (tmp_path / "synonyms.yaml").write_text(
        "groups:\n  - [widgetase, WDG, widget enzyme]\n"
        "detail_requests:\n"
        "  - {name: levels, nouns: [level, target], requires: '\\d+\\s?%|\\d+\\s?[A-Za-z]+/[A-Za-z]+'}\n"
        "  - {name: dosing, nouns: [dose], asks: [dose of], requires: '\\d+\\s?mg'}\n"
        "  - {name: testing, nouns: [assay], verbs: [check, monitor, screen]}\n"
    )
    return load_thesaurus(tmp_path)


def test_a_noun_heading_a_what_phrase_asks_for_its_detail(tmp_path: Path) -> None:
    thesaurus = _thesaurus(tmp_path)
    (ask,) = detail_asks("What widgetase activity level should be checked after a switch?", thesaurus)
    assert (ask.detail.name, ask.text, ask.modifiers, ask.noun) == (
        "levels",
        "widgetase activity level",
        ("widgetase", "activity"),
        "level",
    )
    (plural,) = detail_asks("A 30-year-old on widgetase. Which serum targets apply?", thesaurus)
    assert plural.text == "serum targets"


def test_ordinary_what_questions_and_grading_questions_ask_for_no_detail(tmp_path: Path) -> None:
    thesaurus = _thesaurus(tmp_path)
    for question in (
        "What does the guideline recommend for widgetase?",
        "What level of evidence supports widgetase?",  # the item's grading, not a detail
        "What is advised when the level drops?",  # the noun does not head the what-phrase
        "Is a widgetase level useful?",
    ):
        assert not detail_asks(question, thesaurus), question


def test_the_detail_must_be_given_in_one_sentence_with_the_words_it_is_of(tmp_path: Path) -> None:
    thesaurus = _thesaurus(tmp_path)
    (ask,) = detail_asks("What widgetase activity level counts as adequate?", thesaurus)
    assert given(ask, ["Adequate widgetase activity is a level of at least 10 IU/mL."], thesaurus)
    assert given(ask, ["The WDG activity level should exceed 0.1 IU/mL."], thesaurus)  # a synonym of the field term
    assert not given(ask, ["Switch to widgetase after a reaction. Ferritin of 30 ng/mL was common."], thesaurus)
    assert not given(ask, ["Widgetase activity should be monitored."], thesaurus)  # no value


def test_a_detail_kind_without_a_value_is_given_by_naming_it(tmp_path: Path) -> None:
    thesaurus = _thesaurus(tmp_path)
    question = "Which widgetase assay should be used?"
    assert [a.text for a in missing_details(question, ["Widgetase testing guides therapy."], thesaurus)] == ["widgetase assay"]
    assert not missing_details(question, ["A validated widgetase assay is used."], thesaurus)


def test_what_a_testing_verb_acts_on_must_be_named_by_the_answering_text(tmp_path: Path) -> None:
    thesaurus = _thesaurus(tmp_path)
    for question, target in (
        ("Should adults on widgetase have their ferritin checked?", "ferritin"),
        ("When should serum widgetase be monitored?", "serum widgetase"),
        ("Do I need to check the WDG registry before a refill?", "WDG registry"),
        ("Should patients on widgetase be screened for hepatitis C?", "hepatitis C"),
    ):
        assert [a.text for a in detail_asks(question, thesaurus)] == [target], question
    question = "Should adults on widgetase have their ferritin checked?"
    (missing,) = missing_details(question, ["Widgetase is favoured for adults."], thesaurus)
    assert missing.text == "ferritin"
    assert not missing_details(question, ["Ferritin was measured before widgetase."], thesaurus)
    assert not detail_asks("Should patients be monitored closely?", thesaurus)  # only generic words: nothing specific asked


def test_an_asking_phrase_still_asks_for_its_detail_anywhere(tmp_path: Path) -> None:
    thesaurus = _thesaurus(tmp_path)
    (ask,) = detail_asks("Is there a usual dose of widgetase?", thesaurus)
    assert ask.noun is None and ask.text == "dosing"
    assert missing_details("Is there a usual dose of widgetase?", ["Widgetase is favoured."], thesaurus)
    assert not missing_details("Is there a usual dose of widgetase?", ["Widgetase 25 mg was given."], thesaurus)


def test_the_packs_detail_data_loads_and_reads_levels_and_schedules() -> None:
    ash, cdc = load_thesaurus(CORPUS), load_thesaurus(CDC)
    (level,) = detail_asks("What asparaginase activity level should be checked after an Erwinia switch?", ash)
    assert level.text == "asparaginase activity level"
    assert [a.detail.name for a in detail_asks("How often should the drug screen be repeated?", cdc)] == ["schedule"]
    assert not missing_details("How often should it be checked?", ["Review the data at least every 3 months."], cdc)


def test_reference_lists_are_found_by_their_citations() -> None:
    references = " ".join(
        f"{n}. Author{n} A, Other B, et al. A study of things. J Invented Med 2019;{n}:10-20. PMID:{31000000 + n} "
        f"https://doi.org/10.1000/x{n}"
        for n in range(1, 8)
    )
    plain = "Clinicians should offer the invented therapy first and review the plan with the patient at every visit. "
    prose = (plain * 3 + "Benefits outweighed risks in the trials that were reviewed (Author1 et al.). ") * 3
    assert bibliography_positions([prose, references, prose + " See https://doi.org/10.1000/y."]) == frozenset({1})


def test_a_vignette_or_a_patients_own_dose_asks_for_no_dose(tmp_path: Path) -> None:
    thesaurus = _thesaurus(tmp_path)
    assert not detail_asks("She is due her first dose of widgetase tomorrow. Should anything be given before it?", thesaurus)
    assert not detail_asks("When should I review him after raising his dose of widgetase?", thesaurus)
    assert [a.text for a in detail_asks("Is there a usual dose of widgetase for adults?", thesaurus)] == ["dosing"]


def test_what_a_testing_verb_acts_on_ends_before_a_gerund_or_a_token_that_is_no_word(tmp_path: Path) -> None:
    thesaurus = _thesaurus(tmp_path)
    assert [a.text for a in detail_asks("do i check the WDG registry b4 refilling a script?", thesaurus)] == ["WDG registry"]
    assert [a.text for a in detail_asks("Should I check the registry before writing one?", thesaurus)] == ["registry"]


def test_a_copula_and_article_after_what_open_the_same_detail_phrase() -> None:
    thesaurus = load_thesaurus(PROJECT / "packs" / "cdc-opioids-2022")
    (ask,) = [a for a in detail_asks("What's the maximum daily acetaminophen dose for acute pain?", thesaurus) if a.noun]
    assert ask.noun == "dose" and ask.modifiers == ("maximum", "daily", "acetaminophen")


def test_a_detail_asked_with_no_words_of_its_own_is_of_the_agent_the_question_names(tmp_path: Path) -> None:
    thesaurus = _thesaurus(tmp_path)
    question = "Is there a usual dose of zorvatide?"
    about = lambda sentence: "zorvatide" in sentence.lower()  # noqa: E731 - the question names zorvatide on its own
    other = ["Widgetase 25 mg was given. Zorvatide may be used instead."]
    assert not missing_details(question, other, thesaurus)  # without the agent: any dose in the text
    assert missing_details(question, other, thesaurus, about)  # another agent's dose is no dose of zorvatide
    assert not missing_details(question, ["Zorvatide 10 mg twice a day is usual."], thesaurus, about)
