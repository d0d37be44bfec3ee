"""Generated section-numbered GRADE guidelines whose parts print their number once and whose statements advise against
with a negated verb after "that" (invented wording; see section_numbered_pdfs.py).

"3.1.3 (a) We suggest ..." is followed, after its grade sentence and discussion, by a paragraph opening with the bare
letter "(b) Dravocet should not be used ...", graded by the sentence after it. A discussion paragraph opening "(d)" with
no grade after it, and part letters inside running text, are no statements. "We recommend that clinicians do not stop X
abruptly" and "We recommend not delaying X" are for X: what is avoided is the stop or the delay.
"""

from __future__ import annotations

from section_numbered_pdfs import SectionStyle, _graded

DELIRIUM = SectionStyle(
    "bare-part-letters-negated-verbs",
    "Invented guideline on delirium care in adults with brennitis",
    (
        (
            "2.1",
            "Prevention",
            (
                _graded(
                    "2.1.1",
                    None,
                    "We recommend that clinicians do not use physical restraints in adults with brennitis and delirium.",
                    "against strong low",
                    0,
                ),
                _graded(
                    "2.1.2",
                    None,
                    "We suggest that lorvaxin patches not be used for sleep in adults with brennitis.",
                    "against conditional very_low",
                    1,
                ),
                _graded(
                    "2.1.3",
                    None,
                    "We recommend not delaying mobilisation after surgery in adults with brennitis.",
                    "for strong moderate",
                    2,
                ),
            ),
        ),
        (
            "3.1",
            "Drug treatment",
            (
                _graded(
                    "3.1.3",
                    "a",
                    "We suggest a short course of quelpamide for adults with brennitis and agitated delirium.",
                    "for conditional low",
                    0,
                ),
                _graded(
                    "3.1.3",
                    "b",
                    "Dravocet should not be used in patients with brennitis and a long QT interval.",
                    "against strong low",
                    1,
                ),
                _graded(
                    "3.1.3",
                    "c",
                    "We suggest that tamprosin is not offered to adults with brennitis who are already sedated.",
                    "against conditional very_low",
                    2,
                ),
                _graded(
                    "3.1.4",
                    None,
                    "We recommend that clinicians do not stop quelpamide abruptly in adults with brennitis after two weeks of use.",
                    "for strong very_low",
                    0,
                ),
            ),
        ),
    ),
    (("2.1", "2 Prevention and early care"), ("3.1", "3 Treatment")),
    table_first=True,
    bare_parts=True,
    aside=(
        "3.1.3c",
        "(d) The invented panel did not vote on dravocet in children, and parts (a) and (b) above were drafted for"
        " made-up adults only; (c) was added after the fictional public consultation.",
    ),
)
PART_STYLES = (DELIRIUM,)
