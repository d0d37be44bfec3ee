"""`chatbot eval --compare-pack`: one gold set on two packs of the same guideline, ids matched by recommendation number."""

from __future__ import annotations

import json
from pathlib import Path

import yaml
from guideline_pdfs import grade_guideline_pdf
from test_cli import assert_clean_failure, invoke

from chatbot.evaluation.compare import id_map
from chatbot.recs.schema import Recommendation, RecommendationSet


def _pack(folder: Path, pdf: Path, prefix: str, index: Path) -> Path:
    """A pack made by pack init with its own id prefix."""
    result = invoke("pack", "init", str(folder), "--from", str(pdf), "--id-prefix", prefix, env={"CHATBOT_INDEX_DIR": str(index)})
    assert result.exit_code == 0, result.output
    return folder


def test_ids_are_matched_by_number_and_part_never_by_id() -> None:
    def rec_set(items: list[tuple[str, int, str | None]]) -> RecommendationSet:
        return RecommendationSet.model_construct(items=[Recommendation.model_construct(id=i, number=n, part=p) for i, n, p in items])

    curated = rec_set([("CUR-1", 1, None), ("CUR-2a", 2, "a"), ("CUR-2b", 2, "b"), ("CUR-3", 3, None)])
    fresh = rec_set([("NEW-1", 1, None), ("NEW-2a", 2, "a"), ("NEW-2b", 2, "b"), ("NEW-9", 9, None)])
    assert id_map(curated, fresh) == {"CUR-1": "NEW-1", "CUR-2a": "NEW-2a", "CUR-2b": "NEW-2b"}


def test_eval_reports_a_pack_made_by_pack_init_beside_the_first_one(tmp_path: Path, hashing_model: None) -> None:
    pdf = grade_guideline_pdf()
    source = tmp_path / "guideline.pdf"
    source.write_bytes(pdf.data)
    index = tmp_path / "index"
    first = _pack(tmp_path / "first", source, "CUR", index)
    second = _pack(tmp_path / "second", source, "NEW", index)
    gold = tmp_path / "gold.jsonl"
    lines = [
        {"id": f"q{n}", "question": e.statement, "expected_status": "answered", "expected_ids": [f"CUR-{e.number}{e.part or ''}"]}
        for n, e in enumerate(pdf.expected[:3])
    ]
    gold.write_text("\n".join(json.dumps({**line, "category": "full_sentence"}) for line in lines) + "\n")
    against = next(e for e in pdf.expected if " recommends against " in e.statement)
    rec_id = f"CUR-{against.number}{against.part or ''}"
    guard = tmp_path / "guard.jsonl"
    claim = against.statement.replace(" recommends against ", " recommends ")
    finding = {"kind": "direction_contradiction", "recommendation_id": rec_id}
    guard.write_text(
        json.dumps({"id": "g1", "text": claim, "expected_verdict": "fail", "expected_findings": [finding], "category": "flip"})
    )
    env = {"CHATBOT_INDEX_DIR": str(index), "CHATBOT_DATA_DIR": str(tmp_path / "data"), "COLUMNS": "200"}
    args = ["--pack", str(first), "eval", "--gold", str(gold), "--guard", str(guard), "--config", "hybrid+synonyms"]
    result = invoke(*args, "--compare-pack", str(second), "--report-dir", str(tmp_path / "report"), env=env)
    assert result.exit_code == 0, result.output
    report = tmp_path / "report"
    compare = (report / "compare.md").read_text()
    assert "(first)" in compare and "(second)" in compare
    rows = {
        line.split("|")[1].strip(): [c.strip() for c in line.split("|")[2:-1]] for line in compare.splitlines() if line.startswith("| ")
    }
    assert rows["recall@5"][0] == rows["recall@5"][1] == "1.000", compare  # the second pack's ids (NEW-n) matched the gold's CUR-n
    assert rows["status_accuracy"][2] == "+0.000"
    assert rows["guard recall"][:2] == ["1.000", "1.000"], compare  # the labelled CUR-n finding matched NEW-n on the second pack
    assert (report / "compare.png").read_bytes()[:8] == b"\x89PNG\r\n\x1a\n"
    second_results = [json.loads(line) for line in (report / "compare" / "second" / "results.jsonl").read_text().splitlines()]
    assert {tuple(r["expected_ids"]) for r in second_results} == {
        (i.replace("CUR", "NEW"),) for line in lines for i in line["expected_ids"]
    }
    assert yaml.safe_load((second / "pack.yaml").read_text())["id_prefix"] == "NEW"


def test_compare_pack_that_is_not_a_pack_is_refused(tmp_path: Path) -> None:
    result = invoke("eval", "--compare-pack", str(tmp_path), "--report-dir", str(tmp_path / "r"), env={"CHATBOT_INDEX_DIR": str(tmp_path)})
    assert_clean_failure(result.exit_code, result.stderr, result.stdout)
    assert "is not a pack" in result.stderr
