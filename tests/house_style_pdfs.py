"""Generated GRADE guidelines in many house styles (invented wording) and the statements each one holds.

Every sentence is made up for testing: "duskpox" and its drugs do not exist. A style combines how a statement
is labelled (a label cell or margin column beside it, a heading line of its own, a run-in label), where its grade
is printed (inside the statement, on a line of its own after it, or only in a summary table) and the page layout
(one column, or two columns with running lines, statements cut by column and page breaks). Every style also
prints methods text that defines the wording of a recommendation, which is not a statement.
"""

from __future__ import annotations

import io
from collections.abc import Callable
from dataclasses import dataclass, field

from reportlab.lib.pagesizes import letter
from reportlab.pdfbase.pdfmetrics import stringWidth
from reportlab.pdfgen import canvas

BODY, BOLD, SIZE, STEP = "Helvetica", "Helvetica-Bold", 9, 12.5
TOP, BOTTOM = 720, 70
HEADER = "Journal of Invented Pediatrics | Fictional duskpox guideline"
FOOTER = "Made-up content for software tests only"
LABEL_GAP = 8  # points between a label cell and its statement
GRADE_CELL = 130  # the width of a grade cell at the end of a table row

METHODS = (
    'Interpreting the recommendations. A strong recommendation ("we recommend") means that most informed people would'
    ' choose the recommended course; a conditional recommendation ("we suggest") means that the panel recommends'
    " shared decisions because many people would choose differently."
)
FILLER_LINES = ("Each invented centre sent its reports.", "The panel met four times.", "Every diary was read twice.")
INTRO = "This invented guideline covers duskpox, a made-up childhood illness; every drug in it is fictional."
FILLER = (
    "The fictional evidence for question {} came from invented registries in nine made-up centres, and the panel read every"
    " diary twice before voting on the wording."
)
ORDINALS = ("one", "two", "three", "four", "five", "six")

# (statement, direction, strength, certainty); grades are GRADE's: strong/conditional, high ... very low
STATEMENTS = (
    (
        "For children with duskpox who have a fever above 39 degrees, we suggest pelvatrin rather than oxabrine.",
        "for",
        "conditional",
        "low",
    ),
    ("For children with duskpox and kidney failure, we suggest against oxabrine.", "against", "conditional", "very_low"),
    (
        "In patients with relapsed duskpox, the panel recommends tolmicide over watchful waiting for at least six weeks.",
        "for",
        "strong",
        "moderate",
    ),
    ("We recommend against routine renquil prophylaxis for siblings of children with duskpox.", "against", "strong", "high"),
)
GPS_TEXT = "Clinicians should weigh every child with duskpox before the first dose of any treatment."


@dataclass(frozen=True)
class Expected:
    """What extraction should give for one statement (statement words single-spaced)."""

    number: int
    part: str | None
    statement: str
    kind: str
    direction: str
    strength: str
    certainty: str


@dataclass(frozen=True)
class Style:
    """A house style: label and grade formats, columns, and whether statements are cut by breaks."""

    name: str
    labels: tuple[str, str, str, str]  # the four recommendations' labels
    numbers: tuple[tuple[int, str | None], ...]  # their expected (number, part)
    label_place: str  # "cell" (beside the statement), "heading" (a line of its own), "runin" (starts the paragraph)
    grade: Callable[[str, str], str] | None  # the grade line after the statement; None: a summary table only
    gps_label: str
    gps_place: str  # as label_place, or "after" (an ungraded bracket after the statement)
    columns: int = 1
    split: bool = False  # cut the third statement by a column break and the fourth by a page break
    inline: bool = False  # the grade inside the statement's sentence, before its full stop: "... oxabrine (2C)."
    statements: tuple[tuple[str, str, str, str], ...] = STATEMENTS  # (statement, direction, strength, certainty)


@dataclass(frozen=True)
class HousePdf:
    """A generated PDF and what extraction should give."""

    style: str
    data: bytes
    expected: tuple[Expected, ...]


@dataclass
class _Flow:
    """Rows placed column by column: each row a list of (x offset, text, font) at one height."""

    columns: int
    rows: list[list[tuple[float, str, str]] | None] = field(default_factory=list)

    @property
    def width(self) -> float:
        """The column width."""
        return 500.0 if self.columns == 1 else 240.0

    @property
    def per_column(self) -> int:
        """Rows in a column."""
        return int((TOP - BOTTOM) / STEP)

    def left_in_column(self) -> int:
        """Free rows left in the current column."""
        return self.per_column - len(self.rows) % self.per_column

    def pad(self, rows: int) -> None:
        """Blank rows."""
        self.rows.extend([None] * rows)

    def fill(self, rows: int) -> None:
        """A filler paragraph of `rows` rows (one short sentence a row) after a blank row; blank rows when too few."""
        if rows < 3:
            self.pad(rows)
            return
        self.pad(1)
        self.rows.extend([[(0.0, FILLER_LINES[index % len(FILLER_LINES)], BODY)] for index in range(rows - 1)])


def _wrap(text: str, width: float, font: str = BODY) -> list[str]:
    """Words wrapped to `width` points."""
    lines: list[str] = []
    current: list[str] = []
    for word in text.split():
        if current and stringWidth(" ".join([*current, word]), font, SIZE) > width:
            lines.append(" ".join(current))
            current = []
        current.append(word)
    return [*lines, " ".join(current)] if current else lines


def _paragraph(flow: _Flow, text: str, font: str = BODY) -> None:
    """A paragraph after a blank row."""
    flow.pad(1)
    flow.rows.extend([[(0.0, line, font)] for line in _wrap(text, flow.width, font)])


def _beside(flow: _Flow, label: str, lines: list[str]) -> None:
    """A label cell and the statement's lines in the cell beside it."""
    flow.pad(1)
    indent = stringWidth("Recommendation 88", BOLD, SIZE) + LABEL_GAP
    for index, line in enumerate(lines):
        flow.rows.append([*([(0.0, label, BOLD)] if index == 0 else []), (indent, line, BODY)])


def _statement(flow: _Flow, label: str, text: str, grade: str | None, place: str) -> None:
    """One labelled statement in the given place, its grade line (if any) under it."""
    if place == "cell":
        indent = stringWidth("Recommendation 88", BOLD, SIZE) + LABEL_GAP
        lines = _wrap(text, flow.width - indent) + (_wrap(grade, flow.width - indent) if grade else [])
        _beside(flow, label, lines)
        return
    if place == "row":  # a table row: label | statement | grade
        indent = stringWidth("Recommendation 88", BOLD, SIZE) + LABEL_GAP
        grade_x = flow.width - GRADE_CELL
        lines, grades = _wrap(text, grade_x - indent - 4 * LABEL_GAP), _wrap(grade or "", GRADE_CELL)
        for index in range(max(len(lines), len(grades))):
            row = [(0.0, label, BOLD)] if index == 0 else []
            row += [(indent, lines[index], BODY)] if index < len(lines) else []
            row += [(grade_x, grades[index], BODY)] if index < len(grades) else []
            flow.rows.append(row)
        return
    if place == "heading":
        _paragraph(flow, label, BOLD)
        flow.rows.extend([[(0.0, line, BODY)] for line in _wrap(text, flow.width)])
    else:
        _paragraph(flow, f"{label} {text}")
    if grade:
        flow.rows.extend([[(0.0, line, BODY)] for line in _wrap(grade, flow.width)])


def draw_pages(pdf: canvas.Canvas, flow: _Flow, header: str, first_page: int) -> int:
    """A flow's rows drawn on letter pages with a running header, footer and page number; the next page's number."""
    per_page = flow.per_column * flow.columns
    xs = (56.0,) if flow.columns == 1 else (56.0, 316.0)
    number = first_page
    for page in range((len(flow.rows) + per_page - 1) // per_page):
        pdf.setFont(BODY, 7)
        pdf.drawString(56, 750, header)
        pdf.drawString(56, 40, FOOTER)
        pdf.drawString(300, 28, str(number))
        for index, row in enumerate(flow.rows[page * per_page : (page + 1) * per_page]):
            for offset, text, font in row or []:
                pdf.setFont(font, SIZE)
                pdf.drawString(xs[index // flow.per_column] + offset, TOP - (index % flow.per_column) * STEP, text)
        pdf.showPage()
        number += 1
    return number


def _render(flow: _Flow) -> bytes:
    """The rows drawn on letter pages with a running header, footer and page number."""
    buffer = io.BytesIO()
    pdf = canvas.Canvas(buffer, pagesize=letter)
    draw_pages(pdf, flow, HEADER, 1)
    pdf.save()
    return buffer.getvalue()


def _summary_table(flow: _Flow, style: Style) -> None:
    """A summary table (label | strength | certainty) for styles that print the grade only there."""
    _paragraph(flow, "Table 1. Summary of recommendations and their grading", BOLD)
    second, third = 0.5 * flow.width, 0.75 * flow.width  # the table fits its column
    flow.rows.append([(0.0, "Recommendation", BOLD), (second, "Strength", BOLD), (third, "Certainty", BOLD)])
    for label, (_, _, strength, certainty) in zip(style.labels, style.statements):
        flow.rows.append(
            [(0.0, label, BODY), (second, strength.capitalize(), BODY), (third, certainty.replace("_", " ").capitalize(), BODY)]
        )


def house_pdf(style: Style) -> HousePdf:
    """The guideline in `style` and its expected statements."""
    flow = _Flow(style.columns)
    _paragraph(flow, "Invented guideline on duskpox in children", BOLD)
    _paragraph(flow, INTRO)
    _paragraph(flow, "Methods", BOLD)
    _paragraph(flow, METHODS)
    if style.grade is None:
        _summary_table(flow, style)
    _paragraph(flow, "Recommendations", BOLD)
    if style.label_place == "row":  # a fuller page: a table on a near-empty page reads as two text columns
        for ordinal in ORDINALS[:3]:
            _paragraph(flow, FILLER.format(ordinal) + " " + FILLER.format(ordinal))
        _paragraph(flow, "Table 2. Recommendations with their strength and certainty of evidence")
    expected: list[Expected] = []
    for index, (label, (number, part), (text, direction, strength, certainty)) in enumerate(
        zip(style.labels, style.numbers, style.statements)
    ):
        if style.split and index in (2, 3):
            if index == 3 and style.columns == 2 and len(flow.rows) // flow.per_column % 2 == 0:
                flow.fill(flow.left_in_column())  # the fourth statement is cut by a page break, not a column break
            flow.fill(flow.left_in_column() - 3)
        grade = style.grade(strength, certainty) if style.grade else None
        if style.inline and grade:
            text, grade = text.rstrip("."), None
            _statement(flow, label, f"{text} {style.grade(strength, certainty)}.", None, style.label_place)
        else:
            _statement(flow, label, text, grade, style.label_place)
        if style.label_place != "row":
            _paragraph(flow, FILLER.format(ORDINALS[index]))
        expected.append(Expected(number, part, text, "recommendation", direction, strength, certainty))
    if style.label_place == "row":
        _paragraph(flow, FILLER.format(ORDINALS[4]))
    if style.gps_place == "after":
        _paragraph(flow, GPS_TEXT)
        flow.rows.append([(0.0, style.gps_label, BODY)])
    else:
        _statement(flow, style.gps_label, GPS_TEXT, None, style.gps_place)
    expected.append(Expected(1, "gps", GPS_TEXT, "good_practice_statement", "for", "not_applicable", "not_applicable"))
    _paragraph(flow, FILLER.format(ORDINALS[-1]))
    return HousePdf(style.name, _render(flow), tuple(expected))
