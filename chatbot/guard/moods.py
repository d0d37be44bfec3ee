"""Forms that change what a clause's cues say: a question left open inside it, a necessity denied, a bare "not routine"."""

from __future__ import annotations

import re

from chatbot.packs.scan import scanned

# What is (not) reported or said ("the strength was not reported"): knowledge, not advice.
_REPORTING = re.compile(
    r"\b(?:was|were|is|are|been|not|never)\s+(?:\w+\s+)?(?:reported|described|stated|published|disclosed)\b", re.IGNORECASE
)
# A source said to leave something unsaid ("the guideline does not name the agents"): what it lacks, not advice.
_UNSAID = re.compile(
    r"\b(?:does|do|did)(?:\s+not|n't)\s+(?:\w+\s+)?(?:say|state|specify|name|list|mention|report|define|detail|give|describe|discuss)\b(?!\s+that\b)"
    r"|\b(?:not|n't)\s+(?:\w+\s+)?(?:recommend|suggest|endorse|favou?r|advise|name|specify)\w*\s+(?:a|any|one)\s+(?:specific|particular|single)\b"
    r"|\b(?:gives?|names?|sets?|specifies|states?|lists?)\s+no\b",  # "the statement gives no fixed number"
    re.IGNORECASE,
)
# A necessity denied ("is not mandated", "don't have to", "isn't a blanket mandate"): permission, not advice against.
_NEGATED_NEED = re.compile(
    r"(?<![\w-])(?:not|(?:do|does|did|is|are|was|were)n[’']t|never)\s+(?:(?:a|an|the|\w+ly)\s+)?(?:\w+\s+)?"
    r"(?:mandat\w*|obligatory|compulsory|required|requirement|have to|has to)(?![\w-])",
    re.IGNORECASE,
)
# A question left open inside a statement ("to work out which patients can skip it", "unclear whether ..."): its words ask.
_OPEN_QUESTION = re.compile(
    r"\b(?:work(?:s|ed|ing)? out|determin\w*|identif\w*|establish\w*|learn\w*|clarif\w*|(?:un|not )(?:known|clear|certain))"
    r"\s+(?:which|whether|who|whom)\b[^,;:.!?()]*",
    re.IGNORECASE,
)
# What a "whether" asks ("four areas: whether to start opioids, ..."): a question, whatever verb governs it.
_WHETHER = re.compile(r"(?<=\bwhether)\s[^,;:.!?()]*", re.IGNORECASE)
# A statement posed for judgement ("True or false: ...", "Quiz - T/F: ..."), and the verdict given after it ("Answer: False").
_POSED = re.compile(r"^\W*(?:quiz\b[^:.]{0,20}?[:.\-—–]\s*)?(?:true or false|T\s*/\s*F)\s*[:?.\-—–]", re.IGNORECASE)
_VERDICT = re.compile(r"^\W*(?:(?:answer|A)\s*[:.\-—–]\s*)?(true|false)\b", re.IGNORECASE)
# "not routine(ly)" as the predicate of shorthand whose only cue is a sign ("CR1 → transplant not routine"): "no routine".
_NOT_ROUTINE = re.compile(r"(?<![\w-])not\s+(?:a\s+)?routine(?:ly)?(?![\w-])", re.IGNORECASE)


def as_advice(text: str, worded: bool) -> str:
    """The text as its cues should be read: open questions blanked; without a worded cue, a bare "not routine" as "no routine"."""
    if not worded and "routine" in text and "not" in text:
        text = _NOT_ROUTINE.sub("no routine", text)
    if "wh" in text:
        text = scanned(_OPEN_QUESTION).sub(" ", text)
    return _WHETHER.sub(" ", text) if "hether" in text else text


def denies_necessity(text: str) -> bool:
    """Whether the text denies a necessity ("not mandated", "doesn't have to"), which leaves the choice open."""
    return ("ot" in text or "n't" in text or "n’t" in text or "ever" in text) and scanned(_NEGATED_NEED).search(text) is not None


def reports_only(text: str) -> bool:
    """Whether the text says what is reported or left unsaid ("the strength was not reported"), not what to do."""
    return scanned(_REPORTING).search(text) is not None or scanned(_UNSAID).search(text) is not None


def posed(sentence: str, after: str) -> str | None:
    """For a statement posed for judgement: "true" or "false" as the verdict given right after it, else "open"; None for others."""
    if not _POSED.match(sentence):
        return None
    verdict = _VERDICT.match(after)
    return verdict.group(1).lower() if verdict else "open"


_ANSWER = re.compile(r"\s*(?:A|Answer)\s*[:\-—–]\s*(?!(?:true|false)\b)", re.IGNORECASE)  # "A: ..." right after a question


def with_answers(text: str, spans: list[tuple[int, int]]) -> list[tuple[int, int]]:
    """Sentence spans with a question and the answer given right after it ("Q: ...? A: 140 mg daily") as one statement."""
    for i in range(len(spans) - 2, -1, -1) if "?" in text else ():
        if text[spans[i][0] : spans[i][1]].rstrip().endswith("?") and _ANSWER.match(text, spans[i + 1][0]):
            spans[i : i + 2] = [(spans[i][0], spans[i + 1][1])]
    return spans
