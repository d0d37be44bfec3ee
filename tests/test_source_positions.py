"""Positions at ingest and the source routes: boxes over the quote's words, pages as PNG, the original PDF, Slack links."""

from __future__ import annotations

import io
import random
import re
import shutil
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path

import pytest
from corpora import PROJECT_CORPUS, small_corpus
from fakes import HashingEmbedder
from guideline_pdfs import REC3, REC5, GeneratedPdf, grade_guideline_pdf
from source_checks import (
    check_against_drawn,
    sentence_across_pages,
    similarity,
    text_under,
)
from starlette.testclient import TestClient

from chatbot.channels.http.app import create_app
from chatbot.channels.slack.blocks import reply_blocks
from chatbot.config import Settings, load_settings
from chatbot.core import Chatbot, build_chatbot
from chatbot.index.build import load_index
from chatbot.ingest.positions import extract_positions
from chatbot.ingest.readers import read_document
from chatbot.reply import ReplyBody, contract_problems
from chatbot.types import DocumentKind, SourceRef

DIGEST = PROJECT_CORPUS / "digest" / "ash-aya-all-2026-digest.md"
CDC_PDF = "cdc-2022-opioid-guideline-rr7103a1.pdf"
PDF_QUESTION = "lumazide maintenance for two years"


@dataclass
class Setup:
    settings: Settings
    bot: Chatbot
    pdf: GeneratedPdf
    client: TestClient


def span_of(text: str, words: str) -> tuple[int, int]:
    """[start, end) of `words` in the canonical text, whatever whitespace (a page break too) sits between them."""
    match = re.search(r"\s+".join(map(re.escape, words.split())), text)
    assert match, words[:60]
    return match.start(), match.end()


def as_tuples(source: dict) -> list[tuple[int, float, float, float, float]]:
    return [(b["page"], b["x0"], b["y0"], b["x1"], b["y1"]) for b in source["boxes"]]


@pytest.fixture(scope="module")
def setup(tmp_path_factory: pytest.TempPathFactory) -> Iterator[Setup]:
    """The generated two-column PDF and the digest (Markdown) indexed with the hashing embedder."""
    root = tmp_path_factory.mktemp("source")
    pdf = grade_guideline_pdf()
    corpus = small_corpus(root / "corpus", {"glimmer.pdf": pdf.data, "digest.md": DIGEST.read_bytes()})
    settings = load_settings(
        corpus_dir=corpus,
        index_dir=root / "index",
        data_dir=root / "data",
        min_dense_score=0.05,
        min_domain_dense_score=0.05,
        rate_limit_per_minute=0,
    )
    bot = build_chatbot(settings, embedder=HashingEmbedder())
    with TestClient(create_app(bot), raise_server_exceptions=False) as client:
        yield Setup(settings, bot, pdf, client)


# --- Positions ----------------------------------------------------------------------------------------


@pytest.mark.parametrize("statement", [REC3, REC5], ids=["across-a-column-break", "across-a-page-break"])
def test_boxes_lie_over_the_quote_words_of_a_two_column_pdf(setup: Setup, statement: str) -> None:
    document = setup.bot.index.documents["glimmer"]
    start, end = span_of(document.text, statement)
    boxes = [(b.page, b.x0, b.y0, b.x1, b.y1) for b in setup.bot.index.positions("glimmer").boxes_for(start, end)]
    check_against_drawn(boxes, setup.pdf.words, statement)
    if statement == REC5:
        assert len({box[0] for box in boxes}) == 2, "the quote runs onto the next page"


def test_a_quote_starting_mid_line_highlights_only_its_part_of_the_line(setup: Setup) -> None:
    document = setup.bot.index.documents["glimmer"]
    words = REC5.split()[3:12]  # starts and ends inside drawn lines
    start, end = span_of(document.text, " ".join(words))
    boxes = [(b.page, b.x0, b.y0, b.x1, b.y1) for b in setup.bot.index.positions("glimmer").boxes_for(start, end)]
    check_against_drawn(boxes, setup.pdf.words, " ".join(words))


def test_positions_are_stored_with_the_index_and_survive_a_reload(setup: Setup) -> None:
    files = list((setup.bot.index.folder / "positions").glob("*.npz"))
    assert len(files) == 1  # one PDF; the Markdown digest has none
    reloaded = load_index(setup.settings)
    document = reloaded.documents["glimmer"]
    start, end = span_of(document.text, REC5)
    assert reloaded.positions("glimmer").boxes_for(start, end) == setup.bot.index.positions("glimmer").boxes_for(start, end)
    assert reloaded.positions("glimmer").coverage > 0.99
    assert reloaded.positions("digest") is None


# --- The reply and the routes --------------------------------------------------------------------------


def test_reply_quotes_carry_their_source(setup: Setup) -> None:
    body = setup.client.post("/v1/chat", json={"message": PDF_QUESTION}).json()
    assert not contract_problems(body)
    pdf_quotes = [q for q in body["quotes"] if q["document_id"] == "glimmer"]
    assert pdf_quotes
    for quote in pdf_quotes:
        source = quote["source"]
        assert source["kind"] == "pdf" and source["page_count"] == len(setup.bot.index.documents["glimmer"].pages)
        assert (source["char_start"], source["char_end"]) == (quote["char_start"], quote["char_end"])
        assert source["boxes"] and source["page"] == source["boxes"][0]["page"]
        check_against_drawn(as_tuples(source), setup.pdf.words, quote["text"])
    text_reply = setup.client.post("/v1/chat", json={"message": "Should a 19 year old get a pediatric-inspired regimen?"}).json()
    digest = [q for q in text_reply["quotes"] if q["document_id"] == "digest"]
    assert digest and digest[0]["source"]["kind"] == "text" and digest[0]["source"]["boxes"] == []
    assert digest[0]["source"]["section"] == digest[0]["section"]


def test_source_route_gives_boxes_for_a_pdf_and_the_section_for_text(setup: Setup) -> None:
    document = setup.bot.index.documents["glimmer"]
    start, end = span_of(document.text, REC5)
    body = setup.client.get("/v1/documents/glimmer/source", params={"start": start, "end": end}).json()
    assert body["quote"] == document.text[start:end] and body["section_text"] is None
    assert {b["page"] for b in body["source"]["boxes"]} == {document.page_at(start), document.page_at(end - 1)}
    digest = setup.bot.index.documents["digest"]
    start = digest.text.index("pediatric-inspired")
    body = setup.client.get("/v1/documents/digest/source", params={"start": start, "end": start + 18}).json()
    assert body["source"]["kind"] == "text"
    offset = body["section_offset"]
    assert body["section_text"][start - offset : start - offset + 18] == "pediatric-inspired"
    section = digest.section_at(start)
    assert section.start <= offset and offset + len(body["section_text"]) <= section.end


def test_a_page_is_a_bounded_png_cached_on_disk(setup: Setup) -> None:
    from PIL import Image

    response = setup.client.get("/v1/documents/glimmer/pages/2")
    assert response.status_code == 200 and response.headers["content-type"] == "image/png"
    image = Image.open(io.BytesIO(response.content))
    assert image.format == "PNG" and 600 <= image.width <= 1200 and image.height <= 1800
    assert abs(image.height / image.width - 792 / 612) < 0.01
    cached = list((setup.settings.data_dir / "pages").rglob("2-*.png"))
    assert len(cached) == 1
    stamp = cached[0].stat().st_mtime_ns
    assert setup.client.get("/v1/documents/glimmer/pages/2").content == response.content
    assert cached[0].stat().st_mtime_ns == stamp


@pytest.mark.parametrize(
    ("path", "status"),
    [
        ("/v1/documents/glimmer/pages/4", 404),
        ("/v1/documents/glimmer/pages/0", 422),
        ("/v1/documents/glimmer/pages/-1", 422),
        ("/v1/documents/glimmer/pages/two", 422),
        ("/v1/documents/glimmer/pages/99999999999999999999", 422),
        ("/v1/documents/digest/pages/1", 404),
        ("/v1/documents/nothing/pages/1", 404),
        ("/v1/documents/digest/file", 404),
        ("/v1/documents/glimmer/source?start=10&end=5", 422),
        ("/v1/documents/glimmer/source?start=0&end=999999999", 422),
        ("/v1/documents/glimmer/source?start=x&end=5", 422),
    ],
)
def test_bad_page_numbers_and_documents_get_clear_errors(setup: Setup, path: str, status: int) -> None:
    response = setup.client.get(path)
    assert response.status_code == status
    error = response.json()["error"]
    assert error["message"] and error["hint"]


def test_the_original_pdf_downloads_and_a_changed_file_is_refused(setup: Setup, tmp_path: Path) -> None:
    response = setup.client.get("/v1/documents/glimmer/file")
    assert response.status_code == 200 and response.headers["content-type"] == "application/pdf"
    assert response.content == setup.pdf.data
    assert 'filename="glimmer.pdf"' in response.headers["content-disposition"]
    path = setup.settings.corpus_dir / "glimmer.pdf"
    shutil.copy(path, tmp_path / "saved.pdf")
    try:
        path.write_bytes(setup.pdf.data + b"\n% edited\n")
        changed = setup.client.get("/v1/documents/glimmer/file")
        assert changed.status_code == 409 and "ingest" in changed.json()["error"]["hint"]
        assert setup.client.get("/v1/documents/glimmer/pages/2").status_code == 200  # rendered before: cached
        assert setup.client.get("/v1/documents/glimmer/pages/3").status_code == 409
        path.unlink()
        assert setup.client.get("/v1/documents/glimmer/file").status_code == 404
    finally:
        shutil.copy(tmp_path / "saved.pdf", path)


def test_slack_citations_link_to_the_widget_source_view(setup: Setup) -> None:
    body = setup.client.post("/v1/chat", json={"message": PDF_QUESTION}).json()
    quote = body["quotes"][0]
    linked = str(reply_blocks(ReplyBody.model_validate(body), "https://chat.example.org/"))
    expected = f"<https://chat.example.org/?source={quote['document_id']}&amp;start={quote['char_start']}&amp;end={quote['char_end']}|"
    assert expected in linked
    assert "https://" not in str(reply_blocks(ReplyBody.model_validate(body)))


# --- The CDC guideline ---------------------------------------------------------------------------------


@pytest.mark.shared
def test_cdc_quotes_get_boxes_over_the_pdfs_own_text(shared_pdf_dir: Path) -> None:
    path = shared_pdf_dir / CDC_PDF
    document = read_document(SourceRef("cdc", "CDC", DocumentKind.OFFICIAL, CDC_PDF), shared_pdf_dir)
    positions = extract_positions(path, document.text, document.pages)
    print(f"\nCDC: {positions.coverage:.4f} of letters and digits have a box ({len(positions.starts)} pieces)")
    assert positions.coverage >= 0.99 and positions.page_count == 100
    sentences = [m.span() for m in re.finditer(r"[A-Z][^.\n]{60,300}\.", document.text)]
    scores = []
    for start, end in random.Random(19).sample(sentences, 60):
        boxes = [(b.page, b.x0, b.y0, b.x1, b.y1) for b in positions.boxes_for(start, end)]
        scores.append(similarity(document.text[start:end], text_under(boxes, path)))
    assert min(scores) >= 90 and sum(scores) / len(scores) >= 98, scores
    start, end = sentence_across_pages(document.text, document.pages)
    boxes = [(b.page, b.x0, b.y0, b.x1, b.y1) for b in positions.boxes_for(start, end)]
    assert len({box[0] for box in boxes}) == 2
    assert similarity(document.text[start:end], text_under(boxes, path)) >= 95
