"""Work a warm answer no longer repeats: hashes, tokens, setting spans, population groups and quote boxes, each worked out once."""

from __future__ import annotations

from typing import Any

import numpy as np
import pytest

import chatbot.answer.measures as measures
import chatbot.index.lexical as lexical
from chatbot.answer.candidates import ItemTexts
from chatbot.answer.coverage import AskReader
from chatbot.ingest.positions import SCALE, DocumentPositions
from chatbot.packs.domain import Domain
from chatbot.packs.synonyms import SynonymGroup, Thesaurus
from chatbot.recs.schema import Recommendation, RecommendationSet
from chatbot.types import Box


def _item(number: int) -> dict[str, Any]:
    """An invented item."""
    return {
        "id": f"R-{number}",
        "guideline": "main",
        "number": number,
        "kind": "recommendation",
        "title": f"Widget topic {number}",
        "population": {"age_band": "unknown", "description": "adults with widget syndrome"},
        "intervention": "widgetase",
        "comparator": None,
        "direction": "for",
        "strength": "unknown",
        "certainty": "unknown",
        "status": "reported",
        "confidence": "medium",
        "sources": ["s"],
        "keywords": ["widget"],
    }


def _rec_set(count: int = 3) -> RecommendationSet:
    """An invented set of items."""
    source = {"id": "s", "name": "Invented source", "description": "Made in the test.", "used_for_content": True}
    return RecommendationSet.model_validate({"items": [_item(n) for n in range(1, count + 1)], "sources": [source]})


def _counting_hash(monkeypatch: pytest.MonkeyPatch, cls: type) -> list[int]:
    """Count the calls of a class's __hash__ (one entry per call)."""
    calls: list[int] = []
    original = cls.__hash__

    def counted(self: Any) -> int:
        calls.append(1)
        return original(self)

    monkeypatch.setattr(cls, "__hash__", counted)
    return calls


def test_a_recommendation_set_hashes_its_items_once(monkeypatch: pytest.MonkeyPatch) -> None:
    rec_set = _rec_set()
    calls = _counting_hash(monkeypatch, Recommendation)
    first = hash(rec_set)
    assert hash(rec_set) == first and len(calls) == len(rec_set.items)  # caches key on the set: the second lookup is free
    assert hash(_rec_set()) == first and _rec_set() == rec_set  # equal sets still hash alike


def test_a_thesaurus_hashes_its_groups_once(monkeypatch: pytest.MonkeyPatch) -> None:
    thesaurus = Thesaurus((SynonymGroup(("widgetase", "WDG")), SynonymGroup(("gizmo therapy", "GT"))), ("widget",))
    calls = _counting_hash(monkeypatch, SynonymGroup)
    first = hash(thesaurus)
    assert hash(thesaurus) == first and len(calls) == 2
    twin = Thesaurus((SynonymGroup(("widgetase", "WDG")), SynonymGroup(("gizmo therapy", "GT"))), ("widget",))
    assert twin == thesaurus and hash(twin) == first


def test_short_texts_are_tokenised_once_and_each_caller_gets_its_own_list(monkeypatch: pytest.MonkeyPatch) -> None:
    calls: list[str] = []
    original = lexical.normal_form
    monkeypatch.setattr(lexical, "normal_form", lambda text: calls.append(text) or original(text))
    text = "Widgetase dosing for zorblat patients, not gizmos"
    first = lexical.tokenize(text)
    first.append("changed by the caller")
    assert lexical.tokenize(text) == ["widgetas", "dose", "zorblat", "patient", "not", "gizmo"]
    assert calls.count(text) <= 1  # at most once (another test may have tokenised it already)
    long_text = "widgetase " * 40
    assert lexical.tokenize(long_text) == ["widgetas"] * 40 and lexical.tokenize(long_text) == ["widgetas"] * 40
    assert calls.count(long_text) == 2  # a passage-length text is not kept


def test_setting_spans_are_read_once_per_question_and_each_caller_gets_its_own_list() -> None:
    reader = AskReader(Thesaurus((), ()), Domain(), ["An invented passage on widgets."], ("Invented title",))
    runs: list[int] = []

    class Counted(list):
        def __iter__(self):  # type: ignore[no-untyped-def]
            runs.append(1)
            return super().__iter__()

    reader.setting = Counted(reader.setting)
    question = "Should a patient on warfarin get widgetase?"
    spans = reader.masked(question)
    spans.append((0, 1))
    assert reader.masked(question) == spans[:-1] and len(runs) == 1
    assert question[slice(*reader.masked(question)[0])] == "warfarin"  # what the patient is on is setting


def test_an_items_population_groups_are_worked_out_once(monkeypatch: pytest.MonkeyPatch) -> None:
    import chatbot.answer.candidates as candidates

    rec_set = _rec_set()
    texts = ItemTexts((), rec_set, Thesaurus((SynonymGroup(("widget syndrome",)),), ()))
    calls: list[str] = []
    original = candidates._stated
    monkeypatch.setattr(candidates, "_stated", lambda rec, name, domain: calls.append(rec.id) or original(rec, name, domain))
    monkeypatch.setattr(ItemTexts, "_population_groups", [(SynonymGroup(("widget syndrome",)), "stage", "any")])
    rec = rec_set.items[0]
    first = texts.population_groups(rec)
    assert texts.population_groups(rec) == first == frozenset({"widget syndrome"}) and calls == [rec.id]


def test_a_question_without_amounts_reads_no_ranges(monkeypatch: pytest.MonkeyPatch) -> None:
    def refuse(statement: str) -> list:
        raise AssertionError("ranges read for a question that gives no amount")

    statement = "Give widgetase for at least 7 days."
    assert measures.leaves_out("For how long should widgetase be given to a patient of 12 days?", statement) is False
    monkeypatch.setattr(measures, "ranges", refuse)
    assert measures.leaves_out("Should widgetase be given?", statement) is False


def _reference_boxes(positions: DocumentPositions, start: int, end: int) -> list[Box]:
    """The boxes as the per-piece reading gave them (numpy scalars, Box objects merged one by one)."""
    merged: list[Box] = []
    for index in range(len(positions.starts)):
        piece_start, piece_end = int(positions.starts[index]), int(positions.ends[index])
        if piece_end <= start or piece_start >= end:
            continue
        x0, y0, x1, y1 = (float(v) / SCALE for v in positions.boxes[index])
        length = piece_end - piece_start
        left, right = (max(start, piece_start) - piece_start) / length, (min(end, piece_end) - piece_start) / length
        box = Box(int(positions.pages[index]), x0 + left * (x1 - x0), y0, x0 + right * (x1 - x0), y1)
        last = merged[-1] if merged else None
        height = min(last.y1 - last.y0, box.y1 - box.y0) if last else 0.0
        same = (
            last is not None
            and last.page == box.page
            and height > 0
            and min(last.y1, box.y1) - max(last.y0, box.y0) >= 0.5 * height
            and last.x1 - 0.5 * height <= box.x0 <= last.x1 + 0.025
        )
        if same and last is not None:
            merged[-1] = Box(last.page, min(last.x0, box.x0), min(last.y0, box.y0), max(last.x1, box.x1), max(last.y1, box.y1))
        else:
            merged.append(box)
    return [Box(b.page, round(b.x0, 4), round(b.y0, 4), round(b.x1, 4), round(b.y1, 4)) for b in merged]


def test_quote_boxes_are_the_per_piece_reading_s() -> None:
    rng = np.random.default_rng(7)
    count = 60
    lengths = rng.integers(2, 12, count)
    starts = np.concatenate([[0], np.cumsum(lengths + 1)[:-1]]).astype(np.int32)
    ends = (starts + lengths).astype(np.int32)
    pages = np.repeat(np.array([1, 2], dtype=np.uint16), count // 2)
    rows = (np.arange(count) // 6) % 5
    x0 = (np.arange(count) % 6) * 0.15 + 0.05
    corners = np.stack([x0, 0.1 + rows * 0.03, x0 + 0.12, 0.12 + rows * 0.03], axis=1)
    boxes = np.round(corners * SCALE).astype(np.uint16)
    positions = DocumentPositions(starts, ends, pages, boxes, 2, 1.0)
    for start, end in [(0, int(ends[-1])), (3, 40), (int(starts[10]) + 1, int(ends[40]) - 2), (int(ends[5]), int(starts[6])), (5, 5)]:
        assert positions.boxes_for(start, end) == _reference_boxes(positions, start, end)
