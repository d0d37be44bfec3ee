"""What a pack made by `pack init` reads from its publication: shorthand it never defines, section names, guideline facts."""

from __future__ import annotations

from pathlib import Path

import pytest
import yaml
from guideline_pdfs import OTHER_GUIDELINES, TAPER_HEADING, publication_pdf
from test_uncurated_packs import _bot, _pack
from uncurated_pdfs import RATIONALE, repeated_statement_pdf

from chatbot.answer.retrieval import correct_spelling
from chatbot.core import Chatbot
from chatbot.ingest.readers.pdf import heading_levels
from chatbot.packs.initialisms import Initialisms
from chatbot.packs.publication_facts import publication_facts
from chatbot.types import AnswerStatus

TEXTS = [
    "Patients on long-term opioid therapy were followed. Tapering long-term opioid therapy is hard.",
    "Offer long-term opioid therapy only when benefits outweigh risks. Opioid use disorder treatment was rare.",
    "Screen for opioid use disorder treatment needs; opioid use disorder treatment works. Check the MME of every patient.",
    "Avoid benzodiazepines with opioids; benzodiazepines and opioids together, or a benzodiazepine alone, raise the risk.",
]


def test_shorthand_is_read_as_the_recurring_phrase_of_the_text_whose_initials_it_is() -> None:
    shorthand = Initialisms.from_texts(TEXTS, known={"OUD"})
    assert shorthand.spelled_out("LTOT pt stable: continue or taper?") == "long-term opioid therapy pt stable: continue or taper?"
    assert shorthand.spelled_out("LTOTs in older adults?") == "long-term opioid therapy in older adults?", "a plural reads as its phrase"
    assert shorthand.long_form("UDT") is None, "'use disorder treatment' is only ever the tail of 'opioid use disorder treatment'"
    assert shorthand.in_question("OUD and MME?") == [], "a term the pack knows, or that the text itself uses, is left alone"
    assert shorthand.in_question("SHOULD LTOT BE TAPERED?") == [], "a question in capitals has no shorthand to read"
    assert shorthand.long_form("LDL") is None
    assert shorthand.spelled_out("opioids plus benzos?") == "opioids plus benzodiazepines?", "a clipped word reads as the text's word"
    assert shorthand.clipped("pills") is None and shorthand.clipped("bene") is None, "a word of English; a clipping too short"


@pytest.fixture(scope="module")
def publication_pack(tmp_path_factory: pytest.TempPathFactory) -> tuple[Path, Chatbot]:
    """The generated publication made into a pack by pack init, with the hashing embedder."""
    with pytest.MonkeyPatch.context() as patch:
        patch.setenv("CHATBOT_EMBEDDER", "fakes:hashing_embedder")
        pack = _pack(tmp_path_factory.mktemp("publication"), publication_pdf(), "GL")
        yield pack, _bot(pack)


def test_a_question_in_shorthand_the_publication_never_defines_is_answered(publication_pack) -> None:
    _, bot = publication_pack
    for question in ("What does the guideline say about LTGT?", "LTGT: taper or stop at once?"):
        reply = bot.ask(question)
        assert reply.answer.status is AnswerStatus.ANSWERED, (question, reply.answer.summary)
        assert reply.answer.recommendation_ids[:1] == ("GL-1",)
        assert "long-term glimmer therapy" in reply.resolved_question


def test_a_bold_run_in_label_is_no_section_heading() -> None:
    lines = [
        ("Body text of the guideline runs on here.", 9.0, False),
        ("Tapering long-term glimmer therapy", 12.0, True),
        ("Other guidelines:", 9.0, True),
        ("Two invented societies also advise it.", 9.0, False),
        ("Clinicians should not give orbiclast to", 9.0, True),
        ("Annals of Invented Haematology", 7.0, False),  # a running head between two pages
        ("adults who take sedating drugs.", 9.0, False),
        ("The panel asked for more trials.", 9.0, True),
        ("Implementation notes", 9.0, True),
    ]
    levels = heading_levels(lines)
    assert {"taperinglongtermglimmertherapy", "implementationnotes"} <= set(levels)
    assert not any(key.startswith(("otherguidelines", "cliniciansshould", "thepanelasked")) for key in levels), levels


def test_quotes_are_named_by_the_headings_around_them(publication_pack) -> None:
    _, bot = publication_pack
    passages = bot.engines[0].index.passages
    assert not any(path.startswith("Other guidelines") for p in passages for path in p.section_path)
    discussion = next(p for p in passages if OTHER_GUIDELINES[:40] in " ".join(p.text.split()))
    assert discussion.section_path[-1] == TAPER_HEADING and discussion.recommendation_id == "GL-1"


def test_the_guard_checks_claims_about_the_guideline_against_its_publication(publication_pack) -> None:
    _, bot = publication_pack
    for claim in (
        "The guideline was published by the FDA in 2019.",
        "The ISGC guideline's authors were Lindgren, Smith and Caradoc.",
        "The first author of the ISGC guideline is Henri Caradoc.",
        "The ISGC guideline has 5 recommendations.",
    ):
        report = bot.check(claim)
        assert report.verdict == "fail" and any(f.kind == "guideline_fact_mismatch" for f in report.findings), (claim, report.findings)
    faithful = bot.check("The ISGC guideline has 2 recommendations; it was published online in March 2024 by Lindgren and Caradoc.")
    assert not any(f.kind == "guideline_fact_mismatch" for f in faithful.findings), faithful.findings


def test_bylines_dates_and_issuers_are_read_from_the_front_matter() -> None:
    masthead = "Invented Weekly Report / Vol. 3 / No. 1 November 4, 2022\n\nIGP Practice Guideline for Glimmer Pain\n\n"
    text = masthead + "Ana Ruiz, MD1; Kai L. Berg, PhD2; Li Wen, MPH1\n\n1Division of Glimmer Care, Invented Panel on Glimmer Pain (IGP)."
    facts = publication_facts(
        text,
        "IGP Practice Guideline for Glimmer Pain",
        {"/Author": "Invented Panel on Glimmer Pain"},
        [("Invented Panel on Glimmer Pain", "IGP")],
    )
    assert set(facts["names"]) == {"Invented Panel on Glimmer Pain", "IGP"} and facts["published"] == ["2022-11-04"]
    assert facts["authors"] == [{"name": "Ana Ruiz", "first": True}, {"name": "Kai L. Berg"}, {"name": "Li Wen"}]
    journal = "Invented Leukemia (2020) 34:1-9\n\nA. Hochberg1 \u25cf M. Baccara2 \u25cf R. T. Silvan3\n\nReceived: 10 February 2020 / Published online: 3 March 2020"
    facts = publication_facts(journal, "Invented recommendations for glimmerfever", {"/Author": "A. Hochberg"})
    assert [a["name"] for a in facts["authors"]] == ["A. Hochberg", "M. Baccara", "R. T. Silvan"] and facts["published"] == ["2020-03-03"]
    assert "names" not in facts, "a person in the metadata is no issuer"


def test_the_issuers_names_make_no_synonym_group(publication_pack) -> None:
    pack, _ = publication_pack
    synonyms = yaml.safe_load((pack / "synonyms.yaml").read_text())
    assert not any("ISGC" in group for group in synonyms["groups"]), "a question names the issuer to address the guideline"
    assert "ISGC" in synonyms["domain_terms"]


def test_the_discussion_after_a_repeat_of_a_statement_in_a_subsection_stays_linked(tmp_path: Path, hashing_model: None) -> None:
    index = _bot(_pack(tmp_path, repeated_statement_pdf(), "GL")).engines[0].index
    for number, rationale in RATIONALE.items():
        passage = next(p for p in index.passages if rationale[:50] in " ".join(p.text.split()))
        assert passage.recommendation_id == f"GL-{number}", (number, passage.section_path)


def test_a_new_pack_knows_the_details_a_question_may_ask_for(publication_pack) -> None:
    pack, bot = publication_pack
    assert {"dosing", "schedule", "testing"} <= {d["name"] for d in yaml.safe_load((pack / "synonyms.yaml").read_text())["detail_requests"]}
    reply = bot.ask("What dose of kestravir should adults take when they start it?")
    assert reply.answer.status is AnswerStatus.NOT_FOUND, reply.answer.summary  # the publication gives no dose
    assert bot.ask("How often should velmidone levels be checked after starting kestravir?").answer.status is AnswerStatus.ANSWERED


def test_spelling_correction_leaves_a_term_with_a_digit_whole() -> None:
    corrected, corrections = correct_spelling("Should BCR-ABL1 be measured?", frozenset(), ["bcr-abl1"], 80)
    assert corrected == "Should BCR-ABL1 be measured?" and corrections == []  # was "bcr-abl11": its letters corrected alone


def test_a_bold_heading_right_above_a_bold_statement_is_a_heading() -> None:
    lines = [
        ("Body text of the invented guideline runs on here, line after line of it.", 9.0, False),
        ("Recommendations", 9.0, True),
        ("3a [1A] In adults with grellosis, we recommend early fluvantin within", 9.0, True),
        ("six hours of diagnosis.", 9.0, True),
        ("Evidence. Two invented trials enrolled adults with grellosis.", 9.0, False),
    ]
    levels = heading_levels(lines)
    assert "recommendations" in levels
    assert not any(key.startswith(("3a", "sixhours")) for key in levels), levels
