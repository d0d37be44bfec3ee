"""Recommendations a consensus paper states in its running text, unnumbered and ungraded: "The panel recommends ..."."""

from __future__ import annotations

import re

from chatbot.ingest.sentences import sentence_spans

NOT_GRADED = "not graded"  # the label of a statement its publication gives no strength or certainty
# The authors as the subject of a verb of advice: "the panel recommends", "the ELN panel advises", "we suggest".
_ATTRIBUTED = re.compile(
    r"(?<![\w-])(?:(?i:the)\s+(?:[A-Z][A-Za-z]*[A-Z]\s+)?(?i:(?:expert\s+)?(?:panel|committee|task\s+force|working\s+group|"
    r"guideline\s+group|consensus\s+group|writing\s+group))|(?i:we))\s+(?i:(?:also\s+|therefore\s+|strongly\s+)?"
    r"(?:recommends?|suggests?|advises?|endorses?))(?![\w-])"
)
# What may come before the subject in the same statement: nothing, a lone adverb ("Currently, the panel ..."), or a clause
# that ends in a comma ("For adults with X who Y, we suggest ...", "In patients with X, the panel recommends ...").
_OPENING = re.compile(r"^(?:[A-Z][^;:]*,\s*)?$")
_QUOTES = "\"'“”‘’"
_MIN_WORDS = 5


def _quoted(text: str, start: int, end: int) -> bool:
    """Whether the words are quoted (a mention that defines the wording, '("we suggest") means ...'), not advice given."""
    return start > 0 and text[start - 1] in _QUOTES and end < len(text) and text[end] in _QUOTES


def attributed_spans(text: str) -> list[tuple[int, int]]:
    """The sentences (from their subject where a clause comes first) in which the authors recommend, suggest or advise."""
    found = []
    for start, end in sentence_spans(text):
        matches = list(_ATTRIBUTED.finditer(text, start, end))
        if not matches or any(_quoted(text, m.start(), m.end()) for m in matches):
            continue  # a sentence that quotes the wording defines it ('"we suggest" means that the panel recommends ...')
        match = matches[0]
        begin = start if _OPENING.match(text[start : match.start()].strip()) else match.start()
        if len(text[begin:end].split()) >= _MIN_WORDS and "\n" not in text[begin:end].strip():
            found.append((begin, end))
    return found
