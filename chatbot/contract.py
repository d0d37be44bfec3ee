"""The reply contract: a Reply as the JSON body of `ask --json` and `POST /v1/chat`."""

from __future__ import annotations

from chatbot.recommendations import RecommendationSet
from chatbot.types import Quote, Reply


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
    }


def recommendation_json(rec) -> dict:
    """The structured fields of one recommendation, as the reply shows them."""
    return {
        "id": rec.id,
        "guideline": rec.guideline,
        "number": rec.number,
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
        "guard": {
            "verdict": reply.guard.verdict,
            "findings": [
                {"kind": f.kind, "message": f.message, "recommendation_id": f.recommendation_id, "span": list(f.span) if f.span else None}
                for f in reply.guard.findings
            ],
        },
        "corpus_version": reply.corpus_version,
        "settings_fingerprint": reply.settings_fingerprint,
        "timings_ms": {stage: round(ms, 2) for stage, ms in reply.timings_ms.items()},
    }
