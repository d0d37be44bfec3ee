"""A recommendation the text says the guideline has ("its recommendation on rituximab"), on a topic no item of the set covers."""

from __future__ import annotations

import re

from chatbot.answer.english import is_common_english
from chatbot.answer.vocabulary import content_terms
from chatbot.guard.claims import NEGATED, is_cue, sentences
from chatbot.guard.context import GuardContext, function_words
from chatbot.types import GuardFinding

# "has a (dedicated) recommendation on X", "the ASH recommendation about X", "a rec telling clinicians to X": the topic X.
_CLAIMED = re.compile(
    r"\b(?:has|have|had|includes?|contains?|gives?|makes?|issued|there\s+is|there['’]s|an?|the|its|their)\s+"
    r"(?:[\w/+-]+\s+){0,3}?rec(?:ommendation)?s?\s+(?:on|about|regarding|concerning|covering|telling|requiring|advising|saying)\s+"
    r"((?:[^\s.;:!?()]+\s*){1,8})",
    re.IGNORECASE,
)
_CHEAP = re.compile(
    r"rec(?:ommendation)?s?\s+(?:on|about|regarding|concerning|covering|telling|requiring|advising|saying)\s", re.IGNORECASE
)


def claimed_item_findings(text: str, context: GuardContext) -> list[GuardFinding]:
    """unknown_recommendation for each recommendation the text gives the guideline whose topic names a term that none of
    the items' own words, patients or the corpus's common words hold, and that is rare in English ("rituximab", "tramadol")."""
    if not _CHEAP.search(text):
        return []  # a cheap look first: no recommendation named by its topic
    known = context.all_advice_stems | context.population_stems | context.common_stems
    common = function_words()
    findings = []
    for m in _CLAIMED.finditer(text):
        sentence = next((text[a:b] for a, b in sentences(text) if a <= m.start() < b), "")
        if sentence.rstrip().endswith("?") or NEGATED.search(sentence):
            continue  # "Is there a rec on X?", "a rec on X: there isn't one": asked or denied, not claimed
        topic = m.group(1)
        unknown = [
            term
            for term in content_terms(topic)
            if term.lower() not in common
            and not is_cue(term)
            and not is_common_english(term)
            and not context.explains(term)
            and (stems := context.matcher.clause_stems(term))  # a background word ("opioid" in an opioid guideline) names none
            and not stems & known
        ]
        if unknown:
            span = (m.start(1), m.end(1))
            findings.append(
                GuardFinding("unknown_recommendation", f"a recommendation on {', '.join(unknown)}: no item of the set", None, span)
            )
    return findings
