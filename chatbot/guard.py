"""Rules guard over an answer: quotes must be verbatim, cited recommendations must exist."""

from __future__ import annotations

from dataclasses import replace

from chatbot.recommendations import RecommendationSet
from chatbot.types import Answer, Document, GuardFinding, GuardReport, Quote

FAILING_KINDS = frozenset({"direction_contradiction", "population_mismatch", "unknown_recommendation", "unverifiable_quote"})


def verify_quote(quote: Quote, documents: dict[str, Document]) -> Quote:
    """The quote with `verified` set by re-slicing the canonical text at its offsets."""
    document = documents.get(quote.document_id)
    verified = document is not None and document.text[quote.char_start : quote.char_end] == quote.text
    return replace(quote, verified=verified)


def verdict(findings: list[GuardFinding]) -> str:
    """fail for contradictions, mismatches, unknown items and bad quotes; warn for the rest."""
    if any(f.kind in FAILING_KINDS for f in findings):
        return "fail"
    return "warn" if findings else "pass"


def check_answer(answer: Answer, rec_set: RecommendationSet) -> GuardReport:
    """Findings for an answer whose quotes were already verified."""
    findings = [
        GuardFinding("unverifiable_quote", f"quote {n} is not found verbatim in {q.document_id} at {q.char_start}-{q.char_end}", q.recommendation_id)
        for n, q in enumerate(answer.quotes, start=1)
        if not q.verified
    ]
    findings += [
        GuardFinding("unknown_recommendation", f"{rec_id} is not in the recommendation set", rec_id)
        for rec_id in answer.recommendation_ids
        if rec_set.get(rec_id) is None
    ]
    return GuardReport(verdict(findings), tuple(findings))
