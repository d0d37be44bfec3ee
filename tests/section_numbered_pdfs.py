"""Generated GRADE guidelines whose statements carry section-style numbers in running two-column text (invented wording).

Every sentence is made up for testing: the illnesses and drugs do not exist. A statement is a bold paragraph opening
with its section number ("2.1.1 We recommend ..."), parts of one number open "3.1.3 (a)" or "3.1.3(a)"; its grade is a
sentence of its own right after it, worded in several ways within one document ("This is a strong recommendation based
on moderate-certainty evidence."). Section headings are numbered the same way ("2.1 Risk assessment"), the discussion
mentions statements of older editions ("former point 12"), good practice statements are labelled before or after their
text, and a summary table repeats every number with an abridged statement ending "…" and Strength / Certainty columns,
before the text or after it.
"""

from __future__ import annotations

import io
from dataclasses import dataclass

from house_style_pdfs import BODY, BOLD, _Flow, _paragraph, _wrap, draw_pages
from reportlab.lib.pagesizes import letter
from reportlab.pdfgen import canvas

HEADER = "Invented Journal of Made-up Medicine | Fictional guideline for software tests"


@dataclass(frozen=True)
class Statement:
    """One statement as printed: its section number, part, words, grade and how the grade sentence is worded."""

    number: str
    part: str | None
    text: str
    direction: str = "for"
    strength: str = "not_applicable"  # "not_applicable": a good practice statement
    certainty: str = "not_applicable"
    wording: int = 0  # which grade sentence: 0 "This is a ...", 1 "The panel made ...", 2 "(Conditional ...; ...)"

    @property
    def good_practice(self) -> bool:
        """Whether it is an ungraded good practice statement."""
        return self.strength == "not_applicable"


@dataclass(frozen=True)
class SectionStyle:
    """A document: its topic, sections of statements, how parts and good practice are labelled, where the table is."""

    name: str
    title: str
    sections: tuple[tuple[str, str, tuple[Statement, ...]], ...]  # (number, heading, statements)
    chapters: tuple[tuple[str, str], ...]  # (first section number, chapter heading "3 Intraoperative care")
    part_gap: str = " "  # "3.1.3 (a)" or "" for "3.1.3(a)"
    good_practice_first: bool = True  # "Good practice statement" before the text, else after it
    table_first: bool = False  # the summary table before the text, as an executive summary
    bare_parts: bool = False  # a number printed once: "3.1.3 (a) We suggest ...", then a paragraph "(b) Drug X should not ..."
    aside: tuple[str, str] = ("", "")  # (statement label "3.1.3c", a discussion paragraph printed after its rationale)


@dataclass(frozen=True)
class SectionPdf:
    """A generated PDF and its statements."""

    style: str
    data: bytes
    statements: tuple[Statement, ...]


def _level(certainty: str) -> str:
    """The certainty as words: "very low"."""
    return certainty.replace("_", " ")


def grade_sentence(statement: Statement) -> str:
    """The grade sentence printed right after the statement."""
    level = _level(statement.certainty)
    if statement.wording == 1:
        return f"The panel made a {statement.strength} recommendation; the certainty of the evidence was rated {level}."
    if statement.wording == 2:
        return f"({statement.strength.capitalize()} recommendation; {level} certainty of evidence.)"
    return f"This is a {statement.strength} recommendation based on {level.replace(' ', '-')}-certainty evidence."


def _abridged(text: str) -> str:
    """The table's abridged statement: its first words and "…"."""
    return " ".join(text.split()[:6]) + " …"


def _summary(flow: _Flow, statements: tuple[Statement, ...], good_practice_first: bool) -> None:
    """The summary table: number, abridged statement, strength, certainty."""
    _paragraph(flow, "Table 1. Summary of recommendations", BOLD)
    flow.rows.append(
        [
            (0.0, "No.", BOLD),
            (0.1 * flow.width, "Statement", BOLD),
            (0.62 * flow.width, "Strength", BOLD),
            (0.8 * flow.width, "Certainty", BOLD),
        ]
    )
    for statement in statements:
        label = f"{statement.number}{statement.part or ''}"
        strength = "Good practice" if statement.good_practice else statement.strength.capitalize()
        certainty = "Not graded" if statement.good_practice else _level(statement.certainty).capitalize()
        words = f"Good practice statement: {statement.text}" if statement.good_practice and good_practice_first else statement.text
        cells = [(0.0, label, BODY), (0.1 * flow.width, _abridged(words), BODY)]
        flow.rows.append([*cells, (0.62 * flow.width, strength, BODY), (0.8 * flow.width, certainty, BODY)])


def _statement_paragraph(flow: _Flow, style: SectionStyle, statement: Statement) -> None:
    """The bold statement paragraph and, after it, its grade sentence or good practice label."""
    label = statement.number if statement.part is None else f"{statement.number}{style.part_gap}({statement.part})"
    if style.bare_parts and statement.part not in (None, "a"):
        label = f"({statement.part})"
    text = f"{label} {statement.text}"
    if statement.good_practice and style.good_practice_first:
        text = f"{label} Good practice statement: {statement.text}"
    elif statement.good_practice:
        text = f"{label} {statement.text} (Good practice statement)"
    _paragraph(flow, text, BOLD)
    if not statement.good_practice:
        flow.rows.extend([[(0.0, line, BODY)] for line in _wrap(grade_sentence(statement), flow.width)])


def section_pdf(style: SectionStyle) -> SectionPdf:
    """The guideline in `style` and its statements in order."""
    statements = tuple(statement for _, _, group in style.sections for statement in group)
    front = _Flow(1 if style.table_first else 2)  # an executive summary's table is set across the page, as journals do
    _paragraph(front, style.title, BOLD)
    _paragraph(front, "1 Introduction", BOLD)
    _paragraph(
        front,
        "This invented guideline replaces the 2015 edition. Recommendation 4 of the 2015 guideline is withdrawn, and former"
        " point 12 is now part of the section on monitoring. A strong recommendation means that most informed people would"
        " choose the recommended course; a conditional recommendation means that many would choose differently.",
    )
    table = front if style.table_first else _Flow(1)
    _summary(table, statements, style.good_practice_first)
    flow = _Flow(2) if style.table_first else front
    flows = [front, flow] if style.table_first else [flow, table]
    chapters = dict(style.chapters)
    for number, heading, group in style.sections:
        if number in chapters:
            _paragraph(flow, chapters[number], BOLD)
        _paragraph(flow, f"{number} {heading}", BOLD)
        _paragraph(flow, f"The invented panel asked {len(group)} questions about {heading.lower()} in made-up adults.")
        for statement in group:
            _statement_paragraph(flow, style, statement)
            _paragraph(
                flow,
                f"Rationale. Invented trials in fictional centres informed this statement, which replaces former point"
                f" {len(statement.text) % 20 + 1} of the earlier edition; the made-up benefits outweighed the harms, and the"
                " panel noted that recommendation 4 of the 2015 guideline had said much the same.",
            )
            if style.aside[0] == f"{statement.number}{statement.part or ''}":
                _paragraph(flow, style.aside[1])
    _paragraph(flows[-1], "Acknowledgements. The invented panel thanks its made-up reviewers.")
    buffer = io.BytesIO()
    pdf = canvas.Canvas(buffer, pagesize=letter)
    page = 1
    for each in flows:
        page = draw_pages(pdf, each, HEADER, page)
    pdf.save()
    return SectionPdf(style.name, buffer.getvalue(), statements)


def _graded(number: str, part: str | None, text: str, grade: str, wording: int) -> Statement:
    """A graded statement; `grade` is "direction strength certainty" ("against conditional very_low")."""
    direction, strength, certainty = grade.split()
    return Statement(number, part, text, direction, strength, certainty, wording)


PERIOPERATIVE = SectionStyle(
    "perioperative-parts-spaced-table-first",
    "Invented guideline on perioperative care in adults with glimmerosis",
    (
        (
            "2.1",
            "Risk assessment",
            (
                _graded(
                    "2.1.1",
                    None,
                    "We recommend screening every adult with glimmerosis for anaemia before elective surgery.",
                    "for strong moderate",
                    0,
                ),
                _graded(
                    "2.1.2",
                    None,
                    "We suggest against routine chest radiographs before minor surgery in adults with glimmerosis.",
                    "against conditional low",
                    1,
                ),
                Statement("2.1.3", None, "Clinicians should record the date of the last glimmerosis flare in every surgical referral."),
            ),
        ),
        (
            "2.2",
            "Preoperative medicines",
            (
                _graded(
                    "2.2.1",
                    None,
                    "We recommend continuing fluvantin up to the day of surgery in adults with glimmerosis.",
                    "for strong low",
                    2,
                ),
                _graded(
                    "2.2.2",
                    None,
                    "We suggest stopping parvocil three days before surgery rather than on the day before.",
                    "for conditional very_low",
                    0,
                ),
            ),
        ),
        (
            "3.1",
            "Anaesthesia",
            (
                _graded(
                    "3.1.1",
                    None,
                    "We recommend regional anaesthesia over general anaesthesia for hip surgery in adults with glimmerosis.",
                    "for strong high",
                    1,
                ),
                _graded(
                    "3.1.3",
                    "a",
                    "We suggest warming intravenous fluids during surgery lasting more than two hours.",
                    "for conditional moderate",
                    2,
                ),
                _graded(
                    "3.1.3",
                    "b",
                    "We suggest not warming intravenous fluids during surgery lasting less than one hour.",
                    "against conditional very_low",
                    0,
                ),
            ),
        ),
    ),
    (("2.1", "2 Preoperative care"), ("3.1", "3 Intraoperative care")),
    table_first=True,
)
DIALYSIS = SectionStyle(
    "kidney-parts-joined-table-last",
    "Invented guideline on vascular access for dialysis in adults with tessinuria",
    (
        (
            "4.1",
            "Choice of access",
            (
                Statement("4.1.1", None, "Every adult with tessinuria starting dialysis should meet an access nurse within four weeks."),
                _graded(
                    "4.1.2",
                    None,
                    "We recommend a native fistula rather than a graft for adults with tessinuria and good veins.",
                    "for strong low",
                    0,
                ),
                _graded(
                    "4.1.4",
                    "a",
                    "We suggest a tunnelled catheter for adults with tessinuria who need dialysis within one week.",
                    "for conditional low",
                    1,
                ),
                _graded(
                    "4.1.4", "b", "We recommend against a non-tunnelled catheter for longer than two weeks.", "against strong moderate", 1
                ),
            ),
        ),
        (
            "5.2",
            "Care of the fistula",
            (
                _graded("5.2.1", None, "We suggest daily self-examination of the fistula by the patient.", "for conditional very_low", 2),
                _graded(
                    "5.2.2", None, "We recommend not using the fistula arm for blood pressure measurements.", "against strong very_low", 0
                ),
            ),
        ),
    ),
    (("4.1", "4 Access planning"), ("5.2", "5 Follow-up")),
    part_gap="",
    good_practice_first=False,
)
SEPSIS = SectionStyle(
    "infection-good-practice-after-table-last",
    "Invented guideline on the early care of adults with corvitis",
    (
        (
            "6.1",
            "Antimicrobial treatment",
            (
                _graded(
                    "6.1.1",
                    None,
                    "We recommend starting velcomycin within one hour in adults with corvitis and shock.",
                    "for strong low",
                    1,
                ),
                _graded(
                    "6.1.2",
                    None,
                    "We suggest against adding oxabrine to velcomycin in adults with corvitis without shock.",
                    "against conditional moderate",
                    0,
                ),
                Statement("6.1.3", None, "Clinicians should take two sets of blood cultures before the first dose of velcomycin."),
            ),
        ),
        (
            "7.3",
            "Fluids",
            (
                _graded(
                    "7.3.2", "a", "We suggest balanced crystalloids rather than saline for adults with corvitis.", "for conditional low", 2
                ),
                _graded("7.3.2", "b", "We recommend against starch solutions for adults with corvitis.", "against strong high", 0),
            ),
        ),
    ),
    (("6.1", "6 Initial treatment"), ("7.3", "7 Resuscitation")),
    good_practice_first=False,
)
SECTION_STYLES = (PERIOPERATIVE, DIALYSIS, SEPSIS)
