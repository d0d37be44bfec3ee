"""Guideline packs: pack init from a generated GRADE publication, recs extract/verify, several packs side by side."""

from __future__ import annotations

import json
import shutil
from pathlib import Path

import pytest
import yaml
from guideline_pdfs import GeneratedPdf, grade_guideline_pdf
from test_cli import PROJECT_CORPUS, assert_clean_failure, invoke

from chatbot.config import load_settings
from chatbot.core import build_chatbot
from chatbot.evaluation.suite import DEFAULT_GUARD_SET, EvalPlan, guard_set_for
from chatbot.packs.loading import pack_or_default
from chatbot.types import AnswerStatus

LOW_THRESHOLDS = {"CHATBOT_MIN_DENSE_SCORE": "0.05", "CHATBOT_MIN_DOMAIN_DENSE_SCORE": "0.05", "CHATBOT_RATE_LIMIT_PER_MINUTE": "0"}


@pytest.fixture(scope="module")
def generated() -> GeneratedPdf:
    """The invented GRADE-style guideline (two columns, running header, a statement split across pages)."""
    return grade_guideline_pdf()


def _write_pdf(folder: Path, pdf: GeneratedPdf) -> Path:
    """The generated PDF as a file a user would pass on the command line."""
    path = folder / "glimmerfever-guideline.pdf"
    path.write_bytes(pdf.data)
    return path


def _init(tmp_path: Path, pdf: GeneratedPdf) -> tuple[Path, dict[str, str]]:
    """`chatbot pack init` on the generated PDF; returns the pack folder and the environment used."""
    env = {"CHATBOT_INDEX_DIR": str(tmp_path / "index"), **LOW_THRESHOLDS}
    folder = tmp_path / "glimmer-pack"
    result = invoke(
        "pack", "init", str(folder), "--from", str(_write_pdf(tmp_path, pdf)), "--id-prefix", "GLM", "--short-name", "Glimmer 2026", env=env
    )
    assert result.exit_code == 0, result.output
    return folder, env


def _key(number: int, part: str | None) -> str:
    """'3a' style key."""
    return f"{number}{part or ''}"


def test_recs_extract_json_has_the_contract_and_exact_spans(tmp_path: Path, generated: GeneratedPdf) -> None:
    result = invoke("recs", "extract", str(_write_pdf(tmp_path, generated)), "--json")
    assert result.exit_code == 0, result.output
    items = json.loads(result.stdout)["recommendations"]
    assert {_key(i["number"], i["part"]) for i in items} == {_key(e.number, e.part) for e in generated.expected}
    required = {"number", "part", "statement", "page", "char_start", "char_end", "direction", "strength", "certainty", "labels"}
    by_key = {_key(e.number, e.part): e for e in generated.expected}
    for item in items:
        assert required <= set(item)
        expected = by_key[_key(item["number"], item["part"])]
        assert (item["page"], item["strength"], item["certainty"], item["direction"]) == (
            expected.page,
            expected.strength,
            expected.certainty,
            expected.direction,
        )
        assert item["labels"] == expected.labels
        assert item["char_end"] - item["char_start"] == len(item["statement"])


def test_pack_init_writes_a_reviewable_pack_without_retyped_text(tmp_path: Path, generated: GeneratedPdf, hashing_model: None) -> None:
    folder, _ = _init(tmp_path, generated)
    pack = yaml.safe_load((folder / "pack.yaml").read_text())
    assert pack["id"] == "glimmer-pack" and pack["id_prefix"] == "GLM" and pack["short_name"] == "Glimmer 2026"
    assert (folder / "documents" / "glimmerfever-guideline.pdf").read_bytes() == generated.data
    source = yaml.safe_load((folder / "sources.yaml").read_text())["documents"][0]
    assert source["kind"] == "official" and len(source["sha256"]) == 64
    draft_text = (folder / "recommendations" / "draft.yaml").read_text()
    draft = yaml.safe_load(draft_text)["items"]
    assert len(draft) == len(generated.expected)
    by_key = {_key(e.number, e.part): e for e in generated.expected}
    for item in draft:
        expected = by_key[_key(item["number"], item["part"])]
        assert item["status"] == "extracted" and item["statement"]["page"] == expected.page
        assert (item["strength"], item["certainty"]) == (expected.strength, expected.certainty)
    for expected in generated.expected:
        assert " ".join(expected.statement.split()[:6]) not in draft_text, "the draft points at statements; it does not retype them"
    assert (tmp_path / "index" / "packs" / "glimmer-pack" / "current").exists()


def test_a_new_pack_answers_with_official_numbers_labels_and_its_name(tmp_path: Path, generated: GeneratedPdf, hashing_model: None) -> None:
    folder, env = _init(tmp_path, generated)
    target = next(e for e in generated.expected if e.kind == "recommendation" and e.part is None and e.strength == "conditional")
    question = " ".join(target.statement.split()[:14]) + "?"
    result = invoke("--pack", str(folder), "ask", question, "--json", env=env)
    assert result.exit_code == 0, result.output
    body = json.loads(result.stdout)
    assert body["status"] == "answered", body["summary"]
    assert body["pack"] == "glimmer-pack"
    assert all(quote["pack"] == "Glimmer 2026" for quote in body["quotes"])
    cards = {card["number"]: card for card in body["recommendations"]}
    assert target.number in cards, body["summary"]
    card = cards[target.number]
    assert card["id"] == f"GLM-{target.number}" and card["strength"] == "conditional" and card["labels"] == target.labels
    assert card["statement"]["page"] == target.page
    assert f"recommendation {target.number}" in body["summary"]


def test_recs_verify_lists_differences_missing_and_not_found_items(tmp_path: Path, generated: GeneratedPdf, hashing_model: None) -> None:
    folder, env = _init(tmp_path, generated)
    agrees = invoke("--pack", str(folder), "recs", "verify", "--json", env=env)
    assert agrees.exit_code == 0, agrees.output
    assert json.loads(agrees.stdout)["agrees"] is True
    draft_path = folder / "recommendations" / "draft.yaml"
    items = yaml.safe_load(draft_path.read_text())["items"]
    changed, removed = items[0], items[1]
    changed["strength"] = "strong" if changed["strength"] == "conditional" else "conditional"
    changed["status"] = "verified"  # a reviewed item keeps its own grading, so the difference shows
    invented = {**items[2], "id": "GLM-99", "number": 99, "part": None}
    draft_path.write_text(yaml.safe_dump({"items": [changed, *items[2:], invented]}, sort_keys=False))
    result = invoke("--pack", str(folder), "recs", "verify", "--json", env=env)
    assert result.exit_code == 1, result.output
    report = json.loads(result.stdout)
    differing = {m["id"]: m["differences"] for m in report["matched"] if m["differences"]}
    assert [d["field"] for d in differing[changed["id"]]] == ["strength"]
    assert [m["number"] for m in report["missing_from_curated"]] == [_key(removed["number"], removed["part"])]
    assert [n["id"] for n in report["not_found"]] == ["GLM-99"]
    table = invoke("--pack", str(folder), "recs", "verify", env=env)
    assert table.exit_code == 1 and "Official items missing from the curated set: 1" in table.stdout


def test_pack_init_refuses_to_overwrite_and_names_bad_input(tmp_path: Path, generated: GeneratedPdf, hashing_model: None) -> None:
    folder, env = _init(tmp_path, generated)
    again = invoke("pack", "init", str(folder), "--from", str(_write_pdf(tmp_path, generated)), env=env)
    assert again.exit_code == 2 and "already a pack" in again.stderr
    assert_clean_failure(again.exit_code, again.stderr)
    missing = invoke("pack", "init", str(tmp_path / "other"), "--from", str(tmp_path / "nope.pdf"), env=env)
    assert missing.exit_code == 2 and "no such file" in missing.stderr
    not_a_pack = invoke("--pack", str(tmp_path / "nowhere"), "ask", "anything?", env=env)
    assert not_a_pack.exit_code == 2 and "no pack folder" in not_a_pack.stderr


def test_two_packs_side_by_side_route_each_question_and_keep_follow_ups(
    tmp_path: Path, generated: GeneratedPdf, hashing_model: None
) -> None:
    folder, _ = _init(tmp_path, generated)
    ash = tmp_path / "ash"
    shutil.copytree(PROJECT_CORPUS, ash, ignore=shutil.ignore_patterns("official"))
    settings = load_settings(
        corpus_dir=ash,
        packs=(folder,),
        index_dir=tmp_path / "index",
        data_dir=tmp_path / "data",
        min_dense_score=0.05,
        min_domain_dense_score=0.05,
    )
    bot = build_chatbot(settings)
    assert [engine.pack.id for engine in bot.engines] == ["ash-aya-all-2026", "glimmer-pack"]
    ash_reply = bot.ask("Should AYAs with newly diagnosed ALL get a pediatric-inspired regimen?")
    assert ash_reply.pack_id == "ash-aya-all-2026" and ash_reply.answer.status is AnswerStatus.ANSWERED
    assert ash_reply.answer.quotes and all(q.pack == "ASH AYA ALL 2026" for q in ash_reply.answer.quotes)
    target = next(e for e in generated.expected if e.kind == "recommendation" and e.part is None)
    glimmer = bot.ask(" ".join(target.statement.split()[:14]) + "?")
    assert glimmer.pack_id == "glimmer-pack" and glimmer.answer.status is AnswerStatus.ANSWERED, glimmer.answer.summary
    assert all(q.pack == "Glimmer 2026" for q in glimmer.answer.quotes)
    follow = bot.ask("how strong is that?", session_id=glimmer.session_id)
    assert follow.pack_id == "glimmer-pack" and follow.answer.recommendation_ids == glimmer.answer.recommendation_ids
    assert bot.rec_set.get(f"GLM-{target.number}") is not None and bot.rec_set.get("FL-pediatric-inspired-regimen") is not None


def test_a_pack_lists_its_labelled_guard_texts_for_chatbot_eval() -> None:
    from chatbot.evaluation.guard_run import load_guard_cases
    from chatbot.packs.loading import load_pack

    pack = load_pack(PROJECT_CORPUS.parent / "packs" / "cdc-opioids-2022")
    (guard_file,) = pack.guard_files
    cases = load_guard_cases(guard_file)
    assert len(cases) >= 100 and {"pass", "warn", "fail"} <= {case.expected_verdict for case in cases}


def test_eval_checks_a_pack_without_guard_texts_of_its_own_with_none() -> None:
    plan = EvalPlan(report_dir=Path("unused"))
    root = Path(__file__).parents[1]
    assert guard_set_for(plan, pack_or_default(root / "corpus"), True) == DEFAULT_GUARD_SET
    cdc = pack_or_default(root / "packs" / "cdc-opioids-2022")
    assert guard_set_for(plan, cdc, True) == cdc.guard_files[0]
    assert guard_set_for(plan, pack_or_default(root / "packs" / "eln-cml-2020"), True) is None  # the default texts are about ASH items
    assert guard_set_for(EvalPlan(report_dir=Path("unused"), guard_set=None), cdc, True) is None  # --no-guard
