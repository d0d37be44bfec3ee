"""Evaluation runs: the real Chatbot over a gold set under several configurations, scored with ir-measures."""

from __future__ import annotations

import statistics
from collections.abc import Callable
from dataclasses import dataclass, field

from chatbot.core import Chatbot
from chatbot.evaluation.gold import SEPARATE_CATEGORIES, GoldSet
from chatbot.reply import contract_problems, reply_body
from chatbot.types import AnswerStatus, Passage, Reply

ABSTENTIONS = (AnswerStatus.NOT_FOUND, AnswerStatus.OUT_OF_SCOPE, AnswerStatus.NEEDS_CLARIFICATION)
CUTOFFS = (1, 3, 5, 10)


@dataclass(frozen=True)
class Configuration:
    """A named set of retrieval settings compared in one run."""

    name: str
    overrides: dict[str, object]
    description: str


CONFIGURATIONS = (
    Configuration("bm25", {"use_dense": False}, "BM25 only (with synonym expansion)"),
    Configuration("dense", {"use_lexical": False}, "dense only (with synonym expansion)"),
    Configuration("hybrid", {"synonym_expansion": False}, "dense + BM25, RRF, no synonym expansion"),
    Configuration("hybrid+synonyms", {}, "dense + BM25, RRF, synonym expansion (production settings)"),
)
PRIMARY = "hybrid+synonyms"


@dataclass(frozen=True)
class TurnResult:
    """What one question of the gold set expected and what came back under one configuration."""

    configuration: str
    item_id: str
    category: str
    turn: int
    question: str
    expected_status: str
    acceptable_statuses: tuple[str, ...]
    expected_ids: tuple[str, ...]
    status: str
    resolved_question: str
    ranked_ids: tuple[str, ...]
    answer_ids: tuple[str, ...]
    quotes: int
    quotes_verbatim: int
    citations_complete: int
    missing_fields: tuple[str, ...]
    guard_verdict: str
    timings_ms: dict[str, float] = field(default_factory=dict)
    reason: str = ""  # the summary: why the bot answered or declined
    uncovered: tuple[str, ...] = ()

    @property
    def status_correct(self) -> bool:
        """Whether the status is the expected one or an acceptable one."""
        return self.status == self.expected_status or self.status in self.acceptable_statuses

    @property
    def counts_for_targets(self) -> bool:
        """Multi-turn and ambiguous-population items are reported on their own rows."""
        return self.category not in SEPARATE_CATEGORIES


def topic_id(passage: Passage) -> str:
    """What a retrieved passage is about: its recommendation id, or 'section:<innermost heading>'."""
    if passage.recommendation_id:
        return passage.recommendation_id
    return f"section:{passage.section_path[-1]}" if passage.section_path else "section:"


def ranked_topics(reply: Reply) -> tuple[str, ...]:
    """Topic ids of the retrieved passages, best first, each once; a turn answered from the dialogue state (no search) ranks its items."""
    return tuple(dict.fromkeys(topic_id(hit.passage) for hit in reply.retrieved)) or reply.answer.recommendation_ids


def ranked_pages(reply: Reply) -> tuple[str, ...]:
    """'page:N' of the retrieved passages' first pages, best first, each once (for page-judged gold turns)."""
    return tuple(dict.fromkeys(f"page:{hit.passage.page_start}" for hit in reply.retrieved if hit.passage.page_start))


def _quote_checks(reply: Reply, bot: Chatbot) -> tuple[int, int]:
    """(quotes equal to their canonical slice, quotes with a complete citation)."""
    verbatim = complete = 0
    for quote in reply.answer.quotes:
        document = bot.document(quote.document_id)
        if document is None:
            continue
        verbatim += document.text[quote.char_start : quote.char_end] == quote.text
        has_page = quote.page is not None or not document.pages
        complete += bool(quote.document_id and quote.document_title and quote.section) and has_page
    return verbatim, complete


def run_configuration(
    bot: Chatbot, gold: GoldSet, configuration: Configuration, on_turn: Callable[[], None] | None = None
) -> list[TurnResult]:
    """Ask every gold question (chains in one session) of a bot built with the configuration's settings."""
    results: list[TurnResult] = []
    for item in gold.items:
        session_id: str | None = None
        for number, turn in enumerate(item.as_turns(), start=1):
            reply = bot.ask(turn.question, session_id=session_id, channel="eval")
            session_id = reply.session_id
            verbatim, complete = _quote_checks(reply, bot)
            results.append(
                TurnResult(
                    configuration=configuration.name,
                    item_id=item.id,
                    category=item.category,
                    turn=number,
                    question=turn.question,
                    expected_status=turn.expected_status.value,
                    acceptable_statuses=tuple(s.value for s in turn.acceptable_statuses),
                    expected_ids=turn.expected_ids or tuple(f"page:{page}" for page in turn.expected_pages),
                    status=reply.answer.status.value,
                    resolved_question=reply.resolved_question,
                    ranked_ids=ranked_topics(reply) if turn.expected_ids or not turn.expected_pages else ranked_pages(reply),
                    answer_ids=reply.answer.recommendation_ids,
                    quotes=len(reply.answer.quotes),
                    quotes_verbatim=verbatim,
                    citations_complete=complete,
                    missing_fields=tuple(contract_problems(reply_body(reply, bot.rec_set).model_dump(mode="json"))),
                    guard_verdict=reply.guard.verdict,
                    timings_ms=dict(reply.timings_ms),
                    reason=reply.answer.summary,
                    uncovered=reply.answer.uncovered,
                )
            )
            if on_turn:
                on_turn()
    return results


def _key(result: TurnResult) -> str:
    """A query id unique within one configuration."""
    return f"{result.item_id}#{result.turn}"


def retrieval_metrics(results: list[TurnResult]) -> dict[str, float]:
    """recall@k, MRR and nDCG@10 over topic ids (ir-measures), for turns that have expected ids."""
    import ir_measures
    from ir_measures import RR, R, nDCG

    scored = [r for r in results if r.expected_ids]
    if not scored:
        return {}
    qrels = [ir_measures.Qrel(_key(r), doc_id, len(r.expected_ids) - rank) for r in scored for rank, doc_id in enumerate(r.expected_ids)]
    run = [
        ir_measures.ScoredDoc(_key(r), doc_id, float(len(r.ranked_ids) - rank)) for r in scored for rank, doc_id in enumerate(r.ranked_ids)
    ]
    measures = [R @ k for k in CUTOFFS] + [RR, nDCG @ 10]
    values = ir_measures.calc_aggregate(measures, qrels, run)
    names = {**{R @ k: f"recall@{k}" for k in CUTOFFS}, RR: "mrr", nDCG @ 10: "ndcg@10"}
    return {names[m]: round(float(v), 4) for m, v in values.items()}


def status_metrics(results: list[TurnResult]) -> dict[str, float]:
    """Status accuracy, and precision/recall of each abstention status."""
    if not results:
        return {}
    metrics: dict[str, float] = {"status_accuracy": round(sum(r.status_correct for r in results) / len(results), 4)}
    for status in ABSTENTIONS:
        predicted = [r for r in results if r.status == status.value]
        expected = [r for r in results if r.expected_status == status.value]
        hits = [r for r in predicted if r.expected_status == status.value or status.value in r.acceptable_statuses]
        if predicted:
            metrics[f"{status.value}_precision"] = round(len(hits) / len(predicted), 4)
        if expected:
            metrics[f"{status.value}_recall"] = round(sum(r.status == status.value for r in expected) / len(expected), 4)
    return metrics


def quote_metrics(results: list[TurnResult]) -> dict[str, float]:
    """Verbatim rate and citation completeness over every quote, and replies missing contract fields."""
    quotes = sum(r.quotes for r in results)
    return {
        "quotes": quotes,
        "verbatim_rate": round(sum(r.quotes_verbatim for r in results) / quotes, 4) if quotes else 1.0,
        "citation_completeness": round(sum(r.citations_complete for r in results) / quotes, 4) if quotes else 1.0,
        "replies_missing_fields": sum(bool(r.missing_fields) for r in results),
    }


def _percentile(values: list[float], share: float) -> float:
    """Nearest-rank percentile."""
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, max(0, round(share * len(ordered)) - 1))]


def latency_metrics(results: list[TurnResult]) -> dict[str, dict[str, float]]:
    """p50 and p95 per stage, in milliseconds."""
    stages: dict[str, list[float]] = {}
    for result in results:
        for stage, ms in result.timings_ms.items():
            stages.setdefault(stage, []).append(ms)
    return {stage: {"p50": round(statistics.median(v), 2), "p95": round(_percentile(v, 0.95), 2)} for stage, v in stages.items()}


def summarise(results: list[TurnResult]) -> dict[str, object]:
    """Every metric of one configuration: target rows, separate rows, per category, latency."""
    targeted = [r for r in results if r.counts_for_targets]
    summary: dict[str, object] = {
        **retrieval_metrics(targeted),
        **status_metrics(targeted),
        **quote_metrics(results),
        "questions": len(targeted),
        "latency_ms": latency_metrics(results),
    }
    rows: dict[str, dict[str, float]] = {}
    for category in sorted({r.category for r in results}):
        subset = [r for r in results if r.category == category]
        rows[category] = {"questions": len(subset), **status_metrics(subset), **retrieval_metrics(subset)}
    summary["categories"] = rows
    return summary


def misses(results: list[TurnResult], cutoff: int = 5) -> list[TurnResult]:
    """Turns with a wrong status, or whose expected ids are all outside the top `cutoff`."""
    return [r for r in results if not r.status_correct or (r.expected_ids and not set(r.expected_ids) & set(r.ranked_ids[:cutoff]))]
