"""The evaluation harness: metrics from ir-measures, hard floors, gold validation, and a smoke run end to end."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from typer.testing import CliRunner

from chatbot.channels.cli.app import app
from chatbot.evaluation.gold import GoldSetError, load_gold
from chatbot.evaluation.guard_run import GuardResult, guard_metrics, load_guard_cases
from chatbot.evaluation.report import hard_floor_failures
from chatbot.evaluation.run import TurnResult, misses, quote_metrics, retrieval_metrics, status_metrics

SMOKE_GOLD = Path(__file__).parents[1] / "eval" / "gold" / "smoke.jsonl"
SMOKE_GUARD = Path(__file__).parents[1] / "eval" / "guard" / "smoke.jsonl"


def _result(
    item_id: str,
    expected_ids: tuple[str, ...],
    ranked: tuple[str, ...],
    status: str = "answered",
    expected_status: str = "answered",
    **extra,
) -> TurnResult:
    values = dict(
        configuration="hybrid+synonyms",
        item_id=item_id,
        category="terse",
        turn=1,
        question="q",
        expected_status=expected_status,
        acceptable_statuses=(),
        expected_ids=expected_ids,
        status=status,
        resolved_question="q",
        ranked_ids=ranked,
        answer_ids=ranked[:1],
        quotes=1,
        quotes_verbatim=1,
        citations_complete=1,
        missing_fields=(),
        guard_verdict="pass",
    )
    return TurnResult(**{**values, **extra})


def test_retrieval_metrics_count_queries_with_nothing_retrieved_as_zero() -> None:
    results = [_result("a", ("X",), ("Y", "X")), _result("b", ("Z",), ())]
    metrics = retrieval_metrics(results)
    assert metrics["mrr"] == pytest.approx(0.25)  # (1/2 + 0) / 2
    assert metrics["recall@1"] == 0.0 and metrics["recall@3"] == pytest.approx(0.5)


def test_status_metrics_give_accuracy_and_abstention_precision_recall() -> None:
    results = [
        _result("a", (), (), status="not_found", expected_status="not_found"),
        _result("b", (), (), status="not_found", expected_status="out_of_scope"),
        _result("c", (), (), status="answered", expected_status="not_found"),
        _result("d", ("X",), ("X",)),
    ]
    metrics = status_metrics(results)
    assert metrics["status_accuracy"] == 0.5
    assert metrics["not_found_precision"] == 0.5 and metrics["not_found_recall"] == 0.5
    assert metrics["out_of_scope_recall"] == 0.0


def test_hard_floors_fail_on_an_altered_quote_or_a_missing_field() -> None:
    good = quote_metrics([_result("a", ("X",), ("X",))])
    altered = quote_metrics([_result("a", ("X",), ("X",), quotes=2, quotes_verbatim=1)])
    incomplete = quote_metrics([_result("a", ("X",), ("X",), missing_fields=("quotes[0].page",))])
    assert hard_floor_failures({"hybrid": good}) == []
    assert "verbatim" in hard_floor_failures({"hybrid": altered})[0]
    assert "required fields" in hard_floor_failures({"hybrid": incomplete})[0]


def test_misses_name_wrong_statuses_and_ids_outside_the_top_five() -> None:
    results = [
        _result("ok", ("X",), ("X",)),
        _result("deep", ("X",), tuple("ABCDEX")),
        _result("status", (), (), status="answered", expected_status="not_found"),
    ]
    assert [r.item_id for r in misses(results)] == ["deep", "status"]


def test_malformed_gold_lines_are_reported_by_number(tmp_path: Path) -> None:
    gold = tmp_path / "gold.jsonl"
    gold.write_text(
        '{"id": "a", "question": "q", "expected_status": "answered", "category": "terse"}\n'
        "{not json\n"
        '{"id": "b", "question": "q", "expected_status": "maybe", "category": "terse"}\n'
        '{"id": "c", "question": "q", "expected_status": "answered", "expected_ids": ["FL-nope"], "category": "terse"}\n'
    )
    with pytest.raises(GoldSetError) as raised:
        load_gold(gold, frozenset({"FL-real"}))
    message = raised.value.message
    assert "line 2" in message and "line 3" in message and "line 4: unknown recommendation ids FL-nope" in message
    assert "line 1" not in message


def test_the_project_gold_sets_are_valid() -> None:
    from chatbot.recs.loading import load_recommendations

    known = frozenset(rec.id for rec in load_recommendations(Path(__file__).parents[1] / "corpus").items)
    for path in SMOKE_GOLD.parent.glob("*.jsonl"):
        assert load_gold(path, known).items


@pytest.mark.model
def test_smoke_evaluation_runs_end_to_end(tmp_path: Path) -> None:
    report_dir = tmp_path / "report"
    result = CliRunner().invoke(
        app,
        ["eval", "--gold", str(SMOKE_GOLD), "--guard", str(SMOKE_GUARD), "--report-dir", str(report_dir)],
        env={"CHATBOT_INDEX_DIR": str(tmp_path / "index"), "CHATBOT_DATA_DIR": str(tmp_path / "production"), "COLUMNS": "200"},
    )
    assert result.exit_code == 0, result.output
    assert (report_dir / "stores" / "audit.sqlite3").is_file()  # the run's own conversations and audit trail ...
    assert not (tmp_path / "production").exists()  # ... and nothing in the production stores
    body = json.loads((report_dir / "metrics.json").read_text())
    metrics = body["configurations"]
    guard = body["guard"]
    assert guard["texts"] == len(load_guard_cases(SMOKE_GUARD)) and guard["check_ms"]["p50"] > 0
    assert {"direction_contradiction", "population_mismatch"} <= set(guard["kinds"])
    assert (report_dir / "guard.png").read_bytes()[:8] == b"\x89PNG\r\n\x1a\n"
    assert set(metrics) == {"bm25", "dense", "hybrid", "hybrid+synonyms"}
    for values in metrics.values():
        assert {"recall@5", "mrr", "ndcg@10", "status_accuracy", "verbatim_rate"} <= set(values)
        assert values["verbatim_rate"] == 1.0 and values["replies_missing_fields"] == 0
    turns = sum(len(item.as_turns()) for item in load_gold(SMOKE_GOLD).items)
    lines = (report_dir / "results.jsonl").read_text().splitlines()
    assert len(lines) == 4 * turns
    assert {"expected_ids", "ranked_ids", "status", "expected_status"} <= set(json.loads(lines[0]))
    assert (report_dir / "comparison.png").read_bytes()[:8] == b"\x89PNG\r\n\x1a\n"
    report = (report_dir / "report.md").read_text()
    assert "## Targets (hybrid+synonyms)" in report and "comparison.png" in report and "## Rules guard" in report


def test_guard_metrics_match_findings_by_kind_and_item() -> None:
    def result(expected, found, expected_verdict="fail", verdict="fail"):
        return GuardResult("x", "c", "t", expected_verdict, verdict, tuple(expected), tuple(found), 1.0)

    results = [
        result([("direction_contradiction", "FL-a")], [("direction_contradiction", "FL-a")]),
        result([("direction_contradiction", "FL-a")], [("direction_contradiction", "FL-b")]),
        result([("unknown_recommendation", None)], [("unknown_recommendation", None), ("strength_overstated", "FL-a")]),
        result([], [], "pass", "warn"),
    ]
    metrics = guard_metrics(results)
    assert metrics["kinds"]["direction_contradiction"] == {"precision": 0.5, "recall": 0.5, "expected": 2, "found": 2}
    assert metrics["kinds"]["unknown_recommendation"]["recall"] == 1.0
    assert metrics["precision"] == 0.5 and metrics["recall"] == pytest.approx(0.6667, abs=1e-4)
    assert metrics["verdict_accuracy"] == 0.75 and metrics["verdicts"]["pass"]["recall"] == 0.0


def test_the_project_guard_sets_are_valid() -> None:
    for path in SMOKE_GUARD.parent.glob("*.jsonl"):
        assert load_guard_cases(path)
