"""Generated GRADE guidelines whose statements carry alphanumeric grade codes ("[1B]", "(2C)") defined in a legend.

Every sentence is invented for testing: "grellosis" and its drugs do not exist. A style combines where the code
stands (before the statement, right after its number, or after its full stop), how the legend that defines the codes
is printed (a sentence in the methods or a table), how good practice is labelled ("GPP 1", "Practice point 1", an
"(Ungraded)" statement), the layout (one column or two, running header and footer) and the discussion after each
statement under run-in headings ("Evidence.", "Benefits and harms."). Each ends with a summary table repeating every
statement's number, direction and code.
"""

from __future__ import annotations

import io
from dataclasses import dataclass

from house_style_pdfs import BODY, BOLD, HEADER, SIZE, Expected, HousePdf, _Flow, _paragraph, _wrap, draw_pages
from reportlab.lib.pagesizes import letter
from reportlab.pdfbase.pdfmetrics import stringWidth
from reportlab.pdfgen import canvas

LEGEND_SENTENCE = (
    "Grading. Each recommendation carries a code: its number gives the strength, 1 = strong (we recommend) and"
    " 2 = weak or conditional (we suggest); its letter gives the certainty of the evidence, A = high, B = moderate,"
    " C = low and D = very low."
)
LETTER_FIRST_LEGEND = (
    "Grading. Each recommendation carries a code: its letter gives the strength, A = strong (we recommend) and B = weak"
    " (we suggest); its digit gives the certainty of the evidence, 1 = high, 2 = moderate, 3 = low and 4 = very low."
)
LEGEND_ROWS = (
    ("Grade", "Strength", "Wording"),
    ("1", "Strong", "We recommend"),
    ("2", "Conditional", "We suggest"),
    ("A", "High certainty", ""),
    ("B", "Moderate certainty", ""),
    ("C", "Low certainty", ""),
    ("D", "Very low certainty", ""),
)
DISCUSSION = (
    ("Evidence.", "Two invented trials in made-up centres enrolled adults with grellosis for question {}; the panel rated them."),
    ("Benefits and harms.", "The invented benefits for question {} outweighed the made-up harms in every fictional subgroup."),
    (
        "Implementation.",
        "Made-up services will need written pathways for question {}, and the fictional pharmacists who supply the drugs"
        " asked for simple dosing charts that every invented ward can keep beside its beds.",
    ),
)
RUNNING_HEADER = HEADER.replace("duskpox", "grellosis").replace("Pediatrics", "Medicine")
INTRO = "This invented guideline covers grellosis, a made-up illness of adults; every drug named in it is fictional."

# (number, part, statement, direction, strength, certainty)
STATEMENTS = (
    (3, "a", "In adults with grellosis, we recommend early fluvantin within six hours of diagnosis.", "for", "strong", "high"),
    (3, "b", "We suggest against adding parvocil to fluvantin in adults with mild grellosis.", "against", "conditional", "low"),
    (4, None, "We recommend not using corvaline to prevent a relapse of grellosis.", "against", "strong", "moderate"),
    (
        5,
        None,
        "We suggest not routinely measuring serum tessin levels in adults receiving fluvantin.",
        "against",
        "conditional",
        "very_low",
    ),
    (
        6,
        None,
        "For adults with grellosis and liver failure, we suggest a reduced dose of fluvantin rather than the standard dose.",
        "for",
        "conditional",
        "moderate",
    ),
)
GOOD_PRACTICE = "Clinicians should record the date of symptom onset for every adult with grellosis."


@dataclass(frozen=True)
class CodedStyle:
    """A house style with grade codes: where the code and the legend stand, good practice label and layout."""

    name: str
    code_place: (
        str  # "first" ("3a [1A] We ..."), "bare" ("3a 1A We ..."), "inline" ("... diagnosis (1A)."), "after" ("... diagnosis. [1A]"),
    )
    # or "closing" ("... diagnosis. 1A")
    legend: str  # "sentence", "table" or "letter-first" (a sentence defining letters as strengths and digits as certainties: "A2")
    gps: str  # "GPP", "Practice point", or "Ungraded" (a numbered statement followed by "(Ungraded)")
    columns: int = 1
    bold: bool = True  # statements set in bold
    together: bool = False  # parts a and b in one paragraph
    split: bool = False  # the statements of 4 and 6 cut by a column or page break (the running header between)
    table_only: int | None = None  # the statement whose code is printed only in the summary table


def code(strength: str, certainty: str, legend: str = "sentence") -> str:
    """The usual GRADE code (1 strong, 2 conditional; A high to D very low), or the letter-first legend's ("A2")."""
    level = ("high", "moderate", "low", "very_low").index(certainty)
    if legend == "letter-first":
        return f"{'A' if strength == 'strong' else 'B'}{level + 1}"
    return f"{1 if strength == 'strong' else 2}{'ABCD'[level]}"


def _runin(flow: _Flow, head: str, text: str) -> None:
    """A paragraph opening with a bold run-in heading."""
    flow.pad(1)
    indent = stringWidth(head + " ", BOLD, SIZE)
    first, *rest = _wrap(text, flow.width - indent)
    flow.rows.append([(0.0, head, BOLD), (indent, first, BODY)])
    remaining = " ".join(rest)
    flow.rows.extend([[(0.0, line, BODY)] for line in _wrap(remaining, flow.width)] if remaining else [])


def _table(flow: _Flow, caption: str, rows: list[tuple[str, ...]], widths: tuple[float, ...]) -> None:
    """A captioned table, one line per row, cells at fractions of the column width."""
    _paragraph(flow, caption, BOLD)
    for index, row in enumerate(rows):
        flow.rows.append([(share * flow.width, cell, BOLD if index == 0 else BODY) for share, cell in zip(widths, row) if cell])


def _render(flows: list[_Flow]) -> bytes:
    """Each flow's rows drawn from a new letter page (a summary table may be set in one column after two-column text)."""
    buffer = io.BytesIO()
    pdf = canvas.Canvas(buffer, pagesize=letter)
    number = 1
    for flow in flows:
        number = draw_pages(pdf, flow, RUNNING_HEADER, number)
    pdf.save()
    return buffer.getvalue()


def _statement_text(style: CodedStyle, label: str, text: str, graded: str) -> str:
    """The statement paragraph's words with its label and code in the style's places."""
    if style.code_place == "first":
        return f"{label} [{graded}] {text}"
    if style.code_place == "bare":
        return f"{label} {graded} {text}"
    if style.code_place == "closing":
        return f"{label}. {text} {graded}"
    if style.code_place == "inline":
        return f"{label}. {text.rstrip('.')} ({graded})."
    return f"{label}. {text} [{graded}]"


def coded_pdf(style: CodedStyle) -> HousePdf:
    """The guideline in `style` and its expected statements."""
    flow = _Flow(style.columns)
    font = BOLD if style.bold else BODY
    _paragraph(flow, "Invented guideline on grellosis in adults", BOLD)
    _paragraph(flow, INTRO)
    _paragraph(flow, "Methods", BOLD)
    if style.legend in ("sentence", "letter-first"):
        _paragraph(flow, LEGEND_SENTENCE if style.legend == "sentence" else LETTER_FIRST_LEGEND)
    else:
        _paragraph(flow, "The strength of each recommendation and the certainty of its evidence are coded as in Table 1.")
        _table(flow, "Table 1. Grading codes", list(LEGEND_ROWS), (0.0, 0.2, 0.6))
    _paragraph(flow, "Recommendations", BOLD)
    expected: list[Expected] = []
    for index, (number, part, text, direction, strength, certainty) in enumerate(STATEMENTS):
        label = f"{number}{part or ''}"
        if style.split and number in (4, 6):
            if number == 6 and style.columns == 2 and len(flow.rows) // flow.per_column % 2 == 0:
                flow.fill(flow.left_in_column())  # the statement of 6 is cut by a page break, not a column break
            flow.fill(flow.left_in_column() - 2)
        graded = code(strength, certainty, style.legend)
        paragraph = f"{label}. {text}" if number == style.table_only else _statement_text(style, label, text, graded)
        lines = _wrap(paragraph, flow.width, font)
        if not (style.together and part == "b"):
            flow.pad(1)
        flow.rows.extend([[(0.0, line, font)] for line in lines])
        inline = style.code_place == "inline" and number != style.table_only
        words = text.rstrip(".") if inline else text  # a code inside the sentence ends the statement
        expected.append(Expected(number, part, words, "recommendation", direction, strength, certainty))
        if part == "a":
            continue  # the b part follows at once; the discussion covers both
        for head, discussion in DISCUSSION:
            _runin(flow, head, discussion.format(index + 1))
    if style.gps == "Ungraded":
        lines = _wrap(f"7. {GOOD_PRACTICE} (Ungraded)", flow.width, font)
        expected.append(Expected(7, None, GOOD_PRACTICE, "good_practice_statement", "for", "not_applicable", "not_applicable"))
    else:
        lines = _wrap(f"{style.gps} 1. {GOOD_PRACTICE}", flow.width, font)
        expected.append(Expected(1, "gps", GOOD_PRACTICE, "good_practice_statement", "for", "not_applicable", "not_applicable"))
    flow.pad(1)
    flow.rows.extend([[(0.0, line, font)] for line in lines])
    _runin(flow, "Rationale.", "The made-up panel agreed on this point without a vote.")
    last = _Flow(1)  # the summary table across the page, as journals set it
    summary = [("No.", "Statement", "Direction", "Grade", "Strength", "Certainty")]
    rows = [
        (f"{n}{p or ''}", t, d.capitalize(), code(st, c, style.legend), st.capitalize(), c.replace("_", " ").capitalize())
        for n, p, t, d, st, c in STATEMENTS
    ]
    rows.append(("7" if style.gps == "Ungraded" else f"{style.gps} 1", GOOD_PRACTICE, "For", "Ungraded", "", ""))
    for label, text, *grading in rows:
        for line, cell in enumerate(_wrap(text, 0.44 * last.width)):
            summary.append((label, cell, *grading) if line == 0 else ("", cell, "", "", "", ""))
    _table(last, "Table 2. Summary of recommendations", summary, (0.0, 0.12, 0.6, 0.71, 0.78, 0.9))
    _paragraph(last, "Acknowledgements. The invented panel thanks its made-up reviewers.")
    return HousePdf(style.name, _render([flow, last]), tuple(expected))


CODED_STYLES = (
    CodedStyle("code-first-2col-gpp", "first", "sentence", "GPP", columns=2, together=True, split=True),
    CodedStyle("code-inline-legend-table-practice-point", "inline", "table", "Practice point", table_only=5),
    CodedStyle("code-after-2col-ungraded", "after", "sentence", "Ungraded", columns=2, bold=False, split=True, table_only=6),
    CodedStyle("code-bare-legend-table-gpp", "bare", "table", "Good practice point", together=True),
    CodedStyle("code-closing-one-column", "closing", "sentence", "Practice point", bold=False, split=True),
    CodedStyle("letter-first-legend-2col", "inline", "letter-first", "GPP", columns=2, split=True),
)
