"""The committed CDC pack on the real CDC 2022 publication in ../shared: extraction, verification, answers."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
import yaml
from test_cli import invoke

from chatbot.config import PROJECT_ROOT, load_settings
from chatbot.core import Chatbot, build_chatbot
from chatbot.types import AnswerStatus

pytestmark = pytest.mark.shared

CDC_PDF = "cdc-2022-opioid-guideline-rr7103a1.pdf"
CDC_PACK = PROJECT_ROOT / "packs" / "cdc-opioids-2022"


def _curated() -> dict[int, dict]:
    """The committed, reviewed CDC items by number."""
    items = yaml.safe_load((CDC_PACK / "recommendations" / "official.yaml").read_text())["items"]
    return {item["number"]: item for item in items}


def test_pack_init_extracts_all_twelve_cdc_recommendations(tmp_path: Path, shared_pdf_dir: Path, hashing_model: None) -> None:
    folder = tmp_path / "cdc"
    result = invoke(
        "pack",
        "init",
        str(folder),
        "--from",
        str(shared_pdf_dir / CDC_PDF),
        "--id-prefix",
        "CDC",
        env={"CHATBOT_INDEX_DIR": str(tmp_path / "index")},
    )
    assert result.exit_code == 0, result.output
    draft = {item["number"]: item for item in yaml.safe_load((folder / "recommendations" / "draft.yaml").read_text())["items"]}
    curated = _curated()
    assert sorted(draft) == list(range(1, 13)) == sorted(curated)
    for number, item in draft.items():
        want = curated[number]
        assert item["labels"] == want["labels"], number
        assert (item["strength"], item["certainty"], item["statement"]["page"]) == (
            want["strength"],
            want["certainty"],
            want["statement"]["page"],
        ), number


def test_uncurated_cdc_pack_returns_each_statement_as_its_own_item(tmp_path: Path, shared_pdf_dir: Path, hashing_model: None) -> None:
    folder = tmp_path / "cdc"
    env = {"CHATBOT_INDEX_DIR": str(tmp_path / "index")}
    result = invoke("pack", "init", str(folder), "--from", str(shared_pdf_dir / CDC_PDF), "--id-prefix", "CDC", env=env)
    assert result.exit_code == 0, result.output
    bot = build_chatbot(load_settings(corpus_dir=folder, index_dir=tmp_path / "index", data_dir=tmp_path / "data"))
    engine = bot.engines[0]
    items = [rec for rec in engine.rec_set.items if rec.statement is not None]
    assert len(items) == 12
    for rec in items:
        assert rec.statement is not None and rec.intervention != "as stated in the official statement"
        document = engine.index.documents[rec.statement.document]
        answer = bot.ask(" ".join(document.text[rec.statement.char_start : rec.statement.char_end].split())).answer
        assert answer.recommendation_ids[:1] == (rec.id,) and answer.quotes[0].recommendation_id == rec.id, rec.id


def test_curated_cdc_pack_agrees_with_the_publication(shared_pdf_dir: Path) -> None:
    result = invoke("--pack", str(CDC_PACK), "--document-dir", str(shared_pdf_dir), "recs", "verify", "--json")
    assert result.exit_code == 0, result.output
    report = json.loads(result.stdout)
    assert report["agrees"] and len(report["matched"]) == 12
    assert {m["page"] for m in report["matched"]} == {13, 14}


@pytest.fixture(scope="module")
def cdc_bot(tmp_path_factory: pytest.TempPathFactory, shared_pdf_dir: Path) -> Chatbot:
    """The committed CDC pack with the real model (its index built once for this module)."""
    root = tmp_path_factory.mktemp("cdc-pack")
    return build_chatbot(
        load_settings(corpus_dir=CDC_PACK, document_dirs=(shared_pdf_dir,), index_dir=root / "index", data_dir=root / "data")
    )


@pytest.mark.model
def test_cdc_pack_answers_with_official_numbers_and_labels(cdc_bot: Chatbot) -> None:
    bot = cdc_bot
    reply = bot.ask("Should clinicians offer naloxone to patients on opioids who are at risk of overdose?")
    assert reply.answer.status is AnswerStatus.ANSWERED and reply.pack_id == "cdc-opioids-2022"
    assert "CDC-8" in reply.answer.recommendation_ids, reply.answer.summary
    assert "recommendation 8" in reply.answer.summary and "category A; evidence type 4" in reply.answer.summary
    document = bot.document("cdc-2022-opioid-guideline")
    for quote in reply.answer.quotes:
        assert quote.pack == "CDC opioids 2022" and document.text[quote.char_start : quote.char_end] == quote.text
    follow = bot.ask("what evidence type is that based on?", session_id=reply.session_id)
    assert follow.answer.recommendation_ids == reply.answer.recommendation_ids and "very low" in follow.answer.summary
    outside = bot.ask("What is the best treatment for chronic myeloid leukemia?")
    assert outside.answer.status in (AnswerStatus.NOT_FOUND, AnswerStatus.OUT_OF_SCOPE)


@pytest.mark.model
def test_cdc_domain_keeps_excluded_populations_and_children_out(cdc_bot: Chatbot) -> None:
    bot = cdc_bot
    cancer = bot.ask("How should I manage opioid therapy for cancer-related pain in my outpatient?")
    assert cancer.answer.status is AnswerStatus.NOT_FOUND, cancer.answer.summary
    assert "exclude" in cancer.answer.summary and "cancer-related pain" in cancer.answer.summary
    child = bot.check("Per CDC, a 10-year-old with acute pain should get immediate-release opioids rather than extended-release opioids.")
    mismatches = [f for f in child.findings if f.kind == "population_mismatch"]
    assert child.verdict == "fail" and mismatches and "age 10 is outside 18-120 years" in mismatches[0].message
    adult = bot.check("Per CDC, when starting opioids clinicians should prescribe immediate-release rather than extended-release opioids.")
    assert not [f for f in adult.findings if f.kind == "population_mismatch"]


@pytest.mark.model
def test_cdc_declines_an_unrelated_turn_after_an_answer_and_keeps_real_follow_ups(cdc_bot: Chatbot) -> None:
    first = cdc_bot.ask("For a sprained ankle, should opioids be tried before ibuprofen?")
    assert first.answer.status is AnswerStatus.ANSWERED and first.answer.recommendation_ids[0] == "CDC-1"
    unrelated = cdc_bot.ask("what's the weather tomorrow?", session_id=first.session_id)
    assert unrelated.answer.status is AnswerStatus.OUT_OF_SCOPE and not unrelated.answer.recommendation_ids
    follow = cdc_bot.ask("evidence type?", session_id=first.session_id)
    assert follow.answer.recommendation_ids[:1] == ("CDC-1",) and "evidence type" in follow.answer.summary


@pytest.mark.model
def test_cdc_a_patient_at_a_dose_for_years_who_asks_to_reduce_it_is_answered_by_the_item_for_patients_already_on_opioids(
    cdc_bot: Chatbot,
) -> None:
    # the dose words lead retrieval to the item on starting and raising doses; the patient named (at a dose for years) is the
    # population of the item on changing and tapering doses, which names the act asked (reduce: reduction) and joins
    reply = cdc_bot.ask("She has been at 120 MME for six years and wants to reduce it. What is advised?")
    assert reply.answer.status is AnswerStatus.ANSWERED and reply.answer.recommendation_ids[0] == "CDC-5", reply.answer.summary
