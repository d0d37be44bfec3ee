"""A question asking which member of a group to use ('which <group term> product'): only a text naming a member answers it."""

from __future__ import annotations

import re

from chatbot.answer.coverage import Ask
from chatbot.answer.sentences import ask_sentences
from chatbot.packs.synonyms import SynonymGroup, Thesaurus

# 'which', 'what' or "what's", then the words that only frame the choice ('the recommended'), then the group's term.
_WHICH = re.compile(r"\b(?:which|what)(?:'s|\s+is|\s+are)?\s+(?:(?:the|a|an|recommended|preferred|best|favou?red)\s+)*", re.I)
# After the term: the end of the phrase, or one word heading it ('product') and then the end.
_HEAD = re.compile(r"(?:\s+([A-Za-z]+))?(?=\s*(?:[?,;:(\u2014\u2013-]|$|\s+(?:and|or|for|does|do|should|is|are|would|to|in)\b))")


def _key(term: str) -> str:
    return re.sub(r"[\s-]+", "", term.lower())


def member_asks(question: str, thesaurus: Thesaurus, skipped: frozenset[str] = frozenset()) -> tuple[Ask, ...]:
    """Asks for one member of a group the pack names members of ('which CAR T-cell product'), covered by naming one.

    Groups in `skipped` (those found nearly everywhere in the pack) and a phrase headed by a detail noun ('what
    <drug> dose': a detail, read elsewhere) give none.
    """
    specific = {_key(term) for term in thesaurus.specific_terms}
    details = {noun.lower() for detail in thesaurus.detail_requests for noun in detail.nouns}
    found: list[Ask] = []
    for start, end in ask_sentences(question):
        for which in _WHICH.finditer(question, start, end):
            for group in thesaurus.groups:
                members = tuple(p for t, p in zip(group.terms, group.patterns) if _key(t) in specific)
                if group.canonical in skipped or not members:
                    continue
                ask = _asked_member(question, which.end(), end, group, members, specific, details)
                if ask is not None:
                    found.append(ask)
    return tuple(found)


def _asked_member(
    question: str, at: int, end: int, group: SynonymGroup, members: tuple[re.Pattern[str], ...], specific: set[str], details: set[str]
) -> Ask | None:
    """The member ask when the group's general term starts at `at` and heads the what/which phrase."""
    matches = [m for t, p in zip(group.terms, group.patterns) if _key(t) not in specific and (m := p.match(question, at, end))]
    if not matches:
        return None
    longest = max(matches, key=lambda m: m.end())
    head = _HEAD.match(question, longest.end(), end)
    if head is None or (head.group(1) or "").lower().rstrip("s") in details:
        return None
    return Ask(f"which {question[at : head.end()].strip()}", at, head.end(), members=members)
