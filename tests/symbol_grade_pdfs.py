"""A generated GRADE guideline whose statements are bordered table rows graded by symbols alone (invented wording).

Every sentence is made up for testing: "marrowlag" and its drugs do not exist. Each statement is a row of three cells:
its bare number (a part letter wraps under a two-digit number: "10" over "a"), the statement, and a grade cell with
arrows for direction and strength (↑↑ strong for, ↑ conditional for, ↓ conditional against, ↓↓ strong against) over
GRADE certainty circles (⊕⊕⊕◯). Key-question headings, numbered on their own, and evidence summaries run between the
rows; a key box defines the symbols; a good practice row has a letter, its own label words and "✓ not graded".
"""

from __future__ import annotations

import io
from pathlib import Path

import matplotlib
from house_style_pdfs import Expected
from reportlab.lib.pagesizes import A4
from reportlab.pdfbase import pdfmetrics
from reportlab.pdfbase.ttfonts import TTFont
from reportlab.pdfgen import canvas

SYMBOL_FONT = "DejaVuSans"  # matplotlib's copy: it has the arrow and circle glyphs the standard fonts lack
BODY, SIZE, STEP = "Helvetica", 9, 12
LEFT, RIGHT = 56.0, 539.0
NUMBER_CELL, GRADE_CELL = 30.0, 70.0

KEY = (
    "Key to the symbols. ↑↑ strong recommendation for; ↑ conditional recommendation for; ↓ conditional recommendation"
    " against; ↓↓ strong recommendation against. Certainty of evidence: ⊕⊕⊕⊕ high, ⊕⊕⊕◯ moderate, ⊕⊕◯◯ low, ⊕◯◯◯ very low."
)
ARROWS = {("for", "strong"): "↑↑", ("for", "conditional"): "↑", ("against", "conditional"): "↓", ("against", "strong"): "↓↓"}
CIRCLES = {"high": "⊕⊕⊕⊕", "moderate": "⊕⊕⊕◯", "low": "⊕⊕◯◯", "very_low": "⊕◯◯◯"}

# (number, part, statement, direction, strength, certainty); 10a's "not" is too far from its verb: only its arrow says against
STATEMENTS = (
    (3, None, "We recommend early fluvantin for adults with marrowlag who have a fever above 39 degrees.", "for", "strong", "high"),
    (
        4,
        "a",
        "We suggest pelvatrin, compared with no treatment, for adults with mild marrowlag and a rash on both arms.",
        "for",
        "conditional",
        "low",
    ),
    (
        4,
        "b",
        "We suggest not using pelvatrin for adults with mild marrowlag who have no rash at all.",
        "against",
        "conditional",
        "moderate",
    ),
    (
        10,
        "a",
        "We recommend that clinical scores, questionnaires and invented prediction rules for marrowlag not be used to decide on"
        " admission to hospital.",
        "against",
        "strong",
        "very_low",
    ),
    (10, "b", "We suggest a second course of fluvantin for adults whose marrowlag comes back within a month.", "for", "conditional", "low"),
)
GOOD_PRACTICE = "Clinicians should record the date of symptom onset for every adult with marrowlag."
QUESTIONS = {
    3: "Question 2. Should fluvantin vs no treatment be used in adults with marrowlag and a fever?",
    10: "Question 5. Should prediction rules vs clinical judgement be used to decide on admission?",
}
SUMMARY = "Evidence summary. Two invented trials in made-up centres enrolled adults with marrowlag; the panel read them twice."


def _wrap(text: str, width: float, font: str = BODY) -> list[str]:
    """Words wrapped to `width` points."""
    lines: list[str] = []
    for word in text.split():
        if lines and pdfmetrics.stringWidth(f"{lines[-1]} {word}", font, SIZE) <= width:
            lines[-1] = f"{lines[-1]} {word}"
        else:
            lines.append(word)
    return lines


class _Page:
    """A canvas and the height where the next line goes."""

    def __init__(self, pdf: canvas.Canvas) -> None:
        self.pdf, self.y = pdf, 780.0

    def paragraph(self, text: str, font: str = BODY) -> None:
        """Running text across the page, a small gap after it."""
        for line in _wrap(text, RIGHT - LEFT, font):
            self.pdf.setFont(font, SIZE)
            self.pdf.drawString(LEFT, self.y, line)
            self.y -= STEP
        self.y -= STEP / 2

    def row(self, label: tuple[str, str], text: str, grade: tuple[str, str]) -> None:
        """A bordered row: the label (its part under it), the statement's lines, the grade's two lines on the right."""
        middle = LEFT + NUMBER_CELL
        lines = _wrap(text, RIGHT - GRADE_CELL - middle - 12)
        count = max(2, len(lines))
        top, bottom = self.y + STEP - 2, self.y - (count - 1) * STEP - 5
        for x in (LEFT, middle, RIGHT - GRADE_CELL, RIGHT):
            self.pdf.line(x, top, x, bottom)
        self.pdf.line(LEFT, top, RIGHT, top)
        self.pdf.line(LEFT, bottom, RIGHT, bottom)
        for index in range(count):
            y = self.y - index * STEP
            self.pdf.setFont("Helvetica-Bold", SIZE + 2)
            if index < 2 and label[index]:
                self.pdf.drawString(LEFT + 4, y, label[index])
            self.pdf.setFont(BODY, SIZE)
            if index < len(lines):
                self.pdf.drawString(middle + 6, y, lines[index])
            if index < 2 and grade[index]:
                self.pdf.setFont(SYMBOL_FONT, SIZE)
                self.pdf.drawCentredString(RIGHT - GRADE_CELL / 2, y, grade[index])
        self.y = bottom - STEP - 4


def _label(number: int, part: str | None) -> tuple[str, str]:
    """The number cell's two lines: a part wraps under a two-digit number."""
    if part and number >= 10:
        return str(number), part
    return f"{number}{part or ''}", ""


def symbol_grade_pdf() -> tuple[bytes, tuple[Expected, ...]]:
    """The guideline's PDF bytes and what extraction should give."""
    pdfmetrics.registerFont(TTFont(SYMBOL_FONT, str(Path(matplotlib.get_data_path()) / "fonts" / "ttf" / "DejaVuSans.ttf")))
    buffer = io.BytesIO()
    pdf = canvas.Canvas(buffer, pagesize=A4)
    pdf.setTitle("Invented guideline on marrowlag in adults")
    page = _Page(pdf)
    page.paragraph("Invented guideline on marrowlag in adults", "Helvetica-Bold")
    page.paragraph("This invented guideline covers marrowlag, a made-up illness of adults; every drug in it is fictional.")
    page.paragraph(KEY, SYMBOL_FONT)
    page.paragraph("Recommendations", "Helvetica-Bold")
    expected: list[Expected] = []
    for number, part, text, direction, strength, certainty in STATEMENTS:
        if number in QUESTIONS and part in (None, "a"):
            page.paragraph(QUESTIONS[number])
            page.paragraph(SUMMARY)
        page.row(_label(number, part), text, (ARROWS[(direction, strength)], CIRCLES[certainty]))
        expected.append(Expected(number, part, text, "recommendation", direction, strength, certainty))
    page.row(("A", ""), f"Good practice statement A: {GOOD_PRACTICE}", ("✓", "not graded"))
    expected.append(Expected(1, "gps", GOOD_PRACTICE, "good_practice_statement", "for", "not_applicable", "not_applicable"))
    page.paragraph("Remarks. The panel noted that recommendation 4b does not cover adults with a rash on one arm only.")
    pdf.showPage()
    pdf.save()
    return buffer.getvalue(), tuple(expected)
