"""A generated GRADE guideline whose statements open with the same words, each discussed under its own heading.

Invented wording only ("glimmer pain" and its drugs do not exist). It is the case where linking passages to
statements by their first words goes wrong: every statement starts "In adults aged 70 years or older who are
admitted with glimmer pain, the panel ...", and each is followed by its own discussion.
"""

from __future__ import annotations

from guideline_pdfs import INTRO, NA, GeneratedPdf, _ash_label, _ash_rec, _ash_spec, _Block, _build, _Spec

OPENING = "In adults aged 70 years or older who are admitted to hospital with glimmer pain, the panel"
SHARED = {
    1: f"{OPENING} recommends warm compresses twice a day over usual care",
    2: f"{OPENING} recommends no orbiclast prophylaxis on admission",
    3: f"{OPENING} suggests against velmidone for night-time restlessness",
}
PART_A = f"{OPENING} suggests an early walking plan over bed rest"
PART_B = f"{OPENING} recommends against kestravir patches over oral analgesia"
GPS = "Every adult admitted with glimmer pain should have a glimmer score recorded on admission and once a day after that."
DISCUSSION = {
    1: "Summary of the evidence Four invented trials compared compresses with usual care and found less pain by the third day.",
    2: "Summary of the evidence Orbiclast given on admission caused dizziness in a third of invented patients in two small trials.",
    3: "Summary of the evidence Three invented cohort studies found that velmidone doubled the rate of falls at night.",
    4: "Summary of the evidence Walking plans shortened the invented hospital stay, and patches irritated the skin of most patients.",
}
GRADES = {1: ("for", "strong", "moderate"), 2: ("against", "strong", "low"), 3: ("against", "conditional", "very_low")}
HEADINGS = {1: "Warm compresses", 2: "Orbiclast prophylaxis", 3: "Velmidone at night", 4: "Walking and patches"}


def _parts_block() -> _Block:
    """Recommendation 4a and 4b graded separately within one paragraph."""
    label_a, label_b = _ash_label("conditional", "low"), _ash_label("strong", "moderate")
    text = f"Recommendation 4a: {PART_A} ({label_a}). Recommendation 4b: {PART_B} ({label_b})."
    specs = (_ash_spec(4, "a", PART_A, ("for", "conditional", "low")), _ash_spec(4, "b", PART_B, ("against", "strong", "moderate")))
    return _Block(text, specs=specs)


def shared_opening_pdf() -> GeneratedPdf:
    """Five numbered statements with one opening, a two-part statement and a label-first good practice statement (left columns only)."""
    blocks = [
        _Block("Invented guideline on glimmer pain in hospital", heading=True),
        _Block(INTRO),
        _Block("Recommendations", heading=True),
    ]
    for number, statement in SHARED.items():
        blocks += [
            _Block(HEADINGS[number], heading=True, new_page=number == 3),
            _ash_rec(f"Recommendation {number}:", number, None, statement, GRADES[number]),
            _Block(DISCUSSION[number]),
        ]
    gps = _Spec(5, None, GPS, "good_practice_statement", "for", NA, NA, {"kind": "good practice statement"})
    blocks += [_Block(HEADINGS[4], heading=True), _parts_block(), _Block(DISCUSSION[4])]
    blocks += [_Block("Glimmer scores", heading=True), _Block("Recommendation 5 (good practice statement):"), _Block(GPS, specs=(gps,))]
    return _build(blocks)


SIBLING_DISCUSSION = {
    1: "Four invented trials of warm compresses found less glimmer pain by the third day of the admission.",
    2: "Dizziness followed orbiclast in a third of the invented patients, and two of them fell at night.",
}


def numbered_heading_pdf() -> GeneratedPdf:
    """Statements under "Recommendation N" headings, each discussed in the sibling sections that follow it."""
    blocks = [
        _Block("Invented guideline on glimmer pain care", heading=True, size=14),
        _Block(INTRO),
        _Block("Caring for glimmer pain on the ward", heading=True),
        _Block("Recommendation 1", heading=True, size=10.5),
        _ash_rec("", 1, None, SHARED[1], GRADES[1]),
        _Block("Evidence on warm compresses", heading=True, size=10.5),
        _Block(SIBLING_DISCUSSION[1]),
        _Block("Recommendation 2", heading=True, size=10.5),
        _ash_rec("", 2, None, SHARED[2], GRADES[2]),
        _Block("Evidence on orbiclast", heading=True, size=10.5),
        _Block(SIBLING_DISCUSSION[2]),
    ]
    return _build(blocks)


RATIONALE = {
    1: "Warm compresses eased the invented pain in four small trials and harmed nobody in them.",
    2: "Orbiclast caused dizziness in a third of the invented patients, so the panel advised against it.",
}


def repeated_statement_pdf() -> GeneratedPdf:
    """Statements under "Recommendation N" headings, each repeated as the first bullet of an "Implementation" subsection and
    then discussed under a "Supporting rationale" subsection."""
    blocks = [
        _Block("Invented guideline on glimmer pain care", heading=True, size=14),
        _Block(INTRO),
        _Block("Caring for glimmer pain on the ward", heading=True),
    ]
    for number in (1, 2):
        blocks += [
            _Block(f"Recommendation {number}", heading=True, size=10.5),
            _ash_rec("", number, None, SHARED[number], GRADES[number]),
            _Block("Implementation", heading=True, size=10),
            _Block(f"• {SHARED[number]}, as the panel explains below."),
            _Block("Supporting rationale", heading=True, size=10),
            _Block(RATIONALE[number]),
        ]
    return _build(blocks)


CLAIMED = {
    1: "In adults admitted to hospital with glimmer pain, the panel recommends immediate-release velmidone over extended-release "
    "and long-acting velmidone",
    2: "In adults admitted to hospital with glimmer pain who take velmidone, the panel suggests offering naloxone at discharge",
    3: "In adults admitted to hospital with glimmer pain, the panel suggests recording a glimmer score once a week",
}
CLAIMED_GRADES = {1: ("for", "strong", "moderate"), 2: ("for", "conditional", "low"), 3: ("for", "conditional", "very_low")}
CLAIMED_DISCUSSION = {
    1: "Summary of the evidence Immediate-release velmidone wore off by the evening in four invented trials, so doses were easy to stop.",
    2: "Summary of the evidence Naloxone reversed every invented velmidone overdose. Families given naloxone used it within minutes, "
    "and naloxone kits cost little.",
    3: "Summary of the evidence Weekly glimmer scores found relapses early in two invented cohorts.",
}


def claimed_pdf() -> GeneratedPdf:
    """Three statements: one on release forms ("long-acting"), one naming a real drug (naloxone), one on a weekly score."""
    blocks = [
        _Block("Invented guideline on glimmer pain and velmidone", heading=True),
        _Block(INTRO),
        _Block("Recommendations", heading=True),
    ]
    for number, statement in CLAIMED.items():
        blocks += [
            _ash_rec(f"Recommendation {number}:", number, None, statement, CLAIMED_GRADES[number]),
            _Block(CLAIMED_DISCUSSION[number]),
        ]
    return _build(blocks)


PERIODS = {
    1: "In adults admitted to hospital with glimmer pain who start velmidone, the panel suggests a review visit within 2-6 weeks "
    "of starting velmidone",
    2: "In adults admitted to hospital with glimmer pain who take velmidone for months, the panel recommends tapering velmidone "
    "gradually over stopping it at once",
    3: "In adults admitted to hospital with glimmer pain who take velmidone, the panel suggests offering naloxone at discharge",
    4: "In adults admitted to hospital with glimmer pain, the panel recommends recording a glimmer score on admission",
}
PERIOD_GRADES = {n: ("for", "conditional", "low") if n % 2 else ("for", "strong", "moderate") for n in PERIODS}
PERIOD_DISCUSSION = {
    1: "Summary of the evidence Review visits within 2-6 weeks found side effects early in two invented cohorts, and visits after "
    "6 weeks found them late. Most weeks passed quietly.",
    2: "Summary of the evidence Tapering velmidone gradually caused less withdrawal than stopping at once in three invented trials; "
    "slow tapering suited most patients.",
    3: "Summary of the evidence Naloxone reversed every invented velmidone overdose.",
    4: "Summary of the evidence Glimmer scores on admission predicted the invented length of stay.",
}


def period_pdf() -> GeneratedPdf:
    """Four statements, one a review visit within a period of weeks, one tapering (the weeks are when, not what, of the first)."""
    blocks = [_Block("Invented guideline on velmidone reviews", heading=True), _Block(INTRO), _Block("Recommendations", heading=True)]
    for number, statement in PERIODS.items():
        blocks += [_ash_rec(f"Recommendation {number}:", number, None, statement, PERIOD_GRADES[number]), _Block(PERIOD_DISCUSSION[number])]
    return _build(blocks)


WHOM = {
    1: "When starting velmidone for acute, subacute, or chronic pain, the panel recommends recording a glimmer score first",
    2: "For adults with acute pain, the panel suggests orbiclast gel over velmidone tablets",
    3: "For adults with chronic pain, the panel recommends orbiclast gel over velmidone tablets",
    4: "In adults taking velmidone, the panel suggests offering naloxone at discharge",
    5: "In adults taking velmidone, the panel suggests a hearing test once a year",
}
WHOM_GRADES = {n: ("for", "conditional", "low") if n % 2 == 0 else ("for", "strong", "moderate") for n in WHOM}


def whom_pdf() -> GeneratedPdf:
    """Two statements advising the same thing to different patients (a facet the first statement's "acute, subacute, or
    chronic pain" defines), graded differently."""
    blocks = [_Block("Invented guideline on velmidone and orbiclast", heading=True), _Block(INTRO), _Block("Recommendations", heading=True)]
    for number, statement in WHOM.items():
        blocks += [_ash_rec(f"Recommendation {number}:", number, None, statement, WHOM_GRADES[number]), _Block("Two invented trials.")]
    return _build(blocks)


SHORTHAND = {
    1: "In adults admitted with glimmer pain, the panel recommends against adding orbiclast-velmidone to usual care",
    2: "In adults admitted with glimmer pain, the panel suggests continuing a GLM2 inhibitor during flares",
}
SHORTHAND_GRADES = {1: ("against", "strong", "high"), 2: ("for", "conditional", "low")}
SHORTHAND_DISCUSSION = {
    1: "Summary of the evidence Orbiclast-velmidone caused falls in two invented trials; orbiclast-velmidone also caused rashes.",
    2: "Summary of the evidence Stopping GLM2 inhibitors during flares doubled the invented length of stay.",
}


def shorthand_pdf() -> GeneratedPdf:
    """Two statements, one on a hyphenated combination ("orbiclast-velmidone"), one on a class named by what it inhibits."""
    blocks = [_Block("Invented guideline on glimmer flares", heading=True), _Block(INTRO), _Block("Recommendations", heading=True)]
    for number, statement in SHORTHAND.items():
        blocks += [
            _ash_rec(f"Recommendation {number}:", number, None, statement, SHORTHAND_GRADES[number]),
            _Block(SHORTHAND_DISCUSSION[number]),
        ]
    return _build(blocks)


SIBLING_A = "In adults admitted with glimmer pain, the panel suggests orbiclast gel in addition to velmidone tablets"
SIBLING_B = "In adults admitted with glimmer pain, the panel suggests against orbiclast gel as the only treatment"
WITHOUT = "In adults admitted with glimmer pain and a fall, the panel recommends against kestravir patches without a skin check"


def sibling_pdf() -> GeneratedPdf:
    """Parts 2a and 2b sharing their option's words, graded differently, and a statement against an option "without" a step."""
    label_a, label_b = _ash_label("conditional", "low"), _ash_label("conditional", "very_low")
    parts = f"Recommendation 2a: {SIBLING_A} ({label_a}). Recommendation 2b: {SIBLING_B} ({label_b})."
    specs = (
        _ash_spec(2, "a", SIBLING_A, ("for", "conditional", "low")),
        _ash_spec(2, "b", SIBLING_B, ("against", "conditional", "very_low")),
    )
    blocks = [
        _Block("Invented guideline on glimmer pain relief", heading=True),
        _Block(INTRO),
        _Block("Recommendations", heading=True),
        _ash_rec("Recommendation 1:", 1, None, SHARED[1], GRADES[1]),
        _Block(DISCUSSION[1]),
        _Block(parts, specs=specs),
        _Block("Summary of the evidence Orbiclast gel eased invented pain when added to tablets, and little when used alone."),
        _ash_rec("Recommendation 3:", 3, None, WITHOUT, ("against", "strong", "low")),
        _Block("Summary of the evidence Patches put on unchecked skin caused invented burns in two small series."),
    ]
    return _build(blocks)
