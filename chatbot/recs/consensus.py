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
_OPENING = re.compile(r"^(?:[A-Z][a-z]+,\s*)?$")  # a lone adverb before the subject ("Currently, the panel ...")
_MIN_WORDS = 5


def attributed_spans(text: str) -> list[tuple[int, int]]:
    """The sentences (from their subject where a clause comes first) in which the authors recommend, suggest or advise."""
    found = []
    for start, end in sentence_spans(text):
        match = _ATTRIBUTED.search(text, start, end)
        if match is None:
            continue
        begin = start if _OPENING.match(text[start : match.start()].strip()) else match.start()
        if len(text[begin:end].split()) >= _MIN_WORDS and "\n" not in text[begin:end].strip():
            found.append((begin, end))
    return found
