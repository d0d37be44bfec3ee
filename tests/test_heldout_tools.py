"""The held-out abstention tool's scoring: item first per set, and every changed reply marked better or worse."""

import importlib.util
import json
import pathlib

TOOL = pathlib.Path(__file__).resolve().parent.parent / "eval" / "heldout" / "tools" / "abstention_sets.py"


def _tool():
    spec = importlib.util.spec_from_file_location("abstention_sets", TOOL)
    assert spec is not None and spec.loader is not None
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


def _row(qid: str, cat: str, status: str, ids: list[str], expected: list[str]) -> dict:
    return {"set": "v1", "pack": "ash", "id": qid, "cat": cat, "expected": expected, "status": status, "ids": ids, "uncovered": []}


def _write(path: pathlib.Path, rows: list[dict]) -> str:
    path.write_text("".join(json.dumps(row) + "\n" for row in rows))
    return str(path)


def test_counts_item_first_only_for_answered_with_an_expected_item_first(tmp_path):
    rows = [
        _row("a", "ans", "answered", ["X", "Y"], ["X"]),
        _row("b", "ans", "answered", ["Y", "X"], ["X"]),
        _row("c", "ans", "not_found", ["X"], ["X"]),
        _row("d", "ans", "answered", ["X"], []),
        _row("e", "nd", "not_found", [], []),
    ]
    cell = _tool().counts(_write(tmp_path / "run.jsonl", rows))[("ash", "v1")]
    assert cell == [1, 1, 1, 4, 1, 3, 0, 0]


def test_changes_lists_every_changed_reply_with_its_direction(tmp_path):
    before = [
        _row("a", "ans", "answered", ["Y"], ["X"]),
        _row("b", "ans", "answered", ["X"], ["X"]),
        _row("c", "nd", "not_found", [], []),
        _row("d", "ans", "answered", ["X", "Y"], ["X"]),
        _row("e", "ans", "answered", ["X"], ["X"]),
    ]
    after = [
        _row("a", "ans", "answered", ["X"], ["X"]),
        _row("b", "ans", "not_found", [], ["X"]),
        _row("c", "nd", "answered", ["Z"], []),
        _row("d", "ans", "answered", ["X", "Z"], ["X"]),
        _row("e", "ans", "answered", ["X"], ["X"]),
    ]
    lines = _tool().changes(_write(tmp_path / "before.jsonl", before), _write(tmp_path / "after.jsonl", after))
    assert [line.split()[0] + " " + line.split()[3] for line in lines] == ["better a", "worse b", "worse c", "changed d"]
