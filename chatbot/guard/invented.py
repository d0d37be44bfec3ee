"""unsupported_detail: a dose, duration, threshold or schedule the text attributes to the guideline that neither set nor corpus holds."""

from __future__ import annotations

import re

from chatbot.guard.cited import cited_items
from chatbot.guard.claims import ARROW, Clause, read_clauses, sentences
from chatbot.guard.context import GuardContext
from chatbot.guard.details import Detail, attributed, attributed_detail, details, names_source, unsupported
from chatbot.guard.matching import Match
from chatbot.guard.voice import own_practice
from chatbot.types import GuardFinding

# A detail given as a rule's bound ("caps at 3 days", "a 7-day maximum", "never exceed 120 MME"): only the item itself sets one.
_LIMIT = re.compile(
    r"\b(?:cap(?:s|ped|ping)?|limit(?:s|ed|ing)?|max(?:imum|imal)?|ceiling|at most|no (?:more|longer) than|(?:not|never) (?:to )?exceed\w*)\b",
    re.IGNORECASE,
)
# A negated or avoided excess right before its detail is a bound too ("avoid going above 90 MME", "not for more than 7 days").
_EXCESS = re.compile(
    r"(?:\b(?:not|never|no|avoid\w*)|n[’']t)\s(?:[\w/-]+\s){0,6}?(?:above|over|beyond|(?:more|longer|greater|higher) than)\s+(?=\S)",
    re.IGNORECASE,
)
_DENIED = re.compile(r"(?:\b(?:no|not|never)|n[’']t)(?:\s+[\w-]+){0,2}\s*$", re.IGNORECASE)  # "sets no hard ceiling", "not a cap"
_CONDITION = re.compile(r"\b(?:once|if|when|whenever|unless|until)\b[^,;:()]*", re.IGNORECASE)  # up to the clause's punctuation
_PUBLICATION = re.compile(r"\b(?:publish\w*|appear\w*|releas\w*|announc\w*|came out|online)\b", re.IGNORECASE)
_BETWEEN_EVENTS = re.compile(r"\s+(?:after|before|later|earlier|ahead of)\b", re.IGNORECASE)
NEAR_SHARE = 0.5  # a detail held by an item scoring this share of the best match is that item's, matched second
_CARRIED = re.compile(r"^\W*(?:it|they|this|the (?:guideline|panel|recommendation)s?)\b", re.IGNORECASE)


def _sentences(text: str, context: GuardContext) -> list[tuple[int, int, bool]]:
    """Each sentence's span and whether a pronoun subject carries the previous sentence's attribution ("It also specifies ...")."""
    spans: list[tuple[int, int, bool]] = []
    for start, end in sentences(text):
        # whether the sentence before attributes is asked only of a sentence opening with a pronoun subject (most do not)
        carried = _CARRIED.search(text[start:end]) is not None and bool(spans) and _attributes(text, spans[-1], context)
        spans.append((start, end, carried))
    return spans


def _attributes(text: str, span: tuple[int, int, bool], context: GuardContext) -> bool:
    """Whether a sentence attributes what it says to the guideline, itself or through the one before it."""
    return span[2] or attributed(text[span[0] : span[1]], context.rec_set.domain)


def _cited(clause: str, sentence: str, context: GuardContext) -> list[str]:
    """The item the clause cites by number or id, else the one item its sentence cites ("Rec 7: follow up at 8 weeks")."""
    for words in (clause, sentence):
        cited = list(dict.fromkeys(rec.id for rec in cited_items(words, context.rec_set)))
        if len(cited) == 1:
            return cited
    return []


def _conditions_blanked(text: str) -> str:
    """A text with its details blanked where a condition holds them ("once the dose reaches 90 MME"): they say when, and
    their unit would choose the item that discusses it, not the one whose advice they condition."""
    for detail in details(text):
        if any(m.start() < detail.start < m.end() for m in _CONDITION.finditer(text)):
            text = text[: detail.start] + " " * (detail.end - detail.start) + text[detail.end :]
    return text


_SEGMENT = re.compile(r"→|⇒|->|=>|;|\n")  # where shorthand moves from one item's note to the next


def _by_segment(clause: str, found: list[Detail], context: GuardContext) -> list[tuple[list[str], list[Detail]]]:
    """A clause citing several items ("IR (Rec 3) -> lowest dose (Rec 4) -> follow up in 1-4 wk (Rec 7)"): each detail with the
    one item cited in its own stretch of shorthand, where there is one."""
    bounds = [0, *(m.end() for m in _SEGMENT.finditer(clause)), len(clause)]
    groups: dict[tuple[str, ...], list[Detail]] = {}
    for detail in found:
        start, end = next((a, b) for a, b in zip(bounds, bounds[1:], strict=False) if a <= detail.start < b or b == len(clause))
        cited = _cited(clause[start:end], clause[start:end], context)
        groups.setdefault(tuple(cited), []).append(detail)
    return [(list(ids), details_) for ids, details_ in groups.items()]


def detail_findings(text: str, context: GuardContext) -> list[GuardFinding]:
    """One finding per clause whose details, attributed to the guideline before they are given, the item (or else the corpus) lacks."""
    starts = [d.start for d in details(text)]
    if not starts:
        return []
    sentences = _sentences(text, context)
    domain = context.rec_set.domain
    findings = []
    topic: list[str] = []
    for clause in read_clauses(text, domain):
        if not any(clause.start <= at < clause.end for at in starts):
            continue  # no detail in the clause: nothing to look up
        found = details(clause.text)
        start, end, carried = next((s for s in sentences if s[0] <= clause.start < s[1]), (clause.start, clause.end, False))
        sentence = text[start:end]
        # a detail before a shorthand arrow describes the case ("LBP, 3 days → NSAID")
        given = carried or (attributed_detail(sentence, domain) and names_source(sentence, text[:start], domain))
        found = [d for d in found if given and not ARROW.search(clause.text, d.end)]
        if _PUBLICATION.search(sentence):  # "a day after the guidelines appeared online": between two events, no schedule
            found = [d for d in found if not _BETWEEN_EVENTS.match(clause.text, d.end)]
        if not found or own_practice(clause.text, domain):  # "...; locally we give 10 mg": the unit's dose, not the guideline's
            continue
        topic_words = _conditions_blanked(clause.text)  # "... once the dose reaches 90 MME": the condition chooses no item
        ranked = context.matcher.match(topic_words, share=NEAR_SHARE) or context.matcher.match(clause.text, share=NEAR_SHARE)
        items = [m.rec.id for m in ranked if m.score >= ranked[0].score - 1e-9]
        cited = _cited(clause.text, sentence, context)
        about = cited or items or [m.rec.id for m in context.matcher.match(text[start : clause.end])] or topic
        topic = about
        groups = [(cited, found)]
        if not cited and len(cited_items(clause.text, context.rec_set)) > 1:
            groups = _by_segment(clause.text, found, context)
        for ids, part in groups:
            findings += _unheld(clause, part, ids or about, bool(ids), ranked, context)
    return findings


def _bound(text: str, found: list[Detail]) -> bool:
    """Whether a clause gives a rule's bound: a limit word it does not deny ("not a cap"), or an excess it negates or
    avoids right before one of its details."""
    limits = [m for m in _LIMIT.finditer(text) if not _DENIED.search(text[: m.start()])]
    return bool(limits) or any(m.end() == d.start for m in _EXCESS.finditer(text) for d in found)


def _unheld(
    clause: Clause, found: list[Detail], about: list[str], cited: bool, ranked: list[Match], context: GuardContext
) -> list[GuardFinding]:
    """The finding for the details of a clause that the items it is about (or else the corpus) do not hold."""
    held = context.set_details if about and _bound(clause.text, found) else context.item_details  # a bound the passages only discuss
    near = [m.rec.id for m in ranked] if held is context.item_details and not cited else []  # a cited item stands alone
    supported = frozenset().union(*(held.get(rec_id, frozenset()) for rec_id in [*about, *near])) if about else None
    missing = unsupported(found, supported if supported is not None else context.corpus_details)
    if not missing:
        return []
    said = ", ".join(clause.text[d.start : d.end] for d in missing)
    where = "the item it is about" if about else "the recommendation set or the corpus"
    return [GuardFinding("unsupported_detail", f"{said}: not in {where}", about[0] if about else None, (clause.start, clause.end))]
