"""Reference lists: passages that are citations (journal, volume and pages; doi; PMID; URLs), not guideline text."""

from __future__ import annotations

import re

# "2019;321:1–10", "2014;8(4):e12", "2019;321", "12(3):45", "doi:", a link (one mark, doi.org in it or not), "et al.", "PMID: 123"
_CITATION = re.compile(
    r"\b(?:19|20)\d\d;\s?\d+(?:\(\w+\))?(?::\s?[eE]?\d)?|\b\d+\(\d+\):\d+|https?://\S+|\bdoi[:.]|\bet al\.|\bPMID:?\s?\d*",
    re.IGNORECASE,
)
CITATIONS_PER_100_WORDS = 2.5
MIN_CITATIONS = 3


def is_reference_list(text: str) -> bool:
    """Whether a passage is mostly citations: at least MIN_CITATIONS marks, and CITATIONS_PER_100_WORDS per 100 words."""
    marks = len(_CITATION.findall(text))
    return marks >= MIN_CITATIONS and marks * 100 / len(text.split()) >= CITATIONS_PER_100_WORDS
