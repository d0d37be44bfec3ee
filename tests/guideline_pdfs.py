"""Generated guideline PDFs in invented wording (a fictional disorder, fictional drugs) and the items they hold.

Every sentence here is made up for testing: "glimmerfever" and its drugs do not exist. The pages have two
columns, a running header, a running footer and a page number; blocks flow down the left column, then
the right one, then onto the next page, so a paragraph can be cut by a column or a page break.
"""

from __future__ import annotations

import io
import re
from dataclasses import dataclass, field

from reportlab.lib.pagesizes import letter
from reportlab.pdfbase.pdfmetrics import stringWidth
from reportlab.pdfgen import canvas

HEADER = "Annals of Invented Haematology | Volume 12 | Fictional practice guideline"
FOOTER = "Glimmerfever panel report, written for software tests only"
BODY_FONT, BODY_SIZE = "Helvetica", 9
HEADING_FONT, HEADING_SIZE = "Helvetica-Bold", 12
COLUMN_X = (56, 320)
COLUMN_WIDTH = 232
TOP_Y, STEP, ROWS = 712, 13, 46
# A wrapped line must not start like a list item: the PDF reader would start a new paragraph there.
_LIST_ITEM_START = re.compile(r"^(?:[•▪◦●■–—-]\s|\(?\d{1,2}[.)]\s|\(?[a-z][.)]\s)")

FILLER_LINES = (
    "The invented registry followed patients",
    "across nine fictional centres for years.",
    "Nurses kept careful diaries of every",
    "dose that was given or skipped.",
)
FILLER_SHORT = "Each centre sent its reports."
FILLER_LAST = "The panel read every diary twice."


@dataclass(frozen=True)
class ExpectedItem:
    """What the extractor should find for one (number, part); statement words are single-spaced."""

    number: int
    part: str | None
    statement: str
    page: int
    kind: str
    direction: str
    strength: str
    certainty: str
    labels: dict[str, str] = field(default_factory=dict)
    grading_system: str = "GRADE"


@dataclass(frozen=True)
class DrawnWord:
    """A body word where it was drawn: page and box as fractions of the page (origin top-left)."""

    text: str
    page: int
    x0: float
    y0: float
    x1: float
    y1: float


@dataclass(frozen=True)
class GeneratedPdf:
    """A generated PDF's bytes, the items it holds and the running lines printed on every page."""

    data: bytes
    expected: tuple[ExpectedItem, ...]
    header: str = HEADER
    footer: str = FOOTER
    words: tuple[DrawnWord, ...] = ()  # every body word in flow order


@dataclass(frozen=True)
class _Spec:
    """An expected item before layout: its statement must occur in its block's text."""

    number: int
    part: str | None
    statement: str
    kind: str
    direction: str
    strength: str
    certainty: str
    labels: dict[str, str]
    grading_system: str = "GRADE"


@dataclass(frozen=True)
class _Block:
    """A paragraph or heading; `split` = ("page" or "column", n) puts its first n lines last before that break."""

    text: str
    heading: bool = False
    specs: tuple[_Spec, ...] = ()
    split: tuple[str, int] | None = None
    new_page: bool = False
    size: float = HEADING_SIZE  # a heading's font size: a smaller one is a subheading


@dataclass
class _Layout:
    """Line slots filled column by column: slot -> page, column and row; None is a blank row."""

    slots: list[tuple[str, float, str] | None] = field(default_factory=list)

    def page_of(self, slot: int) -> int:
        """The 1-based page of a slot."""
        return slot // (2 * ROWS) + 1

    def left_on_page(self) -> int:
        """Free slots left on the current page."""
        return 2 * ROWS - len(self.slots) % (2 * ROWS)

    def left_in_column(self) -> int:
        """Free slots left in the current column."""
        return ROWS - len(self.slots) % ROWS

    def gap(self) -> None:
        """A blank row before a block, unless at the top of a column."""
        if len(self.slots) % ROWS:
            self.slots.append(None)

    def add(self, lines: list[str], font: str, size: float) -> list[int]:
        """Lines appended in flow order; their slots."""
        first = len(self.slots)
        self.slots.extend((font, size, line) for line in lines)
        return list(range(first, len(self.slots)))

    def next_page(self) -> None:
        """Blank rows to the end of the current page."""
        if len(self.slots) % (2 * ROWS):
            self.slots.extend([None] * self.left_on_page())


def _wrap(text: str, font: str, size: float) -> list[str]:
    """Words wrapped to the column width; a continuation line never starts like a list item."""
    lines: list[str] = []
    current: list[str] = []
    for word in text.split():
        if current and stringWidth(" ".join([*current, word]), font, size) > COLUMN_WIDTH:
            lines.append(" ".join(current))
            current = []
        current.append(word)
    if current:
        lines.append(" ".join(current))
    for line in lines[1:]:
        if _LIST_ITEM_START.match(line):
            raise ValueError(f"reword the test text: a wrapped line starts like a list item: {line!r}")
    return lines


def _filler(count: int) -> list[str]:
    """`count` lines of one invented filler paragraph made of whole sentences."""
    pairs = count - 1 - (count - 1) % 2
    lines = [FILLER_LINES[i % len(FILLER_LINES)] for i in range(pairs)]
    return [*lines, *([FILLER_SHORT] if (count - 1) % 2 else []), FILLER_LAST]


def _place_break(layout: _Layout, split: tuple[str, int]) -> None:
    """Filler so that the next block's first lines are the last rows before a page or column break."""
    unit, lines_before = split
    while True:
        blank = 1 if len(layout.slots) % ROWS else 0
        left = layout.left_on_page() if unit == "page" else layout.left_in_column()
        count = left - blank - 1 - lines_before
        if count >= 2:
            layout.gap()
            layout.add(_filler(count), BODY_FONT, BODY_SIZE)
            return
        layout.slots.extend([None] * left)


def _word_page(layout: _Layout, slots: list[int], lines: list[str], word_index: int) -> int:
    """The page of the `word_index`-th word of a wrapped block."""
    seen = 0
    for slot, line in zip(slots, lines):
        seen += len(line.split())
        if word_index < seen:
            return layout.page_of(slot)
    raise ValueError("word index beyond the block")


def _expected(spec: _Spec, page: int) -> ExpectedItem:
    """The expected item of a spec on its page."""
    return ExpectedItem(
        spec.number,
        spec.part,
        " ".join(spec.statement.split()),
        page,
        spec.kind,
        spec.direction,
        spec.strength,
        spec.certainty,
        dict(spec.labels),
        spec.grading_system,
    )


def _lay_out(blocks: list[_Block]) -> tuple[_Layout, list[ExpectedItem]]:
    """Blocks flowed into slots, with each spec's page from where its first word landed."""
    layout = _Layout()
    expected: list[ExpectedItem] = []
    for block in blocks:
        font, size = (HEADING_FONT, block.size) if block.heading else (BODY_FONT, BODY_SIZE)
        if block.new_page:
            layout.next_page()
        if block.split is not None:
            _place_break(layout, block.split)
        lines = _wrap(block.text, font, size)
        layout.gap()
        slots = layout.add(lines, font, size)
        for spec in block.specs:
            offset = block.text.index(spec.statement)
            expected.append(_expected(spec, _word_page(layout, slots, lines, len(block.text[:offset].split()))))
    return layout, expected


def _drawn_words(page: int, x: float, y: float, text: str, font: str, size: float) -> list[DrawnWord]:
    """The words of a line drawn at (x, y) with their boxes (ascent 0.75, descent 0.21 of the size)."""
    width, height = letter
    words, left = [], x
    for word in text.split(" "):
        right = left + stringWidth(word, font, size)
        words.append(
            DrawnWord(word, page, left / width, (height - y - 0.75 * size) / height, right / width, (height - y + 0.21 * size) / height)
        )
        left = right + stringWidth(" ", font, size)
    return words


def _render(layout: _Layout) -> tuple[bytes, list[DrawnWord]]:
    """The slots drawn on letter pages with the running header, footer and page number; the body words."""
    buffer = io.BytesIO()
    drawn: list[DrawnWord] = []
    pdf = canvas.Canvas(buffer, pagesize=letter)
    pages = layout.page_of(len(layout.slots) - 1) if layout.slots else 1
    for page in range(1, pages + 1):
        pdf.setFont(BODY_FONT, 8)
        pdf.drawString(COLUMN_X[0], 750, HEADER)
        pdf.drawString(COLUMN_X[0], 40, FOOTER)
        pdf.drawString(300, 25, str(page))
        first = (page - 1) * 2 * ROWS
        for index, slot in enumerate(layout.slots[first : first + 2 * ROWS]):
            if slot is None:
                continue
            font, size, text = slot
            pdf.setFont(font, size)
            pdf.drawString(COLUMN_X[index // ROWS], TOP_Y - (index % ROWS) * STEP, text)
            drawn += _drawn_words(page, COLUMN_X[index // ROWS], TOP_Y - (index % ROWS) * STEP, text, font, size)
        pdf.showPage()
    pdf.save()
    return buffer.getvalue(), drawn


def _build(blocks: list[_Block]) -> GeneratedPdf:
    """Lay out and render blocks; the expected items sorted by (number, part)."""
    layout, expected = _lay_out(blocks)
    ordered = sorted(expected, key=lambda item: (item.number, item.part or ""))
    data, words = _render(layout)
    return GeneratedPdf(data, tuple(ordered), words=tuple(words))


def _graded(anchor: str, statement: str, label: str, spec: _Spec, split: tuple[str, int] | None = None) -> _Block:
    """A paragraph "anchor statement (label)." with its expected item."""
    return _Block(f"{anchor} {statement} ({label}).", specs=(spec,), split=split)


def _ash_label(strength: str, certainty: str, joiner: str = ", ") -> str:
    """An ASH-style label text (without the parentheses); certainty as an enum value ("very_low")."""
    return f"{strength} recommendation{joiner}{certainty.replace('_', ' ')} certainty in the evidence of effects"


def _ash_spec(number: int, part: str | None, statement: str, grade: tuple[str, str, str]) -> _Spec:
    """An expected graded recommendation; grade = (direction, strength, certainty) with ASH-style label wording."""
    direction, strength, certainty = grade
    labels = {
        "strength": f"{strength} recommendation",
        "certainty": f"{certainty.replace('_', ' ')} certainty in the evidence of effects",
    }
    return _Spec(number, part, statement, "recommendation", direction, strength, certainty, labels)


def _ash_rec(anchor: str, number: int, part: str | None, statement: str, grade: tuple[str, str, str], **options) -> _Block:
    """A graded ASH-style paragraph; options: joiner (between strength and certainty) and split."""
    label = _ash_label(grade[1], grade[2], options.get("joiner", ", "))
    return _graded(anchor, statement, label, _ash_spec(number, part, statement, grade), options.get("split"))


REC1 = (
    "For adults with newly diagnosed glimmerfever, the panel recommends starting zentoparin within two days"
    " of diagnosis rather than waiting for a confirmatory biopsy"
)
REC2A = "For adults with glimmerfever and reduced kidney function, the panel suggests a reduced dose of zentoparin over the standard dose"
REC2B = "For adults with glimmerfever who receive dialysis, the panel suggests against zentoparin"
REC3 = "The panel recommends against routine orbiclast prophylaxis for household contacts of people with glimmerfever"
GPS = "Clinicians should record a baseline glimmer index for every patient before the first dose of zentoparin."
REC4_LEAD = "For adolescents with relapsed glimmerfever, the panel"
REC4_I = "recommends velmidone salvage therapy"
REC4_II = "suggests adding kestravir when the marrow is involved"
REC5 = (
    "For adults in first remission of glimmerfever after intensive therapy, the panel suggests maintenance with"
    " lumazide for two years rather than observation alone, provided that blood counts are checked every month"
    " during the first year and the dose is lowered when the counts fall"
)
REC6 = "The panel recommends offering quillotrine to adults with refractory glimmerfever only in the context of a clinical trial."
INTRO = (
    "This fictional guideline from an invented panel covers the care of glimmerfever, a disorder that does not exist."
    " Every drug named in it is made up for software testing."
)
REMARKS = (
    "Remarks: the panel placed a high value on early control of fever spikes and a lower value on the cost of the drug,"
    " which the invented trials did not report."
)
DISCUSSION = (
    "The invented evidence was thin for maintenance and for prophylaxis, and the panel asked for new fictional trials"
    " before the next update of this made-up guideline."
)
NA = "not_applicable"


def _grade_blocks() -> list[_Block]:
    """The invented GRADE guideline: summary, frontline and relapse sections, split items and a late repeat."""
    rec4 = (
        f"Recommendation 4. {REC4_LEAD} (i) {REC4_I} ({_ash_label('strong', 'moderate')})"
        f" and (ii) {REC4_II} ({_ash_label('conditional', 'low')})."
    )
    gps = _Spec(1, "gps", GPS, "good_practice_statement", "for", NA, NA, {"kind": "Good practice statement"})
    research = _Spec(6, None, REC6, "research_only", "research_only", NA, NA, {"research": "only in the context of a clinical trial"})
    return [
        _Block("Invented guideline on glimmerfever", heading=True),
        _Block(INTRO),
        _Block("Summary of recommendations", heading=True),
        _Block("Recommendation 1. The panel recommends prompt zentoparin for adults with glimmerfever."),
        _Block("Recommendation 3. The panel recommends against orbiclast prophylaxis for contacts."),
        _Block("Frontline therapy", heading=True),
        _ash_rec("Recommendation 1.", 1, None, REC1, ("for", "strong", "high")),
        _Block(REMARKS),
        _ash_rec("Recommendation 2a.", 2, "a", REC2A, ("for", "conditional", "moderate")),
        _ash_rec("Recommendation 2b.", 2, "b", REC2B, ("against", "conditional", "low"), joiner=" based on "),
        _ash_rec("Recommendation 3.", 3, None, REC3, ("against", "strong", "very_low"), split=("column", 2)),
        _Block(f"Good practice statement: {GPS}", specs=(gps,)),
        _Block("Relapsed disease", heading=True),
        _Block(
            rec4,
            specs=(
                _ash_spec(4, "i", f"{REC4_LEAD} (i) {REC4_I}", ("for", "strong", "moderate")),
                _ash_spec(4, "ii", REC4_II, ("for", "conditional", "low")),
            ),
        ),
        _ash_rec("Recommendation 5.", 5, None, REC5, ("for", "conditional", "very_low"), split=("page", 2)),
        _Block(f"Recommendation 6. {REC6}", specs=(research,)),
        _Block("Discussion", heading=True),
        _Block(DISCUSSION),
        _Block("Summary table", heading=True, new_page=True),
        _Block(f"Recommendation 1. {REC1} ({_ash_label('strong', 'high')})."),
    ]


def grade_guideline_pdf() -> GeneratedPdf:
    """A three-page two-column GRADE (ASH style) guideline in invented wording, and its expected items."""
    return _build(_grade_blocks())


CDC1 = "Clinicians should offer warm compresses before any drug for acute glimmer pain and should review the plan after one week"
CDC2 = "Clinicians should not prescribe orbiclast for glimmer pain that lasts less than three days"
CDC3 = (
    "When glimmer pain persists beyond a month, clinicians should reassess the diagnosis and should avoid raising"
    " the velmidone dose above the usual ceiling"
)
CDC4 = "Avoid combining kestravir with sedating drugs in older adults with glimmer pain"


def _cdc_spec(number: int, statement: str, direction: str, category: str, evidence: str) -> _Spec:
    """An expected CDC-style item."""
    strength = {"A": "strong", "B": "conditional"}[category]
    certainty = {"1": "high", "2": "moderate", "3": "low", "4": "very_low"}[evidence]
    labels = {"category": category, "evidence_type": evidence}
    return _Spec(number, None, statement, "recommendation", direction, strength, certainty, labels, "CDC")


def _cdc_item(number: int, statement: str, direction: str, category: str, evidence: str) -> _Block:
    """A numbered box item "N. statement (recommendation category: X; evidence type: N)."."""
    label = f"recommendation category: {category}; evidence type: {evidence}"
    return _graded(f"{number}.", statement, label, _cdc_spec(number, statement, direction, category, evidence))


def cdc_guideline_pdf() -> GeneratedPdf:
    """A two-page CDC-style (category A/B, evidence type 1-4) guideline in invented wording."""
    blocks = [
        _Block("Box. Invented recommendations for glimmer pain", heading=True),
        _cdc_item(1, CDC1, "for", "A", "2"),
        _cdc_item(2, CDC2, "against", "B", "4"),
        _cdc_item(3, CDC3, "for", "A", "1"),
        _cdc_item(4, CDC4, "against", "B", "3"),
        _Block("Recommendation 2", heading=True, new_page=True),
        _Block(f"{CDC2} (recommendation category: B; evidence type: 4)."),
        _Block("References", heading=True),
        _Block("1. Invented A, Fictional B. Glimmer pain in a made-up cohort. J Invented Med 2020;3:1-9."),
        _Block("2. Fictional C. Warm compresses for an imaginary pain. Made-up Rev 2021;4:10-19."),
    ]
    return _build(blocks)


PUBLICATION_TITLE = "ISGC guideline on long-term glimmer therapy"
PUBLICATION_AUTHORS = ("Marta Lindgren", "Henri Caradoc", "Priya Venkatesh", "Tomas Wrobel")
TAPER = (
    "For adults receiving long-term glimmer therapy, the panel suggests tapering the dose by a tenth each month over stopping it at once"
)
LEVELS = "For adults starting kestravir, the panel recommends checking velmidone levels every week during the first month"
TAPER_HEADING = "Tapering long-term glimmer therapy"
OTHER_GUIDELINES = "Two invented societies also advise a slow taper of long-term glimmer therapy, with a visit every month."


def publication_pdf() -> GeneratedPdf:
    """A GRADE guideline in invented wording with a journal line, a byline and an issuer it defines, run-in labels set in bold
    ("Other guidelines:"), and shorthand it never defines (LTGT: long-term glimmer therapy)."""
    byline = "; ".join(f"{name}, {degree}{n}" for n, (name, degree) in enumerate(zip(PUBLICATION_AUTHORS, ("MD", "PhD", "MPH", "MD")), 1))
    return _build(
        [
            _Block(PUBLICATION_TITLE, heading=True, size=14),
            _Block("Journal of Invented Haematology. Published online: 3 March 2024."),
            _Block(byline),
            _Block(f"{INTRO} The Invented Society for Glimmer Care (ISGC) wrote it for clinicians who manage long-term glimmer therapy."),
            _Block(TAPER_HEADING, heading=True),
            _ash_rec("Recommendation 1.", 1, None, TAPER, ("for", "conditional", "low")),
            _Block("Other guidelines:", heading=True, size=BODY_SIZE),
            _Block(OTHER_GUIDELINES),
            _Block("Checking velmidone levels", heading=True),
            _ash_rec("Recommendation 2.", 2, None, LEVELS, ("for", "strong", "moderate")),
            _Block("Other guidelines:", heading=True, size=BODY_SIZE),
            _Block("One invented society checks velmidone levels every second week instead, for people on long-term glimmer therapy."),
        ]
    )


CONSENSUS = {  # the sentences in which the authors advise, in order; invented wording
    1: "The panel recommends measuring glimmer levels by quantitative assay at diagnosis.",
    2: "Currently, the panel recommends treating patients with high glimmer scores as high-risk patients.",
    3: "the panel advises against restarting velmidone after a second relapse.",
    4: "We recommend kestravir for adults over 80 only in the context of a clinical trial.",
}


def consensus_pdf() -> GeneratedPdf:
    """A consensus paper with no numbered or graded statement: its advice is in its running text, one clause after a
    semicolon, among sentences that only describe (a table of recommended doses, "recommendations" as a noun)."""
    return _build(
        [
            _Block("Invented consensus recommendations on glimmerfever", heading=True, size=14),
            _Block(f"{INTRO} The panel met four times; its recommendations were agreed by vote."),
            _Block("Diagnosis", heading=True),
            _Block(f"Glimmer levels vary widely between laboratories. {CONSENSUS[1]} {CONSENSUS[2]}"),
            _Block("Relapse", heading=True),
            _Block(f"Velmidone doubled the invented rate of falls after a second relapse; {CONSENSUS[3]} Table 2 lists recommended doses."),
            _Block("Research", heading=True),
            _Block(f"No invented trial has enrolled the oldest adults. {CONSENSUS[4]}"),
        ]
    )
