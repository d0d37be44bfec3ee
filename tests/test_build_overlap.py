"""A first build's single-core work made cheaper or moved beside the embedding: positions on their own thread, pdfium's
boxes read in one pass, the scope-exclusion patterns tried only on sentences that could match."""

from __future__ import annotations

import threading
import time
from pathlib import Path

import pytest
from guideline_pdfs import grade_guideline_pdf

from chatbot.index import reading
from chatbot.index.reading import Read, positions_beside, serialised
from chatbot.ingest import positions, scope_statements
from chatbot.ingest.scope_statements import excluded_topics
from chatbot.types import Document, DocumentKind


def _document(doc_id: str) -> Document:
    return Document(id=doc_id, title=doc_id, kind=DocumentKind.ADDED, path=f"{doc_id}.pdf", text="", sha256="0")


def test_fresh_documents_positions_are_found_on_a_thread_of_their_own_and_it_is_joined(monkeypatch) -> None:
    seen: list[str] = []

    def slow_positions(documents, base_dir, on_document=None):
        seen.append(threading.current_thread().name)
        time.sleep(0.2)
        return {d.id: f"positions of {d.id}" for d in documents}

    monkeypatch.setattr(reading, "document_positions", slow_positions)
    read = Read([_document("new"), _document("old")], [], {"old": "kept"}, [_document("new")])  # type: ignore[dict-item]
    started = time.perf_counter()
    wait = positions_beside(read, Path("."), lambda *report: None)
    assert time.perf_counter() - started < 0.15  # the build goes on while they are found
    assert wait() == {"old": "kept", "new": "positions of new"}
    assert seen == ["pdf positions"]
    assert not any(t.name == "pdf positions" for t in threading.enumerate())  # a later build may fork its readers again


def test_no_thread_is_started_when_every_document_was_taken_from_the_previous_build(monkeypatch) -> None:
    monkeypatch.setattr(reading, "document_positions", lambda *a: pytest.fail("nothing to find"))
    read = Read([_document("old")], [], {"old": "kept"}, [])  # type: ignore[dict-item]
    assert positions_beside(read, Path("."), lambda *report: None)() == {"old": "kept"}


def test_progress_from_two_threads_reaches_the_sink_one_call_at_a_time() -> None:
    inside, overlaps, calls = [0], [], []

    def sink(stage: str, done: int, total: int) -> None:
        inside[0] += 1
        overlaps.append(inside[0] > 1)
        time.sleep(0.001)
        calls.append(stage)
        inside[0] -= 1

    report = serialised(sink)
    workers = [threading.Thread(target=lambda s=s: [report(s, n, 20) for n in range(20)]) for s in ("embed", "positions")]
    for worker in workers:
        worker.start()
    for worker in workers:
        worker.join()
    assert len(calls) == 40 and not any(overlaps)


def _reference_box(chars, pdf_index: int) -> tuple[float, float, float, float]:
    """A char's box computed one at a time through pypdfium2's own get_charbox, as the positions were made before."""
    left, bottom, right, top = chars.textpage.get_charbox(pdf_index, loose=True)
    frame_left, frame_bottom, frame_right, frame_top = chars.frame
    width, height = frame_right - frame_left or 1.0, frame_top - frame_bottom or 1.0
    x0, x1 = (left - frame_left) / width, (right - frame_left) / width
    y0, y1 = (frame_top - top) / height, (frame_top - bottom) / height
    if chars.rotation == 90:
        x0, y0, x1, y1 = 1 - y1, x0, 1 - y0, x1
    elif chars.rotation == 180:
        x0, y0, x1, y1 = 1 - x1, 1 - y1, 1 - x0, 1 - y0
    elif chars.rotation == 270:
        x0, y0, x1, y1 = y0, 1 - x1, y1, 1 - x0
    return tuple(min(max(v, 0.0), 1.0) for v in (x0, y0, x1, y1))


@pytest.mark.parametrize("rotation", [0, 90, 180, 270])
def test_boxes_read_in_one_pass_are_the_same_floats_as_one_char_at_a_time(rotation: int) -> None:
    import pypdfium2 as pdfium

    document = pdfium.PdfDocument(grade_guideline_pdf().data)
    try:
        page = document[0]
        chars = positions._page_chars(page)
        chars.rotation = rotation
        indices = [i for i in range(0, chars.textpage.count_chars(), 3)]
        assert len(indices) > 100
        boxes = positions._fraction_boxes(chars, indices)
        assert all(boxes[i] == _reference_box(chars, i) for i in indices)
        chars.textpage.close()
        page.close()
    finally:
        document.close()


def test_a_sentence_without_a_left_out_phrase_never_tries_the_subject_pattern(monkeypatch) -> None:
    tried: list[str] = []
    subject = scope_statements._SUBJECT

    class Spy:
        def search(self, sentence: str):
            tried.append(sentence)
            return subject.search(sentence)

    monkeypatch.setattr(scope_statements, "_SUBJECT", Spy())
    long_sentence = "Clinicians discussed the tapering plan with each patient, " * 20 + "and the plan was reviewed after a week."
    assert excluded_topics(long_sentence) == []
    assert tried == []
    assert excluded_topics("Warm compresses may help with boils, which are not covered by this guideline.") == ["boils"]
    assert len(tried) == 1


def test_the_model_starts_loading_early_only_when_a_document_was_read_anew(tmp_path: Path) -> None:
    from corpora import small_corpus
    from fakes import HashingEmbedder

    from chatbot.config import load_settings
    from chatbot.index.build import ensure_index
    from chatbot.recs.loading import load_recommendations

    class EarlyLoading(HashingEmbedder):
        started: list[str] = []

        def start_loading(self) -> None:
            self.started.append("load")

    corpus = small_corpus(tmp_path / "corpus", {"guide.md": b"# Widget fever\n\n## Treatment\n\nDrug X is favoured over drug Y.\n"})
    settings = load_settings(corpus_dir=corpus, index_dir=tmp_path / "index")
    for force in (False, True):
        ensure_index(settings, load_recommendations(corpus), EarlyLoading, lambda *report: None, lambda m: None, force=force)
    assert EarlyLoading.started == ["load"]  # the first build; the forced rebuild keeps the document and its vectors
