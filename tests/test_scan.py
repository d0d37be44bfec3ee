"""One-scan searches (chatbot/packs/scan.py, chatbot/packs/termscan.py) find exactly what the plain regex search finds."""

from __future__ import annotations

import importlib
import json
import re
from functools import cache
from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from chatbot.guard import cues
from chatbot.packs import scan
from chatbot.packs.scan import Scan, alternatives, needed_words, openings
from chatbot.packs.synonyms import load_thesaurus

ROOT = Path(__file__).resolve().parent.parent
FAMILIES = {
    "for": cues.FOR,
    "against": cues.AGAINST,
    "cue": cues.FOR + cues.AGAINST,
    "negation": cues.NEGATIONS,
    "scope": cues.SCOPE,
    "strong": cues.STRONG,
    "conditional": cues.CONDITIONAL,
}


@cache
def _labelled_texts() -> tuple[str, ...]:
    """The texts of the labelled guard sets, and each lowercased and uppercased."""
    texts: list[str] = []
    for path in sorted((ROOT / "eval").glob("heldout*/guard-*.jsonl")) + sorted((ROOT / "eval" / "guard").glob("*.jsonl")):
        for line in path.read_text(encoding="utf-8").splitlines():
            if line.strip():
                text = json.loads(line)["text"]
                texts += [text, text.lower(), text.upper()]
    return tuple(texts)


def _indexed(found: Scan) -> Scan:
    """The scan with its parts indexed now (not after its first searches) and the fast path taken on texts of any length."""
    while found._pending is not None:
        found._used()
    found._shortest = 0
    return found


@cache
def _scan(family: str) -> Scan:
    """The family's scan, indexed."""
    return _indexed(Scan(r"(?<![\w-])", FAMILIES[family], r"(?![\w-])", re.IGNORECASE))


def _same(found: Scan, text: str) -> None:
    """search, finditer (also within bounds), findall and sub agree with the plain pattern's."""
    plain = found.regex
    assert [m.span() for m in found.finditer(text)] == [m.span() for m in plain.finditer(text)], text
    assert found.sub(" ", text) == plain.sub(" ", text)
    assert found.findall(text) == plain.findall(text)
    middle = len(text) // 3
    assert [m.span() for m in found.finditer(text, middle, 2 * middle)] == [m.span() for m in plain.finditer(text, middle, 2 * middle)]
    ours, theirs = found.search(text, middle), plain.search(text, middle)
    assert (ours and ours.span()) == (theirs and theirs.span())


@pytest.mark.parametrize("family", sorted(FAMILIES))
def test_cue_families_find_what_the_regex_finds_on_every_labelled_text(family: str) -> None:
    """Every labelled guard text (as written, lowercased, uppercased): the same matches, in the same places."""
    found = _scan(family)
    assert found._automaton is not None  # the family is searched from its openings
    for text in _labelled_texts():
        _same(found, text)


_PIECES = ["should", "not", "avoid", "ing", "recommend", "suggest", "ed", "the panel", "against", "ASH", "no need", " ", "  ", "-", ",",
           "→", "✘", "isn't", "weakly", "only in", "per the guideline", "é", "ı", "e.g.", "X"]  # fmt: skip


@settings(max_examples=300, deadline=None)
@given(pieces=st.lists(st.sampled_from(_PIECES), max_size=25))
def test_cue_families_agree_on_generated_texts(pieces: list[str]) -> None:
    """Texts made of cue fragments glued in any order, ASCII or not."""
    text = "".join(pieces)
    for family in FAMILIES:
        _same(_scan(family), text)


def test_what_a_phrase_opens_with_and_needs() -> None:
    """Openings are read through optional words, lookbehinds and classes; a phrase opening on any word gives none."""
    assert openings(r"(?:as )?per (?:the )?guidelines?", re.IGNORECASE) == {"as p", "per "}
    assert openings(r"(?<!to )avoid\w*", re.IGNORECASE) == {"avoi"}
    assert openings(r"[✔✓]") == {"✔", "✓"}
    assert openings(r"\w+n't") is None and openings(r"(?:x)?") is None
    assert needed_words(r"(?:not|\w+n't) (?:something|the (?:option|choice))", re.IGNORECASE) == {"something", "option", "choice"}


def test_a_scan_whose_phrases_open_anywhere_is_searched_as_usual() -> None:
    """No opening to look for (a phrase opening on any word character): the plain pattern, unchanged."""
    found = _indexed(Scan("", [r"\w+ing"], ""))
    assert found._automaton is None and found.findall("seeing is believing") == ["seeing", "believing"]


@pytest.mark.parametrize("pack", ["corpus", "packs/cdc-opioids-2022", "packs/eln-cml-2020"])
def test_thesaurus_groups_found_in_one_scan_are_those_each_term_pattern_finds(pack: str) -> None:
    """For every labelled text and its fragments: the groups found are those with a term whose own pattern matches."""
    thesaurus = load_thesaurus(ROOT / pack)
    for text in _labelled_texts()[::6]:
        words = text.split()
        for piece in (text, " ".join(words[1:6]), "-".join(words[2:5]), "/".join(words[:3])):
            expected = [group for group in thesaurus.groups if group.found_in(piece)]
            assert thesaurus.groups_in(piece) == tuple(expected), piece


_SCANNED = {  # the module patterns the guard searches through `scanned`
    "chatbot.guard.claims": ["_CLAUSE_BREAK", "_CONTRAST", "_UNNEGATED", "_CERTAINTY", "_WITHOUT", "_PREFER_TO"],
    "chatbot.guard.moods": ["_REPORTING", "_UNSAID", "_NEGATED_NEED", "_OPEN_QUESTION"],
    "chatbot.guard.check": ["_ACTION"],
    "chatbot.guard.advice": ["ANAPHOR", "_METHOD", "_RESEARCH_CALL", "_PRONOUN", "_ABOUT_ITEMS"],
    "chatbot.guard.facts": ["_COUNT", "_SUBSET", "_TOTAL", "_AGENT", "_DATED", "_PUBLISHED", "_AUTHOR_CUE", "_AGE_RANGE"],
    "chatbot.recs.population": ["_DECADE"],
}


@pytest.mark.parametrize("module", sorted(_SCANNED))
def test_scanned_module_patterns_find_what_they_find_as_compiled(module: str) -> None:
    """Each pattern, cut at its top-level bars and searched from one scan, matches as the compiled pattern does (groups too)."""
    patterns = [getattr(importlib.import_module(module), name) for name in _SCANNED[module]]
    for pattern in patterns:
        found = _indexed(Scan("", alternatives(pattern.pattern), "", pattern.flags))
        for text in _labelled_texts()[::2]:
            assert [(m.span(), m.groups()) for m in found.finditer(text)] == [(m.span(), m.groups()) for m in pattern.finditer(text)]
            assert found.sub(" ", text) == pattern.sub(" ", text), (pattern.pattern, text)


def test_alternatives_are_cut_at_top_level_bars_only() -> None:
    """Bars inside groups, classes and escapes stay inside their alternative."""
    assert alternatives(r"a|b(c|d)|[|]|x\|y|[]|]z") == ["a", "b(c|d)", "[|]", r"x\|y", "[]|]z"]


def test_age_patterns_find_what_they_find_as_compiled() -> None:
    """The numeric age patterns, each searched through `scanned` (a word every match needs, or openings): the same first match."""
    from chatbot.recs.population import _AGE_COMPILED

    for pattern in _AGE_COMPILED:
        found = _indexed(Scan("", alternatives(pattern.pattern), "", pattern.flags))
        for text in _labelled_texts()[::2]:
            ours, theirs = found.search(text), pattern.search(text)
            assert (ours and (ours.span(), ours.groups())) == (theirs and (theirs.span(), theirs.groups())), (pattern.pattern, text)


def test_a_pattern_is_indexed_once_it_is_in_use() -> None:
    """A cold command's few searches go to the plain pattern; the parts are indexed at the WARM_USES-th search."""
    found = Scan(r"(?<![\w-])", cues.FOR, r"(?![\w-])", re.IGNORECASE)
    text = "The panel recommends adding a tyrosine kinase inhibitor to frontline therapy for these patients."
    for _ in range(scan.WARM_USES - 1):
        assert found.search(text) is not None and found._automaton is None
    assert found.search(text).span() == found.regex.search(text).span() and found._automaton is not None


class _CountingPattern:
    """A compiled pattern that counts the whole-text searches made with it (a match at one place is not counted)."""

    def __init__(self, regex: re.Pattern[str]) -> None:
        self.inner, self.searches = regex, 0

    def search(self, *args: object) -> re.Match[str] | None:
        self.searches += 1
        return self.inner.search(*args)  # type: ignore[arg-type]

    def match(self, *args: object) -> re.Match[str] | None:
        return self.inner.match(*args)  # type: ignore[arg-type]


def test_a_text_with_arrows_or_accents_is_searched_from_the_openings_unless_a_letter_folds_apart() -> None:
    """Shorthand's arrows and accented words line up with their lowercase: the openings are searched, with the regex's matches;
    a dotless i or long s (which IGNORECASE matches with i and s, and lower() does not) sends the text to the plain pattern."""
    found = _indexed(Scan(r"(?<![\w-])", cues.FOR, r"(?![\w-])", re.IGNORECASE))
    plain, counting = found.regex, _CountingPattern(found.regex)
    found.regex = counting  # type: ignore[assignment]
    for text in ["Café note: low back pain → the panel recommends naproxen first.", "Naïve patients → SUGGESTED: start low."]:
        assert (found.search(text) or plain.search("")).span() == (plain.search(text) or plain.search("")).span()
    assert counting.searches == 0
    text = "The panel ſuggests a ſhort course → then stop."
    assert (found.search(text) or plain.search("")).span() == (plain.search(text) or plain.search("")).span() != (0, 0)
    assert counting.searches == 1
