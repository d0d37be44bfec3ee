"""Normalisation: ligatures, glyph names, whitespace and line-end hyphens."""

from __future__ import annotations

from collections import Counter

from chatbot.ingest.text import (
    join_line_end_hyphens,
    keep_line_end_hyphen,
    normalize_text,
    normalize_whitespace,
    replace_glyph_names,
    replace_ligatures,
    word_counts,
)

WORDS = frozenset({"recommendation", "immediate", "release", "long", "term", "population", "the", "dose"})


def test_ligature_code_points_are_spelled_out() -> None:
    assert replace_ligatures("\ufb01rst \ufb02ow e\ufb00ect o\ufb03ce ba\ufb04e \ufb05 \ufb06") == ("first flow effect office baffle ft st")


def test_glyph_name_artifacts_become_letters_or_vanish() -> None:
    assert replace_glyph_names("identi/uniFB01ed") == "identified"
    assert replace_glyph_names("/f_irst and e/f_fect") == "first and effect"
    assert replace_glyph_names("a/C21b") == "ab"
    assert replace_glyph_names("path /usr/bin stays") == "path /usr/bin stays"


def test_whitespace_oddities_are_made_plain() -> None:
    raw = "a\u00a0b\u2009c\u200bd\te   f\u00adg  \nnext line\n\n\n\nlast"
    assert normalize_whitespace(raw) == "a b cd e fg\nnext line\n\nlast"


def test_curly_quotes_and_dashes_are_kept() -> None:
    text = "“Dose” isn’t ‘low’ — 1–4 weeks"
    assert normalize_text(text) == text


def test_broken_word_is_joined_by_dictionary() -> None:
    assert join_line_end_hyphens("a recom-\nmendation here", Counter(), WORDS) == "a recommendation here"


def test_compound_of_two_words_keeps_its_hyphen() -> None:
    assert join_line_end_hyphens("use immediate-\nrelease forms", Counter(), WORDS) == "use immediate-release forms"
    assert join_line_end_hyphens("a long-\nterm plan", Counter(), WORDS) == "a long-term plan"


def test_document_vocabulary_wins_over_the_dictionary() -> None:
    joined_elsewhere = "the dose-\nfinding study and a dosefinding trial"
    assert join_line_end_hyphens(joined_elsewhere, None, WORDS) == "the dosefinding study and a dosefinding trial"
    hyphenated_elsewhere = "a recommen-\ndation and a recommen-dation"
    assert join_line_end_hyphens(hyphenated_elsewhere, None, WORDS) == "a recommen-dation and a recommen-dation"


def test_capitalised_or_acronym_parts_keep_the_hyphen() -> None:
    assert keep_line_end_hyphen("non", "Hodgkin", Counter(), WORDS)
    assert keep_line_end_hyphen("BCR", "ABL", Counter(), WORDS)


def test_word_counts_ignore_words_broken_at_line_end() -> None:
    counts = word_counts("recom-\nmendation and long-term care")
    assert counts["long-term"] == 1
    assert counts["recom"] == 0 and counts["mendation"] == 0


def test_real_dictionary_joins_common_words() -> None:
    assert join_line_end_hyphens("the popu-\nlation grew") == "the population grew"
