"""Options a question weighs against each other, and whether the answering item compares them."""

from __future__ import annotations

import re

from chatbot.answer.coverage import Ask
from chatbot.index.lexical import tokenize
from chatbot.recs.schema import Recommendation

_WEIGHING = r"(?:vs\.?|versus|over|instead of|rather than|compared (?:with|to)|better than)(?!\w)"
# "X and/or Y" joins options rather than weighing them
_CONNECTOR = re.compile(r"\b(?:(?<!and/)or(?!\w)|" + _WEIGHING + ")", re.IGNORECASE)
MAX_WORDS_BETWEEN = 5
MAX_WORDS_AFTER_CONNECTOR = 2  # 'X vs IR Y': a qualifier or two may come between the connector and the second option
# Words that weigh two options whatever else the question says ('X vs Y', 'X over Y') ...
_WEIGHED = re.compile(r"\b" + _WEIGHING, re.IGNORECASE)
# ... and words that make 'X or Y' a choice ('which', 'prefer', 'safer', 'first') rather than a list ('what role do X or Y have').
_CHOICE = re.compile(r"\b(?:which|prefer\w*|favou?r\w*|better|safer|best|first|pick|choose|choice|priority)\b", re.IGNORECASE)
_AGAINST_A_THIRD = re.compile(r"\s*" + _WEIGHING, re.IGNORECASE)  # 'X or Y over Z': both weighed against a third


def compared_options(question: str, asks: tuple[Ask, ...]) -> list[tuple[Ask, Ask]]:
    """Neighbouring asks joined by 'or', 'vs', 'over', 'instead of' ... (synonyms of one term are not options)."""
    pairs = []
    for first, second in zip(asks, asks[1:]):
        between = question[first.end : second.start]
        if not _CONNECTOR.search(between) or len(between.split()) > MAX_WORDS_BETWEEN:
            continue
        if first.group is not None and first.group is second.group and not (first.specific and second.specific):
            continue
        pairs.append((first, second))
    return pairs


def item_side(ask: Ask, rec: Recommendation) -> str:
    """Whether the item's intervention or comparator names the option (empty when neither does)."""
    words = frozenset(re.findall(r"[a-z][a-z0-9]+", f"{rec.intervention} {rec.comparator or ''}".lower()))
    if ask.covered_by(rec.intervention, words):
        return "intervention"
    if rec.comparator and ask.covered_by(rec.comparator, words):
        return "comparator"
    return ""


def _named(ask: Ask) -> str:
    """An option as the summary names it: a field term by its canonical form ('blina' -> its full name)."""
    return ask.group.canonical if ask.group is not None and not ask.specific else ask.text


def asks_to_choose(question: str, first: Ask, second: Ask) -> bool:
    """Whether the question asks which of the two options to prefer ('X vs Y', 'X or Y: which first?'), not about both
    together ('X or Y over Z', 'what role do X or Y have')."""
    if _AGAINST_A_THIRD.match(question, second.end):
        return False
    joining = list(_CONNECTOR.finditer(question, first.end, second.start))
    if joining and len(question[joining[-1].end() : second.start].split()) > MAX_WORDS_AFTER_CONNECTOR:
        return False  # 'X over conventional chemotherapy to reinduce': the second ask is no option set against the first
    return _WEIGHED.search(question, first.end, second.start) is not None or _CHOICE.search(question) is not None


def _written(name: str, text: str) -> bool:
    """Whether the text writes the name as a whole word (an acronym in its capitals: 'ER' in '(ER/LA)', not in 'release')."""
    return re.search(rf"(?<!\w){re.escape(name)}(?!\w)", text, 0 if name.isupper() else re.IGNORECASE) is not None


def _side(ask: Ask, rec: Recommendation) -> str:
    """item_side, or the side whose words include every word of one of the option's names ('short-course regimen'
    in 'a short-course, two-drug ... regimen') or that writes the name as it stands."""
    sides = (("intervention", rec.intervention), ("comparator", rec.comparator or ""))
    if ask.group is None and ask.text.isupper():  # an acronym no field term spells out: only as written
        return next((side for side, text in sides if _written(ask.text, text)), "")
    if side := item_side(ask, rec):
        return side
    names = ask.group.terms if ask.group is not None and not ask.specific else (ask.text,)
    for side, text in sides:
        stems = set(tokenize(text))
        if any(((wanted := set(tokenize(name))) and wanted <= stems) or _written(name, text) for name in names):
            return side
    return ""


def not_compared(question: str, asks: tuple[Ask, ...], rec: Recommendation | None) -> list[tuple[str, str, bool]]:
    """The pairs of options the question compares that the item does not set against each other, each with whether the
    question asks to choose between them."""
    if rec is None:
        return []
    return [
        (_named(first), _named(second), asks_to_choose(question, first, second))
        for first, second in compared_options(question, asks)
        if {_side(first, rec), _side(second, rec)} != {"intervention", "comparator"}
    ]
