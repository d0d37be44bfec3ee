"""Whose words a clause is: the guideline's (attributed), or the writer's and their unit's own practice; and the guideline's names."""

from __future__ import annotations

import re
from functools import lru_cache

from chatbot.guard.details import cites_guideline
from chatbot.packs.domain import Domain

# The writer or their own unit as the actor or owner: "we", "our order set", "I", "my", "locally", "institutional".
_LOCAL = re.compile(
    r"(?<![\w'’-])(?<!type )(?<!grade )(?<!phase )(?<!stage )(?<!class )(?:I|(?i:we|our|ours|my|locally|institutional(?:ly)?|in-house))"
    r"(?![\w'’-])|(?<![\w-])us(?![\w-])",
)
# A source that is the writer's own ("per local protocol", "according to our SOP"): no citation of the guideline.
_LOCAL_SOURCE = re.compile(
    r"\b(?:per|according to|as per|following)\s+(?:the\s+)?(?:our|my|local|institutional|in-house|unit|hospital|departmental)\b[\w\s/-]{0,40}",
    re.IGNORECASE,
)

# A verb that reports what some source says ("our newsletter says the update favours ..."): a claim about a source's content.
_REPORTS = re.compile(r"\b(?:says?|said|states?|stated|writes?|wrote|reports?|reported|claims?|claimed)\b", re.IGNORECASE)

# A recommendation or its grade named in the clause ("we review the strong recommendation for X"): the guideline's content.
_GRADED = re.compile(r"\brecommendations?\b|\b(?:strong|conditional)(?:ly)?\b|\bcertainty\b|\bcategory\b", re.IGNORECASE)


def local_voice(text: str) -> bool:
    """Whether a clause speaks as the writer or their unit ("we give", "our order set uses", "locally")."""
    return _LOCAL.search(text) is not None


def own_practice(clause_text: str, domain: Domain) -> bool:
    """Whether a clause states the writer's or their unit's own practice: its own voice, and no guideline cited in the clause
    itself (an attribution elsewhere in the sentence covers its own clause, not this one; "our newsletter says ..." reports one)."""
    if not local_voice(clause_text):
        return False
    unlocal = _LOCAL_SOURCE.sub(" ", clause_text)
    return not cites_guideline(unlocal, domain) and _REPORTS.search(unlocal) is None and _GRADED.search(unlocal) is None


@lru_cache(maxsize=16)
def _guideline_names(domain: Domain) -> re.Pattern[str] | None:
    """A part's name used as a guideline's name ("ASH R/R guideline", "(ASH 2026 R/R)", "the R/R guideline"), and item ids."""
    issuers = "|".join(f"(?:{n})" for n in domain.facts.names)
    parts = "|".join(f"(?:{p})" for part in domain.parts.values() for p in part.phrases)
    prefixes = "|".join(sorted({re.escape(p.id_prefix) for p in domain.parts.values() if p.id_prefix}))
    if not parts and not prefixes:
        return None
    named = []
    if parts and issuers:
        named.append(rf"(?<![\w-])(?:{issuers})(?:['’]s)?(?:\s+(?:19|20)\d\d)?\s+(?:{parts})(?:\s+guidelines?)?(?![\w-])")
    if parts:
        named.append(rf"(?<![\w-])(?:{parts})\s+(?:guidelines?|panels?)(?![\w-])")
    if prefixes:
        named.append(rf"\b(?:{prefixes})-[a-z0-9]+(?:-[a-z0-9]+)*\b")
    return re.compile("|".join(named), re.IGNORECASE)


@lru_cache(maxsize=2048)
def names_blanked(text: str, domain: Domain) -> str:
    """The text with the names of the guideline's parts (as guideline names) and its item ids blanked, same length: they name
    a publication or an item, not the patients ("as the R/R guideline advises ..." says nothing of a relapse)."""
    pattern = _guideline_names(domain)
    return pattern.sub(lambda m: " " * len(m.group(0)), text) if pattern else text
