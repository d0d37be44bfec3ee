"""The reply contract: a Reply as the JSON body of `ask --json` and `POST /v1/chat`."""

from __future__ import annotations

from chatbot.recs.schema import RecommendationSet
from chatbot.types import GuardReport, Hit, Quote, QuoteSource, Reply


def quote_json(quote: Quote) -> dict:
    """One quote with its citation."""
    return {
        "text": quote.text,
        "document_id": quote.document_id,
        "document_title": quote.document_title,
        "document_kind": quote.document_kind.value,
        "section": quote.section,
        "page": quote.page,
        "char_start": quote.char_start,
        "char_end": quote.char_end,
        "recommendation_id": quote.recommendation_id,
        "verified": quote.verified,
        "pack": quote.pack,
        "source": source_json(quote.source),
    }


def source_json(source: QuoteSource | None) -> dict | None:
    """Where a quote is in its source: for a PDF its first page and boxes (page fractions, origin top-left)."""
    if source is None:
        return None
    return {
        "kind": source.kind,
        "page": source.page,
        "page_count": source.page_count,
        "boxes": [{"page": b.page, "x0": b.x0, "y0": b.y0, "x1": b.x1, "y1": b.y1} for b in source.boxes],
        "section": source.section,
        "char_start": source.char_start,
        "char_end": source.char_end,
    }


def guard_json(report: GuardReport, text: str | None = None) -> dict:
    """A guard report: verdict and findings (with the checked text's span and, when given, its words)."""
    findings = []
    for finding in report.findings:
        body = {"kind": finding.kind, "message": finding.message, "recommendation_id": finding.recommendation_id}
        body["span"] = list(finding.span) if finding.span else None
        if text is not None and finding.span:
            body["text"] = text[finding.span[0] : finding.span[1]]
        findings.append(body)
    return {"verdict": report.verdict, "findings": findings}


def hit_json(hit: Hit, rank: int) -> dict:
    """One retrieved passage: where it is and how it ranked."""
    passage = hit.passage
    return {
        "rank": rank,
        "passage_id": passage.id,
        "document_id": passage.document_id,
        "recommendation_id": passage.recommendation_id,
        "section": " > ".join(passage.section_path),
        "page": passage.page_start,
        "score": round(hit.fused_score, 6),
        "dense_score": None if hit.dense_score is None else round(hit.dense_score, 4),
        "lexical_score": None if hit.lexical_score is None else round(hit.lexical_score, 4),
    }


def recommendation_json(rec) -> dict:
    """The structured fields of one recommendation, as the reply shows them."""
    return {
        "id": rec.id,
        "guideline": rec.guideline,
        "number": rec.number,
        "part": rec.part,
        "kind": rec.kind,
        "status": rec.status,
        "title": rec.title,
        "direction": rec.direction,
        "strength": rec.strength,
        "certainty": rec.certainty,
        "population": rec.population.model_dump(mode="json"),
        "intervention": rec.intervention,
        "comparator": rec.comparator,
        "confidence": rec.confidence,
        "sources": list(rec.sources),
        "labels": dict(rec.labels),
        "statement": rec.statement.model_dump(mode="json") if rec.statement else None,
    }


def reply_json(reply: Reply, rec_set: RecommendationSet) -> dict:
    """The whole reply as the contract's JSON object."""
    answer = reply.answer
    recs = [rec_set.get(rec_id) for rec_id in answer.recommendation_ids]
    return {
        "answer_id": reply.answer_id,
        "session_id": reply.session_id,
        "question": reply.question,
        "resolved_question": reply.resolved_question,
        "status": answer.status.value,
        "summary": answer.summary,
        "quotes": [quote_json(q) for q in answer.quotes],
        "recommendations": [recommendation_json(r) for r in recs if r is not None],
        "closest_topics": list(answer.closest_topics),
        "follow_ups": list(answer.follow_ups),
        "clarification_options": list(answer.clarification_options),
        "guard": guard_json(reply.guard),
        "retrieved": [hit_json(hit, rank) for rank, hit in enumerate(reply.retrieved, start=1)],
        "corpus_version": reply.corpus_version,
        "pack": reply.pack_id,
        "settings_fingerprint": reply.settings_fingerprint,
        "timings_ms": {stage: round(ms, 2) for stage, ms in reply.timings_ms.items()},
    }


# The reply contract's required keys (fields may be added; these names stay).
REPLY_KEYS = (
    "answer_id", "session_id", "question", "resolved_question", "status", "summary", "quotes",
    "recommendations", "guard", "corpus_version", "timings_ms",
)
QUOTE_KEYS = (
    "text", "document_id", "document_title", "document_kind", "section", "page", "char_start", "char_end",
    "recommendation_id", "verified",
)
RECOMMENDATION_KEYS = (
    "id", "guideline", "number", "kind", "status", "direction", "strength", "certainty", "population",
    "intervention", "comparator", "confidence",
)


def missing_fields(body: dict) -> list[str]:
    """Contract keys absent from a reply body, as dotted paths (empty when complete)."""
    missing = [key for key in REPLY_KEYS if key not in body]
    missing += [f"quotes[{i}].{k}" for i, q in enumerate(body.get("quotes", [])) for k in QUOTE_KEYS if k not in q]
    missing += [
        f"recommendations[{i}].{k}" for i, r in enumerate(body.get("recommendations", [])) for k in RECOMMENDATION_KEYS if k not in r
    ]
    missing += [f"guard.{k}" for k in ("verdict", "findings") if k not in body.get("guard", {})]
    return missing
