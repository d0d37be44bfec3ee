"""Issue 16's forms: a part printed with its bare letter "(b) ..." after the part before it, and direction against written
as a negated verb after "that" ("we suggest that X not be used"), in every house style (invented wording)."""

from __future__ import annotations

import dataclasses
from pathlib import Path

import pytest
from house_style_pdfs import Style, house_pdf
from house_styles import STYLES
from test_house_styles import _found

from chatbot.recs.extraction import extract_recommendations
from chatbot.recs.grading import direction_from_wording
from chatbot.recs.schema import Direction
from chatbot.types import Document, DocumentKind, PageSpan

# (statement, direction, strength, certainty): every against is a negated verb after "that" or "should"
NEGATED = (
    ("For children with duskpox and a rash, we suggest that lanotrin patches not be used.", "against", "conditional", "low"),
    ("We recommend that clinicians do not use physical restraints in children with duskpox.", "against", "conditional", "very_low"),
    ("In children with relapsed duskpox, we suggest that oxabrine is not offered before tolmicide.", "against", "strong", "moderate"),
    ("We recommend that clinicians do not stop pelvatrin abruptly in children with duskpox.", "for", "strong", "high"),
)


def _document(text: str) -> Document:
    return Document("g", "g", DocumentKind.OFFICIAL, "g.md", text, "0" * 64, pages=(PageSpan(1, 0, len(text)),))


@pytest.mark.parametrize(
    ("statement", "direction"),
    [
        ("We suggest that transdermal lanotrin patches not be used in adults.", Direction.AGAINST),
        ("We recommend that clinicians do not use physical restraints.", Direction.AGAINST),
        ("We suggest that oxabrine is not offered to adults with corvitis.", Direction.AGAINST),
        ("We suggest that adults with corvitis are not given oxabrine.", Direction.AGAINST),
        ("We suggest that transdermal lanotrin (velocaine) patches not be used in adults.", Direction.AGAINST),
        ("We recommend that older adults with new corvitis not be given oxabrine.", Direction.AGAINST),
        ("We suggest that oxabrine should not be offered.", Direction.AGAINST),
        ("Oxabrine should not be used in adults with corvitis.", Direction.AGAINST),
        ("We recommend that clinicians not use restraints.", Direction.AGAINST),
        # a negated stop, delay or withholding: for the thing not stopped, delayed or withheld
        ("We recommend that clinicians do not stop pelvatrin abruptly.", Direction.FOR),
        ("We recommend not delaying surgery in adults with corvitis.", Direction.FOR),
        ("Do not delay velcomycin in adults with corvitis and shock.", Direction.FOR),
        ("We recommend that velcomycin is not withheld in shock.", Direction.FOR),
        # the publication's own "against", and a modal "should not stop", stay against: they name the stop as the action
        ("We recommend against withholding velcomycin in shock.", Direction.AGAINST),
        ("Clinicians should not stop pelvatrin during a mild fever.", Direction.AGAINST),
        # a negation inside the subject or "not only" gives no direction against
        ("We recommend that patients who are not eligible receive pelvatrin.", Direction.FOR),
        ("We suggest that pelvatrin is not only offered in hospital.", Direction.FOR),
    ],
)
def test_a_negated_verb_after_that_advises_against_unless_it_negates_a_stop_or_delay(statement: str, direction: Direction) -> None:
    assert direction_from_wording(statement) is direction


@pytest.mark.parametrize("style", STYLES, ids=[style.name for style in STYLES])
def test_negated_verbs_advise_against_in_every_house_style(style: Style, tmp_path: Path) -> None:
    pdf = house_pdf(dataclasses.replace(style, statements=NEGATED))
    found = _found(pdf, tmp_path)
    for expected in pdf.expected:
        assert found[(expected.number, expected.part)][2] == expected.direction, (style.name, expected.number, expected.statement)


def test_a_bare_part_letter_continues_a_plainly_numbered_statement_and_needs_a_grade_of_its_own() -> None:
    text = (
        "Recommendation 7a. We suggest pelvatrin for adults with corvitis (conditional recommendation, low certainty).\n\n"
        "The panel weighed (b) the costs and (c) the harms.\n\n"
        "(b) We recommend that clinicians do not use oxabrine in adults with corvitis (strong recommendation, moderate certainty).\n\n"
        "(c) The panel did not grade oxabrine in children.\n\n"
        "12a We suggest tolmicide for adults with corvitis. This is a conditional recommendation based on low-certainty evidence.\n\n"
        "(b) Renquil should not be used in adults with corvitis. The panel made a strong recommendation; the certainty of the"
        " evidence was rated high.\n\n"
        "(d) Renquil should not be used in children. This is a strong recommendation based on low-certainty evidence.\n\n"
        "End.\n"
    )
    items = extract_recommendations(_document(text), consensus=True)
    got = [(item.number, item.part, item.direction.value, item.strength.value, item.statement.split()[0]) for item in items]
    assert got == [
        (7, "a", "for", "conditional", "We"),
        (7, "b", "against", "strong", "We"),
        (12, "a", "for", "conditional", "We"),
        (12, "b", "against", "strong", "Renquil"),
    ]
