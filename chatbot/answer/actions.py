"""What a question asks to be done ('can X be restarted'): checked when its asks are covered only by an item's side text."""

from __future__ import annotations

import re

from chatbot.answer.coverage import Ask, uncovered
from chatbot.answer.sentences import ask_sentences
from chatbot.answer.vocabulary import GENERIC_TERMS

# '<modal> <subject> be <participle>': the action the question asks about (a prefixed verb too: 're-dosed').
_PASSIVE = re.compile(
    r"\b(?:(can|could|should|may|must|will|would|is|are)\s+((?:[\w-]+\s+){0,3}?))?be\s+(?:\w+ly\s+)?((?:[a-z]+-)?[a-z]{4,}(?:ed|en|wn))\b",
    re.I,
)
# Participles that say only that something is done or advised: the item's advice itself answers them.
_PLAIN = frozenset(
    """used given done considered recommended offered preferred treated managed made started continued advised avoided
    included needed taken seen known followed chosen suggested prescribed administered""".split()
)


def actions(question: str) -> tuple[Ask, ...]:
    """The actions the asking sentences name in the passive ('whether asparaginase can be restarted'), plain ones left out."""
    found = []
    for start, end in ask_sentences(question):
        for match in _PASSIVE.finditer(question, start, end):
            modal, subject, verb = match.group(1), (match.group(2) or "").strip(), match.group(3)
            if verb.lower() in _PLAIN or verb.lower() in GENERIC_TERMS:
                continue
            text = f"whether {subject} {modal.lower()} be {verb}" if modal and subject else verb
            found.append(Ask(text, start + match.start(3), start + match.end(3)))
    return tuple(found)


def side_only(asks: tuple[Ask, ...], acts: tuple[Ask, ...], core: str, full: str) -> tuple[Ask, ...]:
    """The actions an item leaves open when it covers some ask only outside its core fields (in a remark, keyword or passage).

    An item that mentions an ask in passing ('to limit pancreatitis') answers a question about doing something
    with it only when it names that doing too.
    """
    if not acts or not asks or not uncovered(asks, core):
        return ()
    return tuple(act for act in acts if uncovered([Ask(act.text.split()[-1], act.start, act.end)], full))
