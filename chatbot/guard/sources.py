"""Findings about what a text cites: quotations not found verbatim, recommendation numbers and ids the set lacks."""

from __future__ import annotations

import re
from dataclasses import replace
from functools import lru_cache

from rapidfuzz import fuzz, process

from chatbot.guard.citations import CitedNumber, cited_item_ids, cited_numbers
from chatbot.guard.claimed import claimed_item_findings
from chatbot.guard.claims import sentences
from chatbot.guard.context import GuardContext, part_counts, squash
from chatbot.guard.quotations import QuotedText, quoted_texts
from chatbot.recs.schema import GOOD_PRACTICE_PART, Recommendation
from chatbot.types import Document, GuardFinding, Quote

QUOTED_PHRASE = 2  # quoted words this many or more are given as the guideline's own, however short ('calls it "universal TKI therapy"')
ALTERED_SIMILARITY = 80.0  # a quote this close to a passage (partial ratio, %) is that passage altered, not made up


def _quoted_item(text: str, quoted: QuotedText, context: GuardContext) -> str | None:
    """The item a quotation is presented as when a recommendation number is cited just before it ('Rec 6 says "..."')."""
    lead = text[max(0, quoted.start - 60) : quoted.start]
    numbers = cited_numbers(lead, context.rec_set.domain)
    cited = [rec.id for n in numbers[-1:] for rec in context.rec_set.items if n.names(rec)]
    return cited[0] if len(cited) == 1 else None


def _claimed_item(text: str, quoted: QuotedText, context: GuardContext) -> str | None:
    """The one item the sentence presenting a quotation is about, else the one its quoted words are about.

    A made-up quote resembles no passage, but the words around it name the topic it is given for
    ('Per ASH, MRD is "the single most important marker"').
    """
    sentence = next((text[start:end] for start, end in sentences(text) if start <= quoted.start < end), quoted.text)
    for words in (sentence, quoted.text):
        matches = context.matcher.match(words)
        if len(matches) == 1:
            return matches[0].rec.id
    return None


_SEPARATOR = "\x00"  # between passages in the corpus text: a quote without it lies within one passage


def _verbatim(wanted: str, context: GuardContext) -> bool:
    """Whether some passage holds the quote as written (one search of the joined corpus when the quote holds no separator)."""
    if wanted and _SEPARATOR not in wanted:
        return bool(context.squashed) and wanted in context.corpus_text
    return any(wanted in body for body in context.squashed)


_LONG_WORD = re.compile(r"[a-z]{5,}")


@lru_cache(maxsize=4)
def _lowered(bodies: tuple[str, ...]) -> tuple[str, ...]:
    """The passages lowercased, once per corpus."""
    return tuple(body.lower() for body in bodies)


def _closest(wanted: str, bodies: tuple[str, ...]) -> tuple[float, int]:
    """The highest partial ratio of the quote with a passage, and that passage's position (the last of equals); (0, -1) for none.

    Only passages sharing one of the quote's longer words are scored (any passage when none does): a passage that holds
    none of its words is neither its source nor the closest to it, and fuzzy scoring every passage is the guard's dearest step.
    """
    words = set(_LONG_WORD.findall(wanted.lower()))
    lowered = _lowered(bodies)
    shortlist = [i for i, body in enumerate(lowered) if any(word in body for word in words)] or list(range(len(bodies)))
    candidates = [bodies[i] for i in shortlist]
    best = process.extractOne(wanted, candidates[::-1], scorer=fuzz.partial_ratio)  # reversed: the first best found is the last
    return (best[1], shortlist[len(candidates) - 1 - best[2]]) if best is not None else (0.0, -1)


def _misattributed(text: str, quoted: QuotedText, variants: tuple[str, str], context: GuardContext) -> GuardFinding | None:
    """A verbatim quotation given as one item's ('Rec 4 says "..."') that only other items' passages hold."""
    cited = _quoted_item(text, quoted, context)
    if cited is None:
        return None
    owners = {context.passages[i].recommendation_id for i, body in enumerate(context.squashed) if any(v in body for v in variants)}
    if not owners or None in owners or cited in owners:
        return None  # also held by a passage of no item (a summary), or by the cited item's own: no misattribution shown
    holders = ", ".join(sorted(o for o in owners if o))
    return GuardFinding(
        "unverifiable_quote", f"found verbatim only in the passages of {holders}, not {cited}", cited, (quoted.start, quoted.end)
    )


def quote_findings(text: str, context: GuardContext) -> list[GuardFinding]:
    """A finding for each quotation not found verbatim, naming the closest passage and its similarity."""
    findings = []
    for quoted in quoted_texts(text, min_words=QUOTED_PHRASE):
        wanted = squash(quoted.text).strip(" .,;")
        variants = (wanted, wanted[:1].swapcase() + wanted[1:])
        if any(_verbatim(variant, context) for variant in variants):
            if misattributed := _misattributed(text, quoted, variants, context):
                findings.append(misattributed)
            continue  # a quotation opening a sentence may capitalise the passage's first word
        similarity, position = _closest(wanted, context.squashed)
        closest = context.passages[position] if position >= 0 else None
        where = f"closest passage {closest.id} (similarity {similarity:.0f}%)" if closest else "the corpus is empty"
        passage_item = closest.recommendation_id if closest else None
        if similarity >= ALTERED_SIMILARITY:  # a real passage's words, altered: the item is that passage's
            about = _quoted_item(text, quoted, context) or passage_item
        else:  # words no passage holds: the item whose topic they claim
            about = _quoted_item(text, quoted, context) or _claimed_item(text, quoted, context) or passage_item
        findings.append(GuardFinding("unverifiable_quote", f"not found verbatim in the corpus; {where}", about, (quoted.start, quoted.end)))
    return findings


def _unknown_citation(cited: CitedNumber, limit: int, numbered: list[Recommendation], declared: bool) -> str | None:
    """Why a cited number names no item: past the declared count, none of the publication's numbers, or a letter part it lacks."""
    where = cited.guideline.replace("_", "/") if cited.guideline else "either guideline"
    written = cited.printed or cited.number  # "4.3b" as written, not its first component
    if not limit:
        return None
    if declared and not 1 <= cited.number <= limit:
        return f"recommendation {cited.number} does not exist in {where} (it has {limit})"
    if not declared and not any(cited.names(r, any_part=True) for r in numbered):  # the publication may start from 7
        return f"recommendation {written} is not among the numbers of {where}"
    if cited.letter and not any(cited.names(r) for r in numbered):
        return f"recommendation {written} has no part {cited.letter} in {where}"  # 'Rec. 7c' when 7 has parts a and b
    return None


def _cited_id(cited: CitedNumber, numbered: list[Recommendation]) -> str | None:
    """The id the set's numbering gives a cited number ("R-21"), when each of its numbered items is named by prefix,
    number and part ("R-7a"); else None (ids named by topic say nothing of an id that does not exist)."""
    items = [r for r in numbered if r.number is not None and cited.guideline in (None, r.guideline)]
    prefixes = {r.id.split("-", 1)[0] for r in items}
    if len(prefixes) != 1 or any(r.id != f"{next(iter(prefixes))}-{r.number}{r.part or ''}" for r in items):
        return None
    return f"{next(iter(prefixes))}-{cited.number}{cited.letter or ''}"


def citation_findings(text: str, context: GuardContext) -> list[GuardFinding]:
    """Recommendation numbers or ids that cannot exist in the set."""
    findings = []
    counts = part_counts(context.rec_set)
    extra = part_counts(context.rec_set, "research_only")
    limits = {g: counts[g] + extra.get(g, 0) for g in counts}
    numbered = [r for r in context.rec_set.items if not (r.part or "").startswith(GOOD_PRACTICE_PART)]  # 'GPS 1' is numbered apart
    declared = bool(context.rec_set.expected_counts)
    for cited in cited_numbers(text, context.rec_set.domain):
        limit = limits.get(cited.guideline) if cited.guideline else max(limits.values(), default=0)
        if reason := _unknown_citation(cited, limit or 0, numbered, declared):
            findings.append(GuardFinding("unknown_recommendation", reason, _cited_id(cited, numbered), (cited.start, cited.end)))
    for start, end, item_id in cited_item_ids(text, context.rec_set.domain):
        if context.rec_set.get(item_id) is None:
            findings.append(
                GuardFinding("unknown_recommendation", f"{item_id} is not an item of the recommendation set", None, (start, end))
            )
    return findings + claimed_item_findings(text, context)


def verify_quote(quote: Quote, documents: dict[str, Document]) -> Quote:
    """The quote with `verified` set by re-slicing the canonical text at its offsets."""
    document = documents.get(quote.document_id)
    verified = document is not None and document.text[quote.char_start : quote.char_end] == quote.text
    return replace(quote, verified=verified)
