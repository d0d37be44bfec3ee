"""The guard reads a text's repeated parts once: details remembered per text, one lowercasing per clause, no-opening scans."""

from __future__ import annotations

import re

from chatbot.guard import details as details_module
from chatbot.guard.details import details
from chatbot.packs import scan
from chatbot.packs.scan import Scan

_CLAUSE = "Per the guideline, give 5 mg twice daily for 7 days, then taper by 10% a week."


def test_a_texts_details_are_read_once_and_each_caller_gets_its_own_list() -> None:
    """The second reading of the same clause is a memo hit, and mutating one answer leaves the next intact."""
    details_module._details.cache_clear()
    first = details(_CLAUSE)
    first.clear()
    second = details(_CLAUSE)
    assert details_module._details.cache_info().hits == 1
    assert [(d.key) for d in second] == [("5", "mg"), ("7", "day"), ("10", "%"), ("2", "daily")]


def test_a_long_text_is_read_afresh_with_the_same_details() -> None:
    """Passages longer than the memo's bound are not kept, and are read exactly as a short text is."""
    details_module._details.cache_clear()
    long_text = " ".join([_CLAUSE] * 20)
    assert len(long_text) > details_module._REMEMBERED
    assert len(details(long_text)) == 20 * len(details(_CLAUSE))
    assert details_module._details.cache_info().currsize == 1  # the short clause only


def test_the_rate_period_after_a_measure_is_not_a_schedule() -> None:
    """One pass over the measures still tells a rate's period ('10% a week') from a schedule ('twice daily')."""
    keys = [d.key for d in details("Cut the dose by 10% a week; review twice daily.")]
    assert ("1", "per week") not in keys and ("2", "daily") in keys


def test_a_scan_finds_nothing_where_no_phrase_opens_and_the_same_where_one_does() -> None:
    """With no opening of any part in the text, the indexed scan returns at once; elsewhere it finds what the regex finds."""
    found = Scan(r"(?<![\w-])", ["recommend\\w*", "suggest\\w*", "favou?r\\w*"], r"(?![\w-])", re.IGNORECASE)
    for _ in range(scan.WARM_USES):
        found.search("warm up the scan with a suggestion")
    assert found._automaton is not None
    plain = "The dose stays the same for every patient in this long and quite ordinary sentence."
    assert found._starts(plain, 0, len(plain)) == [] and found.search(plain) is None
    worded = "The panel now RECOMMENDS a lower dose for every patient in this long sentence."
    assert found.search(worded).span() == found.regex.search(worded).span()


def test_a_clause_is_lowercased_once_for_the_patterns_searched_in_a_row() -> None:
    """The same text object asked again gets the remembered lowercase; another text (equal or not) is lowercased anew."""
    text = "Give a Tyrosine Kinase Inhibitor"
    assert scan._lowered(text) == text.lower()
    assert scan._LAST_LOWERED[0][0] is text
    other = "Another CLAUSE"
    assert scan._lowered(other) == "another clause" and scan._LAST_LOWERED[0][0] is other
