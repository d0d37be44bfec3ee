"""Findings about what a text cites: quotations not found verbatim, recommendation numbers and ids the set lacks."""

from __future__ import annotations

from rapidfuzz import fuzz

from chatbot.guard.claims import QuotedText, cited_item_ids, cited_numbers, quoted_texts
from chatbot.guard.context import GuardContext, part_counts, squash
from chatbot.types import GuardFinding


def _quoted_item(text: str, quoted: QuotedText, context: GuardContext) -> str | None:
    """The item a quotation is presented as when a recommendation number is cited just before it ('Rec 6 says "..."')."""
    lead = text[max(0, quoted.start - 60) : quoted.start]
    numbers = cited_numbers(lead, context.rec_set.domain)
    cited = [
        rec.id for n in numbers[-1:] for rec in context.rec_set.items if rec.number == n.number and n.guideline in (None, rec.guideline)
    ]
    return cited[0] if len(cited) == 1 else None


def quote_findings(text: str, context: GuardContext) -> list[GuardFinding]:
    """A finding for each quotation not found verbatim, naming the closest passage and its similarity."""
    findings = []
    for quoted in quoted_texts(text):
        wanted = squash(quoted.text).strip(" .,;")
        if any(wanted in body for body in context.squashed):
            continue
        similarity, position = max(((fuzz.partial_ratio(wanted, body), i) for i, body in enumerate(context.squashed)), default=(0.0, -1))
        closest = context.passages[position] if position >= 0 else None
        where = f"closest passage {closest.id} (similarity {similarity:.0f}%)" if closest else "the corpus is empty"
        about = _quoted_item(text, quoted, context) or (closest.recommendation_id if closest else None)
        findings.append(GuardFinding("unverifiable_quote", f"not found verbatim in the corpus; {where}", about, (quoted.start, quoted.end)))
    return findings


def citation_findings(text: str, context: GuardContext) -> list[GuardFinding]:
    """Recommendation numbers or ids that cannot exist in the set."""
    findings = []
    counts = part_counts(context.rec_set)
    extra = part_counts(context.rec_set, "research_only")
    limits = {g: counts[g] + extra.get(g, 0) for g in counts}
    for cited in cited_numbers(text, context.rec_set.domain):
        limit = limits.get(cited.guideline) if cited.guideline else max(limits.values(), default=0)
        if limit and not 1 <= cited.number <= limit:
            where = cited.guideline.replace("_", "/") if cited.guideline else "either guideline"
            findings.append(
                GuardFinding(
                    "unknown_recommendation",
                    f"recommendation {cited.number} does not exist in {where} (it has {limit})",
                    None,
                    (cited.start, cited.end),
                )
            )
    for start, end, item_id in cited_item_ids(text, context.rec_set.domain):
        if context.rec_set.get(item_id) is None:
            findings.append(
                GuardFinding("unknown_recommendation", f"{item_id} is not an item of the recommendation set", None, (start, end))
            )
    return findings
