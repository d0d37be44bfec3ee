"""Property-based fuzzing from the OpenAPI schema (eval/fuzz_service.py) with a small budget: no 5xx, no schema mismatch.

The full run (>= 2,000 cases, the real model) is `python eval/fuzz_service.py`; this one uses the
HashingEmbedder bot of the other service tests and a few cases per operation and kind.
"""

from __future__ import annotations

import os
import sys
from pathlib import Path

import pytest
from corpora import hashing_bot

from chatbot.channels.http.app import create_app

sys.path.insert(0, str(Path(__file__).resolve().parents[1] / "eval"))
from fuzz_service import HOSTILE_KINDS, fuzz  # noqa: E402


@pytest.fixture(autouse=True)
def _no_ambient_settings(monkeypatch: pytest.MonkeyPatch) -> None:
    for name in [n for n in os.environ if n.startswith("CHATBOT_") and n != "CHATBOT_DATA_DIR"]:
        monkeypatch.delenv(name)


def test_generated_and_hostile_requests_get_no_server_error_and_match_the_schema(tmp_path: Path) -> None:
    bot = hashing_bot(tmp_path)
    report = fuzz(create_app(bot), examples=8, seed=3)
    kinds = {kind for _, kind in report.cases}
    assert {"positive", "negative", *HOSTILE_KINDS} <= kinds
    assert report.total >= 200
    assert report.server_errors == 0, report.failures[:5]
    assert report.schema_mismatches == 0, report.failures[:5]
    assert report.failures == [], report.failures[:5]
