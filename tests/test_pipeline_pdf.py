"""The whole pipeline on PDFs: read -> chunk -> index -> Chatbot.ask, with pages and sections checked.

A generated two-column guideline (invented text, laid out here so we know the page and heading of
every sentence) runs with the HashingEmbedder; a real publication from ../shared runs with the real
embedding model.
"""

from __future__ import annotations

import re
import textwrap
import time
from dataclasses import dataclass
from pathlib import Path

import pytest
from corpora import small_corpus
from fakes import HashingEmbedder
from reportlab.lib.pagesizes import letter
from reportlab.pdfgen import canvas

from chatbot.config import Settings, load_settings
from chatbot.core import Chatbot, build_chatbot
from chatbot.index.build import ensure_index, load_index
from chatbot.index.store import LoadedIndex
from chatbot.ingest.bibliography import is_reference_list
from chatbot.recs.loading import load_recommendations
from chatbot.types import AnswerStatus, Document, Reply


def _words(text: str) -> str:
    """Whitespace collapsed, for comparing a drawn sentence with extracted text."""
    return " ".join(text.split())


def _assert_exact_slices(reply: Reply, index: LoadedIndex) -> None:
    """Every quote is verified and is the canonical text at its offsets, on the page of its offset."""
    assert reply.answer.quotes
    for quote in reply.answer.quotes:
        document = index.documents[quote.document_id]
        assert quote.verified, quote
        assert quote.text == document.text[quote.char_start : quote.char_end]
        assert quote.page == document.page_at(quote.char_start)


# --- Generated two-column guideline (HashingEmbedder) --------------------------------------------

HEADER = "Invented Journal of Glimmer Medicine - Volume 3"
FOOTER = "Invented Press for Testing - not a real guideline"
LEFT_X, RIGHT_X, TOP_Y, STEP, WRAP = 56, 320, 720, 14, 46
TITLE = "Glimmer syndrome"

# Each page: (left column, right column); a column is a list of ("h1" | "h2" | "p", text).
# In a "p", the marker "|" forces a line break and "~" a hyphenated line break inside a word.
# Columns are filled to similar lengths and no two headings share a row (see _check_layout).
PAGES: list[tuple[list[tuple[str, str]], list[tuple[str, str]]]] = [
    (
        [
            ("h1", TITLE),
            (
                "p",
                "Glimmer syndrome is an invented disorder that makes the skin shimmer after sunset. "
                "This invented panel wrote five recommendations for clinicians who treat it.",
            ),
            ("h2", "Recommendation 1"),
            (
                "p",
                "For adults with glimmer syndrome, the panel recommends oral zorvatide over watchful waiting "
                "(strong recommendation, moderate certainty of evidence). "
                "Zorvatide shortened the shimmering episodes in both invented trials.",
            ),
        ],
        [
            (
                "p",
                "The panel met four times in an invented city by the sea. Every member declared their interests before each meeting began.",
            ),
            ("h2", "Recommendation 2"),
            (
                "p",
                "For patients in remission from glimmer syndrome, the panel suggests maintenance pelumab "
                "infusions every eight weeks rather than stopping therapy "
                "(conditional recommendation, low certainty of evidence). "
                "Pelumab maintenance reduced relapses but caused mild infusion reactions.",
            ),
        ],
    ),
    (
        [
            (
                "p",
                "Remarks for the second recommendation note that pelumab infusions need a day unit "
                "with trained staff nearby. The invented infusion nurses kept a diary of every reaction.",
            ),
            ("h2", "Recommendation 3"),
            (
                "p",
                "The panel suggests yearly retinal photography screening for children with glimmer syndrome "
                "(conditional recommendation, very low certainty of evidence). "
                "Retinal photography found early sparkle deposits in a few invented children.",
            ),
        ],
        [
            (
                "p",
                "Screening visits were planned around the school holidays in the invented trials. "
                "Parents were sent a reminder letter one month before each visit. "
                "Most families chose a morning appointment.",
            ),
            ("h2", "Recommendation 4"),
            (
                "p",
                "The panel recommends against routine copper supplements during zorvatide|"
                "treat~ment of glimmer syndrome (strong recommendation, high certainty of evidence). "
                "Copper supplements made the shimmering worse in the invented treatment cohort.",
            ),
        ],
    ),
    (
        [
            ("h2", "Recommendation 5"),
            (
                "p",
                "For pregnant patients with glimmer syndrome, the panel suggests switching from zorvatide "
                "to topical lumicream (conditional recommendation, low certainty of evidence). "
                "Lumicream is applied twice daily to the shimmering patches of skin.",
            ),
            ("p", "The invented pharmacists agreed that copper tablets should be removed from the shelves."),
        ],
        [
            (
                "p",
                "Midwives in the invented clinics taught every pregnant patient how to apply the cream. "
                "They reported that most patients preferred the cream to the tablets. "
                "A few patients asked for a larger tube so that the cream lasted a whole month.",
            ),
            ("p", "The panel plans to update these invented recommendations when new trials report."),
        ],
    ),
]


@dataclass(frozen=True)
class DrawnSentence:
    """A sentence as it reads once extracted (hyphen joined), with where it was drawn."""

    text: str
    page: int
    heading: str | None  # innermost heading above it in reading order


def _lines(paragraph: str) -> list[str]:
    """The lines drawn for a paragraph: wrapped, with forced breaks and one hyphenated word."""
    lines: list[str] = []
    for part in paragraph.split("|"):
        wrapped = textwrap.wrap(part.replace("~", "\u0000"), WRAP)
        lines.extend(line.replace("\u0000", "~") for line in wrapped)
    drawn: list[str] = []
    for line in lines:
        if "~" in line:
            head, tail = line.split("~", 1)
            drawn.extend([head + "-", tail])
        else:
            drawn.append(line)
    return drawn


def _sentences(paragraph: str) -> list[str]:
    """A paragraph's sentences as the reader should give them back (breaks and hyphens undone)."""
    text = paragraph.replace("|", " ").replace("~", "")
    return [s for s in re.split(r"(?<=\.)\s+(?=[A-Z])", text) if s]


def write_guideline_pdf(path: Path) -> list[DrawnSentence]:
    """Draw PAGES into a two-column PDF with running header and footer; return what was drawn where."""
    pdf = canvas.Canvas(str(path), pagesize=letter)
    drawn: list[DrawnSentence] = []
    heading: str | None = None
    for number, columns in enumerate(PAGES, start=1):
        pdf.setFont("Helvetica", 9)
        pdf.drawString(LEFT_X, 755, HEADER)
        pdf.drawString(LEFT_X, 40, FOOTER)
        pdf.drawString(300, 25, str(number))
        heading_rows: list[set[int]] = []
        for x, blocks in zip((LEFT_X, RIGHT_X), columns):
            y = TOP_Y
            heading_rows.append(set())
            for kind, text in blocks:
                if kind == "p":
                    pdf.setFont("Helvetica", 10)
                    for line in _lines(text):
                        pdf.drawString(x, y, line)
                        y -= STEP
                    drawn += [DrawnSentence(s, number, heading) for s in _sentences(text)]
                else:
                    pdf.setFont("Helvetica-Bold", 16 if kind == "h1" else 13)
                    pdf.drawString(x, y, text)
                    heading_rows[-1].add(y)
                    heading = text
                    y -= STEP
                y -= STEP  # a blank row between blocks
            assert y > 80, "the column overflows the page"
        assert not heading_rows[0] & heading_rows[1], "headings side by side on one row"
        pdf.showPage()
    pdf.save()
    return drawn


@dataclass(frozen=True)
class GeneratedSetup:
    settings: Settings
    index: LoadedIndex
    bot: Chatbot
    drawn: list[DrawnSentence]

    @property
    def document(self) -> Document:
        return self.index.documents["glimmer"]

    def where(self, quote_text: str) -> DrawnSentence:
        """The drawn sentence a quote is made of (quotes are whole sentences)."""
        matches = [s for s in self.drawn if _words(s.text) == _words(quote_text)]
        assert len(matches) == 1, f"quote is not one drawn sentence: {quote_text!r}"
        return matches[0]


@pytest.fixture(scope="module")
def generated(tmp_path_factory: pytest.TempPathFactory) -> GeneratedSetup:
    """A tmp corpus with the generated PDF, indexed with the HashingEmbedder, and a Chatbot over it."""
    root = tmp_path_factory.mktemp("generated")
    corpus = root / "corpus"
    drawn = write_guideline_pdf(root / "glimmer.pdf")
    small_corpus(corpus, {"glimmer.pdf": (root / "glimmer.pdf").read_bytes()}, {"glimmer": "Invented glimmer syndrome guideline"})
    # Thresholds are tuned for the real model; the hashing embedder's cosines are lower.
    settings = load_settings(corpus_dir=corpus, index_dir=root / "index", min_dense_score=0.05, min_domain_dense_score=0.05)
    rec_set = load_recommendations(corpus)
    summary = ensure_index(settings, rec_set, HashingEmbedder, lambda *a: None, lambda message: None)
    assert summary.built and summary.documents == 1 and not summary.failures
    index = load_index(settings)
    bot = build_chatbot(settings, embedder=HashingEmbedder())
    return GeneratedSetup(settings, index, bot, drawn)


def test_generated_pdf_reads_with_pages_sections_and_no_running_lines(generated: GeneratedSetup) -> None:
    document = generated.document
    assert [page.number for page in document.pages] == [1, 2, 3]
    assert HEADER not in document.text and FOOTER not in document.text
    for sentence in generated.drawn:
        offset = document.text.find(sentence.text)
        assert offset >= 0, f"drawn sentence missing from the text: {sentence.text!r}"
        assert document.page_at(offset) == sentence.page
        section = document.section_at(offset)
        assert (section.title if section else None) == sentence.heading
    assert "treat- ment" not in document.text and "treatment of glimmer syndrome" in document.text


def test_passages_are_exact_slices_on_their_pages(generated: GeneratedSetup) -> None:
    document = generated.document
    assert generated.index.passages
    for passage in generated.index.passages:
        assert passage.text == document.text[passage.char_start : passage.char_end]
        assert passage.page_start == document.page_at(passage.char_start)
        assert passage.page_end == document.page_at(passage.char_end - 1)


@pytest.mark.parametrize(
    ("question", "heading", "page"),
    [
        ("Should patients in remission receive maintenance pelumab infusions every eight weeks?", "Recommendation 2", 1),
        ("Are copper supplements recommended during zorvatide treatment?", "Recommendation 4", 2),
        ("Should pregnant patients switch from zorvatide to topical lumicream?", "Recommendation 5", 3),
        ("How often should screening with retinal photography be done?", "Recommendation 3", 2),
    ],
)
def test_answers_quote_the_right_page_and_section(generated: GeneratedSetup, question: str, heading: str, page: int) -> None:
    reply = generated.bot.ask(question)
    assert reply.answer.status is AnswerStatus.ANSWERED
    _assert_exact_slices(reply, generated.index)
    for quote in reply.answer.quotes:
        drawn = generated.where(quote.text)
        assert quote.page == drawn.page
        if drawn.heading is not None:
            assert quote.section.split(" > ")[-1] == drawn.heading
    targets = [q for q in reply.answer.quotes if generated.where(q.text).heading == heading]
    assert targets, f"no quote from {heading}: {[q.text for q in reply.answer.quotes]}"
    assert all(q.page == page for q in targets)


def test_hyphenated_sentence_is_quoted_joined(generated: GeneratedSetup) -> None:
    reply = generated.bot.ask("Does the panel recommend routine copper supplements during zorvatide treatment?")
    texts = [_words(q.text) for q in reply.answer.quotes]
    assert any("zorvatide treatment of glimmer syndrome" in text for text in texts), texts


# --- A real publication (real embedding model) ---------------------------------------------------

CDC_PDF = "cdc-2022-opioid-guideline-rr7103a1.pdf"
CDC_ID = "cdc-opioids-2022"

# (question, number of the CDC recommendation it is about); the wording is ours.
CDC_QUESTIONS = [
    ("Should immediate-release opioids be prescribed instead of extended-release or long-acting opioids when starting opioid therapy?", 3),
    ("Should clinicians offer naloxone when prescribing opioids to patients at risk of overdose?", 8),
    ("Should clinicians use toxicology testing before starting opioids and periodically during opioid therapy?", 10),
]


@dataclass(frozen=True)
class RealSetup:
    index: LoadedIndex
    bot: Chatbot

    @property
    def document(self) -> Document:
        return self.index.documents[CDC_ID]


@pytest.fixture(scope="module")
def cdc(shared_pdf_dir: Path, tmp_path_factory: pytest.TempPathFactory) -> RealSetup:
    """The CDC guideline ingested into a tmp index with the real model (loaded once for this module)."""
    from chatbot.index.embedders import load_embedder

    root = tmp_path_factory.mktemp("cdc")
    corpus = root / "corpus"
    small_corpus(
        corpus, {f"{CDC_ID}.pdf": shared_pdf_dir / CDC_PDF}, {CDC_ID: "CDC opioid prescribing guideline 2022"}
    )  # copied into the tmp corpus
    settings = load_settings(corpus_dir=corpus, index_dir=root / "index")
    embedder = load_embedder(settings)
    rec_set = load_recommendations(corpus)
    started = time.perf_counter()
    summary = ensure_index(settings, rec_set, lambda: embedder, lambda *a: None, lambda message: None)
    seconds = time.perf_counter() - started
    print(f"\nCDC ingest with the real model: {seconds:.1f} s, {summary.passages} passages, {summary.documents} document(s)")
    assert summary.built and summary.documents == 1 and not summary.failures
    index = load_index(settings)
    return RealSetup(index, build_chatbot(settings, embedder=embedder))


def _pages_naming(document: Document, number: int) -> set[int]:
    """Pages spanned by a 'Recommendation N' section, or whose text names it ('Recommendations 3, 4, and 5' too)."""
    mention = re.compile(rf"\bRecommendations?\s+(?:\d+,?\s+(?:and\s+)?)*{number}\b")
    pages = {document.page_at(m.start()) for m in mention.finditer(document.text)}
    for section in document.sections:
        if re.fullmatch(rf"Recommendation {number}", section.title):
            pages |= set(range(document.page_at(section.start), document.page_at(max(section.end - 1, section.start)) + 1))
    return pages


@pytest.mark.shared
@pytest.mark.model
def test_cdc_index_covers_every_page_and_recommendation_heading(cdc: RealSetup) -> None:
    document = cdc.document
    assert len(document.pages) == 100
    headings = sorted(int(m.group(1)) for s in document.sections if (m := re.fullmatch(r"Recommendation (\d+)", s.title)))
    assert headings == list(range(1, 13))
    pages = {p.page_start for p in cdc.index.passages}
    references = {page.number for page in document.pages if is_reference_list(document.text[page.start : page.end])}
    assert len(pages) > 75 and len(references) > 5  # the reference lists at the end are not indexed: they answer nothing
    worded = {page.number for page in document.pages if document.text[page.start : page.end].split()}
    assert worded - references - pages <= {1}  # every other page with words, but the cover
    for passage in cdc.index.passages:
        assert passage.text == document.text[passage.char_start : passage.char_end]


@pytest.mark.shared
@pytest.mark.model
@pytest.mark.parametrize(("question", "number"), CDC_QUESTIONS)
def test_cdc_questions_are_answered_with_exact_cited_quotes(cdc: RealSetup, question: str, number: int) -> None:
    reply = cdc.bot.ask(question)
    assert reply.answer.status is AnswerStatus.ANSWERED, reply.answer.summary
    _assert_exact_slices(reply, cdc.index)
    for quote in reply.answer.quotes:
        assert quote.page in range(1, len(cdc.document.pages) + 1)
        assert quote.section, quote
    top = [hit.passage for hit in cdc.bot.retriever.search(question).hits[:3]]
    naming = _pages_naming(cdc.document, number)
    assert any(p.page_start in naming for p in top), ([p.id for p in top], sorted(naming))
