"""The default corpus with the real model and a real FAISS index: right item first, verbatim quotes, abstentions."""

from __future__ import annotations

from pathlib import Path

import pytest

from chatbot.config import load_settings
from chatbot.core import Chatbot, build_chatbot
from chatbot.types import AnswerStatus

pytestmark = pytest.mark.model

# (expected recommendation id, question): several phrasings per item, abbreviations, misspellings, vignettes.
QUESTIONS = [
    ("FL-pediatric-inspired-regimen", "Should a 19 year old with newly diagnosed ALL get a pediatric or an adult regimen?"),
    ("FL-pediatric-inspired-regimen", "peds vs adult protocol for AYA ALL"),
    ("FL-pediatric-inspired-regimen", "is hyper-CVAD preferred for young adults?"),
    ("FL-asparaginase-hypersensitivity-switch", "patient had anaphylaxis to pegaspargase, what now?"),
    ("FL-asparaginase-hypersensitivity-switch", "switch to erwinia after peg allergy?"),
    ("FL-asparaginase-hypersensitivity-switch", "pegasparagase hypersensitivty reaction next step"),
    ("FL-asparaginase-premedication", "should we premedicate before peg-asparaginase?"),
    ("FL-asparaginase-premedication", "premeds pegaspargase"),
    ("FL-fibrinogen-replacement", "Should I give cryoprecipitate for low fibrinogen during asparaginase?"),
    ("FL-fibrinogen-replacement", "routine fibrinogen replacement asparaginase no bleeding"),
    ("FL-heparin-vte-prophylaxis", "heparin prophylaxis during peg"),
    ("FL-heparin-vte-prophylaxis", "Do AYAs on asparaginase need VTE prophylaxis with UFH?"),
    ("FL-allo-hsct-first-remission", "should a 25 year old in CR1 be transplanted?"),
    ("FL-allo-hsct-first-remission", "allo-HSCT in first remission AYA ALL"),
    ("FL-ph-positive-tki", "Ph+ ALL 22 year old, add a TKI?"),
    ("FL-ph-positive-tki", "dasatinib or imatinib with chemo for Philadelphia positive ALL"),
    ("FL-mrd-guided-therapy", "when should MRD be checked?"),
    ("FL-mrd-guided-therapy", "22M, Ph- B-ALL, day 29 MRD positive, what next?"),
    ("FL-psychosocial-survivorship", "fertility preservation for teenagers with leukemia"),
    ("FL-psychosocial-survivorship", "psychosocial support and survivorship care for AYA"),
    ("RR-immunotherapy-reinduction", "blina or inotuzumab for relapsed B-ALL?"),
    ("RR-immunotherapy-reinduction", "best reinduction for refractory B-ALL in a 30 year old"),
    ("RR-immunotherapy-reinduction", "blinatumomob in R/R ALL"),
    ("RR-allo-hsct-after-relapse-remission", "should a patient in second remission after relapse get a transplant?"),
    ("RR-allo-hsct-after-relapse-remission", "HSCT after relapse remission"),
    ("RR-isolated-cns-relapse", "How is isolated CNS relapse treated?"),
    ("RR-isolated-cns-relapse", "IT chemo for CNS relapse"),
]

OFF_TOPIC = [
    ("What is the capital of France?", {AnswerStatus.OUT_OF_SCOPE}),
    ("how do I treat a sprained ankle", {AnswerStatus.OUT_OF_SCOPE}),
    ("What's the best statin for high cholesterol?", {AnswerStatus.OUT_OF_SCOPE, AnswerStatus.NOT_FOUND}),
    ("What dose of dasatinib should be used?", {AnswerStatus.NOT_FOUND}),
    ("management of chronic myeloid leukemia in the elderly", {AnswerStatus.OUT_OF_SCOPE}),  # a condition the text never names
    ("Is nelarabine recommended for T-ALL in AYAs?", {AnswerStatus.NOT_FOUND}),
    ("What does the guideline recommend for a 12-year-old with newly diagnosed ALL?", {AnswerStatus.NOT_FOUND}),
    ("Should blinatumomab be added to frontline therapy for newly diagnosed B-ALL?", {AnswerStatus.NOT_FOUND}),
]


@pytest.fixture(scope="module")
def bot(tmp_path_factory: pytest.TempPathFactory) -> Chatbot:
    """A chatbot on the project's default corpus, with its index built in a temporary folder."""
    index_dir = tmp_path_factory.mktemp("index")
    settings = load_settings(corpus_dir=Path(__file__).parents[1] / "corpus", index_dir=index_dir)
    return build_chatbot(settings)


@pytest.mark.parametrize(("expected", "question"), QUESTIONS)
def test_right_item_first_with_verbatim_quotes(bot: Chatbot, expected: str, question: str) -> None:
    reply = bot.ask(question)
    assert reply.answer.status is AnswerStatus.ANSWERED
    assert reply.answer.recommendation_ids[0] == expected
    assert reply.answer.quotes and any(q.recommendation_id == expected for q in reply.answer.quotes)
    for quote in reply.answer.quotes:
        document = bot.index.documents[quote.document_id]
        assert quote.verified and document.text[quote.char_start : quote.char_end] == quote.text
        assert quote.section and quote.document_title
    assert reply.guard.verdict == "pass"


def test_acceptance_question_gives_the_strong_recommendation(bot: Chatbot) -> None:
    reply = bot.ask("Should a 19 year old with newly diagnosed ALL get a pediatric or an adult regimen?")
    rec = bot.rec_set.get(reply.answer.recommendation_ids[0])
    assert rec is not None and rec.strength == "strong" and rec.direction == "for"
    assert "strong" in reply.answer.summary
    assert any("pediatric-inspired" in quote.text for quote in reply.answer.quotes)


@pytest.mark.parametrize(("question", "allowed"), OFF_TOPIC)
def test_questions_outside_the_guidelines_abstain(bot: Chatbot, question: str, allowed: set[AnswerStatus]) -> None:
    reply = bot.ask(question)
    assert reply.answer.status in allowed
    assert not reply.answer.quotes


def test_placeholder_match_says_content_is_only_in_the_official_publication(bot: Chatbot) -> None:
    reply = bot.ask("What does the research-only recommendation say?")
    assert reply.answer.recommendation_ids[0] == "RR-research-only"
    assert reply.answer.status is AnswerStatus.NOT_FOUND
    assert "official publication" in reply.answer.summary


def test_misspelling_is_corrected_in_the_resolved_question(bot: Chatbot) -> None:
    reply = bot.ask("blinatumomob in R/R ALL")
    assert "blinatumomab" in reply.resolved_question


def test_population_mismatch_names_the_item_and_why(bot: Chatbot) -> None:
    reply = bot.ask("What does the guideline recommend for a 12-year-old with newly diagnosed ALL?")
    assert "aged 12" in reply.answer.summary and "15-39" in reply.answer.summary


def test_a_generic_question_is_not_answered_by_a_placeholder(bot: Chatbot) -> None:
    reply = bot.ask("which journal published the ASH AYA ALL guidelines")
    assert reply.answer.status is AnswerStatus.ANSWERED
    assert any("Blood Advances" in quote.text for quote in reply.answer.quotes)


def test_follow_ups_inherit_the_topic_and_labels_come_from_the_set(bot: Chatbot) -> None:
    first = bot.ask("Should AYAs in first remission get an allogeneic transplant?")
    assert first.answer.recommendation_ids[0] == "FL-allo-hsct-first-remission"
    second = bot.ask("and after relapse?", session_id=first.session_id)
    assert second.answer.recommendation_ids[0] == "RR-allo-hsct-after-relapse-remission"
    assert "transplant" in second.resolved_question
    third = bot.ask("how strong is that?", session_id=first.session_id)
    assert third.answer.status is AnswerStatus.ANSWERED
    assert third.answer.recommendation_ids == ("RR-allo-hsct-after-relapse-remission",)
    assert third.answer.summary.startswith("Strength of RR-allo-hsct-after-relapse-remission (")
    assert "): not reported" in third.answer.summary
    fresh = bot.ask("and after relapse?")
    assert fresh.resolved_question == "and after relapse?"


def test_an_open_population_facet_asks_for_clarification(bot: Chatbot) -> None:
    reply = bot.ask("Should this patient get a transplant?")
    assert reply.answer.status is AnswerStatus.NEEDS_CLARIFICATION
    assert len(reply.answer.clarification_options) == 2
    chosen = bot.ask(reply.answer.clarification_options[0], session_id=reply.session_id)
    assert chosen.answer.status is AnswerStatus.ANSWERED
    expected = (
        "RR-allo-hsct-after-relapse-remission" if "relapse" in reply.answer.clarification_options[0] else "FL-allo-hsct-first-remission"
    )
    assert chosen.answer.recommendation_ids[0] == expected


@pytest.mark.parametrize(
    ("dressed", "plain"),
    [
        ("Ｐｈ＋ ＡＬＬ ２２ ｙｅａｒ ｏｌｄ， ａｄｄ ａ ＴＫＩ？", "Ph+ ALL 22 year old, add a TKI?"),
        ("heparin pro\u200bphylaxis during peg\u00adaspargase", "heparin prophylaxis during pegaspargase"),
    ],
)
def test_full_width_and_invisible_characters_are_read_like_the_plain_question(bot: Chatbot, dressed: str, plain: str) -> None:
    got, expected = bot.ask(dressed).answer, bot.ask(plain).answer
    assert got.status == expected.status == AnswerStatus.ANSWERED
    assert got.recommendation_ids[:1] == expected.recommendation_ids[:1]
