"""Chunking keeps passages as exact slices, within sections, with pages and recommendation links."""

from chatbot.config import load_settings
from chatbot.ingest.chunking import chunk_document
from chatbot.types import Document, DocumentKind, PageSpan, Section


def _document() -> Document:
    intro = "Background\nThis invented guideline covers a made-up condition. " + "It has filler sentences here. " * 40
    rec = (
        "Recommendation 1\nThe panel recommends drug X over drug Y for invented disease. "
        "Remarks: the effect was small but consistent. Patients preferred drug X in interviews."
    )
    text = intro + "\n\n" + rec
    rec_start = text.index("Recommendation 1")
    return Document(
        id="doc",
        title="Invented guideline",
        kind=DocumentKind.OFFICIAL,
        path="doc.pdf",
        text=text,
        sha256="0" * 64,
        pages=(PageSpan(1, 0, rec_start - 2), PageSpan(2, rec_start, len(text))),
        sections=(Section(("Background",), 0, rec_start), Section(("Recommendation 1",), rec_start, len(text))),
    )


def _link(path: tuple[str, ...], text: str) -> str | None:
    return "REC-1" if path and path[-1] == "Recommendation 1" else None


def test_passages_are_exact_slices_with_pages_and_sections() -> None:
    document = _document()
    passages = chunk_document(document, load_settings(chunk_max_chars=400, chunk_min_chars=100), _link)
    assert len(passages) >= 3
    for passage in passages:
        assert document.text[passage.char_start : passage.char_end] == passage.text
        assert len(passage.text) <= 400 + 100 or passage.recommendation_id  # a short tail merges into its neighbour
        assert passage.page_start == document.page_at(passage.char_start)
    background = [p for p in passages if p.section_path == ("Background",)]
    assert all(p.page_start == 1 and p.recommendation_id is None for p in background)
    assert len({p.id for p in passages}) == len(passages)


def test_statement_and_remarks_stay_in_one_passage() -> None:
    document = _document()
    passages = chunk_document(document, load_settings(chunk_max_chars=200, chunk_min_chars=0), _link)
    linked = [p for p in passages if p.recommendation_id == "REC-1"]
    assert len(linked) == 1
    assert "recommends drug X" in linked[0].text and "Remarks:" in linked[0].text
    assert linked[0].page_start == 2
    assert linked[0].id == "doc p.2 §Recommendation 1 #1"
