"""Shorthand for a hyphenated term ("TMP-SMX") and for a class named by what it inhibits ("ACEi"), read from the pack's text."""

from __future__ import annotations

from pathlib import Path

from test_uncurated_packs import _bot, _pack
from uncurated_pdfs import shorthand_pdf

from chatbot.ingest.normalise import normalise
from chatbot.packs.initialisms import Initialisms

TEXTS = [
    "Give orbiclast-velmidone or kestravir. Orbiclast-velmidone again, and oral-velvet once.",
    "Continue the GLM2 inhibitor; GLM2 inhibitors are kept, as is the XR inhibitor.",
]


def test_each_part_of_a_hyphenated_initialism_spells_the_part_of_the_texts_hyphenated_word() -> None:
    shorthand = Initialisms.from_texts(TEXTS)
    assert shorthand.compound_terms("Add OBC-VMD now") == [(4, 11, "orbiclast-velmidone")]
    assert shorthand.compound_terms("Add OBC-KST now") == []  # no hyphenated word has those parts
    assert shorthand.compound_terms("Add VMD-OBC now") == []  # the parts in the text's order


def test_a_class_with_a_small_i_reads_as_the_texts_inhibitor_of_that_name() -> None:
    shorthand = Initialisms.from_texts(TEXTS)
    assert shorthand.compound_terms("Keep the GLM2i; stop XRis; ABCi?") == [
        (9, 14, "GLM2 inhibitor"),
        (21, 25, "XR inhibitors"),
    ]
    spelled = shorthand.spelled_out("should the GLM2i and OBC-VMD continue during flares")
    assert spelled == "should the GLM2 inhibitor and orbiclast-velmidone continue during flares"


def test_a_rewritten_text_maps_its_new_words_back_to_the_shorthand_as_submitted() -> None:
    rewritten = normalise("Add OBC\u2011VMD now").rewritten([(4, 11, "orbiclast-velmidone")])
    assert rewritten.text == "Add orbiclast-velmidone now"
    assert rewritten.original_span(4, 23) == (4, 11) and rewritten.original_span(24, 27) == (12, 15)


def test_the_guard_reads_shorthand_claims_as_the_statements_they_abbreviate(tmp_path: Path, hashing_model: None) -> None:
    bot = _bot(_pack(tmp_path, shorthand_pdf(), "GL"))
    faithful = bot.check("Continue the GLM2i during glimmer flares (conditional recommendation, low certainty).")
    assert faithful.verdict == "pass", faithful.findings
    flipped = bot.check("The panel recommends adding OBC-VMD to usual care for adults admitted with glimmer pain.")
    assert [(f.kind, f.recommendation_id) for f in flipped.findings] == [("direction_contradiction", "GL-1")], flipped.findings
