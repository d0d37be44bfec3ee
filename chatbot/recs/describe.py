"""What an uncurated statement is about, read from its own words: population, intervention and comparator."""

from __future__ import annotations

import re
from dataclasses import dataclass

from chatbot.recs.grading import directive_span

# "In hospitalised adults aged 65 or older, the panel ..." / "For patients already receiving opioids, clinicians ..."
_LEAD = re.compile(r"^(?:In|For|Among|When|Before|After)\s+")
_NEGATION = re.compile(r"^(?:against|not|no)\s+(?:the\s+)?(?:(?:routine\s+)?use\s+of\s+)?", re.IGNORECASE)
_COMPARISON = re.compile(r"\s+(?:over|rather\s+than|instead\s+of|compared\s+with|versus|vs\.?)\s+", re.IGNORECASE)
# What a statement keeps for last resort ("... and only consider opioid therapy if benefits outweigh risks") or rejects
# in a sentence of its own ("Detoxification on its own, without ..., is not recommended"): the option it is weighed against.
_ONLY = re.compile(
    r",?\s+(?:and|but)\s+only\s+(?:consider|use|offer|prescribe|add)\s+(?P<option>.+?)(?=\s+(?:if|when|after|once|unless)\s|[.;]|$)"
)
_REJECTED = re.compile(r"(?<=[.;]\s)(?P<option>[A-Z][^.;]{2,150}?)\s+(?:is|are)\s+not\s+(?:recommended|advised)\b")
# ... or forbids in a passive sentence of its own ("Unless ..., opioid therapy should not be discontinued abruptly").
_NOT_DONE = re.compile(r"(?<=[,.;)]\s)(?P<subject>[A-Za-z][^.;,()]{2,100}?)\s+should\s+not\s+be\s+(?P<done>\w+ed)(?P<how>\s+\w+ly)?\b")
# ... and what the same sentence goes on to forbid in the active voice ("..., and clinicians should not rapidly reduce X").
_NOT_DOING = re.compile(r"\bshould\s+not\s+(?P<action>(?:\w+ly\s+)?(?!be\b)\w+\s[^.;,()]{2,150})")
_MAX_WORDS = 40
# GRADE's "X over Y in adults with ...": the people a comparison is made in close it (English words for people)
_PEOPLE = re.compile(
    r"\s+(?:in|for|among|to)\s+(?P<people>(?:(?:all|most|selected|some|the)\s+)?(?:adults?|patients?|people|persons?|individuals?"
    r"|children|adolescents?|infants?|neonates?|newborns?|women|men|those|pregnant)\b.*)$",
    re.IGNORECASE,
)


@dataclass(frozen=True)
class Description:
    """A statement's parts in its own words; None where the statement does not show them."""

    population: str | None
    intervention: str | None
    comparator: str | None


def _clip(text: str) -> str:
    """At most _MAX_WORDS words, without trailing punctuation."""
    return " ".join(text.split()[:_MAX_WORDS]).rstrip(" ,;:.")


def describe_statement(statement: str) -> Description:
    """Population (a leading "In/For ..., " phrase), intervention (what the directive is about) and comparator ("over ...",
    "and only consider ...", a later "... is not recommended", or what a later sentence says should not be done)."""
    text = " ".join(statement.split())
    directive = directive_span(text)
    if directive is None:
        return Description(None, None, None)
    lead = _LEAD.match(text)
    before = text[: directive[0]]
    population = _clip(before[lead.end() : before.rfind(",")]) if lead and "," in before else None
    action = _NEGATION.sub("", text[directive[1] :].strip())
    if rejected := _ONLY.search(action) or _REJECTED.search(action):
        return Description(population, _clip(action[: rejected.start()]) or None, _clip(rejected.group("option").split(",")[0]) or None)
    if forbidden := _NOT_DONE.search(action):
        option = f"{forbidden.group('subject')} {forbidden.group('done')}{forbidden.group('how') or ''}"
        if more := _NOT_DOING.search(action, forbidden.end()):  # "..., and clinicians should not rapidly reduce X": one more
            option = f"{option} or {_clip(more.group('action'))}"
        sentence = action.rfind(". ", 0, forbidden.start())  # the advice ends with the sentence before the one forbidding
        return Description(population, _clip(action[: sentence if sentence > 0 else forbidden.start()]) or None, _clip(option))
    parts = _COMPARISON.split(action, maxsplit=1)
    intervention = _clip(parts[0]) or None
    comparator = _clip(parts[1]) if len(parts) > 1 else None
    if comparator and (people := _PEOPLE.search(comparator)):  # "over no IV calcium in adults with CKD and ..."
        population = population or _clip(people.group("people"))
        comparator = _clip(comparator[: people.start()])
    return Description(population, intervention, comparator or None)
