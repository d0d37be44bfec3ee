"""One normalisation at every entrance: the normal form, its offset map, and verdicts unchanged by invisible characters."""

from __future__ import annotations

import json
import re
from pathlib import Path

import pytest
from corpora import pack_guard_context

from chatbot.guard.check import GuardContext, check_text
from chatbot.index.lexical import tokenize
from chatbot.ingest.normalise import normal_form, normalise

ROOT = Path(__file__).parents[1]
ASH_SETS = [ROOT / "eval" / "guard" / name for name in ("claims.jsonl", "heldout.jsonl", "heldout2.jsonl", "smoke.jsonl")]
ASH_SETS.append(ROOT / "eval" / "heldout" / "guard-ash.jsonl")
CDC_SETS = [ROOT / "eval" / "heldout" / name for name in ("guard-cdc-dev.jsonl", "guard-cdc-heldout.jsonl")]


def test_normal_form_folds_width_dashes_quotes_and_drops_invisible_characters() -> None:
    assert normal_form("ｐｅｇａｓｐａｒｇａｓｅ") == "pegaspargase"
    assert normal_form("recom\u200bmends pegas\u00adpargase") == "recommends pegaspargase"
    assert normal_form("15–39 years — “strong” ‘yes’ \u2212 1") == "15-39 years - \"strong\" 'yes' - 1"
    assert normal_form("mg/m²") == "mg/m2"
    assert normal_form("e\u0301") == "é"  # combining marks composed


def test_offset_map_points_into_the_submitted_text() -> None:
    submitted = "Use \u200bpegas\u00adpargase ｎｏｗ."
    normalised = normalise(submitted)
    start = normalised.text.index("pegaspargase")
    original = normalised.original_span(start, start + len("pegaspargase"))
    assert submitted[original[0] : original[1]] == "pegas\u00adpargase"
    start = normalised.text.index("now")
    original = normalised.original_span(start, start + 3)
    assert submitted[original[0] : original[1]] == "ｎｏｗ"


def test_matching_keys_ignore_invisible_characters() -> None:
    assert tokenize("pegas\u00adpargase recom\u200bmended") == tokenize("pegaspargase recommended")


def _cases(paths: list[Path]) -> list[str]:
    return [json.loads(line)["text"] for path in paths for line in path.read_text(encoding="utf-8").splitlines() if line.strip()]


def _invisible(text: str) -> str:
    """A zero-width space after every third word and a soft hyphen inside every long word, as text pasted from PDFs has."""
    words = re.split(r"(\s+)", text)
    out = []
    for n, word in enumerate(words):
        if len(word) >= 7 and word.isalpha():
            word = word[:3] + "\u00ad" + word[3:]
        out.append(word + ("\u200b" if n % 6 == 0 else ""))
    return "".join(out)


def _context(folder: Path) -> GuardContext:
    return pack_guard_context(folder)


@pytest.mark.parametrize(("folder", "paths"), [(ROOT / "corpus", ASH_SETS), (ROOT / "packs" / "cdc-opioids-2022", CDC_SETS)])
def test_invisible_characters_change_no_verdict(folder: Path, paths: list[Path]) -> None:
    context = _context(folder)
    changed = []
    for text in _cases(paths):
        plain, dressed = check_text(text, context), check_text(_invisible(text), context)
        if plain.verdict != dressed.verdict or [f.kind for f in plain.findings] != [f.kind for f in dressed.findings]:
            changed.append(text)
    assert changed == []


def test_finding_spans_point_into_the_submitted_text() -> None:
    context = _context(ROOT / "corpus")
    submitted = "ＡＳＨ says: the panel recom\u200bmends routine heparin prophylaxis during asparaginase."
    report = check_text(submitted, context)
    assert report.verdict == "fail"
    start, end = report.findings[0].span or (0, 0)
    assert "recom\u200bmends routine heparin" in submitted[start:end]


def test_offset_map_holds_around_plain_runs_and_combining_marks() -> None:
    submitted = "cafe\u0301 au lait \u2013 na\u00efve\u200b text e\u0301"
    normalised = normalise(submitted)
    assert normalised.text == "café au lait - naïve text é"
    for word in ("café", "lait", "-", "naïve", "text", "é"):
        start = normalised.text.index(word)
        original = normalised.original_span(start, start + len(word))
        assert normal_form(submitted[original[0] : original[1]]) == word
    assert normalised.original_span(0, 4) == (0, 5)  # the accent mark belongs to the letter it follows
