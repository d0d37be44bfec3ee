"""Placeholder items (known to exist, content unreported): which ones a clause names, and the findings for giving them content."""

from __future__ import annotations

import re
from functools import lru_cache

from chatbot.answer.vocabulary import content_terms, unseen_terms
from chatbot.guard.citations import cited_item_ids
from chatbot.guard.claims import NEGATED, Clause
from chatbot.guard.context import GuardContext
from chatbot.guard.grades import strength_findings
from chatbot.packs.domain import Domain
from chatbot.recs.schema import Recommendation
from chatbot.types import GuardFinding

_UNREPORTED = re.compile(
    r"\bunreported\b|\bnot (?:yet |been |publicly )*reported (?:\S+ )?recommendations?\b"
    r"|\brecommendations? (?:that|which) (?:were|was|have|has) not (?:\w+ )?(?:been )?(?:\w+ )?reported\b"
    r"|\b(?:remaining|other|unknown) (?:\w+ ){0,2}recommendations\b",
    re.IGNORECASE,
)
# "its strength is unreported": a grading field of a known item left unreported, not an unreported item.
_PROPERTY = re.compile(r"\b(?:strength|certainty|grade|grading|rating|comparator)s?\b[^.;]{0,80}?\bunreported\b", re.IGNORECASE)
# A sentence saying an item's content is unknown ("its content was not publicly reported", "what it covers hasn't been
# described", "content NR"): it names the item by what is missing, and gives it no content.
_CONTENT_DENIED = re.compile(
    r"\b(?:contents?|topics?|subjects?|details?|what (?:it|they) (?:covers?|says?|advises?|(?:is|are) about))\b[^.;:]{0,40}?"
    r"(?:(?-i:\bNR\b)|\bun(?:reported|described|disclosed|published|known)\b"
    r"|(?:\bnot|n[’']t|\bnever)\s+(?:\w+\s+){0,2}?(?:reported|described|published|public|publicly|disclosed|detailed|known)\b)",
    re.IGNORECASE,
)
_RESEARCH_ONLY = re.compile(r"research[- ]only|only (?:with)?in (?:the context of )?research", re.IGNORECASE)


def named_placeholders(text: str, context: GuardContext) -> list[Recommendation | None]:
    """Placeholder items a clause names: by id, the research-only item by name, unreported ones as None."""
    named: list[Recommendation | None] = [
        rec
        for _, _, item_id in cited_item_ids(text, context.rec_set.domain)
        if (rec := context.rec_set.get(item_id)) and rec.is_placeholder
    ]
    if _RESEARCH_ONLY.search(text):
        named += [rec for rec in context.rec_set.items if rec.kind == "research_only"]
    if _UNREPORTED.search(text) and not named and not _PROPERTY.search(text):
        named.append(None)
    return named


def placeholder_findings(placeholders: list[Recommendation | None], clause: Clause) -> list[GuardFinding]:
    """One finding per placeholder item a clause gives content to."""
    message = "the text asserts content for an item whose content was not reported; only the official publication holds it"
    span = (clause.start, clause.end)
    findings = [GuardFinding("placeholder_content", message, rec.id if rec else None, span) for rec in dict.fromkeys(placeholders)]
    return findings + [f for rec in dict.fromkeys(placeholders) if rec for f in strength_findings(clause.strength, rec, span)]


# Words that describe an item's existence, reporting or place in the publication, not its content.
_META_WORDS = frozenset(
    """reported unreported report content topic exists exist known unknown publicly public research only remaining
    recommendation recommendations item items guideline guidelines contains contain plus official publication published
    publications whose one two three four five six seven eight nine ten""".split()
)
ABOUT = re.compile(
    r"\b(?:is|are) (?:all |mostly |mainly )?about\b|\bconcerns?\b|\bcovers?\b|\baddress(?:es)?\b|\bdeals? with\b|\bfocus(?:es)? on\b",
    re.IGNORECASE,
)


@lru_cache(maxsize=16)
def _meta(domain: Domain) -> frozenset[str]:
    """Words naming no content: existence and reporting words, the parts, and the words of the guideline's facts (issuer, journal)."""
    sheet = domain.facts
    named = [*sheet.names, *sheet.journals, *sheet.institutions, *(a.name for a in sheet.authors)]
    phrases = [p for part in domain.parts.values() for p in part.phrases]
    words = {w.lower() for text in [*named, *phrases] for w in re.findall(r"[A-Za-z]+", text)}
    return _META_WORDS | set(domain.parts) | words


def content_denied(sentence: str) -> bool:
    """Whether a sentence says the content of what it names is unreported ("its topic hasn't been described")."""
    return _CONTENT_DENIED.search(sentence) is not None


def asserts_content(clause: Clause, context: GuardContext, by_id: bool = False) -> bool:
    """Whether a clause says what an item advises or is about (a therapy or procedure), beyond that it exists.

    An item named by its id ("X-unreported-05 is the item on ...") is given content by any topic word, unless negated.
    """
    domain = context.rec_set.domain
    ids = {item_id for _, _, item_id in cited_item_ids(clause.text, domain)}
    topical = [term for term in content_terms(clause.text) if term.lower() not in _meta(domain) and term not in ids]
    if by_id:
        return bool(topical) and NEGATED.search(clause.text) is None
    therapy = bool(context.thesaurus.matching_groups(clause.text)) or bool(unseen_terms(clause.text, context.vocabulary, context.thesaurus))
    claims = clause.direction in ("for", "against") or ABOUT.search(clause.text) is not None
    return claims and bool(topical) and (therapy or bool(context.matcher.match(clause.text)))
